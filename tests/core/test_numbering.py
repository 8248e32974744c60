"""Item numbers: every label style the documents print, read with its numeral, style and value."""

from __future__ import annotations

import pytest

from luoshi.structure.numbering import cn_to_int, outline_levels, read_label, read_number


@pytest.mark.parametrize(
    ("text", "numeral", "style", "value", "rest"),
    [
        ("1.地区生产总值增长7%。", "1", "arabic_dot", 1, "地区生产总值增长7%。"),
        ("12. 一般公共预算收入增长5%。", "12", "arabic_dot", 12, "一般公共预算收入增长5%。"),
        ("1﹒地区生产总值可比增长5%以上", "1", "arabic_dot", 1, "地区生产总值可比增长5%以上"),
        ("3．推进项目建设", "3", "arabic_dot", 3, "推进项目建设"),
        ("１２．全角数字", "12", "arabic_dot", 12, "全角数字"),
        ("1、 关于完善创新生态", "1", "arabic_comma", 1, "关于完善创新生态"),
        ("7、推进旧城改造", "7", "arabic_comma", 7, "推进旧城改造"),
        ("1）加快建设", "1", "arabic_paren", 1, "加快建设"),
        ("2) 加快建设", "2", "arabic_paren", 2, "加快建设"),
        ("（1）完善机制", "1", "paren_arabic", 1, "完善机制"),
        ("(3)完善机制", "3", "paren_arabic", 3, "完善机制"),
        ("一、关于推动更高质量的经济发展", "一", "cn_comma", 1, "关于推动更高质量的经济发展"),
        ("十二、加强自身建设", "十二", "cn_comma", 12, "加强自身建设"),
        ("（一）产业提升人才行动计划", "一", "paren_cn", 1, "产业提升人才行动计划"),
        ("(二)科技创新", "二", "paren_cn", 2, "科技创新"),
        ("（十一）民生保障", "十一", "paren_cn", 11, "民生保障"),
        ("①建成地铁站", "①", "circled", 1, "建成地铁站"),
        ("第一部分 经济发展", "一", "di_cn", 1, "经济发展"),
        ("【3】推进改革", "3", "bracket_arabic", 3, "推进改革"),
        ("5\t推进改革", "5", "arabic_space", 5, "推进改革"),
        ("　　2.缩进的编号", "2", "arabic_dot", 2, "缩进的编号"),
    ],
)
def test_every_printed_number_style_is_read(text: str, numeral: str, style: str, value: int, rest: str) -> None:
    n = read_number(text)
    assert n is not None
    assert (n.numeral, n.style, n.value, n.rest) == (numeral, style, value, rest)


@pytest.mark.parametrize(
    "text",
    [
        "2.5%的增长目标",  # a decimal, not a label
        "1,000万元的投资",  # a thousands separator
        "2021年区政府主要工作目标任务分解落实方案",
        "5G基站建设",
        "一般公共预算收入增长5%。",  # 一 as a word, not a numeral label
        "一，是要坚持稳中求进",  # a sentence that opens with 一，
        "区政府各部门，各街道办事处：",
        "12345政务热线",
    ],
)
def test_words_that_only_look_like_numbers_are_not_labels(text: str) -> None:
    assert read_number(text) is None


def test_a_label_before_a_name_starting_with_digits_is_read_when_the_list_expects_it() -> None:
    n = read_number("11.121人才梯队项目", expected=11)
    assert n is not None and (n.value, n.rest) == (11, "121人才梯队项目")
    assert read_number("11.121人才梯队项目", expected=4) is None


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("一百零五", 105), ("二〇二三", 2023)],
)
def test_chinese_numerals_are_read(numeral: str, value: int) -> None:
    assert cn_to_int(numeral) == value


@pytest.mark.parametrize(
    ("label", "style", "value"),
    [("12.", "arabic_dot", 12), ("（二）", "paren_cn", 2), ("一、", "cn_comma", 1), ("3)", "arabic_paren", 3)],
)
def test_word_list_labels_are_read_on_their_own(label: str, style: str, value: int) -> None:
    n = read_label(label)
    assert n is not None and (n.style, n.value, n.rest) == (style, value, "")


@pytest.mark.parametrize("label", [None, "", "•", "■"])
def test_bullets_and_empty_labels_are_no_numbers(label: str | None) -> None:
    assert read_label(label) is None


@pytest.mark.parametrize(
    ("keys", "levels"),
    [
        # 一、 / （一） / （二） / 二、
        ([("cn", 1), ("pcn", 1), ("pcn", 2), ("cn", 2)], [0, 1, 1, 0]),
        # 001: "1、 关于…" then "二、关于…": one level printed in two styles
        ([("ac", 1), ("cn", 2), ("cn", 3)], [0, 0, 0]),
        # a new style starting at 1 opens a level below
        ([("cn", 1), ("ac", 1), ("ac", 2), ("cn", 2), ("ac", 1)], [0, 1, 1, 0, 1]),
    ],
)
def test_heading_styles_nest_by_first_appearance(keys: list[tuple[str, int]], levels: list[int]) -> None:
    assert outline_levels(keys) == levels
