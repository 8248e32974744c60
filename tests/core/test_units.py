"""Unit lists and unit clauses: names as printed, one entry per unit, in the role the clause gives."""

from __future__ import annotations

import pytest

from luoshi.structure.units import ROLE_LABELS, ROLE_SUFFIXES, find_unit_clause, parse_clause, parse_role_line
from luoshi.unit_names import is_collective, split_units


@pytest.mark.parametrize(
    ("cell", "units"),
    [
        ("地方金融\n监管局", ["地方金融监管局"]),
        ("行政审批局\n市场监管局", ["行政审批局", "市场监管局"]),
        ("区发改委\n区财政局\n区统计局", ["区发改委", "区财政局", "区统计局"]),
        ("高新区\n管委会", ["高新区管委会"]),
        ("区文化和旅\n游局", ["区文化和旅游局"]),
        ("区科技局、\n高新区管委会", ["区科技局", "高新区管委会"]),
        ("区住房和城乡建设局", ["区住房和城乡建设局"]),
        ("各街道\n板块", ["各街道", "板块"]),
        ("", []),
    ],
)
def test_a_name_wrapped_across_cell_lines_is_rejoined(cell: str, units: list[str]) -> None:
    assert split_units(cell) == units


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("区科技局、高新区管委会", ["区科技局", "高新区管委会"]),
        ("区相关部门、街道、板块", ["区相关部门", "街道", "板块"]),
        ("各街道办事处,徐管委", ["各街道办事处", "徐管委"]),
        ("市委组织部；市人社局;市科技局", ["市委组织部", "市人社局", "市科技局"]),
        ("区发改委 区财政局  区统计局", ["区发改委", "区财政局", "区统计局"]),
        ("区市场 监管局", ["区市场监管局"]),  # an accidental space inside one name
        ("区消防大队、区建设局等区相关部门", ["区消防大队", "区建设局", "区相关部门"]),
        ("区发改委等相关部门", ["区发改委", "相关部门"]),
        ("区发改委、区财政局等部门", ["区发改委", "区财政局"]),
        ("规划资源分局等区相关部门、各街道办事处", ["规划资源分局", "区相关部门", "各街道办事处"]),
        ("各区属集团及国有企业", ["各区属集团及国有企业"]),
        ("区政府办（区金融办）、区财政局", ["区政府办（区金融办）", "区财政局"]),
    ],
)
def test_unit_lists_split_into_one_entry_per_unit(text: str, units: list[str]) -> None:
    assert split_units(text) == units


@pytest.mark.parametrize(
    "name",
    ["各街道", "区相关部门", "相关街道", "各部门", "各街道办事处", "各区属集团及国有企业", "板块", "有关单位"],
)
def test_collective_units_are_recognised(name: str) -> None:
    assert is_collective(name)
    assert split_units(name) == [name]


@pytest.mark.parametrize(
    ("text", "lead", "co"),
    [
        (
            "推进建设。（区科技局、高新区管委会主办，区相关部门、街道、板块协办）",
            ["区科技局", "高新区管委会"],
            ["区相关部门", "街道", "板块"],
        ),
        ("推进建设。(区发改委主办,各街道办事处、徐管委协办)", ["区发改委"], ["各街道办事处", "徐管委"]),
        ("推进建设。(牵头单位:市发改委;配合单位:市财政局、市统计局)", ["市发改委"], ["市财政局", "市统计局"]),
        ("推进建设。[牵头单位:市发改委;责任单位:市财政局]", ["市发改委"], ["市财政局"]),
        ("推进建设。（牵头单位：区教育局；责任单位：各街道）", ["区教育局"], ["各街道"]),
        ("推进建设。（责任单位：区教育局、区卫健委）", ["区教育局", "区卫健委"], []),
        ("推进建设。(市发改委)", ["市发改委"], []),
        ("推进建设（区财政局）。", ["区财政局"], []),
        ("推进建设。（区发改委牵头，区统计局配合）", ["区发改委"], ["区统计局"]),
        ("推进建设。（区发改委负责，各街道参与）", ["区发改委"], ["各街道"]),
        ("推进建设。（各相关部门按职责分工负责）", ["各相关部门"], []),
        ("推进建设。【牵头单位】区发改委【配合单位】区财政局", ["区发改委"], ["区财政局"]),
        ("地区生产总值增长6%。责任单位：区发改委。", ["区发改委"], []),
        (
            "推进建设。（牵头单位：市发展改革委，配合单位：市委组织部、市人社局）",
            ["市发展改革委"],
            ["市委组织部", "市人社局"],
        ),
        ("推进建设。（责任单位：市发改委（牵头）、市财政局）", ["市发改委"], ["市财政局"]),
        ("推进建设。责任单位:市卫健委等,各县(市、区)政府(管委会)", ["市卫健委", "各县(市、区)政府(管委会)"], []),
        (
            "推进建设。(责任领导:杜新国;牵头单位:区发改局;责任单位:区财政局,区统计局)",
            ["区发改局"],
            ["区财政局", "区统计局"],
        ),
    ],
)
def test_every_unit_clause_form_gives_lead_and_co(text: str, lead: list[str], co: list[str]) -> None:
    found = find_unit_clause(text)
    assert found is not None
    assert [list(r) for r in found[2].roles()] == [lead, co]


