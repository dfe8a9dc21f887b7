"""The line reading (ruled tables of PDFs and office files) on layouts of other provinces: each case a
committed sample read through the real pipeline."""

from __future__ import annotations

import pytest

from pipeline import file_to_document
from tests.conftest import ROOT


def test_a_value_ends_at_the_title_and_numbered_headings_and_fund_notes_read() -> None:
    # 报表编号:510000_0027zp over the title; 1.项目年度目标完成情况 a numbered heading; 原因 a funds note in words
    form = file_to_document(ROOT / "samples/office_variants/sichuan_selfeval-madeup.plain.xlsx").forms[0]
    assert form.extra["报表编号"] == "510000_0027zp"
    assert "overview" not in form.sections
    assert form.funds[0].note and form.funds[0].note.startswith("年中追加上级衔接资金")


@pytest.mark.parametrize("engine", ["rl", "lo"])
def test_a_target_printed_over_operator_value_and_unit_columns_is_one_target(engine: str) -> None:
    form = file_to_document(ROOT / f"samples/families/anhui_selfeval-madeup-{engine}.pdf").forms[0]
    assert [row.target.raw for row in form.indicators[:2]] == ["≥12处", "≥95%"]


@pytest.mark.parametrize("sample", ["families/yunnan_budget10_target-madeup-lo.pdf",
                                    "damaged/yunnan_budget10_target-madeup-pipes.txt",
                                    "damaged/yunnan_budget10_target-madeup-one-line.txt"])
def test_the_unit_s_own_row_of_a_project_table_is_no_project(sample: str) -> None:
    document = file_to_document(ROOT / "samples" / sample)
    assert [form.project_name for form in document.forms] == ["基本公共卫生服务项目补助经费", "卫生健康监督执法专项经费",
                                                              "医疗废物集中处置补助"]
    assert any(flag.code == "project_row_without_cells" for flag in document.flags)
