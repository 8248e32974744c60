"""App configuration: 数据接口."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "luoshi_web.api"
    label = "api"
    verbose_name = "数据接口"
