"""Documents -> the five flat tables of SCHEMA.md "Tables (CSV and Parquet)".

Every table is built against an explicit schema (STACK.md pitfall 11: inferred decimal precision
changes from file to file), and every decimal is checked to fit its column exactly before Arrow sees it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Context, Decimal, DecimalException, Inexact, InvalidOperation
from typing import Any

import pyarrow as pa
from pydantic import BaseModel
from pydantic_core import to_json

from models import Document

# The fixed section keys of SCHEMA.md (Form.sections), one forms column each.
SECTION_KEYS: tuple[str, ...] = (
    "overview",
    "basis",
    "necessity",
    "measures",
    "plan",
    "total_goal",
    "annual_goal",
    "annual_actual",
    "budget_basis",
    "fund_management",
    "achievements",
    "problems",
    "improvements",
    "remarks",
)

MONEY = pa.decimal128(20, 2)  # 元 with fen
RATIO = pa.decimal128(12, 4)  # weights, scores, percentages
QUANTITY = pa.decimal128(38, 10)  # indicator values: anything from 0.006 to 10^9 元
TEXT = pa.string()

# Form fields that are tables of their own (or section_* columns), not forms columns.
_FORM_CHILDREN = frozenset({"sections", "funds", "components", "indicators", "tasks"})


def _keys(*, form_index_nullable: bool = False) -> list[pa.Field]:
    return [
        pa.field("doc_sha256", TEXT, nullable=False),
        pa.field("source_path", TEXT, nullable=False),
        pa.field("form_index", pa.int32(), nullable=form_index_nullable),
    ]


def _item_keys(index_name: str) -> list[pa.Field]:
    return [*_keys(), pa.field(index_name, pa.int32(), nullable=False)]


def _value_fields(prefix: str) -> list[pa.Field]:
    """A Value flattened: prefix_raw, prefix_op, ..., with its compound parts kept as JSON."""
    return [
        pa.field(f"{prefix}_raw", TEXT),
        pa.field(f"{prefix}_op", TEXT),
        pa.field(f"{prefix}_value", QUANTITY),
        pa.field(f"{prefix}_unit", TEXT),
        pa.field(f"{prefix}_std_value", QUANTITY),
        pa.field(f"{prefix}_std_unit", TEXT),
        pa.field(f"{prefix}_kind", TEXT),
        pa.field(f"{prefix}_parts_json", TEXT),
    ]


FORMS_SCHEMA = pa.schema(
    [
        *_keys(),
        pa.field("form_type", TEXT),
        pa.field("template", TEXT),
        pa.field("scope", TEXT),
        pa.field("title", TEXT),
        pa.field("year", pa.int32()),
        pa.field("page_start", pa.int32()),
        pa.field("page_end", pa.int32()),
        pa.field("unit", TEXT),
        pa.field("department", TEXT),
        pa.field("project_name", TEXT),
        pa.field("project_code", TEXT),
        pa.field("project_category", TEXT),
        pa.field("fund_use", TEXT),
        pa.field("performance_type", TEXT),
        pa.field("gov_procurement", pa.bool_()),
        pa.field("recurring", pa.bool_()),
        pa.field("start_date", pa.date32()),
        pa.field("end_date", pa.date32()),
        pa.field("total_budget", MONEY),
        pa.field("current_budget", MONEY),
        pa.field("prior_budget", MONEY),
        pa.field("prior_executed", MONEY),
        pa.field("executed", MONEY),
        pa.field("execution_rate", RATIO),
        pa.field("total_score", RATIO),
        pa.field("grade", TEXT),
        pa.field("eval_date", pa.date32()),
        pa.field("funds_unit", TEXT),
        pa.field("coverage", RATIO),
        pa.field("extra_json", TEXT),
        *(pa.field(f"section_{key}", TEXT) for key in SECTION_KEYS),
        pa.field("provenance_json", TEXT),
        pa.field("source_kind", TEXT),
    ]
)

INDICATORS_SCHEMA = pa.schema(
    [
        *_item_keys("indicator_index"),
        pa.field("level1", TEXT),
        pa.field("level1_weight", RATIO),
        pa.field("level2", TEXT),
        pa.field("name", TEXT),
        pa.field("description", TEXT),
        *_value_fields("target"),
        *_value_fields("actual"),
        pa.field("weight", RATIO),
        pa.field("score", RATIO),
        pa.field("note", TEXT),
        pa.field("nature", TEXT),
        pa.field("horizon", TEXT),
        pa.field("scoring_rule", TEXT),
        pa.field("met", pa.bool_()),
    ]
)

FUNDS_SCHEMA = pa.schema(
    [
        *_item_keys("fund_index"),
        pa.field("source", TEXT),
        pa.field("initial_budget", MONEY),
        pa.field("full_year_budget", MONEY),
        pa.field("executed", MONEY),
        pa.field("weight", RATIO),
        pa.field("execution_rate", RATIO),
        pa.field("score", RATIO),
        pa.field("note", TEXT),
    ]
)

TASKS_SCHEMA = pa.schema(
    [
        *_item_keys("task_index"),
        pa.field("name", TEXT),
        pa.field("content", TEXT),
        pa.field("budget", MONEY),
        pa.field("executed", MONEY),
    ]
)

COMPONENTS_SCHEMA = pa.schema(
    [
        *_item_keys("component_index"),
        pa.field("name", TEXT),
        pa.field("amount", MONEY),
    ]
)

FLAGS_SCHEMA = pa.schema(
    [
        *_keys(form_index_nullable=True),
        pa.field("flag_index", pa.int32(), nullable=False),
        pa.field("code", TEXT),
        pa.field("severity", TEXT),
        pa.field("message", TEXT),
        pa.field("expected", TEXT),
        pa.field("found", TEXT),
        pa.field("paths_json", TEXT),
    ]
)

TABLE_SCHEMAS: dict[str, pa.Schema] = {
    "forms": FORMS_SCHEMA,
    "indicators": INDICATORS_SCHEMA,
    "funds": FUNDS_SCHEMA,
    "components": COMPONENTS_SCHEMA,
    "tasks": TASKS_SCHEMA,
    "flags": FLAGS_SCHEMA,
}

Row = dict[str, Any]


# ---- flattening --------------------------------------------------------------------------------


def _compact_json(value: Any) -> str:
    # pydantic's serializer: decimals as exact strings, Chinese as UTF-8, no spaces.
    return to_json(value).decode("utf-8")


def _flatten(
    model: BaseModel, prefix: str = "", skip: frozenset[str] = frozenset()
) -> Row:
    """One model as flat columns: nested models become prefix_field, lists and dicts name_json.

    None yields no column (the schema fills the null), so an absent Value needs no special case.
    """
    row: Row = {}
    for name, value in model:
        if name in skip or value is None:
            continue
        column = f"{prefix}{name}"
        if isinstance(value, BaseModel):
            row |= _flatten(value, f"{column}_")
        elif isinstance(value, list | dict):
            row[f"{column}_json"] = _compact_json(value)
        else:
            row[column] = value
    return row


# ---- rows per table ----------------------------------------------------------------------------


def _doc_keys(doc: Document) -> Row:
    return {"doc_sha256": doc.source.sha256, "source_path": doc.source.path}


def _sections(sections: dict[str, str]) -> Row:
    unknown = sorted(set(sections) - set(SECTION_KEYS))
    if unknown:
        # Same stance as the model's extra="forbid": a section the contract lacks is a bug, not data to drop.
        raise ValueError(f"forms: section keys not in SCHEMA.md: {', '.join(unknown)}")
    return {f"section_{key}": sections.get(key) for key in SECTION_KEYS}


def _form_rows(doc: Document) -> Iterator[Row]:
    for form_index, form in enumerate(doc.forms):
        yield (
            _doc_keys(doc)
            | {"form_index": form_index}
            | _flatten(form, skip=_FORM_CHILDREN)
            | _sections(form.sections)
            | {"source_kind": doc.source.kind}
        )


def _item_rows(attribute: str, index_name: str) -> Callable[[Document], Iterator[Row]]:
    """Rows for one list held by every form (indicators, funds, components)."""

    def rows(doc: Document) -> Iterator[Row]:
        for form_index, form in enumerate(doc.forms):
            for item_index, item in enumerate(getattr(form, attribute)):
                yield (
                    _doc_keys(doc)
                    | {"form_index": form_index, index_name: item_index}
                    | _flatten(item)
                )

    return rows


def _flag_rows(doc: Document) -> Iterator[Row]:
    for flag_index, flag in enumerate(doc.flags):
        yield _doc_keys(doc) | {"flag_index": flag_index} | _flatten(flag)


_ROWS: dict[str, Callable[[Document], Iterator[Row]]] = {
    "forms": _form_rows,
    "indicators": _item_rows("indicators", "indicator_index"),
    "funds": _item_rows("funds", "fund_index"),
    "components": _item_rows("components", "component_index"),
    "tasks": _item_rows("tasks", "task_index"),
    "flags": _flag_rows,
}


# ---- conforming rows to the schema -------------------------------------------------------------


def _exact_decimal(value: Decimal, type_: pa.Decimal128Type, where: str) -> Decimal:
    """value at the column's scale, or ValueError when that would round or overflow."""
    # Inexact traps rounding, InvalidOperation traps more digits than the precision allows.
    context = Context(prec=type_.precision, traps=[Inexact, InvalidOperation])
    try:
        exact = value.quantize(Decimal(1).scaleb(-type_.scale), context=context)
    except DecimalException:
        exact = None
    if exact is None or not exact.is_finite():  # NaN quantizes quietly to NaN
        raise ValueError(
            f"{where}: {value} cannot be stored exactly as "
            f"decimal({type_.precision},{type_.scale}); refusing to round"
        )
    return exact


def _conform(row: Row, schema: pa.Schema, table: str) -> Row:
    extra = sorted(set(row) - set(schema.names))
    if extra:
        # A model field the schema lacks would otherwise vanish from the export.
        raise ValueError(
            f"{table}: fields with no column in the schema: {', '.join(extra)}"
        )
    out: Row = {}
    for field in schema:
        value = row.get(field.name)
        if value is not None and pa.types.is_decimal(field.type):
            value = _exact_decimal(value, field.type, f"{table}.{field.name}")
        out[field.name] = value
    return out


def document_tables(docs: Sequence[Document]) -> dict[str, pa.Table]:
    """All documents' rows as the five tables, each with its explicit schema."""
    tables: dict[str, pa.Table] = {}
    for name, schema in TABLE_SCHEMAS.items():
        rows = [_conform(row, schema, name) for doc in docs for row in _ROWS[name](doc)]
        tables[name] = pa.Table.from_pylist(rows, schema=schema)
    return tables
