"""The tables as Parquet files, decimals kept as decimal128."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from export._files import write_each
from export.tables import TABLE_SCHEMAS


def _write_table(name: str, table: pa.Table, path: Path) -> None:
    # A table built without the explicit schema would carry inferred decimal precision (STACK.md pitfall 11).
    expected = TABLE_SCHEMAS.get(name)
    if expected is not None and not table.schema.equals(expected):
        raise ValueError(
            f"{name}: table schema differs from TABLE_SCHEMAS[{name!r}]; build it with document_tables"
        )
    pq.write_table(table, path)


def write_parquet(tables: dict[str, pa.Table], out_dir: Path) -> list[Path]:
    """One <name>.parquet per table in out_dir; returns the paths written, in the tables' order."""
    return write_each(tables, out_dir, ".parquet", _write_table)
