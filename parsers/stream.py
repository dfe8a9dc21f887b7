"""A form's lines as one searchable string that still knows which cell every character came from.

Labels and values are found in this string (a label may be split over lines: 保证项目实施 / 的制度、措施),
and every value found maps back to its cells for provenance.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from models import Cell, Line, Where
from normalize.text import join_lines


@dataclass(frozen=True)
class Hit:
    """A label found in the stream."""

    kind: str  # field · section · heading · header · total
    key: str
    start: int
    end: int
    printed: str


class Stream:
    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        pieces: list[str] = []
        self._cell_starts: list[int] = []
        self._cells: list[Cell] = []
        self.line_starts: list[int] = []
        offset = 0
        for line in lines:
            self.line_starts.append(offset)
            separator = "\t" if line.layout == "grid" else " "
            for index, cell in enumerate(line.cells):
                if index:
                    pieces.append(separator)
                    offset += 1
                self._cell_starts.append(offset)
                self._cells.append(cell)
                pieces.append(cell.text)
                offset += len(cell.text)
            pieces.append("\n")
            offset += 1
        self.text = "".join(pieces)

    def line_index(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset) - 1

    def cells_in(self, start: int, end: int) -> list[Cell]:
        """The cells with text between start and end."""
        first = max(bisect_right(self._cell_starts, start) - 1, 0)
        found = []
        for index in range(first, len(self._cells)):
            cell_start = self._cell_starts[index]
            if cell_start >= end:
                break
            if cell_start + len(self._cells[index].text) > start and self._cells[index].text:
                found.append(self._cells[index])
        return found

    def value(self, start: int, end: int) -> str:
        """The text between start and end, wrapped lines joined by CJK rules."""
        return join_lines(self.text[start:end].replace("\t", " ").split("\n"))

    def where(self, start: int, end: int, label: str | None) -> Where | None:
        return where_of(self.cells_in(start, end), label)


def where_of(cells: list[Cell], label: str | None) -> Where | None:
    """One Where for a value read from several cells: first page, union box, lowest confidence."""
    if not cells:
        return None
    first = cells[0].where
    boxes = [cell.where.bbox for cell in cells if cell.where.page == first.page and cell.where.bbox]
    bbox = None
    if len(boxes) == 1:  # most values are read from one cell
        bbox = boxes[0]
    elif boxes:
        lefts, tops, rights, bottoms = zip(*boxes)
        bbox = (min(lefts), min(tops), max(rights), max(bottoms))
    return Where(
        page=first.page,
        bbox=bbox,
        method=first.method,
        confidence=min(cell.where.confidence for cell in cells),
        label=label,
        line=first.line,
        sheet=first.sheet,
        row=first.row,
        column=first.column,
        element=first.element,
    )
