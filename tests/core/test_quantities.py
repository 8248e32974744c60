"""The quantity reader on the hard cases of DESIGN.md: one sentence in, the quantities out."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.quantities import explain, find_quantities
from luoshi.quantities.units import to_base


def _q(sentence: str) -> list[tuple[float | None, str | None, str | None, str]]:
    return [(q.value, q.unit, q.comparator, q.kind) for q in find_quantities(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("确保全年新增硅巷10万平方米以上", [(10, "万平方米", ">=", "amount")]),
        ("法定报告传染病总发病率控制在150/10万以下", [(150, "/10万", "<=", "limit")]),
        ("地区生产总值增长5%以上", [(5, "%", ">=", "growth")]),
        ("社会消费品零售总额增长8%左右", [(8, "%", "~", "growth")]),
        ("外贸进出口力争正增长", [(0, "%", ">", "growth")]),
        ("PM2.5均值浓度同比下降15.5%", [(-15.5, "%", "=", "growth")]),
        ("环境信访总量再压降20%以上", [(20, "%", ">=", "reduction")]),
        ("活动经费压减50%", [(50, "%", "=", "reduction")]),
        ("实际使用外资不低于2.8亿美元", [(2.8, "亿美元", ">=", "amount")]),
        ("推出消费新场景不少于100个", [(100, "个", ">=", "count")]),
        ("社会消费品零售总额超1200亿元", [(1200, "亿元", ">", "amount")]),
        ("跨境电商交易规模突破60亿元、增长50%以上", [(60, "亿元", ">=", "amount"), (50, "%", ">=", "growth")]),
        ("累计招引跨境电商企业近百家，惠及居民5500余户", [(100, "家", "~", "count"), (5500, "户", ">", "count")]),
        ("全年举办消费促进活动超百场", [(100, "场", ">", "count")]),
        ("政务热线投诉量不超过5000件", [(5000, "件", "<=", "limit")]),
        ("开展市容专项整治900多次", [(900, "次", ">", "count")]),
        ("社会消费品零售总额完成1024.9亿元，增幅12.8%", [(1024.9, "亿元", "=", "amount"), (12.8, "%", "=", "growth")]),
        ("力争高企突破600家", [(600, "家", ">=", "count")]),
        ("计划投资总额超千亿元", [(1000, "亿元", ">", "amount")]),
        ("上万人参加", [(10000, "人", ">=", "count")]),
        ("力争全年优级小区达超15%", [(15, "%", ">", "ratio")]),
        ("普惠性幼儿园覆盖率达87.1%", [(87.1, "%", "=", "ratio")]),
        ("规上工业增加值两年平均增长11.6%", [(11.6, "%", "=", "growth")]),
        ("居民消费价格总水平涨幅控制在3%左右", [(3, "%", "~", "growth")]),
        ("人口自然增长率控制在7.2‰以内", [(7.2, "‰", "<=", "limit")]),
        ("地区生产总值可比增长5%以上", [(5, "%", ">=", "growth")]),
        ("空气质量优良天数比率同比改善0.5个百分点", [(0.5, "个百分点", "=", "growth")]),
        ("每万人常住人口有全科医生数3.5人", [(3.5, "人", "=", "count")]),
        ("每千名老人拥有养老床位数达44.7张", [(44.7, "张", "=", "count")]),
        ("万台车死亡率控制在0.15以内", [(0.15, None, "<=", "limit")]),
        ("土地产出强度3.11公顷/亿元", [(3.11, "公顷/亿元", "=", "amount")]),
        ("单位GDP水耗6.5立方米/万元", [(6.5, "立方米/万元", "=", "amount")]),
        ("GDP实现1441.54亿元", [(1441.54, "亿元", "=", "amount")]),
        ("全年新增城镇就业2.1万人", [(2.1, "万人", "=", "count")]),
        ("新增亿元楼宇2幢", [(2, "幢", "=", "count")]),
        ("签约亿元以上项目110个", [(110, "个", "=", "count")]),
        ("有效发明专利4.7万余件", [(4.7, "万件", ">", "count")]),
        ("不发生Ⅲ级以上重大金融风险", [(0, None, "==0", "zero_event")]),
        ("居民人均可支配收入与经济增长同步", [(None, None, None, "qualitative")]),
        ("实际使用外资稳中提质", [(None, None, None, "qualitative")]),
        ("居民消费价格合理回升", [(None, None, None, "qualitative")]),
        ("进出口稳量提质", [(None, None, None, "qualitative")]),
        ("科创载体量质齐升", [(None, None, None, "qualitative")]),
        ("外贸进出口稳中提质、量质齐升", [(None, None, None, "qualitative")]),
        # A qualitative phrase that qualifies the words after it is not a target of its own.
        ("建立科技投入稳定增长机制", []),
        ("确保与全国同步基本实现社会主义现代化", []),
        ("巩固稳中向好的基础", []),
        ("坚持实事求是、稳中有进、积极作为的原则", []),
        ("人均预期寿命达到79岁", [(79, "岁", "=", "count")]),
        ("城镇新增就业5万人及以上", [(5, "万人", ">=", "count")]),
        ("5年内培养资助博士后研究人员不少于400名", [(400, "名", ">=", "count")]),
        ("建设1到2个大型基地", [(1, "个", ">=", "count")]),
        ("为50户困难家庭提供每户不少于5000元", [(50, "户", "=", "count"), (5000, "元", ">=", "amount")]),
        ("有效发明专利拥有量超2万件", [(2, "万件", ">", "count")]),
        ("新增消费场景100余个", [(100, "个", ">", "count")]),
        ("1-5月外贸进出口增长-2.3%", [(-2.3, "%", "=", "growth")]),
    ],
)
def test_quantity_is_read_with_value_unit_comparator_and_kind(sentence: str, expected: list[tuple]) -> None:  # type: ignore[type-arg]
    assert _q(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "加快05-06地块建设",
        "5#楼主体封顶",
        "强化PM2.5和臭氧源头管控",
        "依托江苏5G智慧创新中心",
        "实施“十四五”规划",
        "2021年是开局之年",
        "第27届南京创新周",
        "渡江胜利纪念馆升级为4A级旅游景区",
        "有力保障地铁5、7、9号线建设",
        "汉口西路134号等居住类地块",
        "积极推动十四所453地块打造科创空间",
        "“1+2+3”现代化产业体系",
        "——2024年1月10日在区第三届人民代表大会上",
        "— 10 —",
        "1﹒地区生产总值",
        "2、强化创新资源引力",
        "受7月下旬突发疫情影响",
        "宝塔桥断面水质达到Ⅱ类",
        "连续3年每年给予科研经费资助",
        "加快颐和路11、13片区保护利用",
        "课后服务15分钟教育圈全覆盖",
        "65岁以上老人健康管理率",
        "以庆祝建党100周年为主线",
        "121人才梯队项目",
        "东井二村505幢",
        "引育百家高质量跨境电商主体",
        "做好以下六个方面工作",
        "成百上千",
        "落实《南京市优化营商环境政策100条（2021年版）》",
        "关停淘汰10万千瓦及以下燃煤机组",
        "全面开展土地承包到期后再延长30年试点",
        "支持有条件的幼儿园招收2—3岁幼儿",
        "免费开展0—6岁儿童孤独症筛查",
        "开展为期3年的专项行动",
        "建设10万吨级码头",
        "培育千万吨级产业基地",
        "跨越两个千亿元台阶",
        "实现销售数千万元",
        "千方百计稳增长",
        "服务走进千千万万家庭",
        "每万人拥有律师数",
    ],
)
def test_numbers_that_are_not_quantities_are_skipped(sentence: str) -> None:
    assert [q for q in find_quantities(sentence) if q.value not in (None,)] == []


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        ("1-11月份有效发明专利拥有量12871件。全年预计13000件。", [("1-11月", False), ("全年", True)]),
        ("1－9月份地区生产总值增长9.4%", [("1-9月", False)]),
        ("1至9月地区生产总值增长9.4%", [("1-9月", False)]),
        ("12月当月有36个项目新增入库", [("12月", False)]),
        ("前三季度地区生产总值增长6%", [("前三季度", False)]),
        ("上半年新增市场主体7605户", [("上半年", False)]),
        ("截至6月底高新技术企业达450家", [("6月底", False)]),
        ("预计全年地区生产总值增长5%左右", [("全年", True)]),
        ("完成全年目标任务的63%", [(None, False)]),
    ],
)
def test_period_and_forecast_are_read(text: str, periods: list[tuple[str | None, bool]]) -> None:
    assert [(q.period, q.forecast) for q in find_quantities(text)] == periods


@pytest.mark.parametrize(
    ("sentence", "metrics"),
    [
        ("1-11月份有效发明专利拥有量12871件", ["有效发明专利拥有量"]),
        ("促进现代金融、航运物流产业分别增长5.5%、6%", ["现代金融产业", "航运物流产业"]),
        (
            "商贸文旅、软件信息、专业服务产业分别增长5%、10%和5%",
            ["商贸文旅产业", "软件信息产业", "专业服务产业"],
        ),
        ("完成27栋无水高层建筑整治", ["无水高层建筑整治"]),
        ("实施峨嵋岭19号等26个老旧小区改造提升", ["老旧小区改造提升"]),
        ("全年新增总部企业2家、亿元楼宇2幢", ["新增总部企业", "亿元楼宇"]),
        ("1-9月全区地区生产总值完成1441.54亿元，增长9.4%", ["地区生产总值", "地区生产总值"]),
        ("城、乡居民人均可支配收入分别增长8%、9%", ["城居民人均可支配收入", "乡居民人均可支配收入"]),
        ("城镇居民人均可支配收入实际增长8%", ["城镇居民人均可支配收入"]),
    ],
)
def test_metric_is_the_noun_phrase_the_number_measures(sentence: str, metrics: list[str]) -> None:
    assert [q.metric for q in find_quantities(sentence)] == metrics


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("天然气产能达到22亿方", [(22, "亿方", "=", "amount")]),
        ("确保粮食总产量稳定保持在76亿斤以上", [(76, "亿斤", ">=", "amount")]),
        ("粮食产量1300亿斤以上", [(1300, "亿斤", ">=", "amount")]),
        ("新增农田灌溉用水5000万立方", [(5000, "万立方", "=", "amount")]),
        ("开行4000班次", [(4000, "班次", "=", "count")]),
        ("保障运输航班2万架次", [(2, "万架次", "=", "count")]),
        ("接待游客5000万人次以上", [(5000, "万人次", ">=", "count")]),
        ("新增装机300万千瓦", [(300, "万千瓦", "=", "amount")]),
        ("发电量达1200亿千瓦时", [(1200, "亿千瓦时", "=", "amount")]),
        ("新增变电容量100万千伏安", [(100, "万千伏安", "=", "amount")]),
        ("集装箱吞吐量达到50万标准箱", [(50, "万标准箱", "=", "amount")]),
        ("建设高标准农田400万亩以上", [(400, "万亩", ">=", "amount")]),
        ("新增储能装机720兆瓦时", [(720, "兆瓦时", "=", "amount")]),
    ],
)
def test_units_a_government_report_measures_in_are_read(sentence: str, expected: list[tuple]) -> None:  # type: ignore[type-arg]
    assert _q(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("新增千万吨产能", [(1000, "万吨", "=", "amount")]),
        ("建设百万亩高标准农田", [(100, "万亩", "=", "amount")]),
        ("旅游收入突破万亿元", [(10000, "亿元", ">=", "amount")]),
        ("产量稳定在百万吨以上", [(100, "万吨", ">=", "amount")]),
        ("年接待游客千万人次", [(1000, "万人次", "=", "count")]),
        # A numeral without a multiplier stays a word unless a comparator reads it as a figure.
        ("引育百家高质量企业", []),
        ("累计招引企业近百家", [(100, "家", "~", "count")]),
    ],
)
def test_round_chinese_numerals_before_a_multiplier_and_unit_are_figures(sentence: str, expected: list[tuple]) -> None:  # type: ignore[type-arg]
    assert _q(sentence) == expected


def test_each_metric_sharing_a_chinese_numeral_figure_gets_it() -> None:
    qs = find_quantities("粮食、肉蛋奶、蔬菜产量均稳定在百万吨以上")
    assert [(q.metric, q.value, q.unit, q.comparator) for q in qs] == [
        ("粮食", 100, "万吨", ">="),
        ("肉蛋奶", 100, "万吨", ">="),
        ("蔬菜产量", 100, "万吨", ">="),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A multiplier followed by a word the reader does not know as a unit is not given the unit
        # of the figure before: 千伏 is a voltage class, not 千人.
        ("城镇新增就业110万人以上，建成750千伏输变电工程", [(110, "万人", ">=", "count")]),
        (
            "城镇新增就业110万人以上，粮食产量1300亿斤以上",
            [(110, "万人", ">=", "count"), (1300, "亿斤", ">=", "amount")],
        ),
        ("从3方面推进改革", []),
        ("编制5方案", []),
    ],
)
def test_a_word_after_a_multiplier_is_never_taken_for_the_unit_before(sentence: str, expected: list[tuple]) -> None:  # type: ignore[type-arg]
    assert _q(sentence) == expected


def test_bare_multiplier_takes_the_unit_of_the_figure_before() -> None:
    qs = find_quantities("1-11月科技服务业收入完成436.6亿元，增长26.3%，全年预计完成446亿，增长10%以上。")
    assert [(q.value, q.unit) for q in qs if q.kind == "amount"] == [(436.6, "亿元"), (446, "亿元")]
    qs = find_quantities("1-9月居民人均可支配收入达60330.7元。全年预计达8万左右")
    assert (qs[-1].value, qs[-1].unit, qs[-1].comparator) == (8, "万元", "~")


def test_list_of_numbers_shares_the_last_unit() -> None:
    assert _q("分别增长5、6%") == [(5, "%", "=", "growth"), (6, "%", "=", "growth")]


def test_source_span_points_at_the_words_read() -> None:
    text = "全年新增养老机构床位200张。"
    (q,) = find_quantities(text)
    assert text[q.start : q.end] == q.text == "200张"


def test_full_width_text_keeps_offsets() -> None:
    text = "新增市场主体１２８００家"
    (q,) = find_quantities(text)
    assert q.value == 12800 and text[q.start : q.end] == "１２８００家"


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (2.1, "万人", (21000, "人")),
        (10, "万平方米", (100000, "平方米")),
        (1441.54, "亿元", (144154000000, "元")),
        (5, "千瓦", (5, "千瓦")),
        (150, "/10万", (150, "/10万")),
        (3.11, "公顷/亿元", (3.11, "公顷/亿元")),
        (8, "万", (80000, "")),
        (12, "平米", (12, "平方米")),
        (22, "亿方", (2.2e9, "立方米")),
        (76, "亿斤", (7.6e9, "斤")),
        (50, "万标准箱", (500000, "TEU")),
        (300, "万千瓦", (3e6, "千瓦")),
        (4000, "班次", (4000, "班次")),
        (7, None, (7, "")),
    ],
)
def test_to_base_takes_multipliers_out_of_the_unit(value: float, unit: str | None, expected: tuple[float, str]) -> None:
    v, u = to_base(value, unit)
    assert u == expected[1] and v == pytest.approx(expected[0])


def test_explain_keeps_its_json_shape() -> None:
    data = explain("1-11月份有效发明专利拥有量12871件。全年预计13000件。")
    assert [q["value"] for q in data["quantities"]] == [12871, 13000]
    assert set(data["quantities"][0]) >= {"value", "unit", "comparator", "kind", "period", "forecast", "text"}


def test_empty_and_odd_input_never_crashes() -> None:
    for text in ["", "   ", "。。。", "%%%", "亿元", "万", "5", "——", "\n\n", "/10万", "增长%"]:
        find_quantities(text)


def test_explain_command_prints_a_chinese_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    from luoshi.cli import main

    assert main(["explain", "确保全年新增硅巷10万平方米以上"]) == 0
    out = capsys.readouterr().out
    assert "新增硅巷" in out and "万平方米" in out and "≥" in out and "总量" in out
    assert main(["explain", "确保全年新增硅巷10万平方米以上", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["quantities"][0]["value"] == 10 and data["quantities"][0]["comparator"] == ">="


def test_explain_command_refuses_an_empty_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    from luoshi.cli import main

    assert main(["explain", "  "]) == 2
    assert "句子是空的" in capsys.readouterr().err


_CHARS = "0123456789.%、，。万亿元人家个以上下左右增长下降超近约不少于控制在/－1-月份全年预计上半年第号#PM年（）()达"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(_CHARS)), max_size=40))
def test_any_text_reads_without_error_and_spans_point_into_it(text: str) -> None:
    for q in find_quantities(text):
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.kind in ("growth", "amount", "count", "ratio", "limit", "reduction", "zero_event", "qualitative")
