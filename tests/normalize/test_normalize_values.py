"""Target and actual cells -> Value, grouped by phenomenon; the strings are from the seeds."""

from decimal import Decimal

import pytest

from models import Value
from normalize.text import join_lines
from normalize.values import parse_value
from normalize.vocab import vocab


def numeric(raw: str, op: str | None, value: str, unit: str | None, std: tuple[str, str] | None) -> Value:
    std_value, std_unit = (Decimal(std[0]), std[1]) if std else (None, None)
    return Value(raw=raw, op=op, value=Decimal(value), unit=unit, std_value=std_value, std_unit=std_unit,
                 kind="numeric")


def check(raw: str, expected: Value) -> None:
    parsed = parse_value(raw)
    assert parsed == expected
    # Decimal equality ignores scale; the printed scale must survive too
    assert str(parsed.value) == str(expected.value)


# operators: symbols, ASCII pairs, full-width forms and words
OPERATOR_CASES = [
    ("≥80.00%", ">="), ("≧80%", ">="), (">=98%", ">="), ("＞=98%", ">="), ("＞＝98%", ">="),
    ("不低于500人", ">="), ("不少于500人", ">="), ("至少2次", ">="), ("500人以上", ">="), ("达到98%以上", ">="),
    ("≤0.01%", "<="), ("≦7%", "<="), ("<=0.006%", "<="), ("＜=90分钟", "<="), ("不超过30秒", "<="),
    ("不高于5%", "<="), ("不多于3次", "<="), ("24小时以内", "<="), ("1%以下", "<="), ("≤10分钟内", "<="),
    ("10分钟内", "<="), ("90%（含）以上", ">="), ("2万元(含)以内", "<="),
    (">80%", ">"), ("＞80%", ">"), ("大于80%", ">"), ("高于80%", ">"), ("超过80%", ">"),
    ("<0.01%", "<"), ("＜20%", "<"), ("小于5%", "<"), ("低于万分之一", "<"),
    ("=100%", "="), ("＝100%", "="), ("等于100%", "="),
    ("94.90%", None), ("100%", None), ("平均接通时长8秒", None),
]


@pytest.mark.parametrize(("raw", "op"), OPERATOR_CASES)
def test_operators(raw: str, op: str | None) -> None:
    assert parse_value(raw).op == op


