"""A task's verdict: each of its targets judged one by one, then combined, with adjustments and claims.

- Numeric targets are matched to the figures reported for them (metric words, unit, kind) and
  compared (``indicators``); zero-event, external (达市目标) and qualitative targets are judged
  from what the text asserts (``statements``); construction milestones from the stage reached
  (``milestones``).
- All met → ``done``; some → ``partly_done``; none → ``not_done``; an approved adjustment or a
  withdrawn measure (视同完成, 已同意调整/取消, 统计口径缺失) → ``deemed_done`` with the words
  recorded. Targets the text does not settle make the task ``unknown`` with ``needs_review``
  unless another target is already missed.
- The unit's own claim ("均已完成") is evidence, not the verdict: when a figure contradicts it the
  verdict says so (``claim_contradicted``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from luoshi.judge.comparators import NUMERIC_KINDS
from luoshi.judge.indicators import judge_numeric
from luoshi.judge.matching import match
from luoshi.judge.milestones import is_milestone_text, judge_milestones
from luoshi.judge.settings import DEFAULT_SETTINGS, JudgeSettings
from luoshi.judge.statements import judge_statement, judge_zero_event
from luoshi.judge.text import (
    ADJUSTED,
    CLAIM,
    EXTERNAL_MISSED,
    is_negated,
    overlap,
    quote,
    segments,
    sentences,
    split_forecast,
)
from luoshi.judge.time_progress import is_year_end
from luoshi.model import Indicator, IndicatorVerdict, Observation, Task, TaskVerdict

# Units that count parts of a building project (floors, plots, blocks): its stages judge those.
_PART_UNITS = re.compile(r"^(层|幅|栋|幢|号|号楼|#|座|地块|片区|标段)$")


def _reader_indicators(text: str) -> list[Indicator]:
    from luoshi.quantities.indicators import to_indicators  # the quantity reader (another module)

    return list(to_indicators(text))


def _reader_observations(text: str) -> list[Observation]:
    from luoshi.quantities.observations import to_observations

    return list(to_observations(text))


def read_indicators(text: str) -> list[Indicator]:
    """The targets in ``text`` per the quantity reader; none while the reader is not installed."""
    try:
        return _reader_indicators(text)
    except ImportError:
        return []


def read_observations(text: str) -> list[Observation]:
    """The figures in ``text`` per the quantity reader; none while the reader is not installed."""
    try:
        return _reader_observations(text)
    except ImportError:
        return []


# Where one clause of progress text ends: its figures belong to what that clause says of them.
_CLAUSE_END = re.compile(r"[，,；;。！!？?\n]")
# A clause saying its figure was not achieved: a negation shortly before an achievement verb
# ("尚未开工", "未能按期完工", "没有如期建成"); "未发生" (a zero event kept) names no achievement.
_UNDONE = re.compile(
    r"(尚未|暂未|仍未|均未|未能|没能|没有|无法|不能|未)[^，,；;。]{0,4}?"
    r"(完成|完工|开工|动工|建成|竣工|交付|投用|达到|达标|实现|到位|启动|进场|签约|落地)"
)


def achieved(observations: Sequence[Observation], progress: str) -> list[Observation]:
    """The figures progress reports as achieved: one stated in a clause that negates it is not.

    "已完成12个，其余3个因资金未到位尚未开工": the 3 is what remains undone, not an achievement.
    """
    kept: list[Observation] = []
    cursor = 0
    for o in observations:
        at = progress.find(o.text, cursor) if o.text else -1
        if at < 0:
            at = progress.find(o.text) if o.text else -1
        if at < 0:
            kept.append(o)
            continue
        cursor = at + len(o.text)
        starts = [m.end() for m in _CLAUSE_END.finditer(progress, 0, at)]
        end = _CLAUSE_END.search(progress, cursor)
        clause = progress[starts[-1] if starts else 0 : end.start() if end else len(progress)]
        if not _UNDONE.search(clause):
            kept.append(o)
    return kept


def find_adjustment(progress: str) -> str | None:
    """The sentence recording an approved adjustment or withdrawn measure, as printed."""
    for c in sentences(progress):
        if ADJUSTED.search(c.text):
            return c.text
    return None


@dataclass(slots=True)
class TargetCase:
    """What a target's judge needs besides the target: the texts, the figures matched to it, the date.

    Made once per target and only read (not frozen: one is made for every target judged, and a
    frozen dataclass costs several times as much to make).
    """

    target: str  # the task's target text
    progress: str
    figures: Sequence[Observation]  # the reported figures matched to this target
    as_of: date | None
    year: int | None
    settings: JudgeSettings
    year_end: bool
    milestone_task: bool  # the task's stages were judged on the stage ladder


TargetJudge = Callable[[Indicator, TargetCase], IndicatorVerdict | None]


def _judge_zero_event(ind: Indicator, case: TargetCase) -> IndicatorVerdict | None:
    """不发生…: kept unless the progress reports one."""
    return judge_zero_event(ind, case.progress)


def _judge_figure(ind: Indicator, case: TargetCase) -> IndicatorVerdict | None:
    """A figure to reach: compared to the figures reported, else the text's words decide."""
    verdict = judge_numeric(ind, case.figures, as_of=case.as_of, year=case.year, settings=case.settings)
    if verdict is not None:
        return verdict
    fallback = judge_statement(ind, target_clause(case.target, ind), case.progress, year_end=case.year_end)
    return _figure_missing(ind, fallback)


