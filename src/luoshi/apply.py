"""Apply progress read from another document to a plan: each reported item or figure placed on its task.

A progress notice, a half-year report or another office's status table reports on a plan already known.
``apply_progress(tasks, progress)`` places everything the progress document reports (``reported``):

- an item printing the plan's number ("(第6项)", "(第十二项)") goes to the task of that number;
- an item or row without one is matched by its words and units (``match.match_tasks``);
- a figure alone (a half-year report's) by the indicator it measures (``match.match_observations``).

What the matcher takes at its own precision (``THRESHOLD``/``MARGIN``, ``OBSERVATION_THRESHOLD``) is
*matched*; anything with a weaker best task is *offered*, with up to ``MAX_CANDIDATES`` tasks, for the
office to confirm; the rest is *unmatched*. A wrong match puts one unit's progress under another's task,
so the matcher's thresholds are never lowered for what is stored without a person's word.

Nothing is stored here: ``entries`` turns the placements the office confirmed into the period's
progress entries, each with its words, figures, status and where in the source document it was read;
``judge_entries`` judges the plan's tasks on them (``luoshi judge PLAN --progress FILE``).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from luoshi.errors import LuoshiError
from luoshi.judge import judge_task, read_period
from luoshi.match import content_words, match_observations, match_tasks
from luoshi.model import Block, Document, Observation, Paragraph, Plan, Source, Span, Standing, Task, TaskVerdict
from luoshi.read import read_bytes
from luoshi.structure import parse_document
from luoshi.structure.narrative import DOUBLE_HALF_METRICS
from luoshi.structure.notices import period_of
from luoshi.structure.numbering import numeral_value

State = Literal["matched", "offered", "unmatched"]

# A weaker best task is offered from this score (the matcher's own threshold takes it without asking).
OFFER_FROM = 0.15
OFFER_OBSERVATION_FROM = 0.25
MAX_CANDIDATES = 5
# The parts that report progress.
PROGRESS_KINDS = ("progress_notice", "status_table", "project_table", "half_year_report")
# Abbreviations reports use for an indicator the plan names in full.
METRIC_ALIASES: tuple[tuple[str, str], ...] = (("GDP", "地区生产总值"), ("社零额", "社会消费品零售总额"))


@dataclass(frozen=True)
class Reported:
    """One thing a progress document reports: an item or row (with its words), or a figure on its own."""

    kind: Literal["item", "figure"]
    label: str  # the item's name, or the figure's metric
    text: str  # what is stored as the progress: the item's words, or the sentence holding the figure
    observations: tuple[Observation, ...] = ()
    status: str | None = None  # as printed
    standing: Standing | None = None
    ref: str | None = None  # the plan's number the item prints
    lead: tuple[str, ...] = ()
    co: tuple[str, ...] = ()
    span: Span | None = None
    context: str = ""  # the paragraph a figure stands in (for offering tasks by its words)


@dataclass(frozen=True)
class Candidate:
    """A task a reported item may belong to: its index in the plan's tasks, the score and why."""

    task: int
    score: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Placement:
    """Where one reported item goes: matched (the first candidate), offered (to confirm), or unmatched."""

    reported: Reported
    state: State
    candidates: tuple[Candidate, ...] = ()

    @property
    def task(self) -> int | None:
        return self.candidates[0].task if self.state == "matched" else None


@dataclass(frozen=True)
class Application:
    """Everything a progress document reports, placed on the plan's tasks (nothing stored yet)."""

    source: Source
    period: str | None
    placements: tuple[Placement, ...]

    def of_state(self, state: State) -> list[Placement]:
        return [p for p in self.placements if p.state == state]


@dataclass(frozen=True)
class Entry:
    """A progress entry for one task of the plan, from one reported item, with where it was read."""

    task: int
    text: str
    observations: tuple[Observation, ...]
    status: str | None
    standing: Standing | None
    source: Source
    span: Span | None


# --------------------------------------------------------------------------- what a document reports


def reported(progress: Plan, document: Document | None = None) -> tuple[list[Reported], str | None]:
    """The items and figures a parsed progress document reports, and the period it reports on.

    ``document`` (the read document) gives a figure the sentence it was printed in.
    """
    out: list[Reported] = []
    period: str | None = None
    for part in progress.parts:
        if part.kind not in PROGRESS_KINDS:
            continue
        period = period or part.period or _title_period(part.title)
        for task in part.tasks:
            if part.kind != "progress_notice" and not (task.progress or task.status):
                continue
            words = task.text if not task.progress else f"{task.text}：{task.progress}"
            out.append(
                Reported(
                    "item", task.text, words, task.observations, task.status, task.standing, task.ref,
                    task.lead, task.co, task.span,
                )
            )  # fmt: skip
        for obs in part.observations:
            if _counts_targets(obs):
                continue  # "72项目标中，有68项…双过半": the report counts the plan's targets
            paragraph = _paragraph(document, obs.span)
            out.append(
                Reported(
                    "figure", obs.metric or obs.text, _sentence(paragraph, obs.text) or obs.text, (obs,),
                    span=obs.span, context=paragraph,
                )
            )  # fmt: skip
    return out, period


