"""App configuration: 方案与任务."""

from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "luoshi_web.plans"
    label = "plans"
    verbose_name = "方案与任务"
