"""The cockpit's charts as plain data: ``static/luoshi/charts.js`` draws them with ECharts.

Each chart is a dict embedded in the page with ``json_script`` (the Content-Security-Policy allows no
inline script): its kind, categories, series and, for every bar or slice, the URL of the list behind
it, so a click on a chart opens the same filtered list as the number in the table beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from luoshi_web.reporting import standing

COLOURS = {"green": "#12b76a", "yellow": "#f5b90a", "red": "#d92d20", "grey": "#98a2b3"}
# The standings' own colours: three greens told apart by shade.
STANDING_COLOURS = {
    "done": "#067647",
    "deemed": "#47cd89",
    "on_schedule": "#12b76a",
    "behind": "#d92d20",
    "review": "#f5b90a",
    "missing": "#98a2b3",
}


def standings_pie(rows: Sequence[dict[str, Any]], url: Callable[[str], str], title: str) -> dict[str, Any]:
    """A pie of tasks by standing (rows of ``Tally.rows()``)."""
    return {
        "kind": "pie",
        "title": title,
        "series": [
            {
                "name": title,
                "data": [
                    {"name": r["label"], "value": r["n"], "url": url(r["code"]), "color": STANDING_COLOURS[r["code"]]}
                    for r in rows
                    if r["n"]
                ],
            }
        ],
    }


def stacked(
    categories: Sequence[str],
    tallies: Sequence[Any],
    url: Callable[[int, str], str],
    title: str,
    *,
    horizontal: bool = False,
) -> dict[str, Any]:
    """Bars of tasks by standing, one bar per category (section, period, government), stacked."""
    return {
        "kind": "bar",
        "title": title,
        "horizontal": horizontal,
        "stack": True,
        "categories": list(categories),
        "series": [
            {
                "name": s.label,
                "color": STANDING_COLOURS[s.code],
                "data": [{"value": t.get(s.code), "url": url(i, s.code)} for i, t in enumerate(tallies)],
            }
            for s in standing.STANDINGS
        ],
    }


def bars(
    categories: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[float | None]]],
    url: Callable[[int], str] | None,
    title: str,
    *,
    horizontal: bool = False,
    percent: bool = False,
) -> dict[str, Any]:
    """Grouped bars: ``series`` are (name, colour, values)."""
    return {
        "kind": "bar",
        "title": title,
        "horizontal": horizontal,
        "percent": percent,
        "categories": list(categories),
        "series": [
            {
                "name": name,
                "color": colour,
                "data": [{"value": v, "url": url(i) if url else ""} for i, v in enumerate(values)],
            }
            for name, colour, values in series
        ],
    }
