"""Narrative reports in prose: a work report's targets, a half-year report's reported figures.

The grammar (docs/layouts/narrative.md): paragraphs of prose under short heading lines, no numbered
tasks with unit clauses (the decomposition parser takes those) and no tables of tasks.

- A **work report** (政府工作报告, kind ``work_report``) says so in its title or notice, or has both a
  review heading (…年工作回顾, 过去一年…) and a plan heading (…年…工作任务/安排/目标). Its targets
  are the sentences of the plan zone — the sections whose heading names the coming year, 任务,
  安排 or 目标 — that carry quantities: one ``Task`` per sentence with its ``indicators``. Before
  the first subsection only a paragraph that names the year's targets (…预期目标是：…) counts;
  the rest of that preamble is background. Review sections are never read for targets.
- An **execution report** (…执行情况的报告, kind ``half_year_report``) reports figures: every
  figure of its report zone (sections on 执行情况/完成情况/进展, and 问题) becomes an
  ``Observation``, with the period the title names (上半年) where a sentence names none. The
  plan zone (下半年工作措施/打算) is not read for figures. A sentence on 双过半 gives the count of
  targets, the count that are past half, and the rate, under fixed metric names.

When a report has no headings at all, a sentence is a target when it reads as one: future or
imperative words (确保, 力争, 全年…, 将, 要) and none of the past (已, 同比, 较上年, 创历史).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from luoshi.model import Block, Observation, Paragraph, Part, PartKind, Span, Task
from luoshi.quantities.indicators import to_indicators
from luoshi.quantities.observations import to_observations
from luoshi.quantities.periods import find_periods
from luoshi.quantities.sentences import split_sentences
from luoshi.structure.meta import find_government, report_government

_CN_NUMERAL = "一二三四五六七八九十"
_LEVEL1 = re.compile(rf"^[{_CN_NUMERAL}]+\s*[、.．]")
_LEVEL2 = re.compile(rf"^[（(]\s*[{_CN_NUMERAL}]+\s*[)）]")
_HEADING_WORDS = re.compile(r"回顾|任务|安排|目标|打算|措施|情况|成效|问题|建议|主要工作|工作重点|总体要求")
_REVIEW = re.compile(r"回顾|过去|成绩|回眸|成效|成就|工作总结|执行情况|完成情况|进展情况|上半年")
# A plan period of several years ("“十五五”时期主要任务", "今后五年", "2026—2030年"): its targets are
# the period's, not the coming year's.
_MULTI_YEAR = re.compile(
    r"十[一二三四五六七八九]五|(?:今后|未来|此后)[三五]年|(?:19|20)\d{2}\s*[-—–~至到]\s*(?:(?:19|20)\d{2}|\d{2})\s*年"
)
_PLAN = re.compile(r"任务|安排|目标|打算|措施|思路|工作重点|重点工作|主要工作|工作部署|下半年|下一步")
_PROBLEM = re.compile(r"问题|困难|不足|短板|挑战")
_WORK_REPORT = re.compile(r"政府工作报告")
_EXECUTION_REPORT = re.compile(r"(?:执行|完成|进展)情况的?(?:报告|汇报)")
_TARGET_PARAGRAPH = re.compile(r"(?:预期|主要|发展|量化)目标|目标(?:是|为)[:：]")
_FUTURE = re.compile(r"确保|力争|争取|努力|全年|将|要|新增|实现|完成|推动|加快|实施|建成|不少于|不低于|以上")
_PAST = re.compile(
    r"已经|已(?:完成|实现|达到|建成)|完成了|实现了|同比|较上年|比上年|创历史|位居|位列|排名|预计全年|全年预计|累计"
)
# Words that only a sentence about the past year uses, even inside a plan section.
_REVIEWED = re.compile(r"同比|较上年|比上年|创历史|位居|位列|排名|预计全年|全年预计")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# A year a target is set for: "到2030年", "至2027年底", "在2028年前".
_BY_YEAR = re.compile(r"(?:到|至|在)\s*((?:19|20)\d{2})\s*年")
_DOUBLE_HALF = "双过半"
# The metrics a 双过半 sentence names: counts of the plan's targets, never a figure of one task.
DOUBLE_HALF_METRICS = ("目标总数", "实现双过半目标数", "目标过半率")
_NOTICE = re.compile(r"通知|印发")
_TITLE_TAIL = re.compile(r"(?:上半年|下半年|前三季度|全年|年度|执行|完成|进展|工作报告|情况)")
# The salutation that ends a report's head matter ("各位代表：", "主任、各位副主任、各位委员：").
_SALUTATION = re.compile(r"^[^。]{0,30}(?:代表|委员|同志们|同志)[:：]$")

# A narrative report reads as prose: at least this many paragraphs, this many of them long.
MIN_PARAGRAPHS = 8
MIN_LONG_PARAGRAPHS = 3
LONG_PARAGRAPH = 80
HEADING_MAX_CHARS = 40
# Titles and notices are read from the first lines only.
HEAD_LINES = 12


@dataclass
class _Line:
    """A paragraph with what the parser decided about it."""

    paragraph: Paragraph
    text: str
    level: int | None  # 1 or 2 for a heading, None for prose


def parse_part(title: str | None, blocks: tuple[Block, ...]) -> Part | None:
    """A ``work_report`` or ``half_year_report`` part if these blocks are such a report in prose, else None."""
    paragraphs = [b for b in blocks if isinstance(b, Paragraph) and b.text.strip()]
    tables = [b for b in blocks if not isinstance(b, Paragraph)]
    if len(paragraphs) < MIN_PARAGRAPHS or len(tables) > len(paragraphs) // 5:
        return None
    if sum(1 for p in paragraphs if len(p.text) >= LONG_PARAGRAPH) < MIN_LONG_PARAGRAPHS:
        return None
    lines, salutation = _read_lines(paragraphs)
    head = [ln.text for ln in lines[:HEAD_LINES]]
    # A portal's page chrome ("下载 / 打印 / 【字号：…】") may push the delivery line past the first
    # lines: the government is looked for in all of the head matter.
    head_matter = [ln.text for ln in lines[:salutation]] if salutation is not None else head
    headings = [ln.text for ln in lines if ln.level]
    kind: PartKind | None = None
    if any(_WORK_REPORT.search(t) for t in [*(head), title or ""]) or (
        any(_REVIEW.search(h) for h in headings) and any(_year_plan_heading(h) for h in headings)
    ):
        kind = "work_report"
    if any(_EXECUTION_REPORT.search(t) for t in [*_title_lines(head), title or ""]):
        kind = "half_year_report"
    if kind is None:
        return None
    report_title = title or _report_title(head, kind)
    government = _government(head_matter, report_title)
    sections = tuple(ln.text for ln in lines if ln.level)
    if kind == "work_report":
        year = _plan_year(headings, report_title)
        tasks = _targets(lines, year)
        return Part(
            title=report_title,
            kind=kind,
            tasks=tuple(tasks),
            government=government,
            year=year,
            sections=sections,
        )
    period = _title_period(report_title)
    observations = _reported_figures(lines, period)
    year_m = _YEAR.search(report_title or "")
    return Part(
        title=report_title,
        kind=kind,
        observations=tuple(observations),
        government=government,
        year=int(year_m.group(1)) if year_m else None,
        sections=sections,
    )


def _read_lines(paragraphs: list[Paragraph]) -> tuple[list[_Line], int | None]:
    """The paragraphs as lines with their heading levels, and the index of the salutation if there is one."""
    lines = [_Line(p, _printed(p), _heading_level(p)) for p in paragraphs]
    # Head matter (titles, notice, delivery line) comes before the salutation: none of it is a heading.
    salutation = next((i for i, ln in enumerate(lines[: HEAD_LINES * 2]) if _SALUTATION.match(ln.text)), None)
    if salutation is not None:
        for ln in lines[:salutation]:
            ln.level = None
    return lines, salutation


@dataclass(frozen=True)
class PlanParagraph:
    """A paragraph of a work report's plan zone (the coming year's work), with the headings above it."""

    paragraph: Paragraph
    section: str | None  # the level-1 heading that opens the plan zone ("2024年政府主要工作任务")
    subsection: str | None  # the level-2 heading above it ("（一）聚力提升发展能级…"), None before the first


def plan_paragraphs(blocks: tuple[Block, ...]) -> list[PlanParagraph]:
    """The prose of a work report's plan zone in order, headings left out: what a draft plan is cut from.

    The zones are the ones ``parse_part`` reads targets from: review, outlook (a period of several
    years) and problem zones are left out; a report without any zone heading is all plan, one with
    a review and no plan heading has none.
    """
    paragraphs = [b for b in blocks if isinstance(b, Paragraph) and b.text.strip()]
    lines, salutation = _read_lines(paragraphs)
    zones = _zones(lines)
    # Any zone heading (a review, a plan…) means only the plan zone is the year's work.
    has_zones = any(z != "other" for z in zones)
    out: list[PlanParagraph] = []
    section: str | None = None
    subsection: str | None = None
    for n, (ln, zone) in enumerate(zip(lines, zones, strict=True)):
        if ln.level == 1:
            section, subsection = ln.text, None
            continue
        if ln.level == 2:
            subsection = ln.text
            continue
        if (has_zones and zone != "plan") or (salutation is not None and n <= salutation):
            continue
        out.append(PlanParagraph(ln.paragraph, section, subsection))
    return out


def _printed(p: Paragraph) -> str:
    """The line as printed: Word's list label (when the source renders one) and the text."""
    return ((p.list_label or "") + p.text).strip()


