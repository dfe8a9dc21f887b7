"""Stage 1: a file -> an Extraction (lines of cells with provenance), whatever the source."""

from __future__ import annotations

import hashlib
from pathlib import Path

from extract.errors import InputError
from extract.pdf import open_pdf, page_text
from extract.text import read_text_file, text_to_lines
from models import Extraction, Source

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_readable(path: Path) -> None:
    """One clear sentence for the inputs that cannot be opened at all."""
    if not path.exists():
        raise InputError(f"{path}: no such file.")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a file.")
    if path.stat().st_size == 0:
        raise InputError(f"{path}: the file is empty.")


def extract(path: Path) -> Extraction:
    check_readable(path)
    if path.suffix.lower() in TEXT_SUFFIXES:
        return _extract_text(path)
    with path.open("rb") as stream:
        head = stream.read(1024)
    if path.suffix.lower() == ".pdf" or b"%PDF" in head:
        return _extract_pdf(path)
    raise InputError(f"{path}: unknown file type (expected a PDF, or .txt / .md text).")


def _extract_pdf(path: Path) -> Extraction:
    document = open_pdf(path)
    try:
        pages = [page_text(document[index], index + 1) for index in range(len(document))]
    finally:
        document.close()
    unread = [page.number for page in pages if not page.readable]
    if len(unread) == len(pages):
        raise InputError(f"{path}: no text layer on any page (a scan); OCR is not supported by this version.")
    kind = "pdf-mixed" if unread else "pdf-text"
    source = Source(path=str(path), sha256=file_sha256(path), pages=len(pages), kind=kind)
    errors = [f"page {page.number}: {page.reason}; not read (OCR is not supported by this version)"
              for page in pages if not page.readable]
    return Extraction(source=source, lines=[line for page in pages for line in page.lines], errors=errors)


def _extract_text(path: Path) -> Extraction:
    text = read_text_file(path)
    source = Source(path=str(path), sha256=file_sha256(path), pages=None, kind="text")
    return Extraction(source=source, lines=text_to_lines(text))
