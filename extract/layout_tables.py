"""The ruled tables of a ``pdftotext -layout`` page -> grid lines, one per table row, as the PDF path
gives them (measured on samples/text_variants/, made from samples/pdf/).

-layout prints every line of text at its height, so a table row whose cells wrap is several printed
lines, and a cell shorter than its row is printed centred on it: the figures of 分值/得分 on the
middle line, a wrapped target half above and half below (001-rl: 一级故障<=90分 / 钟，二级故障<=1 /
80分钟，三级故 / 障<=24小时 around 系统故障解决时间 10 10), a merged 一级/二级 label halfway down the
rows it spans. What is rebuilt, from the printed positions alone:

- a table starts at a line of column headings (three short pieces or more, no figure, no checkbox)
  with rows under it within a few lines; a heading wrapped around that line (偏差原因分析及 /
  改进措施) joins it; the table ends at prose (one long piece) or two blank lines;
- its columns are the runs of character positions the rows' pieces cover, parted by blank gutters
  (a run under two headings is parted where fewest pieces cross and most start); each heading takes
  the run it stands over or the nearest, runs left of all headings are a column of row labels, other
  runs without a heading join the column on their left; a piece of two columns' words that
  pdftotext kept one space apart is cut at that space;
- a row is a line with a piece in the figure column (a column of figures only, 分值/得分; else the
  column headed as the names', or the names found by their wrapping less than the targets); a
  wrapped cell's lines (at most two apart, each but the last as wide as the column's widest) go to
  the row they are centred on, together; other pieces to the nearest row, the one below on a tie
  unless the cell above was cut short above its middle; a row holding only the end of the name
  above joins it;
- what pdftotext squeezed is parted: a compared value one space after words (12345工单受理率
  =100%), level labels one space before the next cell (效益指标 社会效益指标 诉求解决率, each under
  its level's heading as the templates data knows it), a short end of a cell printed left of its
  column under its start (情况), a piece pulled left onto a wrapped name's middle line (制定并执行);
- the label columns (left of the first column filled on nearly every row) hold labels centred on the
  block of rows they span: each goes to the first row of its block, the block being the run of rows,
  counted in rows, whose middle is where the label is printed, and ending before the row the next
  label is printed on;
- a cell's wrapped lines are joined without a space (the text was wrapped, not spaced); the closing
  row's words (总分, 合计, with two figures at least) start at column 0, a cell merged from the left
  edge.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import regex

from models import Cell, Line, Where

_PIECE = regex.compile(r"\S+(?: \S+)*")
_WORD = regex.compile(r"\S+")
_FIGURE = regex.compile(r"^[=<>≥≤＞＜]{0,2}-?[\d,]+(?:\.\d+)?%?$")
_DIGIT = regex.compile(r"\d")
_COMPARED = regex.compile(r"^[=<>≥≤＞＜]{1,2}-?[\d,]+(?:\.\d+)?\S*$")  # =100%, >=98%, =12次
_ENDED = regex.compile(r"[。；;]$")  # a cell that ends a sentence is not cut short
_VALUE_START = regex.compile(r"^[=<>≥≤＞＜]|^\d")
# words and a value one space after them: any value after words without a figure, a compared one
# after words with one (12345工单受理率 =100%)
_VALUE_AFTER_WORDS = regex.compile(r"^([^\d ]*\p{Han}[^\d ]*) ([=<>≥≤＞＜]\S*|\d\S*)$"
                                   r"|^([^ ]*\p{Han}[^ ]*) ([=<>≥≤＞＜]\S*)$")
_NOT_HEADING = regex.compile(r"[□☑■☐√。，；]")  # checkbox options or prose, not column headings
_HEADING = 12  # a column heading is at most this long
_LOOKAHEAD = 4  # lines below a heading line within which rows must start
_MAX_BLANKS = 3  # blank lines that end a table
_SPREAD = 0.8  # a label column is filled on fewer than this share of rows
_SLACK = 1  # pdftotext rounds x positions to character columns
_PROSE = 24  # a line of one piece longer than this is prose, not a table cell
_FIGURES = 0.8  # a figure column's pieces are figures at least this often
_FULL = 0.6  # without one, rows are marked by the first column this nearly as full as the fullest
_MIN_CELL = 3  # a column is at least this wide
_LABEL_TAIL = 4  # a merged label wraps after more than this many characters, its end is this short


@dataclass(frozen=True)
class Piece:
    line: int  # index in the page's lines
    start: int
    end: int
    text: str


@dataclass
class Row:
    anchor: int  # the line holding its figure
    cells: dict[int, list[Piece]] = field(default_factory=dict)

    def add(self, column: int, piece: Piece) -> None:
        self.cells.setdefault(column, []).append(piece)


def pieces_of(index: int, text: str) -> list[Piece]:
    return [Piece(index, match.start(), match.end(), match.group()) for match in _PIECE.finditer(text)]


def heading_pieces(index: int, text: str) -> list[Piece]:
    """A heading line's headings: every word, since a narrow table's headings may be printed one
    space apart (年度指标值 实际完成值 分值) and a column heading holds no space of its own."""
    return [Piece(index, match.start(), match.end(), match.group()) for match in _WORD.finditer(text)]


def find_table(texts: list[str], start: int, lookahead: int = _LOOKAHEAD) -> tuple[int, int, int] | None:
    """(first, heading, end) line indices of the table whose headings start at ``start``, or None.
    Headings wrapped over three lines (年初预算 / 分值 执行率 得分 / 数) have their middle line as the
    heading line. Rows start within ``lookahead`` lines of the headings."""
    heads = pieces_of(start, texts[start])
    if len(heads) < 3 or not _heading_like(texts[start], _HEADING):
        return None
    below = [pieces_of(index, texts[index]) for index in range(start + 1, min(len(texts), start + 1 + lookahead))]
    if not any(len([piece for piece in line if piece.end > heads[0].start]) >= 2 for line in below):
        return None
    heading = start
    if start + 2 < len(texts) and len(pieces_of(start + 1, texts[start + 1])) >= len(heads) \
            and _heading_like(texts[start + 1], _HEADING) and _heading_like(texts[start + 2], _HEADING):
        heading = start + 1
    wrapped = heading > start or heading and _wrapped_heading(texts, heading, pieces_of(heading, texts[heading]))
    first = heading - 1 if wrapped else heading
    return first, heading, _table_end(texts, heading + 1)


def carried_heading(headings: list[str], texts: list[str]) -> str | None:
    """A heading line for rows that go on from the last page (the headings not printed again): the
    last table's headings, one over each column of these rows, or None when the columns do not
    match them one to one."""
    end = _table_end(texts, 0)
    body = [piece for index in range(end) for piece in pieces_of(index, texts[index])]
    if not body:
        return None
    coverage = [0] * (max(piece.end for piece in body) + 1)
    for piece in body:
        for position in range(piece.start, piece.end):
            coverage[position] += 1
    runs = _runs(coverage)
    if len(runs) != len(headings):
        return None
    line = ""
    for (start, _), text in zip(runs, headings):
        line = line.ljust(max(start, len(line) + 2)) + text
    return line


def _heading_like(text: str, longest: int) -> bool:
    found = pieces_of(0, text)
    return bool(found) and not _DIGIT.search(text) and not _NOT_HEADING.search(text) \
        and all(len(piece.text) <= longest for piece in found)


def _wrapped_heading(texts: list[str], heading: int, heads: list[Piece]) -> bool:
    """A heading cell wrapped around the heading line: the line above holds, with no figure, pieces
    over headings, or over a piece of the line below (偏差原因分析及改 / <headings> / 进措施)."""
    above = pieces_of(heading - 1, texts[heading - 1])
    below = pieces_of(heading + 1, texts[heading + 1]) if heading + 1 < len(texts) else []
    return bool(above) and bool(below) and not _DIGIT.search(texts[heading - 1] + texts[heading + 1]) \
        and len(above) < len(heads) and all(any(_overlap(piece, other) > 0 for other in below) for piece in above)


def _table_end(texts: list[str], index: int) -> int:
    """The line after the table: at prose (one long piece) or two blank lines."""
    blanks = 0
    while index < len(texts):
        found = pieces_of(index, texts[index])
        if not found:
            blanks += 1
            if blanks >= _MAX_BLANKS:
                return index + 1 - blanks
        elif len(found) == 1 and len(found[0].text) > _PROSE:
            break
        else:
            blanks = 0
        index += 1
    return index - blanks


def table_rows(texts: list[str], first: int, end: int, heading: int) -> tuple[list[list[tuple[int, str]]], int]:
    """The table's rows as (column, text) cells, its headings first, and the line after its last row."""
    wrapped_below = heading + 1 if first < heading else None
    heads = _headings(texts, first, heading, wrapped_below)
    found = [split for index in range(first, end)
             for piece in (heading_pieces if index == heading else pieces_of)(index, texts[index])
             for level in _split_levels(piece) for split in _split_value(level)]
    in_body = [piece for piece in found if piece.line > heading and piece.line != wrapped_below]
    spans = column_spans(heads, in_body)
    heading_columns = _heading_columns(spans, heads)
    found = [part for piece in found for part in _split_piece(piece, spans)]
    in_body = [piece for piece in found if piece.line > heading and piece.line != wrapped_below]
    head_row = Row(heading)
    body = list(zip(in_body, _level_columns_of(in_body, _levels_by_key(heading_columns), spans)))
    for piece in found:
        if piece not in in_body:
            head_row.add(heading_columns.get((piece.start, piece.text), _column(spans, piece)), piece)
    body = _continued(_bump_values(body))
    rows, end = _rows(body, end, _names_column(heading_columns), _level_columns(heading_columns))
    for row in rows:
        _unmix(row, len(spans))
    body = [(piece, column) for piece, column in body if piece.line < end]
    _lift_labels(rows, body)
    cells = [_cells(row) for row in rows]
    if cells and len(cells) > 1:
        cells[-1] = _total_row(cells[-1])
    return [_cells(head_row)] + cells, end


