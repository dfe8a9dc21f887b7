"""Scanned pages -> the same Lines a text PDF gives: table rows as grid lines, loose text as flow lines.

The page path (issues 4 and 13; every choice measured in STACK.md and bench/):
1. the red seal is turned white by colour, before anything reads the page;
2. the skew is measured on the long horizontal rules and undone;
3. the ruled grid comes from OpenCV morphology, as segments for extract.grid.find_tables (the same
   code that reads a text PDF's rules), spanning cells included; printed checkboxes are found;
4. with a grid, the pixels say where the text is (extract.textlines): a cell without ink is not read,
   the lines in a cell are cropped and recognised in one batch without detection, and detection runs
   only outside the grid and in a cell whose lines the pixels cannot split. Whether the page lies
   sideways comes from the shape of its ink, which way up from the engine's 0/180 classifier on its
   longest lines, so a turned page is read once, turned. A page without a grid is read whole (det +
   rec), and read again turned when its text boxes say it lies turned;
5. every recognised character (word, for Latin and digits) goes to the cell holding its centre
   (extract.layout, shared with the text-layer path); what the OCR read on a checkbox is dropped,
   and ☑/☐ is put where the box is printed.

Coordinates: every bbox is in PDF points from the top-left of the page AS READ, i.e. deskewed and
turned upright. For a page scanned 90 degrees off, that frame has the page's width and height swapped
relative to the PDF page as displayed; the skew (a degree or two) is not mapped back either. Parsers
compare boxes within one page, which needs the upright frame.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import regex

from extract import checkbox, layout, raster, textlines
from extract.checkbox import Checkbox
from extract.engine import TextBox, read_image, read_lines, read_regions, upside_down_share
from extract.grid import Table, find_tables
from extract.layout import Glyph
from extract.textlines import Box, Plan
from models import Line

DEFAULT_DPI = 200  # for rules and checkboxes (STACK.md: every rule found at 200 and 300 dpi); the OCR
# itself scales the page to 1600 px, so a higher dpi buys it nothing
ASSUMED_DPI = 200  # an image file that does not say its resolution
A4_LONG_SIDE_IN = 11.69
PAGE_LONG_SIDE_IN = (5.5, 17.0)  # A6 to A3: a resolution implying a page outside this is wrong
MAX_PIXELS_LONG_SIDE = 3508  # A4 at 300 dpi: a larger photo is scaled down first (OCR would anyway)
SPACE_GAP = 0.35  # a gap this wide between two recognised words inside a cell is a space
SIDEWAYS = 1.5  # a text box this much taller than wide runs down the page
ORIENTATION_SAMPLES = 12  # text boxes the 0/180 classifier looks at
LOW_CONFIDENCE = 0.8
SEAL_SHARE = 0.002  # share of red pixels above which a seal was there to remove
TEXT_NOT_BOX = 0.9  # an engine score above which a character read on a box-shaped mark is believed
SLASH_LEAN = -0.25  # ink leaning forward this much (x per y, top to the right) is a /: a printed 1
# leans back a little (its flag, +0.08 to +0.12), a / forward (-0.45 to -0.49), on samples/scans/families
EVEN = 0.9  # an = 's strokes are this near one length; 二's upper stroke is 0.75 of its lower
# what the engine reads on a printed character and never on a box: letters, digits, and the signs
# printed in a value cell (a blurred % fills like ■: samples/scans/families/sichuan_selfeval-real-lo-scan.pdf)
_TEXT = regex.compile(r"[\p{L}\p{N}%％‰℃°#&@¥￥$--[口囗回日田目Vv]]", regex.V1)
_DASH_ONLY = regex.compile(r"^[一]$")  # a cell holding only 一 is the dash — (OCR reads — as 一)


@dataclass
class Reading:
    """One orientation of the page: its pixels, checkboxes and ruled grid, and the text read on it."""

    gray: np.ndarray
    binary: np.ndarray
    ink: np.ndarray  # the binary without its rules, 0/1
    checkboxes: list[Checkbox]
    tables: list[Table]
    plan: Plan | None  # where the text lines are (None: a page without a grid, read by detection)
    boxes: list[TextBox] = field(default_factory=list)


# ---- one orientation of the page ----------------------------------------------------------------------


def _look(gray: np.ndarray, points_per_pixel: float) -> Reading:
    """The page's pixels studied before any OCR: checkboxes, the ruled grid, and where its lines are."""
    binary = raster.binarize(gray, points_per_pixel)
    horizontal, vertical = raster.rule_masks(binary, points_per_pixel)
    tables = find_tables(raster.rule_segments(binary, points_per_pixel, (horizontal, vertical)))
    ink = textlines.text_ink(binary, horizontal, vertical, points_per_pixel)
    plan = textlines.plan_page(ink, tables, points_per_pixel) if tables else None
    return Reading(gray, binary, ink, checkbox.find_checkboxes(binary, points_per_pixel), tables, plan)


