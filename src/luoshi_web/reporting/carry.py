"""Last year's verdicts for the draft's carry-over: the verdict that counts in the latest period that has one.

Answers the plans app's ``year_end`` signal (``plans.carry``): a task judged 否 or 部分未达 in the last
period judged is offered again; one judged done (or deemed done) is not, whatever its table printed.
A task waiting for a person's judgement (待人工研判) says nothing either way.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.dispatch import receiver

from luoshi import VERDICT_LABELS
from luoshi_web.plans.carry import VERDICT, Standing, year_end
from luoshi_web.plans.models import Plan
from luoshi_web.reporting.models import TaskStatus
from luoshi_web.units.models import Government

FINISHED = ("done", "deemed_done")
UNFINISHED = ("not_done", "partly_done")


@receiver(year_end, dispatch_uid="reporting-verdicts")
def verdicts(sender: Any, government: Government, year: int, last: int | None, **kwargs: Any) -> list[Standing]:
    if last is None:
        return []
    statuses = (
        TaskStatus.objects.filter(task__plan__government=government, task__plan__year=last, task__withdrawn=False)
        .exclude(task__plan__state=Plan.ARCHIVED)
        .filter(Q(judged__isnull=False) | Q(signed__isnull=False))
        .select_related("judged", "signed", "period")
        .order_by("task_id", "-period__end")
    )
    seen: set[int] = set()
    found: dict[int, Standing] = {}
    for status in statuses:
        verdict = status.verdict
        if status.task_id in seen or verdict is None:
            continue
        seen.add(status.task_id)  # the latest period judged decides
        if verdict.value not in (*FINISHED, *UNFINISHED):
            continue
        signed = "，已审核" if status.signed_id else ""
        found[status.task_id] = Standing(
            status.task_id,
            verdict.value in FINISHED,
            f"{status.period.name}研判：{VERDICT_LABELS[verdict.value]}{signed}",
            VERDICT,
        )
    return list(found.values())
