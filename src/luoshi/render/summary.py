"""The half-year / year-end summary and the per-unit scoreboard, from the verdicts handed in for a plan's tasks.

The verdicts come from the caller (the judge's, ``luoshi.judge.parts``; the statuses printed in a
table; or the office's sign-off): a renderer never judges.

The words are the office's own (seed 002): "72项目标中，有68项实现“双过半”，目标过半率为94.4%，
有1项目标和3项目标的部分子项未达序时进度". At mid-year a task counts as 双过半 when the judge finds
it at or above time progress (``TaskVerdict.on_schedule``), or already done; one behind time progress
counts as a whole target behind, or — when the judge found it partly done — as a target with some
sub-items behind. In other months the same counts are worded 达到序时进度; at year end they become
完成 / 部分未达 / 未完成 with a completion rate. Tasks the judge could not settle are counted apart
(需人工研判), never silently as done.

Continuation rows (``number is None``: rows that continue the task above, seed 000 attachment 3) are
not counted as targets of their own; their verdict weighs on the task they continue.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from luoshi.model import VERDICT_LABELS, IndicatorVerdict, Part, Task, TaskVerdict, VerdictValue
from luoshi.render import gbt9704 as gb
from luoshi.render.exec_table import table_xml
from luoshi.render.layout import Column, TableLayout
from luoshi.unit_names import is_collective

# Worst first: a continuation row that is behind makes its task behind.
_SEVERITY: dict[str, int] = {"not_done": 4, "partly_done": 3, "unknown": 2, "deemed_done": 1, "done": 0}
# The rule of the judge's verdict on a task nobody reported on ("未报送进展情况").
NO_PROGRESS_RULE = "无进展情况"


@dataclass(frozen=True)
class UnitScore:
    """One unit's line of the scoreboard: the tasks it leads and how they stand, and those it supports."""

    unit: str
    led: int = 0
    done: int = 0  # 是 and 视同完成
    partly_done: int = 0
    not_done: int = 0
    unknown: int = 0
    behind: int = 0  # led tasks below time progress (in-year)
    supported: int = 0  # tasks it supports as a co-unit
    unreported: int = 0  # led tasks with no progress reported


@dataclass(frozen=True)
class LaggingTask:
    """A task behind time progress, not (fully) done or unsettled, with why in a clerk's words."""

    number: str | None
    text: str
    lead: tuple[str, ...]
    verdict: VerdictValue
    reasons: tuple[str, ...]
    progress: str | None = None
    signed: bool = False  # the office signed the verdict off (else it is the program's proposal)

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.verdict]


@dataclass(frozen=True)
class Summary:
    """The figures of a summary and its lists; ``summary_text``/``summary_docx`` word them."""

    title: str
    as_of: dt.date | None
    year_end: bool
    total: int
    on_track: int  # mid-year: 双过半; in-year: 达到序时进度; year end: done (incl. deemed done)
    behind_whole: int
    behind_partial: int
    done: int
    deemed_done: int
    partly_done: int
    not_done: int
    unknown: int  # reported, not settled by the text (需人工研判)
    lagging: tuple[LaggingTask, ...]
    review: tuple[LaggingTask, ...]  # not settled by the text: a person must decide
    scoreboard: tuple[UnitScore, ...]  # real units only
    unreported: tuple[LaggingTask, ...] = ()  # no progress reported: counted apart, in no rate
    collectives: tuple[UnitScore, ...] = ()  # 各街道, 区相关部门, 板块…: several units, shown apart
    signed: int = 0  # verdicts the office signed off
    proposed: int = 0  # verdicts that are the program's proposal

    @property
    def reported(self) -> int:
        return self.total - len(self.unreported)

    @property
    def rate_pct(self) -> float:
        """The share on track (or done) of the targets reported on: never of those not reported."""
        return round(100.0 * self.on_track / self.reported, 1) if self.reported else 0.0

    @property
    def mid_year(self) -> bool:
        return not self.year_end and self.as_of is not None and self.as_of.month in (6, 7)


