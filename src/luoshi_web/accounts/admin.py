"""Admin for users and roles."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from luoshi_web.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "first_name", "role", "government", "unit", "is_active")
    list_filter = ("role", "government", "is_active")
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("角色", {"fields": ("role", "government", "unit", "phone")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        ("角色", {"fields": ("role", "government", "unit")}),
    )
