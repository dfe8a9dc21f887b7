"""Pixels of a scanned page, before and beside OCR: rendering, the red seal, deskew, quarter turns and
the ruled grid as line segments (fed to extract.grid.find_tables like a text PDF's path segments).

Sizes are given in points and turned into pixels with the page's resolution, so one setting works at
150, 200 and 300 dpi. STACK.md measured the approach: morphology finds every rule of a scanned form
at 200 and 300 dpi, and a Hough fit on the long horizontal rules recovers the skew to ~0.01 degree.
"""

from __future__ import annotations

import math

import cv2
import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as raw

from extract.engine import threads
from extract.grid import Segment, merge_segments

if threads() > 0:  # OpenCV's own thread pool keeps to the batch worker's share of the cores too
    cv2.setNumThreads(threads())

RED_MARGIN = 40  # a pixel is seal ink when red exceeds both green and blue by this much
FRINGE_PX = 5  # pixels around the seal ink lifted with it (the soft edge of the ink, JPEG's colour blur)
SEAL_LIFT = 150  # a red channel above this under a seal is seal ink or paper, at least
SEAL_INK_SPREAD = 35  # how far below the seal's own red a pixel of its ink may fall (JPEG noise, its edge)
H_KERNEL_PT = 22.0  # horizontal rules are at least this long; a large title's 一 is shorter
V_KERNEL_PT = 13.0  # vertical rules span a row (>= 15 pt); CJK strokes at 10.5-12 pt are shorter
BRIDGE_PT = 0.75  # gaps in a scanned rule closed before the opening
LONG_RULE = 0.4  # share of the page a rule may span without meeting crossing rules at its ends
MEET = 3.0  # points: a rule's end this close to a crossing rule meets it
RULE_GAP_PT = 10.0  # collinear pieces of rule this close are one rule (a seal's ring lifts ~8 pt of one)
SKEW_KERNEL_PT = 9.0  # short enough to keep a rule skewed by 5 degrees in one piece per pixel row
MAX_SKEW = 10.0  # degrees: steeper long lines are not rules of an upright form
MIN_ROTATE = 0.02  # degrees: below this, rotating only blurs


def px(points: float, points_per_pixel: float) -> int:
    """A length in points as a whole number of pixels, at least 1."""
    return max(1, round(points / points_per_pixel))


# ---- rendering ----------------------------------------------------------------------------------


def page_is_gray(page: pdfium.PdfPage) -> bool:
    """True when the page is nothing but grayscale or bilevel images (a gray scan): no seal to separate
    by colour, and rendering in gray is cheaper. Vector or text content might be red: colour then."""
    metadata = raw.FPDF_IMAGEOBJ_METADATA()
    count = raw.FPDFPage_CountObjects(page)
    for index in range(count):
        obj = raw.FPDFPage_GetObject(page, index)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_IMAGE:
            return False
        if not raw.FPDFImageObj_GetImageMetadata(obj, page, metadata):
            return False
        if metadata.colorspace not in (raw.FPDF_COLORSPACE_DEVICEGRAY, raw.FPDF_COLORSPACE_CALGRAY):
            return False
    return count > 0


def render(page: pdfium.PdfPage, dpi: int, gray: bool) -> np.ndarray:
    """The page at dpi as uint8: 2-D when gray, BGR otherwise (pdfium's native byte order)."""
    bitmap = page.render(scale=dpi / 72, grayscale=gray)
    image = bitmap.to_numpy()
    if gray:
        return np.ascontiguousarray(image.reshape(image.shape[0], image.shape[1]))
    return np.ascontiguousarray(image[:, :, :3])


# ---- colour: the red seal -------------------------------------------------------------------------


