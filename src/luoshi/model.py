"""The core's data: a read document (ordered blocks) and what structure makes of it (a plan).

Everything here is a frozen dataclass with no behaviour beyond small derived properties, so the
readers, the structure parsers, the judge, the renderers, the CLI and the web app share one model.
Every value that comes out of a document keeps a ``Span`` pointing back to where it was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from luoshi.frozen import quick_init

# --------------------------------------------------------------------------- documents


@dataclass(frozen=True, slots=True)
class Span:
    """Where a value came from: a block of the document, a cell of it, and character offsets."""

    block: int
    row: int | None = None
    col: int | None = None
    start: int = 0
    end: int = 0


@quick_init
@dataclass(frozen=True)
class Cell:
    """One table cell, once, at its top-left grid position; ``text`` keeps in-cell line breaks."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of text, with what the source says of it (style, heading level, list label)."""

    index: int
    text: str
    style: str | None = None
    heading_level: int | None = None
    # A list label the source renders itself (Word's automatic numbering), e.g. "3." or "（二）".
    list_label: str | None = None
    kind: Literal["paragraph"] = "paragraph"


@dataclass(frozen=True)
class Table:
    """A table: rows of cells in reading order; merged cells appear once, at their first position."""

    index: int
    rows: tuple[tuple[Cell, ...], ...]
    kind: Literal["table"] = "table"

    @property
    def width(self) -> int:
        return max((c.col + c.colspan for r in self.rows for c in r), default=0)


Block = Paragraph | Table


@dataclass(frozen=True)
class Source:
    """The file a document was read from."""

    path: str
    sha256: str
    format: str  # txt, docx, html, xlsx, pdf, doc, wps


@dataclass(frozen=True)
class Document:
    """A read document: its blocks in order, and where it came from."""

    source: Source
    blocks: tuple[Block, ...]
    encoding: str | None = None  # for text formats: the encoding detected


# --------------------------------------------------------------------------- quantities

QuantityKind = Literal[
    "growth",  # year-on-year rate, in %
    "amount",  # money, area, length... (a measured amount)
    "count",  # a number of things (家, 个, 件, 人...)
    "ratio",  # a share or rate that is not a growth (覆盖率 85%, 达标率 100%)
    "limit",  # a ceiling on a rate or count (控制在150/10万以下)
    "reduction",  # a fall to reach (压降20%, 压减10%)
    "zero_event",  # 不发生… : the count of such events must stay 0
    "milestone",  # 竣工, 封顶, 开工, 交付...
    "qualitative",  # no number (稳中提质, 与经济增长同步)
]

Comparator = Literal[">=", ">", "<=", "<", "=", "~", "==0"]


@quick_init
@dataclass(frozen=True)
class Quantity:
    """One quantity found in a sentence by the quantity reader."""

    value: float | None
    unit: str | None
    comparator: Comparator | None
    kind: QuantityKind
    text: str  # the words it was read from, as printed
    start: int  # offsets of ``text`` within the sentence
    end: int
    metric: str | None = None  # the reader's short label for what is measured
    period: str | None = None  # "1-11月", "上半年", "全年", "12月"...
    forecast: bool = False  # 预计: a forecast, not an actual
    percentage_points: bool = False  # 个百分点


@quick_init
@dataclass(frozen=True)
class Indicator:
    """A measurable target inside a task."""

    metric: str | None
    kind: QuantityKind
    comparator: Comparator | None
    value: float | None
    unit: str | None
    text: str
    span: Span | None = None
    external: bool = False  # the value is set by the city (达市目标 / 市定标准)


@quick_init
@dataclass(frozen=True)
class Observation:
    """A figure reported in progress text: what was achieved, for which period."""

    metric: str | None
    period: str | None
    value: float | None
    unit: str | None
    growth_pct: float | None
    forecast: bool
    text: str
    span: Span | None = None


# --------------------------------------------------------------------------- plans

PartKind = Literal[
    "decomposition",
    "development_plan",
    "status_table",
    "project_table",
    "work_report",
    "half_year_report",
    "progress_notice",  # 督查通报 / 进度通报: the office's notice on how the plan's tasks stand — progress only
]

# How a progress notice says an item stands, its printed words normalised (docs/layouts/progress_notice.md §5).
Standing = Literal["done", "ahead", "on_schedule", "behind", "not_done", "unknown"]
STANDINGS: tuple[Standing, ...] = ("done", "ahead", "on_schedule", "behind", "not_done", "unknown")

STATUS_VALUES = ("是", "否", "部分未达", "视同完成")


@dataclass(frozen=True)
class Suggestion:
    """A unit proposed for a task, with its score and the past tasks that support it (建议主办/协办单位)."""

    unit: str
    score: float
    because: tuple[str, ...] = ()  # the texts of the past tasks it led (or supported), most alike first


