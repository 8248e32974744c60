"""半年/年度小结: the headline counts, the lagging targets with their reasons, and each unit's line.

Built from the verdicts handed in (``luoshi.render.summary.summarize``); one part: the first
execution table of the document, else its plan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from luoshi.reports import Report, ReportRequest, document_stem, period_note

if TYPE_CHECKING:
    from luoshi.render.summary import Summary


def summary_of(request: ReportRequest) -> Summary:
    """The summary of the request's first part, under the report's own title (关于…上半年执行情况的报告).

    The one source of the 小结's figures: the downloads, the plan page and the API all read them here.
    """
    from luoshi.render.summary import report_title, summarize

    index = request.parts[0]
    part = request.part(index)
    title = report_title(request.title or part.title, part.government, part.year, request.as_of)
    return summarize(part, request.verdicts_of(index), as_of=request.as_of, title=title)


def summary_figures(request: ReportRequest) -> dict[str, Any]:
    """The 小结's figures as data (the plan page, the API): counts, denominators, the headline sentence."""
    from luoshi.render.summary import headline, sign_note

    s = summary_of(request)
    return {
        "title": s.title,
        "headline": headline(s),
        "sign_note": sign_note(s),
        "total": s.total,
        "reported": s.reported,
        "unreported": len(s.unreported),
        "on_track": s.on_track,
        "rate_pct": s.rate_pct,
        "done": s.done,
        "deemed_done": s.deemed_done,
        "partly_done": s.partly_done,
        "not_done": s.not_done,
        "review": len(s.review),
        "behind_whole": s.behind_whole,
        "behind_partial": s.behind_partial,
        "signed": s.signed,
        "proposed": s.proposed,
    }


def build(request: ReportRequest, fmt: str) -> bytes:
    from luoshi.render.summary import summary_docx, summary_text

    sheet = summary_of(request)
    return summary_text(sheet).encode("utf-8") if fmt == "txt" else summary_docx(sheet)


def file_name(request: ReportRequest, fmt: str) -> str:
    return f"{document_stem(request)}执行情况小结{period_note(request)}.{fmt}"


REPORT = Report(
    name="summary",
    title="执行情况小结",
    help="半年/年度小结和各单位完成情况（屏幕，或 .docx、.pdf、.txt）",
    description="统计目标完成情况：年中按“双过半”/序时进度（“N项目标中，有M项实现‘双过半’，目标过半率为X%”），"
    "年底按完成/部分未达/未完成；列出滞后的目标及原因，和各单位牵头任务的完成情况。"
    "默认由程序研判；--status printed 则按文件所列“是否完成”统计。",
    examples=(
        "luoshi report summary 执行情况表.txt --as-of 2021-06-30",
        "luoshi report summary 执行情况表.txt --status printed -o 小结.docx",
    ),
    formats=("docx", "pdf", "txt"),
    build=build,
    part_kinds=(("status_table", "project_table"), ("decomposition", "development_plan"), ()),
    first_part_only=True,
    verdicts="judge",
    file_name=file_name,
)