def _read(reading: Reading) -> Reading:
    """Recognise the page: with a grid, its lines in cells without detection and detection only in
    its regions; without one, detection over the whole page."""
    if reading.plan is None:
        reading.boxes = read_image(reading.gray)
    else:
        plan = reading.plan
        reading.boxes = (read_lines(reading.gray, plan.lines) + read_regions(reading.gray, plan.regions)
                         + read_regions(reading.gray, plan.outside, plan.tables))
    return reading


# ---- orientation ------------------------------------------------------------------------------------


def _upright(gray: np.ndarray, points_per_pixel: float) -> tuple[Reading, int]:
    """The page the right way up, and the clockwise turn that made it so. With a grid, the pixels say
    whether the text runs down the page (sideways) and the classifier, shown its longest lines, which
    way up; nothing is recognised twice. A page judged upside down is turned only if the engine reads
    those lines more surely turned (a misjudged page keeps its reading)."""
    reading = _look(gray, points_per_pixel)
    if reading.plan is None:
        return _upright_by_detection(reading, points_per_pixel)
    if textlines.runs_down(reading.ink, points_per_pixel):
        # turned anticlockwise, a line running down reads left to right or upside down
        turned = _look(raster.quarter_turn(gray, 270), points_per_pixel)
        if upside_down_share(_samples(turned)) <= 0.5:
            return _read(turned), 270
        return _read(_look(raster.quarter_turn(gray, 90), points_per_pixel)), 90
    if upside_down_share(_samples(reading)) <= 0.5:
        return _read(reading), 0
    turned = _look(raster.quarter_turn(gray, 180), points_per_pixel)
    surer = _sureness(read_lines(turned.gray, _longest_lines(turned)))
    if surer < _sureness(read_lines(gray, _longest_lines(reading))):
        return _read(reading), 0
    return _read(turned), 180


def _longest_lines(reading: Reading) -> list[Box]:
    lines = reading.plan.lines if reading.plan else []
    return sorted(lines, key=lambda line: line.width)[-ORIENTATION_SAMPLES:]


def _samples(reading: Reading) -> list[np.ndarray]:
    return [reading.gray[line.top:line.bottom, line.x0:line.x1] for line in _longest_lines(reading)]


def _upright_by_detection(reading: Reading, points_per_pixel: float) -> tuple[Reading, int]:
    """A page without a ruled grid: read whole, and read again turned when its text boxes run down
    the page or the classifier finds its longest lines upside down."""
    _read(reading)
    turn = _turn_needed(reading) if reading.boxes else 0
    if not turn:
        return reading, 0
    again = _read(_look(raster.quarter_turn(reading.gray, turn), points_per_pixel))
    if turn == 180 and _sureness(again.boxes) < _sureness(reading.boxes):
        return reading, 0
    return again, turn


def _turn_needed(reading: Reading) -> int:
    """Clockwise degrees that make the page upright: text boxes running down the page mean it lies
    sideways; the classifier, shown its longest lines, says which way up."""
    lines = [box for box in reading.boxes if len(box.text.strip()) >= 3]
    tall = [box for box in lines if box.bottom - box.top > SIDEWAYS * (box.x1 - box.x0)]
    wide = [box for box in lines if box.x1 - box.x0 > SIDEWAYS * (box.bottom - box.top)]
    if len(tall) > max(2, len(wide)):
        crops = [np.rot90(_crop(reading.gray, box)) for box in _longest(tall, vertical=True)]
        return 90 if upside_down_share(crops) > 0.5 else 270
    crops = [_crop(reading.gray, box) for box in _longest(wide, vertical=False)]
    return 180 if upside_down_share(crops) > 0.5 else 0


