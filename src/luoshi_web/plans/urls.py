"""URLs of plans: the list, a plan's periods and the import flow (a plan's own page is the reporting app's)."""

from django.urls import path

from luoshi_web.plans import views

app_name = "plans"
urlpatterns = [
    path("plans/", views.plan_list, name="list"),
    path("plans/<int:pk>/periods/", views.period_create, name="period_create"),
    path("plans/<int:pk>/archive/", views.plan_archive, name="archive"),
    path("plans/import/", views.import_upload, name="import"),
    path("plans/import/<str:token>/", views.import_preview, name="import_preview"),
]
