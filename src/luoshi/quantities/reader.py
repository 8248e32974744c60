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
The sentence is read here (``read_with_clauses``); each number by the rules of ``number_rules``;
the words around it by ``words``. See docs/quantities.md for the choices and the hard cases.
"""

from __future__ import annotations

import re
from operator import attrgetter, itemgetter

from luoshi.model import Quantity
from luoshi.quantities.number_rules import PARENTHESIS, Hit, Read, Sentence, read_number
from luoshi.quantities.numbers import NUMBER, normalise
from luoshi.quantities.periods import Marker, find_dates, find_periods
from luoshi.quantities.sentences import split_clauses, split_sentences
from luoshi.quantities.units import LABEL_UNITS, match_unit, unit_class
from luoshi.quantities.words import GROWTH, QUOTES, REDUCTION, clean_metric

_BOOK_TITLE = re.compile(r"《[^《》]*》")
_ROUND = {"百": 100.0, "千": 1000.0, "万": 10000.0}
_ROUND_NUMBER = re.compile(r"(?:超过|超|逾|近|突破|上)([百千万])(?=余?(?:万|亿)?[\u4e00-\u9fff])")
# "新增千万吨产能", "稳定在百万吨以上", "万亿元": a round Chinese numeral and a multiplier before a unit
# is a figure wherever it stands. Not after a digit or another numeral ("三百万", "数千万", "千千万万")
# nor after 每 ("每万人"); a numeral with no multiplier ("引育百家", "千方百计", "百人计划") stays a word.
_ROUND_MULTIPLIED = re.compile(r"(?<![\d.一二三四五六七八九十两几数成每百千万亿])(?:[百千](?=[万亿])|万(?=亿))")
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
_DISTRIBUTE_HEADS = ("产业", "行业", "收入", "企业", "项目", "产值", "投资", "增加值", "业")
_ZERO_TAIL = re.compile(r"(底线|的底线|红线)$")
_LIST_JOIN = re.compile(r"\s*(?:、|和|及|与|,)\s*")
_NAME_SEPARATOR = re.compile(r"、|和|及|与")


def read_quantities(text: str, *, measure: str | None = None) -> list[Quantity]:
    """Every quantity in ``text`` (one sentence or several), in order, offsets into ``text``.

    ``measure`` is the unit the document prints apart from the figures (a 单位 column, "完成数（个）"):
    a figure printed bare is in it.
    """
    return read_with_clauses(text, measure=measure)[0]


def read_with_clauses(text: str, *, measure: str | None = None) -> tuple[list[Quantity], list[tuple[int, int]]]:
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
        found = _read_sentence(sentence, clauses, last_unit, last_metric, measure)
        for start, end, value, unit, comparator, kind, metric, period, forecast, points in found:
            cls = unit_class(unit)  # "bare" for no unit
            if cls == "amount" or cls == "count":
                last_unit = unit
            if metric and value is not None:
                last_metric["growth" if kind == "growth" else cls] = metric  # a growth's metric apart
            start, end = start + s_start, end + s_start
            out.append(
                Quantity(value, unit, comparator, kind, text[start:end], start, end, metric, period, forecast, points)
            )
    return out, spans


def _read_sentence(
    s: str,
    clauses: list[tuple[int, int, str]],
    last_unit: str | None,
    last_metric: dict[str, str],
    measure: str | None = None,
) -> list[Read]:
    """Every quantity of one sentence, in order: its figures, signed growths, zero events and qualitative targets."""
    # A pattern is scanned for only when the sentence holds a word no match can do without (发生/出现,
    # 正增长/负增长, 百/千/万, 《): most sentences hold none of them, and a word test costs far less than a scan.
    zeros = list(_ZERO.finditer(s)) if "发生" in s or "出现" in s else []
    signs = list(_SIGN_GROWTH.finditer(s)) if "正增长" in s or "负增长" in s else []
    numbers = _numbers(s)
    # A clause is part of the sentence: a sentence without a word a qualitative target needs has no such clause.
    qualitative = _may_be_qualitative(s)
    if not (numbers or zeros or signs):
        return _qualitatives(clauses, set()) if qualitative else []
    sent = Sentence(s, clauses, last_unit, measure)
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
    if qualitative:
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
        numbers.sort()  # the Arabic numbers alone come in order
    return numbers


def _protected(sent: Sentence, zeros: list[re.Match[str]], signs: list[re.Match[str]]) -> list[tuple[int, int]]:
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
    sent: Sentence, numbers: list[tuple[int, int, float]], zeros: list[re.Match[str]], signs: list[re.Match[str]]
) -> list[Hit]:
    """The figures among ``numbers``, each read by ``read_number``, left to right."""
    protected = _protected(sent, zeros, signs)
    hits: list[Hit] = []
    for a, b, value in numbers:
        if (hits and a < hits[-1].end) or (protected and _inside(a, protected)):
            continue
        hit = read_number(sent, a, b, value)
        if hit is None:
            continue
        hit.period, hit.forecast = _period_at(sent.s, sent.periods, hit.num_start)
        hits.append(hit)
        sent.prev_end_in_clause[hit.clause] = hit.end
        if hit.cls in ("amount", "count"):  # unit_class(hit.unit)
            sent.last_unit = hit.unit
    return hits


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` falls in one of ``spans`` (a loop: a generator under ``any`` costs more than the test)."""
    for p, q in spans:  # noqa: SIM110
        if p <= pos < q:
            return True
    return False


