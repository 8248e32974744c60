"""Read a unit's reply in its own Word or Excel layout: a table with a 序号/任务 column and a progress column.

The file is read by ``luoshi.read.read_bytes`` and its tables' headers by meaning with the structure
parser's ``columns.find_header`` (序号; 目标任务/工作任务/…; 进展情况/完成情况/落实情况; 是否完成…),
so a reply laid out like the office's own tables, in any column order, is understood. A table with
a 序号 column and a progress column but no task column is taken too. Rows map to the unit's tasks
by their number, or by their text when the number is missing or names another task.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from luoshi.intake.entries import ACCEPTED_STATUSES, Intake, IntakeError, ProgressEntry, normalise_status
from luoshi.intake.unit_tasks import UnitTask
from luoshi.model import Document, Paragraph, Table
from luoshi.structure.columns import Header, Role, classify_header, distinct_texts, find_header, is_repeated_header

_NUMBER = re.compile(r"^[（(]?\s*(\d+)\s*[)）.．、,，﹒]?$")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十]+\s*[）)])")
_NON_WORD = re.compile(r"[\s，。、；：,.;:！!？?“”‘’\"'（）()《》【】\[\]—\-…·]+")


@dataclass(frozen=True)
class _Columns:
    number: int | None
    text: int | None
    progress: int
    status: int | None


def normalise_number(text: str) -> str | None:
    """ "17" / "17." / "（17）" → "17"; anything else → None."""
    m = _NUMBER.match(text.strip())
    return m.group(1) if m else None


def _plain(text: str) -> str:
    return _NON_WORD.sub("", text)


def _bigrams(text: str) -> set[str]:
    t = _plain(text)
    return {t[i : i + 2] for i in range(len(t) - 1)}


def similarity(a: str, b: str) -> float:
    """How much two task texts share (0–1): 1 when one contains the other, else bigram overlap."""
    pa, pb = _plain(a), _plain(b)
    if not pa or not pb:
        return 0.0
    if pa in pb or pb in pa:
        return 1.0
    ba, bb = _bigrams(a), _bigrams(b)
    return len(ba & bb) / min(len(ba), len(bb)) if ba and bb else 0.0


MATCH_THRESHOLD = 0.6  # at least this share of the shorter text's character pairs in common


def _columns_of(table: Table) -> tuple[_Columns, int] | None:
    """The columns to read and the last header row, by the structure parser's header meanings."""
    header: Header | None = find_header(table)
    if header is not None:
        progress = header.cols("progress")
        if progress and (header.cols("number") or header.cols("text")):

            def pick(role: Role) -> int | None:
                found = header.cols(role)
                return found[0] if found else None

            return _Columns(pick("number"), pick("text"), progress[0], pick("status")), header.last_row
    # A table the task-table finder does not take (no task column): 序号 + 进展情况 is enough here.
    for r, row in enumerate(table.rows[:4]):
        roles = {}
        for cell in row:
            role = classify_header(cell.text)
            if role and role not in roles:
                roles[role] = cell.col
        if "progress" in roles and ("number" in roles or "text" in roles):
            return _Columns(roles.get("number"), roles.get("text"), roles["progress"], roles.get("status")), r
    return None


def _row_offset(doc: Document, index: int) -> int:
    """For an Excel sheet, the title rows the reader turned into paragraphs above the table."""
    if doc.source.format != "xlsx":
        return 0
    n = 0
    for block in reversed(doc.blocks[:index]):
        if not isinstance(block, Paragraph):
            break
        n += 1
    return max(0, n - 1)  # the first paragraph is the sheet's name


def read_reply_document(
    doc: Document, *, filename: str = "", unit: str | None = None, tasks: Sequence[UnitTask] | None = None
) -> Intake:
    """The entries of a unit's own reply; with ``tasks``, each row is tied to one of them or refused.

    Steps: find the tables with a 序号/任务 and a progress column and map their columns, read the
    rows the unit reported on, tie each to one of the unit's tasks; any error refuses the whole file.
    """
    found = _reply_tables(doc, filename)
    check = _ReplyCheck(tasks)
    entries = [e for row in _reply_rows(doc, found) if (e := check.entry(row)) is not None]
    if check.errors:
        raise IntakeError(check.errors, filename=filename)
    if not entries:
        raise IntakeError(["表格中没有填写任何进展情况"], filename=filename)
    reported = {e.task_id for e in entries}
    return Intake(
        kind="reply",
        unit=unit,
        entries=tuple(entries),
        missing=tuple(t.id for t in tasks or () if t.id not in reported),
        filename=filename,
    )


def _reply_tables(doc: Document, filename: str) -> list[tuple[int, Table, tuple[_Columns, int]]]:
    """The reply's tables (block index, table, columns and last header row); none → ``IntakeError``."""
    tables = [(i, b) for i, b in enumerate(doc.blocks) if isinstance(b, Table)]
    found = [(i, t, c) for i, t in tables if (c := _columns_of(t)) is not None]
    if not found:
        raise IntakeError(
            [
                "没有找到含“序号”或“任务”列以及“进展情况/完成情况”列的表格。请按本单位任务逐项列表填写，或使用系统下发的填报模板"
            ],
            filename=filename,
        )
    return found


