"""App configuration: 运维."""

from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "luoshi_web.ops"
    label = "ops"
    verbose_name = "运维"
