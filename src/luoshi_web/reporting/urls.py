"""URLs of reporting: a plan and a task period by period; the liaison's tasks, writing, uploads, templates, files;
the office's import of progress from a notice or report."""

from django.urls import path

from luoshi_web.reporting import progress_views, views

app_name = "reporting"
urlpatterns = [
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/tasks/<int:pk>/", views.task_detail, name="task"),
    path("report/", views.mine, name="mine"),
    path("report/tasks/<int:task_pk>/periods/<int:period_pk>/", views.write, name="write"),
    path("report/upload/", views.upload, name="upload"),
    path("report/template/<int:period_pk>.xlsx", views.template, name="template"),
    path("report/upload/<str:token>/", views.upload_preview, name="upload_preview"),
    path("report/files/<int:pk>/", views.attachment, name="attachment"),
    path("plans/<int:pk>/progress/import/", progress_views.progress_import, name="progress_import"),
    path("plans/progress/import/<str:token>/", progress_views.progress_preview, name="progress_preview"),
]
