"""URLs of review: the queue, sign-off, adjustments, reminders, closing periods and downloads."""

from django.urls import path

from luoshi_web.review import views

app_name = "review"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("tasks/<int:task_pk>/periods/<int:period_pk>/signoff/", views.signoff, name="signoff"),
    path("tasks/<int:task_pk>/adjust/", views.adjust, name="adjust"),
    path("remind/", views.remind, name="remind"),
    path("periods/<int:pk>/close/", views.close_period, name="close_period"),
    path("download/<int:plan_pk>/<int:period_pk>/<str:what>.<str:fmt>", views.download, name="download"),
]
