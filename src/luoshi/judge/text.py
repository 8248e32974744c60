"""Progress text as the judge reads it: clauses, the words that match a target, and what a clause asserts.

The judge never trusts a single word: it splits the text into clauses (sentences, then comma
segments), finds the clauses that speak of a target (shared two-character words), and reads in each
clause what it asserts — done, not done, stopped, under way, forecast, pending, the city's target
met or missed, an approved adjustment. These signals are the grammar every execution table uses,
whatever the government; nothing here is keyed to one document's wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Sentence ends; a newline ends a sentence too (cells keep one item per line).
_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
# Comma segments inside a sentence (a list inside parentheses is not cut).
_SEGMENT = re.compile(r"[，,、：:]")
_LIST_NUMBER = re.compile(r"^\s*(?:[（(]?\d{1,2}[)）、.．]|[一二三四五六七八九十]+、)\s*")

# Bigrams too common in targets and progress to say which target a clause is about.
_GENERIC = frozenset(
    [
        "完成",
        "已完",
        "成了",
        "目标",
        "任务",
        "全年",
        "预计",
        "达到",
        "实现",
        "推进",
        "工作",
        "开展",
        "进行",
        "目前",
        "其中",
        "全区",
        "我区",
        "本年",
        "年度",
        "以上",
        "以下",
        "以内",
        "左右",
        "累计",
        "新增",
        "增长",
        "情况",
        "相关",
        "各项",
        "均已",
        "已经",
        "持续",
        "积极",
        "有序",
        "正在",
        "施工",
        "工程",
        "项目",
        "建设",
        "地块",
        "主体",
        "结构",
    ]
)


@dataclass(frozen=True)
class Clause:
    """One sentence of progress text, with its offsets (a clause may hold several comma segments)."""

    text: str
    start: int
    end: int


def sentences(text: str) -> list[Clause]:
    """Sentences of ``text`` with offsets, empty ones dropped; list numbers ("1、") stripped."""
    out: list[Clause] = []
    for m in _SENTENCE.finditer(text):
        raw = m.group(0)
        lead = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        num = _LIST_NUMBER.match(stripped)
        if num:
            lead += num.end()
            stripped = stripped[num.end() :]
        stripped = stripped.rstrip("。；;！!？? ")
        if stripped:
            out.append(Clause(stripped, m.start() + lead, m.start() + lead + len(stripped)))
    return out


def segments(sentence: str) -> list[str]:
    """Comma segments of one sentence (parenthesised lists kept whole)."""
    out: list[str] = []
    depth = 0
    cur: list[str] = []
    for ch in sentence:
        if ch in "（(“‘《":
            depth += 1
        elif ch in "）)”’》":
            depth = max(0, depth - 1)
        if depth == 0 and _SEGMENT.match(ch) and ch != "、":
            if "".join(cur).strip():
                out.append("".join(cur).strip())
            cur = []
            continue
        cur.append(ch)
    if "".join(cur).strip():
        out.append("".join(cur).strip())
    return out


def bigrams(text: str | None) -> set[str]:
    """The two-character words of ``text`` (CJK and letters/digits), generic ones left out."""
    if not text:
        return set()
    chars = [c for c in text if c.isalnum()]
    grams = {chars[i] + chars[i + 1] for i in range(len(chars) - 1)}
    return {g for g in grams if g not in _GENERIC and not g.isdigit()}


def overlap(target: str | None, text: str | None) -> float:
    """Share of the target's bigrams found in ``text`` (0 when the target has none)."""
    t = bigrams(target)
    if not t:
        return 0.0
    return len(t & bigrams(text)) / len(t)


# --------------------------------------------------------------------------- what a clause asserts

