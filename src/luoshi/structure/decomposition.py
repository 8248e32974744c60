"""Decomposition plans: numbered tasks, each naming its lead and co-units, under section headings.

The grammar (docs/layouts/decomposition.md): a notice, the plan's title line, then section headings
(一、关于… / （一）…) and numbered tasks; each task names its units in a clause at its end
("（…主办，…协办）", "(牵头单位:…;配合单位:…)", "(市发改委)") or on lines after it ("责任单位：…");
抄送 and the issuing office's line close the document. Tasks are the numbered items of the style
that carries unit clauses; items of other styles that read as headings are headings, nested by
the order their styles appear. A number is read from the text, or from Word's list label when the
text has none.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from luoshi.model import Block, Indicator, Paragraph, Part, Span, Table, Task
from luoshi.quantities.indicators import to_indicators
from luoshi.structure.cell_lines import find_header, read_rows
from luoshi.structure.meta import (
    find_government,
    find_year,
    is_date_line,
    looks_like_title,
    title_from_notice,
)
from luoshi.structure.numbering import STYLE_RANK, Number, outline_levels, read_label, read_number
from luoshi.structure.units import UnitClause, find_unit_clause, parse_role_line

# Lines that close a government document: distribution, the issuing office's imprint, notes.
END_MATTER = re.compile(r"^(?:抄送|主送|抄报|分送|（此件|\(此件|此件公开|此件不公开)|印发$")
# Its openings, and its one ending, as plain words: a search for the ending tries every character.
_END_OPENINGS = ("抄送", "主送", "抄报", "分送", "（此件", "(此件", "此件公开", "此件不公开")


def is_end_matter(text: str) -> bool:
    """Whether a line closes the document (``END_MATTER``), tested without scanning the whole line."""
    return text.startswith(_END_OPENINGS) or text.endswith(("印发", "印发\n"))


# Punctuation a sentence (or a task's last line) ends with; a heading line ends without it.
_SENTENCE_END = "。；;！!？?：:，,、"
HEADING_MAX_CHARS = 50

# At least this many tasks must carry units (or one, named with role words: 责任单位：…), and at
# least this share of the tasks of their numbering style, before blocks are read as a plan.
MIN_TASKS_WITH_UNITS = 2
MIN_SHARE_WITH_UNITS = 0.5


@dataclass
class _Item:
    """A numbered (or heading, or self-standing) paragraph with the lines that belong to it."""

    paragraph: Paragraph
    number: Number | None
    text: str  # the words after the number, continuation lines joined
    typed: bool = True  # the number is typed in the text (not Word's list label)
    roles: UnitClause = field(default_factory=UnitClause)
    clause: tuple[int, int, UnitClause] | None = None
    first: str = ""  # the first paragraph's words after the number
    # The clause of ``text`` when already known (from its paragraph's): (found,) or None to search.
    known: tuple[tuple[int, int, UnitClause] | None] | None = None

    def __post_init__(self) -> None:
        self.first = self.text
        if self.known is not None:
            self.clause = self.known[0]
        else:
            self.close()

    @property
    def heading_level(self) -> int | None:
        return self.paragraph.heading_level

    @property
    def has_units(self) -> bool:
        return self.clause is not None or not self.roles.empty

    @property
    def heading_like(self) -> bool:
        """Styled as a heading, or short and without a sentence's closing punctuation."""
        if self.heading_level is not None:
            return True
        t = self.first.strip()
        return 0 < len(t) <= HEADING_MAX_CHARS and not t.endswith(tuple(_SENTENCE_END))

    def heads(self, task_style: str | None) -> bool:
        """Whether this item can head tasks, given their numbering style (None: not known yet).

        A number of a style that ranks above the tasks' (一、 over 1.) heads them; one of the same
        rank ("1、" among "1." tasks) heads them when it reads as a heading; one that ranks below
        ("（1）" under "1.") details a task.
        """
        if self.heading_level is not None:
            return True
        if self.number is None or (task_style is not None and self.number.style == task_style):
            return False
        if task_style is None:
            return self.heading_like
        rank, task_rank = STYLE_RANK.get(self.number.style, 2), STYLE_RANK.get(task_style, 2)
        return rank < task_rank or (rank == task_rank and self.heading_like)

    def add_line(self, line: str) -> None:
        """Join a line that continues this item; units already read stay read."""
        if self.clause is not None:
            start, end, clause = self.clause
            self.text = (self.text[:start].rstrip() + self.text[end:].strip()).strip()
            self.roles = clause + self.roles
            self.clause = None
        line = line.strip()
        # A line that ends mid-sentence was wrapped: join it without a break.
        ends = self.text.rstrip().endswith(tuple("。；;！!？?：:"))
        sep = "\n" if self.text and (ends or read_number(line) is not None) else ""
        self.text = self.text.rstrip() + sep + line
        self.close()

    def close(self) -> None:
        self.clause = find_unit_clause(self.text)


