"""Request guards every page shares: a login before anything, and headers that keep pages self-contained."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase

from luoshi_web.accounts import tokens
from luoshi_web.accounts.throttle import client_ip

API_PREFIX = "/api/"


class ApiTokenMiddleware:
    """An API call with ``Authorization: Bearer <token>`` acts as the token's user; a refused token is 401 in JSON.

    Only the API takes tokens: pages ignore the header, so a token never opens the web pages.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        header = request.META.get("HTTP_AUTHORIZATION")
        if header is not None and request.path.startswith(API_PREFIX):
            try:
                user = tokens.authenticate(header, client_ip(request))
            except tokens.Refused as refused:
                return refused.response()
            request.user = user
            # A token is sent deliberately, never by a browser on its own: no cross-site forgery to guard.
            request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
        return self.get_response(request)


class LoginRequiredEverywhereMiddleware(LoginRequiredMiddleware):
    """Every view needs a login; the JSON API answers 401 in JSON instead of redirecting to the login page."""

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., HttpResponseBase], view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        # A view open to all (the public page, /healthz) never reads the session: its answer is the same
        # for everyone (no ``Vary: Cookie``), so a proxy may cache it.
        if not getattr(view_func, "login_required", True):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)

    def handle_no_permission(  # type: ignore[override]
        self, request: HttpRequest, view_func: Callable[..., HttpResponseBase]
    ) -> HttpResponseBase:
        if request.path.startswith(API_PREFIX):
            response = JsonResponse(
                {"error": "未登录：请先登录，或在请求头中带上接口令牌（Authorization: Bearer <令牌>）。"},
                status=401,
                json_dumps_params={"ensure_ascii": False},
            )
            response["WWW-Authenticate"] = tokens.REALM
            return response
        return super().handle_no_permission(request, view_func)


def _open_to_all(view_func: Callable[..., HttpResponseBase]) -> bool:
    """A view that needs no login (the public page, /healthz): the middleware must not read the session for it,
    or its answer would vary with the cookie (``Vary: Cookie``) and no proxy could cache it."""
    return not getattr(view_func, "login_required", True)


class SessionRefreshMiddleware:
    """Keep an active session alive without writing it on every page: at most once per SESSION_REFRESH_SECONDS."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., HttpResponseBase], view_args: Any, view_kwargs: Any
    ) -> None:
        if _open_to_all(view_func):
            return
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            if now - int(request.session.get("_refreshed", 0)) >= settings.SESSION_REFRESH_SECONDS:
                request.session["_refreshed"] = now


class PasswordChangeRequiredMiddleware:
    """A user whose password the office set (a new account, a reset) changes it before any other page."""

    ALLOWED = ("/accounts/password", "/logout/", "/static/", "/healthz")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., HttpResponseBase], view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        if _open_to_all(view_func) or request.path.startswith(self.ALLOWED):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not getattr(user, "must_change_password", False):
            return None
        if request.path.startswith(API_PREFIX):
            return JsonResponse(
                {"error": "请先登录网页修改初始密码。"}, status=403, json_dumps_params={"ensure_ascii": False}
            )
        from django.shortcuts import redirect

        return redirect("accounts:password_change")


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy: every script, style and font is served by the app itself; and pages and
    files (logged-in data, the login form) are never kept by a browser's or a proxy's cache."""

    POLICY = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'"
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.setdefault("Content-Security-Policy", self.POLICY)
        # Static assets are served before this (whitenoise, with their own caching); all else is data.
        if "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response
