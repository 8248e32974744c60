"""Keep each task's status for a period current: re-judge it from its latest entries after every report.

The judge's verdict is stored as a ``Verdict`` and the ``TaskStatus`` row points at it; a new report
reopens a status the office had signed (it must be read again). The office's sign-off is the review
app's (``review.signoff``).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from luoshi_web import bridge
from luoshi_web.plans.models import Period, Task, adjustment_text
from luoshi_web.reporting.models import ProgressEntry, TaskStatus, Verdict

CLAIM_TO_VERDICT = {"是": "done", "部分未达": "partly_done", "否": "not_done"}


def latest_entries(task: Task, period: Period) -> list[ProgressEntry]:
    """The newest version of each unit's entry, lead units first."""
    newest: dict[int, ProgressEntry] = {}
    for entry in (
        ProgressEntry.objects.filter(task=task, period=period)
        .select_related("unit")
        .prefetch_related("observations")
        .order_by("-version")
    ):
        newest.setdefault(entry.unit_id, entry)
    return sorted(newest.values(), key=lambda e: (e.role != "lead", e.submitted_at))


def figures_of(entries: list[ProgressEntry]) -> list[dict[str, Any]]:
    return [bridge.figure_of_row(o) for e in entries for o in e.observations.all()]


@transaction.atomic
def refresh(task: Task, period: Period, *, reopen: bool = True) -> TaskStatus:
    """Re-judge ``task`` for ``period`` from its latest entries; a new report reopens a signed status."""
    status, _ = TaskStatus.objects.select_for_update().get_or_create(task=task, period=period)
    entries = latest_entries(task, period)
    adjustment = adjustment_text(task, period)
    if not entries and not adjustment:
        return status
    lead = next((e for e in entries if e.role == "lead"), entries[0] if entries else None)
    result = bridge.judge(
        task,
        list(task.indicators.all()),
        figures_of(entries),
        "\n".join(e.text for e in entries),
        period.end,
        adjustment,
    )
    verdict = Verdict.objects.create(
        task=task, period=period, entry=lead, source=Verdict.JUDGE, **bridge.verdict_fields(result)
    )
    claimed = lead.claimed_status if lead else ""
    status.entry = lead
    status.judged = verdict
    status.claimed_status = claimed
    status.disagreement = bool(
        result.claim_contradicted
        or (
            claimed
            and result.verdict != "unknown"
            and CLAIM_TO_VERDICT.get(claimed) != result.verdict
            and not (claimed == "是" and result.verdict == "deemed_done")
        )
    )
    status.behind = result.on_schedule is False or result.verdict in ("not_done", "partly_done")
    if lead is not None and (reopen or status.state == TaskStatus.MISSING):
        status.state = TaskStatus.SUBMITTED
        status.signed = None
    status.version += 1
    status.save()
    return status
