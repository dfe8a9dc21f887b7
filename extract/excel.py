"""Excel workbooks (.xlsx with openpyxl, .xls with xlrd) -> lines of cells, each sheet a page.

A merged range is one spanning cell, read once at its top-left; a number is the text its number
format shows (extract/numfmt.py: 387,664.62, 100.00%), never a float artefact; formulas give the
value the workbook saved. What is ruled is the table: a row whose cells have borders is a grid line,
a row of unbordered cells (the title, a note) a flowed line, as the PDF of the sheet prints them.
A sheet without any borders is taken as one table from its first row of several cells to its last.
Hidden sheets, rows and columns are not printed, so not read (a note says so: a helper column of
codes or a row of working figures is no part of the form); a sheet with no text gives no lines.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import BinaryIO
from xml.etree import ElementTree

from lxml import etree

from extract.errors import InputError
from extract.numfmt import format_date, format_number
from extract.structured import cell_text, flow_line, grid_lines
from models import Cell, Line, Where

_ENCRYPTED = "the workbook is encrypted and needs a password."
_DAMAGED = "not a readable Excel file (damaged or truncated)."
_SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_MERGE_CELL, _CELL, _FORMULA, _VALUE = _SHEET + "mergeCell", _SHEET + "c", _SHEET + "f", _SHEET + "v"
_ROW, _COL = _SHEET + "row", _SHEET + "col"
_TRUE = ("1", "true")


@dataclass(frozen=True)
class SheetCell:
    row: int  # 1-based, as the sheet numbers them
    column: int
    cols: int  # columns the cell spans (a merged range)
    text: str  # as the sheet shows it, line breaks and spaces kept
    ruled: bool  # drawn with a border


@dataclass
class Workbook:
    lines: list[Line]
    sheets: int
    notes: list[str]


def sheet_lines(cells: Iterable[SheetCell], page: int, name: str,
                hidden_rows: frozenset[int] = frozenset()) -> list[Line]:
    """One sheet's cells (empty ones too: their edges are the table's columns) as lines, top to
    bottom: each run of table rows as one table's grid lines, the other rows that print as flowed lines.
    A hidden row (`hidden_rows`, its cells not among `cells`) is no gap: the table goes on past it."""
    rows: dict[int, list[SheetCell]] = {}
    for cell in cells:
        rows.setdefault(cell.row, []).append(cell)
    in_table = _table_rows(rows)
    lines: list[Line] = []
    table: list[tuple[int, Cell]] = []
    last = 0
    for number in sorted(rows):
        found = sorted(rows[number], key=lambda cell: cell.column)
        # a row with nothing in it, not even a border, ends a table
        if table and any(between not in hidden_rows for between in range(last + 1, number)):
            lines += grid_lines(table, page)
            table = []
        last = number
        if number in in_table:
            table += [(number, Cell(text=cell_text(c.text.split("\n")), where=_where(c, page, name),
                                    col=c.column - 1, span=c.cols)) for c in found]
        elif line := flow_line([(c.text, _where(c, page, name)) for c in found], page):
            lines += grid_lines(table, page) + [line]
            table = []
    return lines + grid_lines(table, page)


def shown_cells(cells: Iterable[SheetCell], hidden_rows: set[int], hidden_columns: set[int]) -> Iterable[SheetCell]:
    """The cells a print of the sheet shows: not in a hidden row, not wholly in hidden columns."""
    for cell in cells:
        columns = range(cell.column, cell.column + cell.cols)
        if cell.row not in hidden_rows and not all(column in hidden_columns for column in columns):
            yield cell


def hidden_note(name: str, rows: set[int], columns: set[int], used: set[tuple[int, int]]) -> list[str]:
    """One note for the hidden rows and columns that hold something (an empty hidden one is no loss)."""
    rows = {r for r, _ in used if r in rows}
    columns = {c for _, c in used if c in columns}
    parts = [f"{len(found)} hidden {what}{'s' if len(found) > 1 else ''}" for found, what in
             ((rows, "row"), (columns, "column")) if found]
    return [f"sheet {name}: {' and '.join(parts)} not read (not printed)"] if parts else []


def _where(cell: SheetCell, page: int, name: str) -> Where:
    return Where(page=page, method="text-input", sheet=name, row=cell.row, column=cell.column)


def _table_rows(rows: dict[int, list[SheetCell]]) -> set[int]:
    """The rows that belong to a ruled table: by their borders, or - a sheet drawn without any - the
    rows from the first that prints several cells to the last."""
    ruled = {number for number, found in rows.items() if any(cell.ruled for cell in found)}
    if ruled:
        return ruled
    several = [number for number, found in rows.items() if sum(bool(cell.text.strip()) for cell in found) > 1]
    return {number for number in rows if several and min(several) <= number <= max(several)}


# ---- .xlsx ---------------------------------------------------------------------------------------


def read_xlsx(path: Path) -> Workbook:
    # a stream, not the path: openpyxl refuses a name not ending in .xlsx
    with path.open("rb") as stream:
        return xlsx_workbook(stream, str(path))


def xlsx_workbook(stream: BinaryIO, name: str) -> Workbook:
    import openpyxl  # loaded only for workbooks

    try:
        # read-only streams the cells ten times faster than the full reader, whose merged-range styling
        # is most of its time
        book = openpyxl.load_workbook(stream, data_only=True, read_only=True)
        lines, notes = [], []
        for page, sheet in enumerate(book.worksheets, start=1):
            if sheet.sheet_state != "visible":
                notes.append(f"sheet {sheet.title}: hidden, not read")
                continue
            layout = _sheet_xml(sheet)
            notes += [f"sheet {sheet.title} cell {ref}: a formula whose value was never saved (the workbook "
                      "was not recalculated by a spreadsheet); read as empty" for ref in layout.unsaved]
            cells = list(_xlsx_cells(sheet, layout))
            notes += hidden_note(sheet.title, layout.hidden_rows, layout.hidden_columns,
                                 {(cell.row, cell.column) for cell in cells if cell.text.strip()})
            lines += sheet_lines(shown_cells(cells, layout.hidden_rows, layout.hidden_columns), page, sheet.title,
                                 frozenset(layout.hidden_rows))
        book.close()
    except (zipfile.BadZipFile, zlib.error, etree.XMLSyntaxError, ElementTree.ParseError, KeyError, ValueError, OSError,
            openpyxl.utils.exceptions.InvalidFileException):
        raise InputError(f"{name}: {_DAMAGED}") from None
    return Workbook(lines, len(book.worksheets), notes)


def embedded_workbook(data: bytes, name: str) -> Workbook:
    """A workbook held inside another file (an Excel object in a Word file): .xlsx or legacy bytes."""
    if data.startswith(b"PK"):
        return xlsx_workbook(io.BytesIO(data), name)
    return xls_workbook(data, name)


@dataclass
class _SheetXml:
    spans: dict[tuple[int, int], int]  # a merged range's top-left (row, column) -> columns it spans
    covered: set[tuple[int, int]]  # the other cells of merged ranges
    unsaved: list[str]  # formula cells that hold no saved value
    hidden_rows: set[int]
    hidden_columns: set[int]


def _sheet_xml(sheet) -> _SheetXml:
    """What a read-only sheet does not give: its merged ranges, and its formulas without a saved value
    (data_only reads those as empty). Read from the sheet's XML (openpyxl 3.1's _get_source, pinned)."""
    from openpyxl.utils.cell import range_boundaries

    refs, unsaved, rows, columns = [], [], set(), set()
    with sheet._get_source() as source:
        for _, element in etree.iterparse(source, tag=(_MERGE_CELL, _CELL, _ROW, _COL)):
            if element.tag == _MERGE_CELL:
                refs.append(element.get("ref"))
            elif element.tag == _ROW:
                if element.get("hidden") in _TRUE and element.get("r"):
                    rows.add(int(element.get("r")))
            elif element.tag == _COL:
                if element.get("hidden") in _TRUE:
                    columns.update(range(int(element.get("min", "1")), int(element.get("max", "1")) + 1))
            elif element.find(_FORMULA) is not None and not element.findtext(_VALUE):
                unsaved.append(element.get("r"))
            element.clear()
    layout = _SheetXml({}, set(), unsaved, rows, columns)
    for left, top, right, bottom in (range_boundaries(ref) for ref in refs if ref):
        layout.spans[top, left] = right - left + 1
        layout.covered.update((r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)
                              if (r, c) != (top, left))
    return layout


def _xlsx_cells(sheet, layout: _SheetXml) -> Iterable[SheetCell]:
    for row in sheet.iter_rows():
        for cell in row:
            at = (getattr(cell, "row", None), getattr(cell, "column", None))  # padding cells have no place
            if at[0] is None or at in layout.covered:
                continue
            edges = cell.border
            ruled = any(side is not None and side.style for side in (edges.left, edges.right, edges.top, edges.bottom))
            if cell.value is None and not ruled and at not in layout.spans:
                continue
            text = "" if cell.value is None else _shown(cell.value, cell.number_format)
            yield SheetCell(at[0], at[1], layout.spans.get(at, 1), text, ruled)


def _shown(value: object, number_format: str | None) -> str:
    """A cell value as the sheet shows it."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return format_number(value, number_format)
    if isinstance(value, (datetime, date, time)):
        return format_date(value, number_format)
    return str(value)


