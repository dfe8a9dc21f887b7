#!/usr/bin/env python3
"""Scanned samples for the OCR path (issue 4): samples/scans/*.pdf|png|jpg + manifest.toml.

Each scan is made from a text sample PDF in samples/pdf/ (make_samples.py) by what a scanner or a
phone does to a page: rasterise (150-300 dpi), gray or colour, skew, a red round seal stamped over the
unit's name, paper tone, blur, noise, specks, JPEG compression; some pages lie sideways or upside down.
The PDFs are image-only (img2pdf, JPEG inside, so the files stay small), except the mixed one, which
keeps some pages as text. The same inputs give the same bytes: every random draw is seeded by name.

    pip install img2pdf               # brings pikepdf, which assembles the pages
    python samples/make_scans.py      # reads samples/pdf/*.pdf (make_samples.py), rewrites samples/scans/
"""

from __future__ import annotations

import hashlib
import io
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.pdf import page_text  # noqa: E402  (the project's own reader finds the unit's name)

SOURCES = ROOT / "samples" / "pdf"
OUT = ROOT / "samples" / "scans"
FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
SEAL_RED = (200, 30, 40)  # RGB of stamp ink
UNIT_LABELS = ("申报单位", "实施单位", "预算单位")


@dataclass(frozen=True)
class Scanned:
    """How one page of the source was scanned."""

    page: int  # 1-based page of the source PDF
    dpi: int
    skew: float = 0.0  # degrees the paper lay turned anticlockwise on the glass
    rotation: int = 0  # degrees the whole image is turned clockwise (a page fed sideways / upside down)
    seal: bool = False  # a red round seal over the unit's name (the page is then scanned in colour)
    noise: float = 3.0  # sigma of the sensor noise, in gray levels
    quality: int = 50  # JPEG quality
    levels: int = 256  # gray levels kept (a scanner's PNG is often posterised, which also keeps it small)
    photo: bool = False  # a phone photo: colour, uneven light, slight keystone, no resolution stored


@dataclass(frozen=True)
class Kept:
    """A page of the source kept as text (in the mixed PDF)."""

    page: int


@dataclass(frozen=True)
class Scan:
    file: str
    source: str
    pages: tuple[Scanned | Kept, ...]
    note: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)


SCANS = (
    Scan("003-rl-scan.pdf", "003-rl.pdf",
         (Scanned(1, 200, skew=1.2, seal=True), Scanned(2, 200, skew=-0.8)),
         "☑ checkboxes; page 1 in colour with a red seal over 申报单位名称"),
    Scan("001-lo-scan.pdf", "001-lo.pdf",
         (Scanned(1, 150, skew=0.6, noise=4.0), Scanned(2, 150, skew=-0.5, rotation=180, noise=4.0)),
         "自评表 at 150 dpi; page 2 fed upside down"),
    Scan("002-rl-scan.pdf", "002-rl.pdf",
         (Scanned(1, 300, skew=-1.5, quality=40), Scanned(2, 200, skew=0.5, rotation=90)),
         "■ checkboxes at 300 dpi; page 2 fed sideways (turned 90° clockwise)"),
    Scan("004-lo-scan.pdf", "004-lo.pdf", (Scanned(1, 200, skew=2.0),), "2° skew"),
    Scan("000-rl-mixed.pdf", "000-rl.pdf",
         (Kept(1), Scanned(2, 200, skew=-1.0), Kept(3), Scanned(4, 200, skew=0.7, rotation=270)),
         "pages 1 and 3 keep their text layer, 2 and 4 are scans (4 turned 90° anticlockwise)"),
    Scan("003-rl-p1.png", "003-rl.pdf", (Scanned(1, 150, skew=0.9, noise=2.0, levels=8),),
         "a scan saved as PNG (gray posterised to 8 levels, 150 dpi stored in the file)"),
    Scan("001-rl-p2-photo.jpg", "001-rl.pdf", (Scanned(2, 190, skew=-1.4, quality=60, photo=True),),
         "a phone photo: colour, uneven light, 0.3% keystone, the file says 72 dpi"),
)


# ---- one page --------------------------------------------------------------------------------------


def rng_for(*parts: object) -> np.random.Generator:
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "big"))


def render(page: pdfium.PdfPage, dpi: int) -> np.ndarray:
    """The page as RGB uint8."""
    return np.ascontiguousarray(page.render(scale=dpi / 72).to_numpy()[:, :, 2::-1])


def unit_spot(page: pdfium.PdfPage, labels: tuple[str, ...] = UNIT_LABELS) -> tuple[float, float] | None:
    """Where the unit's name is printed (points), from the page's own text: the seal goes there."""
    for line in page_text(page, 1).lines:
        for index, cell in enumerate(line.cells):
            if any(label in cell.text for label in labels) and cell.where.bbox:
                target = line.cells[index + 1] if len(cell.text) <= 7 and index + 1 < len(line.cells) else cell
                x0, top, x1, bottom = target.where.bbox
                return x1 - 0.3 * (x1 - x0), (top + bottom) / 2
    return None


