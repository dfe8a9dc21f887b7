"""Ruled tables from line segments: the grid, its spanning cells, and which cell holds a point.

The same idea as pdfplumber's TableFinder (edges -> intersections -> cells -> tables), done once per
page on the segments pdfium gives: collinear segments are merged, segments that touch are grouped
into tables, and two neighbouring grid cells are one spanning cell where no rule separates them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

SNAP = 2.0  # points: rules closer than this are one rule (a thin filled rectangle's two edges)
SHORTEST = 3.0  # points: a shorter rule is the end of a thin filled rectangle, not a cell border
COVER = 0.6  # a boundary exists where rules cover this share of it
FRAME_ROWS = 3  # rows of one column beyond which the rules frame a form's text rather than box cells


@dataclass(frozen=True)
class Segment:
    """An axis-aligned rule: horizontal when y0 == y1, vertical when x0 == x1 (top-left origin)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return self.y0 == self.y1


@dataclass
class Cell:
    row: int
    col: int
    row_span: int
    col_span: int
    bbox: tuple[float, float, float, float]


@dataclass
class Table:
    xs: list[float]
    ys: list[float]
    cells: list[Cell]
    owner: dict[tuple[int, int], int] = field(default_factory=dict)  # grid slot -> index in cells

    @property
    def is_frame(self) -> bool:
        """One column of several rows: a frame round a form drawn with an outer border and rules between its
        rows only, no rules between its columns - rows the rules give, cells the text's own positions."""
        return len(self.xs) == 2 and len(self.ys) - 1 > FRAME_ROWS

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def cell_at(self, x: float, y: float) -> int | None:
        """Index of the cell holding the point, None outside the grid."""
        xs, ys = self.xs, self.ys
        if not (xs[0] <= x <= xs[-1] and ys[0] <= y <= ys[-1]):
            return None
        col, row = bisect_right(xs, x) - 1, bisect_right(ys, y) - 1
        return self.owner.get((row if row < len(ys) - 2 else len(ys) - 2, col if col < len(xs) - 2 else len(xs) - 2))


