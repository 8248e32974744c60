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
from functools import lru_cache

# Sentence ends; a newline ends a sentence too (cells keep one item per line).
_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
# Comma segments inside a sentence (a list inside parentheses is not cut).
_SEGMENT = re.compile(r"[，,、：:]")
# A list number opens an item ("1、", "2.", "（3）"); a decimal does not ("4.17亿元", "98.4%").
_LIST_NUMBER = re.compile(r"^\s*(?:[（(]?\d{1,2}[)）、.．](?!\d)|[一二三四五六七八九十]+、)\s*")

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


def bigrams(text: str | None) -> frozenset[str]:
    """The two-character words of ``text`` (CJK and letters/digits), generic ones left out (kept once read)."""
    if not text:
        return frozenset()
    return _bigrams(text)


@lru_cache(maxsize=16384)
def _bigrams(text: str) -> frozenset[str]:
    chars = [c for c in text if c.isalnum()]
    grams = {chars[i] + chars[i + 1] for i in range(len(chars) - 1)}
    return frozenset(g for g in grams if g not in _GENERIC and not g.isdigit())


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
    r"(完成|(?<!创)建成|实现|达到|达成|竣工|完工|交付|投入使用|投用|投入运营|通过[^，。；]{0,8}(验收|考评|评审|审核|认定)"
    r"|(?:全面|正式)(?:实行|实施|推行|开通|启用|运行|上线|投运)"
    r"|落实到位|验收完毕|圆满|超额|达标)"
)
ACTIVITY = re.compile(
    r"开展|举办|出台|印发|制定|签署|签订|搭建|建立|启动|打造|组织|推广|编制|编印|培育|引进|新增|入选|创建|"
    r"获批|认定|备案|发布|上线|开通|运行|施工|实施|提升|发放|实行|执行|落实|搬迁|征收|拆迁"
)
HEDGE = re.compile(r"正在|推进中|进行中|持续推进|逐步推进|积极推进|稳步推进|即将|拟|计划|争取|力争|筹备|准备")
# A time to come: what follows has not happened yet ("年底将公示…", "下半年将启动").
FUTURE = re.compile(r"(?:年底|年内|月底|下半年|近期|后续|明年|下一步)将|将于|将在|即将")
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


# Steps taken before the works themselves: a completion or a share of one says nothing of the works
# ("普查任务已完成40%" for 窨井设施维护改造, "已完成方案制定" for 建设充电驿站), unless the target names the step;
# so is the money sent down for them ("省级以上补助资金已下达约10.17亿元,占计划90.56%", "资金到位率"; money paid out
# to the people, "发放补助资金2.66亿元", is the work of a 发放 target).
PRELIMINARY = re.compile(
    r"普查|摸底|摸排|调查|调研|测绘|勘察|勘探|设计|方案|规划|招标|招投标|立项|可研|前期|选址|征求意见|意见征求"
    r"|资金(?:已)?(?:全部)?(?:下达|到位|拨付)|(?:下达|拨付|到位)(?:率|资金)"
)


def names_step(text: str, target: str | None) -> bool:
    """Whether ``text`` names a step before the works that ``target`` does not name."""
    steps = PRELIMINARY.findall(text)
    # Money moved is one step however it is worded ("资金已全部下达" for "下达省级补助资金2亿元").
    return bool(steps) and not any(_step_word(step) in (target or "") for step in steps)


def _step_word(step: str) -> str:
    return "资金" if "资金" in step or step[:2] in ("下达", "拨付", "到位") else step


def is_negated(text: str) -> bool:
    """The text says an achievement did not happen (a zero event kept at zero is not a negation)."""
    cleaned = _ZERO_KEPT.sub("", text)
    cleaned = EXTERNAL_MISSED.sub("未达", cleaned)
    return bool(NEGATED.search(cleaned))


