"""The quantity reader: text → every quantity in it (value, unit, comparator, kind, period, metric).

Targets ("新增硅巷10万平方米以上", "控制在150/10万以下", "不发生Ⅲ级以上重大金融风险") and
reported figures ("1-11月份有效发明专利拥有量12871件。全年预计13000件。") are read the same way:
``read_quantities(text)`` walks the sentences of ``text`` and, for each Arabic number that is not a
label, date or name (and each round Chinese numeral written as a figure: 超百场, 新增千万吨产能), reads

- the unit after it (multiplier kept: 1441.54 "亿元"; a bare "446亿" takes the unit of the figure
  before it; "5、6%" shares the last unit of a list; "150/10万" and "3.11公顷/亿元" are units),
- the comparator from the words before it (超, 突破, 不少于, 控制在…) and after it (以上, 以下,
  以内, 左右, 余, 多); the neutral verbs 达/完成/实现/为 give "=", which ``to_indicators`` reads as
  a floor for a target,
- the kind: growth (增长/增幅/可比增长/两年平均增长/个百分点; 下降 → negative), reduction
  (压降/压减), ratio (a % that is not a growth), limit (a ceiling), amount or count (by unit),
- the metric: the noun phrase before the number (or, for a count with the thing counted after it,
  "完成27栋无水高层建筑整治", the phrase after), with "分别" lists distributed one metric per value,
- the period ("1-11月", "12月", "上半年", "前三季度", "全年", "6月底") and forecast flag (预计).

Clauses with no number but a qualitative target (与经济增长同步, 稳中提质, 稳步增长) give one
``qualitative`` quantity; 不发生/未发生 … gives a ``zero_event`` (value 0, comparator "==0").
See docs/quantities.md for the choices and the hard cases.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from operator import attrgetter, itemgetter

from luoshi.model import Comparator, Quantity, QuantityKind
from luoshi.quantities.numbers import NUMBER, normalise
from luoshi.quantities.periods import Marker, find_dates, find_periods
from luoshi.quantities.sentences import split_clauses, split_sentences
from luoshi.quantities.units import LABEL_UNITS, compound_tail, match_unit, strip_multiplier, unit_class

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
_GROWTH = re.compile(
    r"(?:同比|比上年|比去年同期|较上年|较去年|较去年同期|比上年同期|较\d{4}年|比\d{4}年)?"
    r"(?:两年平均|三年平均|年均|可比|平均)?"
    r"(增长|增幅为?|增速为?|涨幅为?|上涨|增加|提高|提升|上升|下降|降低|减少|回落|改善)(?:了)?$"
)
_REDUCTION = re.compile(r"(?:再)?(压降|压减|削减|缩减|压缩)$")
# The last characters a match of _GROWTH / _REDUCTION / _TAIL_GROWTH can end with (see ``_may_end``).
_GROWTH_LAST = "长幅为速涨加高升降低少落善了"
_REDUCTION_LAST = "降减缩"
_TAIL_GROWTH_LAST = "长幅速降、，,"
_NEGATIVE = ("下降", "降低", "减少", "回落")
# A fall turns a floor into a ceiling: "下降5%以上" is a change of at most -5%.
_REVERSED: dict[Comparator, Comparator] = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}
_SUFFIX_CMP: tuple[tuple[str, Comparator], ...] = (
    ("以上", ">="),
    ("以下", "<="),
    ("以内", "<="),
    ("左右", "~"),
    ("上下", "~"),
)
# Every suffix is two characters long: the two after a number are looked up at once.
_SUFFIX_CMP_OF = dict(_SUFFIX_CMP)
assert all(len(word) == 2 for word in _SUFFIX_CMP_OF)
_RANGE = re.compile(r"\s*(?:至|到|~|-)\s*\d+(?:\.\d+)?")
_BOOK_TITLE = re.compile(r"《[^《》]*》")
_ROUND = {"百": 100.0, "千": 1000.0, "万": 10000.0}
_ROUND_NUMBER = re.compile(r"(?:超过|超|逾|近|突破|上)([百千万])(?=余?(?:万|亿)?[\u4e00-\u9fff])")
# "新增千万吨产能", "稳定在百万吨以上", "万亿元": a round Chinese numeral and a multiplier before a unit
# is a figure wherever it stands. Not after a digit or another numeral ("三百万", "数千万", "千千万万")
# nor after 每 ("每万人"); a numeral with no multiplier ("引育百家", "千方百计", "百人计划") stays a word.
_ROUND_MULTIPLIED = re.compile(r"(?<![\d.一二三四五六七八九十两几数成每百千万亿])(?:[百千](?=[万亿])|万(?=亿))")
_NAMING_DURATIONS = ("分钟", "小时")
# What may follow a number whose unit was left out ("增长8万以上", "446亿，", "3万余", "5万和…").
_LEFT_OUT_FOLLOWERS = "余多的和及与至到或"
_CATEGORY_UNITS = ("岁", "级", "层", "米")
_LETTER_UNITS = ("μg/m³", "μg/m3", "ug/m³", "ug/m3", "mg/m³", "mg/m3", "TEU")
_ADDRESS_BEFORE = "村路街巷弄所苑庄园"
_ADDRESS_UNITS = ("幢", "栋", "号", "号楼", "室", "弄")
_METRIC_END = re.compile(r"(率|数|量|指数|值|度|比|比重|系数|得分|分值|水平|占比|比例)$")
_RATIO_NOUN = re.compile(r"率|比重|占比|比例|覆盖|达标|份额")
_CLAUSE_GROWTH = re.compile(r"增长|增幅|增速|涨幅|上涨")
_SIGN_GROWTH = re.compile(r"(?:实现|保持|力争|确保)?(正增长|负增长)")
_ZERO = re.compile(r"(不发生|未发生|不出现|未出现)([^，,。；;：:]{1,40})")
# A qualitative target names how a measure moves without a figure: in step with another (与经济增长
# 同步), steadily (稳步增长, 合理回升), or better in size and quality at once (稳中提质, 稳量提质, 量质齐升).
_QUALITATIVE = re.compile(
    r"(?:与|同)[^，,。；;、]{0,12}?(?:基本)?同步"
    r"|稳中(?:提质|有升|有增|向好|有进)"
    r"|稳量提质|提质扩量|扩量提质|量质齐升"
    r"|(?:保持)?(?:稳步|稳定|平稳|持续|较快)增长"
    r"|(?:合理|稳步|温和|逐步)回升"
    r"|只增不减"
    r"|(?:高于|不低于|快于|好于)(?:全市|全省|全国|上年)(?:平均)?(?:水平|增速|增幅)?"
)
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
_QUOTES = str.maketrans("", "", "“”‘’\"'《》「」『』")
_QUOTE = re.compile("[“”‘’\"'《》「」『』]")
_FOLLOW = re.compile(r"[\u4e00-\u9fff“”‘’\"A-Za-z《》][^，,。；;：:、\d]*?(?=[和及与]\d|[，,。；;：:、\d]|$)")
_DISTRIBUTE_HEADS = ("产业", "行业", "收入", "企业", "项目", "产值", "投资", "增加值", "业")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LIST_LABEL_AFTER = re.compile(r"[.、)）](?!\d)")
_PARENTHESIS = re.compile(r"[(（][^()（）]*[)）]")
_LIST_NEXT = re.compile(r"\s*(?:、|和|及|与|至|到|~|-)\s*(\d+(?:\.\d+)?)")
_ZERO_TAIL = re.compile(r"(底线|的底线|红线)$")
_ITEM_NUMBER = re.compile(r"^\s*(?:\d+\s*[.、)）]|[(（]\d+[)）])")
_OPEN_NOTE = re.compile(r"[(（][^)）]*[)）]?$")
_LIST_JOIN = re.compile(r"\s*(?:、|和|及|与|,)\s*")
_NAME_SEPARATOR = re.compile(r"、|和|及|与")


class _Words:
    """A word list tried longest first at the start or the end of a text, without scanning all of it.

    Only the words that begin (end) with the text's first (last) character are tried, longest first;
    at each length at most one word can be the text's prefix (suffix), so the words found, and their
    order, are those a longest-first scan of the whole list would accept.
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

    def __contains__(self, text: object) -> bool:
        return text in self.words

    def ending(self, text: str) -> list[str]:
        """The words ``text`` ends with, longest first."""
        # Most texts end with a character no word ends with: no list is built for them.
        words = self.by_last.get(text[-1]) if text else None
        return [w for w in words if text.endswith(w)] if words else []

    def starting(self, text: str) -> list[str]:
        """The words ``text`` starts with, longest first."""
        words = self.by_first.get(text[0]) if text else None
        return [w for w in words if text.startswith(w)] if words else []


