"""The per-unit Excel fill-in template: the unit's tasks locked, the progress, figure and status columns open.

Sheet 进展填报 holds a title row, a line of instructions, the header (row 3) and one row per task:

    A 任务编号 (hidden) | B 序号 | C 目标任务 | D 本单位职责 | E 主要指标 | F 进展情况 | G 完成数值 | H 计量单位 | I 是否完成 | J 备注

Columns A–E are locked by sheet protection (no password: it guards against slips, not people);
F–J are unlocked and shaded. G accepts only a number and I only 是/否/部分未达 (Excel data
validation, with a Chinese message when refused). Column A keeps each task's id and the very hidden
sheet ``_luoshi`` names the unit, the plan and the template version, so ``luoshi.intake`` maps a
filled file back to the tasks whatever the unit did to the visible columns. The layout both sides
rely on is ``luoshi.intake.template_format``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from luoshi.intake.template_format import (
    COL_FIGURE,
    COL_MEASURE,
    COL_NUMBER,
    COL_PROGRESS,
    COL_ROLE,
    COL_STATUS,
    COLUMNS,
    DATA_SHEET,
    FIRST_ROW,
    HEADER_ROW,
    META_SHEET,
    STATUS_CHOICES,
    TEMPLATE_FORMAT,
    TEMPLATE_VERSION,
)
from luoshi.intake.unit_tasks import TASK_ID, UnitTask
from luoshi.render import gbt9704 as gb
from luoshi.render.xlsx import BORDER, LINE_PT, put_text, row_height, setup_print

OPEN_FILL = PatternFill("solid", fgColor="FFF2CC")
INSTRUCTIONS = (
    "填写说明：请在底色为浅黄的列中填写本期进展情况、完成数值（只填数字）、计量单位和是否完成（从下拉列表中选择：是/否/部分未达）；"
    "其余列已锁定，请勿增删行或修改任务内容。填好后原文件交回即可。"
)


def _letter(col: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[col - 1]


def unit_template_xlsx(
    unit: str,
    tasks: Sequence[UnitTask],
    *,
    title: str | None = None,
    period: str | None = None,
    plan_sha256: str | None = None,
    plan_title: str | None = None,
) -> bytes:
    """The fill-in template of ``unit`` for ``tasks`` (from ``luoshi.intake.unit_tasks``)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = DATA_SHEET
    _title_rows(ws, title or f"{unit}{'（' + period + '）' if period else ''}目标任务进展填报表")
    _header_row(ws)
    _task_rows(ws, tasks)
    _validations(ws, max(FIRST_ROW, FIRST_ROW + len(tasks) - 1))
    _protect(ws)
    _meta_sheet(
        wb,
        [
            ("format", TEMPLATE_FORMAT),
            ("version", TEMPLATE_VERSION),
            ("unit", unit),
            ("period", period or ""),
            ("plan_sha256", plan_sha256 or ""),
            ("plan_title", plan_title or ""),
            ("tasks", str(len(tasks))),
            ("parts", ",".join(sorted({t.id.split("-")[0] for t in tasks if TASK_ID.match(t.id)}, key=int))),
        ],
    )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP = Alignment(vertical="center", wrap_text=True)


def _title_rows(ws: Worksheet, heading: str) -> None:
    """Row 1 the title, row 2 the instructions, each across the sheet."""
    last = _letter(len(COLUMNS))
    put_text(ws["A1"], heading)
    ws["A1"].font = Font(name=gb.TITLE_FONT, size=16)
    ws["A1"].alignment = _CENTRE
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 30
    ws["A2"] = INSTRUCTIONS
    ws["A2"].font = Font(name=gb.BODY_FONT, size=10)
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="center")
    ws.merge_cells(f"A2:{last}2")
    ws.row_dimensions[2].height = 32


def _header_row(ws: Worksheet) -> None:
    """The header (row 3), the open columns shaded; the column widths; the task id column hidden."""
    for col, (header, width, is_open) in enumerate(COLUMNS, 1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=header)
        cell.font = Font(name=gb.HEADING_FONT, size=11)
        cell.alignment = _CENTRE
        cell.border = BORDER
        if is_open:
            cell.fill = OPEN_FILL
        ws.column_dimensions[_letter(col)].width = width
    ws.column_dimensions["A"].hidden = True
    ws.row_dimensions[HEADER_ROW].height = 2 * LINE_PT + 4  # 本单位职责 wraps in its narrow column


def _task_rows(ws: Worksheet, tasks: Sequence[UnitTask]) -> None:
    """One row per task: its locked columns filled, the open ones unlocked and shaded."""
    body = Font(name=gb.BODY_FONT, size=11)
    unlocked = Protection(locked=False)
    for r, task in enumerate(tasks, FIRST_ROW):
        values = (
            task.id,
            task.number or "",
            task.text + (f"\n全年目标：{task.target}" if task.target else ""),
            task.role_label,
            task.indicator or "",
            None,
            None,
            task.measure,
            None,
            None,
        )
        for col, value in enumerate(values, 1):
            cell = put_text(ws.cell(row=r, column=col), value)
            cell.font = body
            cell.border = BORDER
            cell.alignment = _CENTRE if col in (COL_NUMBER, COL_ROLE, COL_STATUS, COL_MEASURE) else _WRAP
            if COLUMNS[col - 1][2]:
                cell.protection = unlocked
                cell.fill = OPEN_FILL
        # Room for the task's text; the unit's own text grows the row when Excel edits it.
        ws.row_dimensions[r].height = max(
            row_height([str(v) if v is not None else None for v in values], [w for _, w, _ in COLUMNS]), 2 * LINE_PT
        )
        ws.cell(row=r, column=COL_FIGURE).number_format = "General"
        ws.cell(row=r, column=COL_PROGRESS).number_format = "@"  # text: no number or date conversion


def _validations(ws: Worksheet, last_row: int) -> None:
    """完成数值 takes only a number and 是否完成 only a listed status, each with a Chinese message."""
    figure = DataValidation(
        type="decimal",
        operator="between",
        formula1="-1000000000000",
        formula2="1000000000000",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="请填写数字",
        error="“完成数值”只能填写数字（如 12871 或 9.4），文字说明请写在“进展情况”列。",
        showInputMessage=True,
        promptTitle="完成数值",
        prompt="只填数字；单位写在“计量单位”列。",
    )
    status = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUS_CHOICES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="请从列表中选择",
        error="“是否完成”只能选择：" + "、".join(STATUS_CHOICES) + "。",
    )
    figure.add(f"{_letter(COL_FIGURE)}{FIRST_ROW}:{_letter(COL_FIGURE)}{last_row}")
    status.add(f"{_letter(COL_STATUS)}{FIRST_ROW}:{_letter(COL_STATUS)}{last_row}")
    ws.add_data_validation(figure)
    ws.add_data_validation(status)


def _protect(ws: Worksheet) -> None:
    """Panes frozen at the task text, the sheet protected, printed landscape with the header repeated."""
    ws.freeze_panes = f"C{FIRST_ROW}"
    ws.protection.sheet = True
    # Let the unit resize rows and columns to read long texts; everything else stays protected.
    ws.protection.formatRows = False
    ws.protection.formatColumns = False
    setup_print(ws, landscape=True, header_row=HEADER_ROW)


def _meta_sheet(wb: Workbook, rows: list[tuple[str, str]]) -> None:
    """The very hidden sheet naming the unit, the plan and the template version."""
    meta = wb.create_sheet(META_SHEET)
    for key, value in rows:
        meta.append([key, None])
        put_text(meta.cell(row=meta.max_row, column=2), value)
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
