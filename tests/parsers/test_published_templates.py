"""The line reading on the templates known from their published blanks (samples/families/mof_target,
dept_target, province_target): a 中期指标值 beside the 年度指标值, field labels over the row of their
values, a 金额单位 line, a 年度总体目标 that prints its own text. Real PDFs through the real pipeline."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from models import Document
from pipeline import file_to_document

FAMILIES = Path("samples/families")


@cache
def read(name: str) -> Document:
    return file_to_document(FAMILIES / name)


@pytest.mark.parametrize("engine", ["rl", "lo"])
def test_a_row_with_a_midterm_and_an_annual_value_is_two_indicators(engine: str) -> None:
    indicators = read(f"mof_target-madeup-{engine}.pdf").forms[0].indicators
    first, second = indicators[0], indicators[1]
    assert (first.name, first.horizon, first.target.raw) == ("建成省级高水平专业群数量", "midterm", "≥3个")
    assert (second.name, second.horizon, second.target.raw) == ("建成省级高水平专业群数量", "annual", "≥1个")
    assert (second.level1, second.level2) == ("产出指标", "数量指标")
    # 年度建设任务完成时间 prints no 中期指标值: one annual record, not an empty midterm one
    timing = [indicator for indicator in indicators if indicator.name == "年度建设任务完成时间"]
    assert [(indicator.horizon, indicator.target.raw) for indicator in timing] == [("annual", "2024年12月底前")]


def test_the_midterm_target_keeps_its_own_header_as_provenance() -> None:
    form = read("mof_target-madeup-rl.pdf").forms[0]
    assert form.provenance["indicators[0].target"].label == "中期指标值"
    assert form.provenance["indicators[1].target"].label == "年度指标值"


def test_a_table_without_a_midterm_column_gives_no_horizon() -> None:
    assert {indicator.horizon for indicator in read("simple_selfeval-madeup-rl.pdf").forms[0].indicators} == {None}


@pytest.mark.parametrize("engine", ["rl", "lo"])
def test_field_labels_over_their_values_take_the_cell_under_them(engine: str) -> None:
    form = read(f"mof_target-madeup_columns-{engine}.pdf").forms[0]
    assert (form.total_budget, form.current_budget) == (Decimal("125803500"), Decimal("28367000"))
    assert form.provenance["current_budget"].label == "年度资金总额"


def test_a_loose_amounts_unit_line_gives_the_unit_of_amounts_whose_label_prints_none() -> None:
    form = read("province_target-madeup-rl.pdf").forms[0]
    assert form.total_budget == Decimal("36508000")  # 申报总额 3650.8 under 金额单位:万元


def test_a_year_goal_label_that_prints_its_own_text_is_the_annual_goal() -> None:
    form = read("dept_target-madeup-rl.pdf").forms[0]
    assert form.sections["annual_goal"].startswith("1.食品安全监督抽检合格率保持在97%以上")


def test_a_flowed_row_of_labels_takes_the_figures_of_the_next_line_in_order() -> None:
    # 项目资金(万元) 中期资金总额 年度资金总额 / 资金总额 12580.35 2836.7: a row per line, as web pages print it
    form = file_to_document(Path("samples/damaged/mof_target-madeup_columns-row-per-line.txt")).forms[0]
    assert (form.total_budget, form.current_budget) == (Decimal("125803500"), Decimal("28367000"))


def test_side_by_side_section_headers_over_a_line_of_two_cells_take_one_each() -> None:
    form = file_to_document(Path("samples/damaged/mof_target-madeup_columns-row-per-line.txt")).forms[0]
    assert form.sections["total_goal"].startswith("长江流域重点水域实现常年禁捕")
    assert form.sections["annual_goal"].startswith("巡查执法覆盖全部禁捕水域")


def test_a_flowed_row_missing_its_midterm_value_keeps_its_level_out_of_the_name() -> None:
    # 时效指标 年度建设任务完成时间 2024年12月底前 under 一级 | 二级 | 三级 | 中期指标值 | 年度指标值
    form = file_to_document(Path("samples/damaged/mof_target-madeup-row-per-line.txt")).forms[0]
    timing = [(i.level2, i.name, i.horizon, i.target.raw) for i in form.indicators if i.level2 == "时效指标"]
    assert timing == [("时效指标", "年度建设任务完成时间", "annual", "2024年12月底前")]
