"""督查通报: the notice an office issues on a period's progress, from the verdicts and reports handed in.

Its parts follow the offices' own notices (``docs/layouts/progress_notice.md``, ``docs/notice.md``):
a preamble saying who checked what; the headline counts with shares ("72项任务中，已完成8项、占11.1%；
达到序时进度…"); the lagging tasks grouped by the plan's sections, each with its plan number, lead
unit and the reason its report gives; the units that have not reported; the units ahead and the units
most behind, with a table of every lead unit; the closing requirements. A renderer never judges: the
standing of each task comes from the verdict handed in (the judge's, the office's sign-off, or the
printed status).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from luoshi.model import Part, Task, TaskVerdict
from luoshi.render import gbt9704 as gb
from luoshi.render.exec_table import table_xml
from luoshi.render.layout import Column, TableLayout
from luoshi.render.summary import _merge_continuations

# The words offices count by, in the order the headline names them.
STANDING_WORDS = {
    "done": "已完成",
    "deemed": "视同完成",
    "on_schedule": "达到序时进度",
    "behind": "滞后",
    "review": "待研判",
    "missing": "未报送",
}
ON_TRACK = ("done", "deemed", "on_schedule")
# A reason is a sentence of the report saying why (受…影响, 由于, 尚未…), as notices quote them.
_CAUSE = re.compile(
    r"原因|受[^，。；]{0,16}影响|由于|因为|因[^此而]|尚未|暂未|未能|滞后|推迟|延期|延后|困难|制约|缓慢|未开工|未完成"
)
_MET = re.compile(r"已达标|已达目标|已完成(?!.*未)")
_SENTENCE = re.compile(r"[^。；;！!\n]+[。；;！!]?")
# How many units the notice names as ahead and as most behind.
NAMED_UNITS = 5


def standing_of(verdict: TaskVerdict | None, progress: str | None) -> str:
    """A task's standing, as the web app's dashboard counts it (``luoshi_web.reporting.standing``)."""
    if verdict is None or (not (progress or "").strip() and verdict.verdict != "deemed_done"):
        return "missing"
    if verdict.verdict == "done":
        return "done"
    if verdict.verdict == "deemed_done":
        return "deemed"
    if verdict.verdict in ("not_done", "partly_done") or verdict.on_schedule is False:
        return "behind"
    if verdict.on_schedule:
        return "on_schedule"
    return "review"


@dataclass(frozen=True)
class LaggingItem:
    number: str | None
    name: str
    lead: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Category:
    title: str
    items: tuple[LaggingItem, ...]


@dataclass
class UnitLine:
    unit: str
    led: int = 0
    on_track: int = 0
    behind: int = 0
    missing: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return round(100.0 * self.on_track / self.led, 1) if self.led else 0.0


@dataclass(frozen=True)
class Notice:
    """The figures and lists of a 督查通报; ``notice_text``/``notice_docx`` (and the web page) word them."""

    title: str
    government: str | None
    period: str
    as_of: dt.date | None
    total: int
    counts: dict[str, int]
    categories: tuple[Category, ...]
    unreported: tuple[tuple[str, int], ...]  # lead unit, tasks without a report
    ahead: tuple[UnitLine, ...]
    most_behind: tuple[UnitLine, ...]
    units: tuple[UnitLine, ...]

    @property
    def lagging(self) -> int:
        return sum(len(c.items) for c in self.categories)

    @property
    def year_end(self) -> bool:
        return self.period == "全年"

    def share(self, code: str) -> str:
        return _pct(100.0 * self.counts.get(code, 0) / self.total) if self.total else "0"

    # The notice's words, for a page that shows it (the text and Word writers use the same functions).
    def preamble(self) -> str:
        return preamble(self)

    def sections(self) -> list[tuple[str, list[str]]]:
        return sections(self)

    def unit_rows(self) -> tuple[tuple[str, ...], ...]:
        return tuple(r for r in unit_table(self).rows if isinstance(r, tuple))

    def unit_headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in UNIT_COLUMNS)


def period_words(period: str | None, as_of: dt.date | None) -> str:
    """上半年, 全年, 1-9月 …: the period as notices name it (the year dropped, the title names it)."""
    if period:
        return re.sub(r"^\d{4}年", "", period) or period
    if as_of is None:
        return "全年"
    return {3: "一季度", 6: "上半年", 9: "前三季度", 12: "全年"}.get(as_of.month, f"1-{as_of.month}月")


def short_name(task: Task) -> str:
    """What a notice calls a task: its first clause (推进知识产权强省区域示范建设), at most 40 characters."""
    first = re.split(r"[，。；,;：:]", task.text.strip(), maxsplit=1)[0].strip()
    return first if len(first) <= 40 else first[:39] + "…"


def reason_of(progress: str | None, verdict: TaskVerdict | None) -> str:
    """Why a task lags, in its report's own words where it says why, else the judge's first reason."""
    sentences = [s.strip() for s in _SENTENCE.findall(progress or "") if s.strip()]
    causes = [s for s in sentences if _CAUSE.search(s)]
    if causes:
        text = "".join(causes[:2])
    elif verdict is not None and verdict.reasons:
        # A task folded with its continuation rows carries their reasons too: name one that lags.
        lagging = [r for r in verdict.reasons if not _MET.search(r)]
        text = (lagging or list(verdict.reasons))[0]
    elif sentences:
        text = sentences[0]
    else:
        text = "报告未说明原因"
    text = text.strip().rstrip("；;，,")
    if len(text) > 160:
        text = text[:159] + "…"
    return text if text.endswith(("。", "！", "…")) else text + "。"


def build_notice(
    part: Part,
    verdicts: Sequence[TaskVerdict | None],
    *,
    period: str | None = None,
    as_of: dt.date | None = None,
    subject: str | None = None,
) -> Notice:
    """Count a part's tasks by standing and list what lags, who has not reported and how each unit stands."""
    if len(verdicts) != len(part.tasks):
        raise ValueError("one verdict (or None) per task is needed")
    rows = _merge_continuations(part.tasks, verdicts)
    counts = dict.fromkeys(STANDING_WORDS, 0)
    lagging: dict[str, list[LaggingItem]] = {}
    units: dict[str, UnitLine] = {}
    unreported: dict[str, int] = {}
    for task, verdict in rows:
        code = standing_of(verdict, task.progress)
        counts[code] += 1
        if code == "behind":
            item = LaggingItem(task.number, short_name(task), task.lead, reason_of(task.progress, verdict))
            lagging.setdefault(task.section or "其他任务", []).append(item)
        for unit in task.lead:
            line = units.setdefault(unit, UnitLine(unit))
            line.led += 1
            line.counts[code] = line.counts.get(code, 0) + 1
            line.on_track += code in ON_TRACK
            line.behind += code == "behind"
            line.missing += code == "missing"
            if code == "missing":
                unreported[unit] = unreported.get(unit, 0) + 1
    scored = [u for u in units.values() if u.led]
    ahead = sorted((u for u in scored if u.on_track == u.led), key=lambda u: (-u.led, list(units).index(u.unit)))[
        :NAMED_UNITS
    ]
    behind = sorted((u for u in scored if u.behind), key=lambda u: (-u.behind, u.rate, list(units).index(u.unit)))[
        :NAMED_UNITS
    ]
    words = period_words(period, as_of)
    year = part.year or (as_of.year if as_of else None)
    what = subject or (f"{year}年《政府工作报告》目标任务" if year else f"《{part.title or '政府工作报告'}》目标任务")
    return Notice(
        title=f"关于{what}{words}推进情况的督查通报",
        government=part.government,
        period=words,
        as_of=as_of,
        total=len(rows),
        counts=counts,
        categories=tuple(Category(title, tuple(items)) for title, items in lagging.items()),
        unreported=tuple(sorted(unreported.items(), key=lambda kv: -kv[1])),
        ahead=tuple(ahead),
        most_behind=tuple(behind),
        units=tuple(sorted(scored, key=lambda u: (-u.rate, u.behind, u.missing))),
    )


