"""Each form of progress notice, built from the grammar (docs/layouts/progress_notice.md), reads into its items.

The real notices are in ``test_progress_notices``; the cases here are short synthetic notices, one per
form the grammar names (and the variants the real ones do not show: full-width punctuation, a reference
in Chinese numerals without brackets, items run together on one line, a status category listing quoted
names with their count), so that a rule keyed to one fixture's words fails here.
"""

from __future__ import annotations

from typing import Any

import pytest

from luoshi.model import Part
from luoshi.read import read_bytes
from luoshi.structure import parse_document


def notice(text: str) -> Part:
    parts = parse_document(read_bytes(text.encode("utf-8"), "notice.txt")).parts
    assert [p.kind for p in parts] == ["progress_notice"], [p.kind for p in parts]
    return parts[0]


def items(text: str) -> list[tuple[Any, ...]]:
    return [(t.number, t.ref, t.text, t.lead, t.standing) for t in notice(text).tasks]


HEAD = "关于2022年前三季度政府工作报告重点任务落实情况的通报\n现将有关情况通报如下：\n"

CASES = [
    pytest.param(
        HEAD + "一、综合指标类2项\n1．地区生产总值（第1项）：增长6.1%，低于目标0.9个百分点。\n"
        "2．一般公共预算收入（第3项）：增长3.9%，低于目标11.1个百分点。\n",
        [("1", "1", "地区生产总值", (), None), ("2", "3", "一般公共预算收入", (), None)],
        id="numbered-fullwidth-with-references",
    ),
    pytest.param(
        HEAD + "滞后事项如下：\n1、城市书房建设，牵头单位：县文广旅局。主体工程尚未完工。\n"
        "2、污水管网改造，责任单位：县住建局。进度相对较慢。\n",
        [
            ("1", None, "城市书房建设", ("县文广旅局",), "behind"),
            ("2", None, "污水管网改造", ("县住建局",), "behind"),
        ],
        id="numbered-with-unit-clauses-under-a-lead-in",
    ),
    pytest.param(
        HEAD + "未达序时的项目：一是老旧小区改造（第十二项）完成年度目标的40%；二是城市书房建设（第二十项）主体未完工；"
        "三是农贸市场改造（第五项）尚在招标。\n",
        [
            ("一", "十二", "老旧小区改造", (), "behind"),
            ("二", "二十", "城市书房建设", (), "behind"),
            ("三", "五", "农贸市场改造", (), "behind"),
        ],
        id="enumerated-in-one-paragraph",
    ),
    pytest.param(
        HEAD
        + "滞后事项：\n一是老旧小区改造（第十二项），完成年度目标的40%。\n二是城市书房建设（第二十项），主体未完工。\n",
        [("一", "十二", "老旧小区改造", (), "behind"), ("二", "二十", "城市书房建设", (), "behind")],
        id="enumerated-one-a-paragraph",
    ),
    pytest.param(
        HEAD + "262项任务中，达到序时进度236项、占90.1%，未达到序时进度26项、占9.9%。\n"
        "一、已完成的有“新建学校3所”、“改造老旧小区12个”等15项。\n"
        "二、滞后的有城市书房建设、污水管网改造等26项。\n",
        [
            (None, None, "新建学校3所", (), "done"),
            (None, None, "改造老旧小区12个", (), "done"),
            (None, None, "城市书房建设", (), "behind"),
            (None, None, "污水管网改造", (), "behind"),
        ],
        id="names-listed-under-status-categories",
    ),
    pytest.param(
        HEAD + "（一）地区生产总值（第1项）：增长6.5%，低于目标0.5个百分点。\n（二）固定资产投资（第2项）：增长4%。\n",
        [("一", "1", "地区生产总值", (), None), ("二", "2", "固定资产投资", (), None)],
        id="items-numbered-like-headings",
    ),
    pytest.param(
        HEAD + "1.地区生产总值(第1项):增长6.1%,低于目标0.9个百分点。2.固定资产投资(第3项):增长6%,低于目标3个百分点。"
        "3.工业投资(第4项):增长14.6%。\n",
        [("1", "1", "地区生产总值", (), None), ("2", "3", "固定资产投资", (), None), ("3", "4", "工业投资", (), None)],
        id="numbered-items-run-together-on-one-line",
    ),
    pytest.param(
        HEAD + "1.地区生产总值：前三季度增长5.6%，低于目标1.4个百分点。（牵头单位：市发改委）\n"
        "2.城市书房建设：进度滞后。（市文旅局牵头，各区配合）\n",
        [("1", None, "地区生产总值", ("市发改委",), None), ("2", None, "城市书房建设", ("市文旅局",), "behind")],
        id="numbered-with-a-unit-clause-at-the-end",
    ),
    pytest.param(
        HEAD + "（一）地区生产总值。前三季度增长5.6%，低于年度目标1.4个百分点。\n"
        "（二）一般公共预算收入。完成年度目标的68%，滞后序时进度7个百分点。\n",
        [("一", None, "地区生产总值", (), None), ("二", None, "一般公共预算收入", (), "behind")],
        id="items-as-headings-running-on",
    ),
    pytest.param(
        HEAD + "第十二项城市书房建设：主体工程已完工。\n第十五项污水管网改造：进度滞后。\n",
        [(None, "十二", "城市书房建设", (), "done"), (None, "十五", "污水管网改造", (), "behind")],
        id="items-opened-by-their-reference",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_each_form_of_notice_reads_into_its_items(text: str, expected: list[tuple[Any, ...]]) -> None:
    assert items(text) == expected


def test_the_reported_figures_are_observations_and_the_gap_is_kept_apart() -> None:
    part = notice(HEAD + "1.实际利用外资(第7项):实际到资3.73亿美元,完成年度目标的53.3%,低于目标21.7个百分点。\n")
    (task,) = part.tasks
    assert task.gap == "完成年度目标的53.3%,低于目标21.7个百分点"
    assert [(o.value, o.unit) for o in task.observations] == [(3.73, "亿美元")]
    assert task.indicators == ()


def test_counts_of_the_whole_are_the_summary() -> None:
    summary = notice(HEAD + "262项任务中，达到序时进度236项、占90.1%，未达到序时进度26项、占9.9%。\n").summary
    assert summary is not None
    assert summary.total == 262
    assert [(c.count, c.pct, c.standing) for c in summary.counts] == [(236, 90.1, "on_schedule"), (26, 9.9, "behind")]


def test_a_total_said_before_its_number_is_the_total() -> None:
    summary = notice(
        HEAD + "全年共安排重点任务262项，截至目前已完成86项，占32.8%；正常推进158项，占60.3%；滞后18项，占6.9%。\n"
    ).summary
    assert summary is not None
    assert (summary.total, [(c.count, c.pct, c.standing) for c in summary.counts]) == (
        262,
        [(86, 32.8, "done"), (158, 60.3, "on_schedule"), (18, 6.9, "behind")],
    )


def test_a_count_of_listed_names_is_a_count() -> None:
    summary = notice(HEAD + "共30项任务。已完成的有“新建学校3所”、“改造老旧小区12个”等15项，其余正常推进。\n").summary
    assert summary is not None
    assert (summary.total, [(c.count, c.standing) for c in summary.counts]) == (30, [(15, "done")])


def test_a_notice_of_two_paragraphs_is_still_a_notice() -> None:
    part = notice("关于一季度民生实事进展情况的通报\n截至3月底，10件民生实事已完成2件，其余正按序时推进。\n")
    assert part.summary is not None
    assert (part.period, part.summary.total, part.summary.counts[0].count) == ("一季度", 10, 2)


def test_requirements_after_the_items_are_not_items() -> None:
    part = notice(
        HEAD + "滞后项目：一是城市书房建设（第二项）进度滞后；二是污水管网改造（第五项）尚未开工。\n"
        "下一步工作要求：\n一是压实责任。各单位要倒排工期，确保完成。\n二是加强调度。对推进缓慢的项目要专题研究。\n"
    )
    assert [t.text for t in part.tasks] == ["城市书房建设", "污水管网改造"]


@pytest.mark.parametrize(
    "text",
    [
        "区政府关于印发《2021年主要工作目标任务分解落实方案》的通知\n各部门：\n现将方案印发给你们，请认真贯彻落实。\n"
        "1.地区生产总值增长7%。（区发改委主办）\n2.一般公共预算收入增长5%。（区财政局主办）\n",
        "主任、各位副主任、各位委员：\n我向本次会议报告上半年计划执行情况，请予审议。\n一、上半年计划执行情况\n"
        "72项目标中，有68项顺利实现“双过半”。\n",
    ],
    ids=["a-plan", "a-speech-to-a-meeting"],
)
def test_a_plan_or_a_speech_is_no_notice(text: str) -> None:
    parts = parse_document(read_bytes(text.encode("utf-8"), "doc.txt")).parts
    assert "progress_notice" not in [p.kind for p in parts]
