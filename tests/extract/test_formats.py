"""Web pages, Excel and Word files through the real pipeline: every seed's forms written in each format
(samples/make_formats.py) give the seed's golden records; the realdev forms give the records of their
PDFs; legacy, encrypted and damaged files get one sentence and exit 1; a mixed folder goes through the
batch. Provenance points at the sheet/table, row, column and element instead of a box."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from contextlib import redirect_stderr
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

from extract import extract
from extract.errors import InputError
from extract.html import html_to_lines
from extract.numfmt import format_date, format_number
from models import Line
from pipeline import file_to_document, main
from tests.conftest import ROOT
from tests.test_sample_pdfs import comparable, golden

FORMATS = ROOT / "samples" / "formats"
REALDEV = ROOT / "samples" / "realdev"
SEED_FILES = sorted(p for p in FORMATS.glob("00[0-9]*.*") if p.suffix in (".html", ".xlsx", ".docx", ".xls"))
KINDS = {".html": "html", ".xlsx": "xlsx", ".docx": "docx", ".xls": "xls"}
def seed_golden(path: Path) -> dict:
    return golden(next((ROOT / "samples" / "seeds").glob(f"{path.name[:3]}_*.golden.json")).relative_to(ROOT).as_posix())


def records(path: Path) -> list[dict]:
    return [comparable(json.loads(form.model_dump_json())) for form in file_to_document(path).forms]


def test_every_seed_is_written_in_every_format() -> None:
    names = {path.name for path in SEED_FILES}
    for seed in ("000", "001", "002", "003", "004"):
        assert {f"{seed}.html", f"{seed}.xlsx", f"{seed}.docx"} <= names
    assert {"001.xls", "001-export.xls"} <= names


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda path: path.name)
def test_a_seed_in_a_structured_format_gives_its_golden_records(path: Path) -> None:
    document = file_to_document(path.relative_to(ROOT))
    kind = "html" if path.name.endswith("-export.xls") else KINDS[path.suffix]  # a web page named .xls
    assert document.source.kind == kind
    expected = [comparable(form) for form in seed_golden(path)["forms"]]
    if kind in ("xlsx", "xls"):  # a sheet per form
        assert document.source.pages == len(expected)
        assert [(form.page_start, form.page_end) for form in document.forms] == [(n, n) for n in
                                                                                  range(1, len(expected) + 1)]
    got = [comparable(json.loads(form.model_dump_json())) for form in document.forms]
    assert got == expected


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda path: path.name)
def test_every_value_points_at_its_cell_not_a_box(path: Path) -> None:
    document = file_to_document(path.relative_to(ROOT))
    for form in document.forms:
        for key, where in form.provenance.items():
            assert where.method == "text-input" and where.bbox is None, key


# ---- the lines: what the parsers see -------------------------------------------------------------


def grid_cells(path: Path) -> list:
    return [cell for line in extract(path).lines if line.layout == "grid" for cell in line.cells]


@pytest.mark.parametrize("name", ["001.html", "001.xlsx", "001.docx", "001.xls"])
def test_a_merged_cell_is_read_once_with_its_span(name: str) -> None:
    cells = grid_cells(FORMATS / name)
    # seed 001 prints 产出指标 once per form, merged down its rows; 项目名称's value spans 8 columns
    assert sum(cell.text == "产出指标" for cell in cells) == 6
    names = [cell for cell in cells if cell.text == "12333热线咨询平台项目经费"]
    assert len(names) == 1 and names[0].span == 8 and names[0].col is not None


def test_the_lines_are_those_of_the_pdf_of_the_same_workbook() -> None:
    """The PDF LibreOffice prints from the same workbook (with ■ for ☑): the same grid rows, cells and
    columns; the same loose text (the PDF splits it into words where justified text left gaps)."""
    def rows(lines: list[Line]) -> list[tuple]:
        return [(line.layout, tuple((c.text.replace("☑", "■"), c.col) for c in line.cells)) if line.layout == "grid"
                else (line.layout, line.text.replace(" ", "")) for line in lines if not line.text.startswith("第")]

    pdf = extract(ROOT / "samples" / "pdf" / "001-lo.pdf").lines
    assert rows(extract(FORMATS / "001.xlsx").lines) == rows(pdf)


def test_html_provenance_is_the_cell_element() -> None:
    path = FORMATS / "001.html"
    tree = lxml_html.parse(str(path))
    for cell in grid_cells(path):
        element = tree.xpath(cell.where.element)[0]
        assert element.tag == "td" and cell.where.sheet.startswith("table ") and cell.where.row and cell.where.column
        assert cell.text[:2] in element.text_content().replace(" ", "") or "☑" in cell.text or "☐" in cell.text


def test_excel_provenance_is_the_sheet_row_and_column() -> None:
    import openpyxl

    book = openpyxl.load_workbook(FORMATS / "001.xlsx")
    for cell in grid_cells(FORMATS / "001.xlsx"):
        value = book[cell.where.sheet].cell(cell.where.row, cell.where.column).value
        assert value is not None and cell.where.page == book.sheetnames.index(cell.where.sheet) + 1
        if isinstance(value, str):
            assert cell.text[:2] in value


@pytest.mark.parametrize("name", ["001.xlsx", "001.xls"])
def test_numbers_print_as_their_number_format_shows_them(name: str) -> None:
    texts = {cell.text for cell in grid_cells(FORMATS / name)}
    # 81,572,666 (#,##0) · 70762666.00 (0.00) · 100.00% (0.00%) · 7.6 and 390 (General) · 0.004% (0.000%)
    assert {"81,572,666", "70762666.00", "100.00%", "7.6", "390", "0.004%", "99.92%"} <= texts


def test_word_check_box_symbols_are_boxes() -> None:
    texts = [cell.text for cell in grid_cells(FORMATS / "003.docx")]
    assert any("☑" in text for text in texts) and any("☐" in text for text in texts)


# ---- html_to_lines on small pages ----------------------------------------------------------------


def table_rows(page: str) -> list[list[tuple[str, int, int]]]:
    return [[(c.text, c.col, c.span) for c in line.cells] for line in html_to_lines(page) if line.layout == "grid"]


def test_rowspan_and_colspan_place_cells_on_the_grid() -> None:
    page = """<table>
      <tr><td rowspan=2>产出指标</td><td>数量指标</td><td colspan=2>坐席人员数</td></tr>
      <tr><td>质量指标</td><td>合格率</td><td>&gt;=98%</td></tr>
      <tr><td colspan="3">总分</td><td>97.60</td></tr></table>"""
    assert table_rows(page) == [
        [("产出指标", 0, 1), ("数量指标", 1, 1), ("坐席人员数", 2, 2)],
        [("质量指标", 1, 1), ("合格率", 2, 1), (">=98%", 3, 1)],
        [("总分", 0, 3), ("97.60", 3, 1)],
    ]


def test_checkboxes_scripts_and_hidden_text() -> None:
    page = """<html><head><title>绩效目标表</title><style>td{color:red}</style></head><body>
      <script>var t = "绩效自评表";</script><p style="display:none">隐藏</p>
      <p>资金用途：<input type="checkbox" checked>基本建设 <input type=checkbox>其他</p>
      <table><tr><td>项目类别</td><td>新增项目■ 延续项目□</td></tr></table></body></html>"""
    lines = html_to_lines(page)
    assert [line.text for line in lines] == ["资金用途：☑基本建设 ☐其他", "项目类别 新增项目■延续项目□"]  # CJK spaces in a cell go, as in a PDF cell
    assert [line.layout for line in lines] == ["flow", "grid"]


def test_a_frameworks_overlay_copy_of_fixed_columns_is_not_read_again() -> None:
    # Element UI prints a table's fixed columns a second time in an overlay over the table
    page = """<div class="el-table"><table><tr><td>产出指标</td><td>合格率</td><td>≥98%</td></tr></table>
      <div class="el-table__fixed"><table><tr><td>产出指标</td><td>合格率</td><td>≥98%</td></tr></table></div></div>"""
    assert [line.text for line in html_to_lines(page)] == ["产出指标 合格率 ≥98%"]


def test_a_line_break_in_a_cell_is_a_wrapped_line() -> None:
    assert table_rows("<table><tr><td>项目资金<br>（元）</td><td>≤9<br>0分钟</td></tr></table>") == [
        [("项目资金（元）", 0, 1), ("≤90分钟", 1, 1)]]


def test_a_page_framed_by_a_layout_table_reads_the_form_inside() -> None:
    page = """<table><tr><td><a>首页</a> <a>通知公告</a></td></tr>
      <tr><td><h1>项目支出绩效目标表</h1><table><tr><td>项目名称</td><td>热线经费</td></tr></table></td></tr></table>"""
    lines = html_to_lines(page)
    assert [(line.layout, line.text) for line in lines] == [
        ("flow", "首页 通知公告"), ("flow", "项目支出绩效目标表"), ("grid", "项目名称 热线经费")]
    assert lines[2].cells[0].where.sheet == "table 1"


def test_a_small_table_inside_a_cell_is_that_cells_text() -> None:
    page = """<table><tr><td>资金构成</td><td>合计如下：<table><tr><td>人员费</td><td>100</td></tr></table></td><td>元</td>
      </tr><tr><td>项目名称</td><td colspan=2>热线经费</td></tr></table>"""
    assert table_rows(page) == [[("资金构成", 0, 1), ("合计如下：人员费100", 1, 1), ("元", 2, 1)],
                                [("项目名称", 0, 1), ("热线经费", 1, 2)]]


def test_nothing_to_read_gives_no_lines() -> None:
    assert html_to_lines("") == [] and html_to_lines("<!-- nothing -->") == []


# ---- number formats ------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "number_format", "shown"), [
    (387664.62, "#,##0.00", "387,664.62"),
    (387664.61999999999, "#,##0.00", "387,664.62"),
    (0.1 + 0.2, "General", "0.3"),
    (1, "0.00%", "100.00%"),
    (0.9166, "0.00%", "91.66%"),
    (2.5, "0", "3"),  # half away from zero, as Excel rounds
    (-1234.5, "#,##0.00;[Red]-#,##0.00", "-1,234.50"),
    (-5, "0.00", "-5.00"),
    (0, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', "-"),
    (1234.5, "[$¥-804]#,##0.00", "¥1,234.50"),
    (5093.26, '0.00"万元"', "5093.26万元"),
    (12345678, "0.00,,", "12.35"),
    (3, "0.0#", "3.0"),
    (100, "0_ ", "100"),
    (81572666, "General", "81572666"),
])
def test_number_formats(value: float, number_format: str, shown: str) -> None:
    assert format_number(value, number_format) == shown


@pytest.mark.parametrize(("value", "number_format", "shown"), [
    (datetime(2019, 1, 5), "yyyy-mm-dd", "2019-01-05"),
    (datetime(2019, 1, 5), 'yyyy"年"m"月"d"日"', "2019年1月5日"),
    (datetime(2019, 1, 5), "mm-dd-yy", "2019/1/5"),  # Excel's built-in short date, as a Chinese Excel shows it
    (datetime(2019, 1, 5, 9, 7), "yyyy/m/d h:mm", "2019/1/5 9:07"),
    (date(2019, 12, 31), "General", "2019-12-31"),
])
def test_date_formats(value: datetime, number_format: str, shown: str) -> None:
    assert format_date(value, number_format) == shown


@given(st.decimals(min_value=0, max_value=Decimal("1e12"), places=2))
def test_money_prints_exactly_whatever_the_double(amount: Decimal) -> None:
    shown = format_number(float(amount), "#,##0.00")
    assert Decimal(shown.replace(",", "")) == amount and shown == f"{amount:,.2f}"


@given(st.decimals(min_value=0, max_value=1000, places=2))
def test_percentages_print_exactly(percent: Decimal) -> None:
    assert format_number(float(percent / 100), "0.00%") == f"{percent:.2f}%"


# ---- files that cannot be read: one sentence, exit 1 ---------------------------------------------

BAD = {
    "legacy.doc": "a legacy Word file (.doc); save it as .docx or PDF.",
    "legacy.wps": "a legacy WPS Writer file (.wps); save it as .docx or PDF.",
    "legacy.et": "a WPS Spreadsheets file (.et); save it as .xlsx or PDF.",
    "encrypted.xlsx": "the workbook is encrypted and needs a password.",
    "truncated.docx": "not a readable Word file (damaged or truncated).",
    "truncated.xlsx": "not a readable Excel file (damaged or truncated).",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_legacy_encrypted_or_damaged_file_gets_one_sentence(name: str, capsys: pytest.CaptureFixture) -> None:
    path = (FORMATS / "bad" / name).relative_to(ROOT)
    assert main([str(path), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"{path}: {BAD[name]}\n" and captured.out == ""


def garbled(source: Path, target: Path, part: str) -> Path:
    """A copy of an Office file whose parts starting with `part` are broken XML."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            copy.writestr(info, b"<broken" if info.filename.startswith(part) else original.read(info))
    return target


