"""Task tables: status tables, project tables and plan drafts, one ``Part`` per attachment.

A table is taken when its header names a task column and at least one of units, progress, status,
target or deadline (``columns.find_header``); columns are found by their header's meaning, never by
position. Rows are then read by their grammar: a row with one distinct text is a section (一、…) or
subsection (（一）…) heading or a note; a row with an empty 序号 under a task continues it; everything
else is a task. The parser never relies on the txt rendering: merged cells (colspan, rowspan) and
rows a flattened rendering shortened are both handled. See ``docs/layouts/status_table.md``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from luoshi.model import Block, Cell, Indicator, Paragraph, Part, PartKind, Span, Table, Task
from luoshi.quantities.indicators import to_indicators as read_indicators
from luoshi.quantities.numbers import normalise
from luoshi.quantities.periods import find_periods, period_end_month
from luoshi.quantities.units import bare_figure, unit_class
from luoshi.structure.columns import (
    STATUS_WORDS,
    Column,
    Header,
    Role,
    distinct_texts,
    find_header,
    is_repeated_header,
    normalize_header,
)
from luoshi.structure.units import find_unit_clause, parse_clause
from luoshi.unit_names import ends_like_unit, split_units

_CN_NUM = "一二三四五六七八九十百零〇"
# "一、主要指标", "二．…", "第一部分 …": a section; "（一）道路建设", "(二)…": a subsection.
SECTION = re.compile(rf"^(第[{_CN_NUM}]+[部分章节篇项]|[{_CN_NUM}]+\s*[、.．，,])")
SUBSECTION = re.compile(rf"^[（(]\s*[{_CN_NUM}]+\s*[)）]")
# A 序号 printed as a Chinese numeral names a section ("一" + "主要指标" in two cells).
CN_NUMBER = re.compile(rf"^[{_CN_NUM}]+[、.．]?$")
CN_SUB_NUMBER = re.compile(rf"^[（(][{_CN_NUM}]+[)）]$")
# A task's 序号: "1", "12.", "1-2", "３", "1 " (stripped).
NUMBER = re.compile(r"^[0-9０-９]+(?:[.\-－—_．][0-9０-９]+)*[.、．]?$")
# Lines under a table that are not rows of it: 备注：…, 注：…, *关于…的说明, 填表人…
NOTE = re.compile(r"^(备\s*注|注\s*\d*\s*[:：]|说\s*明\s*[:：]|[*＊※]|填\s*表|填\s*报|审\s*核|联\s*系\s*人|制\s*表)")
TOTAL = re.compile(r"^(合\s*计|总\s*计|小\s*计)$")
_END_PUNCT = ("。", "；", ";", "！", "？")
YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
GOVERNMENT = re.compile(
    r"^(.{0,14}?(?:.{1,8}(?:自治区|自治州|自治县|省|市|区|县|旗|州|盟)))(?:人民政府)?\s*(?:19|20)\d{2}\s*年"
)
CITY_MAJOR = "★"
DECOMPOSITION_TITLE = re.compile(r"分解|分工|责任清单|任务清单|责任分工")
# Page chrome above a copied table, never its title.
_CHROME = re.compile(
    r"^[•·]|[:：]\s*(?:\[\s*\]|$)|发布(?:日期|时间|机构)|来源[:：]|浏览|点击|索引号|原文链接|政策解读|文\s*号[:：]"
)
# A unit cell that names roles itself: "发改委牵头，财政局配合", "主办：…；协办：…".
ROLE_WORD = re.compile(r"主办|协办|牵头|配合|协同|参与")


def parse_part(title: str | None, blocks: tuple[Block, ...]) -> Part | None:
    """The part as a task table, or None when no table in ``blocks`` has a task header."""
    found: list[tuple[Table, Header]] = []
    previous: Header | None = None
    for block in blocks:
        if not isinstance(block, Table):
            continue
        header = find_header(block)
        if header is None and previous is not None and _continues(block, previous):
            # A table cut by a page break and printed without its header: the same columns go on.
            header = Header(first_row=0, last_row=-1, columns=previous.columns)
        if header is not None:
            found.append((block, header))
            previous = header
    if not found:
        return None

    first_table = found[0][0]
    reader = _RowReader(title or found[0][1].title or _title_before(blocks, first_table))
    headers = {id(t): h for t, h in found}
    for block in blocks:
        if isinstance(block, Paragraph):
            reader.paragraph(block.text, before_tables=block.index < first_table.index)
        elif id(block) in headers:
            reader.table(block, headers[id(block)])

    part_title = title or found[0][1].title or _title_before(blocks, first_table)
    roles = frozenset(r for _, h in found for r in h.roles)
    text_headers = [c.header for _, h in found for c in h.columns if c.role == "text"]
    return Part(
        title=part_title,
        kind=_kind(roles, text_headers, part_title),
        tasks=tuple(reader.tasks),
        government=_government(part_title),
        year=_year(part_title),
        sections=tuple(reader.sections),
    )


def _continues(table: Table, header: Header) -> bool:
    return abs(table.width - header.width) <= 1 and bool(table.rows)


def _kind(roles: frozenset[Role], text_headers: Sequence[str], title: str | None) -> PartKind:
    """status_table (progress or status), project_table (项目 + target + progress), else a plan.

    A plan table is a development plan (计划草案) unless its title calls it a split of tasks
    (分解 / 分工 / 责任清单), which is a decomposition laid out as a table.
    """
    if "progress" in roles or "status" in roles:
        if "target" in roles and any("项目" in h for h in text_headers):
            return "project_table"
        return "status_table"
    if title and DECOMPOSITION_TITLE.search(title):
        return "decomposition"
    return "development_plan"


def _title_before(blocks: Sequence[Block], table: Table) -> str | None:
    """The last line printed above the first table that reads as a title (a sheet name, a title paragraph).

    A page's chrome ("发布日期:…", "• 字体:[ ]") and a lead paragraph (a sentence) are passed over;
    with none left, the last line above the table.
    """
    lines: list[str] = []
    for block in blocks:
        if block is table:
            break
        if isinstance(block, Paragraph) and block.text.strip():
            lines.append(block.text.strip())
    titles = [t for t in lines if len(t) <= 60 and "。" not in t and not _CHROME.search(t)]
    return titles[-1] if titles else (lines[-1] if lines else None)


def _year(title: str | None) -> int | None:
    m = YEAR.search(title or "")
    return int(m.group(1)) if m else None


def _government(title: str | None) -> str | None:
    m = GOVERNMENT.match((title or "").strip())
    return m.group(1) if m else None


def heading_level(text: str) -> int | None:
    """1 for a section heading (一、…), 2 for a subsection (（一）…), None for anything else."""
    t = text.strip()
    if SUBSECTION.match(t):
        return 2
    if SECTION.match(t):
        return 1
    return None


def is_number(text: str) -> bool:
    """Whether ``text`` is a task's 序号 (1, 12., 1-2), as opposed to a heading numeral or words."""
    return bool(NUMBER.match(text.strip()))