# The text's own comparison with the target or the time progress ("低于目标0.9个百分点", "塌目标",
# "滞后序时进度9.8个百分点", "超序时进度", "高于目标2.1个百分点", "比全年预期目标高0.8个百分点",
# "均大幅度超过目标任务").
BEHIND = re.compile(
    r"(?:低于|落后于?|滞后于?|慢于|塌)(?:年度|全年)?(?:目标|序时|时序|计划|进度)|未达到?(?:序时|时序|目标任务|目标|计划)?进度|"
    r"比(?:年度|全年)?(?:预期)?(?:目标|计划|序时进度)(?:低|慢|少)|"
    r"(?:不能|无法|难以)(?:按期|如期)?完成(?:年度|全年)?(?:目标|任务)|滞后|落后"
)
AHEAD = re.compile(
    r"(?:高于|超过?|快于|好于|超出)(?:年度|全年|年)?(?:目标|序时|时序|计划|进度)|达到?(?:序时|时序)进度|"
    r"比(?:年度|全年)?(?:预期)?(?:目标|计划|序时进度)(?:高|快|多|超)|"
    r"(?:超额|提前)完成(?!\s*\d)|大幅(?:度)?超过?(?:年度|全年)?(?:目标|任务|计划)"
)
# A schedule the document sets for itself within the year ("9月份设置的…节点目标"): not the year's target.
NODE = re.compile(r"节点(?:目标|任务|要求)?|(?:\d{1,2}|[一二三四五六七八九十]{1,2})月(?:份|底|末)?(?:设置|确定|下达)的")
# A clause stating the plan, not what was done: "原计划全年开展心理健康讲座50场", "计划完成工程量5%",
# "“主城区置换天然气项目”计划累计完成铸铁管网改造7公里" (a quoted name may open it); "计划内" is no plan, nor a
# rate of the plan's completion or a cell under its header ("计划投资完成率：42.75%").
_PLANNED = re.compile(r"^(?:“[^“”]*”)?(?:原|按|今年|全年|年度|本年度?|上半年|一季度)?计划(?!内|的)")
_NOT_PLANNED = re.compile(r"率|比例|[：:]")


def is_planned(clause: str) -> bool:
    """Whether a clause states the plan ("计划完成工程量5%"), so its figures are not what was done."""
    clause = clause.strip()
    return bool(_PLANNED.match(clause)) and not _NOT_PLANNED.search(clause)


# A plan and what was done, side by side: "计划完成工程量5%,实际完成工程量6%" — the document's own node.
_PLAN_ACTUAL = re.compile(
    r"计划[^，,；;。\d]{0,16}?(\d+(?:\.\d+)?)\s*([%％]|[^\d\s，,；;。]{1,2})[，,]\s*实际[^，,；;。\d]{0,16}?(\d+(?:\.\d+)?)\s*([%％]|[^\d\s，,；;。]{1,2})"
)


def plan_node_met(progress: str) -> str | None:
    """The words of a plan for the period met by what was done ("计划完成工程量5%,实际完成工程量6%"), else None."""
    for m in _PLAN_ACTUAL.finditer(progress):
        if m.group(2) == m.group(4) and float(m.group(3)) >= float(m.group(1)):
            return m.group(0)
    return None


# Quoted words are a name ("“全面实现全省无电村通电”"): what they say is not asserted.
_QUOTED = re.compile(r"“[^“”]*”|‘[^‘’]*’|《[^《》]*》|\"[^\"]*\"")
# Words that name no subject of their own: time, degree, the claim's own words.
_FILLER = re.compile(
    r"截至|截止|目前|现已|已经|已|均|全部|都|顺利|如期|按期|按时|提前|基本|有序|全面|圆满|超额|整体|各项|所有|"
    r"年度|全年|年底|年内|本年|今年|当年|\d+月(?:份|底|末)?|[一二三四五六七八九十]+月(?:份|底|末)?|"
    r"目标|任务|要求|工作|项目|建设|已完成|完成|实现|达到|达成|达标|建成|竣工|完工|交付|共|累计|我市|我区|我县|全市|全区|全县|全省"
)