def _heading_level(p: Paragraph) -> int | None:
    """1 or 2 when the paragraph is a heading line (short, no sentence end), else None."""
    t = _printed(p)
    if p.heading_level:
        return 1 if p.heading_level <= 1 else 2
    if len(t) > HEADING_MAX_CHARS or re.search(r"[。；;！!？?]", t.rstrip("。")) or t.endswith(("：", ":")):
        return None
    if t.endswith("。"):
        return None
    if _LEVEL2.match(t):
        return 2
    if _LEVEL1.match(t) and not t.endswith("表"):
        return 1
    if re.search(r"[，,]", t):
        return None
    if t.endswith(("表", "表格")) or re.match(r"^\d+\s*[、.．]", t):
        return None
    if _HEADING_WORDS.search(t) and not t.startswith(("抄送", "附件", "——", "-")):
        return 1
    return None


def _year_plan_heading(text: str) -> bool:
    return bool(_PLAN.search(text)) and not _REVIEW.search(text)


def _title_lines(head: list[str]) -> list[str]:
    """The head lines, plus each pair joined (a title wrapped over two lines)."""
    joined = [a + b for a, b in itertools.pairwise(head)]
    return head + joined


def _report_title(head: list[str], kind: PartKind) -> str | None:
    """The report's own title line (a title wrapped over two lines is joined), else the notice's."""
    pattern = _WORK_REPORT if kind == "work_report" else _EXECUTION_REPORT
    for i, line in enumerate(head):
        if not pattern.search(line) or _NOTICE.search(line):
            continue
        prev = head[i - 1] if i else ""
        # "关于…计划" + "上半年执行情况的报告": the second line cannot start a title on its own.
        if prev and _TITLE_TAIL.match(line) and not re.search(r"[。；;:：，,]$", prev) and not _NOTICE.search(prev):
            return prev + line
        return line
    for line, nxt in itertools.pairwise(head):
        if pattern.search(line + nxt) and not pattern.search(line) and not pattern.search(nxt):
            return line + nxt
    for line in head:
        if _NOTICE.search(line) and pattern.search(line):
            inner = re.search(r"(?:关于)?印发《?(.+?)》?的通知", line)
            return inner.group(1) if inner else line
    return None