def _judge_words(ind: Indicator, case: TargetCase) -> IndicatorVerdict | None:
    """A qualitative, milestone or external target (or one without a value): what the text asserts."""
    if case.milestone_task and ind.kind in ("milestone", "qualitative") and not ind.external:
        return None  # the stage ladder judged it
    return judge_statement(ind, target_clause(case.target, ind), case.progress, year_end=case.year_end)


def _is_zero_event(ind: Indicator) -> bool:
    return ind.kind == "zero_event" or ind.comparator == "==0"


def _is_figure(ind: Indicator) -> bool:
    return ind.kind in NUMERIC_KINDS and ind.value is not None


def _is_words(ind: Indicator) -> bool:
    return ind.kind in ("qualitative", "milestone") or ind.external or ind.value is None


# The judge of each kind of target: the first kind (in this order) whose test a target passes judges
# it; a target no test accepts is left out. A new verdict rule is one judge function and one entry.
JUDGES: dict[str, tuple[Callable[[Indicator], bool], TargetJudge]] = {
    "zero_event": (_is_zero_event, _judge_zero_event),
    "figure": (_is_figure, _judge_figure),
    "words": (_is_words, _judge_words),
}


def target_kind(ind: Indicator) -> str | None:
    """The entry of ``JUDGES`` that judges ``ind`` (None: no judge takes it)."""
    for kind, (test, _judge) in JUDGES.items():
        if test(ind):
            return kind
    return None


