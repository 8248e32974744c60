"""Sentences, indicators (targets) and observations (reported figures) built on the quantity reader."""

from __future__ import annotations

import pytest

from luoshi.model import Span
from luoshi.quantities.indicators import to_indicators
from luoshi.quantities.observations import to_observations
from luoshi.quantities.sentences import split_clauses, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一句。二句；三句!四句？", ["一句", "二句", "三句", "四句"]),
        ("  首行\n次行  \n\n", ["首行", "次行"]),
        ("没有句号", ["没有句号"]),
        ("", []),
        ("。；\n", []),
    ],
)
def test_sentences_are_cut_on_terminators_and_line_breaks(text: str, expected: list[str]) -> None:
    pieces = split_sentences(text)
    assert [s for _, _, s in pieces] == expected
    assert all(text[a:b] == s for a, b, s in pieces)


def test_clauses_are_cut_on_commas_but_not_on_list_marks() -> None:
    assert [c for _, _, c in split_clauses("现代金融、航运物流产业，分别增长5.5%、6%")] == [
        "现代金融、航运物流产业",
        "分别增长5.5%、6%",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("新增规上服务业企业55家", [("count", ">=", 55, "家")]),
        ("确保全年新增硅巷10万平方米以上", [("amount", ">=", 10, "万平方米")]),
        ("固定资产投资保持稳定增长、力争达到3%", [("growth", ">=", 3, "%")]),
        ("法定报告传染病总发病率控制在150/10万以下", [("limit", "<=", 150, "/10万")]),
        ("城镇登记失业率控制在3%以内", [("limit", "<=", 3, "%")]),
        ("PM2.5年均浓度28微克/立方米", [("limit", "<=", 28, "微克/立方米")]),
        ("坚决守住不发生系统性风险底线", [("zero_event", "==0", 0, None)]),
        ("全年81个实施类项目完成投资141.5亿元", [("amount", ">=", 141.5, "亿元")]),
        ("鼓楼每平方公里实现近38亿元的经济产出", []),
        ("居民人均可支配收入与经济增长基本同步", [("qualitative", None, None, None)]),
        ("推进知识产权强省建设区域示范工作", [("qualitative", None, None, None)]),
        ("推动南邮科创中心、宝龙天地等项目按时竣工", [("milestone", None, None, None)]),
    ],
)
def test_targets_become_indicators(text: str, expected: list[tuple]) -> None:  # type: ignore[type-arg]
    got = [(i.kind, i.comparator, i.value, i.unit) for i in to_indicators(text)]
    if not expected:
        assert all(i[2] is None for i in got)
    else:
        assert got == expected


def test_city_set_target_is_external() -> None:
    (ind,) = to_indicators("枢纽经济、总部企业达市目标")
    assert ind.external and ind.kind == "qualitative"
    assert not to_indicators("新增规上服务业企业55家")[0].external


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "单位生产总值二氧化碳排放降低目标与国家“十五五”考核目标统筹衔接",
            [("qualitative", None, "单位生产总值二氧化碳排放降低", True)],
        ),
        (
            "粮食产量1300亿斤以上，单位生产总值能耗降低目标与国家下达目标相衔接",
            [("amount", 1300, "粮食产量", False), ("qualitative", None, "单位生产总值能耗降低", True)],
        ),
        ("完成国家下达的节能降碳任务", [("qualitative", None, None, True)]),
        ("单位生产总值能耗降低与经济增长同步", [("qualitative", None, "单位生产总值能耗降低", False)]),
    ],
)
def test_a_target_set_by_a_higher_government_is_external_even_without_a_figure(
    text: str,
    expected: list[tuple],  # type: ignore[type-arg]
) -> None:
    got = [(i.kind, i.value, i.metric, i.external) for i in to_indicators(text, fallback=False)]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A count of a list's members in a task that carries on work on them without end: its scope.
        ("加快中国邮政国际航空枢纽、洛阳等10个国家物流枢纽、商丘等5个国家骨干冷链物流基地建设", []),
        ("推进国家物流枢纽和银川陆港等5个物流园区建设", []),
        ("支持巩义、永城、林州等10个有条件的县（市）发展成为中等城市", []),
        ("加快钢铁、煤炭、有色等10个传统产业提质升级，实施200个以上节能降碳改造项目", [(200, "个")]),
        ("壮大6大特色产业集群和18条乡村富民产业链", []),
        # A task that completes work on such a list, or starts it, keeps its count.
        ("实施峨嵋岭19号等26个老旧小区改造提升", [(26, "个")]),
        ("加快南十里长沟主流等13条幸福河湖创建工作", [(13, "条")]),
        ("全力推进东井二村505幢等11栋在册危房治理、凤凰西街263号等45栋自建房隐患整改", [(11, "栋"), (45, "栋")]),
        ("启动矽力微中国区总部等47个新项目建设", [(47, "个")]),
        ("新建750千伏电网工程16个", [(16, "个")]),
    ],
)
def test_a_count_naming_the_scope_of_a_task_is_not_a_target(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(i.value, i.unit) for i in to_indicators(text, fallback=False)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("农牧区免费学前教育生均标准从380元提高至1000元", [(1000, "元", "农牧区免费学前教育生均标准")]),
        ("城乡低保标准由每月800元提高到900元", [(900, "元", "城乡低保标准")]),
        ("新增就业岗位从1万个增至2万个", [(2, "万个", "新增就业岗位")]),
        ("审批时限由20个工作日压缩至5个工作日", [(5, "个工作日", "审批时限")]),
    ],
)
def test_the_figure_a_change_starts_from_is_a_baseline_not_a_target(
    text: str, expected: list[tuple[float, str, str]]
) -> None:
    assert [(i.value, i.unit, i.metric) for i in to_indicators(text, fallback=False)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 岳阳市 1-11月 重点民生实事 (real rows): the province's figure in the item's name, the city's in its cell
        ("减少义务教育大班额1.4万个以上：869", [(869.0, None)]),
        ("新建1500个行政村4G基站：68", [(68.0, None)]),
        ("完成10千伏及以下行政村配电网改造(37个村)：5900", [(5900.0, "万元")]),
        ("农村适龄妇女“两癌”免费检查：93215", [(93215.0, None)]),
        # 眉山 2019 (real): four digits under a header are the cell's value, not a year
        ("就业困难人员就业(人)：2000", [(2000.0, "人")]),
        # constructed: a time or a code under its header stays no figure
        ("竣工时间：2025", []),
        ("联系电话：5286660", []),
    ],
)
def test_a_cells_value_under_its_header_is_the_target_and_the_headers_figures_are_its_name(
    text: str, expected: list[tuple[float, str | None]]
) -> None:
    measure = "万元" if "配电网" in text else None
    got = [(i.value, i.unit) for i in to_indicators(text, measure=measure) if i.value is not None]
    assert got == expected