def clean_number(text: str) -> str | None:
    """The 序号 as printed, without spaces or a trailing "." / "、"; None when empty."""
    t = re.sub(r"\s+", "", text).rstrip(".、．")
    return t or None


@dataclass
class _Cells:
    """One row's texts by grid column, with the cells they came from."""

    texts: dict[int, str]
    cells: dict[int, Cell]


class _RowReader:
    """Reads rows in order, keeping the section and subsection they fall under."""

    def __init__(self, title: str | None = None) -> None:
        self.title = title  # the table's title: its period picks one of several progress columns
        self.tasks: list[Task] = []
        self.sections: list[str] = []
        self.section: str | None = None
        self.subsection: str | None = None
        self.numbered_sections = False  # the table numbers its sections (一、…)
        self.first_text_printed = False  # a row printed the first task column (it is not lost)

    def paragraph(self, text: str, before_tables: bool = False) -> None:
        """A heading printed between tables (一、… / （一）…) sets the section of the rows after it.

        Above the first table only the headings right above it count: a notice's own 一、… headings
        further up, followed by prose, are not sections of the table.
        """
        t = text.strip()
        level = heading_level(t)
        if level is not None and len(t) <= 40 and not t.endswith(_END_PUNCT):
            self._heading(level, t)
        elif before_tables and t:
            self.section = self.subsection = None
            self.sections.clear()
            self.numbered_sections = False

    def _heading(self, level: int, text: str) -> None:
        if level == 0:
            # An unnumbered heading sits under the numbered ones, or is a section of its own.
            level = 2 if self.numbered_sections and self.section is not None else 1
        elif level == 1:
            self.numbered_sections = True
        if level == 1:
            self.section, self.subsection = text, None
            self.sections.append(text)
        else:
            self.subsection = text

    def table(self, table: Table, header: Header) -> None:
        header_texts = [t for row in table.rows[header.first_row : header.last_row + 1] for t in distinct_texts(row)]
        flattened = not any(c.colspan > 1 or c.rowspan > 1 for row in table.rows for c in row)
        carried: dict[int, tuple[Cell, int]] = {}  # grid column → (merged cell, last row it covers)
        for r in range(header.last_row + 1, len(table.rows)):
            row = table.rows[r]
            texts = distinct_texts(row)
            if not texts or (header_texts and is_repeated_header(row, header_texts)):
                continue
            cells = _place(row, header, flattened)
            _carry(cells, carried, header, r)
            heading = _row_heading(row, cells, header, texts)
            if heading is not None:
                level, text = heading
                if level >= 0:
                    self._heading(level, text)
                continue
            task = self._task(table, header, r, cells)
            if task is not None:
                self.tasks.append(self._inherit(task, cells, header))

    def _inherit(self, task: Task, cells: _Cells, header: Header) -> Task:
        """A sub-row of a task keeps the task's number and text (and the units merged down over it).

        A row under a merged 序号/任务 cell that prints units or leaders of its own is one of the task's
        sub-rows (its own units for its part of the task); a row that prints its own 序号 but whose task
        cell was merged from the row above shares that task's text and units.
        """
        previous = self.tasks[-1] if self.tasks else None
        if previous is None or task.text:
            return task
        own_units = any(  # printed in this row, not merged down from the row above
            c in cells.cells and cells.cells[c].text.strip() for r in ("lead", "co", "leaders") for c in header.cols(r)
        )
        if task.number is None and not own_units:
            return task  # a continuation row: more progress of the task above
        return replace(
            task,
            number=task.number or previous.number,
            text=previous.text,
            lead=task.lead or previous.lead,
            co=task.co if own_units or task.co else previous.co,
            leaders=task.leaders or previous.leaders,
            target=task.target or previous.target,
            indicators=task.indicators or previous.indicators,
        )

    def _progress_cols(self, header: Header) -> list[int]:
        """The progress column to read: of several naming periods, the title's period, else the latest."""
        cols = header.cols("progress")
        if len(cols) < 2:
            return cols
        periods = [period_end_month(_period_label(header.columns[c].header)) for c in cols]
        if any(p is None for p in periods):
            return cols
        wanted = period_end_month(_period_label(self.title or ""))
        if wanted in periods:
            return [cols[periods.index(wanted)]]
        return [cols[max(range(len(cols)), key=lambda n: periods[n] or 0)]]

    def _task(self, table: Table, header: Header, r: int, cells: _Cells) -> Task | None:
        def joined(role: Role) -> str:
            parts = [cells.texts.get(c, "").strip() for c in header.cols(role)]
            return "\n".join(p for p in parts if p)

        number = clean_number(joined("number"))
        text_cols = header.cols("text")
        text = cells.texts.get(text_cols[0], "").strip() if text_cols else ""
        target = labelled(header, cells, header.cols("target")) or None
        target_col = header.cols("target")[:1]
        extra = [(c, cells.texts.get(c, "").strip()) for c in text_cols[1:]]
        previous = self.tasks[-1] if self.tasks else None
        if not text and any(t for _, t in extra) and (previous is None or not self.first_text_printed):
            # The first task column is empty on every row so far (merged over rows the copy lost): the
            # next task column holds the task. Under a task printed above, it is that task's part.
            (first_col, text), extra = next((c, t) for c, t in extra if t), [(c, t) for c, t in extra if t][1:]
            text_cols = [first_col]
        elif text_cols:
            self.first_text_printed = bool(text) or self.first_text_printed
        if number is not None and text:
            # "一、60周岁以上…" in the 名称 cell of row 1: the task's own heading numeral, not its words.
            text = re.sub(rf"^[{_CN_NUM}]+\s*[、.．]\s*", "", text)
        if any(t for _, t in extra):
            # A second task-like column (项目名称 + 建设内容): the target when none is named, else more text.
            if target is None:
                target = "\n".join(t for _, t in extra if t)
                target_col = [c for c, t in extra if t][:1]
            else:
                text = "\n".join([text, *(t for _, t in extra if t)])
        if number is not None and not is_number(number) and not text:
            return None  # a footer line that landed in the 序号 column (填表人：…, 单位：万元)
        if number is None and TOTAL.match(text):
            return None
        flags: tuple[str, ...] = ()
        if CITY_MAJOR in text:
            flags = ("city_major",)
            text = text.replace(CITY_MAJOR, "").strip()
        lead, co, leaders = self._units(header, cells)
        deadline = joined("deadline") or None
        if not (lead or co or header.cols("lead") or header.cols("co")):
            # No unit column: the task may end with its own clause, "…（区发改委主办，区财政局协办）".
            found = find_unit_clause(text)
            if found is not None:
                start, _, clause = found
                text = text[:start].rstrip()
                lead, co = clause.roles()
                leaders = leaders or clause.leaders
                deadline = deadline or clause.deadline
        measured, measured_col = (target, target_col) if target else (text, text_cols[:1])
        measure = _measure(header, cells, target_col, text_cols, text)
        if target and text and bare_figure(target):
            # "城镇新增就业 | 5.2": the figure alone is the target of what the task names.
            measured = f"{text}：{target}"
        return Task(
            number=number,
            text=text,
            section=self.section,
            subsection=self.subsection,
            lead=lead,
            co=co,
            leaders=leaders,
            target=target,
            progress=labelled(header, cells, self._progress_cols(header)) or None,
            status=re.sub(r"\s+", "", joined("status")) or None,
            flags=flags,
            deadline=deadline,
            indicators=to_indicators(
                measured or "",
                Span(block=table.index, row=r, col=measured_col[0] if measured_col else None),
                measure=measure,
            ),
            span=Span(block=table.index, row=r),
            measure=measure,
        )

    @staticmethod
    def _units(header: Header, cells: _Cells) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """(lead, co, leaders) from their columns; a unit cell may itself say who leads ("…牵头，…配合")."""
        lead: list[str] = []
        co: list[str] = []
        for role in ("lead", "co"):
            for c in header.cols(role):
                cell = cells.texts.get(c, "")
                clause = parse_clause(cell) if ROLE_WORD.search(cell) else None
                if clause is not None and (clause.lead or clause.co):
                    lead_units, co_units = clause.roles()
                    lead += lead_units
                    co += co_units
                else:
                    (lead if role == "lead" else co).extend(split_units(cell))
        leaders = [p for c in header.cols("leaders") for p in split_persons(cells.texts.get(c, ""))]
        return tuple(dict.fromkeys(lead)), tuple(dict.fromkeys(co)), tuple(dict.fromkeys(leaders))


