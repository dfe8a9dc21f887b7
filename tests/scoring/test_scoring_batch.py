"""Cross-form rules over a run: the 12333 project in 2019 (seeds 002 and 004) and 2020 (seed 000)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal as D

import pytest

from models import Document, FundRow
from scoring import documents_to_flags
from scoring.batch import same_project_name, same_unit

Seed = Callable[[str], Document]
CENTRE = "上海市人力资源和社会保障局咨询服务中心"


def codes(found: list[list]) -> list[list[tuple[int | None, str]]]:
    return [[(flag.form_index, flag.code) for flag in flags] for flags in found]


def test_units_match_when_one_is_cut_in_print() -> None:
    assert "印刷截断" in (same_unit(CENTRE, "上海市人力资源和社会保障局咨询服务") or "")  # 004 vs 000
    assert same_unit(CENTRE, CENTRE) == f"单位相同「{CENTRE}」"


@pytest.mark.parametrize(("a", "b"), [
    (CENTRE, "中共上海市委、上海市人民政府信访办公室"),  # 003's unit
    ("上海市", "上海市就业促进中心"),  # too short a prefix to mean anything
    (CENTRE, None),
])
def test_units_that_do_not_match(a: str, b: str | None) -> None:
    assert same_unit(a, b) is None


def test_the_12333_project_is_matched_across_its_two_names() -> None:
    how = same_project_name("12333热线咨询平台项目经费", "12333热线全媒体智能咨询平台项目经费")
    assert how == "项目名称同含 12333，「12333热线咨询平台项目经费」即「12333热线全媒体智能咨询平台项目经费」去掉「全媒体智能」"


@pytest.mark.parametrize(("a", "b"), [
    ("12345服务热线专项经费", "12345市民服务热线外包服务"),  # 001/000 against 003: two projects
    ("12345服务热线专项经费", "12345服务热线专项经费二期"),  # an addition at the end
    ("12333热线咨询平台项目经费", "12333热线二期咨询平台项目经费"),  # a phase
    ("办公房电费", "办公房水电费"),  # no number to anchor the names
    ("12333项目经费", "12333热线咨询平台项目经费"),  # more than half the shorter name taken out
])
def test_different_projects_are_never_matched(a: str, b: str) -> None:
    assert same_project_name(a, b) is None


def test_prior_year_figures_that_agree_give_no_flag(seed: Seed) -> None:
    # 000 (2020 目标表): 上年预算 70,785,200 and 执行 70,784,807 = 004 (2019 自我评价): 当年预算 and 执行
    assert documents_to_flags([seed("000"), seed("004")]) == [[], []]


def test_prior_budget_against_last_years_target_form(seed: Seed) -> None:
    found = documents_to_flags([seed("000"), seed("002")])
    assert codes(found) == [[(0, "prior_budget_mismatch")], []]
    flag = found[0][0]
    assert flag.severity == "warning" and (flag.expected, flag.found) == ("71387200", "70785200")
    assert "上年预算 70,785,200 元 ≠ samples/seeds/002_f7fc035cebcc2849.txt 表 0" in flag.message
    assert "项目当年预算 71,387,200 元（差 -602,000 元）" in flag.message
    assert "去掉「全媒体智能」" in flag.message
    assert flag.paths == ["prior_budget"]


def test_all_three_forms_of_the_12333_project(seed: Seed) -> None:
    found = documents_to_flags([seed("000"), seed("002"), seed("004")])
    assert codes(found) == [[(0, "prior_budget_adjusted")], [], [(0, "self_eval_budget_differs")]]
    adjusted, differs = found[0][0], found[2][0]
    assert adjusted.severity == "info" and "004_63f17e4ebc71a82a.txt 表 0" in adjusted.message
    assert differs.severity == "warning" and (differs.expected, differs.found) == ("71387200", "70785200.00")
    assert "当年预算数 70,785,200.00 元 ≠ samples/seeds/002_f7fc035cebcc2849.txt 表 0" in differs.message
    assert "印刷截断" in differs.message
    assert (adjusted.paths, differs.paths) == (["prior_budget"], ["current_budget"])


def test_self_eval_prior_budget_agrees_with_its_target_form(seed: Seed) -> None:
    # 004 and 002 both print 上年预算 33,513,600: only the 当年预算 differs
    (flag,) = documents_to_flags([seed("002"), seed("004")])[1]
    assert "上年预算" not in flag.message.split("≠")[0]


def test_prior_executed_against_last_years_self_eval(seed: Seed) -> None:
    last_year = seed("004")
    form = last_year.forms[0].model_copy(update={"executed": D("70000000.00")})
    changed = last_year.model_copy(update={"forms": [form]})
    (flags_000, flags_004) = documents_to_flags([seed("000"), changed])
    assert [flag.code for flag in flags_000] == ["prior_executed_mismatch"] and flags_004 == []
    assert "上年预算执行数 70,784,807 元 ≠" in flags_000[0].message and "70,000,000.00 元" in flags_000[0].message
    assert flags_000[0].paths == ["prior_executed"]


def test_a_self_eval_with_a_funds_block_is_compared_on_its_initial_budget(seed: Seed) -> None:
    evaluated = seed("004")
    total = FundRow(source="年度资金总额", initial_budget=D("70785200.00"))
    form = evaluated.forms[0].model_copy(update={"funds": [FundRow(source="当年财政拨款"), total]})
    (flag,) = documents_to_flags([seed("002"), evaluated.model_copy(update={"forms": [form]})])[1]
    assert flag.message.startswith("年初预算数 70,785,200.00 元 ≠") and flag.paths == ["funds[1].initial_budget"]


def test_a_second_candidate_means_no_pairing(seed: Seed) -> None:
    last_year = seed("004")
    other = last_year.model_copy(update={
        "source": last_year.source.model_copy(update={"sha256": "0" * 64, "path": "other.txt"}),
        "forms": [last_year.forms[0].model_copy(update={"current_budget": D("1.00")})],
    })
    assert documents_to_flags([seed("000"), last_year, other]) == [[], [], []]


def test_the_same_file_twice_is_one_form(seed: Seed) -> None:
    found = documents_to_flags([seed("000"), seed("002"), seed("002")])
    assert codes(found) == [[(0, "prior_budget_mismatch")], [], []]


def test_the_whole_seed_batch_links_only_the_12333_project(seed: Seed) -> None:
    documents = [seed(number) for number in ("000", "001", "002", "003", "004")]
    assert codes(documents_to_flags(documents)) == [
        [(0, "prior_budget_adjusted")], [], [], [], [(0, "self_eval_budget_differs")]]


def test_forms_without_a_year_are_never_paired(seed: Seed) -> None:
    def yearless(document: Document) -> Document:
        return document.model_copy(update={"forms": [form.model_copy(update={"year": None}) for form in document.forms]})
    assert documents_to_flags([yearless(seed("002")), yearless(seed("004"))]) == [[], []]
