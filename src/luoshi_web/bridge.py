"""The one bridge between the web app's rows and the core's objects, in both directions.

Everything the web app hands the core (a stored task with its indicators and units, the figures a
liaison confirmed, a stored verdict) is converted here, and everything it stores from the core (the
figures read from a text, a verdict, a plan's indicators) is turned into field values here. The web
app never builds a core object anywhere else, and never judges: ``judge`` hands the core judge the
task, the progress and the period's end, and only an adjustment the office recorded (视同完成) is
decided here, because it is a fact of the database rather than of the text.

Rows are read by attribute (a task row has ``number``, ``text``, ``target``…), so this module imports
no app and every app may use it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from luoshi import (
    Indicator,
    IndicatorVerdict,
    Observation,
    Part,
    Task,
    TaskVerdict,
    judge_task,
    observations_from_text,
)

# --------------------------------------------------------------------------- indicators


def core_indicator(row: Any) -> Indicator:
    """A stored indicator row → the core's ``Indicator``."""
    return Indicator(
        metric=row.metric or None,
        kind=row.kind,
        comparator=(row.comparator or None),
        value=row.value,
        unit=row.unit or None,
        text=row.text,
        external=row.external,
    )


def indicator_fields(indicator: Mapping[str, Any]) -> dict[str, Any]:
    """An indicator of the parse contract (a dict) → the fields of the stored row, cut to their lengths."""
    return {
        "metric": (indicator.get("metric") or "")[:200],
        "kind": indicator.get("kind") or "qualitative",
        "comparator": indicator.get("comparator") or "",
        "value": indicator.get("value"),
        "unit": (indicator.get("unit") or "")[:30],
        "text": (indicator.get("text") or "")[:500],
        "external": bool(indicator.get("external")),
    }


# --------------------------------------------------------------------------- figures (实绩)


def figure(observation: Observation) -> dict[str, Any]:
    """A core observation → a figure as the web app holds it (forms, staging, storage)."""
    return {
        "metric": observation.metric or "",
        "period": observation.period or "",
        "value": observation.value,
        "unit": observation.unit or "",
        "growth_pct": observation.growth_pct,
        "forecast": observation.forecast,
        "text": observation.text,
        "start": observation.span.start if observation.span else None,
        "end": observation.span.end if observation.span else None,
    }


def read_figures(text: str, period_label: str, measure: str | None = None) -> list[dict[str, Any]]:
    """The figures the core's reader finds in ``text`` (the period's label where the text names none; bare
    numbers in the task's ``measure``, the unit its table printed apart from the figures)."""
    return [figure(o) for o in observations_from_text(text, period=period_label, measure=measure or None)]


def figure_of_row(row: Any) -> dict[str, Any]:
    """A stored figure row (``reporting.Observation``) → a figure."""
    return {
        "metric": row.metric,
        "period": row.period_label,
        "value": row.value,
        "unit": row.unit,
        "growth_pct": row.growth_pct,
        "forecast": row.forecast,
        "text": row.text,
    }


def core_observation(fig: Mapping[str, Any]) -> Observation:
    """A figure → the core's ``Observation``."""
    return Observation(
        metric=fig.get("metric") or None,
        period=fig.get("period") or None,
        value=fig.get("value"),
        unit=fig.get("unit") or None,
        growth_pct=fig.get("growth_pct"),
        forecast=bool(fig.get("forecast")),
        text=fig.get("text") or "",
    )


# --------------------------------------------------------------------------- tasks


def core_task(
    row: Any,
    *,
    indicators: Iterable[Any] = (),
    lead: Sequence[str] = (),
    co: Sequence[str] = (),
    progress: str | None = None,
    section: str | None = None,
    subsection: str | None = None,
) -> Task:
    """A stored task row (with its indicator rows and unit names) → the core's ``Task``.

    ``progress`` is the period's reported text; without it, what the imported document printed.
    """
    return Task(
        number=row.number or None,
        text=row.text,
        section=section,
        subsection=subsection,
        lead=tuple(lead),
        co=tuple(co),
        target=row.target or None,
        progress=progress if progress is not None else (row.printed_progress or None),
        status=row.printed_status or None,
        flags=tuple(row.flags or ()),
        indicators=tuple(core_indicator(i) for i in indicators),
        measure=getattr(row, "measure", "") or None,
    )


def core_part(row: Any, plan: Any, tasks: Iterable[Task]) -> Part:
    """A stored part row of the stored ``plan`` (its government loaded), with its tasks as core tasks → ``Part``."""
    return Part(
        title=row.title or plan.title,
        kind=row.kind,
        tasks=tuple(tasks),
        government=plan.government.name,
        year=plan.year,
    )


