"""Structure: a read ``Document`` → a ``Plan`` of parts, sections and tasks.

A document is first cut into parts (one per 附件, or the whole document); each part goes to the
first parser that recognises its grammar: status/plan tables, then numbered decomposition plans,
then narrative reports. Each parser lives in its own module with a note in ``docs/layouts/``.
"""

from __future__ import annotations

from luoshi.model import Block, Document, Part, Plan
from luoshi.structure import decomposition, narrative, tables
from luoshi.structure.parts import split_parts


def parse_document(doc: Document) -> Plan:
    """Structure every part of ``doc``; a document with no recognisable part yields no parts."""
    parts: list[Part] = []
    for title, blocks in split_parts(doc.blocks):
        part = parse_part(title, blocks)
        if part is not None:
            parts.append(part)
    return Plan(source=doc.source, parts=tuple(parts))


def parse_part(title: str | None, blocks: tuple[Block, ...]) -> Part | None:
    """Give the blocks of one part to the first parser that recognises them."""
    for parser in (tables.parse_part, decomposition.parse_part, narrative.parse_part):
        part = parser(title, blocks)
        if part is not None:
            return part
    return None


__all__ = ["parse_document", "parse_part"]
