"""The 督查通报: standings from verdicts, the reason from the report, the period's words, and seed 000 counted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from luoshi.documents import parse_file
from luoshi.judge.parts import part_verdicts
from luoshi.model import TaskVerdict
from luoshi.render.notice import build_notice, headline, notice_text, period_words, reason_of, standing_of

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"


def verdict(value: str, on_schedule: bool | None = None, reasons: tuple[str, ...] = ()) -> TaskVerdict:
    return TaskVerdict(verdict=value, reasons=reasons, rule="", on_schedule=on_schedule)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("given", "progress", "expected"),
    [
        (verdict("done"), "已完成。", "done"),
        (verdict("deemed_done"), "", "deemed"),
        (verdict("unknown", True), "推进中。", "on_schedule"),
        (verdict("unknown", False), "推进中。", "behind"),
        (verdict("partly_done", True), "部分完成。", "behind"),
        (verdict("not_done"), "未完成。", "behind"),
        (verdict("unknown"), "推进中。", "review"),
        (verdict("done"), "", "missing"),
        (None, "有进展。", "missing"),
    ],
)
def test_a_task_stands_as_its_verdict_says(given: TaskVerdict | None, progress: str, expected: str) -> None:
    assert standing_of(given, progress) == expected


@pytest.mark.parametrize(
    ("progress", "reasons", "expected"),
    [
        (
            "项目已开工。受疫情影响，设备到货推迟，主体工程尚未完工。",
            (),
            "受疫情影响，设备到货推迟，主体工程尚未完工。",
        ),
        (
            "完成投资3亿元。",
            ("目标≥5亿元；实绩3亿元；未达标（差2亿元）",),
            "目标≥5亿元；实绩3亿元；未达标（差2亿元）。",
        ),
        (
            "",
            ("目标≥480亿元；预计480亿元；已达标", "目标≥500家；实绩450家；未达标（差50家）"),
            "目标≥500家；实绩450家；未达标（差50家）。",
        ),
        ("", (), "报告未说明原因。"),
    ],
)
def test_the_reason_is_the_reports_own_words_else_the_judges(
    progress: str, reasons: tuple[str, ...], expected: str
) -> None:
    assert reason_of(progress, verdict("not_done", reasons=reasons)) == expected


@pytest.mark.parametrize(
    ("period", "as_of", "expected"),
    [
        ("2021年上半年", None, "上半年"),
        ("2021年1-9月", None, "1-9月"),
        (None, dt.date(2021, 9, 30), "前三季度"),
        (None, dt.date(2021, 11, 30), "1-11月"),
        (None, None, "全年"),
    ],
)
def test_the_period_is_named_as_notices_name_it(period: str | None, as_of: dt.date | None, expected: str) -> None:
    assert period_words(period, as_of) == expected


def test_seed_000s_year_end_notice_counts_every_task_once_and_names_what_lags() -> None:
    (seed,) = SEEDS.glob("000_*.txt")
    plan = parse_file(seed)
    index = next(i for i, p in enumerate(plan.parts) if p.kind == "status_table")
    notice = build_notice(plan.parts[index], part_verdicts(plan, index, as_of=dt.date(2021, 12, 31)))
    assert sum(notice.counts.values()) == notice.total == 72
    assert headline(notice).startswith("72项任务中，已完成")
    assert notice.lagging == notice.counts["behind"] > 0
    text = notice_text(notice)
    assert "关于2021年《政府工作报告》目标任务全年推进情况的督查通报" in text
    assert "牵头）：" in text and "各牵头单位推进情况" in text
    # The units named as most behind are the ones with the most lagging tasks.
    worst = notice.most_behind[0]
    assert worst.behind == max(u.behind for u in notice.units)
