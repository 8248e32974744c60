"""A filled unit template read back: entries by hidden task id, row errors in Chinese, all or nothing."""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import cache

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from luoshi.errors import LuoshiError
from luoshi.intake import IntakeError, UnitTask, read_unit_file, unit_tasks
from luoshi.intake import template_format as tpl
from luoshi.model import Plan
from luoshi.read import read_path
from luoshi.render.template import unit_template_xlsx
from luoshi.structure import parse_document
from tests.conftest import seed_path

FIRST = tpl.FIRST_ROW


@cache
def seed_plan(prefix: str) -> Plan:
    return parse_document(read_path(seed_path(prefix)))


def template(unit: str = "科技局") -> tuple[bytes, list[UnitTask]]:
    tasks = unit_tasks(seed_plan("000"), unit, parts=[0])
    return unit_template_xlsx(unit, tasks, period="2021年全年"), tasks


def filled(data: bytes, edit: Callable[[Worksheet], None]) -> bytes:
    """The template after a unit typed into it (openpyxl writes what Excel would save)."""
    wb = load_workbook(io.BytesIO(data))
    edit(wb[tpl.DATA_SHEET])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def put(ws: Worksheet, row: int, **values: object) -> None:
    cols = {name: n for n, (name, _, _) in enumerate(tpl.COLUMNS, 1)}
    for name, value in values.items():
        ws.cell(row=row, column=cols[name], value=value)


def test_a_filled_template_comes_back_as_entries_for_its_tasks() -> None:
    data, tasks = template()

    def edit(ws: Worksheet) -> None:
        put(ws, FIRST, 进展情况="8项任务完成7项。", 是否完成="部分未达")
        put(ws, FIRST + 1, 进展情况="备案面积达11.1万平方米。", 完成数值=11.1, 计量单位="万平方米", 是否完成="是")
        put(ws, FIRST + 2, 进展情况=2, 完成数值="1,200")  # a bare number typed as progress; a figure as text

    intake = read_unit_file(filled(data, edit), "科技局.xlsx", tasks=tasks)
    assert intake.kind == "template" and intake.unit == "科技局" and intake.period == "2021年全年"
    assert [e.task_id for e in intake.entries] == [t.id for t in tasks[:3]]
    first, second, third = intake.entries
    assert (first.progress, first.status, first.figure) == ("8项任务完成7项。", "部分未达", None)
    assert (second.figure, second.measure, second.status) == (11.1, "万平方米", "是")
    assert (third.progress, third.figure) == ("2", 1200.0)
    assert intake.missing == tuple(t.id for t in tasks[3:])
    assert second.row == f"第{FIRST + 1}行"


def test_figures_in_the_progress_text_are_read_as_observations() -> None:
    data, tasks = template()
    intake = read_unit_file(
        filled(data, lambda ws: put(ws, FIRST, 进展情况="1-11月份有效发明专利拥有量12871件。全年预计13000件。")),
        "科技局.xlsx",
        tasks=tasks,
    )
    values = [(o.value, o.unit, o.forecast) for o in intake.entries[0].observations]
    assert (12871, "件", False) in values and (13000, "件", True) in values


def test_the_plan_gives_the_units_tasks_when_none_are_passed() -> None:
    data, tasks = template()
    intake = read_unit_file(
        filled(data, lambda ws: put(ws, FIRST, 进展情况="已完成。")), "t.xlsx", plan=seed_plan("000")
    )
    assert [e.task_id for e in intake.entries] == [tasks[0].id]
    assert len(intake.missing) == len(tasks) - 1  # the template's part only, not the 2022 draft