_PREFIX_CMP_WORDS = _Words(_PREFIX_CMP)
_NEUTRAL_WORDS = _Words(_NEUTRAL)
_LEAD_WORDS = _Words(_LEAD_STRIP)
_TAIL_WORDS = _Words(_TAIL_STRIP)


class _Hit:
    """A number being read by the rules of ``_NUMBER_RULES``, then the figure it is: where, and what it says.

    The first fields are the figure's; those after ``clause`` are what the rules read on the way and
    pass on to the next rules. Each is set before a rule reads it.
    """

    # the figure
    start: int  # text of the quantity (prefix words included)
    num_start: int
    num_end: int
    end: int  # after unit and suffix
    value: float
    unit: str | None
    comparator: Comparator | None
    kind: QuantityKind
    metric: str | None
    period: str | None
    forecast: bool
    points: bool
    clause: int  # index of the clause within the sentence
    # read on the way
    before: str  # the character right before the number
    pos: int  # where the unit may start: after the number and any spaces
    negative: bool  # a minus sign of its own before the number
    seg_start: int  # where the words before the number start
    lead: str  # the words before the number, still to read
    growth: str | None  # the growth word before the number
    reduction: bool  # a reduction word (压降…) before the number
    cls: str  # unit_class(unit)
    __slots__ = (
        "before",
        "clause",
        "cls",
        "comparator",
        "end",
        "forecast",
        "growth",
        "kind",
        "lead",
        "metric",
        "negative",
        "num_end",
        "num_start",
        "period",
        "points",
        "pos",
        "reduction",
        "seg_start",
        "start",
        "unit",
        "value",
    )

    def __init__(self, start: int, end: int, value: float, clause: int, kind: QuantityKind = "count") -> None:
        self.start = self.num_start = start
        self.end = self.num_end = end
        self.value = value
        self.unit = None
        self.comparator = None
        self.kind = kind
        self.metric = None
        self.period: str | None = None
        self.forecast = False
        self.points = False
        self.clause = clause

    def with_metric(self, metric: str) -> _Hit:
        """A copy of the figure measuring ``metric``."""
        hit = _Hit(self.start, self.end, self.value, self.clause, self.kind)
        hit.num_start, hit.num_end, hit.unit, hit.comparator = self.num_start, self.num_end, self.unit, self.comparator
        hit.period, hit.forecast, hit.points, hit.metric = self.period, self.forecast, self.points, metric
        return hit

    def as_read(self) -> _Read:
        return (
            self.start,
            self.end,
            self.value,
            self.unit,
            self.comparator,
            self.kind,
            self.metric or None,
            self.period,
            self.forecast,
            self.points,
        )


