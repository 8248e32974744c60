"""Reporting periods and the progress units submit for them: text, the figures read from it, files.

A submitted entry is never overwritten: a correction is a new entry with the next ``version`` that
``supersedes`` the previous one, so every figure the office ever saw can be traced.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from luoshi_web.plans.models import Plan, Task
from luoshi_web.units.models import Unit


class ImmutableError(Exception):
    """An attempt to overwrite a submitted progress entry."""


class Period(models.Model):
    """A reporting period of a plan (一季度, 上半年, 1-11月, 全年 …) with its due date."""

    KINDS = (
        ("month", "月度"),
        ("quarter", "季度"),
        ("half", "半年"),
        ("year", "年度"),
        ("other", "其他"),
    )

    plan = models.ForeignKey(Plan, verbose_name="方案", on_delete=models.CASCADE, related_name="periods")
    name = models.CharField("名称", max_length=60)  # 2021年上半年
    kind = models.CharField("类型", max_length=10, choices=KINDS, default="half")
    start = models.DateField("起始日期")
    end = models.DateField("截止日期")  # the period covers start..end; judged as of ``end``
    due = models.DateField("填报截止日")
    closed_at = models.DateTimeField("关闭时间", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "填报周期"
        ordering = (
            "plan_id",
            "end",
        )

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def is_late(self, today: dt.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.due

    @property
    def label(self) -> str:
        """The period as the core's readers print it (上半年, 1-11月, 全年)."""
        if self.start.month == 1 and self.end.month == 12:
            return "全年"
        if self.start.month == 1 and self.end.month == 6:
            return "上半年"
        if self.start.month == 1:
            return f"1-{self.end.month}月"
        return f"{self.start.month}-{self.end.month}月"


class ProgressEntry(models.Model):
    """One version of a unit's progress on a task for a period. Rows are inserted, never updated."""

    LEAD = "lead"
    CO = "co"
    ROLES = (
        (LEAD, "主办"),
        (CO, "协办"),
    )
    SOURCES = (
        ("form", "在线填写"),
        ("file", "上传文件"),
        ("template", "填报模板"),
        ("import", "随文件导入"),
    )
    CLAIMS = (
        ("", "未说明"),
        ("是", "是"),
        ("部分未达", "部分未达"),
        ("否", "否"),
    )

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="entries")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="entries")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="entries")
    role = models.CharField("角色", max_length=10, choices=ROLES, default=LEAD)
    version = models.PositiveIntegerField("版本", default=1)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="entries")
    text = models.TextField("进展情况")
    claimed_status = models.CharField("单位自评", max_length=10, choices=CLAIMS, blank=True)
    source = models.CharField("来源", max_length=10, choices=SOURCES, default="form")
    note = models.CharField("更正说明", max_length=300, blank=True)
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "进展填报"
        ordering = (
            "task_id",
            "period_id",
            "unit_id",
            "-version",
        )
        constraints = (
            models.UniqueConstraint(fields=["task", "period", "unit", "version"], name="entry_version_unique"),
        )
        indexes = (models.Index(fields=["period", "unit"]),)

    def __str__(self) -> str:
        return f"{self.task} {self.period} {self.unit} v{self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ImmutableError("已提交的进展不能修改；请提交更正（新版本）。")
        super().save(*args, **kwargs)


class Observation(models.Model):
    """A figure read from an entry's text (实绩), as the liaison confirmed or corrected it."""

    entry = models.ForeignKey(ProgressEntry, on_delete=models.CASCADE, related_name="observations")
    order = models.PositiveIntegerField(default=0)
    metric = models.CharField("指标", max_length=200, blank=True)
    period_label = models.CharField("期间", max_length=30, blank=True)
    value = models.FloatField("数值", null=True, blank=True)
    unit = models.CharField("计量单位", max_length=30, blank=True)
    growth_pct = models.FloatField("增长%", null=True, blank=True)
    forecast = models.BooleanField("预计", default=False)
    text = models.CharField("原文", max_length=500, blank=True)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    corrected = models.BooleanField("经人工更正", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "实绩"
        ordering = (
            "entry_id",
            "order",
        )

    def __str__(self) -> str:
        return self.text or self.metric


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"attachments/{instance.unit.government_id}/{instance.unit_id}/{instance.sha256[:16]}/{filename}"


class Attachment(models.Model):
    """A file a unit sent (its own Word/Excel reply or the filled template), kept with the entries it gave."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="attachments")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="attachments")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    original_name = models.CharField("文件名", max_length=255)
    size = models.PositiveIntegerField("大小")
    sha256 = models.CharField(max_length=64)
    entries = models.ManyToManyField(ProgressEntry, blank=True, related_name="attachments")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "附件"
        ordering = ("-uploaded_at",)

    def __str__(self) -> str:
        return self.original_name
