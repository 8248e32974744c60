"""What intake returns: progress entries read from a unit's file, the row errors that refuse a file, and
how entries go back into a plan for the judge.

All or nothing: a file with any row error is refused whole (``IntakeError`` lists every error, in
Chinese, by row), so a half-read file never reaches the office's figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from luoshi.errors import LuoshiError
from luoshi.intake.unit_tasks import find_task
from luoshi.model import Observation, Plan, Task

STATUS_SYNONYMS: dict[str, str] = {
    "是": "是",
    "完成": "是",
    "已完成": "是",
    "√": "是",
    "✓": "是",
    "否": "否",
    "未完成": "否",
    "×": "否",
    "✗": "否",
    "部分未达": "部分未达",
    "部分完成": "部分未达",
    "部分达到": "部分未达",
    "视同完成": "视同完成",
}
ACCEPTED_STATUSES = "是、否、部分未达"

_SPACES = re.compile(r"\s+")


def normalise_status(value: str) -> str | None:
    """The status as the office writes it (是/否/部分未达/视同完成), or None if the words are not one."""
    return STATUS_SYNONYMS.get(_SPACES.sub("", value))


@dataclass(frozen=True)
class ProgressEntry:
    """One task's report from a unit's file."""

    task_id: str | None  # None when the file could not be tied to a plan (no tasks given)
    number: str | None
    progress: str
    status: str | None = None  # the unit's claim: 是 / 否 / 部分未达
    figure: float | None = None  # the 完成数值 column of the template
    measure: str | None = None  # its unit of measure
    note: str | None = None
    text: str | None = None  # the task's text as the file shows it
    row: str = ""  # where it was read ("第5行", "表2第7行")
    observations: tuple[Observation, ...] = ()  # figures read from ``progress``


@dataclass(frozen=True)
class Intake:
    """A unit's file, read: its entries, and the unit's tasks it did not report on."""

    kind: Literal["template", "reply"]
    unit: str | None
    entries: tuple[ProgressEntry, ...]
    missing: tuple[str, ...] = ()  # ids of the unit's tasks with nothing filled in
    period: str | None = None
    filename: str = ""


class IntakeError(LuoshiError):
    """A file refused as a whole, with every row error found in it."""

    def __init__(self, errors: Sequence[str], *, filename: str = "") -> None:
        self.errors = tuple(errors)
        head = f"“{filename}”" if filename else "文件"
        if len(self.errors) == 1:
            message = f"{head}未导入：{self.errors[0]}"
        else:
            message = f"{head}有{len(self.errors)}处问题，未导入任何内容：" + "；".join(self.errors)
        if not message.endswith("。"):
            message += "。"
        super().__init__(message + "请改正后重新提交整个文件。")


def apply_entries(plan: Plan, entries: Sequence[ProgressEntry], *, keep_status: bool = False) -> Plan:
    """``plan`` with each reported task's progress (and the unit's claimed status) replaced by the entries.

    Several entries for one task (the lead unit's and a co-unit's) are joined in the order given.
    ``keep_status`` keeps the statuses printed in the plan instead of the units' claims.
    """
    progress: dict[tuple[int, int], list[str]] = {}
    status: dict[tuple[int, int], str] = {}
    for entry in entries:
        found = find_task(plan, entry.task_id) if entry.task_id else None
        if found is None:
            continue
        key = (found[0], found[1])
        if entry.progress:
            progress.setdefault(key, []).append(entry.progress)
        if entry.status and key not in status:
            status[key] = entry.status
    parts = []
    for p, part in enumerate(plan.parts):
        tasks: list[Task] = []
        for i, task in enumerate(part.tasks):
            key = (p, i)
            if key in progress or key in status:
                task = replace(
                    task,
                    progress="\n".join(progress[key]) if key in progress else task.progress,
                    status=task.status if keep_status or key not in status else status[key],
                )
            tasks.append(task)
        parts.append(replace(part, tasks=tuple(tasks)))
    return replace(plan, parts=tuple(parts))
