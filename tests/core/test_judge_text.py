"""The judge on words: milestones, hedges and negations, the city's targets, zero events, adjustments, claims."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.judge import judge_task
from luoshi.judge.milestones import read_stages, subject_codes
from luoshi.judge.tasks import target_kind
from luoshi.model import Indicator

# --------------------------------------------------------------------------- milestones (project tables)


@pytest.mark.parametrize(
    ("target", "progress", "verdict"),
    [
        ("主体封顶。", "主体已封顶，正在进行内部装修及室外工程施工。", "done"),
        ("桩基施工。", "1号楼施工至17层；2号楼施工至13层。", "done"),
        ("竣工。", "6月18日取得竣工备案证，该项目已竣工完工。", "done"),
        ("竣工交付。", "建筑养护出新和周边环境完工，验收完毕。", "done"),
        ("A、B、D、E地块基础施工。", "A、B、D、E地块，桩基施工。", "done"),
        ("地下室B3板结构施工完成。", "B1板施工完成，B2板准备土方开挖。", "done"),
        # a stage not reached, with or without a stoppage
        ("主体结构施工。", "E03、04地块桩基施工，因规划方案待调整，暂时停工。", "not_done"),
        ("桩基施工。", "取得备案文件，工程规划许可证，目前正在寻找合作方。", "not_done"),
        ("完成出让，推进开工。", "正在推进挂牌工作。", "not_done"),
        # floors: a target floor is compared with the floor reached
        ("主体第22层。", "正在进行裙楼一层施工。", "not_done"),
        ("主体第10层。", "主体施工至12层。", "done"),
        # reaching the target stage before a stoppage still meets it
        (
            "08-28地块主体结构施工。",
            "08-28地块地下室结构施工完成，其中4、6号楼完成地上一层结构，目前该项目已停工。",
            "done",
        ),
        # a stage said to be ready (具备…条件, its papers complete) is reached; one being prepared is not
        ("竣工。", "零星修补、收边、收口，已具备竣工条件。", "done"),
        ("竣工验收交付使用。", "内部装修收尾，各分项验收资料准备完成。", "done"),
        ("竣工验收交付使用。", "内部装修收尾，验收资料准备中。", "not_done"),
        ("竣工。", "外墙施工中，尚未具备竣工条件。", "not_done"),
        # a fit-out-only project: works started on site are the fit-out under way
        ("内部公共区域装修，楼宇智能化改造。", "大厦改造设计阶段，局部楼层进场施工。", "done"),
        # 力争… is a stretch goal, not required
        ("B、C地块基础施工，力争主体施工。", "C2区桩基施工完成至60%；B1区基坑开始地下室底板结构浇筑施工。", "done"),
        # forecasts and plans settle nothing
        ("完成交付。", "预计2022年3月交付。", "unknown"),
    ],
)
def test_milestone_is_judged_by_the_stage_reached(target: str, progress: str, verdict: str) -> None:
    assert judge_task(target, progress, indicators=[], project=True).verdict == verdict


def test_each_part_of_a_project_is_judged_from_the_progress_about_it() -> None:
    v = judge_task(
        "09-10地块主体施工。07-09地块装修施工、室外施工。07-08地块基础施工。",
        "09-10、09-11地块施工尚未出正负零，其中09-10地块已打支护桩，土方外运，09-11地块完成第一道支撑梁，"
        "处于停工状态；07-09地块（阅江府）项目正在施工，精装修施工单位已进场，07-08地块尚未进场。",
        indicators=[],
        project=True,
    )
    assert v.verdict == "partly_done"
    assert [p.verdict for p in v.indicators] == ["not_done", "done", "not_done"]
    assert "尚未出正负零" in v.indicators[0].rule and "未达“主体施工”" in v.indicators[0].rule


@pytest.mark.parametrize(
    ("text", "stage", "negated"),
    [
        ("09-10地块施工尚未出正负零", "施工", ("出正负零",)),
        ("07-08地块尚未进场", None, ("开工",)),
        ("核心筒11层浇筑完成", "主体施工", ()),
        ("负二层结构施工完成40%", "基础施工", ()),
        ("主体结构验收已完成", "主体验收", ()),
        ("科技一路施工单位进场正式动工", "开工", ()),
        ("绿化景观的方案调整并出图", "前期", ()),
        ("新增市场主体12800家", None, ()),
    ],
)
def test_stage_words_are_read_with_their_negations_and_false_friends(
    text: str, stage: str | None, negated: tuple[str, ...]
) -> None:
    r = read_stages(text)
    assert (r.stage, r.negated) == (stage, negated)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("09-10、09-11地块", {"09-10", "09-11"}),
        ("南区1#-4#楼主体施工", {"1#", "2#", "3#", "4#"}),
        ("北区公寓5#6#主体完工", {"5#", "6#"}),
        ("4、6号楼完成地上一层结构", {"4#", "6#"}),
        ("EFG地块主体施工", {"E", "F", "G"}),
        ("塔楼A、B主体施工", {"A", "B"}),
        ("细颗粒物（PM2.5）浓度", set()),
    ],
)
def test_parts_of_a_project_are_named_by_their_codes(text: str, codes: set[str]) -> None:
    assert subject_codes(text) == codes


# --------------------------------------------------------------------------- statements (no figure to compare)

YEAR_END = date(2021, 12, 31)
MID_YEAR = date(2021, 6, 30)


@pytest.mark.parametrize(
    ("target", "progress", "as_of", "verdict", "on_forecast"),
    [
        # the city's targets: facts, misses, pending results, forecasts
        (
            "城乡居民基本养老保险保障水平达市目标",
            "城乡居民基本养老保险保障主城按同一标准，已达市目标。",
            YEAR_END,
            "done",
            False,
        ),
        ("社会文明程度测评指数达市目标", "社会文明程度测评已结束，待出结果。", YEAR_END, "unknown", False),
        ("社会文明程度测评指数达市目标", "社会文明程度测评已结束，待出结果，预计达市目标。", YEAR_END, "done", True),
        (
            "社会文明程度测评指数达市目标",
            "社会文明程度测评已结束，待出结果，预计达市目标。",
            MID_YEAR,
            "unknown",
            False,
        ),
        (
            "空气质量、细颗粒物浓度达到市定目标",
            "空气质量达到二级标准以上天数比例80.6%，未达市目标；细颗粒物浓度达28.2微克/立方米，达市目标。",
            YEAR_END,
            "partly_done",
            False,
        ),
        # qualitative and process targets
        (
            "完善平台建设，建立全闭环处理机制",
            "完成了政企通2.0版本开发，并投入试运行，处理机制初步建立。",
            YEAR_END,
            "done",
            False,
        ),
        (
            "推进全区深化改革工作",
            "已出台各领域改革方案10余项；区领导联系重点改革任务有序推进。",
            YEAR_END,
            "done",
            False,
        ),
        ("人均可支配收入与经济增长同步", "居民人均可支配收入增长10.6%，增速与经济增长同步。", YEAR_END, "done", False),
        # hedges and negations
        ("新建区人民来访接待中心", "接待中心装修正在推进中。", YEAR_END, "unknown", False),
        ("新建区人民来访接待中心", "接待中心建设尚未完成。", YEAR_END, "not_done", False),
        ("完成老旧小区整治工作", "因资金未到位，整治工程未能开工。", YEAR_END, "not_done", False),
    ],
)
def test_targets_without_figures_are_judged_from_what_the_text_asserts(
    target: str, progress: str, as_of: date, verdict: str, on_forecast: bool
) -> None:
    v = judge_task(target, progress, indicators=[], observations=[], as_of=as_of, year=2021)
    assert (v.verdict, v.on_forecast) == (verdict, on_forecast)
    assert v.needs_review is (verdict == "unknown")


ZERO = Indicator("重大金融风险", "zero_event", "==0", 0.0, None, "不发生Ⅲ级以上重大金融风险")


@pytest.mark.parametrize(
    ("progress", "verdict"),
    [
        ("未发生Ⅲ级以上重大金融风险（含Ⅲ级）。", "done"),
        ("全年发生重大金融风险事件1起。", "not_done"),
        ("金融运行总体平稳。", "unknown"),
    ],
)
def test_zero_event_target_is_met_by_no_event_and_broken_by_one(progress: str, verdict: str) -> None:
    assert judge_task(ZERO.text, progress, indicators=[ZERO], observations=[]).verdict == verdict


@pytest.mark.parametrize(
    ("target", "progress"),
    [
        (
            "独角兽、瞪羚企业总数累计达22家以上",
            "2021年市认定标准进行调整，新认定培育独角兽11家、瞪羚企业5家，视同完成。",
        ),
        ("主城小微堵点改造完成", "除金贸大街未能落实专项资金，市政府已经同意取消任务外，其余道路已完工。"),
        ("安怀东路建设工程完工", "市政府已同意调整年度目标为可实施范围内完工，已完成年度目标。"),
        ("万人体育健身设施拥有数达市目标", "万人体育健身设施拥有数未纳入市考核体系，统计口径缺失。"),
    ],
)
def test_an_approved_adjustment_makes_the_task_deemed_done_and_is_recorded(target: str, progress: str) -> None:
    v = judge_task(target, progress)
    assert v.verdict == "deemed_done"
    assert v.adjustment and v.adjustment in progress


def test_adjustment_naming_one_target_leaves_the_others_to_their_figures() -> None:
    v = judge_task(
        "人均接受文化场馆服务次数、万人体育健身设施拥有数达市目标",
        "人均接受文化场馆服务次数6.05次，已达市目标。（万人体育健身设施拥有数未纳入市考核体系，统计口径缺失，视同完成）",
    )
    assert v.verdict == "deemed_done"


def test_a_units_claim_contradicted_by_a_figure_is_said_so() -> None:
    target = Indicator("新增高技能人才", "count", ">=", 670.0, "人", "新增高技能人才670人")
    v = judge_task("新增高技能人才670人", "已完成目标任务，全年新增高技能人才600人。", indicators=[target])
    assert v.verdict == "not_done"
    assert v.claim_contradicted
    assert any("单位称" in r for r in v.reasons)


def test_an_explicit_miss_in_the_text_is_not_overlooked() -> None:
    v = judge_task(
        "完成市下达创新名城建设目标任务",
        "共8项任务，其中高新技术企业新增179家，未达市目标，其余7项均完成目标任务。",
    )
    assert v.verdict == "partly_done"


def test_several_targets_in_one_task_are_judged_one_by_one() -> None:
    v = judge_task(
        "回国留学人员累计2300人，新招收博士后人数25人，区级企业专家工作室建设3家",
        "完成留学回国人员累计2365人，新招收博士后45人；区级专家工作室建设1家。",
    )
    assert v.verdict == "partly_done"
    assert [p.verdict for p in v.indicators] == ["done", "done", "not_done"]
    assert "目标≥3家" in v.indicators[2].rule and "实绩1家" in v.indicators[2].rule


def test_missing_progress_is_left_to_a_person() -> None:
    v = judge_task("新增市场主体12800家", "  ")
    assert (v.verdict, v.needs_review) == ("unknown", True)


def test_a_task_object_is_judged_from_its_target_column_and_progress() -> None:
    from luoshi.model import Task

    task = Task(number="21", text="南京鸿泰大厦", target="主体第22层。", progress="正在进行裙楼一层施工。")
    assert judge_task(task).verdict == "not_done"


_ALPHABET = "完成未尚达市目标预计待出结果停工主体封顶竣工桩基地块层1234567890-#%万亿元家，。；、（）ABC增长以上左右不发生视同调整"


@settings(max_examples=150, deadline=None)
@given(target=st.text(alphabet=_ALPHABET, max_size=60), progress=st.text(alphabet=_ALPHABET, max_size=120))
def test_any_text_gets_a_verdict_with_reasons_never_an_error(target: str, progress: str) -> None:
    for project in (False, True):
        v = judge_task(target, progress, project=project)
        assert v.verdict in ("done", "partly_done", "not_done", "deemed_done", "unknown")
        assert v.reasons and all(isinstance(r, str) and r for r in v.reasons)


# --------------------------------------------------------------------------- wordings the seeds do not use


@pytest.mark.parametrize(
    ("target", "progress", "as_of", "verdict"),
    [
        ("固定资产投资增长8%以上", "全年完成固定资产投资120亿元，同比增长9.2%。", YEAR_END, "done"),
        ("完成年度投资100亿元", "截至11月底，已完成投资85亿元，占年度计划的85%。", YEAR_END, "not_done"),
        ("完成年度投资100亿元", "上半年完成56亿元，完成年度目标的56%。", MID_YEAR, "done"),
        ("地区生产总值增长7%", "1-6月增长5.1%，低于年度目标1.9个百分点。", MID_YEAR, "not_done"),
        ("年内建成投用", "项目已于10月竣工并投入使用。", YEAR_END, "done"),
        ("年底前主体封顶", "受疫情影响，项目进度滞后，目前完成主体结构60%。", YEAR_END, "not_done"),
        ("完成老旧小区改造20个", "因资金问题暂缓实施。", YEAR_END, "not_done"),
        ("城镇登记失业率控制在3.5%以内", "城镇登记失业率2.8%。", YEAR_END, "done"),
        ("单位GDP能耗下降3%", "单位GDP能耗同比下降2.6%。", YEAR_END, "not_done"),
        ("新增城镇就业1.2万人", "新增城镇就业13500人。", YEAR_END, "done"),
        ("完成造林绿化1000亩", "已完成造林800亩，剩余部分正在推进。", YEAR_END, "not_done"),
    ],
)
def test_other_governments_wordings_are_judged_by_the_same_rules(
    target: str, progress: str, as_of: date, verdict: str
) -> None:
    assert judge_task(target, progress, as_of=as_of, year=2021).verdict == verdict


@pytest.mark.parametrize(
    ("target", "progress", "verdict", "figure"),
    [
        ("完成老旧小区改造15个", "已完成12个，其余3个因资金未到位尚未开工", "not_done", "实绩12个"),
        ("完成老旧小区改造15个", "已完成16个，超额完成全年任务", "done", "实绩16个"),
        ("新建公园5个", "建成4个，1个未能按期完工", "not_done", "实绩4个"),
    ],
)
def test_a_figure_in_a_clause_that_negates_it_is_not_an_achievement(
    target: str, progress: str, verdict: str, figure: str
) -> None:
    from luoshi.judge import judge_task

    result = judge_task(target, progress)
    assert result.verdict == verdict
    assert figure in result.rule


@pytest.mark.parametrize(
    ("indicator", "kind"),
    [
        (Indicator("重大金融风险", "zero_event", "==0", 0.0, None, "不发生重大金融风险"), "zero_event"),
        (Indicator("有效发明专利", "count", ">=", 9600.0, "件", "9600件"), "figure"),
        (Indicator("地区生产总值", "growth", ">=", 7.0, "%", "增长7%"), "figure"),
        (Indicator("城乡居民收入", "qualitative", None, None, None, "与经济增长同步"), "words"),
        (Indicator("主体", "milestone", None, None, None, "主体封顶"), "words"),
        (Indicator("空气质量", "ratio", None, None, None, "达市目标", external=True), "words"),
        (Indicator("新增就业", "count", ">=", None, "人", "新增就业"), "words"),
    ],
)
def test_each_kind_of_target_goes_to_its_judge(indicator: Indicator, kind: str) -> None:
    assert target_kind(indicator) == kind
