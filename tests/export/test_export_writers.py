"""write_parquet and write_csv: exact decimals and readable Chinese on the way out and back."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from export.csv_out import write_csv
from export.parquet_out import write_parquet
from export.tables import TABLE_SCHEMAS, document_tables
from models import Document

PROJECT = "12333热线咨询平台项目经费"


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_parquet_round_trip_through_pandas_is_exact(
    full_document: Document, tmp_path: Path
) -> None:
    paths = write_parquet(document_tables([full_document]), tmp_path)
    assert paths == [tmp_path / f"{name}.parquet" for name in TABLE_SCHEMAS]
    forms = pd.read_parquet(tmp_path / "forms.parquet")
    first = forms.iloc[0]
    assert isinstance(first["current_budget"], Decimal)
    assert first["total_budget"] == Decimal("81572666.00")
    assert first["current_budget"] == Decimal("8212206.68")
    assert first["execution_rate"] == Decimal("76.89")
    assert first["project_name"] == PROJECT
    indicators = pd.read_parquet(tmp_path / "indicators.parquet")
    assert indicators.iloc[0]["target_value"] == Decimal("0.006")
    assert indicators.iloc[0]["name"] == "单位话务成本"


def test_parquet_keeps_the_explicit_schema(
    full_document: Document, tmp_path: Path
) -> None:
    write_parquet(document_tables([full_document]), tmp_path)
    schema = pq.read_schema(tmp_path / "funds.parquet")
    assert schema.remove_metadata().equals(TABLE_SCHEMAS["funds"])


def test_parquet_refuses_a_table_built_without_the_schema(tmp_path: Path) -> None:
    inferred = pa.Table.from_pylist([{"doc_sha256": "x", "amount": Decimal("1.5")}])
    with pytest.raises(ValueError, match="components"):
        write_parquet({"components": inferred}, tmp_path)


def test_csv_has_a_bom_and_chinese_reads_back(
    full_document: Document, tmp_path: Path
) -> None:
    paths = write_csv(document_tables([full_document]), tmp_path)
    assert paths == [tmp_path / f"{name}.csv" for name in TABLE_SCHEMAS]
    assert all(path.read_bytes().startswith(b"\xef\xbb\xbf") for path in paths)
    form = _read_csv(tmp_path / "forms.csv")[0]
    assert form["project_name"] == PROJECT
    assert form["source_path"] == "samples/2020年12333热线绩效目标表.pdf"


def test_csv_writes_exact_decimals_dates_booleans_and_nulls(
    full_document: Document, tmp_path: Path
) -> None:
    write_csv(document_tables([full_document]), tmp_path)
    target, self_eval = _read_csv(tmp_path / "forms.csv")
    assert (target["total_budget"], target["current_budget"]) == (
        "81572666.00",
        "8212206.68",
    )
    assert target["execution_rate"] == "76.8900"
    assert (target["start_date"], target["gov_procurement"], target["recurring"]) == (
        "2020-01-01",
        "true",
        "false",
    )
    assert self_eval["current_budget"] == "" and self_eval["title"] == ""
    indicator = _read_csv(tmp_path / "indicators.csv")[0]
    assert indicator["target_value"] == "0.0060000000"
    assert Decimal(indicator["target_value"]) == Decimal("0.006")


def test_csv_never_uses_scientific_notation(tmp_path: Path) -> None:
    # str(Decimal("0E-10")) is "0E-10": a zero at scale 10 is the classic trap.
    schema = pa.schema([pa.field("v", pa.decimal128(38, 10))])
    table = pa.Table.from_pylist(
        [{"v": Decimal(0)}, {"v": Decimal("1E-7")}], schema=schema
    )
    write_csv({"t": table}, tmp_path)
    assert [row["v"] for row in _read_csv(tmp_path / "t.csv")] == [
        "0.0000000000",
        "0.0000001000",
    ]


def test_csv_reads_back_with_pandas_as_strings(
    full_document: Document, tmp_path: Path
) -> None:
    write_csv(document_tables([full_document]), tmp_path)
    components = pd.read_csv(
        tmp_path / "components.csv", dtype=str, encoding="utf-8-sig"
    )
    assert components["name"].tolist() == ["话务外包服务", "系统运维"]
    assert components["amount"].tolist() == ["7212206.68", "1000000.00"]


def test_csv_header_is_written_for_empty_tables(tmp_path: Path) -> None:
    write_csv(document_tables([]), tmp_path)
    for name, schema in TABLE_SCHEMAS.items():
        lines = (tmp_path / f"{name}.csv").read_text(encoding="utf-8-sig").splitlines()
        assert lines == [",".join(schema.names)]
