"""The words around a figure: comparator, change and neutral words before it, and the label of what it measures.

``strip_lead(words)`` takes the comparator (超, 不少于, 控制在…), growth (增长, 下降…), reduction
(压降…) and neutral words (达, 完成, 为…) off the end of the words before a number, nearest first;
``clean_metric(words)`` cuts periods, dates, quotes, list numbers and the leading and trailing
words that name no measure (全年, 确保, 累计…), leaving the short label of what is measured.
Each word list is tried longest first, looking only at the words that can start (end) the text.
"""

from __future__ import annotations

import re

from luoshi.model import Comparator
from luoshi.quantities.periods import find_dates, find_periods

# Words right before a number that set its comparator (longest first when tried).
_PREFIX_CMP: dict[str, Comparator] = {
    "不少于": ">=",
    "不低于": ">=",
    "不小于": ">=",
    "至少": ">=",
    "突破": ">=",
    "力争达到": ">=",
    "达超": ">",
    "超过": ">",
    "超": ">",
    "逾": ">",
    "高于": ">",
    "多于": ">",
    "大于": ">",
    "不超过": "<=",
    "不高于": "<=",
    "不多于": "<=",
    "不大于": "<=",
    "控制在": "<=",
    "最多": "<=",
    "低于": "<",
    "少于": "<",
    "小于": "<",
    "不足": "<",
    "接近": "~",
    "约": "~",
    "近": "~",
}
# Neutral words between a metric and its number ("达", "完成", "为"): no comparator of their own.
_NEUTRAL = (
    "达到",
    "达",
    "完成",
    "实现",
    "为",
    "是",
    "再",
    "了",
    "分别为",
    "分别达",
    "分别",
    "均为",
    "均达",
    "均",
    "累计",
    "共计",
    "合计",
    "总计",
    "共",
    "预计",
    "力争",
    "确保",
    "争取",
    "保持在",
    "保持",
    "已",
    "稳定在",
)
GROWTH = re.compile(
    r"(?:同比|比上年|比去年同期|较上年|较去年|较去年同期|比上年同期|较\d{4}年|比\d{4}年)?"
    r"(?:两年平均|三年平均|年均|可比|平均)?"
    r"(增长|增幅为?|增速为?|涨幅为?|上涨|增加|提高|提升|上升|下降|降低|减少|回落|改善)(?:了)?$"
)
REDUCTION = re.compile(r"(?:再)?(压降|压减|削减|缩减|压缩)$")
# The last characters a match of GROWTH / REDUCTION / _TAIL_GROWTH can end with: a pattern anchored at the
# end ($) is tried only on a text ending with one of them (or with a line break, before which $ matches too).
_GROWTH_LAST = "长幅为速涨加高升降低少落善了"
_REDUCTION_LAST = "降减缩"
_TAIL_GROWTH_LAST = "长幅速降、，,"
_LEAD_STRIP = (
    "其中",
    "同时",
    "并且",
    "以及",
    "、",
    "全年",
    "今年以来",
    "今年",
    "本年度",
    "本年",
    "当年",
    "年度",
    "年内",
    "目前",
    "截至目前",
    "现已",
    "预计",
    "力争",
    "确保",
    "争取",
    "努力",
    "全力",
    "累计",
    "共计",
    "合计",
    "总计",
    "共",
    "全区",
    "全市",
    "我区",
    "本区",
    "已",
    "再",
    "实现",
    "完成",
    "其",
    "促进",
    "推动",
)
_TAIL_STRIP = (
    *_NEUTRAL,
    *_PREFIX_CMP,
    "现已",
    "现",
    "目前",
    "实际",
    "名义",
    "同口径",
    "按可比价格计算",
    "同比",
    "分别",
    "等",
    "约",
    "近",
    "的",
    "有",
    "其中",
    "可",
    "将",
    "要",
    "可以",
    "稳定",
)
_TAIL_GROWTH = re.compile(r"(?:保持|实现)?(?:稳步|稳定|平稳|持续|较快|同比)?(?:增长|增幅|增速|下降)[、，,]?$")
QUOTES = str.maketrans("", "", "“”‘’\"'《》「」『』")
_QUOTE = re.compile("[“”‘’\"'《》「」『』]")
_ITEM_NUMBER = re.compile(r"^\s*(?:\d+\s*[.、)）]|[(（]\d+[)）])")
_OPEN_NOTE = re.compile(r"[(（][^)）]*[)）]?$")
_DIGIT = re.compile(r"\d")


class _Words:
    """A word list tried longest first at the start or the end of a text, without scanning all of it.

    Only the words that begin (end) with the text's first (last) character are tried, longest first;
    at each length at most one word can be the text's prefix (suffix), so the words found, and their
    order, are those a longest-first scan of the whole list would accept. The callers look the
    candidates up in ``by_first`` / ``by_last`` and test them in place: no list is built for a text,
    and most texts end with a character no word ends with.
    """

    def __init__(self, words: tuple[str, ...] | dict[str, Comparator]) -> None:
        self.words = frozenset(words)
        longest_first = sorted(self.words, key=len, reverse=True)
        # Only the words whose first (last) character is the text's can start (end) it.
        self.by_first: dict[str, tuple[str, ...]] = {}
        self.by_last: dict[str, tuple[str, ...]] = {}
        for w in longest_first:
            self.by_first[w[0]] = (*self.by_first.get(w[0], ()), w)
            self.by_last[w[-1]] = (*self.by_last.get(w[-1], ()), w)


