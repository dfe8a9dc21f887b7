"""The review report (issue 7): each document's pages with a box on every value read, beside its
records and flags, as one self-contained HTML file; and for a batch, an index of the documents.

    write_document_report(document, Path("report.html"))
    write_batch_reports(documents, failures, Path("reports/"))  # one page per document + index.html
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from models import Document
from report.document import write_document_report
from report.index import Entry, index_html, page_name

__all__ = ["write_batch_reports", "write_document_report"]


def write_batch_reports(documents: Sequence[Document], failures: Sequence[tuple[str, str]], target_dir: Path) -> Path:
    """One page per document and index.html linking them all (failures listed with their reason).
    Returns the index's path."""
    target_dir.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    entries = []
    for document in documents:
        name = page_name(document.source.path, taken)
        write_document_report(document, target_dir / name, index_href="index.html")
        entries.append(Entry(document.source.path, name, document))
    entries += [Entry(path, reason=reason) for path, reason in failures]
    index = target_dir / "index.html"
    index.write_text(index_html(entries), encoding="utf-8")
    return index