def _longest(boxes: list[TextBox], vertical: bool) -> list[TextBox]:
    return sorted(boxes, key=lambda b: (b.bottom - b.top) if vertical else (b.x1 - b.x0))[-ORIENTATION_SAMPLES:]


def _crop(gray: np.ndarray, box: TextBox) -> np.ndarray:
    return np.ascontiguousarray(gray[int(box.top):int(box.bottom) + 1, int(box.x0):int(box.x1) + 1])


def _sureness(boxes: list[TextBox]) -> float:
    """The engine's mean score per character: text read upside down or sideways scores low."""
    weight = sum(len(box.text) for box in boxes)
    return sum(box.score * len(box.text) for box in boxes) / weight if weight else 0.0


# ---- the page ---------------------------------------------------------------------------------------


def ocr_page_image(image: np.ndarray, page: int, points_per_pixel: float) -> tuple[list[Line], list[str]]:
    """A scanned page (BGR or gray pixels) as Lines in reading order, and sentences about its doubts.

    Boxes are in points (pixels x points_per_pixel) in the deskewed, upright page: see the module doc.
    """
    gray, red = raster.suppress_seal(image)
    binary = raster.binarize(gray, points_per_pixel)
    angle = raster.skew_angle(binary, points_per_pixel)
    reading, turn = _upright(raster.rotate(gray, angle or 0.0), points_per_pixel)
    glyphs = [glyph for glyph in _glyphs([_sign(box, reading.ink) for box in reading.boxes], points_per_pixel)
              if not _rule_read(glyph, reading.tables)]
    boxes = [box for box in reading.checkboxes if not _read_as_text(box, glyphs, points_per_pixel)]
    glyphs = [glyph for glyph in glyphs if not any(_on(box, glyph, points_per_pixel) for box in boxes)]
    glyphs += _checkbox_glyphs(boxes, points_per_pixel)
    lines = layout.glyphs_to_lines(glyphs, reading.tables, page, OCR)
    return lines, _doubts(page, lines, reading, boxes, turn, angle, red)


def ocr_pdf_page(pdf_page: pdfium.PdfPage, page: int, dpi: int = DEFAULT_DPI) -> tuple[list[Line], list[str]]:
    """Render a PDF page (in gray when all its images are gray: faster, and no seal to separate)."""
    image = raster.render(pdf_page, dpi, gray=raster.page_is_gray(pdf_page))
    return ocr_page_image(image, page, 72 / dpi)


def ocr_image_file(path: Path) -> tuple[list[Line], list[str]]:
    """A scanned or photographed page stored as PNG/JPEG; page number 1."""
    from PIL import Image, ImageOps

    with Image.open(path) as opened:
        picture = ImageOps.exif_transpose(opened)  # phones store the turn in EXIF, not in the pixels
        dpi, note = _image_dpi(picture.size, picture.info.get("dpi"))
        pixels = np.asarray(picture.convert("L" if picture.mode in ("1", "L", "I;16") else "RGB"))
    image = pixels if pixels.ndim == 2 else np.ascontiguousarray(pixels[:, :, ::-1])
    image, dpi = _limit_size(image, dpi)
    lines, doubts = ocr_page_image(image, 1, 72 / dpi)
    return lines, ([f"page 1: {note}"] if note else []) + doubts


def _image_dpi(size: tuple[int, int], stated) -> tuple[float, str | None]:
    """The file's resolution when it implies a page between A6 and A3; else 200 dpi when that does;
    else the resolution at which the image's long side is an A4 page's (a photo at 72 'dpi')."""
    long_side = max(size)
    low, high = PAGE_LONG_SIDE_IN
    if stated and stated[0] and low <= long_side / float(stated[0]) <= high:
        return float(stated[0]), None
    if low <= long_side / ASSUMED_DPI <= high:
        note = f"the file's {stated[0]:.0f} dpi is implausible; assumed {ASSUMED_DPI}" if stated and stated[0] else None
        return float(ASSUMED_DPI), note
    dpi = long_side / A4_LONG_SIDE_IN
    return dpi, f"no plausible resolution; took the image as an A4 page ({dpi:.0f} dpi)"


def _limit_size(image: np.ndarray, dpi: float) -> tuple[np.ndarray, float]:
    import cv2

    scale = MAX_PIXELS_LONG_SIDE / max(image.shape[:2])
    if scale >= 1:
        return image, dpi
    resized = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return resized, dpi * scale


