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
from dataclasses import dataclass
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


# A figure comparable with the target: (observation, its period, value, unit in the target's measure).
_Figure = tuple[Observation, Period, float, str | None]


@dataclass(slots=True)
class _Target:
    """The target being judged, with what every verdict on it repeats (only ``notes`` grows)."""

    ind: Indicator
    settings: JudgeSettings
    described: str  # "目标≥9600件"
    growth: bool
    notes: list[str]  # said after the rule in every verdict given from now on


def judge_numeric(
    ind: Indicator,
    observations: Sequence[Observation],
    *,
    as_of: date | None = None,
    year: int | None = None,
    settings: JudgeSettings = DEFAULT_SETTINGS,
    period_share: float | None = None,
    span_share: float | None = None,
) -> IndicatorVerdict | None:
    """The verdict on ``ind`` from the figures reported for it; None when none can be compared.

    ``period_share``: the target is set for a part of the year ("1-9月计划新开工67个": 0.75), and is
    compared with its own period's time progress (all of it at 9月底), not the year's.
    ``span_share``: the target is set over several years ("(2015—2017年)") and this share of them has
    elapsed: its cumulative figure is compared with that share of it, whatever the date in the year.
    """
    if ind.value is None:
        return None
    figures = _comparable(ind, observations)
    if not figures:
        return None
    target = _Target(ind, settings, f"目标{describe_target(ind, settings)}", ind.kind == "growth", [])
    cumulative = is_cumulative(ind, settings)
    actuals = [f for f in figures if not f[0].forecast and (f[1].cumulative or f[1].months is None)]
    forecasts = [f for f in figures if f[0].forecast]
    # The latest actual; among equals the last reported.
    latest = max(reversed(actuals), key=_months, default=None) if actuals else None
    if span_share is not None:
        target.notes.append(f"目标跨年度，按整个目标期的序时进度（{percent(span_share)}）比较")
        return _before_year_end(target, forecasts, latest, cumulative, span_share, whole_span=True)
    if is_year_end(as_of, year):
        return _at_year_end(target, actuals, forecasts, latest, cumulative)
    return _before_year_end(target, forecasts, latest, cumulative, time_progress(as_of, year), period_share)


def _comparable(ind: Indicator, observations: Sequence[Observation]) -> list[_Figure]:
    """The observations that can be compared with ``ind``, with their period and value in its measure."""
    figures: list[_Figure] = []
    for obs in observations:
        fig = figure(ind, obs)
        if fig is not None:
            figures.append((obs, read_period(obs.period), fig[0], fig[1]))
    return figures


def _months(f: _Figure) -> int:
    return f[1].months if f[1].months is not None else 12


def _covers_year(f: _Figure) -> bool:
    return f[1].full_year or f[1].months is None


def _at_year_end(
    target: _Target, actuals: list[_Figure], forecasts: list[_Figure], latest: _Figure | None, cumulative: bool
) -> IndicatorVerdict | None:
    """At year end the year's actual decides; else a partial figure already over the target; else the
    year's forecast (on_forecast); else the latest actual, scaled by its time progress when cumulative."""
    full = [f for f in actuals if _covers_year(f)]
    if full:
        return _verdict(target, full[-1])
    if latest is not None and cumulative and compare(latest[2], latest[3], target.ind, target.settings).met:
        return _verdict(target, latest)
    # Only a forecast of the whole year decides it: "一季度预计完成…" is a preliminary figure of its quarter.
    year_forecasts = [f for f in forecasts if _covers_year(f)]
    if year_forecasts:
        if latest is not None:
            miss = _verdict(target, latest)
            target.notes.append(f"{miss.rule}；全年实绩未出，按全年预计数判定")
        return _verdict(target, year_forecasts[-1], on_forecast=True)
    if latest is not None:
        share = latest[1].share
        if cumulative and share is not None and share < 1:
            target.notes.append("全年实绩未出，按最近一期实绩与序时进度比较")
            return _verdict(target, latest, scaled_share=share)
        return _verdict(target, latest)
    return None


def _before_year_end(
    target: _Target,
    forecasts: list[_Figure],
    latest: _Figure | None,
    cumulative: bool,
    share_now: float,
    period_share: float | None = None,
    *,
    whole_span: bool = False,
) -> IndicatorVerdict | None:
    """Before year end the latest actual decides (a level against the time progress); a forecast alone cannot.

    A figure of one part of the year only (下半年, 三季度) is neither: nothing to compare (None).
    ``whole_span``: ``share_now`` is the share of a target's several years elapsed, whatever the figure's period.
    """
    if latest is not None:
        if cumulative:
            if compare(latest[2], latest[3], target.ind, target.settings).met:
                done = "已完成该期目标" if period_share else "此项已提前完成全年目标"
                return _verdict(target, latest, suffix=f"（{'已提前完成整个目标期的目标' if whole_span else done}）")
            share = latest[1].share if latest[1].share is not None and not whole_span else share_now
            if period_share:
                share = min(1.0, share / period_share)
                if share >= 1.0:
                    return _verdict(target, latest)
            return _verdict(target, latest, scaled_share=share)
        return _verdict(target, latest)
    if not forecasts:
        return None
    obs = forecasts[-1][0]
    return IndicatorVerdict(
        indicator=target.ind,
        verdict="unknown",
        reasons=(f"{target.described}；仅有预计数（{obs.text}），年中不据预计数判定，需人工研判",),
        rule=f"{target.described}；仅有预计数",
        observation=obs,
    )


def _verdict(
    target: _Target,
    fig: _Figure,
    *,
    on_forecast: bool = False,
    scaled_share: float | None = None,
    suffix: str = "",
) -> IndicatorVerdict:
    """The verdict given by one figure: against the target, or against its share by time progress."""
    ind, settings = target.ind, target.settings
    obs, period, value, unit = fig
    label = _label(obs, period, value, unit, target.growth)
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
    rule = f"{target.described}；{label}；{outcome}{suffix}"
    if on_forecast:
        rule += "（依据预计数）"
    return IndicatorVerdict(
        indicator=ind,
        verdict="done" if result.met else "not_done",
        reasons=(rule, *target.notes),
        rule=rule,
        observation=obs,
        on_forecast=on_forecast,
        evidence=obs.text,
    )
