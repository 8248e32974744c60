"""Admin for plans and tasks."""

from django.contrib import admin

from luoshi_web.plans.models import Plan, Task, TaskUnit


class TaskUnitInline(admin.TabularInline):
    model = TaskUnit
    extra = 0
    autocomplete_fields = ("unit",)


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("title", "government", "year", "kind", "state", "revision")
    list_filter = ("government", "year", "kind", "state")


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ("number", "text", "plan", "withdrawn")
    list_filter = ("plan",)
    search_fields = ("text", "number")
    inlines = (TaskUnitInline,)