def _government(head: list[str], title: str | None) -> str | None:
    """The government the report is of, as its title, delivery line or speaker names it, else its signature.

    "关于鼓楼区2021年…", "2026年河北省政府工作报告", "在宁夏回族自治区第十三届人民代表大会…上",
    "河北省人民政府省长": see ``meta.report_government``.
    """
    found = report_government([title or "", *head])
    if found:
        return found
    gov = find_government(head)
    if gov and len(gov) > 2:
        return gov
    return None


def _plan_year(headings: list[str], title: str | None) -> int | None:
    years = [
        int(m.group(1))
        for h in headings
        if _year_plan_heading(h) and not _names_multi_year_only(h)
        for m in [_YEAR.search(h)]
        if m
    ]
    if years:
        return max(years)
    m = _YEAR.search(title or "")
    return int(m.group(1)) if m else None


def _title_period(title: str | None) -> str | None:
    marks = find_periods(title or "")
    return marks[-1].label if marks else None


def _zones(lines: list[_Line]) -> list[str]:
    """The zone of each line: review, plan, outlook, problem or other (from the level-1 heading above it).

    ``outlook`` is a plan heading that names only a period of several years ("“十五五”时期主要任务"):
    the period's targets, never read as the coming year's.
    """
    zone = "other"
    zones: list[str] = []
    for ln in lines:
        if ln.level == 1:
            if _REVIEW.search(ln.text) and not _PLAN.search(ln.text.replace("执行情况", "")):
                zone = "review"
            elif _PLAN.search(ln.text) and _names_multi_year_only(ln.text):
                zone = "outlook"
            elif _PLAN.search(ln.text):
                zone = "plan"
            elif _PROBLEM.search(ln.text):
                zone = "problem"
            else:
                zone = "other"
        zones.append(zone)
    return zones