def to_indicators(text: str, span: Span, measure: str | None = None) -> tuple[Indicator, ...]:
    """The indicators of a target text (bare figures in ``measure``); none for an empty text."""
    return tuple(read_indicators(text, span, measure=measure)) if text else ()


def _place(row: Sequence[Cell], header: Header, flattened: bool) -> _Cells:
    """The row's texts by grid column; a row a flattened rendering shortened is aligned by content."""
    cells = [c for c in row]
    # Columns past the last one the header names come from rows wider than the header (a rendering that
    # printed one cell as two): a row is short or long against the named columns.
    named = [c for c in header.columns if c.header]
    width = named[-1].index + 1 if named else header.width
    if flattened and 1 < len(cells) < width and cells[-1].col + 1 < width:
        cols = _align([c.text.strip() for c in cells], header, width)
        return _Cells({col: c.text for col, c in zip(cols, cells, strict=True)}, dict(zip(cols, cells, strict=True)))
    filled = [c for c in cells if c.text.strip()]
    if flattened and len(filled) > len(named) >= 2:
        # More cells than named columns: a column a rendering printed as two cells (指标任务 over two lines).
        texts: dict[int, str] = {}
        by_col: dict[int, Cell] = {}
        for col, cell in zip(_merge_align([c.text.strip() for c in filled], named), filled, strict=True):
            texts[col] = f"{texts[col]}\n{cell.text}" if col in texts else cell.text
            by_col.setdefault(col, cell)
        return _Cells(texts, by_col)
    texts = {}
    by_col = {}
    for cell in cells:
        if cell.col < header.width or not texts:
            texts[cell.col] = cell.text
            by_col[cell.col] = cell
    return _Cells(texts, by_col)


