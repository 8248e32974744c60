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
from dataclasses import dataclass, field, replace
from datetime import date

from luoshi.judge.comparators import NUMERIC_KINDS, percent_like
from luoshi.judge.indicators import judge_numeric
from luoshi.judge.listed import in_lag_list, listed_status
from luoshi.judge.matching import match, measure_clash, stage_ambiguity, stage_of
from luoshi.judge.milestones import generic_only, is_due, is_milestone_text, judge_milestones, names_stage
from luoshi.judge.settings import DEFAULT_SETTINGS, JudgeSettings
from luoshi.judge.shares import Share, find_shares, judge_share, needed
from luoshi.judge.statements import judge_statement, judge_zero_event
from luoshi.judge.text import (
    ADJUSTED,
    CLAIM,
    EXTERNAL_MISSED,
    bigrams,
    is_cause,
    is_negated,
    is_planned,
    names_step,
    overlap,
    plan_node_met,
    quote,
    read_said,
    segments,
    sentences,
    split_forecast,
)
from luoshi.judge.time_progress import is_year_end, read_period, span_progress, target_years
from luoshi.model import Indicator, IndicatorVerdict, Observation, Task, TaskVerdict
from luoshi.quantities.periods import find_periods

# Units that count parts of a building project (floors, plots, blocks): its stages judge those.
_PART_UNITS = re.compile(r"^(层|幅|栋|幢|号|号楼|#|座|地块|片区|标段)$")


def _reader_indicators(text: str, measure: str | None) -> list[Indicator]:
    from luoshi.quantities.indicators import to_indicators  # the quantity reader (another module)

    return list(to_indicators(text, measure=measure))


def _reader_observations(text: str, measure: str | None) -> list[Observation]:
    from luoshi.quantities.observations import to_observations

    return list(to_observations(text, measure=measure))


def read_indicators(text: str, measure: str | None = None) -> list[Indicator]:
    """The targets in ``text`` per the quantity reader (bare figures in ``measure``); none without the reader."""
    try:
        return _reader_indicators(text, measure)
    except ImportError:
        return []


def read_observations(text: str, measure: str | None = None) -> list[Observation]:
    """The figures in ``text`` per the quantity reader (bare figures in ``measure``); none without the reader."""
    try:
        return _reader_observations(text, measure)
    except ImportError:
        return []


# Where one clause of progress text ends: its figures belong to what that clause says of them.
_CLAUSE_END = re.compile(r"[，,；;。！!？?\n]")
# A clause saying its figure was not achieved: a negation shortly before an achievement verb
# ("尚未开工", "未能按期完工", "没有如期建成"); "未发生" (a zero event kept) names no achievement.
_UNDONE = re.compile(
    r"(尚未|暂未|仍未|均未|未能|没能|没有|无法|不能|未)[^，,；;。]{0,4}?"
    r"(完成|完工|开工|动工|建成|竣工|交付|投用|达到|达标|实现|到位|启动|进场|签约|落地)"
    # A figure of what lags is no achievement either: "…等26个项目滞后".
    r"|滞后|落后于"
)
# Just before a figure: what remains or is only in scope ("剩余2所学校", "共涉及26692户").
_SCOPE_BEFORE = re.compile(r"(?:剩余|其余|尚有|还有|涉及|共有|包含|包括)[^，,；;。\d]{0,6}$")


def achieved(observations: Sequence[Observation], progress: str) -> list[Observation]:
    """The figures progress reports as achieved: one stated in a clause that negates it is not.

    "已完成12个，其余3个因资金未到位尚未开工": the 3 is what remains undone, not an achievement;
    "…等26个项目滞后", "剩余2所", "共涉及26692户" are no achievements either, nor a figure inside a
    quoted name, nor one in a list of items said to be behind ("未达到序时进度11项…,为…新建安置区5个"). A figure the reader left unnamed takes the words before it in its clause.
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
        clause_start = starts[-1] if starts else 0
        clause = progress[clause_start : end.start() if end else len(progress)]
        if (
            _UNDONE.search(clause)
            or _in_quotes(progress, at)
            or _SCOPE_BEFORE.search(progress[clause_start:at])
            or in_lag_list(progress, at)
            or is_planned(clause)
        ):
            continue
        kept.append(_in_context(o, progress[clause_start:at]))
    return kept


def _in_quotes(text: str, at: int) -> bool:
    """Whether ``at`` falls inside a quoted name ("“全省每个县建成1个残疾人服务中心”"): its figures are a name's."""
    return text.count("“", 0, at) > text.count("”", 0, at)