class _Sentence:
    """The sentence being read: its text, its clauses, and what the figures read so far lend the next."""

    __slots__ = ("clause_starts", "clauses", "last_unit", "periods", "prev_end_in_clause", "s")

    def __init__(self, s: str, clauses: list[tuple[int, int, str]], last_unit: str | None) -> None:
        self.s = s
        self.clauses = clauses
        self.clause_starts = [a for a, _, _ in clauses]
        self.last_unit = last_unit  # the unit of the last amount or count, for "446亿" that leaves it out
        self.prev_end_in_clause: dict[int, int] = {}  # where the last figure of each clause ends
        self.periods: list[Marker] = []

    def clause_of(self, pos: int) -> int:
        """The index of the clause holding ``pos`` (the last clause when none does)."""
        i = bisect_right(self.clause_starts, pos) - 1
        if i >= 0 and pos < self.clauses[i][1]:
            return i
        return max(0, len(self.clauses) - 1)


def read_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text`` (one sentence or several), in order, offsets into ``text``."""
    return read_with_clauses(text)[0]


def read_with_clauses(text: str) -> tuple[list[Quantity], list[tuple[int, int]]]:
    """``read_quantities(text)``, and the (start, end) in ``text`` of each clause the reader cut.

    The clauses are those ``split_clauses`` cuts in each of ``split_sentences(text)``, for a caller
    that places quantities in clauses without cutting the text again. (The reader cuts the text
    normalised, which gives the same offsets: normalising never makes a character a terminator or a
    space, nor one of them something else.)
    """
    if not text or not text.strip():
        return [], []
    norm = normalise(text)
    out: list[Quantity] = []
    spans: list[tuple[int, int]] = []
    last_unit: str | None = None
    # The last metric read of each class (growth, amount, count…), for a figure that names none.
    last_metric: dict[str, str] = {}
    for s_start, _s_end, sentence in split_sentences(norm):
        clauses = split_clauses(sentence)
        spans += [(s_start + a, s_start + b) for a, b, _ in clauses]
        found = _read_sentence(sentence, clauses, last_unit, last_metric)
        for start, end, value, unit, comparator, kind, metric, period, forecast, points in found:
            if unit and unit_class(unit) in ("amount", "count"):
                last_unit = unit
            if metric and value is not None:
                last_metric[_metric_class(kind, unit)] = metric
            start, end = start + s_start, end + s_start
            out.append(
                Quantity(value, unit, comparator, kind, text[start:end], start, end, metric, period, forecast, points)
            )
    return out, spans


def _metric_class(kind: str, unit: str | None) -> str:
    return "growth" if kind == "growth" else unit_class(unit)


# A quantity read in a sentence, before it is placed in the text: (start, end, value, unit,
# comparator, kind, metric, period, forecast, percentage points), offsets within the sentence.
_Read = tuple[int, int, float | None, str | None, Comparator | None, QuantityKind, str | None, str | None, bool, bool]


def _read_sentence(
    s: str, clauses: list[tuple[int, int, str]], last_unit: str | None, last_metric: dict[str, str]
) -> list[_Read]:
    """Every quantity of one sentence, in order: its figures, signed growths, zero events and qualitative targets."""
    # A pattern is scanned for only when the sentence holds a word no match can do without (发生/出现,
    # 增长, 百/千/万, 《): most sentences hold none of them, and a word test costs far less than a scan.
    zeros = list(_ZERO.finditer(s)) if "发生" in s or "出现" in s else []
    signs = list(_SIGN_GROWTH.finditer(s)) if "增长" in s else []
    numbers = _numbers(s)
    if not (numbers or zeros or signs):
        return _qualitatives(clauses, set())
    sent = _Sentence(s, clauses, last_unit)
    # Periods date the figures, the zero events and the signed growths.
    sent.periods = find_periods(s)
    hits = _read_numbers(sent, numbers, zeros, signs) if numbers else []
    if signs:
        _add_signed_growths(sent, signs, hits)
    if hits:
        hits.sort(key=_NUM_START)
        _distribute(s, hits, clauses)
        hits = _each(s, hits)
        _inherit_metrics(hits, last_metric)
    quantities = [h.as_read() for h in hits]
    numbered = {h.clause for h in hits}
    if zeros:
        quantities += _zero_events(sent, zeros)
        numbered.update(sent.clause_of(m.start()) for m in zeros)
    quantities += _qualitatives(clauses, numbered)
    quantities.sort(key=_FIRST)
    return quantities


_NUM_START = attrgetter("num_start")
_FIRST = itemgetter(0)


def _numbers(s: str) -> list[tuple[int, int, float]]:
    """The numbers of ``s`` as (start, end, value): its Arabic numbers and its round Chinese numerals."""
    numbers = [(m.start(), m.end(), float(m.group(0))) for m in NUMBER.finditer(s)]
    if "百" in s or "千" in s or "万" in s:
        # "超百场", "近百家", "超千亿元": a round Chinese hundred/thousand after a comparator word.
        numbers += [(m.start(1), m.end(1), _ROUND[m.group(1)]) for m in _ROUND_NUMBER.finditer(s)]
        if _may_hold_round_multiplied(s):
            read = {a for a, _, _ in numbers}
            numbers += [
                (m.start(), m.end(), _ROUND[m.group()])
                for m in _ROUND_MULTIPLIED.finditer(s)
                if m.start() not in read and _round_figure_here(s, m.start(), m.end())
            ]
    numbers.sort()
    return numbers


def _protected(sent: _Sentence, zeros: list[re.Match[str]], signs: list[re.Match[str]]) -> list[tuple[int, int]]:
    """The spans whose digits are no figures: periods, dates, zero events, titles in 《》, signed growths."""
    s = sent.s
    protected = [(m.start, m.end) for m in sent.periods]
    protected += find_dates(s)
    protected += [(m.start(), m.end()) for m in zeros]
    if "《" in s:
        # A title in 《》 ("《南京市优化营商环境政策100条（2021年版）》") holds names, not figures.
        protected += [(m.start(), m.end()) for m in _BOOK_TITLE.finditer(s)]
    protected += [(m.start(), m.end()) for m in signs]
    return protected


def _read_numbers(
    sent: _Sentence, numbers: list[tuple[int, int, float]], zeros: list[re.Match[str]], signs: list[re.Match[str]]
) -> list[_Hit]:
    """The figures among ``numbers``, each read by ``_read_number``, left to right."""
    protected = _protected(sent, zeros, signs)
    hits: list[_Hit] = []
    for a, b, value in numbers:
        if any(p <= a < q for p, q in protected) or (hits and a < hits[-1].end):
            continue
        hit = _read_number(sent, a, b, value)
        if hit is None:
            continue
        hit.period, hit.forecast = _period_at(sent.s, sent.periods, hit.num_start)
        hits.append(hit)
        sent.prev_end_in_clause[hit.clause] = hit.end
        if hit.cls in ("amount", "count"):  # unit_class(hit.unit)
            sent.last_unit = hit.unit
    return hits


def _add_signed_growths(sent: _Sentence, signs: list[re.Match[str]], hits: list[_Hit]) -> None:
    """ "实现正增长", "负增长": a growth above (below) zero, measuring the words since the figure before."""
    s, clauses = sent.s, sent.clauses
    for m in signs:
        c = sent.clause_of(m.start())
        seg_start = max(
            clauses[c][0] if clauses else 0,
            max((h.end for h in hits if h.clause == c and h.end <= m.start()), default=0),
        )
        hit = _Hit(m.start(), m.end(), 0.0, c, "growth")
        hit.unit, hit.comparator = "%", ">" if m.group(1) == "正增长" else "<"
        hit.metric = clean_metric(s[seg_start : m.start()])
        hit.period, hit.forecast = _period_at(s, sent.periods, m.start())
        hits.append(hit)


def _zero_events(sent: _Sentence, zeros: list[re.Match[str]]) -> list[_Read]:
    """ "不发生Ⅲ级以上重大金融风险": a count of events held at zero."""
    out: list[_Read] = []
    for zm in zeros:
        obj = _ZERO_TAIL.sub("", zm.group(2)).strip()
        period, forecast = _period_at(sent.s, sent.periods, zm.start())
        out.append(
            (
                zm.start(),
                zm.end(),
                0.0,
                None,
                "==0",
                "zero_event",
                obj.translate(_QUOTES) or None,
                period,
                forecast,
                False,
            )
        )
    return out


def _qualitatives(clauses: list[tuple[int, int, str]], numbered: set[int]) -> list[_Read]:
    """A qualitative target in each clause without a figure ("与经济增长同步", "稳中提质")."""
    out: list[_Read] = []
    for i, (ca, _cb, clause) in enumerate(clauses):
        if i in numbered or not _may_be_qualitative(clause):
            continue
        # The phrase is the clause's predicate: it ends the clause or a list of such phrases. Followed
        # by more words it qualifies them ("稳定增长机制", "与全国同步基本实现…", "稳中向好的基础").
        qm = next((m for m in _QUALITATIVE.finditer(clause) if _ends_predicate(clause, m.end())), None)
        if not qm:
            continue
        metric = clean_metric(clause[: qm.start()])
        out.append(
            (ca + qm.start(), ca + qm.end(), None, None, None, "qualitative", metric or None, None, False, False)
        )
    return out


def _may_end(text: str, last: str) -> bool:
    """Whether a pattern anchored at the end ($) whose matches end with one of ``last`` may match ``text``.

    ``$`` also matches before a line break that ends the text: such a text is always tried.
    """
    return bool(text) and (text[-1] in last or text[-1] == "\n")


def _ends_predicate(clause: str, end: int) -> bool:
    """Whether a phrase ending at ``end`` ends ``clause`` (closing marks aside) or an item of a list (、).

    A list that qualifies a noun ("坚持…、稳中有进、积极作为的原则") is no predicate either.
    """
    rest = clause[end:].lstrip(" )）”’\"'」』")
    return not rest or (rest[0] == "、" and "的" not in rest)


def _may_be_qualitative(clause: str) -> bool:
    """Whether ``clause`` holds a word one form of ``_QUALITATIVE`` needs (同步, 稳中, 增长, 回升, 提质…)."""
    return (
        "同步" in clause
        or "稳中" in clause
        or "增长" in clause
        or "提质" in clause
        or "量质" in clause
        or "回升" in clause
        or "只增不减" in clause
        or "于" in clause
    )


def _not_a_name(h: _Hit, sent: _Sentence) -> bool:
    """Names and labels are no figures: PM2.5, 5G, 4A级, 5#楼, 1+2+3, 第27届, "1." / "1、" / "(1)" list numbers."""
    s, a, b = sent.s, h.num_start, h.num_end
    h.before = before = s[a - 1] if a > 0 else ""
    after = s[b] if b < len(s) else ""
    if before and ((before.isascii() and before.isalpha()) or before in "#+"):
        return False
    if after and (after in "#+" or (after.isascii() and after.isalpha() and not s.startswith(_LETTER_UNITS, b))):
        return False
    i = a - 1
    while i >= 0 and s[i].isspace():
        i -= 1
    if i >= 0 and s[i] == "第":
        return False
    if _LIST_LABEL_AFTER.match(s, b) and not s[:a].strip(" ([（【"):
        return False
    return not (before and after and before in "(（" and after in ")）")


