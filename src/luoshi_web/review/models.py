"""What the office does about the reports beyond signing them off: reminders (催办) to units."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from luoshi_web.plans.models import Period, Task
from luoshi_web.units.models import Government, Unit


class Reminder(models.Model):
    """A reminder (催办) or notice to a unit's liaisons (or to one person), shown in the app and sent on the channels.

    ``key`` names what the scheduler sent it for (``after3:period:unit`` …): unique, so however often
    the scheduler runs, or two runs overlap, one thing is said once. Delivery to the channels (group
    robot, e-mail) is a job; ``claimed_at`` leases it to one worker, ``delivered_at`` closes it.
    """

    MANUAL = "manual"
    KINDS = (
        (MANUAL, "催办"),
        ("opened", "开始填报"),
        ("before", "临近截止"),
        ("due", "今日截止"),
        ("after", "逾期未报"),
        ("escalate", "逾期升级"),
        ("behind", "进度滞后"),
        ("behind_escalate", "滞后升级"),
        ("notice", "督办单"),
        ("request", "申请"),
        ("digest", "每周汇总"),
    )

    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="reminders")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders")
    # None: the unit's liaisons; else this one person (a unit's head, a leader, an office user).
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders_received"
    )
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.SET_NULL, related_name="reminders")
    period = models.ForeignKey(Period, null=True, blank=True, on_delete=models.SET_NULL, related_name="reminders")
    kind = models.CharField("类别", max_length=20, choices=KINDS, default=MANUAL)
    key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    message = models.TextField("内容")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )  # None: sent by the scheduler
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    webhook_result = models.CharField("群机器人推送", max_length=300, blank=True)
    email_result = models.CharField("邮件", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "催办"
        ordering = ("-created_at",)
        indexes = (models.Index(fields=["delivered_at", "enqueued_at"]),)

    def __str__(self) -> str:
        return f"{self.unit or self.recipient}：{self.message[:30]}"