# units and their standard: money in 元, time in 分钟, % as is, 万个 -> 个
UNIT_CASES = [
    ("=1", numeric("=1", "=", "1", None, None)),
    ("=390", numeric("=390", "=", "390", None, None)),
    (">=2次/天", numeric(">=2次/天", ">=", "2", "次/天", ("2", "次/天"))),
    ("94.90%", numeric("94.90%", None, "94.90", "%", ("94.90", "%"))),
    ("=365天", numeric("=365天", "=", "365", "天", ("525600", "分钟"))),
    ("=12次", numeric("=12次", "=", "12", "次", ("12", "次"))),
    ("<4.97元/分钟", numeric("<4.97元/分钟", "<", "4.97", "元/分钟", ("4.97", "元/分钟"))),
    ("≥13459.00(平方米)", numeric("≥13459.00(平方米)", ">=", "13459.00", "平方米", ("13459.00", "平方米"))),
    ("≥13459.00（平方米）", numeric("≥13459.00（平方米）", ">=", "13459.00", "平方米", ("13459.00", "平方米"))),
    ("=100.00(%)", numeric("=100.00(%)", "=", "100.00", "%", ("100.00", "%"))),
    ("<=24小时", numeric("<=24小时", "<=", "24", "小时", ("1440", "分钟"))),
    ("不超过30秒", numeric("不超过30秒", "<=", "30", "秒", ("0.5", "分钟"))),
    ("平均接通时长8秒", numeric("平均接通时长8秒", None, "8", "秒", ("0.133333", "分钟"))),
    ("=5093.26万元", numeric("=5093.26万元", "=", "5093.26", "万元", ("50932600.00", "元"))),
    ("≤1.2亿元", numeric("≤1.2亿元", "<=", "1.2", "亿元", ("120000000.0", "元"))),
    ("=2.5万元/年", numeric("=2.5万元/年", "=", "2.5", "万元/年", ("25000.0", "元/年"))),
    ("379.8万个", numeric("379.8万个", None, "379.8", "万个", ("3798000.0", "个"))),
    (">=500人", numeric(">=500人", ">=", "500", "人", ("500", "人"))),
    ("1,500人次", numeric("1,500人次", None, "1500", "人次", ("1500", "人次"))),
    ("5‰", numeric("5‰", None, "5", "‰", ("0.5", "%"))),
    ("≥100百分比", numeric("≥100百分比", ">=", "100", "百分比", ("100", "%"))),  # kept as printed, a percent
    ("=100平米", numeric("=100平米", "=", "100", "平方米", ("100", "平方米"))),
    ("提高2个百分点", numeric("提高2个百分点", None, "2", "个百分点", ("2", "个百分点"))),
    ("=3个月", numeric("=3个月", "=", "3", "个月", ("3", "个月"))),
    # a bare multiplier has no unit to standardise to (seed 002: 完成鉴定人数40万左右)
    ("40万左右", numeric("40万左右", None, "40", "万", None)),
    # a unit the vocabulary lacks is kept as printed, with nothing to standardise to; a known rate's
    # further denominators stay on it
    ("≥80M", numeric("≥80M", ">=", "80", "M", None)),
    ("780元/生/年", numeric("780元/生/年", None, "780", "元/生/年", ("780", "元/生/年"))),
    ("≥3棵/户以上", numeric("≥3棵/户以上", ">=", "3", "棵/户", ("3", "棵/户"))),
    # a satisfaction scored in points, and counts of the vocabulary's further units
    ("92分", numeric("92分", None, "92", "分", ("92", "分"))), ("1起", numeric("1起", None, "1", "起", ("1", "起"))),
]


@pytest.mark.parametrize(("raw", "expected"), UNIT_CASES)
def test_units(raw: str, expected: Value) -> None:
    check(raw, expected)


# 千分之一, 万分之一: Chinese fractions are percentages (seed 001: 投诉率低于万分之一)
FRACTION_CASES = [
    ("投诉率低于万分之一", numeric("投诉率低于万分之一", "<", "0.01", "%", ("0.01", "%"))),
    ("千分之一以下", numeric("千分之一以下", "<=", "0.1", "%", ("0.1", "%"))),
    ("不高于千分之三", numeric("不高于千分之三", "<=", "0.3", "%", ("0.3", "%"))),
    ("百分之九十五", numeric("百分之九十五", None, "95", "%", ("95", "%"))),
    ("百分之百", numeric("百分之百", None, "100", "%", ("100", "%"))),
    ("千分之0.5", numeric("千分之0.5", None, "0.05", "%", ("0.05", "%"))),
    ("提高考生满意度，有责投诉率控制在千分之一以下",
     numeric("提高考生满意度，有责投诉率控制在千分之一以下", "<=", "0.1", "%", ("0.1", "%"))),
]


@pytest.mark.parametrize(("raw", "expected"), FRACTION_CASES)
def test_chinese_fractions(raw: str, expected: Value) -> None:
    check(raw, expected)


# 定性指标: no number at all (seeds 000, 001, 002)
QUALITATIVE = [
    "健全", "建全", "及时", "合规", "建立", "无负面评价", "有效", "规范", "完备", "可控", "合理", "充分", "完善",
    "制定并执行", "较上一年度有提升", "整洁有序", "规范、安全、高效", "合理、有效", "在标准时间内响应和处理",
    "服务质量佳，全国排名第二", "符合项目采购招标文件需求", "长效管理制度建设情况制定并完善",
    "2019年12月31日前完成", "完成2019年全年鉴定工作", "",
    # a number glued to the word it names is not a quantity (seed 003)
    "上海12345热线的软件和硬件水平在全国同行业中仅次于北京。12345热线成为上海的一张“名片”。",
    "全年12345热线平台受理量",
]