def _merge_continuations(
    tasks: Sequence[Task], verdicts: Sequence[TaskVerdict | None]
) -> list[tuple[Task, TaskVerdict | None]]:
    """Numbered tasks with their verdicts, a continuation row's verdict folded into its task's."""
    merged: list[tuple[Task, TaskVerdict | None]] = []
    for task, verdict in zip(tasks, verdicts, strict=True):
        if task.number is None and merged:
            parent_task, parent = merged[-1]
            merged[-1] = (parent_task, _fold(parent, verdict))
        else:
            merged.append((task, verdict))
    return merged


def _fold(parent: TaskVerdict | None, child: TaskVerdict | None) -> TaskVerdict | None:
    """The verdict of a task and the row continuing it: the worse one; done + not done is partly done."""
    if parent is None or child is None or is_unreported(child):
        return parent or child
    if is_unreported(parent):
        return child
    on_schedule = _and(parent.on_schedule, child.on_schedule)
    reasons = parent.reasons + child.reasons
    indicators = parent.indicators + child.indicators
    if _SEVERITY[child.verdict] <= _SEVERITY[parent.verdict]:
        return replace(parent, reasons=reasons, on_schedule=on_schedule, indicators=indicators)
    value = child.verdict
    if parent.verdict in ("done", "deemed_done") and child.verdict in ("partly_done", "not_done"):
        value = "partly_done"
    return replace(child, verdict=value, reasons=reasons, on_schedule=on_schedule, indicators=indicators)


def _and(a: bool | None, b: bool | None) -> bool | None:
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def is_unreported(verdict: TaskVerdict | None) -> bool:
    """No progress was reported for the task (no verdict, or the judge's "未报送进展情况")."""
    return verdict is None or (verdict.rule == NO_PROGRESS_RULE and not verdict.signed)


def summarize(
    part: Part,
    verdicts: Sequence[TaskVerdict | None],
    *,
    as_of: dt.date | None = None,
    title: str | None = None,
) -> Summary:
    """Count and list a part's tasks by verdict; ``verdicts`` go with ``part.tasks`` one for one.

    ``as_of`` sets the wording: December (or none) is the year end, June/July the half year. A task
    with no verdict (or the judge's "未报送") is not reported: it is counted apart, never among the
    targets to review, and never in a rate. Collective names (各街道, 区相关部门, 板块) are kept out of
    the unit scoreboard and listed apart.
    """
    if len(verdicts) != len(part.tasks):
        raise ValueError("one verdict (or None) per task is needed")
    year_end = as_of is None or as_of.month == 12
    rows = _merge_continuations(part.tasks, verdicts)
    counts = {"done": 0, "deemed_done": 0, "partly_done": 0, "not_done": 0, "unknown": 0}
    on_track = behind_whole = behind_partial = signed = 0
    lagging: list[LaggingTask] = []
    review: list[LaggingTask] = []
    unreported: list[LaggingTask] = []
    scores: dict[str, dict[str, int]] = {}

    def score(unit: str) -> dict[str, int]:
        fields = ("led", "done", "partly_done", "not_done", "unknown", "behind", "supported", "unreported")
        return scores.setdefault(unit, dict.fromkeys(fields, 0))

    for task, verdict in rows:
        for unit in task.co:
            score(unit)["supported"] += 1
        if verdict is None or is_unreported(verdict):
            unreported.append(LaggingTask(task.number, task.text, task.lead, "unknown", ("未报送进展情况",)))
            for unit in task.lead:
                score(unit)["led"] += 1
                score(unit)["unreported"] += 1
            continue
        value: VerdictValue = verdict.verdict
        counts[value] += 1
        signed += verdict.signed
        tracked, behind = _standing(verdict, year_end)
        if tracked:
            on_track += 1
        elif behind or (year_end and value in ("partly_done", "not_done")):
            if value == "partly_done":
                behind_partial += 1
            else:
                behind_whole += 1
        item = LaggingTask(
            number=task.number,
            text=task.text,
            lead=task.lead,
            verdict=value,
            reasons=why(verdict, unsettled=value == "unknown" and not behind),
            progress=task.progress,
            signed=verdict.signed,
        )
        if value == "unknown" and not behind:
            review.append(item)
        elif not tracked:
            lagging.append(item)
        for unit in task.lead:
            s = score(unit)
            s["led"] += 1
            s["done" if value == "deemed_done" else value] += 1
            s["behind"] += int(behind)

    board = [UnitScore(unit, **s) for unit, s in scores.items()]
    reported = len(rows) - len(unreported)
    return Summary(
        title=title or part.title or "目标任务执行情况",
        as_of=as_of,
        year_end=year_end,
        total=len(rows),
        on_track=on_track,
        behind_whole=behind_whole,
        behind_partial=behind_partial,
        done=counts["done"],
        deemed_done=counts["deemed_done"],
        partly_done=counts["partly_done"],
        not_done=counts["not_done"],
        unknown=counts["unknown"],
        lagging=tuple(lagging),
        review=tuple(review),
        scoreboard=tuple(u for u in board if not is_collective(u.unit)),
        unreported=tuple(unreported),
        collectives=tuple(u for u in board if is_collective(u.unit)),
        signed=signed,
        proposed=reported - signed,
    )


