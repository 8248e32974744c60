"""``luoshi report …``: the office's tables, the plan, the summary, unit templates, and reading units' files back.

Each subcommand reads a document the core parses, picks its parts, calls one renderer in
``luoshi.render`` (or ``luoshi.intake``) and writes the file; the work is all in the core.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from luoshi.errors import LuoshiError
from luoshi.model import Plan, TaskVerdict

FORMATS = ("docx", "xlsx", "pdf")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "report",
        help="生成执行情况表、分解落实方案、半年/年度小结、单位填报模板，读取单位交回的文件",
        description="按 GB/T 9704 公文格式生成报表：执行情况表和项目完成情况表（.docx/.xlsx）、"
        "分解落实方案（.docx/.xlsx）、半年或年度小结及各单位完成情况；为每个单位生成 Excel 填报模板，"
        "并读取交回的模板或单位自己格式的 Word/Excel 答复。",
        epilog="例：luoshi report table 执行情况表.txt --format docx -o 执行情况表.docx\n"
        "    luoshi report plan 分解落实方案.txt -o 分解落实方案.docx\n"
        "    luoshi report summary 执行情况表.txt --as-of 2021-06-30\n"
        "    luoshi report template 分解落实方案.txt --unit 科技局 -o 科技局.xlsx\n"
        "    luoshi report intake 科技局.xlsx --plan 分解落实方案.txt",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.set_defaults(func=lambda args: _help(p))
    rs = p.add_subparsers(dest="report", metavar="报表", parser_class=type(p))
    _register_table(rs)
    _register_plan(rs)
    _register_summary(rs)
    _register_template(rs)
    _register_intake(rs)


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _add_parser(rs: Any, name: str, help: str, description: str, examples: Sequence[str]) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = rs.add_parser(
        name,
        help=help,
        description=description,
        epilog="例：" + "\n    ".join(examples),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def _parts_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--part",
        type=int,
        action="append",
        metavar="N",
        help="只用文件的第 N 部分（附件），可重复；用 luoshi parse 查看各部分",
    )


# --------------------------------------------------------------------------- shared helpers


def load_plan(path: str) -> Plan:
    from luoshi.read import read_path
    from luoshi.structure import parse_document

    plan = parse_document(read_path(path))
    if not any(p.tasks for p in plan.parts):
        raise LuoshiError(f"“{path}”中没有识别出任务或表格。请用 luoshi parse 检查该文件。")
    return plan


def pick_parts(plan: Plan, wanted: Sequence[int] | None, kinds: Sequence[str] | None = None) -> list[int]:
    """0-based indices of the parts asked for (1-based ``wanted``), or of the parts of ``kinds``."""
    if wanted:
        bad = [n for n in wanted if not 1 <= n <= len(plan.parts)]
        if bad:
            raise LuoshiError(
                f"文件只有 {len(plan.parts)} 个部分，没有第 {bad[0]} 部分。请用 luoshi parse 查看各部分。"
            )
        return [n - 1 for n in wanted]
    picked = [i for i, p in enumerate(plan.parts) if p.tasks and (kinds is None or p.kind in kinds)]
    return picked


def output_path(args: argparse.Namespace, source: str, suffix: str, fmt: str) -> Path:
    if args.output:
        return Path(args.output)
    return Path.cwd() / f"{Path(source).stem}_{suffix}.{fmt}"


def output_format(args: argparse.Namespace, default: str = "docx") -> str:
    """The format from --format, else from the -o file's extension, else ``default``."""
    ext = Path(args.output).suffix.lower().lstrip(".") if getattr(args, "output", None) else ""
    fmt = getattr(args, "format", None)
    if fmt and ext and ext != fmt:
        raise LuoshiError(f"--format {fmt} 与输出文件扩展名 .{ext} 不一致。请只给其中一个，或让两者一致。")
    fmt = fmt or ext or default
    if fmt not in FORMATS:
        raise LuoshiError(f"不支持输出 .{fmt} 文件。可选：.docx、.xlsx 或 .pdf。")
    return fmt


def as_format(docx_bytes: bytes, fmt: str) -> bytes:
    """The .docx as is, or converted to PDF by LibreOffice."""
    if fmt != "pdf":
        return docx_bytes
    from luoshi.render.pdf import docx_to_pdf

    return docx_to_pdf(docx_bytes)


def write_output(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise LuoshiError(f"无法写入“{path}”：{exc.strerror or exc}。请检查路径和权限。") from exc
    print(f"已生成：{path}")


def parse_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text.strip())
    try:
        if not m:
            raise ValueError(text)
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise LuoshiError(f"日期“{text}”无法识别。请写成 2021-06-30 的形式。") from exc


