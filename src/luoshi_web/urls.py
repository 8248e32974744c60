"""Top-level URLs: one include per app, each app naming its own paths; every view needs a login (see middleware)."""

from django.contrib import admin
from django.urls import include, path

from luoshi_web.dashboard import views as dashboard_views
from luoshi_web.ops.health import healthz

urlpatterns = [
    path("", dashboard_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("", include("luoshi_web.accounts.urls")),
    path("units/", include("luoshi_web.units.urls")),
    path("", include("luoshi_web.plans.urls")),
    path("", include("luoshi_web.reporting.urls")),
    path("", include("luoshi_web.review.urls")),
    path("", include("luoshi_web.dashboard.urls")),
    path("", include("luoshi_web.supervision.urls")),
    path("api/", include("luoshi_web.api.urls")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "落实 · 管理后台"
admin.site.site_title = "落实"
admin.site.index_title = "政府办管理"