# ---- .xls ----------------------------------------------------------------------------------------


def read_xls(path: Path) -> Workbook:
    return xls_workbook(path.read_bytes(), str(path))


def xls_workbook(data: bytes, name: str) -> Workbook:
    import xlrd  # loaded only for legacy workbooks

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    except xlrd.XLRDError as error:
        raise InputError(f"{name}: {_ENCRYPTED if 'encrypted' in str(error).lower() else _DAMAGED}") from None
    except (AssertionError, IndexError, KeyError, ValueError, EOFError):  # xlrd's own checks of the file
        raise InputError(f"{name}: {_DAMAGED}") from None
    lines, notes = [], []
    for page, sheet in enumerate(book.sheets(), start=1):
        if sheet.visibility:
            notes.append(f"sheet {sheet.name}: hidden, not read")
            continue
        rows = {r + 1 for r, info in sheet.rowinfo_map.items() if info.hidden}
        columns = {c + 1 for c, info in sheet.colinfo_map.items() if info.hidden}
        cells = list(_xls_cells(book, sheet))
        used = {(cell.row, cell.column) for cell in cells if cell.text.strip()}
        notes += hidden_note(sheet.name, rows, columns, used)
        lines += sheet_lines(shown_cells(cells, rows, columns), page, sheet.name, frozenset(rows))
    return Workbook(lines, book.nsheets, notes)


