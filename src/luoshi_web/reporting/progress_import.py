"""Apply progress from a document to a plan for a period: a 督查通报, a half-year report, a status table.

The office uploads the document for one period of the plan; the core places everything it reports on
the plan's tasks (``luoshi.apply_progress_document``): *matched* at the matcher's own precision (by the
task number the document prints, by words and units, by indicator), *offered* with candidate tasks for
the office to confirm, *unmatched*. The preview is staged (``luoshi_web.staging``): nothing is stored
before the office confirms, and the confirmation stores everything or nothing (one transaction).

Each chosen item becomes a progress entry of its task's lead unit for the period (source 随文件导入),
with the words and figures as read, the document kept as an attachment and the item's place in it
(``ProgressEntry.origin``); items given to one task are one entry. The tasks are then judged again.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import transaction

from luoshi import LuoshiError, apply_progress_document
from luoshi_web import bridge
from luoshi_web.audit import trail
from luoshi_web.plans.assignments import unit_names_by_task
from luoshi_web.plans.models import Period, Plan, Task, TaskUnit
from luoshi_web.reporting import services
from luoshi_web.reporting.models import Attachment, ProgressEntry

STATES = {"matched": "已对应", "offered": "待确认", "unmatched": "未对应"}


def build_preview(plan: Plan, period: Period, data: bytes, filename: str) -> dict[str, Any]:
    """The staged preview of a progress document applied to ``plan`` for ``period``; ``LuoshiError`` if unread."""
    tasks = list(plan.tasks.order_by("order").prefetch_related("indicators").select_related("section__parent"))
    names = unit_names_by_task(task__plan=plan)
    core = []
    for t in tasks:
        section, subsection = bridge.sections_of(t)
        core.append(
            bridge.core_task(
                t,
                indicators=t.indicators.all(),
                lead=names[t.pk]["lead"],
                co=names[t.pk]["co"],
                section=section,
                subsection=subsection,
            )
        )
    application = apply_progress_document(core, data, filename)
    items = []
    for n, p in enumerate(application.placements):
        item = p.reported
        items.append(
            {
                "index": n,
                "state": p.state,
                "kind": item.kind,
                "label": item.label,
                "text": item.text,
                "said": f"{item.label}：{item.observations[0].text}" if item.kind == "figure" else item.text,
                "status": item.status or "",
                "standing": item.standing or "",
                "ref": item.ref or "",
                "span": None if item.span is None else [item.span.block, item.span.row, item.span.start, item.span.end],
                "figures": [bridge.figure(o) for o in item.observations],
                "candidates": [{"task": tasks[c.task].pk, "score": round(c.score, 2)} for c in p.candidates],
                "choice": tasks[p.task].pk if p.task is not None else None,
            }
        )
    return {
        "plan": plan.pk,
        "period": period.pk,
        "filename": filename,
        "sha256": application.source.sha256,
        "reported_period": application.period or "",
        "items": items,
    }


def confirm(preview: dict[str, Any], choices: dict[int, int | None], *, user: Any, blob: bytes) -> list[ProgressEntry]:
    """Store the chosen items as the period's progress entries (all or none); ``LuoshiError`` if one cannot be."""
    period = Period.objects.select_related("plan").get(pk=preview["period"])
    tasks = {t.pk: t for t in Task.objects.filter(plan_id=preview["plan"])}
    by_task: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for item in preview["items"]:
        chosen = choices.get(item["index"], item["choice"])
        if chosen is None:
            continue
        if chosen not in tasks:
            raise LuoshiError("所选任务不属于本方案，请重新选择。")
        by_task[chosen].append(item)
    if not by_task:
        raise LuoshiError("没有选择要导入的进展。请为至少一条选定任务，或取消导入。")
    by_unit: dict[int, list[services.Submission]] = defaultdict(list)
    units = {}
    for task_pk, items in by_task.items():
        task = tasks[task_pk]
        unit = _answering_unit(task)
        units[unit.pk] = unit
        by_unit[unit.pk].append(
            services.Submission(
                task=task,
                text="；".join(dict.fromkeys(i["text"] for i in items)),
                claimed_status="",
                figures=[f for i in items for f in i["figures"]],
                base_version=services.latest_version(task, period, unit),
                origin={
                    "document": preview["filename"],
                    "sha256": preview["sha256"],
                    "items": [
                        {"kind": i["kind"], "ref": i["ref"], "span": i["span"], "status": i["status"]} for i in items
                    ],
                },
            )
        )
    stored: list[ProgressEntry] = []
    kept: list[Attachment] = []
    try:
        with transaction.atomic():
            for unit_pk, submissions in by_unit.items():
                entries = services.submit(
                    submissions,
                    period=period,
                    unit=units[unit_pk],
                    user=user,
                    source="import",
                    attachment=(blob, preview["filename"]),
                )
                stored += entries
                kept += list(Attachment.objects.filter(entries__in=entries).distinct())
            trail.record(
                user,
                "import",
                period.plan,
                after={"document": preview["filename"], "entries": len(stored)},
                government_id=period.plan.government_id,
                summary=f"从“{preview['filename']}”导入{len(stored)}项任务的进展（{period.name}）",
            )
    except BaseException:
        # The rows are rolled back; the files kept for the units already stored must go too.
        for attachment in kept:
            attachment.file.delete(save=False)
        raise
    return stored


def _answering_unit(task: Task) -> Any:
    """The unit an imported entry is kept under: the task's first lead unit, else its first unit."""
    assignment = (
        TaskUnit.objects.filter(task=task).exclude(unit__kind="group").order_by("-role", "order").first()
        or TaskUnit.objects.filter(task=task).order_by("-role", "order").first()
    )
    if assignment is None:
        raise LuoshiError(f"{task.label}没有主办或协办单位，无法记入进展。请先在方案中补充责任单位。")
    return assignment.unit
