"""Header recognition: columns named by their meaning, in any order, wrapped or over two rows."""

from __future__ import annotations

import pytest

from luoshi.model import Cell, Table, Task
from luoshi.read import read_bytes
from luoshi.structure import parse_document
from luoshi.structure.columns import classify_header, find_header


def make_table(rows: list[list[str | tuple[str, int]]]) -> Table:
    """A table from rows of texts; ("text", n) is a cell spanning n columns."""
    out: list[tuple[Cell, ...]] = []
    for r, row in enumerate(rows):
        cells: list[Cell] = []
        col = 0
        for item in row:
            text, span = item if isinstance(item, tuple) else (item, 1)
            cells.append(Cell(text=text, row=r, col=col, colspan=span))
            col += span
        out.append(tuple(cells))
    return Table(index=0, rows=tuple(out))


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("序号", "number"),
        ("序 号", "number"),
        ("目标内容", "text"),
        ("目标任务", "text"),
        ("2022年目标任务", "text"),
        ("工作任务", "text"),
        ("主要任务", "text"),
        ("重点任务", "text"),
        ("项目名称", "text"),
        ("全年目标", "target"),
        ("年度目标", "target"),
        ("责任单位", "lead"),
        ("牵头单位", "lead"),
        ("主办单位", "lead"),
        ("配合单位", "co"),
        ("协办单位", "co"),
        ("责任领导", "leaders"),
        ("牵头领导", "leaders"),
        ("进展情况", "progress"),
        ("完成情况", "progress"),
        ("落实情况", "progress"),
        ("推进情况", "progress"),
        ("全年目标完成情况", "progress"),
        ("是否完成", "status"),
        ("完成状态", "status"),
        ("是否达序", "status"),
        ("完成情况（是/否）", "status"),
        ("是否完成\n全年目标", "status"),
        ("完成时限", "deadline"),
        ("时间节点", "deadline"),
        ("备注", "note"),
        ("计量单位", "measure"),
        ("索 引 号:", None),
        ("玄政〔2023〕25号", None),
        ("1", None),
        ("完成市下达创新名城建设目标任务并推进各项工作落实到位", None),
    ],
)
def test_a_header_is_recognised_by_its_meaning(header: str, role: str | None) -> None:
    assert classify_header(header) == role


def test_columns_are_found_in_any_order_with_extra_columns() -> None:
    t = make_table(
        [
            ["是否完成", "责任单位", "序号", "填报人", "工作任务", "进展情况"],
            ["是", "发改委", "1", "张三", "地区生产总值增长7%", "完成"],
        ]
    )
    header = find_header(t)
    assert header is not None
    assert [c.role for c in header.columns] == ["status", "lead", "number", None, "text", "progress"]


def test_a_title_row_above_the_header_is_kept_as_the_title() -> None:
    t = make_table(
        [
            [("鼓楼区2021年计划执行情况表", 4)],
            ["序号", "目标内容", "责任单位", "进展情况"],
            ["1", "地区生产总值增长7%", "发改委", "完成"],
        ]
    )
    header = find_header(t)
    assert header is not None
    assert (header.first_row, header.last_row, header.title) == (1, 1, "鼓楼区2021年计划执行情况表")


def test_a_header_over_two_rows_takes_the_lower_words() -> None:
    t = make_table(
        [
            ["序号", "工作任务", ("责任单位", 2), ("完成情况", 2)],
            ["", "", "牵头单位", "配合单位", "进展情况", "是否完成"],
            ["1", "任务", "发改委", "财政局", "完成", "是"],
        ]
    )
    header = find_header(t)
    assert header is not None
    assert header.last_row == 1
    assert [c.role for c in header.columns] == ["number", "text", "lead", "co", "progress", "status"]


def test_a_progress_column_holding_only_yes_or_no_is_the_status() -> None:
    t = make_table([["序号", "工作任务", "完成情况"], ["1", "任务一", "是"], ["2", "任务二", "否"]])
    header = find_header(t)
    assert header is not None
    assert header.cols("status") == [2]


