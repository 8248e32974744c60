"""Comparators: does a figure meet a target? Floors, ceilings, 左右 bands, growth and 个百分点.

Each check returns whether the target is met and the words a reviewer reads ("目标≥9600件"), so a
reason can always be checked against the two numbers it names.
"""

from __future__ import annotations

from dataclasses import dataclass

from luoshi.judge.measures import fmt, to_base
from luoshi.judge.settings import DEFAULT_SETTINGS, JudgeSettings
from luoshi.model import Indicator

_EPS = 1e-9
_SYMBOL = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "", "~": "", "==0": "=0", None: ""}
# Kinds where a bare number is a ceiling, not a floor.
CEILING_KINDS = frozenset({"limit"})
NUMERIC_KINDS = frozenset({"growth", "amount", "count", "ratio", "limit", "reduction"})


@dataclass(frozen=True)
class Comparison:
    """The outcome of comparing one figure with one target."""

    met: bool
    # How the figure stands: "已达标", "未达标（差2.3%）", "在目标区间内"…
    outcome: str


def percent_like(ind: Indicator) -> bool:
    """Targets stated in % or percentage points (rates, ratios, growth)."""
    return ind.kind in ("growth", "reduction") or (ind.unit or "").strip() in ("%", "％", "个百分点", "百分点")


def effective_comparator(ind: Indicator, settings: JudgeSettings = DEFAULT_SETTINGS) -> str:
    """The comparator the target means: a bare number is a floor, or a ceiling for a limit."""
    if ind.comparator in (None, "=") and settings.bare_value_is_floor:
        return "<=" if ind.kind in CEILING_KINDS else ">="
    return ind.comparator or ">="


def describe_target(ind: Indicator, settings: JudgeSettings = DEFAULT_SETTINGS) -> str:
    """The target as a reason states it: "增长≥7%", "≤150/10万", "约8万元（±2%）"."""
    cmp = effective_comparator(ind, settings)
    if ind.kind == "growth" and ind.value is not None and ind.value < 0 and cmp in ("<=", "<"):
        return f"下降≥{fmt(-ind.value, ind.unit or '%')}"  # 下降3%: growth of -3% or lower
    lead = {"growth": "增长", "reduction": "压降"}.get(ind.kind, "")
    value = fmt(ind.value, ind.unit if ind.kind != "growth" else (ind.unit or "%"))
    if cmp == "~":
        band = band_width(ind, settings)
        width = fmt(band, "个百分点") if percent_like(ind) else f"{fmt(settings.level_band_rel * 100)}%"
        return f"{lead}{value}左右（容差±{width}）"
    return f"{lead}{_SYMBOL.get(cmp, cmp)}{value}"


def band_width(ind: Indicator, settings: JudgeSettings = DEFAULT_SETTINGS) -> float:
    """Half-width of a 左右 band, in the target's own unit."""
    if ind.kind in ("growth", "reduction"):
        return settings.growth_band_pp
    if percent_like(ind):
        return settings.ratio_band_pp
    return abs(ind.value or 0.0) * settings.level_band_rel


def compare(value: float, unit: str | None, ind: Indicator, settings: JudgeSettings = DEFAULT_SETTINGS) -> Comparison:
    """Compare a figure (``value`` in ``unit``) with a numeric target."""
    assert ind.value is not None
    target = ind.value
    scale = 1.0  # gaps are printed in the target's own unit (0.02亿美元, not 2000000美元)
    if not percent_like(ind) and unit is not None and ind.unit is not None:
        value, _ = to_base(value, unit)
        target, _ = to_base(target, ind.unit)
        scale = to_base(1.0, ind.unit)[0] or 1.0
        show_unit = ind.unit
    else:
        # Rates in % differ by percentage points.
        show_unit = "个百分点" if percent_like(ind) and ind.unit != "个百分点" else (ind.unit or "")
    cmp = effective_comparator(ind, settings)
    gap = value - target
    if cmp == "~":
        band = band_width(ind, settings)
        if not percent_like(ind) and ind.unit is not None and unit is not None:
            band = abs(target) * settings.level_band_rel
        if gap < -band - _EPS:
            return Comparison(False, f"低于目标区间下限（差{fmt((-gap - band) / scale, show_unit)}）")
        if gap > band + _EPS:
            if settings.band_upper_fails:
                return Comparison(False, f"高于目标区间上限（超{fmt((gap - band) / scale, show_unit)}）")
            return Comparison(True, "已达标（超过目标）")
        return Comparison(True, "在目标区间内，已达标")
    if cmp in (">=", ">"):
        ok = gap >= -_EPS if cmp == ">=" else gap > _EPS
        return Comparison(ok, "已达标" if ok else f"未达标（差{fmt(round(-gap / scale, 4), show_unit)}）")
    if cmp in ("<=", "<"):
        ok = gap <= _EPS if cmp == "<=" else gap < -_EPS
        over = fmt(round(gap / scale, 4), show_unit)
        if ind.kind == "growth":  # 下降3%: a fall of at least 3%
            return Comparison(ok, "已达标" if ok else f"未达标（差{over}）")
        return Comparison(ok, "控制在目标内，已达标" if ok else f"超出上限（超{over}）")
    if cmp == "==0":
        ok = abs(value) <= _EPS
        return Comparison(ok, "未发生，已达标" if ok else f"发生{fmt(value, unit)}，未达标")
    ok = abs(gap) <= _EPS
    return Comparison(ok, "已达标" if ok else "未达标")
