"""Each first-cut rule: a passing and a failing case, from the seeds' own figures."""

from __future__ import annotations

from decimal import Decimal as D

from models import Component, Form, FundRow, Indicator
from scoring import forms_to_flags


def codes(form: Form) -> list[str]:
    return [flag.code for flag in forms_to_flags([form])]


def target(**fields: object) -> Form:
    return Form.model_validate({"form_type": "target", **fields})


def self_eval(**fields: object) -> Form:
    return Form.model_validate({"form_type": "self_eval", **fields})


SOCIAL_INSURANCE = [D("557200"), D("9280170"), D("581802"), D("87075"), D("3729600"), D("4136800")]


def test_components_off_by_one_yuan_is_flagged_with_the_figures() -> None:
    form = target(current_budget=D("18372648"), components=[Component(name="x", amount=a) for a in SOCIAL_INSURANCE])
    (flag,) = forms_to_flags([form])
    assert flag.code == "components_sum_mismatch" and flag.severity == "error"
    assert (flag.expected, flag.found) == ("18372648", "18372647")
    assert "18,372,647" in flag.message and "18,372,648" in flag.message
    assert flag.paths == [f"components[{row}].amount" for row in range(6)] + ["current_budget"]


def test_components_that_add_up_pass_and_unknown_amounts_are_not_summed() -> None:
    amounts = [D("19030000"), D("9480000"), D("95890000"), D("8940000")]
    assert codes(target(current_budget=D("133340000"), components=[Component(name="x", amount=a) for a in amounts])) == []
    assert codes(target(current_budget=D("1"), components=[Component(name="x"), Component(name="y", amount=D(5))])) == []


def test_execution_rate_printed_9167_vs_computed_9166() -> None:
    row = FundRow(source="年度资金总额", full_year_budget=D("8958938.00"), executed=D("8212206.68"),
                  execution_rate=D("91.67"), weight=D(10), score=D("9.17"))
    (flag,) = forms_to_flags([self_eval(funds=[row])])
    assert flag.code == "execution_rate_mismatch" and (flag.expected, flag.found) == ("91.66", "91.67")
    assert flag.paths == ["funds[0].execution_rate", "funds[0].executed", "funds[0].full_year_budget"]


def test_execution_rate_that_rounds_right_passes() -> None:
    row = FundRow(source="年度资金总额", full_year_budget=D("151500.00"), executed=D("150845"), execution_rate=D("99.57"))
    assert codes(self_eval(funds=[row])) == []


def test_score_above_weight() -> None:
    assert codes(self_eval(indicators=[Indicator(name="a", weight=D(10), score=D("10.5"))])) == ["score_exceeds_weight"]
    assert codes(self_eval(indicators=[Indicator(name="a", weight=D(10), score=D("7.6"))])) == []
    rows = [Indicator(name="a", weight=D(10), score=D("7.6")), Indicator(name="b", weight=D(10), score=D("10.5"))]
    (flag,) = forms_to_flags([self_eval(indicators=rows)])
    assert flag.paths == ["indicators[1].weight", "indicators[1].score"]


def test_total_score_is_indicator_scores_plus_funds_score() -> None:
    indicators = [Indicator(name=str(i), weight=D(w), score=D(s)) for i, (w, s) in enumerate([("10", "10"), ("10", "7.6"), ("70", "70")])]
    funds = [FundRow(source="年度资金总额", weight=D(10), score=D(10))]
    assert codes(self_eval(indicators=indicators, funds=funds, total_score=D("97.60"))) == []
    assert codes(self_eval(indicators=indicators, funds=funds, total_score=D("97.70"))) == ["total_score_mismatch"]
    unscored = [*indicators, Indicator(name="未评分", weight=D(0))]
    (flag,) = forms_to_flags([self_eval(indicators=unscored, funds=funds, total_score=D("97.70"))])
    assert flag.paths == ["total_score", "indicators[0].score", "indicators[1].score", "indicators[2].score",
                          "funds[0].score"]  # the row printing no score is not in the sum


def test_grade_follows_the_printed_bands() -> None:
    assert codes(self_eval(total_score=D("91.22"), grade="优秀")) == []
    assert codes(self_eval(total_score=D("90"), grade="优秀")) == []
    assert codes(self_eval(total_score=D("89.99"), grade="优秀")) == ["grade_mismatch"]
    assert forms_to_flags([self_eval(total_score=D("89.99"), grade="优秀")])[0].paths == ["grade", "total_score"]


def test_a_grade_in_one_character_follows_the_central_bands() -> None:
    # 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below: 98 is 优 (not 优秀's 优 read as a mismatch), 78 is 中 (良好 under 优秀's bands)
    assert codes(self_eval(total_score=D("98"), grade="优")) == []
    assert codes(self_eval(total_score=D("85"), grade="良")) == []
    assert codes(self_eval(total_score=D("78"), grade="中")) == []
    assert codes(self_eval(total_score=D("78"), grade="良")) == ["grade_mismatch"]