def _in_context(obs: Observation, before: str) -> Observation:
    """A figure whose metric the reader left unnamed takes the words before it in its clause ("(主体已完工6项)")."""
    if obs.metric:
        return obs
    words = before.strip(" （(，,：:")
    return replace(obs, metric=words) if words else obs


def find_adjustment(progress: str) -> str | None:
    """The sentence recording an approved adjustment or withdrawn measure, as printed."""
    for c in sentences(progress):
        if ADJUSTED.search(c.text):
            return c.text
    return None


@dataclass(slots=True)
class TargetCase:
    """What a target's judge needs besides the target: the texts, the figures matched to it, the date.

    Made once per target and only read, except ``claimed`` (shared by the task's targets: the shares
    of the target already taken by one of them). Not frozen: one is made for every target judged, and
    a frozen dataclass costs several times as much to make.
    """

    target: str  # the task's target text
    progress: str
    figures: Sequence[Observation]  # the reported figures matched to this target
    as_of: date | None
    year: int | None
    settings: JudgeSettings
    year_end: bool
    milestone_task: bool  # the task's stages were judged on the stage ladder
    shares: Sequence[Share] = ()  # the shares of the target the progress prints (占年度计划的61.9%)
    claimed: set[int] = field(default_factory=set)  # indices into ``shares`` taken by a target
    alone: bool = True  # the task's only target
    observations: Sequence[Observation] = ()  # every figure reported, matched or not


TargetJudge = Callable[[Indicator, TargetCase], IndicatorVerdict | None]


def _judge_zero_event(ind: Indicator, case: TargetCase) -> IndicatorVerdict | None:
    """不发生…: kept unless the progress reports one."""
    return judge_zero_event(ind, case.progress)


def _judge_figure(ind: Indicator, case: TargetCase) -> IndicatorVerdict | None:
    """A figure to reach: compared to the figures reported (or the share of it reported), else the words decide.

    A share named for this target ("投资计划完成率") decides; one bracketed after its figure
    ("已完成1个(50%)") goes with the figure. Figures of another measure (每千名老人床位数 for 新增床位) or
    of another stage (开工 for 建成) are not compared: the target is left to a person, with the reason.
    """
    clause = target_clause(case.target, ind)
    period = target_period(clause)
    span = span_progress(target_years(clause), case.as_of)
    verdict = judge_numeric(
        ind,
        case.figures,
        as_of=case.as_of,
        year=case.year,
        settings=case.settings,
        period_share=period,
        span_share=span,
    )
    ambiguous = stage_ambiguity(ind, case.observations)
    if ambiguous is not None:
        return _unsettled(ind, *ambiguous)
    if (
        verdict is not None
        and verdict.verdict == "not_done"
        and not case.year_end
        and _YEAR_END_RATE.search(ind.metric or "")
    ):
        # "投资完成率达到50%及以上": a completion rate is counted up to the year's end; below it in the year is
        # no miss yet.
        rule = f"{verdict.rule}；完成率为年度累计数，年底考核，年中未到期，需人工研判"
        return IndicatorVerdict(ind, "unknown", (rule,), rule, observation=verdict.observation)
    if (
        verdict is not None
        and verdict.verdict == "not_done"
        and not case.year_end
        and span is None
        and _projects_finished(ind)
        and not is_due(clause, case.as_of, case.year)
    ):
        # "计划年内完工项目39个": each project is finished once, at its own milestone; the year's count is due
        # at the year's end, and fewer finished before then is no miss yet.
        rule = f"{verdict.rule}；项目完工（竣工）个数年底考核，年中未到期，需人工研判"
        return IndicatorVerdict(ind, "unknown", (rule,), rule, observation=verdict.observation)
    share = _share_for(ind, case, fallback=verdict is None)
    if share is not None and (verdict is None or not _annotates(share, verdict)):
        goal = f"目标：{quote(ind.text)}"
        return judge_share(ind, goal, share, as_of=case.as_of, year=case.year, period_share=period, span_share=span)
    if verdict is not None:
        if share is not None:  # the share restates the figure: cite both
            return replace(verdict, evidence=share.evidence if share.follows else share.text)
        return _with_evidence(verdict, case.progress)
    fallback = judge_statement(ind, clause, case.progress, year_end=case.year_end, whole=case.target)
    clash = measure_clash(ind, case.observations)
    if clash is not None and (
        fallback.verdict == "unknown" or _of_that_figure(case.progress, fallback, clash[0], clause)
    ):
        # The words about a figure that cannot be compared ("已开工…9149套，大幅超过目标任务") share its doubt.
        return _unsettled(ind, *clash)
    return _figure_missing(ind, fallback)


