"""The plan as a 分解落实方案: a Word document in the layout of seed 001, and the same plan as a table.

The document is the title (方正小标宋简体, centred), then per section a first-level heading
(一、关于…, 黑体) and its numbered tasks as body paragraphs, each ending with its unit clause
（区科技局、高新区管委会主办，区相关部门、街道协办）; subsections (（一）…) are 楷体 headings.
Section labels are renumbered 一、二、… in order, whatever the source printed ("1、" from a Word
list, "一." …), because an issued plan numbers them so; task numbers are printed as given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from luoshi.model import Part, Task
from luoshi.render import gbt9704 as gb
from luoshi.render.layout import TableLayout, default_title, layout_part, units_text

CHINESE_DIGITS = "零一二三四五六七八九"

# A heading's own label: 一、 / 1、 / 1. / 一． / （一） / (1) at the start of its text.
SECTION_LABEL = re.compile(r"^\s*(?:[一二三四五六七八九十百]+|\d+)\s*[、.．,，]\s*")
SUBSECTION_LABEL = re.compile(r"^\s*[（(]\s*(?:[一二三四五六七八九十百]+|\d+)\s*[）)]\s*")
TASK_NUMBER_END = re.compile(r"[.．、,，﹒)）]$")


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (sections never reach a hundred)."""
    if n < 10:
        return CHINESE_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CHINESE_DIGITS[tens]) + "十" + (CHINESE_DIGITS[ones] if ones else "")


def heading_text(text: str) -> str:
    """A heading without its printed label."""
    return SUBSECTION_LABEL.sub("", SECTION_LABEL.sub("", text, count=1), count=1).strip()


def unit_clause(task: Task) -> str:
    """（…主办，…协办）, or nothing when the task names no unit."""
    parts = []
    if task.lead:
        parts.append(units_text(task.lead) + "主办")
    if task.co:
        parts.append(units_text(task.co) + "协办")
    return f"（{'，'.join(parts)}）" if parts else ""


def task_line(task: Task) -> str:
    """ "7.推进…。（区市场监管局主办）": the number, the text, the unit clause."""
    number = (task.number or "").strip()
    if number and not TASK_NUMBER_END.search(number):
        number += "."
    return f"{number}{task.text.strip()}{unit_clause(task)}"


def plan_docx(part: Part, *, title: str | None = None, subtitle: str | None = None) -> bytes:
    """The 分解落实方案 of ``part`` as a Word document (portrait, GB/T 9704)."""
    doc = gb.new_document(landscape=False)
    blocks = [gb.paragraph_xml(gb.title_lines(title or default_title(part, "decomposition")), gb.STYLE_TITLE)]
    if subtitle:
        blocks.append(gb.paragraph_xml(subtitle, gb.STYLE_PLAIN, align="center"))
    blocks.append(gb.paragraph_xml("", gb.STYLE_PLAIN))
    section: str | None = None
    subsection: str | None = None
    n_section = n_subsection = 0
    for task in part.tasks:
        if task.section and task.section != section:
            section, subsection = task.section, None
            n_section += 1
            n_subsection = 0
            blocks.append(gb.paragraph_xml(f"{chinese_number(n_section)}、{heading_text(section)}", gb.STYLE_H1))
        if task.subsection and task.subsection != subsection:
            subsection = task.subsection
            n_subsection += 1
            blocks.append(
                gb.paragraph_xml(f"（{chinese_number(n_subsection)}）{heading_text(subsection)}", gb.STYLE_H2)
            )
        blocks.append(gb.paragraph_xml(task_line(task), gb.STYLE_BODY))
    doc.append(blocks)
    return doc.to_bytes()


def plan_table(part: Part, *, title: str | None = None) -> TableLayout:
    """The plan as a table (序号 / 目标任务 / 主办单位 / 协办单位) for Excel."""
    return layout_part(part, kind="decomposition", title=title or default_title(part, "decomposition"))


def plan_parts(parts: Sequence[Part]) -> list[Part]:
    """The parts of a document that are plans (tasks with units), best first: decompositions, then drafts."""
    order = {"decomposition": 0, "development_plan": 1}
    plans = [p for p in parts if p.kind in order and p.tasks]
    return sorted(plans, key=lambda p: order[p.kind])