def _printed(item: _Item) -> str:
    """The item as printed: its text, with Word's list label before it when the text has none."""
    text = item.paragraph.text.strip()
    if item.number is not None and not item.typed:
        return f"{item.number.label}{text}"
    return text


def _heading(item: _Item) -> str:
    """A heading as printed, without the sentences that follow its title in the same paragraph.

    "（一）产业提升人才行动计划。围绕…实施如下重点项目：" heads its tasks as "（一）产业提升人才行动计划".
    """
    text = _printed(item)
    m = re.search(r"[。：:]", text)
    if m and text[m.end() :].strip():
        return text[: m.start()].strip()
    return text.rstrip("。：:").strip() if m else text


def _title_at(paragraphs: list[Paragraph], i: int) -> str | None:
    """The plan title printed at line ``i`` (rejoined if wrapped over two lines), or None."""
    p = paragraphs[i]
    if not looks_like_title(p.text) or read_number(p.text) is not None:
        return None
    # A line break typed inside the title paragraph (GB/T 9704 balances long titles) is not a space.
    title = "".join(line.strip() for line in p.text.splitlines())
    prev = paragraphs[i - 1].text.strip() if i > 0 else ""
    # A title wrapped over two lines: "2021年区政府主要工作" / "目标任务分解落实方案".
    if (
        prev
        and find_year(prev) is not None
        and find_year(title) is None
        and not is_date_line(prev)
        and not prev.endswith(tuple(_SENTENCE_END))
        and len(prev) <= 40
        and read_number(prev) is None
    ):
        title = prev + title
    return title


def _start(paragraphs: list[Paragraph]) -> tuple[int, str | None]:
    """Where the plan begins (after its title line, past the notice) and the title as printed.

    The title is the last title-like line before the first unit clause, one naming a year first: a
    topic line under a heading ("实施产业发展计划") reads like a title too, but names no year.
    """
    first_units = next(
        (i for i, p in enumerate(paragraphs) if find_unit_clause(p.text) is not None),
        len(paragraphs),
    )
    candidates = [(i, t) for i in range(first_units - 1, -1, -1) if (t := _title_at(paragraphs, i))]
    if not candidates:
        return 0, None
    i, title = next((c for c in candidates if find_year(c[1]) is not None), candidates[0])
    return i + 1, title


@dataclass
class _Line:
    """What a paragraph says of itself, read once for both passes of ``_group``."""

    paragraph: Paragraph
    text: str
    typed: Number | None  # the number typed in its text
    number: Number | None  # that, or Word's list label
    clause: tuple[int, int, UnitClause] | None  # its unit clause, where in ``text``

    @property
    def own_clause(self) -> bool:
        return self.clause is not None