@dataclass(frozen=True)
class _ReplyRow:
    """A row the unit reported on: its progress or status filled."""

    where: str  # "表2第5行"
    number_text: str  # 序号 as written
    number: str | None  # 序号 normalised ("（17）" → "17")
    text: str
    progress: str
    raw_status: str


def _reply_rows(doc: Document, found: list[tuple[int, Table, tuple[_Columns, int]]]) -> Iterator[_ReplyRow]:
    """The rows of ``found`` the unit reported on, skipping repeated headers and section rows."""
    many = len(found) > 1
    for k, (index, table, (cols, last_header)) in enumerate(found, 1):
        offset = _row_offset(doc, index)
        header_texts = distinct_texts(table.rows[last_header])
        for r, row in enumerate(table.rows[last_header + 1 :], last_header + 1):
            texts = distinct_texts(row)
            if not texts or is_repeated_header(row, header_texts):
                continue
            cells = {c.col: c.text.strip() for c in row}
            number_text = cells.get(cols.number, "") if cols.number is not None else ""
            progress = cells.get(cols.progress, "")
            raw_status = cells.get(cols.status, "") if cols.status is not None else ""
            if len(texts) == 1 and not number_text and (any(c.colspan > 1 for c in row) or _HEADING.match(texts[0])):
                continue  # a section row (一、主要指标) spanning the table
            if not progress and not raw_status:
                continue  # a task the unit did not report on
            yield _ReplyRow(
                where=f"{'表' + str(k) if many else ''}第{r + 1 + offset}行",
                number_text=number_text,
                number=normalise_number(number_text) if number_text else None,
                text=cells.get(cols.text, "") if cols.text is not None else "",
                progress=progress,
                raw_status=raw_status,
            )


class _ReplyCheck:
    """Ties rows to the unit's tasks (when given) one by one, keeping every error."""

    def __init__(self, tasks: Sequence[UnitTask] | None) -> None:
        self.tasks = tasks
        self.by_number: dict[str, list[UnitTask]] = {}
        for t in tasks or ():
            if t.number and (n := normalise_number(t.number)):
                self.by_number.setdefault(n, []).append(t)
        self.errors: list[str] = []
        self.seen: dict[str, str] = {}  # task id → the row that reported it

    def entry(self, row: _ReplyRow) -> ProgressEntry | None:
        """The row's entry; None when it is refused (its error is kept)."""
        where = row.where
        status = None
        if row.raw_status:
            status = normalise_status(row.raw_status)
            if status is None:
                self.errors.append(f"{where}：是否完成应填 {ACCEPTED_STATUSES}，实填“{row.raw_status}”")
        task: UnitTask | None = None
        if self.tasks is not None:
            task, problem = _match(row.number, row.number_text, row.text, self.by_number, self.tasks)
            if task is None:
                self.errors.append(f"{where}：{problem}")
                return None
            if task.id in self.seen:
                self.errors.append(f"{where}：序号 {task.number or ''} 的任务重复填报（已在{self.seen[task.id]}填写）")
                return None
            self.seen[task.id] = where
        return ProgressEntry(
            task_id=task.id if task else None,
            number=task.number if task else (row.number or row.number_text or None),
            progress=row.progress,
            status=status,
            text=task.text if task else (row.text or None),
            row=where,
        )


def _match(
    number: str | None,
    number_text: str,
    text: str,
    by_number: dict[str, list[UnitTask]],
    tasks: Sequence[UnitTask],
) -> tuple[UnitTask | None, str]:
    """The unit's task a row reports on, or None and why not."""
    candidates = by_number.get(number, []) if number else []
    if text:
        if candidates:
            best = max(candidates, key=lambda t: similarity(text, t.text))
            if similarity(text, best.text) >= MATCH_THRESHOLD or (
                len(candidates) == 1 and similarity(text, best.text) >= 0.3
            ):
                return best, ""
        scored = sorted(((similarity(text, t.text), n, t) for n, t in enumerate(tasks)), key=lambda x: (-x[0], x[1]))
        if scored and scored[0][0] >= MATCH_THRESHOLD:
            return scored[0][2], ""
        snippet = text if len(text) <= 20 else text[:20] + "…"
        if number_text:
            return None, f"序号 {number_text}（“{snippet}”）不是本单位的任务"
        return None, f"找不到与“{snippet}”对应的本单位任务，请填写序号"
    if len(candidates) == 1:
        return candidates[0], ""
    if len(candidates) > 1:
        return None, f"序号 {number_text} 对应本单位多项任务，请写明任务内容"
    if number_text:
        return None, f"序号 {number_text} 不是本单位的任务"
    return None, "没有序号，也没有任务内容，无法对应到任务"
