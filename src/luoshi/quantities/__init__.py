"""Quantity reader: one sentence → every quantity in it, with value, unit, comparator, kind, period.

``find_quantities`` is the entry point for targets and reported figures alike; ``explain`` is the
JSON shape of ``luoshi explain``.
"""

from __future__ import annotations

from typing import Any

from luoshi.model import Quantity
from luoshi.quantities.reader import read_quantities


def find_quantities(sentence: str) -> list[Quantity]:
    """Every quantity in ``sentence`` (or a short text of several), in order of appearance."""
    return read_quantities(sentence)


def _number(value: float | None) -> float | int | None:
    """A whole number prints as an int (12871, not 12871.0), as in the parse contract."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() and abs(value) < 1e15 else value


def explain(sentence: str) -> dict[str, Any]:
    """What the reader found in one sentence, as the ``luoshi explain --json`` object."""
    return {
        "quantities": [
            {
                "value": _number(q.value),
                "unit": q.unit,
                "comparator": q.comparator,
                "kind": q.kind,
                "period": q.period,
                "forecast": q.forecast,
                "metric": q.metric,
                "text": q.text,
            }
            for q in find_quantities(sentence)
        ]
    }
