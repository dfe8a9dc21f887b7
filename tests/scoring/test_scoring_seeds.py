"""The five seeds through the real pipeline: the known source inconsistencies, and no false alarm."""

from __future__ import annotations

from collections.abc import Callable

from models import Document, Flag
from scoring import forms_to_flags

Seed = Callable[[str], Document]


def only(document: Document, form_index: int, code: str) -> Flag:
    (flag,) = [flag for flag in document.flags if flag.form_index == form_index and flag.code == code]
    return flag


def test_002_social_insurance_components_one_yuan_short(seed: Seed) -> None:
    flag = only(seed("002"), 2, "components_sum_mismatch")
    assert seed("002").forms[2].project_name == "社会保险服务费"
    assert (flag.severity, flag.expected, flag.found) == ("error", "18372648", "18372647")
    assert flag.message == "资金构成合计 18,372,647 元 ≠ 项目当年预算 18,372,648 元 (差 -1 元)"
    assert flag.paths == [f"components[{row}].amount" for row in range(6)] + ["current_budget"]


def test_001_12345_execution_rate_printed_9167_computed_9166(seed: Seed) -> None:
    flag = only(seed("001"), 2, "execution_rate_mismatch")
    assert seed("001").forms[2].project_name == "12345服务热线专项经费"
    assert (flag.expected, flag.found) == ("91.66", "91.67")
    assert flag.message == "资金「年度资金总额」执行率印为 91.67%，但 8,212,206.68 / 8,958,938.00 = 91.66%"


def test_001_office_satisfaction_above_90_missed_yet_full_score(seed: Seed) -> None:
    flag = only(seed("001"), 3, "target_not_met_full_score")
    assert (flag.severity, flag.expected, flag.found) == ("warning", "< 10", "10")
    assert flag.message == ("指标「办公人员满意度」未达到目标（实际 90% 不满足目标 >90%），却得满分：得分 10 = 分值 10")
    assert only(seed("001"), 3, "deviation_note_missing").severity == "warning"
    assert flag.paths == ["indicators[4].target", "indicators[4].actual", "indicators[4].weight", "indicators[4].score"]
    assert seed("001").forms[3].indicators[4].name == "办公人员满意度"


def test_001_12345_funds_parts_do_not_add_up(seed: Seed) -> None:
    flag = only(seed("001"), 2, "funds_rows_sum_mismatch")
    assert (flag.expected, flag.found) == ("8212206.68", "0")
    assert flag.message == "资金「年度资金总额」全年执行数 8,212,206.68 元 ≠ 其中各项之和 0 元（当年财政拨款 未印全年执行数）"


def test_001_comprehensive_service_rate_is_an_auditor_question(seed: Seed) -> None:
    flag = only(seed("001"), 0, "score_not_proportional")
    assert (flag.expected, flag.found) == ("9.61", "7.6") and "76.89 / 80 × 10 = 9.61" in flag.message


def test_the_only_error_on_the_seeds_is_the_one_yuan(seed: Seed) -> None:
    errors = [(number, flag.form_index, flag.code)
              for number in ("000", "001", "002", "003", "004") for flag in seed(number).flags
              if flag.severity == "error"]
    assert errors == [("002", 2, "components_sum_mismatch")]


def scoring_codes(document: Document) -> list[tuple[int | None, str]]:
    return [(flag.form_index, flag.code) for flag in forms_to_flags(document.forms)]


def test_forms_whose_arithmetic_holds_get_no_scoring_flag(seed: Seed) -> None:
    # 003: four components add up to 133,340,000; 004: scores add up to 91.22 (优秀), weights to 100
    assert scoring_codes(seed("003")) == [(0, "target_quality")]
    assert scoring_codes(seed("004")) == []
    # 001's forms 1, 4, 5: funds scores, rates, parts, weights and totals all hold
    assert {index for index, _ in scoring_codes(seed("001"))} == {0, 2, 3}