def _standing(verdict: TaskVerdict, year_end: bool) -> tuple[bool, bool]:
    """(on track, behind time progress) of a reported task: done at year end; in-year, on schedule."""
    value = verdict.verdict
    if year_end:
        return value in ("done", "deemed_done"), False
    if verdict.on_schedule is not None:
        return verdict.on_schedule, not verdict.on_schedule
    return value in ("done", "deemed_done"), value in ("partly_done", "not_done")


# --------------------------------------------------------------------------- a clerk's words

_SYMBOLS = (("≥", ""), ("≤", "不超过"), ("＞", "超过"), ("＜", "低于"))
_TRACE = re.compile(r"^\d+项目标(?:\d+项(?:达到|未达|待研判)，?)+$")
_OUTCOMES = (
    ("进展称已完成/已达到", "已完成"),
    ("进展称已超过目标或达到序时进度", "已超过目标或达到序时进度"),
    ("进展写明已达到目标所述状态", "已达到目标"),
    ("进展未写明是否完成，需人工研判", "未写明是否完成"),
    ("进展只称正在推进，未写明是否完成，需人工研判", "只称正在推进，未写明是否完成"),
    ("进展未提及该项目，需人工研判", "进展未提及"),
    ("进展未提及该项", "进展未提及"),
    ("（进展未报可比数字，按文字判断）", "（未报可比数字）"),
    ("，需人工研判", ""),
    ("需人工研判", ""),
)


def why(verdict: TaskVerdict, *, unsettled: bool = False) -> tuple[str, ...]:
    """Why a task stands as it does, one line per target, as a clerk writes it (no program trace, no repeats).

    For a task behind or missed, the targets behind (or unsettled); for a task to review, the targets
    the text does not settle. Each line names the target, the words of the progress it rests on, and
    the outcome: "实现金融业收入增长20%：上半年增长17.2%，未达标（差2.8个百分点）。".
    """
    wanted = ("unknown",) if unsettled else ("not_done", "partly_done", "unknown")
    parts = [p for p in verdict.indicators if p.verdict in wanted]
    lines = [clerk(p.rule, p.indicator.metric if p.indicator else None, _label(p)) for p in parts]
    if not lines:
        lines = [clerk(r) for r in verdict.reasons if not _TRACE.match(r)]
    return tuple(dict.fromkeys(line for line in lines if line))


_FIGURE = re.compile(r"^[\d.]+\s*\S{0,6}$")


def _label(p: IndicatorVerdict) -> str | None:
    """A target named by its metric and figure ("PCT专利申请量150件"), when its own text is the figure alone."""
    ind = p.indicator
    if ind is None or not ind.metric or not _FIGURE.match(ind.text.strip()):
        return None
    return f"{ind.metric}{ind.text.strip()}"


