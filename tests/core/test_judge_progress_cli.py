"""``luoshi judge PLAN --progress FILE``: a plan judged on the progress another document reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from luoshi.cli import main
from tests.conftest import FIXTURES, seed_path


def test_the_half_year_report_judges_the_plan_tasks_it_reports_on(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["judge", str(seed_path("001")), "--progress", str(seed_path("002")), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["plan"]["tasks"] == 72 and data["progress"]["period"] == "上半年"
    states = {p["state"] for p in data["placements"]}
    assert states <= {"matched", "offered", "unmatched"} and "matched" in states
    judged = {t["number"]: t for t in data["tasks"]}
    # 地区生产总值增长7% against "GDP…增长12.9%" at June 30.
    assert judged["11"]["verdict"] == "done" and "12.9%" in judged["11"]["rule"]
    # Only the matched placements are judged on: an offered one waits for the office.
    matched = sum(p["state"] == "matched" for p in data["placements"])
    assert sum(len(t["progress"]) for t in data["tasks"]) <= matched


def test_the_text_output_lists_what_waits_for_confirmation(capsys: pytest.CaptureFixture[str]) -> None:
    notice = FIXTURES / "notices" / "lianyungang-2019-q3.txt"
    assert main(["judge", str(seed_path("001")), "--progress", str(notice), "--as-of", "2021-09-30"]) == 0
    out = capsys.readouterr().out
    assert "已对应" in out and "待确认" in out and "研判日期 2021-09-30" in out
    assert "地区生产总值增长7%" in out


def test_a_progress_file_that_reports_nothing_exits_2_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["judge", str(seed_path("001")), "--progress", str(seed_path("003"))]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "没有找到进展情况" in err


def test_a_plan_file_without_tasks_exits_2_in_chinese(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("通知\n请各单位认真学习。\n", encoding="utf-8")
    assert main(["judge", str(path), "--progress", str(seed_path("002"))]) == 2
    assert "没有识别出计划的任务" in capsys.readouterr().err