def verdicts_for(plan: Plan, index: int, how: str, as_of: dt.date | None) -> list[TaskVerdict | None]:
    """Each task's verdict: the judge's, or the status printed in the document."""
    from luoshi.render.summary import judged_verdicts, verdicts_from_printed

    if how == "printed":
        return verdicts_from_printed(plan.parts[index])
    return judged_verdicts(plan, index, as_of=as_of)


# --------------------------------------------------------------------------- table


def _register_table(rs: Any) -> None:
    p = _add_parser(
        rs,
        "table",
        "执行情况表 / 项目完成情况表（.docx 或 .xlsx）",
        "把文件中的执行情况表、项目完成情况表、计划草案按原栏目（序号/目标内容/责任单位/进展情况/是否完成）"
        "排成 A4 公文格式的表格；每个表格一个附件，表头每页重复。分解落实方案则生成空白的执行情况表。",
        [
            "luoshi report table 执行情况表.txt --format docx -o 执行情况表.docx",
            "luoshi report table 执行情况表.docx --part 1 -o 附件1.xlsx",
            "luoshi report table 执行情况表.txt --status judge -o 研判结果.docx",
        ],
    )
    p.add_argument("file", help="要读取的文件（.txt/.docx/.xlsx/.html/.pdf…）")
    p.add_argument("--format", choices=FORMATS, help="输出格式（默认按 -o 的扩展名，否则 docx；pdf 需要 LibreOffice）")
    p.add_argument("-o", "--output", help="输出文件（默认：<原文件名>_执行情况表.docx，写在当前目录）")
    p.add_argument(
        "--status",
        choices=("printed", "judge"),
        default="printed",
        help="“是否完成”一栏：printed 照录文件所列（默认），judge 填入程序研判结果",
    )
    p.add_argument("--as-of", help="研判日期 YYYY-MM-DD（与 --status judge 一起用；默认年底）")
    _parts_option(p)
    p.set_defaults(func=run_table)


def run_table(args: argparse.Namespace) -> int:
    from luoshi.model import VERDICT_LABELS
    from luoshi.render.exec_table import tables_docx
    from luoshi.render.layout import LayoutKind, layout_part
    from luoshi.render.xlsx import tables_xlsx

    fmt = output_format(args)
    plan = load_plan(args.file)
    indices = pick_parts(plan, args.part, ("status_table", "project_table", "development_plan"))
    if not indices:
        indices = pick_parts(plan, None, ("decomposition",))
    if not indices:
        raise LuoshiError("文件中没有可排成表格的任务。请用 luoshi parse 检查该文件。")
    as_of = parse_date(args.as_of)
    layouts = []
    for n, i in enumerate(indices, 1):
        part = plan.parts[i]
        statuses = None
        if args.status == "judge":
            judged = verdicts_for(plan, i, "judge", as_of)
            statuses = {k: VERDICT_LABELS[v.verdict] for k, v in enumerate(judged) if v is not None}
        kind: LayoutKind | None = "status_table" if part.kind == "decomposition" else None
        label = f"附件{n}" if len(indices) > 1 else None
        layouts.append(layout_part(part, kind=kind, label=label, statuses=statuses))
    data = tables_xlsx(layouts) if fmt == "xlsx" else as_format(tables_docx(layouts), fmt)
    write_output(output_path(args, args.file, "执行情况表", fmt), data)
    return 0


# --------------------------------------------------------------------------- plan


def _register_plan(rs: Any) -> None:
    p = _add_parser(
        rs,
        "plan",
        "分解落实方案（.docx 或 .xlsx）",
        "把分解落实方案（或计划草案）排成公文：标题、“一、关于…”各部分、逐条任务及（…主办，…协办）；"
        "或排成 Excel 表（序号/目标任务/主办单位/协办单位）。",
        [
            "luoshi report plan 分解落实方案.txt -o 分解落实方案.docx",
            "luoshi report plan 分解落实方案.docx -o 任务分解表.xlsx",
        ],
    )
    p.add_argument("file", help="要读取的文件")
    p.add_argument("--format", choices=FORMATS, help="输出格式（默认按 -o 的扩展名，否则 docx；pdf 需要 LibreOffice）")
    p.add_argument("-o", "--output", help="输出文件（默认：<原文件名>_分解落实方案.docx）")
    p.add_argument("--title", help="标题（默认用文件中的标题）")
    _parts_option(p)
    p.set_defaults(func=run_plan)