def mask_names(text: str) -> str:
    """``text`` with quoted names blanked (same length), so a word inside a name is not read as asserted."""
    if "“" not in text and "《" not in text and '"' not in text and "‘" not in text:
        return text
    return _QUOTED.sub(lambda m: m.group(0)[0] + "·" * (len(m.group(0)) - 2) + m.group(0)[-1], text)


def subject_words(segment: str) -> frozenset[str]:
    """The two-character words a segment names its subject with (time, degree and claim words left out)."""
    return bigrams(_FILLER.sub("，", segment))


# The end of a cell's header, before its colon: a noun naming a column ("已完成数", "1- 8月 实际完成情况",
# "完成比例(%)", "1-9月 完成投资"), not a statement ("已完成：…" lists what is done).
_LABEL_END = re.compile(
    r"(?:数|数量|量|额|值|率|比例|之比|比重|情况|进度|进展|内容|备注|说明|时间|投资)\s*(?:[(（][^()（）]{0,8}[)）])?\s*$"
)


def is_label(text: str, end: int, segment: str) -> bool:
    """Whether ``segment``, ending at ``end`` in ``text``, is a header before its colon (a table cell's label)."""
    return text.startswith(("：", ":"), end) and bool(_LABEL_END.search(segment))


def segment_is_part(segment: str) -> bool:
    """A segment reporting a part of the whole ("其中40所已竣工")."""
    return segment.lstrip("（(").startswith("其中")


def is_part(segment: str, m: re.Match[str]) -> bool:
    """Whether a completion word reports a part, not the whole: "完成60%", "完成225.7亿元", "其中40所已竣工".

    "完成安装100台的年度目标" completes a target; "完成全年目标的103.9%" reports a share (a figure).
    """
    if segment_is_part(segment):
        return True
    rest = segment[m.end() :]
    if re.match(r"\s*(?:了)?[^，,；;。]{0,6}?(?:一部分|部分|大部分|过半)", rest):
        return True
    digit = re.search(r"\d", rest)
    if digit is None:
        return False
    goal = re.search(r"目标|任务", rest)
    return not (goal is not None and goal.start() > digit.start() and "%" not in rest[digit.start() : goal.start()])


@dataclass(frozen=True)
class Said:
    """One thing a segment of progress asserts, with the segment as printed (the evidence)."""

    kind: str  # done, part (a part done, the rest under way), negated, stopped, lagging, behind, ahead, node,
    # pending, hedge, activity, external_met, external_missed, adjusted; forecast_done / forecast_behind /
    # forecast for what 预计 says
    text: str


# A sentence names the target when it shares this much of its words (one word in common, such as 企业,
# in a long target is chance).
NAMES_SHARE = 0.2


def _names_target(wanted: frozenset[str], sentence: str) -> bool:
    shared = len(wanted & bigrams(sentence))
    return shared > 0 and (shared >= 2 or shared / len(wanted) >= NAMES_SHARE)


