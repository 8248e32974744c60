"""The cockpit's figures for a plan and period, and across governments, each counted by the database.

Every count is a ``GROUP BY`` over the tasks' standings (``reporting.standing``): the number of
queries is the same for 80 tasks or 8,000, for one government or a hundred, and no row is loaded
into Python to be counted. What is loaded is what a page shows (a plan's periods, its sections, its
lead units, a dozen main indicators).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Count, F, FilteredRelation, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from luoshi_web import clock, memo
from luoshi_web.plans import access
from luoshi_web.plans.models import Indicator, Period, Plan, Task, TaskUnit
from luoshi_web.prepared import Prepared
from luoshi_web.reporting import standing
from luoshi_web.reporting.models import TaskStatus
from luoshi_web.units import scope

# How many main indicators the cockpit follows (growth indicators, in the plan's order).
MAIN_INDICATORS = 12


@dataclass
class Tally:
    """Tasks counted by standing; ``rate`` is the share on track (完成、视同完成、达序时)."""

    counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def sum(cls, tallies: Iterable[Tally]) -> Tally:
        total: dict[str, int] = {}
        for tally in tallies:
            for code, n in tally.counts.items():
                total[code] = total.get(code, 0) + n
        return cls(total)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def get(self, code: str) -> int:
        return self.counts.get(code, 0)

    @property
    def done_all(self) -> int:
        """已完成 and 视同完成 together."""
        return self.get("done") + self.get("deemed")

    @property
    def on_track(self) -> int:
        return sum(self.get(c) for c in standing.ON_TRACK)

    @property
    def rate(self) -> float:
        return round(100.0 * self.on_track / self.total, 1) if self.total else 0.0

    @property
    def lights(self) -> dict[str, int]:
        lights: dict[str, int] = dict.fromkeys(standing.LIGHTS, 0)
        for code, n in self.counts.items():
            lights[standing.light_of(code)] += n
        return lights

    def rows(self) -> list[dict[str, Any]]:
        """One row per standing, in the offices' order, with its label and light."""
        return [{"code": s.code, "label": s.label, "light": s.light, "n": self.get(s.code)} for s in standing.STANDINGS]


def live_tasks(plan: Plan | int) -> QuerySet[Task]:
    return Task.objects.filter(plan=plan, withdrawn=False)


def tally(plan: Plan, period: Period) -> Tally:
    """The plan's tasks counted by standing for ``period`` (one query)."""
    rows = standing.counts(standing.tasks_with_standing(live_tasks(plan), period))
    return Tally({r["standing"]: r["n"] for r in rows})


# --------------------------------------------------------------------------- sections


@dataclass
class SectionRow:
    pk: int | None
    title: str
    tally: Tally


def by_section(plan: Plan, period: Period) -> list[SectionRow]:
    """Each top-level section (一、…) of the plan with its tasks counted by standing (one query)."""
    tasks = standing.tasks_with_standing(live_tasks(plan), period).annotate(
        top=Coalesce("section__parent_id", "section_id"),
        top_title=Coalesce("section__parent__title", "section__title"),
        top_order=Coalesce("section__parent__order", "section__order"),
        part_order=F("part__order"),
    )
    rows = standing.counts(tasks, "top", "top_title", "top_order", "part_order")
    sections: dict[int | None, SectionRow] = {}
    order: dict[int | None, tuple[int, int]] = {}
    for r in rows:
        row = sections.setdefault(r["top"], SectionRow(r["top"], r["top_title"] or "（未分章节）", Tally()))
        row.tally.counts[r["standing"]] = row.tally.get(r["standing"]) + r["n"]
        order[r["top"]] = (r["part_order"] or 0, r["top_order"] if r["top_order"] is not None else 10**6)
    return sorted(sections.values(), key=lambda s: order[s.pk])


# --------------------------------------------------------------------------- units


@dataclass
class UnitRow:
    pk: int
    name: str
    led: int
    reported: int
    on_time: int
    on_track: int
    behind: int
    disagreements: int
    missing: int
    overseen: bool = False

    @property
    def on_time_rate(self) -> float:
        return round(100.0 * self.on_time / self.led, 1) if self.led else 0.0

    @property
    def rate(self) -> float:
        return round(100.0 * self.on_track / self.led, 1) if self.led else 0.0


