"""``luoshi judge FILE``: the verdict table, the disagreements with reasons, the JSON shape, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from luoshi.cli import main
from tests.conftest import seed_path

VERDICTS = {"done", "partly_done", "not_done", "deemed_done", "unknown"}


def test_json_lists_every_row_with_printed_status_verdict_and_reasons(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["judge", str(seed_path("000")), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["parts"]) >= 2
    first = data["parts"][0]
    assert {"title", "rows"} <= set(first)
    assert len(first["rows"]) == 72
    for row in first["rows"]:
        assert {"number", "printed", "verdict", "reasons"} <= set(row)
        assert row["verdict"] in VERDICTS
        assert row["reasons"] and all(isinstance(r, str) for r in row["reasons"])


def test_text_output_lists_each_disagreement_with_its_reasons(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["judge", str(seed_path("000"))]) == 0
    out = capsys.readouterr().out
    assert "与文件所列不一致的" in out
    data_rows = [line for line in out.splitlines() if line.startswith("第") and "研判“" in line]
    assert data_rows and all("文件所列“" in line for line in data_rows)
    assert "    · 目标" in out


def test_as_of_date_is_used_and_a_bad_one_exits_2_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["judge", str(seed_path("000")), "--as-of", "2021-06-30", "--json"]) == 0
    capsys.readouterr()
    assert main(["judge", str(seed_path("000")), "--as-of", "2021-13-01"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "YYYY-MM-DD" in err


def test_a_file_without_status_tables_exits_2_saying_what_to_import(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("关于印发2021年工作要点的通知\n一、加快发展。\n", encoding="utf-8")
    assert main(["judge", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "执行情况表" in err


@pytest.mark.parametrize(
    ("title", "as_of"),
    [
        ("鼓楼区2021年国民经济和社会发展计划执行情况表", "2021-12-31"),
        ("2021年重大产业类项目全年完成情况表", "2021-12-31"),
        ("2021年上半年重点工作推进情况表", "2021-06-30"),
        ("2021年1-9月重点项目进展表", "2021-09-30"),
    ],
)
def test_a_table_is_judged_at_the_date_its_title_names(title: str, as_of: str) -> None:
    import datetime as dt

    from luoshi.judge.table import default_as_of
    from luoshi.model import Part

    assert default_as_of(Part(title, "status_table"), 2021) == dt.date.fromisoformat(as_of)
