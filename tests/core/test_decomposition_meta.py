"""A plan's government, year and title, read from its notice and title line."""

from __future__ import annotations

import pytest

from luoshi.structure.meta import (
    find_government,
    find_year,
    local_government,
    looks_like_title,
    report_government,
    title_from_notice,
)


@pytest.mark.parametrize(
    ("name", "local"),
    [
        ("鼓楼区", "鼓楼区"),
        ("南京市玄武区", "玄武区"),
        ("广州市", "广州市"),
        ("山东省滕州市", "滕州市"),
        ("济南市市中区", "市中区"),
        ("上海市浦东新区", "浦东新区"),
        ("四川省达州市大竹县", "大竹县"),
        ("区", None),
        ("河北省", "河北省"),
        ("宁夏回族自治区", "宁夏回族自治区"),
        ("西藏自治区", "西藏自治区"),
        ("吉林省延边朝鲜族自治州", "延边朝鲜族自治州"),
        ("内蒙古自治区锡林郭勒盟", "锡林郭勒盟"),
        ("湖北省长阳土家族自治县", "长阳土家族自治县"),
        ("南京市玄武区玄武门街道", "玄武门街道"),
        ("自治区", None),
        ("新区", None),
    ],
)
def test_the_government_is_the_most_local_level_of_its_name(name: str, local: str | None) -> None:
    assert local_government(name) == local


@pytest.mark.parametrize(
    ("lines", "government"),
    [
        (["区政府关于印发《2021年…》的通知", "鼓楼区人民政府", "2021年3月1日"], "鼓楼区"),
        (["各街道办事处:", "南京市玄武区人民政府", "2023年2月24日"], "玄武区"),
        (["玄武区人民政府关于印发2023年区政府主要工作目标任务分解落实方案的通知"], "玄武区"),
        (["| 发布机构: | 玄武区人民政府 | 生成日期: | 2023-02-27 |"], "玄武区"),
        (["滕州市人民政府办公室关于印发…的通知"], "滕州市"),
        (["区人民政府办公室关于印发…的通知", "区政府各部门："], None),
    ],
)
def test_the_government_is_read_from_the_notice(lines: list[str], government: str | None) -> None:
    assert find_government(lines) == government


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2021年区政府主要工作目标任务分解落实方案", 2021),
        ("二〇二三年重点工作任务分解", 2023),
        ("关于推进人才集聚工程的实施意见", None),
        (None, None),
    ],
)
def test_the_year_is_the_first_one_the_title_names(text: str | None, year: int | None) -> None:
    assert find_year(text) == year


@pytest.mark.parametrize(
    ("line", "is_title"),
    [
        ("2021年区政府主要工作目标任务分解落实方案", True),
        ("2016年民生实事目标任务分解表", True),
        ("2023年区政府工作报告重点任务分解", True),
        ("区政府关于印发《2021年区政府主要工作目标任务分解落实方案》的通知", False),
        ("现将方案印发给你们，请认真组织实施。", False),
    ],
)
def test_a_plan_title_line_is_told_from_the_notice(line: str, is_title: bool) -> None:
    assert looks_like_title(line) is is_title


def test_the_title_inside_a_notice_is_read_from_its_book_marks() -> None:
    notice = "区政府关于印发《2021年区政府主要工作目标任务分解落实方案》的通知"
    assert title_from_notice(notice) == "2021年区政府主要工作目标任务分解落实方案"


def test_a_title_broken_over_lines_inside_one_paragraph_is_rejoined() -> None:
    from luoshi.model import Paragraph
    from luoshi.structure.decomposition import parse_part

    blocks = (
        Paragraph(index=0, text="2021年区政府主要工作\n目标任务分解落实方案"),
        Paragraph(index=1, text="一、关于创新"),
        Paragraph(index=2, text="1.新增硅巷10万平方米。（区科技局主办）"),
        Paragraph(index=3, text="2.推进改革。（区发改委主办，区财政局协办）"),
    )
    part = parse_part(None, blocks)
    assert part is not None
    assert part.title == "2021年区政府主要工作目标任务分解落实方案"
    assert part.year == 2021


@pytest.mark.parametrize(
    ("lines", "government"),
    [
        (["2026年河北省政府工作报告"], "河北省"),
        (["2026年宁夏回族自治区政府工作报告"], "宁夏回族自治区"),
        (["关于鼓楼区2021年国民经济和社会发展计划"], "鼓楼区"),
        (["政府工作报告", "——2026年1月31日在西藏自治区第十二届人民代表大会第四次会议上"], "西藏自治区"),
        (["政府工作报告", "——2024年1月10日在南京市鼓楼区第十八届人民代表大会第三次会议上"], "鼓楼区"),
        (["政府工作报告", "河南省人民政府省长 王凯"], "河南省"),
        (["政府工作报告", "延边朝鲜族自治州人民政府州长"], "延边朝鲜族自治州"),
        (["政府工作报告", "自治区人民政府主席 张雨浦"], None),
        (["2024年区政府工作报告", "——2024年1月10日在区第三届人民代表大会第三次会议上"], None),
    ],
)
def test_a_report_names_its_government_in_its_title_or_delivery_line(lines: list[str], government: str | None) -> None:
    assert report_government(lines) == government
