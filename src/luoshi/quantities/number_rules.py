"""Reading one number of a sentence into a figure, rule by rule (``NUMBER_RULES``).

Each rule is a function of the number being read (``Hit``) and its sentence (``Sentence``) that reads
one thing — the unit after the number, the comparator words after and before it, the kind, the
sign, what is counted — and returns whether the number is still a figure: False drops it (a label,
a name, a category's threshold). ``read_number`` walks the rules in order, each once; each rule
reads only what the rules before it have set. The table of rules is in docs/quantities.md.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from luoshi.model import Comparator, QuantityKind
from luoshi.quantities.periods import Marker
from luoshi.quantities.units import LABEL_UNITS, compound_tail, match_unit, strip_multiplier, unit_class
from luoshi.quantities.words import clean_metric, strip_lead

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
_FOLLOW = re.compile(r"[\u4e00-\u9fff“”‘’\"A-Za-z《》][^，,。；;：:、\d]*?(?=[和及与]\d|[，,。；;：:、\d]|$)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LIST_LABEL_AFTER = re.compile(r"[.、)）](?!\d)")
_LIST_LABEL_MARKS = ".、)）"
PARENTHESIS = re.compile(r"[(（][^()（）]*[)）]")
_LIST_NEXT = re.compile(r"\s*(?:、|和|及|与|至|到|~|-)\s*(\d+(?:\.\d+)?)")


# A quantity read in a sentence, before it is placed in the text: (start, end, value, unit,
# comparator, kind, metric, period, forecast, percentage points), offsets within the sentence.
Read = tuple[int, int, float | None, str | None, Comparator | None, QuantityKind, str | None, str | None, bool, bool]


class Hit:
    """A number being read by the rules of ``NUMBER_RULES``, then the figure it is: where, and what it says.

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
    headed: int  # where the header naming the figure starts ("进度：52242"), or -1
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
        "headed",
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
        self.headed = -1

    def with_metric(self, metric: str) -> Hit:
        """A copy of the figure measuring ``metric``."""
        hit = Hit(self.start, self.end, self.value, self.clause, self.kind)
        hit.num_start, hit.num_end, hit.unit, hit.comparator = self.num_start, self.num_end, self.unit, self.comparator
        hit.period, hit.forecast, hit.points, hit.metric = self.period, self.forecast, self.points, metric
        return hit

    def as_read(self) -> Read:
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


class Sentence:
    """The sentence being read: its text, its clauses, and what the figures read so far lend the next."""

    __slots__ = ("clause_starts", "clauses", "last_unit", "measure", "periods", "prev_end_in_clause", "s")

    def __init__(
        self, s: str, clauses: list[tuple[int, int, str]], last_unit: str | None, measure: str | None = None
    ) -> None:
        self.s = s
        self.clauses = clauses
        self.clause_starts = [a for a, _, _ in clauses]
        self.last_unit = last_unit  # the unit of the last amount or count, for "446亿" that leaves it out
        self.measure = measure  # the unit printed apart from the figures (a 单位 column, a header's "(人)")
        self.prev_end_in_clause: dict[int, int] = {}  # where the last figure of each clause ends
        self.periods: list[Marker] = []

    def clause_of(self, pos: int) -> int:
        """The index of the clause holding ``pos`` (the last clause when none does)."""
        i = bisect_right(self.clause_starts, pos) - 1
        if i >= 0 and pos < self.clauses[i][1]:
            return i
        return max(0, len(self.clauses) - 1)


def _not_a_name(h: Hit, sent: Sentence) -> bool:
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
    # "1." / "1、" / "1)" opening the text: a list number (the pattern needs one of these after it).
    if after and after in _LIST_LABEL_MARKS and _LIST_LABEL_AFTER.match(s, b) and not s[:a].strip(" ([（【"):
        return False
    return not (before and after and before in "(（" and after in ")）")


def _unit_after(h: Hit, sent: Sentence) -> bool:
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


def _printed_unit(h: Hit, sent: Sentence, u: tuple[str, str, int]) -> bool:
    """The unit printed right after the number: kept unless it makes the number a label or a name."""
    s, pos = sent.s, h.pos
    mult, base, end = u
    if base in LABEL_UNITS:
        return False
    if h.before and h.before in _ADDRESS_BEFORE and base in _ADDRESS_UNITS:
        return False
    if base == "人" and s.startswith(("人才", "人民"), end - 1):  # "121人才梯队": a name
        return False
    # "15分钟生活圈", "15分钟快速巡保": a duration naming a service radius, not a quantity.
    if base in _NAMING_DURATIONS and _HAN.match(s, end) and not s.startswith(("以", "内", "左右", "之内"), end):
        return False
    if not base and sent.last_unit and _unit_left_out(s, end):
        base = strip_multiplier(sent.last_unit)[1]
    h.unit, h.end = mult + base, end
    printed = s[pos:end]
    if "余" in printed or "多" in printed:
        h.comparator = ">"
    return True


