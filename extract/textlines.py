"""Where a scanned page's text lines are, from its pixels and its ruled grid (issue 13).

The grid found from the rules says where every cell is; the ink inside a cell says whether it holds
text and where its printed lines are. A cell with no ink is not read at all; a cell's lines are
found by a horizontal projection profile (rows with ink, grouped into bands about a line high) and
recognised straight away, with no detection pass. Detection runs only where the pixels do not say:
outside the grid (titles, the unit line, notes under a table) and in a cell whose ink forms a band
too tall to be one line that the profile cannot split.

Everything here is in pixels of the deskewed, upright page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

import cv2
import numpy as np

from extract.grid import Table
from extract.raster import px

INSET_PT = 0.8  # a cell's inside starts this far from its rules (their blur and a little slant)
SPECK_SIDE_PT = 1.5  # a dot of ink narrower and lower than this is scanner noise (or a lone full stop,
# which sits inside its line's band anyway): 4 px at 200 dpi
SPECK_PX = 10  # a band or a cell with less ink than this many pixels is noise
MIN_LINE_PT = 7.0  # below this, the page's line height estimate is not believed (dashes, specks)
DEFAULT_LINE_PT = 12.0  # a 10.5 pt line with its ascent and descent, when no line says otherwise
ONE_LINE = 1.35  # bands within this many line heights, top to bottom, are one printed line (三 二 split)
TOO_TALL = 1.7  # a line band taller than this many line heights holds lines the profile cannot split
SPECK = 0.5  # ink smaller than this many line heights each way, apart from a line, is a speck
DASH = 0.15  # ... but flat strokes this wide are a - or = (a 10.5 pt - is 0.18-0.3 line heights wide)
FLAT = 2.5  # a stroke this many times wider than thick lies flat
CLEAR = 0.2  # line heights between a line and its cell's rules: a flat stroke nearer may be a rule's piece
WORD_GAP = 1.5  # a blank this many line heights wide splits a line into two pieces (as detection does)
PAD_Y, PAD_X = 0.33, 0.35  # margin around a line crop, in line heights (detection's boxes have one too)
REGION_GAP = 1.5  # ink outside the grid closer than this many line heights is one region


@dataclass(frozen=True)
class Box:
    """A pixel box [x0, x1) x [top, bottom)."""

    x0: int
    top: int
    x1: int
    bottom: int

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        return self.bottom - self.top


@dataclass
class Plan:
    """What to recognise on a page: single lines (no detection) and regions to detect in."""

    lines: list[Box] = field(default_factory=list)
    regions: list[Box] = field(default_factory=list)  # outside the grid, or a cell detection must split
    outside: list[Box] = field(default_factory=list)  # of those, the ones outside the grid
    tables: list[Box] = field(default_factory=list)  # the grid's frames: blank when detecting outside them
    empty_cells: int = 0
    line_height: float = 0.0


def text_ink(binary: np.ndarray, horizontal: np.ndarray, vertical: np.ndarray, points_per_pixel: float) -> np.ndarray:
    """The ink that is not a rule (a rule's blurred fringe included) nor a speck of noise, as 0/1.
    Specks are dropped so that a cell of scanner dust is empty and no line grows a piece of dots."""
    rules = cv2.dilate(horizontal | vertical, np.ones((3, 3), np.uint8))
    ink = ((binary > 0) & (rules == 0)).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    side = SPECK_SIDE_PT / points_per_pixel
    specks = (stats[:, cv2.CC_STAT_WIDTH] < side) & (stats[:, cv2.CC_STAT_HEIGHT] < side)
    specks[0] = False
    if specks.any():
        ink[specks[labels]] = 0
    return ink


def plan_page(ink: np.ndarray, tables: list[Table], points_per_pixel: float) -> Plan:
    """The page's text lines inside the grid's cells and its regions outside the grid."""
    inside = [_inside(cell.bbox, ink.shape, points_per_pixel) for table in tables for cell in table.cells]
    bands = [(box, _bands(ink[box.top:box.bottom, box.x0:box.x1])) for box in inside]
    height = _line_height([top_bottom for _, found in bands for top_bottom in found], points_per_pixel)
    plan = Plan(line_height=height)
    for box, found in bands:
        if not found:
            plan.empty_cells += 1
            continue
        _plan_cell(ink, box, found, height, plan)
    plan.tables = [_frame(table.bbox, points_per_pixel) for table in tables]
    plan.outside = _outside(ink, plan.tables, points_per_pixel, height)
    return plan


def _inside(bbox: tuple[float, float, float, float], shape: tuple[int, ...], points_per_pixel: float) -> Box:
    inset = px(INSET_PT, points_per_pixel)
    x0, top, x1, bottom = (round(value / points_per_pixel) for value in bbox)
    return Box(max(0, x0 + inset), max(0, top + inset), min(shape[1], x1 - inset), min(shape[0], bottom - inset))


def _bands(ink: np.ndarray) -> list[tuple[int, int]]:
    """Runs of rows holding ink, as (top, bottom) in the crop; runs with a speck of ink dropped."""
    if ink.size == 0:
        return []
    rows = ink.sum(axis=1)
    filled = np.flatnonzero(rows)
    if len(filled) == 0:
        return []
    breaks = np.flatnonzero(np.diff(filled) > 1)
    starts = np.concatenate(([filled[0]], filled[breaks + 1]))
    ends = np.concatenate((filled[breaks], [filled[-1]])) + 1
    return [(int(top), int(bottom)) for top, bottom in zip(starts, ends) if rows[top:bottom].sum() >= SPECK_PX]


def _line_height(bands: list[tuple[int, int]], points_per_pixel: float) -> float:
    """The page's usual line height in pixels: the median band (most cells hold one line)."""
    floor = MIN_LINE_PT / points_per_pixel
    heights = [bottom - top for top, bottom in bands if bottom - top >= floor]
    return float(median(heights)) if heights else DEFAULT_LINE_PT / points_per_pixel


def _grouped(bands: list[tuple[int, int]], height: float) -> list[tuple[int, int]]:
    """Bands merged into printed lines: the pieces of 三 or 二 (or a comma under its line) are one line
    as long as together they stay within a line's height."""
    lines: list[tuple[int, int]] = []
    for top, bottom in bands:
        if lines and bottom - lines[-1][0] <= ONE_LINE * height:
            lines[-1] = (lines[-1][0], bottom)
        else:
            lines.append((top, bottom))
    return lines


def _plan_cell(ink: np.ndarray, cell: Box, bands: list[tuple[int, int]], height: float, plan: Plan) -> None:
    lines = _grouped(bands, height)
    if any(bottom - top > TOO_TALL * height for top, bottom in lines):
        plan.regions.append(cell)  # lines touching each other: let detection find them
        return
    for index, (top, bottom) in enumerate(lines):
        # the margin never reaches past half the gap to the next line: its strokes would be read
        above = (lines[index - 1][1] + top) // 2 if index else 0
        below = (bottom + lines[index + 1][0] + 1) // 2 if index + 1 < len(lines) else cell.height
        room = Box(cell.x0, cell.top + above, cell.x1, cell.top + below)
        row = ink[cell.top + top:cell.top + bottom, cell.x0:cell.x1]
        clear = min(top, cell.height - bottom) >= CLEAR * height  # off the rules: no piece of a rule
        for left, right in _pieces(row, height, clear):
            plan.lines.append(_padded(Box(cell.x0 + left, cell.top + top, cell.x0 + right, cell.top + bottom),
                                      room, height))


def _pieces(row: np.ndarray, height: float, clear: bool = False) -> list[tuple[int, int]]:
    """A line's ink split at blanks wider than WORD_GAP line heights (a label and a value apart);
    a piece smaller than half a line each way is a speck, not a character, unless its strokes lie
    flat (a cell printed - for 'none', an = alone in a 指标性质 column) on a line clear of the cell's rules."""
    columns = row.sum(axis=0)
    filled = np.flatnonzero(columns)
    if len(filled) == 0:
        return []
    breaks = np.flatnonzero(np.diff(filled) > WORD_GAP * height)
    starts = np.concatenate(([filled[0]], filled[breaks + 1]))
    ends = np.concatenate((filled[breaks], [filled[-1]])) + 1
    pieces = []
    for left, right in zip(starts, ends):
        rows = np.flatnonzero(row[:, left:right].sum(axis=1))
        width = right - left
        if max(width, rows[-1] - rows[0] + 1) >= SPECK * height or (clear and _flat(rows, width, height)):
            pieces.append((int(left), int(right)))
    return pieces


def _flat(rows: np.ndarray, width: int, height: float) -> bool:
    """Strokes lying flat, as in - or =: each run of ink rows far thinner than the piece is wide."""
    if width < DASH * height:
        return False
    breaks = np.flatnonzero(np.diff(rows) > 1)
    runs = np.diff(np.concatenate(([0], breaks + 1, [len(rows)])))
    return width >= FLAT * runs.max()


def _padded(line: Box, within: Box, height: float) -> Box:
    dy, dx = round(PAD_Y * height), round(PAD_X * height)
    return Box(max(within.x0, line.x0 - dx), max(within.top, line.top - dy),
               min(within.x1, line.x1 + dx), min(within.bottom, line.bottom + dy))


def _frame(bbox: tuple[float, float, float, float], points_per_pixel: float) -> Box:
    """A table's frame in pixels, a little wider than its outer rules."""
    margin = px(2.0, points_per_pixel)
    x0, top, x1, bottom = (round(value / points_per_pixel) for value in bbox)
    return Box(max(0, x0 - margin), max(0, top - margin), x1 + margin, bottom + margin)


def _outside(ink: np.ndarray, frames: list[Box], points_per_pixel: float, height: float) -> list[Box]:
    """Regions of ink outside every table, each a band of rows (closer than REGION_GAP lines merged)
    over the width its ink spans."""
    rest = ink.copy()
    for frame in frames:
        rest[frame.top:frame.bottom, frame.x0:frame.x1] = 0
    pad = round(height)
    regions = []
    for top, bottom in _merged(_bands(rest), REGION_GAP * height):
        columns = np.flatnonzero(rest[top:bottom].sum(axis=0))
        if rest[top:bottom].sum() < SPECK_PX * 3 or len(columns) == 0:
            continue
        regions.append(Box(max(0, int(columns[0]) - pad), max(0, top - pad),
                           min(ink.shape[1], int(columns[-1]) + 1 + pad), min(ink.shape[0], bottom + pad)))
    return regions


def _merged(bands: list[tuple[int, int]], gap: float) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for top, bottom in bands:
        if merged and top - merged[-1][1] <= gap:
            merged[-1] = (merged[-1][0], bottom)
        else:
            merged.append((top, bottom))
    return merged


# ---- orientation from pixels -------------------------------------------------------------------------


def runs_down(ink: np.ndarray, points_per_pixel: float) -> bool:
    """Does the page's text run down the page (a page lying sideways)? Smearing ink along a text line
    joins its characters into a long bar; smearing across it does not. Counted both ways."""
    reach = px(3.0, points_per_pixel)
    along = _bars(cv2.dilate(ink, np.ones((1, reach), np.uint8)), wide=True)
    down = _bars(cv2.dilate(ink, np.ones((reach, 1), np.uint8)), wide=False)
    return down > max(2, along)


def _bars(smeared: np.ndarray, wide: bool) -> int:
    """Components at least four times longer one way than the other, the long way as asked."""
    _, _, stats, _ = cv2.connectedComponentsWithStats(smeared, connectivity=8)
    widths, heights = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    long, short = (widths, heights) if wide else (heights, widths)
    return int(np.count_nonzero((long >= 4 * short) & (short >= 4)))