def _lines(paragraphs: list[Paragraph]) -> list[_Line]:
    """The paragraphs with their numbers and unit clauses, each read once."""
    out: list[_Line] = []
    last_dot = 0  # the last "N." number seen, so that "11.121人才…" reads as 11 after 10
    for p in paragraphs:
        text = p.text.strip()
        if not text and not p.list_label:
            continue
        typed = read_number(p.text, expected=last_dot + 1)
        number = typed or read_label(p.list_label)
        if number is not None and number.style == "arabic_dot" and number.value is not None:
            last_dot = number.value
        out.append(_Line(p, text, typed, number, find_unit_clause(text)))
    return out


def _shifted(
    clause: tuple[int, int, UnitClause] | None, text: str, body: str
) -> tuple[tuple[int, int, UnitClause] | None] | None:
    """The clause ``text`` has, placed in ``body`` (the text's end); None when it cannot be placed there."""
    shift = len(text) - len(body)
    if not text.endswith(body):
        return None
    if clause is None:
        return (None,)
    start, end, found = clause
    return ((start - shift, end - shift, found),) if start >= shift else None


def _group(lines: list[_Line], task_style: str | None) -> list[_Item]:
    """Cut the plan's paragraphs into items: each number or heading opens one; other lines join it.

    ``task_style`` is the tasks' numbering style once known (a first pass runs without it): then a
    task's wrapped lines and its sub-items ("（1）…" under "1.") join the task.
    """
    items: list[_Item] = []
    task_rank = STYLE_RANK.get(task_style, 2) if task_style is not None else None
    for line in lines:
        p, text, typed, number, own_clause = line.paragraph, line.text, line.typed, line.number, line.own_clause
        if items and is_end_matter(text) and any(it.has_units for it in items):
            break
        current = items[-1] if items else None
        if number is not None or p.heading_level is not None:
            if (
                number is not None
                and p.heading_level is None
                and task_rank is not None
                and STYLE_RANK.get(number.style, 2) > task_rank
                and current is not None
                and not current.heads(task_style)
                and not own_clause
            ):
                current.add_line(text if typed is not None else f"{number.label}{text}")
                continue
            body = (number.rest if typed is not None and number is not None else text).strip()
            # The body ends the paragraph's text: its clause is the text's, shifted (none if none).
            items.append(_Item(p, number, body, typed=typed is not None, known=_shifted(line.clause, text, body)))
            continue
        role = parse_role_line(text)
        if role is not None and current is not None:
            current.roles += role
            continue
        if current is not None and not current.has_units and (not own_clause or not current.heads(task_style)):
            current.add_line(text)
            continue
        if own_clause:
            # A task printed without a number, under a heading or after a complete task.
            items.append(_Item(p, None, text))
        # Otherwise a note after a finished task: not part of any task.
    return items


def _task_style(items: list[_Item]) -> str | None:
    """The numbering style of the tasks: the one most items carrying units are numbered in."""
    styles = Counter(it.number.style for it in items if it.has_units and it.number is not None)
    if not styles:
        return None
    # On a tie, the style of the higher level: sub-items carry units less often than their tasks.
    return max(styles, key=lambda st: (styles[st], -STYLE_RANK.get(st, 2)))


def _indicators(text: str, span: Span | None = None) -> tuple[Indicator, ...]:
    """The task's measurable targets, read by the quantity reader."""
    return tuple(to_indicators(text, span))


_CLAUSE_SEPARATORS = tuple("；;，,")


def _task(item: _Item, section: str | None, subsection: str | None) -> Task:
    units = item.roles
    text = item.text
    if item.clause is not None:
        start, end, clause = item.clause
        units = clause + units
        text = (text[:start].rstrip() + text[end:].strip(" \t\u3000")).strip()
        if text.endswith(_CLAUSE_SEPARATORS) and not item.text[:start].rstrip().endswith(_CLAUSE_SEPARATORS):
            text = text[:-1]
    lead, co = units.roles()
    p = item.paragraph
    # The span locates the task's words in its first paragraph (a wrapped task runs on past it).
    offset = max(0, p.text.find(text[:10])) if text else 0
    span = Span(block=p.index, start=offset, end=min(len(p.text), offset + len(text)))
    return Task(
        number=item.number.numeral if item.number is not None else None,
        text=text,
        section=section,
        subsection=subsection,
        lead=lead,
        co=co,
        leaders=units.leaders,
        deadline=units.deadline,
        indicators=_indicators(text, span),
        span=span,
    )