# ---- glyphs -----------------------------------------------------------------------------------------


def _glyphs(boxes: list[TextBox], points_per_pixel: float) -> list[Glyph]:
    glyphs = []
    for box in boxes:
        words = box.words or _spread(box)
        for text, (x0, top, x1, bottom) in words:
            glyphs.append(Glyph(text, x0 * points_per_pixel, top * points_per_pixel,
                                x1 * points_per_pixel, bottom * points_per_pixel, box.score))
    return glyphs


def _rule_read(glyph: Glyph, tables: list[Table]) -> bool:
    """A stroke (1, l, I, |) read without sureness at a corner of the cell it is in: the crossing of the cell's
    rules read as a character beside its text (项目名称1). A cell's own 1 is read surely (12345热线 in a low row
    reaches its corner too)."""
    if glyph.text not in _STROKES or glyph.confidence >= _SURE_STROKE:
        return False
    x, y = glyph.centre
    for table in tables:
        if (index := table.cell_at(x, y)) is not None:
            left, top, right, bottom = table.cells[index].bbox
            return min(abs(glyph.x0 - left), abs(right - glyph.x1)) <= _CORNER \
                and min(abs(glyph.top - top), abs(bottom - glyph.bottom)) <= _CORNER
    return False


_STROKES = frozenset("1lI|丨｜")
_CORNER = 4.0  # points from both of a corner's rules
_SURE_STROKE = 0.9  # the recogniser's confidence in a real 1 (0.99 and up); rules' crossings read 0.58-0.75


def _sign(box: TextBox, ink: np.ndarray) -> TextBox:
    """A sign printed alone that the recogniser reads as the character it looks like: a / as 1 (a cell
    printed / for 'none'), an = as 二 (alone in a 指标性质 column). The ink, which the recogniser's crop
    scaled to a line's height does not weigh, tells them apart."""
    test = _LOOKALIKES.get(box.text)
    if test is None:
        return box
    sign, holds = test
    crop = ink[int(box.top):int(box.bottom) + 1, int(box.x0):int(box.x1) + 1]
    if not holds(crop):
        return box
    return replace(box, text=sign, words=tuple((sign, bounds) for _, bounds in box.words))


def _leans_forward(crop: np.ndarray) -> bool:
    """A / leans forward (top to the right); a printed 1 stands, or leans back on its flag."""
    ys, xs = np.nonzero(crop)
    return len(ys) >= 5 and ys.max() - ys.min() >= 3 and np.polyfit(ys, xs, 1)[0] <= SLASH_LEAN


def _even_strokes(crop: np.ndarray) -> bool:
    """= is two flat strokes as long as each other; 二's upper stroke is shorter (0.75 in wqy)."""
    rows = np.flatnonzero(crop.sum(axis=1))
    if len(rows) == 0:
        return False
    strokes = np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1)
    if len(strokes) != 2:
        return False
    lengths = [np.flatnonzero(crop[stroke].sum(axis=0)) for stroke in strokes]
    upper, lower = (span[-1] - span[0] + 1 for span in lengths)
    return min(upper, lower) >= EVEN * max(upper, lower)


_LOOKALIKES = {"1": ("/", _leans_forward), "二": ("=", _even_strokes)}


def _spread(box: TextBox) -> tuple[tuple[str, tuple[float, float, float, float]], ...]:
    """A box's characters at even widths, for a box that came without word boxes."""
    chars = [(index, char) for index, char in enumerate(box.text) if not char.isspace()]
    step = (box.x1 - box.x0) / max(1, len(box.text))
    return tuple((char, (box.x0 + index * step, box.top, box.x0 + (index + 1) * step, box.bottom))
                 for index, char in chars)


def _on(box: Checkbox, glyph: Glyph, points_per_pixel: float) -> bool:
    """Does the glyph sit on the printed box (or on a tick's tail next to it)?"""
    x, y = glyph.centre[0] / points_per_pixel, glyph.centre[1] / points_per_pixel
    return box.x0 - box.reach <= x <= box.x1 + box.reach and box.top - box.reach <= y <= box.bottom + box.reach


