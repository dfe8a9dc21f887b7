"""Opening the exports in a spreadsheet changes no cell: the CSV files and the xlsx workbook through
LibreOffice headless (open, save as CSV), compared cell by cell with what was written.

The CSV is opened with LibreOffice's import defaults (UTF-8, numbers detected, special numbers such as
percents and dates not) and formulas evaluated, so an unquoted `=100%` would become 1. A cell counts as unchanged when its text is the same, or both are the same number
(10.0000 = 10; 81,572,666.00 = 81572666.00), or the same boolean (true = TRUE).
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from openpyxl import load_workbook

from export.csv_out import csv_cell, neutralised, write_csv
from export.tables import document_tables
from export.xlsx_out import write_xlsx
from pipeline import file_to_document
from tests.conftest import TEXT_SAMPLES

SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"),
                                   reason="LibreOffice (soffice) is not installed; CI installs it")
# import: comma, ", UTF-8, from line 1, standard columns, en-US, quoted fields not forced to text, special numbers
# not detected (the dialog's default), -, -, -, all sheets, formulas evaluated
_IMPORT = "CSV:44,34,76,1,,1033,false,false,false,false,false,-1,true"
# export: the same, every sheet to its own <file>-<sheet>.csv, cells as shown
_EXPORT = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false,false,-1"


@pytest.fixture(scope="module")
def tables() -> dict:
    documents = [file_to_document(path.relative_to(Path.cwd())) for path in TEXT_SAMPLES]
    return document_tables(documents)


def _through_libreoffice(files: list[Path], out: Path, import_csv: bool) -> None:
    assert SOFFICE is not None, "CI must install libreoffice-calc-nogui (.ci/run)"
    infilter = [f"--infilter={_IMPORT}"] if import_csv else []
    subprocess.run([SOFFICE, "--headless", *infilter, "--convert-to", _EXPORT, "--outdir", str(out),
                    *map(str, files)], check=True, capture_output=True, timeout=180,
                   env={**os.environ, "HOME": str(out)})  # its profile goes in a fresh writable home


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _same(written: str, read: str) -> bool:
    number = _number(written)
    return written == read or written.lower() in ("true", "false") and written.lower() == read.lower() or (
        number is not None and number == _number(read))


def _changed(expected: list[list[str]], read: list[list[str]]) -> list[tuple[int, str, str, str]]:
    header = expected[0]
    changes = [(-1, "rows", str(len(expected)), str(len(read)))] if len(expected) != len(read) else []
    for number, (want, got) in enumerate(zip(expected, read)):
        got = got + [""] * (len(want) - len(got))  # a trailing empty cell is not written back
        changes += [(number, header[column], w, g) for column, (w, g) in enumerate(zip(want, got)) if not _same(w, g)]
    return changes


@needs_soffice
def test_csv_opened_and_saved_by_libreoffice_changes_no_cell(tables: dict, tmp_path: Path) -> None:
    written = write_csv(tables, tmp_path / "csv")
    _through_libreoffice(written, tmp_path / "lo", import_csv=True)
    for path in written:
        name = path.stem
        assert _changed(_rows(path), _rows(tmp_path / "lo" / f"{name}-{name}.csv")) == [], name
    header, *rows = _rows(tmp_path / "csv" / "indicators.csv")
    quoted = [row[header.index("target_raw")] for row in rows if row[header.index("target_raw")].startswith("'=")]
    assert "'=390" in quoted and len(quoted) >= 30  # the raw targets the spreadsheet would have run


@needs_soffice
def test_without_the_quote_libreoffice_would_change_the_targets(tmp_path: Path) -> None:
    """The control: the raw targets, unquoted, are taken for formulas - what the quote prevents."""
    raw = tmp_path / "raw.csv"
    raw.write_text("target_raw\n=100%\n=365天\n-3.2%\n", encoding="utf-8-sig")
    _through_libreoffice([raw], tmp_path / "lo", import_csv=True)
    read = _rows(tmp_path / "lo" / "raw-raw.csv")
    assert [row[0] for row in read[1:3]] != ["=100%", "=365天"]


@needs_soffice
def test_xlsx_opened_and_saved_by_libreoffice_changes_no_cell(tables: dict, tmp_path: Path) -> None:
    (workbook,) = write_xlsx(tables, tmp_path)
    _through_libreoffice([workbook], tmp_path / "lo", import_csv=False)
    for name, table in tables.items():
        expected = [table.schema.names] + [[csv_cell(value) for value in row.values()] for row in table.to_pylist()]
        assert _changed(expected, _rows(tmp_path / "lo" / f"{workbook.stem}-{name}.csv")) == [], name


def test_xlsx_cells_are_typed_and_the_header_frozen(tables: dict, tmp_path: Path) -> None:
    (path,) = write_xlsx(tables, tmp_path)
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["forms", "indicators", "funds", "components", "tasks", "flags"]
    sheet = workbook["indicators"]
    header = [cell.value for cell in sheet[1]]
    column = {name: index for index, name in enumerate(header)}
    rows = list(sheet.iter_rows(min_row=2))
    raw = next(row for row in rows if row[column["target_raw"]].value == "=390")
    assert raw[column["target_raw"]].data_type == "s" and raw[column["target_raw"]].quotePrefix
    assert raw[column["target_value"]].value == 390 and raw[column["target_value"]].number_format == "0"
    assert raw[column["met"]].value is True
    assert sheet.freeze_panes == "A2"
    assert all(sheet.column_dimensions[letter].width for letter in ("A", "B", "C"))
    funds = workbook["funds"]
    fund_header = [cell.value for cell in funds[1]]
    executed = funds.cell(row=2, column=fund_header.index("executed") + 1)
    assert executed.number_format == "#,##0.00" and executed.value == 81572666


def test_a_decimal_beyond_a_spreadsheet_numbers_digits_is_exact_text(tmp_path: Path) -> None:
    import pyarrow as pa

    from export.tables import MONEY

    table = pa.table({"amount": pa.array([Decimal("123456789012345678.25"), Decimal("-5.50")], type=MONEY)})
    (path,) = write_xlsx({"t": table}, tmp_path)
    cells = [row[0] for row in load_workbook(path)["t"].iter_rows(min_row=2)]
    assert (cells[0].value, cells[0].data_type) == ("123456789012345678.25", "s")
    assert cells[1].value == -5.5


@pytest.mark.parametrize(("cell", "written"), [
    ("=390", "'=390"), ("=365天", "'=365天"), ("+86 21 12345", "'+86 21 12345"), ("@SUM(A1)", "'@SUM(A1)"),
    ("-3.2%", "'-3.2%"), ("-", "'-"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
    ("-5", "-5"), ("-3.2", "-3.2"), ("+1", "+1"), ("81572666.00", "81572666.00"), ("健全", "健全"), ("", ""),
    ("a=b", "a=b"),
])
def test_csv_cells_that_start_a_formula_are_quoted(cell: str, written: str) -> None:
    assert neutralised(cell) == written
