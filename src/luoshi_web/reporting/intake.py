"""Read a unit's file (the filled template, or its own Word/Excel reply) into rows for its tasks.

The core reads the file (``luoshi.intake`` when it offers a reader for the unit's tasks; otherwise
``luoshi.read`` + ``luoshi.structure``, whose table parser finds 序号 / 进展情况 / 是否完成 columns by
their headers). Each row is tied to one of the unit's tasks by number, else by the task text it
quotes. All or nothing: any row that cannot be tied to one of the unit's tasks refuses the file,
with every problem listed by row, so a half-read file never reaches the office.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Any

from luoshi.errors import LuoshiError
from luoshi_web.plans.models import Task


class FileRefused(LuoshiError):
    """The file was read but cannot be taken: each problem is in ``errors``."""

    def __init__(self, errors: list[str], filename: str) -> None:
        self.errors = errors
        super().__init__(f"“{filename}”未导入：" + "；".join(errors[:10]) + ("……" if len(errors) > 10 else ""))


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
    rows = _with_core_intake(data, filename, unit_name, tasks)
    if rows is None:
        rows = _with_structure(data, filename, tasks)
    if not rows:
        raise LuoshiError(
            f"“{filename}”中没有读到本单位任务的进展。请使用本单位的填报模板，或在表格中保留“序号”和“进展情况”两列。"
        )
    return rows


def _with_core_intake(data: bytes, filename: str, unit_name: str, tasks: list[tuple[Task, str]]) -> list[Row] | None:
    """Use the core's intake reader when it exists (it knows the template and many reply layouts)."""
    try:
        import luoshi.intake as intake
        from luoshi.intake.unit_tasks import UnitTask
    except ImportError:
        return None
    reader = getattr(intake, "read_intake", None) or getattr(intake, "read_file", None)
    if reader is None:
        return None
    unit_tasks = [
        UnitTask(id=str(t.pk), number=t.number or None, text=t.text, role=role, target=t.target or None)  # type: ignore[arg-type]
        for t, role in tasks
    ]
    params = inspect.signature(reader).parameters
    kwargs: dict[str, Any] = {}
    if "filename" in params:
        kwargs["filename"] = filename
    if "unit" in params:
        kwargs["unit"] = unit_name
    if "tasks" in params:
        kwargs["tasks"] = unit_tasks
    result = reader(data, **kwargs)
    by_id = {str(t.pk): t for t, _ in tasks}
    rows = []
    for entry in result.entries:
        task = by_id.get(entry.task_id or "")
        if task is None:
            continue
        rows.append(Row(task=task, text=entry.progress, claimed_status=entry.status or "", where=entry.row))
    return rows


def _with_structure(data: bytes, filename: str, tasks: list[tuple[Task, str]]) -> list[Row]:
    from luoshi.judge.text import overlap
    from luoshi.read import read_bytes
    from luoshi.structure import parse_document

    plan = parse_document(read_bytes(data, filename))
    by_number = {t.number: t for t, _ in tasks if t.number}
    errors: list[str] = []
    rows: list[Row] = []
    seen: dict[int, str] = {}
    for part in plan.parts:
        for index, core in enumerate(part.tasks, 1):
            progress = (core.progress or "").strip()
            if not progress:
                continue
            where = f"第{core.span.row + 1}行" if core.span and core.span.row is not None else f"第{index}项"
            task = by_number.get((core.number or "").strip())
            if task is None or (
                core.text and overlap(task.text, core.text) < 0.2 and overlap(core.text, task.text) < 0.2
            ):
                # Numbers may be the file's own: fall back to the task whose words it quotes.
                best = max(tasks, key=lambda pair: overlap(pair[0].text, core.text), default=None)
                task = best[0] if best and overlap(best[0].text, core.text) >= 0.5 else None
            if task is None:
                label = f"序号 {core.number}" if core.number else f"“{core.text[:20]}”"
                errors.append(f"{where}：{label} 不是本单位的任务")
                continue
            if task.pk in seen:
                errors.append(f"{where}：{task.label}重复填报（已在{seen[task.pk]}填写）")
                continue
            seen[task.pk] = where
            status = (core.status or "").strip()
            rows.append(
                Row(
                    task=task,
                    text=progress,
                    claimed_status=status if status in ("是", "否", "部分未达") else "",
                    where=where,
                )
            )
    if errors:
        raise FileRefused(errors, filename)
    return rows
