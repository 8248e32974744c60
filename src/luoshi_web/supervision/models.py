"""The 督办 loop: each government's reminder ladder, numbered supervision notices (督办单), and units' requests
to extend a deadline (申请延期) or to return a task that is not theirs (退办)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from luoshi_web.plans.models import Period, Task
from luoshi_web.units.models import Government, Unit


class Ladder(models.Model):
    """When a government's units are reminded about a report, and when an unanswered reminder escalates.

    Days count from the period's due date (填报截止日): before it, on it, after it; after
    ``escalate_after_days`` the unit's head and its 分管领导 are told too. A task judged behind schedule
    gets the same ladder from the day it was judged so.
    """

    government = models.OneToOneField(Government, on_delete=models.CASCADE, related_name="ladder")
    notify_opened = models.BooleanField("周期开始时通知各单位", default=True)
    before_days = models.PositiveSmallIntegerField("截止前几天提醒", default=3)
    remind_on_due = models.BooleanField("截止当天提醒", default=True)
    after_days = models.CharField(
        "逾期后第几天再提醒", max_length=60, default="1,3,7", help_text="用逗号分隔的天数，如 1,3,7"
    )
    escalate_after_days = models.PositiveSmallIntegerField("逾期几天后升级到单位负责人和分管领导", default=3)
    escalate_to_head = models.BooleanField("升级到单位负责人", default=True)
    escalate_to_leader = models.BooleanField("升级到分管领导", default=True)
    remind_behind = models.BooleanField("研判滞后时提醒", default=True)
    behind_escalate_days = models.PositiveSmallIntegerField("滞后几天未改善即升级", default=7)
    digest_weekday = models.PositiveSmallIntegerField(
        "每周汇总发送日", default=0, choices=[(i, f"星期{'一二三四五六日'[i]}") for i in range(7)]
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "提醒规则"

    def __str__(self) -> str:
        return f"{self.government}的提醒规则"

    def after_list(self) -> list[int]:
        return sorted({int(x) for x in self.after_days.replace("，", ",").split(",") if x.strip().isdigit()})


class Notice(models.Model):
    """A numbered supervision notice (督办〔2026〕N号) to a unit about a lagging task, and where it stands."""

    ISSUED = "issued"
    SIGNED = "signed"
    REPLIED = "replied"
    CLOSED = "closed"
    ESCALATED = "escalated"
    STATES = (
        (ISSUED, "待签收"),
        (SIGNED, "已签收"),
        (REPLIED, "已回复"),
        (CLOSED, "已销号"),
        (ESCALATED, "已升级"),
    )

    government = models.ForeignKey(Government, on_delete=models.PROTECT, related_name="notices")
    year = models.PositiveIntegerField("年度")
    serial = models.PositiveIntegerField("序号")
    unit = models.ForeignKey(Unit, verbose_name="督办单位", on_delete=models.PROTECT, related_name="notices")
    task = models.ForeignKey(Task, verbose_name="任务", on_delete=models.PROTECT, related_name="notices")
    period = models.ForeignKey(Period, null=True, blank=True, on_delete=models.SET_NULL, related_name="notices")
    reason = models.TextField("督办事项")
    reply_by = models.DateField("回复期限")
    state = models.CharField("状态", max_length=12, choices=STATES, default=ISSUED)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField("下发时间", auto_now_add=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField("签收时间", null=True, blank=True)
    measures = models.TextField("整改措施", blank=True)
    expected_on = models.DateField("预计完成时间", null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    replied_at = models.DateTimeField("回复时间", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField("销号/升级时间", null=True, blank=True)
    close_note = models.TextField("销号/升级意见", blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "督办单"
        ordering = ("-year", "-serial")
        constraints = (models.UniqueConstraint(fields=["government", "year", "serial"], name="notice_number_unique"),)

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return f"督办〔{self.year}〕{self.serial}号"

    @property
    def open(self) -> bool:
        return self.state in (self.ISSUED, self.SIGNED, self.REPLIED)

    def is_overdue(self, today: dt.date) -> bool:
        return self.state in (self.ISSUED, self.SIGNED) and today > self.reply_by


class UnitRequest(models.Model):
    """A unit asks to extend its deadline on a task (申请延期) or to return a task that is not theirs (退办)."""

    EXTEND = "extend"
    RETURN = "return"
    KINDS = (
        (EXTEND, "申请延期"),
        (RETURN, "退办"),
    )
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"
    STATES = (
        (PENDING, "待审批"),
        (APPROVED, "已同意"),
        (REFUSED, "不同意"),
    )

    government = models.ForeignKey(Government, on_delete=models.PROTECT, related_name="unit_requests")
    kind = models.CharField("类别", max_length=10, choices=KINDS)
    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="requests")
    task = models.ForeignKey(Task, verbose_name="任务", on_delete=models.CASCADE, related_name="unit_requests")
    period = models.ForeignKey(Period, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField("理由")
    wanted_due = models.DateField("申请延至", null=True, blank=True)
    state = models.CharField("状态", max_length=10, choices=STATES, default=PENDING)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField("审批意见", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "延期与退办申请"
        ordering = ("-asked_at",)

    def __str__(self) -> str:
        return f"{self.unit} {self.get_kind_display()} {self.task}"


class ScheduledRun(models.Model):
    """A periodic job the scheduler has enqueued (``sweep:2026-07-10``): its key is unique, so it is enqueued once."""

    key = models.CharField(max_length=100, unique=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "定时任务记录"

    def __str__(self) -> str:
        return self.key
