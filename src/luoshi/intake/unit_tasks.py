"""A unit's share of a plan: the tasks it leads or supports, each with an id a filled file maps back by.

A task id names the part and the task's place in it, with a fingerprint of its number and text
("1-17-3fa2c1d0"): a template filled for one version of a plan is refused for a changed task rather
than attached to the wrong one. The web app passes its own ids instead (any string).

Unit names are compared by ``luoshi.unit_names.unit_key`` ("区科技局" = "科技局"); mapping other aliases
(区科学技术局) is the unit directory's job, not this module's.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from luoshi.model import Indicator, Part, Plan, Task
from luoshi.unit_names import distinct_units, unit_key

Role = Literal["lead", "co"]
ROLE_LABELS: dict[str, str] = {"lead": "主办", "co": "协办"}

TASK_ID = re.compile(r"^(\d+)-(\d+)-([0-9a-f]{8})$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class UnitTask:
    """One task as a unit sees it: what to report on, and the id its report comes back with."""

    id: str
    number: str | None
    text: str
    role: Role
    target: str | None = None  # a separate 全年目标 (project tables)
    indicator: str | None = None  # the main quantified target, worded ("有效发明专利拥有量 ≥ 9600件")
    measure: str | None = None  # its unit of measure (件, 亿元, %)
    part: str | None = None  # the part's title
    lead: tuple[str, ...] = ()  # all lead units, for the co-units' view

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


def fingerprint(task: Task) -> str:
    digest = hashlib.sha256(f"{task.number or ''}\x1f{_SPACES.sub('', task.text)}".encode()).hexdigest()
    return digest[:8]


def task_id(part_no: int, index: int, task: Task) -> str:
    """The id of the ``index``-th task (1-based) of the ``part_no``-th part (1-based)."""
    return f"{part_no}-{index}-{fingerprint(task)}"


def find_task(plan: Plan, tid: str) -> tuple[int, int, Task] | None:
    """The (part index, task index, task) an id from ``task_id`` names, if it still names that task."""
    m = TASK_ID.match(tid.strip())
    if not m:
        return None
    p, i = int(m.group(1)) - 1, int(m.group(2)) - 1
    if not (0 <= p < len(plan.parts) and 0 <= i < len(plan.parts[p].tasks)):
        return None
    task = plan.parts[p].tasks[i]
    return (p, i, task) if fingerprint(task) == m.group(3) else None


def describe_indicator(ind: Indicator) -> str:
    """ "有效发明专利拥有量 ≥ 9600件": what the figure column asks for."""
    if ind.value is None:
        return ind.text
    value = int(ind.value) if float(ind.value).is_integer() else ind.value
    cmp = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "=", "~": "约", "==0": "="}.get(ind.comparator or "", "")
    growth = "增长" if ind.kind == "growth" else ""
    return f"{ind.metric or ''}{growth} {cmp} {value}{ind.unit or ''}".strip()


def _main_indicator(task: Task) -> Indicator | None:
    return next((i for i in task.indicators if i.value is not None), None)


def units_of(parts: Sequence[Part]) -> list[str]:
    """Every unit named as lead or co in ``parts``, in order of first appearance."""
    return distinct_units([unit for part in parts for task in part.tasks for unit in (*task.lead, *task.co)])


def unit_tasks(plan: Plan, unit: str, *, parts: Sequence[int] | None = None) -> list[UnitTask]:
    """The tasks of ``plan`` that ``unit`` leads or supports, in plan order.

    ``parts`` limits them to those parts (0-based indices); by default every part is searched.
    A continuation row (no number) goes with its task: it is listed when its task is.
    """
    out: list[UnitTask] = []
    key = unit_key(unit)
    for p, part in enumerate(plan.parts):
        if parts is not None and p not in parts:
            continue
        owner: Role | None = None
        for i, task in enumerate(part.tasks):
            if task.number is not None or i == 0:
                owner = None
                if any(unit_key(u) == key for u in task.lead):
                    owner = "lead"
                elif any(unit_key(u) == key for u in task.co):
                    owner = "co"
            if owner is None:
                continue
            ind = _main_indicator(task)
            out.append(
                UnitTask(
                    id=task_id(p + 1, i + 1, task),
                    number=task.number,
                    text=task.text,
                    role=owner,
                    target=task.target,
                    indicator=describe_indicator(ind) if ind else None,
                    measure=ind.unit if ind else None,
                    part=part.title,
                    lead=task.lead,
                )
            )
    return out
