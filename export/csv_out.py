"""The tables as CSV files that Excel opens with the Chinese intact, and with no cell taken for a formula.

Formula injection (OWASP, "CSV Injection"): a spreadsheet runs a cell that starts with = + - or @ as a
formula (`=100%` becomes 1, `=365天` becomes #NAME?, `=HYPERLINK(...)` becomes a live link), and tab or
carriage return start one too. Such a cell is written with a single quote in front (`'=390`), which
spreadsheets show as text. The one exception is a plain number (`-5`, `-3.2`, `+1`): the decimal
columns' negative values stay numbers. Anything else starting with those characters (`-3.2%`,
`-` alone, `+86 21 …`) is quoted; a reader of the raw file drops the leading quote to get the text.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pyarrow as pa

from export._files import write_each

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def neutralised(text: str) -> str:
    """text, with a leading single quote if a spreadsheet would take it for a formula (see above)."""
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_cell(value: object) -> str:
    """One cell as text: exact decimals, ISO dates, true/false, empty for null."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(
            value, "f"
        )  # str() would print 0E-10 or 1E-7: never scientific in a CSV
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _write_table(name: str, table: pa.Table, path: Path) -> None:
    # utf-8-sig: without the BOM Excel reads the file in the local ANSI code page and garbles Chinese.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(table.schema.names)  # the header even for an empty table
        for row in table.to_pylist():
            writer.writerow([neutralised(csv_cell(value)) for value in row.values()])


def write_csv(tables: dict[str, pa.Table], out_dir: Path) -> list[Path]:
    """One <name>.csv per table in out_dir; returns the paths written, in the tables' order."""
    return write_each(tables, out_dir, ".csv", _write_table)
