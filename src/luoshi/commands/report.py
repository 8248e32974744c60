"""``luoshi report …``: one sub-command per report of ``luoshi.reports.REPORTS``, and ``intake`` to read files back.

Each report sub-command is generated from its registry entry (name, help, formats, the parts it
takes, where its verdicts come from): it parses the file, chooses the parts, gets the verdicts from
the judge or the printed status column, and hands them to the report. The work is all in the core.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from luoshi.commands.dates import parse_date
from luoshi.errors import LuoshiError
from luoshi.reports import REPORTS, Report, ReportRequest, SupervisionDetails


def register(sub: Any) -> None:
    p = sub.add_parser(
        "report",
        help="生成执行情况表、分解落实方案、半年/年度小结、单位填报模板，读取单位交回的文件",
        description="按 GB/T 9704 公文格式生成报表："
        + "；".join(f"{r.name} {r.title}（{'/'.join('.' + f for f in r.formats)}）" for r in REPORTS.values())
        + "；并读取单位交回的模板或单位自己格式的 Word/Excel 答复（intake）。",
        epilog="例：" + "\n    ".join([*(r.examples[0] for r in REPORTS.values()), INTAKE_EXAMPLES[0]]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.set_defaults(func=lambda args: _help(p))
    rs = p.add_subparsers(dest="report", metavar="报表", parser_class=type(p))
    for report in REPORTS.values():
        _register_report(rs, report)
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


# --------------------------------------------------------------------------- the reports


def _register_report(rs: Any, report: Report) -> None:
    p = _add_parser(rs, report.name, report.help, report.description, report.examples)
    p.add_argument("file", help="要读取的文件（.txt/.docx/.xlsx/.html/.pdf…）")
    formats = "、".join(report.formats)
    p.add_argument(
        "--format",
        choices=report.formats,
        help=f"输出格式：{formats}（默认按 -o 的扩展名，否则 {report.formats[0]}；pdf 需要 LibreOffice）",
    )
    screen = "；不给则显示在屏幕上" if "txt" in report.formats else ""
    p.add_argument("-o", "--output", help=f"输出文件（默认写在当前目录{screen}）")
    p.add_argument(
        "--part",
        type=int,
        action="append",
        metavar="N",
        help="只用文件的第 N 部分（附件），可重复；用 luoshi parse 查看各部分",
    )
    p.add_argument("--title", help="标题（默认用文件中的标题）")
    p.add_argument("--period", help="期次，写在标题和文件名中（如 2021年上半年）")
    if report.verdicts is not None:
        p.add_argument(
            "--status",
            choices=("judge", "printed"),
            default=report.verdicts,
            help=f"“是否完成”的依据：judge 由程序研判，printed 照录文件所列（默认 {report.verdicts}）",
        )
        p.add_argument("--as-of", help="研判日期 YYYY-MM-DD（6、7月按“双过半”表述；默认按表格所示期间或年底）")
    if report.needs_unit:
        p.add_argument("--unit", help="单位名称（如 科技局；“区科技局”亦可）")
        p.add_argument("--list-units", action="store_true", help="只列出文件中的全部责任单位")
    if report.needs_supervision:
        p.add_argument("--task", required=True, metavar="序号", help="被督办任务在文件中的序号（如 7）")
        p.add_argument("--unit", required=True, help="被督办单位（如 区科技局）")
        p.add_argument("--number", required=True, metavar="N", help="督办单编号：N 或完整的“督办〔2026〕N号”")
        p.add_argument("--reason", default="进展滞后", help="督办事项（默认“进展滞后”）")
        p.add_argument("--reply-by", help="回复期限 YYYY-MM-DD")
        p.add_argument("--issued-on", help="下发日期 YYYY-MM-DD（默认今天）")
        p.add_argument("--issuer", default="", help="落款（如 鼓楼区人民政府办公室（督查室））")
    p.set_defaults(func=lambda args: run_report(report, args))


def run_report(report: Report, args: argparse.Namespace) -> int:
    """Parse the file, choose the parts, get the verdicts, build the report, write it (or print it)."""
    from luoshi.documents import parse_file

    fmt = output_format(report, args)
    plan = parse_file(args.file, require_tasks=True)
    parts = report.select_parts(plan, args.part)
    if report.needs_unit and args.list_units:
        from luoshi.intake.unit_tasks import units_of

        units = units_of([plan.parts[i] for i in parts])
        print("\n".join(units) if units else "文件中没有责任单位。")
        return 0
    if report.needs_unit and not args.unit:
        raise LuoshiError("请用 --unit 指定单位（用 --list-units 查看文件中的全部单位）。")
    as_of = parse_date(getattr(args, "as_of", None))
    request = ReportRequest(
        plan=plan,
        parts=parts,
        verdicts=_verdicts(plan, parts, getattr(args, "status", None), as_of),
        as_of=as_of,
        period=args.period,
        title=args.title,
        unit=getattr(args, "unit", None),
        supervision=_supervision(args) if report.needs_supervision else None,
    )
    data = report.render(request, fmt)
    if fmt == "txt" and not args.output:
        print(data.decode("utf-8"), end="")
        return 0
    out = Path(args.output) if args.output else Path.cwd() / report.name_for(request, fmt)
    write_output(out, data)
    if report.needs_unit:
        _say_unit_share(plan, args.unit, parts)
    return 0


def _supervision(args: argparse.Namespace) -> SupervisionDetails:
    """The notice's details from the command line (the number alone becomes 督办〔year〕N号)."""
    issued_on = parse_date(args.issued_on) or dt.date.today()
    number = str(args.number).strip()
    if number.isdigit():
        number = f"督办〔{issued_on.year}〕{int(number)}号"
    return SupervisionDetails(
        number=number,
        unit=args.unit,
        task_number=str(args.task).strip(),
        reason=args.reason,
        reply_by=parse_date(args.reply_by),
        issued_on=issued_on,
        issuer=args.issuer,
    )


