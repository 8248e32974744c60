"""The half-year / year-end summary in the office's words, the lagging list and the per-unit scoreboard."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace
from functools import cache

import pytest

from luoshi.judge.parts import part_verdicts, printed_verdicts
from luoshi.model import Part, Plan, Task, TaskVerdict, VerdictValue
from luoshi.read import read_bytes, read_path
from luoshi.render.summary import clerk, headline, report_title, summarize, summary_docx, summary_text, why
from luoshi.structure import parse_document
from tests.conftest import gold, seed_path

JUNE = dt.date(2021, 6, 30)
SEPTEMBER = dt.date(2021, 9, 30)
DECEMBER = dt.date(2021, 12, 31)


@cache
def seed_plan(prefix: str) -> Plan:
    return parse_document(read_path(seed_path(prefix)))


def verdict(value: VerdictValue, on_schedule: bool | None = None, reason: str = "理由") -> TaskVerdict:
    return TaskVerdict(verdict=value, reasons=(reason,), rule="test", on_schedule=on_schedule)


def part_of(n: int, lead: tuple[str, ...] = ("发改委",)) -> Part:
    return Part(
        title="执行情况",
        kind="status_table",
        tasks=tuple(Task(str(i + 1), f"目标{i + 1}", lead=lead) for i in range(n)),
    )


def test_the_half_year_sentence_is_the_offices_own() -> None:
    # 72 targets: 68 at or above time progress, 1 behind, 3 with some sub-items behind (seed 002).
    verdicts = [verdict("done", True)] * 68 + [verdict("not_done", False)] + [verdict("partly_done", False)] * 3
    s = summarize(part_of(72), verdicts, as_of=JUNE)
    assert (
        headline(s) == "72项目标中，有68项实现“双过半”，目标过半率为94.4%，有1项目标和3项目标的部分子项未达序时进度。"
    )
    assert s.rate_pct == 94.4 and (s.behind_whole, s.behind_partial) == (1, 3)


@pytest.mark.parametrize(
    ("values", "as_of", "sentence"),
    [
        (
            [("done", True), ("done", True), ("not_done", False)],
            SEPTEMBER,
            "3项目标中，有2项达到序时进度，达序率为66.7%，有1项目标未达序时进度。",
        ),
        (
            [("done", None), ("partly_done", None)],
            JUNE,
            "2项目标中，有1项实现“双过半”，目标过半率为50%，有1项目标的部分子项未达序时进度。",
        ),
        (
            [("done", None), ("deemed_done", None), ("partly_done", None), ("not_done", None)],
            DECEMBER,
            "4项目标中，已完成2项（含视同完成1项），部分未达1项，未完成1项，完成率为50%。",
        ),
        ([("done", None), ("unknown", None)], DECEMBER, "2项目标中，已完成1项，完成率为50%；另有1项需人工研判。"),
        (
            [("done", True), ("unknown", None)],
            JUNE,
            "2项目标中，有1项实现“双过半”，目标过半率为50%；另有1项需人工研判。",
        ),
    ],
)
def test_the_headline_words_the_period(
    values: list[tuple[VerdictValue, bool | None]], as_of: dt.date, sentence: str
) -> None:
    s = summarize(part_of(len(values)), [verdict(v, o) for v, o in values], as_of=as_of)
    assert headline(s) == sentence


def test_a_task_not_settled_is_never_counted_as_done_and_one_not_reported_is_counted_apart() -> None:
    s = summarize(part_of(3), [verdict("done"), verdict("unknown"), None], as_of=DECEMBER)
    assert (s.done, s.unknown, s.on_track, len(s.unreported)) == (1, 1, 1, 1)
    assert [t.number for t in s.review] == ["2"] and [t.number for t in s.unreported] == ["3"]
    # the rate's denominator is the targets reported on, and the sentence says so
    assert headline(s) == (
        "3项目标中，已报送进展2项、未报送1项（不计入统计）；已报送的2项中，已完成1项，完成率为50%；另有1项需人工研判。"
    )


def test_a_continuation_row_not_done_makes_its_done_task_partly_done() -> None:
    part = Part(
        title="表",
        kind="status_table",
        tasks=(Task("1", "道路完工"), Task(None, "续：绿化完成"), Task("2", "小区改造")),
    )
    s = summarize(
        part,
        [verdict("done", reason="道路已完工"), verdict("not_done", reason="绿化未完成"), verdict("done")],
        as_of=DECEMBER,
    )
    assert s.total == 2 and (s.done, s.partly_done) == (1, 1)
    (lag,) = s.lagging
    assert lag.number == "1" and lag.verdict == "partly_done" and lag.reasons == ("道路已完工。", "绿化未完成。")


def test_the_scoreboard_counts_led_tasks_by_verdict_and_supported_ones() -> None:
    part = Part(
        title="表",
        kind="status_table",
        tasks=(
            Task("1", "a", lead=("科技局",), co=("各街道",)),
            Task("2", "b", lead=("科技局", "高新区管委会")),
            Task("3", "c", lead=("发改委",), co=("科技局",)),
        ),
    )
    s = summarize(part, [verdict("done"), verdict("partly_done", False), verdict("not_done", False)], as_of=JUNE)
    board = {u.unit: u for u in s.scoreboard}
    # 各街道 is several units: kept out of the table, noted apart
    assert list(board) == ["科技局", "高新区管委会", "发改委"]
    kj = board["科技局"]
    assert (kj.led, kj.done, kj.partly_done, kj.not_done, kj.behind, kj.supported) == (2, 1, 1, 0, 1, 1)
    ((streets),) = s.collectives
    assert streets.unit == "各街道" and streets.led == 0 and streets.supported == 1
    text = summary_text(s)
    assert "科技局：牵头2项，完成1项，部分未达1项，未达序时进度1项；协办1项" in text
    assert "注：各街道为集体名称，不是单个单位，不列入上表（共协办1项）。" in text


def test_seed_000_by_its_printed_statuses_counts_as_the_gold_does() -> None:
    part = seed_plan("000").parts[0]
    s = summarize(part, printed_verdicts(part), as_of=DECEMBER)
    printed = Counter(row["status"] for row in gold("000")["1"])
    assert (s.total, s.done, s.partly_done, s.not_done) == (
        len(gold("000")["1"]),
        printed["是"],
        printed["部分未达"],
        printed["否"],
    )
    assert {t.number for t in s.lagging} == {str(r["no"]) for r in gold("000")["1"] if r["status"] != "是"}


def test_judged_verdicts_go_one_for_one_with_the_tasks_and_agree_with_judge_plan() -> None:
    from luoshi.judge import judge_plan

    plan = seed_plan("000")
    for index in (0, 1):
        verdicts = part_verdicts(plan, index)
        assert len(verdicts) == len(plan.parts[index].tasks)
        rows = judge_plan(plan)[index].rows
        assert [v.verdict for v in verdicts if v is not None] == [r.verdict.verdict for r in rows]


def test_the_summary_document_holds_the_headline_the_lagging_tasks_and_the_scoreboard() -> None:
    part = seed_plan("000").parts[0]
    s = summarize(part, printed_verdicts(part), as_of=DECEMBER, title="2021年计划执行情况小结")
    doc = read_bytes(summary_docx(s), "小结.docx")
    texts = [b.text for b in doc.blocks if b.kind == "paragraph"]  # type: ignore[union-attr]
    assert texts[0] == "2021年计划执行情况小结"
    assert headline(s) in texts
    assert any(t.startswith(f"{s.lagging[0].number}.") for t in texts)
    (table,) = [b for b in doc.blocks if b.kind == "table"]
    header = [c.text for c in table.rows[0]]  # type: ignore[union-attr]
    assert header[:2] == ["责任单位", "牵头"] and len(table.rows) == len(s.scoreboard) + 1  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("plan_title", "government", "year", "as_of", "title"),
    [
        (
            "2021年区政府主要工作目标任务分解落实方案",
            "鼓楼区",
            2021,
            JUNE,
            "关于鼓楼区2021年区政府主要工作目标任务上半年执行情况的报告",
        ),
        (
            "鼓楼区2021年国民经济和社会发展计划执行情况表",
            None,
            None,
            DECEMBER,
            "关于鼓楼区2021年国民经济和社会发展计划全年执行情况的报告",
        ),
        (
            "2023年区政府主要工作目标任务分解落实方案",
            "玄武区",
            2023,
            SEPTEMBER,
            "关于玄武区2023年区政府主要工作目标任务前三季度执行情况的报告",
        ),
        ("民生实事项目完成情况表", "萧县", 2025, dt.date(2025, 8, 31), "关于萧县2025年民生实事项目1-8月执行情况的报告"),
        (None, None, None, None, "关于目标任务全年执行情况的报告"),
    ],
)
def test_the_summary_has_its_own_title_as_seed_002_words_its_own(
    plan_title: str | None, government: str | None, year: int | None, as_of: dt.date | None, title: str
) -> None:
    assert report_title(plan_title, government, year, as_of) == title


@pytest.mark.parametrize(
    ("rule", "metric", "line"),
    [
        (
            "目标增长≥20%；上半年实绩增长17.2%；未达标（差2.8个百分点）",
            "金融业收入",
            "金融业收入增长20%：上半年增长17.2%，未达标（差2.8个百分点）。",
        ),
        (
            "目标：启动下关大街建设（施工）；进展未提及该项目，需人工研判",
            None,
            "启动下关大街建设（施工）：进展未提及。",
        ),
        ("目标：完善平台建设；进展：已上线运行；进展称已完成/已达到", None, "完善平台建设：已上线运行，已完成。"),
        (
            "目标≥1.5亿美元；上半年实绩1.4亿美元；落后序时进度（50%，应达≥1.5亿美元）",
            "实际利用外资",
            "实际利用外资1.5亿美元：上半年1.4亿美元，落后序时进度（50%，应达1.5亿美元）。",
        ),
        (
            "目标：高企突破600家；进展未提及该项；进展未写明是否完成，需人工研判（进展未报可比数字，按文字判断）",
            None,
            "高企突破600家：进展未提及。",
        ),
    ],
)
def test_a_reason_is_worded_as_a_clerk_writes_it(rule: str, metric: str | None, line: str) -> None:
    assert clerk(rule, metric) == line


def test_a_task_s_reasons_are_one_line_per_target_and_never_repeated() -> None:
    from luoshi.model import Indicator, IndicatorVerdict

    ind = Indicator("高企", "count", ">=", 600, "家", "600家")
    same = IndicatorVerdict(
        ind, "unknown", ("目标：x；进展未提及该项目，需人工研判",), "目标：x；进展未提及该项目，需人工研判"
    )
    v = TaskVerdict("unknown", ("3项目标…",), "3项目标1项达到，2项待研判；…", indicators=(same, same))
    assert why(v, unsettled=True) == ("高企600家：进展未提及。",)


def test_the_proposals_are_marked_in_the_execution_table() -> None:
    from luoshi.reports import ReportRequest
    from luoshi.reports.table import PROPOSAL_NOTE, layouts

    part = part_of(2)
    plan = Plan(source=seed_plan("000").source, parts=(part,))
    signed = replace(verdict("done"), signed=True)
    request = ReportRequest(plan=plan, parts=(0,), verdicts={0: [signed, verdict("not_done")]})
    (layout,) = layouts(request)
    statuses = [row[-1] for row in layout.rows if isinstance(row, tuple)]
    assert statuses == ["是", "否※"] and layout.note is not None and PROPOSAL_NOTE in layout.note