def test_a_bare_unit_column_over_government_bodies_is_the_lead() -> None:
    t = make_table([["序号", "工作任务", "单位"], ["1", "任务一", "发改委"], ["2", "任务二", "财政局"]])
    header = find_header(t)
    assert header is not None
    assert header.cols("lead") == [2]


def test_a_bare_unit_column_over_measures_is_not_a_unit_of_government() -> None:
    t = make_table([["序号", "指标名称", "单位", "全年目标"], ["1", "地区生产总值", "亿元", "1500"]])
    header = find_header(t)
    assert header is not None
    assert (header.cols("measure"), header.cols("lead"), header.cols("target")) == ([2], [], [3])


@pytest.mark.parametrize(
    "rows",
    [
        # 003's metadata table (索引号 / 文号 …)
        [
            ["索 引 号:", "012965803/2023-23684", "主题分类:", "综合政务"],
            ["发布机构:", "玄武区人民政府", "生成日期:", "2023-02-27"],
            ["文 号:", "玄政〔2023〕25号", "关 键 词:", "主办;玄武;发改委"],
        ],
        # data with no header at all
        [["1", "地区生产总值增长7%", "发改委"], ["2", "一般公共预算收入增长5%", "财政局"]],
        # a task column alone says nothing about units, progress or targets
        [["序号", "工作任务"], ["1", "任务一"]],
    ],
)
def test_a_table_without_a_task_header_is_not_a_task_table(rows: list[list[str | tuple[str, int]]]) -> None:
    assert find_header(make_table(rows)) is None


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("已完成数", "progress"),
        ("累计完成投资额(万元)", "progress"),
        ("1-9月 完成投资", "progress"),
        ("累计开工数", "progress"),
        ("开工率", "progress"),
        ("任务完成率", "progress"),
        ("计划投资完成率", "progress"),
        ("占年任务之比", "progress"),
        ("完成比例(%)", "progress"),
        ("计划完成数", "target"),
        ("2024年年度 计划投资", "target"),
        ("全年计划完成数", "target"),
    ],
)
def test_a_column_of_figures_achieved_is_progress_and_one_of_figures_planned_a_target(header: str, role: str) -> None:
    assert classify_header(header) == role


def _rows(*rows: tuple[str, ...]) -> list[Task]:
    lines = ["进展情况表", ""]
    for row in rows:
        lines += [f"\t{cell}" for cell in row] + [""]
    return [t for p in parse_document(read_bytes("\n".join(lines).encode(), "t.txt")).parts for t in p.tasks]


def test_a_column_of_names_the_header_does_not_name_is_what_each_row_is_about() -> None:
    tasks = _rows(
        ("序号", "市 州", "计划完成数", "累计开工数", "开工率"),
        ("1", "长沙市", "150", "143", "95.33%"),
        ("2", "株洲市", "87", "71", "81.61%"),
    )
    assert [t.text for t in tasks] == ["长沙市", "株洲市"]
    assert [t.target for t in tasks] == ["150", "87"]


@pytest.mark.parametrize(
    ("columns", "cells", "progress"),
    [
        (("已完成数", "占年任务之比"), ("7.23", "139.1%"), "已完成数：7.23；占年任务之比：139.1%"),
        (("进度", "完成比例(%)"), ("52242", "187.9"), "进度：52242；完成比例(%)：187.9"),
        (("1-9月完成投资", "投资计划完成率"), ("297亿元", "73.27%"), "1-9月完成投资：297亿元；投资计划完成率：73.27%"),
        (
            ("进展情况", "形象进度(%)"),
            ("新建公共充电桩99个。", "28%"),
            "进展情况：新建公共充电桩99个。；形象进度(%)：28%",
        ),
        (("已完成数", "占年任务之比"), ("7.23", ""), "7.23"),  # one cell filled: as printed
    ],
)
def test_several_figure_columns_reach_the_judge_each_under_its_header(
    columns: tuple[str, str], cells: tuple[str, str], progress: str
) -> None:
    (task,) = _rows(("序号", "目标任务", "全年目标", *columns), ("1", "城镇新增就业", "5.2万人", *cells))
    assert task.progress == progress
