"""App configuration: 操作日志."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "luoshi_web.audit"
    label = "audit"
    verbose_name = "操作日志"
