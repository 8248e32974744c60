"""Reported figures: progress text → observations (what was achieved, for which period).

``to_observations(text, span=None, period=None) -> list[Observation]``: every figure the quantity
reader finds in ``text``, as an observation. A value and the growth of the same metric in the same
sentence ("完成1441.54亿元，增长9.4%") fold into one observation with ``growth_pct``; a growth with
no value of its own ("固定资产投资增长11.2%") is an observation with ``value=None``. The period is
the one the text names ("1-11月", "上半年", "全年"…); ``period`` is used where the text names none
(a half-year report's whole text is about 上半年). ``forecast`` is set after 预计 and before a
"（预计数）" mark. 未发生… gives an
observation with value 0 (the zero-event target is met). Qualitative phrases give none.
"""

from __future__ import annotations

import re
from dataclasses import replace

from luoshi.model import Observation, Quantity, Span
from luoshi.quantities.reader import read_quantities
from luoshi.quantities.sentences import split_sentences

_TARGET_WORDS = re.compile(r"目标|标准|要求|任务|计划")
# A figure marked as a forecast after it: "2.1万人（预计数）", "(预计)".
_MARKED_FORECAST = re.compile(r"\s*[（(]\s*预计(?:数|值)?\s*[)）]")
# What may stand between a value and its growth for the two to be one figure.
_JOIN = re.compile(r"^[\s，,、]*(?:(?:排名|位列|位居|居)[^，,。；;]*[，,、]\s*)*(?:同比|比上年|较上年|比去年同期)?")


def _is_quoted_target(text: str, q: Quantity) -> bool:
    """A target quoted beside the figure, "（市目标1人）", "达市目标（不超过6.8吨）": not a result."""
    open_at = max(text.rfind("（", 0, q.start), text.rfind("(", 0, q.start))
    if open_at < 0 or re.search(r"[)）]", text[open_at : q.start]):
        return False
    inside = text[open_at : q.start]
    before = text[max(0, open_at - 6) : open_at]
    return bool(_TARGET_WORDS.search(inside) or _TARGET_WORDS.search(before) or q.comparator in ("<=", "<", ">="))


def _narrow(span: Span | None, start: int, end: int) -> Span | None:
    if span is None:
        return None
    return Span(span.block, span.row, span.col, span.start + start, span.start + end)


def to_observations(
    text: str, span: Span | None = None, period: str | None = None, *, measure: str | None = None
) -> list[Observation]:
    """The observations in one progress text (see the module docstring); ``measure``: the unit of bare figures."""
    if not text or not text.strip():
        return []
    sentence_of = _sentence_index(text)
    out: list[Observation] = []
    # Value observations still open for a growth of the same metric: (quantity, index in ``out``).
    open_values: list[tuple[Quantity, int]] = []
    for q in read_quantities(text, measure=measure):
        if q.kind == "qualitative" or _is_quoted_target(text, q):
            continue
        if not q.forecast and _MARKED_FORECAST.match(text, q.end):
            q = replace(q, forecast=True)
        if q.kind == "zero_event":
            if q.text.startswith(("未", "没有")):
                out.append(
                    Observation(
                        q.metric, q.period or period, 0.0, None, None, q.forecast, q.text, _narrow(span, q.start, q.end)
                    )
                )
            continue
        if q.kind == "growth" and not q.percentage_points:
            target = _value_for(q, open_values, sentence_of)
            if target is not None:
                prev, idx = target
                out[idx] = replace(
                    out[idx], growth_pct=q.value, text=text[prev.start : q.end], span=_narrow(span, prev.start, q.end)
                )
                open_values = [(p, i) for p, i in open_values if i != idx]
                continue
            out.append(
                Observation(
                    q.metric, q.period or period, None, None, q.value, q.forecast, q.text, _narrow(span, q.start, q.end)
                )
            )
            continue
        out.append(
            Observation(
                q.metric, q.period or period, q.value, q.unit, None, q.forecast, q.text, _narrow(span, q.start, q.end)
            )
        )
        if q.kind in ("amount", "count", "ratio"):
            open_values.append((q, len(out) - 1))
    return out


def _value_for(
    q: Quantity, open_values: list[tuple[Quantity, int]], sentence_of: _SentenceOf
) -> tuple[Quantity, int] | None:
    """The value a growth belongs to: the latest one of its sentence with its metric, period and forecast."""
    for prev, idx in reversed(open_values):
        if (
            sentence_of(prev.start) == sentence_of(q.start)
            and prev.metric == q.metric
            and prev.period == q.period
            and prev.forecast == q.forecast
        ):
            return prev, idx
    return None


def _sentence_index(text: str) -> _SentenceOf:
    return _SentenceOf(text)


class _SentenceOf:
    """Which sentence an offset falls in: the text is cut when first asked (a growth beside a value)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] | None = None

    def __call__(self, pos: int) -> int:
        if self.starts is None:
            self.starts = [a for a, _, _ in split_sentences(self.text)]
        n = 0
        for i, a in enumerate(self.starts):
            if a <= pos:
                n = i
        return n
