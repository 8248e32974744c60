"""The office's tables as Excel workbooks: one sheet per table, printable on A4 like the Word version.

Each sheet holds the title (row 1, merged across the table), the header row (row 2, repeated at
the top of every printed page and frozen on screen), the rows with section rows merged across,
and the note. Fonts are those of the Word documents (仿宋_GB2312 text, 黑体 header, 方正小标宋简体
title); the printed footer carries the page number "— 1 —". Sheet names are the 附件 labels.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from copy import copy

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.styles.cell_style import StyleArray
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


def cell_text(text: str) -> str:
    """``text`` without the control characters a worksheet cell cannot hold."""
    return text.translate(_DELETE_ILLEGAL)


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
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
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
    for footer, where in ((ws.oddFooter, "right"), (ws.evenFooter, "left")):
        item = getattr(footer, where)
        item.text = "— &P —"
        item.font = gb.PAGE_NUMBER_FONT
        item.size = int(gb.SIZE_4)
    ws.print_options.horizontalCentered = True


class StyleStamp:
    """Give cells a named style by copying the style indices of the first cell that had it.

    Assigning a named style makes openpyxl look the style up and hash it for every cell; the
    resulting index array is the same for every cell of that style, so copy it (a tenth of the time).
    """

    def __init__(self) -> None:
        self._arrays: dict[str, StyleArray] = {}

    def __call__(self, cell: Cell | MergedCell, name: str) -> None:
        array = self._arrays.get(name)
        if array is None:
            cell.style = name
            self._arrays[name] = copy(cell._style)  # type: ignore[union-attr]
        else:
            cell._style = copy(array)  # type: ignore[union-attr]


def merge_row(ws: Worksheet, row: int, ncols: int) -> None:
    """Merge a row across the table without openpyxl's per-cell border rewriting (the cells are styled)."""
    if ncols > 1:
        ws.merged_cells.add(CellRange(min_col=1, min_row=row, max_col=ncols, max_row=row))


def write_layout(ws: Worksheet, layout: TableLayout) -> None:
    """Write one table layout into an empty sheet."""
    ncols = len(layout.columns)
    text_width = gb.text_width_mm(layout.landscape)
    total = sum(c.weight for c in layout.columns)
    for i, column in enumerate(layout.columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = round(text_width * column.weight / total / MM_PER_CHAR, 1)
    stamp = StyleStamp()
    cells = ws._cells  # filled by ``append``: reading it back avoids a lookup per cell through ``ws.cell``

    title = ws.cell(row=1, column=1, value=cell_text(layout.title))
    title.style = "表格标题"
    ws.row_dimensions[1].height = 36
    merge_row(ws, 1, ncols)
    for i, column in enumerate(layout.columns, 1):
        ws.cell(row=2, column=i, value=column.header).style = "表格表头"
    styles = ["表格居中" if c.align == "center" else "表格文字" for c in layout.columns]
    row_no = 2
    for row in layout.rows:
        row_no += 1
        if isinstance(row, SectionRow):
            stamp(ws.cell(row=row_no, column=1, value=cell_text(row.text)), "表格分组")
            for col in range(2, ncols + 1):
                stamp(ws.cell(row=row_no, column=col), "表格分组")  # the merged range keeps its borders
            merge_row(ws, row_no, ncols)
            continue
        ws.append([cell_text(v) if v else None for v in row])
        for col, style in enumerate(styles, 1):
            stamp(cells[row_no, col], style)
    if layout.note:
        ws.cell(row=row_no + 1, column=1, value=cell_text(layout.note)).style = "表注"
        merge_row(ws, row_no + 1, ncols)
    ws.freeze_panes = "A3"
    setup_print(ws, landscape=layout.landscape, header_row=2)


def tables_xlsx(layouts: Sequence[TableLayout]) -> bytes:
    """An Excel workbook with one sheet per table layout."""
    if not layouts:
        raise ValueError("no tables to render")
    wb = Workbook()
    register_styles(wb)
    used: set[str] = set()
    for n, layout in enumerate(layouts):
        ws = wb.active if n == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = sheet_name(layout.label or (layout.title if len(layouts) == 1 else f"表{n + 1}"), used)
        write_layout(ws, layout)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
