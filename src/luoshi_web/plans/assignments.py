"""Tasks' lead and co-units (主办/协办) grouped by task, in printed order, in one query."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from luoshi_web import memo
from luoshi_web.plans.models import TaskUnit
from luoshi_web.prepared import Prepared

Grouped = dict[int, dict[str, list[Any]]]


def _empty() -> dict[str, list[Any]]:
    return {"lead": [], "co": []}


def assignments_by_task(tasks: Iterable[Any]) -> Grouped:
    """``{task id: {"lead": [TaskUnit…], "co": [TaskUnit…]}}`` with each assignment's unit loaded."""
    grouped: Grouped = defaultdict(_empty)
    for assignment in TaskUnit.objects.filter(task__in=tasks).select_related("unit").order_by("order"):
        grouped[assignment.task_id][assignment.role].append(assignment)
    return grouped


def unit_names_by_task(*conditions: Any, **where: Any) -> Grouped:
    """``{task id: {"lead": [unit name…], "co": [unit name…]}}`` for the assignments ``conditions`` and ``where``
    select."""
    grouped: Grouped = defaultdict(_empty)
    rows = TaskUnit.objects.filter(*conditions, **where).order_by("order").values_list("task_id", "role", "unit__name")
    for task_id, role, name in rows:
        grouped[task_id][role].append(name)
    return grouped


def unit_names_of(task_ids: list[int], role: str | None = None) -> Grouped:
    """``unit_names_by_task`` for the tasks ``task_ids`` (a page of them; ``role``: only the lead or co-units),
    through a query compiled once per process."""
    grouped: Grouped = defaultdict(_empty)
    for task_id, unit_role, name in _unit_names(task_ids, role):
        grouped[task_id][unit_role].append(name)
    return grouped


_unit_names = Prepared(
    lambda task_ids, role: (
        TaskUnit.objects.filter(memo.ids_in("task_id", task_ids), **({"role": role} if role is not None else {}))
        .order_by("order")
        .values_list("task_id", "role", "unit__name")
    )
)


def roles_for_units(tasks: Iterable[Any], unit_ids: Iterable[int]) -> dict[int, str]:
    """How the units ``unit_ids`` (one unit and its collective names) answer for each task: lead wins over co."""
    found: dict[int, str] = {}
    for task_id, role in TaskUnit.objects.filter(task__in=tasks, unit_id__in=list(unit_ids)).values_list(
        "task_id", "role"
    ):
        if found.get(task_id) != TaskUnit.LEAD:
            found[task_id] = role
    return found