@pytest.mark.parametrize("raw", QUALITATIVE)
def test_qualitative(raw: str) -> None:
    assert parse_value(raw) == Value(raw=raw, kind="qualitative")


def test_whitespace_is_dropped_from_raw() -> None:
    assert parse_value("制定并 执行") == Value(raw="制定并执行", kind="qualitative")
    assert parse_value(">= 98 %").raw == ">=98%"


def part(raw: str, op: str | None, value: str, unit: str, std: tuple[str, str]) -> Value:
    return numeric(raw, op, value, unit, std)


# 复合指标: several quantities, each with its own label (seeds 000, 001, 002)
COMPOUND_CASES = [
    ("响应时间：≤10分钟内，故障处理时间≤90分钟", [
        part("响应时间：≤10分钟内", "<=", "10", "分钟", ("10", "分钟")),
        part("故障处理时间≤90分钟", "<=", "90", "分钟", ("90", "分钟")),
    ]),
    ("一级故障<=90分钟，二级故障<=180分钟，三级故障<=24小时", [
        part("一级故障<=90分钟", "<=", "90", "分钟", ("90", "分钟")),
        part("二级故障<=180分钟", "<=", "180", "分钟", ("180", "分钟")),
        part("三级故障<=24小时", "<=", "24", "小时", ("1440", "分钟")),
    ]),
    ("接听电话379.8万个，网站和手机受理28.1万件", [
        part("接听电话379.8万个", None, "379.8", "万个", ("3798000.0", "个")),
        part("网站和手机受理28.1万件", None, "28.1", "万件", ("281000.0", "件")),
    ]),
    ("响应时间：≤30分钟内；故障处理时间≤24小时", [
        part("响应时间：≤30分钟内", "<=", "30", "分钟", ("30", "分钟")),
        part("故障处理时间≤24小时", "<=", "24", "小时", ("1440", "分钟")),
    ]),
    ("合格率≥95%,满意度≥90%", [
        part("合格率≥95%", ">=", "95", "%", ("95", "%")),
        part("满意度≥90%", ">=", "90", "%", ("90", "%")),
    ]),
]


@pytest.mark.parametrize(("raw", "parts"), COMPOUND_CASES)
def test_compound(raw: str, parts: list[Value]) -> None:
    parsed = parse_value(raw)
    assert parsed == Value(raw=raw, kind="compound", parts=parts)


def test_compound_keeps_its_word_clauses_as_qualitative_parts() -> None:
    parsed = parse_value("合格率≥95%，满意度≥90%，及时")
    assert parsed.kind == "compound"
    assert parsed.parts[-1] == Value(raw="及时", kind="qualitative")


# one quantity among words is not compound: the clause without a number is context
NOT_COMPOUND = [
    ("响应时间：立即响应，故障处理时间≤90分钟", "<=", "90", "分钟"),
    ("接通时长达到国家标准，平均接通时长8秒", None, "8", "秒"),
    ("排除政策变动因素，完成鉴定人数40万左右", None, "40", "万"),
    ("1,500人次", None, "1500", "人次"),
    ("1，250人次", None, "1250", "人次"),  # an IME's full-width comma groups thousands too
    ("≥1，200人次", ">=", "1200", "人次"),
    ("4，805.91万元", None, "4805.91", "万元"),
]


@pytest.mark.parametrize(("raw", "op", "value", "unit"), NOT_COMPOUND)
def test_not_compound(raw: str, op: str | None, value: str, unit: str) -> None:
    parsed = parse_value(raw)
    assert (parsed.kind, parsed.op, parsed.value, parsed.unit) == ("numeric", op, Decimal(value), unit)


# numbers that are not the quantity: years and dates, codes, names before the target
NOT_THE_QUANTITY = [
    ("2019年完成率≥95%", ">=", "95"),
    ("12345热线接通率≥90%", ">=", "90"),
    ("ISO9001认证=1", "=", "1"),
    ("≥98%（2020年）", ">=", "98"),
]


