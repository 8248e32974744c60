"""Acceptance: the judge on hand-checked rows of other governments' progress documents.

The cases (``tests/fixtures/judge_cases/``, provenance in its README) are rows and items of real
status tables, 督查通报 and 民生实事 progress reports, none of them Nanjing's, each with the verdict
the rules of docs/judge.md give, the clause it rests on and the figure cited. Three sets, measured
apart: the documents the rules were tuned on; four documents set aside before any rule was written
for them (``HELD_OUT``); a second held-out set collected later from other governments (its files say
``"split": "holdout2"``), measured first as found and only then used to fix classes of error; and a
third (``"split": "holdout3"``), collected after those fixes to measure them on tables nobody had seen; and a
fourth (``"split": "holdout4"``), collected after the third set's fixes, for the same purpose; and a fifth
(``"split": "holdout5"``), collected after the fourth set's fixes and measured once, as found.

Measured, per set: verdicts right; cited figures right (the verdict right *and* the figure the
verdict rests on is the expected one — right for the wrong reason counts as wrong); confidently
wrong (a definite verdict where the text does not settle it, or the opposite verdict); the confusion
matrix. Print the tables with ``python -m tests.core.test_judge_cases``.

A table row is handed to the judge as a table reader gives it: its cells under their headers
("进度：52242；完成比例(%)：187.9") and the unit printed apart from the figures (``measure``).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from luoshi.judge import judge_task
from luoshi.model import TaskVerdict

CASES_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "judge_cases"
# Set aside (drawn at random, before any rule was written for them): measured, never tuned on.
HELD_OUT = frozenset(
    {
        "hunan-2018-livelihood-h1",
        "hunan-2021-old-estates-08",
        "meishan-2019-livelihood-table",
        "xianning-2021-notice-h1",
    }
)
VERDICTS = ("done", "partly_done", "not_done", "unknown")
DEFINITE = frozenset({"done", "partly_done", "not_done"})
BEHIND = frozenset({"partly_done", "not_done"})

# The goals on tables nobody here has seen, and the floors the tuned set holds.
GOAL_VERDICTS = 0.85
GOAL_FIGURES = 0.80
GOAL_CONFIDENTLY_WRONG = 1 / 50


@dataclass(frozen=True)
class Case:
    """One hand-checked row: what the judge is given and what it should say."""

    id: str
    document: str
    kind: str
    as_of: date
    target: str
    progress: str
    measure: str | None
    expected: str
    evidence: str | None
    figure: str | None
    printed: str | None
    classes: tuple[int, ...]
    split: str = "tuned"

    @property
    def held_out(self) -> bool:
        return self.split == "held_out"


def _row_text(cells: list[str], headers: list[str], skip: set[str], item: str | None = None) -> str:
    """Cells under their headers ("进度：52242；完成比例(%)：187.9"); an item's name stands for its header."""
    # A row may leave its last cells empty (a ratio with no 完成比例).
    pairs = [(h, c) for h, c in zip(headers, cells, strict=False) if h not in skip and c.strip()]
    return "；".join(f"{item or h}：{c.strip()}" for h, c in pairs)


def _as_given(doc: dict[str, Any], case: dict[str, Any]) -> tuple[str, str]:
    """The target and progress as the judge gets them: a table row's cells under their headers."""
    layout = doc.get("cells")
    target, progress = case["target"], case["progress"]
    if not layout or " | " not in target:
        return target, progress
    cells = target.split(" | ")
    item_at = layout.get("item")
    item = cells[item_at] if item_at is not None else None
    skip = set(layout["name"])
    if item_at is not None:
        skip.add(layout["target"][item_at])
    text = _row_text(cells, layout["target"], skip, item)
    if layout.get("common_target"):
        text += "；" + layout["common_target"]
    return text, _row_text(progress.split(" | "), layout["progress"], set())