# A plan's notice, title and signature are in its first lines, its imprint in its last: a plan of
# thousands of tasks is not read through for them.
META_HEAD_LINES = 60
META_TAIL_LINES = 20


def _meta_lines(blocks: tuple[Block, ...]) -> list[str]:
    lines: list[str] = []
    for b in blocks:
        if isinstance(b, Paragraph):
            lines.append(b.text)
        elif isinstance(b, Table):
            lines.extend(" | ".join(c.text for c in row) for row in b.rows)
    if len(lines) > META_HEAD_LINES + META_TAIL_LINES:
        return lines[:META_HEAD_LINES] + lines[-META_TAIL_LINES:]
    return lines


def _task_sections(groups: list[tuple[str | None, str | None, list[_Item]]]) -> dict[str | None, bool]:
    """Which sections hold tasks: those naming units, and those the tasks' numbering runs through.

    A section none of whose items names a unit (总体要求, 工作要求, 保障措施…) holds no tasks, unless
    its numbers continue the plan's one sequence (item 1 "目标。…" before items 2… with units).
    """
    order: dict[str | None, list[_Item]] = {}
    for section, _, group in groups:
        order.setdefault(section, []).extend(group)
    names = list(order)
    values = {name: [it.number.value for it in order[name] if it.number is not None] for name in names}
    keep: dict[str | None, bool] = {}
    for n, name in enumerate(names):
        if any(it.has_units for it in order[name]):
            keep[name] = True
            continue
        vals = [v for v in values[name] if v is not None]
        before = next((values[m][-1] for m in reversed(names[:n]) if values[m] and values[m][-1] is not None), None)
        after = next((values[m][0] for m in names[n + 1 :] if values[m] and values[m][0] is not None), None)
        keep[name] = bool(vals) and (
            (before is not None and vals[0] == before + 1) or (after is not None and vals[-1] + 1 == after)
        )
    return keep


def parse_part(title: str | None, blocks: tuple[Block, ...]) -> Part | None:
    """Return the part if these blocks follow this layout's grammar, else None.

    Steps: find where the plan starts and its title line; find the numbering style of the tasks (or
    read a table printed one cell per line); check that enough of them name units; tell tasks,
    headings and sub-items apart; nest the headings; group the tasks under their sections.
    """
    paragraphs = [b for b in blocks if isinstance(b, Paragraph) and (b.text.strip() or b.list_label)]
    start, title_line = _start(paragraphs)
    lines = _lines(paragraphs[start:])
    style = _task_style(_group(lines, None))
    if style is None:
        tasks = _cell_line_tasks(paragraphs[start:])
        return None if tasks is None else _part(title, title_line, tasks, blocks)
    items = _group(lines, style)
    if not _names_units(items, style):
        return None
    kinds = _kinds(items, style)
    groups = _sections(items, kinds, _heading_levels(items, kinds))
    keep = _task_sections(groups)
    tasks = tuple(
        _task(it, section, subsection) for section, subsection, group in groups if keep[section] for it in group
    )
    return _part(title, title_line, tasks, blocks)


def _names_units(items: list[_Item], style: str) -> bool:
    """Whether enough tasks name their units for the items to be a plan (``MIN_TASKS_WITH_UNITS``…)."""
    with_units = [it for it in items if it.has_units]
    # The share is counted between the first and the last task naming units: numbered points of a
    # notice before them, or of 工作要求 after them, are not tasks that forgot their units.
    positions = [i for i, it in enumerate(items) if it.has_units]
    first, last = (positions[0], positions[-1]) if positions else (0, -1)
    of_style = [it for it in items[first : last + 1] if it.number is not None and it.number.style == style]
    styled_with_units = [it for it in of_style if it.has_units]
    explicit = any(it.roles.explicit or (it.clause is not None and it.clause[2].explicit) for it in with_units)
    enough = len(with_units) >= MIN_TASKS_WITH_UNITS or (with_units and explicit)
    return bool(enough) and len(styled_with_units) >= MIN_SHARE_WITH_UNITS * len(of_style)


