"""URLs of the cockpit: a plan's dashboard, a unit's year, the comparison across governments, the 督查通报
page, publishing, and the public page (no login)."""

from django.urls import path

from luoshi_web.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("dashboard/plans/<int:pk>/", views.plan_dashboard, name="plan"),
    path("dashboard/units/<int:pk>/", views.unit_page, name="unit"),
    path("dashboard/governments/", views.compare, name="compare"),
    path("dashboard/plans/<int:plan_pk>/periods/<int:period_pk>/notice/", views.notice, name="notice"),
    path("dashboard/plans/<int:pk>/publish/", views.publish, name="publish"),
    path("public/plans/<int:pk>/", views.public_plan, name="public"),
]
