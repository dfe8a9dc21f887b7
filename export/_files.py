"""What the CSV and Parquet writers share: one file per table, named after it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow as pa

TableWriter = Callable[[str, pa.Table, Path], None]


def write_each(
    tables: dict[str, pa.Table], out_dir: Path, suffix: str, write: TableWriter
) -> list[Path]:
    """write(name, table, path) for every table into out_dir/<name><suffix>; the paths in the tables' order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for name, table in tables.items():
        path = out_dir / f"{name}{suffix}"
        write(name, table, path)
        paths.append(path)
    return paths
