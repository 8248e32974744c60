"""``luoshi parse FILE``: what a document holds, as a readable table or the JSON contract."""

from __future__ import annotations

import argparse
import json
from typing import Any

from luoshi.commands.textwidth import render_table

KIND_NAMES = {
    "decomposition": "分解落实方案",
    "development_plan": "计划草案",
    "status_table": "执行情况表",
    "project_table": "项目完成情况表",
    "work_report": "政府工作报告",
    "half_year_report": "上半年执行情况报告",
}


def register(sub: Any) -> None:
    p = sub.add_parser(
        "parse",
        help="读取文件，列出其中的任务、责任单位、指标和实绩",
        description="读取 .txt/.docx/.html/.xlsx/.pdf（以及装有 LibreOffice 时的 .doc/.wps）文件，"
        "按附件、章节列出任务及其主办、协办单位、量化指标和实绩。",
        epilog="例：luoshi parse 2021年分解落实方案.docx\n    luoshi parse 执行情况表.txt --json > plan.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", help="要读取的文件")
    p.add_argument("--json", action="store_true", help="输出 JSON（结构见 DESIGN.md）")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # The core is imported when the command runs, so that `luoshi --help` and the other commands start quickly.
    from luoshi.contract import plan_to_dict
    from luoshi.documents import parse_file

    plan = parse_file(args.file)
    data = plan_to_dict(plan)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        print(format_plan(data))
    return 0


def format_plan(data: dict[str, Any]) -> str:
    """A person's view of the parse: one block per part, one line per task."""
    out = [f"文件：{data['source']['path']}（{data['source']['format']}）"]
    if not data["parts"]:
        out.append("未识别出任务、表格或报告内容。")
    for n, part in enumerate(data["parts"], 1):
        kind = KIND_NAMES.get(part["kind"], part["kind"])
        meta = "，".join(x for x in (part.get("government"), f"{part['year']}年" if part.get("year") else None) if x)
        out.append("")
        out.append(f"第{n}部分：{part['title'] or '（无标题）'}　[{kind}{'，' + meta if meta else ''}]")
        out.append(f"任务 {len(part['tasks'])} 项，实绩 {len(part['observations'])} 条")
        if part["tasks"]:
            rows = [
                [
                    t["number"] or "",
                    t["text"],
                    "、".join(t["lead"]),
                    "、".join(t["co"]),
                    " ".join(
                        f"{i['comparator'] or ''}{'' if i['value'] is None else i['value']}{i['unit'] or ''}"
                        for i in t["indicators"]
                    ),
                    t["status"] or "",
                ]
                for t in part["tasks"]
            ]
            out.append(
                render_table(["序号", "任务", "主办/责任单位", "协办", "指标", "状态"], rows, [5, 44, 22, 16, 16, 8])
            )
        if part["observations"]:
            rows = [
                [
                    o["metric"] or "",
                    o["period"] or "",
                    "" if o["value"] is None else str(o["value"]),
                    o["unit"] or "",
                    "" if o["growth_pct"] is None else f"{o['growth_pct']}%",
                    "预计" if o["forecast"] else "",
                ]
                for o in part["observations"]
            ]
            out.append(render_table(["指标", "时期", "数值", "单位", "增长", ""], rows, [30, 10, 12, 10, 8, 4]))
    return "\n".join(out)
