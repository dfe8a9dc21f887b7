"""Comma-separated rows (a sheet saved as CSV, tabula's or camelot's table export) -> grid lines.

A comma is also punctuation in a form's prose (财务制度健全,严格执行制度), so a text is read as CSV only
where it is a table: nearly every row parses to one width of three fields or more, as a sheet's export
prints every row, and a quoted field may run over line ends (a wrapped cell). Each row keeps the number
of the line it starts on.

A cloud OCR's table export lists a cell per row instead (Textract, Azure: Page,Table,Row,Column,RowSpan,
ColumnSpan,Text,Confidence): its cells are placed on their table's grid by those numbers."""

from __future__ import annotations

import csv
from collections import Counter

from extract.structured import cell_text, grid_lines
from extract.text import RawLine, grid_line, where_of
from models import Cell, Line

_MIN_WIDTH = 3  # fields a row of a form's table holds at the least (label, value, label)
_MIN_ROWS = 3
_SHARE = 0.8  # of the rows with text that have the table's width
# a cell list's columns, as cloud OCR services name them (lower case, spaces and underscores dropped)
_CELL_COLUMNS = {"page": "page", "table": "table", "row": "row", "rowindex": "row", "column": "col",
                 "columnindex": "col", "rowspan": "rows", "columnspan": "cols", "text": "text", "content": "text"}


def csv_rows(raw: list[RawLine]) -> list[Line] | None:
    """The grid lines of a comma-separated table, or of a tab-separated one whose cells are quoted where they
    hold a line break (a sheet's cells copied from Excel: "年初\n预算数"), or None where the text is neither."""
    for delimiter in (",", "\t"):
        quoted = delimiter == "," or any(line.text.startswith('"') or f'{delimiter}"' in line.text for line in raw)
        if quoted and sum(line.text.count(delimiter) >= _MIN_WIDTH - 1 for line in raw) >= _MIN_ROWS \
                and (rows := _rows(raw, delimiter)) is not None:
            return rows
    return None


def _rows(raw: list[RawLine], delimiter: str) -> list[Line] | None:
    reader = csv.reader((line.text + "\n" for line in raw), strict=True, delimiter=delimiter)
    rows: list[tuple[RawLine, list[str]]] = []
    try:
        for fields in reader:
            first = raw[reader.line_num - 1 - sum(field.count("\n") for field in fields)]
            if any(field.strip() for field in fields):
                rows.append((first, [cell_text(field.split("\n")) for field in fields]))
    except csv.Error:
        return None
    width, count = Counter(len(fields) for _, fields in rows).most_common(1)[0] if rows else (0, 0)
    if width < _MIN_WIDTH or count < _MIN_ROWS or count < _SHARE * len(rows):
        return None
    header = next((at for at, (_, fields) in enumerate(rows) if {"row", "col", "text"} <= set(_cell_columns(fields))),
                  None)
    if header is not None:
        return [grid_line(fields, where_of(line), line.page) for line, fields in rows[:header]] \
            + _placed_cells(rows[header][1], rows[header + 1 :])
    return [grid_line(fields, where_of(line), line.page) for line, fields in rows]


def _cell_columns(fields: list[str]) -> list[str | None]:
    return [_CELL_COLUMNS.get(field.strip().lower().replace(" ", "").replace("_", "")) for field in fields]


def _placed_cells(header: list[str], cells: list[tuple[RawLine, list[str]]]) -> list[Line]:
    """A cell list's rows (one cell each: its table, row, column, spans and text) as its tables' grid lines."""
    columns = _cell_columns(header)
    tables: dict[tuple[str, str], list[tuple[int, Cell]]] = {}
    for line, fields in cells:
        named = {column: field for column, field in zip(columns, fields) if column}
        if not (named.get("row", "").isdigit() and named.get("col", "").isdigit()):
            continue
        span = int(named["cols"]) if named.get("cols", "").isdigit() else 1
        cell = Cell(text=named.get("text", ""), where=where_of(line), col=int(named["col"]), span=max(span, 1))
        tables.setdefault((named.get("page", ""), named.get("table", "")), []).append((int(named["row"]), cell))
    return [grid for placed in tables.values() for grid in grid_lines(placed, cells[0][0].page if cells else None)]