def read_said(text: str, target: str | None = None, whole: str | None = None) -> list[Said]:
    """What each comma segment of ``text`` asserts, in order, with the segment.

    A completion counts only as a whole ("已完成", "完成…年度目标"), not a part ("完成60%", "完成225.7亿元",
    "其中…已竣工"), and only when its subject is ``target``: the segment (or the segment before it that
    names a subject) shares a word with the target, or names no subject of its own. A sentence that
    names another target of the task (``whole``: the task's whole target) and not this one asserts
    nothing of this one ("苏宁慧谷…暂时停工" is not said of "引进区块链企业15家"). A forecast (from 预计
    to the end of the sentence) is said apart; quoted names assert nothing.
    """
    out: list[Said] = []
    wanted = bigrams(target) if target else frozenset()
    others = bigrams(whole) - wanted if whole and wanted else frozenset()
    clauses = sentences(text) or [Clause(text, 0, len(text))]
    # When no sentence names the target, the whole progress is about it (a row's own progress).
    named = [_names_target(wanted, c.text) for c in clauses] if wanted else [True] * len(clauses)
    for clause, names in zip(clauses, named, strict=True):
        if not names and others and bigrams(clause.text) & others:
            continue  # a sibling target's sentence
        forecast_at = FORECAST.search(clause.text)
        cut = forecast_at.start() if forecast_at else len(clause.text)
        # The sentence names the target, or no subject at all: its completions are this target's.
        about = names or not any(named) or not subject_words(mask_names(clause.text))
        pos = 0
        prev = -1
        first = len(out)
        for seg in segments(clause.text):
            at = clause.text.find(seg, pos)
            pos = at + len(seg) if at >= 0 else pos
            if at >= 0 and is_label(clause.text, at + len(seg), seg):
                continue  # a cell's header ("已完成数：1022", "实际完成情况：…") names what follows, asserts nothing
            # A comparison opening its segment is about the figure before it ("增长3.2%,塌目标1.8个百分点").
            with_before = clause.text[prev : at + len(seg)] if prev >= 0 and at >= 0 else seg
            said = _said(seg, mask_names(seg), at >= cut, about, with_before)
            if is_cause(seg) and at >= 0 and clause.text[at + len(seg) :].strip(" ，,、。；;"):
                # "因集体土地征收新政策出台滞后,影响签约进度": a cause followed by what it led to says why; its 滞后 or
                # 未到位 is the cause's, not the target's ("因资金问题暂缓实施。" alone is the target's own state).
                said = [s for s in said if s.kind not in _OF_A_CAUSE]
            if target is not None and names_step(seg, target):
                said = [s for s in said if s.kind != "done"]  # a step done ("已完成方案制定") is not the works done
            if names and wanted and not bigrams(seg) & wanted:
                # "…完成全年目标任务项目中，“农村通村公路建设”上榜": the sentence names what is done.
                said = [Said(s.kind, clause.text) if s.kind == "done" else s for s in said]
            out.extend(said)
            prev = at
        _rest_under_way(out, first)
    return out


# A segment giving a cause ("因…", "由于…", "受…影响"): what it says lags or failed is the cause.
_CAUSE = re.compile(r"\s*(?:因为|因|由于|受)")
_OF_A_CAUSE = frozenset({"behind", "negated", "stopped", "external_missed"})


def is_cause(segment: str) -> bool:
    """Whether a segment gives a cause ("因…", "由于…", "受…影响"), not the target's state."""
    return bool(_CAUSE.match(segment))


# Work still under way (not 计划, which also names what was planned: "完成计划安置…").
UNDER_WAY = re.compile(r"正在|现正|推进中|进行中|施工中|准备|筹备|即将|拟")


def _rest_under_way(said: list[Said], first: int) -> None:
    """A sentence that says the rest is still under way after a completion reports a part done.

    "平台人员配置已完成,警用车辆已购置到位,现正在安装图像传输系统": what is done is a part of the target,
    the target is not; a claim of the year's target ("完成…年度目标任务") stays the whole's. The work under
    way must be said in a segment after the completion's.
    """
    done = [n for n in range(first, len(said)) if said[n].kind == "done"]
    if not done:
        return
    after = {said[n].text for n in range(done[0] + 1, len(said)) if said[n].text != said[done[0]].text}
    if not any(UNDER_WAY.search(t) for t in after):
        return
    for n in done:
        if not CLAIM.search(said[n].text):
            said[n] = Said("part", said[n].text)


# What a segment asserts, beside completions and comparisons: the kind and the pattern that says it.
_SIGNALS = (
    ("external_missed", EXTERNAL_MISSED),
    ("stopped", STOPPED),
    ("activity", ACTIVITY),
    ("hedge", HEDGE),
    ("pending", PENDING),
    ("adjusted", ADJUSTED),
)


