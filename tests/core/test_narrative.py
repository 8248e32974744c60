"""Narrative reports against the gold: the 2024 work report's targets (004), the half-year figures (002).

Run ``python -m tests.core.test_narrative`` to print the figures.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.model import Observation, Paragraph, Part
from luoshi.quantities.units import same_quantity
from luoshi.read import read_path
from luoshi.structure import parse_document
from luoshi.structure.narrative import parse_part
from tests.acceptance import match_targets
from tests.conftest import gold, seed_path


def _part(prefix: str) -> Part:
    plan = parse_document(read_path(seed_path(prefix)))
    (part,) = plan.parts
    return part


def measure_targets(part: Part, expected: dict[str, Any]) -> dict[str, Any]:
    """The gold targets of a work report matched with the part's indicators."""
    found = [i for t in part.tasks for i in t.indicators]
    return match_targets(found, expected["main_targets"] + expected["task_targets"])


def measure_observations(part: Part, expected: dict[str, Any]) -> dict[str, Any]:
    """Share of the gold values (value+unit) and growth rates found among the observations."""
    obs: list[Observation] = list(part.observations)
    items = found = 0
    missed = []
    for g in expected["observations"]:
        want_value = g["value"] is not None
        want_growth = g["growth_pct"] is not None
        best = 0
        for o in obs:
            v = want_value and o.value is not None and same_quantity((o.value, o.unit), (g["value"], g["unit"]))
            gr = want_growth and o.growth_pct is not None and abs(o.growth_pct - g["growth_pct"]) < 1e-9
            best = max(best, int(bool(v)) + int(bool(gr)))
        need = int(want_value) + int(want_growth)
        items += need
        found += best
        if best < need:
            missed.append(g)
    return {"gold_items": items, "found_items": found, "share": found / items, "missed": missed}


def test_work_report_targets_match_the_gold() -> None:
    part = _part("004")
    m = measure_targets(part, gold("004"))
    assert m["found"] >= 57, m["missed"]
    assert m["other_indicators"] <= 8, m["others"]


def test_work_report_reads_only_the_coming_year() -> None:
    part = _part("004")
    assert part.kind == "work_report" and part.year == 2024 and part.government == "鼓楼区"
    review = {"2023年工作回顾"}
    assert all(t.section not in review for t in part.tasks)
    # Figures of the review (完成老旧楼宇改造10.1万平方米, 新增养老机构床位203张) are not targets.
    values = {(i.value, i.unit) for t in part.tasks for i in t.indicators}
    assert (10.1, "万平方米") not in values and (203, "张") not in values


def test_work_report_tasks_carry_section_subsection_and_spans() -> None:
    part = _part("004")
    doc = read_path(seed_path("004"))
    for task in part.tasks:
        assert task.section and task.span is not None
        block = doc.blocks[task.span.block]
        assert isinstance(block, Paragraph)
        assert block.text[task.span.start : task.span.end] == task.text
        for ind in task.indicators:
            assert ind.span is not None and block.text[ind.span.start : ind.span.end] == ind.text
    assert any(t.subsection and t.subsection.startswith("（一）") for t in part.tasks)


def test_half_year_report_figures_match_the_gold() -> None:
    part = _part("002")
    m = measure_observations(part, gold("002"))
    assert m["share"] >= 0.9, m["missed"]


def test_half_year_report_reads_its_period_government_and_summary() -> None:
    part = _part("002")
    assert part.kind == "half_year_report" and part.year == 2021 and part.government == "鼓楼区"
    assert all(o.period for o in part.observations)
    by_metric = {o.metric: o.value for o in part.observations}
    summary = gold("002")["summary"]
    assert by_metric.get("目标总数") == summary["targets_total"]
    assert by_metric.get("实现双过半目标数") == summary["double_half"]
    assert by_metric.get("目标过半率") == summary["double_half_rate_pct"]


def test_half_year_report_skips_the_second_half_plan() -> None:
    part = _part("002")
    # "围绕创建3幢亿元楼宇、2幢特色楼宇和活化改造20万平米老旧楼宇目标" is a plan, not a figure.
    assert not any(o.unit == "万平米" or (o.value == 20 and o.unit == "万平方米") for o in part.observations)


def _paras(*texts: str) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(index=i, text=t) for i, t in enumerate(texts))


_PROSE = "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快服务构建新发展格局，切实增强经济活力、防范化解风险、改善社会预期，巩固和增强经济回升向好态势，推动经济实现质的有效提升和量的合理增长。"