def _unit_after(h: _Hit, sent: _Sentence) -> bool:
    """The unit after the number (a range's or a list's unit when it has none); a label's unit drops it."""
    s = sent.s
    pos = h.num_end
    while pos < len(s) and s[pos] == " ":
        pos += 1
    h.pos = pos
    u = match_unit(s, pos)
    if u is not None:
        return _printed_unit(h, sent, u)
    rng = _RANGE.match(s, pos)
    if rng and (ru := match_unit(s, rng.end())) is not None and ru[1] not in LABEL_UNITS and ru[1]:
        # "1到2个", "3-5家": a range, read as its lower bound with ">=".
        h.unit, h.end, h.comparator = ru[0] + ru[1], ru[2], ">="
        return True
    shared = _shared_unit(s, pos)
    h.unit = shared
    return shared != "label"


def _printed_unit(h: _Hit, sent: _Sentence, u: tuple[str, str, int]) -> bool:
    """The unit printed right after the number: kept unless it makes the number a label or a name."""
    s, pos = sent.s, h.pos
    mult, base, end = u
    if base in LABEL_UNITS:
        return False
    if h.before and h.before in _ADDRESS_BEFORE and base in _ADDRESS_UNITS:
        return False
    if s.startswith(("人才", "人民"), end - 1) and base == "人":  # "121人才梯队": a name
        return False
    # "15分钟生活圈", "15分钟快速巡保": a duration naming a service radius, not a quantity.
    if base in _NAMING_DURATIONS and _HAN.match(s, end) and not s.startswith(("以", "内", "左右", "之内"), end):
        return False
    if not base and sent.last_unit and _unit_left_out(s, end):
        base = strip_multiplier(sent.last_unit)[1]
    h.unit, h.end = mult + base, end
    if "余" in s[pos:end] or "多" in s[pos:end]:
        h.comparator = ">"
    return True


