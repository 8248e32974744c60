"""Request guards every page shares: a login before anything, and headers that keep pages self-contained."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy: every script, style and font is served by the app itself."""

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
        return response