def end_of(day: dt.date) -> dt.datetime:
    """The first moment after ``day`` in the site's time zone (a report made on the due date is on time)."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def by_unit(plan: Plan, period: Period, overseen: Iterable[int] = ()) -> list[UnitRow]:
    """Each lead unit's tasks for ``period``: reported, on time, on track, behind, disagreeing (one query).

    Ranked by the share on track, then on-time reporting, then fewest behind; a leader's own units
    (``overseen``) come first.
    """
    leads = TaskUnit.objects.filter(role=TaskUnit.LEAD, task__plan=plan, task__withdrawn=False).annotate(
        st=FilteredRelation("task__statuses", condition=Q(task__statuses__period_id=period.pk))
    )
    leads = standing._with_standing(leads, "st__")
    rows = (
        leads.order_by()
        .values("unit_id", "unit__name")
        .annotate(
            led=Count("task_id", distinct=True),
            reported=Count("task_id", distinct=True, filter=Q(st__entry__isnull=False)),
            on_time=Count("task_id", distinct=True, filter=Q(st__entry__submitted_at__lt=end_of(period.due))),
            on_track=Count("task_id", distinct=True, filter=Q(standing__in=standing.ON_TRACK)),
            behind=Count("task_id", distinct=True, filter=Q(standing="behind")),
            missing=Count("task_id", distinct=True, filter=Q(standing="missing")),
            disagreements=Count("task_id", distinct=True, filter=Q(st__disagreement=True)),
        )
    )
    units = [
        UnitRow(
            pk=r["unit_id"],
            name=r["unit__name"],
            led=r["led"],
            reported=r["reported"],
            on_time=r["on_time"],
            on_track=r["on_track"],
            behind=r["behind"],
            disagreements=r["disagreements"],
            missing=r["missing"],
        )
        for r in rows
    ]
    return first_overseen(units, overseen)


def first_overseen(units: list[UnitRow], overseen: Iterable[int]) -> list[UnitRow]:
    """The ranking, with a leader's own units (分管) first."""
    mine = set(overseen)
    if mine or any(u.overseen for u in units):  # (a copy of each row only when a mark changes)
        units = [replace(u, overseen=u.pk in mine) for u in units]
    return sorted(units, key=lambda u: (not u.overseen, -u.rate, -u.on_time_rate, u.behind, u.name))


# --------------------------------------------------------------------------- the year


@dataclass
class TrendRow:
    period: Period
    tally: Tally


def trend(plan: Plan, periods: list[Period]) -> list[TrendRow]:
    """Every period of the plan with its tasks counted by standing (two queries: tasks, statuses)."""
    total = live_tasks(plan).count()
    statuses = standing.annotate_statuses(TaskStatus.objects.filter(period__plan=plan, task__withdrawn=False))
    by_period: dict[int, dict[str, int]] = defaultdict(dict)
    for r in standing.counts(statuses, "period_id"):
        by_period[r["period_id"]][r["standing"]] = r["n"]
    rows = []
    for period in periods:
        counts = dict(by_period[period.pk])
        counts.pop("missing", None)
        counts["missing"] = total - sum(counts.values())
        rows.append(TrendRow(period, Tally(counts)))
    return rows


@dataclass
class IndicatorRow:
    indicator: Indicator
    task: Task
    cells: list[dict[str, Any]]


def main_indicators(plan: Plan, periods: list[Period]) -> list[IndicatorRow]:
    """The plan's growth indicators (GDP, investment, revenue … 增长率), each with what was reported per period.

    The figure is the one the judge compared with the target (its verdict's detail): the value or
    growth, whether it was a forecast, and the indicator's verdict. Two queries.
    """
    indicators = list(
        Indicator.objects.filter(task__plan=plan, task__withdrawn=False, kind="growth", value__isnull=False)
        .exclude(metric="")
        .select_related("task")
        .order_by("task__order", "order")[:MAIN_INDICATORS]
    )
    details: dict[tuple[int, int], list[dict[str, Any]]] = {}
    rows = TaskStatus.objects.filter(task__in=[i.task_id for i in indicators], period__plan=plan).values_list(
        "task_id", "period_id", "judged__detail"
    )
    for task_id, period_id, detail in rows:
        details[(task_id, period_id)] = detail or []
    result = []
    for indicator in indicators:
        cells = []
        for period in periods:
            found = next(
                (d for d in details.get((indicator.task_id, period.pk), []) if d.get("indicator") == indicator.text),
                None,
            )
            cells.append(_cell(found))
        result.append(IndicatorRow(indicator, indicator.task, cells))
    return result


