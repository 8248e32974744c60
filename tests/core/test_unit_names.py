"""Unit names (``luoshi.unit_names``): tidy, compare, tell a collective, guess a kind — one set of rules for all."""

from __future__ import annotations

import pytest

from luoshi.unit_names import (
    clean_name,
    distinct_units,
    guess_kind,
    guess_member_kind,
    is_collective,
    same_unit,
    tidy_name,
    unit_key,
)


@pytest.mark.parametrize(
    ("printed", "cleaned"),
    [
        ("区科技局 ", "区科技局"),
        ("地方金融\n监管局", "地方金融监管局"),
        ("区发改委、", "区发改委"),
        ("区委（政府）办", "区委(政府)办"),
        ("　区财政局", "区财政局"),
    ],
)
def test_printed_names_are_cleaned(printed: str, cleaned: str) -> None:
    assert clean_name(printed) == cleaned


@pytest.mark.parametrize(
    ("printed", "tidy"),
    [("区科技局 ", "区科技局"), ("地方金融\n监管局", "地方金融监管局"), ("区委（政府）办；", "区委（政府）办")],
)
def test_a_tidy_name_keeps_the_printed_forms(printed: str, tidy: str) -> None:
    assert tidy_name(printed) == tidy


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("区科技局", "科技局"),
        ("科技局", "科技局"),
        ("区 科技局", "科技局"),
        ("区委宣传部", "宣传部"),
        ("区市场监管局", "市场监管局"),
        ("市场监管局", "市场监管局"),  # 市 is another level of government, never dropped
        ("市生态环境局", "市生态环境局"),
        ("区（县）财政局", "(县)财政局"),
        ("区委", "区委"),
        ("区政府", "区政府"),  # what is left must be three characters or more
    ],
)
def test_unit_names_are_compared_without_the_districts_prefix(printed: str, key: str) -> None:
    assert unit_key(printed) == key


@pytest.mark.parametrize(
    ("name", "government", "key"),
    [
        ("区科技局", "鼓楼区", "科技局"),
        ("鼓楼区科技局", "鼓楼区", "科技局"),
        ("鼓楼科技局", "鼓楼区", "科技局"),
        ("科技局", "鼓楼区", "科技局"),
        ("区委", "鼓楼区", "区委"),
        ("高新区管委会", "鼓楼区", "高新区管委会"),
        # A city prints its own bodies with 市; 市场 and 市政 are words, not the level.
        ("市发改委", "宣城市", "发改委"),
        ("宣城市发改委", "宣城市", "发改委"),
        ("市场监管局", "宣城市", "市场监管局"),
        ("市市场监管局", "宣城市", "市场监管局"),
        ("市政公用局", "宣城市", "市政公用局"),
        ("县科技局", "寿县", "科技局"),
        # For a district, 市 is still the city above it.
        ("市科技局", "鼓楼区", "市科技局"),
    ],
)
def test_the_comparison_key_drops_the_governments_own_name_and_level(name: str, government: str, key: str) -> None:
    assert unit_key(name, government) == key


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("区科技局", "科技局", True),
        (" 区 科技局", "科技局", True),
        ("区税务局", "区商务局", False),
        ("铁北管委会", "铁管委", False),
        ("县科技局", "科技局", True),
        ("市场监管局", "区市场监管局", True),
        ("市科技局", "区科技局", False),  # the city's bureau is not the district's
        ("区委组织部", "区组织部", False),
    ],
)
def test_unit_names_match_as_printed_up_to_a_leading_level(a: str, b: str, same: bool) -> None:
    assert same_unit(a, b) is same


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("宁海路街道", "subdistrict"),
        ("高新区管委会", "committee"),
        ("区城建集团", "enterprise"),
        ("团区委", "mass_org"),
        ("区税务局", "vertical"),
        ("区科技局", "department"),
        ("各街道", "group"),
        ("区相关部门", "group"),
        ("板块", "group"),
    ],
)
def test_a_new_units_kind_is_guessed_from_its_name(name: str, kind: str) -> None:
    assert guess_kind(name) == kind


@pytest.mark.parametrize(
    ("name", "group"),
    [
        ("各街道", True),
        ("相关街道", True),
        ("区相关部门", True),
        ("街道", True),
        ("全区各街道", True),
        ("市级各部门", True),
        ("区级机关成员单位", True),
        ("其余板块", True),
        ("区属国企", True),
        ("区商务局", False),
        ("宁海路街道", False),
        ("相城区", False),
    ],
)
def test_collective_names_are_recognised(name: str, group: bool) -> None:
    assert is_collective(name) is group


@pytest.mark.parametrize(
    ("name", "member_kind"),
    [("各街道", "subdistrict"), ("各板块", "committee"), ("区属国企", "enterprise"), ("区相关部门", "")],
)
def test_a_collective_names_the_kind_of_its_members(name: str, member_kind: str) -> None:
    assert guess_member_kind(name) == member_kind


def test_a_second_spelling_of_a_listed_unit_is_left_out() -> None:
    assert distinct_units(["区科技局", "科技局", "区财政局", "鼓楼区财政局"], "鼓楼区") == ["区科技局", "区财政局"]
