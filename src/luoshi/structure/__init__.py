"""Structure: a read ``Document`` → a ``Plan`` of parts, sections and tasks.

A document is first cut into parts (one per 附件, or the whole document); each part goes to the
first parser of ``PARSERS`` that recognises its grammar: status/plan tables, then progress notices,
then numbered decomposition plans, then narrative reports. Each parser lives in its own module with a
note in ``docs/layouts/``; a new layout is one module and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from luoshi.gc_pause import gc_paused
from luoshi.model import Block, Document, Part, Plan
from luoshi.structure import captured, decomposition, narrative, notices, tables
from luoshi.structure.parts import split_parts

PartParser = Callable[[str | None, tuple[Block, ...]], Part | None]

# The parsers, in the order they are asked: a notice's numbered items may carry unit clauses
# ("1、X，牵头部门：Y。"), so notices are recognised (by their title and preamble) before plans.
PARSERS: tuple[tuple[str, PartParser], ...] = (
    ("tables", tables.parse_part),
    ("notices", notices.parse_part),
    ("decomposition", decomposition.parse_part),
    ("narrative", narrative.parse_part),
)


def parse_document(doc: Document) -> Plan:
    """Structure every part of ``doc``; a document with no recognisable part yields no parts.

    The garbage collector is paused meanwhile (``gc_paused``): its passes over the growing plan cost
    a sixth of parsing a plan of 10,000 tasks, and the plan holds no cycles for it to find.
    """
    parts: list[Part] = []
    with gc_paused():
        for title, blocks in split_parts(doc.blocks):
            part = parse_part(title, blocks)
            if part is not None:
                parts.append(part)
    return Plan(source=doc.source, parts=tuple(parts))


def parse_part(title: str | None, blocks: tuple[Block, ...]) -> Part | None:
    """Give the blocks of one part to the first parser that recognises them.

    Tables captured as plain text (one cell per line ending in "|", one per paragraph, a whole table
    on one line…) are rebuilt into tables first (``captured``); what the rebuild could not settle
    goes into the part's notes.
    """
    blocks, notes = captured.rebuild(blocks)
    for _, parser in PARSERS:
        part = parser(title, blocks)
        if part is not None:
            return replace(part, notes=part.notes + notes) if notes else part
    return None


__all__ = ["PARSERS", "parse_document", "parse_part"]
