"""Refuse logins after repeated failures for one user name or from one address, for a while."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from luoshi_web.accounts.models import LoginFailure


def client_ip(request: HttpRequest) -> str | None:
    """The client's address; behind the configured HTTPS proxy, the one the proxy saw (X-Forwarded-For)."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[0].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR") or None


def _window_start() -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)


def is_locked(username: str, ip: str | None) -> bool:
    """Whether this user name, or this address, has failed too often within the window."""
    recent = LoginFailure.objects.filter(at__gte=_window_start())
    if recent.filter(username=username.lower()).count() >= settings.LOGIN_FAILURE_LIMIT:
        return True
    return bool(ip and recent.filter(ip=ip).count() >= 4 * settings.LOGIN_FAILURE_LIMIT)


def note_failure(username: str, ip: str | None) -> None:
    LoginFailure.objects.filter(at__lt=_window_start()).delete()
    LoginFailure.objects.create(username=username.lower()[:150], ip=ip)


def clear_failures(username: str) -> None:
    LoginFailure.objects.filter(username=username.lower()).delete()