def _total_row(cells: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The closing row's words (总分, 合计) are a cell merged from the table's left edge, as the PDF
    path gives it: what is printed before its figures starts at column 0. It holds two figures at
    least (总分 100 97.60); a last row of a name and one target is an indicator."""
    words = [text for _, text in cells if not _FIGURE.match(text)]
    if len(words) != 1 or _FIGURE.match(cells[0][1]) or len(cells) - len(words) < 2:
        return cells
    return [(0, words[0])] + [(column, text) for column, text in cells if _FIGURE.match(text)]


def _headings(texts: list[str], first: int, heading: int, below: int | None) -> list[Piece]:
    """The heading line's pieces, and those of a heading cell wrapped around it with no piece on it
    (LibreOffice: 偏差原因分析及改 / <headings> / 进措施, the column's only text)."""
    heads = heading_pieces(heading, texts[heading])
    wrapped = [piece for index in {first, below} - {heading, None} for piece in pieces_of(index, texts[index])]
    extra: list[Piece] = []
    for piece in sorted(wrapped, key=lambda piece: piece.line):
        if any(_overlap(piece, head) > 0 for head in heads):
            continue
        over = next((index for index, other in enumerate(extra) if _overlap(piece, other) > 0), None)
        if over is None:
            extra.append(piece)
        else:  # the two halves of one heading: 偏差原因分析及改 / 进措施
            other = extra[over]
            extra[over] = Piece(other.line, min(other.start, piece.start), max(other.end, piece.end),
                                other.text + piece.text)
    return sorted(heads + extra, key=lambda piece: piece.start)


def column_spans(heads: list[Piece], body: list[Piece]) -> list[tuple[int, int]]:
    """The table's columns as [start, end) character ranges: the runs of positions the rows' pieces
    cover, parted by blank gutters. A run under two headings is parted where fewest rows cross it (a
    long cell pushes the next one right, over the gutter). Each heading takes the run it overlaps most,
    or the nearest (LibreOffice prints figures right-aligned, headings centred: 分值 at 77, its figures
    at 82); runs left of every heading's are the row labels' column, and a run with no heading of its
    own joins the one on its left."""
    width = max(piece.end for piece in [*heads, *body])
    coverage = [0] * (width + 1)
    for piece in body:
        for position in range(piece.start, piece.end):
            coverage[position] += 1
    starts = [0] * (width + 2)
    for piece in body:
        starts[piece.start] += 1
    runs = _split_runs(_runs(coverage), heads, coverage, starts)
    owned = set(_assign(runs, heads))
    spans: list[list[int]] = []
    for index, run in enumerate(runs):
        if index in owned or not spans or not any(span_index in owned for span_index in range(index)):
            spans.append(list(run))
        else:
            spans[-1][1] = run[1]
    return [(start, stop) for start, stop in spans]


def _runs(coverage: list[int]) -> list[tuple[int, int]]:
    runs, start = [], None
    for position, count in enumerate([*coverage, 0]):
        if count and start is None:
            start = position
        elif not count and start is not None:
            runs.append((start, position))
            start = None
    return runs or [(0, len(coverage))]


def _split_runs(runs: list[tuple[int, int]], heads: list[Piece], coverage: list[int],
                starts: list[int]) -> list[tuple[int, int]]:
    """Part a run under two headings where the right column's pieces start: the first position
    right of where the left column's pieces start at which two pieces or more start (LibreOffice
    starts a wrapped target at 31 and centres a short one at 38; the names start at 22); failing
    that, where fewest pieces cross and most start."""
    for number, (left, right) in enumerate(zip(heads, heads[1:])):
        picks = _assign(runs, heads)
        index = picks[number]
        if index != picks[number + 1]:
            continue
        start, stop = runs[index]
        home = max(range(start, max(start + 1, right.start)), key=lambda position: (starts[position], -position))
        later = [position for position in range(home + _MIN_CELL, min(stop, right.start + 1)) if starts[position] >= 2]
        low, high = max(start + 1, left.end), min(stop - 1, right.start)
        if low >= high:
            low, high = right.start, right.start + 1
        cut = later[0] if later else min(range(low, high), key=lambda position: (
            coverage[position] - starts[position] - starts[position + 1], abs(position - (low + high) / 2)))
        runs[index : index + 1] = [(start, cut), (cut, stop)]
    return runs


def _assign(runs: list[tuple[int, int]], heads: list[Piece]) -> list[int]:
    """The run under each heading: the nearest, except that a heading over no printed piece whose
    nearest run is the next heading's too takes the closest free run on its left (三级目标, centred
    at 26 over names from 15 to 23, beside targets from 33 under 指标目标值)."""
    picks = [_nearest_run(runs, head) for head in heads]
    for number, head in enumerate(heads[:-1]):
        if picks[number] == picks[number + 1] and not _span_overlap(runs[picks[number]], head):
            low = picks[number - 1] + 1 if number else 0
            free = [index for index in range(low, picks[number]) if index not in picks]
            if free:
                picks[number] = max(free)
    return picks


def _nearest_run(runs: list[tuple[int, int]], head: Piece) -> int:
    return max(range(len(runs)), key=lambda index: (_span_overlap(runs[index], head), -_distance(runs[index], head)))


def _span_overlap(span: tuple[int, int], piece: Piece) -> int:
    return max(0, min(span[1], piece.end) - max(span[0], piece.start))


def _distance(span: tuple[int, int], piece: Piece) -> float:
    return abs((span[0] + span[1]) / 2 - (piece.start + piece.end) / 2)


def _rows(body: list[tuple[Piece, int]], end: int, names: int | None = None,
          levels: frozenset[int] = frozenset()) -> tuple[list[Row], int]:
    """One row per line with a figure in the figure column; the table ends with its last row's lower half."""
    if not body:
        return [], end
    figure = _figure_column(body, names)
    anchors = sorted({piece.line for piece, column in body if column == figure} | _unscored_rows(body, figure))
    if not anchors:
        return [], end
    if len(anchors) > 1:
        end = min(end, anchors[-1] + 1 + (anchors[-1] - anchors[-2] - 1) // 2)
    rows = [Row(line) for line in anchors]
    labels = _label_columns([(piece, column) for piece, column in body if piece.line < end], rows)
    widest: dict[int, int] = {}
    for piece, column in body:
        widest[column] = max(widest.get(column, 0), len(piece.text))
    by_column: dict[int, list[Piece]] = {}
    for piece, column in body:
        if column not in labels and piece.line < end:
            by_column.setdefault(column, []).append(piece)
    for column in levels & set(by_column):  # level labels are one-line cells, one under the other
        for piece in by_column.pop(column):
            _home(rows, piece, column, widest[column]).add(column, piece)
    anchored = {row.anchor: row for row in rows}
    _pull_back(by_column, set(anchored))
    for column, pieces in by_column.items():  # a piece pulled back may open a column of its own
        widest[column] = max(widest.get(column, 0), *(len(piece.text) for piece in pieces))
    for column, pieces in sorted(by_column.items()):
        for block in _cell_blocks(pieces, set(anchored)):
            on = {piece.line for piece in block} & set(anchored)
            if len(block) > 1 and len(on) <= 1:  # a wrapped cell is centred on its row
                home = anchored[on.pop()] if on else _nearest(rows, (block[0].line + block[-1].line) / 2)
                for piece in block:
                    home.add(column, piece)
                continue
            for piece in block:
                _home(rows, piece, column, widest[column]).add(column, piece)
    return _join_wrapped(rows, figure), end


def _pull_back(by_column: dict[int, list[Piece]], anchors: set[int]) -> None:
    """A piece on a row's middle line between the two lines of a cell wrapped around it, starting
    elsewhere than they do (长效管理制度建设 / 制定并完善 / 情况: pdftotext pulls a short line left when
    nothing stands before it), is the next column's, when that column has nothing on the line."""
    for column in sorted(by_column):
        for piece in [piece for piece in by_column[column] if piece.line in anchors]:
            near = {other.line - piece.line: other for other in by_column[column] if other is not piece}
            above, below = near.get(-1), near.get(1) or near.get(2)
            if above and below and abs(above.start - below.start) <= _SLACK \
                    and abs(piece.start - above.start) > _SLACK \
                    and not any(other.line == piece.line for other in by_column.get(column + 1, [])):
                by_column[column].remove(piece)
                by_column.setdefault(column + 1, []).append(piece)


def _cell_blocks(pieces: list[Piece], anchors: set[int]) -> list[list[Piece]]:
    """A column's pieces by the cells they were wrapped from: lines at most two apart (pdftotext
    puts the row's middle line between them), a cell ending at a line narrower than the column's
    full lines (its last). A piece on a row's middle line at either end of a block not centred on
    it is a cell of its own (接听电话… / 和手机受理… above 12345热线回访… 94.90%)."""
    from extract.rawtext import width  # printed widths: CJK characters are two

    full = max(width(piece.text) for piece in pieces)
    blocks: list[list[Piece]] = []
    for piece in sorted(pieces, key=lambda piece: (piece.line, piece.start)):
        last = blocks[-1][-1] if blocks else None
        if last and 0 < piece.line - last.line <= 2 and width(last.text) * 1.1 + 2 >= full \
                and last.line not in anchors:  # a cell is centred: what goes on below its middle began above it
            blocks[-1].append(piece)
        else:
            blocks.append([piece])
    return [part for block in blocks for part in _off_centre(block, anchors)]


def _off_centre(block: list[Piece], anchors: set[int]) -> list[list[Piece]]:
    if len(block) < 2:
        return [block]
    centre = (block[0].line + block[-1].line) / 2
    if block[-1].line in anchors and abs(block[-1].line - centre) > 1:
        return [*_off_centre(block[:-1], anchors), block[-1:]]
    if block[0].line in anchors and abs(block[0].line - centre) > 1:
        return [block[:1], *_off_centre(block[1:], anchors)]
    return [block]


def _home(rows: list[Row], piece: Piece, column: int, widest: int) -> Row:
    """The nearest row; halfway between two, the one below, unless the row above's cell in this
    column is only printed above its row's middle line and cut at the column's full width (响应时间：
    ≤10分钟内，故障处理 / 三级故障 / 时间≤24小时 / 培训及时性 =100%): a cell is centred on its row, so
    one printed above the middle and cut short goes on below it, and the piece is its end."""
    home = _nearest(rows, piece.line)
    index = rows.index(home)
    if index and home.anchor - piece.line == piece.line - rows[index - 1].anchor:
        upper = rows[index - 1]
        above = upper.cells.get(column, [])
        if above and all(other.line < upper.anchor for other in above) \
                and len(above[-1].text) >= widest - _SLACK and not _ENDED.search(above[-1].text):
            return upper
    return home


def _unscored_rows(body: list[tuple[Piece, int]], figure: int) -> set[int]:
    """Lines that are a row of their own without a figure (对外形象好评度 无负面评价 无负面评价, not
    scored): three cells or more in a row of columns, right of the label columns, none in the
    figure column, two lines or more from every line that has one."""
    figured = {piece.line for piece, column in body if column == figure}
    by_line: dict[int, set[int]] = {}
    for piece, column in body:
        by_line.setdefault(piece.line, set()).add(column)
    rows = set()
    for line, columns in by_line.items():
        ordered = sorted(columns)
        if figure not in columns and len(columns) >= 3 and ordered[-1] - ordered[0] == len(ordered) - 1 \
                and all(abs(line - other) >= 2 for other in figured):
            rows.add(line)
    return rows


def _join_wrapped(rows: list[Row], figure: int) -> list[Row]:
    """A row whose name is only the short end of the name just above, wrapped at the column's full
    width (人力资源配备和培训应该满足可持续发展的 / 需求), is that row's: its cells join it."""
    widest = max((len(piece.text) for row in rows for piece in row.cells.get(figure, [])), default=0)
    joined: list[Row] = []
    for row in rows:
        above = joined[-1] if joined else None
        if above and figure in row.cells and figure in above.cells and row.anchor - above.anchor <= 2 \
                and len(_text(row, figure)) <= _LABEL_TAIL and not _FIGURE.match(_text(row, figure)) \
                and len(above.cells[figure][-1].text) >= widest - _SLACK:
            for column, pieces in row.cells.items():
                above.cells.setdefault(column, []).extend(pieces)
        else:
            joined.append(row)
    return joined


def _text(row: Row, column: int) -> str:
    return "".join(piece.text for piece in row.cells.get(column, []))


def _level_columns(heading_columns: dict[tuple[int, str], int]) -> frozenset[int]:
    """The columns under headings the templates data calls 一级/二级 (merged labels, never wrapped cells)."""
    return frozenset(_levels_by_key(heading_columns).values())


def _levels_by_key(heading_columns: dict[tuple[int, str], int]) -> dict[str, int]:
    from parsers.tokens import classify

    return {classify(text)[1]: column for (_, text), column in heading_columns.items()
            if classify(text)[:2] in (("column", "level1"), ("column", "level2"))}


def _level_columns_of(pieces: list[Piece], levels: dict[str, int], spans: list[tuple[int, int]]) -> list[int]:
    """Each piece's column. A level label the templates data knows goes under its level's heading
    (社会效益指标 squeezed left of its column by pdftotext), whatever column its position is nearest,
    and what follows it on its line stands right of it (效益指标 社会效益指标 诉求解决率)."""
    from parsers.tokens import level_of

    columns, right_of = [], {}  # line -> the rightmost level column taken on it
    for piece in pieces:
        level = level_of(piece.text)
        column = levels.get(level[0], _column(spans, piece)) if level else _column(spans, piece)
        if not level and column <= right_of.get(piece.line, -1) and column in levels.values():
            column = right_of[piece.line] + 1
        if level and column in levels.values():
            right_of[piece.line] = max(column, right_of.get(piece.line, -1))
        columns.append(column)
    return columns


def _names_column(heading_columns: dict[tuple[int, str], int]) -> int | None:
    """The column under the heading the templates data calls the indicators' names (三级指标, 绩效指标)."""
    from parsers.tokens import classify  # the wording of column headings lives with the parsers' data

    return next((column for (_, text), column in heading_columns.items() if classify(text)[:2] == ("column", "name")),
                None)


def _figure_column(body: list[tuple[Piece, int]], names: int | None = None) -> int:
    """The column whose pieces mark the rows: one of figures only (分值, 得分: a figure never wraps),
    else the names' column where a heading says which it is, else the first column of words (longer
    on the whole than a 二级 label's) filled about as often as the fullest (the names: they wrap less
    than the targets beside them; a page of long targets wraps them more than its few names)."""
    counts: dict[int, list[int]] = {}
    for piece, column in body:
        tally = counts.setdefault(column, [0, 0])
        tally[0] += bool(_FIGURE.match(piece.text))
        tally[1] += 1
    figures = {column: right for column, (right, total) in counts.items() if right >= 2 and right >= _FIGURES * total}
    if figures:
        return max(figures, key=lambda column: (figures[column], column))
    if names in counts:
        return names
    most = max(total for _, total in counts.values())
    full = sorted(column for column, (_, total) in counts.items() if total >= _FULL * most)
    lengths = {column: [len(piece.text) for piece, where in body if where == column] for column in full}
    words = [column for column in full if sum(lengths[column]) / len(lengths[column]) > _LABEL_TAIL]
    return (words or full)[0]


def _label_columns(body: list[tuple[Piece, int]], rows: list[Row]) -> set[int]:
    """Columns left of the first one filled on nearly every row: merged labels spanning rows."""
    lines_by_column: dict[int, set[int]] = {}
    for piece, column in body:
        lines_by_column.setdefault(column, set()).add(_nearest(rows, piece.line).anchor)
    full = [column for column, anchors in sorted(lines_by_column.items()) if len(anchors) >= _SPREAD * len(rows)]
    return {column for column in lines_by_column if full and column < full[0]}


def _nearest(rows: list[Row], line: float) -> Row:
    return min(rows, key=lambda row: (abs(row.anchor - line), row.anchor < line))


def _lift_labels(rows: list[Row], body: list[tuple[Piece, int]]) -> None:
    """Each label of a label column onto the first row of the block of rows it is centred on. The
    block's end is measured both in printed lines and in rows, and the longer taken: pdftotext puts
    a label a line off its true middle beside rows of wrapped cells (000-rl 产出目标), and a tall row
    (a note wrapped over six lines) pulls the middle in rows (001-rl 产出指标)."""
    if not rows:
        return
    spans = [(min(_row_lines(row)), max(_row_lines(row))) for row in rows]
    anchors = {row.anchor: index for index, row in enumerate(rows)}
    for column in sorted(_label_columns(body, rows)):
        first = 0
        groups = _label_groups([piece for piece, where in body if where == column])
        for number, group in enumerate(groups):
            if first >= len(rows):
                break
            last = max(_block_end_in_lines(spans, first, group), _block_end_in_rows(spans, first, group))
            after = groups[number + 1] if number + 1 < len(groups) else []
            own = [anchors[piece.line] for piece in after if piece.line in anchors]
            if own:  # the next label printed on a row's middle line (社会效益 公众投诉率) begins by that row
                last = max(first, min(last, own[0] - 1))
            for piece in group:
                rows[first].add(column, piece)
            first = last + 1


def _row_position(spans: list[tuple[int, int]], line: int, top: bool) -> float:
    """Where a printed line stands in rows: row i's lines run from i to i + 1 (the top or bottom edge
    of the line, as asked), a line between two rows at their border."""
    for index, (start, stop) in enumerate(spans):
        if line < start:
            return float(index)
        if line <= stop:
            return index + (line - start + (0 if top else 1)) / (stop - start + 1)
    return float(len(spans))


def _block_end_in_lines(spans: list[tuple[int, int]], first: int, group: list[Piece]) -> int:
    """The last row of the block from row ``first`` whose middle line is nearest the label's."""
    centre = (group[0].line + group[-1].line) / 2
    return min(range(first, len(spans)),
               key=lambda end: (abs((spans[first][0] + spans[end][1]) / 2 - centre), -end))


def _block_end_in_rows(spans: list[tuple[int, int]], first: int, group: list[Piece]) -> int:
    """The same counted in rows: a label printed between two rows stands at their border, one on a
    row's lines at that row's share of them; rows first..last have their middle at (first+last+1)/2."""
    centre = (group[0].line + group[-1].line) / 2
    middle = (_row_position(spans, math.floor(centre), True) + _row_position(spans, math.ceil(centre), False)) / 2
    return min(len(spans) - 1, max(first, round(2 * middle - first - 1)))


def _row_lines(row: Row) -> list[int]:
    return [row.anchor] + [piece.line for pieces in row.cells.values() for piece in pieces]


def _label_groups(pieces: list[Piece]) -> list[list[Piece]]:
    """Pieces of one label column, a label wrapped over lines two apart at most being one group."""
    groups: list[list[Piece]] = []
    for piece in sorted(pieces, key=lambda piece: piece.line):
        if groups and piece.line - groups[-1][-1].line <= 2 and len(piece.text) <= _LABEL_TAIL \
                and (len(groups[-1][-1].text) > _LABEL_TAIL or len(piece.text) == 1) \
                and _continues(groups[-1][-1].text):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return groups


def _continues(text: str) -> bool:
    """A label cut by wrapping ends mid-word: not after a closing bracket or 标/标)/分)."""
    return not regex.search(r"[)）]$|指标$|目标$", text)


def _cells(row: Row) -> list[tuple[int, str]]:
    return [(column, "".join(piece.text for piece in sorted(pieces, key=lambda piece: (piece.line, piece.start))))
            for column, pieces in sorted(row.cells.items())]


def _heading_columns(spans: list[tuple[int, int]], heads: list[Piece]) -> dict[tuple[int, str], int]:
    """Each heading's column, as column_spans assigned it (三级目标 over the names it is centred on)."""
    picks = _assign(spans, heads)
    return {(head.start, head.text): pick for head, pick in zip(heads, picks)}


def _split_levels(piece: Piece) -> list[Piece]:
    """Level labels one space before the next cell (效益指标 社会效益指标 诉求解决率: pdftotext
    squeezed the columns): each a piece, as the templates data knows them."""
    from parsers.tokens import level_of

    words = list(regex.finditer(r"\S+", piece.text))
    cuts = [word.end() for word, after in zip(words, words[1:])
            if level_of(word.group()) and not after.group().startswith(("(", "（"))]  # 投入与管理 (36分) is one
    if not cuts:
        return [piece]
    parts, start = [], 0
    for cut in [*cuts, len(piece.text)]:
        text = piece.text[start:cut].strip()
        offset = start + len(piece.text[start:cut]) - len(piece.text[start:cut].lstrip())
        parts.append(Piece(piece.line, piece.start + offset, piece.start + offset + len(text), text))
        start = cut
    return parts


def _split_value(piece: Piece) -> list[Piece]:
    """Words and the value printed one space after them (系统正常运行天数 =365): two cells."""
    match = _VALUE_AFTER_WORDS.match(piece.text)
    if not match:
        return [piece]
    cut = match.end(1) if match.group(1) else match.end(3)
    return [Piece(piece.line, piece.start, piece.start + cut, piece.text[:cut]),
            Piece(piece.line, piece.start + cut + 1, piece.end, piece.text[cut + 1 :])]


def _continued(body: list[tuple[Piece, int]]) -> list[tuple[Piece, int]]:
    """The short end of a cell wrapped under its start, which pdftotext printed left of the column
    (长效管理制度建设 / 情况 in the labels' column, 办公设备正常运转 / 效益指标 社会效益指标 天数): a piece
    starting where a piece of a column further right starts two lines above (the row's middle line
    between), is that column's."""
    starts = {(piece.line, piece.start): column for piece, column in body}

    def above(piece: Piece, lines: int) -> int | None:
        return next((starts[(piece.line - lines, start)] for start in range(piece.start - 1, piece.start + 2)
                     if (piece.line - lines, start) in starts), None)

    out = []
    for piece, column in body:
        home = above(piece, 2) if len(piece.text) <= _LABEL_TAIL and above(piece, 1) is None else None
        column = home if home is not None and home > column else column
        out.append((piece, column))
    return out


def _unmix(row: Row, columns: int) -> None:
    """A compared value printed between the lines of the name wrapped beside it (人员服装配备保障 /
    =100% / 度: pdftotext pulls a short line left when nothing stands before it) is the next
    column's, when that column holds nothing on the row."""
    for column in sorted(row.cells):
        pieces = row.cells[column]
        values = [piece for piece in pieces if _COMPARED.match(piece.text)]
        if values and len(values) < len(pieces) and column + 1 < columns and column + 1 not in row.cells \
                and not any(_DIGIT.search(piece.text) for piece in pieces if piece not in values):
            row.cells[column] = [piece for piece in pieces if piece not in values]
            row.cells[column + 1] = values


def _bump_values(body: list[tuple[Piece, int]]) -> list[tuple[Piece, int]]:
    """A value that fell in the column of the words before it on its line (LibreOffice centres a
    short target so near a long name that both fall left of the border) belongs to the next column."""
    taken = {(piece.line, column) for piece, column in body}
    bumped = []
    for index, (piece, column) in enumerate(body):
        before = body[index - 1] if index else None
        if before and before[0].line == piece.line and before[1] == column and _VALUE_START.match(piece.text) \
                and not _DIGIT.search(before[0].text) and (piece.line, column + 1) not in taken:
            column += 1
            taken.add((piece.line, column))
        bumped.append((piece, column))
    return bumped


def _split_piece(piece: Piece, spans: list[tuple[int, int]]) -> list[Piece]:
    """A piece whose words lie in two columns (系统正常运行天数 =365: pdftotext kept one space between
    cells) is cut at the space nearest the columns' border."""
    for start, _ in spans[1:]:
        if piece.start < start < piece.end:
            spaces = [match.start() for match in regex.finditer(" ", piece.text)]
            if spaces:
                cut = min(spaces, key=lambda offset: abs(piece.start + offset - start))
                head = Piece(piece.line, piece.start, piece.start + cut, piece.text[:cut])
                tail = Piece(piece.line, piece.start + cut + 1, piece.end, piece.text[cut + 1 :])
                return [head, *_split_piece(tail, spans)]
    return [piece]


def _column(spans: list[tuple[int, int]], piece: Piece) -> int:
    """The column the piece overlaps most, else the nearest."""
    return max(range(len(spans)),
               key=lambda index: (_span_overlap(spans[index], piece), -_distance(spans[index], piece)))


def _overlap(piece: Piece, head: Piece) -> int:
    return min(piece.end, head.end) - max(piece.start, head.start)


def grid_lines(rows: list[list[tuple[int, str]]], where: Where, page: int | None) -> list[Line]:
    return [Line(cells=tuple(Cell(text=text, where=where, col=column) for column, text in row), layout="grid",
                 page=page) for row in rows if row]
