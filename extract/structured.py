"""What HTML, Excel and Word share: a table's cells placed on its grid, and those cells and the text
around them turned into the lines the PDF path gives for a ruled table.

A structured input states its merges (rowspan/colspan, merged ranges, gridSpan/vMerge), so no
geometry is needed: one grid line per table row, a spanning cell once (in its first row, with its
`span`), empty cells left out, and loose text as flowed lines split on whitespace like text input.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import regex

from models import Cell, Line, Where
from normalize.text import join_lines

T = TypeVar("T")
# a full-width, en, em or thin space is a blank in a cell too; zero-width spaces and joiners and a BOM
# pasted into a page (from Word, a chat, a CMS editor) print nothing, so they are no part of the text
_BLANK = regex.compile(r"[ \t\r\f\v\u00a0\u3000\u2000-\u200a\u202f\u205f]+")
_INVISIBLE = regex.compile(r"[\u200b-\u200d\u2060\ufeff]")
MAX_SPAN = 1000  # what browsers cap colspan at; a larger one is junk


@dataclass(frozen=True)
class Slot(Generic[T]):
    """One cell of a table on its grid: first row and column (0-based) and how far it reaches."""

    row: int
    col: int
    rows: int
    cols: int
    item: T


def place(rows: Sequence[Sequence[tuple[int, int, T]]]) -> list[Slot[T]]:
    """The HTML table model: each (rowspan, colspan, item) takes the next free column of its row,
    skipping the columns that cells above reach into; rowspan 0 reaches to the last row."""
    taken: set[tuple[int, int]] = set()
    slots = []
    for r, cells in enumerate(rows):
        c = 0
        for rowspan, colspan, item in cells:
            while (r, c) in taken:
                c += 1
            height = len(rows) - r if rowspan <= 0 else min(rowspan, len(rows) - r)
            width = min(max(colspan, 1), MAX_SPAN)
            taken.update((i, j) for i in range(r, r + height) for j in range(c, c + width))
            slots.append(Slot(r, c, height, width, item))
            c += width
    return slots


def cell_text(lines: Iterable[str]) -> str:
    """A cell's printed lines as one text, joined by the same CJK rules as a wrapped PDF cell."""
    return join_lines([_BLANK.sub(" ", shown(line)).strip() for line in lines])


def shown(text: str) -> str:
    """The text without the characters that print nothing."""
    return _INVISIBLE.sub("", text)


def grid_lines(cells: Iterable[tuple[int, Cell]], page: int | None, shared: SharedEdges | None = None) -> list[Line]:
    """One table's (row, cell) pairs -> one grid line per row that prints something, cells left to
    right. Empty cells count only for the columns: as in a ruled PDF, the table's columns are the
    edges its own cells have, so a column edge that no cell of this table has is no column - unless a
    table as wide was read before (`shared`), whose edges it shares."""
    cells = list(cells)
    edges = sorted(_edges(cells) if shared is None else shared.of(cells))
    index = {edge: position for position, edge in enumerate(edges)}
    rows: dict[int, list[Cell]] = {}
    for row, cell in cells:
        if cell.text:
            col = cell.col or 0
            span = index[col + cell.span] - index[col]
            rows.setdefault(row, []).append(cell.model_copy(update={"col": index[col], "span": span}))
    return [Line(cells=tuple(sorted(found, key=lambda cell: cell.col or 0)), layout="grid", page=page)
            for _, found in sorted(rows.items())]


def _edges(cells: list[tuple[int, Cell]]) -> set[int]:
    return {edge for _, cell in cells for edge in (cell.col or 0, (cell.col or 0) + cell.span)}


class SharedEdges:
    """The column edges of a document's tables so far, by their width on the grid: a table as wide as one
    before it (a form's table continued after a page break or a （续表） paragraph, its first column a merged
    cell) is numbered on the columns of both, so that its cells stand under the first one's header."""

    def __init__(self) -> None:
        self.by_width: dict[int, set[int]] = {}

    def of(self, cells: list[tuple[int, Cell]]) -> set[int]:
        own = _edges(cells)
        shared = self.by_width.setdefault(max(own, default=0), set())
        shared |= own
        return set(shared)


def flow_line(words: Iterable[tuple[str, Where]], page: int | None) -> Line | None:
    """Loose text as a flowed line, split on whitespace like text input; None when it is blank."""
    cells = tuple(Cell(text=token, where=where) for text, where in words for token in shown(text).split())
    return Line(cells=cells, layout="flow", page=page) if cells else None


_FRAME_ROWS = 4  # rows of a page's frame: a banner, the menu | content | sidebar row, a footer


def is_layout_table(all_chars: int, nested_chars: int, widest_row: int, rows: tuple[int, int]) -> bool:
    """A table with tables inside that holds them in one or two columns (a saved web page's frame:
    menu, form, footer), in a few rows round a longer table (a portal's menu | form | 热点信息 columns;
    `rows`: its own and its longest nested table's), or whose nested tables hold most of its text, only
    lays the page out: its cells are read as blocks, its nested tables as tables. A form's own table is
    wider, and longer than a list in one of its cells."""
    own, nested = rows
    return nested_chars > 0 and (widest_row <= 2 or own <= _FRAME_ROWS < nested or 2 * nested_chars >= all_chars)
