"""Automatic list labels: render Word's numbering.xml (and HTML ``<ol>``) counters as printed text.

Word does not store an automatic list number in the paragraph's text: the paragraph names a list
(``numId``) and a level (``ilvl``); the list's abstract definition gives, per level, the start value,
the number format (decimal, chineseCounting, ideographTraditional…) and a template such as "%1." or
"（%1）". The label a reader sees is that template filled with the running counters, which this
module keeps the way Word does: a level's counter restarts after any higher level is used, and lists
that point at the same abstract definition without a start override continue one another.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W + "}"

_DIGITS = "〇一二三四五六七八九"
_LEGAL_SIMPLIFIED = "零壹贰叁肆伍陆柒捌玖"
_LEGAL_TRADITIONAL = "零壹貳參肆伍陸柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def chinese_counting(n: int, digits: str = "零一二三四五六七八九", units: str = "十百千") -> str:
    """Chinese numerals as counted in documents: 一, 十, 十一, 二十三, 一百零五."""
    if n <= 0:
        return str(n)
    if n >= 10000:
        return str(n)
    parts: list[str] = []
    values = (1000, 100, 10, 1)
    names = (units[2], units[1], units[0], "")
    zero = False
    for value, name in zip(values, names, strict=True):
        d = n // value % 10
        if d == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append(digits[0])
            zero = False
        parts.append(digits[d] + name)
    text = "".join(parts)
    if 10 <= n < 20:
        text = text[1:]  # 十一, not 一十一
    return text


def roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, sym in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def letters(n: int) -> str:
    """Word's letter numbering: A…Z, then AA…ZZ, AAA…"""
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _enclosed(first: int, count: int) -> Callable[[int], str]:
    return lambda n: chr(first + n - 1) if 1 <= n <= count else str(n)


def _cycle(chars: str) -> Callable[[int], str]:
    return lambda n: chars[(n - 1) % len(chars)] if n > 0 else str(n)


FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}" if 0 <= n < 10 else str(n),
    "upperRoman": roman,
    "lowerRoman": lambda n: roman(n).lower(),
    "upperLetter": letters,
    "lowerLetter": lambda n: letters(n).lower(),
    "chineseCounting": chinese_counting,
    "chineseCountingThousand": chinese_counting,
    "japaneseCounting": chinese_counting,
    "taiwaneseCounting": chinese_counting,
    "koreanCounting": chinese_counting,
    "chineseLegalSimplified": lambda n: chinese_counting(n, _LEGAL_SIMPLIFIED, "拾佰仟"),
    "ideographLegalTraditional": lambda n: chinese_counting(n, _LEGAL_TRADITIONAL, "拾佰仟"),
    "ideographDigital": lambda n: "".join(_DIGITS[int(d)] for d in str(n)),
    "taiwaneseDigital": lambda n: "".join(_DIGITS[int(d)] for d in str(n)),
    "japaneseDigitalTenThousand": lambda n: "".join(_DIGITS[int(d)] for d in str(n)),
    "ideographTraditional": _cycle(_TIANGAN),
    "ideographZodiac": _cycle(_DIZHI),
    "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "decimalFullWidth2": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "decimalEnclosedCircle": _enclosed(0x2460, 20),  # ①
    "decimalEnclosedCircleChinese": _enclosed(0x2460, 20),
    "decimalEnclosedFullstop": _enclosed(0x2488, 20),  # ⒈
    "decimalEnclosedParen": _enclosed(0x2474, 20),  # ⑴
    "ideographEnclosedCircle": _enclosed(0x3280, 10),  # ㊀
    "ideographParenthesized": _enclosed(0x3220, 10),  # ㈠
    "ordinal": lambda n: f"{n}th" if 10 <= n % 100 < 20 else f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }",
    "none": lambda n: "",
}

BULLET = "•"


def format_number(n: int, fmt: str) -> str:
    """``n`` in Word's number format ``fmt``; unknown formats print as decimal."""
    return FORMATS.get(fmt, str)(n)


