"""``luoshi explain "一句话"``: what the quantity reader finds in one sentence."""

from __future__ import annotations

import argparse
import json
from typing import Any

from luoshi.commands.textwidth import render_table
from luoshi.errors import LuoshiError
from luoshi.quantities import explain


def register(sub: Any) -> None:
    p = sub.add_parser(
        "explain",
        help="解释一句话中读出的数量（数值、单位、比较、类型、时期、是否预计）",
        description="列出一句目标或进展文字中的每个数量：数值、计量单位、比较关系、类型、时期、是否为预计数。",
        epilog='例：luoshi explain "1-11月份有效发明专利拥有量12871件。全年预计13000件。"\n'
        '    luoshi explain "确保全年新增硅巷10万平方米以上" --json',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("sentence", help="要解释的一句话（用引号括起来）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.sentence.strip():
        raise LuoshiError("句子是空的。请在引号中写出要解释的一句话。")
    data = explain(args.sentence)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    qs = data["quantities"]
    if not qs:
        print("这句话中没有读出数量。")
        return 0
    rows = [
        [
            q["text"],
            "" if q["value"] is None else str(q["value"]),
            q["unit"] or "",
            q["comparator"] or "",
            q["kind"],
            q["period"] or "",
            "是" if q["forecast"] else "",
        ]
        for q in qs
    ]
    print(render_table(["原文", "数值", "单位", "比较", "类型", "时期", "预计"], rows, [24, 12, 10, 6, 11, 10, 4]))
    return 0