def test_a_person_beside_the_units_is_a_leader_not_a_unit() -> None:
    found = find_unit_clause("推进建设。（责任领导：张三；牵头单位：区发改委；配合单位：区财政局）")
    assert found is not None
    clause = found[2]
    assert clause.leaders == ("张三",)
    assert clause.roles() == (("区发改委",), ("区财政局",))


def test_the_clause_is_cut_exactly_from_the_task_text() -> None:
    text = "一般公共预算收入增长5%。（区财政局主办）"
    found = find_unit_clause(text)
    assert found is not None
    assert text[: found[0]] == "一般公共预算收入增长5%。"


@pytest.mark.parametrize(
    "text",
    [
        "不发生Ⅲ级以上重大金融风险（含Ⅲ级）",
        "3处城市客厅建设完工（袁枚广场、滨江二级驿站、梧桐语江边）",
        "停车秩序管理完成年度目标（长效管理）",
        "全年预计达市目标（不超过6.8吨）",
        "中冶锦绣天玺（05-05、05-06地块）",
        "持续推进“放管服”改革。",
    ],
)
def test_brackets_that_name_no_unit_are_not_a_clause(text: str) -> None:
    assert find_unit_clause(text) is None


@pytest.mark.parametrize(
    ("line", "lead", "co", "leaders"),
    [
        ("责任单位：区发改委、区财政局", ["区发改委", "区财政局"], [], []),
        ("牵头单位：区发改委；配合单位：区财政局", ["区发改委"], ["区财政局"], []),
        ("（牵头单位：区发改委）", ["区发改委"], [], []),
        ("责任领导：张三、李四", [], [], ["张三", "李四"]),
        ("区发改委牵头，区统计局配合", ["区发改委"], ["区统计局"], []),
    ],
)
def test_a_line_that_holds_only_units_is_a_role_line(
    line: str, lead: list[str], co: list[str], leaders: list[str]
) -> None:
    clause = parse_role_line(line)
    assert clause is not None
    assert [list(r) for r in clause.roles()] == [lead, co]
    assert list(clause.leaders) == leaders


@pytest.mark.parametrize("line", ["推进项目建设，确保年底竣工。", "各街道办事处，区各委办局：", "区政府各部门："])
def test_ordinary_lines_are_no_role_lines(line: str) -> None:
    assert parse_role_line(line) is None


def test_a_deadline_label_fills_the_deadline() -> None:
    clause = parse_clause("牵头单位：区发改委；完成时限：2023年12月底")
    assert clause is not None and clause.deadline == "2023年12月底"


@pytest.mark.parametrize(("word", "role"), [("主办", "lead"), ("牵头", "lead"), ("协办", "co"), ("配合", "co")])
def test_role_words_after_units_are_in_the_role_table(word: str, role: str) -> None:
    assert ROLE_SUFFIXES[word] == role


@pytest.mark.parametrize(
    ("word", "role"),
    [
        ("牵头单位", "lead"),
        ("配合单位", "co"),
        ("参与单位", "co"),
        ("责任单位", "responsible"),
        ("责任领导", "leaders"),
    ],
)
def test_role_labels_are_in_the_role_table(word: str, role: str) -> None:
    assert ROLE_LABELS[word] == role
