"""督查通报: a period's progress notice — headline counts, lagging tasks by section with their reasons,
units that have not reported, the units ahead and most behind (``luoshi.render.notice``).

One part: the first execution table of the document, else its plan. The verdicts are handed in (the
judge's by default on the command line; the office's sign-off or the judge's in the web app).
"""

from __future__ import annotations

from typing import Any

from luoshi.reports import Report, ReportRequest, document_stem, period_note


def notice(request: ReportRequest) -> Any:
    """The notice's figures and lists (``luoshi.render.notice.Notice``) for the request's first part."""
    from luoshi.render.notice import build_notice

    index = request.parts[0]
    return build_notice(request.part(index), request.verdicts_of(index), period=request.period, as_of=request.as_of)


def build(request: ReportRequest, fmt: str) -> bytes:
    from luoshi.render.notice import notice_docx, notice_text

    sheet = notice(request)
    return notice_text(sheet).encode("utf-8") if fmt == "txt" else notice_docx(sheet)


def file_name(request: ReportRequest, fmt: str) -> str:
    return f"{document_stem(request)}督查通报{period_note(request)}.{fmt}"


REPORT = Report(
    name="notice",
    title="督查通报",
    help="督查通报：总体情况、滞后任务及原因、未报送单位、各单位推进情况（.docx、.pdf、.txt）",
    description="按期生成督查通报：“N项任务中，已完成…项、占…%；达到序时进度…项；滞后…项…”，"
    "滞后任务按章节列出序号、牵头单位和报送材料中说明的原因，列出未报送进展的单位、"
    "推进较好和滞后较多的单位，附各牵头单位推进情况表。默认由程序研判；--status printed 则按文件所列“是否完成”。",
    examples=(
        "luoshi report notice 执行情况表.txt --as-of 2021-12-31 -o 督查通报.docx",
        "luoshi report notice 执行情况表.txt --as-of 2021-06-30 --period 2021年上半年 --format txt",
    ),
    formats=("docx", "pdf", "txt"),
    build=build,
    part_kinds=(("status_table", "project_table"), ("decomposition", "development_plan"), ()),
    first_part_only=True,
    verdicts="judge",
    file_name=file_name,
)