@pytest.mark.parametrize(("raw", "op", "value"), NOT_THE_QUANTITY)
def test_the_quantity_is_the_one_with_an_operator(raw: str, op: str, value: str) -> None:
    parsed = parse_value(raw)
    assert (parsed.kind, parsed.op, parsed.value) == ("numeric", op, Decimal(value))


# whole cells as the extractor hands them over: wrapped lines joined, then parsed (seed 001)
def test_joined_cell_from_seed() -> None:
    raw = join_lines(["一级故障<=90", "分钟，二级故障<", "", "=180分钟，三", "级故障<=24小", "", "时"])
    assert [p.std_value for p in parse_value(raw).parts] == [Decimal(90), Decimal(180), Decimal(1440)]


# a date is no quantity, with its year or without: a deadline with a day is qualitative, as 2024年6月30日前 is
DATE_CASES = [
    "2023年11月底前", "2024年6月30日前", "6月25日", "12月31日前", "每月10日前", "2024年10月", "2021年12月完成",
    # a period: a range of years or dates counts nothing
    "2023-2025年", "2023.07-2024.01", "1-12月", "6-8月份", "10月1日至12月31日", "2023年-2025年",
]


@pytest.mark.parametrize("raw", DATE_CASES)
def test_dates_are_no_quantity(raw: str) -> None:
    assert parse_value(raw) == Value(raw=raw, kind="qualitative")


# a month of the year alone is its number in 月 with no standard: an ordinal, not a count of months
# (realdev selfeval_04's gold: 9月前 -> <= 9 月, its actual 7月 -> 7 月, no std conversion)
MONTH_CASES = [
    ("9月前", "<=", "9"), ("7月", None, "7"), ("6月底前", "<=", "6"), ("每年6月底前", "<=", "6"),
    ("10月份", None, "10"), ("11月底前完成", "<=", "11"), ("6月中旬", None, "6"), ("12月末以前", "<=", "12"),
]


@pytest.mark.parametrize(("raw", "op", "month"), MONTH_CASES)
def test_a_month_of_the_year_is_an_ordinal(raw: str, op: str | None, month: str) -> None:
    assert parse_value(raw) == Value(raw=raw, op=op, value=Decimal(month), unit="月", kind="numeric")


DURATION_CASES = [
    ("3个月", numeric("3个月", None, "3", "个月", ("3", "个月"))),
    ("=3个月", numeric("=3个月", "=", "3", "个月", ("3", "个月"))),
    ("6个月内", numeric("6个月内", "<=", "6", "个月", ("6", "个月"))),
    ("10日内", numeric("10日内", "<=", "10", "天", ("14400", "分钟"))),
    ("2023年完成率≥95%", numeric("2023年完成率≥95%", ">=", "95", "%", ("95", "%"))),
    ("6月25日前完成率100%", numeric("6月25日前完成率100%", None, "100", "%", ("100", "%"))),
]


@pytest.mark.parametrize(("raw", "expected"), DURATION_CASES)
def test_durations_and_figures_beside_dates_stay_quantities(raw: str, expected: Value) -> None:
    check(raw, expected)


# a range is a compound of its low bound (>=) and its high bound (<=); the unit printed once is both's.
# (raw, low bound as printed, its number, high bound as printed, its number, unit, standard unit, factor to it)
RANGE_CASES = [
    *[(f"3{sep}5天", "3", "3", "5天", "5", "天", "分钟", 1440) for sep in vocab().ranges.separators],
    ("3-5个工作日", "3", "3", "5个工作日", "5", "工作日", "工作日", 1), ("90%-95%", "90%", "90", "95%", "95", "%", "%", 1),
    ("3-5万元", "3", "3", "5万元", "5", "万元", "元", 10000), ("3万-5万元", "3万", "3", "5万元", "5", "万元", "元", 10000),
    ("2-3个月", "2", "2", "3个月", "3", "个月", "个月", 1), ("0.5-1.5%", "0.5", "0.5", "1.5%", "1.5", "%", "%", 1),
    ("百分之五至百分之十", "百分之五", "5", "百分之十", "10", "%", "%", 1),
    ("处理时限3-5个工作日内", "处理时限3", "3", "5个工作日内", "5", "工作日", "工作日", 1),
]


