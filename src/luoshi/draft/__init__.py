"""Draft next year's plan from the new work report: tasks at the report's own boundaries, units suggested.

``draft_plan(report, history)`` reads the work report's part on the coming year into a draft
``decomposition`` part (docs/layouts/draft.md): the main expected targets first, then one task per
sentence of each section's task paragraphs, each with its indicators; the rows of a year-end status
table in the history that were not finished (否 / 部分未达) offered at the end, flagged
``carried_over``; and for every task the units suggested from the history (``luoshi.suggest``).
Nothing is decided: the tasks' ``lead``/``co`` stay empty until the office confirms them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from luoshi.draft.cut import cut_report
from luoshi.errors import LuoshiError
from luoshi.model import Block, Document, Part, Plan, Task
from luoshi.render.plan_doc import chinese_number
from luoshi.structure import parse_part
from luoshi.structure.parts import split_parts
from luoshi.suggest import Model, build_model, suggest_plan

CARRIED_OVER = "carried_over"
# Statuses of a year-end row that leave the task unfinished.
UNFINISHED = ("否", "部分未达")
CARRY_SECTION = "上年未完成任务（建议结转）"


def draft_plan(
    report: Document,
    history: Sequence[Part] = (),
    aliases: Mapping[str, str] | None = None,
    *,
    model: Model | None = None,
    carried: Sequence[Task] | Callable[[Part], Sequence[Task]] | None = None,
) -> Plan:
    """The draft plan of ``report`` (a work report) with units suggested from ``history`` (earlier plans' parts).

    A caller that keeps its own model of the history (the web app caches one per government) passes
    it as ``model``; one that knows last year's unfinished tasks itself (stored verdicts, open 督办)
    passes them as ``carried``, in the order to offer them, instead of the history's status tables —
    or a function of the report's part (its year, its government) that returns them, when what
    "last year" is depends on the report.
    """
    found = _work_report(report)
    if found is None:
        raise LuoshiError("未识别出政府工作报告：请提供含“今年工作任务/安排”部分的政府工作报告。")
    part, blocks = found
    tasks, sections = cut_report(blocks, part)
    if not tasks:
        raise LuoshiError("政府工作报告中未找到今年的工作任务（如“2024年政府主要工作任务”及其下的各部分）。")
    if callable(carried):
        carried = carried(part)
    carried = carried_over(history) if carried is None else [_offered(t) for t in carried]
    if carried:
        label = f"{chinese_number(len(sections) + 1)}、{CARRY_SECTION}"
        sections.append(label)
        start = len(tasks)
        tasks.extend(replace(t, number=str(start + n), section=label) for n, t in enumerate(carried, 1))
    if model is None:
        model = build_model(history, aliases)
    tasks = [replace(t, suggested=s) for t, s in zip(tasks, suggest_plan(tasks, model), strict=True)]
    level = _level(part.government)
    title = f"{part.year or ''}{'年' if part.year else ''}{level}政府主要工作目标任务分解落实方案（草案）"
    draft = Part(
        title=title,
        kind="decomposition",
        tasks=tuple(tasks),
        government=part.government,
        year=part.year,
        sections=tuple(sections),
    )
    return Plan(source=report.source, parts=(draft,))


def carried_over(history: Sequence[Part]) -> list[Task]:
    """The rows of the history's status tables that were not finished, as tasks to offer again."""
    out: list[Task] = []
    for part in history:
        if part.kind != "status_table":
            continue
        for row in part.tasks:
            if row.status in UNFINISHED and row.text.strip():
                out.append(
                    Task(
                        number=None,
                        text=row.text,
                        indicators=row.indicators,
                        flags=(CARRIED_OVER,),
                    )
                )
    return out


def _offered(task: Task) -> Task:
    """A task of last year offered again: its text and indicators, no units (nothing is decided), flagged."""
    flags = task.flags if CARRIED_OVER in task.flags else (*task.flags, CARRIED_OVER)
    return Task(number=None, text=task.text, indicators=task.indicators, flags=flags)


def _work_report(doc: Document) -> tuple[Part, tuple[Block, ...]] | None:
    for title, blocks in split_parts(doc.blocks):
        part = parse_part(title, blocks)
        if part is not None and part.kind == "work_report":
            return part, blocks
    return None


def _level(government: str | None) -> str:
    """区 / 县 / 市 / 省 / 自治区…: the level word a plan's title uses for its own government."""
    for level in ("自治区", "自治州", "自治县", "区", "县", "市", "省", "旗", "盟"):
        if government and government.endswith(level):
            return level
    return "区"


def is_work_report(plan: Plan) -> bool:
    """Whether a parsed document is a work report to draft from: a work report, and no part of another kind with tasks."""
    kinds = {p.kind for p in plan.parts if p.tasks or p.kind == "work_report"}
    return kinds == {"work_report"}


__all__ = ["CARRIED_OVER", "carried_over", "draft_plan", "is_work_report"]
