"""Request guards every page shares: a login before anything, and headers that keep pages self-contained."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase


class LoginRequiredEverywhereMiddleware(LoginRequiredMiddleware):
    """Every view needs a login; the JSON API answers 401 in JSON instead of redirecting to the login page."""

    def handle_no_permission(  # type: ignore[override]
        self, request: HttpRequest, view_func: Callable[..., HttpResponseBase]
    ) -> HttpResponseBase:
        if request.path.startswith("/api/"):
            return JsonResponse({"error": "未登录：请先登录后再调用接口。"}, status=401)
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