def _of_that_figure(progress: str, verdict: IndicatorVerdict, obs: Observation, target: str) -> bool:
    """Whether the words ``verdict`` rests on speak of ``obs``: in its sentence, naming nothing of the target."""
    if not verdict.evidence or not obs.text:
        return False
    if obs.text in verdict.evidence:
        return True
    if overlap(target, verdict.evidence) > 0:
        return False
    return any(verdict.evidence in c.text and obs.text in c.text for c in sentences(progress))


def _annotates(share: Share, verdict: IndicatorVerdict) -> bool:
    """Whether ``share`` only restates the figure ``verdict`` rests on (bracketed after it, or right after it)."""
    if verdict.observation is None:
        return False
    text = verdict.observation.text
    return bool(text) and ((share.after is not None and text in share.after) or text in (share.follows or ""))


# A completion rate of the year's plan as a target ("投资完成率达到50%及以上"): due at the year's end.
_YEAR_END_RATE = re.compile(r"完成率|完成比例|完成进度")


def _projects_finished(ind: Indicator) -> bool:
    """A count of projects to finish ("计划年内完工项目39个", "竣工项目13项"): a milestone per project, due at year end."""
    label = f"{ind.metric or ''}{ind.text}"
    return ind.kind == "count" and "项目" in label and stage_of(label) == 7


def _unsettled(ind: Indicator, obs: Observation, why: str) -> IndicatorVerdict:
    """A target whose only figures cannot be compared with it: left to a person, with why."""
    rule = f"目标：{quote(ind.text)}；进展：{quote(obs.text, 40)}；{why}，不作比较，需人工研判"
    return IndicatorVerdict(ind, "unknown", (rule,), rule)


def _judge_words(ind: Indicator, case: TargetCase) -> IndicatorVerdict | None:
    """A qualitative, milestone or external target (or one without a value): a share of it, else what the text asserts."""
    if case.milestone_task and ind.kind in ("milestone", "qualitative") and not ind.external:
        return None  # the stage ladder judged it
    goal = f"目标：{quote(target_clause(case.target, ind))}"
    listed = _listed_shares(case)
    if listed:
        return _judge_listed(ind, goal, listed, case)
    share = _share_for(ind, case)
    if share is not None:
        span = span_progress(target_years(target_clause(case.target, ind)), case.as_of)
        return judge_share(ind, goal, share, as_of=case.as_of, year=case.year, span_share=span)
    if _is_full_rate(ind, case):
        rule = f"目标：{quote(ind.text)}；进展：{quote(case.progress, 40)}；已达100%"
        return IndicatorVerdict(ind, "done", (rule,), rule, evidence=case.progress)
    return judge_statement(
        ind, target_clause(case.target, ind), case.progress, year_end=case.year_end, whole=case.target
    )


def _share_for(ind: Indicator, case: TargetCase, *, fallback: bool = True) -> Share | None:
    """The share of the target reported for ``ind`` (taken: no other target gets it), or None.

    A share bracketed after one of its figures; else a share naming it ("开工率" for 新开工22项,
    "投资计划完成率" for 年度计划投资); else (``fallback``), for a task's only target, its only share.
    """
    free = [
        (i, sh)
        for i, sh in enumerate(case.shares)
        if i not in case.claimed and not names_step(sh.subject or sh.words, case.target)
    ]
    texts = [o.text for o in case.figures if o.text]
    if ind.value is not None and percent_like(ind):
        # A target in % ("完成总工程量30%", "投资完成率达到50%") takes the share as its figure: no other target
        # (nor the plan) is judged on it again.
        case.claimed.update(i for i, sh in free if any(t in sh.text for t in texts))
        return None
    if not free:
        return None
    for i, sh in free:
        # A share bracketed after one of its figures, or printed right after it ("完成投资2亿元，占年度计划的40%").
        if any(t in (sh.after or "") or t in (sh.follows or "") for t in texts):
            case.claimed.add(i)
            return sh
    label = ind.metric or ind.text
    # A share right after a figure of another target is that figure's ("完成投资57.1亿元,占年度计划的73.4%").
    named = [
        (overlap(label, sh.words), i, sh)
        for i, sh in free
        if not sh.after and (sh.follows is None or any(t in sh.follows for t in texts))
    ]
    named = [n for n in named if n[0] > 0]
    if named:
        _, i, sh = max(named, key=lambda n: n[0])
        case.claimed.add(i)
        return sh
    started = _start_rate(ind, free)
    if started is not None:
        case.claimed.add(started)
        return case.shares[started]
    if fallback and case.alone and len(free) == 1 and not (free[0][1].after and case.figures):
        i, sh = free[0]
        case.claimed.add(i)
        return sh
    return None


