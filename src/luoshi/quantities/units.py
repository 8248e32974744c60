"""Units of measure: what may follow a number, what kind of quantity it makes, and base units.

The reader keeps 万/亿/千 in the unit as printed (1441.54 with "亿元", 10 with "万平方米", 2.1 with
"万人"), so every figure can be shown as the document wrote it. ``to_base(value, unit)`` takes the
multiplier out — ``to_base(2.1, "万人") == (21000.0, "人")`` — so the judge (and the tests) compare
figures numerically whatever multiplier each side used.

``unit_class(unit)`` says what a unit measures: "percent", "points" (个百分点), "rate" (150/10万),
"amount" (money, area, length, weight, volume, concentration), "count" (家, 个, 件, 人…), or
"none" for a unit that marks a number as a label rather than a quantity (号, 届, 级, 地块…).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Multipliers that may stand between a number and its unit; longest first where they overlap.
MULTIPLIERS: dict[str, float] = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "十亿": 1e9,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "十万": 1e5,
    "万": 1e4,
    "千": 1e3,
    "百": 1e2,
}

# Units measuring an amount (money, area, length, weight, volume, energy, concentration, freight).
# What a government report measures in: money (元, 美元), land (亩, 公顷, 平方公里), building (平方米,
# 延米), roads and pipes (公里, 米), grain and output (斤, 公斤, 吨), water and gas (立方米 and the
# everyday 方: 22亿方), power (千瓦, 兆瓦, 千瓦时, 千伏安), containers (标准箱, TEU); a multiplier before
# any of them is read apart (万吨, 亿斤, 亿方, 万千瓦).
AMOUNT_UNITS = (
    "元",
    "美元",
    "欧元",
    "港元",
    "港币",
    "日元",
    "英镑",
    "平方米",
    "平米",
    "平方",  # "6.24万平方": 平方米 as offices often print it (平方公里 is tried first, being longer)
    "平方公里",
    "平方千米",
    "公顷",
    "亩",
    "公里",
    "千米",
    "延米",
    "米",
    "吨",
    "公斤",
    "千克",
    "克",
    "立方米",
    "立方",
    "方",
    "升",
    "斤",
    "千瓦时",
    "千瓦",
    "兆瓦时",
    "兆瓦",
    "千伏安",
    "度",
    "吨标准煤",
    "微克/立方米",
    "毫克/立方米",
    "μg/m³",
    "μg/m3",
    "ug/m³",
    "ug/m3",
    "mg/m³",
    "mg/m3",
    "标准箱",
    "标箱",
    "TEU",
)

# Classifiers and units that count things, events or people; the "…次" words count trips or visits
# (开行4000班次, 航班架次, 接待游客万人次).
COUNT_UNITS = (
    "家次",
    "人次",
    "户次",
    "车次",
    "架次",
    "班次",
    "航次",
    "艘次",
    "列次",
    "台次",
    "批次",
    "趟",
    "家",
    "个",
    "件",
    "人",
    "名",
    "位",
    "条",
    "部",
    "栋",
    "幢",
    "座",
    "张",
    "场",
    "次",
    "户",
    "项",
    "所",
    "处",
    "幅",
    "台",
    "套",
    "间",
    "篇",
    "起",
    "辆",
    "只",
    "支",
    "组",
    "批",
    "本",
    "册",
    "份",
    "颗",
    "株",
    "棵",
    "头",
    "艘",
    "列",
    "盏",
    "根",
    "杆",
    "块",
    "床",
    "个月",
    "个工作日",
    "工作日",
    "年",
    "天",
    "小时",
    "分钟",
    "周",
    "岁",
    "倍",
    "项次",
    "宗",
    "例",
    "单",
    "笔",
    "类",
)

PERCENT_UNITS = ("%", "％", "‰", "个百分点", "百分点")

# Words that begin with a unit's character but are no unit: "3方面" is not 3 立方米.
NOT_UNITS = ("方面", "方案", "方式", "方向", "方针", "方法", "方位", "方阵", "方舱", "方言", "方略", "斤两")

# Words after a number that make it a label, a level or a date, never a quantity.
LABEL_UNITS = (
    "号线",
    "号楼",
    "号",
    "届",
    "级",
    "期",
    "代",
    "版",
    "型",
    "地块",
    "周年",
    "路",
    "星",
    "档",
    "线",
    "楼",
    "室",
    "层",
    "弄",
    "轮",
    "月",
    "日",
    "时",
    "点",
    "伏",  # "750千伏电网": a voltage class (千伏安, the capacity, is an amount)
)

_COMPOUND_BASES = sorted(AMOUNT_UNITS + COUNT_UNITS, key=len, reverse=True)
_BASES = sorted(AMOUNT_UNITS + COUNT_UNITS + PERCENT_UNITS, key=len, reverse=True)
_MULTS = sorted(MULTIPLIERS, key=len, reverse=True)
# "150/10万", "3.5/万人": a rate per so many (the denominator is part of the unit).
_PER = re.compile(r"/\s*(\d*)\s*(万|千|百|十万)(人)?")
_BASE_SET = frozenset(_BASES)
_LABEL_SET = frozenset(LABEL_UNITS)
_AMOUNT_SET = frozenset(AMOUNT_UNITS)
_COUNT_SET = frozenset(COUNT_UNITS)


def _by_first_char(words: list[str] | tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """``words`` grouped by their first character, each group in the order of ``words``.

    Trying only the group of the character at a position finds the same first match as trying every
    word in order (a word can only start there if its first character is that one), in a few tries.
    """
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w)
    return {ch: tuple(ws) for ch, ws in groups.items()}


_NOT_UNIT_SET = frozenset(NOT_UNITS)
_BASES_AT = _by_first_char(sorted([*_BASES, *NOT_UNITS], key=len, reverse=True))
_MULTS_AT = _by_first_char(_MULTS)
_LABELS_AT = _by_first_char(LABEL_UNITS)
_MULTIPLIER_CHARS = "千百万亿十"
_SYNONYMS = {
    "平米": "平方米",
    "平方": "平方米",
    "方": "立方米",
    "立方": "立方米",
    "标准箱": "TEU",
    "标箱": "TEU",
    "％": "%",
    "μg/m3": "μg/m³",
    "ug/m³": "μg/m³",
    "ug/m3": "μg/m³",
    "mg/m3": "mg/m³",
}


def match_unit(text: str, pos: int) -> tuple[str, str, int] | None:
    """The unit printed at ``text[pos:]``: (multiplier, base unit, end), or None when there is none.

    The base may be "" when only a multiplier follows the number ("446亿", "8万左右"); the label
    words of ``LABEL_UNITS`` come back as a base too, so the caller can tell a label from a quantity.
    """
    # Each loop tries, in order, only the words that start with the character at its position.
    if pos >= len(text):
        return None
    first = text[pos]
    # A unit that merely starts with a multiplier character (千瓦, 千米, 百分点) wins over the split.
    if first in _MULTIPLIER_CHARS:
        for base in _BASES_AT.get(first, ()):
            if text.startswith(base, pos):
                return "", base, pos + len(base)
    mult = ""
    for m in _MULTS_AT.get(first, ()):
        if text.startswith(m, pos):
            mult = m
            break
    p = pos + len(mult)
    # "4.7万余件", "5500余户": 余/多 may sit between the number (and multiplier) and the unit.
    q = p + 1 if p < len(text) and text[p] in "余多" else p
    best: tuple[str, str, int] | None = None
    if q < len(text):
        # The words of NOT_UNITS are tried with the bases, longer first: one that is there ends the search.
        for base in _BASES_AT.get(text[q], ()):
            if text.startswith(base, q):
                if base not in _NOT_UNIT_SET:
                    best = (mult, base, q + len(base))
                break
    if p < len(text):
        best = _label_over(text, p, mult, best)
    if best is not None:
        return best
    if mult:
        return mult, "", p
    return None


def _label_over(text: str, p: int, mult: str, best: tuple[str, str, int] | None) -> tuple[str, str, int] | None:
    """A label word at ``p`` wins over the unit ``best`` when it is longer ("100周年" is an anniversary, not 100 周)."""
    for label in _LABELS_AT.get(text[p], ()):
        if text.startswith(label, p) and (best is None or p + len(label) > best[2]):
            return mult, label, p + len(label)
    return best


def compound_tail(text: str, pos: int) -> tuple[str, int] | None:
    """A "/unit" after a unit ("公顷/亿元", "立方米/万元"), or a rate base ("/10万"): (tail, end)."""
    if pos >= len(text) or text[pos] != "/":
        return None
    p = pos + 1
    for mult in [*_MULTS, ""]:
        if not text.startswith(mult, p):
            continue
        for base in _COMPOUND_BASES:
            if text.startswith(base, p + len(mult)):
                end = p + len(mult) + len(base)
                return text[pos:end], end
    m = _PER.match(text, pos)
    if m:
        return text[pos : m.end()].replace(" ", ""), m.end()
    return None


@lru_cache(maxsize=1024)
def unit_class(unit: str | None) -> str:
    """What ``unit`` measures: percent, points, rate, amount, count, none (a label) or bare."""
    if not unit:
        return "bare"
    if unit in ("个百分点", "百分点"):
        return "points"
    if unit in PERCENT_UNITS:
        return "percent"
    if unit.startswith("/"):
        return "rate"
    if "/" in unit:
        return "amount"
    base = strip_multiplier(unit)[1]
    if base in _LABEL_SET:
        return "none"
    if base in _AMOUNT_SET:
        return "amount"
    if base in _COUNT_SET:
        return "count"
    return "bare"


def strip_multiplier(unit: str) -> tuple[float, str]:
    """Split "万平方米" into (1e4, "平方米"); a unit that is itself a word (千瓦) is left whole."""
    if unit in _BASE_SET or unit.startswith("/") or "/" in unit:
        return 1.0, unit
    for m in _MULTS:
        if unit.startswith(m):
            factor, rest = strip_multiplier(unit[len(m) :])
            return MULTIPLIERS[m] * factor, rest
    return 1.0, unit


def to_base(value: float, unit: str | None) -> tuple[float, str]:
    """``value`` in ``unit`` as the same figure in the unit without 万/亿/千: (2.1, "万人") → (21000, "人").

    Synonyms are unified (平米 → 平方米, ％ → %); rates ("/10万") and compound units ("公顷/亿元")
    are returned unchanged. A bare multiplier ("万") becomes the empty unit.
    """
    if not unit:
        return float(value), ""
    factor, base = strip_multiplier(unit.strip())
    base = _SYNONYMS.get(base, base)
    result = float(value) * factor
    # Keep the result free of binary noise (2.1 * 1e4 = 21000.000000000004).
    return float(round(result, 6)) if factor != 1.0 else result, base


def same_quantity(a: tuple[float, str | None], b: tuple[float, str | None], rel: float = 1e-6) -> bool:
    """Whether two (value, unit) pairs are the same figure once multipliers are taken out."""
    va, ua = to_base(*a)
    vb, ub = to_base(*b)
    return ua == ub and abs(va - vb) <= rel * max(1.0, abs(va), abs(vb))


_BARE_FIGURE = re.compile(r"\s*[<>≥≤]?\s*\d[\d.,，]*\s*([^\d\s]{0,4})\s*")


def bare_figure(text: str) -> bool:
    """Whether a cell is a figure alone ("5.2", "8950人", "95%"): what it counts is named elsewhere (the row)."""
    m = _BARE_FIGURE.fullmatch(text)
    return m is not None and (not m.group(1) or unit_class(m.group(1)) != "bare")
