"""Met or not met: actual against target under the operator and unit, from the seeds' own cells."""

from __future__ import annotations

import pytest

from models import Indicator
from normalize.values import parse_value
from scoring.judge import higher_is_better_rate, judge


def verdict(target: str, actual: str) -> bool | None:
    found = judge(Indicator(name="x", target=parse_value(target), actual=parse_value(actual)))
    assert found is not None
    return found.met


@pytest.mark.parametrize(("target", "actual", "met"), [
    (">=80%", "76.89%", False),  # 001 综合服务率
    ("<=0.006%", "0.004%", True),  # 001 热线投诉率
    (">90%", "90%", False),  # 001 办公房电费 办公人员满意度
    (">=90%", "90%", True),  # 001 设备场地维修维护费 办公人员满意度
    ("=100%", "81%", False),  # 001 人员到位率
    ("=390", "390", True),  # 001 坐席人员数
    (">=500", "1500", True),  # 001 满意度评价样本量
    (">=2次/天", "2次/天", True),  # 001 场地保洁完成情况
    ("=365天", "365", True),  # 001 咨询中心正常运行天数: the actual read in 天
    ("=12次", "12", True),  # 001 月度电费结算完成情况
    ("=12次", "11", False),
    ("<=24小时", "1440分钟", True),  # standard units
    ("<=24小时", "1441分钟", False),
    ("健全", "健全", True),  # 001 长效管理制度健全性
    ("及时性", "及时", True),  # 001 审计工作及时性
    ("制定并执行", "已制定并执行", True),
    ("建立", "未建立", False),
    ("94.90%", "94.90%", True),  # 003: no operator, equal
    ("15%-20%", "13.6%", False),  # a range: inside every bound or not
    ("15%-20%", "20%", True),
    ("≥95%且≤100%", "96.2%", True),
    ("80～100公里", "120公里", False),
    ("1.5-2万人", "1.86万人", True),
])
def test_decided(target: str, actual: str, met: bool) -> None:
    assert verdict(target, actual) is met


@pytest.mark.parametrize(("target", "actual"), [
    ("一级故障<=90分钟，二级故障<=180分钟，三级故障<=24小时", "在标准时间内响应和处理"),  # 001 compound
    ("健全", "基本健全"),  # weakened words are not a guess
    ("及时", "100%"),  # words against a number
    (">=98%", "达标"),
    ("=1", "100%"),  # 000's =1: no unit against a percent
    ("94.90%", "95%"),  # no operator, not equal
    ("<=90分钟", "2次/天"),  # units that do not convert
    ("15%-20%", "16人"),  # a range and an actual in another unit
    ("15%-20%", "达标"),
])
def test_cannot_decide(target: str, actual: str) -> None:
    assert verdict(target, actual) is None


def test_a_range_missed_says_which_bound() -> None:
    found = judge(Indicator(name="x", target=parse_value("15%-20%"), actual=parse_value("13.6%")))
    assert found is not None and found.how == "实际 13.6% 在目标范围 15%-20% 之外（低于下限 15%）"


def test_the_verdict_says_how_a_unitless_actual_was_read() -> None:
    found = judge(Indicator(name="x", target=parse_value("=365天"), actual=parse_value("365")))
    assert found is not None and "按目标单位「天」读" in found.how


def test_nothing_to_judge_without_an_actual() -> None:
    assert judge(Indicator(name="x", target=parse_value(">=98%"))) is None


def test_higher_is_better_rates() -> None:
    assert higher_is_better_rate(parse_value(">=80%")) and higher_is_better_rate(parse_value("=100%"))
    assert not higher_is_better_rate(parse_value("<=0.006%")) and not higher_is_better_rate(parse_value("=390"))