def judge_task(
    target: str | Task,
    progress: str | None = None,
    *,
    indicators: Sequence[Indicator] | None = None,
    observations: Sequence[Observation] | None = None,
    as_of: date | None = None,
    year: int | None = None,
    project: bool = False,
    settings: JudgeSettings = DEFAULT_SETTINGS,
) -> TaskVerdict:
    """Judge one task from its target text and progress text.

    ``target`` may be a ``Task``: its 全年目标 (else its text), indicators and progress are used.
    ``indicators``/``observations`` default to what the quantity reader finds in the texts;
    ``as_of`` is the date judged at (None: year end); ``project`` says the target is a project's
    全年目标 (its generic words 施工/建设 are stages too).
    """
    if isinstance(target, Task):
        task = target
        target = (task.target or task.text or "").strip()
        progress = progress if progress is not None else task.progress
        if indicators is None and task.indicators:
            indicators = task.indicators
        project = project or task.target is not None
    progress = (progress or "").strip()
    if not progress:
        return _NO_PROGRESS
    year_end = is_year_end(as_of, year)
    inds = list(indicators) if indicators is not None else read_indicators(target)
    obs = list(observations) if observations is not None else achieved(read_observations(progress), progress)
    parts: list[IndicatorVerdict] = []
    if project or is_milestone_text(target):
        parts, inds = _by_stages(target, progress, inds)
    milestone_task = bool(parts)
    adjustment, adjusted_ind = _adjustment(progress, inds)
    numeric = [i for i in inds if i.kind in NUMERIC_KINDS and i.value is not None]
    matched = match(inds, obs) if numeric else [[] for _ in inds]
    judged_any = False
    for n, ind in enumerate(inds):
        verdict: IndicatorVerdict | None
        if n == adjusted_ind:
            verdict = _deemed_by_adjustment(ind, adjustment or "")
        else:
            case = TargetCase(target, progress, matched[n], as_of, year, settings, year_end, milestone_task)
            verdict = _judge_target(ind, case)
        if verdict is not None:
            parts.append(verdict)
            judged_any = True

    if not parts or (not judged_any and not milestone_task):
        # No target the reader could read: the target as a whole, from the text.
        parts.append(judge_statement(None, target, progress, year_end=year_end))
    return combine(parts, progress, adjustment=adjustment, year_end=year_end)


_NO_PROGRESS = TaskVerdict(
    verdict="unknown", reasons=("未报送进展情况，无法研判",), rule="无进展情况", needs_review=True
)


def _by_stages(target: str, progress: str, inds: list[Indicator]) -> tuple[list[IndicatorVerdict], list[Indicator]]:
    """A project's stage targets judged on the stage ladder, and the targets left for the other judges.

    Floors, plots and buildings counted in a milestone target are judged by its stages.
    """
    ms, _rest = judge_milestones(target, progress)
    kept = [i for i in inds if not (i.value is not None and (not i.unit or _PART_UNITS.match(i.unit.strip())))]
    return ms, kept


def _judge_target(ind: Indicator, case: TargetCase) -> IndicatorVerdict | None:
    """The verdict of the judge of ``target_kind(ind)``; None when no judge takes it."""
    for test, judge in JUDGES.values():
        if test(ind):
            return judge(ind, case)
    return None


def _adjustment(progress: str, inds: Sequence[Indicator]) -> tuple[str | None, int | None]:
    """The adjustment sentence of ``progress`` and the index of the target it names (None: the whole task).

    An adjustment names the target it applies to; one naming none applies to the whole task.
    """
    sentence = find_adjustment(progress)
    if sentence is None:
        return None, None
    scores = [overlap(i.metric or i.text, sentence) for i in inds]
    if len(inds) > 1 and scores and max(scores) > 0.3:
        return sentence, scores.index(max(scores))
    return sentence, None


def _deemed_by_adjustment(ind: Indicator, adjustment: str) -> IndicatorVerdict:
    rule = f"目标：{quote(ind.text)}；{quote(adjustment, 60)}；视同完成"
    return IndicatorVerdict(ind, "deemed_done", (rule,), rule)


def target_clause(target: str, ind: Indicator) -> str:
    """The words of ``target`` that set ``ind`` (its comma segment), for reading the text about it."""
    for clause in sentences(target):
        for seg in segments(clause.text):
            if ind.text and ind.text in seg:
                return seg
    return f"{ind.metric or ''}{ind.text}"


def _figure_missing(ind: Indicator, fallback: IndicatorVerdict) -> IndicatorVerdict:
    """A numeric target with no comparable figure: the text's words decide, and the reason says so."""
    note = "进展未报可比数字，按文字判断"
    rule = f"{fallback.rule}（{note}）"
    verdict = fallback.verdict
    return IndicatorVerdict(ind, verdict, (rule,), rule, on_forecast=fallback.on_forecast)


