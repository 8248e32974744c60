"""分解落实方案 / 计划草案: the tasks with their responsible units, as the office issues the plan.

A decomposition plan alone is written as the 公文 of seed 001 (headings, numbered tasks, each ending
with "（…主办，…协办）"); as Excel, or when there are several parts, each part is a table — a
decomposition as 序号 / 目标任务 / 主办单位 / 协办单位, any other part as 序号 / 目标任务 / 责任单位.
"""

from __future__ import annotations

from luoshi.render.layout import LayoutKind, TableLayout, layout_part
from luoshi.reports import Report, ReportRequest


def layouts(request: ReportRequest) -> list[TableLayout]:
    many = len(request.parts) > 1
    out = []
    for n, index in enumerate(request.parts, 1):
        part = request.plan.parts[index]
        kind: LayoutKind = "decomposition" if part.kind == "decomposition" else "development_plan"
        title = request.title if not many else None
        out.append(layout_part(part, kind=kind, label=f"附件{n}" if many else None, title=title))
    return out


def build(request: ReportRequest, fmt: str) -> bytes:
    from luoshi.render.exec_table import tables_docx
    from luoshi.render.plan_doc import plan_docx
    from luoshi.render.xlsx import tables_xlsx

    parts = [request.plan.parts[i] for i in request.parts]
    if fmt == "docx" and len(parts) == 1 and parts[0].kind == "decomposition":
        return plan_docx(parts[0], title=request.title)
    tables = layouts(request)
    return tables_xlsx(tables) if fmt == "xlsx" else tables_docx(tables)


def file_name(request: ReportRequest, fmt: str) -> str:
    parts = [request.plan.parts[i] for i in request.parts]
    title = request.title or (parts[0].title if parts and parts[0].title else "") or "分解落实方案"
    return f"{title}.{fmt}"


REPORT = Report(
    name="plan",
    title="分解落实方案",
    help="分解落实方案 / 计划草案（.docx、.xlsx 或 .pdf）",
    description="把分解落实方案（或计划草案）排成公文：标题、“一、关于…”各部分、逐条任务及（…主办，…协办）；"
    "或排成 Excel 表（序号/目标任务/主办单位/协办单位；计划草案为序号/目标任务/责任单位）。",
    examples=(
        "luoshi report plan 分解落实方案.txt -o 分解落实方案.docx",
        "luoshi report plan 分解落实方案.docx -o 任务分解表.xlsx",
    ),
    formats=("docx", "xlsx", "pdf"),
    build=build,
    part_kinds=(("decomposition",), ("development_plan",), ()),
    file_name=file_name,
)
