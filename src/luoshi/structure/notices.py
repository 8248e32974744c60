"""Progress notices (督查通报 / 进度通报 / 落实情况通报): the office's own word on how the plan's tasks stand.

A notice is progress, not a plan (docs/layouts/progress_notice.md): every figure in it is reached or
forecast, every status is the office's judgement, nothing is a target. It is taken as a notice when its
title or preamble says it reports progress ("…完成情况通报", "进度公示", "现将…通报如下", "督查室…督查") and
it holds items or counts; a speech to a meeting (a salutation, "各位委员：") is a report, not a notice.

The notice is read line by line: category headings (一、…) set the category of the items under them and
may carry a status and a count; a lead-in ending in a colon ("26项未达到序时进度要求的具体目标如下：",
"滞后项目：") gives the status of the items after it; the items come in the forms of ``notice_items``;
the summary counts are read over the whole text (``notice_counts``). What follows a requirements heading
(下一步工作要求：…) is no item. Each item becomes a ``Task`` with ``ref`` (the plan's number), ``status``
(the printed words), ``standing`` (their normal form), ``gap`` and ``observations``; never indicators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from luoshi.model import Block, Observation, Paragraph, Part, Span, Task
from luoshi.quantities.numbers import normalise
from luoshi.quantities.observations import to_observations
from luoshi.quantities.periods import find_periods
from luoshi.structure.meta import find_government, find_year
from luoshi.structure.notice_counts import read_summary
from luoshi.structure.notice_items import Draft, enumerated, listed, numbered, ref_of, statements
from luoshi.structure.numbering import Number, cn_to_int, read_label, read_number
from luoshi.structure.standing import Said, find_gap, find_standing

# The title or preamble of a notice says that it reports how tasks stand.
_REPORTS = re.compile(
    r"(?:通报|公示|汇报|报告)如下|予以(?:通报|公示)|进度(?:通报|公示)|督[查察]通报"
    r"|(?:进展|进度|完成|落实|推进|执行)情况(?:的)?(?:通报|公示|报告|汇报)?\s*$"
    r"|督[查察](?:室|办|组)[^。]{0,40}(?:督查|督察|督办|调度)"
)
# A speech delivered to a meeting: the narrative parser's report, not an office's notice.
_SALUTATION = re.compile(r"^[^。]{0,30}(?:代表|委员|同志们|同志)[:：]$")
# Page chrome around the notice: metadata, navigation, footers.
_CHROME = re.compile(
    r"^[•·]|来源[:：]|发布(?:时间|日期|机构)|浏览|访问量|字\s*体[:：]|字\s*号|索引号|主题分类|所在(?:的)?位置|版权所有|备案号"
    r"|网站标识码|点击数|原文链接|政策解读|文\s*号[:：]|^名称[:：]|组配分类|体裁分类|发文字号|成文日期|有\s*效\s*性"
    r"|无障碍|关怀版|长辈版|\[\s*打印\s*\]|^附件[:：]?$|^\S{1,3}\s+\S{1,3}$"
)
_TITLE_WORDS = re.compile(r"情况|通报|公示|汇报|报告|进度")
# Headings of the closing requirements: the enumerations under them are requirements, not items.
_REQUIREMENTS = re.compile(
    r"^(?:下一步|下步|几点|工作)?(?:工作)?(?:要求|建议|打算|意见)[:：]?$|^下一步工作要求|^下一步工作"
)
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）])")
# A clause that says the work has not started or is only planned: its figure is the task's size.
_NOT_YET = re.compile(r"未(?:启动|开工|开始|完成|实施)|尚未|正(?:在)?着手|准备|拟|计划")
# Number styles of items (一、 and （一） are headings unless they carry a reference).
_ITEM_STYLES = ("arabic_dot", "arabic_comma", "arabic_paren", "paren_arabic", "arabic_space")
# At least this many characters make a line prose (a title is shorter).
TITLE_MAX_CHARS = 60
HEAD_LINES = 12


@dataclass
class _Line:
    paragraph: Paragraph
    text: str


def parse_part(title: str | None, blocks: tuple[Block, ...]) -> Part | None:
    """A ``progress_notice`` part if these blocks are such a notice, else None."""
    lines = [_Line(b, b.text.strip()) for b in blocks if isinstance(b, Paragraph) and b.text.strip()]
    if not lines or any(_SALUTATION.match(ln.text) for ln in lines[: HEAD_LINES * 2]):
        return None
    # The head decides, before the whole text is looked at: a plan of thousands of tasks is declined
    # after its first lines.
    head = [ln for ln in lines[: HEAD_LINES * 3] if not _is_chrome(ln.text)][:HEAD_LINES]
    if not any(_REPORTS.search(ln.text) for ln in head):
        return None
    body = [ln for ln in lines if not _is_chrome(ln.text)]
    notice_title = _title(body)
    reader = _Reader(_period([notice_title or "", *(ln.text for ln in head)]))
    for ln in body:
        if ln.text != notice_title:
            reader.line(ln)
    summary = read_summary([ln.text for ln in body], reader.headings)
    if not reader.drafts and summary is None:
        return None
    texts = [ln.text for ln in lines]
    return Part(
        title=title or notice_title,
        kind="progress_notice",
        tasks=tuple(reader.tasks()),
        government=find_government(texts),
        year=find_year(notice_title) or next((y for t in texts[:HEAD_LINES] if (y := find_year(t))), None),
        sections=tuple(dict.fromkeys(h for h, _ in reader.headings)),
        period=reader.period,
        summary=summary,
    )


def _value(numeral: str) -> int:
    return cn_to_int(numeral) or 0


def _label(paragraph: Paragraph, text: str) -> Number | None:
    """The number Word renders itself for a paragraph (its list label), with the text as what follows it."""
    label = read_label(paragraph.list_label)
    return None if label is None else Number(label.label, label.numeral, label.style, label.value, text)


def _is_chrome(text: str) -> bool:
    return len(text) <= 100 and bool(_CHROME.search(text))


def _title(lines: list[_Line]) -> str | None:
    """The notice's title: a short line naming a report of progress, before the prose; one with a year first."""
    candidates: list[str] = []
    for ln in lines:
        t = ln.text
        if len(t) > TITLE_MAX_CHARS or "。" in t or _HEADING.match(t) or read_number(t) is not None:
            break
        if _TITLE_WORDS.search(t) and not t.endswith((":", "：")):
            candidates.append(t)
    with_year = [t for t in candidates if re.search(r"(?:19|20)\d{2}\s*年", t)]
    found = with_year or candidates
    return found[0] if found else None