def _unit_tail(h: _Hit, sent: _Sentence) -> bool:
    """A "/unit" or rate base after the unit ("公顷/亿元", "150/10万"); a grade ("10万吨级") is no figure."""
    tail = compound_tail(sent.s, h.end if h.unit else h.pos)
    if tail:
        h.unit = (h.unit or "") + tail[0]
        h.end = tail[1]
    return not (h.unit and sent.s.startswith("级", h.end))  # "10万吨级码头", "千万吨级": a grade named by its size


def _comparator_after(h: _Hit, sent: _Sentence) -> bool:
    """余/多 and the comparator words after the unit (以上, 以下, 以内, 左右); a category's threshold is no figure."""
    s, end, unit = sent.s, h.end, h.unit
    # 余/多 after the unit ("5500余户" is read with the unit; "20个多" is rare).
    if end < len(s) and s[end] in "余多" and not s.startswith("多元", end):
        h.comparator = ">"
        end += 1
    # "10万千瓦及以下燃煤机组": 及 joins the threshold's own figure to the words above or below it.
    joined = s.startswith("及", end) and s[end + 1 : end + 3] in ("以上", "以下")
    word = s[end + 1 : end + 3] if joined else s[end : end + 2]
    if word in _SUFFIX_CMP_OF:
        h.comparator = _SUFFIX_CMP_OF[word]
        end += len(word) + joined
        # "10亿元以上项目", "65岁以上老人": a threshold naming a category, not a quantity.
        if (
            word in ("以上", "以下")
            and unit
            and _HAN.match(s, end)
            and (unit_class(unit) == "amount" or unit.endswith(_CATEGORY_UNITS))
        ):
            return False
    h.end = end
    return not (unit == "岁" and _HAN.match(s, end))  # "0—6岁儿童", "60岁老人": a group's age, no figure


