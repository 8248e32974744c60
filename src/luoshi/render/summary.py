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
from collections.abc import Sequence
from dataclasses import dataclass, replace

from luoshi.model import VERDICT_LABELS, Part, Task, TaskVerdict, VerdictValue
from luoshi.render import gbt9704 as gb
from luoshi.render.exec_table import table_xml
from luoshi.render.layout import Column, TableLayout

# Worst first: a continuation row that is behind makes its task behind.
_SEVERITY: dict[str, int] = {"not_done": 4, "partly_done": 3, "unknown": 2, "deemed_done": 1, "done": 0}


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


@dataclass(frozen=True)
class LaggingTask:
    """A task behind time progress or not (fully) done, with the judge's reasons."""

    number: str | None
    text: str
    lead: tuple[str, ...]
    verdict: VerdictValue
    reasons: tuple[str, ...]
    progress: str | None = None

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
    unknown: int
    lagging: tuple[LaggingTask, ...]
    review: tuple[LaggingTask, ...]  # not settled by the text: a person must decide
    scoreboard: tuple[UnitScore, ...]

    @property
    def rate_pct(self) -> float:
        return round(100.0 * self.on_track / self.total, 1) if self.total else 0.0

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
    if parent is None or child is None:
        return parent or child
    on_schedule = _and(parent.on_schedule, child.on_schedule)
    reasons = parent.reasons + child.reasons
    if _SEVERITY[child.verdict] <= _SEVERITY[parent.verdict]:
        return replace(parent, reasons=reasons, on_schedule=on_schedule)
    value = child.verdict
    if parent.verdict in ("done", "deemed_done") and child.verdict in ("partly_done", "not_done"):
        value = "partly_done"
    return replace(child, verdict=value, reasons=reasons, on_schedule=on_schedule)


def _and(a: bool | None, b: bool | None) -> bool | None:
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def summarize(
    part: Part,
    verdicts: Sequence[TaskVerdict | None],
    *,
    as_of: dt.date | None = None,
    title: str | None = None,
) -> Summary:
    """Count and list a part's tasks by verdict; ``verdicts`` go with ``part.tasks`` one for one.

    ``as_of`` sets the wording: December (or none) is the year end, June/July the half year.
    """
    if len(verdicts) != len(part.tasks):
        raise ValueError("one verdict (or None) per task is needed")
    year_end = as_of is None or as_of.month == 12
    rows = _merge_continuations(part.tasks, verdicts)
    counts = {"done": 0, "deemed_done": 0, "partly_done": 0, "not_done": 0, "unknown": 0}
    on_track = behind_whole = behind_partial = 0
    lagging: list[LaggingTask] = []
    review: list[LaggingTask] = []
    scores: dict[str, dict[str, int]] = {}

    def score(unit: str) -> dict[str, int]:
        return scores.setdefault(
            unit, {f: 0 for f in ("led", "done", "partly_done", "not_done", "unknown", "behind", "supported")}
        )

    for task, verdict in rows:
        value: VerdictValue = verdict.verdict if verdict else "unknown"
        counts[value] += 1
        behind = False
        if year_end:
            tracked = value in ("done", "deemed_done")
        elif verdict is not None and verdict.on_schedule is not None:
            tracked = verdict.on_schedule
            behind = not tracked
        else:
            tracked = value in ("done", "deemed_done")
            behind = value in ("partly_done", "not_done")
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
            reasons=verdict.reasons if verdict else ("没有研判结果",),
            progress=task.progress,
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
        for unit in task.co:
            score(unit)["supported"] += 1

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
        scoreboard=tuple(UnitScore(unit, **s) for unit, s in scores.items()),
    )


