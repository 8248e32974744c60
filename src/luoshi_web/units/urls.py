"""URLs of the units app."""

from django.urls import path  # noqa: F401

app_name = "units"
urlpatterns: list = []
