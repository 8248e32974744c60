"""Keep each task's status for a period current: re-judge after a report or an adjustment; sign off.

The office's sign-off carries the status ``version`` it was shown; if a report arrived meanwhile
the sign-off is refused (optimistic locking) rather than approving figures nobody has read.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q

from luoshi.errors import LuoshiError
from luoshi.model import VERDICT_LABELS
from luoshi_web.audit import trail
from luoshi_web.plans.models import Task
from luoshi_web.reporting.models import Period, ProgressEntry
from luoshi_web.review import judging
from luoshi_web.review.models import Adjustment, TaskStatus, Verdict

CLAIM_TO_VERDICT = {"是": "done", "部分未达": "partly_done", "否": "not_done"}


class Conflict(LuoshiError):
    """The row changed since the person loaded it."""


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
    return [
        {
            "metric": o.metric,
            "period": o.period_label,
            "value": o.value,
            "unit": o.unit,
            "growth_pct": o.growth_pct,
            "forecast": o.forecast,
            "text": o.text,
        }
        for e in entries
        for o in e.observations.all()
    ]


def adjustment_text(task: Task, period: Period) -> str | None:
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


@transaction.atomic
def refresh(task: Task, period: Period, *, reopen: bool = True) -> TaskStatus:
    """Re-judge ``task`` for ``period`` from its latest entries; a new report reopens a signed status."""
    status, _ = TaskStatus.objects.select_for_update().get_or_create(task=task, period=period)
    entries = latest_entries(task, period)
    adjustment = adjustment_text(task, period)
    if not entries and not adjustment:
        return status
    lead = next((e for e in entries if e.role == "lead"), entries[0] if entries else None)
    result = judging.judge(
        task,
        list(task.indicators.all()),
        figures_of(entries),
        "\n".join(e.text for e in entries),
        period.end,
        adjustment,
    )
    verdict = Verdict.objects.create(
        task=task,
        period=period,
        entry=lead,
        source=Verdict.JUDGE,
        value=result.verdict,
        reasons=list(result.reasons),
        rule=result.rule[:500],
        on_forecast=result.on_forecast,
        needs_review=result.needs_review,
        on_schedule=result.on_schedule,
        claim_contradicted=result.claim_contradicted,
        detail=judging.verdict_detail(result),
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


@transaction.atomic
def sign_off(task: Task, period: Period, *, value: str, note: str, version: int, user: Any) -> Verdict:
    """The office's verdict: the judge's confirmed (sign-off) or replaced (override, with a reason)."""
    if value not in VERDICT_LABELS:
        raise LuoshiError("请选择审核结论。")
    if period.closed_at is not None:
        raise LuoshiError("该填报周期已关闭，不能再修改结论。")
    status = (
        TaskStatus.objects.select_for_update(of=("self",))
        .select_related("judged")
        .filter(task=task, period=period)
        .first()
    )
    if status is None or status.version != version:
        raise Conflict("在您审核期间，该任务有了新的填报或结论。请刷新页面，看过最新内容后再签发。")
    judged = status.judged
    override = judged is None or judged.value != value
    if override and not note.strip():
        raise LuoshiError("改判时必须填写审核意见（改判理由）。")
    verdict = Verdict.objects.create(
        task=task,
        period=period,
        entry=status.entry,
        source=Verdict.OVERRIDE if override else Verdict.SIGNOFF,
        value=value,
        reasons=list(judged.reasons) if judged and not override else [note.strip()],
        rule=judged.rule if judged else "",
        on_forecast=bool(judged and judged.on_forecast and not override),
        note=note.strip(),
        created_by=user,
    )
    before = {"state": status.state, "verdict": status.signed.value if status.signed else None}
    status.signed = verdict
    status.state = TaskStatus.SIGNED
    status.disagreement = False if override else status.disagreement
    status.version += 1
    status.save()
    action = "override" if override else "signoff"
    label = VERDICT_LABELS[value]
    trail.record(
        user,
        action,
        status,
        before=before,
        after={"state": status.state, "verdict": value, "note": note},
        government_id=task.plan.government_id,
        summary=f"{'改判' if override else '确认'}{task.label}（{period.name}）为“{label}”",
    )
    return verdict