def _pct(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def preamble(n: Notice) -> str:
    who = f"{n.government}政府督查室" if n.government else "政府督查室"
    when = f"截至{_date(n.as_of)}，" if n.as_of else ""
    return (
        f"按照工作安排，{who}对{n.total}项目标任务{n.period}推进情况进行了督查梳理。"
        f"{when}各责任单位报送了进展情况，经系统研判和审核，现将有关情况通报如下："
    )


def headline(n: Notice) -> str:
    """ "72项任务中，已完成8项、占11.1%；达到序时进度40项、占55.6%；滞后10项、占13.9%；未报送14项、占19.4%。" """
    if not n.total:
        return "没有可统计的目标任务。"
    bits = [
        f"{STANDING_WORDS[code]}{n.counts[code]}项、占{n.share(code)}%"
        for code in STANDING_WORDS
        if n.counts.get(code) or code == "behind"
    ]
    on_track = sum(n.counts[c] for c in ON_TRACK)
    rate = _pct(100.0 * on_track / n.total)
    what = "完成率" if n.year_end else "达序率"
    return f"{n.total}项任务中，" + "；".join(bits) + f"。完成和达到序时进度的共{on_track}项，{what}为{rate}%。"


def lagging_lead(n: Notice) -> str:
    return f"{n.lagging}项滞后的目标任务分别为：" if n.lagging else "本期没有滞后的目标任务。"


def item_line(i: int, item: LaggingItem) -> str:
    ref = f"第{item.number}项" if item.number else ""
    lead = f"{'、'.join(item.lead)}牵头" if item.lead else ""
    note = "，".join(x for x in (ref, lead) if x)
    return f"{i}.{item.name}（{note}）：{item.reason}" if note else f"{i}.{item.name}：{item.reason}"


def unreported_line(n: Notice) -> str:
    if not n.unreported:
        return "各牵头单位均已报送进展情况。"
    names = "、".join(f"{unit}（{count}项）" for unit, count in n.unreported)
    total = sum(count for _, count in n.unreported)
    return f"共{total}项任务未报送进展情况，涉及{len(n.unreported)}个牵头单位：{names}。"


def ahead_line(n: Notice) -> str:
    if not n.ahead:
        return "暂无牵头任务全部完成或达到序时进度的单位。"
    names = "、".join(f"{u.unit}（{u.led}项）" for u in n.ahead)
    return f"{names}牵头的任务全部完成或达到序时进度。"


def behind_line(n: Notice) -> str:
    if not n.most_behind:
        return "没有牵头任务滞后的单位。"
    names = "、".join(f"{u.unit}（滞后{u.behind}项）" for u in n.most_behind)
    return f"牵头任务滞后较多的单位是：{names}。"


REQUIREMENTS = (
    "一是对照目标抓整改。滞后任务的牵头单位要认真分析原因，逐项制定赶进措施，明确完成时限，确保按期完成全年目标任务。",
    "二是按时报送进展。未报送的单位要立即补报，今后按规定时限如实报送进展情况和完成数据。",
    "三是加强协调配合。协办单位要主动对接牵头单位，形成工作合力，督查室将对滞后任务持续跟踪督办。",
)


def sections(n: Notice) -> list[tuple[str, list[str]]]:
    """The notice's headed parts and their paragraphs, as every format words them."""
    lagging = [lagging_lead(n)]
    number = 0
    for k, category in enumerate(n.categories):
        lagging.append(f"（{_CN[k]}）{_strip_label(category.title)}（{len(category.items)}项）")
        for item in category.items:
            number += 1
            lagging.append(item_line(number, item))
    return [
        ("一、总体情况", [headline(n)]),
        ("二、滞后的目标任务", lagging),
        ("三、未报送进展的单位", [unreported_line(n)]),
        ("四、各单位推进情况", [ahead_line(n), behind_line(n)]),
        ("五、下一步工作要求", list(REQUIREMENTS)),
    ]


_CN = "一二三四五六七八九十"


def _strip_label(title: str) -> str:
    """A section heading without its own numbering (一、 / 1、 / （一）), the notice numbers it again."""
    return re.sub(r"^\s*(?:[一二三四五六七八九十]+、|\d+[、.．]|（[一二三四五六七八九十]+）)\s*", "", title)


UNIT_COLUMNS = (
    Column("牵头单位", 46, "left"),
    Column("牵头", 14, "center"),
    Column("已完成", 18, "center"),
    Column("达序时", 18, "center"),
    Column("滞后", 14, "center"),
    Column("未报送", 18, "center"),
    Column("达序率", 28, "center"),
)


def unit_table(n: Notice) -> TableLayout:
    rows = tuple(
        (
            u.unit,
            str(u.led),
            str(u.counts.get("done", 0) + u.counts.get("deemed", 0)),
            str(u.counts.get("on_schedule", 0)),
            str(u.behind),
            str(u.missing),
            f"{_pct(u.rate)}%",
        )
        for u in n.units
    )
    return TableLayout(title="各牵头单位推进情况", columns=UNIT_COLUMNS, rows=rows, kind="status_table")


def notice_text(n: Notice) -> str:
    lines = [n.title, "", preamble(n)]
    for heading, paragraphs in sections(n):
        lines += ["", heading, *paragraphs]
    lines += ["", "附：各牵头单位推进情况"]
    what = "完成率" if n.year_end else "达序率"
    lines += [f"{u.unit}：牵头{u.led}项，{_unit_words(u)}，{what}{_pct(u.rate)}%" for u in n.units]
    if n.government:
        lines += ["", f"{n.government}政府督查室"]
    return "\n".join(lines) + "\n"


def _unit_words(u: UnitLine) -> str:
    bits = [f"{STANDING_WORDS[c]}{u.counts[c]}项" for c in STANDING_WORDS if u.counts.get(c)]
    return "，".join(bits)


def notice_docx(n: Notice) -> bytes:
    """The notice as a Word document (portrait, GB/T 9704), the unit table as its attachment."""
    doc = gb.new_document(landscape=False)
    p = gb.paragraph_xml
    blocks = [p(gb.title_lines(n.title), gb.STYLE_TITLE), p("", gb.STYLE_PLAIN), p(preamble(n), gb.STYLE_BODY)]
    for heading, paragraphs in sections(n):
        blocks.append(p(heading, gb.STYLE_H1))
        for text in paragraphs:
            style = gb.STYLE_H2 if text.startswith("（") and text.endswith("项）") else gb.STYLE_BODY
            blocks.append(p(text, style))
    if n.government:
        blocks += [p("", gb.STYLE_PLAIN), p(f"{n.government}政府督查室", gb.STYLE_PLAIN, align="right")]
    table = unit_table(n)
    blocks.append(p("附件", gb.STYLE_ATTACHMENT, page_break_before=True))
    blocks.append(p(table.title, gb.STYLE_TITLE))
    blocks.append(table_xml(table, gb.TEXT_WIDTH_MM))
    doc.append(blocks)
    return doc.to_bytes()
