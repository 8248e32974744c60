"""Logins, logouts and failed logins go into the audit trail (等保: 登录、退出、失败都有记录)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from luoshi_web.accounts.throttle import client_ip
from luoshi_web.audit import trail


def _where(request: Any) -> dict[str, Any]:
    if request is None:
        return {}
    return {"ip": client_ip(request), "path": request.path[:200]}


@receiver(user_logged_in, dispatch_uid="luoshi-audit-login")
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    trail.record(
        user,
        "login",
        user,
        after=_where(request),
        government_id=user.government_id,
        summary=f"{user.username} 登录",
    )


@receiver(user_logged_out, dispatch_uid="luoshi-audit-logout")
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is None:
        return
    trail.record(
        user, "logout", user, after=_where(request), government_id=user.government_id, summary=f"{user.username} 退出"
    )


@receiver(user_login_failed, dispatch_uid="luoshi-audit-login-failed")
def _login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    username = str(credentials.get("username", ""))[:150]
    trail.record(
        None,
        "login-failed",
        model="accounts.user",
        after={"username": username, **_where(request)},
        summary=f"登录失败：{username}",
    )
