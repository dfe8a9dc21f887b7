"""PDF pages as images in the frame the provenance boxes use.

A Where's bbox is in the frame the extractor read the page in, in PDF points from its top-left:
- a text page: the media box turned so its text runs left to right (extract.pdf's display matrix,
  which follows the text, not /Rotate);
- an OCR'd page: the page as displayed (/Rotate applied, crop box), turned a further quarter turn
  when the scan lay sideways or upside down (extract.ocr), not deskewed back.
Each page is rendered by pdfium turned the same way, so a box maps onto the image by one scale and
one offset: the image's top-left corner in that frame (`origin`). The report places boxes in percent
of the page size in points, so the image can be shown at any width.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from extract.pdf import _display_matrix
from models import Document

# 144 dpi: the small print of a form stays legible when zoomed; huge pages are capped in pixels
RENDER_SCALE = 2.0
MAX_PIXELS = 2400
# a PNG above this many bytes is a photo-like page (a scan): JPEG keeps the report small
PNG_LIMIT = 400_000
JPEG_QUALITY = 80

_OCR_TURN = re.compile(r"page (\d+): the scan lay [\w ]+; turned (\d+)° clockwise")
_ROTATION = {(1, 0, 0, -1): 0, (0, 1, 1, 0): 90, (-1, 0, 0, 1): 180, (0, -1, -1, 0): 270}


@dataclass(frozen=True)
class PageImage:
    number: int  # 1-based, as Where.page
    data_uri: str
    width: float  # the rendered area in the reading frame, PDF points
    height: float
    origin: tuple[float, float]  # the reading-frame point at the image's top-left corner

    def percent_box(self, bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """left, top, width, height of a provenance box in percent of the page image."""
        x0, top, x1, bottom = bbox
        ox, oy = self.origin
        return (100 * (x0 - ox) / self.width, 100 * (top - oy) / self.height,
                100 * (x1 - x0) / self.width, 100 * (bottom - top) / self.height)


def render_pages(path: Path, turns: Mapping[int, int]) -> tuple[list[PageImage], str | None]:
    """Every page of the PDF at `path`, or no page and the reason (not a PDF, unreadable).
    `turns`: page number -> the OCR's quarter turn (degrees clockwise) for the pages read by OCR."""
    if not path.is_file():
        return [], f"{path}: the file is not there any more, so no page images."
    with path.open("rb") as stream:
        head = stream.read(1024)
    if b"%PDF" not in head:  # an image file: its size in points is not recorded
        return [], f"{path}: page images are drawn for PDF input only; each value still says where it was read."
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        return [], f"{path}: pdfium could not open it for page images ({error})."
    try:
        return [_render(document[number - 1], number, turns.get(number))
                for number in range(1, len(document) + 1)], None
    finally:
        document.close()


def ocr_turns(document: Document) -> dict[int, int]:
    """The pages read by OCR -> the quarter turn the OCR gave each (0 for most).

    Until the model records a page's frame, the turn is read from the OCR's own note in
    Document.errors ("page 3: the scan lay sideways; turned 90° clockwise to read it")."""
    pages = {where.page for form in document.forms for where in form.provenance.values()
             if where.method == "ocr" and where.page is not None}
    turns = {int(match[1]): int(match[2]) for error in document.errors if (match := _OCR_TURN.match(error))}
    return {page: turns.get(page, 0) for page in pages}


def _render(page: pdfium.PdfPage, number: int, ocr_turn: int | None) -> PageImage:
    if ocr_turn is not None or _no_text(page):  # a page without text is shown as the viewer shows it
        return _render_as_read(page, number, ocr_turn or 0)
    a, b, c, d, e, f = _display_matrix(page)
    turn = _ROTATION[tuple(round(v) for v in (a, b, c, d))]

    def frame(x: float, y: float) -> tuple[float, float]:
        return a * x + c * y + e, b * x + d * y + f

    left, bottom, right, top = page.get_cropbox()
    corners = [frame(x, y) for x in (left, right) for y in (bottom, top)]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    # pdfium adds its `rotation` to the page's /Rotate: ask for what turns it into the reading frame
    bitmap = page.render(scale=_scale(width, height), rotation=(turn - page.get_rotation()) % 360)
    return PageImage(number, _data_uri(bitmap.to_pil()), width, height, (min(xs), min(ys)))


def _render_as_read(page: pdfium.PdfPage, number: int, turn: int) -> PageImage:
    width, height = page.get_size()  # as displayed: /Rotate applied
    if turn in (90, 270):
        width, height = height, width
    bitmap = page.render(scale=_scale(width, height), rotation=turn)
    return PageImage(number, _data_uri(bitmap.to_pil()), width, height, (0.0, 0.0))


def _no_text(page: pdfium.PdfPage) -> bool:
    textpage = page.get_textpage()
    try:
        return textpage.count_chars() == 0
    finally:
        textpage.close()


def _scale(width: float, height: float) -> float:
    return min(RENDER_SCALE, MAX_PIXELS / max(width, height))


def _data_uri(image: Image.Image) -> str:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    kind = "png"
    if buffer.tell() > PNG_LIMIT:
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="JPEG", quality=JPEG_QUALITY)
        kind = "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(buffer.getvalue()).decode('ascii')}"