def _cluster(values: list[float]) -> list[float]:
    """Sorted positions with near-equal ones merged to their mean."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= SNAP:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(group) / len(group) for group in groups]


def merge_segments(segments: list[Segment], gap: float = SNAP) -> list[Segment]:
    """Collinear, overlapping or touching rules joined into one; so are pieces at most gap apart."""
    merged: list[Segment] = []
    for horizontal in (True, False):
        position = (lambda s: s.y0) if horizontal else (lambda s: s.x0)
        lines = sorted((s for s in segments if s.horizontal == horizontal), key=position)
        positions = [position(s) for s in lines]
        for at in _cluster(positions):
            # only the rules near this position are tested (found by bisection, a little wider)
            near = lines[bisect_left(positions, at - 2 * SNAP) : bisect_right(positions, at + 2 * SNAP)]
            spans = sorted(
                (min(s.x0, s.x1), max(s.x0, s.x1)) if horizontal else (min(s.y0, s.y1), max(s.y0, s.y1))
                for s in near
                if abs(position(s) - at) <= SNAP
            )
            start, end = spans[0]
            for low, high in spans[1:] + [(float("inf"), float("inf"))]:
                if low <= end + gap:
                    end = max(end, high)
                    continue
                if end - start >= SHORTEST:
                    merged.append(Segment(start, at, end, at) if horizontal else Segment(at, start, at, end))
                start, end = low, high
    return merged


def _touch(h: Segment, v: Segment) -> bool:
    return h.x0 - SNAP <= v.x0 <= h.x1 + SNAP and v.y0 - SNAP <= h.y0 <= v.y1 + SNAP


def find_tables(segments: list[Segment]) -> list[Table]:
    rules = merge_segments(segments)
    parent = list(range(len(rules)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    horizontals = [i for i, s in enumerate(rules) if s.horizontal]
    verticals = [i for i, s in enumerate(rules) if not s.horizontal]
    for h in horizontals:
        for v in verticals:
            if _touch(rules[h], rules[v]):
                parent[root(h)] = root(v)
    groups: dict[int, list[Segment]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(root(i), []).append(rule)
    tables = [_table(group) for group in groups.values()]
    return sorted((t for t in tables if t is not None), key=lambda t: (t.ys[0], t.xs[0]))


def _covered(rules: list[Segment], low: float, high: float, horizontal: bool) -> bool:
    """Do these rules (all at one position) cover most of [low, high]?"""
    covered = 0.0
    for rule in rules:
        start, end = (rule.x0, rule.x1) if horizontal else (rule.y0, rule.y1)
        covered += max(0.0, min(end, high) - max(start, low))
    return covered >= COVER * (high - low)


def _at(rules: list[Segment], positions: list[float], horizontal: bool) -> list[list[Segment]]:
    """The rules lying at each grid position (within SNAP), so each boundary test reads only those."""
    return [[rule for rule in rules if abs((rule.y0 if horizontal else rule.x0) - at) <= SNAP] for at in positions]


def _open_edges(ys: list[float], vertical: list[Segment]) -> list[float]:
    """Add the top or bottom edge a table split over pages leaves unruled: where most of its columns'
    rules run on past the outermost horizontal rule to one common end."""
    if not ys or not vertical:
        return ys
    tops = _cluster([r.y0 for r in vertical if r.y0 < ys[0] - SNAP])
    bottoms = _cluster([r.y1 for r in vertical if r.y1 > ys[-1] + SNAP])
    columns = len(_cluster([r.x0 for r in vertical]))
    reach = [at for at in tops if _reaching(vertical, at, top=True) * 2 > columns]
    ends = [at for at in bottoms if _reaching(vertical, at, top=False) * 2 > columns]
    return reach[:1] + ys + ends[-1:]


def _reaching(vertical: list[Segment], at: float, top: bool) -> int:
    """How many columns' rules end at this height."""
    return len(_cluster([r.x0 for r in vertical if abs((r.y0 if top else r.y1) - at) <= SNAP]))


def _table(rules: list[Segment]) -> Table | None:
    horizontal = [r for r in rules if r.horizontal]
    vertical = [r for r in rules if not r.horizontal]
    xs = _cluster([r.x0 for r in vertical])
    ys = _open_edges(_cluster([r.y0 for r in horizontal]), vertical)
    if len(xs) < 2 or len(ys) < 2:
        return None
    rows, cols = len(ys) - 1, len(xs) - 1
    down, across = _at(vertical, xs, horizontal=False), _at(horizontal, ys, horizontal=True)
    slot = {(i, j): i * cols + j for i in range(rows) for j in range(cols)}
    parent = list(range(rows * cols))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for i in range(rows):
        for j in range(cols):
            if j + 1 < cols and not _covered(down[j + 1], ys[i], ys[i + 1], horizontal=False):
                parent[root(slot[i, j + 1])] = root(slot[i, j])
            if i + 1 < rows and not _covered(across[i + 1], xs[j], xs[j + 1], horizontal=True):
                parent[root(slot[i + 1, j])] = root(slot[i, j])
    members: dict[int, list[tuple[int, int]]] = {}
    for (i, j), k in slot.items():
        members.setdefault(root(k), []).append((i, j))
    table = Table(xs, ys, [])
    for spots in sorted(members.values()):
        if len(spots) == 1:  # most cells span one slot
            (top, left), (bottom, right) = spots[0], spots[0]
        else:
            top, left = min(i for i, _ in spots), min(j for _, j in spots)
            bottom, right = max(i for i, _ in spots), max(j for _, j in spots)
        bbox = (xs[left], ys[top], xs[right + 1], ys[bottom + 1])
        for spot in spots:
            table.owner[spot] = len(table.cells)
        table.cells.append(Cell(top, left, bottom - top + 1, right - left + 1, bbox))
    return table
