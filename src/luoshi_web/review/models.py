"""What the office does about the reports beyond signing them off: reminders (催办) to units."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from luoshi_web.plans.models import Period, Task
from luoshi_web.units.models import Government, Unit


class Reminder(models.Model):
    """A reminder (催办) to a unit, shown in the app and sent to a group robot when one is configured."""

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="reminders")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="reminders")
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.SET_NULL, related_name="reminders")
    period = models.ForeignKey(Period, null=True, blank=True, on_delete=models.SET_NULL, related_name="reminders")
    message = models.TextField("内容")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    webhook_result = models.CharField("群机器人推送", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "催办"
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.unit}：{self.message[:30]}"
