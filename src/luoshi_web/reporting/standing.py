"""Where a task stands for a period, in the six words offices count by, computed in SQL.

已完成 / 视同完成 / 达序时 / 滞后 / 待研判 / 未报送: the verdict that counts (the office's sign-off, else
the judge's) and whether the task is behind time progress decide it, exactly as ``TaskStatus.light``
colours it (green for the first three, red for 滞后, yellow for 待研判, grey for 未报送). The words are
an SQL ``CASE`` over a task's status row for the period (joined with ``FilteredRelation``), so a
dashboard counts thousands of tasks with ``GROUP BY`` and the plan page filters by the same
expression: a count and the list behind it can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, CharField, F, FilteredRelation, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from luoshi_web.plans.models import Period, Task


@dataclass(frozen=True)
class Standing:
    code: str
    label: str
    light: str


STANDINGS = (
    Standing("done", "已完成", "green"),
    Standing("deemed", "视同完成", "green"),
    Standing("on_schedule", "达序时", "green"),
    Standing("behind", "滞后", "red"),
    Standing("review", "待研判", "yellow"),
    Standing("missing", "未报送", "grey"),
)
BY_CODE = {s.code: s for s in STANDINGS}
LABELS = {s.code: s.label for s in STANDINGS}
LIGHTS = ("green", "yellow", "red", "grey")
# A standing counts as on track (完成、视同完成或达到序时进度) for rates and rankings.
ON_TRACK = ("done", "deemed", "on_schedule")


def _with_standing(rows: QuerySet[Any], prefix: str, *, signed_only: bool = False) -> QuerySet[Any]:
    """``rows`` annotated with the ``standing`` of the status row reached through ``prefix``.

    ``signed_only``: only the office's sign-off counts (the public page); a task without one is 未报送.
    A sign-off keeps the judge's time-progress finding (达序) unless it says otherwise.
    """
    on_schedule = Q(counted_on_schedule=True)
    behind = Q(**{f"{prefix}behind": True}, counted_verdict__isnull=False)
    standing = Case(
        When(counted_verdict="done", then=Value("done")),
        When(counted_verdict="deemed_done", then=Value("deemed")),
        When(Q(counted_verdict__in=("not_done", "partly_done")) | behind, then=Value("behind")),
        When(Q(counted_verdict="unknown") & on_schedule, then=Value("on_schedule")),
        When(counted_verdict__isnull=False, then=Value("review")),
        default=Value("missing"),
        output_field=CharField(),
    )
    verdict = (
        F(f"{prefix}signed__value")
        if signed_only
        else Coalesce(F(f"{prefix}signed__value"), F(f"{prefix}judged__value"))
    )
    schedule = Coalesce(F(f"{prefix}signed__on_schedule"), F(f"{prefix}judged__on_schedule"))
    return rows.annotate(counted_verdict=verdict, counted_on_schedule=schedule).annotate(standing=standing)


def annotate_statuses(statuses: QuerySet[Any]) -> QuerySet[Any]:
    """``TaskStatus`` rows with ``standing``."""
    return _with_standing(statuses, "")


def tasks_with_standing(tasks: QuerySet[Task], period: Period | int, *, signed_only: bool = False) -> QuerySet[Task]:
    """Tasks with ``standing`` for ``period`` (未报送 where the task has no status row for it)."""
    period_id = period if isinstance(period, int) else period.pk
    joined = tasks.annotate(st=FilteredRelation("statuses", condition=Q(statuses__period_id=period_id)))
    return _with_standing(joined, "st__", signed_only=signed_only)


def counts(rows: QuerySet[Any], *group: str) -> list[dict[str, Any]]:
    """``rows`` (annotated with ``standing``) counted by ``group`` fields and standing, in one query."""
    from django.db.models import Count

    return list(rows.order_by().values(*group, "standing").annotate(n=Count("pk", distinct=True)))


def light_of(code: str) -> str:
    return BY_CODE[code].light