def _verdicts(plan: Any, parts: Sequence[int], how: str | None, as_of: dt.date | None) -> dict[int, list[Any]]:
    """Each chosen part's verdicts: the judge's, or the statuses printed in the document (none if not asked)."""
    if how is None:
        return {}
    from luoshi.judge.parts import part_verdicts, printed_verdicts

    if how == "printed":
        return {i: printed_verdicts(plan.parts[i]) for i in parts}
    return {i: part_verdicts(plan, i, as_of=as_of) for i in parts}


def _say_unit_share(plan: Any, unit: str, parts: Sequence[int]) -> None:
    from luoshi.intake.unit_tasks import unit_tasks

    tasks = unit_tasks(plan, unit, parts=parts)
    lead = sum(t.role == "lead" for t in tasks)
    print(f"共 {len(tasks)} 项任务（主办 {lead} 项，协办 {len(tasks) - lead} 项）。")


def output_format(report: Report, args: argparse.Namespace) -> str:
    """The format from --format, else from the -o file's extension, else the report's default."""
    ext = Path(args.output).suffix.lower().lstrip(".") if args.output else ""
    fmt = args.format
    if fmt and ext and ext != fmt:
        raise LuoshiError(f"--format {fmt} 与输出文件扩展名 .{ext} 不一致。请只给其中一个，或让两者一致。")
    if not args.output and not fmt and "txt" in report.formats:
        return "txt"  # shown on the screen
    fmt = fmt or ext or report.formats[0]
    if fmt not in report.formats:
        offered = "、".join(f".{f}" for f in report.formats)
        raise LuoshiError(f"{report.title}不能输出 .{fmt} 文件。可选：{offered}。")
    return fmt


def write_output(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise LuoshiError(f"无法写入“{path}”：{exc.strerror or exc}。请检查路径和权限。") from exc
    print(f"已生成：{path}")


# --------------------------------------------------------------------------- intake

INTAKE_EXAMPLES = (
    "luoshi report intake 科技局.xlsx",
    "luoshi report intake 科技局答复.docx --plan 分解落实方案.txt --unit 科技局",
    "luoshi report intake 科技局.xlsx --plan 分解落实方案.txt --json",
)


def _register_intake(rs: Any) -> None:
    p = _add_parser(
        rs,
        "intake",
        "读取单位交回的填报模板或自己格式的答复",
        "读取单位交回的 Excel 填报模板，或单位自己格式的 Word/Excel 答复（含“序号/任务”列和“进展情况”列的表格），"
        "逐项列出进展情况、完成数值和单位自报的是否完成。有任何一行出错则整个文件不导入，并逐行说明原因。",
        INTAKE_EXAMPLES,
    )
    p.add_argument("file", help="单位交回的文件（.xlsx/.docx/…）")
    p.add_argument("--plan", help="对应的方案或表格文件：核对每一行是否本单位的任务")
    p.add_argument("--unit", help="交回文件的单位（自己格式的答复需要；模板自带单位名称）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run_intake)


def run_intake(args: argparse.Namespace) -> int:
    from luoshi.contract import number, observation_to_dict
    from luoshi.documents import parse_file
    from luoshi.intake import read_unit_file
    from luoshi.read import read_path

    path = Path(args.file)
    plan = parse_file(args.plan, require_tasks=True) if args.plan else None
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