def _unit_tail(h: Hit, sent: Sentence) -> bool:
    """A "/unit" or rate base after the unit ("公顷/亿元", "150/10万"); a grade ("10万吨级") is no figure."""
    tail = compound_tail(sent.s, h.end if h.unit else h.pos)
    if tail:
        h.unit = (h.unit or "") + tail[0]
        h.end = tail[1]
    return not (h.unit and sent.s.startswith("级", h.end))  # "10万吨级码头", "千万吨级": a grade named by its size


def _comparator_after(h: Hit, sent: Sentence) -> bool:
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


def _words_before(h: Hit, sent: Sentence) -> bool:
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
    if not lead.strip() and clauses and clause > 0 and s[clauses[clause][0] - 1] in "：:":
        # "城镇新增就业(人)：27800", "完成数（个）：12": the words before the colon name the figure and may
        # print its unit; a figure printed bare takes the unit printed apart from the figures.
        lead = _header(h, sent, clauses[clause - 1][2])
        h.headed = clauses[clause - 1][0]
    elif h.unit is None and sent.measure:
        _take_measure(h, sent, lead)
    if lead.lstrip().startswith((")", "）")) and clauses:
        # The figure before sat in a parenthesis: the metric is what the parenthesis annotated.
        lead = PARENTHESIS.sub("", s[clauses[clause][0] : a])
        seg_start = a - len(lead)
    h.seg_start, h.lead = seg_start, lead
    return True


_HEADER_UNIT = re.compile(r"[(（]\s*([^()（）]{1,8}?)\s*[)）]\s*$")
# Headers that count things: a bare figure under them is a number of things, not in an amount's unit.
_COUNT_HEADER = re.compile(r"(?:数量|个数|项目数|家数|户数|人数)$")


def _header(h: Hit, sent: Sentence, header: str) -> str:
    """The words of a header before a colon, as the lead of the figure after it; its "(unit)" is the unit."""
    m = _HEADER_UNIT.search(header)
    if m:
        header = header[: m.start()]
        if h.unit is None:
            printed = m.group(1).strip()
            u = match_unit(printed, 0)
            if u is not None and u[2] == len(printed) and u[1] not in LABEL_UNITS:
                h.unit = printed
                return header
    _take_measure(h, sent, header)
    return header


def _take_measure(h: Hit, sent: Sentence, lead: str) -> None:
    """A figure printed bare is in the unit printed apart from the figures (not a count under a count header)."""
    if h.unit is not None or not sent.measure:
        return
    if _COUNT_HEADER.search(lead.strip()) and unit_class(sent.measure) != "count":
        return
    h.unit = sent.measure


def _comparator_before(h: Hit, sent: Sentence) -> bool:
    """The comparator, growth and reduction words before the number; what is left names the metric."""
    s, a = sent.s, h.num_start
    lead, prefix_cmp, h.growth, h.reduction = strip_lead(h.lead)
    start = h.seg_start + len(lead)
    while start < a and not s[start].strip():
        start += 1
    h.start = start if h.headed < 0 else h.headed
    if prefix_cmp is None and not s[a].isdigit() and lead.endswith("上"):
        prefix_cmp, lead = ">=", lead[:-1]  # "上万人", "上百家"
    if h.comparator is None:
        h.comparator = prefix_cmp
    h.lead = lead
    h.metric = clean_metric(lead)
    return True


def _named_or_compared(h: Hit, sent: Sentence) -> bool:
    """A number without a unit is a figure only when a comparator, a change or its metric's noun makes it one,
    or when it is a cell's whole value under its header ("工作目标：869", "已完成数：1022")."""
    h.cls = unit_class(h.unit)
    return h.cls != "bare" or bool(
        h.comparator is not None
        or h.growth
        or h.reduction
        or _METRIC_END.search(h.metric or "")
        or (h.headed >= 0 and _cell_value(h, sent))
    )


# Headers whose cell holds a code, not a quantity: a bare number under them stays a label.
_CODE_HEADER = re.compile(r"(?:电话|号码|编号|序号|代码|邮编|文号|编码|账号)\s*$")


def _cell_value(h: Hit, sent: Sentence) -> bool:
    """Whether the number is the whole value of its cell: nothing but the cell's end after it, under a header
    that does not name a code."""
    rest = sent.s[h.end : sent.clauses[h.clause][1]] if sent.clauses else sent.s[h.end :]
    return not rest.strip(" 。；;，,") and not _CODE_HEADER.search(h.lead or "")


def _kind(h: Hit, sent: Sentence) -> bool:
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


def _sign(h: Hit, sent: Sentence) -> bool:
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


def _counted_after(h: Hit, sent: Sentence) -> bool:
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
NUMBER_RULES: tuple[Callable[[Hit, Sentence], bool], ...] = (
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


def read_number(sent: Sentence, a: int, b: int, value: float) -> Hit | None:
    """The number at ``s[a:b]`` read by ``NUMBER_RULES``, or None when it is no figure."""
    h = Hit(a, b, value, sent.clause_of(a))
    for rule in NUMBER_RULES:
        if not rule(h, sent):
            return None
    return h


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
