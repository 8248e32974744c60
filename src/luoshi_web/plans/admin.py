"""Admin for plans and tasks, their reporting periods and target adjustments."""

from django.contrib import admin

from luoshi_web.audit.admin import AuditedAdmin
from luoshi_web.plans.models import Adjustment, Period, Plan, Task, TaskUnit


class TaskUnitInline(admin.TabularInline):
    model = TaskUnit
    extra = 0
    autocomplete_fields = ("unit",)


@admin.register(Plan)
class PlanAdmin(AuditedAdmin):
    list_display = ("title", "government", "year", "kind", "state", "revision")
    list_filter = ("government", "year", "kind", "state")


@admin.register(Task)
class TaskAdmin(AuditedAdmin):
    list_display = ("number", "text", "plan", "withdrawn")
    list_filter = ("plan",)
    search_fields = ("text", "number")
    inlines = (TaskUnitInline,)


@admin.register(Period)
class PeriodAdmin(AuditedAdmin):
    list_display = ("name", "plan", "start", "end", "due", "closed_at")
    list_filter = ("plan",)


@admin.register(Adjustment)
class AdjustmentAdmin(AuditedAdmin):
    list_display = ("task", "approved_by", "approved_on", "deemed_done")