@pytest.mark.parametrize(("make", "sentence"), [
    (lambda d: garbled(FORMATS / "001.docx", d / "a.docx", "word/document"),
     "not a readable Word file (damaged or truncated)."),
    (lambda d: garbled(FORMATS / "001.xlsx", d / "a.xlsx", "xl/worksheets/"),
     "not a readable Excel file (damaged or truncated)."),
    (lambda d: garbled(FORMATS / "001.docx", d / "b.docx", "[Content_Types]"),
     "not a readable Word file (damaged or truncated)."),
    (lambda d: (d / "a.doc").write_bytes(b"{\\rtf1\\ansi hello}") and d / "a.doc", "an RTF file; save it as .docx or PDF."),
    (lambda d: (d / "a.xlsx").write_bytes(b"not a workbook at all") and d / "a.xlsx",
     "not a readable Excel file (damaged or truncated)."),
])
def test_damaged_office_files(make, sentence: str, tmp_path: Path) -> None:
    path = make(tmp_path)
    with pytest.raises(InputError) as error:
        extract(path)
    assert str(error.value) == f"{path}: {sentence}"


def test_a_file_is_read_by_its_bytes_whatever_its_name(tmp_path: Path) -> None:
    for source, name, kind in [(FORMATS / "001.docx", "notice.doc", "docx"), (FORMATS / "001.xlsx", "table.xls", "xlsx"),
                               (FORMATS / "001.xls", "old.xlsx", "xls"), (FORMATS / "001.html", "page.asp", "html")]:
        shutil.copy(source, tmp_path / name)
        assert extract(tmp_path / name).source.kind == kind


