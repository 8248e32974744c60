"""The judge cases of other governments' tables, judged the way a user's file is: read, structured, judged.

``test_judge_cases`` hands the judge each row as its cells under their headers. This module rebuilds
each table from the fixture's columns and cells (one cell per line, rows apart, as the seeds' text
renders tables), parses it with the table reader and judges it with ``judge_plan``, as ``luoshi judge
FILE`` does, so the figures measure the path a user's document takes: columns read by their meaning
(已完成数, 累计开工数, 完成比例(%) are progress; 计划完成数 a target), several figure columns each under
its header, a bare target read under the row's name, the unit printed apart from the figures.

Left out: tables whose targets the document states outside the table (``common_target``: 湖南's
"投资完成率达到50%及以上" is a note under the title), which a rebuilt table cannot carry.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from luoshi.judge import judge_plan
from luoshi.read import read_bytes
from luoshi.structure import parse_document

CASES_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "judge_cases"
FLOOR = 0.95  # measured: 63 of 66 rows right


def _tables() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(CASES_DIR.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("cells") and not doc["cells"].get("common_target"):
            out.append((path.stem, doc))
    return out


def rebuilt(doc: dict[str, Any]) -> bytes:
    """The fixture's table as text: its columns, then each case's cells in the same order."""
    layout = doc["cells"]
    columns = list(dict.fromkeys([*layout["target"], *layout["progress"]]))
    lines = [doc.get("document") or "进展情况表", ""]
    lines += [f"\t{h}" for h in ["序号", *columns]] + [""]
    for n, case in enumerate(doc["cases"], 1):
        values = dict(zip(layout["target"], case["target"].split(" | "), strict=False))
        values |= dict(zip(layout["progress"], case["progress"].split(" | "), strict=False))
        lines += [f"\t{v}" for v in [str(n), *(values.get(h, "") for h in columns)]] + [""]
    return "\n".join(lines).encode("utf-8")


@cache
def judged(name: str) -> list[tuple[str, str]]:
    """(expected, judged) verdict per case of the table ``name``."""
    doc = dict(_tables())[name]
    plan = parse_document(read_bytes(rebuilt(doc), f"{name}.txt"))
    as_of = dt.date.fromisoformat(doc["as_of"])
    rows = [row for part in judge_plan(plan, as_of=as_of) for row in part.rows]
    assert len(rows) == len(doc["cases"]), f"{name}: {len(rows)} rows read of {len(doc['cases'])}"
    return [(case["expected"]["verdict"], row.verdict.verdict) for case, row in zip(doc["cases"], rows, strict=True)]


@pytest.mark.parametrize("name", [name for name, _ in _tables()])
def test_every_row_of_a_rebuilt_table_is_read_and_judged(name: str) -> None:
    assert judged(name)


def test_the_tables_judged_as_a_users_file_are_mostly_right() -> None:
    pairs = [pair for name, _ in _tables() for pair in judged(name)]
    right = sum(expected == got for expected, got in pairs)
    assert right / len(pairs) >= FLOOR, f"{right} of {len(pairs)} right"


if __name__ == "__main__":  # pragma: no cover
    for name, _ in _tables():
        pairs = judged(name)
        print(f"{name}: {sum(e == g for e, g in pairs)}/{len(pairs)}", [p for p in pairs if p[0] != p[1]])
