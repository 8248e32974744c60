"""督办单: a numbered supervision notice to one unit about one lagging task, with the reply it asks for.

The office's format: the number (督办〔2026〕3号), the title, the unit addressed, the task as the plan
prints it (number, text, target, units), the matter and the reply deadline, the issuer and date, and
a reply slip (回执) the unit fills in — or, once it has replied, its measures and expected date.
"""

from __future__ import annotations

import datetime as dt

from luoshi.errors import LuoshiError
from luoshi.model import Task
from luoshi.reports import Report, ReportRequest, SupervisionDetails


def _date(d: dt.date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "    年  月  日"


def find_task(request: ReportRequest, number: str) -> Task:
    """The task numbered ``number`` in the chosen parts; ``LuoshiError`` naming the numbers there are."""
    for index in request.parts:
        for task in request.part(index).tasks:
            if task.number == number:
                return task
    numbers = [t.number for i in request.parts for t in request.plan.parts[i].tasks if t.number]
    shown = "、".join(numbers[:10]) + ("等" if len(numbers) > 10 else "")
    raise LuoshiError(f"文件中没有第{number}项任务。可选的序号有：{shown or '（无）'}。")


def lines(request: ReportRequest) -> tuple[str, str, list[str]]:
    """The notice as (number, title, body paragraphs)."""
    notice = request.supervision
    if notice is None:
        raise LuoshiError("请给出督办单的编号、单位和任务（--number、--unit、--task）。")
    task = find_task(request, notice.task_number)
    issuer = notice.issuer or "人民政府办公室（督查室）"
    title = f"{issuer.split('（')[0]}督办单"
    units = "、".join(task.lead) + (f"（协办：{'、'.join(task.co)}）" if task.co else "")
    body = [
        f"{notice.unit}：",
        f"你单位{'牵头' if any(notice.unit in u or u in notice.unit for u in task.lead) else '承担'}的第{task.number}项任务"
        f"“{task.text}”{notice.reason}。",
        f"请认真研究，于{_date(notice.reply_by)}前将整改措施和预计完成时间书面报送{issuer}，并在系统中签收、回复。",
        f"任务序号：{task.number}",
        f"目标任务：{task.text}",
    ]
    if task.target:
        body.append(f"全年目标：{task.target}")
    body += [
        f"责任单位：{units or notice.unit}",
        f"督办事项：{notice.reason}",
        f"回复期限：{_date(notice.reply_by)}",
        f"{issuer}",
        f"{_date(notice.issued_on)}",
        "回  执",
        f"督办单编号：{notice.number}",
        "签收人：                签收时间：",
        f"整改措施：{notice.measures or ''}",
        f"预计完成时间：{_date(notice.expected) if notice.expected else ''}",
    ]
    return notice.number, title, body


def build(request: ReportRequest, fmt: str) -> bytes:
    number, title, body = lines(request)
    if fmt == "txt":
        return "\n".join([number, title, "", *body, ""]).encode("utf-8")
    from luoshi.render import gbt9704 as gb

    doc = gb.new_document(landscape=False)
    p = gb.paragraph_xml
    issuer_at = body.index("回  执") - 2
    blocks = [p(number, gb.STYLE_PLAIN, align="right"), p(gb.title_lines(title), gb.STYLE_TITLE), p("", gb.STYLE_PLAIN)]
    blocks.append(p(body[0], gb.STYLE_PLAIN))
    blocks += [p(text, gb.STYLE_BODY) for text in body[1:issuer_at]]
    blocks += [p(text, gb.STYLE_PLAIN, align="right") for text in body[issuer_at : issuer_at + 2]]
    blocks.append(p(body[issuer_at + 2], gb.STYLE_H1, align="center", page_break_before=False))
    blocks += [p(text, gb.STYLE_BODY) for text in body[issuer_at + 3 :]]
    doc.append(blocks)
    return doc.to_bytes()


def file_name(request: ReportRequest, fmt: str) -> str:
    notice = request.supervision
    if notice is None:
        return f"督办单.{fmt}"
    return f"{notice.number}_{notice.unit}.{fmt}"


REPORT = Report(
    name="supervision",
    title="督办单",
    help="督办单：就一项滞后任务向一个单位下发的编号督办通知（.docx、.pdf、.txt）",
    description="按政府办格式生成督办单：编号（督办〔2026〕N号）、督办单位、任务原文（序号、目标任务、全年目标、责任单位）、"
    "督办事项、回复期限、落款和回执；单位已回复的，回执中写明整改措施和预计完成时间。",
    examples=(
        "luoshi report supervision 执行情况表.txt --task 7 --unit 区科技局 --number 3 --reply-by 2026-07-20",
        "luoshi report supervision 分解落实方案.txt --task 12 --unit 区住建局 --number 5 --reason 进度滞后于序时进度 -o 督办单.docx",
    ),
    formats=("docx", "pdf", "txt"),
    build=build,
    part_kinds=(("status_table", "project_table", "decomposition", "development_plan"), ()),
    needs_supervision=True,
    file_name=file_name,
)


__all__ = ["REPORT", "SupervisionDetails", "build", "lines"]
