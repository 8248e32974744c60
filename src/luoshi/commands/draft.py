"""``luoshi draft WORK_REPORT --history FILE…``: next year's plan drafted from the work report, units suggested."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from luoshi.commands.history import history_parts, read_aliases, write_bytes
from luoshi.commands.textwidth import render_table

if TYPE_CHECKING:
    from luoshi.model import Part, Task


def register(sub: Any) -> None:
    p = sub.add_parser(
        "draft",
        help="由政府工作报告起草分解落实方案，并按往年方案建议责任单位",
        description="读取政府工作报告中今年工作任务部分：主要预期目标各为一项，其余按报告自身的句子切分为任务，"
        "章节取自报告的（一）（二）…标题，每项附量化指标；--history 中的往年执行情况表里“否/部分未达”的任务"
        "列为建议结转；每项任务附建议的主办、协办单位。-o 输出 Word 草案（按建议填入责任单位，供办公室修改）。",
        epilog="例：luoshi draft 2024年政府工作报告.docx --history 2023年分解落实方案.docx -o 2024年分解落实方案（草案）.docx\n"
        "    luoshi draft 004_….txt --history 001_….txt --history 000_….txt --json > 草案.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", help="政府工作报告（.txt/.docx/.html/.pdf…）")
    p.add_argument(
        "--history", action="append", default=[], metavar="FILE", help="往年的方案或执行情况表（可多次给出）"
    )
    p.add_argument("--aliases", metavar="FILE", help="单位别名表：每行“印出的名称=标准名称”（UTF-8 文本）")
    p.add_argument("-o", "--output", metavar="FILE.docx", help="输出 Word 草案（分解落实方案格式）")
    p.add_argument("--json", action="store_true", help="输出 JSON（parse 的结构，每项任务另有 suggested）")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # The core is imported when the command runs, so that `luoshi --help` and the other commands start quickly.
    from luoshi.contract import plan_to_dict
    from luoshi.draft import draft_plan
    from luoshi.read import read_path

    history = history_parts(args.history) if args.history else []
    plan = draft_plan(read_path(args.file), history, read_aliases(args.aliases))
    part = plan.parts[0]
    if args.output:
        from luoshi.render.plan_doc import plan_docx

        write_bytes(args.output, plan_docx(with_suggested_units(part), title=part.title), to_stderr=args.json)
    if args.json:
        print(json.dumps(plan_to_dict(plan), ensure_ascii=False, indent=1))
    elif not args.output:
        print(format_draft(part))
    return 0


def with_suggested_units(part: Part) -> Part:
    """The draft with each task's best lead unit and its co-units filled in, for the office to edit in Word."""
    return replace(part, tasks=tuple(_filled(t) for t in part.tasks))


def _filled(task: Task) -> Task:
    s = task.suggested
    if s is None or not s.lead:
        return task
    return replace(task, lead=(s.lead[0].unit,), co=tuple(u.unit for u in s.co))


def format_draft(part: Part) -> str:
    """A person's view of the draft: its sections and tasks with the best suggested units."""
    from luoshi.draft import CARRIED_OVER

    out = [f"{part.title}（{len(part.tasks)} 项任务）"]
    section: str | None = None
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            out.append(render_table(["序号", "任务", "建议主办", "建议协办", "指标"], rows, [5, 52, 24, 20, 6]))
            rows.clear()

    for task in part.tasks:
        if task.section != section:
            flush()
            section = task.section
            out.extend(["", section or "（无章节）"])
        s = task.suggested
        lead = "、".join(u.unit for u in s.lead[:2]) if s and s.lead else "（待定）"
        co = "、".join(u.unit for u in s.co[:3]) if s else ""
        mark = "［结转］" if CARRIED_OVER in task.flags else ""
        rows.append([task.number or "", mark + task.text, lead, co, str(len(task.indicators) or "")])
    flush()
    return "\n".join(out)
