"""The layout of the per-unit fill-in template, shared by its writer (``luoshi.render.template``) and its reader.

Sheet 进展填报 holds a title row, a line of instructions, the header (``HEADER_ROW``) and one row
per task from ``FIRST_ROW``; the very hidden sheet ``_luoshi`` names the format, its version, the
unit and the plan. The reader lives in this package and the writer in ``luoshi.render``; both take the
layout from here, so neither package imports the other.
"""

from __future__ import annotations

TEMPLATE_FORMAT = "luoshi-unit-template"
TEMPLATE_VERSION = "1"
META_SHEET = "_luoshi"
DATA_SHEET = "进展填报"
HEADER_ROW = 3
FIRST_ROW = HEADER_ROW + 1
STATUS_CHOICES = ("是", "否", "部分未达")

# (header, width in characters, open for the unit to fill)
COLUMNS: tuple[tuple[str, float, bool], ...] = (
    ("任务编号", 14, False),
    ("序号", 6, False),
    ("目标任务", 42, False),
    ("本单位职责", 8, False),
    ("主要指标", 18, False),
    ("进展情况", 50, True),
    ("完成数值", 11, True),
    ("计量单位", 8, True),
    ("是否完成", 9, True),
    ("备注", 14, True),
)
COL_ID, COL_NUMBER, COL_TEXT, COL_ROLE, COL_INDICATOR, COL_PROGRESS, COL_FIGURE, COL_MEASURE, COL_STATUS, COL_NOTE = (
    range(1, len(COLUMNS) + 1)
)
