"""Admin for the audit trail: read-only, since the trail is append-only."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from luoshi_web.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "user", "action", "model", "object_id", "summary")
    list_filter = ("action", "model", "government")
    search_fields = ("summary", "object_id")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
