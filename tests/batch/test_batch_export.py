"""export: Parquet partitioned by year with exact decimals and the explicit schema; CSV with a BOM."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from batch.cli import main
from batch.exporter import dataset_schema, read_table
from export.tables import TABLE_SCHEMAS
from tests.batch.conftest import good_files, stored_tables


@pytest.fixture
def db(shared_run) -> Path:
    return shared_run[1]


@pytest.fixture
def corpus(shared_run) -> Path:
    return shared_run[0]


def _export(db: Path, format_: str, out: Path) -> int:
    return main(["export", "--db", str(db), "--format", format_, "--out", str(out)])


def test_parquet_has_a_folder_per_year_and_reads_back_exactly(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _export(db, "parquet", out) == 0
    stored = stored_tables(db)
    years = {row["year"] for row in stored["forms"].to_pylist()}
    assert {folder.name for folder in (out / "forms").iterdir() if folder.is_dir()} == {
        "no_year" if year is None else str(year) for year in years}

    for name, table in stored.items():
        back = read_table(out, name)
        assert back.schema == dataset_schema(name)
        back = back.select(TABLE_SCHEMAS[name].names).sort_by([(key, "ascending") for key in _order(name)])
        assert back.equals(table.sort_by([(key, "ascending") for key in _order(name)])), name

    one_file = next((out / "indicators").glob("2*/indicators.parquet"))
    assert pq.read_schema(one_file) == dataset_schema("indicators")  # decimal128, nullability, year: in every file
    year = int(one_file.parent.name)
    assert set(pq.read_table(one_file).column("year").to_pylist()) == {year}  # a file alone still says its year
    forms = pd.read_parquet(out / "forms")  # plain readers see the year too, as a column of the files
    assert all(isinstance(value, Decimal) for value in forms["current_budget"].dropna())
    assert sorted(forms["year"].dropna().unique()) == sorted(year for year in years if year is not None)


def test_duckdb_reads_the_year_from_the_files(db: Path, tmp_path: Path) -> None:
    import duckdb

    out = tmp_path / "out"
    assert _export(db, "parquet", out) == 0
    glob = str(out / "forms" / "*" / "*.parquet")
    read = duckdb.sql(f"SELECT year, count(*) FROM read_parquet('{glob}') GROUP BY year ORDER BY year").fetchall()
    stored = duckdb.connect(str(db), read_only=True).sql(
        "SELECT year, count(*) FROM forms GROUP BY year ORDER BY year").fetchall()
    assert read == stored and read


def _order(name: str) -> list[str]:
    return [field.name for field in TABLE_SCHEMAS[name] if not field.nullable]


def test_a_second_export_replaces_the_first(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    stale = out / "forms" / "1999"
    stale.mkdir(parents=True)
    (stale / "forms.parquet").write_bytes(b"stale")
    assert _export(db, "parquet", out) == 0
    assert not stale.exists()
    assert [path.name for path in out.iterdir() if path.name.startswith(".")] == []


def test_csv_has_a_bom_a_header_and_every_row(db: Path, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    assert _export(db, "csv", out) == 0
    stored = stored_tables(db)
    for name, table in stored.items():
        raw = (out / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        assert rows[0] == TABLE_SCHEMAS[name].names and len(rows) == table.num_rows + 1
    with (out / "documents.csv").open(encoding="utf-8-sig", newline="") as handle:
        logged = list(csv.DictReader(handle))
    assert len([row for row in logged if row["status"] == "ok"]) == len(good_files(corpus))


def test_exporting_a_missing_store_is_one_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    missing = tmp_path / "nope.duckdb"
    assert _export(missing, "csv", tmp_path / "out") == 2
    assert capsys.readouterr().err.strip() == f"{missing}: no such store."