def _carry(cells: _Cells, carried: dict[int, tuple[Cell, int]], header: Header, r: int) -> None:
    """A cell merged down over several rows gives its value to each, except the number and the task.

    Rows under a merged 序号/任务 cell are parts of one task (continuation rows, kept with no number);
    a merged 责任单位, 是否完成 or 完成时限 applies to every row it covers.
    """
    keep_out = set(header.cols("number")) | set(header.cols("text"))
    for col, cell in cells.cells.items():
        if cell.rowspan > 1 and col not in keep_out:
            carried[col] = (cell, r + cell.rowspan - 1)
    for col, (cell, last) in list(carried.items()):
        if r > last:
            del carried[col]
        elif col not in cells.texts:
            cells.texts[col] = cell.text


def _row_heading(row: Sequence[Cell], cells: _Cells, header: Header, texts: list[str]) -> tuple[int, str] | None:
    """(level, text) when the row is a heading: 1 section, 2 subsection, 0 unnumbered; (-1, …) for a note."""
    number_cols = header.cols("number")
    text_cols = header.cols("text")
    if len(texts) == 2 and number_cols and text_cols:
        # "一" | "主要指标": the heading's numeral in the 序号 column, its words in the task column.
        num = cells.texts.get(number_cols[0], "").strip()
        words = cells.texts.get(text_cols[0], "").strip()
        if num and words and {num, words} == set(texts):
            if CN_SUB_NUMBER.match(num):
                return 2, f"{num}{words}"
            if CN_NUMBER.match(num):
                return 1, f"{num.rstrip('.．、')}、{words}"
    if len(texts) != 1:
        return None
    text = texts[0]
    if NOTE.match(text):
        return -1, text
    level = heading_level(text)
    if STATUS_WORDS.match(text) or is_number(text):
        return None
    filled = [c for c in row if c.text.strip()]
    spans_table = any(c.colspan >= 2 and c.colspan * 2 >= header.width for c in filled)
    if level is not None and len(text) <= 60:
        return level, text
    first_col = min(cells.texts, key=lambda c: c if cells.texts[c].strip() else 1 << 30)
    in_number_col = first_col in number_cols or (not number_cols and first_col == 0)
    looks_like_heading = len(text) <= 30 and not text.endswith(_END_PUNCT) and "\n" not in text
    if (spans_table or (in_number_col and len(row) == 1)) and looks_like_heading:
        return 0, text
    if spans_table:
        return -1, text  # a sentence across the whole table: a note, not a task
    return None


