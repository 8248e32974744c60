"""Acceptance: other governments' progress notices read as hand-checked (items, references, units, figures, status).

Each fixture in ``tests/fixtures/notices/`` has a ``<name>.expected.json`` written and checked by hand
(``docs/layouts/notices.md`` says where each comes from; ``docs/layouts/progress_notice.md`` is the
grammar and the conventions of the answers). A notice is progress: its figures must come out as
observations of its items, never as targets.

The module carries the ``foreign`` marker: it fails honestly wherever a form of notice is not yet read.
``python -m tests.core.test_progress_notices`` prints, per notice, how much of the answer is reached.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from luoshi.model import Part, Task
from luoshi.quantities.numbers import normalise
from luoshi.read import read_bytes, read_path
from luoshi.structure import parse_document
from luoshi.structure.numbering import numeral_value
from luoshi.structure.standing import standing_of
from tests.acceptance import parsed, printed_text
from tests.docbuild import to_docx, to_html

pytestmark = pytest.mark.foreign

NOTICES = Path(__file__).resolve().parent.parent / "fixtures" / "notices"


def _expected() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(NOTICES.glob("*.expected.json"))]


EXPECTED = _expected()
IDS = [e["fixture"] for e in EXPECTED]


def _notice(fixture: str) -> Part | None:
    parts = [p for p in parsed(NOTICES / fixture).parts if p.kind == "progress_notice"]
    return parts[0] if parts else None


def _items(fixture: str) -> list[Task]:
    part = _notice(fixture)
    return list(part.tasks) if part is not None else []


def _period(label: str | None) -> str | None:
    """A period as printed, compared without its spelling: "1-8月份" = "1-8月", "1—9月" = "1-9月", "1至7月"."""
    if label is None:
        return None
    return re.sub(r"份$", "", normalise(label).replace("至", "-").replace("—", "-")).removeprefix("第")


def _ref(ref: str | None) -> int | None:
    return numeral_value(ref) if ref else None


def item_row(task: Task) -> dict[str, Any]:
    """What the answer records of an item, from the parsed task."""
    return {
        "number": task.number,
        "task_ref": _ref(task.ref),
        "text": task.text,
        "lead": list(task.lead),
        "co": list(task.co),
        "category": task.section,
        "status": task.standing,
        "gap": task.gap,
    }


def expected_row(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "number": item["number"],
        "task_ref": _ref(item["task_ref"]),
        "text": item["text"],
        "lead": item["lead"],
        "co": item["co"],
        "category": item["category"],
        "status": item["status"] if item["status"] != "unknown" or item["status_text"] else None,
        "gap": item["gap"],
    }


def figures(task: Task) -> list[tuple[Any, ...]]:
    return [
        (_period(o.period), o.value, o.unit, o.growth_pct, o.forecast)
        for o in task.observations
        if o.value is not None or o.growth_pct is not None
    ]


def expected_figures(item: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(_period(o["period"]), o["value"], o["unit"], o["growth_pct"], o["forecast"]) for o in item["observations"]]


def score(expected: dict[str, Any]) -> dict[str, Any]:
    """How many of a notice's expected items are read, and how many of them in each respect."""
    items = _items(expected["fixture"])
    by_text = {t.text: t for t in items}
    want = expected["items"]
    found = [by_text.get(w["text"]) for w in want]
    pairs = [(t, w) for t, w in zip(found, want, strict=True) if t is not None]
    fields = ("number", "task_ref", "lead", "co", "category", "status", "gap")
    out: dict[str, Any] = {
        "expected": len(want),
        "found": len(pairs),
        "extra": [t.text for t in items if t.text not in {w["text"] for w in want}],
        "figures": sum(figures(t) == expected_figures(w) for t, w in pairs),
    }
    for f in fields:
        out[f] = sum(item_row(t)[f] == expected_row(w)[f] for t, w in pairs)
    out["missed"] = [w["text"] for t, w in zip(found, want, strict=True) if t is None]
    return out


# --------------------------------------------------------------------------- the data itself


def test_every_notice_fixture_has_expected_answers() -> None:
    documents = {p.name for p in NOTICES.iterdir() if not p.name.endswith(".expected.json")}
    assert documents == {e["fixture"] for e in EXPECTED}
    assert all(e["kind"] == "progress_notice" for e in EXPECTED)
    # At least six notices from at least six provinces (the issue's floor for the data).
    assert len(EXPECTED) >= 6
    assert len({e["province"] for e in EXPECTED if e["province"]}) >= 6


@pytest.mark.parametrize("expected", EXPECTED, ids=IDS)
def test_expected_items_are_printed_in_the_notice(expected: dict[str, Any]) -> None:
    """Guards the acceptance data: every item's name, gap and figure is in the notice's text."""
    printed = printed_text(NOTICES / expected["fixture"])
    for item in expected["items"]:
        for words in [item["text"], item["gap"] or "", *(o["text"] for o in item["observations"])]:
            assert words in printed, words