def period_of(text: str) -> str | None:
    """The first period ``text`` names, as printed ("1—9月", "前三季度"), or None."""
    return _period([text])


def _period(texts: list[str]) -> str | None:
    """The period the notice covers, as printed, from its title or its first lines."""
    for text in texts:
        norm = normalise(text)
        found = find_periods(norm)
        if found:
            return text[found[0].start : found[0].end]
    return None


class _Reader:
    """Reads a notice's lines in order: categories, lead-ins, items."""

    def __init__(self, period: str | None) -> None:
        self.period = period
        self.drafts: list[tuple[Draft, str | None, int]] = []  # (item, category, block)
        self.headings: list[tuple[str, str]] = []  # (category, text under it)
        self.category: str | None = None
        self.category_status: Said | None = None
        self.lead: Said | None = None  # the status a lead-in gives the items after it
        self.enum_next = 1  # the next 一是/二是 an enumeration one item a paragraph would go on with
        self.requirements = False

    def line(self, ln: _Line) -> None:
        text = ln.text
        if _REQUIREMENTS.search(text):
            self.requirements = True
            return
        block = ln.paragraph.index
        number = read_number(text) or _label(ln.paragraph, text)
        if _HEADING.match(text) and not (number is not None and ref_of(number.rest[:80])):
            self._heading(text, block)
            return
        if self.headings:
            category, under = self.headings[-1]
            self.headings[-1] = (category, f"{under}\n{text}")
        if self.requirements:
            return
        if number is not None and (number.style in _ITEM_STYLES or ref_of(number.rest[:80])):
            self._numbered(text, number.numeral, number.rest, number.value, block)
            return
        if number is not None and number.style == "di_cn" and number.label.rstrip("、，,.．:： ").endswith("项"):
            # "第十二项城市书房建设：…": an item opened by the plan's number.
            draft = numbered(number.rest, "", len(text) - len(number.rest))
            draft.number, draft.ref = None, number.numeral
            self._add_under_lead(draft, block)
            return
        if text.endswith((":", "：", "如下", "如下。")):
            self.lead = find_standing(text)
            self.enum_next = 1
        self._prose(text, block)

    def _numbered(self, text: str, numeral: str, rest: str, value: int | None, block: int) -> None:
        """A numbered item, and the items printed after it on the same line ("…。2.X(第3项):…")."""
        offset = len(text) - len(rest)
        for numeral_i, rest_i, at in _run_on(rest, numeral, value):
            self._add_under_lead(numbered(rest_i, numeral_i, offset + at), block)

    def _add_under_lead(self, draft: Draft, block: int) -> None:
        draft.listed = self.lead or self.category_status
        self._add(draft, block)

    def _heading(self, text: str, block: int) -> None:
        # A heading may run on into its first statements: "一、已完成的指标任务，共计19项。主要是“…”".
        m = re.search(r"。", text)
        heading = text[: m.end()] if m and text[m.end() :].strip() else text
        rest = text[len(heading) :].strip()
        if rest and self._heading_item(heading, rest, block):
            return
        self.category = heading
        self.category_status = find_standing(heading)
        self.enum_next = 1
        words = re.sub(r"^\s*\S{1,4}?[、.．)）]\s*", "", heading)
        self.requirements = bool(_REQUIREMENTS.search(words))
        self.headings.append((heading, rest))
        if self.requirements:
            return
        # A status category may list its names in its own words: "一、已完成的有“A”、“B”等15项。"
        self._prose(words, block, offset=len(heading) - len(words), introduced=True)
        if rest:
            self._prose(rest, block, offset=len(heading))

    def _heading_item(self, heading: str, rest: str, block: int) -> bool:
        """ "（一）地区生产总值。前三季度增长5.6%，低于年度目标1.4个百分点。": a task's name numbered like a
        heading, reporting on it — an item, not a category (a category names a status or a count)."""
        number = read_number(heading)
        words = number.rest.rstrip("。").strip() if number is not None else ""
        if number is None or not words or find_standing(words) or re.search(r"\d+\s*(?:项|个|件)", words):
            return False
        if find_gap(rest) is None and find_standing(rest) is None and not re.search(r"\d", rest):
            return False
        draft = numbered(f"{words}：{rest}", number.numeral, len(heading) - len(number.rest))
        self._add_under_lead(draft, block)
        return True

    def _prose(self, text: str, block: int, offset: int = 0, introduced: bool = False) -> None:
        found = enumerated(text, self.enum_next) if self.enum_next > 1 else None
        found = found or enumerated(text)
        # Several enumerated items, or a lead-in before them; one "一是…" a paragraph only when it names
        # the plan's task ("一是X（第3项）…") or goes on from the paragraph before: praise may open with 一是.
        going_on = found is not None and found[1][0].number != "一" and not found[0]
        if found is not None and (len(found[1]) >= 2 or found[0] or found[1][0].ref or going_on):
            lead, drafts = found
            self.enum_next = _value(drafts[-1].number or "") + 1
            status = find_standing(lead) or self.lead or self.category_status
            kept = [d for d in drafts if d.said or d.ref or status]
            for d in kept:
                d.listed = status
                d.start, d.end = d.start + offset, d.end + offset
                self._add(d, block)
            if kept:
                return
        for start, statement in statements(text):
            items = listed(statement, offset + start, introduced)
            category = self.category_status
            for d in items or ():
                if d.listed is None or (category is not None and d.listed.standing == category.standing):
                    d.listed = category  # the category's words classify its items
                self._add(d, block)

    def _add(self, draft: Draft, block: int) -> None:
        if not draft.text:
            return
        for old, category, _ in self.drafts:
            if old.text == draft.text and category == self.category:
                # A name listed again with its status ("其中，A、B 3项指标未达到序时进度"): one item.
                if old.status is None:
                    old.listed = draft.status
                return
        self.drafts.append((draft, self.category, block))

    def tasks(self) -> list[Task]:
        return [self._task(d, category, block) for d, category, block in self.drafts]

    def _task(self, d: Draft, category: str | None, block: int) -> Task:
        # Under a lead-in or list, the list's status counts: "17项未达序时…" over an item's own forecast.
        status = d.listed or d.said if d.number is not None else d.said or d.listed
        gap = find_gap(d.body)
        span = Span(block=block, start=d.start, end=d.end)
        return Task(
            number=d.number,
            text=d.text,
            section=category,
            lead=d.lead,
            co=d.co,
            progress=d.body or None,
            status=status.text if status is not None else None,
            standing=status.standing if status is not None else None,
            ref=d.ref,
            gap=gap.group(0) if gap else None,
            observations=tuple(self._figures(d, span)),
            span=span,
        )

    def _figures(self, d: Draft, span: Span) -> list[Observation]:
        """The figures the item reports: its body's, without the gap's and the task's own size."""
        if not d.body:
            return []
        body = find_gap_free(d.body)
        out: list[Observation] = []
        for obs in to_observations(body, span, period=self.period):
            clause = _clause(body, obs.text)
            if _NOT_YET.search(clause):
                continue  # "建设2公里未启动": the task's size, not a length built
            metric = obs.metric or (d.text if len(d.text) <= 20 else None)
            out.append(
                Observation(metric, obs.period, obs.value, obs.unit, obs.growth_pct, obs.forecast, obs.text, obs.span)
            )
        return out


