"""The judge's numeric rules: comparators and kinds, 左右 bands, time progress, forecasts, matching."""

from __future__ import annotations

from datetime import date

import pytest

from luoshi.judge import JudgeSettings, judge_numeric, read_period, time_progress
from luoshi.judge.comparators import compare
from luoshi.judge.matching import match
from luoshi.model import Indicator, Observation


def ind(kind: str, comparator: str | None, value: float, unit: str | None, metric: str = "指标") -> Indicator:
    return Indicator(metric=metric, kind=kind, comparator=comparator, value=value, unit=unit, text=metric)  # type: ignore[arg-type]


def obs(
    value: float | None = None,
    unit: str | None = None,
    *,
    growth: float | None = None,
    period: str | None = None,
    forecast: bool = False,
    metric: str | None = "指标",
) -> Observation:
    text = f"{metric or ''}{value}{unit or ''}"
    return Observation(metric, period, value, unit, growth, forecast, text)


# --------------------------------------------------------------------------- comparators and kinds


@pytest.mark.parametrize(
    ("kind", "comparator", "target", "target_unit", "value", "unit", "met"),
    [
        # growth rates: floors (以上 / 不低于) and bare numbers
        ("growth", ">=", 7, "%", 9.4, "%", True),
        ("growth", ">=", 7, "%", 6.9, "%", False),
        ("growth", None, 8, "%", 8.0, "%", True),
        # 正增长: strictly above zero
        ("growth", ">", 0, "%", 0.0, "%", False),
        ("growth", ">", 0, "%", 0.1, "%", True),
        # 左右 on growth: ±0.5 percentage point, overshoot counts as met
        ("growth", "~", 7, "%", 6.6, "%", True),
        ("growth", "~", 7, "%", 6.4, "%", False),
        ("growth", "~", 7, "%", 9.0, "%", True),
        # 左右 on a level: ±2% of the target
        ("amount", "~", 8, "万元", 7.9, "万元", True),
        ("amount", "~", 8, "万元", 7.8, "万元", False),
        # levels across 万/亿 multipliers and unit spellings
        ("count", ">=", 9600, "件", 12871, "件", True),
        ("amount", ">=", 3, "万平方米", 6.24, "万平方米", True),
        ("amount", ">=", 3, "万平方米", 29000, "平方米", False),
        ("amount", ">=", 2.8, "亿美元", 2.78, "亿美元", False),
        ("count", ">=", 12800, "家", 14100, "户", True),
        ("count", ">=", 1, "万人次", 17227, "人", True),
        # ceilings: 控制在…以下 / 以内 / 不超过, and a limit stated bare
        ("limit", "<=", 150, "/10万", 71, "/10万", True),
        ("limit", "<=", 150, "/10万", 160, "/10万", False),
        ("limit", None, 0.15, None, 0.2, None, False),
        ("limit", "<", 6.8, "吨", 6.8, "吨", False),
        # ratios and 个百分点
        ("ratio", ">=", 85, "%", 85.97, "%", True),
        ("ratio", ">=", 100, "%", 99.5, "%", False),
        ("ratio", ">=", 2, "个百分点", 2.2, "个百分点", True),
        # reductions: 压降20% met by a fall of 25%
        ("reduction", ">=", 20, "%", 25, "%", True),
        ("reduction", ">=", 20, "%", 15, "%", False),
    ],
)
def test_comparator_decides_whether_a_figure_meets_a_target(
    kind: str, comparator: str | None, target: float, target_unit: str | None, value: float, unit: str | None, met: bool
) -> None:
    assert compare(value, unit, ind(kind, comparator, target, target_unit)).met is met


@pytest.mark.parametrize(
    ("settings", "value", "met"),
    [
        (JudgeSettings(), 6.2, False),
        (JudgeSettings(growth_band_pp=1.0), 6.2, True),
        (JudgeSettings(band_upper_fails=True), 9.0, False),
        (JudgeSettings(band_upper_fails=True), 7.4, True),
    ],
)
def test_tolerance_band_is_configurable(settings: JudgeSettings, value: float, met: bool) -> None:
    assert compare(value, "%", ind("growth", "~", 7, "%"), settings).met is met


