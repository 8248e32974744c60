"""Suggest lead and co-units for tasks, learned from a government's earlier plans (建议主办/协办单位).

``build_model(history, aliases)`` learns from the parts of earlier plans whose tasks name units
(never from the plan being suggested for); ``suggest(task, model)`` ranks units for one task and
``suggest_plan(tasks, model)`` for a whole plan in order (which also aligns it with the past plans).
Each ``Suggestion`` has a score and the past tasks that support it; where the history has nothing
like the task, the ``Suggestions`` are empty with a reason. The method and its measures: docs/suggest.md.
"""

from __future__ import annotations

from collections.abc import Sequence

from luoshi.model import Suggestion, Suggestions, Task
from luoshi.suggest.model import Model, build_model
from luoshi.suggest.names import unit_key
from luoshi.suggest.rank import rank_plan, rank_task


def suggest(task: Task | str, model: Model) -> Suggestions:
    """The units proposed for one task (a ``Task`` or its text), best first."""
    return rank_task(model, task)


def suggest_plan(tasks: Sequence[Task], model: Model) -> list[Suggestions]:
    """The units proposed for each task of a plan, in order; the plan's order counts (see ``rank.align``)."""
    return rank_plan(model, tasks)


__all__ = ["Model", "Suggestion", "Suggestions", "build_model", "suggest", "suggest_plan", "unit_key"]