@pytest.mark.parametrize(
    ("paragraphs", "kind"),
    [
        (
            (
                "政府工作报告",
                "各位代表：",
                "一、2022年工作回顾",
                "过去一年，全县地区生产总值增长6.1%，新增市场主体3200户。" + _PROSE,
                _PROSE,
                "二、2023年工作安排",
                "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇新增就业5000人以上。" + _PROSE,
                "（一）着力扩大有效需求",
                "全年新开工亿元以上项目30个，完成固定资产投资120亿元。" + _PROSE,
                _PROSE,
            ),
            "work_report",
        ),
        (
            (
                "关于某县2022年国民经济和社会发展计划",
                "上半年执行情况的报告",
                "主任、各位副主任、各位委员：",
                "一、上半年计划执行情况",
                "上半年，全县地区生产总值完成210.5亿元，增长5.2%。" + _PROSE,
                _PROSE,
                "二、下半年工作打算",
                "全年新增市场主体5000户。" + _PROSE,
                _PROSE,
                _PROSE,
            ),
            "half_year_report",
        ),
        ((_PROSE,) * 10, None),
        (("1.推进某项工作。（区发改委主办）",) * 10, None),
    ],
)
def test_narrative_reports_are_recognised_by_their_grammar(paragraphs: tuple[str, ...], kind: str | None) -> None:
    part = parse_part(None, _paras(*paragraphs))
    assert (part.kind if part else None) == kind


def test_unseen_work_report_gives_targets_of_the_plan_zone_only() -> None:
    part = parse_part(
        None,
        _paras(
            "某某县人民政府",
            "2023年政府工作报告",
            "各位代表：",
            "一、2022年工作回顾",
            "过去一年，全县地区生产总值增长6.1%，新增市场主体3200户。" + _PROSE,
            _PROSE,
            "二、2023年工作安排",
            "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇新增就业5000人以上。" + _PROSE,
            "（一）着力扩大有效需求",
            "全年新开工亿元以上项目30个，完成固定资产投资120亿元。" + _PROSE,
            _PROSE,
        ),
    )
    assert part is not None and part.year == 2023
    got = [(i.kind, i.comparator, i.value, i.unit) for t in part.tasks for i in t.indicators]
    assert got == [
        ("growth", "~", 6, "%"),
        ("count", ">=", 5000, "人"),
        ("count", ">=", 30, "个"),
        ("amount", ">=", 120, "亿元"),
    ]


def test_work_report_without_subsections_reads_its_whole_plan_section() -> None:
    part = parse_part(
        None,
        _paras(
            "某某县2023年政府工作报告",
            "各位代表：",
            "一、2022年工作回顾",
            "过去一年，全县地区生产总值增长6.1%，新增市场主体3200户。" + _PROSE,
            _PROSE,
            _PROSE,
            "二、2023年重点工作",
            _PROSE,
            "全年新开工亿元以上项目30个，完成固定资产投资120亿元。" + _PROSE,
            "新增城镇就业5000人以上，" + _PROSE,
        ),
    )
    assert part is not None and part.kind == "work_report" and part.year == 2023
    got = [(i.value, i.unit) for t in part.tasks for i in t.indicators]
    assert got == [(30, "个"), (120, "亿元"), (5000, "人")]


@pytest.mark.parametrize(
    ("heading", "read"),
    [
        ("二、“十五五”时期主要任务", False),
        ("二、十五五时期的主要目标任务", False),
        ("二、今后五年的目标任务", False),
        ("二、2026—2030年发展目标", False),
        ("二、“十五五”时期主要目标任务和2026年工作安排", True),
        ("二、2026年工作安排", True),
    ],
)
def test_a_plan_section_of_several_years_is_not_the_coming_years_plan(heading: str, read: bool) -> None:
    part = parse_part(
        None,
        _paras(
            "2026年某某县政府工作报告",
            "各位代表：",
            "一、2025年工作回顾",
            "过去一年，全县地区生产总值增长6.1%，新增市场主体3200户。" + _PROSE,
            _PROSE,
            heading,
            "这一时期的主要目标是：城镇化率达到71%以上，人均受教育年限达到11.7年。" + _PROSE,
            _PROSE,
            "三、2026年重点工作",
            "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇新增就业5000人以上。" + _PROSE,
            "（一）着力扩大有效需求",
            "全年新开工亿元以上项目30个，完成固定资产投资120亿元。" + _PROSE,
        ),
    )
    assert part is not None and part.year == 2026
    values = {(i.value, i.unit) for t in part.tasks for i in t.indicators}
    assert {(6, "%"), (5000, "人"), (30, "个"), (120, "亿元")} <= values
    assert ((71, "%") in values) is read


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("全年新增城镇就业5000人以上，到2030年城镇化率达到71%以上。", [(5000, "人")]),
        ("到2030年城镇化率达到71%以上。", []),
        ("到2026年底新建5G基站300个。", [(300, "个")]),
    ],
)
def test_a_target_for_a_later_year_in_the_years_plan_is_not_the_years(
    sentence: str, values: list[tuple[float, str]]
) -> None:
    part = parse_part(
        None,
        _paras(
            "2026年某某县政府工作报告",
            "各位代表：",
            "一、2025年工作回顾",
            "过去一年，全县地区生产总值增长6.1%，新增市场主体3200户。" + _PROSE,
            _PROSE,
            "二、2026年重点工作",
            _PROSE,
            sentence + _PROSE,
            _PROSE,
            _PROSE,
        ),
    )
    assert part is not None and part.year == 2026
    assert [(i.value, i.unit) for t in part.tasks for i in t.indicators] == values


