"""A table's unit of measure printed apart from its figures: a 单位 column, a header's "（个）", a task name's "(人)".

The unit goes to ``Task.measure`` and the target's bare figure is read in it, so the judge can compare
"20" with "已建成12个" (issue 8, class 6: the figure whose unit is elsewhere).
"""

from __future__ import annotations

import pytest

from luoshi.read import read_bytes
from luoshi.structure import parse_document
from luoshi.structure.tables import measure_in


def table(*rows: tuple[str, ...]) -> bytes:
    """A table as the seeds' text renders one: a cell per line starting with a tab, rows apart by a blank line."""
    lines = ["2021年民生实事项目进展情况表", ""]
    for row in rows:
        lines += [f"\t{cell}" for cell in row] + [""]
    return "\n".join(lines).encode("utf-8")


def tasks(data: bytes) -> list:  # type: ignore[type-arg]
    return [t for part in parse_document(read_bytes(data, "表.txt")).parts for t in part.tasks]


@pytest.mark.parametrize(
    ("header", "measure"),
    [
        ("全年目标（个）", "个"),
        ("全年目标(万元)", "万元"),
        ("年度目标（户）", "户"),
        ("计划数（公里）", "公里"),
        ("目标（%）", "%"),
    ],
)
def test_a_unit_in_the_target_columns_header_is_the_rows_measure(header: str, measure: str) -> None:
    rows = tasks(
        table(
            ("序号", "项目名称", "责任单位", header, "进展情况"),
            ("1", "新建社区养老服务中心", "区民政局", "20", "已建成12"),
            ("2", "改造老旧小区", "区住建局", "30", "已完成8"),
        )
    )
    assert [t.measure for t in rows] == [measure, measure]
    assert [(i.value, i.unit) for t in rows for i in t.indicators] == [(20, measure), (30, measure)]


def test_a_unit_column_gives_each_row_its_own_measure() -> None:
    rows = tasks(
        table(
            ("序号", "目标任务", "单位", "全年目标", "责任单位", "进展情况"),
            ("1", "新增城镇就业", "人", "8000", "区人社局", "1-9月新增6500"),
            ("2", "新建停车泊位", "个", "1500", "区城管局", "已建成900"),
            ("3", "完成固定资产投资", "亿元", "120", "区发改委", "完成96.5"),
        )
    )
    assert [t.measure for t in rows] == ["人", "个", "亿元"]
    assert [(i.value, i.unit) for t in rows for i in t.indicators] == [(8000, "人"), (1500, "个"), (120, "亿元")]


@pytest.mark.parametrize(
    ("name", "measure"),
    [("新增城镇就业(人)", "人"), ("新建公厕（座）", "座"), ("改造燃气管网（公里）", "公里"), ("新增学位(个)", "个")],
)
def test_a_unit_at_the_end_of_the_task_name_is_the_measure(name: str, measure: str) -> None:
    (row,) = tasks(
        table(("序号", "目标任务", "全年目标", "责任单位", "进展情况"), ("1", name, "500", "区发改委", "已完成300"))
    )
    assert row.measure == measure


@pytest.mark.parametrize(
    "text", ["项目名称", "全年目标（含续建）", "责任单位（牵头）", "进展情况（截至9月底）", "备注(区民政局)", "目标"]
)
def test_a_bracket_that_is_no_unit_of_measure_gives_none(text: str) -> None:
    assert measure_in(text) is None


def test_a_unit_column_of_government_bodies_is_no_measure() -> None:
    rows = tasks(
        table(
            ("序号", "目标任务", "单位", "进展情况"),
            ("1", "新增城镇就业8000人", "区人社局", "1-9月新增6500人"),
        )
    )
    assert rows[0].measure is None and rows[0].lead == ("区人社局",)