def _counts_targets(obs: Observation) -> bool:
    metric = obs.metric or ""
    return metric in DOUBLE_HALF_METRICS or (obs.unit == "项" and "目标" in metric)


def _title_period(title: str | None) -> str | None:
    return period_of(title or "")


def _paragraph(document: Document | None, span: Span | None) -> str:
    if document is None or span is None or not 0 <= span.block < len(document.blocks):
        return ""
    block: Block = document.blocks[span.block]
    return block.text if isinstance(block, Paragraph) else ""


def _sentence(paragraph: str, words: str) -> str:
    """The sentence of ``paragraph`` that holds ``words``."""
    at = paragraph.find(words)
    if at < 0:
        return ""
    start = max(paragraph.rfind(c, 0, at) for c in "。；;") + 1
    ends = [e for e in (paragraph.find(c, at + len(words)) for c in "。；;") if e >= 0]
    return re.sub(r"^\s*\d+\s*[、.．]\s*", "", paragraph[start : min(ends) if ends else len(paragraph)]).strip()


# --------------------------------------------------------------------------- placing them


def apply_progress(tasks: Sequence[Task], progress: Plan, document: Document | None = None) -> Application:
    """Place everything ``progress`` reports on ``tasks`` (the plan's): matched, offered or unmatched."""
    items, period = reported(progress, document)
    if not items:
        raise LuoshiError(
            "文件中没有找到进展情况（督查通报的事项、执行情况表的进展、半年报告的数据）。"
            "请确认导入的是进度通报、执行情况报告或进展情况表。"
        )
    placements: list[Placement | None] = [None] * len(items)
    by_number = _numbers(tasks)
    rows: list[int] = []
    figures: list[int] = []
    for n, item in enumerate(items):
        value = numeral_value(item.ref) if item.ref else None
        if value is not None and value in by_number and _agrees(item, tasks[by_number[value]]):
            placements[n] = Placement(item, "matched", (Candidate(by_number[value], 1.0, (f"注明第{item.ref}项",)),))
        elif item.kind == "item":
            rows.append(n)
        else:
            figures.append(n)
    for n, placement in zip(rows, _place_rows([items[n] for n in rows], tasks, by_number), strict=True):
        placements[n] = placement
    for n, placement in zip(figures, _place_figures([items[n] for n in figures], tasks), strict=True):
        placements[n] = placement
    return Application(progress.source, period, tuple(p for p in placements if p is not None))


def apply_document(tasks: Sequence[Task], data: bytes, filename: str) -> Application:
    """Read a progress document's bytes and place what it reports on ``tasks`` (``apply_progress``)."""
    document = read_bytes(data, filename)
    return apply_progress(tasks, parse_document(document), document)


def _numbers(tasks: Sequence[Task]) -> dict[int, int]:
    """The plan's task numbers (their values) → task index; a number printed twice names no one task."""
    seen: dict[int, list[int]] = {}
    for i, task in enumerate(tasks):
        value = numeral_value(re.sub(r"[\s.、．()（）]", "", task.number or ""))
        if value is not None:
            seen.setdefault(value, []).append(i)
    return {v: idx[0] for v, idx in seen.items() if len(idx) == 1}


def _agrees(item: Reported, task: Task) -> bool:
    """Whether the task of the printed number speaks of what the item names (a word in common).

    A notice of another plan, or a misprinted number, must not put an item under a task it does not name.
    """
    return bool(content_words(_aliased(item.label)) & content_words(task.text))


def _as_row(item: Reported) -> Task:
    return Task(number=None, text=_aliased(item.label), lead=item.lead, co=item.co)


def _place_rows(items: list[Reported], tasks: Sequence[Task], by_number: Mapping[int, int]) -> list[Placement]:
    rows = [_as_row(i) for i in items]
    found = match_tasks(rows, tasks)
    out: list[Placement] = []
    for item, row, match in zip(items, rows, found, strict=True):
        if match is None and item.observations:
            # An item's figures name its indicator: "地区生产总值：增长6.1%" is the GDP task's.
            by_figure = match_observations([_aliased_observation(o) for o in item.observations], tasks)
            first = by_figure[0] if by_figure else None
            if first is not None and all(m is not None and m.index == first.index for m in by_figure):
                match = first
        if match is not None:
            out.append(Placement(item, "matched", (Candidate(match.index, match.score, match.reasons),)))
            continue
        candidates = _text_candidates(row.text, item, tasks)
        value = numeral_value(item.ref) if item.ref else None
        if value is not None and value in by_number:
            # The printed number names a task whose words differ: offered, never taken on the number alone.
            candidates.append(Candidate(by_number[value], OFFER_FROM, (f"注明第{item.ref}项，但文字不同",)))
        out.append(_offer(item, candidates))
    return out