def _cell(detail: dict[str, Any] | None) -> dict[str, Any]:
    if detail is None:
        return {"text": "", "verdict": None}
    observed = detail.get("observed") or {}
    growth, value = observed.get("growth_pct"), observed.get("value")
    if growth is not None:
        text = f"{growth:g}%"
    elif value is not None:
        text = f"{value:g}{observed.get('unit') or ''}"
    else:
        text = ""
    if text and observed.get("forecast"):
        text = f"预计{text}"
    return {"text": text, "verdict": detail.get("verdict"), "rule": detail.get("rule", ""), "growth": growth}


# --------------------------------------------------------------------------- across governments


@dataclass
class GovernmentRow:
    name: str  # the government's
    parent_name: str
    plan_id: int | None
    plan_title: str
    period_id: int | None
    total: int
    tally: Tally
    late: int  # tasks with no report once the period's due date has passed


def period_ends(plans: QuerySet[Plan]) -> list[dt.date]:
    """The distinct period ends of ``plans``, in order (the comparison's choices)."""
    return list(Period.objects.filter(plan__in=plans).order_by("end").values_list("end", flat=True).distinct())


def compare(
    user: Any, year: int, end: dt.date | None, scope: Any
) -> tuple[Callable[[], list[GovernmentRow]], dt.date | None, list[dt.date], tuple[Any, ...]]:
    """Each government's plans of ``year`` as of the period ending ``end`` (default: the one being reported) —
    a function giving the rows —, the period ends to choose from, and the state the rows come from (a key for
    what is made of them: the rows are counted only when that is not kept).

    A fixed number of queries whatever the number of governments. The plans (id, version, title and their
    governments' names) are read each time; what they hold (their periods, live tasks and period ends) is
    kept in the cache under them and the state of the periods and tasks, and the tasks counted by standing
    under that and the state of the chosen periods' statuses (``scope`` names the governments read, the
    user's).
    """
    # The plans compared, with their governments' names: read each time (a few columns of a hundred rows),
    # so that what is made of them is kept under them.
    plans = _compared(user, year)
    ids = [p[0] for p in plans]
    periods = Period.objects.filter(memo.AnyOf(F("plan_id"), ids))
    tasks = Task.objects.filter(memo.AnyOf(F("plan_id"), ids), withdrawn=False)
    today = clock.today()
    *fingerprints, last_ended, statuses_state = _compare_state(ids, today, end)
    known = (year, scope, *plans, *fingerprints)
    base = memo.remembered("cockpit:compare-plans", known, lambda: _plans_of(periods, tasks))
    ends: list[dt.date] = base["ends"]
    asked = end if end is not None else _as_date(last_ended)
    if end is None or end not in ends:
        ended_ends = [e for e in ends if e <= today]
        end = ended_ends[-1] if ended_ends else (ends[0] if ends else None)
    chosen: dict[int, int] = base["periods"].get(end, {})
    if end != asked and end is not None:
        statuses = TaskStatus.objects.filter(memo.AnyOf(F("period__plan_id"), ids), period__end=end)
        statuses_state = tuple(memo.scalars(memo.fingerprint(statuses, ("MAX", "updated_at"))))
    state: tuple[Any, ...] = (*known, end, today, statuses_state)

    def rows() -> list[GovernmentRow]:
        """The rows: asked only when what is made of them is not kept under ``state``."""
        counts: dict[int, dict[str, int]] = defaultdict(dict)
        late: dict[int, int] = {}
        if chosen:
            found, got, overdue = memo.remembered(
                "cockpit:compare", state, lambda: _compare_counts(list(chosen.values()), today)
            )
            for plan_id, code, n in found:
                counts[plan_id][code] = n
            for plan_id in overdue:
                late[plan_id] = base["totals"].get(plan_id, 0) - got.get(plan_id, 0)
        found_rows = []
        for plan_id, _, title, name, parent in plans:
            tally_counts = dict(counts.get(plan_id, {}))
            tally_counts.pop("missing", None)
            total = base["totals"].get(plan_id, 0)
            if plan_id in chosen:
                tally_counts["missing"] = total - sum(tally_counts.values())
            found_rows.append(
                GovernmentRow(
                    name=name,
                    parent_name=parent or "",
                    plan_id=plan_id,
                    plan_title=title,
                    period_id=chosen.get(plan_id),
                    total=total,
                    tally=Tally(tally_counts),
                    late=late.get(plan_id, 0),
                )
            )
        found_rows.sort(key=lambda r: (r.name, r.plan_title))
        return found_rows

    return rows, end, ends, state