@pytest.mark.parametrize(("raw", "low_raw", "low", "high_raw", "high", "unit", "std_unit", "factor"), RANGE_CASES)
def test_ranges(raw: str, low_raw: str, low: str, high_raw: str, high: str, unit: str, std_unit: str,
                factor: int) -> None:
    parsed = parse_value(raw)
    assert (parsed.raw, parsed.kind, parsed.value) == (raw, "compound", None)
    assert [(p.raw, p.op, p.value, p.unit, p.std_value, p.std_unit) for p in parsed.parts] == [
        (low_raw, ">=", Decimal(low), unit, Decimal(low) * factor, std_unit),
        (high_raw, "<=", Decimal(high), unit, Decimal(high) * factor, std_unit),
    ]


def test_a_range_among_clauses_is_a_part() -> None:
    parsed = parse_value("合格率90%-95%，满意度≥90%")
    assert [part.kind for part in parsed.parts] == ["compound", "numeric"]
    assert [(p.op, p.value) for p in parsed.parts[0].parts] == [(">=", Decimal(90)), ("<=", Decimal(95))]


# clauses joined by a word: each side is a part, as at a comma; the word inside a label or an operator
# (及以上) cuts nothing
JOINED_CASES = [
    ("≥95%且≤100%", [numeric("≥95%", ">=", "95", "%", ("95", "%")), numeric("≤100%", "<=", "100", "%", ("100", "%"))]),
    ("≥95%并且≤100%", [numeric("≥95%", ">=", "95", "%", ("95", "%")), numeric("≤100%", "<=", "100", "%", ("100", "%"))]),
    ("培训500人和20场", [numeric("培训500人", None, "500", "人", ("500", "人")), numeric("20场", None, "20", "场", ("20", "场"))]),
    ("90%以上及满意度≥85%", [numeric("90%以上", ">=", "90", "%", ("90", "%")),
                          numeric("满意度≥85%", ">=", "85", "%", ("85", "%"))]),
]


@pytest.mark.parametrize(("raw", "parts"), JOINED_CASES)
def test_joined_clauses(raw: str, parts: list[Value]) -> None:
    assert parse_value(raw) == Value(raw=raw, kind="compound", parts=parts)


@pytest.mark.parametrize(("raw", "op", "value", "unit"), [
    ("98%及以上", ">=", "98", "%"), ("网站和手机受理28.1万件", None, "28.1", "万件"), ("≥95%且及时", ">=", "95", "%"),
])
def test_a_joiner_without_a_second_quantity_cuts_nothing(raw: str, op: str | None, value: str, unit: str) -> None:
    parsed = parse_value(raw)
    assert (parsed.kind, parsed.op, parsed.value, parsed.unit) == ("numeric", op, Decimal(value), unit)


# count units of the forms after a bare figure (a number glued to a word it does not measure is a name)
@pytest.mark.parametrize("unit", ["架次", "车次", "艘", "轮", "间", "人天", "台套", "班次", "人月", "工日", "倍", "层"])
def test_count_units_after_a_bare_figure(unit: str) -> None:
    check(f"12{unit}", numeric(f"12{unit}", None, "12", unit, ("12", unit)))


@pytest.mark.parametrize("raw", ["010-88498213", "0459-4681235"])
def test_a_code_with_a_leading_zero_is_no_range(raw: str) -> None:
    assert parse_value(raw).kind != "compound"


# a negation before a comparison word turns it round: 不得超过 is <=, 未低于 is >=
@pytest.mark.parametrize("negation", vocab().operators.negations.words)
@pytest.mark.parametrize(("word", "op"), [("超过", "<="), ("低于", ">="), ("高于", "<="), ("少于", ">="), ("等于", None)])
def test_a_negated_comparison_turns_round(negation: str, word: str, op: str | None) -> None:
    assert parse_value(f"投诉率{negation}{word}5%").op == op


