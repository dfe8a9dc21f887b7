"""The text layer read the same on every machine: a font the PDF does not embed gets boxes from the PDF's metrics
(not from the fonts installed); a label drawn up its cell reads in its own order."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest

from extract.pdf import _chars, _display_matrix, _turned

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
NOT_EMBEDDED = SAMPLES / "probes" / "ha_selfeval_norules.pdf"  # reportlab's STSong-Light, a CID font by name only
EMBEDDED = SAMPLES / "pdf" / "001-rl.pdf"


def _page_glyphs(path: Path) -> tuple[list[tuple[str, float, float, float, float]], list[tuple[str, float, float]]]:
    """The page's glyphs as _chars reads them, and each ideograph's origin height and font size from pdfium."""
    page = pdfium.PdfDocument(path)[0]
    textpage = page.get_textpage()
    glyphs = [(glyph[0], *glyph[1:5]) for glyph in _chars(textpage, _display_matrix(page, textpage), True)]
    height = page.get_height()
    origins = []
    for index in range(textpage.count_chars()):
        char = chr(raw.FPDFText_GetUnicode(textpage.raw, index))
        if "\u4e00" <= char <= "\u9fff":
            origins.append((char, height - _baseline(textpage, index), raw.FPDFText_GetFontSize(textpage.raw, index)))
    return glyphs, origins


def _baseline(textpage: pdfium.PdfTextPage, index: int) -> float:
    x, y = ctypes.c_double(), ctypes.c_double()
    raw.FPDFText_GetCharOrigin(textpage.raw, index, x, y)
    return y.value


def test_a_font_not_embedded_gives_boxes_of_the_pdfs_own_metrics() -> None:
    glyphs, origins = _page_glyphs(NOT_EMBEDDED)
    ideographs = [glyph for glyph in glyphs if "\u4e00" <= glyph[0] <= "\u9fff"]
    assert len(ideographs) == len(origins) > 100
    for (char, _, top, _, bottom), (same, baseline, size) in zip(ideographs, origins):
        assert char == same
        # the ink from 0.84 of the size above the baseline to 0.08 below, whatever font drew it
        assert top == pytest.approx(baseline - 0.84 * size, abs=0.01)
        assert bottom == pytest.approx(baseline + 0.08 * size, abs=0.01)


def test_an_embedded_font_keeps_its_glyphs_own_boxes() -> None:
    page = pdfium.PdfDocument(EMBEDDED)[0]
    textpage = page.get_textpage()
    display = _display_matrix(page, textpage)
    assert _chars(textpage, display, True) == _chars(textpage, display, False)


def test_a_label_drawn_up_its_cell_reads_in_its_own_order() -> None:
    # reportlab's canvas.rotate(90): 产出指标 drawn upwards; placed by their boxes its characters read 标指出产
    page = pdfium.PdfDocument(SAMPLES / "probes" / "jx_ganxian_selfeval_rotated_labels_2022.pdf")[0]
    textpage = page.get_textpage()
    texts = [glyph[0] for glyph in _chars(textpage, _display_matrix(page, textpage), False, _turned(textpage))]
    assert {"绩效指标", "产出指标", "效益指标", "满意度指标"} <= set(texts)
