"""Read a filled unit template (``luoshi.render.template``) back: one entry per task the unit filled in.

The template is recognised by its very hidden ``_luoshi`` sheet; rows map back by the hidden task id
in column A, whatever the unit typed in the visible columns. Every row is checked before anything is
returned: an id that is not one of the unit's tasks, a figure that is not a number (pasted past the
validation), a status outside 是/否/部分未达, a row added by hand, a task filled twice.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from luoshi.errors import LuoshiError, UnreadableDocument
from luoshi.intake import template_format as tpl
from luoshi.intake.entries import ACCEPTED_STATUSES, Intake, IntakeError, ProgressEntry, normalise_status
from luoshi.intake.unit_tasks import UnitTask
from luoshi.read.ooxml import check_package
from luoshi.unit_names import same_unit

_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def open_workbook(data: bytes) -> Workbook:
    """The workbook in ``data``, after the zip-bomb guard; unreadable → ``UnreadableDocument``."""
    check_package(data)
    try:
        return load_workbook(io.BytesIO(data), data_only=True)
    except LuoshiError:
        raise
    except Exception as exc:
        raise UnreadableDocument(
            f"无法读取该 Excel 文件（{type(exc).__name__}）：文件可能已损坏或不完整。请用 Excel/WPS 重新保存后再提交。"
        ) from exc


def template_meta(wb: Workbook) -> dict[str, str] | None:
    """The template's metadata, or None when the workbook is not a luoshi template."""
    if tpl.META_SHEET not in wb.sheetnames:
        return None
    meta: dict[str, str] = {}
    for row in wb[tpl.META_SHEET].iter_rows(min_row=1, max_col=2, values_only=True):
        if row and row[0] is not None:
            meta[str(row[0])] = "" if row[1] is None else str(row[1])
    return meta if meta.get("format") == tpl.TEMPLATE_FORMAT else None


def as_text(value: Any) -> str:
    """A cell value as the unit sees it: numbers without ".0", dates as 2021-06-30."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def as_figure(value: Any) -> float | None:
    """A figure cell as a number; raise ValueError if it holds something else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace(",", "").replace("，", "").replace(" ", "")
    if _NUMBER.match(text):
        return float(text)
    raise ValueError(value)


def read_template(
    wb: Workbook,
    meta: dict[str, str],
    *,
    filename: str = "",
    unit: str | None = None,
    tasks: Sequence[UnitTask] | None = None,
) -> Intake:
    """The entries of a filled template; ``tasks`` (the unit's tasks now) and ``unit`` check it.

    Steps: check the metadata (version, unit), find the data sheet, map its columns by header, read
    and check each row; any error found refuses the whole file.
    """
    owner = _check_meta(meta, unit, filename)
    ws = _data_sheet(wb, filename)
    col = _columns(ws, filename)
    check = _RowCheck({t.id: t for t in tasks} if tasks is not None else None)
    entries = [e for row in _rows(ws, col) if (e := check.entry(row)) is not None]
    if check.errors:
        raise IntakeError(check.errors, filename=filename)
    reported = {e.task_id for e in entries}
    universe = [t.id for t in tasks] if tasks is not None else list(check.listed)
    return Intake(
        kind="template",
        unit=owner or unit,
        entries=tuple(entries),
        missing=tuple(t for t in universe if t not in reported),
        period=meta.get("period") or None,
        filename=filename,
    )


def _check_meta(meta: dict[str, str], unit: str | None, filename: str) -> str | None:
    """The unit the template was made for, once its version and owner are checked."""
    if meta.get("version") != tpl.TEMPLATE_VERSION:
        raise IntakeError(
            [f"模板版本为“{meta.get('version')}”，本程序只读取第{tpl.TEMPLATE_VERSION}版。请下载新模板重新填写"],
            filename=filename,
        )
    owner = meta.get("unit") or None
    if unit and owner and not same_unit(unit, owner):
        raise IntakeError([f"这是“{owner}”的填报模板，不是“{unit}”的。请提交本单位的模板"], filename=filename)
    return owner


def _data_sheet(wb: Workbook, filename: str) -> Worksheet:
    if tpl.DATA_SHEET not in wb.sheetnames:
        raise IntakeError(
            [f"模板中找不到“{tpl.DATA_SHEET}”工作表（可能被改名或删除）。请下载新模板重新填写"], filename=filename
        )
    ws: Worksheet = wb[tpl.DATA_SHEET]
    return ws


