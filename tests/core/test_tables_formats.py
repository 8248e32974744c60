"""The table parser reads real Word geometry the same as the flattened text: merged rows and cells."""

from __future__ import annotations

import html
import io
from collections.abc import Callable

import pytest

from luoshi.model import Cell, Paragraph, Part, Table
from luoshi.read import read_bytes, read_path
from luoshi.structure import parse_document
from tests.conftest import seed_path
from tests.core.test_tables import task_as_gold

docx = pytest.importorskip("docx")


def _merged_down(rows: tuple[tuple[Cell, ...], ...]) -> list[tuple[Cell, ...]]:
    """Rows without their leading empty cells: the text writes an empty cell for each cell merged
    down from the row above, which the builders below merge again."""
    out = []
    for row in rows:
        lead = 0
        while lead < len(row) - 1 and not row[lead].text:
            lead += 1
        out.append(row[lead:] if any(c.text for c in row[lead:]) else row)
    return out


def seed_as_docx(prefix: str) -> bytes:
    """The seed rebuilt as Word would hold it: section rows merged across the table, and the rows
    that continue a task under its 序号 and 名称 cells merged down (which the text rendering drops)."""
    doc = read_path(seed_path(prefix))
    out = docx.Document()
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            out.add_paragraph(block.text)
            continue
        assert isinstance(block, Table)
        width = block.width
        table = out.add_table(rows=len(block.rows), cols=width)
        for r, row in enumerate(_merged_down(block.rows)):
            cells = table.rows[r].cells
            if len(row) == 1:
                merged = cells[0].merge(cells[width - 1])
                merged.text = row[0].text
                continue
            missing = width - len(row)
            for c, cell in enumerate(row):
                cells[c + missing].text = cell.text
            for c in range(missing):
                # A continuation row: the task's leading cells run down from the row above.
                table.cell(r - 1, c).merge(cells[c])
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def seed_as_html(prefix: str) -> bytes:
    """The seed as a web page: section rows as one cell with colspan, continued tasks with rowspan."""
    doc = read_path(seed_path(prefix))
    out = ["<html><head><meta charset='utf-8'></head><body>"]
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            out.append(f"<p>{html.escape(block.text)}</p>")
            continue
        assert isinstance(block, Table)
        width = block.width
        rows = [[c.text for c in row] for row in _merged_down(block.rows)]
        out.append("<table border='1'>")
        for r, row in enumerate(rows):
            if len(row) == 1:
                out.append(f"<tr><td colspan='{width}'>{html.escape(row[0])}</td></tr>")
                continue
            # The shortened rows right below a full one continue it: its leading cells run down over them.
            below = 0
            while r + below + 1 < len(rows) and 1 < len(rows[r + below + 1]) < width:
                below += 1
            merged = width - len(rows[r + 1]) if below and len(row) == width else 0
            tds = [
                f"<td{f' rowspan={below + 1}' if c < merged else ''}>{html.escape(t).replace(chr(10), '<br>')}</td>"
                for c, t in enumerate(row)
            ]
            out.append("<tr>" + "".join(tds) + "</tr>")
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out).encode()


def seed_as_xlsx(prefix: str) -> bytes:
    """The seed as a workbook: a sheet per attachment (named 附件N), its title merged across the top
    row, section rows merged across, continued tasks' leading cells merged down."""
    openpyxl = pytest.importorskip("openpyxl")
    doc = read_path(seed_path(prefix))
    book = openpyxl.Workbook()
    book.remove(book.active)
    sheet_name: str | None = None
    title: str | None = None
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if block.text.startswith("附件"):
                sheet_name, title = block.text, None
            elif title is None:
                title = block.text
            continue
        assert isinstance(block, Table)
        ws = book.create_sheet(sheet_name or f"Sheet{len(book.sheetnames) + 1}")
        width = block.width
        ws.cell(row=1, column=1, value=title)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        rows = _merged_down(block.rows)
        for r, row in enumerate(rows):
            at = r + 2  # sheet rows are 1-based, under the title row
            if len(row) == 1:
                ws.cell(row=at, column=1, value=row[0].text)
                ws.merge_cells(start_row=at, start_column=1, end_row=at, end_column=width)
                continue
            missing = width - len(row)
            for c, cell in enumerate(row):
                ws.cell(row=at, column=c + missing + 1, value=cell.text)
            below = 0
            while not missing and r + below + 1 < len(rows) and 1 < len(rows[r + below + 1]) < width:
                below += 1
            for c in range(1, width - len(rows[r + 1]) + 1 if below else 1):
                ws.merge_cells(start_row=at, start_column=c, end_row=at + below, end_column=c)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def parts_from_xlsx() -> tuple[Part, ...]:
    return parse_document(read_bytes(seed_as_xlsx("000"), "000.xlsx")).parts


@pytest.fixture(scope="module")
def parts_from_docx() -> tuple[Part, ...]:
    return parse_document(read_bytes(seed_as_docx("000"), "000.docx")).parts


@pytest.fixture(scope="module")
def parts_from_html() -> tuple[Part, ...]:
    return parse_document(read_bytes(seed_as_html("000"), "000.html")).parts


@pytest.mark.parametrize(
    ("build", "name"), [(seed_as_docx, "000.docx"), (seed_as_html, "000.html"), (seed_as_xlsx, "000.xlsx")]
)
def test_the_rebuilt_tables_have_merged_rows_and_cells(build: Callable[[str], bytes], name: str) -> None:
    doc = read_bytes(build("000"), name)
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert tables[0].rows[1][0].colspan == 5  # "一、主要指标" across the table
    assert any(c.rowspan > 1 for row in tables[2].rows for c in row)  # 附件3's continued task


@pytest.mark.parametrize("fixture", ["parts_from_docx", "parts_from_html", "parts_from_xlsx"])
def test_the_status_table_seed_as_word_or_html_parses_as_the_text_does(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    parts: tuple[Part, ...] = request.getfixturevalue(fixture)
    from_text = parse_document(read_path(seed_path("000"))).parts
    assert [(p.title, p.kind, len(p.tasks)) for p in parts] == [(p.title, p.kind, len(p.tasks)) for p in from_text]
    for n, (got, want) in enumerate(zip(parts, from_text, strict=True), start=1):
        for i, (a, b) in enumerate(zip(got.tasks, want.tasks, strict=True)):
            key = str(n)
            assert task_as_gold(a, key) == task_as_gold(b, key), f"附件{n} row {i}"


@pytest.mark.parametrize("title_row", [True, False])
def test_an_excel_sheet_with_a_header_row_and_no_attachment_heading_parses(title_row: bool) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Sheet1"
    rows: list[list[object]] = [
        ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
        [1, "新增市场主体11700户", "市场监管局", "行政审批局", "2022年12月"],
        [2, "实际利用内资额完成106亿元", "投促局", None, "2022年12月"],
    ]
    if title_row:
        rows.insert(0, ["2022年重点工作任务分解表"])
        ws.merge_cells("A1:E1")
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    book.save(buf)
    parts = parse_document(read_bytes(buf.getvalue(), "tasks.xlsx")).parts
    assert len(parts) == 1
    part = parts[0]
    assert part.title == ("2022年重点工作任务分解表" if title_row else "Sheet1")
    assert part.kind == ("decomposition" if title_row else "development_plan")
    assert [(t.number, t.text, t.lead, t.co, t.deadline) for t in part.tasks] == [
        ("1", "新增市场主体11700户", ("市场监管局",), ("行政审批局",), "2022年12月"),
        ("2", "实际利用内资额完成106亿元", ("投促局",), (), "2022年12月"),
    ]