# The share of a plan's things started: the document counts the plan by its starts.
_START_RATE = re.compile(r"开工率|开复工率|复工率|开工比例")


def _start_rate(ind: Indicator, free: Sequence[tuple[int, Share]]) -> int | None:
    """For a count naming no stage ("农牧林水项目9个", "计划完成数：71"), the index of a start rate printed for it.

    A document that prints "开工7个，开工率78%" counts the plan's things by their starts: the count is to be
    started within the year, and the start rate is its share reached (not a count of things built).
    """
    if ind.kind != "count" or stage_of(f"{ind.metric or ''}{ind.text}") is not None:
        return None
    rates = [i for i, sh in free if not sh.after and _START_RATE.search(sh.words)]
    return rates[0] if len(rates) == 1 else None


def _listed_shares(case: TargetCase) -> list[Share]:
    """For a task's only target, the shares of one list ("分别完成年度目标的80.8%、58.5%"): one per item; or,
    for an item named only, the shares of the year's target its progress prints, each of one of its parts
    ("推动农村电网提档升级" ← "…台区改造升级,占年度目标任务的100.08%;…线路7503千米,占年度目标任务的150.06%")."""
    if not case.alone:
        return []
    free = [
        (i, sh)
        for i, sh in enumerate(case.shares)
        if i not in case.claimed and not sh.after and not names_step(sh.subject or sh.words, case.target)
    ]
    if len(free) < 2:
        return []
    named_only = not any(ch.isdigit() for ch in case.target) and all(sh.of_plan for _, sh in free)
    if len({sh.text for _, sh in free}) != 1 and not named_only:
        return []
    case.claimed.update(i for i, _ in free)
    return [sh for _, sh in free]


def _judge_listed(ind: Indicator, goal: str, listed: list[Share], case: TargetCase) -> IndicatorVerdict:
    """A target reported as the shares of its items: met when all are, partly when some are."""
    each = _node_met([judge_share(ind, goal, sh, as_of=case.as_of, year=case.year) for sh in listed], case.progress)
    if any(v.verdict == "unknown" for v in each) and not any(v.verdict == "not_done" for v in each):
        rule = "；".join(dict.fromkeys(v.rule for v in each))
        return IndicatorVerdict(ind, "unknown", (rule,), rule)
    met = sum(v.verdict == "done" for v in each)
    verdict = "done" if met == len(each) else ("not_done" if met == 0 else "partly_done")
    rule = "；".join(dict.fromkeys(v.rule for v in each))
    behind = next((v.evidence for v in each if v.verdict != "done"), each[0].evidence)
    return IndicatorVerdict(ind, verdict, (rule,), rule, evidence=behind)  # type: ignore[arg-type]


_RATE_TARGET = re.compile(r"率$|覆盖$")


