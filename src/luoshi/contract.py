"""The JSON contract of ``luoshi parse --json`` (see DESIGN.md): a Plan as plain dicts.

Other programs rely on this shape (tests, benchmarks, the web app's import preview): extend it,
never break it. Values keep the unit as printed (1441.54 with 亿元, not 1.44154e11 元).
"""

from __future__ import annotations

from typing import Any

from luoshi.model import Indicator, Observation, Part, Plan, Span, Suggestion, Suggestions, Summary, Task


def number(value: float | None) -> float | int | None:
    """A float that is a whole number prints as an int (12871, not 12871.0)."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else value


def span_to_dict(span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"block": span.block, "row": span.row, "col": span.col, "start": span.start, "end": span.end}


def indicator_to_dict(ind: Indicator) -> dict[str, Any]:
    return {
        "metric": ind.metric,
        "kind": ind.kind,
        "comparator": ind.comparator,
        "value": number(ind.value),
        "unit": ind.unit,
        "text": ind.text,
        "external": ind.external,
    }


def observation_to_dict(obs: Observation) -> dict[str, Any]:
    return {
        "metric": obs.metric,
        "period": obs.period,
        "value": number(obs.value),
        "unit": obs.unit,
        "growth_pct": number(obs.growth_pct),
        "forecast": obs.forecast,
        "text": obs.text,
        "span": span_to_dict(obs.span),
    }


def suggestion_to_dict(s: Suggestion) -> dict[str, Any]:
    return {"unit": s.unit, "score": s.score, "because": list(s.because)}


def suggestions_to_dict(s: Suggestions) -> dict[str, Any]:
    """Units proposed for a task, best first; ``reason`` says why there are none (else null)."""
    return {
        "lead": [suggestion_to_dict(x) for x in s.lead],
        "co": [suggestion_to_dict(x) for x in s.co],
        "reason": s.reason,
    }


def task_to_dict(task: Task) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": task.number,
        "section": task.section,
        "subsection": task.subsection,
        "text": task.text,
        "lead": list(task.lead),
        "co": list(task.co),
        "leaders": list(task.leaders),
        "target": task.target,
        "progress": task.progress,
        "status": task.status,
        "flags": list(task.flags),
        "deadline": task.deadline,
        "indicators": [indicator_to_dict(i) for i in task.indicators],
        "span": span_to_dict(task.span),
    }
    if task.measure is not None:
        data["measure"] = task.measure  # only where the document prints one apart from the figures
    if task.ref is not None:
        data["ref"] = task.ref  # a notice's item: the plan's task number it refers to, as printed
    if task.observations:
        data["observations"] = [observation_to_dict(o) for o in task.observations]
    if task.gap is not None:
        data["gap"] = task.gap
    if task.standing is not None:
        data["standing"] = task.standing
    if task.suggested is not None:
        # Only a draft plan's tasks carry suggestions: a parsed document's tasks keep the old shape.
        data["suggested"] = suggestions_to_dict(task.suggested)
    return data


def summary_to_dict(summary: Summary) -> dict[str, Any]:
    return {
        "total": summary.total,
        "counts": [
            {"label": c.label, "count": c.count, "pct": number(c.pct), "standing": c.standing} for c in summary.counts
        ],
    }


def part_to_dict(part: Part) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": part.title,
        "kind": part.kind,
        "government": part.government,
        "year": part.year,
        "sections": list(part.sections),
        "tasks": [task_to_dict(t) for t in part.tasks],
        "observations": [observation_to_dict(o) for o in part.observations],
    }
    # Only where set: a progress notice's period and summary, and what a reader could not settle.
    if part.period is not None:
        data["period"] = part.period
    if part.summary is not None:
        data["summary"] = summary_to_dict(part.summary)
    if part.notes:
        data["notes"] = list(part.notes)
    return data


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The whole ``luoshi parse --json`` object."""
    return {
        "source": {"path": plan.source.path, "sha256": plan.source.sha256, "format": plan.source.format},
        "parts": [part_to_dict(p) for p in plan.parts],
    }
