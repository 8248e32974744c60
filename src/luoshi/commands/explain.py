"""``luoshi explain "一句话"``: what the quantity reader finds in one sentence."""

from __future__ import annotations

import argparse
import json
from typing import Any

from luoshi.commands.textwidth import render_table
from luoshi.errors import LuoshiError

KIND_LABELS = {
    "growth": "增速",
    "amount": "总量",
    "count": "数量",
    "ratio": "比率",
    "limit": "上限",
    "reduction": "压降",
    "zero_event": "不发生",
    "milestone": "节点",
    "qualitative": "定性",
}
COMPARATOR_LABELS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "=", "~": "约", "==0": "为0"}


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
    # The core is imported when the command runs, so that `luoshi --help` and the other commands start quickly.
    from luoshi.quantities import explain

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
            q.get("metric") or "",
            "" if q["value"] is None else str(q["value"]),
            q["unit"] or "",
            COMPARATOR_LABELS.get(q["comparator"] or "", q["comparator"] or ""),
            KIND_LABELS.get(q["kind"], q["kind"]),
            q["period"] or "",
            "是" if q["forecast"] else "",
        ]
        for q in qs
    ]
    print(
        render_table(
            ["原文", "指标", "数值", "单位", "比较", "类型", "时期", "预计"], rows, [20, 20, 12, 10, 6, 8, 10, 4]
        )
    )
    return 0