def _is_full_rate(ind: Indicator, case: TargetCase) -> bool:
    """A rate printed without its value ("筛查率") reported at 100%: no rate goes higher."""
    if not _RATE_TARGET.search((ind.metric or ind.text).strip()):
        return False
    return any((o.unit or "") in ("%", "％") and o.value is not None and o.value >= 100 for o in case.observations)


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
    measure: str | None = None,
) -> TaskVerdict:
    """Judge one task from its target text and progress text.

    ``target`` may be a ``Task``: its 全年目标 (else its text), indicators and progress are used.
    ``indicators``/``observations`` default to what the quantity reader finds in the texts;
    ``as_of`` is the date judged at (None: year end); ``project`` says the target is a project's
    全年目标 (its generic words 施工/建设 are stages too); ``measure`` is the unit the document prints
    apart from the figures (``Task.measure``: a 单位 column, "完成数（个）"), the unit of bare figures.
    """
    if isinstance(target, Task):
        task = target
        target = (task.target or task.text or "").strip()
        progress = progress if progress is not None else task.progress
        if indicators is None and task.indicators:
            indicators = task.indicators
        project = project or task.target is not None
        measure = measure or task.measure
    progress = (progress or "").strip()
    if not progress:
        return _NO_PROGRESS
    year_end = is_year_end(as_of, year)
    listed = listed_status(target, progress)
    if listed is not None:
        # Named in a notice's list of items behind or done ("滞后项目:一是…", "5项已完成,分别是:…").
        return combine([listed], listed.evidence or "", year_end=year_end)
    inds = list(indicators) if indicators is not None else read_indicators(target, measure)
    inds = without_descriptors(inds)
    found = list(observations) if observations is not None else read_observations(progress, measure)
    obs = achieved(found, progress)
    shares = find_shares(progress)
    parts: list[IndicatorVerdict] = []
    if project or is_milestone_text(target):
        parts, inds = _by_stages(
            target, progress, inds, as_of=as_of, year=year, other_evidence=bool(shares), one_project=project
        )
    milestone_task = bool(parts)
    adjustment, adjusted_ind = _adjustment(progress, inds)
    numeric = [i for i in inds if i.kind in NUMERIC_KINDS and i.value is not None]
    matched = match(inds, obs) if numeric else [[] for _ in inds]
    # A count restated as its sentence's subject ("25个省重点项目,已完成投资…") is the plan's scope: no figure is its.
    matched = [
        [] if any(restates(ind, o, progress) for o in figs) else figs for ind, figs in zip(inds, matched, strict=True)
    ]
    claimed: set[int] = set()
    # A target in % takes the share printing its figure before any other target can ("投资完成率达到50%" ←
    # "计划投资完成率：42.75%", not "计划完成数：150").
    for ind, figs in zip(inds, matched, strict=True):
        if ind.value is not None and percent_like(ind):
            texts = [o.text for o in figs if o.text]
            claimed.update(i for i, sh in enumerate(shares) if any(t in sh.text for t in texts))
    judged: list[tuple[Indicator, IndicatorVerdict]] = []
    for n, ind in enumerate(inds):
        verdict: IndicatorVerdict | None
        if n == adjusted_ind:
            verdict = _deemed_by_adjustment(ind, adjustment or "")
        else:
            case = TargetCase(
                target, progress, matched[n], as_of, year, settings, year_end, milestone_task,
                shares, claimed, len(inds) == 1, obs,
            )  # fmt: skip
            verdict = _judge_target(ind, case)
        if verdict is not None:
            judged.append((ind, verdict))
    # A share of the year's plan no target took ("完成投资…，占年度计划的61.9%"): the plan is a target too.
    for i, sh in enumerate(shares):
        if i not in claimed and sh.of_plan and not sh.after and not names_step(sh.subject or sh.words, target):
            judged.append((_PLAN, judge_share(None, "目标：年度计划", sh, as_of=as_of, year=year)))
    judged = without_scope(judged)
    parts += [v for _, v in judged]
    if not parts or (not judged and not milestone_task):
        # No target the reader could read: the target as a whole, from the text.
        parts.append(judge_statement(None, target, progress, year_end=year_end))
    parts = _node_met(parts, progress)
    overall = _overall_share(shares, claimed, target)
    if overall is not None:
        parts = _overall_on_schedule(parts, overall, as_of, year)
    return combine(parts, progress, adjustment=adjustment, year_end=year_end)


# The year's plan, as the target of a share of it that no target of the task names.
_PLAN = Indicator(metric="年度计划", kind="ratio", comparator=">=", value=100.0, unit="%", text="年度计划")
# Words of a project's life-time size, never a year's target beside the year's plan: "总投资1160亿元".
_TOTAL = re.compile(r"总投资|总规模|总建筑面积|计划总投资")
_YEAR_PLAN = re.compile(r"年度|计划|本年|当年|今年")
# A count of the projects (or the items of a list) a target covers: "重点项目458个", "等13个", "133个续建项目".
_SCOPE = re.compile(r"项目|等$|^等")


