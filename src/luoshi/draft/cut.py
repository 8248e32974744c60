"""Cut a work report's plan zone into the tasks of a draft plan, at the report's own boundaries.

The grammar is docs/layouts/draft.md: the main expected targets first, one task each; then, per
subsection (a section of the plan), one task per sentence of the task paragraphs, leaving out the
subsection's lead-in, each paragraph's run-in heading and the closing address. Each task keeps the
indicators the narrative parser read in the same sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from luoshi.model import Block, Indicator, Paragraph, Part, Span, Task
from luoshi.render.plan_doc import chinese_number, heading_text
from luoshi.structure.narrative import PlanParagraph, plan_paragraphs

# The address that opens the closing ("各位代表，百舸争流……") and, inside the zone, a paragraph.
_ADDRESS = re.compile(r"^(?:各位代表|同志们)[，,！!：:]?")
# A document's end matter and a portal's page chrome: never task text.
_END_MATTER = re.compile(r"^(?:抄送|印发|主题词|关键词|相关报道|扫一扫|打印本页|关闭窗口|附件)")
# Where the main targets begin: "……主要预期目标是：", "经济主要预期目标是：", "主要目标为：".
_TARGETS = re.compile(r"目标(?:是|为)\s*[:：]")
# A heading opening its own paragraph: "（一）着力贯彻新发展理念，……开新局。主动适应……".
_INLINE_HEADING = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
# An enumeration label before a run-in heading: 一是 / 第一， / （一） / 1.
_LABEL = re.compile(
    r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])"
)
# A run-in heading without a label is a short phrase: this long at most, no comma, no figure.
RUN_IN_MAX_CHARS = 20
_CLAUSE_MARK = re.compile(r"[，,、；;：:\d]")
_SENTENCE_END = "。！？!?"
_OPEN = "“‘《（(【「『〔["
_CLOSE = "”’》）)】」』〕]"
_CLAUSE_END = "，,；;。！？!?"


@dataclass
class _Section:
    """A section of the draft: its heading and the paragraphs (or parts of them) its tasks come from."""

    heading: str | None
    pieces: list[tuple[Paragraph, int]] = field(default_factory=list)  # (paragraph, offset the text starts at)


def sentences(text: str, start: int = 0) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of ``text`` from ``start``, the terminator included.

    Cut at 。！？ and line ends, never inside quotes or brackets (“来吧！鼓楼” is one word).
    """
    depth = 0
    begin = start
    for i in range(start, len(text)):
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in "\r\n" or (ch in _SENTENCE_END and depth == 0):
            end = i + (ch not in "\r\n")
            if text[begin:end].strip():
                yield _trimmed(text, begin, end)
            begin = i + 1
            depth = 0 if ch in "\r\n" else depth
    if text[begin:].strip():
        yield _trimmed(text, begin, len(text))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_run_in(sentence: str) -> bool:
    """Whether a paragraph's first sentence is a run-in heading ("推动产业迈向高能级。", "一是……。")."""
    words = sentence.rstrip(_SENTENCE_END).strip()
    if _LABEL.match(words):
        return True
    return 0 < len(words) <= RUN_IN_MAX_CHARS and not _CLAUSE_MARK.search(words)


def cut_report(blocks: Sequence[Block], report: Part) -> tuple[list[Task], list[str]]:
    """The draft's tasks (main targets first) and its section headings, from a work report's blocks.

    ``report`` is the narrative parser's ``work_report`` part of the same blocks: its sentence
    indicators are given to the tasks cut from the same sentences.
    """
    indicators = _indicators_by_block(report)
    zone = _closed(plan_paragraphs(tuple(blocks)))
    preamble, sections = _sections(zone)
    labels: list[str | None] = []
    for section in sections:
        # Renumbered 一、二、… as a plan prints its sections; a section without a heading has none.
        number = sum(1 for x in labels if x) + 1
        labels.append(f"{chinese_number(number)}、{heading_text(section.heading)}" if section.heading else None)
    headings = [x for x in labels if x]
    first = headings[0] if headings else None
    tasks: list[Task] = []
    for p in preamble:
        m = _TARGETS.search(p.text)
        if m:
            tasks.extend(_targets(p, m.end(), indicators.get(p.index, []), first))
    for section, label in zip(sections, labels, strict=True):
        tasks.extend(_section_tasks(section, label, indicators))
    numbered = [_numbered(t, n) for n, t in enumerate(tasks, 1)]
    return numbered, headings


def _numbered(task: Task, n: int) -> Task:
    return Task(
        number=str(n),
        text=task.text,
        section=task.section,
        indicators=task.indicators,
        span=task.span,
    )


def _indicators_by_block(report: Part) -> dict[int, list[Indicator]]:
    out: dict[int, list[Indicator]] = {}
    for task in report.tasks:
        for ind in task.indicators:
            if ind.span is not None:
                out.setdefault(ind.span.block, []).append(ind)
    return out