def _xls_cells(book, sheet) -> Iterable[SheetCell]:
    import xlrd

    spans, covered = {}, set()
    for top, bottom, left, right in sheet.merged_cells:  # exclusive ends
        spans[top, left] = right - left
        covered.update((r, c) for r in range(top, bottom) for c in range(left, right) if (r, c) != (top, left))
    for r in range(sheet.nrows):
        for c in range(sheet.ncols):
            cell = sheet.cell(r, c)
            if cell.ctype == xlrd.XL_CELL_EMPTY or (r, c) in covered:
                continue
            xf = book.xf_list[cell.xf_index]
            edges = xf.border
            ruled = any((edges.left_line_style, edges.right_line_style, edges.top_line_style, edges.bottom_line_style))
            if cell.ctype == xlrd.XL_CELL_BLANK and not ruled and (r, c) not in spans:
                continue
            text = _xls_shown(book, cell, book.format_map[xf.format_key].format_str)
            yield SheetCell(r + 1, c + 1, spans.get((r, c), 1), text, ruled)


def _xls_shown(book, cell, number_format: str) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_BLANK:
        return ""
    if cell.ctype == xlrd.XL_CELL_DATE:
        return format_date(xlrd.xldate_as_datetime(cell.value, book.datemode), number_format)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return _shown(bool(cell.value), number_format)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERR")
    return _shown(cell.value, number_format)
