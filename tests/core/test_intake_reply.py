"""A unit's reply in its own Word or Excel layout: the table found by header meaning, rows tied to the unit's tasks."""

from __future__ import annotations

import io
from functools import cache

import docx
import pytest
from openpyxl import Workbook

from luoshi.intake import IntakeError, UnitTask, normalise_status, read_unit_file, unit_tasks
from luoshi.intake.reply import normalise_number, similarity
from luoshi.model import Plan
from luoshi.read import read_path
from luoshi.structure import parse_document
from tests.conftest import seed_path


@cache
def seed_plan(prefix: str) -> Plan:
    return parse_document(read_path(seed_path(prefix)))


def tasks_of(unit: str = "科技局") -> list[UnitTask]:
    return unit_tasks(seed_plan("001"), unit)


def word_reply(header: list[str], rows: list[list[str]], *, title: str = "区科技局2021年目标任务推进情况") -> bytes:
    document = docx.Document()
    document.add_paragraph(title)
    table = document.add_table(rows=1, cols=len(header))
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        if len(row) == 1:  # a section row merged across the table
            merged = cells[0].merge(cells[-1])
            merged.text = row[0]
            continue
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def excel_reply(header: list[str], rows: list[list[str]], *, title: str | None = "科技局任务落实情况") -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("text", "number"), [("17", "17"), ("17.", "17"), ("（17）", "17"), (" 3、", "3"), ("一", None), ("17a", None)]
)
def test_a_row_number_is_read_in_its_usual_forms(text: str, number: str | None) -> None:
    assert normalise_number(text) == number


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("是", "是"),
        ("已完成", "是"),
        ("√", "是"),
        ("否", "否"),
        ("未完成", "否"),
        ("部分完成", "部分未达"),
        ("部 分 未 达", "部分未达"),
        ("基本完成", None),
    ],
)
def test_status_words_are_read_as_the_offices_three(written: str, status: str | None) -> None:
    assert normalise_status(written) == status


def test_similar_task_texts_score_high_and_different_ones_low() -> None:
    t = tasks_of()[0].text
    assert similarity(t[:30], t) == 1.0
    assert similarity("推动校地融合发展，提升原始创新能力和创新策源功能", t) > 0.6
    assert similarity("全面推行垃圾分类，完善生活垃圾收运体系", t) < 0.3


def test_a_word_reply_in_the_units_own_layout_is_read_by_number_and_by_text() -> None:
    tasks = tasks_of()
    first, second, third = tasks[0], tasks[1], tasks[2]
    data = word_reply(
        ["完成情况", "序号", "工作任务", "是否完成"],  # its own column order
        [
            ["一、完善创新生态"],
            ["与南京大学签订共建协议。", first.number or "", first.text, "已完成"],
            ["新增硅巷面积11万平方米。", "", second.text[:25], "是"],  # no number: found by its text
            ["", third.number or "", third.text, ""],  # not reported on
        ],
    )
    intake = read_unit_file(data, "科技局答复.docx", unit="科技局", tasks=tasks)
    assert intake.kind == "reply" and intake.unit == "科技局"
    assert [(e.task_id, e.progress, e.status) for e in intake.entries] == [
        (first.id, "与南京大学签订共建协议。", "是"),
        (second.id, "新增硅巷面积11万平方米。", "是"),
    ]
    assert third.id in intake.missing and first.id not in intake.missing
    assert [o.value for o in intake.entries[1].observations] == [11]


def test_an_excel_reply_with_a_title_row_names_rows_as_excel_does() -> None:
    tasks = tasks_of()
    other = next(t for t in tasks_of("区发改委") if t.number not in {x.number for x in tasks})
    data = excel_reply(
        ["序号", "重点任务", "落实情况"],
        [[tasks[0].number or "", tasks[0].text, "已完成。"], [other.number or "", other.text, "已完成。"]],
    )
    with pytest.raises(IntakeError) as info:
        read_unit_file(data, "科技局.xlsx", unit="科技局", tasks=tasks)
    (error,) = info.value.errors
    assert error.startswith(f"第4行：序号 {other.number}（“") and error.endswith("不是本单位的任务")


def test_a_number_alone_is_enough_when_the_reply_has_no_task_column() -> None:
    tasks = tasks_of()
    data = excel_reply(["序号", "进展情况"], [[tasks[1].number or "", "推进中。"]], title=None)
    intake = read_unit_file(data, "科技局.xlsx", tasks=tasks)
    assert [e.task_id for e in intake.entries] == [tasks[1].id]


def test_without_the_units_tasks_rows_are_read_as_they_stand() -> None:
    data = excel_reply(["序号", "工作任务", "进展情况", "是否完成"], [["3", "某项任务", "已完成。", "是"]])
    (entry,) = read_unit_file(data, "答复.xlsx").entries
    assert (entry.task_id, entry.number, entry.text, entry.progress, entry.status) == (
        None,
        "3",
        "某项任务",
        "已完成。",
        "是",
    )


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [["", "与本单位无关的一项工作内容描述文字", "已完成。"]],
            "找不到与“与本单位无关的一项工作内容描述文字”对应的本单位任务，请填写序号",
        ),
        ([["1", "TEXT", "已完成。"], ["1", "TEXT", "又一次。"]], "重复填报"),
        ([["1", "TEXT", "已完成。", "差不多"]], "是否完成应填 是、否、部分未达，实填“差不多”"),
    ],
)
def test_rows_that_cannot_be_tied_to_a_task_refuse_the_file(rows: list[list[str]], message: str) -> None:
    tasks = tasks_of()
    text = tasks[0].text
    rows = [[c.replace("TEXT", text) for c in r] for r in rows]
    header = ["序号", "工作任务", "进展情况", "是否完成"][: max(len(r) for r in rows)]
    rows = [r + [""] * (len(header) - len(r)) for r in rows]
    with pytest.raises(IntakeError, match=message):
        read_unit_file(excel_reply(header, rows), "科技局.xlsx", tasks=tasks)


def test_a_file_without_a_progress_table_is_refused_with_what_to_do() -> None:
    document = docx.Document()
    document.add_paragraph("科技局今年以来各项工作进展顺利。")
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(IntakeError, match="没有找到含“序号”或“任务”列以及“进展情况/完成情况”列的表格"):
        read_unit_file(out.getvalue(), "答复.docx", tasks=tasks_of())