def test_a_shortfall_is_stated_in_the_targets_own_unit() -> None:
    outcome = compare(2.78, "亿美元", ind("amount", ">=", 2.8, "亿美元")).outcome
    assert "0.02亿美元" in outcome


# --------------------------------------------------------------------------- time progress


@pytest.mark.parametrize(
    ("period", "months", "cumulative"),
    [
        ("1-11月", 11, True),
        ("1－9月份", 9, True),
        ("1至11月", 11, True),
        ("上半年", 6, True),
        ("前三季度", 9, True),
        ("三季度", 9, False),
        ("全年", 12, True),
        ("12月当月", 12, False),
        ("6月底", 6, True),
        ("2021H1", 6, True),
        (None, None, True),
    ],
)
def test_period_is_read_as_months_from_january(period: str | None, months: int | None, cumulative: bool) -> None:
    p = read_period(period)
    assert (p.months, p.cumulative) == (months, cumulative)


@pytest.mark.parametrize(
    ("as_of", "year", "share"),
    [
        (date(2021, 6, 30), None, 0.5),
        (date(2021, 12, 31), None, 1.0),
        (date(2021, 3, 31), None, 0.25),
        (None, None, 1.0),
        (date(2022, 3, 1), 2021, 1.0),
    ],
)
def test_time_progress_is_the_share_of_the_year_elapsed(as_of: date | None, year: int | None, share: float) -> None:
    assert time_progress(as_of, year) == share


MID_YEAR = date(2021, 6, 30)
YEAR_END = date(2021, 12, 31)


@pytest.mark.parametrize(
    ("target", "figures", "as_of", "verdict", "on_forecast"),
    [
        # cumulative level at mid-year: compared with half the year's target (双过半)
        (ind("count", ">=", 1000, "家"), [obs(520, "家", period="1-6月")], MID_YEAR, "done", False),
        (ind("count", ">=", 1000, "家"), [obs(450, "家", period="1-6月")], MID_YEAR, "not_done", False),
        # a figure already past the whole year's target meets it at any date
        (ind("count", ">=", 9600, "件"), [obs(12871, "件", period="1-11月")], YEAR_END, "done", False),
        # growth is compared directly, never scaled by time
        (ind("growth", ">=", 7, "%"), [obs(growth=6.0, period="1-6月")], MID_YEAR, "not_done", False),
        (ind("growth", ">=", 7, "%"), [obs(growth=9.4, period="1-9月")], YEAR_END, "done", False),
        # at year end, without the year's actual, a full-year forecast decides and says so
        (
            ind("count", ">=", 12800, "家"),
            [obs(12368, "户", period="1-11月"), obs(14100, "家", period="全年", forecast=True)],
            YEAR_END,
            "done",
            True,
        ),
        (
            ind("growth", ">=", 8, "%"),
            [obs(growth=0.4, period="1-11月"), obs(growth=8.0, period="全年", forecast=True)],
            YEAR_END,
            "done",
            True,
        ),
        # the year's actual beats any forecast
        (
            ind("amount", ">=", 100, "亿元"),
            [obs(95, "亿元", period="1-12月"), obs(110, "亿元", period="全年", forecast=True)],
            YEAR_END,
            "not_done",
            False,
        ),
        # before year end a forecast alone settles nothing
        (ind("count", ">=", 10, "家"), [obs(12, "家", period="全年", forecast=True)], MID_YEAR, "unknown", False),
        # at year end with only 1-11月, a cumulative figure is held to 11/12 of the target
        (ind("count", ">=", 1000, "家"), [obs(950, "家", period="1-11月")], YEAR_END, "done", False),
        (ind("count", ">=", 1000, "家"), [obs(800, "家", period="1-11月")], YEAR_END, "not_done", False),
    ],
)
def test_time_rules_pick_the_figure_that_decides(
    target: Indicator, figures: list[Observation], as_of: date, verdict: str, on_forecast: bool
) -> None:
    result = judge_numeric(target, figures, as_of=as_of, year=2021)
    assert result is not None
    assert (result.verdict, result.on_forecast) == (verdict, on_forecast)
    assert result.rule.startswith("目标")