def _words_before(h: _Hit, sent: _Sentence) -> bool:
    """The words between the figure before in the clause (or the clause's start) and the number."""
    s, a, clauses, clause = sent.s, h.num_start, sent.clauses, h.clause
    # "增长-2.3%": a minus sign right after a word (not a range such as "1-9") is the value's own.
    h.negative = h.before == "-" and a >= 2 and not s[a - 2].isdigit() and not s[a - 2].isspace()
    prev_end = sent.prev_end_in_clause
    seg_start = max(clauses[clause][0] if clauses else 0, prev_end.get(clause, 0))
    if clause in prev_end:
        # Right after another figure, a connective starts the next item: "…1项目标和3项…".
        while seg_start < a and s[seg_start] in "和及与并且、 ":
            seg_start += 1
    lead = s[seg_start : a - 1 if h.negative else a]
    if lead.lstrip().startswith((")", "）")) and clauses:
        # The figure before sat in a parenthesis: the metric is what the parenthesis annotated.
        lead = _PARENTHESIS.sub("", s[clauses[clause][0] : a])
        seg_start = a - len(lead)
    h.seg_start, h.lead = seg_start, lead
    return True


def _comparator_before(h: _Hit, sent: _Sentence) -> bool:
    """The comparator, growth and reduction words before the number; what is left names the metric."""
    s, a = sent.s, h.num_start
    lead, prefix_cmp, h.growth, h.reduction = _strip_lead(h.lead)
    start = h.seg_start + len(lead)
    while start < a and not s[start].strip():
        start += 1
    h.start = start
    if prefix_cmp is None and not s[a].isdigit() and lead.endswith("上"):
        prefix_cmp, lead = ">=", lead[:-1]  # "上万人", "上百家"
    if h.comparator is None:
        h.comparator = prefix_cmp
    h.lead = lead
    h.metric = clean_metric(lead)
    return True


def _strip_lead(lead: str) -> tuple[str, Comparator | None, str | None, bool]:
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
        for word in _PREFIX_CMP_WORDS.ending(lead):
            if not (word == "超" and lead.endswith("不超")):
                if prefix_cmp is None:
                    prefix_cmp = _PREFIX_CMP[word]
                lead = lead[: -len(word)]
                changed = True
                break
        if changed:
            continue
        if growth is None and not reduction:
            # A pattern anchored at the end is tried at every character: first the end must fit.
            gm = _GROWTH.search(lead) if _may_end(lead, _GROWTH_LAST) else None
            if gm:
                growth = gm.group(1)
                lead = lead[: gm.start()]
                changed = True
                continue
            rm = _REDUCTION.search(lead) if _may_end(lead, _REDUCTION_LAST) else None
            if rm:
                reduction = True
                lead = lead[: rm.start()]
                changed = True
                continue
        if not lead.endswith("拥有"):
            neutral = _NEUTRAL_WORDS.ending(lead)
            if neutral:
                lead = lead[: -len(neutral[0])]
                changed = True
    return lead, prefix_cmp, growth, reduction


def _named_or_compared(h: _Hit, sent: _Sentence) -> bool:
    """A number without a unit is a figure only when a comparator, a change or its metric's noun makes it one."""
    h.cls = unit_class(h.unit)
    return h.cls != "bare" or bool(
        h.comparator is not None or h.growth or h.reduction or _METRIC_END.search(h.metric or "")
    )


def _kind(h: _Hit, sent: _Sentence) -> bool:
    """Reduction, growth, ratio, amount or count: from the unit's class and the words before the number."""
    cls = h.cls
    h.points = cls == "points"
    if h.reduction:
        h.kind = "reduction"
    elif cls in ("percent", "points"):
        s, a = sent.s, h.num_start
        clause_text = s[sent.clauses[h.clause][0] : a] if sent.clauses else s[:a]
        growth = h.growth or (
            cls == "percent" and _CLAUSE_GROWTH.search(clause_text) and not _RATIO_NOUN.search(h.metric or clause_text)
        )
        h.kind = "growth" if growth else "ratio"
    elif cls == "rate":
        h.kind = "ratio"
    elif cls == "amount":
        h.kind = "amount"
    else:
        h.kind = "count"
    return True


