"""API tokens: issued once in plain text, stored as a SHA-256 digest, checked on every API call that sends one.

A token is ``ls_`` and 43 URL-safe random characters (256 bits), so a fast digest is enough: nobody can
guess one, and a stolen database yields no usable token. A caller sends it as
``Authorization: Bearer <token>`` and then acts as the token's user, with exactly that user's
permissions. Every refused token is answered 401 with a JSON body in Chinese; an address that keeps
sending bad tokens is refused (429) for a while, whatever it sends.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import JsonResponse
from django.utils import timezone

from luoshi_web import roles
from luoshi_web.accounts.models import ApiToken, ApiTokenFailure, User
from luoshi_web.audit import trail

PREFIX = "ls_"
_SHAPE = re.compile(r"^ls_[A-Za-z0-9_-]{20,100}$")
# Recording every call's time would write on every read; to the minute is enough to see a token in use.
_LAST_USED_STEP = dt.timedelta(seconds=60)
# How long a token may live, in days (0: until revoked), as offered on the page.
LIFETIMES = ((30, "30天"), (90, "90天"), (180, "180天"), (365, "一年"), (0, "不过期（直到撤销）"))
REALM = 'Bearer realm="luoshi"'


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue(user: User, name: str, days: int, *, created_by: Any) -> tuple[ApiToken, str]:
    """A new token for ``user``: the stored record and the token itself, which is never stored."""
    token = PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    record = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=token[:10],
        digest=digest(token),
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
        expires_at=now + dt.timedelta(days=days) if days else None,
    )
    trail.record(
        created_by,
        "token_create",
        record,
        after=trail.snapshot(record, ["user_id", "name", "prefix", "expires_at"]),
        summary=f"为“{user.display_name}”创建接口令牌“{name}”",
        government_id=government_of(user),
    )
    return record, token


def revoke(record: ApiToken, by: Any) -> None:
    record.revoked_at = timezone.now()
    record.revoked_by = by
    record.save(update_fields=["revoked_at", "revoked_by"])
    trail.record(
        by,
        "token_revoke",
        record,
        after={"revoked_at": record.revoked_at},
        summary=f"撤销接口令牌“{record.name}”（{record.prefix}…）",
        government_id=government_of(record.user),
    )


def government_of(user: User) -> int | None:
    if user.government_id is not None:
        return user.government_id
    return user.unit.government_id if user.unit is not None else None


def manageable(user: Any) -> QuerySet[ApiToken]:
    """The tokens ``user`` may see and revoke: their own; the office's also every token of its government."""
    tokens = ApiToken.objects.select_related("user", "user__unit")
    if roles.sees_all_governments(user):
        return tokens
    if roles.is_office(user) and user.government_id:
        gid = user.government_id
        return tokens.filter(Q(user=user) | Q(user__government_id=gid) | Q(user__unit__government_id=gid))
    return tokens.filter(user=user)


# --------------------------------------------------------------------------- checking a call


class Refused(Exception):
    """A call whose token is not accepted: the status, and what to tell the caller in Chinese."""

    def __init__(self, status: int, message: str, error: str = "invalid_token") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.error = error  # RFC 6750's error code, for the WWW-Authenticate header

    def response(self) -> JsonResponse:
        response = JsonResponse({"error": self.message}, status=self.status, json_dumps_params={"ensure_ascii": False})
        if self.status == 401:
            response["WWW-Authenticate"] = f'{REALM}, error="{self.error}"'
        else:
            response["Retry-After"] = str(settings.API_TOKEN_FAILURE_WINDOW)
        return response


def authenticate(header: str, ip: str | None) -> User:
    """The user an ``Authorization`` header's token acts as; ``Refused`` (401, or 429 when throttled) if none."""
    if is_locked(ip):
        raise Refused(
            429,
            f"令牌验证失败次数过多，请 {settings.API_TOKEN_FAILURE_WINDOW // 60} 分钟后再试，并检查所用的令牌。",
            "too_many_failures",
        )
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer":
        raise _failure(ip, "请求头 Authorization 的格式应为“Bearer <令牌>”。", "invalid_request")
    if not _SHAPE.match(token):
        raise _failure(ip, "令牌无效：请检查是否完整复制了令牌。")
    record = ApiToken.objects.select_related("user", "user__unit").filter(digest=digest(token)).first()
    if record is None:
        raise _failure(ip, "令牌无效：没有这个令牌，请检查是否完整复制了令牌。")
    now = timezone.now()
    state = record.state(now)
    if state == "revoked":
        raise _failure(ip, "令牌已被撤销，请向账号所有人或政府办申请新的令牌。")
    if state == "expired":
        raise _failure(ip, "令牌已过期，请在“接口令牌”页面创建新的令牌。")
    if not record.user.is_active:
        raise _failure(ip, "令牌所属账号已停用，请联系政府办。")
    if record.last_used_at is None or now - record.last_used_at >= _LAST_USED_STEP or record.last_used_ip != ip:
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now, last_used_ip=ip)
    return record.user


def _failure(ip: str | None, message: str, error: str = "invalid_token") -> Refused:
    window_start = timezone.now() - dt.timedelta(seconds=settings.API_TOKEN_FAILURE_WINDOW)
    ApiTokenFailure.objects.filter(at__lt=window_start).delete()
    ApiTokenFailure.objects.create(ip=ip)
    return Refused(401, message, error)


def is_locked(ip: str | None) -> bool:
    """Whether this address has sent too many refused tokens within the window."""
    window_start = timezone.now() - dt.timedelta(seconds=settings.API_TOKEN_FAILURE_WINDOW)
    recent = ApiTokenFailure.objects.filter(at__gte=window_start)
    recent = recent.filter(ip=ip) if ip else recent.filter(ip__isnull=True)
    return recent.count() >= settings.API_TOKEN_FAILURE_LIMIT
