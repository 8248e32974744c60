"""Acceptance: other governments' status tables and work reports give the hand-checked answers.

Each fixture in ``tests/fixtures/unseen/`` has a ``<name>.expected.json`` written and checked by hand
(``docs/layouts/unseen.md`` says where each document comes from and what its grammar is):

- ``kind: status_table``: every row as a task with its number, text, units, progress and status;
- ``kind: work_report``: the coming year's targets (main expected targets and quantified task
  targets), each with the words it is printed in (``text``).

The module carries the ``foreign`` marker: it is an acceptance test of the parsers and fails
honestly wherever a layout's grammar is not yet understood. ``python -m tests.core.test_unseen_documents``
prints the figures (targets found, comparators right, other indicators) per document.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from luoshi.model import Part, Plan, Task
from tests.acceptance import match_targets, parsed, printed_text, task_number

pytestmark = pytest.mark.foreign

UNSEEN = Path(__file__).resolve().parent.parent / "fixtures" / "unseen"

# Share of a work report's expected targets that must be found with the right value, unit and kind.
TARGET_SHARE = 0.9


def _expected() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(UNSEEN.glob("*.expected.json"))]


EXPECTED = _expected()

# Cases that fail today because a grammar rule is missing from the parsers (see docs/layouts/unseen.md,
# "Results"). Each is a strict xfail: the day the parser learns the rule the case passes, the strict
# xfail reports it, and its entry here is to be deleted. Keyed by test name and parameter id.
KNOWN_GAPS: dict[tuple[str, str], str] = {}


def _params(test: str, kind: str | None = None) -> list[Any]:
    """One parameter per fixture (of the kind, if given), marked xfail where a known gap makes it fail."""
    params = []
    for e in EXPECTED:
        if kind is not None and e["kind"] != kind:
            continue
        gap = KNOWN_GAPS.get((test, e["fixture"]))
        marks = [pytest.mark.xfail(reason=gap, strict=True)] if gap else []
        params.append(pytest.param(e, id=e["fixture"], marks=marks))
    return params


def _row_params(test: str) -> list[Any]:
    """One parameter per expected status-table row, marked xfail where a known gap makes it fail."""
    params = []
    for e in EXPECTED:
        if e["kind"] != "status_table":
            continue
        for t in e["tasks"]:
            row = f"{e['fixture']}#{t['number']}"
            gap = KNOWN_GAPS.get((test, row))
            marks = [pytest.mark.xfail(reason=gap, strict=True)] if gap else []
            params.append(pytest.param(e, t, id=row, marks=marks))
    return params


def _plan(fixture: str) -> Plan:
    return parsed(UNSEEN / fixture)


def _parts(fixture: str) -> list[Part]:
    return [part for part in _plan(fixture).parts if part.tasks]


def _tasks(fixture: str) -> list[Task]:
    return [task for part in _parts(fixture) for task in part.tasks]


def _printed_text(expected: dict[str, Any]) -> str:
    return printed_text(UNSEEN / expected["fixture"], str(expected.get("encoding", "utf-8")))


def measure_targets(fixture: str, targets: list[dict[str, Any]]) -> dict[str, Any]:
    """The expected targets of a report matched with the indicators parsed from it."""
    return match_targets([i for t in _tasks(fixture) for i in t.indicators], targets)


# --------------------------------------------------------------------------- the data itself


def test_every_unseen_fixture_has_expected_answers() -> None:
    documents = {p.name for p in UNSEEN.iterdir() if not p.name.endswith(".expected.json")}
    described = {e["fixture"] for e in EXPECTED}
    assert documents == described
    assert all(e["kind"] in {"status_table", "work_report"} for e in EXPECTED)
    assert all(e.get("targets") if e["kind"] == "work_report" else e.get("tasks") for e in EXPECTED)


@pytest.mark.parametrize("expected", _params("test_expected_targets_are_printed_in_the_report_in_order", "work_report"))
def test_expected_targets_are_printed_in_the_report_in_order(expected: dict[str, Any]) -> None:
    """Guards the acceptance data: each target's words are in the report, after the previous target's."""
    printed = _printed_text(expected)
    position, previous = 0, None
    for target in expected["targets"]:
        if target["text"] != previous:
            found = printed.find(target["text"], position)
            assert found >= 0, f"{target['text']!r} is not printed after the previous target"
            position, previous = found + len(target["text"]), target["text"]


@pytest.mark.parametrize("expected", _params("test_expected_rows_are_printed_in_the_table_in_order", "status_table"))
def test_expected_rows_are_printed_in_the_table_in_order(expected: dict[str, Any]) -> None:
    """Guards the acceptance data: every expected text, unit, progress and status is in the document."""
    printed = _printed_text(expected)
    position = 0
    for task in expected["tasks"]:
        found = printed.find(task["text"], position)
        assert found >= 0, f"row {task['number']}: text not found after the previous row"
        end = found + len(task["text"])
        window = printed[end : end + 2000]
        for value in task["lead"] + task["co"] + [task["progress"] or "", task["status"] or ""]:
            assert value in window, f"row {task['number']}: {value!r} is not printed beside its text"
        position = end


# --------------------------------------------------------------------------- what the parsers make of them


@pytest.mark.parametrize("expected", _params("test_unseen_document_gives_parts_of_the_expected_kind_and_year"))
def test_unseen_document_gives_parts_of_the_expected_kind_and_year(expected: dict[str, Any]) -> None:
    parts = _parts(expected["fixture"])
    assert {p.kind for p in parts} == {expected["kind"]}
    assert {p.year for p in parts} == {expected["year"]}


@pytest.mark.parametrize("expected", _params("test_unseen_document_names_its_government"))
def test_unseen_document_names_its_government(expected: dict[str, Any]) -> None:
    assert {p.government for p in _parts(expected["fixture"])} == {expected["government"]}


@pytest.mark.parametrize("expected", _params("test_work_report_gives_the_expected_targets", "work_report"))
def test_work_report_gives_the_expected_targets(expected: dict[str, Any]) -> None:
    m = measure_targets(expected["fixture"], expected["targets"])
    print(
        f"{expected['fixture']}: {m['found']}/{m['expected']} targets found, "
        f"{m['comparator_right']} with the right comparator, {m['other_indicators']} other indicators"
    )
    missed = [t["text"] for t in m["missed"]]
    assert m["found"] >= TARGET_SHARE * m["expected"], missed


@pytest.mark.parametrize(
    "expected", _params("test_status_table_yields_exactly_the_expected_row_numbers", "status_table")
)
def test_status_table_yields_exactly_the_expected_row_numbers(expected: dict[str, Any]) -> None:
    got = [task_number(t.number) for t in _tasks(expected["fixture"])]
    want = [task_number(t["number"]) for t in expected["tasks"]]
    assert got == want


@pytest.mark.parametrize(
    ("expected", "want"), _row_params("test_status_row_has_the_hand_checked_text_units_progress_and_status")
)
def test_status_row_has_the_hand_checked_text_units_progress_and_status(
    expected: dict[str, Any], want: dict[str, Any]
) -> None:
    tasks = _tasks(expected["fixture"])
    same_text = [t for t in tasks if t.text.strip() == want["text"]]
    same_number = [
        t for t in tasks if want["number"] is not None and task_number(t.number) == task_number(want["number"])
    ]
    assert same_text or same_number, f"no row with number {want['number']} or its text"
    got = (same_text or same_number)[0]
    assert {
        "number": task_number(got.number),
        "text": got.text.strip(),
        "lead": list(got.lead),
        "co": list(got.co),
        "progress": (got.progress or "").strip() or None,
        "status": got.status,
    } == {
        "number": task_number(want["number"]),
        "text": want["text"],
        "lead": want["lead"],
        "co": want["co"],
        "progress": want["progress"],
        "status": want["status"],
    }


def main() -> None:
    """Print, per work report, the targets found and the indicators that are not expected targets."""
    for expected in EXPECTED:
        if expected["kind"] != "work_report":
            continue
        m = measure_targets(expected["fixture"], expected["targets"])
        print(
            f"{expected['fixture']}: {m['found']}/{m['expected']} targets found "
            f"({m['found'] / m['expected']:.0%}), comparator right for {m['comparator_right']}, "
            f"{m['other_indicators']} other indicators"
        )
        for t in m["missed"]:
            print(f"  missed: {t['text']}  ({t['kind']} {t['cmp']} {t['value']} {t['unit']})")
        for i in m["others"]:
            print(f"  other:  {i.text}  ({i.kind} {i.comparator} {i.value} {i.unit}; {i.metric})")


if __name__ == "__main__":
    main()