def _run_on(rest: str, numeral: str, value: int | None) -> list[tuple[str, str, int]]:
    """An item's text cut where the next numbers start after a sentence's end: (numeral, text, offset)."""
    if value is None:
        return [(numeral, rest, 0)]
    out: list[tuple[str, str, int]] = []
    start, current, n = 0, numeral, value
    while True:
        nxt = re.search(rf"(?<=[。；;])\s*({n + 1})\s*[.．、](?!\d)", rest[start:])
        if nxt is None:
            out.append((current, rest[start:], start))
            return out
        out.append((current, rest[start : start + nxt.start()], start))
        current, n, start = nxt.group(1), n + 1, start + nxt.end()


def find_gap_free(text: str) -> str:
    """``text`` with the gap phrases blanked out (same length): their figures are no observations."""
    out = text
    while (gap := find_gap(out)) is not None:
        out = out[: gap.start()] + "，" * (gap.end() - gap.start()) + out[gap.end() :]
    return out


def _clause(text: str, words: str) -> str:
    at = text.find(words)
    if at < 0:
        return words
    start = max(text.rfind(c, 0, at) for c in "，,。；;") + 1
    ends = [e for e in (text.find(c, at + len(words)) for c in "，,。；;") if e >= 0]
    return text[start : min(ends) if ends else len(text)]
