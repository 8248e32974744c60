"""The progress units submit for a period (text, the figures read from it, files), and where each task stands.

A submitted entry is never overwritten: a correction is a new entry with the next ``version`` that
``supersedes`` the previous one, so every figure the office ever saw can be traced. Each report is
judged at once (``Verdict`` from the judge); the office's sign-off or override is a ``Verdict`` too;
``TaskStatus`` keeps per task and period the latest report, the judge's verdict and the sign-off.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from luoshi import VERDICT_LABELS
from luoshi_web import clock
from luoshi_web.plans.models import Period, Task
from luoshi_web.units.models import Unit


class ImmutableError(Exception):
    """An attempt to overwrite a submitted progress entry."""


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
    # Where an entry taken from another document was read: {"document", "sha256", "span", "kind", "ref"}.
    origin = models.JSONField("出处", null=True, blank=True)
    # On the demo clock a report is dated on the demo's day, so it counts as on time or late as in the story.
    submitted_at = models.DateTimeField("提交时间", default=clock.now)

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
    # The words of the progress the verdict rests on, as printed (the judge's evidence; a sign-off keeps it).
    evidence = models.TextField("依据原文", blank=True)
    note = models.TextField("审核意见", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "review_verdict"  # the name it had in the review app
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
        db_table = "review_taskstatus"  # the name it had in the review app
        verbose_name = verbose_name_plural = "任务状态"
        constraints = (models.UniqueConstraint(fields=["task", "period"], name="status_unique_per_period"),)
        # Dashboards count a period's statuses (the unique index above leads with the task).
        indexes = (
            models.Index(fields=["period", "task"], name="status_by_period"),
            # The state a kept page is keyed by (memo.fingerprint): a period's statuses counted and their last
            # change, read from this index alone.
            models.Index(fields=["period", "updated_at"], name="status_state_by_period"),
        )

    def __str__(self) -> str:
        return f"{self.task} {self.period}: {self.get_state_display()}"

    @property
    def verdict(self) -> Verdict | None:
        """What counts: the office's verdict once signed, else the judge's (the program's proposal)."""
        return self.signed or self.judged

    @property
    def light(self) -> str:
        """红黄绿灯 (``light_of``) of the verdict that counts."""
        verdict = self.verdict
        return light_of(verdict.value if verdict else None, verdict.on_schedule if verdict else None, self.behind)


def light_of(verdict: str | None, on_schedule: bool | None, behind: bool) -> str:
    """红黄绿灯: green done/on schedule, yellow partly or unsettled, red not done or behind, grey no report.

    From a verdict's value and time-progress finding and its status's ``behind``: a list that reads only
    those columns colours its rows without loading the rows.
    """
    if verdict is None:
        return "grey"
    if verdict in ("done", "deemed_done"):
        return "green"
    if verdict == "not_done" or behind:
        return "red"
    if verdict == "unknown" and on_schedule:
        return "green"
    return "yellow"