def combine(
    parts: Sequence[IndicatorVerdict],
    progress: str,
    *,
    adjustment: str | None = None,
    year_end: bool = True,
) -> TaskVerdict:
    """The task's verdict from its targets' verdicts, the text's explicit misses and its claims."""
    parts = list(parts)
    if adjustment is not None:
        # The approval overrides the figures: they are listed, the task is counted as done.
        return TaskVerdict(
            verdict="deemed_done",
            reasons=(*(r for p in parts for r in p.reasons), f"目标调整：{quote(adjustment, 80)}"),
            rule="目标经同意调整或取消，视同完成",
            indicators=tuple(parts),
            adjustment=adjustment,
            on_forecast=any(p.on_forecast for p in parts),
        )
    # An explicit miss in the text that no target's verdict accounts for ("…未达市目标").
    if not any(p.verdict in ("not_done", "partly_done") for p in parts):
        miss = _explicit_miss(progress)
        if miss is not None:
            rule = f"进展写明：{quote(miss, 60)}"
            parts.append(IndicatorVerdict(None, "not_done", (rule,), rule))
    met = [p for p in parts if p.verdict in ("done", "deemed_done")]
    short = [p for p in parts if p.verdict in ("not_done", "partly_done")]
    unknown = [p for p in parts if p.verdict == "unknown"]
    reasons = [r for p in parts for r in p.reasons]
    on_forecast = any(p.on_forecast for p in met)
    claim = _claim(progress)
    contradicted = bool(claim and short)
    if contradicted:
        reasons.append(f"单位称“{quote(claim or '', 30)}”，但上列数字/进度显示未全部达到")
    summary = _summary(parts, met, short, unknown)
    if short:
        some = bool(met) or any(p.verdict == "partly_done" for p in short)
        return TaskVerdict(
            verdict="partly_done" if some else "not_done",
            reasons=tuple(reasons),
            rule=summary,
            indicators=tuple(parts),
            on_forecast=on_forecast,
            needs_review=bool(unknown),
            claim_contradicted=contradicted,
            on_schedule=None if year_end else False,
        )
    if unknown:
        return TaskVerdict(
            verdict="unknown",
            reasons=tuple(reasons),
            rule=summary,
            indicators=tuple(parts),
            on_forecast=on_forecast,
            needs_review=True,
        )
    deemed = any(p.verdict == "deemed_done" for p in parts)
    return TaskVerdict(
        verdict="deemed_done" if deemed else "done",
        reasons=tuple(reasons),
        rule=summary,
        indicators=tuple(parts),
        on_forecast=on_forecast,
        on_schedule=None if year_end else True,
    )


def _summary(
    parts: Sequence[IndicatorVerdict],
    met: Sequence[IndicatorVerdict],
    short: Sequence[IndicatorVerdict],
    unknown: Sequence[IndicatorVerdict],
) -> str:
    """The task's rule in one line: the deciding target's rule, after the counts when there are several."""
    deciding = (list(short) or list(unknown) or list(met) or list(parts))[0]
    if len(parts) == 1:
        return deciding.rule
    counts = [f"{n}项{word}" for n, word in ((len(met), "达到"), (len(short), "未达"), (len(unknown), "待研判")) if n]
    return f"{len(parts)}项目标{('，'.join(counts))}；{deciding.rule}"


def _explicit_miss(progress: str) -> str | None:
    for c in sentences(progress):
        actual, _ = split_forecast(c.text)
        if EXTERNAL_MISSED.search(c.text) or is_negated(actual):
            return c.text
    return None


def _claim(progress: str) -> str | None:
    for c in sentences(progress):
        actual, _ = split_forecast(c.text)
        m = CLAIM.search(actual)
        if m and not is_negated(actual[max(0, m.start() - 4) : m.end()]):
            return m.group(0)
    return None
