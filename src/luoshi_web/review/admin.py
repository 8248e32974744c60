"""Admin for adjustments and reminders."""

from django.contrib import admin

from luoshi_web.review.models import Adjustment, Reminder


@admin.register(Adjustment)
class AdjustmentAdmin(admin.ModelAdmin):
    list_display = ("task", "approved_by", "approved_on", "deemed_done")


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("unit", "message", "created_at", "read_at", "webhook_result")