def _place_figures(items: list[Reported], tasks: Sequence[Task]) -> list[Placement]:
    observations = [_aliased_observation(i.observations[0]) for i in items]
    found = match_observations(observations, tasks)
    weak = match_observations(observations, tasks, threshold=OFFER_OBSERVATION_FROM, margin=0.0)
    out: list[Placement] = []
    for item, match, guess in zip(items, found, weak, strict=True):
        if match is not None:
            out.append(Placement(item, "matched", (Candidate(match.index, match.score, match.reasons),)))
            continue
        candidates = [Candidate(guess.index, guess.score, guess.reasons)] if guess is not None else []
        # The figure's own clause first, then its sentence and paragraph: the nearer words say more.
        candidates += _text_candidates(_aliased(item.text), item, tasks, depth=2)
        candidates += _text_candidates(_aliased(item.context), item, tasks, depth=4)
        out.append(_offer(item, candidates))
    return out


def _offer(item: Reported, candidates: list[Candidate]) -> Placement:
    kept: list[Candidate] = []
    for c in candidates:
        if c.score >= OFFER_FROM and all(c.task != k.task for k in kept):
            kept.append(c)
    if not kept:
        return Placement(item, "unmatched")
    return Placement(item, "offered", tuple(kept[:MAX_CANDIDATES]))


def _text_candidates(text: str, item: Reported, tasks: Sequence[Task], depth: int = 3) -> list[Candidate]:
    """The tasks whose words are nearest ``text``, best first: each next one found without the ones before."""
    if not text.strip():
        return []
    row = Task(number=None, text=text, lead=item.lead, co=item.co)
    remaining = list(range(len(tasks)))
    out: list[Candidate] = []
    for _ in range(depth):
        if not remaining:
            break
        (m,) = match_tasks([row], [tasks[i] for i in remaining], threshold=0.0, margin=0.0)
        if m is None or m.score <= 0:
            break
        out.append(Candidate(remaining[m.index], m.score, m.reasons))
        remaining.pop(m.index)
    return sorted(out, key=lambda c: -c.score)


def _aliased(text: str) -> str:
    for short, full in METRIC_ALIASES:
        text = text.replace(short, full)
    return text


def _aliased_observation(obs: Observation) -> Observation:
    return replace(obs, metric=_aliased(obs.metric)) if obs.metric else obs


# --------------------------------------------------------------------------- what is stored


def entries(application: Application, choices: Mapping[int, int | None] | None = None) -> list[Entry]:
    """The progress entries the office confirmed: ``choices`` maps a placement's index to a task (or None).

    Without ``choices`` only the matched placements are taken; an offered one needs the office's word.
    """
    out: list[Entry] = []
    for n, placement in enumerate(application.placements):
        task = choices[n] if choices is not None and n in choices else placement.task
        if task is None:
            continue
        item = placement.reported
        out.append(Entry(task, item.text, item.observations, item.status, item.standing, application.source, item.span))
    return out


# --------------------------------------------------------------------------- judging the plan on it


@dataclass(frozen=True)
class TaskJudgement:
    """A plan task judged on the progress entries another document gave it."""

    task: int
    entries: tuple[Entry, ...]
    verdict: TaskVerdict


def period_end(period: str | None, year: int | None) -> date | None:
    """The last day of the period a document reports on ("1-8月份" of 2022 → 2022-08-31), if both are known."""
    months = read_period(period).months if period else None
    if months is None or year is None:
        return None
    return date(year, months, calendar.monthrange(year, months)[1])


def judge_entries(
    tasks: Sequence[Task], stored: Sequence[Entry], *, as_of: date | None = None, year: int | None = None
) -> list[TaskJudgement]:
    """Each task that received entries, judged on their words and figures (``judge.judge_task``)."""
    by_task: dict[int, list[Entry]] = {}
    for entry in stored:
        by_task.setdefault(entry.task, []).append(entry)
    out: list[TaskJudgement] = []
    for index in sorted(by_task):
        given = by_task[index]
        task = tasks[index]
        # Figures read with their item are given as read; a row's words are left to the judge to read.
        observations = [o for e in given for o in e.observations] if all(e.observations for e in given) else None
        progress = "；".join(dict.fromkeys(e.text for e in given))
        verdict = judge_task(task, progress, observations=observations, as_of=as_of, year=year)
        out.append(TaskJudgement(index, tuple(given), verdict))
    return out
