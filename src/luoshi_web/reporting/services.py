"""Progress reporting: read the figures in a text, preview the verdict, and submit a new entry version."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Q

from luoshi import LuoshiError, TaskVerdict
from luoshi_web import bridge
from luoshi_web.audit import trail
from luoshi_web.plans.models import Period, Task, TaskUnit, adjustment_text
from luoshi_web.reporting import status
from luoshi_web.reporting.models import Attachment, Observation, ProgressEntry
from luoshi_web.units.models import Unit


class ReportConflict(LuoshiError):
    """Someone of the unit submitted a newer version while this one was being written."""


def unit_role(task: Task, unit: Unit) -> str | None:
    """How ``unit`` answers for ``task``: lead, co, or None (also through a collective name it belongs to)."""
    roles = set(
        TaskUnit.objects.filter(task=task)
        .filter(
            Q(unit=unit)
            | Q(unit__kind="group", unit__members=unit)
            | Q(unit__kind="group", unit__member_kind=unit.kind)
        )
        .values_list("role", flat=True)
    )
    if TaskUnit.LEAD in roles:
        return TaskUnit.LEAD
    return TaskUnit.CO if roles else None


def read_figures(text: str, period: Period, task: Task | None = None) -> list[dict[str, Any]]:
    """The figures the core's reader finds in ``text`` (the period's label where the text names none; bare
    numbers in the task's unit of measure)."""
    return bridge.read_figures(text, period.label, task.measure if task is not None else None)


def would_judge(task: Task, period: Period, text: str, figures: Sequence[dict[str, Any]]) -> TaskVerdict:
    """The verdict the judge would give if this text and these figures were submitted now."""
    adjustment = adjustment_text(task, period)
    return bridge.judge(task, list(task.indicators.all()), figures, text, period.end, adjustment)


def latest_version(task: Task, period: Period, unit: Unit) -> int:
    return ProgressEntry.objects.filter(task=task, period=period, unit=unit).aggregate(v=Max("version"))["v"] or 0


@dataclass
class Submission:
    """One entry to submit: the text, the claimed status, the figures as confirmed, and the version seen."""

    task: Task
    text: str
    claimed_status: str
    figures: list[dict[str, Any]]
    base_version: int
    note: str = ""
    origin: Any = None  # where in another document the entry was read (an import of progress)


def submit(
    submissions: Sequence[Submission],
    *,
    period: Period,
    unit: Unit,
    user: Any,
    source: str = "form",
    attachment: tuple[bytes, str] | None = None,
) -> list[ProgressEntry]:
    """Store new entry versions (all or none), the file they came from, and re-judge the tasks."""
    if period.closed_at is not None:
        raise LuoshiError(f"“{period.name}”已关闭，不能再填报。如需更正请联系政府办。")
    stored: Attachment | None = None
    try:
        with transaction.atomic():
            entries = [_submit_one(s, period=period, unit=unit, user=user, source=source) for s in submissions]
            if attachment is not None:
                data, name = attachment
                digest = hashlib.sha256(data).hexdigest()
                stored = Attachment(
                    unit=unit, period=period, uploaded_by=user, original_name=name, size=len(data), sha256=digest
                )
                stored.file.save(name, ContentFile(data), save=False)
                stored.save()
                stored.entries.set(entries)
            for entry in entries:
                status.refresh(entry.task, period)
    except BaseException as exc:
        # The rows are rolled back; the file written for them must go too.
        if stored is not None and stored.file.name:
            stored.file.delete(save=False)
        if isinstance(exc, IntegrityError):
            raise ReportConflict("在您填写期间，本单位已有人提交了新版本。请刷新后在最新版本基础上更正。") from exc
        raise
    return entries


def _submit_one(s: Submission, *, period: Period, unit: Unit, user: Any, source: str) -> ProgressEntry:
    text = s.text.strip()
    if not text:
        raise LuoshiError(f"{s.task.label}：进展情况不能为空。")
    role = unit_role(s.task, unit)
    if role is None:
        raise LuoshiError(f"{s.task.label}不是本单位的任务。")
    current = latest_version(s.task, period, unit)
    if current != s.base_version:
        raise ReportConflict(
            f"{s.task.label}：在您填写期间，本单位已提交了第{current}版。请刷新后在最新版本基础上更正。"
        )
    previous = ProgressEntry.objects.filter(task=s.task, period=period, unit=unit, version=current).first()
    entry = ProgressEntry(
        task=s.task,
        period=period,
        unit=unit,
        role=role,
        version=current + 1,
        supersedes=previous,
        author=user,
        text=text,
        claimed_status=s.claimed_status if s.claimed_status in ("是", "部分未达", "否") else "",
        source=source,
        note=s.note.strip()[:300],
        origin=s.origin,
    )
    entry.save(force_insert=True)
    read = {_figure_key(f) for f in read_figures(text, period, s.task)}
    Observation.objects.bulk_create(
        [
            Observation(
                entry=entry,
                order=i,
                metric=(f.get("metric") or "")[:200],
                period_label=(f.get("period") or "")[:30],
                value=f.get("value"),
                unit=(f.get("unit") or "")[:30],
                growth_pct=f.get("growth_pct"),
                forecast=bool(f.get("forecast")),
                text=(f.get("text") or "")[:500],
                start=f.get("start"),
                end=f.get("end"),
                corrected=_figure_key(f) not in read,
            )
            for i, f in enumerate(s.figures)
        ]
    )
    trail.record(
        user,
        "submit" if entry.version == 1 else "correct",
        entry,
        before={"version": current} if current else None,
        after={"version": entry.version, "text": text, "claimed_status": entry.claimed_status, "figures": s.figures},
        government_id=s.task.plan.government_id,
        summary=f"{unit.name}{'填报' if entry.version == 1 else '更正'}{s.task.label}（{period.name}）第{entry.version}版",
    )
    return entry


def _figure_key(f: dict[str, Any]) -> tuple[Any, ...]:
    return (
        f.get("metric") or "",
        f.get("period") or "",
        f.get("value"),
        f.get("unit") or "",
        f.get("growth_pct"),
        bool(f.get("forecast")),
    )
