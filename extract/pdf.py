"""Text PDFs -> lines of cells: every character with its box from pdfium, ruled tables from the
page's own path segments, each character placed in its cell. One pass per page, no pdfminer: the
pdfium text layer is what STACK.md measured fastest, and it reads the fonts pdfminer cannot.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import regex

from extract.errors import InputError
from extract.grid import Segment, Table, find_tables
from extract.layout import Glyph, Style, glyphs_to_lines, overlaps_by
from models import Line

_PATH, _FORM, _IMAGE, _TEXT = (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM, raw.FPDF_PAGEOBJ_IMAGE,
                               raw.FPDF_PAGEOBJ_TEXT)
_AXIS = 0.5  # points: a segment this close to level or plumb is a rule
_SCAN_SHARE = 0.5  # a page this much covered by images, with no ruled table, is read as a scan
_GARBAGE = ("\ufffd", "(cid:")
# a text layer's glyph boxes are tight (a comma sits lower than its digits), and it prints its own spaces
TEXT_LAYER = Style(method="text", same_line=overlaps_by(0.5), words_as_printed=True)
_IMAGE_MAGIC = {
    b"\x89PNG": "a PNG image", b"\xff\xd8": "a JPEG image", b"GIF8": "a GIF image", b"II*\x00": "a TIFF image",
}


@dataclass
class PageText:
    number: int
    lines: list[Line]
    chars: int
    readable: bool  # False: no usable text layer (a scan), for the OCR path
    reason: str | None = None  # why not


def open_pdf(path: Path) -> pdfium.PdfDocument:
    """Open a PDF, turning pdfium's failures into one clear sentence."""
    with path.open("rb") as stream:
        head = stream.read(1024)
    if b"%PDF" not in head:
        kind = next((name for magic, name in _IMAGE_MAGIC.items() if head.startswith(magic)), None)
        raise InputError(f"{path}: not a PDF{f' (it is {kind})' if kind else ''}.")
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError:
        raise InputError(f"{path}: {_load_failure(path.read_bytes())}") from None
    if len(document) == 0:
        raise InputError(f"{path}: the PDF has no pages.")
    return document


def _load_failure(data: bytes) -> str:
    """Why pdfium refused a file. Its own error code is global and can be stale, so the file is asked."""
    if b"/Encrypt" in data:
        return "the PDF is encrypted and needs a password."
    if regex.search(rb"/Count\s+0\b", data) and not regex.search(rb"/Count\s+[1-9]", data):
        return "the PDF has no pages."  # pdfium refuses an empty page tree
    return "not a readable PDF (damaged or truncated)."


def page_text(page: pdfium.PdfPage, number: int) -> PageText:
    textpage = page.get_textpage()
    try:
        display = _display_matrix(page, textpage)
        drawing = _drawing(page, display)
        turned = _turned(textpage) if drawing.turned else frozenset()
        chars = _chars(textpage, display, drawing.substituted, turned)
    finally:
        textpage.close()
    tables = find_tables(drawing.segments)
    unusable = _unusable(chars, tables, drawing.image_share)
    lines = [] if unusable else glyphs_to_lines(chars, tables, number, TEXT_LAYER)
    return PageText(number, lines, len(chars), unusable is None, unusable)


def _unusable(chars: list[Glyph], tables: list[Table], image_share: float) -> str | None:
    """Why the page's text layer cannot be used, or None: no characters, undecodable ones (cid:…),
    or a page that is mostly a picture with no ruled table drawn over it (a scan, perhaps with an
    invisible OCR layer that lost the table's grid)."""
    if not chars:
        return "no text layer"
    text = "".join([char[0] for char in chars])  # Glyph.text
    if sum(text.count(mark) for mark in _GARBAGE) >= 0.1 * len(text):
        return "text layer is not decodable"
    if image_share >= _SCAN_SHARE and not tables:
        return f"an image covers {image_share:.0%} of the page and no table is drawn over it"
    return None


Matrix = tuple[float, float, float, float, float, float]  # x' = a·x + c·y + e, y' = b·x + d·y + f