def _pct(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def headline(s: Summary) -> str:
    """The one sentence an office opens its report with."""
    if s.total == 0:
        return "没有可统计的目标任务。"
    if s.year_end:
        deemed = f"（含视同完成{s.deemed_done}项）" if s.deemed_done else ""
        text = f"{s.total}项目标中，已完成{s.done + s.deemed_done}项{deemed}"
        if s.partly_done:
            text += f"，部分未达{s.partly_done}项"
        if s.not_done:
            text += f"，未完成{s.not_done}项"
        text += f"，完成率为{_pct(s.rate_pct)}%"
    else:
        if s.mid_year:
            text = f"{s.total}项目标中，有{s.on_track}项实现“双过半”，目标过半率为{_pct(s.rate_pct)}%"
        else:
            text = f"{s.total}项目标中，有{s.on_track}项达到序时进度，达序率为{_pct(s.rate_pct)}%"
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


def _date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _task_label(t: LaggingTask) -> str:
    head = f"{t.number}." if t.number else ""
    return f"{head}{t.text}（{'、'.join(t.lead)}）" if t.lead else f"{head}{t.text}"


def unit_line(u: UnitScore, *, year_end: bool) -> str:
    """ "科技局：牵头10项，完成8项，部分未达1项，未完成1项；协办3项"."""
    bits = [f"牵头{u.led}项"] if u.led else []
    if u.led:
        bits.append(f"完成{u.done}项")
        if u.partly_done:
            bits.append(f"部分未达{u.partly_done}项")
        if u.not_done:
            bits.append(f"未完成{u.not_done}项")
        if u.unknown:
            bits.append(f"待研判{u.unknown}项")
        if u.behind and not year_end:
            bits.append(f"未达序时进度{u.behind}项")
    text = "，".join(bits)
    if u.supported:
        text += ("；" if text else "") + f"协办{u.supported}项"
    return f"{u.unit}：{text}"


def lagging_heading(s: Summary) -> str:
    return "未完成或部分未达的目标" if s.year_end else "未达序时进度的目标"


def summary_text(s: Summary) -> str:
    """The summary as plain text (for the terminal, an e-mail or a 钉钉 message)."""
    lines = [s.title]
    if s.as_of:
        lines.append(f"（截至{_date(s.as_of)}）")
    lines += ["", "一、总体情况", headline(s), "", f"二、{lagging_heading(s)}"]
    if not s.lagging:
        lines.append("无。")
    for t in s.lagging:
        lines.append(f"{_task_label(t)}【{t.label}】")
        lines.extend(f"    {r}" for r in t.reasons)
    if s.review:
        lines += ["", "三、需人工研判的目标"]
        for t in s.review:
            lines.append(_task_label(t))
            lines.extend(f"    {r}" for r in t.reasons)
    lines += ["", f"{'四' if s.review else '三'}、各单位完成情况"]
    lines.extend(unit_line(u, year_end=s.year_end) for u in s.scoreboard)
    return "\n".join(lines) + "\n"


# Widths fit the headers on one line in the portrait 版心 at 小四 (a unit name of 8 characters too).
SCOREBOARD_COLUMNS = (
    Column("责任单位", 36, "left"),
    Column("牵头", 12, "center"),
    Column("完成", 12, "center"),
    Column("部分未达", 22, "center"),
    Column("未完成", 17, "center"),
    Column("待研判", 17, "center"),
    Column("未达序时", 22, "center"),
    Column("协办", 12, "center"),
)


def scoreboard_layout(s: Summary) -> TableLayout:
    """The per-unit scoreboard as a table (also used for Excel)."""
    columns = SCOREBOARD_COLUMNS if not s.year_end else tuple(c for c in SCOREBOARD_COLUMNS if c.header != "未达序时")
    rows = []
    for u in s.scoreboard:
        values = [u.unit, u.led, u.done, u.partly_done, u.not_done, u.unknown, u.behind, u.supported]
        if s.year_end:
            del values[6]
        rows.append(tuple(str(v) for v in values))
    return TableLayout(title="各单位完成情况", columns=columns, rows=tuple(rows), kind="status_table")


def summary_docx(s: Summary) -> bytes:
    """The summary as a Word document (portrait, GB/T 9704), with the scoreboard as a table."""
    doc = gb.new_document(landscape=False)
    p = gb.paragraph_xml
    blocks = [p(gb.title_lines(s.title), gb.STYLE_TITLE)]
    if s.as_of:
        blocks.append(p(f"（截至{_date(s.as_of)}）", gb.STYLE_PLAIN, align="center"))
    blocks.append(p("", gb.STYLE_PLAIN))
    blocks += [p("一、总体情况", gb.STYLE_H1), p(headline(s), gb.STYLE_BODY)]
    blocks.append(p(f"二、{lagging_heading(s)}", gb.STYLE_H1))
    if not s.lagging:
        blocks.append(p("无。", gb.STYLE_BODY))
    for t in s.lagging:
        blocks.append(p(f"{_task_label(t)}【{t.label}】", gb.STYLE_BODY))
        blocks.extend(p(r, gb.STYLE_BODY) for r in t.reasons)
    n = 3
    if s.review:
        blocks.append(p("三、需人工研判的目标", gb.STYLE_H1))
        for t in s.review:
            blocks.append(p(_task_label(t), gb.STYLE_BODY))
            blocks.extend(p(r, gb.STYLE_BODY) for r in t.reasons)
        n = 4
    blocks.append(p(f"{'三四'[n - 3]}、各单位完成情况", gb.STYLE_H1))
    blocks.append(table_xml(scoreboard_layout(s), gb.TEXT_WIDTH_MM))
    doc.append(blocks)
    return doc.to_bytes()
