"""Placeholder: the narrative parser is being written (see docs/layouts/)."""

from __future__ import annotations

from luoshi.model import Block, Part


def parse_part(title: str | None, blocks: tuple[Block, ...]) -> Part | None:
    """Return the part if these blocks follow this layout's grammar, else None."""
    return None
