"""Targets: the text of a task → its indicators (what must be reached, compared how).

``to_indicators(text, span=None) -> list[Indicator]``: every quantified target in ``text`` from the
quantity reader, read as a target:

- a figure with no comparator word is a floor ("新增规上服务业企业55家" → ``>=`` 55 家), except
  for measures where less is better (浓度, 发病率, 死亡率, 能耗…) which get ``<=``;
- a ceiling (控制在/以下/以内/不超过) is kind ``limit``; 不发生… is ``zero_event`` (``==0``);
- a count that only describes the subject of another figure in the same clause ("全年81个实施类
  项目完成投资141.5亿元"), a count that is the scope of a process ("加快48个在建项目建设进度")
  and a figure used as an attribute ("近38亿元的经济产出") are left out;
- a text with no number gives one indicator: ``qualitative`` (与经济增长同步, 稳中提质…) or
  ``milestone`` when it names a stage of building work (竣工, 封顶, 开工, 主体施工, 交付, 出让…);
- 达市目标 / 市定标准 / 市下达 mark the indicators of their clause ``external=True`` (the value is
  the city's); such a clause with no number of its own is one ``qualitative`` external indicator.

``span`` locates ``text`` in its document; each indicator's span narrows it to the words read.
"""

from __future__ import annotations

import re
from operator import itemgetter

from luoshi.model import Comparator, Indicator, Quantity, QuantityKind, Span
from luoshi.quantities.reader import read_with_clauses
from luoshi.quantities.words import clean_metric

# The figure is set by a higher government: 达市目标, 市定标准, 省下达, and a target to be matched to
# the state's ("降低目标与国家“十五五”考核目标统筹衔接", "与上级下达目标相衔接").
# Each form opens with a character of its own (省定标准, 市定标准… rather than (?:省|市)定标准): a pattern
# whose every form opens with a literal is scanned by the regex engine for those characters alone.
_EXTERNAL = re.compile(
    r"达(?:到)?(?:省|市)(?:定)?(?:目标|标准|要求)|省定标准|市定标准|省下达|市下达|省目标|市目标"
    r"|国家下达|上级下达"
    r"|与(?:国家|上级|省|市)[^，,。；;]{0,16}?目标[^，,。；;]{0,4}?(?:衔接|一致|挂钩)"
    r"|同(?:国家|上级|省|市)[^，,。；;]{0,16}?目标[^，,。；;]{0,4}?(?:衔接|一致|挂钩)"
)
_LESS_IS_BETTER = re.compile(r"浓度|发病率|死亡率|事故|能耗|水耗|失业率|空置率|投诉|案件数|排放|PM2\.5|发生率")
_PROCESS = re.compile(r"(?:进度|前期工作|前期)$")
# A count of the members of a list ("洛阳等10个国家物流枢纽") in a task that carries on work on them
# without an end ("加快…建设", "加快…提质升级", "支持…发展成为中等城市"), or of things a task
# strengthens ("壮大…18条产业链"), is the task's scope, not a figure to reach. A task that completes
# work on such a list ("实施…等26个老旧小区改造提升", "推进…等11栋危房治理") keeps its count.
_CONTINUING = re.compile(r"加快|推进|推动|支持|促进|深化")
_OPEN_ENDED = re.compile(r"(?:建设|提质升级|转型升级|升级|发展成为.*|发展壮大|做大做强|做强做优)$")
_STRENGTHENING = re.compile(r"^[^\d]{0,4}?(?:壮大|做强|做大|做优)")
# "生均标准从380元提高至1000元", "低保标准由每月800元提高到900元": the figure after 从/由 that a
# change leads away from is the baseline; the figure it leads to is the target, of the same measure.
_FROM = re.compile(r"(?:从|由)\s*(?:每[月年人户天])?\s*$")
_CHANGE_TO = re.compile(
    r"\s*(?:提高|提升|增加|增长|扩大|上调|降低|下降|减少|压减|压缩|缩短|下调|调整|增|降|减|升)?(?:至|到)"
)
_MILESTONE = re.compile(
    r"竣工|封顶|开工|动工|交付|交房|建成|投用|投入使用|完工|开园|开业|通车|挂牌|揭牌|启用|运营|施工|主体|"
    r"桩基|土方|开挖|验收|装修|出让|征收|拆迁|搬迁|进场|招标|改造|修缮|入驻"
)