def seal_layer(diameter: int, text: str) -> Image.Image:
    """A round red stamp (ring, star, the unit's name around the rim) as an 'L' ink mask."""
    mask = Image.new("L", (diameter, diameter), 0)
    draw = ImageDraw.Draw(mask)
    ring = max(3, diameter // 28)
    draw.ellipse((ring, ring, diameter - ring, diameter - ring), outline=255, width=ring)
    centre, star = diameter / 2, diameter * 0.14
    points = [(centre + (star if k % 2 == 0 else star * 0.4) * math.sin(k * math.pi / 5),
               centre - (star if k % 2 == 0 else star * 0.4) * math.cos(k * math.pi / 5)) for k in range(10)]
    draw.polygon(points, fill=255)
    font = ImageFont.truetype(FONT, max(8, diameter // 9), index=0)
    radius = diameter / 2 - ring * 2 - diameter // 11
    for index, char in enumerate(text):
        angle = math.radians(-120 + 240 * index / max(1, len(text) - 1))
        glyph = Image.new("L", (diameter // 8, diameter // 8), 0)
        ImageDraw.Draw(glyph).text((0, 0), char, font=font, fill=255)
        glyph = glyph.rotate(-math.degrees(angle), resample=Image.BICUBIC)
        x, y = centre + radius * math.sin(angle), centre - radius * math.cos(angle)
        mask.paste(255, (int(x - glyph.width / 2), int(y - glyph.height / 2)), glyph)
    return mask


def stamp(rgb: np.ndarray, spot: tuple[float, float], dpi: int, rng: np.random.Generator,
          text: str = "上海市财政项目专用章") -> np.ndarray:
    """Ink multiplies the paper: black print under the seal stays black, as on a real stamped form."""
    diameter = round(1.65 * dpi)  # a 42 mm seal
    ink = np.asarray(seal_layer(diameter, text), dtype=np.float32) / 255
    ink *= rng.uniform(0.75, 0.95, ink.shape).astype(np.float32)  # uneven ink
    x, y = round(spot[0] * dpi / 72 - diameter / 2), round(spot[1] * dpi / 72 - diameter / 2)
    x, y = max(0, min(x, rgb.shape[1] - diameter)), max(0, min(y, rgb.shape[0] - diameter))
    region = rgb[y:y + diameter, x:x + diameter].astype(np.float32)
    colour = np.asarray(SEAL_RED, dtype=np.float32) / 255
    tint = 1 - ink[:, :, None] * (1 - colour[None, None, :])
    out = rgb.copy()
    out[y:y + diameter, x:x + diameter] = (region * tint).astype(np.uint8)
    return out


def skew(image: np.ndarray, degrees: float) -> np.ndarray:
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    fill = (255,) * (image.shape[2] if image.ndim == 3 else 1)
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=fill)


def keystone(image: np.ndarray, share: float) -> np.ndarray:
    """The top edge narrower than the bottom: a phone held slightly tilted."""
    height, width = image.shape[:2]
    inset = share * width
    source = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    target = np.float32([[inset, 0], [width - inset, 0], [width, height], [0, height]])
    matrix = cv2.getPerspectiveTransform(source, target)
    return cv2.warpPerspective(image, matrix, (width, height), borderValue=(255, 255, 255))


def lighting(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A lamp off to one side: the page darkens smoothly towards one corner, tinted warm."""
    height, width = image.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    cx, cy = rng.uniform(0.2, 0.5) * width, rng.uniform(0.1, 0.4) * height
    falloff = 1 - 0.28 * np.hypot((xs - cx) / width, (ys - cy) / height)
    tint = np.asarray([0.92, 0.96, 1.0], dtype=np.float32)  # BGR: less blue
    return np.clip(image.astype(np.float32) * falloff[:, :, None] * tint, 0, 255).astype(np.uint8)


def degrade(image: np.ndarray, spec: Scanned, rng: np.random.Generator) -> np.ndarray:
    """Paper tone, optics blur, sensor noise and dust specks."""
    paper = rng.uniform(236, 246)
    out = image.astype(np.float32) * (paper / 255)
    out = cv2.GaussianBlur(out, (0, 0), 0.6 if spec.dpi < 250 else 0.9)
    out += rng.normal(0, spec.noise, out.shape).astype(np.float32)
    specks = rng.random(out.shape[:2]) < 0.0002
    out[specks] = rng.uniform(20, 120)
    step = 256 // spec.levels
    return (np.clip(out, 0, 255).astype(np.uint8) // step) * step


def scan_page(document: pdfium.PdfDocument, spec: Scanned, name: str, labels: tuple[str, ...] = UNIT_LABELS,
              seal_text: str = "上海市财政项目专用章") -> np.ndarray:
    """The page as the scanner (or phone) delivers it: gray, or BGR when in colour. The seal goes over
    the value of the first of labels printed on the page."""
    rng = rng_for(name, spec.page)
    page = document[spec.page - 1]
    rgb = render(page, spec.dpi)
    if spec.seal:
        spot = unit_spot(page, labels)
        if spot is None:
            raise SystemExit(f"make_scans: no unit name on page {spec.page} of {name} to put the seal on")
        rgb = stamp(rgb, spot, spec.dpi, rng, seal_text)
    colour = spec.seal or spec.photo
    image = np.ascontiguousarray(rgb[:, :, ::-1]) if colour else cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    image = skew(image, spec.skew)
    if spec.photo:
        image = lighting(keystone(image, 0.003), rng)
    image = degrade(image, spec, rng)
    turns = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return cv2.rotate(image, turns[spec.rotation]) if spec.rotation else image


def jpeg(image: np.ndarray, quality: int, dpi: int) -> bytes:
    """JPEG bytes that carry their resolution (img2pdf sizes each page by it)."""
    picture = Image.fromarray(image if image.ndim == 2 else np.ascontiguousarray(image[:, :, ::-1]))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=quality, dpi=(dpi, dpi), optimize=True)
    return buffer.getvalue()


# ---- files -----------------------------------------------------------------------------------------


def write_pdf(scan: Scan, document: pdfium.PdfDocument, target: Path) -> None:
    """Image-only pages through img2pdf; text pages copied from the source. pikepdf assembles them
    with a deterministic /ID (pdfium's save stamps the time and a random ID)."""
    import img2pdf
    import pikepdf

    source = pikepdf.open(SOURCES / scan.source)
    out = pikepdf.new()
    for spec in scan.pages:
        if isinstance(spec, Kept):
            out.pages.append(source.pages[spec.page - 1])
            continue
        page = jpeg(scan_page(document, spec, scan.file), spec.quality, spec.dpi)
        single = pikepdf.open(io.BytesIO(img2pdf.convert(page, nodate=True)))
        out.pages.append(single.pages[0])
    out.save(target, deterministic_id=True)


def write_image(scan: Scan, document: pdfium.PdfDocument, target: Path) -> None:
    (spec,) = scan.pages
    assert isinstance(spec, Scanned)
    image = scan_page(document, spec, scan.file)
    if target.suffix == ".png":
        Image.fromarray(image).save(target, dpi=(spec.dpi, spec.dpi), optimize=True)
    else:
        target.write_bytes(jpeg(image, spec.quality, 72))  # phones say 72 dpi, whatever the page


def manifest(scans: tuple[Scan, ...]) -> str:
    lines = [
        "# Generated by samples/make_scans.py: do not edit (rerun it). Scanned samples for the OCR path.",
        "# One [[scan]] per file; its pages in order. source_page: the page of `source` it shows;",
        "# source_sha256: the source the scan was made from (rerun when samples/pdf changes).",
        "# kind = \"text\": the page keeps its text layer (mixed PDF). skew: degrees the paper lay turned",
        "# anticlockwise; rotation: degrees the image is turned clockwise (90/270 sideways, 180 upside down);",
        "# noise: sigma of the sensor noise in gray levels; quality: JPEG quality; levels: gray levels kept.",
        "",
    ]
    for scan in scans:
        digest = hashlib.sha256((SOURCES / scan.source).read_bytes()).hexdigest()
        lines += ["[[scan]]", f'file = "{scan.file}"', f'source = "samples/pdf/{scan.source}"',
                  f'source_sha256 = "{digest}"', f'note = "{scan.note}"', ""]
        for spec in scan.pages:
            lines.append("[[scan.pages]]")
            if isinstance(spec, Kept):
                lines += [f"source_page = {spec.page}", 'kind = "text"', ""]
                continue
            colour = "colour" if spec.seal or spec.photo else "gray"
            lines += [f"source_page = {spec.page}", f'kind = "{"photo" if spec.photo else "scan"}"',
                      f"dpi = {spec.dpi}", f"skew = {spec.skew}", f"rotation = {spec.rotation}",
                      f"seal = {str(spec.seal).lower()}", f'colour = "{colour}"', f"noise = {spec.noise}",
                      f"quality = {spec.quality}", f"levels = {spec.levels}", ""]
    return "\n".join(lines)


def main() -> None:
    missing = sorted({scan.source for scan in SCANS if not (SOURCES / scan.source).exists()})
    if missing:
        raise SystemExit(f"make_scans: missing {', '.join(missing)} in samples/pdf (run samples/make_samples.py)")
    OUT.mkdir(exist_ok=True)
    for scan in SCANS:
        document = pdfium.PdfDocument(SOURCES / scan.source)
        target = OUT / scan.file
        (write_pdf if target.suffix == ".pdf" else write_image)(scan, document, target)
        document.close()
        print(f"{target.relative_to(ROOT)}: {target.stat().st_size / 1024:.0f} KB")
    (OUT / "manifest.toml").write_text(manifest(SCANS), encoding="utf-8")


if __name__ == "__main__":
    main()
