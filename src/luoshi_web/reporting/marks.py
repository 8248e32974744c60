"""Where each task of a plan stands in each period, as the lists show it, kept under the plan's state.

A list of tasks — the plan page, a unit's year, the review queue, a liaison's tasks — shows for each its
standing (已完成 … 未报送), light, state and the verdict that counts. ``marks`` reads them for a plan's
periods in one query (the standing is ``reporting.standing``'s SQL, the light ``models.light_of``) and
keeps them in the cache under the state of the plan's tasks and the periods' statuses (``reports``), so
a page reads no status row and computes no standing while nothing changed. A task without a status
row for a period has no mark: it is 未报送.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from luoshi_web import bridge, memo
from luoshi_web.plans.models import Period
from luoshi_web.reporting import reports, standing
from luoshi_web.reporting.models import TaskStatus, light_of

STATE_LABELS = dict(TaskStatus.STATES)


class Mark(NamedTuple):  # a tuple: a plan's year of marks is read from the cache on every page
    status_id: int
    standing: str  # a code of standing.STANDINGS
    light: str
    state: str  # TaskStatus.state
    verdict: str | None  # the value of the verdict that counts: the office's, else the judge's
    proposal: bool  # that verdict is the judge's, not yet signed off
    judged: str | None  # the judge's value
    claimed_status: str
    disagreement: bool
    behind: bool

    @property
    def state_label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)


Marks = dict[tuple[int, int], Mark]  # (task id, period id) → its mark


def marks(periods: Iterable[Period], state: tuple[Any, ...] | None = None) -> Marks:
    """The marks of the tasks in ``periods`` (of one plan or several); ``state``: their plans' state for them
    when the caller has it (``reports.plan_state`` for one period, else ``reports.year_state`` is asked)."""
    periods = list(periods)
    ids = sorted(p.pk for p in periods)
    if not ids:
        return {}

    def compute() -> Marks:
        rows = standing.annotate_statuses(TaskStatus.objects.filter(period_id__in=ids)).values_list(
            "task_id",
            "period_id",
            "pk",
            "standing",
            "state",
            "claimed_status",
            "disagreement",
            "behind",
            "signed__value",
            "signed__on_schedule",
            "signed__source",
            "judged__value",
            "judged__on_schedule",
            "judged__source",
        )
        found: Marks = {}
        for task, period, pk, code, status, claimed, disagreement, behind, *verdicts in rows:
            signed, judged = verdicts[:3], verdicts[3:]
            verdict, on_schedule, source = signed if signed[0] is not None else judged
            found[(task, period)] = Mark(
                status_id=pk,
                standing=code,
                light=light_of(verdict, on_schedule, behind),
                state=status,
                verdict=verdict,
                proposal=verdict is not None and not bridge.signed_source(source),
                judged=judged[0],
                claimed_status=claimed,
                disagreement=disagreement,
                behind=behind,
            )
        return found

    if state is None:
        state = reports.year_state({p.plan_id: p.plan for p in periods}.values(), ids)
    return memo.remembered("marks", (*ids, *state), compute)
