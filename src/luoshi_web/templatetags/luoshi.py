"""Template filters: status lights, verdict labels, unit lists and suggestions' scores in the words users know.

One definition for both engines: the pages' Jinja2 environment (``luoshi_web/jinja.py``) takes ``register.filters``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from luoshi import VERDICT_LABELS

register = template.Library()

LIGHTS = {"green": "正常", "yellow": "预警", "red": "滞后", "grey": "未报送"}
MATCHES = {
    "exact": "精确匹配",
    "alias": "别名",
    "normalized": "规范化匹配",
    "suggested": "疑似，请确认",
    "unknown": "目录中没有",
}


@register.filter
def light_label(light: str) -> str:
    return LIGHTS.get(light, light)


@register.filter
def verdict_label(value: str) -> str:
    return VERDICT_LABELS.get(value, value or "—")


@register.filter
def match_label(value: str) -> str:
    return MATCHES.get(value, value)


@register.filter
def unit_names(assignments: Iterable[Any]) -> str:
    return "、".join(a.unit.name for a in assignments)


@register.filter
def get(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def joined(items: Iterable[str], sep: str = "、") -> str:
    return sep.join(items)


@register.filter
def suggested_units(suggestions: Iterable[dict[str, Any]]) -> str:
    """Suggested units (the core's ``{"unit", "score", "because"}``) by name: 区发改委、区财政局."""
    return "、".join(s["unit"] for s in suggestions)


# A suggestion's score in words: how often the first suggestion was the office's own unit at that
# score in the cross-checks of docs/suggest.md (97% at 0.7 or more, 80% at 0.5–0.7, 41% at 0.3–0.5).
SCORE_BANDS = ((0.7, "较可靠"), (0.5, "可参考"), (0.3, "须核对"), (0.0, "仅供参考"))


@register.filter
def score_band(score: float) -> str:
    return next(label for floor, label in SCORE_BANDS if score >= floor)


COMPARATORS = {">=": "≥", "<=": "≤", ">": "＞", "<": "＜", "=": "=", "~": "约", "==0": "为零"}


@register.filter
def comparator(value: str) -> str:
    """A target's comparison as documents print it (≥ 9600件, not >= 9600.0 件)."""
    return COMPARATORS.get(value or "", value or "")


@register.filter
def figure(value: float | int | None) -> str:
    """A stored number as documents print it: 35, not 35.0; 0.3, not 0.30000000000000004."""
    if value is None:
        return ""
    number = float(value)
    if number.is_integer():
        return str(int(number))
    return f"{number:.6f}".rstrip("0").rstrip(".")
