"""URLs of review: the queue, sign-off, adjustments, reminders, closing periods and downloads."""

from django.urls import path

from luoshi_web.review import views

app_name = "review"
urlpatterns = [
    path("review/", views.queue, name="queue"),
    path("review/batch/", views.batch, name="batch"),
    path("review/tasks/<int:task_pk>/periods/<int:period_pk>/signoff/", views.signoff, name="signoff"),
    path("review/tasks/<int:task_pk>/adjust/", views.adjust, name="adjust"),
    path("review/remind/", views.remind, name="remind"),
    path("review/periods/<int:pk>/close/", views.close_period, name="close_period"),
    path("review/download/<int:plan_pk>/<int:period_pk>/<str:what>.<str:fmt>", views.download, name="download"),
    path("report/reminders/", views.reminders, name="reminders"),
]
