"""The store -> files: Parquet in one folder per year, or CSV with a BOM (export/csv_out.py).

Parquet layout:

    OUT/<table>/_common_metadata           the full explicit schema (decimal128, nullability, year)
    OUT/<table>/2020/<table>.parquet       the rows of 2020's forms
    OUT/<table>/no_year/<table>.parquet    rows whose form has no year
    OUT/documents.parquet                  the ingest log, not split

A row's year is its form's year (a document-level flag: the document's earliest), and every file
holds it as its `year` column: a file copied out of its folder still says its year, and pandas,
pyarrow, DuckDB and Spark read the folder as one table with `year` in it. The folders are named by
the year alone, not `year=2020`, because a Hive-style name makes pyarrow and pandas add a second,
dictionary-typed `year` that clashes with the files' own. Each table's folder is written beside the
old one and swapped in whole, so a reader never sees half an export.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from batch.store import LOG_TABLE, Store, check_writable
from export.csv_out import write_csv
from export.tables import TABLE_SCHEMAS

YEAR = pa.field("year", pa.int32())
NO_YEAR = "no_year"  # the folder of the rows whose form printed no year
_YEAR_JOIN = (
    "LEFT JOIN forms AS f ON f.doc_sha256 = t.doc_sha256 AND f.form_index = t.form_index "
    "LEFT JOIN (SELECT doc_sha256, min(year) AS year FROM forms GROUP BY doc_sha256) AS d "
    "ON d.doc_sha256 = t.doc_sha256"
)
_YEAR = "CASE WHEN t.form_index IS NULL THEN d.year ELSE f.year END"


def export_store(db: Path, format_: str, out: Path) -> list[Path]:
    """Write every table of the store at `db` into `out`; the files or folders written."""
    with Store(db, read_only=True) as store:
        check_writable(out, folder=True)
        if format_ == "csv":
            names = [*TABLE_SCHEMAS, LOG_TABLE]
            return write_csv({name: store.table(name) for name in names}, out)
        written = [_write_partitioned(store, name, out) for name in TABLE_SCHEMAS]
        log = out / f"{LOG_TABLE}.parquet"
        pq.write_table(store.table(LOG_TABLE), log)
        return [*written, log]


def dataset_schema(name: str) -> pa.Schema:
    """The schema of OUT/<name>, its files and the dataset alike: the table's columns, plus `year`."""
    schema = TABLE_SCHEMAS[name]
    return schema if "year" in schema.names else schema.append(YEAR)


def _with_year(rows: pa.Table, name: str, year: int | None) -> pa.Table:
    if "year" not in rows.schema.names:
        rows = rows.append_column(YEAR, pa.array([year] * rows.num_rows, pa.int32()))
    return rows.select(dataset_schema(name).names).cast(dataset_schema(name))


def _write_partitioned(store: Store, name: str, out: Path) -> Path:
    target, staging = out / name, out / f".{name}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    pq.write_metadata(dataset_schema(name), staging / "_common_metadata")
    for year in _years(store, name):
        rows = store.table(name, f"{_YEAR_JOIN} WHERE ({_YEAR}) IS NOT DISTINCT FROM ?", [year])
        folder = staging / (NO_YEAR if year is None else str(year))
        folder.mkdir()
        pq.write_table(_with_year(rows, name, year), folder / f"{name}.parquet")
    _swap(staging, target)
    return target


def _years(store: Store, name: str) -> list[int | None]:
    rows = store.db.execute(f'SELECT DISTINCT {_YEAR} AS year FROM "{name}" AS t {_YEAR_JOIN}').fetchall()
    return sorted((year for (year,) in rows), key=lambda year: (year is None, year or 0))


def _swap(staging: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)


def read_table(out: Path, name: str) -> pa.Table:
    """One exported table read back with its explicit schema (what a Python reader should do)."""
    if name == LOG_TABLE:
        return pq.read_table(out / f"{name}.parquet")
    folder = out / name
    dataset = ds.dataset(folder, format="parquet", schema=pq.read_schema(folder / "_common_metadata"))
    return dataset.to_table()
