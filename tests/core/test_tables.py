"""Task tables: status tables, project tables and plan drafts read by their grammar."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.model import Cell, Paragraph, Part, Span, Table, Task
from luoshi.read import read_path
from luoshi.structure import parse_document
from luoshi.structure.tables import parse_part
from tests.conftest import gold, seed_path

# ----------------------------------------------------------------------------- seed 000 against the gold

# Which Task field each gold key of seed000.json holds, per attachment.
GOLD_FIELDS: dict[str, dict[str, str]] = {
    "1": {"target": "text"},
    "2": {"project": "text", "target": "target"},
    "3": {"target": "text"},
    "4": {"target": "text"},
}


def task_as_gold(task: Task, attachment: str) -> dict[str, Any]:
    """A task in the shape of one gold row of seed000.json."""
    fields = {
        "no": None if task.number is None else int(task.number),
        "section": task.section,
        "subsection": task.subsection,
        "lead": list(task.lead),
        "progress": task.progress,
        "status": task.status,
        "city_major": "city_major" in task.flags,
    }
    for key, attr in GOLD_FIELDS[attachment].items():
        fields[key] = getattr(task, attr)
    return fields


@pytest.fixture(scope="module")
def seed000_parts() -> tuple[Part, ...]:
    return parse_document(read_path(seed_path("000"))).parts


def test_the_status_table_seed_gives_four_parts_of_the_right_kinds_and_sizes(seed000_parts: tuple[Part, ...]) -> None:
    assert [(p.kind, len(p.tasks)) for p in seed000_parts] == [
        ("status_table", 72),
        ("project_table", 52),
        ("status_table", 59),
        ("development_plan", 76),
    ]
    assert [p.title for p in seed000_parts] == [
        "鼓楼区2021年国民经济和社会发展计划执行情况表",
        "鼓楼区2021年重大产业类项目全年完成情况表",
        "鼓楼区2021年城市精细化建设管理目标任务全年完成情况表",
        "鼓楼区2022年国民经济和社会发展计划草案",
    ]
    assert [(p.government, p.year) for p in seed000_parts] == [
        ("鼓楼区", 2021),
        ("鼓楼区", 2021),
        ("鼓楼区", 2021),
        ("鼓楼区", 2022),
    ]


@pytest.mark.parametrize("attachment", ["1", "2", "3", "4"])
def test_every_row_of_the_status_table_seed_matches_the_gold(seed000_parts: tuple[Part, ...], attachment: str) -> None:
    part = seed000_parts[int(attachment) - 1]
    expected_rows = gold("000")[attachment]
    assert len(part.tasks) == len(expected_rows)
    for i, (task, expected) in enumerate(zip(part.tasks, expected_rows, strict=True)):
        got = task_as_gold(task, attachment)
        assert {k: got[k] for k in expected} == expected, f"附件{attachment} row {i}"


def test_each_task_points_back_to_its_table_row(seed000_parts: tuple[Part, ...]) -> None:
    doc = read_path(seed_path("000"))
    first = seed000_parts[0].tasks[0]
    assert first.span is not None
    table = doc.blocks[first.span.block]
    assert isinstance(table, Table)
    assert first.span.row is not None
    assert [c.text for c in table.rows[first.span.row]][:2] == ["1", "地区生产总值增长7%"]


@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
def test_documents_without_a_task_table_are_left_to_the_other_parsers(prefix: str) -> None:
    doc = read_path(seed_path(prefix))
    assert parse_part(None, doc.blocks) is None


# ----------------------------------------------------------------------------- the grammar, case by case

Row = list[str | tuple[str, int] | tuple[str, int, int]]


def make_table(rows: list[Row], index: int = 1) -> Table:
    """A table from rows of texts; ("t", n) spans n columns, ("t", n, m) also m rows (cells under it skipped)."""
    out: list[tuple[Cell, ...]] = []
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        cells: list[Cell] = []
        col = 0
        for item in row:
            while (r, col) in covered:
                col += 1
            if isinstance(item, tuple):
                text, span, down = item[0], item[1], item[2] if len(item) == 3 else 1
            else:
                text, span, down = item, 1, 1
            cells.append(Cell(text=text, row=r, col=col, colspan=span, rowspan=down))
            for dr in range(1, down):
                for dc in range(span):
                    covered.add((r + dr, col + dc))
            col += span
        out.append(tuple(cells))
    return Table(index=index, rows=tuple(out))


def parse_rows(rows: list[Row], title: str | None = "表") -> Part:
    part = parse_part(title, (make_table(rows),))
    assert part is not None
    return part


STATUS_HEADER: Row = ["序号", "目标内容", "责任单位", "进展情况", "是否完成\n全年目标"]


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        (["序号", "目标内容", "责任单位", "进展情况", "是否完成"], "status_table"),
        (["序号", "项目名称", "全年目标", "完成情况", "是否完成"], "project_table"),
        (["序号", "项目名称", "完成情况", "是否完成"], "status_table"),
        (["序号", "2022年目标任务", "责任单位"], "development_plan"),
        (["序号", "重点任务", "牵头单位", "配合单位", "完成时限"], "development_plan"),
        (["责任单位", "工作任务", "序号", "落实情况"], "status_table"),
    ],
)
def test_the_kind_of_a_table_follows_from_its_columns(header: Row, kind: str) -> None:
    row: Row = ["1"] + ["发改委" if "单位" in str(h) else "内容" for h in header[1:]]
    assert parse_rows([header, row]).kind == kind


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # a section row as one cell (txt rendering)
        ([["一、主要指标"], ["1", "增长7%", "发改委", "完成", "是"]], ("一、主要指标", None)),
        # a section row as one merged cell across the table (.docx / .html)
        ([[("一、主要指标", 5)], ["1", "增长7%", "发改委", "完成", "是"]], ("一、主要指标", None)),
        # a merged row whose text a reader repeated in every cell
        ([["一、主要指标"] * 5, ["1", "增长7%", "发改委", "完成", "是"]], ("一、主要指标", None)),
        # a section heading written in the task column only
        ([["", "一、主要指标", "", "", ""], ["1", "增长7%", "发改委", "完成", "是"]], ("一、主要指标", None)),
        # an Excel habit: the numeral in 序号, the words in the task column
        ([["一", "主要指标", "", "", ""], ["1", "增长7%", "发改委", "完成", "是"]], ("一、主要指标", None)),
        # a subsection under a section
        (
            [["二、重点工作任务"], ["（一）打造创新名城"], ["6", "完成任务", "科技局", "完成", "是"]],
            ("二、重点工作任务", "（一）打造创新名城"),
        ),
        # a new section clears the subsection
        (
            [
                ["一、甲"],
                ["（一）乙"],
                ["1", "任务", "科技局", "完成", "是"],
                ["二、丙"],
                ["2", "任务", "科技局", "完成", "是"],
            ],
            ("二、丙", None),
        ),
        # an unnumbered heading under numbered sections is a subsection
        ([["一、大口径"], ["道路建设"], ["1", "任务", "建设局", "完成", "是"]], ("一、大口径", "道路建设")),
    ],
)
def test_section_rows_set_the_section_of_the_rows_below(
    rows: list[Row], expected: tuple[str | None, str | None]
) -> None:
    part = parse_rows([STATUS_HEADER, *rows])
    last = part.tasks[-1]
    assert (last.section, last.subsection) == expected
    assert all(t.number is not None for t in part.tasks)


def test_sections_are_listed_on_the_part() -> None:
    part = parse_rows([STATUS_HEADER, ["一、甲"], ["1", "a", "局", "b", "是"], ["二、乙"], ["2", "c", "局", "d", "是"]])
    assert part.sections == ("一、甲", "二、乙")


def test_a_continuation_row_shortened_by_a_flat_rendering_is_a_task_without_number() -> None:
    part = parse_rows(
        [
            ["序号", "项目名称", "完成情况", "是否完成"],
            ["2", "环境综合整治工程完工", "小区部分立面整治已完成。", "是"],
            ["主干道立面整治已完成。", "是"],
            ["3", "客厅建设完工", "已完工。", "否"],
        ]
    )
    assert [(t.number, t.text, t.progress, t.status) for t in part.tasks] == [
        ("2", "环境综合整治工程完工", "小区部分立面整治已完成。", "是"),
        (None, "", "主干道立面整治已完成。", "是"),
        ("3", "客厅建设完工", "已完工。", "否"),
    ]


def test_rows_under_a_merged_task_cell_continue_it_while_a_merged_unit_applies_to_each() -> None:
    part = parse_rows(
        [
            ["序号", "工作任务", "责任单位", "进展情况", "是否完成"],
            [("1", 1, 2), ("整治工程完工", 1, 2), ("建设局", 1, 3), "立面整治已完成。", "是"],
            ["街巷整治已完成。", "是"],
            ["2", "新建公园", "进行中。", "否"],
        ]
    )
    assert [(t.number, t.text, t.lead, t.progress) for t in part.tasks] == [
        ("1", "整治工程完工", ("建设局",), "立面整治已完成。"),
        (None, "", ("建设局",), "街巷整治已完成。"),
        ("2", "新建公园", ("建设局",), "进行中。"),
    ]


@pytest.mark.parametrize(
    ("cell", "units"),
    [
        ("地方金融\n监管局", ("地方金融监管局",)),
        ("行政审批局\n市场监管局", ("行政审批局", "市场监管局")),
        ("科技局\n鼓楼高新区\n管委会", ("科技局", "鼓楼高新区管委会")),
        ("退役军人\n事务局", ("退役军人事务局",)),
        ("发改委、财政局", ("发改委", "财政局")),
    ],
)
def test_units_wrapped_in_a_cell_are_rejoined_and_separate_units_kept_apart(cell: str, units: tuple[str, ...]) -> None:
    part = parse_rows([STATUS_HEADER, ["1", "任务", cell, "进展", "是"]])
    assert part.tasks[0].lead == units


@pytest.mark.parametrize(
    ("cell", "lead", "co"),
    [
        ("发改委牵头，财政局配合", ("发改委",), ("财政局",)),
        ("主办：发改委\n协办：财政局、商务局", ("发改委",), ("财政局", "商务局")),
        ("发改委\n财政局", ("发改委", "财政局"), ()),
    ],
)
def test_a_unit_cell_that_names_the_roles_itself_is_split_by_them(
    cell: str, lead: tuple[str, ...], co: tuple[str, ...]
) -> None:
    task = parse_rows([STATUS_HEADER, ["1", "任务", cell, "进展", "是"]]).tasks[0]
    assert (task.lead, task.co) == (lead, co)


def test_a_task_ending_with_its_unit_clause_gives_the_units_when_no_column_does() -> None:
    part = parse_rows(
        [["序号", "工作任务", "进展情况"], ["1", "一般公共预算收入增长6%以上。（区财政局主办，各街道协办）", "完成"]]
    )
    t = part.tasks[0]
    assert (t.text, t.lead, t.co) == ("一般公共预算收入增长6%以上。", ("区财政局",), ("各街道",))


@pytest.mark.parametrize(
    ("title", "kind"),
    [("鼓楼区2022年国民经济和社会发展计划草案", "development_plan"), ("2023年区政府工作任务分解表", "decomposition")],
)
def test_a_plan_table_is_a_decomposition_when_its_title_says_so(title: str, kind: str) -> None:
    part = parse_rows([["序号", "工作任务", "牵头单位", "配合单位"], ["1", "任务", "发改委", "财政局"]], title=title)
    assert part.kind == kind


def test_lead_co_leaders_and_deadline_come_from_their_own_columns() -> None:
    part = parse_rows(
        [
            ["序号", "重点任务", "责任领导", "牵头单位", "配合单位", "完成时限"],
            ["1", "推进改革", "张三、李四", "发改委", "财政局\n商务局", "2022年12月底"],
        ]
    )
    t = part.tasks[0]
    assert (t.leaders, t.lead, t.co, t.deadline) == (
        ("张三", "李四"),
        ("发改委",),
        ("财政局", "商务局"),
        "2022年12月底",
    )


@pytest.mark.parametrize(
    ("name", "text", "flags"),
    [("中能建南京能源科技产业园★", "中能建南京能源科技产业园", ("city_major",)), ("湛江路地块", "湛江路地块", ())],
)
def test_a_star_in_a_project_name_is_a_flag_not_text(name: str, text: str, flags: tuple[str, ...]) -> None:
    part = parse_rows(
        [["序号", "项目名称", "全年目标", "完成情况", "是否完成"], ["1", name, "竣工。", "已竣工。", "是"]]
    )
    assert (part.tasks[0].text, part.tasks[0].flags, part.tasks[0].target) == (text, flags, "竣工。")


@pytest.mark.parametrize(("printed", "number"), [("1 ", "1"), ("12.", "12"), (" 3、", "3"), ("1-2", "1-2")])
def test_the_number_is_kept_as_printed_without_spaces_or_trailing_dots(printed: str, number: str) -> None:
    assert parse_rows([STATUS_HEADER, [printed, "任务", "局", "进展", "是"]]).tasks[0].number == number


@pytest.mark.parametrize(("printed", "status"), [("是", "是"), ("否", "否"), ("部分\n未达", "部分未达"), ("", None)])
def test_the_status_is_kept_as_printed(printed: str, status: str | None) -> None:
    assert parse_rows([STATUS_HEADER, ["1", "任务", "局", "进展", printed]]).tasks[0].status == status


def test_a_header_repeated_on_every_page_is_not_a_task() -> None:
    part = parse_rows(
        [STATUS_HEADER, ["1", "任务一", "局", "进展", "是"], STATUS_HEADER, ["2", "任务二", "局", "进展", "否"]]
    )
    assert [t.number for t in part.tasks] == ["1", "2"]


def test_a_table_split_over_pages_without_its_header_goes_on_with_the_same_columns() -> None:
    first = make_table([STATUS_HEADER, ["1", "任务一", "发改委", "进展", "是"]], index=1)
    second = make_table([["2", "任务二", "财政局", "进展", "否"]], index=2)
    part = parse_part("表", (first, second))
    assert part is not None
    assert [(t.number, t.lead, t.status, t.span) for t in part.tasks] == [
        ("1", ("发改委",), "是", Span(block=1, row=1)),
        ("2", ("财政局",), "否", Span(block=2, row=0)),
    ]


def test_notes_under_the_table_are_not_tasks() -> None:
    part = parse_rows(
        [
            ["序号", "项目名称", "全年目标", "完成情况", "是否完成"],
            ["1", "南邮科创中心★", "主体结构完成。", "裙楼封顶。", "是"],
            [("备注：带★的同时为市重大项目", 5)],
            ["填表人：张三", "", "", "", ""],
        ]
    )
    assert [t.number for t in part.tasks] == ["1"]


def test_an_excel_sheet_without_attachment_heading_takes_its_title_row() -> None:
    sheet = make_table(
        [
            [("鼓楼区2022年国民经济和社会发展计划草案", 3)],
            ["序号", "2022年目标任务", "责任单位"],
            ["1", "地区生产总值增长7%左右", "发改委"],
        ]
    )
    part = parse_part(None, (Paragraph(index=0, text="Sheet1"), sheet))
    assert part is not None
    assert (part.title, part.kind, part.year, part.government) == (
        "鼓楼区2022年国民经济和社会发展计划草案",
        "development_plan",
        2022,
        "鼓楼区",
    )
    assert [(t.number, t.text, t.lead) for t in part.tasks] == [("1", "地区生产总值增长7%左右", ("发改委",))]


def test_a_sheet_with_only_a_header_row_takes_the_line_above_as_title() -> None:
    sheet = make_table([["序号", "工作任务", "牵头单位"], ["1", "任务", "发改委"]])
    part = parse_part(None, (Paragraph(index=0, text="2023年重点任务"), sheet))
    assert part is not None
    assert (part.title, part.year) == ("2023年重点任务", 2023)


def test_section_headings_printed_between_tables_apply_to_the_rows_after_them() -> None:
    blocks = (
        Paragraph(index=0, text="一、主要指标"),
        make_table([["序号", "目标任务", "责任单位"], ["1", "增长7%", "发改委"]], index=1),
        Paragraph(index=2, text="二、重点任务"),
        make_table([["序号", "目标任务", "责任单位"], ["2", "完成任务", "科技局"]], index=3),
    )
    part = parse_part("计划", blocks)
    assert part is not None
    assert [t.section for t in part.tasks] == ["一、主要指标", "二、重点任务"]


def test_a_metadata_table_is_not_a_task_table() -> None:
    meta = make_table([["索 引 号:", "012965803/2023-23684", "主题分类:", "综合政务"], ["文 号:", "玄政〔2023〕25号"]])
    assert parse_part(None, (meta, Paragraph(index=2, text="正文"))) is None


# ----------------------------------------------------------------------------- never a crash

_WORDS = [
    "序号",
    "目标任务",
    "责任单位",
    "进展情况",
    "是否完成",
    "一、主要指标",
    "（一）甲",
    "1",
    "是",
    "否",
    "★",
    "\n",
    "局",
    "",
]


@given(
    rows=st.lists(
        st.lists(
            st.one_of(
                st.sampled_from(_WORDS),
                st.text(max_size=8),
                st.tuples(st.sampled_from(_WORDS), st.integers(1, 4), st.integers(1, 3)),
            ),
            min_size=0,
            max_size=6,
        ),
        max_size=8,
    ),
    lead_header=st.booleans(),
)
@settings(max_examples=300, deadline=None)
def test_any_table_parses_or_is_declined_without_an_error(rows: list[Row], lead_header: bool) -> None:
    header: Row = ["序号", "目标任务", "责任单位", "是否完成"] if lead_header else []
    table = make_table([header, *rows] if header else rows)
    part = parse_part(None, (table,))
    assert part is None or all(isinstance(t, Task) for t in part.tasks)


def test_indicators_are_read_from_the_target_and_point_into_its_cell(seed000_parts: tuple[Part, ...]) -> None:
    pytest.importorskip("luoshi.quantities.indicators")
    gdp = seed000_parts[0].tasks[0]
    assert [(i.kind, i.comparator, i.value, i.unit) for i in gdp.indicators] == [("growth", ">=", 7.0, "%")]
    assert gdp.indicators[0].span is not None and gdp.span is not None
    assert (gdp.indicators[0].span.block, gdp.indicators[0].span.row, gdp.indicators[0].span.col) == (
        gdp.span.block,
        gdp.span.row,
        1,
    )
    project = seed000_parts[1].tasks[0]
    assert project.indicators and all(i.span is not None and i.span.col == 2 for i in project.indicators)
    continuation = next(t for t in seed000_parts[2].tasks if t.number is None)
    assert continuation.indicators == ()