def run_plan(args: argparse.Namespace) -> int:
    from luoshi.render.plan_doc import plan_docx, plan_parts, plan_table
    from luoshi.render.xlsx import tables_xlsx

    fmt = output_format(args)
    plan = load_plan(args.file)
    parts = [plan.parts[i] for i in pick_parts(plan, args.part)] if args.part else plan_parts(plan.parts)[:1]
    if not parts:
        raise LuoshiError("文件中没有分解落实方案或计划草案（带责任单位的任务）。请用 luoshi parse 检查该文件。")
    part = parts[0]
    if fmt == "xlsx":
        data = tables_xlsx([plan_table(part, title=args.title)])
    else:
        data = as_format(plan_docx(part, title=args.title), fmt)
    write_output(output_path(args, args.file, "分解落实方案", fmt), data)
    return 0


# --------------------------------------------------------------------------- summary


def _register_summary(rs: Any) -> None:
    p = _add_parser(
        rs,
        "summary",
        "半年/年度小结和各单位完成情况",
        "统计目标完成情况：年中按“双过半”/序时进度（“N项目标中，有M项实现‘双过半’，目标过半率为X%”），"
        "年底按完成/部分未达/未完成；列出滞后的目标及原因，和各单位牵头任务的完成情况。"
        "默认由程序研判；--status printed 则按文件所列“是否完成”统计。",
        [
            "luoshi report summary 执行情况表.txt --as-of 2021-06-30",
            "luoshi report summary 执行情况表.txt --status printed -o 小结.docx",
        ],
    )
    p.add_argument("file", help="要读取的文件（含进展情况的执行情况表）")
    p.add_argument("--as-of", help="统计日期 YYYY-MM-DD（6、7月按“双过半”表述；默认年底）")
    p.add_argument(
        "--status",
        choices=("judge", "printed"),
        default="judge",
        help="judge 由程序研判（默认），printed 按文件所列“是否完成”",
    )
    p.add_argument("--title", help="标题（默认用表格标题）")
    p.add_argument("-o", "--output", help="另存为 .docx、.pdf 或 .txt（默认只在屏幕上显示）")
    _parts_option(p)
    p.set_defaults(func=run_summary)


def run_summary(args: argparse.Namespace) -> int:
    from luoshi.render.summary import summarize, summary_docx, summary_text

    plan = load_plan(args.file)
    indices = pick_parts(plan, args.part, ("status_table", "project_table"))
    if not indices:
        indices = pick_parts(plan, None, ("decomposition", "development_plan"))
    if not indices:
        raise LuoshiError("文件中没有可统计的任务。请用 luoshi parse 检查该文件。")
    as_of = parse_date(args.as_of)
    part = plan.parts[indices[0]]
    summary = summarize(part, verdicts_for(plan, indices[0], args.status, as_of), as_of=as_of, title=args.title)
    if not args.output:
        print(summary_text(summary), end="")
        return 0
    out = Path(args.output)
    if out.suffix.lower() == ".txt":
        write_output(out, summary_text(summary).encode("utf-8"))
    elif out.suffix.lower() in (".docx", ".pdf"):
        write_output(out, as_format(summary_docx(summary), out.suffix.lower().lstrip(".")))
    else:
        raise LuoshiError("小结只能另存为 .docx、.pdf 或 .txt 文件。")
    return 0


# --------------------------------------------------------------------------- template


def _register_template(rs: Any) -> None:
    p = _add_parser(
        rs,
        "template",
        "单位填报模板（.xlsx）",
        "为一个单位生成 Excel 填报模板：列出该单位主办、协办的任务（锁定），"
        "进展情况、完成数值（只能填数字）、是否完成（下拉选择 是/否/部分未达）留给单位填写；"
        "隐藏的任务编号使交回的文件能准确对应到任务。",
        [
            "luoshi report template 分解落实方案.txt --unit 科技局 -o 科技局.xlsx",
            "luoshi report template 执行情况表.txt --unit 发改委 --part 1 --period 2021年上半年",
            "luoshi report template 分解落实方案.txt --list-units",
        ],
    )
    p.add_argument("file", help="方案或表格文件")
    p.add_argument("--unit", help="单位名称（如 科技局；“区科技局”亦可）")
    p.add_argument("--list-units", action="store_true", help="只列出文件中的全部责任单位")
    p.add_argument("--period", help="填报期次，写在模板标题中（如 2021年上半年）")
    p.add_argument("-o", "--output", help="输出文件（默认：<单位>_填报模板.xlsx）")
    _parts_option(p)
    p.set_defaults(func=run_template)


