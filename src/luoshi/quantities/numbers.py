"""Numbers as printed: width normalisation (same length, so offsets survive) and the number pattern.

Government text mixes full-width and half-width forms ("１２", "1－9月", "1﹒", "，"). ``normalise``
maps each such character to its ASCII form one for one, so an offset in the normalised text is the
same offset in the original. ``NUMBER`` matches Arabic numerals with an optional decimal part;
Chinese numerals are left alone on purpose (the documents write figures in Arabic digits, and
"十四五", "二十九中", "第二轮" are names, not quantities); the reader reads only round ones in the
two forms a figure takes ("超百场", "新增千万吨产能").
"""

from __future__ import annotations

import re

# "\d\d*" is "\d+": written so, the pattern opens with a character class, which the regex engine
# uses to skip to the next digit in one tight loop (a repeat first is tried at every character).
NUMBER = re.compile(r"\d\d*(?:\.\d+)?")

_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_TABLE.update(
    {
        0x3000: 0x20,  # ideographic space
        0xFE52: 0x2E,  # ﹒ small full stop, used as "1﹒" in list numbers
        0x2014: 0x2D,  # — em dash
        0x2013: 0x2D,  # – en dash
        0x2212: 0x2D,  # − minus
        0x2015: 0x2D,  # ― horizontal bar
        0x00A0: 0x20,
    }
)


_NARROW = {chr(wide): chr(narrow) for wide, narrow in _TABLE.items()}
_WIDE = re.compile("[" + re.escape("".join(_NARROW)) + "]")


def normalise(text: str) -> str:
    """``text`` with full-width ASCII forms, dashes and odd spaces made ASCII, one character for one."""
    # The same as ``text.translate(_TABLE)``, which looks every character up in the table: a text
    # holds few kinds of wide characters (，：（）％…), and replacing each kind present is faster. No
    # replacement is itself replaced again: the table maps wide characters to ASCII, never to one of
    # its own keys.
    out = text
    for wide in set(_WIDE.findall(text)):
        out = out.replace(wide, _NARROW[wide])
    assert len(out) == len(text)
    return out