def _text_direction(textpage: pdfium.PdfTextPage) -> int:
    """The page's dominant text direction in user space, in degrees (0, 90, 180, 270).

    The reading frame follows the text, not /Rotate: a landscape table drawn sideways on a portrait
    page reads upright once turned by its own text angle, whatever the viewer's rotation says."""
    count = raw.FPDFText_CountChars(textpage)
    votes = [0, 0, 0, 0]
    handle, char_angle = textpage.raw, _unchecked("FPDFText_GetCharAngle")
    for index in range(0, count, max(1, count // 200)):
        if (quarter := _quarter(char_angle(handle, index))) >= 0:
            votes[quarter] += 1
    return 90 * ((4 - votes.index(max(votes))) % 4)  # pdfium measures the angle clockwise


def _display_matrix(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage | None = None) -> Matrix:
    """PDF user space -> the reading frame: top-left origin, turned so the text runs left to right."""
    left, bottom, right, top = page.get_mediabox()
    width, height = right - left, top - bottom
    own = textpage is None
    textpage = page.get_textpage() if textpage is None else textpage
    try:
        direction = _text_direction(textpage)
    finally:
        if own:
            textpage.close()
    rotated = {
        0: (1, 0, 0, -1, 0, height),
        90: (0, 1, 1, 0, 0, 0),
        180: (-1, 0, 0, 1, width, 0),
        270: (0, -1, -1, 0, height, width),
    }[direction]
    return _compose((1, 0, 0, 1, -left, -bottom), rotated)


def _apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


_NOT_TEXT = frozenset("\x00\ufffe\ufeff\r\n")


def _chars(textpage: pdfium.PdfTextPage, display: Matrix, substituted: bool = False,
           turned: frozenset[int] = frozenset()) -> list[Glyph]:
    """Every character with its box in the reading frame. This loop runs for every character of every
    page: the text comes in one call, and each character costs one pdfium call for its box
    (substituted: some font on the page is not embedded, see _metric_box). The characters of a run turned
    a quarter from the page's text (`turned`, a label drawn up its cell) are one glyph, in the run's order:
    placed by their boxes they would read top to bottom, backwards for a label drawn upwards."""
    a, b, c, d, e, f = display
    count = raw.FPDFText_CountChars(textpage)
    text = textpage.get_text_range(0, count) if count else ""
    if len(text) != count:  # one code point per character index, or ask character by character
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage, index)) for index in range(count))
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    to_left, to_right, to_bottom, to_top = map(ctypes.byref, (left, right, bottom, top))  # passed as they are
    handle, char_box, generated = textpage.raw, _unchecked("FPDFText_GetCharBox"), _unchecked("FPDFText_IsGenerated")
    if substituted:
        char_box = _metric_box(char_box, (left, right, bottom, top))
    chars: list[Glyph] = []
    append, glyph = chars.append, tuple.__new__  # Glyph(...) without its Python-level __new__: the same tuple
    # an upright page (no turn: b = c = 0) drops the terms that add a zero: the same sums, unless e or f is -0.0
    upright = b == 0 and c == 0 and math.copysign(1, e) > 0 and math.copysign(1, f) > 0
    for index, char in enumerate(text):
        if char in _NOT_TEXT:
            continue
        if char.isspace():
            if generated(handle, index) == 1:  # pdfium's own spaces and line breaks (never anything else)
                continue
            char = " "
        char_box(handle, index, to_left, to_right, to_bottom, to_top)
        x, y, x2, y2 = left.value, top.value, right.value, bottom.value
        if upright:
            x0, y0, x1, y1 = a * x + e, d * y + f, a * x2 + e, d * y2 + f
        else:
            x0, y0, x1, y1 = a * x + c * y + e, b * x + d * y + f, a * x2 + c * y2 + e, b * x2 + d * y2 + f
        if turned and index in turned and index - 1 in turned and chars:
            box = (x1 if x1 < x0 else x0, y1 if y1 < y0 else y0, x1 if x1 > x0 else x0, y1 if y1 > y0 else y0)
            run = chars[-1]  # the run goes on: one glyph over both boxes
            box = (min(run[1], box[0]), min(run[2], box[1]), max(run[3], box[2]), max(run[4], box[3]))
            chars[-1] = glyph(Glyph, (run[0] + char, *box, 1.0))
            continue
        # the box's corners, min and max written out (the same values), straight into the glyph: a quarter of
        # this loop's time went to their calls, and a sixth to a tuple made for the box alone
        append(glyph(Glyph, (char, x1 if x1 < x0 else x0, y1 if y1 < y0 else y0, x1 if x1 > x0 else x0,
                             y1 if y1 > y0 else y0, 1.0)))
    return chars


