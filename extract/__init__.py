"""Stage 1: a file -> an Extraction (lines of cells with provenance), whatever the source."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from extract.errors import InputError
from extract.pdf import open_pdf, page_text
from extract.sniff import SUFFIXES as STRUCTURED_SUFFIXES
from extract.sniff import structured_kind
from extract.traditional import Conversion, simplified_lines, simplified_text
from models import Extraction, Source

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown", ".csv", ".tsv"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"}
__all__ = ["STRUCTURED_SUFFIXES", "TEXT_SUFFIXES", "IMAGE_SUFFIXES", "extract", "file_sha256"]


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


def extract(path: Path, on_page: Callable[[int, int], None] | None = None, as_printed: bool = False) -> Extraction:
    """`on_page(done, pages)` after each PDF page, for a batch's progress line (a scan takes seconds a page).
    Text printed in traditional characters, or with pinyin after its characters, is read as simplified
    text (extract/traditional.py): a text file before its lines are made, any other file's cells;
    `as_printed` keeps the characters as printed (bench/traditional.py measures them)."""
    check_readable(path)
    suffix = path.suffix.lower()
    simplified = _keep if as_printed else _simplified
    if suffix in TEXT_SUFFIXES:
        return _extract_text(path, as_printed)
    if suffix in IMAGE_SUFFIXES:
        return simplified(_extract_image(path))
    with path.open("rb") as stream:
        head = stream.read(1024)
    if suffix == ".pdf" or b"%PDF" in head:
        return simplified(_extract_pdf(path, on_page))
    kind = structured_kind(path, head)  # web pages, Excel, Word: by their bytes, whatever their name
    if kind == "text":  # an ".xls" export that is separated text
        return _extract_text(path, as_printed)
    if kind is not None:
        return simplified(_extract_structured(path, kind))
    raise InputError(f"{path}: unknown file type (expected a PDF, an image, a web page, an Excel or Word file, "
                     "or .txt / .md / .csv text).")


def _extract_pdf(path: Path, on_page: Callable[[int, int], None] | None = None) -> Extraction:
    """Each page from its text layer, or - where it has none worth using - by OCR."""
    document = open_pdf(path)
    lines, notes, scanned = [], [], 0
    try:
        for index in range(len(document)):
            page = page_text(document[index], index + 1)
            if not page.readable:
                from extract.ocr import ocr_pdf_page  # the OCR models load only when a scan needs them

                scanned += 1
                notes.append(f"page {page.number}: {page.reason}; read by OCR")
                page.lines, doubts = ocr_pdf_page(document[index], page.number)
                notes += doubts
            lines += page.lines
            if on_page is not None:
                on_page(index + 1, len(document))
        pages = len(document)
    finally:
        document.close()
    kind = "pdf-text" if not scanned else "pdf-scanned" if scanned == pages else "pdf-mixed"
    source = Source(path=str(path), sha256=file_sha256(path), pages=pages, kind=kind)
    return Extraction(source=source, lines=lines, notes=notes)


def _extract_image(path: Path) -> Extraction:
    """A photographed or scanned page given as an image file."""
    from extract.ocr import ocr_image_file

    try:
        lines, notes = ocr_image_file(path)
    except (ValueError, OSError):  # Pillow cannot decode it
        raise InputError(f"{path}: not a readable image.") from None
    source = Source(path=str(path), sha256=file_sha256(path), pages=1, kind="image")
    return Extraction(source=source, lines=lines, notes=notes)


def _extract_text(path: Path, as_printed: bool = False) -> Extraction:
    from extract.text import encoding_notes, read_decoded, read_text_readings  # loads only for text inputs

    decoded = read_decoded(path)
    source = Source(path=str(path), sha256=file_sha256(path), pages=None, kind="text")
    # the text's own structure (layout columns, labels printed downwards) is found by the forms' wording
    text, conversion = (decoded.text, Conversion()) if as_printed else simplified_text(decoded.text)
    lines, notes, unaligned = read_text_readings(text)
    said = [] if conversion.converted else encoding_notes(decoded)  # Big5 read converted needs no warning
    return Extraction(source=source, lines=lines, notes=said + conversion.notes() + notes,
                      traditional=conversion.converted, unaligned=unaligned)


def _keep(extraction: Extraction) -> Extraction:
    return extraction


def _simplified(extraction: Extraction) -> Extraction:
    lines, conversion = simplified_lines(extraction.lines)
    if conversion == Conversion():
        return extraction
    return extraction.model_copy(update={"lines": lines, "notes": extraction.notes + conversion.notes(),
                                         "traditional": conversion.converted})


def _extract_structured(path: Path, kind: str) -> Extraction:
    """HTML, Excel and Word state their cells and merges: no geometry, no OCR. Excel's sheets are
    its pages; a web page or a Word file has none (Word's pages are made when it is printed)."""
    pages, notes = None, []
    if kind == "html":
        from extract.html import html_to_lines, read_html_file

        lines = html_to_lines(read_html_file(path))
    elif kind == "docx":
        from extract.word import read_docx

        lines, notes = read_docx(path)
    else:
        from extract.excel import read_xls, read_xlsx

        workbook = read_xlsx(path) if kind == "xlsx" else read_xls(path)
        lines, pages, notes = workbook.lines, workbook.sheets, workbook.notes
    source = Source(path=str(path), sha256=file_sha256(path), pages=pages, kind=kind)
    return Extraction(source=source, lines=lines, notes=notes)
