"""Bridge to the core judge: stored tasks, entries and adjustments → core objects → a ``TaskVerdict``.

The web app never judges by itself. It hands ``luoshi.judge.judge_task`` the task (text, 全年目标,
stored indicators), the progress text, the figures as the liaison confirmed or corrected them and the
period's end date, and stores what comes back. Only an adjustment the office recorded (视同完成)
is decided here, because it is a fact of the database rather than of the text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from luoshi.model import Indicator as CoreIndicator
from luoshi.model import Observation as CoreObservation
from luoshi.model import Task as CoreTask
from luoshi.model import TaskVerdict
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
    from luoshi.judge import judge_task

    whole = core_task(task, indicators, progress)
    return judge_task(
        whole,
        progress,
        indicators=whole.indicators or None,  # none stored: the judge reads them from the text
        observations=[core_observation(f) for f in figures],
        as_of=as_of,
        year=as_of.year,
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
