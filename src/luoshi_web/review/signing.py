"""The office's sign-off: the judge's verdict confirmed, or replaced with a reason (an override).

The sign-off carries the status ``version`` it was shown; if a report arrived meanwhile the sign-off
is refused (optimistic locking) rather than approving figures nobody has read.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from luoshi import VERDICT_LABELS, LuoshiError
from luoshi_web.audit import trail
from luoshi_web.plans.models import Period, Task
from luoshi_web.reporting.models import TaskStatus, Verdict


class Conflict(LuoshiError):
    """The row changed since the person loaded it."""


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
        # A sign-off keeps what the judge's verdict rests on; an override rests on the office's reason.
        detail=judged.detail if judged and not override else [],
        evidence=judged.evidence if judged and not override else "",
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