def _sign(h: _Hit, sent: _Sentence) -> bool:
    """The value's sign and the comparator's direction (a fall reverses both); a ceiling makes a limit."""
    if h.negative:
        h.value = -h.value
    comparator = h.comparator
    if h.kind == "growth" and h.growth in _NEGATIVE:
        h.value = -h.value
        if comparator is not None:
            comparator = _REVERSED.get(comparator, comparator)
    if h.kind in ("ratio", "amount", "count") and comparator in ("<=", "<"):
        h.kind = "limit"
    h.comparator = "=" if comparator is None else comparator
    return True


def _counted_after(h: _Hit, sent: _Sentence) -> bool:
    """ "完成27栋无水高层建筑整治", "补齐30公里雨水管网": what is counted follows the unit."""
    s, end, cls = sent.s, h.end, h.cls
    if cls != "count" and (cls != "amount" or len(h.metric or "") > 4):
        return True
    follow = _FOLLOW.match(s, end + 1 if s.startswith("的", end) else end)
    if follow and len(follow.group(0).strip('“”‘’"')) >= 2:
        following = clean_metric(follow.group(0))
        if following:
            h.metric = following
    return True


# Reading one number, step by step: each rule reads one thing about it and says whether it is still a
# figure (False drops it: a label, a name, a category). The rules run in this order, each once, and
# each reads only what the rules before it have set on the hit.
_NUMBER_RULES: tuple[Callable[[_Hit, _Sentence], bool], ...] = (
    _not_a_name,
    _unit_after,
    _unit_tail,
    _comparator_after,
    _words_before,
    _comparator_before,
    _named_or_compared,
    _kind,
    _sign,
    _counted_after,
)


def _read_number(sent: _Sentence, a: int, b: int, value: float) -> _Hit | None:
    """The number at ``s[a:b]`` read by ``_NUMBER_RULES``, or None when it is no figure."""
    h = _Hit(a, b, value, sent.clause_of(a))
    for rule in _NUMBER_RULES:
        if not rule(h, sent):
            return None
    return h


def _may_hold_round_multiplied(s: str) -> bool:
    """Whether ``s`` holds a numeral and a multiplier side by side, which ``_ROUND_MULTIPLIED`` needs."""
    return "百万" in s or "千万" in s or "百亿" in s or "千亿" in s or "万亿" in s


def _round_figure_here(s: str, start: int, end: int) -> bool:
    """Whether a round Chinese numeral at ``s[start:end]`` is a figure: a multiplier and a unit follow.

    A numeral right after a classifier ("3个百亿元产业集群", "两个千亿元台阶") is part of what is
    counted, not a figure of its own.
    """
    u = match_unit(s, end)
    if u is None or not u[0] or not u[1] or u[1] in LABEL_UNITS:
        return False
    return start == 0 or unit_class(s[start - 1]) != "count"


def _unit_left_out(s: str, end: int) -> bool:
    """Whether a bare multiplier ending at ``end`` ("446亿，", "8万左右") left its unit out.

    A word that follows it and is not a comparator or a connective is a unit the reader does not
    know ("750千伏", "30万吨级"): the figure before does not lend it its unit ("1300亿斤" is not 亿人).
    """
    if end >= len(s) or not _HAN.match(s, end):
        return True
    return s[end : end + 2] in _SUFFIX_CMP_OF or s[end] in _LEFT_OUT_FOLLOWERS


def _shared_unit(s: str, pos: int) -> str | None:
    """For "5、6%" or "05-06地块": the unit of the list's last number; "label" when it is a label."""
    m = _LIST_NEXT.match(s, pos)
    depth = 0
    while m and depth < 12:
        nxt = m.end()
        u = match_unit(s, nxt)
        if u is not None:
            mult, base, _ = u
            if base in LABEL_UNITS:
                return "label"
            return mult + base if base else None
        m = _LIST_NEXT.match(s, nxt)
        depth += 1
    return None


def _period_at(s: str, periods: list[Marker], pos: int) -> tuple[str | None, bool]:
    """The period in force at ``pos`` (the last marker before it) and whether 预计 governs it."""
    last: Marker | None = None
    for mk in periods:
        if mk.start < pos:
            last = mk
    floor = max(0, last.start - 3) if last else 0
    forecast = "预计" in s[floor:pos]
    return (last.label if last else None), forecast


def clean_metric(text: str) -> str:
    """The short label of what a number measures, from the words before (or after) it."""
    t = text
    cuts = find_dates(t)
    periods = find_periods(t)
    if periods:
        cuts += [(mk.start, mk.end) for mk in periods]
    if cuts:
        for a, b in sorted(cuts, reverse=True):
            t = t[:a] + t[b:]
    if _QUOTE.search(t):  # translating looks up every character: only when there is a quote to drop
        t = t.translate(_QUOTES)
    t = _ITEM_NUMBER.sub("", t)
    if "(" in t or "（" in t:
        t = _OPEN_NOTE.sub("", t)
    t = t.strip(" ，,、:：;；")
    changed = True
    while changed and t:
        changed = False
        for w in _LEAD_WORDS.starting(t):
            # Keep at least two characters: "完成率" must not become "率".
            if len(t) > len(w) + 1:
                t = t[len(w) :].lstrip(" ，,、")
                changed = True
                break
        tm = _TAIL_GROWTH.search(t) if _may_end(t, _TAIL_GROWTH_LAST) else None
        if tm and tm.start() > 0:
            t = t[: tm.start()].rstrip(" ，,、")
            changed = True
        for w in _TAIL_WORDS.ending(t):
            if not t.endswith("拥有") and len(t) > len(w) + 1:
                t = t[: -len(w)].rstrip(" ，,、")
                changed = True
                break
    if t in _LEAD_WORDS or t in _TAIL_WORDS:
        return ""
    return t.strip()


