"""Tables captured as plain text, rebuilt into tables: the ways people copy a table from a web page.

A table copied from a government site or a document-sharing site reaches luoshi as text in one of
these forms (docs/layouts/progress_notice.md §8):

- **cell lines**: one cell per line ending in "|" ("序号 |", "主要任务 |", …); a line of pipes alone
  ends a row (its other pipes are empty cells); a line without the "|" is a line break inside the cell;
- **pipe rows**: one row per line, cells parted by " | " ("1 | 完成27所… | 县教育局 | … |");
- **blank-line cells**: one cell per paragraph, paragraphs parted by blank lines (a line with no blank
  line before it is the cell's own line break);
- **one line**: the whole table on one line, its cells parted by spaces;
- **labelled records**: "1.X。 牵头领导:Y 责任单位:Z 实际完成情况:…" — each field named before its value.

The header is recognised by its columns' meanings (``columns.classify_header``), never by position;
rows are rebuilt from the cells after it: a row starts where the 序号 sequence goes on (24, 25 … or
一, 二 …) or where the capture ends one, and a row that already holds every column and ends in a
status leaves what follows to another row of the same task. The tables parser then places a row's
cells by their content. What the rebuild cannot settle — a table without a header, whose columns are
inferred from their contents — is said in the part's notes rather than guessed silently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from luoshi.model import Block, Cell, Paragraph, Table
from luoshi.read.text import AFTER_BLANK
from luoshi.structure.columns import MAX_HEADER_CHARS, STATUS_WORDS, Role, classify_header
from luoshi.structure.numbering import numeral_value
from luoshi.unit_names import looks_like_unit, split_units

_PIPES = re.compile(r"^\|+$")
_ARABIC = re.compile(r"^\d{1,4}[.、．]?$")
_CHINESE = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]?$")
_SECTION = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）])\S")
# A field named before its value in a labelled record: "牵头领导:林静国".
_LABEL = re.compile(r"(?:^|\s)([\u4e00-\u9fa5]{2,8})\s*[:：]")
# A record of a labelled table starts with its number: "1.轨道交通1号线…", "12、…".
_RECORD = re.compile(r"(?:^|\s)(\d{1,4})\s*[.、．](?!\d)")
_SENTENCE = re.compile(r"[。；;！？!?]")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")
# At least this many header cells make a captured table.
MIN_COLUMNS = 3
# Blank lines part the cells "throughout" when this share of the paragraphs follows one.
BLANK_SHARE = 0.9


@dataclass
class _Captured:
    """A stretch of blocks holding one captured table: its rows of cell texts, and what is uncertain."""

    first: int  # index of its first block in the list
    last: int  # index after its last block
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)


def rebuild(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], tuple[str, ...]]:
    """``blocks`` with every captured table rebuilt into a ``Table``, and the notes on what is uncertain."""
    if not any(isinstance(b, Paragraph) for b in blocks):
        return blocks, ()
    out: list[Block] = []
    notes: list[str] = []
    i = 0
    while i < len(blocks):
        found = _capture_at(blocks, i)
        if found is None:
            out.append(blocks[i])
            i += 1
            continue
        index = blocks[found.first].index
        rows = tuple(tuple(Cell(text=t, row=r, col=c) for c, t in enumerate(row)) for r, row in enumerate(found.rows))
        out.append(Table(index=index, rows=rows))
        notes.extend(found.notes)
        i = found.last
    return tuple(out), tuple(notes)


def _capture_at(blocks: tuple[Block, ...], i: int) -> _Captured | None:
    block = blocks[i]
    if not isinstance(block, Paragraph):
        return None
    text = block.text.strip()
    if text.endswith("|"):
        return _pipe_cells(blocks, i)
    if len(text) <= MAX_HEADER_CHARS and classify_header(text) in ("number", "text") and not _YEAR.search(text):
        return _paragraph_cells(blocks, i)  # a header starts with its 序号 or task column
    if " " in text and len(text) > 40:
        return _one_line(block, i) or _labelled(block, i)
    return None


# --------------------------------------------------------------------------- the forms


def _pipe_cells(blocks: tuple[Block, ...], i: int) -> _Captured | None:
    """Cells ending in "|" (one per line, or several per line), rows ended by lines of pipes."""
    cells: list[str | None] = []  # None: a row ends here
    pending: list[str] = []  # lines of a cell not yet closed by its "|"
    j = i
    while j < len(blocks):
        block = blocks[j]
        if isinstance(block, Table) and not any(c.text.strip() for row in block.rows for c in row):
            cells.append(None)  # "|||||": the text reader's empty pipe row, the end of a row
            j += 1
            continue
        if not isinstance(block, Paragraph):
            break
        line = block.text.strip()
        if not line.endswith("|"):
            if len(pending) >= 5:
                break
            pending.append(line)
            j += 1
            continue
        if _PIPES.match(line):
            cells.extend([""] * (len(line) - 1))
            cells.append(None)
        else:
            parts = [p.strip() for p in line.rstrip("|").split("|")]
            parts[0] = "\n".join([*pending, parts[0]])
            cells.extend(parts)
            if len(parts) > 1:
                cells.append(None)  # a row per line
        pending = []
        j += 1
    last = j - len(pending)
    if sum(1 for c in cells if c) < MIN_COLUMNS * 2:
        return None
    return _from_stream(cells, i, last)


def _paragraph_cells(blocks: tuple[Block, ...], i: int) -> _Captured | None:
    """One cell per paragraph: a header of column names, then the cells of the rows."""
    first = blocks[i]
    assert isinstance(first, Paragraph)
    by_blank = first.style == AFTER_BLANK
    cells: list[str | None] = []
    j = i
    while j < len(blocks) and isinstance(blocks[j], Paragraph):
        p = blocks[j]
        assert isinstance(p, Paragraph)
        text = p.text.strip()
        if by_blank and p.style != AFTER_BLANK and cells and cells[-1] is not None and j > i:
            cells[-1] = f"{cells[-1]}\n{text}"  # the cell's own line break
        else:
            cells.append(text)
        j += 1
    header = _header([c for c in cells if c is not None])
    if header is None:
        return None
    roles = {r for r in header if r is not None}
    # Unless blank lines part the cells throughout, a plan's table printed one cell per line is the
    # decomposition parser's (``cell_lines``: a merged unit cell comes as several lines); only a table
    # of progress is rebuilt from such lines.
    run = [b for b in blocks[i:j] if isinstance(b, Paragraph)]
    throughout = by_blank and sum(p.style == AFTER_BLANK for p in run) >= BLANK_SHARE * len(run)
    if not throughout and not roles & {"progress", "status"}:
        return None
    return _from_stream(cells, i, j)


def _one_line(block: Paragraph, i: int) -> _Captured | None:
    """A whole table on one line, its cells parted by spaces."""
    tokens = block.text.split()
    start = next((n for n, t in enumerate(tokens) if classify_header(t) == "number"), None)
    if start is None:
        return None
    tokens = tokens[:start] + _rejoin_header(tokens[start:])
    found = _from_stream(list(tokens[start:]), i, i + 1)
    if found is not None and start:
        found.notes.append(f"表格前的文字“{' '.join(tokens[:start])[:30]}”未计入表格。")
    return found


def _rejoin_header(tokens: list[str]) -> list[str]:
    """Header words a line break split ("是否完成 全年目标"): a word that only qualifies the column before
    it (the two together still name that column) joins it. The data after the header is left as is."""
    out: list[str] = []
    for n, token in enumerate(tokens):
        role = classify_header(token)
        if role is None and not _name_like(token):
            return [*out, *tokens[n:]]
        joins = classify_header(out[-1] + token) == classify_header(out[-1]) if out else False
        if out and role in ("target", None) and joins and not _SECTION.match(token):
            out[-1] += token
        else:
            out.append(token)
    return out


def _labelled(block: Paragraph, i: int) -> _Captured | None:
    """Records on one line: "1.X 牵头领导:Y 责任单位:Z 配合单位:W 实际完成情况:…"."""
    text = block.text
    starts = _record_starts(text)
    if len(starts) < 2:
        return None
    columns: list[str] = []
    records: list[dict[str, str]] = []
    for n, (number, _, body_at) in enumerate(starts):
        end = starts[n + 1][1] if n + 1 < len(starts) else len(text)
        fields = _fields(text[body_at:end])
        if fields is None:
            return None
        fields["序号"] = number
        records.append(fields)
        columns.extend(k for k in fields if k not in columns and k not in ("序号", "项目"))
    if not any(classify_header(c) in ("lead", "progress", "status") for c in columns):
        return None
    header = ["序号", "项目", *columns]
    rows = [header] + [[r.get(c, "") for c in header] for r in records]
    return _Captured(i, i + 1, rows)


def _record_starts(text: str) -> list[tuple[str, int, int]]:
    """(number, start, start of its words) of each record, numbered 1, 2, 3 … in order."""
    out: list[tuple[str, int, int]] = []
    expected = 1
    for m in _RECORD.finditer(text):
        if int(m.group(1)) == expected:
            out.append((m.group(1), m.start(1), m.end()))
            expected += 1
    return out


def _fields(body: str) -> dict[str, str] | None:
    """A record's task and its labelled fields; a unit field's value is its first word, what follows a
    record's last unit list with no label of its own is the record's progress (an embedded table)."""
    labels = [m for m in _LABEL.finditer(body) if classify_header(m.group(1)) is not None]
    if len(labels) < 2:
        return None
    fields = {"项目": body[: labels[0].start()].strip()}
    for n, m in enumerate(labels):
        end = labels[n + 1].start() if n + 1 < len(labels) else len(body)
        value = body[m.end() : end].strip()
        role = classify_header(m.group(1))
        if role in ("lead", "co", "leaders") and " " in value:
            value, rest = value.split(" ", 1)
            if rest.strip() and n + 1 == len(labels):
                fields.setdefault("实际完成情况", rest.strip())
        fields[m.group(1)] = value
    return fields


# --------------------------------------------------------------------------- header and rows


def _header(cells: Sequence[str]) -> list[Role | None] | None:
    """The roles of the header cells the stream starts with, or None when it starts with no header."""
    roles: list[Role | None] = []
    for text in cells:
        role = classify_header(text)
        if role is None and not _name_like(text):
            break
        if role is None and roles.count(None) >= max(1, len(roles) // 3):
            break
        roles.append(role)
    while roles and roles[-1] is None:
        roles.pop()
    named = {r for r in roles if r is not None}
    if len(roles) < MIN_COLUMNS or ("text" not in named and "target" not in named):
        return None
    if not named & {"lead", "co", "leaders", "progress", "status", "deadline", "target"}:
        return None
    return roles


def _name_like(text: str) -> bool:
    t = text.strip()
    return 2 <= len(t) <= MAX_HEADER_CHARS and not _SENTENCE.search(t) and not re.search(r"\d", t)


def _from_stream(cells: list[str | None], first: int, last: int) -> _Captured | None:
    """Rows from a stream of cells (None where the capture ends a row): the header, then the data rows."""
    texts = [c for c in cells if c is not None]
    roles = _header(texts)
    if roles is None:
        return _headerless(cells, first, last)
    width = len(roles)
    skipped = 0
    header: list[str] = []
    for n, c in enumerate(cells):
        if c is None:
            continue
        header.append(c)
        if len(header) == width:
            skipped = n + 1
            break
    # A second header row the capture ends ("前期手续 | 在建形象进度" under "本月进展情况"): its names are
    # sub-columns, appended to the header.
    rest = cells[skipped:]
    while rest and rest[0] in ("", None):
        rest = rest[1:]
    end = rest.index(None) if None in rest else -1
    below = [c for c in rest[:end] if c] if end > 0 else []
    if below and all(_name_like(c) and _sequence_number(c) is None and not _SECTION.match(c) for c in below):
        header += below
        roles = [*roles, *(classify_header(c) for c in below)]
        rest = rest[end:]
    rows = _split_rows(rest, roles)
    if not rows:
        return None
    return _Captured(first, last, [header, *rows])


def _split_rows(cells: Sequence[str | None], roles: Sequence[Role | None]) -> list[list[str]]:
    """Data rows: a new row where the capture ends one, where the 序号 sequence goes on, or after the
    status when it is the last column (what follows it is another row, of the same task if unnumbered)."""
    width = len(roles)
    has_number = roles[0] == "number"
    status_last = roles[-1:] == ["status"]
    rows: list[list[str]] = []
    current: list[str] = []
    expected: int | None = None
    script: str | None = None

    def close() -> None:
        nonlocal current
        if any(c.strip() for c in current):
            rows.append(current)
        current = []

    for cell in cells:
        if cell is None:
            close()
            continue
        text = cell.strip()
        number = _sequence_number(text) if has_number else None
        if number is not None and (expected is None or (number[0] == expected and number[1] == script)):
            close()
            expected, script = number[0] + 1, number[1]
        elif (
            _SECTION.match(text)
            and len(text) <= 40
            and not _SENTENCE.search(text[-1:])
            and (not current or len(current) >= width - 1)
        ):
            close()  # a section heading between rows ("一、主要指标"), never right after a row's 序号
            rows.append([text])
            expected = None  # a section may number its rows from 1 again
            continue
        current.append(text)
        if status_last and len(current) >= 2 and STATUS_WORDS.match(text):
            close()  # the status is the last column: what follows is another row (of the same task)
    close()
    return rows


def _sequence_number(text: str) -> tuple[int, str] | None:
    """(value, script) of a 序号 cell: "24" → (24, "arabic"), "三" → (3, "chinese")."""
    if _ARABIC.match(text):
        return int(re.sub(r"\D", "", text)), "arabic"
    if _CHINESE.match(text):
        value = numeral_value(text.rstrip("、.．"))
        return (value, "chinese") if value is not None else None
    return None


def _headerless(cells: list[str | None], first: int, last: int) -> _Captured | None:
    """Rows printed without a header (the capture starts below it): columns inferred from their contents.

    Only rows the capture itself ends (a row per line) are taken; the inferred columns are said in a note.
    """
    rows: list[list[str]] = []
    current: list[str] = []
    for cell in cells:
        if cell is None:
            if current:
                rows.append(current)
            current = []
        else:
            current.append(cell)
    if current:
        rows.append(current)
    rows = [r for r in rows if any(c.strip() for c in r)]
    width = max((len(r) for r in rows), default=0)
    if len(rows) < 2 or width < MIN_COLUMNS or sum(len(r) == width for r in rows) < 0.8 * len(rows):
        return None
    names = [_infer(column) for column in zip(*(r for r in rows if len(r) == width), strict=True)]
    # Of the columns of long text, the first is the task; the others report on it.
    long = [n for n, name in enumerate(names) if name == "进展情况"]
    if long:
        names[long[0]] = "项目内容"
    if "项目内容" not in names or not {"责任单位", "进展情况", "完成状态"} & set(names):
        return None
    note = f"表格没有表头，各列按内容推断为：{'、'.join(names)}。请核对。"
    return _Captured(first, last, [names, *rows], [note])


def _infer(values: Sequence[str]) -> str:
    """The column a header-less column's values read as, named as a header would name it."""
    vals = [v.strip() for v in values if v.strip()]
    if vals and all(_ARABIC.match(v) or _CHINESE.match(v) for v in vals):
        return "序号"
    if vals and all(STATUS_WORDS.match(v) for v in vals):
        return "完成状态"
    if vals and all(split_units(v) and all(looks_like_unit(u) for u in split_units(v)) for v in vals):
        return "责任单位"
    return "进展情况" if sum(len(v) for v in vals) / max(1, len(vals)) > 12 else "备注"
