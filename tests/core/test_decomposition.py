"""Decomposition plans: the seeds against their gold, and each layout variant in a short made-up plan."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.model import Paragraph, Part
from luoshi.read import read_bytes, read_path
from luoshi.structure import decomposition, parse_document
from tests.conftest import gold, seed_path


def parse_text(text: str) -> Part | None:
    return decomposition.parse_part(None, read_bytes(text.encode("utf-8"), "plan.txt").blocks)


def the_part(text: str) -> Part:
    part = parse_text(text)
    assert part is not None, "not read as a decomposition plan"
    return part


# --------------------------------------------------------------------------- the seeds


@pytest.fixture(scope="module", params=["001", "003"])
def seed(request: pytest.FixtureRequest) -> tuple[Part, list[dict[str, Any]]]:
    plan = parse_document(read_path(seed_path(request.param)))
    (part,) = plan.parts
    return part, gold(request.param)


def test_every_seed_task_matches_the_gold(seed: tuple[Part, list[dict[str, Any]]]) -> None:
    part, expected = seed
    got = [
        {"no": t.number, "section": t.section, "text": t.text, "lead": list(t.lead), "co": list(t.co)}
        for t in part.tasks
    ]
    assert got == [dict(g, no=str(g["no"])) for g in expected]


def test_a_seed_plan_is_a_decomposition_with_its_sections_in_order(
    seed: tuple[Part, list[dict[str, Any]]],
) -> None:
    part, expected = seed
    assert part.kind == "decomposition"
    assert part.sections == tuple(dict.fromkeys(g["section"] for g in expected))


@pytest.mark.parametrize(
    ("prefix", "title", "government", "year"),
    [
        ("001", "2021年区政府主要工作目标任务分解落实方案", "鼓楼区", 2021),
        ("003", "2023年区政府主要工作目标任务分解落实方案", "玄武区", 2023),
    ],
)
def test_a_seed_plan_knows_its_title_government_and_year(prefix: str, title: str, government: str, year: int) -> None:
    (part,) = parse_document(read_path(seed_path(prefix))).parts
    assert (part.title, part.government, part.year) == (title, government, year)


@pytest.mark.parametrize("prefix", ["002", "004"])
def test_narrative_reports_are_not_decomposition_plans(prefix: str) -> None:
    doc = read_path(seed_path(prefix))
    assert decomposition.parse_part(None, doc.blocks) is None


# --------------------------------------------------------------------------- made-up plans

NOTICE = """区政府关于印发《2024年区政府主要工作目标任务分解落实方案》的通知
区政府各部门，各街道办事处：
现将《2024年区政府主要工作目标任务分解落实方案》印发给你们，请认真组织实施。
示例区人民政府
2024年2月1日
2024年区政府主要工作目标任务分解落实方案
"""

END = """
抄送：区委各部门，区人大常委会办公室。
示例区人民政府办公室          2024年2月1日印发
"""


@pytest.mark.parametrize(
    ("first", "second", "numbers"),
    [
        ("1.地区生产总值增长6%。", "2.一般公共预算收入增长5%。", ["1", "2"]),
        ("1﹒地区生产总值增长6%。", "2﹒一般公共预算收入增长5%。", ["1", "2"]),
        ("1．地区生产总值增长6%。", "2．一般公共预算收入增长5%。", ["1", "2"]),
        ("1、地区生产总值增长6%。", "2、一般公共预算收入增长5%。", ["1", "2"]),
        ("（一）地区生产总值增长6%。", "（二）一般公共预算收入增长5%。", ["一", "二"]),
        ("(一)地区生产总值增长6%。", "(二)一般公共预算收入增长5%。", ["一", "二"]),
        ("1）地区生产总值增长6%。", "2）一般公共预算收入增长5%。", ["1", "2"]),
        ("（1）地区生产总值增长6%。", "（2）一般公共预算收入增长5%。", ["1", "2"]),
    ],
)
def test_tasks_are_read_in_every_numbering_style(first: str, second: str, numbers: list[str]) -> None:
    part = the_part(f"{NOTICE}一、关于经济发展\n{first}（区发改委主办）\n{second}（区财政局主办，区税务局协办）\n{END}")
    assert [t.number for t in part.tasks] == numbers
    assert [t.text for t in part.tasks] == ["地区生产总值增长6%。", "一般公共预算收入增长5%。"]
    assert [(t.lead, t.co) for t in part.tasks] == [(("区发改委",), ()), (("区财政局",), ("区税务局",))]
    assert part.tasks[0].section == "一、关于经济发展"


@pytest.mark.parametrize(
    ("clause", "lead", "co"),
    [
        ("（区发改委主办，区统计局协办）", ("区发改委",), ("区统计局",)),
        ("(区发改委主办,区统计局协办)", ("区发改委",), ("区统计局",)),
        ("(牵头单位:区发改委;配合单位:区统计局)", ("区发改委",), ("区统计局",)),
        ("[牵头单位:区发改委;责任单位:区统计局]", ("区发改委",), ("区统计局",)),
        ("（牵头单位：区发改委；责任单位：区统计局）", ("区发改委",), ("区统计局",)),
        ("（区发改委）", ("区发改委",), ()),
        ("(市发改委、市统计局)", ("市发改委", "市统计局"), ()),
        ("（区发改委牵头，区统计局配合）", ("区发改委",), ("区统计局",)),
    ],
)
def test_every_unit_clause_form_is_cut_from_the_task(clause: str, lead: tuple[str, ...], co: tuple[str, ...]) -> None:
    part = the_part(f"{NOTICE}一、关于经济发展\n1.地区生产总值增长6%。{clause}\n2.固定资产投资增长5%。{clause}\n{END}")
    assert [t.text for t in part.tasks] == ["地区生产总值增长6%。", "固定资产投资增长5%。"]
    assert all((t.lead, t.co) == (lead, co) for t in part.tasks)


@pytest.mark.parametrize(
    ("lines", "lead", "co"),
    [
        ("责任单位：区发改委", ("区发改委",), ()),
        ("牵头单位：区发改委\n配合单位：区统计局、各街道", ("区发改委",), ("区统计局", "各街道")),
        ("牵头单位：区发改委；责任单位：区统计局", ("区发改委",), ("区统计局",)),
        ("（牵头单位：区发改委）", ("区发改委",), ()),
    ],
)
def test_units_on_lines_after_the_task_belong_to_it(lines: str, lead: tuple[str, ...], co: tuple[str, ...]) -> None:
    part = the_part(f"{NOTICE}1.地区生产总值增长6%。\n{lines}\n2.固定资产投资增长5%。\n{lines}\n{END}")
    assert [t.text for t in part.tasks] == ["地区生产总值增长6%。", "固定资产投资增长5%。"]
    assert all((t.lead, t.co) == (lead, co) for t in part.tasks)


def test_a_leader_named_beside_the_units_goes_to_leaders() -> None:
    part = the_part(
        f"{NOTICE}1.地区生产总值增长6%。（责任领导：张三；牵头单位：区发改委；配合单位：区统计局）\n"
        "2.固定资产投资增长5%。\n责任领导：李四\n牵头单位：区发改委\n完成时限：2024年12月底\n"
    )
    first, second = part.tasks
    assert (first.leaders, first.lead, first.co) == (("张三",), ("区发改委",), ("区统计局",))
    assert (second.leaders, second.lead, second.deadline) == (("李四",), ("区发改委",), "2024年12月底")


def test_sections_and_subsections_are_kept_and_unit_less_sections_dropped() -> None:
    part = the_part(
        f"{NOTICE}一、总体要求\n1.坚持稳中求进。\n2.坚持系统观念。\n"
        "二、主要任务\n（一）经济发展。围绕高质量发展，重点抓好以下工作：\n"
        "1.地区生产总值增长6%。（区发改委主办）\n"
        "2.固定资产投资增长5%。（区发改委主办）\n"
        "（二）社会事业\n3.新增就业1万人。（区人社局主办）\n"
        "三、工作要求\n1.加强组织领导。各单位要高度重视。\n2.强化督查考核。\n"
    )
    assert [t.number for t in part.tasks] == ["1", "2", "3"]
    assert part.sections == ("二、主要任务",)
    assert [t.subsection for t in part.tasks] == ["（一）经济发展", "（一）经济发展", "（二）社会事业"]


def test_the_notice_and_the_distribution_lines_are_not_tasks() -> None:
    part = the_part(f"{NOTICE}1.地区生产总值增长6%。（区发改委主办）\n2.新增就业1万人。（区人社局主办）\n{END}")
    assert len(part.tasks) == 2
    assert part.tasks[-1].text == "新增就业1万人。"
    assert (part.title, part.government, part.year) == ("2024年区政府主要工作目标任务分解落实方案", "示例区", 2024)


def test_a_topic_line_under_a_heading_is_not_the_plan_title() -> None:
    part = the_part(
        f"{NOTICE}一、关于经济发展\n实施产业发展计划\n1.地区生产总值增长6%。（区发改委主办）\n2.新增就业1万人。（区人社局主办）\n"
    )
    assert part.title == "2024年区政府主要工作目标任务分解落实方案"
    assert [t.section for t in part.tasks] == ["一、关于经济发展", "一、关于经济发展"]


def test_a_task_wrapped_over_lines_is_joined_before_its_clause_is_read() -> None:
    part = the_part(
        f"{NOTICE}1.推进重大项目建设，确保全年完成\n投资100亿元。（区发改委主办，\n区建设局协办）\n2.新增就业1万人。（区人社局主办）\n"
    )
    first = part.tasks[0]
    assert first.text == "推进重大项目建设，确保全年完成投资100亿元。"
    assert (first.lead, first.co) == (("区发改委",), ("区建设局",))


def test_sub_items_below_the_task_style_join_their_task() -> None:
    part = the_part(
        f"{NOTICE}1.推进重点工程：\n（1）建成地铁站2座；\n（2）开工学校3所。\n（区建设局主办）\n"
        "2.新增就业1万人。（区人社局主办）\n"
    )
    first = part.tasks[0]
    assert first.text == "推进重点工程：\n（1）建成地铁站2座；\n（2）开工学校3所。"
    assert first.lead == ("区建设局",)


def test_a_unit_less_item_the_numbering_runs_through_is_a_task() -> None:
    part = the_part(
        f"{NOTICE}一、总体目标\n1.目标。五年内人才总量达到320万名。\n"
        "二、主要任务\n2.推进人才引进。（牵头单位：市委组织部）\n3.推进人才培养。（牵头单位：市人社局）\n"
    )
    assert [(t.number, t.section, t.lead) for t in part.tasks] == [
        ("1", "一、总体目标", ()),
        ("2", "二、主要任务", ("市委组织部",)),
        ("3", "二、主要任务", ("市人社局",)),
    ]


def test_one_task_named_with_role_words_is_enough_for_a_plan() -> None:
    part = the_part(f"{NOTICE}一、关于经济发展\n1.推进建设。[责任单位:区发改委、区财政局]\n")
    assert part.tasks[0].lead == ("区发改委", "区财政局")


def test_one_bare_bracket_is_not_enough_for_a_plan() -> None:
    assert parse_text("一、回顾\n1.我们推进了建设。（区发改委）\n") is None


def test_a_document_without_unit_clauses_is_not_a_decomposition_plan() -> None:
    assert parse_text("一、回顾\n1.地区生产总值增长6%。\n2.新增就业1万人。\n二、展望\n3.继续努力。\n") is None


# --------------------------------------------------------------------------- Word documents


def _docx_like(paragraphs: list[tuple[str, str | None, int | None]]) -> tuple[Paragraph, ...]:
    return tuple(
        Paragraph(index=i, text=text, list_label=label, heading_level=level)
        for i, (text, label, level) in enumerate(paragraphs)
    )


def test_word_list_labels_number_tasks_whose_text_has_no_number() -> None:
    blocks = _docx_like(
        [
            ("2024年区政府主要工作目标任务分解落实方案", None, None),
            ("关于经济发展", "一、", 1),
            ("地区生产总值增长6%。（区发改委主办）", "1.", None),
            ("一般公共预算收入增长5%。（区财政局主办）", "2.", None),
            ("关于社会事业", "二、", 1),
            ("新增就业1万人。（区人社局主办，各街道协办）", "3.", None),
        ]
    )
    part = decomposition.parse_part(None, blocks)
    assert part is not None
    assert [t.number for t in part.tasks] == ["1", "2", "3"]
    assert [t.section for t in part.tasks] == ["一、关于经济发展", "一、关于经济发展", "二、关于社会事业"]
    assert part.tasks[2].co == ("各街道",)


def test_heading_styled_paragraphs_are_sections_even_without_a_number() -> None:
    blocks = _docx_like(
        [
            ("一、关于经济发展", None, 2),
            ("1.地区生产总值增长6%。（区发改委主办）", None, None),
            ("关于社会事业", None, 2),
            ("2.新增就业1万人。（区人社局主办）", None, None),
        ]
    )
    part = decomposition.parse_part(None, blocks)
    assert part is not None
    assert part.sections == ("一、关于经济发展", "关于社会事业")


def test_a_typed_number_wins_over_a_list_label() -> None:
    blocks = _docx_like(
        [
            ("1.地区生产总值增长6%。（区发改委主办）", "•", None),
            ("2.新增就业1万人。（区人社局主办）", "•", None),
        ]
    )
    part = decomposition.parse_part(None, blocks)
    assert part is not None and [t.number for t in part.tasks] == ["1", "2"]


# --------------------------------------------------------------------------- other layouts and contents


def test_a_table_printed_one_cell_per_line_gives_one_task_per_row() -> None:
    part = the_part(
        "2016年民生实事目标任务分解表\n序号\n民生实事\n责任单位\n完成时限\n"
        "1\n新建2座人行天桥。\n县住建局\n县交通局\n9月底前\n"
        "2\n开工建设县老年养护楼。\n县民政局\n5月底前\n开工建设老年大学。\n12月底前\n"
        "3\n城区新建1个农贸市场。\n县商务局\n12月底前\n分享到:\n"
    )
    assert [(t.number, t.text, t.lead, t.deadline) for t in part.tasks] == [
        ("1", "新建2座人行天桥。", ("县住建局", "县交通局"), "9月底前"),
        ("2", "开工建设县老年养护楼。", ("县民政局",), "5月底前"),
        # a row without a number shares the merged units cell of the row before
        (None, "开工建设老年大学。", ("县民政局",), "12月底前"),
        ("3", "城区新建1个农贸市场。", ("县商务局",), "12月底前"),
    ]
    assert part.year == 2016


def test_tasks_carry_the_indicators_of_their_text() -> None:
    part = the_part(f"{NOTICE}1.地区生产总值增长6%。（区发改委主办）\n2.新增就业1万人。（区人社局主办）\n")
    growth = part.tasks[0].indicators[0]
    assert (growth.kind, growth.comparator, growth.value, growth.unit) == ("growth", ">=", 6.0, "%")
    task_span = part.tasks[0].span
    assert growth.span is not None and task_span is not None
    assert growth.span.block == task_span.block


_ALPHABET = (
    "一二十1234.、，,；;：:（）()[]【】。 \n区发改委主办协办牵头单位责任配合领导张三等各街道相关部门增长%亿元附件抄送"
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=_ALPHABET, max_size=40), max_size=12))
def test_any_paragraphs_parse_or_are_declined_without_an_error(lines: list[str]) -> None:
    blocks = tuple(Paragraph(index=i, text=t) for i, t in enumerate(lines))
    part = decomposition.parse_part(None, blocks)
    assert part is None or part.kind == "decomposition"
