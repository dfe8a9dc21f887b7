"""Glyphs + ruled tables -> Lines: the one layout step every page reader shares (issue 11).

A text PDF's characters and an OCR engine's recognised characters are both Glyphs: a piece of text,
its box in points (top-left origin, the page as read) and a confidence (1.0 from a text layer). Each
glyph goes to the cell holding its centre; a table row becomes one grid line, the text around tables
flowed lines split into words at wide gaps. What differs between the sources is only how a printed
line is recognised and how its text is cleaned, and that is a Style.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter, itemgetter
from typing import NamedTuple

from extract.grid import Table
from models import Cell, Line, Method, Where
from normalize.text import join_lines

WORD_GAP = 0.8  # a gap wider than this share of the text height splits a flowed line into words


class Glyph(NamedTuple):
    """One character (or one recognised Latin/digit word) with its box in points. A tuple: a page
    makes thousands, and a tuple is made three times faster than a frozen dataclass."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float = 1.0

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


Extent = tuple[float, float]  # top and bottom of the printed line being gathered


def overlaps_by(points: float) -> Callable[[Glyph, Extent], bool]:
    """Same line when the glyph's box overlaps the line's height by more than `points` at each end:
    a text layer's glyph boxes are tight, so a comma sits lower than the digits beside it."""
    return lambda glyph, extent: glyph.top < extent[1] - points and glyph.bottom > extent[0] + points


def overlaps_share(share: float) -> Callable[[Glyph, Extent], bool]:
    """Same line when the overlap exceeds `share` of the smaller height: OCR text boxes of one line
    share their top and bottom, a wrapped line below overlaps them a little."""

    def same(glyph: Glyph, extent: Extent) -> bool:
        overlap = min(extent[1], glyph.bottom) - max(extent[0], glyph.top)
        return overlap > share * min(glyph.height, extent[1] - extent[0])

    return same


def _unchanged(text: str) -> str:
    return text


@dataclass(frozen=True)
class Style:
    """How one source's glyphs become text."""

    method: Method
    same_line: Callable[[Glyph, Extent], bool]
    space_gap: float | None = None  # a gap this share of the height between two glyphs is a space
    clean: Callable[[str], str] = _unchanged  # applied to a cell's joined text
    words_as_printed: bool = False  # a flowed word is its characters as they are (a text layer)


def glyphs_to_lines(glyphs: list[Glyph], tables: list[Table], page: int, style: Style) -> list[Line]:
    """Table rows as grid lines and the text around tables as flowed lines, top to bottom."""
    frames = [table for table in tables if table.is_frame]
    tables = [table for table in tables if not table.is_frame]
    in_cell, loose = _place(glyphs, tables)
    placed = [row for index, table in enumerate(tables) for row in _table_lines(table, index, in_cell, page, style)]
    bands, loose = _banded(loose, frames)
    placed += [(band[0].top, _flow_line(band, page, style)) for band in bands]
    placed += [(row[0].top, _flow_line(row, page, style)) for row in text_rows(loose, style)]
    return [line for _, line in sorted(placed, key=lambda pair: pair[0]) if line is not None]


def _place(glyphs: list[Glyph], tables: list[Table]) -> tuple[dict[tuple[int, int], list[Glyph]], list[Glyph]]:
    """Each glyph in the cell holding its centre (the first table that has one), or loose; loose
    spaces are dropped. Table.cell_at inlined, its cells listed by grid slot: this runs for every
    character of every page."""
    in_cell: dict[tuple[int, int], list[Glyph]] = {}
    loose = glyphs
    for index, table in enumerate(tables):
        left, upper, right, lower = table.bbox
        xs, ys, owner = table.xs, table.ys, table.owner
        last_row, last_col, width = len(ys) - 2, len(xs) - 2, len(xs) - 1
        slots = [owner.get((row, col)) for row in range(last_row + 1) for col in range(width)]
        cells: list[list[Glyph]] = [[] for _ in table.cells]
        outside: list[Glyph] = []
        for glyph in loose:
            _, x0, top, x1, bottom, _ = glyph
            x, y = (x0 + x1) / 2, (top + bottom) / 2
            if left <= x <= right and upper <= y <= lower:
                row, col = bisect_right(ys, y) - 1, bisect_right(xs, x) - 1
                cell = slots[(row if row < last_row else last_row) * width + (col if col < last_col else last_col)]
                if cell is not None:
                    cells[cell].append(glyph)
                    continue
            outside.append(glyph)
        in_cell.update(((index, cell), placed) for cell, placed in enumerate(cells) if placed)
        loose = outside
    return in_cell, [glyph for glyph in loose if glyph.text != " "]


def _banded(glyphs: list[Glyph], frames: list[Table]) -> tuple[list[list[Glyph]], list[Glyph]]:
    """The glyphs inside a frame grouped by the band between two of its rules (a row, its cells wrapped over
    lines read as one line each), left to right; and the glyphs outside every frame."""
    bands: dict[tuple[int, int], list[Glyph]] = {}
    outside: list[Glyph] = []
    for glyph in glyphs:
        x, y = (glyph.x0 + glyph.x1) / 2, (glyph.top + glyph.bottom) / 2
        frame = next((at for at, table in enumerate(frames) if table.cell_at(x, y) is not None), None)
        if frame is None:
            outside.append(glyph)
        else:
            bands.setdefault((frame, bisect_right(frames[frame].ys, y)), []).append(glyph)
    return [sorted(band, key=_left) for _, band in sorted(bands.items())], outside


