"""Status-table layouts of other governments, built from the grammar (docs/layouts/progress_notice.md §8).

These layouts were looked for in the stored public pages and not found (docs/layouts/notices.md):
the cases are **synthetic**, written from the grammar, one per layout — a plain 责任单位 column beside a
牵头(责任)单位 one, two leaders on two lines of one cell, a 完成成效 / 完成情况 column of statuses,
progress columns under other names (1-9月份工作取得成效, 目前进展, 形象进度), a table with columns the
reader does not know, sub-rows under a merged 序号/任务 cell with units of their own.
"""

from __future__ import annotations

from typing import Any

import pytest

from luoshi.model import Cell, Part, Table
from luoshi.read import read_bytes
from luoshi.structure import parse_document
from luoshi.structure.tables import parse_part

Spec = str | tuple[str, int, int]  # a cell: its text, or (text, colspan, rowspan)


def table(rows: list[list[Spec]]) -> Table:
    """A table from rows of cells at their grid positions (merged cells given once, with their spans)."""
    grid: dict[tuple[int, int], bool] = {}
    out = []
    for r, row in enumerate(rows):
        cells, col = [], 0
        for spec in row:
            while grid.get((r, col)):
                col += 1
            text, across, down = (spec, 1, 1) if isinstance(spec, str) else spec
            cells.append(Cell(text=text, row=r, col=col, colspan=across, rowspan=down))
            for dr in range(down):
                for dc in range(across):
                    grid[(r + dr, col + dc)] = True
            col += across
        out.append(tuple(cells))
    return Table(index=0, rows=tuple(out))


def parse(rows: list[list[Spec]]) -> Part:
    part = parse_part("2023年重点任务1-9月进展情况表", (table(rows),))
    assert part is not None
    return part


def test_a_plain_responsible_unit_column_beside_a_lead_column_holds_the_co_units() -> None:
    part = parse(
        [
            ["序号", "重点任务", "牵头(责任)单位", "责任单位", "进展情况"],
            ["1", "新建学校3所", "区教育局", "区住建局、区自然资源局", "2所已开工"],
        ]
    )
    (task,) = part.tasks
    assert (task.lead, task.co) == (("区教育局",), ("区住建局", "区自然资源局"))


@pytest.mark.parametrize(
    ("cell", "persons"),
    [("张三\n李四", ("张三", "李四")), ("王  伟", ("王伟",)), ("张三、李四\n王五", ("张三", "李四", "王五"))],
)
def test_two_leaders_on_two_lines_of_one_cell_stay_two_people(cell: str, persons: tuple[str, ...]) -> None:
    part = parse(
        [["序号", "重点任务", "责任领导", "责任单位", "进展情况"], ["1", "新建学校", cell, "区教育局", "已开工"]]
    )
    assert part.tasks[0].leaders == persons


@pytest.mark.parametrize("column", ["完成成效", "完成情况"])
def test_a_completion_column_of_status_words_is_the_status(column: str) -> None:
    part = parse(
        [
            ["序号", "重点任务", "责任单位", "进展情况", column],
            ["1", "新建学校3所", "区教育局", "3所已竣工", "完成任务"],
            ["2", "新增就业2万人", "区人社局", "新增2.3万人", "超额完成"],
            ["3", "改造老旧小区", "区住建局", "12个已开工", "序时推进"],
        ]
    )
    assert [t.status for t in part.tasks] == ["完成任务", "超额完成", "序时推进"]
    assert [t.progress for t in part.tasks] == ["3所已竣工", "新增2.3万人", "12个已开工"]


@pytest.mark.parametrize("column", ["1-9月份工作取得成效", "目前进展", "形象进度", "推进成效"])
def test_progress_columns_under_other_names_are_progress(column: str) -> None:
    part = parse([["序号", "重点任务", "责任单位", column], ["1", "新建学校3所", "区教育局", "2所已开工"]])
    assert part.kind == "status_table"
    assert part.tasks[0].progress == "2所已开工"


def test_a_table_with_columns_the_reader_does_not_know_is_still_a_table() -> None:
    part = parse(
        [
            ["序号", "项目名称", "建设地点", "总投资", "责任单位", "形象进度", "存在问题"],
            ["1", "城北污水处理厂", "城北街道", "3.2亿元", "区水务局", "主体完工", ""],
        ]
    )
    (task,) = part.tasks
    assert (task.text, task.lead, task.progress) == ("城北污水处理厂", ("区水务局",), "主体完工")


def test_sub_rows_with_their_own_units_keep_the_task_number_and_text() -> None:
    part = parse(
        [
            ["序号", "重点任务", "责任单位", "责任领导", "进展情况"],
            [("1", 1, 3), ("打通断头路6条", 1, 3), "区住建局", "张三", "文化路已通车"],
            ["区城投", "李四", "乐业路已通车"],
            ["长堎街道", "王五", "新坊路施工中"],
            ["2", "新建公园", "区园林局", "赵六", "已完工"],
        ]
    )
    got: list[tuple[Any, ...]] = [(t.number, t.text, t.lead, t.leaders) for t in part.tasks]
    assert got == [
        ("1", "打通断头路6条", ("区住建局",), ("张三",)),
        ("1", "打通断头路6条", ("区城投",), ("李四",)),
        ("1", "打通断头路6条", ("长堎街道",), ("王五",)),
        ("2", "新建公园", ("区园林局",), ("赵六",)),
    ]


def test_a_short_complete_unit_line_is_not_joined_to_the_next() -> None:
    part = parse([["序号", "重点任务", "责任单位", "进展情况"], ["1", "井盖整治", "区城投\n区城管局", "已完工"]])
    assert part.tasks[0].lead == ("区城投", "区城管局")


@pytest.mark.parametrize(
    "text",
    [
        "重点任务推进情况（1-9月）\n序号 |\n重点任务 |\n责任单位 |\n进展情况 |\n1 |\n新建学校3所 |\n区教育局 |\n2所已开工 |\n|\n"
        "2 |\n新增就业2万人 |\n区人社局 |\n新增2.3万人 |\n",
        "重点任务推进情况（1-9月）\n\n序号\n\n重点任务\n\n责任单位\n\n进展情况\n\n1\n\n新建学校3所\n\n区教育局\n\n2所已开工\n\n"
        "2\n\n新增就业2万人\n\n区人社局\n\n新增2.3万人\n",
        "重点任务推进情况（1-9月） 序号 重点任务 责任单位 进展情况 1 新建学校3所 区教育局 2所已开工 2 新增就业2万人 区人社局 新增2.3万人\n",
    ],
    ids=["cell-lines", "blank-paragraphs", "one-line"],
)
def test_each_captured_form_of_a_small_table_gives_its_rows(text: str) -> None:
    parts = parse_document(read_bytes(text.encode("utf-8"), "t.txt")).parts
    assert [(t.number, t.text, t.lead, t.progress) for p in parts for t in p.tasks] == [
        ("1", "新建学校3所", ("区教育局",), "2所已开工"),
        ("2", "新增就业2万人", ("区人社局",), "新增2.3万人"),
    ]
