"""Printed checkboxes and their state, from pixels: OCR drops ■ and reads □ as 口 (STACK.md pitfall 7).

A checkbox is a square ring about a character high, with thin edges; its state is the ink inside it:
- filled ■: the inside is mostly ink;
- ticked √ or crossed ☒: some ink, drawn as diagonal strokes;
- empty □: (almost) none.
Characters that are square rings too (口 日 田 目 回) are told apart by their shape: 口 is taller than
wide, with thicker strokes whose verticals run on below the bottom edge; the others hold a straight
stroke from wall to wall or a closed loop inside, which a tick never has. Shapes alone still pass 通
(its 甬), 外 or a pair of 3s in a blurred scan: the OCR path drops a box where the engine confidently
read such a character (extract.ocr).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from extract.raster import px

MIN_SIDE_PT, MAX_SIDE_PT = 5.0, 16.0  # a box printed beside 9-14 pt text
SQUARE = (0.92, 1.09)  # width / height of a printed box; wqy's 口 is 0.87
EDGE = 0.8  # an edge row (column) is a run covering this share of the side
MAX_STROKE = 0.25  # edge thickness / side: a bold box passes, a blob does not (口 is told by its legs)
PART = 0.4  # a line next to an edge line that spans this share of the side belongs to the edge
LEGS = 0.08  # share of the side the stroke may reach below the box
WALL_TO_WALL = 0.9  # a straight run this long inside the box is a character's stroke (日 田 目)
EMPTY_BELOW, FILLED_ABOVE = 0.06, 0.85  # ink share inside the box: 通's 甬 holds 0.72-0.76
UNSURE = 0.03  # an ink share this close to EMPTY_BELOW is a doubtful reading


@dataclass(frozen=True)
class Checkbox:
    """A printed box in pixel coordinates of the (deskewed) page image."""

    x0: int
    top: int
    x1: int
    bottom: int
    state: str  # "filled", "ticked" or "empty"
    ink: float  # share of the inside that is ink
    confidence: float

    @property
    def checked(self) -> bool:
        return self.state != "empty"

    @property
    def reach(self) -> int:
        """How far around the box the OCR's reading of it (or of a tick's tail) may sit."""
        return max(2, (self.x1 - self.x0) // 4)

    @property
    def mark(self) -> str:
        return "☑" if self.checked else "☐"


def find_checkboxes(binary: np.ndarray, points_per_pixel: float) -> list[Checkbox]:
    """Every printed checkbox on a binarized page (ink 255), top to bottom, left to right."""
    low, high = px(MIN_SIDE_PT, points_per_pixel), px(MAX_SIDE_PT, points_per_pixel)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    found = []
    for label in range(1, count):
        x, y, w, h = (int(value) for value in stats[label][:4])
        # a tick may overshoot the box up and right, so the stroke's extent can exceed the box
        if not (low <= w <= 2 * high and low <= h <= 2 * high):
            continue
        stroke = labels[y:y + h, x:x + w] == label
        box = ring(stroke, low, high)
        if box is None:
            continue
        left, top, right, bottom = box
        found.append(_state(binary, (x + left, y + top, x + right + 1, y + bottom + 1)))
    return sorted((box for box in found if box is not None), key=lambda b: (b.top, b.x0))


def _max_runs(mask: np.ndarray) -> np.ndarray:
    """The longest run of True in each row (vectorised: this runs for every character on the page)."""
    padded = np.pad(mask, ((0, 0), (1, 0)))
    positions = np.arange(padded.shape[1])
    last_gap = np.maximum.accumulate(np.where(padded, 0, positions), axis=1)
    return (positions - last_gap).max(axis=1)


def ring(stroke: np.ndarray, low: int, high: int) -> tuple[int, int, int, int] | None:
    """The square ring in one connected stroke as (left, top, right, bottom) inclusive, or None.

    Its edges are the outermost rows and columns whose longest run spans most of the side; a tick's
    diagonal never makes a long run, so a ticked box keeps its edges.
    """
    across = _max_runs(stroke)
    top, bottom = _edges(across, across.max())
    # columns are measured between the two edges only: a tick's tail above the box does not count
    down = _max_runs(stroke[top:bottom + 1].T)
    left, right = _edges(down, bottom - top + 1)
    height, width = bottom - top + 1, right - left + 1
    if not (low <= width <= high and low <= height <= high and SQUARE[0] <= width / max(1, height) <= SQUARE[1]):
        return None
    if width < EDGE * across.max() or _stroke_width(across, top, bottom, across.max()) > MAX_STROKE * height:
        return None  # the long runs do not sit at opposite edges, or the edges are thick: not a box
    if stroke.shape[0] - 1 - bottom > LEGS * height:
        return None  # strokes run on below the bottom edge: 口's legs (a tick's tail leaves upwards)
    return left, top, right, bottom


def _edges(runs: np.ndarray, side: int) -> tuple[int, int]:
    """The first and last line whose run spans most of the side, widened over the neighbouring lines
    that still span part of it: noise breaks a scanned edge line here and there."""
    full = np.flatnonzero(runs >= EDGE * side)
    if len(full) == 0:
        return 0, -1
    first, last = int(full[0]), int(full[-1])
    while first > 0 and runs[first - 1] >= PART * side:
        first -= 1
    while last + 1 < len(runs) and runs[last + 1] >= PART * side:
        last += 1
    return first, last


def _stroke_width(across: np.ndarray, top: int, bottom: int, side: int) -> int:
    """Thickness of the top edge: consecutive full rows from the top (a filled box is all edge)."""
    full = across[top:bottom + 1] >= EDGE * side
    if full.all():
        return 0
    return int(np.argmin(full))


def _state(binary: np.ndarray, box: tuple[int, int, int, int]) -> Checkbox | None:
    """The box with its state from the ink inside it, or None when the inside shows a character."""
    x0, top, x1, bottom = box
    side = min(x1 - x0, bottom - top)
    inset = max(3, round(side * 0.2))  # past the edge stroke and its blur
    inside = binary[top + inset:bottom - inset, x0 + inset:x1 - inset] > 0
    if inside.size == 0:
        return None
    ink = float(inside.mean())
    if FILLED_ABOVE > ink > EMPTY_BELOW and _is_character(inside):
        return None  # 日 田 目 回: a character, not a ticked box
    if ink >= FILLED_ABOVE:
        state = "filled"
    elif ink > EMPTY_BELOW:
        state = "ticked"
    else:
        state = "empty"
    margin = abs(ink - EMPTY_BELOW)  # filled or ticked: checked either way, only empty-or-not matters
    confidence = 1.0 if margin >= UNSURE else round(0.5 + 0.5 * margin / UNSURE, 3)
    return Checkbox(x0, top, x1, bottom, state, round(ink, 3), confidence)


def _is_character(inside: np.ndarray) -> bool:
    """A stroke from wall to wall (日 目 田) or a closed loop (回) inside the ring; a tick has neither."""
    height, width = inside.shape
    if _max_runs(inside).max() >= WALL_TO_WALL * width or _max_runs(inside.T).max() >= WALL_TO_WALL * height:
        return True
    count, labels, stats, _ = cv2.connectedComponentsWithStats((~inside).astype(np.uint8), connectivity=4)
    border = set(labels[0]) | set(labels[-1]) | set(labels[:, 0]) | set(labels[:, -1])
    return any(stats[label, cv2.CC_STAT_AREA] >= 0.04 * inside.size for label in range(1, count) if label not in border)
