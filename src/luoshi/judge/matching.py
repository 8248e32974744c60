"""Which reported figure answers which target: by the metric's words, the unit and the kind of figure.

A task may hold several targets ("技术合同成交额85亿元，新增…工程技术研究中心2家，…") and its
progress several figures. A figure answers a target when it can be compared with it (a growth rate
for a growth target; a unit of the same measure for a level) and shares the most two-character
words with it. A forecast that names no metric ("全年预计13000件") belongs to the figure before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from luoshi.judge.comparators import NUMERIC_KINDS, percent_like
from luoshi.judge.measures import compatible, same_scale
from luoshi.judge.text import overlap
from luoshi.model import Indicator, Observation

_PERCENT = ("%", "％")
_POINTS = ("个百分点", "百分点")
# Figures whose score is this close to the best one's are the same metric (actual and forecast).
_TIE = 0.15


# A measure per head, per thousand, per month… ("每千名老人拥有养老床位数", "人均", "元/月"): a figure of one
# never compares with a total ("新增床位400张"), nor a total with it.
_PER = re.compile(
    r"人均|户均|生均|床均|每(?:[十百千万]|十万)?(?:名|个|位|人|户|家|年|月|天|平方)|千人口|万人口|[千万]人|/"
)
# Stages a counted thing is in ("已开工建设的周转房9149套", "主体已完工6项", "40所已竣工"): started (2),
# structure done (5), finished (7).
_STAGE_WORDS = (
    (re.compile(r"主体[^，,；;。]{0,3}(?:完工|完成|封顶)|封顶"), 5),
    (re.compile(r"竣工|竣备|完工|建成|投用|投入使用|交付"), 7),
    (re.compile(r"开工|动工|在建|进场|新建项目"), 2),
)


@lru_cache(maxsize=8192)
def is_per(metric: str | None, unit: str | None) -> bool:
    """Whether a figure is a measure per head, per thousand or per period, not a total."""
    return bool(_PER.search(metric or "")) or "/" in (unit or "")


@lru_cache(maxsize=8192)
def stage_of(text: str | None) -> int | None:
    """The stage a counted thing is said to be in: 2 started, 5 structure done, 7 finished; None when none."""
    for rx, rank in _STAGE_WORDS:
        if text and rx.search(text):
            return rank
    return None


def same_stage(ind: Indicator, obs: Observation) -> bool:
    """Whether a count of things in the stage ``obs`` names can be compared with ``ind``'s.

    A count started is not a count finished: "已开工15项" answers "新开工22项" and "竣工…13项" takes
    "40所已竣工" but not "主体已完工6项"; a target naming no stage ("建设1万套") is met by things
    finished, not by things started.
    """
    want = stage_of(f"{ind.metric or ''}{ind.text}")
    got = stage_of(f"{obs.metric or ''}{obs.text}")
    if got is None:
        return True
    if want is None:
        return got == 7
    return got >= want


_LEVELS = frozenset({"count", "amount", "limit", "ratio"})
# A character without which neither a per-head measure nor a stage can be named: most figures hold none.
_MEASURE_CHARS = frozenset("均每人/工竣备建投交封主在进")


def _another_measure(ind: Indicator, obs: Observation) -> bool:
    """Whether ``obs`` measures another thing than ``ind``: per head against a total, or another stage."""
    if (
        _MEASURE_CHARS.isdisjoint(obs.metric or "")
        and _MEASURE_CHARS.isdisjoint(obs.text)
        and _MEASURE_CHARS.isdisjoint(ind.metric or "")
        and "/" not in (ind.unit or "")
        and "/" not in (obs.unit or "")
    ):
        return False
    if not percent_like(ind) and is_per(ind.metric, ind.unit) != is_per(obs.metric, obs.unit):
        return True
    return ind.kind in ("count", "amount") and not same_stage(ind, obs)


def comparable(ind: Indicator, obs: Observation) -> tuple[float, str | None] | None:
    """``figure(ind, obs)`` unless ``obs`` measures another thing (per head against a total, another stage).

    What matching asks; ``judge_numeric`` takes the figures matched and only reads their numbers. Things
    counted above another size threshold are other things: "10亿元以上项目25个" does not answer "亿元以上项目100个"
    (a sibling's), nor "新开工亿元以上项目12个" a target of all 新开工项目.
    """
    if ind.kind in _LEVELS and _another_measure(ind, obs):
        return None
    if threshold(ind.metric or ind.text) != threshold(obs.metric or obs.text):
        return None
    return figure(ind, obs)


def figure(ind: Indicator, obs: Observation) -> tuple[float, str | None] | None:
    """The number in ``obs`` that can be compared with ``ind`` (and its unit), or None."""
    if ind.kind == "growth" and (ind.unit or "").strip() in _POINTS:
        # "增长高于全区财政增长2个百分点": a gap in 个百分点 answers only a gap in 个百分点.
        return (obs.value, obs.unit) if obs.value is not None and (obs.unit or "").strip() in _POINTS else None
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


# A category named by a size threshold: "10亿元以上项目", "亿元及以上项目" (1亿), "5000万元以上".
_THRESHOLD = re.compile(r"(\d+(?:\.\d+)?)?\s*([亿万千])元\s*(?:及)?\s*以上")
_THRESHOLD_FACTOR = {"亿": 1e8, "万": 1e4, "千": 1e3}


@lru_cache(maxsize=8192)
def threshold(metric: str | None) -> float | None:
    """The size threshold a metric's name sets for the things it counts ("10亿元以上项目" → 1e9), else None."""
    if not metric or "以上" not in metric:
        return None
    m = _THRESHOLD.search(metric)
    if m is None:
        return None
    return float(m.group(1) or 1) * _THRESHOLD_FACTOR[m.group(2)]


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
            if comparable(indicators[i], obs) is not None:
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
    ← "1-10月完成2.78亿美元"; "地区生产总值增长7%" ← "1-6月增长5.1%"; a table row's bare 已完成数 ← its
    工作目标.)
    """
    ind = indicators[i]
    lone = []
    for o, obs in enumerate(observations):
        if o in owner or (i, o) not in scores:
            continue
        if any((j, o) in scores for j in numeric if j != i):
            continue
        if counts_plan_items(obs) and not counts_plan_items(ind):
            continue
        # A figure printed bare (a row's 已完成数 under the target's "2500人" or bare 工作目标) is in the row's measure.
        if percent_like(ind) or obs.unit is None or (ind.unit and same_scale(ind.unit, obs.unit)):
            lone.append(obs)
    return lone


# The plan's own items, counted ("全市已有7个考核项目已完成全年目标任务", "12件民生实事", "5个事项"): tasks, not things.
_PLAN_ITEMS = re.compile(r"^(?:考核项目|子项目|(?:民生|为民)?实事|事项|(?:考核|量化)?指标|目标任务)")


def counts_plan_items(figure: Indicator | Observation) -> bool:
    """Whether a figure or target counts the plan's own items (考核项目, 实事, 事项, 指标), not things built or served.

    A count of a notice's items answers no target of beds or schools, whatever its counter: "全市已有7个考核项目
    已完成全年目标任务" is not 7 of "添置学生床位2320个".
    """
    return bool(_PLAN_ITEMS.match(figure.metric or ""))


def measure_clash(ind: Indicator, observations: Sequence[Observation]) -> tuple[Observation, str] | None:
    """A figure of ``ind``'s metric that cannot be compared with it, and why (another measure or stage).

    "每千名老人拥有养老床位数45.17张" for "新增养老床位400张": a per-thousand figure against a total;
    "已开工建设的周转房9149套" for "建设1万套": things started against things to build.
    """
    label = ind.metric or ind.text
    for obs in observations:
        if obs.value is None or (score(ind, obs) <= 0 and not _same_counter(ind, obs)):
            continue
        if ind.kind not in ("growth", "reduction") and not percent_like(ind):
            if is_per(ind.metric, ind.unit) != is_per(obs.metric, obs.unit):
                kind = "人均、千人均或按期计" if is_per(obs.metric, obs.unit) else "总量"
                return obs, f"进展所报“{obs.metric or obs.text}”为{kind}，与目标“{label}”口径不同"
            if ind.kind in ("count", "amount") and not same_stage(ind, obs):
                return obs, "进展所报为已开工（或主体完工）的个数，与目标要求的阶段不同"
        elif ind.kind == "growth" and obs.growth_pct is None and score(ind, obs) > 0:
            return obs, "目标为增速，进展只报了总量"
    return None


def stage_ambiguity(ind: Indicator, observations: Sequence[Observation]) -> tuple[Observation, str] | None:
    """Counts of things started and of things finished, for a target naming neither ("新建学校77所").

    Whether the year's target is counted when started or when finished is not written: the figures
    settle nothing, and a person decides.
    """
    if ind.kind != "count" or stage_of(f"{ind.metric or ''}{ind.text}") is not None:
        return None
    counts = [o for o in observations if o.value is not None and compatible(ind.unit, o.unit) and o.unit]
    stages = {stage_of(f"{o.metric or ''}{o.text}") for o in counts}
    if 2 in stages and 7 in stages:
        started = next(o for o in counts if stage_of(f"{o.metric or ''}{o.text}") == 2)
        return started, "进展分别报开工数和建成数，目标未写明以何者计"
    return None


def _same_counter(ind: Indicator, obs: Observation) -> bool:
    return bool(ind.unit and obs.unit and compatible(ind.unit, obs.unit))


def _names_nothing(indicators: Sequence[Indicator], obs: Observation, numeric: list[int]) -> bool:
    return all(score(indicators[i], obs) == 0 for i in numeric)