_OFFSET = itemgetter(0)


def _may_name_external(text: str) -> bool:
    """Whether ``text`` names a higher government (省, 市, 国家, 上级), which ``_EXTERNAL`` needs (a cheap test first)."""
    return "市" in text or "省" in text or "国家" in text or "上级" in text


def _names_external(text: str) -> bool:
    return _may_name_external(text) and bool(_EXTERNAL.search(text))


def _narrow(span: Span | None, start: int, end: int) -> Span | None:
    if span is None:
        return None
    return Span(span.block, span.row, span.col, span.start + start, span.start + end)


_PUNCTUATION = re.compile(r"[，,。；;：:、]")


def _is_descriptor(q: Quantity, others: list[Quantity], text: str) -> bool:
    """A count naming the subject of a later figure in its clause, or a figure used as an attribute."""
    if text.startswith("的", q.end) and q.kind in ("amount",) and q.comparator in ("~", "="):
        return True
    if q.kind != "count":
        return False
    # "加快48个在建项目建设进度", "做好56个储备项目前期工作": the count is the scope of a process.
    if q.metric and _PROCESS.search(q.metric):
        return True
    for o in others:
        if o.start >= q.end and o.value is not None and o.kind in ("amount", "growth", "ratio"):
            between = text[q.end : o.start]
            # "为50户困难家庭提供每户不少于5000元": a figure per counted thing leaves the count a target.
            if not _PUNCTUATION.search(between) and "每" not in between:
                return True
    return False


def _may_name_scope(text: str) -> bool:
    """Whether ``text`` holds 等 or a strengthening verb, without which ``_is_scope`` is never true."""
    return "等" in text or "壮大" in text or "做强" in text or "做大" in text or "做优" in text


def _is_scope(q: Quantity, text: str, clause: tuple[int, int]) -> bool:
    """A count naming what a task works on without end, not how many it must reach (see ``_CONTINUING``)."""
    if q.kind != "count":
        return False
    a, b = clause
    before, after = text[a : q.start], text[q.end : b].strip()
    if before.endswith("等") and _CONTINUING.search(before) and _OPEN_ENDED.search(after):
        return True
    return bool(_STRENGTHENING.match(before))


def _baseline_metric(q: Quantity, text: str, clause: tuple[int, int]) -> str | None:
    """For a figure a change starts from ("从380元提高至1000元": 380元), what it measures; else None.

    The words before 从/由 name the measure ("生均标准"), which the target the change leads to shares.
    A baseline with no words before it gives "".
    """
    m = _FROM.search(text, clause[0], q.start)
    if m is None or not _CHANGE_TO.match(text, q.end):
        return None
    return clean_metric(text[clause[0] : m.start()])


def target_comparator(q: Quantity) -> Comparator | None:
    """The comparator of a quantity read as a target: a plain figure is a floor (or a ceiling)."""
    if q.comparator != "=":
        return q.comparator
    if q.kind in ("limit",) or (q.metric and _LESS_IS_BETTER.search(q.metric) and q.kind != "reduction"):
        return "<="
    return ">="


def to_indicators(
    text: str, span: Span | None = None, *, fallback: bool = True, measure: str | None = None
) -> list[Indicator]:
    """The indicators of one target text (see the module docstring); never empty for non-empty text.

    With ``fallback=False`` a text without any quantity (or qualitative target phrase) gives no
    indicator instead of one qualitative/milestone indicator: for finding target sentences in prose.
    ``measure`` is the unit printed apart from the figures (``Task.measure``): bare figures are in it.
    Steps: the targets the quantity reader finds; the clauses naming the city's target without a
    number; else the text as one target.
    """
    if not text or not text.strip():
        return []
    qs, clauses = read_with_clauses(text, measure=measure)
    indicators = _quantity_indicators(text, span, qs, clauses)
    # A clause that names the city's target without a number ("…生活保障标准达市目标") is a target too.
    # Without any figure, the fallback below gives the text one indicator (external, if it says so).
    if _may_name_external(text) and not (not indicators and fallback):
        indicators += _external_indicators(text, span, qs, clauses)
    if not indicators and fallback:
        indicators.append(_whole_text(text, span))
    if len(indicators) > 1:
        indicators.sort(key=_OFFSET)  # stable, as sorted() was: indicators at one offset keep their order
    return [ind for _, ind in indicators]


