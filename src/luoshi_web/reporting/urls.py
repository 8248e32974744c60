"""URLs of reporting: the liaison's tasks, writing progress, uploading files, attachments, reminders."""

from django.urls import path

from luoshi_web.reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("tasks/<int:task_pk>/periods/<int:period_pk>/", views.write, name="write"),
    path("upload/", views.upload, name="upload"),
    path("template/<int:period_pk>.xlsx", views.template, name="template"),
    path("upload/<str:token>/", views.upload_preview, name="upload_preview"),
    path("files/<int:pk>/", views.attachment, name="attachment"),
    path("reminders/", views.reminders, name="reminders"),
]
