"""Scans of other provinces' forms (samples/scans/families) print signs alone in a cell: - or / for 'none',
a % in its own 度量单位 column, a 1 as a weight. The scan path reads each as printed: the pixels decide
where the recogniser's reading of a lone mark is ambiguous (/ against 1) or where a mark is too small
to be sent to it (-). Pixel functions on synthetic pages (fast); the OCR itself is marked `ocr`."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extract import raster
from extract.checkbox import Checkbox
from extract.engine import TextBox
from extract.layout import Glyph
from extract.ocr import _read_as_text, _sign
from tests.extract.test_ocr import PPP, plan_of

FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"  # the font samples/make_scans.py stamps with
# a bare machine lacks the system font (the README's test command skips these tests); CI installs it and fails here without it
pytestmark = pytest.mark.skipif(not Path(FONT).exists() and not os.environ.get("CI"), reason="fonts-wqy-zenhei")
COLUMN, ROW = 160, 80


def table_page(cells: list[list[str]], size: int = 29) -> np.ndarray:
    """A ruled table at 200 dpi, each text centred in its cell (a 29 px glyph is a 10.5 pt character)."""
    image = Image.new("L", (1654, 900), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, size)
    xs = [150 + COLUMN * i for i in range(len(cells[0]) + 1)]
    ys = [200 + ROW * i for i in range(len(cells) + 1)]
    for y in ys:
        draw.line((xs[0], y, xs[-1], y), fill=0, width=3)
    for x in xs:
        draw.line((x, ys[0], x, ys[-1]), fill=0, width=3)
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            draw.text((xs[c] + (COLUMN - draw.textlength(text, font=font)) / 2, ys[r] + 25), text, font=font, fill=0)
    return np.array(image)  # writable: tests add dust


def ink_of(text: str, read: str) -> tuple[np.ndarray, TextBox]:
    """One character's ink (0/1) on a blank strip, and the box the recogniser hands back for it."""
    page = table_page([[text]])
    ink = (raster.binarize(page, PPP)[210:270, 160:300] > 0).astype(np.uint8)
    return ink, TextBox(read, 0.6, 0, 0, ink.shape[1] - 1, ink.shape[0] - 1, ((read, (0, 0, 10, 10)),))


@pytest.mark.parametrize(("printed", "read", "sign"), [
    ("/", "1", "/"), ("1", "1", "1"), ("l", "1", "1"),  # a / leans forward; a 1 (or an l) does not
    ("=", "二", "="), ("＝", "二", "="), ("二", "二", "二"), ("三", "二", "二"),  # 二's upper stroke is shorter
])
def test_a_lone_sign_read_as_its_lookalike_is_told_by_its_ink(printed: str, read: str, sign: str) -> None:
    ink, box = ink_of(printed, read)
    fixed = _sign(box, ink)
    assert fixed.text == sign and [word for word, _ in fixed.words] == [sign]


def test_the_lookalike_rule_leaves_other_readings_alone() -> None:
    ink, box = ink_of("/", "1")
    other = TextBox("11", 0.9, box.x0, box.top, box.x1, box.bottom, ())
    assert _sign(other, ink) is other


def test_a_hyphen_alone_in_a_cell_is_a_line_to_read_and_a_speck_is_not() -> None:
    page = table_page([["-", "", "—", "="]])
    page[215:217, 480:482] = 0  # dust in the empty cell
    plan = plan_of(page)
    assert sorted((line.x0 - 150) // COLUMN for line in plan.lines) == [0, 2, 3]
    assert plan.empty_cells == 1


def test_a_flat_piece_against_a_cell_rule_is_no_hyphen() -> None:
    page = table_page([["", "8"]])
    page[203:206, 200:208] = 0  # a piece of the top rule, thickened by the scan, inside the first cell
    assert [(line.x0 - 150) // COLUMN for line in plan_of(page).lines] == [1]


def test_a_sign_read_surely_on_a_box_shaped_blot_is_text() -> None:
    box = Checkbox(100, 100, 114, 114, "filled", 0.98, 1.0)
    at = (100 * PPP, 100 * PPP, 114 * PPP, 114 * PPP)
    assert _read_as_text(box, [Glyph("%", *at, 1.0)], PPP)
    assert not _read_as_text(box, [Glyph("口", *at, 1.0)], PPP)
    assert not _read_as_text(box, [Glyph("%", *at, 0.6)], PPP)


@pytest.mark.ocr
def test_signs_alone_in_cells_are_read_as_printed() -> None:
    from extract.ocr import ocr_page_image

    lines, _ = ocr_page_image(table_page([["名称", "-", "/", "1", "%", "—"], ["权重", "10", "/", "-", "100%", "="]]),
                              1, PPP)
    assert [[cell.text for cell in line.cells] for line in lines] == [
        ["名称", "-", "/", "1", "%", "—"], ["权重", "10", "/", "-", "100%", "="]]
