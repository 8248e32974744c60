"""Admin for users and roles, and a read-only view of API tokens (created on the 接口令牌 page only)."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from luoshi_web.accounts import tokens
from luoshi_web.accounts.forms import ThrottledAdminLoginForm
from luoshi_web.accounts.models import ApiToken, User
from luoshi_web.audit.admin import AuditedAdmin

# The admin's login counts failures and locks out like the site's own.
admin.site.login_form = ThrottledAdminLoginForm


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    list_display = ("username", "first_name", "role", "government", "unit", "service_account", "is_active")
    list_filter = ("role", "government", "service_account", "is_active")
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("角色", {"fields": ("role", "government", "unit", "phone", "service_account")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        ("角色", {"fields": ("role", "government", "unit")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    """Tokens are listed and revoked here; a token is only ever shown once, on the page that creates it."""

    list_display = ("name", "user", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "user__username")
    readonly_fields = tuple(f.name for f in ApiToken._meta.fields)
    actions = ("revoke",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="撤销所选令牌")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for record in queryset.filter(revoked_at__isnull=True).select_related("user"):
            tokens.revoke(record, request.user)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).select_related("user")
