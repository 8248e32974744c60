"""App configuration: 总览 (the office's and leaders' home)."""

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "luoshi_web.dashboard"
    label = "dashboard"
    verbose_name = "总览"
