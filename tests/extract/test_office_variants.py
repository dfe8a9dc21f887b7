"""Family forms as portals publish them (samples/office_variants/, made by samples/make_office_variants.py)
through the real pipeline: every file reads at least as well as it did (the floors in floors.toml),
hidden rows and columns of a sheet are not read, and the traits real files have reach the readers."""

from __future__ import annotations

import math
import tomllib
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.office_variants import FLOORS, VARIANTS, entries, variant_score
from extract import extract
from extract.errors import InputError
from extract.html import html_to_lines, read_html_file
from extract.numfmt import format_number
from extract.sniff import structured_kind
from tests.conftest import ROOT

ENTRIES = entries()
FLOOR = tomllib.loads(FLOORS.read_text(encoding="utf-8"))


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda entry: entry["file"])
def test_variant_reads_at_least_as_well_as_it_did(entry: dict) -> None:
    tally = variant_score(entry)
    assert tally.accuracy >= FLOOR[entry["file"]] - 1e-9, f"{tally.ok}/{tally.total}: {tally.misses[:5]}"


def test_every_variant_has_a_floor() -> None:
    assert set(FLOOR) == {entry["file"] for entry in ENTRIES}


def texts(name: str) -> list[str]:
    return [line.text for line in extract((VARIANTS / name).relative_to(ROOT)).lines]


@pytest.mark.parametrize(("name", "unit"), [("county_target-madeup.hidden.xlsx", "衡东县农村供水服务中心"),
                                          ("sichuan_selfeval-madeup.legacy-hidden.xls", "眉山市彭山区农业技术推广中心")])
def test_hidden_rows_and_columns_are_not_read_and_said_so(name: str, unit: str) -> None:
    extraction = extract((VARIANTS / name).relative_to(ROOT))
    printed = " ".join(line.text for line in extraction.lines)
    assert "校验" not in printed and "C005" not in printed and unit in printed
    assert extraction.notes == ["sheet Sheet1: 1 hidden row and 1 hidden column not read (not printed)"]


def test_a_form_table_inside_a_frame_table_is_read_as_a_table() -> None:
    lines = extract((VARIANTS / "county_target-madeup.nested.docx").relative_to(ROOT)).lines
    grid = [[cell.text for cell in line.cells] for line in lines if line.layout == "grid"]
    assert grid[0] == ["项目名称", "2024年县级农村饮水安全巩固提升工程", "项目负责人及电话", "谭志刚13907345128"]


def test_float_amounts_read_as_their_number_format_prints_them() -> None:
    # 485.6275 stored as the double 485.6275000000001 with the format 0.0000
    assert "485.6275" in " ".join(texts("county_target-madeup.hidden.xlsx"))


def test_invisible_characters_pasted_into_a_page_are_no_part_of_the_text() -> None:
    # zero-width spaces and a BOM inside labels and numbers, en/em spaces around them (CMS editors, chats)
    lines = html_to_lines("<table><tr><td>项&#8203;目名称</td><td>&#xFEFF;100</td><td>&ensp;年度&emsp;&emsp;指标值&#8205;</td>"
                          "</tr></table><p>总&#8203;分 &emsp;97.5</p>")
    assert [[cell.text for cell in line.cells] for line in lines] == [["项目名称", "100", "年度指标值"], ["总分", "97.5"]]


@pytest.mark.parametrize("name", ["chongqing_target-madeup.dates.xlsx", "chongqing_target-madeup.legacy-dates.xls"])
def test_a_date_cell_reads_as_its_format_prints_it(name: str) -> None:
    # 2022-03-01 and 2022-11-01 stored as dates, shown through yyyy.m
    assert "开始日期 2022.3 结束日期 2022.11" in texts(name)


@pytest.mark.parametrize(("number_format", "shown"), [
    ("G/通用格式", "42.5"), ('g/"通用格式"', "42.5"), ("[DBNum1][$-804]General", "42.5"), ('G/通用格式"万元"', "42.5万元"),
    ('_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * "-"??_ ;_ @_ ', "42.50"), ('"General"0', "General43"),
])
def test_the_number_formats_chinese_spreadsheets_write(number_format: str, shown: str) -> None:
    # WPS and a Chinese Excel name General G/通用格式; LibreOffice saves it as g/"通用格式"
    assert format_number(42.5, number_format) == shown


@given(st.decimals(min_value=Decimal("0.0001"), max_value=10**9, places=4, allow_nan=False, allow_infinity=False),
       st.sampled_from(["General", "G/通用格式", 'g/"通用格式"']))
def test_a_double_one_step_off_prints_its_decimal_under_general(number: Decimal, number_format: str) -> None:
    value = math.nextafter(float(number), math.inf)  # the artefact arithmetic leaves (387664.62000000004)
    assert Decimal(format_number(value, number_format)) == number.normalize()


def test_an_excel_object_in_a_word_file_is_read_from_its_workbook_in_place() -> None:
    extraction = extract((VARIANTS / "county_target-madeup.embedded-sheet.docx").relative_to(ROOT))
    assert extraction.lines[0].text == "附件："
    cell = extraction.lines[2].cells[0]  # after 附件： and the form's title
    assert (cell.text, cell.where.sheet, cell.where.row, cell.where.column, cell.where.page) == (
        "项目名称", "绩效目标表", 2, 1, None)
    assert cell.where.element == "word/embeddings/Microsoft_Excel_Worksheet1.xlsx"


def test_a_drop_down_list_shows_its_selected_choice() -> None:
    page = ("<p>是否政府采购<select><option>否</option><option selected>是</option></select></p>"
            "<table><tr><td>是否政府采购</td><td><select><option>否</option><option>是</option></select></td></tr></table>")
    assert [line.text for line in html_to_lines(page)] == ["是否政府采购是", "是否政府采购 否"]


@pytest.mark.parametrize(("declared", "encoding"), [("gb2312", "utf-8"), ("utf-8", "gbk"), ("gbk", "gbk")])
def test_a_page_is_read_in_the_encoding_its_bytes_are_in_whatever_it_declares(tmp_path, declared, encoding) -> None:
    # short enough that GB18030 decodes the UTF-8 bytes without an error (as 椤圭洰鍚嶇О)
    page = f'<html><head><meta charset="{declared}"></head><body><p>项目名称 预算</p></body></html>'
    path = tmp_path / "page.html"
    path.write_bytes(page.encode(encoding))
    assert "项目名称 预算" in read_html_file(path)


def test_an_xls_export_that_is_separated_text_is_read_as_text_and_junk_is_still_damaged(tmp_path) -> None:
    assert structured_kind(VARIANTS / "hunan_target-madeup.tab-export.xls",
                           (VARIANTS / "hunan_target-madeup.tab-export.xls").read_bytes()[:1024]) == "text"
    junk = tmp_path / "junk.xls"
    junk.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError, match="not a readable Excel file"):
        structured_kind(junk, junk.read_bytes()[:1024])
    prose = tmp_path / "prose.xls"  # text, but no rows of cells
    prose.write_bytes("说明：本表由系统导出。\r\n请勿修改。\r\n".encode("gbk"))
    with pytest.raises(InputError, match="not a readable Excel file"):
        structured_kind(prose, prose.read_bytes())