def _quantity_indicators(
    text: str, span: Span | None, qs: list[Quantity], clauses: list[tuple[int, int]]
) -> list[tuple[int, Indicator]]:
    """The targets among the quantities read, by offset: descriptors, scopes and baselines left out."""
    indicators: list[tuple[int, Indicator]] = []
    # Scopes and baselines need words most texts lack: look for them only where the words are.
    may_scope = _may_name_scope(text)
    may_change = "从" in text or "由" in text
    # A clause names a higher government only if the text does: most texts name none.
    may_external = _may_name_external(text)
    baseline_metric: str | None = None
    # A header ends in a colon: a text without one has none.
    headers = _headers(qs) if "：" in text or ":" in text else []
    for q in qs:
        if headers and any(a <= q.start and q.end <= b for a, b in headers):
            continue  # a figure of a cell's header names it ("减少义务教育大班额1.4万个以上：869"): the cell's value is the target
        if q.value is not None and q.kind != "zero_event" and _is_descriptor(q, qs, text):
            continue
        if q.value is not None and (may_scope or may_change):
            clause = _clause_at(clauses, q.start)
            if may_scope and _is_scope(q, text, clause):
                continue
            if may_change and (measure := _baseline_metric(q, text, clause)) is not None:
                baseline_metric = measure or None
                continue
        metric, baseline_metric = (baseline_metric or q.metric), None
        cmp = target_comparator(q) if q.kind not in ("qualitative", "zero_event") else q.comparator
        kind = q.kind
        if cmp in ("<=", "<") and kind in ("amount", "count", "ratio"):
            kind = "limit"
        a, b = _clause_at(clauses, q.start)
        indicators.append(
            (
                q.start,
                Indicator(
                    metric=metric,
                    kind=kind,
                    comparator=cmp,
                    value=q.value,
                    unit=q.unit,
                    text=q.text,
                    span=_narrow(span, q.start, q.end),
                    external=may_external and _names_external(text[a:b]),
                ),
            )
        )
    return indicators


def _headers(qs: list[Quantity]) -> list[tuple[int, int]]:
    """The spans of the headers whose cell holds a figure ("工作目标：869" → the span of "工作目标")."""
    out = []
    for q in qs:
        colon = max(q.text.rfind("："), q.text.rfind(":"))
        if colon > 0 and q.value is not None:
            out.append((q.start, q.start + colon))
    return out


def _external_indicators(
    text: str, span: Span | None, qs: list[Quantity], clauses: list[tuple[int, int]]
) -> list[tuple[int, Indicator]]:
    """The clauses without a quantity that name the city's target ("…达市目标"), by offset."""
    out: list[tuple[int, Indicator]] = []
    read = {_clause_at(clauses, q.start) for q in qs}
    for a, b in clauses:
        if (a, b) in read:
            continue
        m = _EXTERNAL.search(text[a:b]) if _may_name_external(text[a:b]) else None
        if m:
            words = re.sub(r"^(?:完成|实现|确保|力争|均)", "", text[a : a + m.start()]).strip(" ，,、")
            metric = re.sub(r"的?目标$", "", words) or None
            out.append((a, Indicator(metric, "qualitative", None, None, None, text[a:b], _narrow(span, a, b), True)))
    return out


def _whole_text(text: str, span: Span | None) -> tuple[int, Indicator]:
    """A text without any target read: itself one milestone or qualitative target."""
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    kind: QuantityKind = "milestone" if _MILESTONE.search(stripped) else "qualitative"
    return (
        lead,
        Indicator(
            metric=None,
            kind=kind,
            comparator=None,
            value=None,
            unit=None,
            text=stripped,
            span=_narrow(span, lead, lead + len(stripped)),
            external=_names_external(text),
        ),
    )


def _clause_at(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in clauses:
        if a <= pos < b:
            return a, b
    return (0, 0)
