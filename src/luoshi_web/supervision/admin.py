"""Admin for the 督办 records (edits audited like every admin)."""

from django.contrib import admin

from luoshi_web.audit.admin import AuditedAdmin
from luoshi_web.supervision.models import Ladder, Notice, UnitRequest


@admin.register(Ladder)
class LadderAdmin(AuditedAdmin):
    list_display = ("government", "before_days", "after_days", "escalate_after_days")


@admin.register(Notice)
class NoticeAdmin(AuditedAdmin):
    list_display = ("number", "unit", "task", "state", "reply_by")
    list_filter = ("government", "state", "year")


@admin.register(UnitRequest)
class UnitRequestAdmin(AuditedAdmin):
    list_display = ("kind", "unit", "task", "state", "asked_at")
    list_filter = ("government", "kind", "state")
