"""One numeric target against the figures reported for it, with time progress and forecasts.

Rules (docs/judge.md):
- Growth rates, ratios and ceilings are compared with the target directly, whatever the period.
- Cumulative amounts and counts are compared with the target scaled by time progress (序时进度):
  1-11月 → 11/12 of it, 上半年 → half ("双过半"). A figure that already reaches the whole year's
  target meets it at any date.
- At year end the year's actual decides; without one, a full-year forecast (全年预计) decides and the
  verdict says it rests on a forecast (``on_forecast``); before year end a forecast alone decides
  nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date

from luoshi.judge.comparators import compare, describe_target, effective_comparator
from luoshi.judge.matching import figure
from luoshi.judge.measures import fmt
from luoshi.judge.settings import DEFAULT_SETTINGS, JudgeSettings
from luoshi.judge.time_progress import Period, is_year_end, percent, read_period, time_progress
from luoshi.model import Indicator, IndicatorVerdict, Observation

# Levels that only grow through the year: a partial figure is scaled by time progress.
CUMULATIVE_KINDS = frozenset({"amount", "count"})


def is_cumulative(ind: Indicator, settings: JudgeSettings = DEFAULT_SETTINGS) -> bool:
    return ind.kind in CUMULATIVE_KINDS and effective_comparator(ind, settings) in (">=", ">", "~")


def _label(obs: Observation, period: Period, value: float, unit: str | None, growth: bool) -> str:
    when = obs.period or ""
    kind = "预计" if obs.forecast else "实绩"
    shown = fmt(value, unit)
    if growth:
        shown = f"增长{fmt(value, '%')}" if value >= 0 else f"下降{fmt(-value, '%')}"
    return f"{when}{kind}{shown}"


def judge_numeric(
    ind: Indicator,
    observations: Sequence[Observation],
    *,
    as_of: date | None = None,
    year: int | None = None,
    settings: JudgeSettings = DEFAULT_SETTINGS,
) -> IndicatorVerdict | None:
    """The verdict on ``ind`` from the figures reported for it; None when none can be compared."""
    if ind.value is None:
        return None
    growth = ind.kind == "growth"
    items: list[tuple[Observation, Period, float, str | None]] = []
    for obs in observations:
        fig = figure(ind, obs)
        if fig is not None:
            items.append((obs, read_period(obs.period), fig[0], fig[1]))
    if not items:
        return None
    target = f"目标{describe_target(ind, settings)}"
    year_end = is_year_end(as_of, year)
    share_now = time_progress(as_of, year)
    cumulative = is_cumulative(ind, settings)

    def covers_year(p: Period) -> bool:
        return p.full_year or p.months is None

    def months(p: Period) -> int:
        return p.months if p.months is not None else 12

    actuals = [it for it in items if not it[0].forecast and (it[1].cumulative or it[1].months is None)]
    forecasts = [it for it in items if it[0].forecast]
    # The latest actual; among equals the last reported.
    latest = max(reversed(actuals), key=lambda it: months(it[1]), default=None) if actuals else None
    notes: list[str] = []

    def verdict(
        it: tuple[Observation, Period, float, str | None],
        *,
        on_forecast: bool = False,
        scaled_share: float | None = None,
    ) -> IndicatorVerdict:
        obs, period, value, unit = it
        label = _label(obs, period, value, unit, growth)
        if scaled_share is not None and ind.value is not None:
            scaled = dataclasses.replace(ind, value=round(ind.value * scaled_share, 2))
            result = compare(value, unit, scaled, settings)
            due = describe_target(scaled, settings)
            outcome = (
                f"达序时进度（{percent(scaled_share)}，应达{due}）"
                if result.met
                else f"落后序时进度（{percent(scaled_share)}，应达{due}）"
            )
        else:
            result = compare(value, unit, ind, settings)
            outcome = result.outcome
        rule = f"{target}；{label}；{outcome}"
        if on_forecast:
            rule += "（依据预计数）"
        return IndicatorVerdict(
            indicator=ind,
            verdict="done" if result.met else "not_done",
            reasons=(rule, *notes),
            rule=rule,
            observation=obs,
            on_forecast=on_forecast,
        )

    if year_end:
        full = [it for it in actuals if covers_year(it[1])]
        if full:
            return verdict(full[-1])
        if latest is not None and cumulative and compare(latest[2], latest[3], ind, settings).met:
            return verdict(latest)
        year_forecasts = [it for it in forecasts if covers_year(it[1])] or forecasts
        if year_forecasts:
            if latest is not None:
                miss = verdict(latest)
                notes.append(f"{miss.rule}；全年实绩未出，按全年预计数判定")
            return verdict(year_forecasts[-1], on_forecast=True)
        if latest is not None:
            share = latest[1].share
            if cumulative and share is not None and share < 1:
                notes.append("全年实绩未出，按最近一期实绩与序时进度比较")
                return verdict(latest, scaled_share=share)
            return verdict(latest)
        return None

    if latest is not None:
        if cumulative:
            if compare(latest[2], latest[3], ind, settings).met:
                notes.append("已提前完成全年目标")
                return verdict(latest)
            share = latest[1].share if latest[1].share is not None else share_now
            return verdict(latest, scaled_share=share)
        return verdict(latest)
    obs = forecasts[-1][0]
    return IndicatorVerdict(
        indicator=ind,
        verdict="unknown",
        reasons=(f"{target}；仅有预计数（{obs.text}），年中不据预计数判定，需人工研判",),
        rule=f"{target}；仅有预计数",
        observation=obs,
    )