def _quarter(angle: float) -> int:
    """pdfium's character angle (radians, clockwise; negative where it has none) as quarter turns 0-3, or -1."""
    return round(math.degrees(angle) / 90) % 4 if angle >= 0 else -1


def _turned(textpage: pdfium.PdfTextPage) -> frozenset[int]:
    """The characters set a quarter turn from most of the page's (a level label drawn up its merged cell)."""
    handle, char_angle = textpage.raw, _unchecked("FPDFText_GetCharAngle")
    quarters = [_quarter(char_angle(handle, index)) for index in range(raw.FPDFText_CountChars(textpage))]
    counted = [quarters.count(quarter) for quarter in range(4)]
    main = counted.index(max(counted))
    return frozenset(index for index, quarter in enumerate(quarters) if quarter in ((main + 1) % 4, (main + 3) % 4))


def _metric_box(glyph_box: Callable[..., int], into: tuple[ctypes.c_double, ...]) -> Callable[..., int]:
    """glyph_box, except for characters whose font the PDF does not embed: pdfium draws those with a
    font of the machine's own, so their outlines (the rows they seem to share, the gaps between words)
    would change with the fonts installed. Their box is built from what the PDF itself sets instead:
    the origin, the advance (pdfium's loose box across) and the font size, with a Song font's ink in it."""
    left, right, bottom, top = into
    rect, substitute, x, y = raw.FS_RECTF(), {}, ctypes.c_double(), ctypes.c_double()

    def box(handle, index: int, *refs) -> int:
        obj = raw.FPDFText_GetTextObject(handle, index)
        key = ctypes.cast(obj, ctypes.c_void_p).value
        if key not in substitute:
            substitute[key] = bool(key) and not raw.FPDFFont_GetIsEmbedded(raw.FPDFTextObj_GetFont(obj))
        if not substitute[key]:
            return glyph_box(handle, index, *refs)
        found = raw.FPDFText_GetLooseCharBox(handle, index, rect) and raw.FPDFText_GetCharOrigin(handle, index, x, y)
        size = raw.FPDFText_GetFontSize(handle, index)
        start, end = _INK_ACROSS.get(chr(raw.FPDFText_GetUnicode(handle, index)), _IDEOGRAPH_INK)
        advance = rect.right - rect.left
        left.value, right.value = rect.left + start * advance, rect.left + end * advance
        bottom.value, top.value = y.value - _INK_DESCENT * size, y.value + _INK_ASCENT * size
        return found

    return box


# where a Song or Hei font's ink stands in a character's advance (shares of it across, of the font size up
# and down): full-width punctuation inks a side of its square, and a gap to the next cell is a gap of ink
_INK_ASCENT, _INK_DESCENT = 0.84, 0.08
_IDEOGRAPH_INK = (0.05, 0.95)
_INK_ACROSS = {**dict.fromkeys("（【《「『〔〈“‘", (0.55, 0.9)),  # opening marks ink the right of their square
               **dict.fromkeys("）】》」』〕〉”’、，。；：！？", (0.1, 0.45))}


@cache
def _unchecked(name: str):
    """pdfium's function of this name without ctypes' per-argument type checks (its arguments here
    are handles, ints and byref numbers, all passed as they are): half the cost of each call, and
    these run for every character and every page object. Called holding the GIL (PYFUNCTYPE): each
    call is a few hundred nanoseconds of pdfium, less than releasing and taking the lock back costs."""
    function = getattr(raw, name)
    return ctypes.PYFUNCTYPE(function.restype)(ctypes.cast(function, ctypes.c_void_p).value)


@dataclass
class _Drawing:
    segments: list[Segment]  # the rules the page's paths draw
    image_share: float  # how much of the page its images cover
    substituted: bool = False  # a text object's font is not embedded
    turned: bool = False  # a text object is turned from upright (a label drawn up its cell, or a page's text)


