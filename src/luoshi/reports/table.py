"""执行情况表: each chosen part as the office's execution table, with the period's progress and verdicts.

A project table keeps its layout (项目名称 / 全年目标 / 完成情况 / 是否完成, ★ noted); every other
part is laid out as an execution table (序号 / 目标内容 / 责任单位 / 进展情况 / 是否完成) — a plan
without progress yet gives the blank table units fill in. The 是否完成 column shows the verdict handed
in (the judge's, the office's or the printed one); where none is given, what the document printed.
A verdict the office has not signed off is the program's proposal: it is marked ※ and the note under
the table says so, as offices mark a provisional figure.
"""

from __future__ import annotations

from dataclasses import replace

from luoshi.model import VERDICT_LABELS, TaskVerdict
from luoshi.render.layout import LayoutKind, TableLayout, layout_part
from luoshi.reports import Report, ReportRequest, period_note

_OWN_TITLE = ("status_table", "project_table")
PROPOSAL_MARK = "※"
PROPOSAL_NOTE = "注：带※者为系统研判建议，尚待审核确认；其余为审核确认的结论。"


def status_label(verdict: TaskVerdict) -> str:
    """The 是否完成 cell: the verdict's label, marked ※ when it is the program's proposal."""
    label = VERDICT_LABELS[verdict.verdict]
    return label if verdict.signed else f"{label}{PROPOSAL_MARK}"


def layouts(request: ReportRequest) -> list[TableLayout]:
    """One table layout per chosen part, labelled 附件1, 附件2… when there are several."""
    many = len(request.parts) > 1
    out = []
    for n, index in enumerate(request.parts, 1):
        part = request.part(index)
        kind: LayoutKind = "project_table" if part.kind == "project_table" else "status_table"
        verdicts = [v for v in request.verdicts_of(index) if v is not None]
        statuses = {i: status_label(v) for i, v in enumerate(request.verdicts_of(index)) if v is not None}
        title = None
        if part.kind not in _OWN_TITLE:
            title = f"{request.title or part.title or ''}执行情况表{period_note(request)}"
        layout = layout_part(part, kind=kind, label=f"附件{n}" if many else None, title=title, statuses=statuses)
        if any(not v.signed for v in verdicts):
            layout = replace(layout, note="\n".join(x for x in (layout.note, PROPOSAL_NOTE) if x))
        out.append(layout)
    return out


def build(request: ReportRequest, fmt: str) -> bytes:
    from luoshi.render.exec_table import tables_docx
    from luoshi.render.xlsx import tables_xlsx

    tables = layouts(request)
    return tables_xlsx(tables) if fmt == "xlsx" else tables_docx(tables)


REPORT = Report(
    name="table",
    title="执行情况表",
    help="执行情况表 / 项目完成情况表（.docx、.xlsx 或 .pdf）",
    description="把文件中的执行情况表、项目完成情况表排成 A4 公文格式的表格（序号/目标内容/责任单位/进展情况/是否完成，"
    "项目表为项目名称/全年目标/完成情况/是否完成）；每个表格一个附件，表头每页重复。"
    "分解落实方案、计划草案则生成待填写的执行情况表。“是否完成”一栏照录文件所列，或填入程序研判结果。",
    examples=(
        "luoshi report table 执行情况表.txt --format docx -o 执行情况表.docx",
        "luoshi report table 执行情况表.docx --part 1 -o 附件1.xlsx",
        "luoshi report table 执行情况表.txt --status judge -o 研判结果.docx",
    ),
    formats=("docx", "xlsx", "pdf"),
    build=build,
    part_kinds=(("status_table", "project_table", "development_plan"), ("decomposition",), ()),
    verdicts="printed",
)
