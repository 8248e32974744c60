"""The dates the commands take: the forms offices write, and a Chinese message for anything else."""

from __future__ import annotations

import datetime as dt

import pytest

from luoshi.commands.dates import parse_date
from luoshi.errors import LuoshiError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-06-30", dt.date(2021, 6, 30)),
        (" 2021-12-31 ", dt.date(2021, 12, 31)),
        ("2021/6/30", dt.date(2021, 6, 30)),
        ("2021.9.30", dt.date(2021, 9, 30)),
        ("2021年6月30日", dt.date(2021, 6, 30)),
        ("2022年1月8", dt.date(2022, 1, 8)),
        (None, None),
        ("", None),
    ],
)
def test_a_date_is_read_in_the_forms_offices_write(text: str | None, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2021-02-30", "2021-13-01", "6月30日", "明天", "20210630", "2021-06"])
def test_anything_else_is_refused_with_what_to_write(text: str) -> None:
    with pytest.raises(LuoshiError) as caught:
        parse_date(text, "研判日期")
    assert caught.value.message == f"研判日期“{text}”无法识别。请写成 YYYY-MM-DD，例如 2021-06-30。"