# ---- a batch over a folder of every format -------------------------------------------------------


def test_a_batch_over_a_folder_of_mixed_formats_finishes(tmp_path: Path) -> None:
    from tests.batch.conftest import expected_tables, log, stored_tables

    folder = tmp_path / "filings"
    folder.mkdir()
    good = [FORMATS / name for name in ("003.html", "003.xlsx", "003.docx", "001.xls")]
    good += [ROOT / "samples" / "pdf" / "003-rl.pdf", next((ROOT / "samples" / "seeds").glob("003_*.txt"))]
    bad = {name: sentence for name, sentence in BAD.items() if name not in ("legacy.wps", "legacy.et")}  # same bytes
    for source in good + [FORMATS / "bad" / name for name in bad]:
        shutil.copy(source, folder / source.name)
    db = tmp_path / "store.duckdb"
    with redirect_stderr(io.StringIO()):
        from batch.cli import main as batch_main

        assert batch_main([str(folder), "--db", str(db), "--workers", "2", "--quiet"]) == 0
    entries = {Path(path).name: entry for path, entry in log(db).items()}
    assert {name: (entry["status"], entry["error"]) for name, entry in entries.items() if name in bad} == \
        {name: ("failed", sentence) for name, sentence in bad.items()}
    assert all(entries[path.name]["status"] == "ok" and entries[path.name]["forms"] for path in good)
    assert stored_tables(db) == expected_tables(sorted(folder / path.name for path in good))