def run_template(args: argparse.Namespace) -> int:
    from luoshi.intake.unit_tasks import unit_tasks, units_of
    from luoshi.render.template import unit_template_xlsx

    plan = load_plan(args.file)
    indices = pick_parts(plan, args.part)
    if not args.part:
        # The first part that names units: a plan, or an execution table with a 责任单位 column.
        with_units = [i for i in indices if any(t.lead or t.co for t in plan.parts[i].tasks)]
        indices = with_units[:1]
    units = units_of([plan.parts[i] for i in indices])
    if args.list_units:
        print("\n".join(units) if units else "文件中没有责任单位。")
        return 0
    if not args.unit:
        raise LuoshiError("请用 --unit 指定单位（用 --list-units 查看文件中的全部单位）。")
    tasks = unit_tasks(plan, args.unit, parts=indices)
    if not tasks:
        hint = "、".join(units[:12]) + ("等" if len(units) > 12 else "")
        raise LuoshiError(f"文件中没有“{args.unit}”主办或协办的任务。文件中的单位有：{hint or '（无）'}。")
    if args.output and Path(args.output).suffix.lower() != ".xlsx":
        raise LuoshiError("填报模板是 Excel 文件，输出文件名请以 .xlsx 结尾。")
    title_part = plan.parts[indices[0]].title if indices else None
    data = unit_template_xlsx(
        args.unit, tasks, period=args.period, plan_sha256=plan.source.sha256, plan_title=title_part
    )
    out = Path(args.output) if args.output else Path.cwd() / f"{args.unit}_填报模板.xlsx"
    write_output(out, data)
    print(
        f"共 {len(tasks)} 项任务（主办 {sum(t.role == 'lead' for t in tasks)} 项，协办 {sum(t.role == 'co' for t in tasks)} 项）。"
    )
    return 0


# --------------------------------------------------------------------------- intake


def _register_intake(rs: Any) -> None:
    p = _add_parser(
        rs,
        "intake",
        "读取单位交回的填报模板或自己格式的答复",
        "读取单位交回的 Excel 填报模板，或单位自己格式的 Word/Excel 答复（含“序号/任务”列和“进展情况”列的表格），"
        "逐项列出进展情况、完成数值和单位自报的是否完成。有任何一行出错则整个文件不导入，并逐行说明原因。",
        [
            "luoshi report intake 科技局.xlsx",
            "luoshi report intake 科技局答复.docx --plan 分解落实方案.txt --unit 科技局",
            "luoshi report intake 科技局.xlsx --plan 分解落实方案.txt --json",
        ],
    )
    p.add_argument("file", help="单位交回的文件（.xlsx/.docx/…）")
    p.add_argument("--plan", help="对应的方案或表格文件：核对每一行是否本单位的任务")
    p.add_argument("--unit", help="交回文件的单位（自己格式的答复需要；模板自带单位名称）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run_intake)


def run_intake(args: argparse.Namespace) -> int:
    from luoshi.contract import number, observation_to_dict
    from luoshi.intake import read_unit_file
    from luoshi.read import read_path

    path = Path(args.file)
    plan = load_plan(args.plan) if args.plan else None
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        read_path(path)  # raises the reader's own message for a missing file
        raise
    except OSError as exc:
        raise LuoshiError(f"读取文件“{path}”失败：{exc.strerror or exc}。") from exc
    intake = read_unit_file(data, path.name, unit=args.unit, plan=plan)
    if args.json:
        print(
            json.dumps(
                {
                    "kind": intake.kind,
                    "unit": intake.unit,
                    "period": intake.period,
                    "entries": [
                        {
                            "task_id": e.task_id,
                            "number": e.number,
                            "text": e.text,
                            "progress": e.progress,
                            "figure": number(e.figure),
                            "measure": e.measure,
                            "status": e.status,
                            "note": e.note,
                            "row": e.row,
                            "observations": [observation_to_dict(o) for o in e.observations],
                        }
                        for e in intake.entries
                    ],
                    "missing": list(intake.missing),
                },
                ensure_ascii=False,
                indent=1,
            )
        )
        return 0
    what = "填报模板" if intake.kind == "template" else "单位答复"
    print(f"{path.name}：{what}，单位 {intake.unit or '（未注明）'}，读出 {len(intake.entries)} 项进展。")
    for e in intake.entries:
        figure = "" if e.figure is None else f"　完成数值 {number(e.figure)}{e.measure or ''}"
        status = f"　自报：{e.status}" if e.status else ""
        print(f"[{e.number or '-'}] {e.progress}{figure}{status}")
    if intake.missing:
        print(f"另有 {len(intake.missing)} 项任务未填写进展。")
    return 0
