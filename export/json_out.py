"""A Document as the JSON of SCHEMA.md."""

from __future__ import annotations

from models import Document


def document_json(doc: Document, *, pretty: bool) -> str:
    """pretty: indented by 2 (one file on stdout); otherwise one compact line (a JSON Lines record).

    pydantic writes non-ASCII as UTF-8 (no \\u escapes) and decimals as exact strings.
    """
    return doc.model_dump_json(indent=2 if pretty else None)
