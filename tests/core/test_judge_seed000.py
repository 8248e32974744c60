"""The judge on seed 000 (year-end execution tables), measured against the statuses the document prints.

The judge reads only each row's target and progress text; the printed 是否完成 is the gold here and
is compared afterwards. Run with ``-s`` to see the figures.
"""

from __future__ import annotations

from functools import cache

import pytest

from luoshi.judge import PartJudgement, judge_plan
from luoshi.read import read_path
from luoshi.structure import parse_document
from tests.conftest import gold, seed_path

CAUGHT = ("not_done", "partly_done")
AGREES_WITH_YES = ("done", "deemed_done")


@cache
def judged() -> tuple[PartJudgement, ...]:
    return tuple(judge_plan(parse_document(read_path(seed_path("000")))))


def part(kind: str, nth: int = 0) -> PartJudgement:
    return [p for p in judged() if p.kind == kind][nth]


def figures(p: PartJudgement) -> tuple[int, int, int, int]:
    """(是 rows flagged, 是 rows, other rows caught, other rows): flagged = any verdict but done/deemed_done."""
    yes = [r for r in p.rows if r.printed == "是"]
    other = [r for r in p.rows if r.printed in ("否", "部分未达")]
    flagged = sum(r.verdict.verdict not in AGREES_WITH_YES for r in yes)
    caught = sum(r.verdict.verdict in CAUGHT for r in other)
    return flagged, len(yes), caught, len(other)


def test_the_judged_rows_are_the_gold_rows_with_their_printed_statuses() -> None:
    g = gold("000")
    for key, p in (("1", part("status_table")), ("2", part("project_table"))):
        assert [r.printed for r in p.rows] == [row["status"] for row in g[key]]


def test_attachment_1_partly_missed_rows_are_caught_and_few_done_rows_flagged() -> None:
    flagged, yes, caught, other = figures(part("status_table"))
    print(f"\n附件1：{other}项“部分未达”中判出{caught}项；{yes}项“是”中标出{flagged}项")
    assert other == 6 and caught == 6
    assert yes == 66 and flagged == 0


def test_attachment_2_missed_projects_are_caught_and_few_done_rows_flagged() -> None:
    flagged, yes, caught, other = figures(part("project_table"))
    print(f"\n附件2：{other}项“否”中判出{caught}项；{yes}项“是”中标出{flagged}项")
    assert other == 5 and caught == 5
    assert yes == 47 and flagged <= 3


@pytest.mark.parametrize("kind", ["status_table", "project_table"])
def test_every_disagreement_has_reasons_naming_target_and_progress(kind: str) -> None:
    for r in part(kind).disagreements:
        assert r.verdict.reasons, f"row {r.number} has no reasons"
        assert any("目标" in reason for reason in r.verdict.reasons)
        assert any("进展" in reason or "实绩" in reason or "预计" in reason for reason in r.verdict.reasons)


def test_forecast_based_verdicts_are_marked() -> None:
    rows = part("status_table").rows
    on_forecast = [r for r in rows if r.verdict.on_forecast]
    assert on_forecast, "year-end rows resting on 全年预计 must be marked"
    assert all(any("预计" in reason for reason in r.verdict.reasons) for r in on_forecast)
