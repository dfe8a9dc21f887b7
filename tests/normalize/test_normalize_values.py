"""Target and actual cells -> Value, grouped by phenomenon; the strings are from the seeds."""

from decimal import Decimal

import pytest

from models import Value
from normalize.text import join_lines
from normalize.values import parse_value


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
    ("提高2个百分点", numeric("提高2个百分点", None, "2", "%", ("2", "%"))),
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