def without_descriptors(inds: Sequence[Indicator]) -> list[Indicator]:
    """The targets without the sizes that only describe them: a project's 总投资 beside the year's plan, and a
    plan's amount whose completion rate is the target ("计划投资额…；投资完成率达到50%": the amount is its base).
    """
    rates = [bigrams(i.metric) for i in inds if i.kind == "ratio" and _YEAR_END_RATE.search(i.metric or "")]
    yearly = any(_YEAR_PLAN.search(i.metric or i.text) for i in inds if i.kind == "amount")

    def describes(i: Indicator) -> bool:
        if i.kind != "amount":
            return False
        if yearly and _TOTAL.search(i.metric or i.text):
            return True
        return "计划" in (i.metric or "") and any(r & bigrams(i.metric) for r in rates)

    return [i for i in inds if not describes(i)]


def without_scope(judged: list[tuple[Indicator, IndicatorVerdict]]) -> list[tuple[Indicator, IndicatorVerdict]]:
    """The verdicts, less a count of projects left unsettled while another target was judged on a figure.

    "在建项目13项" over "完成投资76.1亿元，占年度计划的90.4%": the 13 projects are what the plan covers,
    not a number to reach; the progress reports the plan, and the plan decides. Such a count judged
    only from the words ("…，略低于序时进度", said of the investment) is left out as well.
    """
    # The year's plan judged on its share decides too ("157个产业项目累计完成投资…,占年计划69.1%").
    decided = [v for ind, v in judged if v.verdict != "unknown" and (_on_figures(v) or ind is _PLAN)]
    if not decided:
        return judged
    return [
        (ind, v)
        for ind, v in judged
        if not (ind.kind == "count" and _SCOPE.search((ind.metric or "") + "|" + ind.text) and not _on_figures(v))
    ]


def _on_figures(v: IndicatorVerdict) -> bool:
    """Whether a verdict rests on a figure or a share reported, not only on the words of the progress."""
    return v.observation is not None or (
        v.evidence is not None and "按文字判断" not in v.rule and v.indicator is not None
    )


def _node_met(parts: list[IndicatorVerdict], progress: str) -> list[IndicatorVerdict]:
    """A share behind the time progress while the text says the document's own node is met: left to a person.

    "累计完成总工程量70.8%，超额完成9月份设置的…30%的节点目标", "计划完成工程量5%,实际完成工程量6%": linear time
    says behind, the document's own schedule says ahead; the two standards disagree.
    """
    if not any(_behind(p) for p in parts):
        return parts
    node = next((s.text for s in read_said(progress) if s.kind == "node"), None) or plan_node_met(progress)
    if node is None:
        return parts
    return _behind_left_to_a_person(parts, f"但进展称“{quote(node, 40)}”，按文件所定节点已达到")


# The share of a whole item's works ("形象进度(%)：45%", "总体进度60%"), not of one of its targets.
_OVERALL = re.compile(r"形象进度|总体进度|整体进度|总工程量|工程进度")


def _overall_share(shares: Sequence[Share], claimed: set[int], target: str) -> Share | None:
    """The item's overall share of its works, when no target took it."""
    for i, sh in enumerate(shares):
        if i in claimed or sh.after or sh.of_plan or names_step(sh.subject or sh.words, target):
            continue
        if _OVERALL.search(sh.words):
            return sh
    return None


def _overall_on_schedule(
    parts: list[IndicatorVerdict], overall: Share, as_of: date | None, year: int | None
) -> list[IndicatorVerdict]:
    """A target behind the time progress while the item's overall share is on schedule: left to a person.

    "…累计服务青少年2500余人次 | 形象进度45%" (of 13家 and 1.24万人次, at 37% of the year): the item's own
    measure says on schedule, one of its figures says behind; the two standards disagree.
    """
    if overall.value + 0.05 < needed(as_of, year):
        return parts
    return _behind_left_to_a_person(parts, f"但整项{quote(overall.text, 30)}已达序时进度")


def _behind(p: IndicatorVerdict) -> bool:
    """Whether a part was found not done for being behind the time progress."""
    return p.verdict == "not_done" and "落后序时进度" in p.rule


def _behind_left_to_a_person(parts: list[IndicatorVerdict], other: str) -> list[IndicatorVerdict]:
    """Each part found behind the time progress made unknown: ``other`` standard says otherwise, a person decides."""
    out = []
    for p in parts:
        if _behind(p):
            rule = f"{p.rule}；{other}，两种口径不一，需人工研判"
            p = replace(p, verdict="unknown", reasons=(rule, *p.reasons[1:]), rule=rule, evidence=None)
        out.append(p)
    return out


