"""Admin for the unit directory (the office's staff may use Django's admin)."""

from django.contrib import admin

from luoshi_web.audit.admin import AuditedAdmin
from luoshi_web.units.models import Government, Unit, UnitAlias, UnitRename


class AliasInline(admin.TabularInline):
    model = UnitAlias
    fields = ("name",)
    extra = 0


@admin.register(Government)
class GovernmentAdmin(AuditedAdmin):
    list_display = ("name", "full_name", "level", "parent")


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ("name", "government", "kind", "active", "successor")
    list_filter = ("government", "kind", "active")
    search_fields = ("name", "aliases__name")
    inlines = (AliasInline,)
    filter_horizontal = ("members",)


@admin.register(UnitRename)
class UnitRenameAdmin(AuditedAdmin):
    list_display = ("unit", "old_name", "new_name", "renamed_on")
