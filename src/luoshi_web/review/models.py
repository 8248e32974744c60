"""Verdicts (the judge's and the office's), each task's status per period, target adjustments, reminders."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from luoshi.model import VERDICT_LABELS
from luoshi_web.plans.models import Task
from luoshi_web.reporting.models import Period, ProgressEntry
from luoshi_web.units.models import Government, Unit

VERDICTS = list(VERDICT_LABELS.items())


class Verdict(models.Model):
    """One judgement of a task for a period: the judge's (with its rule) or a person's sign-off or override."""

    JUDGE = "judge"
    SIGNOFF = "signoff"
    OVERRIDE = "override"
    SOURCES = (
        (JUDGE, "系统研判"),
        (SIGNOFF, "审核确认"),
        (OVERRIDE, "审核改判"),
    )

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="verdicts")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="verdicts")
    entry = models.ForeignKey(ProgressEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="verdicts")
    source = models.CharField("来源", max_length=10, choices=SOURCES)
    value = models.CharField("结论", max_length=20, choices=VERDICTS)
    reasons = models.JSONField("理由", default=list, blank=True)
    rule = models.CharField("依据", max_length=500, blank=True)
    on_forecast = models.BooleanField("基于预计数", default=False)
    needs_review = models.BooleanField("需人工研判", default=False)
    on_schedule = models.BooleanField("达序", null=True, blank=True)
    claim_contradicted = models.BooleanField("与自评矛盾", default=False)
    detail = models.JSONField("指标明细", default=list, blank=True)
    note = models.TextField("审核意见", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "研判结论"
        ordering = (
            "-created_at",
            "-id",
        )
        indexes = (models.Index(fields=["task", "period"]),)

    def __str__(self) -> str:
        return f"{self.task} {self.period}: {self.get_value_display()}"


class TaskStatus(models.Model):
    """Where a task stands for a period: latest lead report, the judge's verdict, the office's sign-off.

    One row per task and period, updated as entries and verdicts arrive; ``version`` guards the
    office's sign-off against a report that arrived while they were reading (optimistic locking).
    """

    MISSING = "missing"
    SUBMITTED = "submitted"
    SIGNED = "signed"
    STATES = (
        (MISSING, "未填报"),
        (SUBMITTED, "待审核"),
        (SIGNED, "已审核"),
    )

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="statuses")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="statuses")
    state = models.CharField("状态", max_length=10, choices=STATES, default=MISSING)
    entry = models.ForeignKey(ProgressEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    judged = models.ForeignKey(Verdict, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    signed = models.ForeignKey(Verdict, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    claimed_status = models.CharField("单位自评", max_length=10, blank=True)
    disagreement = models.BooleanField("自评与研判不一致", default=False)
    behind = models.BooleanField("滞后", default=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "任务状态"
        constraints = (models.UniqueConstraint(fields=["task", "period"], name="status_unique_per_period"),)

    def __str__(self) -> str:
        return f"{self.task} {self.period}: {self.get_state_display()}"

    @property
    def verdict(self) -> Verdict | None:
        """What counts: the office's verdict once signed, else the judge's."""
        return self.signed or self.judged

    @property
    def light(self) -> str:
        """红黄绿灯: green done/on schedule, yellow partly or unsettled, red not done or behind, grey no report."""
        verdict = self.verdict
        if verdict is None:
            return "grey"
        if verdict.value in ("done", "deemed_done"):
            return "green"
        if verdict.value == "not_done" or self.behind:
            return "red"
        if verdict.value == "unknown" and verdict.on_schedule:
            return "green"
        return "yellow"


class Adjustment(models.Model):
    """An approved change of a task's target (目标调整), which can make the task count as 视同完成."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="adjustments")
    period = models.ForeignKey(Period, null=True, blank=True, on_delete=models.SET_NULL, related_name="adjustments")
    approved_by = models.CharField("批准机关", max_length=100)  # 市政府, 区政府常务会议 …
    approved_on = models.DateField("批准日期")
    before = models.TextField("原目标")
    after = models.TextField("调整后目标", blank=True)
    reason = models.TextField("调整理由")
    deemed_done = models.BooleanField("视同完成", default=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "目标调整"
        ordering = ("-approved_on",)

    def __str__(self) -> str:
        return f"{self.task}：{self.before} → {self.after}"


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