def target_period(clause: str) -> float | None:
    """The share of the year a target set for a part of it covers ("1-9月计划新开工67个" → 0.75), else None."""
    if "月" not in clause and "季度" not in clause and "半年" not in clause:
        return None
    for marker in find_periods(clause):
        period = read_period(marker.label)
        if period.cumulative and period.months is not None and period.months < 12:
            return period.months / 12
    return None


_SEGMENT_END = re.compile(r"[，,；;。！!？?\n]")


# Words before a figure that make it an object, not a subject ("完成5所", "进度：25").
_PREDICATE = re.compile(
    r"已|完成|完工|建成|开工|动工|竣工|新增|实现|达到|达|累计|投用|投入|开展|解决|发放|引进|培育|签约|办理|"
    r"改造|治理|提升|整治|安装|新建|建设|超|增长|下降|占|为|：|:"
)
# What a sentence may say of a counted subject itself ("…已全部开工", "…已建成"): then the count is reported.
_SAID_OF_COUNT = re.compile(
    r"开工|动工|复工|建成|竣工|完工|投用|投产|投运|交付|封顶|新增|签约|落地|到位|全部|均已|均|推进|实施|在建|启动|开展"
)


def restates(ind: Indicator, obs: Observation, progress: str) -> bool:
    """Whether ``obs`` is the target's own count restated as its sentence's subject, not an achievement.

    "25个省重点项目,已完成投资74.08亿元…" and "21个新开工项目完成投资14.5亿元,为年计划的13.9%" for the targets
    "25个省重点项目", "21个新开工项目": the count and its things open the segment, and what follows reports a figure
    of another measure (the investment). Kept: a count something is said of ("150个省市重点项目已全部开工"), one
    after a verb or a header ("完成5所", "进度：25"), a rate ("出生政策符合99.8%以上"), a figure naming nothing.
    """
    if ind.kind != "count" or obs.value != ind.value or obs.unit != ind.unit or not obs.metric or not ind.metric:
        return False
    if overlap(ind.metric, obs.metric) < 0.6 or not obs.text:
        return False
    at = progress.find(obs.text)
    if at < 0:
        return False
    starts = [m.end() for m in _SEGMENT_END.finditer(progress, 0, at)]
    if _PREDICATE.search(progress[starts[-1] if starts else 0 : at] + obs.text):
        return False  # the count is an object or a cell's value
    after = progress[at + len(obs.text) :]
    stop = re.search(r"[。\n]", after)
    sentence = after[: stop.start() if stop else len(after)]
    figure = re.search(r"\d", sentence)
    if figure is None:
        return False  # the sentence reports no figure of its own
    between = re.sub(r"[“”\"‘’]", "", sentence[: figure.start()]).replace(ind.metric, "", 1)
    return not _SAID_OF_COUNT.search(between)


def evidence_of(obs: Observation, progress: str) -> str:
    """The segment of ``progress`` that prints ``obs`` (its text when it cannot be found)."""
    at = progress.find(obs.text) if obs.text else -1
    if at < 0:
        return obs.text
    starts = [m.end() for m in _SEGMENT_END.finditer(progress, 0, at)]
    end = _SEGMENT_END.search(progress, at + len(obs.text))
    return progress[starts[-1] if starts else 0 : end.start() if end else len(progress)].strip()


def _with_evidence(verdict: IndicatorVerdict, progress: str) -> IndicatorVerdict:
    if verdict.observation is None:
        return verdict
    return replace(verdict, evidence=evidence_of(verdict.observation, progress))


_NO_PROGRESS = TaskVerdict(
    verdict="unknown", reasons=("未报送进展情况，无法研判",), rule="无进展情况", needs_review=True
)


