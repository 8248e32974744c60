"""Periods and dates in a sentence: "1-11月份", "1－9月份", "12月当月", "前三季度", "上半年", "全年".

``find_periods(text)`` returns every period marker as ``Marker(start, end, label)`` with a normal
label: "1-11月" (month ranges, whatever the dash or 份), "12月" (当月), "6月底", "上半年",
"下半年", "前三季度", "一季度", "全年". ``find_dates(text)`` returns the spans of years ("2021年"),
dates ("8月30日"), deadlines ("6月底前") and time frames ("5年内", "连续3年") whose digits are
never quantities.
``period_end_month(label)`` gives the last month a period covers (上半年 → 6, 1-11月 → 11), so
the judge can set time progress from any label. The text is expected normalised by
``numbers.normalise`` (half-width digits and dashes).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from luoshi.frozen import quick_init

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@quick_init
@dataclass(frozen=True)
class Marker:
    """A period named in the text, at [start, end)."""

    start: int
    end: int
    label: str


# A number of days or months: no digit or point before it. Each look-behind follows the first digit
# ("\d(?<![\d.]\d)\d?" is "(?<![\d.])\d{1,2}"), so that the engine skips to the next digit instead
# of trying every character (so too ``_YEAR`` and ``_DATE``).
_MONTH_RANGE = re.compile(r"(\d(?<![\d.]\d)\d?)\s*(?:-|~|至|到)\s*(\d{1,2})\s*月(?:份)?(?:累计)?")
_MONTH_ONLY = re.compile(r"(\d(?<![\d.\-~至到]\d)\d?)\s*月(?:份\s*(?:当月)?|\s*当月)")
_MONTH_END = re.compile(r"(?:截至|截止|截止到|到)?\s*(?<![\d.])(\d{1,2})\s*月(?:份)?\s*(?:底|末)(?!前)")
_HALF = re.compile(r"(上|下)半年")
_QUARTERS = re.compile(r"前\s*([一二三四1-4])\s*(?:个)?季度|(?<!\d)1\s*(?:-|~|至)\s*([2-4])\s*季度")
_QUARTER = re.compile(r"(?:第)?([一二三四1-4])\s*季度")
_FIRST_MONTHS = re.compile(r"前\s*([1-9]|1[01]|[二两三四五六七八九十]|十一)\s*个月")
_WHOLE_YEAR = re.compile(r"(?:全年度|全年|年底|年末)(?!目标|任务|计划|指标|的)")

_CN_NUM = {"二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11}

# A year: no digit or point before it. The look-behind follows the first two digits ("(?<![\d.]..)",
# the same test), so that the engine skips to the next 1 or 2 instead of trying every character.
_YEAR = re.compile(
    r"(?:1[89]|20)(?<![\d.]..)\d{2}(?:\s*(?:-|~|至|到)\s*(?:1[89]\d{2}|20\d{2}))?(?=\s*(?:年|届|级|版|\)|）|-|~|至|到)|$)"
)
_DATE = re.compile(
    r"\d(?<![\d.]\d)\d?\s*月\s*\d{1,2}\s*(?:日|号)"
    r"|\d(?<![\d.]\d)\d?\s*月(?:份)?\s*(?:上旬|中旬|下旬|初|中|底前|末前|前|起|以来)"
    r"|\d(?<![\d.]\d)\d?\s*(?:日|号)(?=\s*(?:前|起|至|到|-))"
)
# Time frames, not quantities: "5年内", "3个月内", "连续3年", "近5年来", "今后5年", and the term of a
# policy ("土地承包到期后再延长30年", "为期3年").
_FRAME = re.compile(
    r"(?:连续|近|未来|今后|再用|用)?\s*(?<![\d.])\d{1,3}\s*(?:年|个月|天|日|周|个工作日)\s*(?:内|来|以来|之内|后|间|期间)"
    r"|(?:连续|近|未来|今后|延长|为期)\s*\d{1,3}\s*(?:年|个月)"
)


_DIGIT = re.compile(r"\d")


def _month_range(m: re.Match[str], text: str) -> str | None:
    a, b = int(m.group(1)), int(m.group(2))
    return f"{a}-{b}月" if 1 <= a < b <= 12 else None


def _month(m: re.Match[str], text: str) -> str | None:
    return f"{int(m.group(1))}月"


def _month_end(m: re.Match[str], text: str) -> str | None:
    return f"{int(m.group(1))}月底" if 1 <= int(m.group(1)) <= 12 else None


def _half(m: re.Match[str], text: str) -> str | None:
    return m.group(0)


def _quarters(m: re.Match[str], text: str) -> str | None:
    n = _CN_DIGITS[m.group(1) or m.group(2)]
    return "全年" if n == 4 else "前" + "一二三"[n - 1] + "季度"


def _quarter(m: re.Match[str], text: str) -> str | None:
    return "一二三四"[_CN_DIGITS[m.group(1)] - 1] + "季度"


def _first_months(m: re.Match[str], text: str) -> str | None:
    g = m.group(1)
    return f"1-{int(g) if g.isdigit() else _CN_NUM[g]}月"


def _whole_year(m: re.Match[str], text: str) -> str | None:
    return None if text.startswith("前", m.end()) else "全年"  # 年底前: a deadline, not a period


# The period patterns and the label each match gives (None: no period), grouped under the word none
# of the group's matches can do without (月, 半年, 季度, 个月, 年): most clauses name no period, and a
# substring test costs far less than a pattern scan. A new form of period is one entry here.
LabelOf = Callable[[re.Match[str], str], str | None]  # a match in a text → its period label, or None
PERIOD_RULES: tuple[tuple[str, tuple[tuple[re.Pattern[str], LabelOf], ...]], ...] = (
    ("月", ((_MONTH_RANGE, _month_range), (_MONTH_ONLY, _month), (_MONTH_END, _month_end))),
    ("半年", ((_HALF, _half),)),
    ("季度", ((_QUARTERS, _quarters), (_QUARTER, _quarter))),
    ("个月", ((_FIRST_MONTHS, _first_months),)),
    ("年", ((_WHOLE_YEAR, _whole_year),)),
)


# Each word of PERIOD_RULES holds one of these: a text with none of them names no period.
_ANY_PERIOD = ("月", "年", "季度")
assert all(any(k in word for k in _ANY_PERIOD) for word, _ in PERIOD_RULES)


def find_periods(text: str) -> list[Marker]:
    """Every period marker in ``text``, in order, without overlaps (the longest wins)."""
    found: list[Marker] = []
    if "月" not in text and "年" not in text and "季度" not in text:  # _ANY_PERIOD, tested inline
        return found
    for word, rules in PERIOD_RULES:
        if word in text:
            for pattern, label_of in rules:
                for m in pattern.finditer(text):
                    label = label_of(m, text)
                    if label is not None:
                        found.append(Marker(m.start(), m.end(), label))
    return _without_overlaps(found) if found else found


def find_dates(text: str) -> list[tuple[int, int]]:
    """Spans of years, dates and deadlines: their digits are never quantities."""
    # A year starts with 1 or 2, a date names 月/日/号, a time frame holds a digit and ends in 内/来/
    # 后/间 or starts with 连续/近/未来/今后: without them the pattern cannot match, and the scan is
    # skipped.
    spans: list[tuple[int, int]] = []
    if "1" in text or "2" in text:
        spans += [(m.start(), m.end()) for m in _YEAR.finditer(text) if not _cell_value(text, m)]
    if "月" in text or "日" in text or "号" in text:
        spans += [(m.start(), m.end()) for m in _DATE.finditer(text)]
    if _may_name_frame(text) and _DIGIT.search(text):  # the word tests first: they cost less than the scan
        spans += [(m.start(), m.end()) for m in _FRAME.finditer(text)]
    return sorted(spans) if spans else spans


# A header naming a time: the four digits of its cell are a year ("竣工时间：2025").
_TIME_HEADER = re.compile(r"(?:时间|年份|年度|日期|期限|年限|时限|工期)\s*$")


def _cell_value(text: str, m: re.Match[str]) -> bool:
    """Four digits that are a cell's whole value after its header ("就业困难人员就业(人)：2000"): a figure, no year.

    A year stands before 年/届/版…; printed alone it ends the text, which a cell's value does too. After
    a header's colon the digits are the cell's value unless the header names a time.
    """
    if m.end() != len(text.rstrip()) or text.startswith(("年", "届", "级", "版"), m.end()):
        return False
    before = text[: m.start()].rstrip()
    if not before.endswith(("：", ":")):
        return False
    header = re.split(r"[，,；;。：:]", before[:-1])[-1]
    return not _TIME_HEADER.search(header)


def _may_name_frame(text: str) -> bool:
    # Each ending of the first form holds 内, 来, 后 or 间; each opening of the second, 连续, 近, 来, 后,
    # 延长 or 为期. Both forms name a span of time (年, 个月, 天, 日, 周): a text with the words but no span
    # (…市级以上…近…) is not scanned, a scan that tries every character.
    return (
        "内" in text
        or "来" in text
        or "后" in text
        or "间" in text
        or "连续" in text
        or "近" in text
        or "延长" in text
        or "为期" in text
    ) and ("年" in text or "月" in text or "天" in text or "日" in text or "周" in text)


def period_end_month(label: str | None) -> int | None:
    """The last month a period label covers: "1-11月" → 11, "上半年" → 6, "全年" → 12; None if unknown."""
    if not label:
        return None
    m = re.fullmatch(r"(?:\d{1,2}-)?(\d{1,2})月(?:底)?", label)
    if m:
        return int(m.group(1))
    fixed = {
        "上半年": 6,
        "下半年": 12,
        "全年": 12,
        "前一季度": 3,
        "一季度": 3,
        "前二季度": 6,
        "二季度": 6,
        "前三季度": 9,
        "三季度": 9,
        "四季度": 12,
    }
    return fixed.get(label)


def _without_overlaps(markers: list[Marker]) -> list[Marker]:
    if len(markers) == 1:  # most texts name one period
        return markers
    kept: list[Marker] = []
    for mk in sorted(markers, key=lambda k: (k.start, -(k.end - k.start))):
        if kept and mk.start < kept[-1].end:
            continue
        kept.append(mk)
    return kept
