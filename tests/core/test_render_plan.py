"""The 分解落实方案 as .docx (seed 001's layout) and as a table: its grammar, and the plan parsed back unchanged."""

from __future__ import annotations

from functools import cache

import pytest

from luoshi.model import Part, Plan, Task
from luoshi.read import read_bytes, read_path
from luoshi.render.plan_doc import (
    chinese_number,
    heading_text,
    plan_docx,
    plan_parts,
    plan_table,
    task_line,
    unit_clause,
)
from luoshi.render.xlsx import tables_xlsx
from luoshi.structure import parse_document
from tests.conftest import seed_path


@cache
def seed_plan(prefix: str) -> Plan:
    return parse_document(read_path(seed_path(prefix)))


@pytest.mark.parametrize(
    ("lead", "co", "clause"),
    [
        (("区市场监管局",), (), "（区市场监管局主办）"),
        (
            ("区科技局", "高新区管委会"),
            ("区相关部门", "街道", "板块"),
            "（区科技局、高新区管委会主办，区相关部门、街道、板块协办）",
        ),
        ((), ("各街道",), "（各街道协办）"),
        ((), (), ""),
    ],
)
def test_the_unit_clause_names_lead_then_co_units(lead: tuple[str, ...], co: tuple[str, ...], clause: str) -> None:
    assert unit_clause(Task(number="1", text="x", lead=lead, co=co)) == clause


@pytest.mark.parametrize(
    ("number", "line"),
    [
        ("7", "7.推进。（区财政局主办）"),
        ("7.", "7.推进。（区财政局主办）"),
        ("7、", "7、推进。（区财政局主办）"),
        (None, "推进。（区财政局主办）"),
    ],
)
def test_a_task_line_is_number_text_and_clause(number: str | None, line: str) -> None:
    assert task_line(Task(number=number, text="推进。", lead=("区财政局",))) == line


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (7, "七"), (10, "十"), (12, "十二"), (20, "二十"), (35, "三十五")])
def test_sections_are_numbered_in_chinese(n: int, text: str) -> None:
    assert chinese_number(n) == text


@pytest.mark.parametrize(
    ("printed", "bare"),
    [
        ("1、 关于完善创新生态，打造转型升级新引擎", "关于完善创新生态，打造转型升级新引擎"),
        ("二、关于扩大有效投入", "关于扩大有效投入"),
        ("三. 关于强化板块统筹", "关于强化板块统筹"),
        ("（一）打造创新名城引领区", "打造创新名城引领区"),
        ("(2)厚植产业发展优势", "厚植产业发展优势"),
        ("关于没有编号的部分", "关于没有编号的部分"),
    ],
)
def test_a_headings_printed_label_is_dropped_before_renumbering(printed: str, bare: str) -> None:
    assert heading_text(printed) == bare


def test_plans_are_preferred_to_drafts_and_tables() -> None:
    parts = [
        Part(title="表", kind="status_table", tasks=(Task("1", "a"),)),
        Part(title="草案", kind="development_plan", tasks=(Task("1", "b", lead=("发改委",)),)),
        Part(title="方案", kind="decomposition", tasks=(Task("1", "c", lead=("发改委",)),)),
    ]
    assert [p.title for p in plan_parts(parts)] == ["方案", "草案"]


@pytest.mark.parametrize("prefix", ["001", "003"])
def test_a_plan_rendered_as_word_parses_back_to_the_same_tasks_and_units(prefix: str) -> None:
    (part,) = [p for p in seed_plan(prefix).parts if p.kind == "decomposition"]
    again = parse_document(read_bytes(plan_docx(part), "方案.docx"))
    (back,) = [p for p in again.parts if p.kind == "decomposition"]
    assert [(t.number, t.text, t.lead, t.co) for t in back.tasks] == [
        (t.number, t.text, t.lead, t.co) for t in part.tasks
    ]
    # Sections come back renumbered 一、二、… with the same words.
    assert [heading_text(t.section or "") for t in back.tasks] == [heading_text(t.section or "") for t in part.tasks]
    assert all((t.section or "一、").startswith(tuple("一二三四五六七八九十")) for t in back.tasks)


def test_section_headings_are_word_headings_and_the_title_comes_first() -> None:
    part = seed_plan("001").parts[0]
    doc = read_bytes(plan_docx(part), "方案.docx")
    paragraphs = [b for b in doc.blocks if b.kind == "paragraph" and b.text.strip()]  # type: ignore[union-attr]
    # The title may be broken into balanced lines (GB/T 9704), its words unchanged.
    assert paragraphs[0].text.replace("\n", "") == part.title  # type: ignore[union-attr]
    headings = [p for p in paragraphs if p.heading_level == 1]  # type: ignore[union-attr]
    assert [h.text for h in headings][:2] == [  # type: ignore[union-attr]
        "一、" + heading_text(part.tasks[0].section or ""),
        "二、" + heading_text(next(t.section for t in part.tasks if t.section != part.tasks[0].section) or ""),
    ]
    assert len(headings) == len({t.section for t in part.tasks})


def test_a_plan_rendered_as_excel_parses_back_to_the_same_tasks_and_units() -> None:
    part = seed_plan("001").parts[0]
    again = parse_document(read_bytes(tables_xlsx([plan_table(part)]), "方案.xlsx"))
    (back,) = again.parts
    assert [(t.number, t.text, t.lead, t.co) for t in back.tasks] == [
        (t.number, t.text, t.lead, t.co) for t in part.tasks
    ]