def clerk(rule: str, metric: str | None = None, label: str | None = None) -> str:
    """A reason of the judge ("目标≥9600件；1-11月实绩12871件；已达标") as a clerk words it.

    "9600件：1-11月12871件，已达标。"; the target first (``label`` when given), then what the progress
    says, then the outcome.
    """
    text = rule
    for old, new in (*_OUTCOMES, *_SYMBOLS):
        text = text.replace(old, new)
    pieces = [p.strip("，, ") for p in text.split("；") if p.strip("，, ")]
    if not pieces:
        return ""
    goal, rest = pieces[0], pieces[1:]
    goal = goal.removeprefix("目标：").removeprefix("目标")
    if label:
        goal = label
    elif metric and rule.startswith("目标") and not rule.startswith("目标："):
        goal = f"{metric}{goal}"
    rest = [p.removeprefix("进展：").replace("实绩", "") for p in rest]
    if rest and rest[0].startswith("进展未提及"):
        rest = ["进展未提及"]  # nothing else to say of a target the progress does not name
    body = "，".join(rest)
    return f"{goal}：{body}。" if body else f"{goal}。"


def _pct(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def _reported_clause(s: Summary) -> str:
    """How many targets were reported on, when some were not: the rate's denominator said aloud."""
    if not s.unreported:
        return f"{s.total}项目标中，"
    return f"{s.total}项目标中，已报送进展{s.reported}项、未报送{len(s.unreported)}项（不计入统计）；已报送的{s.reported}项中，"


def headline(s: Summary) -> str:
    """The one sentence an office opens its report with, every count with its denominator."""
    if s.total == 0:
        return "没有可统计的目标任务。"
    if s.reported == 0:
        return f"{s.total}项目标均未报送进展情况。"
    text = _reported_clause(s)
    if s.year_end:
        deemed = f"（含视同完成{s.deemed_done}项）" if s.deemed_done else ""
        text += f"已完成{s.done + s.deemed_done}项{deemed}"
        if s.partly_done:
            text += f"，部分未达{s.partly_done}项"
        if s.not_done:
            text += f"，未完成{s.not_done}项"
        text += f"，完成率为{_pct(s.rate_pct)}%"
    else:
        if s.mid_year:
            text += f"有{s.on_track}项实现“双过半”，目标过半率为{_pct(s.rate_pct)}%"
        else:
            text += f"有{s.on_track}项达到序时进度，达序率为{_pct(s.rate_pct)}%"
        if s.behind_whole and s.behind_partial:
            text += f"，有{s.behind_whole}项目标和{s.behind_partial}项目标的部分子项未达序时进度"
        elif s.behind_whole:
            text += f"，有{s.behind_whole}项目标未达序时进度"
        elif s.behind_partial:
            text += f"，有{s.behind_partial}项目标的部分子项未达序时进度"
    unsettled = s.unknown if s.year_end else len(s.review)
    if unsettled:
        text += f"；另有{unsettled}项需人工研判"
    return text + "。"


def sign_note(s: Summary) -> str:
    """Which conclusions the office signed off and which are the program's proposal."""
    if s.reported == 0:
        return ""
    if s.proposed == 0:
        return "以上结论均经审核确认。"
    if s.signed == 0:
        return f"以上{s.reported}项结论均为系统研判建议，尚待审核确认。"
    return f"以上结论中，{s.signed}项经审核确认，{s.proposed}项为系统研判建议，尚待审核确认。"


def _date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _task_label(t: LaggingTask) -> str:
    head = f"{t.number}." if t.number else ""
    return f"{head}{t.text}（{'、'.join(t.lead)}）" if t.lead else f"{head}{t.text}"


def _status_label(t: LaggingTask) -> str:
    """【部分未达】 when signed off; 【部分未达（建议）】 when it is the program's proposal."""
    return f"【{t.label}】" if t.signed else f"【{t.label}（建议）】"


def unit_line(u: UnitScore, *, year_end: bool) -> str:
    """ "科技局：牵头10项，完成8项，部分未达1项，未完成1项，未报送1项；协办3项"."""
    bits = [f"牵头{u.led}项"] if u.led else []
    if u.led:
        bits.append(f"完成{u.done}项")
        if u.partly_done:
            bits.append(f"部分未达{u.partly_done}项")
        if u.not_done:
            bits.append(f"未完成{u.not_done}项")
        if u.unknown:
            bits.append(f"待研判{u.unknown}项")
        if u.unreported:
            bits.append(f"未报送{u.unreported}项")
        if u.behind and not year_end:
            bits.append(f"未达序时进度{u.behind}项")
    text = "，".join(bits)
    if u.supported:
        text += ("；" if text else "") + f"协办{u.supported}项"
    return f"{u.unit}：{text}"


def collectives_note(s: Summary) -> str:
    """The collective names (各街道, 区相关部门…) kept out of the unit table, and what they appear in."""
    if not s.collectives:
        return ""
    names = "、".join(u.unit for u in s.collectives)
    led = sum(u.led for u in s.collectives)
    supported = sum(u.supported for u in s.collectives)
    counts = "，".join(x for x in (f"牵头{led}项" if led else "", f"协办{supported}项" if supported else "") if x)
    return f"注：{names}为集体名称，不是单个单位，不列入上表（共{counts}）。"


def unreported_lines(s: Summary) -> list[str]:
    """The targets no progress was reported for, by lead unit: "区科技局：第1、2、6项"."""
    by_unit: dict[str, list[str]] = {}
    for t in s.unreported:
        for unit in t.lead or ("（未列责任单位）",):
            by_unit.setdefault(unit, []).append(t.number or "（续）")
    return [f"{unit}：第{'、'.join(numbers)}项" for unit, numbers in by_unit.items()]


def lagging_heading(s: Summary) -> str:
    return "未完成或部分未达的目标" if s.year_end else "未达序时进度的目标"


def sections(s: Summary) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """The summary's sections in order: (heading, [(item line, reason lines)]); one source for every format."""
    out: list[tuple[str, list[tuple[str, list[str]]]]] = []
    overall: list[tuple[str, list[str]]] = [(headline(s), [])]
    if sign_note(s):
        overall.append((sign_note(s), []))
    out.append(("总体情况", overall))
    out.append((lagging_heading(s), [(f"{_task_label(t)}{_status_label(t)}", list(t.reasons)) for t in s.lagging]))
    if s.review:
        out.append(("需人工研判的目标", [(_task_label(t), list(t.reasons)) for t in s.review]))
    if s.unreported:
        out.append((f"未报送进展的目标（{len(s.unreported)}项）", [(line, []) for line in unreported_lines(s)]))
    out.append(("各单位完成情况", []))
    return out


_NUMERALS = "一二三四五六七八九十"
_PERIOD_TAIL = re.compile(r"(?:上半年|全年|一季度|前三季度|1-\d{1,2}月)执行情况的报告$")
_TITLE_LINE = 22  # characters of 二号 type on a line of the portrait 版心


def _title_break(title: str) -> str:
    """A long report title broken before its period, as seed 002 breaks its own ("…计划\n上半年执行情况的报告")."""
    m = _PERIOD_TAIL.search(title)
    if m is None or len(title) <= _TITLE_LINE or m.start() > _TITLE_LINE:
        return title
    return f"{title[: m.start()]}\n{title[m.start() :]}"


def summary_text(s: Summary) -> str:
    """The summary as plain text (for the terminal, an e-mail or a 钉钉 message)."""
    lines = [s.title]
    if s.as_of:
        lines.append(f"（截至{_date(s.as_of)}）")
    for n, (heading, items) in enumerate(sections(s)):
        lines += ["", f"{_NUMERALS[n]}、{heading}"]
        if not items and heading != "各单位完成情况":
            lines.append("无。")
        for item, reasons in items:
            lines.append(item)
            lines.extend(f"    {r}" for r in reasons)
    lines.extend(unit_line(u, year_end=s.year_end) for u in s.scoreboard)
    if collectives_note(s):
        lines.append(collectives_note(s))
    return "\n".join(lines) + "\n"


# Widths fit the headers on one line in the portrait 版心 at 小四 (a unit name of 8 characters too).
SCOREBOARD_COLUMNS = (
    Column("责任单位", 34, "left"),
    Column("牵头", 11, "center"),
    Column("完成", 11, "center"),
    Column("部分未达", 20, "center"),
    Column("未完成", 15, "center"),
    Column("待研判", 15, "center"),
    Column("未报送", 15, "center"),
    Column("未达序时", 20, "center"),
    Column("协办", 11, "center"),
)


def scoreboard_layout(s: Summary) -> TableLayout:
    """The per-unit scoreboard as a table (also used for Excel): real units only."""
    columns = SCOREBOARD_COLUMNS if not s.year_end else tuple(c for c in SCOREBOARD_COLUMNS if c.header != "未达序时")
    rows = []
    for u in s.scoreboard:
        values = [u.unit, u.led, u.done, u.partly_done, u.not_done, u.unknown, u.unreported, u.behind, u.supported]
        if s.year_end:
            del values[7]
        rows.append(tuple(str(v) for v in values))
    return TableLayout(title="各单位完成情况", columns=columns, rows=tuple(rows), kind="status_table")


def summary_docx(s: Summary) -> bytes:
    """The summary as a Word document (portrait, GB/T 9704), with the scoreboard as a table."""
    doc = gb.new_document(landscape=False)
    p = gb.paragraph_xml
    blocks = [p(gb.title_lines(_title_break(s.title)), gb.STYLE_TITLE)]
    if s.as_of:
        blocks.append(p(f"（截至{_date(s.as_of)}）", gb.STYLE_PLAIN, align="center"))
    blocks.append(p("", gb.STYLE_PLAIN))
    for n, (heading, items) in enumerate(sections(s)):
        blocks.append(p(f"{_NUMERALS[n]}、{heading}", gb.STYLE_H1))
        if not items and heading != "各单位完成情况":
            blocks.append(p("无。", gb.STYLE_BODY))
        for item, reasons in items:
            blocks.append(p(item, gb.STYLE_BODY))
            blocks.extend(p(r, gb.STYLE_BODY) for r in reasons)
    blocks.append(table_xml(scoreboard_layout(s), gb.TEXT_WIDTH_MM))
    if collectives_note(s):
        blocks.append(p(collectives_note(s), gb.STYLE_BODY))
    doc.append(blocks)
    return doc.to_bytes()


# --------------------------------------------------------------------------- the report's own title

_SUBJECT_TAIL = re.compile(
    r"(?:分解落实方案|落实方案|分解方案|执行情况表|完成情况表|执行情况|完成情况|情况表|计划草案|草案|小结)$"
)
_YEAR_HEAD = re.compile(r"^(.*?)(20\d{2})\s*年(?:度)?")


def period_words(as_of: dt.date | None) -> str:
    """The period a report covers, as its title says it: 上半年, 全年, 一季度, 前三季度, 1-N月."""
    if as_of is None or as_of.month == 12:
        return "全年"
    return {3: "一季度", 6: "上半年", 9: "前三季度"}.get(as_of.month, f"1-{as_of.month}月")


def report_title(plan_title: str | None, government: str | None, year: int | None, as_of: dt.date | None) -> str:
    """The summary's own title, as seed 002 words its own: "关于鼓楼区2021年…上半年执行情况的报告"."""
    subject = (plan_title or "").strip()
    head = _YEAR_HEAD.match(subject)
    if head:  # "鼓楼区2021年…": the government and year the title names
        government = government or head.group(1).strip() or None
        year = year or int(head.group(2))
        subject = subject[head.end() :]
    if government and subject.startswith(government):
        subject = subject[len(government) :]
    subject = _SUBJECT_TAIL.sub("", subject).strip() or "目标任务"
    when = f"{year}年" if year else ""
    return f"关于{government or ''}{when}{subject}{period_words(as_of)}执行情况的报告"
