"""Which task of a plan a row of another list speaks of, and which task a reported figure reports on.

A government words the same year's targets differently in different documents: the decomposition plan
says "推进知识产权强省区域示范建设，实现有效发明专利拥有量9600件…（区市场监管局主办）", the year-end
execution table "有效发明专利拥有量9600件；PCT专利申请量150件 | 市场监管局". A row is matched to a task
by what the two share, strongest evidence first:

1. **an indicator**: the same metric words with the same value and unit once 万/亿 are taken out
   (``to_base``), or similar metric words with a comparable unit;
2. **the lead unit**: the row's 责任单位 among the task's lead (or co-) units, spellings normalised
   ("科技局" = "区科技局"; "地方金融监管局" ⊃ "金融监管局" counts, less);
3. **words few tasks use**: two-character words shared by the row and the task, each weighted by how few
   tasks and rows hold it ("狮子桥", "南艺" say more than "发展", "城市"); figures, units and the
   boilerplate of every plan (目标任务, 确保, 推进…) are left out.

The score is a confidence in [0, 1]: ``content × unit``, where content combines the indicator and the
words (either may carry it) and a lead unit in common scales it up. A row gets its best task only when
the score reaches ``THRESHOLD`` and beats the runner-up task by ``MARGIN``; otherwise it stays
unmatched, because a wrong match puts one unit's progress under another's task. Several rows may match
one task (a target split over two rows of the table).

Confidence bands (``Match.band``): ``matched`` — at the thresholds, applied; ``offered`` — a best task
below them but at ``OFFER_THRESHOLD`` (figures: ``OBSERVATION_OFFER``), returned only when the caller
asks (``offer=True``) so the office can confirm it, and never applied without that; below it, unmatched
(None). The thresholds were measured on hand-checked mappings (``tests/fixtures/mappings/``: seed 000
附件1 → seed 001, seed 002's figures → seed 001): at them no row or figure goes to a task it does not
speak of; ``python -m tests.core.test_match`` prints precision and recall.

A figure read from a report ("有效发明专利拥有量达1.18万件") goes to the task one of whose indicators has
the same metric (weighted shared words, at least two) and a unit it can be compared in.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import dataclass
from typing import Literal

from luoshi.judge.matching import comparable
from luoshi.judge.measures import compatible
from luoshi.judge.text import bigrams
from luoshi.model import Indicator, Observation, Task
from luoshi.quantities.units import AMOUNT_UNITS, COUNT_UNITS, MULTIPLIERS, PERCENT_UNITS, to_base, unit_class
from luoshi.unit_names import unit_key

# A row's best task is taken at this confidence or above, and only this far ahead of the next task.
THRESHOLD = 0.65
MARGIN = 0.1
# A figure's best task: at this metric similarity or above, this far ahead of the next task.
OBSERVATION_THRESHOLD = 0.5
OBSERVATION_MARGIN = 0.1
# Below the thresholds, a best task at these scores is offered to the office to confirm (never applied).
OFFER_THRESHOLD = 0.35
OBSERVATION_OFFER = 0.3

# Without a lead unit in common, content evidence counts this much (a shared lead unit: in full).
_NO_UNIT = 0.3
# A row that names no unit: neither for nor against.
_UNKNOWN_UNIT = 0.5
# Metric similarity below this is noise (two metrics sharing one generic word).
_MIN_METRIC = 0.3

_UNITS = "|".join(sorted(map(re.escape, AMOUNT_UNITS + COUNT_UNITS + PERCENT_UNITS), key=len, reverse=True))
_MULTS = "|".join(sorted(MULTIPLIERS, key=len, reverse=True))
# A number with its multiplier and unit: indicators compare those, the words must not count them again.
_QUANTITY = re.compile(rf"\d[\d.．]*\s*(?:{_MULTS})?(?:{_UNITS})?")
# What every plan says of every task: it tells no task from another.
_BOILERPLATE = re.compile(
    r"目标任务|工作任务|目标要求|市下达的?|下达的?|达到?市(定)?目标|市定目标|目标|任务|要求|确保|力争|全区|我区|全年|"
    r"完成|实现|推进|推动|进一步|不断|持续|积极|加快|加强|深入|大力|全力|全面|切实|扎实|着力|努力|提升|提高|完善|健全"
)


Band = Literal["matched", "offered"]


@dataclass(frozen=True)
class Match:
    """The task a row or a figure was matched to (its index in the task list), how sure, and why.

    ``band`` says what the caller may do: ``matched`` apply it; ``offered`` show it to the office to
    confirm (below the thresholds; only returned when asked for).
    """

    index: int
    score: float
    runner_up: float  # the best score of any other task
    reasons: tuple[str, ...]
    band: Band = "matched"


def same_unit(a: str, b: str) -> float:
    """1 for one unit (equal keys); 0.7 when one name ends with the whole of the other (地方金融监管局 ⊃ 金融监管局).

    The shorter name must be four characters or more: a bare kind (管委会, 办公室) names no unit.
    """
    if a == b:
        return 1.0
    short, long = sorted((a, b), key=len)
    return 0.7 if len(short) >= 4 and long.endswith(short) else 0.0


def content_words(text: str) -> set[str]:
    """The two-character words of ``text`` that can tell tasks apart: no figures, units or boilerplate."""
    text = _QUANTITY.sub("，", text)
    text = _BOILERPLATE.sub("，", text)
    return {g for g in bigrams(text) if not any(c.isdigit() for c in g)}


def similarity(a: Set[str], b: Set[str], weight: Callable[[str], float]) -> float:
    """How alike two sets of words are (0..1): containment and overlap of their weights, at least two shared."""
    shared = a & b
    if len(shared) < 2:
        return 0.0
    wa, wb, ws = (sum(weight(g) for g in s) for s in (a, b, shared))
    if wa <= 0 or wb <= 0:
        return 0.0
    return (ws / min(wa, wb) + 2 * ws / (wa + wb)) / 2


# --------------------------------------------------------------------------- rows to tasks


def match_tasks(
    rows: Sequence[Task],
    tasks: Sequence[Task],
    *,
    key: Callable[[str], str] = unit_key,
    threshold: float = THRESHOLD,
    margin: float = MARGIN,
    offer: bool = False,
) -> list[Match | None]:
    """For each row (same order), the task of ``tasks`` it speaks of, or None when no task is clearly it.

    ``key`` maps a printed unit name to what is compared; pass the unit directory's resolution to
    compare units by identity (its result still goes through the suffix rule of ``same_unit``).
    With ``offer``, a best task below the thresholds but at ``OFFER_THRESHOLD`` comes back with
    ``band="offered"``: for the office to confirm, never to apply unasked.
    """
    scorer = _RowScorer(rows, tasks, key)
    out: list[Match | None] = []
    for r in range(len(rows)):
        scored = sorted(((scorer.score(r, t), t) for t in range(len(tasks))), key=lambda s: (-s[0][0], s[1]))
        if not scored:
            out.append(None)
            continue
        (best, reasons), index = scored[0]
        runner_up = scored[1][0][0] if len(scored) > 1 else 0.0
        if best >= threshold and best - runner_up >= margin:
            out.append(Match(index, round(best, 4), round(runner_up, 4), reasons))
        elif offer and best >= OFFER_THRESHOLD:
            out.append(Match(index, round(best, 4), round(runner_up, 4), reasons, "offered"))
        else:
            out.append(None)
    return out


class _RowScorer:
    """Scores of every (row, task) pair, with the word and quantity weights of both lists."""

    def __init__(self, rows: Sequence[Task], tasks: Sequence[Task], key: Callable[[str], str]) -> None:
        self.rows, self.tasks, self.key = rows, tasks, key
        self.row_words = [content_words(t.text) for t in rows]
        self.task_words = [content_words(t.text) for t in tasks]
        self.task_df = Counter(g for words in self.task_words for g in words)
        self.row_df = Counter(g for words in self.row_words for g in words)
        self.quantity_count = Counter(q for t in (*rows, *tasks) for q in {_quantity(i) for i in _numeric(t)})
        self.row_units = [({key(n) for n in t.lead} or {key(n) for n in t.co}) for t in rows]
        self.task_units = [({key(n) for n in t.lead}, {key(n) for n in t.co}) for t in tasks]

    def word_weight(self, g: str) -> float:
        # A word held by one task and one row says "these two"; one held by many says little.
        return 1.0 / (max(1, self.task_df[g]) * max(1, self.row_df[g]))

    def score(self, r: int, t: int) -> tuple[float, tuple[str, ...]]:
        reasons: list[str] = []
        indicator, said = self.indicators(self.rows[r], self.tasks[t])
        if said:
            reasons.append(said)
        shared = self.row_words[r] & self.task_words[t]
        evidence = sum(self.word_weight(g) for g in shared)
        words = 1.0 - math.exp(-evidence)
        if evidence >= 0.5:
            reasons.append("共有词语：" + "、".join(_runs(self.rows[r].text, shared)[:6]))
        unit, unit_said = self.units(r, t)
        if unit_said:
            reasons.append(unit_said)
        content = 1.0 - (1.0 - indicator) * (1.0 - words)
        return content * (_NO_UNIT + (1.0 - _NO_UNIT) * unit), tuple(reasons)

    def indicators(self, row: Task, task: Task) -> tuple[float, str]:
        """The best pair of indicators: same metric words, and the same figure or a comparable one."""
        best, said = 0.0, ""
        for a in _numeric(row):
            for b in _numeric(task):
                m = similarity(_metric_words(a), _metric_words(b), _flat)
                m = m if m >= _MIN_METRIC else 0.0
                same_kind = (a.kind == "growth") == (b.kind == "growth")
                same = same_kind and _quantity(a) == _quantity(b)
                comparable = same_kind and compatible(a.unit, b.unit) and unit_class(a.unit) == unit_class(b.unit)
                s = m * (1.0 if same else 0.85 if comparable else 0.5)
                if same:
                    # The same figure in both lists, weighted by how rare it is (100% is everywhere; 9600件 is not).
                    s += 0.3 * min(1.0, 2.0 / self.quantity_count[_quantity(a)])
                s = min(1.0, s)
                if s > best:
                    best = s
                    label = "指标相同" if same and m else "指标相近" if m else "数值相同"
                    said = f"{label}：{_show(a)}" if same and m else f"{label}：{_show(a)} ～ {_show(b)}"
        return best, said

    def units(self, r: int, t: int) -> tuple[float, str]:
        row_units = self.row_units[r]
        if not row_units:
            return _UNKNOWN_UNIT, ""
        lead, co = self.task_units[t]
        best, said = 0.0, ""
        for a in row_units:
            for b in lead:
                s = same_unit(a, b)
                if s > best:
                    best, said = s, f"主办单位相同：{a}" if s == 1.0 else f"主办单位相近：{a} ～ {b}"
            for b in co:
                s = 0.6 * same_unit(a, b)
                if s > best:
                    best, said = s, f"责任单位为协办单位：{a}"
        return best, said


def _flat(word: str) -> float:
    return 1.0


def _numeric(task: Task) -> list[Indicator]:
    return [i for i in task.indicators if i.value is not None]


def _metric_words(ind: Indicator) -> frozenset[str]:
    return bigrams(ind.metric or ind.text)


def _quantity(ind: Indicator) -> tuple[float, str]:
    value, unit = to_base(ind.value if ind.value is not None else 0.0, ind.unit)
    return round(value, 6), unit


def _show(ind: Indicator) -> str:
    value = ind.value if ind.value is not None else 0.0
    number = f"{value:g}"
    return f"{ind.metric or ''}{number}{ind.unit or ''}"


def _runs(text: str, words: Iterable[str]) -> list[str]:
    """The stretches of ``text`` covered by ``words`` (two-character words), longest first, each once."""
    wanted = set(words)
    chars = [c for c in text]
    covered = [False] * len(chars)
    for i in range(len(chars) - 1):
        if chars[i] + chars[i + 1] in wanted:
            covered[i] = covered[i + 1] = True
    runs: list[str] = []
    current = ""
    for ch, on in zip(chars, covered, strict=True):
        if on:
            current += ch
        elif current:
            runs.append(current)
            current = ""
    if current:
        runs.append(current)
    unique = list(dict.fromkeys(runs))
    return sorted(unique, key=len, reverse=True)


# --------------------------------------------------------------------------- figures to tasks


def match_observations(
    observations: Sequence[Observation],
    tasks: Sequence[Task],
    *,
    threshold: float = OBSERVATION_THRESHOLD,
    margin: float = OBSERVATION_MARGIN,
    offer: bool = False,
) -> list[Match | None]:
    """For each figure (same order), the task whose indicator it reports, or None when no task clearly is.

    The figure's metric and the indicator's must share words (at least two, weighted by how few of the
    tasks' indicators use them), and the figure must be comparable with the indicator (a growth rate
    with a growth target, 万件 with 件…); a target without a number (与经济增长同步) takes any figure
    of its metric. ``offer``: as for ``match_tasks`` (a best task at ``OBSERVATION_OFFER``, to confirm).
    """
    metrics = [_metric_words(i) for t in tasks for i in t.indicators if i.metric]
    df = Counter(g for words in metrics for g in words)

    def weight(g: str) -> float:
        return 1.0 / max(1, df[g])

    out: list[Match | None] = []
    for obs in observations:
        words = bigrams(obs.metric)
        scored: list[tuple[float, int, str]] = []
        for t, task in enumerate(tasks):
            best, said = 0.0, ""
            for ind in task.indicators:
                if not ind.metric:
                    continue
                if ind.value is not None and comparable(ind, obs) is None:
                    continue
                s = similarity(words, _metric_words(ind), weight)
                if s > best:
                    best, said = s, f"指标：{ind.metric}"
            scored.append((best, t, said))
        scored.sort(key=lambda s: (-s[0], s[1]))
        if not scored:
            out.append(None)
            continue
        best, index, said = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        if best >= threshold and best - runner_up >= margin:
            out.append(Match(index, round(best, 4), round(runner_up, 4), (said,)))
        elif offer and best >= OBSERVATION_OFFER:
            out.append(Match(index, round(best, 4), round(runner_up, 4), (said,), "offered"))
        else:
            out.append(None)
    return out
