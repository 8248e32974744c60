"""``luoshi judge FILE``: judge every row of a status table and list where the document's status disagrees."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from luoshi.commands.dates import parse_date
from luoshi.commands.textwidth import render_table
from luoshi.errors import LuoshiError
from luoshi.model import VERDICT_LABELS

if TYPE_CHECKING:
    from luoshi.judge.table import PartJudgement, RowJudgement


def register(sub: Any) -> None:
    p = sub.add_parser(
        "judge",
        help="按目标和进展文字研判每项任务是否完成，并与文件所列状态比对",
        description="读取执行情况表/项目完成情况表，仅凭每行的目标（项目表用“全年目标”列）和进展情况文字，"
        "研判 是 / 部分未达 / 否 / 视同完成 / 待人工研判，并写明理由；列出与文件所列“是否完成”不一致的行。",
        epilog="例：luoshi judge 2021年执行情况表.docx\n"
        "    luoshi judge 执行情况表.txt --as-of 2021-06-30\n"
        "    luoshi judge 执行情况表.txt --json > 研判.json\n"
        "    luoshi judge 分解落实方案.docx --progress 三季度督查通报.docx",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", help="要研判的文件（.txt/.docx/.html/.xlsx/.pdf…）")
    p.add_argument("--json", action="store_true", help="输出 JSON：parts → rows（number, printed, verdict, reasons…）")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="研判日期（默认：表格所属年度的年底）")
    p.add_argument("--all", action="store_true", help="逐行列出全部理由（默认只详列不一致和待研判的行）")
    p.add_argument(
        "--progress",
        metavar="FILE",
        help="用另一份文件（督查通报、半年执行情况报告、其他单位的进展情况表）所报进展研判 FILE 中的计划",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.progress:
        from luoshi.commands import judge_progress

        return judge_progress.run(args, args.as_of)
    # The core is imported when the command runs, so that `luoshi --help` and the other commands start quickly.
    from luoshi.documents import parse_file
    from luoshi.judge import judge_plan, judgements_to_dict

    as_of = parse_date(args.as_of, "研判日期")
    plan = parse_file(args.file)
    parts = judge_plan(plan, as_of=as_of)
    if not parts:
        raise LuoshiError(
            "文件中没有找到可研判的执行情况表（需要有“进展情况”一栏）。请确认导入的是执行情况表或项目完成情况表。"
        )
    if args.json:
        print(json.dumps(judgements_to_dict(parts), ensure_ascii=False, indent=1))
    else:
        print(format_judgements(parts, show_all=args.all))
    return 0


def _mark(row: RowJudgement) -> str:
    if row.agrees is None:
        return ""
    if row.agrees:
        return "一致"
    return "待研判" if row.verdict.verdict == "unknown" else "不一致"


def _flags(row: RowJudgement) -> str:
    v = row.verdict
    flags = [
        text
        for on, text in (
            (v.on_forecast and "预计" not in v.rule, "依据预计数"),
            (v.needs_review, "需人工研判"),
            (v.claim_contradicted, "与单位自称不符"),
            (v.adjustment is not None, "目标调整"),
        )
        if on
    ]
    return "，".join(flags)


def _detail(row: RowJudgement) -> list[str]:
    v = row.verdict
    head = f"第{row.number or '（续）'}行：文件所列“{row.printed or '—'}”，研判“{VERDICT_LABELS[v.verdict]}”"
    flags = _flags(row)
    lines = [head + (f"（{flags}）" if flags else "")]
    lines.append(f"    目标：{' '.join(row.target.split())}")
    lines.extend(f"    · {r}" for r in v.reasons)
    return lines


def format_part(part: PartJudgement, *, show_all: bool = False) -> str:
    """One table's verdicts: a row per task, then every disagreement with its reasons."""
    counts: dict[str, int] = {}
    for r in part.rows:
        counts[r.verdict.verdict] = counts.get(r.verdict.verdict, 0) + 1
    summary = "，".join(f"{VERDICT_LABELS[k]} {n} 项" for k, n in counts.items())
    out = [f"{part.title or '（无标题）'}：共 {len(part.rows)} 行；研判 {summary}"]
    rows = [
        [
            r.number or "",
            r.printed or "",
            VERDICT_LABELS[r.verdict.verdict],
            _mark(r),
            r.verdict.rule + (f"（{_flags(r)}）" if _flags(r) else ""),
        ]
        for r in part.rows
    ]
    out.append(render_table(["序号", "文件所列", "研判", "比对", "依据"], rows, [6, 8, 10, 6, 70]))
    disagree = [r for r in part.rows if r.agrees is False]
    review = [r for r in part.rows if r.agrees is not False and r.verdict.verdict == "unknown"]
    if disagree:
        out.append("")
        out.append(f"与文件所列不一致的 {len(disagree)} 行：")
        for r in disagree:
            out.extend(_detail(r))
    else:
        out.append("")
        out.append("研判结果与文件所列状态全部一致。" if any(r.agrees is not None for r in part.rows) else "")
    if review:
        out.append("")
        out.append(f"需人工研判的 {len(review)} 行：")
        for r in review:
            out.extend(_detail(r))
    if show_all:
        shown = {id(r) for r in disagree + review}
        rest = [r for r in part.rows if id(r) not in shown]
        if rest:
            out.append("")
            out.append("其余各行的理由：")
            for r in rest:
                out.extend(_detail(r))
    return "\n".join(line for line in out)


def format_judgements(parts: list[PartJudgement], *, show_all: bool = False) -> str:
    return "\n\n".join(format_part(p, show_all=show_all) for p in parts)