@cache
def load_cases() -> tuple[Case, ...]:
    out: list[Case] = []
    for path in sorted(CASES_DIR.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        as_of = date.fromisoformat(doc["as_of"])
        split = "held_out" if path.stem in HELD_OUT else doc.get("split", "tuned")
        for c in doc["cases"]:
            target, progress = _as_given(doc, c)
            e = c["expected"]
            out.append(
                Case(
                    c["id"],
                    path.stem,
                    doc["kind"],
                    as_of,
                    target,
                    progress,
                    c.get("measure"),
                    e["verdict"],
                    e["evidence"],
                    e["figure"],
                    c["printed_status"],
                    tuple(c["classes"]),
                    split,
                )
            )
    return tuple(out)


@cache
def verdict_of(case: Case) -> TaskVerdict:
    return judge_task(
        case.target,
        case.progress,
        as_of=case.as_of,
        year=case.as_of.year,
        project=case.kind == "project_table",
        measure=case.measure,
    )


def _norm(text: str | None) -> str:
    return "".join((text or "").split()).replace("，", ",").replace("（", "(").replace("）", ")").replace("％", "%")


def cites_figure(case: Case, verdict: TaskVerdict) -> bool:
    """The verdict rests on the expected figure: it is in the words the verdict cites."""
    return bool(case.figure) and _norm(case.figure) in _norm(verdict.evidence)


def cites_evidence(case: Case, verdict: TaskVerdict) -> bool:
    """The words the verdict cites and the expected clause overlap (one holds most of the other)."""
    a, b = _norm(case.evidence), _norm(verdict.evidence)
    if not a or not b:
        return not a and not b
    if a in b or b in a:
        return True
    grams = {a[i : i + 2] for i in range(len(a) - 1)}
    return len(grams & {b[i : i + 2] for i in range(len(b) - 1)}) >= 0.6 * len(grams)


def confidently_wrong(expected: str, got: str) -> bool:
    """A definite verdict where the text does not settle it, or the opposite verdict."""
    if expected == "unknown":
        return got in DEFINITE
    return (expected == "done" and got in BEHIND) or (expected in BEHIND and got == "done")


@dataclass(frozen=True)
class Score:
    """The figures of one set of cases."""

    cases: int
    right: int
    with_figure: int
    figures_right: int
    with_evidence: int
    evidence_right: int
    confident_wrong: int
    confusion: Counter[tuple[str, str]]

    @property
    def accuracy(self) -> float:
        return self.right / self.cases if self.cases else 0.0

    @property
    def figure_rate(self) -> float:
        return self.figures_right / self.with_figure if self.with_figure else 0.0

    @property
    def wrong_rate(self) -> float:
        return self.confident_wrong / self.cases if self.cases else 0.0


def score(cases: tuple[Case, ...] | list[Case]) -> Score:
    confusion: Counter[tuple[str, str]] = Counter()
    right = figures = evidence = wrong = 0
    for case in cases:
        v = verdict_of(case)
        got = "done" if v.verdict == "deemed_done" else v.verdict
        confusion[(case.expected, got)] += 1
        ok = got == case.expected
        right += ok
        figures += ok and cites_figure(case, v)
        evidence += ok and bool(case.evidence) and cites_evidence(case, v)
        wrong += confidently_wrong(case.expected, got)
    return Score(
        len(cases),
        right,
        sum(1 for c in cases if c.figure),
        figures,
        sum(1 for c in cases if c.evidence),
        evidence,
        wrong,
        confusion,
    )


SPLITS = ("tuned", "held_out", "holdout2", "holdout3", "holdout4", "holdout5")


def cases_of(split: str) -> list[Case]:
    return [c for c in load_cases() if c.split == split]


def tuned() -> list[Case]:
    return cases_of("tuned")


def held_out() -> list[Case]:
    return cases_of("held_out")


def holdout2() -> list[Case]:
    return cases_of("holdout2")


def holdout3() -> list[Case]:
    return cases_of("holdout3")


def holdout4() -> list[Case]:
    return cases_of("holdout4")


def holdout5() -> list[Case]:
    return cases_of("holdout5")


# --------------------------------------------------------------------------- the data


def test_the_cases_are_the_documents_rows() -> None:
    cases = load_cases()
    assert len(cases) >= 150
    assert len({c.document for c in cases}) >= 20
    assert {c.expected for c in cases} <= set(VERDICTS)
    assert {c.document for c in cases} >= HELD_OUT
    assert {c.split for c in cases} == set(SPLITS)
    for c in cases:
        assert c.evidence is None or _norm(c.evidence) in _norm(c.progress) or " | " in c.progress, c.id


# --------------------------------------------------------------------------- the measures

# Measured on the tuned set (see docs/judge.md): 114/114 verdicts, 86/86 cited figures, none confidently
# wrong. Floors a little under, so a change that loses rows fails.
TUNED_FLOORS = {"accuracy": 0.97, "figures": 0.97, "wrong": 0.01}


def test_the_judge_meets_its_floors_on_the_tuned_documents() -> None:
    s = score(tuned())
    assert s.accuracy >= TUNED_FLOORS["accuracy"]
    assert s.figure_rate >= TUNED_FLOORS["figures"]
    assert s.wrong_rate <= TUNED_FLOORS["wrong"]


# The held-out documents, first looked at when the rules were written: 31/41 verdicts (75.6%), 23/34 cited
# figures (67.6%), 10/41 confidently wrong (24.4%) — nearly all 湖南's table, whose investment completion
# rate has a year-end target (投资完成率达到50%及以上) the judge compared with the time elapsed. The
# convention the data's README states for it (a year-end rate is not due during the year) was then
# implemented, with a plan amount whose completion rate is the target read as the rate's base: 35/41
# (85.4%), 27/34 (79.4%), 1/41 (2.4%). These floors guard that second measure; the goals (85%, 80%, 2%)
# are the issue's, for documents nobody here has seen.
# Later, with the second set's classes fixed (see the data's README), these rows came to 41/41, 34/34, none
# confidently wrong: a table's headers read as headers, 湖南's start counts judged on the start rate printed for
# them, a task met citing each target, 咸宁's 亿元以上 count not taking its sibling's 10亿元以上 one. Floors
# one row under.
HELD_OUT_FLOORS = {"accuracy": 0.97, "figures": 0.97, "wrong": 0.03}


def test_the_judge_meets_its_floors_on_the_held_out_documents() -> None:
    s = score(held_out())
    assert s.accuracy >= HELD_OUT_FLOORS["accuracy"]
    assert s.figure_rate >= HELD_OUT_FLOORS["figures"]
    assert s.wrong_rate <= HELD_OUT_FLOORS["wrong"]


# The second held-out set (13 documents of 12 other governments, collected after the rules above and
# measured before any rule was changed for them), first look: 67/93 verdicts (72.0%), 45/78 cited figures
# (57.7%), 9/93 confidently wrong (9.7%). That first look is the honest measure for unseen tables; the
# floors guard what is reached after fixing classes of error (see the data's README): 91/93 (97.8%), 75/78
# (96.2%), none confidently wrong. Floors one row under.
HOLDOUT2_FLOORS = {"accuracy": 0.96, "figures": 0.94, "wrong": 0.02}


def test_the_judge_meets_its_floors_on_the_second_held_out_set() -> None:
    s = score(holdout2())
    assert s.accuracy >= HOLDOUT2_FLOORS["accuracy"]
    assert s.figure_rate >= HOLDOUT2_FLOORS["figures"]
    assert s.wrong_rate <= HOLDOUT2_FLOORS["wrong"]


# A third held-out set (6 documents of 6 more governments), collected after the second set's classes were
# fixed and measured before any rule was changed for it: the judge then scored 17/24 verdicts (70.8%), 15/19
# cited figures (78.9%), 2/24 confidently wrong (8.3%) — exactly what the judge before the second set's fixes
# scored on it. Its own classes then fixed (shares and comparisons as documents word them, projects to finish
# due at year end): 22/24 (91.7%), 18/19 (94.7%), 1/24 (4.2%, a judgement call). Floors one row under.
HOLDOUT3_FLOORS = {"accuracy": 0.87, "figures": 0.89, "wrong": 0.09}


def test_the_judge_meets_its_floors_on_the_third_held_out_set() -> None:
    s = score(holdout3())
    assert s.accuracy >= HOLDOUT3_FLOORS["accuracy"]
    assert s.figure_rate >= HOLDOUT3_FLOORS["figures"]
    assert s.wrong_rate <= HOLDOUT3_FLOORS["wrong"]


# A fourth held-out set (8 documents of 8 more governments), collected after the third set's classes were fixed
# and labelled before the judge was run on it: first look 54/64 verdicts (84.4%), 26/28 cited figures (92.9%),
# 1/64 confidently wrong (1.6%). Its classes then fixed (an item named in a notice's list under a status; a count
# of the plan's own items; a target's count restated as the subject): 64/64, 28/28, none. Floors one row under.
HOLDOUT4_FLOORS = {"accuracy": 0.98, "figures": 0.96, "wrong": 0.02}


def test_the_judge_meets_its_floors_on_the_fourth_held_out_set() -> None:
    s = score(holdout4())
    assert s.accuracy >= HOLDOUT4_FLOORS["accuracy"]
    assert s.figure_rate >= HOLDOUT4_FLOORS["figures"]
    assert s.wrong_rate <= HOLDOUT4_FLOORS["wrong"]


# A fifth held-out set (3 documents of 3 more governments), collected after the fourth set's classes (and classes
# found on pages outside the sets) were fixed, labelled before the judge was run on it: first look 20/24 verdicts
# (83.3%), 15/20 cited figures (75.0%), 1/24 confidently wrong (4.2%). Then money sent down for the works read as
# a step and "共530项" as a count restated: 22/24, 17/20, none. Floors one row under.
HOLDOUT5_FLOORS = {"accuracy": 0.87, "figures": 0.80, "wrong": 0.05}


def test_the_judge_meets_its_floors_on_the_fifth_held_out_set() -> None:
    s = score(holdout5())
    assert s.accuracy >= HOLDOUT5_FLOORS["accuracy"]
    assert s.figure_rate >= HOLDOUT5_FLOORS["figures"]
    assert s.wrong_rate <= HOLDOUT5_FLOORS["wrong"]


# --------------------------------------------------------------------------- the report


def _table(name: str, s: Score) -> list[str]:
    lines = [
        f"{name}: {s.cases} cases",
        f"  verdicts right      {s.right}/{s.cases} = {s.accuracy:.1%}",
        f"  cited figures right {s.figures_right}/{s.with_figure} = {s.figure_rate:.1%}",
        f"  cited clause right  {s.evidence_right}/{s.with_evidence}",
        f"  confidently wrong   {s.confident_wrong}/{s.cases} = {s.wrong_rate:.1%}",
        "  confusion (rows expected, columns judged):",
        "    " + " " * 12 + "".join(f"{v:>12}" for v in VERDICTS),
    ]
    for e in VERDICTS:
        lines.append("    " + f"{e:>12}" + "".join(f"{s.confusion[(e, g)]:>12}" for g in VERDICTS))
    return lines


def _otherwise(cases: list[Case]) -> list[str]:
    """The rows judged otherwise, or judged right on another figure than the expected one."""
    lines = []
    for c in cases:
        v = verdict_of(c)
        got = "done" if v.verdict == "deemed_done" else v.verdict
        if got != c.expected or (c.figure and not cites_figure(c, v)):
            lines.append(f"  {c.id}: expected {c.expected} {c.figure or ''} → {got}; cites {v.evidence!r}")
            lines.append(f"      {v.rule[:150]}")
    return lines


def report(show_wrong: bool = True, rows_of: tuple[str, ...] = ("tuned",)) -> str:
    names = {
        "tuned": "tuned",
        "held_out": "held out",
        "holdout2": "held out (second set)",
        "holdout3": "held out (third set)",
        "holdout4": "held out (fourth set)",
        "holdout5": "held out (fifth set)",
    }
    lines: list[str] = []
    for split in SPLITS:
        lines += _table(names[split], score(cases_of(split)))
    if show_wrong:
        for split in rows_of:
            lines.append(f"rows judged otherwise ({names[split]}):")
            lines += _otherwise(cases_of(split))
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    # python -m tests.core.test_judge_cases [tuned|held_out|holdout2|...|holdout5 ...]: the sets whose rows judged
    # otherwise are listed
    print(report(rows_of=tuple(sys.argv[1:]) or ("tuned",)))
