"""Plans as stored once the office confirms an import: parts, sections, tasks, their units and indicators;
the plan's reporting periods, and the approved adjustments of its targets."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q

from luoshi_web import clock
from luoshi_web.prepared import Prepared
from luoshi_web.units.models import Government, Unit

PART_KINDS = [
    ("decomposition", "分解落实方案"),
    ("development_plan", "计划草案"),
    ("status_table", "执行情况表"),
    ("project_table", "重大项目表"),
    ("work_report", "政府工作报告"),
    ("half_year_report", "上半年执行情况报告"),
    ("progress_notice", "进度通报"),
]

INDICATOR_KINDS = [
    ("growth", "增长率"),
    ("amount", "总量"),
    ("count", "数量"),
    ("ratio", "比率"),
    ("limit", "上限"),
    ("reduction", "压降"),
    ("zero_event", "不发生"),
    ("milestone", "节点"),
    ("qualitative", "定性"),
]


class Plan(models.Model):
    """One confirmed plan of a government for a year (a 分解落实方案, a 计划草案 …)."""

    ACTIVE = "active"
    DRAFT = "draft"
    ARCHIVED = "archived"
    STATES = (
        (ACTIVE, "执行中"),
        (DRAFT, "草案"),
        (ARCHIVED, "已归档"),
    )

    government = models.ForeignKey(Government, verbose_name="政府", on_delete=models.PROTECT, related_name="plans")
    year = models.PositiveIntegerField("年度")
    title = models.CharField("标题", max_length=300)
    kind = models.CharField("类型", max_length=30, choices=PART_KINDS, default="decomposition")
    state = models.CharField("状态", max_length=20, choices=STATES, default=ACTIVE)
    source_name = models.CharField("来源文件", max_length=255, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True)
    source_format = models.CharField(max_length=10, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)
    revision = models.PositiveIntegerField("修订次数", default=1)
    # 政务公开: the office opts a plan in; the public page shows signed-off statuses only, and progress
    # texts only when the office also marks them public.
    public = models.BooleanField("公开进展", default=False)
    public_progress = models.BooleanField("公开进展情况原文", default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "方案"
        ordering = (
            "-year",
            "government_id",
            "title",
        )
        indexes = (models.Index(fields=["government", "year"]),)

    def __str__(self) -> str:
        return f"{self.government.name} {self.title}"


class Part(models.Model):
    """A part of the imported document (one attachment), in order."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="parts")
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=30, choices=PART_KINDS)

    class Meta:
        verbose_name = verbose_name_plural = "方案部分"
        ordering = (
            "plan_id",
            "order",
        )

    def __str__(self) -> str:
        return self.title or self.get_kind_display()


class Section(models.Model):
    """A heading grouping tasks (一、关于… ; its subsections （一）… have ``parent`` set)."""

    part = models.ForeignKey(Part, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=300)

    class Meta:
        verbose_name = verbose_name_plural = "章节"
        ordering = (
            "part_id",
            "order",
        )

    def __str__(self) -> str:
        return self.title


class Task(models.Model):
    """One numbered task (目标任务) with its responsible units and indicators."""

    plan = models.ForeignKey(Plan, verbose_name="方案", on_delete=models.CASCADE, related_name="tasks")
    part = models.ForeignKey(Part, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks")
    order = models.PositiveIntegerField("顺序", default=0)
    number = models.CharField("序号", max_length=20, blank=True)
    text = models.TextField("目标任务")
    target = models.TextField("全年目标", blank=True)
    # The unit of measure the document printed apart from the figures (a 单位 column, "完成数（个）").
    measure = models.CharField("计量单位", max_length=30, blank=True)
    deadline = models.CharField("完成时限", max_length=100, blank=True)
    flags = models.JSONField("标记", default=list, blank=True)
    printed_status = models.CharField("原文是否完成", max_length=20, blank=True)
    printed_progress = models.TextField("原文进展情况", blank=True)
    withdrawn = models.BooleanField("已撤销", default=False)
    units = models.ManyToManyField(Unit, through="TaskUnit", related_name="tasks")
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "任务"
        ordering = (
            "plan_id",
            "order",
        )
        indexes = (
            models.Index(fields=["plan", "order"]),
            # The state a kept page is keyed by (memo.fingerprint): a plan's live tasks counted and their last
            # change, read from this index alone.
            models.Index(fields=["plan", "withdrawn", "updated_at"], name="task_state_by_plan"),
        )

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:40]}"

    @property
    def label(self) -> str:
        return f"第{self.number}项" if self.number else "（续）"


class TaskUnit(models.Model):
    """A unit's role on a task: lead (主办/牵头) or co (协办/配合), with the name as the document printed it."""

    LEAD = "lead"
    CO = "co"
    ROLES = (
        (LEAD, "主办"),
        (CO, "协办"),
    )

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField("角色", max_length=10, choices=ROLES)
    printed_name = models.CharField("原文名称", max_length=100, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = verbose_name_plural = "任务责任单位"
        ordering = (
            "task_id",
            "role",
            "order",
        )
        constraints = (models.UniqueConstraint(fields=["task", "unit", "role"], name="task_unit_role_unique"),)

    def __str__(self) -> str:
        return f"{self.unit.name}（{self.get_role_display()}）"


class Indicator(models.Model):
    """A measurable target read from the task's text (see the parse contract)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="indicators")
    order = models.PositiveIntegerField(default=0)
    metric = models.CharField("指标", max_length=200, blank=True)
    kind = models.CharField("类型", max_length=20, choices=INDICATOR_KINDS)
    comparator = models.CharField("比较", max_length=4, blank=True)
    value = models.FloatField("目标值", null=True, blank=True)
    unit = models.CharField("计量单位", max_length=30, blank=True)
    text = models.CharField("原文", max_length=500, blank=True)
    external = models.BooleanField("市定目标", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "指标"
        ordering = (
            "task_id",
            "order",
        )

    def __str__(self) -> str:
        return self.text or self.metric


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
        # The table keeps the name it had when periods belonged to the reporting app.
        db_table = "reporting_period"
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
        return (today or clock.today()) > self.due

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


def current_period(periods: list[Period], today: dt.date | None = None) -> Period | None:
    """The period being reported on ``today``: the latest that has ended, else the first (periods in order of end)."""
    today = today or clock.today()
    ended = [p for p in periods if p.end <= today]
    if ended:
        return ended[-1]
    return periods[0] if periods else None


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
        db_table = "review_adjustment"  # the name it had in the review app
        verbose_name = verbose_name_plural = "目标调整"
        ordering = ("-approved_on",)

    def __str__(self) -> str:
        return f"{self.task}：{self.before} → {self.after}"


def adjustment_text(task: Task, period: Period) -> str | None:
    """The approved adjustment that deems ``task`` done for ``period``, in words, or None."""
    adj = (
        Adjustment.objects.filter(task=task, deemed_done=True)
        .filter(Q(period__isnull=True) | Q(period=period))
        .order_by("-approved_on")
        .first()
    )
    if adj is None:
        return None
    after = f"调整为“{adj.after}”" if adj.after else "取消"
    return f"{adj.approved_by}于{adj.approved_on:%Y年%m月%d日}同意{after}（原目标：{adj.before}）"


def periods_of(plan: Plan) -> list[Period]:
    """``list(plan.periods.all())`` through a query compiled once per process (``prepared``): each period with its
    plan, as the related manager gives them."""
    periods: list[Period] = _periods_of(plan.pk)
    for period in periods:
        period.plan = plan
    return periods


_periods_of = Prepared(lambda plan_id: Period.objects.filter(plan_id=plan_id))