def _distribute(s: str, hits: list[_Hit], clauses: list[tuple[int, int, str]]) -> None:
    """ "A、B产业分别增长5.5%、6%": give each value of a 分别 list its own metric.

    A second 分别 list with no names of its own ("…分别实现产值156.2亿元、28.3亿元，分别下降9%、
    26.3%") takes the names of the first; the growth word of a list's first value governs the rest.
    """
    names_before: list[str] = []
    i = 0
    while i < len(hits):
        h = hits[i]
        run = [h]
        j = i + 1
        while j < len(hits) and hits[j].clause == h.clause and _LIST_JOIN.fullmatch(s, run[-1].end, hits[j].start):
            run.append(hits[j])
            j += 1
        if len(run) >= 2:
            if h.kind == "growth":
                for x in run[1:]:
                    if x.kind == "ratio" and x.unit == h.unit:
                        x.kind, x.value = "growth", -abs(x.value) if h.value < 0 else x.value
            seg_start = clauses[h.clause][0] if clauses else 0
            lead = s[seg_start : h.num_start]
            k = lead.rfind("分别")
            if k >= 0:
                names_text = clean_metric(lead[:k])
                names = [n for n in _NAME_SEPARATOR.split(names_text) if n]
                if not names and len(names_before) == len(run):
                    names = names_before
                after = lead[k + 2 :].rstrip()
                for pattern in (_GROWTH, _REDUCTION):
                    after = pattern.sub("", after)
                measure = clean_metric(after)
                if len(names) == len(run):
                    _name_each(run, names, measure)
                    names_before = [x.metric or "" for x in run]
                else:
                    for hit in run:
                        hit.metric = names_text or hit.metric
            elif all(not x.metric for x in run[1:]):
                for hit in run[1:]:
                    hit.metric = h.metric
        i = j


def _name_each(run: list[_Hit], names: list[str], measure: str) -> None:
    last = names[-1]
    head = next((hd for hd in _DISTRIBUTE_HEADS if last.endswith(hd)), "")
    for hit, name in zip(run, names, strict=True):
        if len(name) == 1 < len(last) and name is not last:
            # "城、乡居民人均可支配收入": a one-word item stands for the last item's first word.
            metric = name + last[len(name) :]
        else:
            metric = name if (not head or name.endswith(head)) else name + head
        # "化工、医药分别实现产值…": what is measured follows 分别.
        hit.metric = metric + measure if measure and not metric.endswith(measure) else metric


def _each(s: str, hits: list[_Hit]) -> list[_Hit]:
    """ "安置率、培训就业率、权益维护率均达100%": one figure for each metric of the list."""
    out: list[_Hit] = []
    for h in hits:
        if "均" in s[max(0, h.start - 4) : h.num_start]:
            names = [n for n in _PARENTHESIS.sub("", h.metric or "").split("、") if n]
            if len(names) >= 2:
                out.extend(h.with_metric(name) for name in names)
                continue
        out.append(h)
    return out


def _inherit_metrics(hits: list[_Hit], last_metric: dict[str, str]) -> None:
    """A figure with no metric of its own ("，增长9.4%", "全年预计完成446亿") measures the one before.

    The figure just before in the same period lends its metric; across a change of period a growth
    takes the metric of the last growth or amount (not of a count that only describes, as in
    "12月当月有36个项目…，全年预计增长8%"), and a value that of the last value of its class.
    """
    for i, h in enumerate(hits):
        if h.metric:
            continue
        earlier = [x for x in hits[:i] if x.metric]
        prev = hits[i - 1] if i > 0 else None
        # "474家企业申报…，较2020年增长37.79%": the figure just before, in the same period, is measured.
        # A new period ("…36个项目…，全年预计增长8%") goes back to the main metric instead.
        if prev and prev.metric and prev.period == h.period and (h.kind == "growth" or prev.kind == h.kind):
            h.metric = prev.metric
            continue
        if h.kind == "growth":
            pick = next((x for x in reversed(earlier) if x.kind == "growth"), None) or next(
                (x for x in reversed(earlier) if x.kind == "amount"), None
            )
        else:
            pick = next((x for x in reversed(earlier) if unit_class(x.unit) == unit_class(h.unit)), None)
        if pick:
            h.metric = pick.metric
        elif h.kind == "growth":
            h.metric = last_metric.get("growth") or last_metric.get("amount")
        else:
            h.metric = last_metric.get(unit_class(h.unit))
