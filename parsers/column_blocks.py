"""A table printed column by column (a PDF's text boxes, one a column: pdfminer): each header cell alone on its
line with its column's cells under it, one a line, and then the next header. Read back into rows: the columns
holding as many cells as each other (two at least, each cell on a line of its own) are the table's; the cells
of rank r of each make row r. A column holding one cell (a level label merged down the table) gives it to the
first row, whence it is filled down; a column of another count (level labels merged over unknown spans, a note
wrapped over lines) cannot be placed and is left out of the rows, its header kept. A column of row labels
printed before the first header (年度资金总额 | 其中：财政拨款 | …, as many as the rows) opens each row."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from parsers.tokens import Token

_HEADERS = ("column", "fcolumn")
_CELLS = ("value", "level1", "level2", "points", "empty")
_ROW_LABELS = ("field", "source", "total", "value")
_MIN_ROWS = 2
_LEVEL_ORDER = {"level1": 0, "level2": 1}
_MIN_COLUMNS = 2  # columns of the common count: one column of values is a list, not a table


def columns_transposed(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    """The tokens with every table printed column by column read back into rows, and the cells of columns no
    row could take."""
    out: list[Token] = []
    left_out: list[Token] = []
    index = 0
    while index < len(tokens):
        blocks, end = _blocks(tokens, index)
        rows = _rows(blocks)
        if rows is None:
            out.append(tokens[index])
            index += 1
            continue
        labels = _row_labels(out, rows)
        if labels:
            del out[len(out) - len(labels) :]
        out += _as_rows(blocks, rows, labels)
        left_out += _unplaced(blocks, rows)
        index = end
    return out, left_out


def _blocks(tokens: list[Token], start: int) -> tuple[list[tuple[Token, list[Token]]], int]:
    """The header-and-cells blocks from `start` on, each token on a line of its own, up to a header printed
    again (the next page's table)."""
    blocks: list[tuple[Token, list[Token]]] = []
    index = start
    while index < len(tokens) and tokens[index].kind in _HEADERS and _alone(tokens, index) \
            and tokens[index].key not in {header.key for header, _ in blocks}:
        header, cells = tokens[index], []
        index += 1
        while index < len(tokens) and tokens[index].kind in _CELLS and _alone(tokens, index):
            cells += [tokens[index]] if tokens[index].kind != "empty" else []
            index += 1
        blocks.append((header, cells))
    return blocks, index


def _alone(tokens: list[Token], index: int) -> bool:
    line = tokens[index].line
    return all(tokens[at].line != line or tokens[at].kind == "empty"
               for at in (index - 1, index + 1) if 0 <= at < len(tokens))


def _rows(blocks: list[tuple[Token, list[Token]]]) -> int | None:
    """How many rows the blocks' table holds: the count most columns share, where two columns or more do."""
    counts = Counter(len(cells) for _, cells in blocks if len(cells) >= _MIN_ROWS)
    if not counts:
        return None
    rows, columns = counts.most_common(1)[0]
    return rows if columns >= _MIN_COLUMNS else None


def _row_labels(before: list[Token], rows: int) -> list[Token]:
    """The row labels printed straight before the first header, one a line, as many as the rows: the first
    a field or a total (年度资金总额), none a header."""
    printed = [token for token in before[-rows:] if token.kind != "empty"]
    if len(before) < rows or len(printed) < rows or len({token.line for token in printed}) < rows \
            or any(token.kind not in _ROW_LABELS for token in printed) or printed[0].kind not in ("field", "total"):
        return []
    return printed


def _as_rows(blocks: list[tuple[Token, list[Token]]], rows: int, labels: list[Token]) -> list[Token]:
    """The headers on one line, then each row's cells on the line its first column's cell stood on; the level
    columns first, where a row's levels stand before its name whatever order the boxes were printed in."""
    header_line = blocks[0][0].line
    blocks = sorted(blocks, key=lambda block: _LEVEL_ORDER.get(block[0].key or "", len(_LEVEL_ORDER)))
    out = [replace(header, line=header_line) for header, _ in blocks]
    columns = [cells for _, cells in blocks if len(cells) == rows or _merged_label(cells)]
    row_lines = [cell.line for cell in next(cells for cells in columns if len(cells) == rows)]
    for rank, line in enumerate(row_lines):
        row = [labels[rank]] if labels else []
        row += [cells[rank] for cells in columns if len(cells) == rows] if rank else \
            [cells[0] for cells in columns]
        out += [replace(token, line=line) for token in row]
    return out


def _merged_label(cells: list[Token]) -> bool:
    """A column of one level label: merged down the whole table, the first row's."""
    return len(cells) == 1 and cells[0].kind in ("level1", "level2")


def _unplaced(blocks: list[tuple[Token, list[Token]]], rows: int) -> list[Token]:
    """The cells of columns no row can take."""
    return [cell for _, cells in blocks if len(cells) != rows and not _merged_label(cells) for cell in cells]