def test_indicator_span_narrows_the_task_span() -> None:
    text = "全年新增养老机构床位200张。"
    (ind,) = to_indicators(text, Span(block=7, start=100, end=100 + len(text)))
    assert ind.span == Span(block=7, start=110, end=114)
    assert text[ind.span.start - 100 : ind.span.end - 100] == "200张"


def test_empty_target_gives_no_indicator() -> None:
    assert to_indicators("  ") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "1-9月全区地区生产总值完成1441.54亿元，增长9.4%。全年预计增长8%左右。",
            [("1-9月", 1441.54, "亿元", 9.4, False), ("全年", None, None, 8, True)],
        ),
        (
            "1-11月份有效发明专利拥有量12871件。全年预计13000件。",
            [("1-11月", 12871, "件", None, False), ("全年", 13000, "件", None, True)],
        ),
        (
            "1-11月科技服务业收入完成436.6亿元，增长26.3%，全年预计完成446亿，增长10%以上。",
            [("1-11月", 436.6, "亿元", 26.3, False), ("全年", 446, "亿元", 10, True)],
        ),
        (
            "社会消费品零售总额581.26亿元，排名全市第1，增长28.4%，排名全市第4",
            [(None, 581.26, "亿元", 28.4, False)],
        ),
        ("固定资产投资增长11.2%，排名全市第6", [(None, None, None, 11.2, False)]),
    ],
)
def test_value_and_growth_of_one_metric_fold_into_one_observation(text: str, expected: list[tuple]) -> None:  # type: ignore[type-arg]
    got = [(o.period, o.value, o.unit, o.growth_pct, o.forecast) for o in to_observations(text)]
    assert got == expected


def test_default_period_applies_where_the_text_names_none() -> None:
    obs = to_observations("新增市场主体7605户。1-5月新增高技能人才390人", period="上半年")
    assert [o.period for o in obs] == ["上半年", "1-5月"]


def test_growths_of_different_metrics_stay_apart() -> None:
    obs = to_observations("高技术产业投资增长197.9%，其中高技术制造业投资增长99.1%")
    assert [(o.metric, o.growth_pct) for o in obs] == [("高技术产业投资", 197.9), ("高技术制造业投资", 99.1)]


def test_no_event_reported_is_a_zero_observation() -> None:
    (o,) = to_observations("上半年未发生重大金融风险")
    assert o.value == 0 and o.metric == "重大金融风险" and o.period == "上半年"


def test_each_metric_of_a_list_sharing_one_figure_gets_its_own() -> None:
    text = "安置率、培训就业率、权益维护率均达100%"
    assert [(i.metric, i.value) for i in to_indicators(text)] == [
        ("安置率", 100),
        ("培训就业率", 100),
        ("权益维护率", 100),
    ]


def test_city_target_is_external_only_in_its_own_clause() -> None:
    inds = to_indicators("每万人接受法律援助不少于13次，法治建设满意度调查达市目标")
    assert [(i.kind, i.value, i.external) for i in inds] == [("count", 13, False), ("qualitative", None, True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("高峰人才（市目标1人）入选2人", [("高峰人才入选", 2)]),
        ("1-9月全区单位GDP水耗为6.17吨，全年预计达市目标（不超过6.8吨）", [("单位GDP水耗", 6.17)]),
        ("26个老旧小区完成改造，完成率100%", [("老旧小区完成改造", 26), ("完成率", 100)]),
    ],
)
def test_targets_quoted_beside_a_result_are_not_observations(text: str, expected: list[tuple[str, float]]) -> None:
    assert [(o.metric, o.value) for o in to_observations(text)] == expected


def test_growth_measures_the_figure_just_before_it_in_the_same_period() -> None:
    obs = to_observations("三批次共计474家企业申报高新技术企业，较2020年增长37.79%")
    assert [(o.value, o.growth_pct) for o in obs] == [(474, 37.79)]


def test_two_lists_of_one_set_of_names_fold_value_and_growth() -> None:
    obs = to_observations("化工、医药、家居分别实现产值156.2亿元、28.3亿元、39亿元，分别下降9%、26.3%、3.9%。")
    assert [(o.metric, o.value, o.growth_pct) for o in obs] == [
        ("化工产值", 156.2, -9),
        ("医药产值", 28.3, -26.3),
        ("家居产值", 39, -3.9),
    ]


def test_each_growth_of_a_list_keeps_its_own_sign() -> None:
    obs = to_observations("用电、天然气分别增长6.9%、下降4.8%。")
    assert [(o.metric, o.growth_pct) for o in obs] == [("用电", 6.9), ("天然气", -4.8)]
