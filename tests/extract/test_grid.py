"""Ruled-table geometry: grids, spanning cells, rules drawn in pieces or as thin rectangles."""

from __future__ import annotations

from extract.grid import Segment, find_tables, merge_segments


def h(y: float, x0: float, x1: float) -> Segment:
    return Segment(x0, y, x1, y)


def v(x: float, y0: float, y1: float) -> Segment:
    return Segment(x, y0, x, y1)


def test_a_two_by_three_grid() -> None:
    rules = [h(y, 0, 300) for y in (0, 20, 40)] + [v(x, 0, 40) for x in (0, 100, 200, 300)]
    (table,) = find_tables(rules)
    assert (table.xs, table.ys) == ([0, 100, 200, 300], [0, 20, 40])
    assert [(c.row, c.col, c.row_span, c.col_span) for c in table.cells] == [
        (0, 0, 1, 1), (0, 1, 1, 1), (0, 2, 1, 1), (1, 0, 1, 1), (1, 1, 1, 1), (1, 2, 1, 1)]


def test_spanning_cells_where_no_rule_separates() -> None:
    # the first column's two rows are one merged cell (一级指标), the second row's last two columns too
    rules = [h(0, 0, 300), h(20, 100, 300), h(40, 0, 300)]
    rules += [v(0, 0, 40), v(100, 0, 40), v(200, 0, 20), v(300, 0, 40)]
    (table,) = find_tables(rules)
    assert [(c.row, c.col, c.row_span, c.col_span) for c in table.cells] == [
        (0, 0, 2, 1), (0, 1, 1, 1), (0, 2, 1, 1), (1, 1, 1, 2)]
    assert table.cell_at(50, 35) == 0 and table.cell_at(250, 30) == 3 and table.cell_at(350, 10) is None


def test_rules_in_pieces_and_thin_rectangles_merge() -> None:
    pieces = [h(10, 0, 50), h(10, 50, 120), h(10.4, 119, 200)]
    assert merge_segments(pieces) == [Segment(0, 10.133333333333333, 200, 10.133333333333333)]
    # a thin filled rectangle: two long edges 0.5 pt apart and two 0.5 pt ends, which are dropped
    rectangle = [h(30, 0, 200), h(30.5, 0, 200), v(0, 30, 30.5), v(200, 30, 30.5)]
    assert [s.horizontal for s in merge_segments(rectangle)] == [True]


def test_separate_tables_stay_separate() -> None:
    first = [h(y, 0, 100) for y in (0, 20)] + [v(x, 0, 20) for x in (0, 100)]
    second = [h(y, 0, 100) for y in (200, 220)] + [v(x, 200, 220) for x in (0, 100)]
    assert [t.ys[0] for t in find_tables(second + first)] == [0, 200]


def test_a_page_break_leaves_the_edge_unruled() -> None:
    # a table continued from the previous page: its column rules start 20 pt above its first rule
    rules = [h(y, 0, 300) for y in (20, 40)] + [v(x, 0, 40) for x in (0, 100, 200, 300)]
    (table,) = find_tables(rules)
    assert table.ys == [0, 20, 40] and table.cell_at(150, 10) == 1
    # one column's rule running on (a stamp, a note's rule) is no edge
    rules = [h(y, 0, 300) for y in (20, 40)] + [v(x, 20, 40) for x in (0, 100, 200)] + [v(300, 0, 40)]
    assert find_tables(rules)[0].ys == [20, 40]
