"""``luoshi judge PLAN --progress FILE``: judge a plan from the progress another document reports on it.

The progress document (a 督查通报, a half-year report, another office's status table) is applied to the
plan (``luoshi.apply``): what it reports on a task with the matcher's precision is judged on; what is
only offered to confirm, or unmatched, is listed and not judged on — the web app asks the office.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from luoshi.apply import Application, Reported, TaskJudgement, apply_progress, entries, judge_entries, period_end
from luoshi.commands.dates import parse_date
from luoshi.commands.textwidth import render_table
from luoshi.contract import observation_to_dict, span_to_dict
from luoshi.documents import parse_file, read_and_parse
from luoshi.errors import LuoshiError
from luoshi.model import VERDICT_LABELS, Part, Plan, Task

PLAN_KINDS = ("decomposition", "development_plan", "status_table", "project_table")
STATE_LABELS = {"matched": "已对应", "offered": "待确认", "unmatched": "未对应"}
# How many offered or unmatched items the text output lists (the JSON lists all).
SHOWN = 20


def plan_part(plan: Plan, path: str) -> Part:
    """The part of the plan file whose tasks progress is applied to."""
    parts = [p for p in plan.parts if p.tasks and p.kind in PLAN_KINDS] or [p for p in plan.parts if p.tasks]
    if not parts:
        raise LuoshiError(f"“{path}”中没有识别出计划的任务。请用 luoshi parse 检查该文件是否为分解方案或计划。")
    return parts[0]


def run(args: argparse.Namespace, as_of_text: str | None) -> int:

    part = plan_part(parse_file(args.file), args.file)
    document, progress = read_and_parse(args.progress)
    application = apply_progress(part.tasks, progress, document)
    as_of = parse_date(as_of_text, "研判日期") or period_end(application.period, part.year)
    judged = judge_entries(part.tasks, entries(application), as_of=as_of, year=part.year)
    if args.json:
        print(json.dumps(to_dict(part, application, judged), ensure_ascii=False, indent=1))
    else:
        print(format_text(part, application, judged, as_of_text or (as_of.isoformat() if as_of else None)))
    return 0


def _number(task: Task) -> str:
    return task.number or "（续）"


def format_text(part: Part, app: Application, judged: list[TaskJudgement], as_of: str | None) -> str:
    counts = "，".join(f"{STATE_LABELS[s]} {len(app.of_state(s))} 条" for s in ("matched", "offered", "unmatched"))
    out = [
        f"计划：{part.title or '（无标题）'}（{len(part.tasks)} 项）",
        f"进展：{app.source.path}（{app.period or '期间未注明'}）：{counts}；研判日期 {as_of or '年底'}",
        "",
    ]
    rows = [
        [
            _number(part.tasks[j.task]),
            part.tasks[j.task].text,
            VERDICT_LABELS[j.verdict.verdict],
            j.verdict.rule,
            "；".join(e.text for e in j.entries),
        ]
        for j in judged
    ]
    out.append(render_table(["序号", "任务", "研判", "依据", "进展（来自该文件）"], rows, [6, 30, 10, 40, 50]))
    for state in ("offered", "unmatched"):
        shown = app.of_state(state)
        if not shown:
            continue
        out.append("")
        out.append(f"{STATE_LABELS[state]}的 {len(shown)} 条（未计入研判，请在网页上确认）：")
        for p in shown[:SHOWN]:
            guess = "、".join(f"第{_number(part.tasks[c.task])}项" for c in p.candidates[:3])
            out.append(f"  · {_said(p.reported)}" + (f"  → 可能是 {guess}" if guess else ""))
        if len(shown) > SHOWN:
            out.append(f"  ……另 {len(shown) - SHOWN} 条（--json 列出全部）")
    return "\n".join(out)


def _said(item: Reported) -> str:
    """An item as listed: its name, or a figure's metric with its words."""
    if item.kind == "figure" and item.observations:
        return f"{item.label}：{item.observations[0].text}"
    return item.text[:60]


def to_dict(part: Part, app: Application, judged: list[TaskJudgement]) -> dict[str, Any]:
    """The ``luoshi judge PLAN --progress FILE --json`` object."""
    return {
        "plan": {"title": part.title, "tasks": len(part.tasks)},
        "progress": {"path": app.source.path, "sha256": app.source.sha256, "period": app.period},
        "placements": [
            {
                "state": p.state,
                "kind": p.reported.kind,
                "label": p.reported.label,
                "text": p.reported.text,
                "ref": p.reported.ref,
                "status": p.reported.status,
                "standing": p.reported.standing,
                "observations": [observation_to_dict(o) for o in p.reported.observations],
                "span": span_to_dict(p.reported.span),
                "candidates": [
                    {"number": part.tasks[c.task].number, "score": c.score, "reasons": list(c.reasons)}
                    for c in p.candidates
                ],
            }
            for p in app.placements
        ],
        "tasks": [
            {
                "number": part.tasks[j.task].number,
                "text": part.tasks[j.task].text,
                "verdict": j.verdict.verdict,
                "label": VERDICT_LABELS[j.verdict.verdict],
                "rule": j.verdict.rule,
                "reasons": list(j.verdict.reasons),
                "progress": [e.text for e in j.entries],
            }
            for j in judged
        ],
    }