def test_reason_names_target_period_figure_and_outcome() -> None:
    result = judge_numeric(ind("count", ">=", 9600, "件"), [obs(12871, "件", period="1-11月")], as_of=YEAR_END)
    assert result is not None
    assert result.rule == "目标≥9600件；1-11月实绩12871件；已达标"


def test_forecast_verdict_also_lists_the_actual_it_overrides() -> None:
    result = judge_numeric(
        ind("growth", ">=", 8, "%"),
        [obs(growth=0.4, period="1-11月"), obs(growth=8.0, period="全年", forecast=True)],
        as_of=YEAR_END,
    )
    assert result is not None
    assert any("1-11月实绩增长0.4%" in r and "未达标" in r for r in result.reasons)


def test_no_comparable_figure_gives_no_numeric_verdict() -> None:
    assert judge_numeric(ind("growth", ">=", 7, "%"), [obs(100, "亿元")]) is None


@pytest.mark.parametrize("period", ["下半年", "三季度", "12月当月", "二季度", "四季度"])
@pytest.mark.parametrize("as_of", [date(2021, 6, 30), date(2021, 9, 30)])
def test_a_figure_of_one_part_of_the_year_alone_gives_no_numeric_verdict_during_the_year(
    period: str, as_of: date
) -> None:
    """Not a cumulative actual, not a forecast: nothing to hold against the year's target (it used to crash)."""
    assert judge_numeric(ind("count", ">=", 100, "个"), [obs(36, "个", period=period)], as_of=as_of, year=2021) is None


# --------------------------------------------------------------------------- matching figures to targets


def test_several_targets_are_matched_to_figures_by_metric_words_and_unit() -> None:
    targets = [
        ind("amount", ">=", 85, "亿元", "技术合同成交额"),
        ind("count", ">=", 2, "家", "新增市级以上工程技术研究中心"),
        ind("count", ">=", 600, "家", "公示科技中小企业入库数"),
    ]
    figures = [
        obs(95, "亿元", metric="技术合同成交额"),
        obs(7, "家", metric="新增市级以上工程技术研究中心"),
        obs(926, "家", metric="公示科技型中小企业"),
    ]
    assert [[o.value for o in m] for m in match(targets, figures)] == [[95], [7], [926]]


def test_a_forecast_naming_no_metric_belongs_to_the_figure_before_it() -> None:
    targets = [ind("count", ">=", 9600, "件", "有效发明专利拥有量"), ind("count", ">=", 150, "件", "PCT专利申请量")]
    figures = [
        obs(12871, "件", period="1-11月", metric="有效发明专利拥有量"),
        obs(13000, "件", period="全年", forecast=True, metric=None),
        obs(165, "件", period="1-11月", metric="PCT专利申请量"),
        obs(170, "件", period="全年", forecast=True, metric=None),
    ]
    assert [[o.value for o in m] for m in match(targets, figures)] == [[12871, 13000], [165, 170]]


def test_the_closest_named_figure_answers_a_target_among_many_in_its_unit() -> None:
    target = [ind("count", ">=", 500, "家", "全区高新技术企业总数")]
    figures = [
        obs(474, "家", metric="申报高新技术企业"),
        obs(179, "家", metric="本年度新增高新技术企业"),
        obs(450, "家", metric="有效期内高新技术企业总数"),
    ]
    assert [o.value for o in match(target, figures)[0]] == [450]


def test_a_growth_target_never_takes_a_level() -> None:
    assert match(
        [ind("growth", ">=", 8, "%", "社会消费品零售总额")], [obs(1024.9, "亿元", metric="社会消费品零售总额")]
    ) == [[]]