def _closed(zone: list[PlanParagraph]) -> list[PlanParagraph]:
    """The zone up to the closing address (its last paragraph opened by 各位代表), end matter left out."""
    last = max((i for i, pp in enumerate(zone) if _ADDRESS.match(pp.paragraph.text.strip())), default=None)
    kept = zone[:last] if last is not None and last > 0 else zone
    return [pp for pp in kept if not _END_MATTER.match(pp.paragraph.text.strip())]


def _sections(zone: list[PlanParagraph]) -> tuple[list[Paragraph], list[_Section]]:
    """The preamble's paragraphs, and the sections with the text their tasks come from."""
    has_subsections = any(pp.subsection for pp in zone) or any(
        _INLINE_HEADING.match(((pp.paragraph.list_label or "") + pp.paragraph.text).strip()) for pp in zone
    )
    preamble: list[Paragraph] = []
    sections: list[_Section] = []
    current_key: str | None = None
    for pp in zone:
        p = pp.paragraph
        text = p.text
        # The label may be Word's own list number, outside the paragraph's text.
        inline = _INLINE_HEADING.match(((p.list_label or "") + text).strip())
        if inline:
            # The heading's sentence opens the paragraph: what follows is the section's lead-in text.
            start = len(text) - len(text.lstrip())
            head_start, head_end = next(sentences(text, start))
            sections.append(_Section(text[head_start:head_end].rstrip(_SENTENCE_END)))
            sections[-1].pieces.append((p, head_end))
            current_key = None
            continue
        key = pp.subsection if has_subsections else pp.section
        if has_subsections and key is None and not sections:
            preamble.append(p)
            continue
        if key is not None and key != current_key:
            sections.append(_Section(key))
            current_key = key
        elif not sections:
            sections.append(_Section(key))
        if _TARGETS.search(text) and not has_subsections:
            preamble.append(p)
            continue
        sections[-1].pieces.append((p, 0))
    return preamble, sections


def _section_tasks(section: _Section, label: str | None, indicators: dict[int, list[Indicator]]) -> list[Task]:
    """One task per sentence of the section's task paragraphs: lead-in and run-in headings left out."""
    split: list[tuple[Paragraph, list[tuple[int, int]]]] = []
    for p, offset in section.pieces:
        start = offset
        address = _ADDRESS.match(p.text[offset:].lstrip())
        if address:
            start = offset + (len(p.text[offset:]) - len(p.text[offset:].lstrip())) + address.end()
        split.append((p, list(sentences(p.text, start))))
    run_in = [len(spans) > 1 and is_run_in(p.text[spans[0][0] : spans[0][1]]) for p, spans in split]
    first_run_in = run_in.index(True) if any(run_in) else 0
    tasks: list[Task] = []
    for k, (p, spans) in enumerate(split):
        for s, (start, end) in enumerate(spans):
            if s == 0 and run_in[k]:
                continue
            inds = tuple(i for i in indicators.get(p.index, []) if i.span and start <= i.span.start < end)
            if k < first_run_in and not any(i.value is not None and i.kind != "zero_event" for i in inds):
                continue  # the lead-in is framing, unless a sentence of it sets a figure ("办好45件民生实事")
            tasks.append(
                Task(
                    number=None,
                    text=p.text[start:end],
                    section=label,
                    indicators=inds,
                    span=Span(block=p.index, start=start, end=end),
                )
            )
    return tasks


def _targets(p: Paragraph, start: int, found: list[Indicator], section: str | None) -> list[Task]:
    """The main targets after "目标是：": a clause with an indicator starts one; one without joins it."""
    text = p.text
    tasks: list[Task] = []
    pieces: list[tuple[int, int]] = []  # (start, end) of the current target's clauses
    clause_start = start
    depth = 0

    def close() -> None:
        if pieces:
            a, b = pieces[0][0], pieces[-1][1]
            inds = tuple(i for i in found if i.span and a <= i.span.start < b)
            words = text[a:b].strip().rstrip(_CLAUSE_END)
            tasks.append(
                Task(
                    number=None, text=words + "。", section=section, indicators=inds, span=Span(p.index, start=a, end=b)
                )
            )
            pieces.clear()

    for i in range(start, len(text) + 1):
        ch = text[i] if i < len(text) else "。"
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if ch not in _CLAUSE_END or depth:
            continue
        a, b = _trimmed(text, clause_start, i)
        clause_start = i + 1
        if b > a:
            holds = any(ind.span and a <= ind.span.start < b for ind in found)
            if holds:
                close()
                pieces.append((a, b))
            elif pieces:
                pieces.append((a, b))  # a remark on the target before it ("，力争取得更好结果")
        if ch in _SENTENCE_END:
            close()  # a sentence ends: what follows without an indicator is a remark, not a target
    close()
    return tasks