@dataclass(frozen=True)
class Level:
    """One level of a list definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str | None = "%1."
    restart: int | None = None  # restart after this (0-based) level is used; None = after any higher
    legal: bool = False  # isLgl: show every counter as decimal
    space: bool = False  # suff="space": Word prints a space between the label and the text


@dataclass
class _State:
    counters: list[int | None] = field(default_factory=lambda: [None] * 9)


_PLACEHOLDER = re.compile(r"%([1-9])")


def _val(el: etree._Element | None, default: str | None = None) -> str | None:
    if el is None:
        return default
    v = el.get(_W + "val")
    return default if v is None else v


def _int(s: str | None, default: int) -> int:
    try:
        return int(s) if s is not None else default
    except ValueError:
        return default


def _levels(parent: etree._Element) -> dict[int, Level]:
    out: dict[int, Level] = {}
    for lvl in parent.iterchildren(_W + "lvl"):
        ilvl = _int(lvl.get(_W + "ilvl"), 0)
        text_el = lvl.find(_W + "lvlText")
        restart_el = lvl.find(_W + "lvlRestart")
        restart = _int(_val(restart_el), 0) - 1 if restart_el is not None else None
        out[ilvl] = Level(
            start=_int(_val(lvl.find(_W + "start")), 1),
            fmt=_val(lvl.find(_W + "numFmt"), "decimal") or "decimal",
            text=_val(text_el) if text_el is not None else None,
            restart=restart,
            legal=lvl.find(_W + "isLgl") is not None and _val(lvl.find(_W + "isLgl"), "1") not in ("0", "false"),
            space=_val(lvl.find(_W + "suff")) == "space",
        )
    return out


class Numbering:
    """The lists of one Word document, and the counters as its paragraphs are read in order."""

    def __init__(self, numbering: etree._Element | None) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._num_abstract: dict[str, str] = {}
        self._overrides: dict[str, dict[int, Level | int]] = {}
        self._states: dict[str, _State] = {}
        # Per list: its nine levels and its counters, looked up once (every numbered paragraph needs both).
        self._lists: dict[str, tuple[tuple[Level | None, ...], _State]] = {}
        if numbering is None:
            return
        for an in numbering.iterchildren(_W + "abstractNum"):
            aid = an.get(_W + "abstractNumId")
            if aid is not None and aid not in self._abstract:  # a duplicate id: the first one counts, as in Word
                self._abstract[aid] = _levels(an)
        for num in numbering.iterchildren(_W + "num"):
            nid = num.get(_W + "numId")
            aid = _val(num.find(_W + "abstractNumId"))
            if nid is None or aid is None or nid in self._num_abstract:
                continue
            self._num_abstract[nid] = aid
            overrides: dict[int, Level | int] = {}
            for ov in num.iterchildren(_W + "lvlOverride"):
                ilvl = _int(ov.get(_W + "ilvl"), 0)
                lvl_levels = _levels(ov)
                if ilvl in lvl_levels:
                    overrides[ilvl] = lvl_levels[ilvl]
                so = ov.find(_W + "startOverride")
                if so is not None:
                    overrides.setdefault(ilvl, _int(_val(so), 1))
            self._overrides[nid] = overrides

    def _level(self, num_id: str, ilvl: int) -> Level | None:
        ov = self._overrides.get(num_id, {}).get(ilvl)
        if isinstance(ov, Level):
            return ov
        aid = self._num_abstract.get(num_id)
        if aid is None:
            return None
        base = self._abstract.get(aid, {}).get(ilvl)
        if base is None:
            return None
        if isinstance(ov, int):
            return Level(ov, base.fmt, base.text, base.restart, base.legal, base.space)
        return base

    def _state(self, num_id: str) -> _State:
        # Lists that share an abstract definition and restart nothing continue one another.
        key = num_id if self._overrides.get(num_id) else "a:" + self._num_abstract.get(num_id, num_id)
        return self._states.setdefault(key, _State())

    def _list(self, num_id: str) -> tuple[tuple[Level | None, ...], _State]:
        found = self._lists.get(num_id)
        if found is None:
            found = self._lists[num_id] = (tuple(self._level(num_id, k) for k in range(9)), self._state(num_id))
        return found

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the list ``num_id`` at level ``ilvl`` and return the label as Word prints it.

        The label is followed by a space when the level's suffix is a space ("1、 "), so that label
        and text together read as the printed line.
        """
        if num_id in ("0", "") or not 0 <= ilvl <= 8:
            return None
        levels, state = self._list(num_id)
        level = levels[ilvl]
        if level is None:
            return None
        c = state.counters
        c[ilvl] = level.start if c[ilvl] is None else c[ilvl] + 1  # type: ignore[operator]
        for deeper in range(ilvl + 1, 9):
            lower = levels[deeper]
            if lower is None or lower.restart is None or lower.restart >= ilvl:
                c[deeper] = None
        if level.fmt == "bullet":
            return BULLET
        if level.text is None:
            return None

        def fill(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lv = levels[k] or Level()
            value = c[k] if c[k] is not None else lv.start
            fmt = "decimal" if level.legal and lv.fmt != "none" else lv.fmt
            return format_number(value or 0, fmt)

        label = _PLACEHOLDER.sub(fill, level.text).strip()
        if not label:
            return None
        # A space suffix is part of the printed line ("1、 关于…"); the default tab is layout, not text.
        return label + " " if level.space else label
