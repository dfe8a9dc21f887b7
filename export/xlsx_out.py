"""The tables as one Excel workbook: a sheet per table, every cell typed, nothing a spreadsheet re-reads.

Typed cells, so a spreadsheet never guesses: a decimal is a number whose display keeps its digits
(money #,##0.00; others as many decimals as the value has), a date a date, a flag true/false a
boolean, and text is text - `=390` or `=365天` is written as a string with Excel's quote prefix, never
as a formula. A decimal with more significant digits than a spreadsheet number holds exactly (15) is
written as text: exact, never rounded. The header row is frozen and every column sized to its content.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from export.tables import MONEY

EXACT_DIGITS = 15  # a spreadsheet number is an IEEE double: 15 significant decimal digits round-trip
_MONEY_FORMAT = "#,##0.00"
_DATE_FORMAT = "yyyy-mm-dd"
_WIDTH_LIMIT = 60  # characters: wider columns wrap nothing and push the rest off screen
_SAMPLED_ROWS = 500  # column widths from the header and the first rows


def write_xlsx(tables: dict[str, pa.Table], out_dir: Path, name: str = "perfforms.xlsx") -> list[Path]:
    """One workbook out_dir/name with a sheet per table, in the tables' order; returns [its path]."""
    out_dir.mkdir(parents=True, exist_ok=True)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table_name, table in tables.items():
        _fill(workbook.create_sheet(table_name), table)
    path = out_dir / name
    workbook.save(path)
    return [path]


def _fill(sheet: Worksheet, table: pa.Table) -> None:
    sheet.append(table.schema.names)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    money = [field.type == MONEY for field in table.schema]
    for row_number, row in enumerate(table.to_pylist(), start=2):
        for column, (value, is_money) in enumerate(zip(row.values(), money), start=1):
            if value is not None:
                _put(sheet.cell(row=row_number, column=column), value, is_money)
    sheet.freeze_panes = "A2"
    _size_columns(sheet, table)


def _put(cell: Cell, value: object, is_money: bool) -> None:
    """One typed cell (see the module's docstring)."""
    if isinstance(value, Decimal):
        if _exact_as_number(value):
            cell.value, cell.number_format = float(value), _MONEY_FORMAT if is_money else _decimal_format(value)
        else:
            _text(cell, format(value, "f"))
    elif isinstance(value, bool | int):
        cell.value = value
    elif isinstance(value, date):
        cell.value, cell.number_format = value, _DATE_FORMAT
    else:
        _text(cell, str(value))


def _text(cell: Cell, text: str) -> None:
    # control characters other than tab and newlines cannot be stored in the XML; shown as U+FFFD
    cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    cell.data_type = "s"  # openpyxl would take a leading "=" for a formula
    cell.quotePrefix = True  # and the spreadsheet keeps it text when the cell is edited


def _exact_as_number(value: Decimal) -> bool:
    return value.is_finite() and len(value.normalize().as_tuple().digits) <= EXACT_DIGITS


def _decimal_format(value: Decimal) -> str:
    """As many decimals as the value has once trailing zeros go (the column's scale pads them)."""
    exponent = value.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "0." + "0" * places if places else "0"


def _size_columns(sheet: Worksheet, table: pa.Table) -> None:
    for index, name in enumerate(table.schema.names, start=1):
        values = table.column(name).slice(0, _SAMPLED_ROWS).to_pylist()
        longest = max([_display_width(name), *(_display_width(_shown(value)) for value in values)])
        sheet.column_dimensions[get_column_letter(index)].width = min(longest + 2, _WIDTH_LIMIT)


def _shown(value: object) -> str:
    if isinstance(value, Decimal):
        return f"{value:,f}"
    return "" if value is None else str(value)


def _display_width(text: str) -> int:
    """Characters as a spreadsheet lays them out: a Chinese character takes two columns."""
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)