def suppress_seal(image: np.ndarray) -> tuple[np.ndarray, float]:
    """A grayscale page with red ink turned white, and the share of pixels that were red.

    Red ink is bright in the red channel, so where a pixel is clearly red its red channel replaces
    the luminance; black text printed under the seal stays dark in every channel and survives.
    """
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    if image.ndim == 2:
        return image, 0.0
    image = np.ascontiguousarray(image[:, :, :3])  # BGRA: the alpha channel carries no ink
    blue, green, red = (image[:, :, i].astype(np.int16) for i in range(3))
    redness = red - np.maximum(green, blue)
    seal = redness > RED_MARGIN
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    # the seal's paler fringe: lift it to white so no grey ring is left for the OCR to read. The
    # fringe reaches past the clearly red pixels (the ink's soft edge, and JPEG keeps colour at half
    # resolution): left gray, it outlined the lifted seal, and the OCR read the outline as 'A'
    # (samples/scans/families/shandong_target-real-rl-scan.pdf)
    near = cv2.dilate(seal.astype(np.uint8), np.ones((FRINGE_PX, FRINGE_PX), np.uint8)) > 0
    # what is as bright in red as the seal's own ink is seal; darker is black ink under it: a bright seal
    # (its red about 210) keeps a thin grey rule under it (red about 165 at 120 dpi) that a fixed 150 lifted
    paper = max(SEAL_LIFT, int(np.median(red[seal])) - SEAL_INK_SPREAD) if seal.any() else SEAL_LIFT
    lifted = np.where(red > paper, 255, red).astype(np.uint8)
    gray[near] = lifted[near]
    return gray, float(seal.mean())


# ---- binarization ---------------------------------------------------------------------------------


def binarize(gray: np.ndarray, points_per_pixel: float) -> np.ndarray:
    """Ink as 255 on 0. A local threshold survives uneven light (a photographed page); the window
    (about 0.4 in) is several checkboxes wide so a filled ■ stays filled instead of hollow. Gaussian
    weights: a plain mean is 7x faster but thickens strokes, which lost two boxes and made two
    false ones on samples/scans."""
    block = px(29.0, points_per_pixel) | 1
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY_INV, block, 18)


# ---- skew -----------------------------------------------------------------------------------------


