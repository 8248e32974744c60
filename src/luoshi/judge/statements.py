"""Targets with no figure to compare, judged from what the progress text asserts about them.

- Qualitative targets ("完善…平台建设", "与经济增长同步") and the city's targets (达市目标): the
  clauses about the target are read for facts (已完成, 已达市目标), forecasts (预计达市目标),
  negations (未达市目标, 尚未), pending results (待出结果) and plain activity. A fact decides; a
  forecast decides only at year end and is marked; a pending result or a hedge alone (正在推进,
  推进中) leaves the verdict to a person.
- Zero-event targets (不发生…): met when the text says 未发生 about the same events, broken when it
  reports one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from luoshi.judge.text import (
    Clause,
    Said,
    is_negated,
    mask_names,
    overlap,
    quote,
    read_said,
    sentences,
    split_forecast,
)
from luoshi.model import Indicator, IndicatorVerdict

# Process targets: met by reported work, since they set a direction, not an end state.
_PROCESS = re.compile(
    r"^(不断|持续|继续|进一步|深入|深化|加快|加强|推进|推动|扎实|做好|全面|积极|稳步|提升|提高|优化|完善|确保)"
)
_NO_QUOTES = str.maketrans("", "", '“”‘’"《》')
# A supporting role is a process too, wherever its verb stands ("建宁西路过江通道工程配合征收").
_SUPPORT = re.compile(r"配合|协助|协调|保障|服务于")
_ZERO_KEPT = re.compile(r"(未|没有|无|零|杜绝)(发生|出现)")
_EVENT_HAPPENED = re.compile(r"(发生|出现)[^，。；]{0,20}?(\d+|[一二两三四五六七八九十]+)\s*(起|次|例|件)")
_ZERO_TARGET = re.compile(r"^.*?(不发生|不出现|杜绝|零发生|无)")
_ECHO = 0.5
# A sentence sharing less of the target's words than this is not clearly about it more than the others.
_WEAK = 0.2
# A sentence is quoted for a target it does not settle only when it shares this much of its words.
_ABOUT = 0.5


def relevant(target: str, progress: str) -> tuple[list[Clause], bool]:
    """The progress sentences about ``target`` (shared words), or all of them when none match."""
    clauses = sentences(progress)
    scored = [(overlap(target, c.text), c) for c in clauses]
    top = max((s for s, _ in scored), default=0.0)
    if top < _WEAK:
        return clauses, False
    return [c for s, c in scored if s >= top * 0.5 and s > 0], True


def echoed(target: str, clauses: Sequence[Clause], *, whole: bool = False) -> tuple[Clause | None, bool]:
    """A clause that restates the target's end state (and whether only as a forecast); ``whole``: all its words."""
    tail = target if whole else _tail(target)
    if tail is None:
        return None, False  # a target naming no end state (a name, "…创建") is not met by its words repeated
    best: tuple[float, Clause | None, bool] = (0.0, None, False)
    for c in clauses:
        if is_negated(c.text):
            continue
        actual, forecast = split_forecast(c.text)
        # Words inside a quoted name ("主要是“完成公车改革任务”等") are a name, not the end state restated.
        a, f = overlap(tail, mask_names(actual)), overlap(tail, mask_names(forecast))
        if max(a, f) > best[0]:
            best = (max(a, f), c, f > a)
    if best[0] >= _ECHO:
        return best[1], best[2]
    return None, False


def _tail(target: str) -> str | None:
    """The end state a target names: the words after its last verb of achievement (达/实现/位于…); None if none."""
    m = list(re.finditer(r"达到|达|实现|位于|保持|确保|建成|完成|与", target))
    return target[m[-1].start() :] if m else None