def _kinds(items: list[_Item], style: str) -> list[str]:
    """Each item is a task, a heading, or a sub-item of the task before it."""
    kinds: list[str] = []
    for it in items:
        if it.has_units or (it.heading_level is None and it.number is not None and it.number.style == style):
            kinds.append("task")
        elif it.heads(style):
            kinds.append("heading")
        else:
            kinds.append("sub")
    return kinds


def _heading_levels(items: list[_Item], kinds: list[str]) -> dict[int, int]:
    """The outline level of each heading (by ``id``), from the order its style or Word level appears."""
    headings = [it for it, k in zip(items, kinds, strict=True) if k == "heading"]
    keys = [
        (("h", it.heading_level) if it.heading_level is not None else ("n", it.number.style if it.number else None))
        for it in headings
    ]
    values = [it.number.value if it.number is not None else None for it in headings]
    return dict(zip(map(id, headings), outline_levels(list(zip(keys, values, strict=True))), strict=True))


def _sections(
    items: list[_Item], kinds: list[str], levels: dict[int, int]
) -> list[tuple[str | None, str | None, list[_Item]]]:
    """Walk the items: headings set the section, tasks collect, sub-items join their task."""
    open_headings: list[str] = []
    groups: list[tuple[str | None, str | None, list[_Item]]] = []
    current: list[_Item] | None = None
    for it, kind in zip(items, kinds, strict=True):
        if kind == "heading":
            level = levels[id(it)]
            del open_headings[level:]
            open_headings.extend([""] * (level - len(open_headings)))
            open_headings.append(_heading(it))
            current = None
            continue
        if kind == "sub":
            if current:
                current[-1].add_line(_printed(it))
                current[-1].roles += it.roles
            continue
        section = open_headings[0] or None if open_headings else None
        subsection = open_headings[1] or None if len(open_headings) > 1 else None
        if current is None or not groups or groups[-1][:2] != (section, subsection):
            current = []
            groups.append((section, subsection, current))
        current.append(it)
    return groups


def _cell_line_tasks(paragraphs: list[Paragraph]) -> tuple[Task, ...] | None:
    """Tasks of a table printed one cell per line (see ``cell_lines``), or None if there is none."""
    header = find_header(paragraphs)
    if header is None:
        return None
    end, roles = header
    rows = read_rows(paragraphs[end:], roles)
    if sum(1 for r in rows if r.cells.get("lead") or r.cells.get("co")) < MIN_TASKS_WITH_UNITS:
        return None
    return tuple(
        Task(
            number=r.number,
            text=r.text,
            lead=tuple(r.cells.get("lead", ())),
            co=tuple(r.cells.get("co", ())),
            leaders=tuple(r.cells.get("leaders", ())),
            deadline="；".join(r.cells["deadline"]) if r.cells.get("deadline") else None,
            indicators=_indicators(r.text, r.span),
            span=r.span,
        )
        for r in rows
    )


def _part(title: str | None, title_line: str | None, tasks: tuple[Task, ...], blocks: tuple[Block, ...]) -> Part:
    """The plan's part: its tasks, sections, title, government and year."""
    sections = tuple(dict.fromkeys(t.section for t in tasks if t.section is not None))
    lines = _meta_lines(blocks)
    notice_title = next((t for ln in lines if (t := title_from_notice(ln))), None)
    plan_title = title or title_line or notice_title
    return Part(
        title=plan_title,
        kind="decomposition",
        tasks=tasks,
        government=find_government(lines),
        year=find_year(plan_title) or find_year(notice_title),
        sections=sections,
    )
