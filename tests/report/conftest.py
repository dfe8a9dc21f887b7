"""Documents to report on (real samples through the real pipeline, and a scan with hand-set OCR
provenance), their written reports, and a headless Chromium to open them in."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from models import Document, Where
from pipeline import file_to_document
from report import write_batch_reports, write_document_report
from tests.conftest import ROOT
from tests.report.cdp import Browser, Tab, chromium_path

TEXT_PDF = ROOT / "samples" / "pdf" / "001-rl.pdf"  # six forms, one per page, with flags
SEED_TEXT = ROOT / "samples" / "seeds" / "001_63a06e9dedb396c3.txt"
SCANS = sorted((ROOT / "samples" / "scans").glob("*.pdf"))

# the hand-set OCR confidences of the scan fixture: these cells read poorly, everything else well
LOW_CONFIDENCE = {"indicators[0].actual": 0.55, "unit": 0.62}
HIGH_CONFIDENCE = 0.93


@pytest.fixture(scope="session")
def text_document() -> Document:
    return file_to_document(TEXT_PDF)


@pytest.fixture(scope="session")
def seed_document() -> Document:
    return file_to_document(SEED_TEXT)


def scan_of(pdf: Path, target: Path, dpi: int = 150) -> Path:
    """An image-only copy of `pdf`: every page rendered and stored as a picture, no text layer."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    images = [document[index].render(scale=dpi / 72).to_pil().convert("L") for index in range(len(document))]
    document.close()
    images[0].save(target, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return target


def as_ocr(document: Document, scan: Path) -> Document:
    """`document` as if OCR had read `scan`: the same boxes, method ocr, some cells below the threshold."""
    forms = []
    for form in document.forms:
        provenance = {path: _ocr_where(path, where) for path, where in form.provenance.items()}
        forms.append(form.model_copy(update={"provenance": provenance}))
    source = document.source.model_copy(update={"path": str(scan), "kind": "pdf-scanned"})
    return document.model_copy(update={"forms": forms, "source": source})


def _ocr_where(path: str, where: Where) -> Where:
    return where.model_copy(update={"method": "ocr", "confidence": LOW_CONFIDENCE.get(path, HIGH_CONFIDENCE)})


@pytest.fixture(scope="session")
def scan_document(text_document: Document, tmp_path_factory: pytest.TempPathFactory) -> Document:
    return as_ocr(text_document, scan_of(TEXT_PDF, tmp_path_factory.mktemp("scan") / "001-rl-scan.pdf"))


@pytest.fixture(scope="session")
def reports(text_document: Document, seed_document: Document, scan_document: Document,
            tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reports")
    return {
        "text": write_document_report(text_document, folder / "text.html"),
        "seed": write_document_report(seed_document, folder / "seed.html"),
        "scan": write_document_report(scan_document, folder / "scan.html"),
    }


@pytest.fixture(scope="session")
def batch(text_document: Document, seed_document: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    others = [file_to_document(ROOT / "samples" / "pdf" / name) for name in ("000-lo.pdf", "004-rl.pdf")]
    failures = [("samples/bad/encrypted.pdf", "samples/bad/encrypted.pdf: the PDF is encrypted and needs a password.")]
    return write_batch_reports([text_document, seed_document, *others], failures, tmp_path_factory.mktemp("batch"))


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    executable = chromium_path()
    if executable is None and os.environ.get("CI"):
        pytest.fail("CI must run the browser tests: .ci/run installs Debian's chromium (apt-get install chromium)")
    if executable is None:
        pytest.skip("Debian's chromium is not installed (apt-get install -y --no-install-recommends chromium); "
                    ".ci/run installs it, so CI runs these tests")
    started = Browser(executable, tmp_path_factory.mktemp("chromium-profile"))
    yield started
    started.close()


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    opened = browser.tab()
    yield opened
    assert opened.problems() == [], "console errors, exceptions or network requests"
    opened.call("Page.close")
