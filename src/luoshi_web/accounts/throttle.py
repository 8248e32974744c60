"""Refuse logins after repeated failures for one user name or from one address, for a while.

A guess is counted *before* its password is checked (``reserve``): the count and the row it adds are
one step under a lock, so guesses sent in parallel cannot all pass the check while the first ones are
still being hashed. A right password takes its reservation back (``clear_failures``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from luoshi_web.accounts.models import LoginFailure

# Threads of one process take turns here; processes sharing PostgreSQL take turns on advisory locks
# (a SQLite file serialises writers itself: transactions begin IMMEDIATE).
_LOCAL = threading.Lock()


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, counting ``TRUSTED_PROXY_COUNT`` proxies in front of the app.

    Each proxy appends the address it received the request from to X-Forwarded-For, so with N
    trusted proxies the client is the N-th address from the right (REMOTE_ADDR being the last hop).
    Anything further left was written by the client and can be anything; with no trusted proxy the
    header is ignored.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    hops.append(remote or "")
    chosen = hops[-(count + 1)] if len(hops) > count else hops[0]
    return chosen or None


def _window_start() -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)


def _advisory_locks(*keys: str) -> None:
    if connection.vendor != "postgresql":
        return
    ids = sorted({int.from_bytes(hashlib.sha256(k.encode()).digest()[:8], "big", signed=True) for k in keys})
    with connection.cursor() as cursor:
        for key in ids:  # always in the same order: two requests never wait on each other in a circle
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _locked(username: str, ip: str | None) -> bool:
    recent = LoginFailure.objects.filter(at__gte=_window_start())
    if recent.filter(username=username.lower()).count() >= settings.LOGIN_FAILURE_LIMIT:
        return True
    return bool(ip and recent.filter(ip=ip).count() >= 4 * settings.LOGIN_FAILURE_LIMIT)


def is_locked(username: str, ip: str | None) -> bool:
    """Whether this user name, or this address, has failed too often within the window."""
    return _locked(username, ip)


def reserve(username: str, ip: str | None) -> bool:
    """Count one attempt for ``username`` from ``ip`` unless they are locked out; False when locked out."""
    with _LOCAL, transaction.atomic():
        _advisory_locks(f"login-user:{username.lower()}", f"login-ip:{ip}")
        if _locked(username, ip):
            return False
        LoginFailure.objects.filter(at__lt=_window_start()).delete()
        LoginFailure.objects.create(username=username.lower()[:150], ip=ip)
        return True


def clear_failures(username: str) -> None:
    with _LOCAL:
        LoginFailure.objects.filter(username=username.lower()).delete()