def _by_stages(
    target: str,
    progress: str,
    inds: list[Indicator],
    *,
    as_of: date | None = None,
    year: int | None = None,
    other_evidence: bool = False,
    one_project: bool = True,
) -> tuple[list[IndicatorVerdict], list[Indicator]]:
    """A project's stage targets judged on the stage ladder, and the targets left for the other judges.

    Floors, plots and buildings counted in a milestone target are judged by its stages. A target
    that names only generic works (建设, 重建, 改造) over a progress that names no stage at all (its own
    name aside) but reports the plan's share has nothing for the ladder: the other judges decide.
    """
    # The target's own name restated in the progress ("重点建设项目完成投资…") names no stage reached.
    if other_evidence and generic_only(target) and not names_stage(progress.replace(target.strip(), "")):
        return [], inds
    kept = [i for i in inds if not (i.value is not None and (not i.unit or _PART_UNITS.match(i.unit.strip())))]
    counted = [i.text for i in kept if i.kind == "count" and i.value is not None]
    ms, _rest = judge_milestones(target, progress, as_of=as_of, year=year, counted=counted, one_project=one_project)
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
    """The words of ``target`` that set ``ind`` (its comma segment), for reading the text about it.

    Two targets may print the same figure ("达标率100%，…安置率100%"): the segment naming the metric too.
    """
    found: list[str] = []
    for clause in sentences(target):
        for seg in segments(clause.text):
            if ind.text and ind.text in seg:
                found.append(seg)
    named = [seg for seg in found if ind.metric and ind.metric in seg]
    if named or found:
        return (named or found)[0]
    return f"{ind.metric or ''}{ind.text}"


def _figure_missing(ind: Indicator, fallback: IndicatorVerdict) -> IndicatorVerdict:
    """A numeric target with no comparable figure: the text's words decide, and the reason says so."""
    note = "进展未报可比数字，按文字判断"
    rule = f"{fallback.rule}（{note}）"
    verdict = fallback.verdict
    return IndicatorVerdict(ind, verdict, (rule,), rule, on_forecast=fallback.on_forecast, evidence=fallback.evidence)


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
            evidence=adjustment,
        )
    # An explicit miss in the text that no target's verdict accounts for ("…未达市目标").
    if not any(p.verdict in ("not_done", "partly_done") for p in parts):
        miss = _explicit_miss(progress)
        if miss is not None:
            rule = f"进展写明：{quote(miss, 60)}"
            parts.append(IndicatorVerdict(None, "not_done", (rule,), rule, evidence=miss))
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
            evidence=_cited(short),
        )
    if unknown:
        return TaskVerdict(
            verdict="unknown",
            reasons=tuple(reasons),
            rule=summary,
            indicators=tuple(parts),
            on_forecast=on_forecast,
            needs_review=True,
        )  # nothing settles it: no evidence to cite
    deemed = any(p.verdict == "deemed_done" for p in parts)
    return TaskVerdict(
        verdict="deemed_done" if deemed else "done",
        reasons=tuple(reasons),
        rule=summary,
        indicators=tuple(parts),
        on_forecast=on_forecast,
        on_schedule=None if year_end else True,
        evidence=_cited_met(met),
    )


def _cited(parts: Sequence[IndicatorVerdict]) -> str | None:
    """The evidence of the deciding verdicts: one resting on a figure first, else on words."""
    ranked = sorted((p for p in parts if p.evidence), key=lambda p: not _on_figures(p))
    return ranked[0].evidence if ranked else None


# A done task cites at most this many of its targets' words.
_CITED_MET = 5


def _cited_met(parts: Sequence[IndicatorVerdict]) -> str | None:
    """The evidence of a task met: each target's figures it rests on (a task is met only when all are), else words.

    "开工9项,开工率90.0%；完成投资11.64亿元,完成年度计划的173.4%": the starts and the investment both decide.
    """
    on_figures = list(dict.fromkeys(p.evidence for p in parts if p.evidence and _on_figures(p)))
    if on_figures:
        return "；".join(on_figures[:_CITED_MET])
    return _cited(parts)


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
    """A sentence stating a miss ("…，未达市目标", "尚未开工"), a cause's ("因…未能开工的2个已复工") left out."""
    for c in sentences(progress):
        actual, _ = split_forecast(c.text)
        if not (EXTERNAL_MISSED.search(c.text) or is_negated(actual)):
            continue
        parts = segments(actual)
        # A cause followed by what it led to says why ("因…未能开工的2个已于10月复工，5个已全部建成").
        stated = [seg for n, seg in enumerate(parts) if not (is_cause(seg) and n + 1 < len(parts))]
        if any(EXTERNAL_MISSED.search(seg) or is_negated(seg) for seg in stated):
            return c.text
    return None


def _claim(progress: str) -> str | None:
    for c in sentences(progress):
        actual, _ = split_forecast(c.text)
        m = CLAIM.search(actual)
        if m and not is_negated(actual[max(0, m.start() - 4) : m.end()]):
            return m.group(0)
    return None