def _add_signed_growths(sent: Sentence, signs: list[re.Match[str]], hits: list[Hit]) -> None:
    """ "实现正增长", "负增长": a growth above (below) zero, measuring the words since the figure before."""
    s, clauses = sent.s, sent.clauses
    for m in signs:
        c = sent.clause_of(m.start())
        seg_start = max(
            clauses[c][0] if clauses else 0,
            max((h.end for h in hits if h.clause == c and h.end <= m.start()), default=0),
        )
        hit = Hit(m.start(), m.end(), 0.0, c, "growth")
        hit.unit, hit.comparator = "%", ">" if m.group(1) == "正增长" else "<"
        hit.metric = clean_metric(s[seg_start : m.start()])
        hit.period, hit.forecast = _period_at(s, sent.periods, m.start())
        hits.append(hit)


def _zero_events(sent: Sentence, zeros: list[re.Match[str]]) -> list[Read]:
    """ "不发生Ⅲ级以上重大金融风险": a count of events held at zero."""
    out: list[Read] = []
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
                obj.translate(QUOTES) or None,
                period,
                forecast,
                False,
            )
        )
    return out


def _qualitatives(clauses: list[tuple[int, int, str]], numbered: set[int]) -> list[Read]:
    """A qualitative target in each clause without a figure ("与经济增长同步", "稳中提质")."""
    out: list[Read] = []
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


def _period_at(s: str, periods: list[Marker], pos: int) -> tuple[str | None, bool]:
    """The period in force at ``pos`` (the last marker before it) and whether 预计 governs it."""
    last: Marker | None = None
    for mk in periods:
        if mk.start < pos:
            last = mk
    floor = max(0, last.start - 3) if last else 0
    forecast = "预计" in s[floor:pos]
    return (last.label if last else None), forecast


def _distribute(s: str, hits: list[Hit], clauses: list[tuple[int, int, str]]) -> None:
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
                for pattern in (GROWTH, REDUCTION):
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


def _name_each(run: list[Hit], names: list[str], measure: str) -> None:
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


def _each(s: str, hits: list[Hit]) -> list[Hit]:
    """ "安置率、培训就业率、权益维护率均达100%": one figure for each metric of the list."""
    out: list[Hit] = []
    for h in hits:
        if "均" in s[max(0, h.start - 4) : h.num_start]:
            names = [n for n in PARENTHESIS.sub("", h.metric or "").split("、") if n]
            if len(names) >= 2:
                out.extend(h.with_metric(name) for name in names)
                continue
        out.append(h)
    return out


def _inherit_metrics(hits: list[Hit], last_metric: dict[str, str]) -> None:
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