def skew_angle(binary: np.ndarray, points_per_pixel: float) -> float | None:
    """The angle (degrees) of the page's long horizontal rules, positive when they fall to the right
    in image coordinates; None when the page has no long rule (plain text: nothing to measure on).

    Hough (0.5-degree bins: ten times faster than 0.1) finds the long rules; a projection profile of
    their pixels, searched around that angle, pins it to ~0.01 degree (a rule's pixels pile into the
    fewest rows at the true angle).
    """
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (px(SKEW_KERNEL_PT, points_per_pixel), 1))
    rules = cv2.morphologyEx(binary, cv2.MORPH_OPEN, kernel)
    width = binary.shape[1]
    lines = cv2.HoughLinesP(rules, 1, math.pi / 360, threshold=width // 8,
                            minLineLength=width // 4, maxLineGap=px(4.0, points_per_pixel))
    if lines is None:
        return None
    angles, weights = [], []
    lines = lines.reshape(-1, 4)
    for x0, y0, x1, y1 in lines:
        angle = math.degrees(math.atan2(y1 - y0, x1 - x0))
        if abs(angle) <= MAX_SKEW:
            angles.append(angle)
            weights.append(math.hypot(x1 - x0, y1 - y0))
    if not angles:
        return None
    coarse = _weighted_median(angles, weights)
    return _refine(rules, lines, coarse)


def _weighted_median(values: list[float], weights: list[float]) -> float:
    order = np.argsort(values)
    cumulative = np.cumsum(np.asarray(weights)[order])
    return float(np.asarray(values)[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def _refine(rules: np.ndarray, lines: np.ndarray, coarse: float) -> float:
    """The angle near coarse at which the rule pixels pile up into the fewest rows."""
    ys, xs = _pixels_near(rules, lines)
    if len(xs) < 50:
        return coarse
    xs = xs.astype(np.float64) - xs.mean()
    ys = ys.astype(np.float64)

    def sharpness(angle: float) -> float:
        # each pixel is shared between the two rows it falls between: plain rounding would favour
        # angle 0, where integer pixel rows land exactly on the bins
        rows = ys - xs * math.tan(math.radians(angle))
        base = np.floor(rows)
        low = (base - base.min()).astype(np.int64)
        upper = rows - base
        counts = np.bincount(low, weights=1 - upper, minlength=low.max() + 2)
        counts += np.bincount(low + 1, weights=upper, minlength=low.max() + 2)
        return float(np.dot(counts, counts))

    best = coarse
    for step, span in ((0.05, 0.6), (0.004, 0.05)):
        candidates = np.arange(best - span, best + span + step / 2, step)
        scores = np.array([sharpness(a) for a in candidates])
        best = float(candidates[int(np.argmax(scores))])
    return best


def _pixels_near(rules: np.ndarray, lines: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pixels of the rule mask lying on the Hough lines (text strokes elsewhere do not vote)."""
    band = np.zeros_like(rules)
    for x0, y0, x1, y1 in lines:
        if abs(y1 - y0) <= abs(x1 - x0) * math.tan(math.radians(MAX_SKEW)):
            cv2.line(band, (int(x0), int(y0)), (int(x1), int(y1)), 255, 7)
    return np.nonzero(cv2.bitwise_and(rules, band))


def rotate(image: np.ndarray, angle: float) -> np.ndarray:
    """Turn the page anticlockwise by angle (a skew_angle) about its centre so its rules become level."""
    if abs(angle) < MIN_ROTATE:
        return image
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    fill = 255 if image.ndim == 2 else (255, 255, 255)
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=fill)


def quarter_turn(image: np.ndarray, degrees: int) -> np.ndarray:
    """Turn the image clockwise by 90, 180 or 270 degrees, exactly (no resampling)."""
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return cv2.rotate(image, codes[degrees]) if degrees % 360 else image


# ---- ruled grid -------------------------------------------------------------------------------------


def rule_masks(binary: np.ndarray, points_per_pixel: float) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical rules of a deskewed page. A short closing first bridges the pin-holes
    noise and JPEG leave in a scanned rule (short: a wider one joins the strokes of neighbouring
    characters into 'rules'); the opening then keeps only runs longer than a rule's minimum."""
    masks = []
    for length, shape in ((H_KERNEL_PT, lambda n: (n, 1)), (V_KERNEL_PT, lambda n: (1, n))):
        bridge = cv2.getStructuringElement(cv2.MORPH_RECT, shape(px(BRIDGE_PT, points_per_pixel) + 1))
        keep = cv2.getStructuringElement(cv2.MORPH_RECT, shape(px(length, points_per_pixel)))
        closed = cv2.morphologyEx(binary, cv2.MORPH_CLOSE, bridge)
        masks.append(cv2.morphologyEx(closed, cv2.MORPH_OPEN, keep))
    return masks[0], masks[1]


def rule_segments(binary: np.ndarray, points_per_pixel: float,
                  masks: tuple[np.ndarray, np.ndarray] | None = None) -> list[Segment]:
    """Every rule of a deskewed page as an axis-aligned Segment in points (top-left origin).

    A rule runs from rule to rule: a segment that does not meet a crossing rule at both ends is
    text (the strokes of a right-aligned number run into the cell's border, samples/scans/
    001-lo-scan.pdf page 2), unless it is long, like the open sides of a table without a frame."""
    horizontal, vertical = masks or rule_masks(binary, points_per_pixel)
    # the pieces of a rule a seal's ring (or a faded stretch) broke are one rule before its ends are
    # judged: alone, the piece past the ring meets no crossing rule at its broken end, and was dropped
    pieces = _segments(horizontal, True, points_per_pixel) + _segments(vertical, False, points_per_pixel)
    joined = merge_segments(pieces, gap=RULE_GAP_PT)
    across = [segment for segment in joined if segment.horizontal]
    down = [segment for segment in joined if not segment.horizontal]
    height, width = (side * points_per_pixel for side in binary.shape[:2])
    return ([s for s in across if s.x1 - s.x0 >= LONG_RULE * width or _framed(s, down)]
            + [s for s in down if s.y1 - s.y0 >= LONG_RULE * height or _framed(s, across)])


def _framed(segment: Segment, crossing: list[Segment]) -> bool:
    """Does a crossing rule meet the segment at each of its two ends?"""
    if segment.horizontal:
        ends, at = (segment.x0, segment.x1), segment.y0
        return all(any(abs(c.x0 - end) <= MEET and c.y0 - MEET <= at <= c.y1 + MEET for c in crossing) for end in ends)
    ends, at = (segment.y0, segment.y1), segment.x0
    return all(any(abs(c.y0 - end) <= MEET and c.x0 - MEET <= at <= c.x1 + MEET for c in crossing) for end in ends)


def _segments(mask: np.ndarray, horizontal: bool, points_per_pixel: float) -> list[Segment]:
    count, _, stats, centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
    found = []
    for label in range(1, count):
        x, y, w, h, _ = stats[label]
        cx, cy = centroids[label]
        if horizontal:
            found.append(Segment(x * points_per_pixel, cy * points_per_pixel,
                                 (x + w) * points_per_pixel, cy * points_per_pixel))
        else:
            found.append(Segment(cx * points_per_pixel, y * points_per_pixel,
                                 cx * points_per_pixel, (y + h) * points_per_pixel))
    return found
