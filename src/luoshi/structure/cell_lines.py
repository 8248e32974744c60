"""A task table flattened to one cell per line: "序号 / 民生实事 / 责任单位 / 完成时限", then rows.

Web pages and text exports often lose a table's grid and print each cell as a paragraph: the
header cells one per line, then each row as a bare number, the task, its units one per line, and
the rest of its cells. Units of a merged cell are printed once, in its first row; a row printed
without a number continues the one before it (two targets sharing a number). The columns are
recognised by their header words (``columns.classify_header``); see docs/layouts/decomposition.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from luoshi.model import Paragraph, Span
from luoshi.structure.columns import MAX_HEADER_CHARS, classify_header
from luoshi.unit_names import looks_like_unit, split_units

_BARE_NUMBER = re.compile(r"^\d{1,3}$")
_SENTENCE_PUNCT = re.compile(r"[。；;，,：:！？!?]")
UNIT_ROLES = ("lead", "co")
SHORT_CELL_CHARS = 20  # a deadline, note or leader cell is short; a task is a sentence


@dataclass
class Row:
    """One row read back from its lines: number, task text, and the other cells by column role."""

    number: str | None
    text: str
    paragraph: Paragraph
    cells: dict[str, list[str]] = field(default_factory=dict)

    @property
    def span(self) -> Span:
        return Span(block=self.paragraph.index, start=0, end=len(self.paragraph.text))


def _is_header_cell(text: str) -> bool:
    return 0 < len(text) <= MAX_HEADER_CHARS and not _SENTENCE_PUNCT.search(text) and not _BARE_NUMBER.match(text)


def _is_units(text: str) -> bool:
    if text.endswith("。"):
        return False  # a sentence
    units = split_units(text)
    return bool(units) and all(looks_like_unit(u) for u in units)


def find_header(paragraphs: list[Paragraph]) -> tuple[int, list[str]] | None:
    """The header run (序号 first, one column naming units among the rest): (index after it, roles)."""
    texts = [p.text.strip() for p in paragraphs]
    for i, text in enumerate(texts):
        if classify_header(text) != "number":
            continue
        roles: list[str] = ["number"]
        j = i + 1
        while j < len(texts) and _is_header_cell(texts[j]):
            role = classify_header(texts[j])
            if role is None or role == "target":
                role = "text" if "text" not in roles else "note"
            roles.append(role)
            j += 1
        if len(roles) >= 3 and "text" in roles and any(r in UNIT_ROLES for r in roles):
            return j, roles
    return None


def _is_text_cell(text: str) -> bool:
    """A task's words: a sentence, not a heading, a unit or a page's chrome ("分享到:")."""
    return len(text) >= 4 and not text.endswith((":", "：")) and not _is_units(text)


def read_rows(paragraphs: list[Paragraph], roles: list[str]) -> list[Row]:
    """Read rows after the header until a line fits no cell of a row."""
    rows: list[Row] = []
    i = 0
    texts = [p.text.strip() for p in paragraphs]
    columns = roles[roles.index("text") + 1 :]
    while i < len(texts):
        number: str | None = None
        if _BARE_NUMBER.match(texts[i]):
            number = texts[i]
            i += 1
        elif not rows or not _is_text_cell(texts[i]) or not texts[i].endswith(("。", "；", ";")):
            break  # an unnumbered line continues a row only when it is a sentence
        if i >= len(texts) or not _is_text_cell(texts[i]):
            break
        row = Row(number, texts[i], paragraphs[i])
        i += 1
        for role in columns:
            taken: list[str] = []
            if role in UNIT_ROLES:
                while i < len(texts) and _is_units(texts[i]):
                    taken.extend(split_units(texts[i]))
                    i += 1
                if not taken and rows:
                    taken = rows[-1].cells.get(role, [])  # a merged cell, printed in its first row
            elif (
                i < len(texts)
                and len(texts[i]) <= SHORT_CELL_CHARS
                and not _BARE_NUMBER.match(texts[i])
                and not texts[i].endswith("。")
            ):
                taken = [texts[i]]
                i += 1
            if taken:
                row.cells.setdefault(role, []).extend(taken)
        rows.append(row)
    return rows