# The plans compared, with their governments' names: read each time (a few columns of a hundred rows), so that
# what is made of them is kept under them.
_compared = access.ForReader(
    lambda user, year: (
        Plan.objects.filter(government__in=scope.governments_for(user), year=year)
        .exclude(state=Plan.ARCHIVED)
        .order_by("pk")
        .values_list("pk", "version", "title", "government__name", "government__parent__name")
    )
)


def _state_parts(ids: list[int], today: dt.date, end: dt.date | None) -> tuple[QuerySet[Any], ...]:
    """The state of the compared plans' periods and live tasks, the last ended period's end, and the state of the
    statuses of the periods ending ``end`` — as asked, else the last ended (asked again in ``compare`` in the rare
    case the choice falls back): the parts of one query."""
    periods = Period.objects.filter(memo.AnyOf(F("plan_id"), ids))
    ended = periods.filter(end__lte=today)
    assumed = end if end is not None else Subquery(ended.order_by("-end").values("end")[:1])
    return (
        memo.fingerprint(periods, ("SUM", "version")),
        memo.fingerprint(Task.objects.filter(memo.AnyOf(F("plan_id"), ids), withdrawn=False), ("MAX", "updated_at")),
        memo.aggregate(ended, "MAX", "end"),
        memo.fingerprint(
            TaskStatus.objects.filter(memo.AnyOf(F("period__plan_id"), ids), period__end=assumed),
            ("MAX", "updated_at"),
        ),
    )


_state = Prepared(_state_parts)


def _compare_state(ids: list[int], today: dt.date, end: dt.date | None) -> list[Any]:
    """``_state_parts``' values, each fingerprint (count and aggregates) as one tuple."""
    values = _state(ids, today, end)
    out: list[Any] = []
    at = 0
    for width in (2, 2, 1, 2):  # a fingerprint's count and aggregate; the last end
        out.append(values[at] if width == 1 else tuple(values[at : at + width]))
        at += width
    return out


def _as_date(value: Any) -> dt.date | None:
    """A date read by raw SQL (SQLite gives its text)."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _plans_of(periods: QuerySet[Period], tasks: QuerySet[Task]) -> dict[str, Any]:
    """What the compared plans hold: their live tasks and their periods by end."""
    by_end: dict[dt.date, dict[int, int]] = defaultdict(dict)
    for plan_id, pk, end in periods.values_list("plan_id", "pk", "end"):
        by_end[end][plan_id] = pk
    return {
        "totals": dict(tasks.order_by().values("plan_id").annotate(n=Count("pk")).values_list("plan_id", "n")),
        "periods": dict(by_end),
        "ends": sorted(by_end),
    }


def _compare_counts(
    period_ids: list[int], today: dt.date
) -> tuple[list[tuple[int, str, int]], dict[int, int], list[int]]:
    """Per plan: tasks by standing, reported tasks of overdue periods, and the plans whose period is overdue."""
    statuses = standing.annotate_statuses(TaskStatus.objects.filter(period_id__in=period_ids, task__withdrawn=False))
    found = [(r["period__plan_id"], r["standing"], r["n"]) for r in standing.counts(statuses, "period__plan_id")]
    overdue = Period.objects.filter(pk__in=period_ids, due__lt=today)
    reported = (
        TaskStatus.objects.filter(period__in=overdue, task__withdrawn=False, entry__isnull=False)
        .order_by()
        .values("period__plan_id")
        .annotate(n=Count("pk"))
    )
    got = {r["period__plan_id"]: r["n"] for r in reported}
    return found, got, list(overdue.values_list("plan_id", flat=True))


def live_tasks_of(plans: list[Plan]) -> QuerySet[Task]:
    return Task.objects.filter(plan__in=plans, withdrawn=False)
