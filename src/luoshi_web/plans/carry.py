"""Last year's unfinished tasks, offered for carrying over into next year's draft (上年未完成任务).

"Last year" is the latest year before the draft's for which the government holds plans (archived
ones left out). What says a task was not finished comes from three places, the stronger deciding:

1. the status its year-end table printed (否 / 部分未达), when that table was imported — this app;
2. the verdict that counts (the office's sign-off, else the judge's) in the latest period with one
   — the reporting app;
3. a 督办单 about the task not yet closed (销号), on any earlier plan — the supervision app.

The plans app cannot import the apps above it, so it asks them: it sends ``year_end`` and they answer
(their receivers are connected in their ``AppConfig.ready``) with ``Standing`` rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.dispatch import Signal

from luoshi import Task as CoreTask
from luoshi_web import bridge
from luoshi_web.plans.models import Plan, Task
from luoshi_web.units.models import Government

# Sent with ``government`` and ``year`` (the draft's) and ``last`` (the year before it that has plans,
# or None); each receiver returns a list of ``Standing``.
year_end = Signal()

PRINTED, VERDICT, NOTICE = 0, 1, 2  # how strongly a source decides: a verdict over a printed status
UNFINISHED_PRINTED = ("否", "部分未达")


@dataclass(frozen=True)
class Standing:
    """What one source says of a task at year end: finished or not, and in words why."""

    task_id: int
    finished: bool
    reason: str
    weight: int


@dataclass
class Carried:
    """A stored task offered again: the core task to draft from, where it comes from, and why."""

    task: CoreTask
    task_id: int
    year: int
    number: str
    reasons: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        return "；".join(self.reasons)


def last_year(government: Government, year: int) -> int | None:
    """The latest year before ``year`` of which the government holds plans."""
    return (
        Plan.objects.filter(government=government, year__lt=year)
        .exclude(state=Plan.ARCHIVED)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )


def printed(government: Government, last: int | None) -> list[Standing]:
    """Last year's tasks whose imported year-end table printed 否 or 部分未达."""
    if last is None:
        return []
    rows = (
        Task.objects.filter(plan__government=government, plan__year=last, withdrawn=False)
        .exclude(plan__state=Plan.ARCHIVED)
        .filter(printed_status__in=UNFINISHED_PRINTED)
        .values_list("pk", "printed_status")
    )
    return [Standing(pk, False, f"执行情况表：{status}", PRINTED) for pk, status in rows]


def carried_over(government: Government, year: int) -> list[Carried]:
    """The tasks to offer for carrying over into ``year``'s draft, in the order of their plans, with reasons."""
    last = last_year(government, year)
    standings = printed(government, last)
    for _, answer in year_end.send(sender=Government, government=government, year=year, last=last):
        standings.extend(s for s in answer or [] if isinstance(s, Standing))
    by_task: dict[int, list[Standing]] = defaultdict(list)
    for standing in standings:
        by_task[standing.task_id].append(standing)
    chosen: dict[int, list[str]] = {}
    for task_id, said in by_task.items():
        strongest = max(s.weight for s in said)
        if not any(s.finished for s in said if s.weight == strongest):
            chosen[task_id] = [s.reason for s in sorted(said, key=lambda s: -s.weight) if not s.finished]
    tasks = (
        Task.objects.filter(pk__in=list(chosen), plan__government=government, plan__year__lt=year, withdrawn=False)
        .exclude(plan__state=Plan.ARCHIVED)
        .select_related("plan")
        .prefetch_related("indicators")
        .order_by("plan__year", "plan_id", "part__order", "order")
    )
    return [
        Carried(
            task=bridge.core_task(task, indicators=task.indicators.all()),
            task_id=task.pk,
            year=task.plan.year,
            number=task.number,
            reasons=chosen[task.pk],
        )
        for task in tasks
    ]
