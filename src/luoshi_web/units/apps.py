"""App configuration: 单位目录."""

from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "luoshi_web.units"
    label = "units"
    verbose_name = "单位目录"
