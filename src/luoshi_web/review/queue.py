"""The review queue at the scale of a real year: every task of every open period, what waits for sign-off first,
filtered by unit, section, status, light and keyword, 50 a page.

A row is one task in one period: its status (or none: not reported), its lead units, whether the
period's due date has passed. The order is the office's: reports awaiting sign-off (disagreements
and tasks behind first), then late reports, then reports not yet due, then what is signed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db.models import Q, QuerySet

from luoshi_web import memo
from luoshi_web.plans.assignments import unit_names_of
from luoshi_web.plans.models import Period, Section, Task, TaskUnit
from luoshi_web.prepared import Prepared
from luoshi_web.reporting import marks, reports
from luoshi_web.reporting.models import TaskStatus
from luoshi_web.units.models import Unit

STATES = (
    ("waiting", "待审核"),
    ("late", "逾期未报"),
    ("missing", "未报送"),
    ("signed", "已审核"),
)
LIGHTS = (("green", "正常"), ("yellow", "预警"), ("red", "滞后"), ("grey", "未报送"))


class Place(NamedTuple):
    """A row as the queue sorts, counts and filters it: ids and the few columns that decide its state (a tuple:
    a year's queue has thousands)."""

    task_id: int
    plan_id: int
    task_order: int
    period: Period
    state: str
    light: str
    urgent: bool  # awaiting sign-off with a disagreement or behind time
    mark: marks.Mark | None  # where the task stands in the period (None: no status row)

    @property
    def order(self) -> tuple[Any, ...]:
        rank = RANKS[self.state]
        return (rank, 0 if self.urgent or rank else 1, self.period.end, self.plan_id, self.task_order)


RANKS = {"waiting": 0, "late": 1, "missing": 2, "signed": 3}


@dataclass
class Row:
    """A row as the page shows it: its task, status and lead units loaded, where it stands (``mark``)."""

    task: Task
    period: Period
    status: TaskStatus | None
    mark: marks.Mark | None
    state: str
    light: str
    leads: list[str] = field(default_factory=list)  # the lead units' names

    @property
    def key(self) -> str:
        return f"{self.task.pk}:{self.period.pk}"

    @property
    def agrees(self) -> bool:
        """Awaiting sign-off with the unit's claim agreeing with the judge: a batch sign-off may take it."""
        m = self.mark
        return bool(m and m.state == TaskStatus.SUBMITTED and m.judged is not None and not m.disagreement)


def _state(status: str | None, late: bool) -> str:
    if status is None or status == TaskStatus.MISSING:
        return "late" if late else "missing"
    return "waiting" if status == TaskStatus.SUBMITTED else "signed"


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


def _tasks_filtered(plan_ids: list[int], unit: int | None, section: int | None, q: str | None) -> QuerySet[Any]:
    """The live tasks of ``plan_ids`` the filters keep, in the office's order, as (id, plan, order)."""
    tasks = Task.objects.filter(memo.ids_in("plan_id", plan_ids), withdrawn=False)
    if unit is not None:
        tasks = tasks.filter(assignments__unit_id=unit, assignments__role=TaskUnit.LEAD)
    if section is not None:
        tasks = tasks.filter(Q(section_id=section) | Q(section__parent_id=section))
    if q:
        tasks = tasks.filter(Q(text__icontains=q) | Q(number=q))
    return tasks.distinct().order_by("plan_id", "order").values_list("pk", "plan_id", "order")


# Compiled once per process for each set of filters given (a text searched is built each time: Django writes it
# into its pattern).
_task_list = Prepared(_tasks_filtered)


def rows_for(
    periods: list[Period], today: dt.date, filters: Filters, known: tuple[Any, ...] | None = None
) -> list[Place]:
    """The queue's rows for the open ``periods``, filtered and in the office's order (read as columns: a
    year's queue is every task of every open period, the page shows 50 of them, see ``load``); ``known``: the
    plans' ``state`` when the caller has it."""
    if not periods:
        return []
    task_list = _task_list(sorted({p.plan_id for p in periods}), filters.unit, filters.section, filters.q or None)
    found = marks.marks(periods, known)
    rows = []
    for period in periods:
        late = period.due < today
        period_id, period_plan = period.pk, period.plan_id  # read once, not for each of a year's rows
        for task_id, plan_id, order in task_list:
            if plan_id != period_plan:
                continue
            mark = found.get((task_id, period_id))
            if mark is None:
                rows.append(Place(task_id, plan_id, order, period, _state(None, late), "grey", False, None))
                continue
            place = Place(
                task_id,
                plan_id,
                order,
                period,
                _state(mark.state, late),
                mark.light,
                mark.disagreement or mark.behind,
                mark,
            )
            rows.append(place)
    rows = [
        r
        for r in rows
        if (not filters.state or r.state == filters.state) and (not filters.light or r.light == filters.light)
    ]
    rows.sort(key=lambda r: r.order)
    return rows


_tasks_by_id = Prepared(lambda ids: Task.objects.filter(memo.ids_in("pk", ids)))
_statuses_by_id = Prepared(lambda ids: TaskStatus.objects.filter(memo.ids_in("pk", ids)))


def load(places: list[Place]) -> list[Row]:
    """The rows of one page with their tasks, statuses (without their verdicts: the mark has what the page
    shows of them) and lead units."""
    task_ids = sorted({p.task_id for p in places})
    # The page's ids as one parameter each (``memo.AnyOf``), not fifty; the queries compiled once (``prepared``).
    tasks = {t.pk: t for t in _tasks_by_id(task_ids)}
    with_status = [p.mark.status_id for p in places if p.mark]
    statuses = {s.pk: s for s in _statuses_by_id(with_status)}
    leads = unit_names_of(task_ids, TaskUnit.LEAD)
    return [
        Row(
            tasks[p.task_id],
            p.period,
            statuses.get(p.mark.status_id) if p.mark else None,
            p.mark,
            p.state,
            p.light,
            leads[p.task_id]["lead"],
        )
        for p in places
    ]


def choices(periods: list[Period], state: tuple[Any, ...]) -> dict[str, Any]:
    """The filter form's choices: the lead units and sections of the open periods' plans (kept in the cache
    under ``state``: the plans' ``reports.year_state``, which holds their tasks and their governments' units)."""
    plans = sorted({p.plan_id for p in periods})

    def compute() -> dict[str, list[Any]]:
        units = Unit.objects.filter(
            assignments__task__plan__in=plans, assignments__role=TaskUnit.LEAD, assignments__task__withdrawn=False
        ).distinct()
        sections = Section.objects.filter(part__plan__in=plans, parent__isnull=True).order_by("part__plan_id", "order")
        # Kept as the columns the form prints: model objects would be unpickled on every request.
        return {
            "units": list(units.order_by("name").values("pk", "name")),
            "sections": list(sections.values("pk", "title")),
        }

    found = memo.remembered("review:choice-columns", (*plans, *state), compute)
    return {**found, "states": STATES, "lights": LIGHTS}


def state(periods: list[Period]) -> tuple[Any, ...]:
    """The state of the plans of ``periods`` for them (``reports.year_state``): the key of their marks and choices."""
    return reports.year_state({p.plan_id: p.plan for p in periods}.values(), [p.pk for p in periods])


def parse_keys(values: list[str]) -> list[tuple[int, int]]:
    """``task:period`` pairs from the queue's check boxes (anything else is ignored)."""
    pairs = []
    for value in values:
        task, _, period = value.partition(":")
        if task.isdigit() and period.isdigit():
            pairs.append((int(task), int(period)))
    return pairs