def _names_multi_year_only(heading: str) -> bool:
    """Whether a heading names a plan period of several years and no single year ("“十五五”时期主要任务")."""
    if not _MULTI_YEAR.search(heading):
        return False
    return not _YEAR.search(_MULTI_YEAR.sub("", heading))


def _targets(lines: list[_Line], year: int | None) -> list[Task]:
    zones = _zones(lines)
    # A report whose plan headings name only a period of several years has no year's plan to read.
    has_zones = "plan" in zones or "outlook" in zones
    # Where the plan has subsections, the paragraphs before the first one are its preamble.
    plan_has_subsections = any(ln.level == 2 and z == "plan" for ln, z in zip(lines, zones, strict=True))
    tasks: list[Task] = []
    section: str | None = None
    subsection: str | None = None
    for ln, zone in zip(lines, zones, strict=True):
        if ln.level == 1:
            section, subsection = ln.text, None
            continue
        if ln.level == 2:
            subsection = ln.text
            continue
        if has_zones and zone != "plan":
            continue
        # Before the plan's first subsection only the paragraph that names the year's targets counts.
        if plan_has_subsections and subsection is None and not _TARGET_PARAGRAPH.search(ln.text):
            continue
        text = ln.paragraph.text
        for start, end, sentence in split_sentences(text):
            if not has_zones and not _reads_as_target(sentence):
                continue
            if has_zones and _REVIEWED.search(sentence) and not re.search(r"确保|力争|争取", sentence):
                continue
            span = Span(block=ln.paragraph.index, start=start, end=end)
            indicators = to_indicators(sentence, span, fallback=False)
            later = _later_year_at(sentence, year)
            if later is not None:
                # "…，到2030年城镇化率达到71%": what follows a later year is that year's target.
                indicators = [i for i in indicators if i.span is None or i.span.start < start + later]
            if not indicators:
                continue
            tasks.append(
                Task(
                    number=None,
                    text=sentence,
                    section=section,
                    subsection=subsection,
                    indicators=tuple(indicators),
                    span=span,
                )
            )
    return tasks


def _later_year_at(sentence: str, year: int | None) -> int | None:
    """Where ``sentence`` turns to a year after the plan year ("到2030年", "至2027年底"), else None."""
    if year is None or "年" not in sentence:
        return None
    for m in _BY_YEAR.finditer(sentence):
        if int(m.group(1)) > year:
            return m.start()
    return None


def _reads_as_target(sentence: str) -> bool:
    return bool(_FUTURE.search(sentence)) and not _PAST.search(sentence)


def _reported_figures(lines: list[_Line], period: str | None) -> list[Observation]:
    zones = _zones(lines)
    has_zones = any(z in ("review", "plan") for z in zones)
    out: list[Observation] = []
    for ln, zone in zip(lines, zones, strict=True):
        if ln.level or (has_zones and zone not in ("review", "problem")):
            continue
        text = ln.paragraph.text
        span = Span(block=ln.paragraph.index, start=0, end=len(text))
        observations = to_observations(text, span, period=period)
        out.extend(_label_double_half(text, observations))
    return out


def _label_double_half(text: str, observations: list[Observation]) -> list[Observation]:
    """In a 双过半 sentence: name the count of targets, the count past half, and the rate."""
    result = list(observations)
    if _DOUBLE_HALF not in text:
        return result  # no sentence of it can name 双过半
    for start, end, sentence in split_sentences(text):
        if _DOUBLE_HALF not in sentence:
            continue
        mark = start + sentence.index(_DOUBLE_HALF)
        inside = [i for i, o in enumerate(result) if o.span and start <= o.span.start < end]
        counts = [i for i in inside if result[i].unit == "项"]
        rates = [i for i in inside if result[i].unit == "%" and "率" in (result[i].metric or "")]
        before = [i for i in counts if result[i].span and result[i].span.start < mark]  # type: ignore[union-attr]
        if len(before) >= 2:
            result[before[0]] = replace(result[before[0]], metric=DOUBLE_HALF_METRICS[0])
            result[before[-1]] = replace(result[before[-1]], metric=DOUBLE_HALF_METRICS[1])
        elif len(before) == 1:
            result[before[0]] = replace(result[before[0]], metric=DOUBLE_HALF_METRICS[1])
        for i in rates:
            result[i] = replace(result[i], metric=DOUBLE_HALF_METRICS[2])
    return result
