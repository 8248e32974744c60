"""Cut text into sentences and clauses, keeping each piece's offsets in the original text.

``split_sentences(text) -> list[tuple[int, int, str]]``: (start, end, sentence) on 。；;！!？? and
line breaks; the terminator is left out, surrounding whitespace trimmed, empty pieces dropped, and
``text[start:end] == sentence`` always holds.
``split_clauses(sentence)`` does the same inside a sentence on ，,：: (the commas that separate the
clauses of a Chinese sentence; 、 joins list items and stays inside a clause).
"""

from __future__ import annotations

import re

# The runs between the terminators: the pieces themselves, found in one scan.
_SENTENCE = re.compile(r"[^。；;！!？?\n\r]+")
_CLAUSE = re.compile(r"[^，,：:]+")


def _split(text: str, piece: re.Pattern[str]) -> list[tuple[int, int, str]]:
    # Each piece is trimmed as it is found: a scan of the whole text for a space first (to take the
    # pieces as found when there is none) cost more than it saved, a ``\s`` test being slow per character.
    pieces: list[tuple[int, int, str]] = []
    for m in piece.finditer(text):
        raw = m.group()
        # str.strip() removes exactly the characters str.isspace() accepts.
        stripped = raw.strip()
        if stripped is raw:  # nothing stripped (CPython returns the string itself): most pieces
            pieces.append((m.start(), m.end(), raw))
        elif stripped:
            start = m.start() + len(raw) - len(raw.lstrip())
            pieces.append((start, start + len(stripped), stripped))
    return pieces


def split_sentences(text: str) -> list[tuple[int, int, str]]:
    """The sentences of ``text`` as (start, end, sentence), cut on 。；;！!？? and line breaks."""
    return _split(text, _SENTENCE)


def split_clauses(sentence: str) -> list[tuple[int, int, str]]:
    """The clauses of one sentence as (start, end, clause), cut on ，,：:."""
    return _split(sentence, _CLAUSE)
