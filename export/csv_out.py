"""The tables as CSV files that Excel opens with the Chinese intact."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pyarrow as pa

from export._files import write_each


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
            writer.writerow([csv_cell(value) for value in row.values()])


def write_csv(tables: dict[str, pa.Table], out_dir: Path) -> list[Path]:
    """One <name>.csv per table in out_dir; returns the paths written, in the tables' order."""
    return write_each(tables, out_dir, ".csv", _write_table)