# a whole clause that counts in Chinese numerals (不少于两次) is that count; a phrase with a numeral is words
CN_COUNT_CASES = [
    ("两次", None, "2", "次"), ("不少于两次", ">=", "2", "次"), ("三个以上", ">=", "3", "个"),
    ("十二个月", None, "12", "个月"), ("一百人次", None, "100", "人次"), ("不低于两千人", ">=", "2000", "人"),
]


@pytest.mark.parametrize(("raw", "op", "value", "unit"), CN_COUNT_CASES)
def test_a_count_in_chinese_numerals(raw: str, op: str | None, value: str, unit: str) -> None:
    parsed = parse_value(raw)
    assert (parsed.raw, parsed.kind, parsed.op, parsed.value, parsed.unit) == (raw, "numeric", op, Decimal(value), unit)


@pytest.mark.parametrize("raw", ["一户一档", "五个一", "一次性", "两学一做", "一级", "一"])
def test_a_phrase_with_a_numeral_is_words(raw: str) -> None:
    assert parse_value(raw).kind == "qualitative"


@pytest.mark.parametrize("raw", ["5方面", "3方案"])
def test_a_word_after_a_figure_is_no_unit(raw: str) -> None:
    assert parse_value(raw).unit is None


# a clause ends at 、 and 。 too, and where an operator and a quantity follow a quantity (its space dropped)
@pytest.mark.parametrize(("raw", "parts"), [
    ("合格率≥95%、满意度≥90%", [("合格率≥95%", ">=", "95"), ("满意度≥90%", ">=", "90")]),
    ("新建2座。改造3座", [("新建2座", None, "2"), ("改造3座", None, "3")]),
    ("≥95% ≤100%", [("≥95%", ">=", "95"), ("≤100%", "<=", "100")]),
    ("≥90%以上≤100%", [("≥90%以上", ">=", "90"), ("≤100%", "<=", "100")]),
])
def test_more_clause_ends(raw: str, parts: list[tuple[str, str | None, str]]) -> None:
    parsed = parse_value(raw)
    assert parsed.kind == "compound"
    assert [(p.raw, p.op, p.value) for p in parsed.parts] == [(r, op, Decimal(v)) for r, op, v in parts]


@pytest.mark.parametrize("raw", ["规范、安全、高效", "12345热线、12366热线"])
def test_an_enumeration_of_words_stays_words(raw: str) -> None:
    assert parse_value(raw).kind == "qualitative"


@pytest.mark.parametrize(("text", "unit", "std_unit"), [
    ("≥96台（套）", "台（套）", "台"), ("101台(套)", "台(套)", "台"), ("≥5个（项）", "个（项）", "个"),
])
def test_a_unit_naming_its_alternative_in_brackets_is_printed_whole(text: str, unit: str, std_unit: str) -> None:
    value = parse_value(text)
    assert (value.unit, value.std_unit) == (unit, std_unit)


@pytest.mark.parametrize(("text", "unit", "std_unit"), [
    ("5元/人·天", "元/人·天", "元/人·天"), ("≤1.2万元/人·年", "万元/人·年", "元/人·年"), ("3000元/生·年", "元/生·年", "元/生·年"),
])
def test_a_rate_s_denominator_joined_by_a_middle_dot_is_the_unit_s(text: str, unit: str, std_unit: str) -> None:
    value = parse_value(text)
    assert (value.unit, value.std_unit) == (unit, std_unit)


@pytest.mark.parametrize(("printed", "value"), [("-8.4%", "-8.4"), ("−12.6%", "-12.6"), ("≤-5%", "-5"), ("3%", "3")])
def test_a_minus_sign_before_a_figure_is_kept(printed: str, value: str) -> None:
    assert parse_value(printed).value == Decimal(value)


@pytest.mark.parametrize(("text", "unit"), [("1500万颗粒", "万颗粒"), ("≥20万枚", "万枚"), ("40万左右", "万")])
def test_a_unit_the_vocabulary_lacks_after_a_bare_multiplier_is_kept_as_printed(text: str, unit: str) -> None:
    value = parse_value(text)
    assert (value.unit, value.std_value, value.std_unit) == (unit, None, None)
