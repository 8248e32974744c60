"""Cut text into sentences and clauses, keeping each piece's offsets in the original text.

``split_sentences(text) -> list[tuple[int, int, str]]``: (start, end, sentence) on 。；;！!？? and
line breaks; the terminator is left out, surrounding whitespace trimmed, empty pieces dropped, and
``text[start:end] == sentence`` always holds.
``split_clauses(sentence)`` does the same inside a sentence on ，,：: (the commas that separate the
clauses of a Chinese sentence; 、 joins list items and stays inside a clause).
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[。；;！!？?\n\r]+")
_CLAUSE_END = re.compile(r"[，,：:]+")


def _split(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int, str]]:
    pieces: list[tuple[int, int, str]] = []
    pos = 0
    for m in [*pattern.finditer(text), None]:
        end = m.start() if m else len(text)
        start = pos
        while start < end and text[start].isspace():
            start += 1
        stop = end
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if stop > start:
            pieces.append((start, stop, text[start:stop]))
        if m:
            pos = m.end()
    return pieces


def split_sentences(text: str) -> list[tuple[int, int, str]]:
    """The sentences of ``text`` as (start, end, sentence), cut on 。；;！!？? and line breaks."""
    return _split(text, _SENTENCE_END)


def split_clauses(sentence: str) -> list[tuple[int, int, str]]:
    """The clauses of one sentence as (start, end, clause), cut on ，,：:."""
    return _split(sentence, _CLAUSE_END)
