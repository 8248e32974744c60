"""Admin for the audit trail (read-only, since the trail is append-only), and the audited base every admin uses."""

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from luoshi_web.audit import trail
from luoshi_web.audit.models import AuditEvent

# Secrets never go into the trail, not even hashed.
HIDDEN_FIELDS = frozenset({"password", "digest"})


def _snapshot(obj: Model) -> dict[str, Any]:
    return {k: v for k, v in trail.snapshot(obj).items() if k not in HIDDEN_FIELDS}


class AuditedAdmin(admin.ModelAdmin):
    """Every add, change and delete made in the admin (reopening a period, say) leaves an audit event."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = None
        if change and obj.pk is not None:
            stored = type(obj)._default_manager.filter(pk=obj.pk).first()
            before = _snapshot(stored) if stored is not None else None
        super().save_model(request, obj, form, change)
        action = "admin-change" if change else "admin-add"
        trail.record(
            request.user,
            action,
            obj,
            before=before,
            after=_snapshot(obj),
            summary=f"后台{'修改' if change else '新增'}{obj._meta.verbose_name}“{obj}”",
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        before, label, pk = _snapshot(obj), str(obj), obj.pk
        event_obj = obj
        super().delete_model(request, obj)
        trail.record(
            request.user,
            "admin-delete",
            event_obj,
            before=before,
            object_id=str(pk),
            summary=f"后台删除{obj._meta.verbose_name}“{label}”",
        )

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in list(queryset):
            self.delete_model(request, obj)


@admin.register(AuditEvent)
class AuditEventAdmin(AuditedAdmin):
    list_display = ("at", "user", "action", "model", "object_id", "summary")
    list_filter = ("action", "model", "government")
    search_fields = ("summary", "object_id")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