@dataclass(frozen=True)
class Suggestions:
    """The units proposed for one task, best first; empty lists with ``reason`` when the history has no basis."""

    lead: tuple[Suggestion, ...] = ()
    co: tuple[Suggestion, ...] = ()
    reason: str | None = None  # why nothing is proposed, in Chinese


@quick_init
@dataclass(frozen=True)
class Task:
    """One numbered item of a plan or row of a table."""

    number: str | None  # as printed; None for a continuation row
    text: str
    section: str | None = None
    subsection: str | None = None
    lead: tuple[str, ...] = ()
    co: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()  # 责任领导: persons, never units
    target: str | None = None  # a separate 全年目标 column (project tables)
    progress: str | None = None
    status: str | None = None  # as printed: 是 / 否 / 部分未达 / …
    flags: tuple[str, ...] = ()  # e.g. "city_major" for ★, "carried_over" for last year's unfinished task
    deadline: str | None = None
    indicators: tuple[Indicator, ...] = ()
    span: Span | None = None
    suggested: Suggestions | None = None  # units proposed from earlier plans (a draft plan's tasks)
    # The unit of measure printed apart from the figures: a 单位 column, a header's "完成数（个）", the
    # task name's "…(人)". Figures printed bare in this task's progress are in it.
    measure: str | None = None
    # A progress notice's item: the plan's task number it refers to as printed ("6" for "(第6项)",
    # "二十六"), the figures it reports (never targets), its words on the distance to the target or to
    # time progress ("低于目标0.9个百分点"), and its status normalised (``status`` keeps the words).
    ref: str | None = None
    observations: tuple[Observation, ...] = ()
    gap: str | None = None
    standing: Standing | None = None


@dataclass(frozen=True)
class Count:
    """One count of a notice's summary: "达到序时进度44项、占比80.0%" → label, 44, 80.0."""

    label: str  # as printed: 达到序时进度, 欠进度, 已完成和提前完成…
    count: int
    pct: float | None = None
    standing: Standing | None = None  # the label normalised, where it names a status


@dataclass(frozen=True)
class Summary:
    """A notice's counts of the whole: "262项任务中，达到序时进度M项、占X%…"."""

    total: int | None
    counts: tuple[Count, ...] = ()


@dataclass(frozen=True)
class Part:
    """A part of a document: one attachment, or the whole plan or report."""

    title: str | None
    kind: PartKind
    tasks: tuple[Task, ...] = ()
    observations: tuple[Observation, ...] = ()
    government: str | None = None
    year: int | None = None
    sections: tuple[str, ...] = field(default=())
    period: str | None = None  # the period a progress notice covers, as printed ("前三季度", "1-11月份")
    summary: Summary | None = None  # a progress notice's counts of the whole
    # What the reader could not settle and says rather than guesses (a table rebuilt from text), in Chinese.
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    """What a document holds, once structured: its parts."""

    source: Source
    parts: tuple[Part, ...]


# --------------------------------------------------------------------------- verdicts

VerdictValue = Literal["done", "partly_done", "not_done", "deemed_done", "unknown"]

VERDICT_LABELS: dict[str, str] = {
    "done": "是",
    "partly_done": "部分未达",
    "not_done": "否",
    "deemed_done": "视同完成",
    "unknown": "待人工研判",
}


@dataclass(frozen=True)
class IndicatorVerdict:
    """The judge's verdict on one indicator, with its reasons in Chinese and the rule that decided."""

    indicator: Indicator | None  # None for a milestone/qualitative task judged from its text
    verdict: VerdictValue
    reasons: tuple[str, ...]
    rule: str  # e.g. "目标≥9600件；1-11月实绩12871件；已达标"
    observation: Observation | None = None
    on_forecast: bool = False  # rests on a forecast (全年预计), not an actual
    # The words of the progress the verdict rests on, as printed ("1-11月实绩12871件", "已开工15项"); None
    # when nothing in the progress speaks of this target.
    evidence: str | None = None


@dataclass(frozen=True)
class TaskVerdict:
    """The judge's verdict on a task: from its indicators' verdicts, adjustments and the progress text."""

    verdict: VerdictValue
    reasons: tuple[str, ...]
    rule: str
    indicators: tuple[IndicatorVerdict, ...] = ()
    on_forecast: bool = False
    needs_review: bool = False  # the text does not settle it: a person must decide
    adjustment: str | None = None  # the approved target adjustment, as printed
    on_schedule: bool | None = None  # cumulative progress at or above time progress (达序)
    claim_contradicted: bool = False  # the unit says 已完成 but a figure says otherwise
    # The words of the progress the verdict rests on (the deciding target's evidence), as printed.
    evidence: str | None = None
    # Signed off by the office (True), or the program's proposal (False: the judge's verdict, not yet signed).
    signed: bool = False
