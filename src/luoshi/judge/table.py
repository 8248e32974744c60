"""Judge every row of a plan's status tables, next to the status the document prints.

``judge_plan`` is what ``luoshi judge``, the web app and the reports call: for each status or
project table it judges each row from its target (a project table's 全年目标 column, not its
项目名称) and its progress text alone, never from the printed status, and pairs the two so the
disagreements can be listed with their reasons.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from luoshi.judge.settings import DEFAULT_SETTINGS, JudgeSettings
from luoshi.judge.tasks import judge_task
from luoshi.judge.time_progress import read_period, year_end
from luoshi.model import VERDICT_LABELS, IndicatorVerdict, Part, Plan, Task, TaskVerdict
from luoshi.quantities.units import bare_figure

JUDGED_KINDS = ("status_table", "project_table")
# The printed statuses and the verdicts they agree with (视同完成 is counted as done: 是).
PRINTED_AGREES = {
    "是": ("done", "deemed_done"),
    "完成": ("done", "deemed_done"),
    "已完成": ("done", "deemed_done"),
    "否": ("not_done",),
    "未完成": ("not_done",),
    "部分未达": ("partly_done",),
    "部分完成": ("partly_done",),
    "视同完成": ("deemed_done", "done"),
}
_YEAR = re.compile(r"(20\d{2})\s*年")


@dataclass(frozen=True)
class RowJudgement:
    """One row: what the document prints and what the judge says, with the reasons."""

    number: str | None
    target: str
    progress: str | None
    printed: str | None
    verdict: TaskVerdict

    @property
    def agrees(self) -> bool | None:
        """Whether the printed status agrees with the verdict (None when nothing is printed)."""
        if not self.printed:
            return None
        allowed = PRINTED_AGREES.get(self.printed.strip())
        if allowed is None:
            return None
        return self.verdict.verdict in allowed


@dataclass(frozen=True)
class PartJudgement:
    """The judged rows of one table (attachment)."""

    title: str | None
    kind: str
    rows: tuple[RowJudgement, ...]

    @property
    def disagreements(self) -> tuple[RowJudgement, ...]:
        return tuple(r for r in self.rows if r.agrees is False)


def row_target(task: Task) -> str:
    """What a row sets out to do: the 全年目标 column where there is one, else the task's text; a target
    column holding a figure alone is read under the task's name ("城镇新增就业：5.2")."""
    target = (task.target or "").strip()
    if target and task.text and bare_figure(target):
        return f"{task.text.strip()}：{target}"
    return (target or task.text or "").strip()


def plan_year(plan: Plan, part: Part) -> int | None:
    """The year a table reports on: the part's, else the first year named in its title."""
    if part.year:
        return part.year
    for text in (part.title or "", plan.source.path):
        m = _YEAR.search(text)
        if m:
            return int(m.group(1))
    return None


def default_as_of(part: Part, year: int | None) -> date | None:
    """The date a table reports at: the period its title names (上半年 → June 30), else the year's end."""
    if year is None:
        return None
    period = read_period(part.title) if part.title and not re.search(r"全年|年度|年底", part.title) else None
    if period is not None and period.months is not None and period.cumulative and period.months < 12:
        return date(year, period.months, calendar.monthrange(year, period.months)[1])
    return year_end(year)


def judge_plan(
    plan: Plan,
    *,
    as_of: date | None = None,
    settings: JudgeSettings = DEFAULT_SETTINGS,
) -> list[PartJudgement]:
    """Judge every row of every status/project table in ``plan``.

    The default date is the one the table reports at: the period its title names ("上半年执行情况"
    → June 30), else the end of its year.
    """
    out: list[PartJudgement] = []
    for part in plan.parts:
        if part.kind not in JUDGED_KINDS and not any(t.progress for t in part.tasks):
            continue
        year = plan_year(plan, part)
        when = as_of if as_of is not None else default_as_of(part, year)
        rows: list[RowJudgement] = []
        for task in part.tasks:
            target = row_target(task)
            if not target and not task.progress:
                continue
            verdict = judge_task(
                target,
                task.progress,
                indicators=task.indicators or None,
                as_of=when,
                year=year,
                project=part.kind == "project_table" or (task.target is not None and not bare_figure(task.target)),
                settings=settings,
                measure=task.measure,
            )
            rows.append(RowJudgement(task.number, target, task.progress, task.status, verdict))
        out.append(PartJudgement(part.title, part.kind, tuple(rows)))
    return out


def indicator_verdict_to_dict(iv: IndicatorVerdict) -> dict[str, Any]:
    ind = iv.indicator
    return {
        "target": None if ind is None else ind.text,
        "kind": None if ind is None else ind.kind,
        "verdict": iv.verdict,
        "rule": iv.rule,
        "reasons": list(iv.reasons),
        "on_forecast": iv.on_forecast,
        "observation": None if iv.observation is None else iv.observation.text,
        "evidence": iv.evidence,
    }


def judgements_to_dict(parts: list[PartJudgement]) -> dict[str, Any]:
    """The ``luoshi judge --json`` object: parts → rows with printed status, verdict and reasons."""
    return {
        "parts": [
            {
                "title": p.title,
                "kind": p.kind,
                "rows": [
                    {
                        "number": r.number,
                        "printed": r.printed,
                        "verdict": r.verdict.verdict,
                        "label": VERDICT_LABELS[r.verdict.verdict],
                        "agrees": r.agrees,
                        "reasons": list(r.verdict.reasons),
                        "rule": r.verdict.rule,
                        "on_forecast": r.verdict.on_forecast,
                        "needs_review": r.verdict.needs_review,
                        "claim_contradicted": r.verdict.claim_contradicted,
                        "adjustment": r.verdict.adjustment,
                        "evidence": r.verdict.evidence,
                        "target": r.target,
                        "indicators": [indicator_verdict_to_dict(iv) for iv in r.verdict.indicators],
                    }
                    for r in p.rows
                ],
            }
            for p in parts
        ]
    }
