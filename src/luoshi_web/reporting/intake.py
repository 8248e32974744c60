"""Read a unit's file (the filled template, or its own Word/Excel reply) into rows for its tasks.

The core's ``luoshi.intake.read_unit_file`` reads it, given the unit's tasks under the web app's own
ids: a luoshi template by its hidden task ids, a reply in the unit's own layout by its 序号 /
进展情况 / 是否完成 columns. All or nothing: any row that is not one of the unit's tasks refuses the
whole file (``IntakeError`` lists every problem by row), so a half-read file never reaches the office.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from luoshi import LuoshiError
from luoshi_web.plans.models import Task


@dataclass
class Row:
    """One task's progress as the file gives it."""

    task: Task
    text: str
    claimed_status: str = ""
    where: str = ""
    figures: list[dict[str, Any]] = field(default_factory=list)


def read_unit_file(data: bytes, filename: str, unit_name: str, tasks: list[tuple[Task, str]]) -> list[Row]:
    """Rows of ``data`` for ``tasks`` (each with the unit's role); ``LuoshiError`` when refused."""
    from luoshi import UnitTask
    from luoshi import read_unit_file as core_read

    unit_tasks = [
        UnitTask(
            id=str(task.pk),
            number=task.number or None,
            text=task.text,
            role="lead" if role == "lead" else "co",
            target=task.target or None,
        )
        for task, role in tasks
    ]
    intake = core_read(data, filename, unit=unit_name, tasks=unit_tasks)
    by_id = {str(task.pk): task for task, _ in tasks}
    rows = [
        Row(task=by_id[e.task_id], text=e.progress, claimed_status=e.status or "", where=e.row)
        for e in intake.entries
        if e.task_id in by_id and e.progress.strip()
    ]
    if not rows:
        raise LuoshiError(
            f"“{filename}”中没有读到本单位任务的进展。请使用本单位的填报模板，或在表格中保留“序号”和“进展情况”两列。"
        )
    return rows