@pytest.mark.parametrize(
    ("head", "government"),
    [
        (("2023年某某县政府工作报告",), "某某县"),
        (
            ("下载", "打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小", "】", "2026年某某省政府工作报告"),
            "某某省",
        ),
        (("政府工作报告", "——2026年1月31日在某某自治区第十二届人民代表大会第四次会议上"), "某某自治区"),
        (("政府工作报告", "某某自治州人民政府州长 某某"), "某某自治州"),
        (("政府工作报告", "自治区人民政府主席 某某"), None),
    ],
)
def test_work_report_names_the_government_of_any_level_from_its_head_matter(
    head: tuple[str, ...], government: str | None
) -> None:
    part = parse_part(
        None,
        _paras(
            *head,
            "各位代表：",
            "一、2022年工作回顾",
            "过去一年，全县地区生产总值增长6.1%，新增市场主体3200户。" + _PROSE,
            _PROSE,
            "二、2023年工作安排",
            "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇新增就业5000人以上。" + _PROSE,
            "（一）着力扩大有效需求",
            "全年新开工亿元以上项目30个，完成固定资产投资120亿元。" + _PROSE,
            _PROSE,
        ),
    )
    assert part is not None and part.kind == "work_report"
    assert part.government == government


def test_unseen_half_year_report_gives_observations_with_its_period() -> None:
    part = parse_part(
        None,
        _paras(
            "关于某县2022年国民经济和社会发展计划",
            "上半年执行情况的报告",
            "主任、各位副主任、各位委员：",
            "一、上半年计划执行情况",
            "全县地区生产总值完成210.5亿元，增长5.2%。" + _PROSE,
            _PROSE,
            "二、下半年工作打算",
            "全年新增市场主体5000户。" + _PROSE,
            _PROSE,
            _PROSE,
        ),
    )
    assert part is not None and part.year == 2022
    got = [(o.period, o.value, o.unit, o.growth_pct) for o in part.observations]
    assert got == [("上半年", 210.5, "亿元", 5.2)]


if __name__ == "__main__":
    t = measure_targets(_part("004"), gold("004"))
    print(
        f"004 targets: {t['found']}/{t['expected']} found (value, unit, kind); comparator right {t['comparator_right']}"
    )
    print(f"004 other indicators reported: {t['other_indicators']}")
    for i in t["others"]:
        print("   other:", i.kind, i.comparator, i.value, i.unit, i.metric)
    for g in t["missed"]:
        print("   missed:", g)
    o = measure_observations(_part("002"), gold("002"))
    print(f"002 observations: {o['found_items']}/{o['gold_items']} values and growth rates found ({o['share']:.1%})")
    for g in o["missed"]:
        print("   missed:", g)


_LINE_CHARS = "一二、（）()。，：:2024年工作回顾任务目标报告执行情况上半年增长5%亿元家以上各位代表确保全年新增"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list(_LINE_CHARS)), min_size=1, max_size=120), max_size=30))
def test_any_paragraphs_parse_or_are_declined_without_error(lines: list[str]) -> None:
    part = parse_part(None, _paras(*lines))
    if part is not None:
        assert part.kind in ("work_report", "half_year_report")
        for task in part.tasks:
            assert task.span is not None and lines[task.span.block][task.span.start : task.span.end] == task.text
