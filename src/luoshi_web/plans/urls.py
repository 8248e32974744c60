"""URLs of plans: list, detail, task, periods and the import flow."""

from django.urls import path

from luoshi_web.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/periods/", views.period_create, name="period_create"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("import/", views.import_upload, name="import"),
    path("import/<str:token>/", views.import_preview, name="import_preview"),
]
