"""Admin for reminders."""

from django.contrib import admin

from luoshi_web.audit.admin import AuditedAdmin
from luoshi_web.review.models import Reminder


@admin.register(Reminder)
class ReminderAdmin(AuditedAdmin):
    list_display = ("unit", "message", "created_at", "read_at", "webhook_result")
