"""``luoshi suggest FILE --history FILE…``: the lead and co-units each task of FILE could have, from earlier plans."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from luoshi.commands.history import history_parts, read_aliases
from luoshi.commands.textwidth import render_table
from luoshi.errors import LuoshiError

if TYPE_CHECKING:
    from luoshi.model import Part, Suggestions


def register(sub: Any) -> None:
    p = sub.add_parser(
        "suggest",
        help="按往年方案为文件中的每项任务建议主办、协办单位",
        description="读取 FILE 中的任务（分解落实方案、计划表、执行情况表…），仅从 --history 给出的往年方案学习"
        "各单位承办过的任务（不看 FILE 自己印出的责任单位），为每项任务建议主办和协办单位，附得分和依据（相近的往年任务）。"
        "往年没有相近任务时如实说明，不作猜测。",
        epilog="例：luoshi suggest 2022年计划草案.txt --history 2021年分解落实方案.txt --history 2021年执行情况表.txt\n"
        "    luoshi suggest 000_….txt --part 4 --history 001_….txt --history 000_….txt --json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", help="要建议责任单位的文件")
    p.add_argument(
        "--history", action="append", required=True, metavar="FILE", help="往年的方案或执行情况表（可多次给出）"
    )
    p.add_argument(
        "--part", type=int, action="append", metavar="N", help="只取 FILE 的第 N 部分（附件；从 1 起，可多次给出）"
    )
    p.add_argument("--aliases", metavar="FILE", help="单位别名表：每行“印出的名称=标准名称”（UTF-8 文本）")
    p.add_argument("--json", action="store_true", help='输出 JSON：{"tasks": [{"number", "text", "suggested"}]}')
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # The core is imported when the command runs, so that `luoshi --help` and the other commands start quickly.
    from luoshi.contract import suggestions_to_dict
    from luoshi.read import read_path
    from luoshi.structure import parse_document
    from luoshi.suggest import build_model, suggest_plan

    plan = parse_document(read_path(args.file))
    chosen = _chosen_parts(plan.parts, args.part)
    history = history_parts(args.history, exclude=[(plan.source.sha256, n) for n, _ in chosen])
    model = build_model(history, read_aliases(args.aliases))
    rows: list[dict[str, Any]] = []
    for _, part in chosen:
        for task, s in zip(part.tasks, suggest_plan(part.tasks, model), strict=True):
            rows.append({"number": task.number, "text": task.text, "suggested": suggestions_to_dict(s), "_s": s})
    if args.json:
        print(
            json.dumps(
                {"tasks": [{k: v for k, v in r.items() if k != "_s"} for r in rows]}, ensure_ascii=False, indent=1
            )
        )
    else:
        print(format_suggestions(rows))
    return 0


def _chosen_parts(parts: tuple[Part, ...], wanted: list[int] | None) -> list[tuple[int, Part]]:
    with_tasks = [(n, p) for n, p in enumerate(parts) if p.tasks]
    if not wanted:
        if not with_tasks:
            raise LuoshiError("文件中没有找到任务。请确认它是分解落实方案、计划表或执行情况表。")
        return with_tasks
    out = []
    for n in wanted:
        if not 1 <= n <= len(parts):
            raise LuoshiError(f"文件只有 {len(parts)} 个部分，没有第 {n} 部分。")
        out.append((n - 1, parts[n - 1]))
    return out


def _units(s: Suggestions, role: str) -> str:
    units = s.lead if role == "lead" else s.co
    return "、".join(f"{u.unit}({u.score:.2f})" for u in units[:3])


def format_suggestions(rows: list[dict[str, Any]]) -> str:
    """A person's view: one line per task, the three best lead units, the co-units, the best reason."""
    table = []
    for r in rows:
        s: Suggestions = r["_s"]
        basis = s.reason or (s.lead[0].because[0] if s.lead and s.lead[0].because else "")
        table.append([r["number"] or "", r["text"], _units(s, "lead") or "—", _units(s, "co"), basis])
    return render_table(
        ["序号", "任务", "建议主办（得分）", "建议协办", "依据（最相近的往年任务）"], table, [5, 36, 40, 24, 36]
    )