# --------------------------------------------------------------------------- what the parser makes of them


@pytest.mark.parametrize("expected", EXPECTED, ids=IDS)
def test_notice_is_read_as_a_progress_notice_of_its_period(expected: dict[str, Any]) -> None:
    part = _notice(expected["fixture"])
    assert part is not None, "no progress_notice part"
    assert _period(part.period) == _period(expected["period"])
    assert part.title == expected["title"] or expected["title"] is None


@pytest.mark.parametrize("expected", EXPECTED, ids=IDS)
def test_notice_items_are_the_hand_checked_items_in_order(expected: dict[str, Any]) -> None:
    assert [t.text for t in _items(expected["fixture"])] == [w["text"] for w in expected["items"]]


@pytest.mark.parametrize("expected", EXPECTED, ids=IDS)
def test_notice_item_has_its_number_reference_units_category_status_and_gap(expected: dict[str, Any]) -> None:
    by_text = {t.text: t for t in _items(expected["fixture"])}
    for want in expected["items"]:
        got = by_text.get(want["text"])
        assert got is not None, want["text"]
        assert item_row(got) == expected_row(want)
        if want["status_text"]:
            # The printed words the status rests on: the item's own or its list's lead-in.
            assert got.status and (got.status in want["status_text"] or want["status_text"] in got.status)


@pytest.mark.parametrize("expected", EXPECTED, ids=IDS)
def test_notice_figures_are_observations_never_targets(expected: dict[str, Any]) -> None:
    items = _items(expected["fixture"])
    assert not [i for t in items for i in t.indicators], "a notice sets no target"
    by_text = {t.text: t for t in items}
    for want in expected["items"]:
        got = by_text.get(want["text"])
        assert got is not None
        assert figures(got) == expected_figures(want)
        for obs, w in zip(got.observations, want["observations"], strict=False):
            assert obs.text in w["text"]


@pytest.mark.parametrize("expected", EXPECTED, ids=IDS)
def test_notice_summary_counts_the_whole(expected: dict[str, Any]) -> None:
    part = _notice(expected["fixture"])
    assert part is not None
    want = expected["summary"]
    if want is None:
        assert part.summary is None
        return
    assert part.summary is not None
    assert part.summary.total == want["total"]
    got = [(c.count, c.pct, c.standing) for c in part.summary.counts]
    assert got == [(c["count"], c["pct"], standing_of(c["label"])) for c in want["counts"]]


@pytest.mark.parametrize("fmt", ["docx", "html"])
@pytest.mark.parametrize("expected", EXPECTED, ids=IDS)
def test_the_notice_as_word_or_web_page_gives_the_same_items(expected: dict[str, Any], fmt: str) -> None:
    """The notice rebuilt as its author's .docx (Word numbering, Heading styles) or a site's page."""
    doc = read_path(NOTICES / expected["fixture"])
    data = to_docx(doc) if fmt == "docx" else to_html(doc)
    parts = parse_document(read_bytes(data, f"notice.{fmt}")).parts
    got = [(t.number, t.ref, t.text, t.standing, t.gap) for p in parts for t in p.tasks]
    assert got == [(t.number, t.ref, t.text, t.standing, t.gap) for t in _items(expected["fixture"])]


def main() -> None:
    """Print, per notice, what of the hand-checked answer the parser reaches."""
    header = f"{'notice':<30} {'items':>7} {'no.':>4} {'ref':>4} {'unit':>4} {'cat.':>4} {'status':>6} {'gap':>4} {'fig.':>4}"
    print(header)
    print("-" * len(header))
    totals = dict.fromkeys(
        ("expected", "found", "number", "task_ref", "lead", "category", "status", "gap", "figures"), 0
    )
    for e in EXPECTED:
        s = score(e)
        for k in totals:
            totals[k] += s[k]
        print(
            f"{e['fixture']:<30} {s['found']:>3}/{s['expected']:<3} {s['number']:>4} {s['task_ref']:>4} {s['lead']:>4} "
            f"{s['category']:>4} {s['status']:>6} {s['gap']:>4} {s['figures']:>4}"
        )
        for text in s["missed"]:
            print(f"  missed: {text}")
        for text in s["extra"]:
            print(f"  extra:  {text}")
    t = totals
    print(
        f"{'all':<30} {t['found']:>3}/{t['expected']:<3} {t['number']:>4} {t['task_ref']:>4} {t['lead']:>4} "
        f"{t['category']:>4} {t['status']:>6} {t['gap']:>4} {t['figures']:>4}"
    )


if __name__ == "__main__":
    main()
