"""Shares of the target reported as a percentage: "占年度计划的61.9%", "完成率107.29%", "已完成1个(50%)".

Progress tables often give, beside or instead of the figure, how much of the year's target (or
plan) is done. A share is compared with the time progress of the date judged (9月底: 75%): at or
above it the target is on schedule; at year end it must reach 100%. A share of a target set for a
part of the year ("1-9月计划新开工67个") is compared with that part's time progress (100% at 9月底).

Not a share of the target: a ratio of something else ("跨区办理…占比13.1%", "报销比例75.72%"), a
share of a group of tasks the target is one of ("…等46件实事已提前完成年度目标任务，完成率90.2%"),
the shares of the parts listed after 其中, and the time progress printed as the standard ("达到时序进度(91.67%)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from luoshi.judge.measures import fmt
from luoshi.judge.text import NODE, is_planned, quote
from luoshi.judge.time_progress import is_year_end, percent, read_period, time_progress
from luoshi.model import Indicator, IndicatorVerdict

# A percentage: its number and the words before it in its clause (a header's included: "完成率：42.75%").
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")
_CLAUSE_START = re.compile(r"[，,；;。！!？?\n]")
# The words before a share of the target: what it is a share of ("占年度计划的", "为目标任务的", "完成全年
# 目标的", "完成年计划进度", "占计划新开工项目的") or the name of the share ("完成率", "开工率为", "累计完成总工程量", "完成比例(%)：", "完成"), or a
# table's completion column holding a percentage ("1- 8月 实际完成情况：100%").
_SHARE_OF = re.compile(
    r"(?:(?:占|为|是|完成|实现|达到?)了?(?:年度|全年|年|上半年|一季度|前三季度|1\s*[-－—至]\s*\d{1,2}月份?)?(?:投资)?(?:计划|目标任务|目标|任务)(?:投资|进度)?(?:的)?"
    # a share of the plan's named things: "占计划新开工项目的87%"
    r"|占(?:年度|全年|年)?计划[^，,；;。\d%％]{1,8}?的"
    r"|(?:完成率|完成比例|完成进度|完成情况|形象进度|总体进度|整体进度|工程进度|工程量|开工率|竣工率|完工率|到位率|执行率"
    r"|支付率|完成)"
    r"(?:\s*[(（]\s*[%％]\s*[)）])?\s*(?:为|达到?|是)?)\s*[：:]?\s*$"
)
# A share of a target set for a part of the year ("占上半年目标任务的69.5%"): due by that part's time progress.
_PERIOD_OF_SHARE = re.compile(
    r"(上半年|一季度|前三季度|1\s*[-－—至]\s*\d{1,2}月份?)(?:投资)?(?:计划|目标任务|目标|任务)"
)
# A share printed in brackets right after a figure or a stage ("已完成1个(50%)", "正在施工中(93%)").
_BRACKETED = re.compile(r"[(（]\s*$")
# The time elapsed itself, printed as the standard ("已完成或达到时序进度(91.67%)以上的项目", "序时进度75%"): no share.
_TIME_STANDARD = re.compile(r"(?:序时|时序|时间)进度\s*(?:要求)?\s*(?:为|是|达)?\s*[(（]?\s*$")
# Words that make a percentage a change or a ratio of something else, not a share of the target.
_NOT_SHARE = re.compile(
    r"同比|增长|增速|增幅|下降|回落|占比|比重|比例(?!\s*[(（]?\s*[%％])|覆盖|达标率|就业率|报销|满意"
)
# A group of tasks the target is one of: "…等46件实事", "20件民生大事中".
_GROUP = re.compile(r"等\s*\d+\s*(?:件|项|个|类)|\d+\s*(?:件|项)[^，,；;。]{0,6}(?:实事|大事|工程|项目)中")
# What a plan share is of: the year's plan or target (an investment plan, a task list).
_PLAN_WORDS = re.compile(r"计划|目标|任务|投资")
_EPS = 0.05
# What joins the items of a list of shares, right after the one before ("80.8%、58.5%").
_LISTED = re.compile(r"\d\s*[%％]\s*[、和及与]\s*$")
# A note in brackets inside the words before a share ("完成年度目标(维修改造锅炉146台…)的").
_BRACKETED_NOTE = re.compile(
    r"[(（][^()（）]*[)）]"
)  # shares are printed to 0.1 or 0.01 point: equal counts as at time progress


@dataclass(frozen=True, slots=True)
class Share:
    """One share of the target in the progress text."""

    value: float  # in %
    text: str  # the clause it is printed in (the evidence)
    words: str  # the words before it: what it is a share of, or its name
    after: str | None  # the figure or words it is bracketed after ("已完成1个"), else None
    start: int  # offset of the number in the progress text
    above: bool  # printed as a floor ("70%以上")
    follows: str | None = None  # the segment before, in the same sentence, when it prints a figure
    # The share with the figure it is a share of when printed just before ("完成投资297亿元,占…73.27%").
    evidence: str = ""
    # What it is a share of: its own words, or the segment before when they only name the share
    # ("选址工作已完成，完成率100%": the 选址).
    subject: str = ""
    # The part of the year its target is set for ("占上半年目标任务的": 0.5), when it names one.
    period: float | None = None

    @property
    def of_plan(self) -> bool:
        """A share of the year's plan or target (not a share named only "完成率")."""
        return bool(_PLAN_WORDS.search(self.words))