# ---- the realdev forms: the same records from every format ---------------------------------------

REALDEV_FORMS = ("selfeval_10_anhui_tianchang_2022", "selfeval_12_sichuan_qingshen_2023", "target_01_hunan_xiangtan_2023")
# where the PDF reads worse than the structured files: the parser's or the PDF path's doing, not theirs
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def numbers_as_decimals(value: object) -> object:
    """A sheet cell holding 0 in General prints 0 where the page printed 0.00 (selfeval_12's xlsx, as
    LibreOffice converted it): the same number, so records are compared by value."""
    if isinstance(value, dict):
        return {key: numbers_as_decimals(item) for key, item in value.items()}
    if isinstance(value, list):
        return [numbers_as_decimals(item) for item in value]
    return Decimal(value) if isinstance(value, str) and _NUMBER.fullmatch(value) else value


def records_or_sentence(path: Path) -> object:
    try:
        return numbers_as_decimals(records(path))
    except InputError as error:
        return str(error).split(": ", 1)[1]


@pytest.mark.parametrize("name", REALDEV_FORMS)
def test_a_realdev_form_gives_the_same_records_in_html_xlsx_and_docx(name: str) -> None:
    html, xlsx, docx = (records_or_sentence((REALDEV / f"{name}{suffix}").relative_to(ROOT))
                        for suffix in (".html", ".xlsx", ".docx"))
    assert html == xlsx == docx


@pytest.mark.parametrize("name", REALDEV_FORMS)
@pytest.mark.parametrize("suffix", [".html", ".xlsx", ".docx"])
def test_a_realdev_form_gives_the_records_of_its_pdf(name: str, suffix: str) -> None:
    pdf = records_or_sentence((REALDEV / f"{name}.pdf").relative_to(ROOT))
    assert records_or_sentence((REALDEV / f"{name}{suffix}").relative_to(ROOT)) == pdf


