"""The per-form rules beyond the first cut: a passing and a failing case each, from the seeds' figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from models import Flag, Form, FundRow, Indicator
from normalize.values import parse_value
from scoring import forms_to_flags


def self_eval(**fields: object) -> Form:
    return Form.model_validate({"form_type": "self_eval", **fields})


def target(**fields: object) -> Form:
    return Form.model_validate({"form_type": "target", **fields})


def flags(form: Form, code: str) -> list[Flag]:
    return [flag for flag in forms_to_flags([form]) if flag.code == code]


def indicator(name: str, wanted: str | None, actual: str | None = None, weight: str | None = None,
              score: str | None = None, **fields: object) -> Indicator:
    return Indicator(name=name, target=parse_value(wanted) if wanted else None,
                     actual=parse_value(actual) if actual else None,
                     weight=D(weight) if weight else None, score=D(score) if score else None, **fields)


# 001, 12345服务热线专项经费: the 其中 rows print "—" under 全年执行数
TOTAL_12345 = FundRow(source="年度资金总额", initial_budget=D("7649500.00"), full_year_budget=D("8958938.00"),
                      executed=D("8212206.68"), weight=D(10), execution_rate=D("91.67"), score=D("9.17"))
PARTS_12345 = [FundRow(source="当年财政拨款", initial_budget=D("7649500"), full_year_budget=D("8958938")),
               FundRow(source="上年结转资金", initial_budget=D(0), full_year_budget=D(0)),
               FundRow(source="其他资金", initial_budget=D(0), full_year_budget=D(0))]
# 001, 12333热线咨询平台项目经费: parts that add up
TOTAL_12333 = FundRow(source="年度资金总额", initial_budget=D("70762666.00"), full_year_budget=D("81572666.00"),
                      executed=D("81572666"), weight=D(10), execution_rate=D("100.00"), score=D(10))
PARTS_12333 = [FundRow(source="当年财政拨款", initial_budget=D("70762666"), full_year_budget=D("81572666"),
                       executed=D("81572666")),
               FundRow(source="上年结转资金", initial_budget=D(0), full_year_budget=D(0)),
               FundRow(source="其他资金", initial_budget=D(0), full_year_budget=D(0))]


# ---- funds ----------------------------------------------------------------------------------------


def test_funds_score_is_the_execution_ratio_times_the_weight() -> None:
    assert flags(self_eval(funds=[TOTAL_12345]), "funds_score_mismatch") == []  # 8,212,206.68 / 8,958,938 × 10 = 9.17
    clothes = FundRow(source="年度资金总额", full_year_budget=D("151500.00"), executed=D("150845"), weight=D(10),
                      score=D("9.96"))
    assert flags(self_eval(funds=[clothes]), "funds_score_mismatch") == []


def test_funds_score_in_full_for_a_part_spent_is_flagged() -> None:
    (flag,) = flags(self_eval(funds=[TOTAL_12345.model_copy(update={"score": D(10)})]), "funds_score_mismatch")
    assert flag.severity == "warning" and (flag.expected, flag.found) == ("9.17", "10")
    assert "min(8,212,206.68 / 8,958,938.00, 1) × 10 = 9.17" in flag.message
    assert flag.paths == ["funds[0].score", "funds[0].weight", "funds[0].executed", "funds[0].full_year_budget"]


def test_funds_score_is_capped_at_the_weight() -> None:
    overspent = TOTAL_12345.model_copy(update={"executed": D("9000000"), "score": D(10), "execution_rate": None})
    assert flags(self_eval(funds=[overspent]), "funds_score_mismatch") == []


def test_funds_rows_that_add_up_pass() -> None:
    assert flags(self_eval(funds=[TOTAL_12333, *PARTS_12333]), "funds_rows_sum_mismatch") == []


def test_funds_part_missing_its_executed_amount_is_flagged() -> None:
    (flag,) = flags(self_eval(funds=[TOTAL_12345, *PARTS_12345]), "funds_rows_sum_mismatch")
    assert flag.severity == "warning" and (flag.expected, flag.found) == ("8212206.68", "0")
    assert "全年执行数 8,212,206.68 元" in flag.message and "当年财政拨款 未印全年执行数" in flag.message
    assert "上年结转资金" not in flag.message  # a part with a 0 budget may leave 执行数 empty
    assert flag.paths == ["funds[0].executed", "funds[1].executed", "funds[2].executed", "funds[3].executed"]


def test_funds_parts_that_do_not_add_up_give_the_difference() -> None:
    parts = [PARTS_12333[0].model_copy(update={"full_year_budget": D("81572665")}), *PARTS_12333[1:]]
    (flag,) = flags(self_eval(funds=[TOTAL_12333, *parts]), "funds_rows_sum_mismatch")
    assert "全年预算数 81,572,666.00 元 ≠ 其中各项之和 81,572,665 元（差 1.00 元）" in flag.message


def test_execution_rate_of_a_form_without_a_funds_block() -> None:
    # 004: 预算执行数 70,784,807.00 / 当年预算数 70,785,200.00 = 99.9994% printed as 100.00%
    figures = {"executed": D("70784807.00"), "current_budget": D("70785200.00")}
    assert flags(self_eval(execution_rate=D("100.00"), **figures), "execution_rate_mismatch") == []
    (flag,) = flags(self_eval(execution_rate=D("99.00"), **figures), "execution_rate_mismatch")
    assert (flag.expected, flag.found) == ("100.00", "99.00") and flag.message.startswith("预算执行率印为 99.00%")
    assert flag.paths == ["execution_rate", "executed", "current_budget"]


# ---- weights --------------------------------------------------------------------------------------

ELECTRICITY = [indicator(name, None, weight=w, score=w)  # 001 办公房电费
               for name, w in [("月度电费结算完成情况", "15"), ("费用结算准确率", "20"), ("拨付电费及时性", "15"),
                               ("咨询中心正常运行天数", "30"), ("办公人员满意度", "10")]]


def test_indicator_weights_and_funds_weight_make_100() -> None:
    assert flags(self_eval(indicators=ELECTRICITY, funds=[TOTAL_12345], total_score=D("99.29")), "weights_not_100") == []


def test_weights_short_of_100_are_flagged() -> None:
    rows = [*ELECTRICITY[1:], indicator("对外形象好评度", None)]
    (flag,) = flags(self_eval(indicators=rows, funds=[TOTAL_12345], total_score=D("84.17")), "weights_not_100")
    assert flag.severity == "error" and (flag.expected, flag.found) == ("100", "85")
    assert flag.message == "指标分值之和 75 + 资金分值 10 = 85 ≠ 100（1 个指标未印分值）"
    assert flag.paths == [f"indicators[{row}].weight" for row in range(5)] + ["funds[0].weight"]


INPUT_MANAGEMENT = [("资金使用的合规性", "6"), ("绩效目标合理性", "8"), ("项目设立的规范性", "5"), ("预算执行率", "8"),
                    ("财务（资产）管理制度的健全性和执行的有效性", "5"), ("项目管理制度的健全性和执行的有效性", "4")]


def test_level1_weight_is_the_sum_of_its_indicators() -> None:  # 004: 投入与管理 (36分)
    rows = [indicator(name, None, weight=w, level1="投入与管理", level1_weight=D(36)) for name, w in INPUT_MANAGEMENT]
    assert flags(self_eval(indicators=rows), "level1_weight_mismatch") == []
    (flag,) = flags(self_eval(indicators=rows[1:]), "level1_weight_mismatch")
    assert (flag.expected, flag.found) == ("36", "30") and "「投入与管理」印为 36 分" in flag.message
    assert flag.paths == [f"indicators[{row}].{column}" for row in range(5) for column in ("level1", "weight")]


# ---- indicators -----------------------------------------------------------------------------------


def test_target_not_met_with_full_score() -> None:  # 001 办公房电费
    missed = indicator("办公人员满意度", ">90%", "90%", "10", "10")
    (flag,) = flags(self_eval(indicators=[missed]), "target_not_met_full_score")
    assert flag.severity == "warning" and (flag.expected, flag.found) == ("< 10", "10")
    assert "实际 90% 不满足目标 >90%" in flag.message
    assert flag.paths == ["indicators[0].target", "indicators[0].actual", "indicators[0].weight", "indicators[0].score"]
    met = indicator("办公人员满意度", ">=90%", "90%", "10", "10")  # 001 设备场地维修维护费
    assert flags(self_eval(indicators=[met]), "target_not_met_full_score") == []


def test_target_met_with_score_reduced() -> None:  # 001 质量控制合格率
    assert flags(self_eval(indicators=[indicator("质量控制合格率", ">=98%", "99.92%", "10", "10")]),
                 "target_met_score_reduced") == []
    (flag,) = flags(self_eval(indicators=[indicator("质量控制合格率", ">=98%", "99.92%", "10", "9")]),
                    "target_met_score_reduced")
    assert (flag.expected, flag.found) == ("10", "9")


def test_a_missed_target_needs_a_deviation_note() -> None:
    noted = indicator("综合服务率", ">=80%", "76.89%", "10", "7.6", note="受疫情影响，封控期间居家办公，下半年综合服务率已达标。")
    assert flags(self_eval(indicators=[noted]), "deviation_note_missing") == []
    (flag,) = flags(self_eval(indicators=[indicator("办公人员满意度", ">90%", "90%", "10", "10")]),
                    "deviation_note_missing")
    assert flag.severity == "warning" and "办公人员满意度" in flag.message
    assert flag.paths == ["indicators[0].target", "indicators[0].actual", "indicators[0].note"]


def test_score_not_proportional_for_a_higher_is_better_rate() -> None:  # 001 综合服务率
    (flag,) = flags(self_eval(indicators=[indicator("综合服务率", ">=80%", "76.89%", "10", "7.6", note="受疫情影响")]),
                    "score_not_proportional")
    assert (flag.expected, flag.found) == ("9.61", "7.6")
    assert "76.89 / 80 × 10 = 9.61" in flag.message and "min(实际/目标, 1) × 分值" in flag.message
    assert flags(self_eval(indicators=[indicator("综合服务率", ">=80%", "76.89%", "10", "9.61", note="x")]),
                 "score_not_proportional") == []


def test_no_proportional_expectation_for_lower_is_better_or_counts() -> None:
    rows = [indicator("热线投诉率", "<=0.006%", "0.008%", "10", "5", note="x"),
            indicator("月度电费结算完成情况", "=12次", "11", "15", "10", note="x")]
    assert flags(self_eval(indicators=rows), "score_not_proportional") == []


def test_undecided_only_matters_when_score_is_below_weight() -> None:  # 001 系统故障解决时间
    def row(score: str) -> Indicator:
        return indicator("系统故障解决时间", "一级故障<=90分钟，二级故障<=180分钟，三级故障<=24小时", "在标准时间内响应和处理",
                         "10", score)
    assert flags(self_eval(indicators=[row("10")]), "target_met_undecided") == []
    (flag,) = flags(self_eval(indicators=[row("8")]), "target_met_undecided")
    assert flag.severity == "info" and "无法判断是否达标" in flag.message
    (paired,) = flags(self_eval(indicators=[indicator("未评分", None), row("8")]), "target_met_undecided")
    assert paired.paths == ["indicators[1].target", "indicators[1].actual", "indicators[1].weight", "indicators[1].score"]


# ---- target forms ---------------------------------------------------------------------------------


def test_current_budget_within_total() -> None:  # 000: 55,070,152 both
    assert flags(target(total_budget=D("55070152"), current_budget=D("55070152")), "current_exceeds_total") == []
    (flag,) = flags(target(total_budget=D("55070152"), current_budget=D("70785200")), "current_exceeds_total")
    assert flag.severity == "error" and "超出 15,715,048 元" in flag.message
    assert flag.paths == ["current_budget", "total_budget"]


def test_prior_executed_within_prior_budget() -> None:  # 000: 70,784,807 of 70,785,200
    assert flags(target(prior_budget=D("70785200"), prior_executed=D("70784807")), "prior_executed_exceeds_budget") == []
    (flag,) = flags(target(prior_budget=D("70784807"), prior_executed=D("70785200")), "prior_executed_exceeds_budget")
    assert (flag.expected, flag.found) == ("<= 70784807", "70785200") and "超出 393 元" in flag.message


LEVELS_000 = [("投入与管理", "投入管理"), ("产出目标", "数量"), ("产出目标", "质量"), ("产出目标", "时效"),
              ("效果目标", "社会效益"), ("效果目标", "满意度"), ("影响力目标", "长效管理")]


def levelled(pairs: list[tuple[str | None, str | None]]) -> list[Indicator]:
    return [Indicator(name=f"指标{n}", level1=one, level2=two) for n, (one, two) in enumerate(pairs)]


def test_every_category_present() -> None:
    assert flags(target(indicators=levelled(LEVELS_000)), "category_missing") == []


def test_missing_categories_are_named() -> None:
    pairs = [pair for pair in LEVELS_000 if pair[1] not in ("时效", "满意度")]
    (flag,) = flags(target(indicators=levelled(pairs)), "category_missing")
    assert flag.message == "绩效指标缺少：满意度指标、产出指标下的「时效」二级指标"
    assert flag.paths == [f"indicators[{row}].{column}" for row in range(5) for column in ("level1", "level2")]


def test_no_category_flag_where_the_levels_were_lost() -> None:
    assert flags(target(indicators=levelled([(None, None)] * 3)), "category_missing") == []  # 002, scrambled
    level1_only = [("投入和管理目标", None), ("产出目标", None), ("效果目标", None), ("影响力目标", None)]  # 003
    assert flags(target(indicators=levelled(level1_only)), "category_missing") == []


def test_target_quality_formula() -> None:
    measurable = [indicator(n, t) for n, t in [("系统建设完成率", "=100%"), ("综合接通率", "≥80.00%"),
                                               ("成本控制情况", "<4.97元/分钟")]]  # 002 form 0
    (flag,) = flags(target(indicators=measurable), "target_quality")
    assert flag.severity == "info" and flag.found == "100.0"
    mixed = [indicator("绩效考核次数", "=4"), indicator("资产管理制度建全", "建全"), indicator("综合接通率", ">80%"),
             indicator("一级故障", "响应时间：≤10分钟内，故障处理时间≤90分钟")]  # 000 form 0
    (flag,) = flags(target(indicators=mixed), "target_quality")
    assert flag.found == "62.5" and flag.message.startswith("目标质量 62.5 = 100 × 2.5 / 4")
    assert "定性：资产管理制度建全" in flag.message
    (flag,) = flags(target(indicators=[indicator("未印目标", None), *mixed]), "target_quality")
    assert flag.paths == [f"indicators[{row}].target" for row in range(1, 5)]  # only the targets printed


def test_no_duplicate_indicator_names() -> None:
    assert flags(target(indicators=levelled(LEVELS_000)), "duplicate_indicator") == []
    rows = [indicator("综合满意度", ">97%"), indicator("公众投诉率", "<0.01%"), indicator("综合 满意度", ">97%")]
    (flag,) = flags(target(indicators=rows), "duplicate_indicator")
    assert flag.message == "指标「综合满意度」在本表出现 2 次（第 1、3 行）"
    assert flag.paths == ["indicators[0].name", "indicators[2].name"]


def test_a_midterm_and_an_annual_record_of_one_row_are_no_duplicate() -> None:
    pair = [indicator("新建污水处理站数量", "≥36座").model_copy(update={"horizon": "midterm"}),
            indicator("新建污水处理站数量", "≥12座").model_copy(update={"horizon": "annual"})]
    assert flags(target(indicators=pair), "duplicate_indicator") == []
    assert len(flags(target(indicators=[*pair, pair[1]]), "duplicate_indicator")) == 1


@pytest.mark.parametrize(("start", "end", "total", "found"), [
    (date(2020, 1, 1), date(2020, 12, 31), "55070152", []),  # 000
    (date(2020, 1, 1), date(2021, 12, 31), "55070152", ["2021-12-31"]),
    (date(2019, 7, 1), date(2020, 12, 31), "104600000", []),  # a multi-year project prints its whole period
])
def test_dates_inside_the_year(start: date, end: date, total: str, found: list[str]) -> None:
    form = target(year=2020, start_date=start, end_date=end, total_budget=D(total), current_budget=D("55070152"))
    assert [flag.found for flag in flags(form, "date_outside_year")] == found
    assert [flag.paths for flag in flags(form, "date_outside_year")] == [["end_date", "year"]] * len(found)


def test_dates_in_order() -> None:
    assert flags(target(start_date=date(2019, 1, 1), end_date=date(2019, 12, 31)), "dates_reversed") == []
    (flag,) = flags(target(start_date=date(2019, 12, 31), end_date=date(2019, 1, 1)), "dates_reversed")
    assert flag.message == "开始日期 2019-12-31 晚于结束日期 2019-01-01"
    assert flag.paths == ["start_date", "end_date"]
