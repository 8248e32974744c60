"""Plans of any length: a plan of more than a thousand tasks keeps every task and its four-digit number.

The plans are seed 001's grammar at scale (``tests/scaled.py``); the speed of reading them is measured
in ``bench/bench_scale.py``, never here.
"""

from __future__ import annotations

from functools import cache

import pytest

from luoshi.model import Task
from luoshi.read import read_bytes
from luoshi.structure import parse_document
from luoshi.structure.numbering import read_number
from tests.docbuild import to_docx
from tests.scaled import scaled_plan

SIZE = 1_050


@cache
def tasks(form: str) -> tuple[Task, ...]:
    text = scaled_plan(SIZE).encode("utf-8")
    data = text if form == "txt" else to_docx(read_bytes(text, "plan.txt"))
    (part,) = parse_document(read_bytes(data, f"plan.{form}")).parts
    return part.tasks


@pytest.mark.parametrize("form", ["txt", "docx"])
def test_every_task_of_a_long_plan_is_read_with_its_number(form: str) -> None:
    got = tasks(form)
    assert [t.number for t in got] == [str(n) for n in range(1, SIZE + 1)]
    assert all(t.lead for t in got)


@pytest.mark.parametrize("form", ["txt", "docx"])
def test_a_task_numbered_in_thousands_reads_like_the_first(form: str) -> None:
    got = tasks(form)
    first, later = got[0], got[72 * 14]  # the same seed task, numbered 1 and 1009
    assert later.number == "1009"
    assert (later.text, later.lead, later.co) == (first.text, first.lead, first.co)


@pytest.mark.parametrize(
    ("text", "numeral"),
    [
        ("1000.地区生产总值增长7%", "1000"),
        ("12345、任务", "12345"),
        ("2021、2022年连续两年", None),
        ("10.5%的增长", None),
    ],
)
def test_numbers_of_four_and_five_digits_are_read_and_years_are_not(text: str, numeral: str | None) -> None:
    number = read_number(text)
    assert (number.numeral if number else None) == numeral
