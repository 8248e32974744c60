"""Acceptance: other governments' real plans, in layouts unlike the seeds, give the hand-checked tasks.

Each fixture in ``tests/fixtures/foreign/`` has a ``<name>.expected.json`` written and checked by hand,
task by task (see ``docs/layouts/foreign.md`` for where each document comes from and its grammar).
The whole module carries the ``foreign`` marker: it is the parsers' acceptance test, and fails
honestly wherever a layout's grammar is not yet understood.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from luoshi.model import Plan, Task
from luoshi.read import read_path
from tests.acceptance import parsed, printed_text, task_number

pytestmark = pytest.mark.foreign

FOREIGN = Path(__file__).resolve().parent.parent / "fixtures" / "foreign"


def _expected() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(FOREIGN.glob("*.expected.json"))]


EXPECTED = _expected()
FIXTURES = [pytest.param(e, id=e["fixture"]) for e in EXPECTED]
TASKS = [pytest.param(e, t, id=f"{e['fixture']}#{t['number']}") for e in EXPECTED for t in e["tasks"]]


def _plan(fixture: str) -> Plan:
    return parsed(FOREIGN / fixture)


def _tasks(fixture: str) -> list[Task]:
    return [task for part in _plan(fixture).parts for task in part.tasks]


def _printed_text(expected: dict[str, Any]) -> str:
    return printed_text(FOREIGN / expected["fixture"], str(expected.get("encoding", "utf-8")))


def test_every_foreign_fixture_has_expected_tasks() -> None:
    documents = {p.name for p in FOREIGN.iterdir() if not p.name.endswith(".expected.json")}
    described = {e["fixture"] for e in EXPECTED}
    assert documents == described
    assert len(EXPECTED) >= 5
    assert all(e["tasks"] for e in EXPECTED)


@pytest.mark.parametrize("expected", FIXTURES)
def test_expected_tasks_are_printed_in_the_fixture_in_order(expected: dict[str, Any]) -> None:
    """Guards the acceptance data itself: every expected text, unit and person is in the document."""
    printed = _printed_text(expected)
    position = 0
    for task in expected["tasks"]:
        found = printed.find(task["text"], position)
        assert found >= 0, f"task {task['number']}: text not found after the previous task"
        end = found + len(task["text"])
        # A continuation row (no number) shares the merged unit cell printed with the row above it.
        window = printed[max(0, found - 300) : end + 300] if task["number"] is None else printed[end : end + 300]
        for name in task["lead"] + task["co"] + task["leaders"]:
            assert name in window, f"task {task['number']}: {name!r} is not printed beside its text"
        if task["section"] is not None:
            assert task["section"] in printed[:found], f"task {task['number']}: section not printed before it"
        position = end


@pytest.mark.parametrize("expected", FIXTURES)
def test_foreign_document_yields_exactly_the_expected_task_numbers(expected: dict[str, Any]) -> None:
    got = [task_number(t.number) for t in _tasks(expected["fixture"])]
    want = [task_number(t["number"]) for t in expected["tasks"]]
    assert got == want


@pytest.mark.parametrize("expected", FIXTURES)
def test_foreign_document_tasks_sit_in_a_part_of_the_expected_kind(expected: dict[str, Any]) -> None:
    kinds = {part.kind for part in _plan(expected["fixture"]).parts if part.tasks}
    assert kinds == {expected["kind"]}


@pytest.mark.parametrize("expected", [f for f in FIXTURES if "encoding" in f.values[0]])
def test_text_fixture_is_read_in_its_declared_encoding(expected: dict[str, Any]) -> None:
    assert read_path(FOREIGN / expected["fixture"]).encoding == expected["encoding"]


@pytest.mark.parametrize(("expected", "want"), TASKS)
def test_foreign_task_has_the_hand_checked_text_units_and_leaders(
    expected: dict[str, Any], want: dict[str, Any]
) -> None:
    tasks = _tasks(expected["fixture"])
    same_text = [t for t in tasks if t.text.strip() == want["text"]]
    same_number = [t for t in tasks if task_number(t.number) == task_number(want["number"])]
    assert same_text or same_number, f"no task with number {want['number']} or its text"
    got = (same_text or same_number)[0]
    assert {
        "number": task_number(got.number),
        "text": got.text.strip(),
        "lead": list(got.lead),
        "co": list(got.co),
        "leaders": list(got.leaders),
    } == {
        "number": task_number(want["number"]),
        "text": want["text"],
        "lead": want["lead"],
        "co": want["co"],
        "leaders": want["leaders"],
    }
    if want["section"] is not None:
        assert (got.section or "").strip() == want["section"]
    if want["status"] is not None:
        assert got.status == want["status"]
    if want.get("deadline") is not None:
        assert got.deadline == want["deadline"]