def _read_as_text(box: Checkbox, glyphs: list[Glyph], points_per_pixel: float) -> bool:
    """A box-shaped character (通, 外, 33 in a blurred scan): the engine confidently read a letter, digit
    or Han character on it, or a word of several characters runs over it. A real box reads as □ ☑ ■,
    as a box-like 口, or as nothing."""
    x, y = (box.x0 + box.x1) / 2 * points_per_pixel, (box.top + box.bottom) / 2 * points_per_pixel
    for glyph in glyphs:
        if glyph.confidence < TEXT_NOT_BOX or not _TEXT.search(glyph.text):
            continue
        if _on(box, glyph, points_per_pixel):
            return True
        if len(glyph.text) > 1 and glyph.x0 < x < glyph.x1 and glyph.top < y < glyph.bottom:
            return True
    return False


def _checkbox_glyphs(boxes: list[Checkbox], points_per_pixel: float) -> list[Glyph]:
    """Each checkbox as a ☑/☐ character where it is printed, so it lands after its option label.
    What the OCR read on the box (□ ☑ ■, 口, V for a tick's tail, or nothing for ■) is dropped first:
    the state comes from the pixels. The page is not painted over before OCR instead: rapidocr then
    doubled the character before the blank (新增项目目, samples/pdf/002-lo.pdf page 1)."""
    return [Glyph(box.mark, box.x0 * points_per_pixel, box.top * points_per_pixel, box.x1 * points_per_pixel,
                  box.bottom * points_per_pixel, box.confidence) for box in boxes]


# ---- lines ------------------------------------------------------------------------------------------


def cell_text(glyphs: list[Glyph]) -> str:
    """A cell's glyphs top to bottom, left to right; wrapped lines joined by the CJK rules."""
    return layout.cell_text(glyphs, OCR)


# ---- text -------------------------------------------------------------------------------------------

# full-width punctuation between two digits is part of the number (81，572 / 99．57 / 10：30); the
# OCR also reads a decimal point as 。 there. Chinese punctuation elsewhere is kept as printed.
_NUMBER_PUNCTUATION = regex.compile(r"(?<=\d)[，．：／。](?=\d)")


def fold_numbers(text: str) -> str:
    return _NUMBER_PUNCTUATION.sub(lambda m: "." if m.group() == "。" else unicodedata.normalize("NFKC", m.group()),
                                   text)


def _clean(text: str) -> str:
    return _DASH_ONLY.sub("—", fold_numbers(text))


# recognised glyphs: a line's text boxes share their top and bottom; the engine prints no spaces
OCR = layout.Style(method="ocr", same_line=layout.overlaps_share(0.5), space_gap=SPACE_GAP, clean=_clean)


# ---- doubts -----------------------------------------------------------------------------------------


def _short(text: str, length: int = 16) -> str:
    return text if len(text) <= length else text[:length] + "…"


def _doubts(page: int, lines: list[Line], reading: Reading, boxes: list[Checkbox], turn: int,
            angle: float | None, red: float) -> list[str]:
    doubts = []
    if turn:  # report/pages.py reads this sentence back to draw the page as it was read: keep its shape
        how = "upside down" if turn == 180 else "sideways"
        doubts.append(f"page {page}: the scan lay {how}; turned {turn}° clockwise to read it "
                      "(boxes are in the upright page)")
    if red > SEAL_SHARE:
        doubts.append(f"page {page}: a red seal was removed before OCR ({red:.1%} of the page); "
                      "text printed under it may be misread")
    if angle is None and lines:
        doubts.append(f"page {page}: no long rule to measure the skew on; read as scanned")
    if not reading.boxes:
        doubts.append(f"page {page}: the OCR found no text")
    low = [cell for line in lines for cell in line.cells if cell.where.confidence < LOW_CONFIDENCE]
    if low:
        listed = "; ".join(f"「{_short(cell.text)}」 {cell.where.confidence:.2f}" for cell in low[:5])
        more = f" and {len(low) - 5} more" if len(low) > 5 else ""
        doubts.append(f"page {page}: {len(low)} cells read with low confidence: {listed}{more}")
    unsure = [box for box in boxes if box.confidence < 1.0]
    if unsure:
        doubts.append(f"page {page}: {len(unsure)} checkboxes hold a little ink (a faint tick or dirt); "
                      f"read as {' '.join(box.mark for box in unsure)}")
    return doubts
