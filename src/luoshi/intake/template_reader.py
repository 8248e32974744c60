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
from collections.abc import Sequence
from typing import Any

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

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
    """The entries of a filled template; ``tasks`` (the unit's tasks now) and ``unit`` check it."""
    if meta.get("version") != tpl.TEMPLATE_VERSION:
        raise IntakeError(
            [f"模板版本为“{meta.get('version')}”，本程序只读取第{tpl.TEMPLATE_VERSION}版。请下载新模板重新填写"],
            filename=filename,
        )
    owner = meta.get("unit") or None
    if unit and owner and not same_unit(unit, owner):
        raise IntakeError([f"这是“{owner}”的填报模板，不是“{unit}”的。请提交本单位的模板"], filename=filename)
    if tpl.DATA_SHEET not in wb.sheetnames:
        raise IntakeError(
            [f"模板中找不到“{tpl.DATA_SHEET}”工作表（可能被改名或删除）。请下载新模板重新填写"], filename=filename
        )
    ws = wb[tpl.DATA_SHEET]
    headers = {as_text(c.value): c.column for c in ws[tpl.HEADER_ROW] if c.value is not None}
    wanted = [name for name, _, _ in tpl.COLUMNS]
    lost = [name for name in wanted if name not in headers]
    if lost:
        raise IntakeError(
            [f"第{tpl.HEADER_ROW}行缺少列：{'、'.join(lost)}（模板结构被修改）。请下载新模板重新填写"],
            filename=filename,
        )
    col = {name: headers[name] for name in wanted}
    by_id = {t.id: t for t in tasks} if tasks is not None else None

    errors: list[str] = []
    entries: list[ProgressEntry] = []
    seen: dict[str, int] = {}
    listed: dict[str, None] = {}  # the ids in the file, in row order
    for r, cells in enumerate(ws.iter_rows(min_row=tpl.FIRST_ROW, values_only=True), tpl.FIRST_ROW):

        def get(name: str, cells: tuple[Any, ...] = cells) -> Any:
            i = col[name] - 1
            return cells[i] if i < len(cells) else None

        tid = as_text(get("任务编号"))
        number = as_text(get("序号")) or None
        progress = as_text(get("进展情况"))
        raw_figure = get("完成数值")
        raw_status = as_text(get("是否完成"))
        measure = as_text(get("计量单位")) or None
        note = as_text(get("备注")) or None
        filled = bool(progress or raw_status or note or (raw_figure is not None and as_text(raw_figure)))
        where = f"第{r}行"
        if not tid:
            if filled:
                errors.append(f"{where}：没有任务编号（模板中不能新增行），无法对应到任务")
            continue
        if by_id is not None and tid not in by_id:
            label = f"序号 {number}" if number else f"任务编号 {tid}"
            errors.append(f"{where}：{label} 不是本单位的任务（方案可能已修改，请下载新模板）")
            continue
        task = by_id[tid] if by_id is not None else None
        # Name the task the hidden id names: the visible 序号 may have been typed over.
        shown = task.number if task is not None else number
        label = f"序号 {shown}" if shown else f"任务编号 {tid}"
        listed.setdefault(tid)
        if not filled:
            continue
        if tid in seen:
            errors.append(f"{where}：{label} 重复填报（已在第{seen[tid]}行填写）")
            continue
        seen[tid] = r
        try:
            figure = as_figure(raw_figure)
        except ValueError:
            errors.append(f"{where}：完成数值“{as_text(raw_figure)}”不是数字（只填数字，文字写在进展情况列）")
            figure = None
        status = None
        if raw_status:
            status = normalise_status(raw_status)
            if status is None or status == "视同完成":
                errors.append(f"{where}：是否完成应填 {ACCEPTED_STATUSES}，实填“{raw_status}”")
        entries.append(
            ProgressEntry(
                task_id=tid,
                number=shown,
                progress=progress,
                status=status,
                figure=figure,
                measure=measure,
                note=note,
                text=task.text if task else (as_text(get("目标任务")) or None),
                row=where,
            )
        )
    if errors:
        raise IntakeError(errors, filename=filename)
    reported = {e.task_id for e in entries}
    universe = [t.id for t in tasks] if tasks is not None else list(listed)
    return Intake(
        kind="template",
        unit=owner or unit,
        entries=tuple(entries),
        missing=tuple(t for t in universe if t not in reported),
        period=meta.get("period") or None,
        filename=filename,
    )