def _align(texts: Sequence[str], header: Header, width: int | None = None) -> list[int]:
    """Grid columns for the cells of a shortened row, in order, fitting each cell's content.

    A flattened rendering drops the cells a merge covered, so a row under a merged 序号/任务 comes
    with only its last cells; status words go to the status column, numbers to the 序号 column, and
    ties go right (the dropped cells are the leading, merged ones).
    """
    n, m = len(texts), width or header.width
    roles = [c.role for c in header.columns]
    neg = float("-inf")
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    choice: list[list[bool]] = [[False] * (m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        best[0][j] = 0.0
    for i in range(1, n + 1):
        for j in range(i, m + 1):
            skip = best[i][j - 1]
            take = best[i - 1][j - 1] + _fit(texts[i - 1], roles[j - 1]) + 0.001 * j
            if take >= skip:
                best[i][j], choice[i][j] = take, True
            else:
                best[i][j] = skip
    cols: list[int] = []
    i, j = n, m
    while i > 0:
        if choice[i][j]:
            cols.append(j - 1)
            i -= 1
        j -= 1
    return cols[::-1]


# A printed cell a rendering cut in two (a line break or a space) is joined again, at this cost a piece;
# a 序号 or status is never in two pieces.
_UNSPLIT: frozenset[Role | None] = frozenset({"number", "status"})
_MERGE_COST = 0.5
_UNITS_MERGE_COST = 0.1


def _merge_align(texts: Sequence[str], columns: Sequence[Column]) -> list[int]:
    """Grid columns for the cells of a row with more cells than columns: some cells are pieces of one.

    The row is cut into runs of consecutive cells, each run one column's cell (its pieces joined by a
    line break), the columns in order; the cut whose joined cells fit their columns best is taken.
    """
    n, m = len(texts), len(columns)
    roles = [c.role for c in columns]
    neg = float("-inf")
    # best[i][j]: the first i cells placed, the last run in column j-1 (j = 0: none placed yet).
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(-1, -1)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            longest = 1 if roles[j - 1] in _UNSPLIT else i
            for start in range(i - 1, i - 1 - longest, -1):
                pieces = i - start
                joined = _fit("\n".join(texts[start:i]), roles[j - 1])
                # Units on several lines are one cell of units, cheaply; ties go right, for each piece (as
                # in ``_align``): a later column took the extra cell.
                cost = _UNITS_MERGE_COST if roles[j - 1] in ("lead", "co", "leaders") and joined > 0 else _MERGE_COST
                fit = joined + 0.001 * j * pieces - cost * (pieces - 1)
                for k in range(j):
                    if best[start][k] > neg and best[start][k] + fit > best[i][j]:
                        best[i][j], back[i][j] = best[start][k] + fit, (start, k)
    j = max(range(1, m + 1), key=lambda c: best[n][c])
    cols = [0] * n
    i = n
    while i > 0:
        start, k = back[i][j]
        for c in range(start, i):
            cols[c] = columns[j - 1].index
        i, j = start, k
    return cols


def _fit(text: str, role: Role | None) -> float:
    if not text:
        return 0.0
    status = bool(STATUS_WORDS.match(text))
    number = is_number(text)
    if role == "number":
        return 3.0 if number else -3.0
    if role == "status":
        return 3.0 if status else -3.0
    if status or number:
        return -2.0
    if role in ("lead", "co"):
        units = split_units(text)
        named = units and not re.search(r"\d", text)
        return 1.0 if named and all(ends_like_unit(u) and len(u) <= 20 for u in units) else -1.0
    if role == "leaders":
        return 1.0 if _PERSONS.match(text) else -1.0
    return 0.0


# One or more persons' names: two to four characters each, separated by 、，/ or a line break.
_PERSONS = re.compile(r"^[\u4e00-\u9fa5]{2,4}(?:[、，,/\s]+[\u4e00-\u9fa5]{2,4})*$")


def split_persons(text: str) -> list[str]:
    """Persons named in a 责任领导 cell, one per entry: "张三\n李四" is two people, "王  伟" one."""
    pieces = [p for p in re.split(r"[、，,；;/\s]+", text.strip()) if p]
    out: list[str] = []
    for piece in pieces:
        if out and (len(out[-1]) == 1 or len(piece) == 1):
            out[-1] += piece  # "王  伟": a two-character name spaced out
        else:
            out.append(piece)
    return out


def _period_label(text: str) -> str | None:
    found = find_periods(normalise(text))
    return found[0].label if found else None


# A unit of measure printed in brackets at the end of a header or a task name: "完成数（个）", "…(人)".
_BRACKETED_UNIT = re.compile(r"[（(]\s*([^（()）\s]{1,6})\s*[)）]\s*$")


def measure_in(text: str) -> str | None:
    """The unit of measure ``text`` ends with in brackets ("完成数（个）" → 个), if it is one."""
    m = _BRACKETED_UNIT.search(text)
    if m and unit_class(m.group(1)) in ("amount", "count", "percent"):
        return m.group(1)
    return None


def _measure(header: Header, cells: _Cells, target_col: list[int], text_cols: list[int], text: str) -> str | None:
    """The unit of measure a row's figures are printed without: its 单位 cell, else a bracketed unit in the
    header of its target or task column, else at the end of the task name, else in another column's header
    (a share's "(%)" — 完成比例(%), 完成率 — measures the share, not the task)."""
    for c in header.cols("measure"):
        value = cells.texts.get(c, "").strip()
        if value and unit_class(value) in ("amount", "count", "percent"):
            return value
    names = {col.index: col.header for col in header.columns}
    for c in [*target_col, *text_cols[:1]]:
        found = measure_in(names.get(c, ""))
        if found:
            return found
    found = measure_in(text)
    if found:
        return found
    for col in header.columns:
        if not _SHARE_HEADER.search(normalize_header(col.header)):
            found = measure_in(col.header)
            if found:
                return found
    return None


# A column of shares (完成比例(%), 完成率, 占年任务之比): its unit is the share's.
_SHARE_HEADER = re.compile(r"比例|率|之比|占")


def labelled(header: Header, cells: _Cells, cols: Sequence[int]) -> str:
    """The row's text in ``cols``: one cell as printed; several each under its header ("已完成数：7.23；占年任务
    之比：139.1%"), so the judge reads which figure is the plan's, which is done and which is a share."""
    filled = [(c, text) for c in cols if (text := cells.texts.get(c, "").strip())]
    if len(filled) < 2:
        return filled[0][1] if filled else ""
    names = {col.index: normalize_header(col.header) for col in header.columns}
    return "；".join(f"{names.get(c, '')}：{text}" for c, text in filled)
