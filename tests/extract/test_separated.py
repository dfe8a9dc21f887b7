"""Comma-separated tables (a sheet saved as CSV, tabula's or camelot's export) read as grid rows; prose
with commas stays prose."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from extract.separated import csv_rows
from extract.text import split_lines, text_to_lines
from pipeline import file_to_document
from tests.conftest import ROOT

REALDEV = ROOT / "samples" / "realdev"


def sheet_as_csv(source: Path, target: Path) -> None:
    """The workbook's first sheet as Excel's CSV export writes it: every row as wide as the sheet."""
    sheet = openpyxl.load_workbook(source).active
    with target.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        for row in sheet.iter_rows(values_only=True):
            writer.writerow(["" if value is None else value for value in row])


@pytest.mark.parametrize("stem", ["selfeval_12_sichuan_qingshen_2023", "target_01_hunan_xiangtan_2023"])
def test_a_sheet_saved_as_csv_reads_as_the_sheet(tmp_path: Path, stem: str) -> None:
    exported = tmp_path / f"{stem}.csv"
    sheet_as_csv(REALDEV / f"{stem}.xlsx", exported)
    from_csv, from_sheet = file_to_document(exported).forms, file_to_document(REALDEV / f"{stem}.xlsx").forms
    assert from_csv[0].indicators and from_csv[0].indicators == from_sheet[0].indicators
    assert from_csv[0].project_name == from_sheet[0].project_name


def test_a_quoted_cell_over_two_lines_is_one_cell_on_the_line_it_starts() -> None:
    rows = csv_rows(split_lines('项目名称,社会保险服务费,主管部门\n"年度\n指标值",≥95%,10\n一级指标,二级指标,三级指标\n'))
    assert rows is not None
    assert [[cell.text for cell in row.cells] for row in rows] == [
        ["项目名称", "社会保险服务费", "主管部门"], ["年度指标值", "≥95%", "10"], ["一级指标", "二级指标", "三级指标"]]
    assert [row.cells[0].where.line for row in rows] == [1, 2, 4]


def test_prose_with_commas_is_not_a_table() -> None:
    prose = "财务制度健全,严格执行制度,会计核算规范\n项目名称 社会保险服务费\n按期完成,质量合格\n"
    assert csv_rows(split_lines(prose)) is None


def test_a_cloud_ocr_cell_list_is_placed_on_its_grid() -> None:
    # Textract's table export: one cell per row, placed by its row, column and span; the title above stays a line
    text = ("项目支出绩效自评表\nPage,Table,Row,Column,RowSpan,ColumnSpan,Text,Confidence\n"
            "1,1,1,1,1,1,项目名称,99.1\n1,1,1,2,1,3,农家书屋图书更新,99.1\n"
            "1,1,2,1,1,1,主管部门,98.0\n1,1,2,2,1,1,文旅局,98.0\n1,1,2,3,1,1,实施单位,97.5\n1,1,2,4,1,1,图书馆,97.5\n")
    rows = [[cell.text for cell in line.cells] for line in text_to_lines(text)]
    assert rows == [["项目支出绩效自评表"], ["项目名称", "农家书屋图书更新"], ["主管部门", "文旅局", "实施单位", "图书馆"]]
