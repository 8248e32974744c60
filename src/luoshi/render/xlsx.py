"""The office's tables as Excel workbooks: one sheet per table, printable on A4 like the Word version.

Each sheet holds the title (row 1, merged across the table), the header row (row 2, repeated at
the top of every printed page and frozen on screen), the rows with section rows merged across,
and the note. Fonts are those of the Word documents (仿宋_GB2312 text, 黑体 header, 方正小标宋简体
title); the printed footer carries the page number "— 1 —". Sheet names are the 附件 labels.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from copy import copy
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from luoshi.render import gbt9704 as gb
from luoshi.render.layout import SectionRow, TableLayout

_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
MM_PER_CHAR = 2.1  # one unit of Excel column width at the default font, in millimetres on paper
INCH = 25.4

_SHEET_NAME_ILLEGAL = re.compile(r"[\[\]:*?/\\]")


_DELETE_ILLEGAL = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def cell_text(text: str) -> str:
    """``text`` without the control characters a worksheet cell cannot hold."""
    # isprintable() is a fast C check that passes most texts; only texts with line breaks or
    # control characters are searched.
    if text.isprintable() or not _ILLEGAL.search(text):
        return text
    return text.translate(_DELETE_ILLEGAL)


# A text starting with one of these is a formula (or becomes one when the cell is edited) in a spreadsheet:
# luoshi writes it as text with Excel's quote prefix, so a task text "=HYPERLINK(…)" never runs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def put_text(cell: Any, value: object) -> Any:
    """Set ``cell`` to ``value``; a text is cleaned and, when it looks like a formula, kept as quoted text."""
    cell.value = cell_text(value) if isinstance(value, str) else value
    if formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


CJK_UNITS = 2.1  # column-width units a Chinese character takes at 11 pt
LATIN_UNITS = 1.15
LINE_PT = 15.0  # one line of 11 pt 仿宋 in points


def text_units(text: str) -> float:
    """The width of one line of ``text`` in column-width units (UTF-8 length tells CJK from Latin fast)."""
    n = len(text)
    wide = (len(text.encode("utf-8")) - n) / 2  # CJK characters take 3 bytes, Latin ones 1
    return wide * CJK_UNITS + (n - wide) * LATIN_UNITS


def row_height(values: Sequence[str | None], widths: Sequence[float]) -> float:
    """The height a row of wrapped cells needs: Excel and LibreOffice do not size rows of a written file."""
    lines = 1
    for value, width in zip(values, widths, strict=True):
        if not value:
            continue
        usable = max(width - 1.0, 1.0)
        if "\n" in value:
            cell_lines = sum(max(1, -int(-text_units(part) // usable)) for part in value.split("\n"))
        else:
            cell_lines = -int(-text_units(value) // usable)
        if cell_lines > lines:
            lines = cell_lines
    return lines * LINE_PT + 4


def sheet_name(name: str, used: set[str]) -> str:
    """A valid, unique sheet name (at most 31 characters, none of []:*?/\\)."""
    base = _SHEET_NAME_ILLEGAL.sub("", name).strip("'")[:31] or "表"
    candidate, n = base, 1
    while candidate in used:
        n += 1
        suffix = f"({n})"
        candidate = base[: 31 - len(suffix)] + suffix
    used.add(candidate)
    return candidate


def register_styles(wb: Workbook) -> None:
    """Named cell styles shared by every sheet: assigning a name is cheaper than building fonts per cell."""
    styles = {
        "表格文字": (Font(name=gb.BODY_FONT, size=11), "left"),
        "表格居中": (Font(name=gb.BODY_FONT, size=11), "center"),
        "表格表头": (Font(name=gb.HEADING_FONT, size=11), "center"),
        "表格分组": (Font(name=gb.HEADING_FONT, size=11), "left"),
    }
    for name, (font, horizontal) in styles.items():
        style = NamedStyle(name=name)
        style.font = font
        style.border = BORDER
        style.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
        wb.add_named_style(style)
    title = NamedStyle(name="表格标题")
    title.font = Font(name=gb.TITLE_FONT, size=18)
    title.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wb.add_named_style(title)
    note = NamedStyle(name="表注")
    note.font = Font(name=gb.BODY_FONT, size=11)
    note.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    wb.add_named_style(note)


def setup_print(ws: Worksheet, *, landscape: bool, header_row: int) -> None:
    """A4, the GB/T 9704 margins, fit to the page width, header row repeated, footer "— N —"."""
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if landscape:
        top, bottom, left, right = gb.MARGIN_LEFT_MM, gb.MARGIN_RIGHT_MM, gb.MARGIN_TOP_MM, gb.MARGIN_BOTTOM_MM
    else:
        top, bottom, left, right = gb.MARGIN_TOP_MM, gb.MARGIN_BOTTOM_MM, gb.MARGIN_LEFT_MM, gb.MARGIN_RIGHT_MM
    ws.page_margins.top, ws.page_margins.bottom = top / INCH, bottom / INCH
    ws.page_margins.left, ws.page_margins.right = left / INCH, right / INCH
    ws.page_margins.footer = (bottom - 7 - 6) / INCH
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.HeaderFooter.differentOddEven = True
    for footer, where in ((ws.oddFooter, "right"), (ws.evenFooter, "left")):
        item = getattr(footer, where)
        item.text = "— &P —"
        item.font = gb.PAGE_NUMBER_FONT
        item.size = int(gb.SIZE_4)
    ws.print_options.horizontalCentered = True


def style_index(wb: Workbook, name: str, *, quoted: bool = False) -> int:
    """The cell-format index (``s`` attribute) of a registered named style, as openpyxl would give a cell;
    ``quoted`` adds Excel's quote prefix (the cell's text is text, never a formula)."""
    named = wb._named_styles[name]  # type: ignore[attr-defined]
    array = copy(named.as_tuple())
    if quoted:
        array.quotePrefix = 1
    index: int = wb._cell_styles.add(array)  # type: ignore[attr-defined]
    return index


def merge_row(ws: Worksheet, row: int, ncols: int) -> None:
    """Merge a row across the table (its cells are styled, so the merged range keeps its borders)."""
    if ncols > 1:
        ws.merged_cells.add(CellRange(min_col=1, min_row=row, max_col=ncols, max_row=row))


def _xml_text(text: str) -> str:
    return cell_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell_xml(ref: str, style: int, value: str | None) -> str:
    if not value:
        return f'<c r="{ref}" s="{style}"/>'
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{_xml_text(value)}</t></is></c>'


def write_layout(wb: Workbook, ws: Worksheet, layout: TableLayout) -> str:
    """Write one table layout into an empty sheet; the body rows come back as ``<row>`` XML to splice in.

    The title and header go through openpyxl; the body rows (thousands of cells) are written as
    text, as openpyxl would write them, because building a styled Cell object per value costs
    more than the rest of the workbook (see ``bench/bench_render.py``).
    """
    ncols = len(layout.columns)
    text_width = gb.text_width_mm(layout.landscape)
    total = sum(c.weight for c in layout.columns)
    widths = [round(text_width * column.weight / total / MM_PER_CHAR, 1) for column in layout.columns]
    letters = [get_column_letter(i) for i in range(1, ncols + 1)]
    for letter, width in zip(letters, widths, strict=True):
        ws.column_dimensions[letter].width = width

    title = ws.cell(row=1, column=1)
    title.style = "表格标题"  # the style first: assigning a named style resets the quote prefix
    put_text(title, layout.title)
    ws.row_dimensions[1].height = 36
    merge_row(ws, 1, ncols)
    for i, column in enumerate(layout.columns, 1):
        header = ws.cell(row=2, column=i)
        header.style = "表格表头"
        put_text(header, column.header)

    section = style_index(wb, "表格分组")
    names = ["表格居中" if c.align == "center" else "表格文字" for c in layout.columns]
    styles = [style_index(wb, name) for name in names]
    quoted = [style_index(wb, name, quoted=True) for name in names]
    rows: list[str] = []
    row_no = 2
    for row in layout.rows:
        row_no += 1
        if isinstance(row, SectionRow):
            section_style = style_index(wb, "表格分组", quoted=True) if formula_like(row.text) else section
            cells = "".join(
                _cell_xml(f"{letter}{row_no}", section_style, row.text if n == 0 else None)
                for n, letter in enumerate(letters)
            )
            rows.append(f'<row r="{row_no}">{cells}</row>')
            merge_row(ws, row_no, ncols)
            continue
        cells = "".join(
            _cell_xml(f"{letter}{row_no}", quote if formula_like(value) else style, value)
            for letter, style, quote, value in zip(letters, styles, quoted, row, strict=True)
        )
        rows.append(f'<row r="{row_no}" ht="{row_height(row, widths):g}" customHeight="1">{cells}</row>')
    if layout.note:
        row_no += 1
        note_style = style_index(wb, "表注", quoted=formula_like(layout.note))
        rows.append(f'<row r="{row_no}">{_cell_xml(f"A{row_no}", note_style, layout.note)}</row>')
        merge_row(ws, row_no, ncols)
    ws.freeze_panes = "A3"
    setup_print(ws, landscape=layout.landscape, header_row=2)
    return "".join(rows)


_SHEET_DATA_END = b"</sheetData>"
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"/>')


def splice_rows(data: bytes, bodies: Sequence[str]) -> bytes:
    """Insert each sheet's body rows after the rows openpyxl wrote (sheet N is xl/worksheets/sheetN.xml)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    wanted = {f"xl/worksheets/sheet{n}.xml": body.encode("utf-8") for n, body in enumerate(bodies, 1) if body}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            body = wanted.get(info.filename)
            if body is not None:
                if part.count(_SHEET_DATA_END) != 1:
                    raise RuntimeError(f"unexpected sheet layout in {info.filename}")
                # The dimension openpyxl wrote covers its own rows only; it is optional, so drop it.
                part = _DIMENSION.sub(b"", part.replace(_SHEET_DATA_END, body + _SHEET_DATA_END))
            target.writestr(info, part)
    return out.getvalue()


def tables_xlsx(layouts: Sequence[TableLayout]) -> bytes:
    """An Excel workbook with one sheet per table layout."""
    if not layouts:
        raise ValueError("no tables to render")
    wb = Workbook()
    register_styles(wb)
    used: set[str] = set()
    bodies = []
    for n, layout in enumerate(layouts):
        ws = wb.active if n == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = sheet_name(layout.label or (layout.title if len(layouts) == 1 else f"表{n + 1}"), used)
        bodies.append(write_layout(wb, ws, layout))
    out = io.BytesIO()
    wb.save(out)
    return splice_rows(out.getvalue(), bodies)
