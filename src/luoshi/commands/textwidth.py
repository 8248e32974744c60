"""Fixed-width text tables for the terminal, counting a Chinese character as two columns."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def clip(text: str, cols: int) -> str:
    """``text`` on one line, cut to ``cols`` display columns with an ellipsis, padded to ``cols``."""
    text = " ".join(text.split())
    out, used = "", 0
    for ch in text:
        w = width(ch)
        if used + w > cols - (1 if used + w < width(text) else 0):
            out += "…"
            used += 1
            break
        out += ch
        used += w
    return out + " " * max(0, cols - used)


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]) -> str:
    lines = ["  ".join(clip(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(clip(c, w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)