def _table_lines(table: Table, index: int, in_cell: dict, page: int, style: Style) -> list[tuple[float, Line]]:
    rows: dict[int, list[Cell]] = {}
    for cell_index, cell in enumerate(table.cells):
        glyphs = in_cell.get((index, cell_index))
        text = cell_text(glyphs, style) if glyphs else ""
        if not text:
            continue
        where = Where(page=page, bbox=_round(cell.bbox), method=style.method, confidence=_confidence(glyphs))
        rows.setdefault(cell.row, []).append(Cell(text=text, where=where, col=cell.col, span=cell.col_span))
    return [(table.ys[row], Line(cells=tuple(sorted(cells, key=lambda c: c.col or 0)), layout="grid", page=page))
            for row, cells in sorted(rows.items())]


def cell_text(glyphs: list[Glyph], style: Style) -> str:
    """A cell's glyphs top to bottom, left to right; wrapped lines joined by the CJK rules."""
    return style.clean(join_lines([_row_text(row, style.space_gap) for row in text_rows(glyphs, style)]))


def _row_text(row: list[Glyph], space_gap: float | None) -> str:
    if space_gap is None:  # a text layer prints its own spaces
        return "".join([glyph.text for glyph in row])
    pieces = [row[0].text]
    for before, glyph in zip(row, row[1:]):
        gap = glyph.x0 - before.x1
        pieces.append((" " if gap > space_gap * max(glyph.height, before.height) else "") + glyph.text)
    return "".join(pieces)


def text_rows(glyphs: list[Glyph], style: Style) -> list[list[Glyph]]:
    """Glyphs grouped into printed lines, each left to right."""
    rows: list[list[Glyph]] = []
    same_line = style.same_line
    low = high = 0.0
    for glyph in sorted(glyphs, key=_reading_order):
        if rows and same_line(glyph, (low, high)):
            rows[-1].append(glyph)
            low = glyph.top if glyph.top < low else low
            high = glyph.bottom if glyph.bottom > high else high
        else:
            rows.append([glyph])
            low, high = glyph.top, glyph.bottom
    for row in rows:
        row.sort(key=_left)
    return rows


def _reading_order(glyph: Glyph) -> tuple[float, float]:
    return (glyph.top + glyph.bottom) / 2, glyph.x0


_left = attrgetter("x0")  # a C call: this key runs for every character


def _flow_line(row: list[Glyph], page: int, style: Style) -> Line | None:
    """A loose printed line split into words at gaps wider than most of a character. A band of several
    printed lines (a cell wrapped over two beside a one-line cell centred between them: no rules part
    them) is split line by line, and the words over each other are one cell, read top to bottom."""
    one_line = _one_printed_line(row)
    words = _words(row) if one_line else _over_each_other([word for printed in _printed_lines(row)
                                                           for word in _words(printed)])
    cells = []
    for word in words:
        as_printed = style.words_as_printed and (one_line or _one_printed_line(word))
        text = "".join(glyph.text for glyph in word) if as_printed else cell_text(word, style)
        if text:
            where = Where(page=page, bbox=_box(word), method=style.method, confidence=_confidence(word))
            cells.append(Cell(text=text, where=where))
    return Line(cells=tuple(cells), layout="flow", page=page) if cells else None


def _words(line: list[Glyph]) -> list[list[Glyph]]:
    """A printed line's glyphs, left to right, split at gaps wider than most of a character."""
    words: list[list[Glyph]] = [[line[0]]]
    for before, glyph in zip(line, line[1:]):
        if glyph.x0 - before.x1 > WORD_GAP * max(glyph.height, before.height):
            words.append([])
        words[-1].append(glyph)
    return words


def _printed_lines(band: list[Glyph]) -> list[list[Glyph]]:
    """A band's glyphs as its printed lines, each left to right: a glyph is on a line where its centre is
    within half a height of the line's first glyph's (no chaining through a taller line between)."""
    lines: list[list[Glyph]] = []
    for glyph in sorted(band, key=_reading_order):
        centre = (glyph.top + glyph.bottom) / 2
        if lines and abs(centre - (lines[-1][0].top + lines[-1][0].bottom) / 2) < glyph.height / 2:
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
    for line in lines:
        line.sort(key=_left)
    return lines


def _over_each_other(words: list[list[Glyph]]) -> list[list[Glyph]]:
    """Words of a band's printed lines merged where they overlap left to right (one cell's lines), left to
    right; a cell's glyphs are read line by line after."""
    cells: list[list[Glyph]] = []
    right = 0.0
    for word in sorted(words, key=lambda word: word[0].x0):
        if cells and word[0].x0 < right:
            cells[-1] += word
        else:
            cells.append([*word])
        right = max(right, word[-1].x1)
    return cells


def _one_printed_line(word: list[Glyph]) -> bool:
    """Whether a word's characters stand side by side: a cell wrapped over two lines beside a taller one
    (项目名 / 称 beside a value between them) shares its band, its lines' characters over each other."""
    return all(glyph.x0 > before.x1 - _OVERLAP * before.height for before, glyph in zip(word, word[1:]))


_OVERLAP = 0.25  # of a character's height: glyphs that overlap more are on different printed lines


def _confidence(glyphs: list[Glyph]) -> float:
    """The weakest glyph's: a cell is as sure as its least sure character."""
    return round(min(map(_confidence_of, glyphs)), 4) if glyphs else 0.0


_confidence_of = itemgetter(5)  # Glyph.confidence, a C call


def _box(glyphs: list[Glyph]) -> tuple[float, float, float, float]:
    return _round((min(g.x0 for g in glyphs), min(g.top for g in glyphs),
                   max(g.x1 for g in glyphs), max(g.bottom for g in glyphs)))


def _round(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x0, top, x1, bottom = box
    return round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1)