_PREFIX_CMP_WORDS = _Words(_PREFIX_CMP)
_NEUTRAL_WORDS = _Words(_NEUTRAL)
_LEAD_WORDS = _Words(_LEAD_STRIP)
_TAIL_WORDS = _Words(_TAIL_STRIP)
# The same tables, looked up in place on the reader's path (a call and a list per text cost more than the test).
_PREFIX_CMP_BY_LAST = _PREFIX_CMP_WORDS.by_last
_NEUTRAL_BY_LAST = _NEUTRAL_WORDS.by_last
_LEAD_BY_FIRST = _LEAD_WORDS.by_first
_TAIL_BY_LAST = _TAIL_WORDS.by_last
_NOT_METRICS = _LEAD_WORDS.words | _TAIL_WORDS.words


def strip_lead(lead: str) -> tuple[str, Comparator | None, str | None, bool]:
    """Take the comparator, growth, reduction and neutral words off the end of ``lead``, nearest first.

    Returns what is left, the comparator of the word nearest the number, the growth word, and
    whether a reduction word was read; after a growth or reduction word no other is looked for.
    """
    prefix_cmp: Comparator | None = None
    growth: str | None = None
    reduction = False
    changed = True
    while changed:
        changed = False
        stripped = lead.rstrip()
        if stripped != lead:
            lead = stripped
            changed = True
        if not lead:
            break
        last = lead[-1]  # every word list below is looked up by the last character, read once per round
        for word in _PREFIX_CMP_BY_LAST.get(last, ()):
            if lead.endswith(word) and not (word == "超" and lead.endswith("不超")):
                if prefix_cmp is None:
                    prefix_cmp = _PREFIX_CMP[word]
                lead = lead[: -len(word)]
                changed = True
                break
        if changed:
            continue
        if growth is None and not reduction:
            # A pattern anchored at the end is tried at every character: first the end must fit.
            gm = GROWTH.search(lead) if last in _GROWTH_LAST or last == "\n" else None
            if gm:
                growth = gm.group(1)
                lead = lead[: gm.start()]
                changed = True
                continue
            rm = REDUCTION.search(lead) if last in _REDUCTION_LAST or last == "\n" else None
            if rm:
                reduction = True
                lead = lead[: rm.start()]
                changed = True
                continue
        if not lead.endswith("拥有"):
            for word in _NEUTRAL_BY_LAST.get(last, ()):
                if lead.endswith(word):  # the longest neutral word it ends with
                    lead = lead[: -len(word)]
                    changed = True
                    break
    return lead, prefix_cmp, growth, reduction


def clean_metric(text: str) -> str:
    """The short label of what a number measures, from the words before (or after) it."""
    t = text
    # Every form of date holds a digit: most of these words hold none, and a scan costs less than the call.
    cuts = find_dates(t) if _DIGIT.search(t) else []
    periods = find_periods(t)
    if periods:
        cuts += [(mk.start, mk.end) for mk in periods]
    if cuts:
        for a, b in sorted(cuts, reverse=True):
            t = t[:a] + t[b:]
    if _QUOTE.search(t):  # translating looks up every character: only when there is a quote to drop
        t = t.translate(QUOTES)
    # A list number opens the text with a space, a digit or a parenthesis: most texts open with none.
    if t and (t[0].isdigit() or t[0].isspace() or t[0] in "(（"):
        item = _ITEM_NUMBER.match(t)  # anchored at the start: one match at most
        if item:
            t = t[item.end() :]
    if "(" in t or "（" in t:
        t = _OPEN_NOTE.sub("", t)
    t = _strip_words(t.strip(" ，,、:：;；"))
    if t in _NOT_METRICS:
        return ""
    return t.strip()


def _strip_words(t: str) -> str:
    """``t`` without the leading and trailing words that name no measure (全年, 确保, 累计, a growth…)."""
    changed = True
    while changed and t:
        changed = False
        for w in _LEAD_BY_FIRST.get(t[0], ()):
            # Keep at least two characters: "完成率" must not become "率".
            if len(t) > len(w) + 1 and t.startswith(w):
                t = t[len(w) :].lstrip(" ，,、")
                changed = True
                break
        if t and (t[-1] in _TAIL_GROWTH_LAST or t[-1] == "\n"):  # the end must fit first
            tm = _TAIL_GROWTH.search(t)
            if tm and tm.start() > 0:
                t = t[: tm.start()].rstrip(" ，,、")
                changed = True
        if t and not t.endswith("拥有"):
            for w in _TAIL_BY_LAST.get(t[-1], ()):
                if len(t) > len(w) + 1 and t.endswith(w):
                    t = t[: -len(w)].rstrip(" ，,、")
                    changed = True
                    break
    return t