def test_a_workbook_of_several_sheets(tmp_path: Path) -> None:
    """Each sheet a page; an empty sheet and a hidden one give nothing (the hidden one a note); a
    merged range is one cell; a date prints as its format shows it."""
    import openpyxl
    from openpyxl.styles import Border, Side

    book = openpyxl.Workbook()
    first = book.active
    first.title = "封面"
    ruled = Border(*(Side(style="thin"),) * 4)
    second = book.create_sheet("表1")
    second["A1"] = "项目支出绩效自评表"
    for row, values in enumerate([("项目名称", "热线经费", None), ("开始日期", datetime(2019, 1, 1), 387664.62)], start=2):
        for col, value in enumerate(values, start=1):
            cell = second.cell(row, col, value)
            cell.border = ruled
    second.merge_cells("B2:C2")
    second["B3"].number_format = 'yyyy"年"m"月"d"日"'
    second["C3"].number_format = "#,##0.00"
    hidden = book.create_sheet("草稿")
    hidden["A1"] = "项目名称"
    hidden.sheet_state = "hidden"
    book.save(tmp_path / "book.xlsx")

    extraction = extract(tmp_path / "book.xlsx")
    assert extraction.source.pages == 3 and extraction.notes == ["sheet 草稿: hidden, not read"]
    assert [(line.layout, line.page, [(c.text, c.col, c.span) for c in line.cells]) for line in extraction.lines] == [
        ("flow", 2, [("项目支出绩效自评表", None, 1)]),
        ("grid", 2, [("项目名称", 0, 1), ("热线经费", 1, 2)]),
        ("grid", 2, [("开始日期", 0, 1), ("2019年1月1日", 1, 1), ("387,664.62", 2, 1)]),
    ]
    where = extraction.lines[2].cells[2].where
    assert (where.sheet, where.row, where.column, where.page) == ("表1", 3, 3, 2)


def test_word_fields_deletions_and_merges(tmp_path: Path) -> None:
    """A legacy check-box field prints its state; tracked deletions are not printed; a vertically
    merged cell is read once, a horizontally merged one spans."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph._p.append(parse_xml(f'<w:r {w}><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox>'
                                  '<w:default w:val="1"/></w:checkBox></w:ffData></w:fldChar></w:r>'))
    paragraph.add_run("新增项目 ")
    paragraph._p.append(parse_xml(f'<w:r {w}><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox>'
                                  '<w:default w:val="0"/></w:checkBox></w:ffData></w:fldChar></w:r>'))
    paragraph.add_run("延续项目")
    tracked = document.add_paragraph("项目名称：")
    tracked._p.append(parse_xml(f'<w:del {w} w:id="1" w:author="x"><w:r><w:delText>旧名称</w:delText></w:r></w:del>'))
    tracked.add_run("热线经费")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(2, 0)).text = "产出指标"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "数量指标"
    table.cell(1, 1).text, table.cell(1, 2).text = "坐席人员数", "=390"
    document.save(tmp_path / "form.docx")

    lines = extract(tmp_path / "form.docx").lines
    assert [(line.layout, [(c.text, c.col, c.span) for c in line.cells]) for line in lines] == [
        ("flow", [("☑新增项目", None, 1), ("☐延续项目", None, 1)]),
        ("flow", [("项目名称：热线经费", None, 1)]),
        ("grid", [("产出指标", 0, 1), ("数量指标", 1, 2)]),
        ("grid", [("坐席人员数", 1, 1), ("=390", 2, 1)]),
    ]
    assert lines[2].cells[0].where.element.endswith("/w:tbl/w:tr[1]/w:tc[1]")


@pytest.mark.parametrize(("encoding", "declared"), [("gb18030", "gb2312"), ("utf-8", None), ("utf-16", None)])
def test_a_web_page_in_its_declared_encoding(encoding: str, declared: str | None, tmp_path: Path) -> None:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">' if declared else ""
    page = f"<html><head>{meta}</head><body><table><tr><td>项目名称</td><td>热线经费</td></tr></table></body></html>"
    (tmp_path / "page.htm").write_bytes(page.encode(encoding))
    assert [line.text for line in extract(tmp_path / "page.htm").lines] == ["项目名称 热线经费"]


def test_a_formula_without_a_saved_value_is_said(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()  # openpyxl saves formulas without their values, as no spreadsheet would
    book.active.append(["项目当年预算", 100, "=B1*2"])
    book.save(tmp_path / "book.xlsx")
    extraction = extract(tmp_path / "book.xlsx")
    assert extraction.notes == ["sheet Sheet cell C1: a formula whose value was never saved (the workbook was not "
                                "recalculated by a spreadsheet); read as empty"]
    assert [line.text for line in extraction.lines] == ["项目当年预算 100"]
