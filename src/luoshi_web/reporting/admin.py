"""Admin for reporting periods (entries are read-only: corrections are new versions)."""

from django.contrib import admin

from luoshi_web.reporting.models import Period


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    list_display = ("name", "plan", "start", "end", "due", "closed_at")
    list_filter = ("plan",)