# "未发生…" and "无…发生" report a zero event kept at zero: good news, not a negation.
_ZERO_KEPT = re.compile(r"(未|没有|无|零)(发生|出现)|(发生|出现)[^，。；]{0,20}?(为零|0起|零起)")
# Negations of an achievement, whatever the verb: 尚未完成, 未达市目标, 未能开工, 尚未进场…
NEGATED = re.compile(
    r"(尚未|暂未|仍未|均未|未能|没能|没有|未|无法|不能|不)"
    r"(完成|达到|达标|达|实现|开工|动工|启动|进场|出|建成|竣工|交付|封顶|通过|落实|到位|取得|签订|签约|开展|见效)"
)
STOPPED = re.compile(r"停工|停滞|停建|搁置|中止|暂停|暂缓|停止施工|处于停工")
LAGGING = re.compile(r"滞后|延期|推迟|延后|缓建|落后于")
DONE = re.compile(
    r"已?(全部|均已|均|顺利|如期|按期|按时|提前|基本)?"
    r"(完成|建成|实现|达到|达成|竣工|完工|交付|投入使用|投用|投入运营|通过[^，。；]{0,8}(验收|考评|评审|审核|认定)"
    r"|落实到位|验收完毕|圆满|超额)"
)
ACTIVITY = re.compile(
    r"开展|举办|出台|印发|制定|签署|签订|搭建|建立|启动|打造|组织|推广|编制|编印|培育|引进|新增|入选|创建|"
    r"获批|认定|备案|发布|上线|开通|运行|施工|实施|提升"
)
HEDGE = re.compile(r"正在|推进中|进行中|持续推进|逐步推进|积极推进|稳步推进|即将|拟|计划|争取|力争|筹备|准备")
FORECAST = re.compile(r"预计|预期|有望|预测")
PENDING = re.compile(
    r"待(出|公布|评定|评估|审核|审定|确认|验收|考核|测评|认定|批复|结果)|结果未出|正在审核|尚未公布|审核中"
)
EXTERNAL_MISSED = re.compile(r"(未|没有|尚未|未能)(达到?|完成)(市|省|上级)[^，。；]{0,12}?(目标|任务|要求|标准|指标)")
EXTERNAL_MET = re.compile(
    r"(达到?|完成|超过?|高于|优于|符合)[^，。；]{0,6}?(市|省|上级)[^，。；]{0,12}?(目标|任务|要求|标准|指标)"
)
# An approved change of target, a withdrawn measure, or a measure that cannot be counted.
ADJUSTED = re.compile(
    r"视同完成|视为完成|统计口径缺失|口径缺失|(已?同意|批准|核准)[^，。；]{0,6}(调整|取消|核减|撤销)|"
    r"(目标|指标|任务)[^，。；]{0,4}(已|经)[^，。；]{0,8}(调整|取消|核减)|不再(考核|统计|列入)|"
    r"(已|经)[^，。；]{0,6}(调整|核减)[^，。；]{0,2}(年度)?(目标|指标|任务)"
)
# A unit's own claim that everything is done ("均已完成", "完成…目标任务").
CLAIM = re.compile(r"(均|全部|各项)?已?完成[^，。；]{0,16}?(目标任务|目标|任务|要求)|(均|全部)已?完成")


def is_negated(text: str) -> bool:
    """The text says an achievement did not happen (a zero event kept at zero is not a negation)."""
    cleaned = _ZERO_KEPT.sub("", text)
    cleaned = EXTERNAL_MISSED.sub("未达", cleaned)
    return bool(NEGATED.search(cleaned))


@dataclass(frozen=True)
class Signals:
    """What one stretch of progress text asserts (actual facts and forecasts kept apart)."""

    done: bool = False  # an achievement stated as fact
    forecast_done: bool = False  # an achievement stated as a forecast (预计完成, 预计达市目标)
    negated: bool = False
    stopped: bool = False
    lagging: bool = False
    activity: bool = False
    hedge: bool = False
    forecast: bool = False
    pending: bool = False
    external_met: bool = False  # 达市目标, stated as fact
    external_missed: bool = False
    adjusted: bool = False

    def __or__(self, other: Signals) -> Signals:
        return Signals(*(a or b for a, b in zip(_fields(self), _fields(other), strict=True)))


def _fields(sig: Signals) -> tuple[bool, ...]:
    return tuple(getattr(sig, f) for f in Signals.__dataclass_fields__)


def split_forecast(sentence: str) -> tuple[str, str]:
    """The actual part of a sentence and its forecast part (from 预计 to the sentence's end)."""
    m = FORECAST.search(sentence)
    if not m:
        return sentence, ""
    return sentence[: m.start()], sentence[m.start() :]


def read_signals(text: str) -> Signals:
    """The assertions in ``text``; "预计完成" is a forecast, "未完成" is not a completion."""
    total = Signals()
    for clause in sentences(text) or [Clause(text, 0, len(text))]:
        actual, forecast = split_forecast(clause.text)
        missed = bool(EXTERNAL_MISSED.search(clause.text))
        met_actual = bool(EXTERNAL_MET.search(EXTERNAL_MISSED.sub("", actual)))
        met_forecast = bool(EXTERNAL_MET.search(EXTERNAL_MISSED.sub("", forecast)))
        total = total | Signals(
            done=bool(DONE.search(_without_negations(actual))) or met_actual,
            forecast_done=bool(forecast) and (bool(DONE.search(_without_negations(forecast))) or met_forecast),
            negated=is_negated(clause.text),
            stopped=bool(STOPPED.search(clause.text)),
            lagging=bool(LAGGING.search(clause.text)),
            activity=bool(ACTIVITY.search(actual)),
            hedge=bool(HEDGE.search(clause.text)),
            forecast=bool(forecast),
            pending=bool(PENDING.search(clause.text)),
            external_met=met_actual,
            external_missed=missed,
            adjusted=bool(ADJUSTED.search(clause.text)),
        )
    return total


def _without_negations(text: str) -> str:
    """``text`` with negated achievements and 待… removed, so "未完成" is not read as "完成"."""
    text = EXTERNAL_MISSED.sub("", text)
    text = NEGATED.sub("", text)
    return PENDING.sub("", text)


def quote(text: str, limit: int = 40) -> str:
    """A short quotation of ``text`` for a reason ("…" when cut)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