def judge_statement(
    ind: Indicator | None,
    target: str,
    progress: str,
    *,
    year_end: bool = True,
    whole: str | None = None,
) -> IndicatorVerdict:
    """The verdict on a target with no comparable figure, from the progress sentences about it.

    Facts decide (a completion whose subject is this target, the text's own comparison with the
    target or the time progress, a miss, a stoppage); a numeric target is never met by its words
    restated; a forecast decides only at year end; the rest is left to a person. The verdict cites
    the segment it rests on (``evidence``). ``whole`` is the task's whole target: sentences naming
    another of its targets say nothing of this one.
    """
    label = ind.metric or target if ind is not None else target
    clauses, matched = relevant(label, progress)
    if not matched:
        clauses, matched = relevant(target, progress)
    text = "；".join(c.text for c in clauses)
    # Words quoted for a target left unsettled must be about it, not about another target of the task.
    about = matched and max((overlap(label, c.text) for c in clauses), default=0.0) >= _ABOUT
    said = read_said(text, target, whole)
    kinds = {s.kind for s in said}
    goal = f"目标：{quote(target)}"

    def first(*wanted: str) -> str | None:
        return next((s.text for s in said if s.kind in wanted), None)

    def out(verdict: str, outcome: str, evidence: str | None, *, on_forecast: bool = False) -> IndicatorVerdict:
        seen = f"进展：{quote(evidence or text, 70)}" if evidence or about else "进展未提及该项"
        rule = f"{goal}；{seen}；{outcome}"
        return IndicatorVerdict(
            ind,
            verdict,  # type: ignore[arg-type]
            (rule,),
            rule,
            on_forecast=on_forecast,
            evidence=evidence,
        )

    fact = _fact(said, kinds)
    if fact is not None:
        return out(*fact)
    # The end state of a target without a figure may be restated in any sentence ("…，增速与经济增长同步").
    # A figure is not met by its words repeated, but one thing ("培育1家外资总部企业") is by the thing named.
    one = ind is not None and ind.kind == "count" and ind.value == 1
    numeric = ind is not None and ind.value is not None and not one
    clause, as_forecast = echoed(target, sentences(progress), whole=one) if not numeric else (None, False)
    if clause is not None and not as_forecast:
        return out("done", "进展写明已达到目标所述状态", clause.text)
    if "forecast_behind" in kinds:
        if year_end:
            return out("not_done", "全年预计未能完成（依据预计数）", first("forecast_behind"), on_forecast=True)
        return out("unknown", "仅有预计，年中不据预计判定，需人工研判", None)
    if "forecast_done" in kinds or (clause is not None and as_forecast):
        if year_end:
            note = "结果待出，" if "pending" in kinds else ""
            evidence = first("forecast_done") or (clause.text if clause is not None else None)
            return out("done", f"{note}全年预计达到，按预计判定（依据预计数）", evidence, on_forecast=True)
        return out("unknown", "仅有预计，年中不据预计判定，需人工研判", None)
    if "pending" in kinds:
        return out("unknown", "结果待出，需人工研判", None)
    plain = target.translate(_NO_QUOTES).strip()
    if "activity" in kinds and (_PROCESS.search(plain) or _SUPPORT.search(plain)):
        note = "（部分仍在推进）" if "hedge" in kinds else ""
        return out("done", "过程性目标，进展记有具体工作" + note, first("activity"))
    if "hedge" in kinds:
        return out("unknown", "进展只称正在推进，未写明是否完成，需人工研判", None)
    return out("unknown", "进展未写明是否完成，需人工研判", None)


# What the text says against a target, most telling first, and how a reason words it.
_AGAINST = (
    ("external_missed", "未达市目标"),
    ("behind", "落后于目标或序时进度"),
    ("negated", "记有未完成事项"),
    ("stopped", "停工或暂缓"),
)


def _fact(said: Sequence[Said], kinds: set[str]) -> tuple[str, str, str | None] | None:
    """The verdict the facts of the text give (verdict, outcome, evidence): an adjustment, a miss, a completion."""

    def first(*wanted: str) -> str | None:
        return next((s.text for s in said if s.kind in wanted), None)

    if "adjusted" in kinds:
        return "deemed_done", "目标经同意调整或不再考核，视同完成", first("adjusted")
    positive = kinds & {"done", "external_met", "ahead", "node"}
    against = [(kind, what) for kind, what in _AGAINST if kind in kinds and (kind != "stopped" or not positive)]
    if against:
        kind, what = against[0]
        if positive:
            return "partly_done", f"进展称部分完成、部分{what}", first(kind)
        return "not_done", f"进展称{what}", first(kind)
    if "done" in kinds or "external_met" in kinds:
        return "done", "进展称已完成/已达到", first("done", "external_met")
    if "ahead" in kinds or "node" in kinds:
        return "done", "进展称已超过目标或达到序时进度", first("ahead", "node")
    return None


def judge_zero_event(ind: Indicator, progress: str) -> IndicatorVerdict:
    """不发生…: met when the text says the same events did not happen, broken when one did."""
    event = _ZERO_TARGET.sub("", ind.text) or ind.metric or ind.text
    goal = f"目标：{quote(ind.text)}（应为零）"
    best: tuple[float, Clause | None, bool] = (0.0, None, False)
    for c in sentences(progress):
        for seg in re.split(r"[，,]", c.text):
            kept = bool(_ZERO_KEPT.search(seg))
            happened = bool(_EVENT_HAPPENED.search(seg)) and not kept
            if not (kept or happened):
                continue
            s = overlap(event, seg)
            if s > best[0]:
                best = (s, Clause(seg, c.start, c.end), happened)
    score, clause, happened = best
    if clause is None or score < 0.3:
        rule = f"{goal}；进展未提及是否发生，需人工研判"
        return IndicatorVerdict(ind, "unknown", (rule,), rule)
    if happened:
        rule = f"{goal}；进展：{quote(clause.text)}；已发生，未达标"
        return IndicatorVerdict(ind, "not_done", (rule,), rule)
    rule = f"{goal}；进展：{quote(clause.text)}；未发生，已达标"
    return IndicatorVerdict(ind, "done", (rule,), rule)
