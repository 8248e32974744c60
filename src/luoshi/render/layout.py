"""The office's table layouts as data: which columns a part's table has, and its rows, for .docx and .xlsx.

One ``TableLayout`` is built from a ``Part`` and written by both writers (``exec_table`` for Word,
``xlsx`` for Excel), so the two formats always carry the same columns, section rows and notes.
The columns follow the office's tables (seed 000):

- ``status_table`` (执行情况表, attachment 1): 序号 / 目标内容 / 责任单位 / 进展情况 / 是否完成;
  the 责任单位 column is left out when no row names a unit (attachment 3).
- ``project_table`` (重大项目完成情况表, attachment 2): 序号 / 项目名称 (★ for city major projects) /
  全年目标 / 完成情况 / 是否完成, with the note 备注：带★的同时为市重大项目.
- ``development_plan`` (计划草案, attachment 4): 序号 / 目标任务 / 责任单位.
- ``decomposition`` (分解落实方案 as a table): 序号 / 目标任务 / 主办单位 / 协办单位.

Section headings (一、…, （一）…) become rows spanning the table, as in the printed tables.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from luoshi.model import Part, Task

Align = Literal["left", "center"]
LayoutKind = Literal["status_table", "project_table", "development_plan", "decomposition"]

CITY_MAJOR_FLAG = "city_major"
STAR = "★"
STAR_NOTE = "备注：带★的同时为市重大项目"
UNIT_JOINER = "、"  # several units in one cell: the tables parser splits on it reliably


@dataclass(frozen=True)
class Column:
    """A column: its header as printed, a relative width, how its text is aligned."""

    header: str
    weight: float
    align: Align = "left"
    kind: Literal["number", "text", "units", "progress", "status", "target"] = "text"


@dataclass(frozen=True)
class SectionRow:
    """A heading row spanning the table (一、主要指标 / （一）道路建设)."""

    text: str
    level: int  # 1 for a section, 2 for a subsection


@dataclass(frozen=True)
class TableLayout:
    """A table ready to write: its label (附件1), title, columns, rows and the note under it."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...] | SectionRow, ...]
    label: str | None = None
    note: str | None = None
    kind: LayoutKind = "status_table"

    @property
    def landscape(self) -> bool:
        return len(self.columns) >= 4


STATUS_COLUMNS = (
    Column("序号", 12, "center", "number"),
    Column("目标内容", 62, "left", "text"),
    Column("责任单位", 28, "center", "units"),
    Column("进展情况", 103, "left", "progress"),
    Column("是否完成", 20, "center", "status"),
)
PROJECT_COLUMNS = (
    Column("序号", 12, "center", "number"),
    Column("项目名称", 45, "left", "text"),
    Column("全年目标", 60, "left", "target"),
    Column("完成情况", 88, "left", "progress"),
    Column("是否完成", 20, "center", "status"),
)
PLAN_DRAFT_COLUMNS = (
    Column("序号", 14, "center", "number"),
    Column("目标任务", 156, "left", "text"),
    Column("责任单位", 55, "center", "units"),
)
DECOMPOSITION_COLUMNS = (
    Column("序号", 12, "center", "number"),
    Column("目标任务", 133, "left", "text"),
    Column("主办单位", 40, "center", "units"),
    Column("协办单位", 40, "center", "units"),
)

DEFAULT_TITLES: dict[str, str] = {
    "status_table": "执行情况表",
    "project_table": "重大项目完成情况表",
    "development_plan": "计划草案",
    "decomposition": "目标任务分解落实方案",
}


def layout_kind(part: Part) -> LayoutKind:
    """The layout a part is printed in by default: tables keep theirs, a narrative plan becomes a table."""
    if part.kind in ("status_table", "project_table", "development_plan", "decomposition"):
        return part.kind
    return "status_table"


def default_title(part: Part, kind: LayoutKind) -> str:
    if part.title:
        return part.title
    prefix = f"{part.government or ''}{part.year or ''}{'年' if part.year else ''}"
    return prefix + DEFAULT_TITLES[kind]


def units_text(units: Sequence[str]) -> str:
    return UNIT_JOINER.join(u for u in units if u)


def layout_part(
    part: Part,
    *,
    kind: LayoutKind | None = None,
    label: str | None = None,
    title: str | None = None,
    statuses: Mapping[int, str] | None = None,
    progress: Mapping[int, str] | None = None,
) -> TableLayout:
    """The table of ``part`` in the layout ``kind`` (default: the part's own).

    ``statuses`` and ``progress`` replace, by task index, the status and progress printed in the
    part: the office's signed-off verdicts and the units' latest reports.
    """
    kind = kind or layout_kind(part)
    statuses = statuses or {}
    progress = progress or {}
    columns: tuple[Column, ...]
    if kind == "status_table":
        columns = STATUS_COLUMNS
        if not any(t.lead or t.co for t in part.tasks):
            columns = tuple(c for c in columns if c.kind != "units")
    elif kind == "project_table":
        columns = PROJECT_COLUMNS
    elif kind == "development_plan":
        columns = PLAN_DRAFT_COLUMNS
    else:
        columns = DECOMPOSITION_COLUMNS

    rows: list[tuple[str, ...] | SectionRow] = []
    section: str | None = None
    subsection: str | None = None
    starred = False
    for i, task in enumerate(part.tasks):
        if task.section and task.section != section:
            section, subsection = task.section, None
            rows.append(SectionRow(task.section, 1))
        if task.subsection and task.subsection != subsection:
            subsection = task.subsection
            rows.append(SectionRow(task.subsection, 2))
        starred = starred or (kind == "project_table" and CITY_MAJOR_FLAG in task.flags)
        rows.append(tuple(_cell(task, c, kind, statuses.get(i), progress.get(i)) for c in columns))
    return TableLayout(
        title=title or default_title(part, kind),
        columns=columns,
        rows=tuple(rows),
        label=label,
        note=STAR_NOTE if starred else None,
        kind=kind,
    )


def _cell(task: Task, column: Column, kind: LayoutKind, status: str | None, progress: str | None) -> str:
    if column.kind == "number":
        return task.number or ""
    if column.kind == "text":
        star = STAR if kind == "project_table" and CITY_MAJOR_FLAG in task.flags else ""
        return task.text + star
    if column.kind == "target":
        return task.target or ""
    if column.kind == "progress":
        return progress if progress is not None else (task.progress or "")
    if column.kind == "status":
        return status if status is not None else (task.status or "")
    # units: the lead units, except in a decomposition table's 协办单位 column
    return units_text(task.co if column.header == "协办单位" else task.lead)


def layouts_for(plan_parts: Sequence[Part], *, kind: LayoutKind | None = None) -> list[TableLayout]:
    """One layout per part, labelled 附件1, 附件2… when there are several."""
    many = len(plan_parts) > 1
    return [layout_part(p, kind=kind, label=f"附件{n}" if many else None) for n, p in enumerate(plan_parts, 1)]
