"""Units of measure as the judge compares them: 万/亿 multipliers out, and which counters agree.

A target of "12800家" and a figure of "12368户" count the same things; "1万人次" and "17227人"
too. The quantity reader's ``to_base`` takes multipliers out of a unit; where it is not available
the same rule is applied here, so the judge never compares 6.24万平方米 with 3万平方米 as 6.24 vs 3
by accident of unit spelling.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import lru_cache

_MULTIPLIERS = (("亿", 1e8), ("万", 1e4), ("千", 1e3), ("百", 1e2))

# Spellings of one unit.
_SYNONYMS = {
    "平米": "平方米",
    "平方": "平方米",
    "㎡": "平方米",
    "m²": "平方米",
    "m2": "平方米",
    "公里": "千米",
    "km": "千米",
    "名": "人",
    "位": "人",
    "户": "家",
    "间": "家",
    "元人民币": "元",
    "个百分点": "百分点",
    "％": "%",
}

# Counters that count the same kind of thing in these documents: a figure in one answers a target in
# another ("招商项目信息660个" → "1586条"; "13次" → "18件").
_FAMILIES = (
    frozenset({"个", "项", "件", "条", "次", "场", "处", "起", "篇", "批", "套"}),
    frozenset({"家", "个"}),
    frozenset({"人", "人次", "例"}),
)


def _reader_to_base() -> Callable[[float, str], tuple[float, str]] | None:
    try:
        from luoshi.quantities.units import to_base  # the quantity reader's normaliser
    except ImportError:
        return None
    return to_base


@lru_cache(maxsize=4096)
def base_unit(unit: str) -> tuple[float, str]:
    """The factor that takes a figure in ``unit`` to its base unit, and that base unit (万元 → 1e4, 元)."""
    factor = 1.0
    reader = _reader_to_base()
    if reader is not None:
        with contextlib.suppress(ValueError, KeyError, TypeError):
            factor, unit = reader(1.0, unit)
    unit = unit.strip()
    # "150/10万" style units (per 100,000) are a rate, not a multiplier: keep them as written.
    changed = "/" not in unit and "每" not in unit
    while changed:
        changed = False
        for prefix, mult in _MULTIPLIERS:
            if unit.startswith(prefix) and len(unit) > len(prefix) and not unit.startswith("百分"):
                factor, unit = factor * mult, unit[len(prefix) :]
                changed = True
                break
    return factor, _SYNONYMS.get(unit, unit)


def to_base(value: float, unit: str | None) -> tuple[float, str | None]:
    """``value`` in ``unit`` with 万/亿/千 taken out of the unit and spellings unified."""
    if unit is None:
        return value, None
    factor, base = base_unit(unit)
    return value * factor, base


def compatible(a: str | None, b: str | None) -> bool:
    """Whether figures in units ``a`` and ``b`` can be compared (either unknown counts as compatible)."""
    if a is None or b is None:
        return True
    a, b = to_base(1.0, a)[1], to_base(1.0, b)[1]
    if a == b:
        return True
    if a is None or b is None:
        return True
    return any(a in f and b in f for f in _FAMILIES)


def same_scale(a: str | None, b: str | None) -> bool:
    """Whether ``a`` and ``b`` are the same unit once spelled alike (no counter family stretch)."""
    if a is None or b is None:
        return True
    return to_base(1.0, a)[1] == to_base(1.0, b)[1]


def fmt(value: float | None, unit: str | None = None) -> str:
    """A number as a reason prints it: 12871件, 9.4%, 1441.54亿元 (no trailing .0)."""
    if value is None:
        return "—"
    text = f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return f"{text}{unit or ''}"
