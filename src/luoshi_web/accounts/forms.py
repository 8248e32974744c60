"""The login forms (the site's and the admin's), with the failed-login throttle and messages in Chinese."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

from luoshi_web.accounts import throttle


class ThrottleMixin:
    """Count the attempt before checking the password; refuse to check it while the name or address is locked out."""

    request: Any
    cleaned_data: dict[str, Any]
    error_messages: Any

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.error_messages = {
            **self.error_messages,
            "invalid_login": "用户名或密码不正确。注意密码区分大小写。",
            "inactive": "该账号已停用，请联系政府办。",
            "service_account": "服务账号只能通过接口令牌读取数据，不能登录网页。",
            "locked": "登录失败次数过多，请 %(minutes)s 分钟后再试，或联系政府办重置密码。",
        }

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)  # type: ignore[misc]
        if getattr(user, "service_account", False):
            raise forms.ValidationError(self.error_messages["service_account"], code="service_account")

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        ip = throttle.client_ip(self.request) if self.request else None
        if username and not throttle.reserve(username, ip):
            raise forms.ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": settings.LOGIN_FAILURE_WINDOW // 60},
            )
        # The reservation stands as the failure if the password is wrong; a right one takes it back.
        cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        throttle.clear_failures(username)
        return cleaned


class ThrottledLoginForm(ThrottleMixin, AuthenticationForm):
    """Django's login form, throttled."""


class ThrottledAdminLoginForm(ThrottleMixin, AdminAuthenticationForm):
    """The admin's login form, throttled the same way (it was a way round the throttle)."""
