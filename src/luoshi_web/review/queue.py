"""The review queue at the scale of a real year: every task of every open period, what waits for sign-off first,
filtered by unit, section, status, light and keyword, 50 a page.

A row is one task in one period: its status (or none: not reported), its lead units, whether the
period's due date has passed. The order is the office's: reports awaiting sign-off (disagreements
and tasks behind first), then late reports, then reports not yet due, then what is signed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from luoshi_web.plans.models import Period, Section, Task, TaskUnit
from luoshi_web.reporting.models import TaskStatus
from luoshi_web.units.models import Unit

STATES = (
    ("waiting", "待审核"),
    ("late", "逾期未报"),
    ("missing", "未报送"),
    ("signed", "已审核"),
)
LIGHTS = (("green", "正常"), ("yellow", "预警"), ("red", "滞后"), ("grey", "未报送"))


@dataclass
class Row:
    task: Task
    period: Period
    status: TaskStatus | None
    leads: list[Unit] = field(default_factory=list)
    late: bool = False

    @property
    def key(self) -> str:
        return f"{self.task.pk}:{self.period.pk}"

    @property
    def state(self) -> str:
        if self.status is None or self.status.state == TaskStatus.MISSING:
            return "late" if self.late else "missing"
        return "waiting" if self.status.state == TaskStatus.SUBMITTED else "signed"

    @property
    def light(self) -> str:
        return self.status.light if self.status is not None else "grey"

    @property
    def agrees(self) -> bool:
        """Awaiting sign-off with the unit's claim agreeing with the judge: a batch sign-off may take it."""
        s = self.status
        return bool(s and s.state == TaskStatus.SUBMITTED and s.judged_id and not s.disagreement)

    @property
    def order(self) -> tuple[Any, ...]:
        rank = {"waiting": 0, "late": 1, "missing": 2, "signed": 3}[self.state]
        urgent = 0 if self.status and (self.status.disagreement or self.status.behind) else 1
        return (rank, urgent if rank == 0 else 0, self.period.end, self.task.plan_id, self.task.order)


@dataclass
class Filters:
    unit: int | None = None
    section: int | None = None
    state: str = ""
    light: str = ""
    q: str = ""

    @classmethod
    def from_query(cls, query: Any) -> Filters:
        def number(name: str) -> int | None:
            value = query.get(name, "")
            return int(value) if value.isdigit() else None

        state = query.get("state", "")
        light = query.get("light", "")
        return cls(
            unit=number("unit"),
            section=number("section"),
            state=state if state in dict(STATES) else "",
            light=light if light in dict(LIGHTS) else "",
            q=query.get("q", "").strip()[:100],
        )


def rows_for(periods: list[Period], today: dt.date, filters: Filters) -> list[Row]:
    """The queue's rows for the open ``periods``, filtered and in the office's order."""
    if not periods:
        return []
    tasks = Task.objects.filter(plan__in={p.plan_id for p in periods}, withdrawn=False).select_related("section")
    if filters.unit is not None:
        tasks = tasks.filter(assignments__unit_id=filters.unit, assignments__role=TaskUnit.LEAD)
    if filters.section is not None:
        tasks = tasks.filter(Q(section_id=filters.section) | Q(section__parent_id=filters.section))
    if filters.q:
        tasks = tasks.filter(Q(text__icontains=filters.q) | Q(number=filters.q))
    task_list = list(tasks.distinct().order_by("plan_id", "order"))
    statuses = {
        (s.task_id, s.period_id): s
        for s in TaskStatus.objects.filter(task__in=task_list, period__in=periods).select_related(
            "judged", "signed", "entry__unit"
        )
    }
    leads: dict[int, list[Unit]] = defaultdict(list)
    for a in TaskUnit.objects.filter(task__in=task_list, role=TaskUnit.LEAD).select_related("unit").order_by("order"):
        leads[a.task_id].append(a.unit)
    rows = [
        Row(task, period, statuses.get((task.pk, period.pk)), leads[task.pk], late=period.due < today)
        for period in periods
        for task in task_list
        if task.plan_id == period.plan_id
    ]
    rows = [
        r
        for r in rows
        if (not filters.state or r.state == filters.state) and (not filters.light or r.light == filters.light)
    ]
    rows.sort(key=lambda r: r.order)
    return rows


def choices(periods: list[Period]) -> dict[str, Any]:
    """The filter form's choices: the lead units and sections of the open periods' plans."""
    plans = {p.plan_id for p in periods}
    units = Unit.objects.filter(
        assignments__task__plan__in=plans, assignments__role=TaskUnit.LEAD, assignments__task__withdrawn=False
    ).distinct()
    sections = Section.objects.filter(part__plan__in=plans, parent__isnull=True).order_by("part__plan_id", "order")
    return {"units": units.order_by("name"), "sections": sections, "states": STATES, "lights": LIGHTS}


def parse_keys(values: list[str]) -> list[tuple[int, int]]:
    """``task:period`` pairs from the queue's check boxes (anything else is ignored)."""
    pairs = []
    for value in values:
        task, _, period = value.partition(":")
        if task.isdigit() and period.isdigit():
            pairs.append((int(task), int(period)))
    return pairs
