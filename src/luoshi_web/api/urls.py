"""URLs of the JSON API (described in ``openapi.py``; a test keeps the two in step)."""

from django.urls import path, re_path

from luoshi_web.api import views

app_name = "api"
urlpatterns = [
    path("", views.index, name="index"),
    path("openapi.json", views.openapi, name="openapi"),
    path("plans", views.plans, name="plans"),
    path("plans/<int:pk>", views.plan_detail, name="plan"),
    path("plans/<int:pk>/tasks", views.plan_tasks, name="plan_tasks"),
    path("tasks/<int:pk>", views.task_detail, name="task"),
    path("tasks/<int:pk>/progress", views.task_progress, name="task_progress"),
    path("periods/<int:pk>/statuses", views.period_statuses, name="period_statuses"),
    path("units", views.units, name="units"),
    # Last: whatever else is asked under /api/ (``tasks/abc``) answers 404 in JSON, never the HTML page.
    re_path(r"^(?P<rest>.*)$", views.not_found, name="not_found"),
]