def sections_of(row: Any) -> tuple[str | None, str | None]:
    """(section, subsection) titles of a stored task whose ``section`` (and its parent) are loaded."""
    section = row.section
    if section is None:
        return None, None
    if section.parent is not None:
        return section.parent.title, section.title
    return section.title, None


# --------------------------------------------------------------------------- verdicts


def is_signed(row: Any) -> bool:
    """Whether a stored verdict is the office's (a sign-off or an override), not the judge's proposal."""
    return signed_source(row.source)


def signed_source(source: str | None) -> bool:
    """Whether a verdict of this source (``Verdict.source``) is the office's: ``is_signed`` for a column."""
    return bool(source) and source != "judge"


def core_verdict(row: Any) -> TaskVerdict:
    """A stored verdict row (the judge's or the office's) → the core's ``TaskVerdict``.

    ``signed`` says whose it is (the office's, or the judge's proposal); the per-target detail comes
    back as the verdict's indicator verdicts, each with the words it rests on.
    """
    return TaskVerdict(
        verdict=row.value,
        reasons=tuple(row.reasons or ()),
        rule=row.rule,
        indicators=tuple(_indicator_verdict(d) for d in (row.detail or ()) if isinstance(d, dict)),
        on_forecast=row.on_forecast,
        needs_review=row.needs_review,
        on_schedule=row.on_schedule,
        claim_contradicted=row.claim_contradicted,
        evidence=getattr(row, "evidence", "") or None,
        signed=is_signed(row),
    )


def _indicator_verdict(detail: Mapping[str, Any]) -> IndicatorVerdict:
    """One target's stored verdict (``Verdict.detail``) → the core's ``IndicatorVerdict``."""
    text = str(detail.get("indicator") or "")
    indicator = Indicator(
        metric=detail.get("metric") or None, kind="qualitative", comparator=None, value=None, unit=None, text=text
    )
    rule = str(detail.get("rule") or "")
    return IndicatorVerdict(
        indicator if text else None,
        detail.get("verdict") or "unknown",
        (rule,),
        rule,
        on_forecast=bool(detail.get("on_forecast")),
        evidence=detail.get("evidence") or None,
    )


def verdict_fields(verdict: TaskVerdict) -> dict[str, Any]:
    """A core verdict → the fields of a stored verdict row (with the per-indicator detail)."""
    return {
        "value": verdict.verdict,
        "reasons": list(verdict.reasons),
        "rule": verdict.rule[:500],
        "on_forecast": verdict.on_forecast,
        "needs_review": verdict.needs_review,
        "on_schedule": verdict.on_schedule,
        "claim_contradicted": verdict.claim_contradicted,
        "evidence": verdict.evidence or "",
        "detail": [
            {
                "indicator": iv.indicator.text if iv.indicator else "",
                "metric": iv.indicator.metric if iv.indicator else None,
                "verdict": iv.verdict,
                "rule": iv.rule,
                "on_forecast": iv.on_forecast,
                # The figure compared with the target: the cockpit's main indicators show it per period.
                "observed": _observed(iv.observation),
                "evidence": iv.evidence,
            }
            for iv in verdict.indicators
        ],
    }


def _observed(observation: Observation | None) -> dict[str, Any] | None:
    if observation is None:
        return None
    return {
        "value": observation.value,
        "unit": observation.unit or "",
        "growth_pct": observation.growth_pct,
        "period": observation.period or "",
        "forecast": observation.forecast,
    }


def judge(
    task: Any,
    indicators: Sequence[Any],
    figures: Sequence[Mapping[str, Any]],
    progress: str,
    as_of: dt.date,
    adjustment: str | None = None,
) -> TaskVerdict:
    """The core's verdict on a stored task for a period ending ``as_of``, from the progress and its figures."""
    if adjustment:
        return TaskVerdict(
            verdict="deemed_done",
            reasons=(f"目标已调整：{adjustment}",),
            rule="经批准调整目标，视同完成",
            adjustment=adjustment,
        )
    # The judge reads the task's words, 全年目标 and indicators; what the document printed is not evidence.
    whole = Task(
        number=task.number or None,
        text=task.text,
        target=task.target or None,
        progress=progress or None,
        indicators=tuple(core_indicator(i) for i in indicators),
        measure=getattr(task, "measure", "") or None,
    )
    return judge_task(
        whole,
        progress,
        indicators=whole.indicators or None,  # none stored: the judge reads them from the text
        observations=[core_observation(f) for f in figures],
        as_of=as_of,
        year=as_of.year,
    )
