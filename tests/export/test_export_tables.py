"""document_tables: the columns of SCHEMA.md, exact decimals, and refusals instead of silent loss."""

from __future__ import annotations

import json
from decimal import Decimal

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from export.tables import SECTION_KEYS, TABLE_SCHEMAS, document_tables
from models import Component, Document, Form, Indicator, Source, Value

KEYS = ["doc_sha256", "source_path", "form_index"]


def _one_form(**fields: object) -> Document:
    return Document(
        source=Source(path="x.txt", sha256="11" * 32, kind="text"),
        forms=[Form(form_type="target", **fields)],
    )


def test_table_names_and_order() -> None:
    assert list(TABLE_SCHEMAS) == [
        "forms",
        "indicators",
        "funds",
        "components",
        "tasks",
        "flags",
    ]


def test_tables_have_exactly_the_schema_columns(full_document: Document) -> None:
    tables = document_tables([full_document])
    assert list(tables) == list(TABLE_SCHEMAS)
    for name, table in tables.items():
        assert table.schema.equals(TABLE_SCHEMAS[name]), name
        assert table.column_names[:3] == KEYS, name


def test_item_tables_carry_their_position() -> None:
    positions = {
        name: TABLE_SCHEMAS[name].names[3]
        for name in ("indicators", "funds", "components", "flags")
    }
    assert positions == {
        "indicators": "indicator_index",
        "funds": "fund_index",
        "components": "component_index",
        "flags": "flag_index",
    }


def test_forms_columns_cover_every_scalar_form_field() -> None:
    names = set(TABLE_SCHEMAS["forms"].names)
    children = {"sections", "funds", "components", "indicators", "tasks", "extra", "provenance"}
    assert set(Form.model_fields) - children <= names
    assert {f"section_{key}" for key in SECTION_KEYS} <= names
    assert {"provenance_json", "source_kind"} <= names


def test_indicator_values_are_flattened() -> None:
    names = TABLE_SCHEMAS["indicators"].names
    for side in ("target", "actual"):
        expected = [
            f"{side}_{field}"
            for field in ("raw", "op", "value", "unit", "std_value", "std_unit", "kind")
        ]
        assert [n for n in names if n.startswith(f"{side}_")] == [
            *expected,
            f"{side}_parts_json",
        ]


def test_decimal_column_types() -> None:
    forms, indicators = TABLE_SCHEMAS["forms"], TABLE_SCHEMAS["indicators"]
    assert forms.field("current_budget").type == pa.decimal128(20, 2)
    assert forms.field("execution_rate").type == pa.decimal128(12, 4)
    assert indicators.field("target_value").type == pa.decimal128(38, 10)
    assert TABLE_SCHEMAS["flags"].field("form_index").nullable
    assert not forms.field("form_index").nullable


def test_a_full_document_fills_every_column(full_document: Document) -> None:
    # Guards the generic flattening: a schema column no model field reaches would stay null.
    for name, table in document_tables([full_document]).items():
        empty = [
            column
            for column in table.column_names
            if table[column].null_count == len(table)
        ]
        assert empty == [], name


def test_row_counts_and_positions(
    full_document: Document, empty_document: Document
) -> None:
    tables = document_tables([full_document, empty_document])
    assert {name: len(table) for name, table in tables.items()} == {
        "forms": 2,
        "indicators": 2,
        "funds": 1,
        "components": 2,
        "tasks": 1,
        "flags": 3,
    }
    assert tables["forms"]["form_index"].to_pylist() == [0, 1]
    assert tables["components"]["component_index"].to_pylist() == [0, 1]
    assert tables["flags"]["form_index"].to_pylist() == [0, 1, None]


def test_decimals_are_exact(full_document: Document) -> None:
    tables = document_tables([full_document])
    form = tables["forms"].to_pylist()[0]
    assert form["total_budget"] == Decimal("81572666.00")
    assert form["current_budget"] == Decimal("8212206.68")
    assert form["execution_rate"] == Decimal("76.89")
    indicator = tables["indicators"].to_pylist()[0]
    assert indicator["target_value"] == Decimal("0.006")
    assert (
        str(indicator["target_value"]) == "0.0060000000"
    )  # stored at the column's scale


def test_empty_input_gives_empty_tables_with_the_schema() -> None:
    tables = document_tables([])
    assert all(
        len(table) == 0 and table.schema.equals(TABLE_SCHEMAS[name])
        for name, table in tables.items()
    )


@pytest.mark.parametrize(
    ("document", "where", "value"),
    [
        (
            _one_form(current_budget=Decimal("8212206.685")),
            "forms.current_budget",
            "8212206.685",
        ),
        (_one_form(total_score=Decimal(123456789)), "forms.total_score", "123456789"),
        (
            _one_form(components=[Component(name="运维", amount=Decimal("0.001"))]),
            "components.amount",
            "0.001",
        ),
        (
            _one_form(
                indicators=[
                    Indicator(
                        target=Value(raw="x", value=Decimal("1E-11"), kind="numeric")
                    )
                ]
            ),
            "indicators.target_value",
            "1E-11",
        ),
    ],
)
def test_a_value_needing_rounding_is_refused(
    document: Document, where: str, value: str
) -> None:
    with pytest.raises(ValueError, match="refusing to round") as caught:
        document_tables([document])
    assert where in str(caught.value) and value in str(caught.value)


def test_an_unknown_section_is_refused() -> None:
    with pytest.raises(ValueError, match="绩效说明"):
        document_tables([_one_form(sections={"绩效说明": "…"})])


def test_json_columns_round_trip(full_document: Document) -> None:
    tables = document_tables([full_document])
    provenance = json.loads(tables["forms"]["provenance_json"][0].as_py())
    assert provenance["current_budget"]["label"] == "项目当年预算（元）"
    assert tables["forms"]["provenance_json"][1].as_py() == "{}"
    parts = tables["indicators"]["target_parts_json"][1].as_py()
    assert ", " not in parts and "二级故障≤4小时" in parts  # compact, Chinese unescaped
    assert (
        TypeAdapter(list[Value]).validate_json(parts)
        == full_document.forms[0].indicators[1].target.parts
    )


def test_flag_paths_are_a_compact_json_list(full_document: Document) -> None:
    paths = document_tables([full_document])["flags"]["paths_json"].to_pylist()
    assert paths == [
        '["execution_rate","executed","current_budget"]',
        "[]",
        "[]",
    ]
    assert json.loads(paths[0]) == full_document.flags[0].paths


@settings(max_examples=60, deadline=None)
@given(
    st.decimals(
        min_value=Decimal("-1E17"), max_value=Decimal("1E17"), places=2, allow_nan=False
    )
)
def test_any_amount_with_fen_is_kept_exactly(amount: Decimal) -> None:
    table = document_tables([_one_form(current_budget=amount)])["forms"]
    assert table["current_budget"][0].as_py() == amount
