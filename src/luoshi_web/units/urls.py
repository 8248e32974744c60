"""URLs of the unit directory."""

from django.urls import path

from luoshi_web.units import views

app_name = "units"
urlpatterns = [
    path("", views.unit_list, name="list"),
    path("new/", views.unit_create, name="create"),
    path("<int:pk>/", views.unit_edit, name="edit"),
    path("<int:pk>/aliases/", views.alias_add, name="alias_add"),
    path("<int:pk>/merge/", views.unit_merge, name="merge"),
    path("aliases/<int:pk>/delete/", views.alias_delete, name="alias_delete"),
]
