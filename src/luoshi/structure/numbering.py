"""Item numbers as governments print them (1. 1﹒ 1、 （一） (1) ① 第一部分…): read, classify, nest.

A number is read from the start of a paragraph's text, or from the label Word renders itself
(``Paragraph.list_label``) when the text has none. Each number has a *style* (the shape of its
label, full- and half-width forms counted as one) so that a parser can tell the style of its tasks
from the style of its headings, and ``outline_levels`` nests heading styles by first appearance,
as GB/T 9704 documents do (一、 → （一） → 1. → （1）). See docs/layouts/decomposition.md.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from luoshi.frozen import quick_init

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100}
_CN = "〇零一二三四五六七八九十百两"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FULLWIDTH_DIGIT = re.compile("[０-９]")
# The characters a label can begin with, besides digits: brackets, 第, Chinese and circled numerals.
_LABEL_FIRST = frozenset("（(【[〔［第" + _CN + _CIRCLED)

# A list of years ("2021、2022年…") opens a sentence, never an item numbered 2021.
_NOT_YEARS = r"(?!(?:19|20)\d{2}\s*[、，,]\s*(?:(?:19|20)\d{2}|\d{1,2}\s*年))"
# Label shapes, tried in order; each names its style. Plans of thousands of tasks number them so:
# up to five digits. A style ignores full/half width: "（一）" and
# "(一)" are one style, and so are "1." "1．" "1﹒". "1、" is its own style (001 prints its first
# section heading "1、 关于…" among "1." tasks, and the difference is what tells them apart).
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("paren_cn", re.compile(rf"^[（(]\s*([{_CN}]+)\s*[）)]\s*")),
    ("paren_arabic", re.compile(r"^[（(]\s*(\d{1,4})\s*[）)]\s*")),
    ("bracket_arabic", re.compile(r"^[【\[〔［]\s*(\d{1,4})\s*[】\]〕］]\s*")),
    ("di_cn", re.compile(rf"^第\s*([{_CN}\d]+)\s*(部分|章|节|条|项|篇|方面)[、，,.．:：\s]*")),
    ("cn_comma", re.compile(rf"^([{_CN}]+)\s*[、，,．.]\s*")),
    # A dot followed by a digit is a decimal ("2.5%"), never a label.
    ("arabic_dot", re.compile(r"^(\d{1,5})\s*[.．﹒·](?!\d)\s*")),
    ("arabic_comma", re.compile(rf"^{_NOT_YEARS}(\d{{1,5}})\s*[、，,](?!\d)\s*")),
    ("arabic_paren", re.compile(r"^(\d{1,4})\s*[）)]\s*")),
    ("circled", re.compile(rf"^([{_CIRCLED}])\s*")),
    # "1\t任务…" / "1　任务…": a number set off by a tab or an ideographic space (Word exports).
    ("arabic_space", re.compile(r"^(\d{1,5})[\t\u3000]+")),
)

# The shapes that begin with a digit, and those that begin with anything else: a label is tried only
# against the shapes its first character can begin (in ``_PATTERNS``' order within each).
_DIGIT_STYLES = frozenset(("arabic_dot", "arabic_comma", "arabic_paren", "arabic_space"))
_DIGIT_FIRST = tuple((style, p) for style, p in _PATTERNS if style in _DIGIT_STYLES)
_OTHER_FIRST = tuple((style, p) for style, p in _PATTERNS if style not in _DIGIT_STYLES)


@quick_init
@dataclass(frozen=True)
class Number:
    """A number read from the start of a paragraph: its label as printed, style and value."""

    label: str  # as printed, e.g. "1﹒", "（一）", "1、 "
    numeral: str  # the numeral alone, as printed: "12", "一", "①"
    style: str  # e.g. "arabic_dot", "paren_cn"; full/half width are one style
    value: int | None  # 12 for "12." and "十二、"; None if the numeral cannot be read
    rest: str  # the paragraph's text after the label


def cn_to_int(numeral: str) -> int | None:
    """Read a Chinese numeral up to the hundreds ("十二" → 12, "二十" → 20, "一百零五" → 105)."""
    if not numeral:
        return None
    if all(ch in CN_DIGITS for ch in numeral):
        # Digit by digit, as in "二〇二三".
        total = 0
        for ch in numeral:
            total = total * 10 + CN_DIGITS[ch]
        return total
    total, digit = 0, None
    for ch in numeral:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def numeral_value(numeral: str) -> int | None:
    """The value of an arabic, Chinese or circled numeral."""
    digits = numeral.translate(_FULLWIDTH_DIGITS)
    if digits.isdecimal():
        return int(digits)
    if len(numeral) == 1 and numeral in _CIRCLED:
        return _CIRCLED.index(numeral) + 1
    return cn_to_int(numeral)


# "11.121人才梯队项目": a label before a name that starts with digits, read only when 11 is the
# number the list expects next (otherwise "2.5%…" would be a label).
_DOT_BEFORE_DIGIT = re.compile(r"^(\d{1,5})\s*[.．﹒](?=\d)")

# The usual nesting of number styles in government documents (GB/T 9704-2012, 7.3.3: 一、 →
# （一） → 1. → （1）); a lower rank is a higher level.
STYLE_RANK = {
    "di_cn": 0,
    "cn_comma": 0,
    "paren_cn": 1,
    "arabic_dot": 2,
    "arabic_comma": 2,
    "arabic_space": 2,
    "bracket_arabic": 2,
    "paren_arabic": 3,
    "arabic_paren": 3,
    "circled": 4,
}


@lru_cache(maxsize=4096)
def read_number(text: str, expected: int | None = None) -> Number | None:
    """The number a paragraph's text starts with, or None; leading spaces are not part of it.

    ``expected``: the value the list expects next; only then is "11.121…" read as 11 and "121…".
    Cached: a parser reads the same paragraph's number in each of its passes; a Number is immutable.
    """
    stripped = text.lstrip(" \t\u3000\u00a0")
    if not stripped or not (stripped[0] in _LABEL_FIRST or stripped[0].isdecimal()):
        return None  # every label begins with a bracket, 第, a numeral or a digit (\d: isdecimal)
    if _FULLWIDTH_DIGIT.search(stripped):  # translating looks up every character: only when needed
        stripped = stripped.translate(_FULLWIDTH_DIGITS)
    if expected is not None:
        m = _DOT_BEFORE_DIGIT.match(stripped)
        if m and int(m.group(1)) == expected:
            return Number(m.group(0), m.group(1), "arabic_dot", expected, stripped[m.end() :])
    for style, pattern in _DIGIT_FIRST if stripped[0].isdecimal() else _OTHER_FIRST:
        m = pattern.match(stripped)
        if m is None:
            continue
        rest = stripped[m.end() :]
        if (not rest or rest.isspace()) and style not in ("di_cn",):
            # A label with nothing after it is a label alone (a Word list item left empty).
            return Number(m.group(0), m.group(1), style, numeral_value(m.group(1)), "")
        if style == "cn_comma" and m.group(0).rstrip()[-1] in "，," and len(m.group(1)) == 1:
            # "一，" opens a sentence ("一，是…") far more often than it numbers an item.
            continue
        return Number(m.group(0), m.group(1), style, numeral_value(m.group(1)), rest)
    return None


@lru_cache(maxsize=1024)
def read_label(label: str | None) -> Number | None:
    """Read a Word list label ("12." "（二）") on its own; None for bullets and empty labels."""
    if not label or not label.strip():
        return None
    n = read_number(label.strip() + " x")
    if n is None:
        return None
    # Word prints a space after the label when the list's suffix is a space ("1、 关于…"); keep it so
    # the heading reads as printed. A tab suffix is layout, not text.
    printed = label.strip() + (" " if label.endswith(" ") else "")
    return Number(printed, n.numeral, n.style, n.value, "")


def outline_levels(keys: Sequence[tuple[Hashable, int | None]]) -> list[int]:
    """Nest headings by the first appearance of their styles; return each heading's level (0 = top).

    ``keys`` are (style key, value) per heading in document order. A style not seen before opens a
    level below the current one, unless its value continues the sequence of an open level (the
    heading before it read 1 and this one reads 二): then it is that level's number printed in
    another style, as 001 prints "1、 关于…" and then "二、关于…".
    """
    stack: list[Hashable] = []  # styles of the open levels, top first
    last: list[int | None] = []  # the last value seen at each open level
    levels: list[int] = []
    for key, value in keys:
        if key in stack:
            level = stack.index(key)
        else:
            level = len(stack)
            if value is not None and value > 1:
                for i in range(len(stack)):
                    if last[i] == value - 1:
                        level = i
                        break
        del stack[level:]
        del last[level:]
        stack.append(key)
        last.append(value)
        levels.append(level)
    return levels
