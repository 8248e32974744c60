"""Excel (.xlsx) reader: each visible sheet a paragraph (its name), its title rows, and a table.

openpyxl streams the cells (read-only mode, so a large sheet costs little memory); merged ranges
are read from the sheet's ``<mergeCell>`` list, which read-only mode skips. The sheet's declared
dimension is ignored (it may lie) and every grid position streamed counts against a cap, so a
small file cannot make us build millions of cells. Values print as Excel shows them: integers
without ".0", percentages from a "%" format, dates as 2021-03-01 (or 2021年3月1日 for such a
format). Rows at the top that hold a single value (the sheet's title, spread across the width)
come out as paragraphs, as they would print above a Word table. See ``docs/layouts/xlsx.md``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from typing import Any

from luoshi.errors import DocumentTooLarge, UnreadableDocument
from luoshi.model import Block, Cell, Document, Paragraph, Source, Table
from luoshi.read.ooxml import check_package, read_part

MAX_CELLS = 2_000_000  # grid positions streamed or built, over all sheets

_MERGE = re.compile(
    rb"""<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?\bref\s*=\s*["']([A-Za-z]{1,3}\d{1,7})(?::([A-Za-z]{1,3}\d{1,7}))?["']"""
)
_REF = re.compile(r"([A-Za-z]{1,3})(\d{1,7})")
_DECIMALS = re.compile(r"0\.(0+)")


def _too_large() -> DocumentTooLarge:
    return DocumentTooLarge("Excel 文件的单元格数量超过上限，已拒绝读取。请删去无关的工作表或空白区域后再导入。")


def _ref(ref: bytes) -> tuple[int, int]:
    """'C12' → (row 11, col 2), zero-based."""
    m = _REF.fullmatch(ref.decode("ascii"))
    if not m:
        raise ValueError(ref)
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def display(value: Any, number_format: str | None) -> str:
    """A cell's value as Excel would print it (without thousands separators)."""
    fmt = (number_format or "General").split(";")[0]
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date):
        d = value
        if "年" in fmt:
            text = f"{d.year}年"
            text += f"{d.month}月" if "m" in fmt.lower() or "月" in fmt else ""
            return text + (f"{d.day}日" if "日" in fmt else "")
        if isinstance(value, dt.datetime) and (value.hour, value.minute, value.second) != (0, 0, 0):
            return value.strftime("%Y-%m-%d %H:%M")
        return d.strftime("%Y-%m-%d")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, int | float):
        m = _DECIMALS.search(fmt)
        decimals = len(m.group(1)) if m else None
        if "%" in fmt:
            v = float(value) * 100
            return f"{v:.{decimals or 0}f}%"
        if decimals is not None:
            return f"{float(value):.{decimals}f}"
        if isinstance(value, float):
            if value.is_integer() and abs(value) < 1e15:
                return str(int(value))
            return format(value, ".15g")
        return str(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def _merges(archive: Any, path: str) -> list[tuple[int, int, int, int]]:
    """The merged ranges of a sheet as (row, col, last_row, last_col), zero-based."""
    try:
        raw = read_part(archive, path.lstrip("/"))
    except KeyError:
        return []
    out = []
    for m in _MERGE.finditer(raw):
        r0, c0 = _ref(m.group(1))
        r1, c1 = _ref(m.group(2)) if m.group(2) else (r0, c0)
        out.append((min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)))
    return out


def _sheet_blocks(ws: Any, archive: Any, start: int, budget: list[int]) -> list[Block]:
    values: dict[tuple[int, int], str] = {}
    ws.reset_dimensions()  # the declared dimension may lie
    for r, row in enumerate(ws.iter_rows()):
        budget[0] += len(row)
        if budget[0] > MAX_CELLS:
            raise _too_large()
        for c, cell in enumerate(row):
            value = getattr(cell, "value", None)
            if value is None:
                continue
            text = display(value, getattr(cell, "number_format", None))
            if text:
                values[(r, c)] = text
    if not values:
        return []
    merges = [m for m in _merges(archive, ws._worksheet_path) if (m[0], m[1]) in values]
    top = min(r for r, _ in values)
    bottom = max(max(r for r, _ in values), max((m[2] for m in merges), default=0))
    left = min(c for _, c in values)
    right = max(max(c for _, c in values), max((m[3] for m in merges), default=0))
    # Columns of the sheet left of the data are not part of the table; clip merges to the used range.
    anchors = {(m[0], m[1]): (min(m[2], bottom) - m[0] + 1, min(m[3], right) - m[1] + 1) for m in merges}
    covered = {
        (r, c) for (r0, c0), (rs, cs) in anchors.items() for r in range(r0, r0 + rs) for c in range(c0, c0 + cs)
    } - set(anchors)
    width = right - left + 1
    budget[0] += (bottom - top + 1) * width
    if budget[0] > MAX_CELLS:
        raise _too_large()

    blocks: list[Block] = [Paragraph(index=start, text=ws.title, style="sheet")]
    # Title rows: a single value at the top of a table at least two columns wide, with rows below it.
    while top < bottom and width >= 2:
        in_row = [c for (r, c) in values if r == top]
        if len(in_row) != 1:
            break
        span = anchors.get((top, in_row[0]), (1, 1))[0]
        blocks.append(Paragraph(index=start + len(blocks), text=values[(top, in_row[0])]))
        top += span
    rows: list[tuple[Cell, ...]] = []
    for r in range(top, bottom + 1):
        row = []
        for c in range(left, right + 1):
            if (r, c) in covered:
                continue
            rs, cs = anchors.get((r, c), (1, 1))
            row.append(Cell(values.get((r, c), ""), r - top, c - left, rs, cs))
        rows.append(tuple(row))
    blocks.append(Table(index=start + len(blocks), rows=tuple(rows)))
    return blocks


def read_xlsx(data: bytes, source: Source) -> Document:
    """Read every visible sheet of an .xlsx (or .xlsm) workbook."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    check_package(data)
    try:
        with warnings.catch_warnings():
            # openpyxl warns on stderr about styles and extensions it skips; the text is unaffected.
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, KeyError) as exc:
        raise UnreadableDocument(
            "文件不是有效的 Excel（.xlsx）工作簿。请用 Excel/WPS 重新另存为 .xlsx 后再导入。"
        ) from exc
    blocks: list[Block] = []
    budget = [0]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for ws in wb.worksheets:
                if getattr(ws, "sheet_state", "visible") != "visible" or not hasattr(ws, "_worksheet_path"):
                    continue  # hidden sheets hold helpers, not the document; chart sheets hold no cells
                blocks.extend(_sheet_blocks(ws, getattr(wb, "_archive"), len(blocks), budget))  # noqa: B009
    finally:
        wb.close()
    return Document(source=source, blocks=tuple(blocks))
