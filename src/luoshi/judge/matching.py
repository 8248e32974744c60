"""Which reported figure answers which target: by the metric's words, the unit and the kind of figure.

A task may hold several targets ("技术合同成交额85亿元，新增…工程技术研究中心2家，…") and its
progress several figures. A figure answers a target when it can be compared with it (a growth rate
for a growth target; a unit of the same measure for a level) and shares the most two-character
words with it. A forecast that names no metric ("全年预计13000件") belongs to the figure before it.
"""

from __future__ import annotations

from collections.abc import Sequence

from luoshi.judge.comparators import NUMERIC_KINDS, percent_like
from luoshi.judge.measures import compatible, same_scale
from luoshi.judge.text import overlap
from luoshi.model import Indicator, Observation

_PERCENT = ("%", "％")
_POINTS = ("个百分点", "百分点")
# Figures whose score is this close to the best one's are the same metric (actual and forecast).
_TIE = 0.15


def figure(ind: Indicator, obs: Observation) -> tuple[float, str | None] | None:
    """The number in ``obs`` that can be compared with ``ind`` (and its unit), or None."""
    if ind.kind == "growth":
        if obs.growth_pct is not None:
            return obs.growth_pct, "%"
        if obs.value is not None and (obs.unit or "") in _PERCENT and "增" in obs.text:
            return obs.value, "%"
        return None
    if ind.kind == "reduction":
        if obs.growth_pct is not None and obs.growth_pct <= 0:
            return -obs.growth_pct, "%"
        if obs.value is not None and (obs.unit or "") in _PERCENT:
            return obs.value, "%"
        return None
    if obs.value is None:
        return None
    ind_unit = (ind.unit or "").strip()
    obs_unit = (obs.unit or "").strip()
    if ind_unit in _POINTS or obs_unit in _POINTS:
        return (obs.value, obs.unit) if (ind_unit in _POINTS) == (obs_unit in _POINTS) else None
    if ind_unit in _PERCENT or obs_unit in _PERCENT:
        return (obs.value, obs.unit) if (ind_unit in _PERCENT) == (obs_unit in _PERCENT) else None
    if percent_like(ind):
        return None
    return (obs.value, obs.unit) if compatible(ind.unit, obs.unit) else None


def score(ind: Indicator, obs: Observation) -> float:
    """How well ``obs`` names what ``ind`` measures (0..1): shared words of metric, then of text."""
    label = ind.metric or ind.text
    by_metric = overlap(label, obs.metric) if obs.metric else 0.0
    by_text = overlap(label, obs.text) * 0.9
    return max(by_metric, by_text)


def match(indicators: Sequence[Indicator], observations: Sequence[Observation]) -> list[list[Observation]]:
    """For each numeric indicator (same order), the observations that report it, best first."""
    numeric = [i for i, ind in enumerate(indicators) if ind.kind in NUMERIC_KINDS and ind.value is not None]
    scores = _scores(indicators, observations, numeric)
    owner, best = _owners(scores)
    out: list[list[Observation]] = [[] for _ in indicators]
    for o, i in owner.items():
        if scores[(i, o)] >= best[i] - _TIE:
            out[i].append(observations[o])
    for i in numeric:
        if not out[i]:
            out[i] = _lone_figures(i, indicators, observations, numeric, scores, owner)
    order = {id(obs): n for n, obs in enumerate(observations)}
    for lst in out:
        lst.sort(key=lambda obs: order[id(obs)])
    return out


def _scores(
    indicators: Sequence[Indicator], observations: Sequence[Observation], numeric: list[int]
) -> dict[tuple[int, int], float]:
    """The score of each (target, figure) pair that can be compared, by index."""
    scores: dict[tuple[int, int], float] = {}
    for o, obs in enumerate(observations):
        for i in numeric:
            if figure(indicators[i], obs) is not None:
                scores[(i, o)] = score(indicators[i], obs)
    # A figure naming no metric of its own (a forecast, "增长…") inherits the one before it.
    for o in range(1, len(observations)):
        for i in numeric:
            if (i, o) in scores and (i, o - 1) in scores and _names_nothing(indicators, observations[o], numeric):
                scores[(i, o)] = max(scores[(i, o)], scores[(i, o - 1)])
    return scores


def _owners(scores: dict[tuple[int, int], float]) -> tuple[dict[int, int], dict[int, float]]:
    """Each figure's target (the one it names best; ties go to the first), and each target's best score."""
    best: dict[int, float] = {}
    owner: dict[int, int] = {}
    for (i, o), s in sorted(scores.items(), key=lambda kv: -kv[1]):
        if s <= 0 or o in owner:
            continue
        owner[o] = i
        best[i] = max(best.get(i, 0.0), s)
    return owner, best


def _lone_figures(
    i: int,
    indicators: Sequence[Indicator],
    observations: Sequence[Observation],
    numeric: list[int],
    scores: dict[tuple[int, int], float],
    owner: dict[int, int],
) -> list[Observation]:
    """Figures that name nothing, which only target ``i`` of the task could take, report it.

    (A unit only it is measured in, a growth rate for its only growth target: "实际使用外资2.8亿美元"
    ← "1-10月完成2.78亿美元"; "地区生产总值增长7%" ← "1-6月增长5.1%".)
    """
    ind = indicators[i]
    lone = []
    for o, obs in enumerate(observations):
        if o in owner or (i, o) not in scores:
            continue
        if any((j, o) in scores for j in numeric if j != i):
            continue
        if percent_like(ind) or (obs.unit and ind.unit and same_scale(ind.unit, obs.unit)):
            lone.append(obs)
    return lone


def _names_nothing(indicators: Sequence[Indicator], obs: Observation, numeric: list[int]) -> bool:
    return all(score(indicators[i], obs) == 0 for i in numeric)