def other_units_row(ws: Worksheet) -> None:
    """Copy another unit's task id into a row (as if rows were pasted from another unit's file)."""
    other = unit_tasks(seed_plan("000"), "发改委", parts=[0])[0]
    put(ws, FIRST, 任务编号=other.id, 序号=other.number, 进展情况="已完成。")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (other_units_row, f"第{FIRST}行：序号 1 不是本单位的任务"),
        (lambda ws: put(ws, FIRST, 进展情况="已完成。", 完成数值="约100"), f"第{FIRST}行：完成数值“约100”不是数字"),
        (
            lambda ws: put(ws, FIRST, 进展情况="已完成。", 是否完成="基本完成"),
            f"第{FIRST}行：是否完成应填 是、否、部分未达，实填“基本完成”",
        ),
        (lambda ws: put(ws, FIRST, 进展情况="已完成。", 是否完成="视同完成"), "是否完成应填"),
        (lambda ws: put(ws, ws.max_row + 1, 序号="99", 进展情况="新增一项。"), "没有任务编号（模板中不能新增行）"),
        (
            lambda ws: (
                put(ws, FIRST, 进展情况="甲。"),
                put(ws, FIRST + 1, 任务编号=ws.cell(FIRST, 1).value, 进展情况="乙。"),
            ),
            f"第{FIRST + 1}行：序号 6 重复填报（已在第{FIRST}行填写）",
        ),
    ],
)
def test_a_bad_row_refuses_the_whole_file_with_its_row_and_reason(
    edit: Callable[[Worksheet], object], message: str
) -> None:
    data, tasks = template()

    def apply(ws: Worksheet) -> None:
        put(ws, FIRST + 3, 进展情况="这一行本身没有问题。")
        edit(ws)

    with pytest.raises(IntakeError) as info:
        read_unit_file(filled(data, apply), "科技局.xlsx", tasks=tasks)
    assert message in info.value.message
    assert "请改正后重新提交整个文件" in info.value.message and "\n" not in info.value.message


def test_every_bad_row_is_listed_not_only_the_first() -> None:
    data, tasks = template()

    def edit(ws: Worksheet) -> None:
        put(ws, FIRST, 进展情况="甲", 完成数值="很多")
        put(ws, FIRST + 2, 进展情况="乙", 是否完成="差不多")

    with pytest.raises(IntakeError) as info:
        read_unit_file(filled(data, edit), "科技局.xlsx", tasks=tasks)
    assert len(info.value.errors) == 2
    assert info.value.errors[0].startswith(f"第{FIRST}行") and info.value.errors[1].startswith(f"第{FIRST + 2}行")
    assert "2处问题，未导入任何内容" in info.value.message


def test_another_units_template_is_refused() -> None:
    data, _ = template("发改委")
    with pytest.raises(IntakeError, match="这是“发改委”的填报模板，不是“科技局”的"):
        read_unit_file(filled(data, lambda ws: put(ws, FIRST, 进展情况="x")), "t.xlsx", unit="科技局")


def test_a_template_of_another_version_is_refused() -> None:
    data, tasks = template()
    wb = load_workbook(io.BytesIO(data))
    meta = wb[tpl.META_SHEET]
    for row in meta.iter_rows():
        if row[0].value == "version":
            row[1].value = "0"
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(IntakeError, match="模板版本"):
        read_unit_file(out.getvalue(), "t.xlsx", tasks=tasks)


@pytest.mark.parametrize("cut", [0, 10, 400, -200])
def test_a_damaged_file_is_a_clear_error_never_a_partial_result(cut: int) -> None:
    data, tasks = template()
    damaged = data[:cut]
    with pytest.raises(LuoshiError) as info:
        read_unit_file(damaged, "科技局.xlsx", tasks=tasks)
    assert info.value.message


def test_without_the_units_tasks_the_file_is_read_on_its_own_ids() -> None:
    data, tasks = template()
    intake = read_unit_file(filled(data, lambda ws: put(ws, FIRST + 1, 进展情况="推进中。")), "科技局.xlsx")
    (entry,) = intake.entries
    assert (entry.task_id, entry.number, entry.text) == (tasks[1].id, tasks[1].number, tasks[1].text)
    assert list(intake.missing) == [t.id for t in tasks if t.id != tasks[1].id]