def find_shares(progress: str) -> list[Share]:
    """The shares of the target in ``progress``, in order (see the module docstring for what is not one)."""
    if "%" not in progress and "％" not in progress:
        return []
    out: list[Share] = []
    for m in _PERCENT.finditer(progress):
        if m.start() > 0 and (progress[m.start() - 1].isdigit() or progress[m.start() - 1] == "."):
            continue
        starts = [c.end() for c in _CLAUSE_START.finditer(progress, 0, m.start())]
        seg_start = starts[-1] if starts else 0
        sentence_start = max((c.end() for c in re.finditer(r"[。；;！!？?\n]", progress[: m.start()])), default=0)
        lead = progress[seg_start : m.start()]
        sentence_before = progress[sentence_start : m.start()]
        if "其中" in sentence_before or _GROUP.search(sentence_before):
            continue  # a part after 其中, or a share of a group of tasks
        end = _CLAUSE_START.search(progress, m.end())
        clause_end = end.start() if end else len(progress)
        clause = progress[seg_start:clause_end].strip()
        if NODE.search(clause) or is_planned(clause):
            continue  # the document's own node or plan ("…30%的节点目标", "计划完成工程量5%"), not a share reached
        above = progress.startswith(("以上", "及以上"), m.end())
        listed = _LISTED.search(lead)
        if listed and out and out[-1].text == clause:
            # "分别完成年度目标的80.8%、58.5%": the next item of the same list.
            out.append(
                Share(float(m.group(1)), clause, out[-1].words, None, m.start(), above, evidence=out[-1].evidence)
            )
            continue
        lead = _BRACKETED_NOTE.sub("", lead)
        if _TIME_STANDARD.search(lead):
            continue  # the time progress the document measures by, not a share reached
        follows = _figure_before(progress, sentence_start, seg_start)
        bracket = _BRACKETED.search(lead)
        if bracket:
            before = lead[: bracket.start()].strip()
            if before and not _NOT_SHARE.search(before):
                out.append(Share(float(m.group(1)), clause, before, before, m.start(), above, evidence=clause))
            continue
        if _NOT_SHARE.search(lead) or not _SHARE_OF.search(lead):
            continue
        evidence = progress[seg_start - 1 - len(follows) : clause_end].strip() if follows else clause
        subject = (
            lead if _SHARE_OF.sub("", lead).strip(" ：:") else _segment_before(progress, sentence_start, seg_start)
        )
        period = _PERIOD_OF_SHARE.search(lead)
        part = read_period(period.group(1)).share if period else None
        out.append(
            Share(float(m.group(1)), clause, lead.strip(), None, m.start(), above, follows, evidence, subject, part)
        )
    return out


def _segment_before(progress: str, sentence_start: int, seg_start: int) -> str:
    """The segment before ``seg_start`` in its sentence ("" when the share opens the sentence)."""
    if seg_start <= sentence_start:
        return ""
    before = progress[sentence_start : seg_start - 1]
    starts = [c.end() for c in _CLAUSE_START.finditer(before)]
    return before[starts[-1] if starts else 0 :]


def _figure_before(progress: str, sentence_start: int, seg_start: int) -> str | None:
    """The segment before ``seg_start`` in its sentence, when it prints a figure ("完成投资297亿元")."""
    if seg_start <= sentence_start:
        return None
    before = progress[sentence_start : seg_start - 1]
    starts = [c.end() for c in _CLAUSE_START.finditer(before)]
    segment = before[starts[-1] if starts else 0 :]
    return segment if re.search(r"\d", segment) and not NODE.search(segment) else None


def needed(
    as_of: date | None, year: int | None, period_share: float | None = None, span_share: float | None = None
) -> float:
    """The share (in %) due at ``as_of``: the time progress, of the target's own period or years when it has them."""
    if span_share is not None:
        return round(100.0 * span_share, 2)
    if is_year_end(as_of, year) and period_share is None:
        return 100.0
    tp = time_progress(as_of, year)
    if period_share:
        return min(100.0, round(100.0 * tp / period_share, 2))
    return round(100.0 * tp, 2)


def judge_share(
    ind: Indicator | None,
    goal: str,
    share: Share,
    *,
    as_of: date | None,
    year: int | None,
    period_share: float | None = None,
    span_share: float | None = None,
) -> IndicatorVerdict:
    """The verdict a share gives: at or above the time progress (100% at year end) meets the target.

    A share of a target set for a part of the year ("占上半年目标任务的69.5%") is due by that part's time progress.
    """
    if period_share is None and span_share is None:
        period_share = share.period
    due = needed(as_of, year, period_share, span_share)
    done = share.value + _EPS >= due
    shown = f"完成{fmt(share.value, '%')}" + ("以上" if share.above else "")
    if share.value + _EPS >= 100:
        outcome = "已完成全年目标" if period_share is None else "已完成该期目标"
    elif due >= 100:
        outcome = "未完成"
    else:
        outcome = f"{'达' if done else '落后'}序时进度（{percent(due / 100)}）"
    rule = f"{goal}；进展：{quote(share.evidence, 50)}（{shown}）；{outcome}"
    return IndicatorVerdict(ind, "done" if done else "not_done", (rule,), rule, evidence=share.evidence)