_OF_BEFORE = frozenset({"external_missed", "stopped"})


def _said(seg: str, masked: str, in_forecast: bool, about: bool, with_before: str) -> list[Said]:
    cleaned = _without_negations(masked)

    def compared(m: re.Match[str] | None) -> str:
        """The words a comparison or a miss is said of: the figure before it too, when it opens the segment."""
        return with_before if m is not None and not re.search(r"\d", seg[: m.start()]) else seg

    if in_forecast:
        return _forecast_said(seg, masked, cleaned)
    said: list[Said] = []
    if _completion(cleaned, masked, about):
        # A claim of the year's target opening its segment is said of the figure before it ("幼儿园48所,超额完成
        # 40所的年度目标任务"): cite both.
        said.append(Said("done", compared(CLAIM.search(cleaned))))
    if EXTERNAL_MET.search(EXTERNAL_MISSED.sub("", masked)):
        said.append(Said("external_met", seg))
    if is_negated(masked):
        said.append(Said("negated", seg))
    # A miss opening its segment ("…比例80.6%，未达市目标") is said of the figure before it: cite both.
    said += [
        Said(kind, compared(rx.search(masked)) if kind in _OF_BEFORE else seg)
        for kind, rx in _SIGNALS
        if rx.search(masked)
    ]
    node = NODE.search(masked)
    behind, ahead = BEHIND.search(masked), AHEAD.search(masked)
    # A comparison opening its segment is about the figure before it ("增长3.2%,塌目标1.8个百分点").
    if behind:
        said.append(Said("behind", compared(behind)))
    elif ahead and not node:
        said.append(Said("ahead", compared(ahead)))
    if node and re.search(r"超额|超过|完成|达到", cleaned):
        said.append(Said("node", seg))
    return said


def _completion(cleaned: str, masked: str, about: bool) -> bool:
    """A completion of the whole, by this target (or a claim of the year's target, whatever it names)."""
    if EXTERNAL_MET.search(EXTERNAL_MISSED.sub("", masked)):
        return True
    future = FUTURE.search(masked)
    whole = [
        m for m in DONE.finditer(cleaned) if not is_part(cleaned, m) and not (future and future.start() < m.start())
    ]
    # A claim of the year's target ("完成安装100台的年度目标") is the row's own, whatever it names.
    claim = bool(CLAIM.search(cleaned)) and not segment_is_part(cleaned)
    return bool(whole) and (about or claim)


def _forecast_said(seg: str, masked: str, cleaned: str) -> list[Said]:
    """What the forecast part of a sentence says (预计…): a completion, a miss, or only a forecast."""
    said = [Said("forecast", seg)]
    future = FUTURE.search(masked)
    whole = [
        m for m in DONE.finditer(cleaned) if not is_part(cleaned, m) and not (future and future.start() < m.start())
    ]
    if whole or EXTERNAL_MET.search(EXTERNAL_MISSED.sub("", masked)):
        said.append(Said("forecast_done", seg))
    if BEHIND.search(masked) or EXTERNAL_MISSED.search(masked) or is_negated(masked):
        said.append(Said("forecast_behind", seg))
    return said


def split_forecast(sentence: str) -> tuple[str, str]:
    """The actual part of a sentence and its forecast part (from 预计 to the sentence's end)."""
    m = FORECAST.search(sentence)
    if not m:
        return sentence, ""
    return sentence[: m.start()], sentence[m.start() :]


def _without_negations(text: str) -> str:
    """``text`` with negated achievements and 待… removed, so "未完成" is not read as "完成"."""
    text = EXTERNAL_MISSED.sub("", text)
    text = NEGATED.sub("", text)
    return PENDING.sub("", text)


def quote(text: str, limit: int = 40) -> str:
    """A short quotation of ``text`` for a reason ("…" when cut)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
