"""Verdicts one for one with a part's tasks, for the reports: the judge's, or the statuses a table prints.

A report never judges; whoever asks for one (the command line, the web app) gets the verdicts here
and hands them over (``luoshi.reports.ReportRequest.verdicts``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from luoshi.judge.table import judge_plan, row_target
from luoshi.model import Part, Plan, TaskVerdict, VerdictValue

PRINTED_TO_VERDICT: dict[str, VerdictValue] = {
    "是": "done",
    "完成": "done",
    "已完成": "done",
    "否": "not_done",
    "未完成": "not_done",
    "部分未达": "partly_done",
    "部分完成": "partly_done",
    "视同完成": "deemed_done",
}


def printed_verdicts(part: Part) -> list[TaskVerdict | None]:
    """Verdicts taken from the statuses printed in the document (no judging): for tables already decided."""
    out: list[TaskVerdict | None] = []
    for task in part.tasks:
        printed = (task.status or "").strip()
        value = PRINTED_TO_VERDICT.get(printed)
        if value is None:
            out.append(None if not printed else TaskVerdict("unknown", (f"所填状态“{printed}”无法识别",), "printed"))
        else:
            # The document's own statuses: the office printed them, they are its signed conclusions.
            out.append(TaskVerdict(value, (f"文件所列是否完成：{printed}",), "printed", signed=True))
    return out


def part_verdicts(plan: Plan, part_index: int, *, as_of: dt.date | None = None) -> list[TaskVerdict | None]:
    """The judge's verdict on each task of one part, one for one (None for an empty row).

    Calls ``luoshi.judge.judge_plan`` on that part alone, so the verdicts are those ``luoshi judge``
    prints; a part of any kind is judged once it carries progress (a plan with units' reports in).
    """
    part = plan.parts[part_index]
    if not any(t.progress for t in part.tasks) and part.kind not in ("status_table", "project_table"):
        return [None] * len(part.tasks)
    judged = judge_plan(replace(plan, parts=(part,)), as_of=as_of)
    rows = iter(judged[0].rows if judged else ())
    out: list[TaskVerdict | None] = []
    for task in part.tasks:
        if row_target(task) or task.progress:
            row = next(rows, None)
            out.append(row.verdict if row is not None else None)
        else:
            out.append(None)
    return out
