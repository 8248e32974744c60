"""Bridge to the core judge: stored tasks, entries and adjustments → core objects → a ``TaskVerdict``.

The web app never judges by itself. It hands the core the task's indicators, the figures as the
liaison confirmed them, the progress text and the period's end date, and stores what comes back.
Where the core offers a task-level judge (``luoshi.judge.judge_task``) it is used; otherwise each
indicator is judged with ``luoshi.judge.indicators.judge_numeric`` and the verdicts combined the way
the office does (all met → 是, some → 部分未达, none → 否), leaving everything else to a person.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Iterable, Sequence
from typing import Any

from luoshi.model import Indicator as CoreIndicator
from luoshi.model import IndicatorVerdict, TaskVerdict
from luoshi.model import Observation as CoreObservation
from luoshi.model import Task as CoreTask
from luoshi_web.plans.models import Indicator, Task


def core_indicator(ind: Indicator) -> CoreIndicator:
    return CoreIndicator(
        metric=ind.metric or None,
        kind=ind.kind,  # type: ignore[arg-type]
        comparator=(ind.comparator or None),  # type: ignore[arg-type]
        value=ind.value,
        unit=ind.unit or None,
        text=ind.text,
        external=ind.external,
    )


def core_observation(fig: dict[str, Any]) -> CoreObservation:
    """A figure as the web app holds it (a dict of the observation's fields) → a core observation."""
    return CoreObservation(
        metric=fig.get("metric") or None,
        period=fig.get("period") or None,
        value=fig.get("value"),
        unit=fig.get("unit") or None,
        growth_pct=fig.get("growth_pct"),
        forecast=bool(fig.get("forecast")),
        text=fig.get("text") or "",
    )


def core_task(task: Task, indicators: Iterable[Indicator], progress: str = "") -> CoreTask:
    return CoreTask(
        number=task.number or None,
        text=task.text,
        target=task.target or None,
        progress=progress or None,
        indicators=tuple(core_indicator(i) for i in indicators),
    )


def judge(
    task: Task,
    indicators: Sequence[Indicator],
    figures: Sequence[dict[str, Any]],
    progress: str,
    as_of: dt.date,
    adjustment: str | None = None,
) -> TaskVerdict:
    """The core's verdict on ``task`` for a period ending ``as_of``."""
    if adjustment:
        return TaskVerdict(
            verdict="deemed_done",
            reasons=(f"目标已调整：{adjustment}",),
            rule="经批准调整目标，视同完成",
            adjustment=adjustment,
        )
    observations = [core_observation(f) for f in figures]
    whole = core_task(task, indicators, progress)
    try:
        from luoshi import judge as core_judge
    except ImportError:  # pragma: no cover - the core ships a judge package
        core_judge = None  # type: ignore[assignment]
    judge_task = getattr(core_judge, "judge_task", None)
    if judge_task is not None:
        params = inspect.signature(judge_task).parameters
        kwargs: dict[str, Any] = {}
        if "observations" in params:
            kwargs["observations"] = observations
        if "as_of" in params:
            kwargs["as_of"] = as_of
        if "year" in params:
            kwargs["year"] = as_of.year
        if "progress" in params:
            kwargs["progress"] = progress
        result = judge_task(whole, **kwargs)
        if isinstance(result, TaskVerdict):
            return result
    return _combine(whole.indicators, observations, as_of)


def _combine(
    indicators: Sequence[CoreIndicator], observations: Sequence[CoreObservation], as_of: dt.date
) -> TaskVerdict:
    from luoshi.judge.indicators import judge_numeric

    verdicts: list[IndicatorVerdict] = []
    for ind in indicators:
        verdict = judge_numeric(ind, observations, as_of=as_of, year=as_of.year)
        if verdict is not None:
            verdicts.append(verdict)
    numeric = [i for i in indicators if i.value is not None]
    if not verdicts or len(verdicts) < len(numeric):
        reasons = tuple(r for v in verdicts for r in v.reasons) or ("没有可与目标比较的数据，需人工研判",)
        return TaskVerdict("unknown", reasons, rule="数据不足以判定", indicators=tuple(verdicts), needs_review=True)
    values = {v.verdict for v in verdicts}
    if values == {"done"}:
        value = "done"
    elif "done" in values:
        value = "partly_done"
    elif values == {"not_done"}:
        value = "not_done"
    else:
        value = "unknown"
    return TaskVerdict(
        verdict=value,  # type: ignore[arg-type]
        reasons=tuple(r for v in verdicts for r in v.reasons),
        rule="；".join(v.rule for v in verdicts),
        indicators=tuple(verdicts),
        on_forecast=any(v.on_forecast for v in verdicts),
        needs_review=value == "unknown",
    )


def verdict_detail(verdict: TaskVerdict) -> list[dict[str, Any]]:
    """The per-indicator verdicts as JSON for storage and display."""
    return [
        {
            "indicator": iv.indicator.text if iv.indicator else "",
            "verdict": iv.verdict,
            "rule": iv.rule,
            "on_forecast": iv.on_forecast,
        }
        for iv in verdict.indicators
    ]