def _columns(ws: Worksheet, filename: str) -> dict[str, int]:
    """The column of each of the template's headers (1-based), wherever the unit moved it."""
    headers = {as_text(c.value): c.column for c in ws[tpl.HEADER_ROW] if c.value is not None}
    wanted = [name for name, _, _ in tpl.COLUMNS]
    lost = [name for name in wanted if name not in headers]
    if lost:
        raise IntakeError(
            [f"第{tpl.HEADER_ROW}行缺少列：{'、'.join(lost)}（模板结构被修改）。请下载新模板重新填写"],
            filename=filename,
        )
    return {name: headers[name] for name in wanted}


@dataclass(frozen=True)
class _Row:
    """One row of the data sheet, as the unit left it."""

    where: str  # "第5行"
    tid: str  # the hidden task id
    number: str | None
    progress: str
    raw_figure: Any
    raw_status: str
    measure: str | None
    note: str | None
    text: str | None  # 目标任务 as shown

    @property
    def filled(self) -> bool:
        """Whether the unit wrote anything in the row's open columns."""
        return bool(
            self.progress or self.raw_status or self.note or (self.raw_figure is not None and as_text(self.raw_figure))
        )


def _rows(ws: Worksheet, col: dict[str, int]) -> Iterator[_Row]:
    for r, cells in enumerate(ws.iter_rows(min_row=tpl.FIRST_ROW, values_only=True), tpl.FIRST_ROW):

        def get(name: str, cells: tuple[Any, ...] = cells) -> Any:
            i = col[name] - 1
            return cells[i] if i < len(cells) else None

        yield _Row(
            where=f"第{r}行",
            tid=as_text(get("任务编号")),
            number=as_text(get("序号")) or None,
            progress=as_text(get("进展情况")),
            raw_figure=get("完成数值"),
            raw_status=as_text(get("是否完成")),
            measure=as_text(get("计量单位")) or None,
            note=as_text(get("备注")) or None,
            text=as_text(get("目标任务")) or None,
        )


class _RowCheck:
    """Checks rows one by one against the unit's tasks, keeping every error and the ids seen."""

    def __init__(self, by_id: dict[str, UnitTask] | None) -> None:
        self.by_id = by_id
        self.errors: list[str] = []
        self.seen: dict[str, str] = {}  # id → the row that filled it
        self.listed: dict[str, None] = {}  # the ids in the file, in row order

    def entry(self, row: _Row) -> ProgressEntry | None:
        """The row's entry; None for a row left empty or refused (its error is kept)."""
        where, tid = row.where, row.tid
        if not tid:
            if row.filled:
                self.errors.append(f"{where}：没有任务编号（模板中不能新增行），无法对应到任务")
            return None
        if self.by_id is not None and tid not in self.by_id:
            label = f"序号 {row.number}" if row.number else f"任务编号 {tid}"
            self.errors.append(f"{where}：{label} 不是本单位的任务（方案可能已修改，请下载新模板）")
            return None
        task = self.by_id[tid] if self.by_id is not None else None
        # Name the task the hidden id names: the visible 序号 may have been typed over.
        shown = task.number if task is not None else row.number
        label = f"序号 {shown}" if shown else f"任务编号 {tid}"
        self.listed.setdefault(tid)
        if not row.filled:
            return None
        if tid in self.seen:
            self.errors.append(f"{where}：{label} 重复填报（已在{self.seen[tid]}填写）")
            return None
        self.seen[tid] = where
        figure = self._figure(row)  # its error is listed before the status's
        return ProgressEntry(
            task_id=tid,
            number=shown,
            progress=row.progress,
            status=self._status(row),
            figure=figure,
            measure=row.measure,
            note=row.note,
            text=task.text if task else row.text,
            row=where,
        )

    def _figure(self, row: _Row) -> float | None:
        try:
            return as_figure(row.raw_figure)
        except ValueError:
            self.errors.append(
                f"{row.where}：完成数值“{as_text(row.raw_figure)}”不是数字（只填数字，文字写在进展情况列）"
            )
            return None

    def _status(self, row: _Row) -> str | None:
        if not row.raw_status:
            return None
        status = normalise_status(row.raw_status)
        if status is None or status == "视同完成":
            self.errors.append(f"{row.where}：是否完成应填 {ACCEPTED_STATUSES}，实填“{row.raw_status}”")
        return status
