"""The per-unit Excel template: the unit's tasks locked, the report columns open and validated, ids hidden."""

from __future__ import annotations

import io
from dataclasses import replace
from functools import cache

from openpyxl import load_workbook

from luoshi.intake import template_format as tpl
from luoshi.intake.unit_tasks import UnitTask, find_task, unit_tasks, units_of
from luoshi.model import Plan
from luoshi.read import read_path
from luoshi.render.template import unit_template_xlsx
from luoshi.structure import parse_document
from luoshi.unit_names import same_unit
from tests.conftest import gold, seed_path


@cache
def seed_plan(prefix: str) -> Plan:
    return parse_document(read_path(seed_path(prefix)))


def test_a_units_tasks_are_those_it_leads_or_supports_in_plan_order() -> None:
    plan = seed_plan("000")
    tasks = unit_tasks(plan, "科技局", parts=[0])
    expected = [str(r["no"]) for r in gold("000")["1"] if "科技局" in r["lead"]]
    assert [t.number for t in tasks] == expected and all(t.role == "lead" for t in tasks)
    plan001 = seed_plan("001")
    roles = {t.number: t.role for t in unit_tasks(plan001, "科技局")}
    gold001 = gold("001")
    assert roles == {
        str(t["no"]): ("lead" if any(same_unit(u, "科技局") for u in t["lead"]) else "co")
        for t in gold001
        if any(same_unit(u, "科技局") for u in t["lead"] + t["co"])
    }


def test_every_unit_in_a_plan_is_listed_once_in_order() -> None:
    units = units_of(seed_plan("000").parts[:1])
    expected: list[str] = []
    for row in gold("000")["1"]:
        expected += [u for u in row["lead"] if u not in expected]
    assert units == expected


def test_a_task_id_stops_matching_when_the_task_changes() -> None:
    plan = seed_plan("001")
    task = unit_tasks(plan, "科技局")[0]
    found = find_task(plan, task.id)
    assert found is not None and found[2].text == task.text
    _, i, t = found
    edited = replace(
        plan,
        parts=(
            replace(
                plan.parts[0],
                tasks=(*plan.parts[0].tasks[:i], replace(t, text=t.text + "（修改）"), *plan.parts[0].tasks[i + 1 :]),
            ),
        ),
    )
    assert find_task(edited, task.id) is None
    assert find_task(plan, "99-1-00000000") is None and find_task(plan, "not an id") is None


def workbook(unit: str = "科技局") -> tuple[bytes, list[UnitTask]]:
    tasks = unit_tasks(seed_plan("000"), unit, parts=[0])
    return unit_template_xlsx(unit, tasks, period="2021年全年", plan_sha256=seed_plan("000").source.sha256), tasks


def test_the_template_locks_the_tasks_and_opens_the_report_columns() -> None:
    data, tasks = workbook()
    wb = load_workbook(io.BytesIO(data))
    ws = wb[tpl.DATA_SHEET]
    assert ws.protection.sheet
    headers = [c.value for c in ws[tpl.HEADER_ROW]]
    assert headers == [name for name, _, _ in tpl.COLUMNS]
    for r in range(tpl.FIRST_ROW, tpl.FIRST_ROW + len(tasks)):
        for col, (name, _, is_open) in enumerate(tpl.COLUMNS, 1):
            assert ws.cell(r, col).protection.locked is not is_open, name
    assert ws.column_dimensions["A"].hidden
    assert [ws.cell(r, 1).value for r in range(tpl.FIRST_ROW, tpl.FIRST_ROW + len(tasks))] == [t.id for t in tasks]
    assert [ws.cell(r, 2).value for r in range(tpl.FIRST_ROW, tpl.FIRST_ROW + len(tasks))] == [t.number for t in tasks]


def test_the_figure_column_takes_numbers_and_the_status_column_a_list() -> None:
    data, tasks = workbook()
    ws = load_workbook(io.BytesIO(data))[tpl.DATA_SHEET]
    rules = {dv.type: dv for dv in ws.data_validations.dataValidation}
    last = tpl.FIRST_ROW + len(tasks) - 1
    figure, status = rules["decimal"], rules["list"]
    assert str(figure.sqref) == f"G{tpl.FIRST_ROW}:G{last}" and figure.showErrorMessage
    assert str(status.sqref) == f"I{tpl.FIRST_ROW}:I{last}" and status.formula1 == '"是,否,部分未达"'
    assert "数字" in (figure.error or "") and "是" in (status.error or "")


def test_the_metadata_sheet_is_very_hidden_and_names_the_unit_and_plan() -> None:
    data, tasks = workbook()
    wb = load_workbook(io.BytesIO(data))
    meta_ws = wb[tpl.META_SHEET]
    assert meta_ws.sheet_state == "veryHidden"
    meta = {r[0].value: r[1].value for r in meta_ws.iter_rows()}
    assert meta["format"] == tpl.TEMPLATE_FORMAT and meta["unit"] == "科技局"
    assert meta["plan_sha256"] == seed_plan("000").source.sha256 and meta["tasks"] == str(len(tasks))
    assert meta["parts"] == "1"