def _drawing(page: pdfium.PdfPage, display: Matrix) -> _Drawing:
    """One pass over the page's objects (thousands, most of them text): the rule segments its paths
    draw, inside form XObjects too, how much of the page its images cover (their bounding boxes,
    capped at the page), and what its text objects say of their fonts and turns."""
    left, bottom, right, top = page.get_mediabox()
    area = (right - left) * (top - bottom) or 1.0
    covered, substituted, turned = 0.0, False, False
    found: list[Segment] = []
    matrix = raw.FS_MATRIX()
    x0, y0, x1, y1 = (ctypes.c_float() for _ in range(4))
    handle, get_object, get_type = page.raw, _unchecked("FPDFPage_GetObject"), _unchecked("FPDFPageObj_GetType")
    # asked of every text object (most of a page's objects): unchecked too, the matrix passed by reference
    get_font, embedded = _unchecked("FPDFTextObj_GetFont"), _unchecked("FPDFFont_GetIsEmbedded")
    get_matrix, into = _unchecked("FPDFPageObj_GetMatrix"), ctypes.byref(matrix)
    for index in range(raw.FPDFPage_CountObjects(handle)):
        obj = get_object(handle, index)
        kind = get_type(obj)
        if kind == _IMAGE and raw.FPDFPageObj_GetBounds(obj, x0, y0, x1, y1):
            covered += max(0.0, x1.value - x0.value) * max(0.0, y1.value - y0.value)
        elif kind in (_PATH, _FORM):
            _object_segments(obj, kind, display, found)
        elif kind == _TEXT:
            substituted = substituted or not embedded(get_font(obj))
            turned = turned or get_matrix(obj, into) and abs(matrix.b) > abs(matrix.a)
    return _Drawing(found, min(covered / area, 1.0), substituted, bool(turned))


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _object_segments(obj, kind: int, outer: Matrix, found: list[Segment]) -> None:
    """The rules a path draws, or the paths inside a form XObject draw (kind: the object's type)."""
    matrix = raw.FS_MATRIX()
    raw.FPDFPageObj_GetMatrix(obj, matrix)
    transform = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
    if kind == _FORM:  # LibreOffice draws whole tables inside form XObjects
        for index in range(raw.FPDFFormObj_CountObjects(obj)):
            inner = raw.FPDFFormObj_GetObject(obj, index)
            if (inner_kind := raw.FPDFPageObj_GetType(inner)) in (_PATH, _FORM):
                _object_segments(inner, inner_kind, transform, found)
        return
    points = _path_points(obj, transform)
    for (x0, y0, _), (x1, y1, move) in zip(points, points[1:]):
        if move:  # a new subpath starts: nothing is drawn between the two points
            continue
        if abs(y0 - y1) <= _AXIS and abs(x1 - x0) > _AXIS:
            found.append(Segment(min(x0, x1), y0, max(x0, x1), y0))
        elif abs(x0 - x1) <= _AXIS and abs(y1 - y0) > _AXIS:
            found.append(Segment(x0, min(y0, y1), x0, max(y0, y1)))


def _path_points(obj, transform: Matrix) -> list[tuple[float, float, bool]]:
    """The path's points as displayed (top-left origin); True marks the start of a subpath."""
    x, y = ctypes.c_float(), ctypes.c_float()
    at = (ctypes.byref(x), ctypes.byref(y))
    get_segment, get_point = _unchecked("FPDFPath_GetPathSegment"), _unchecked("FPDFPathSegment_GetPoint")
    get_type, get_close = _unchecked("FPDFPathSegment_GetType"), _unchecked("FPDFPathSegment_GetClose")
    points: list[tuple[float, float, bool]] = []
    first: tuple[float, float] | None = None
    for index in range(_unchecked("FPDFPath_CountSegments")(obj)):
        segment = get_segment(obj, index)
        get_point(segment, *at)
        px, py = _apply(transform, x.value, y.value)
        move = get_type(segment) == raw.FPDF_SEGMENT_MOVETO
        points.append((px, py, move))
        if move:
            first = (px, py)
        if get_close(segment) and first:
            points.append((first[0], first[1], False))
    return points
