"""Cut text into sentences and clauses, keeping each piece's offsets in the original text.

``split_sentences(text) -> list[tuple[int, int, str]]``: (start, end, sentence) on 。；;！!？? and
line breaks; the terminator is left out, surrounding whitespace trimmed, empty pieces dropped, and
``text[start:end] == sentence`` always holds.
``split_clauses(sentence)`` does the same inside a sentence on ，,：: (the commas that separate the
clauses of a Chinese sentence; 、 joins list items and stays inside a clause).
"""

from __future__ import annotations

# The characters that end a sentence and a clause; a piece is a maximal run of other characters.
_SENTENCE_ENDS = "。；;！!？?\n\r"
_CLAUSE_ENDS = "，,：:"


def _split(text: str, ends: str) -> list[tuple[int, int, str]]:
    """The maximal runs of ``text`` without a character of ``ends``, trimmed, as (start, end, piece).

    The other terminators are made the first (one character for one, so offsets hold) and the text is
    cut with ``str.split``: faster than a pattern scan of the runs, which tries every character. Each
    piece is trimmed as it is found.
    """
    first = ends[0]
    t = text
    for end in ends[1:]:
        if end in t:
            t = t.replace(end, first)
    pieces: list[tuple[int, int, str]] = []
    append = pieces.append
    pos = 0
    for raw in t.split(first):
        n = len(raw)
        if n:
            # str.strip() removes exactly the characters str.isspace() accepts.
            stripped = raw.strip()
            if stripped is raw:  # nothing stripped (CPython returns the string itself): most pieces
                append((pos, pos + n, raw))
            elif stripped:
                start = pos + n - len(raw.lstrip())
                append((start, start + len(stripped), stripped))
        pos += n + 1
    return pieces


def split_sentences(text: str) -> list[tuple[int, int, str]]:
    """The sentences of ``text`` as (start, end, sentence), cut on 。；;！!？? and line breaks."""
    return _split(text, _SENTENCE_ENDS)


def split_clauses(sentence: str) -> list[tuple[int, int, str]]:
    """The clauses of one sentence as (start, end, clause), cut on ，,：:."""
    return _split(sentence, _CLAUSE_ENDS)
