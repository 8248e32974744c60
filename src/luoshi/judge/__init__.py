"""The judge: verdicts with reasons (是 / 部分未达 / 否 / 视同完成 / 待人工研判) for targets and tasks.

Pure functions over the model, no I/O:

- ``judge_task(target, progress, *, indicators=None, observations=None, as_of=None, year=None,
  project=False, settings=DEFAULT_SETTINGS) -> TaskVerdict``: one task from its target and progress
  text (or the indicators/observations already read from them).
- ``judge_numeric(indicator, observations, *, as_of=None, year=None) -> IndicatorVerdict | None``:
  one numeric target against the figures reported for it.
- ``judge_plan(plan, *, as_of=None) -> list[PartJudgement]``: every row of a plan's status and
  project tables, next to the printed status; ``judgements_to_dict`` is the ``luoshi judge --json``
  shape.

The rules and their tolerances are in docs/judge.md.
"""

from __future__ import annotations

from luoshi.judge.indicators import judge_numeric
from luoshi.judge.settings import DEFAULT_SETTINGS, JudgeSettings
from luoshi.judge.table import PartJudgement, RowJudgement, judge_plan, judgements_to_dict
from luoshi.judge.tasks import combine, judge_task
from luoshi.judge.time_progress import read_period, time_progress

__all__ = [
    "DEFAULT_SETTINGS",
    "JudgeSettings",
    "PartJudgement",
    "RowJudgement",
    "combine",
    "judge_numeric",
    "judge_plan",
    "judge_task",
    "judgements_to_dict",
    "read_period",
    "time_progress",
]
