"""document_json: the contract JSON, pretty for one file, one line for JSON Lines."""

from __future__ import annotations

import json

from export.json_out import document_json
from models import Document


def test_pretty_round_trips(full_document: Document) -> None:
    text = document_json(full_document, pretty=True)
    assert text.startswith('{\n  "schema_version"')
    assert Document.model_validate_json(text) == full_document


def test_compact_is_one_line_and_round_trips(full_document: Document) -> None:
    text = document_json(full_document, pretty=False)
    assert "\n" not in text and ", " not in text
    assert Document.model_validate_json(text) == full_document


def test_chinese_is_utf8_and_decimals_are_exact_strings(
    full_document: Document,
) -> None:
    text = document_json(full_document, pretty=False)
    assert "12333热线咨询平台项目经费" in text and "\\u" not in text
    form = json.loads(text)["forms"][0]
    assert (form["total_budget"], form["current_budget"]) == (
        "81572666.00",
        "8212206.68",
    )
    assert form["indicators"][0]["target"]["value"] == "0.006"


def test_an_empty_document(empty_document: Document) -> None:
    assert (
        Document.model_validate_json(document_json(empty_document, pretty=True))
        == empty_document
    )
