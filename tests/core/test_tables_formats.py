"""The table parser reads real Word geometry the same as the flattened text: merged rows and cells."""

from __future__ import annotations

import html
import io
from collections.abc import Callable

import pytest

from luoshi.model import Paragraph, Part, Table
from luoshi.read import read_bytes, read_path
from luoshi.structure import parse_document
from tests.conftest import seed_path
from tests.core.test_tables import task_as_gold

docx = pytest.importorskip("docx")


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
        for r, row in enumerate(block.rows):
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
        rows = [[c.text for c in row] for row in block.rows]
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


@pytest.fixture(scope="module")
def parts_from_docx() -> tuple[Part, ...]:
    return parse_document(read_bytes(seed_as_docx("000"), "000.docx")).parts


@pytest.fixture(scope="module")
def parts_from_html() -> tuple[Part, ...]:
    return parse_document(read_bytes(seed_as_html("000"), "000.html")).parts


@pytest.mark.parametrize(("build", "name"), [(seed_as_docx, "000.docx"), (seed_as_html, "000.html")])
def test_the_rebuilt_tables_have_merged_rows_and_cells(build: Callable[[str], bytes], name: str) -> None:
    doc = read_bytes(build("000"), name)
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert tables[0].rows[1][0].colspan == 5  # "一、主要指标" across the table
    assert any(c.rowspan > 1 for row in tables[2].rows for c in row)  # 附件3's continued task


@pytest.mark.parametrize("fixture", ["parts_from_docx", "parts_from_html"])
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
