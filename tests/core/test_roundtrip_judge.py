"""Seed 000 sent out as unit templates, filled with the units' progress, read back and judged: the same verdicts."""

from __future__ import annotations

import io
from dataclasses import replace

from openpyxl import load_workbook

from luoshi.intake import apply_entries, find_task, read_unit_file, unit_tasks, units_of
from luoshi.intake import template_format as tpl
from luoshi.intake.entries import ProgressEntry
from luoshi.judge.parts import part_verdicts
from luoshi.model import Plan
from luoshi.read import read_path
from luoshi.render.template import unit_template_xlsx
from luoshi.structure import parse_document
from tests.conftest import seed_path


def blanked(plan: Plan, index: int) -> Plan:
    """The plan as the office sends it out: the part's progress and statuses not yet reported."""
    part = plan.parts[index]
    tasks = tuple(replace(t, progress=None, status=None) for t in part.tasks)
    return replace(plan, parts=tuple(replace(p, tasks=tasks) if i == index else p for i, p in enumerate(plan.parts)))


def fill_template(data: bytes, plan: Plan, unit: str) -> bytes:
    """Type each task's progress and printed status into the template, for the tasks this unit leads first."""
    wb = load_workbook(io.BytesIO(data))
    ws = wb[tpl.DATA_SHEET]
    cols = {name: n for n, (name, _, _) in enumerate(tpl.COLUMNS, 1)}
    for row in range(tpl.FIRST_ROW, ws.max_row + 1):
        found = find_task(plan, str(ws.cell(row, cols["任务编号"]).value))
        assert found is not None
        task = found[2]
        if task.lead and task.lead[0] == unit:  # a task with several lead units is reported once
            ws.cell(row, cols["进展情况"], task.progress)
            ws.cell(row, cols["是否完成"], task.status)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_seed_000_round_trips_through_unit_templates_to_the_same_verdicts() -> None:
    plan = parse_document(read_path(seed_path("000")))
    sent = blanked(plan, 0)
    entries: list[ProgressEntry] = []
    units = units_of(plan.parts[:1])
    assert len(units) > 20
    for unit in units:
        tasks = unit_tasks(sent, unit, parts=[0])
        template = unit_template_xlsx(unit, tasks, period="2021年全年", plan_sha256=plan.source.sha256)
        intake = read_unit_file(fill_template(template, plan, unit), f"{unit}.xlsx", unit=unit, tasks=tasks)
        entries.extend(intake.entries)

    back = apply_entries(sent, entries)
    original = plan.parts[0].tasks
    assert [t.progress for t in back.parts[0].tasks] == [t.progress for t in original]
    assert [t.status for t in back.parts[0].tasks] == [t.status for t in original]

    expected = part_verdicts(plan, 0)
    got = part_verdicts(back, 0)
    assert [v.verdict if v else None for v in got] == [v.verdict if v else None for v in expected]
    assert [v.reasons if v else None for v in got] == [v.reasons if v else None for v in expected]
    assert all(v is not None for v in got)
