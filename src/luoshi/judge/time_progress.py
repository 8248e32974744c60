"""Time progress (序时进度): how much of the year a period or a date covers.

Cumulative figures are compared with the share of the year elapsed: a figure for 1-11月 should
have reached 11/12 of the year's target, one for 上半年 half of it ("双过半" at mid-year). Growth
rates and ratios are not scaled: they are compared with the target directly.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_DASH = r"\s*[-－—–~～至到]\s*"
_RANGE = re.compile(r"(\d{1,2}|[一二三四五六七八九十]{1,2})" + _DASH + r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月")
_QUARTERS = re.compile(r"(前|[一1]" + _DASH + r")?([一二三四1-4两])(个)?季度")
_MONTH_END = re.compile(
    r"(截至|截止|至)?\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(底|末|份|中旬|上旬|下旬)?(当月)?"
)
_YEAR_HALF = re.compile(r"H([12])\b", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    """What a period string covers: the months from January it spans, and whether it is cumulative."""

    months: int | None
    cumulative: bool = True

    @property
    def full_year(self) -> bool:
        return self.months == 12 and self.cumulative

    @property
    def share(self) -> float | None:
        """Time progress of the period: months / 12 (None when unknown or not cumulative)."""
        if self.months is None or not self.cumulative:
            return None
        return self.months / 12


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS[text[1]]
    if text.endswith("十"):
        return _CN_DIGITS[text[0]] * 10
    if "十" in text:
        a, b = text.split("十")
        return _CN_DIGITS[a] * 10 + _CN_DIGITS[b]
    return _CN_DIGITS[text]


@lru_cache(maxsize=1024)
def read_period(period: str | None) -> Period:
    """Read a period as written ("1-11月", "1－9月份", "上半年", "前三季度", "全年", "12月当月", "2021H1")."""
    if not period:
        return Period(None)
    text = period.strip()
    if re.search(r"全年|年度|年底|年末|全年度", text):
        return Period(12)
    if "上半年" in text or (re.search(r"半年", text) and "下半年" not in text):
        return Period(6)
    if "下半年" in text:
        return Period(6, cumulative=False)
    m = _YEAR_HALF.search(text)
    if m:
        return Period(6) if m.group(1) == "1" else Period(12)
    m = _RANGE.search(text)
    if m:
        start, end = _number(m.group(1)), _number(m.group(2))
        if 1 <= end <= 12:
            return Period(end, cumulative=start == 1)
    m = _QUARTERS.search(text)
    if m:
        q = _number(m.group(2)) if not m.group(2).isdigit() else int(m.group(2))
        if m.group(1):
            return Period(3 * q)
        # "三季度" alone is the third quarter, not the first three.
        return Period(3 * q, cumulative=q == 1)
    m = _MONTH_END.search(text)
    if m:
        month = _number(m.group(2))
        if 1 <= month <= 12:
            if m.group(4):  # 当月: one month, not the year so far
                return Period(month, cumulative=False)
            return Period(month)
    return Period(None)


def time_progress(as_of: date | None, year: int | None = None) -> float:
    """Share of the year elapsed at ``as_of`` (June 30 → 0.5); 1.0 when no date is given (year end)."""
    if as_of is None:
        return 1.0
    if year is not None and as_of.year != year:
        return 1.0 if as_of.year > year else 0.0
    days = calendar.monthrange(as_of.year, as_of.month)[1]
    return round((as_of.month - 1 + as_of.day / days) / 12, 4)


# A target set over several years: "(2013—2017年)", "2021-2025年".
_YEAR_SPAN = re.compile(r"((?:19|20)\d{2})\s*年?\s*[-－—–~～至到]+\s*((?:19|20)\d{2})\s*年")


def target_years(text: str) -> tuple[int, int] | None:
    """The first and last year of a target set over several years ("(2015—2017年)" → (2015, 2017)), else None."""
    if "年" not in text:
        return None
    m = _YEAR_SPAN.search(text)
    if m is None:
        return None
    first, last = int(m.group(1)), int(m.group(2))
    return (first, last) if first < last else None


def span_progress(years: tuple[int, int] | None, as_of: date | None) -> float | None:
    """The share of a target's years elapsed at ``as_of`` (2015—2017 at 2015-06-30: 0.5/3), None once it is due.

    A target over several years is due at the end of its last year; before that its cumulative figure is
    compared with the share of the whole span elapsed, not with the current year's.
    """
    if years is None or as_of is None:
        return None
    first, last = years
    if as_of.year < first or as_of.year > last or (as_of.year == last and as_of.month == 12):
        return None
    return (as_of.year - first + time_progress(as_of)) / (last - first + 1)


def is_year_end(as_of: date | None, year: int | None = None) -> bool:
    """Whether a judgement at ``as_of`` is the year-end one (December, or after the plan's year)."""
    if as_of is None:
        return True
    if year is not None and as_of.year > year:
        return True
    return as_of.month == 12


def year_end(year: int) -> date:
    return date(year, 12, 31)


def percent(share: float) -> str:
    """A time progress as printed in reasons: 91.7%, 50%."""
    value = round(share * 100, 1)
    return f"{value:g}%"
