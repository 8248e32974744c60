"""The seeds' own tables, captured as text in each way people copy a web table, parse to the same rows.

Seed 000's four tables (the execution table, the projects, the city tasks with their continued rows,
next year's plan draft) are printed again in each captured form the status-table fixtures show —
one cell per line ending in "|", one cell per blank-line paragraph, the whole table on one line — and
must give the rows the original .txt gives: number, text, units, leaders, progress and status.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import pytest

from luoshi.model import Document, Paragraph, Plan, Table, Task
from luoshi.read import read_bytes, read_path
from luoshi.structure import parse_document
from tests.conftest import seed_path


def _cells(table: Table) -> Iterator[list[str]]:
    for row in table.rows:
        yield [c.text for c in row if c.text.strip()]


def cell_lines(table: Table) -> list[str]:
    """One cell per line ending in "|" (a cell's own line breaks kept), each row closed by a line "|"."""
    out: list[str] = []
    for row in _cells(table):
        for text in row:
            lines = text.split("\n")
            out.extend([*lines[:-1], f"{lines[-1]} |"])
        out.append("|")
    return out


def blank_paragraphs(table: Table) -> list[str]:
    """One cell per paragraph, a blank line between cells (a cell's own line break has none)."""
    out: list[str] = []
    for row in _cells(table):
        for text in row:
            out.extend(["", *text.split("\n")])
    return [*out, ""]


def one_line(table: Table) -> list[str]:
    """The whole table on one line, its cells parted by spaces (a cell's line breaks become spaces)."""
    return ["  ".join(" ".join(text.split("\n")) for row in _cells(table) for text in row)]


FORMS: dict[str, Callable[[Table], list[str]]] = {
    "cell-lines": cell_lines,
    "blank-paragraphs": blank_paragraphs,
    "one-line": one_line,
}


@cache
def original() -> tuple[Document, Plan]:
    doc = read_path(seed_path("000"))
    return doc, parse_document(doc)


@cache
def captured(form: str) -> Plan:
    doc, _ = original()
    lines: list[str] = []
    for block in doc.blocks:
        lines.extend([block.text] if isinstance(block, Paragraph) else FORMS[form](block))
    return parse_document(read_bytes("\n".join(lines).encode("utf-8"), "captured.txt"))


def rows(tasks: tuple[Task, ...]) -> list[dict[str, Any]]:
    return [
        {
            "number": t.number,
            "text": t.text,
            "lead": t.lead,
            "co": t.co,
            "leaders": t.leaders,
            "target": t.target,
            "progress": t.progress,
            "status": t.status,
            "section": t.section,
        }
        for t in tasks
    ]


PARTS = range(4)


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("part", PARTS)
def test_a_seed_table_captured_as_text_parses_to_the_same_rows(form: str, part: int) -> None:
    _, plan = original()
    got = captured(form)
    assert [p.kind for p in got.parts] == [p.kind for p in plan.parts]
    assert rows(got.parts[part].tasks) == rows(plan.parts[part].tasks)


def main() -> None:
    _, plan = original()
    for form in sorted(FORMS):
        got = captured(form)
        same = [
            sum(a == b for a, b in zip(rows(g.tasks), rows(p.tasks), strict=False))
            for g, p in zip(got.parts, plan.parts, strict=False)
        ]
        total = [len(p.tasks) for p in plan.parts]
        print(
            f"{form:<18} "
            + "  ".join(f"附件{n + 1} {s}/{t}" for n, (s, t) in enumerate(zip(same, total, strict=False)))
        )


if __name__ == "__main__":
    main()
