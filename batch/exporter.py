"""The store -> files: Parquet partitioned by year, or CSV with a BOM (export/csv_out.py).

Parquet layout, Hive style, which DuckDB, Spark, pandas and pyarrow all read as a dataset:

    OUT/<table>/_common_metadata                 the full explicit schema (decimal128, nullability)
    OUT/<table>/year=2020/<table>.parquet        the rows of 2020's forms
    OUT/<table>/year=__HIVE_DEFAULT_PARTITION__/ rows whose form has no year
    OUT/documents.parquet                        the ingest log, not partitioned

A row's year is its form's year (a document-level flag: the document's earliest); as in every Hive
layout the partition column lives in the folder name, not in the files. Each table's folder is
written beside the old one and swapped in whole, so a reader never sees half an export.
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

PARTITION = pa.schema([pa.field("year", pa.int32())])
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"  # the null value every Hive reader understands
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
    """The schema a reader of OUT/<name> gets: the table's columns, plus `year` from the folder names."""
    schema = TABLE_SCHEMAS[name]
    return schema if "year" in schema.names else schema.append(PARTITION.field("year"))


def _file_schema(name: str) -> pa.Schema:
    schema = TABLE_SCHEMAS[name]
    return schema.remove(schema.get_field_index("year")) if "year" in schema.names else schema


def _write_partitioned(store: Store, name: str, out: Path) -> Path:
    target, staging = out / name, out / f".{name}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    pq.write_metadata(dataset_schema(name), staging / "_common_metadata")
    for year in _years(store, name):
        rows = store.table(name, f"{_YEAR_JOIN} WHERE ({_YEAR}) IS NOT DISTINCT FROM ?", [year])
        folder = staging / f"year={NULL_PARTITION if year is None else year}"
        folder.mkdir()
        pq.write_table(rows.select(_file_schema(name).names).cast(_file_schema(name)), folder / f"{name}.parquet")
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
    dataset = ds.dataset(folder, format="parquet", schema=pq.read_schema(folder / "_common_metadata"),
                         partitioning=ds.partitioning(PARTITION, flavor="hive"))
    return dataset.to_table()
