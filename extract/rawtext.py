"""Text that ``pdftotext -raw`` wrote -> the printed cells, one a line, as the PDF path reads them.

-raw prints the page's text in the content stream's order, a printed line per line, form feeds
between pages (what tells it from a text another tool wrote: no other text here has them). A cell
whose text wraps comes out as several lines, and LibreOffice draws a page in two passes (the cells
that wrap last), so a column of labels comes first and their values after. What is rebuilt here,
from the printed lines and the templates data's wording (parsers/forms.toml) alone, measured on
samples/text_variants/ (made from samples/pdf/) by bench/text_variants.py:

- a label cut over short lines (项目 / 名称, 同名项目上年预算额（元 / ）：) is one line;
- labels printed without a value, and the values printed apart from any label later on the page,
  are paired by order only where the counts agree (figures for amount labels; texts as cells, all
  at once or fields with one-line texts and sections with paragraphs); otherwise they are left as
  printed, each label a row of its own, and an extraction note says so: never a guess;
- the page's one year printed apart from its one title goes after it;
- a cell wrapped over lines is one line again: a wrapped line fills its cell, so the line after it
  is no wider; a line as wide as the widest line of its cell so far goes on, a narrower one ends
  the cell. A line of several words (a table row: 坐席人员数 =390 390 10 10), a label the templates
  data knows (项目名称：, 产出指标) and a title stand alone;
- an indicator table with scored columns (分值/得分, 权重/自评分) is put back in its columns row by
  row: headings wrapped onto lines of their own joined, level labels under their level, a row's
  figures under the scores, its texts in the columns every row fills (not a 指标解释), a line alone
  after the scores its last cell (偏差原因…) when a whole row follows it;
- the cells of such a table LibreOffice drew after it (the second pass) go back to the holes of its
  rows in order, where that fits one way only (_drawn_apart); a label drawn after the figure it
  takes (预算执行率（%）：) goes to the figure's row; a funds row cut into a line per cell is one line;
- where field labels outnumber the texts drawn apart, the fields every form fills (its project, its
  unit) take them when they are as many: the others are the empty ones, and a note says so.
"""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import replace
from functools import lru_cache

import regex

_SLACK = 2  # a character's width: where a wrapped line breaks depends on the next character
_NOTE_START = regex.compile(r"^[（(）)：:]")
_CONTINUES = regex.compile(r"^[，。、；：！？）」』,;]")  # punctuation that ends a word, never opens a cell
_SPREAD = 1.1  # full lines of one cell differ by up to a tenth in printed width (digits, quotes)
_LABEL_LINES = 4  # a label is cut over at most this many lines (项目 / 资金 / （元 / ）)
_LABEL_PIECE = 16  # each of them at most this long


def is_raw_text(raw: list) -> bool:
    """pdftotext's text (form feeds end its pages) that is not -layout (checked before)."""
    return any(line.page is not None for line in raw)


def join_labels(raw: list) -> list:
    """A label cut over short lines (项目 / 名称, 同名项目上年预算额（元 / ）：) as one line."""
    out: list = []
    index = 0
    while index < len(raw):
        label = _label_run(raw, index)
        out.append(replace(raw[index], text=label[0]) if label else raw[index])
        index += label[1] if label else 1
    return out


def join_wrapped(raw: list) -> list:
    """Each cell wrapped over lines as one line, numbered as its first."""
    out: list = []
    widest = tail = 0  # the widest line of the cell ``out`` ends with, and its last line's width
    for line in raw:
        text = line.text.strip()
        if out and not out[-1].cells and _goes_on(out[-1], text, widest, tail):
            parts = out[-1].parts or (out[-1].text.strip(),)
            # a line wider than the one before may be a cell of its own after a one-line cell (系统/设备租赁数
            # / 一级故障<=90分钟): the join is kept, and where it was made, for the tables drawn apart
            doubt = width(text) > tail and not _CONTINUES.match(text)
            parts = (*parts, text) if doubt else (*parts[:-1], parts[-1] + text)
            out[-1] = replace(out[-1], text=out[-1].text.rstrip() + text, parts=parts)
            tail = width(text)
            widest = max(widest, tail)
        else:
            out.append(line)
            widest = tail = width(text)
    return out


def join_figure_rows(raw: list) -> list:
    """A funds row cut into a line per cell (narrow columns: 年度资金总额 / 70762666.00 / 81572666.00 / … / 10)
    as one line: a row label, or headings only, and the lines after it that are each one figure, or
    each headings only (年初预算数 / 全年预算数 / 分值 执行率 得分)."""
    out: list = []
    for line in raw:
        text = line.text.strip()
        if out and not out[-1].cells and out[-1].page == line.page and _row_goes_on(out[-1].text.split(), text):
            out[-1] = replace(out[-1], text=out[-1].text.rstrip() + " " + text)
        else:
            out.append(line)
    return out


def _row_goes_on(words: list[str], text: str) -> bool:
    if not words or not text:
        return False
    if _headings_only(words):
        return _headings_only(text.split()) and any(_kind(word) == "fcolumn" for word in [*words, *text.split()])
    return (_FIGURE.match(text) is not None or text in _NOTHING) and _kind(words[0]) in ("source", "field") \
        and all(_FIGURE.match(word) or word in _NOTHING for word in words[1:])


def _headings_only(words: list[str]) -> bool:
    return all(_kind(word) in ("fcolumn", "column") for word in words)


_NOTHING = ("—", "-", "－")  # a cell printed empty on purpose


def _label_run(raw: list, index: int) -> tuple[str, int] | None:
    """(label, lines) of a label the templates data knows cut over two to four short lines here."""
    found, text = None, ""
    for count, line in enumerate(raw[index : index + _LABEL_LINES], start=1):
        piece = line.text.strip()
        if not piece or " " in piece or len(piece) > _LABEL_PIECE or line.page != raw[index].page \
                or _kind(piece) == "year":
            break
        if count == 2 and not _value(text) and not _NOTE_START.match(piece) \
                and classify_key(text + piece) != classify_key(text) and not _level_end(text, piece):
            break  # a label or title whole on its first line goes on only with its note (同名项目上年预算额 / （元）),
            # or a bare level label with its 指标 (可持续影响 / 指标); 年初预算 / 数: the same heading
        text += piece
        if count > 1 and not _value(text):
            found = (text, count)
    return found


def _level_end(label: str, piece: str) -> bool:
    """A level label printed bare (可持续影响) and its 指标 or 目标 on the next line."""
    return piece in ("指标", "目标") and classify_key(label)[0] in ("level1", "level2") \
        and classify_key(label + piece)[0] in ("level1", "level2")


def _goes_on(previous, text: str, widest: int, tail: int) -> bool:
    """``text`` is more of the cell ``previous`` ends: both one word, neither a label nor a title,
    on one page, the cell's last line as wide as its widest and ``text`` no wider; or ``text`` opens
    with punctuation no cell opens with (，二级故障<=180分钟: a line broken before its comma)."""
    last = previous.text.strip()
    if not text or not last or " " in text + last or not _value(text) or not _value(last):
        return False
    return _CONTINUES.match(text) is not None or _full(tail, widest) and width(text) < tail * _SPREAD + 1


def _full(line: int, widest: int) -> bool:
    """A line as wide as the widest of its cell: the glyphs' widths vary (digits, quotes), so a
    tenth of the line and a character either way."""
    return line * _SPREAD + _SLACK >= widest


@lru_cache(maxsize=65536)
def _value(text: str) -> bool:
    """Not a label, heading, level label, title or year of the templates data."""
    from parsers.tokens import classify  # the forms' wording lives with the parsers' data

    return classify(text)[0] == "value"


def classify_key(text: str) -> tuple:
    """(kind, key) of a printed label, or ("value", None)."""
    from parsers.tokens import classify

    return classify(text)[:2]


@lru_cache(maxsize=65536)
def width(text: str) -> int:
    """Printed width in half-width characters: CJK characters and full-width punctuation are two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WFA" else 1 for char in text)


# ---- indicator tables with scored columns ---------------------------------------------------------

_FIGURE = regex.compile(r"^[=<>≥≤＞＜]{0,2}-?[\d,]+(?:\.\d+)?%?$")
_LEVELS = ("level1", "level2")
_SCORED = ("weight", "score")
_OPTIONAL = ("description", "note")  # columns a row may leave empty
_IN_TABLE = ("value", "level1", "level2", "total", "year")  # what a table's rows print; any other label ends it


@lru_cache(maxsize=1)
def _column_keys() -> dict[str, str]:
    """Every printed indicator column heading of the templates data -> its column."""
    from parsers.knowledge import knowledge
    from parsers.tokens import canonical

    return {canonical(word)[0]: key for key, words in knowledge()["indicator_columns"].items() for word in words}


def _column_key(word: str) -> str | None:
    from parsers.tokens import canonical

    return _column_keys().get(canonical(word)[0])


def _kind(text: str) -> str:
    from parsers.tokens import classify

    return classify(text)[0]


def table_rows(raw: list) -> tuple[list, list[str]]:
    """Each indicator table with scored columns (分值/得分, 权重/自评分) as grid rows: -raw prints a
    row's cells in column order, those printed side by side on one line, a wrapped one on lines of
    its own (joined before), so the cells are put back in their columns in order; the cells drawn
    apart from their rows after the table (see _drawn_apart) are put back where the counts agree."""
    out: list = []
    notes: list[str] = []
    taken: set[int] = set()  # lines of cells drawn apart, put back in their table
    index = 0
    while index < len(raw):
        keys, cells, end = _headings(raw, index)
        if index in taken:
            index += 1
        elif len(keys) < 3 or not any(key in _SCORED for key in keys):
            out.append(raw[index])
            index += 1
        else:
            index = _read_table(raw, index, (keys, cells, end), out, (notes, taken))
    return out, notes


def _read_table(raw: list, index: int, headings: tuple, out: list, found: tuple[list[str], set[int]]) -> int:
    """One table from its headings at ``index``: its rows, with the cells drawn apart put back where
    they go (_drawn_apart); the index after what was read."""
    keys, cells, end = headings
    header = replace(raw[index], cells=tuple(cells))
    rows: list = []
    stop = _Table(keys).read(raw, end, rows)
    cut = _first_pass_end(raw, end, stop)
    if cut < stop:  # the table's reading ran on into the cells drawn apart after its last scored row
        shorter: list = []
        _Table(keys).read(raw[:cut], end, shorter)
        drawn = _drawn_apart(raw, (header, keys), shorter, cut, found)
        if drawn is not None:
            out += drawn
            return cut
    drawn = _drawn_apart(raw, (header, keys), rows, stop, found)
    out += drawn if drawn is not None else [header, *rows]
    return stop


def _first_pass_end(raw: list, start: int, stop: int) -> int:
    """The index after the last line from ``start`` to ``stop`` that ends in a figure (a row's scores
    or a total), where every line after it is a cell that may have been drawn apart; else ``stop``."""
    ends = [at for at in range(start, stop) if raw[at].text.split() and _FIGURE.match(raw[at].text.split()[-1])]
    if not ends or not all(_apart(raw[at]) or _is_page_number(raw[at].text.strip()) or not raw[at].text.strip()
                           for at in range(ends[-1] + 1, stop)):
        return stop
    return ends[-1] + 1


def _apart(line) -> bool:
    """A line that may be a cell drawn apart from its row: a level label, or one cell of text that is
    no label (说明：… opens the page's notes)."""
    text = line.text.strip()
    if not text or line.cells or _is_page_number(text):
        return False
    if _kind(text) in _LEVELS:
        return True
    if " " in text:  # cells side by side drawn apart (>=2次/天 2次/天): every one value-like
        return all(_value_like(word) for word in text.split())
    head, colon, _ = text.partition("：")
    return _kind(text) == "value" and " " not in text and not (colon and _kind(head) != "value")


class _Slots:
    """A table's rows as the first pass drew them, with the cells each may lack."""

    def __init__(self, keys: list[str], rows: list) -> None:
        self.keys = keys
        self.rows = [dict(enumerate(line.cells)) for line in rows]
        self.total = [index for index, line in enumerate(rows) if line.cells and _kind(line.cells[0]) == "total"]

    def body(self) -> list[int]:
        return [index for index, row in enumerate(self.rows) if index not in self.total and any(row.values())]

    def empty(self, row: int, key: str) -> bool:
        return key in self.keys and not self.rows[row].get(self.keys.index(key), "")

    def texts(self) -> list[list[tuple[int, int]]]:
        """The (row, column) holes a text may fill, by tier: those every row fills (name, target,
        actual), the 指标解释 left empty, the notes of rows that lost points."""
        tiers: list[list[tuple[int, int]]] = [[], [], []]
        for row in self.body():
            for column, key in enumerate(self.keys):
                if not self.empty(row, key):
                    continue
                if key in ("name", "target", "actual"):
                    tiers[0].append((row, column))
                elif key == "description":
                    tiers[1].append((row, column))
                elif key == "note" and self._lost_points(row):
                    tiers[2].append((row, column))
        return tiers

    def _lost_points(self, row: int) -> bool:
        """A row scored below its weight: the 偏差原因 a note column holds is written for such rows."""
        from normalize.numbers import parse_decimal

        weight, score = (self.rows[row].get(self.keys.index(key), "") if key in self.keys else "" for key in _SCORED)
        try:
            return parse_decimal(score) < parse_decimal(weight)
        except (TypeError, ValueError, ArithmeticError):
            return False


def _drawn_apart(raw: list, header: tuple, rows: list, after: int, found: tuple[list[str], set[int]]) -> list | None:
    """The table's rows with the cells LibreOffice drew after the table put back, or None.

    LibreOffice draws a page in two passes, the cells that wrap last, row by row; -raw prints them
    after the table (or after a column heading of its own the first pass left out: 偏差原因分析及改进
    措施), one under the other. Those texts fill, in order, the table's holes: the cells every row
    fills first, then the 指标解释 left empty, the notes of rows that lost points, where the counts
    agree one way only (a line joined to the one before it where the join was in doubt is tried cut
    too, the reading filling more holes first). A level label goes to the first row the order allows
    whose level cell is empty, where that is one row only, a row that must have one (a table's first
    row, a row opening a 一级指标 without its 二级), or the one its points (投入与管理 (36分)) add up from."""
    line, keys = header
    start = _apart_start(raw, after, keys)
    if start is None:
        return None
    end = start
    while end < len(raw) and raw[end].page == raw[start].page and (_apart(raw[end]) or not raw[end].text.strip()):
        end += 1
    cells = [raw[at] for at in range(start, end) if raw[at].text.strip()]
    if not cells or not any(_kind(cell.text.strip()) == "value" for cell in cells):
        return None
    heading = raw[start - 1].text.strip() if start > after else ""
    heading = heading if _column_key(heading) not in keys else ""  # a heading of its own the first pass left out
    keys = [*keys, _column_key(heading)] if heading else keys
    slots = _Slots(keys, [replace(row, cells=tuple(row.cells)) for row in rows])
    placed = _put_back(slots, cells)
    if placed is None:
        return None
    notes, taken = found
    taken.update(at for at in range(start - 1 if heading else start, end) if id(raw[at]) in placed or at < start)
    left = [cell for cell in cells if id(cell) not in placed]
    if left:
        notes.append(f"page {cells[0].page}: {'、'.join(cell.text.strip() for cell in left)} drawn apart from the "
                     "table's rows (pdftotext -raw order), and which row each starts is not told: left out of them")
    filled = [replace(line, cells=(*line.cells, heading) if heading else line.cells)]
    for row, source in zip(slots.rows, rows):
        if not source.cells:
            filled.append(source)
            continue
        fields = [row.get(column, "") for column in range(max(row) + 1)]
        filled.append(replace(source, text=" ".join(fields), cells=tuple(fields)))
    return filled


def _apart_start(raw: list, after: int, keys: list[str]) -> int | None:
    """Where the cells drawn apart from the table ending at ``after`` start: right after it, or right
    after a column heading further down its page (the side label 绩效指标, or a heading of the table's
    the first pass left out: 偏差原因分析及改进措施)."""
    if after < len(raw) and _apart(raw[after]):
        return after
    for at in range(after, len(raw) - 1):
        if raw[at].page != raw[after - 1].page:
            return None
        text = raw[at].text.strip()
        if text and " " not in text and _kind(text) == "column" and _apart(raw[at + 1]):
            return at + 1
    return None


def _readings(cells: list) -> list[list[tuple[str, object]]]:
    """The cells as texts with the line each came from: as joined, and cut where a join is in doubt."""
    joined = [(word, cell) for cell in cells for word in _words_of(cell.text.strip())]
    cut = [(word, cell) for cell in cells for part in (cell.parts or (cell.text.strip(),)) for word in _words_of(part)]
    return [cut, joined] if len(cut) > len(joined) else [joined]


def _words_of(text: str) -> list[str]:
    """A line drawn apart as its cells: a level label whole (投入与管理 (36分)), else its words."""
    return [text] if _kind(text) in _LEVELS else text.split()


def _put_back(slots: _Slots, cells: list) -> set[int] | None:
    """Fill the slots' holes with the cells (see _drawn_apart); the ids of the lines placed, or None."""
    for reading in _readings(cells):
        texts = [at for at, (text, _) in enumerate(reading) if _kind(text) not in _LEVELS]
        solved = _solve(slots, [reading[at][0] for at in texts])
        if solved is None:
            continue
        rows: dict[int, int] = {}  # reading index -> the row its text went to
        number = 0
        for row, cells_of_row, took in solved:
            slots.rows[row].update(cells_of_row)
            for _ in took:
                rows[texts[number]] = row
                number += 1
        placed = {id(reading[at][1]) for at in texts}
        _put_levels(slots, reading, rows, placed)
        return placed
    return None


_Solution = list[tuple[int, dict[int, str], list[int]]]  # (row, its text cells, one item per text drawn apart it took)


def _solve(slots: _Slots, texts: list[str]) -> _Solution | None:
    """The one way the texts drawn apart fill the rows' holes in order (see _drawn_apart), moving the
    fewest of the first pass's texts along their row: a row's texts are drawn in column order, but
    which of its columns the first pass left empty its line does not say (场地保洁完成情况 10 10: the
    name, the target and actual drawn apart). A name is never value-like (>=2次/天, 及时)."""
    required, described, noted = slots.texts()
    found: dict[tuple, tuple[int, _Solution]] = {}
    for extra in {tuple(sorted(holes)) for holes in ((), tuple(described), tuple(noted), (*described, *noted))}:
        for cost, solution in _fill_rows(slots, slots.body(), texts, extra):
            key = tuple((row, tuple(sorted(cells.items()))) for row, cells, _ in solution)
            if key not in found or cost < found[key][0]:
                found[key] = (cost, solution)
    if not found:
        return None
    least = min(cost for cost, _ in found.values())
    best = [solution for cost, solution in found.values() if cost == least]
    return best[0] if len(best) == 1 else None


def _fill_rows(slots: _Slots, rows: list[int], texts: list[str], extra: tuple, cost: int = 0):
    """Every (cost, solution) filling ``rows`` with exactly ``texts`` in order."""
    if not rows:
        if not texts:
            yield cost, []
        return
    row, rest = rows[0], rows[1:]
    for moved, cells, holes in _row_options(slots, row, extra):
        if len(holes) > len(texts):
            continue
        filled = dict(cells)
        for column, text in zip(holes, texts):
            filled[column] = text
        if any(slots.keys[column] == "name" and _value_like(text) for column, text in zip(holes, texts)):
            continue
        for total, solution in _fill_rows(slots, rest, texts[len(holes):], extra, cost + moved):
            yield total, [(row, filled, list(range(len(holes)))), *solution]


def _row_options(slots: _Slots, row: int, extra: tuple) -> list[tuple[int, dict[int, str], list[int]]]:
    """(texts moved, the row's text cells, its holes in column order) for each way the first pass's
    texts of the row may sit in its name, target and actual columns."""
    columns = [column for column, key in enumerate(slots.keys) if key in ("name", "target", "actual")]
    printed = [(column, slots.rows[row][column]) for column in columns if slots.rows[row].get(column, "")]
    extras = [column for at, column in extra if at == row]
    options = []
    for chosen in itertools.combinations(columns, len(printed)):
        cells = dict(zip(chosen, (text for _, text in printed)))
        if any(slots.keys[column] == "name" and _value_like(text) for column, text in cells.items()):
            continue
        moved = sum(column != at for column, (at, _) in zip(chosen, printed))
        holes = sorted([column for column in columns if column not in chosen] + extras)
        options.append((moved, {**{column: "" for column in columns}, **cells}, holes))
    return options


def _value_like(text: str) -> bool:
    from parsers.flow_rows import value_like

    return value_like(text)


def _put_levels(slots: _Slots, reading: list, rows: dict[int, int], placed: set[int]) -> None:
    """Each level label of the reading to the one row the order allows (see _drawn_apart): after the
    row of the text drawn before it, no further than the row of the text drawn after it."""
    body = slots.body()
    levels: dict[int, int] = {}  # reading index -> the row its level label went to
    for at, (text, line) in enumerate(reading):
        kind = _kind(text)
        if kind not in _LEVELS or kind not in slots.keys:
            continue
        before = max((row for index, row in rows.items() if index < at), default=-1)
        level = max((row for index, row in levels.items() if index < at), default=-1)
        after = min((row for index, row in rows.items() if index > at), default=body[-1])
        row = _level_row(slots, kind, text, [row for row in body if before < row <= after and row >= level
                                             and slots.empty(row, kind)])
        if row is not None:
            slots.rows[row][slots.keys.index(kind)] = text
            levels[at] = row
            placed.add(id(line))


def _level_row(slots: _Slots, kind: str, text: str, rows: list[int]) -> int | None:
    body = slots.body()
    must = [row for row in rows if row == body[0] or kind == "level2" and not slots.empty(row, "level1")]
    if len(must) == 1:
        return must[0]
    points = _points(text)
    if points is not None:
        adding = [row for row in rows if _adds_up(slots, body[body.index(row):], points)]
        return adding[0] if len(adding) == 1 else None
    return rows[0] if len(rows) == 1 else None


def _points(text: str):
    """The points a level label prints (投入与管理 (36分): 36), or None."""
    from parsers.tokens import classify

    return classify(text)[3]


def _adds_up(slots: _Slots, rows: list[int], points) -> bool:
    """The weights of some first rows of ``rows`` add up to ``points``."""
    from normalize.numbers import parse_decimal

    column = slots.keys.index("weight") if "weight" in slots.keys else None
    if column is None:
        return False
    total = 0
    for row in rows:
        try:
            total += parse_decimal(slots.rows[row].get(column, ""))
        except (TypeError, ValueError, ArithmeticError):
            return False
        if total == points:
            return True
    return False


def _headings(raw: list, index: int) -> tuple[list[str], list[str], int]:
    """(columns, headings, end) of the column headings from line ``index`` on: lines of headings
    only, a heading printed on lines of its own (偏差原因分析及 / 改进措施) joined."""
    keys: list[str] = []
    cells: list[str] = []
    if len(raw[index].text.split()) < 2:  # headings start with a line of them (not a side label: 绩效指标)
        return keys, cells, index
    while index < len(raw):
        line_keys = _heading_keys(raw[index].text)
        if line_keys:
            keys += line_keys
            cells += raw[index].text.split()
            index += 1
        elif wrapped := _wrapped_heading(raw, index):
            keys.append(_column_key(wrapped[0]))  # type: ignore[arg-type]
            cells.append(wrapped[0])
            index += wrapped[1]
        else:
            break
    return keys, cells, index


def _wrapped_heading(raw: list, index: int) -> tuple[str, int] | None:
    """(heading, lines) of a column heading on the next lines, one to three of them, or None."""
    text = ""
    for count in range(1, 4):
        if index + count > len(raw) or " " in raw[index + count - 1].text.strip():
            return None
        text += raw[index + count - 1].text.strip()
        if _column_key(text):
            return text, count
    return None


def _heading_keys(text: str) -> list[str]:
    words = text.split()
    keys = [_column_key(word) for word in words]
    return keys if words and all(keys) else []  # type: ignore[return-value]


class _Table:
    """The rows of one table as they are read: a cursor over its columns."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        self.row: dict[int, str] = {}
        self.first: object | None = None  # the raw line the row starts on
        self.cursor = 0

    @property
    def body(self) -> int:
        """The first column after the merged level columns."""
        return next((column for column, key in enumerate(self.keys) if key not in _LEVELS), 0)

    @property
    def scored_end(self) -> int:
        return max(column for column, key in enumerate(self.keys) if key in _SCORED)

    def read(self, raw: list, index: int, out: list) -> int:
        """Rows from ``index`` to the table's end (a total row, a label or title, the next headings)."""
        self.cursor = self.body
        while index < len(raw):
            line = raw[index]
            text = line.text.strip()
            if not text or _is_page_number(text):
                out.append(line)
            elif len(_headings(raw, index)[0]) >= 3 or _kind(text) not in _IN_TABLE:
                break
            elif _kind(text) in _LEVELS and self.keys.count(_kind(text)):
                self._level(line, text, out)
            elif _kind(text) == "total" or _kind(text.split()[0]) == "total":
                self._emit(out)
                self._total(line, text.split(), out)
                index += 1
                break
            else:
                self._words(line, text.split(), raw[index + 1 :], out)
            index += 1
        self._emit(out)
        return index

    def _level(self, line, text: str, out: list) -> None:
        column = self.keys.index(_kind(text))
        if any(at >= self.body for at in self.row) or column in self.row:
            self._emit(out)
        self._put(line, column, text)
        self.cursor = self.body

    def _total(self, line, words: list[str], out: list) -> None:
        figures = [word for word in words if _FIGURE.match(word)]
        self._put(line, 0, "".join(word for word in words if not _FIGURE.match(word)))
        for offset, figure in enumerate(figures):
            self.row[self.scored_end - len(figures) + 1 + offset] = figure
        self._emit(out)

    def _words(self, line, words: list[str], after: list, out: list) -> None:
        levelled = False
        while words and _kind(words[0]) in _LEVELS and _kind(words[0]) in self.keys:
            self._level(line, words[0], out)  # 时效指标 系统故障解决时间 10 10: the level's cell first
            words, levelled = words[1:], True  # (效益指标 社会效益指标: both levels' cells)
        if not words:
            return
        texts = list(itertools.takewhile(lambda word: not _FIGURE.match(word), words))
        if levelled and texts and len(words) > len(texts) and _FIGURE.match(words[-1]):
            for word in texts:  # the cell right of a level label is the row's name
                self._put(line, self.cursor, word)
                self.cursor += 1
            words = words[len(texts):]
            start = self.scored_end - len(words) + 1
            if start >= self.cursor:
                for offset, word in enumerate(words):
                    self._put(line, start + offset, word)
                self.cursor = self.scored_end + 1
                return
        if len(words) > 1 and _FIGURE.match(words[-1]):
            start = self.scored_end - len(words) + 1
            if start < self.cursor or start < 0:
                self._emit(out)
                start = max(0, start)
            columns = [at for at in range(self.cursor, self.scored_end + 1) if self.keys[at] not in _OPTIONAL]
            # a row's words fill the columns every row fills first (a 指标解释 may be drawn apart or left empty)
            columns = columns[len(columns) - len(words):] if len(columns) >= len(words) \
                else list(range(start, start + len(words)))
            for column, word in zip(columns, words):
                self._put(line, column, word)
            self.cursor = self.scored_end + 1
            return
        for word in words:
            if self.cursor >= len(self.keys) or self.keys[self.cursor] in _SCORED and not _FIGURE.match(word) \
                    or self.cursor > self.scored_end and not _trailing(words, after, self.scored_end - self.body + 1):
                self._emit(out)
            self._put(line, self.cursor, word)
            self.cursor += 1

    def _put(self, line, column: int, text: str) -> None:
        if not self.row:
            self.first = line
        self.row[column] = text

    def _emit(self, out: list) -> None:
        if self.row:
            fields = [self.row.get(column, "") for column in range(max(self.row) + 1)]
            out.append(replace(self.first, text=" ".join(fields), cells=tuple(fields)))
        self.row, self.first, self.cursor = {}, None, self.body


def _trailing(words: list[str], after: list, row: int) -> bool:
    """A line alone after a row's scores is its last cell (偏差原因…) when what follows starts a row
    of its own: a level label, a total, the end, or the ``row`` cells of a whole row up to its scores
    (热线投诉率 / <=0.006% / 0.004% 10 10); the next row's name when fewer follow (=365 365 10 10)."""
    if len(words) != 1:
        return False
    cells = 0
    for line in after:
        text = line.text.strip()
        if not text or _is_page_number(text):
            continue
        if _kind(text) != "value":
            return cells == 0
        cells += len(text.split())
        if _FIGURE.match(text.split()[-1]) and len(text.split()) > 1:
            return cells == row
    return cells == 0


def _is_page_number(text: str) -> bool:
    return bool(_PAGE.match(text))


_PAGE = regex.compile(r"^第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?$")


# ---- values printed apart from their labels -------------------------------------------------------

_AMOUNT_UNITS = ("元", "万元", "%")
_Cell = tuple[str, list[tuple[int, int | None]]]  # a value, and the (line, word) it was printed at (None: the line)


def pair_deferred(raw: list) -> tuple[list, list[str]]:
    """Labels printed without their values, the values printed later on the page, paired by order
    where the counts agree (see _pair_page); what cannot be paired stays as printed, with a note."""
    out: list = []
    notes: list[str] = []
    start = 0
    for end in range(1, len(raw) + 1):
        if end == len(raw) or raw[end].page != raw[start].page:
            lines, note = _pair_page(raw[start:end])
            lines = _year_to_title(lines)
            out += lines
            notes += [note] if note else []
            start = end
    return out, notes


def _year_to_title(lines: list) -> list:
    """A page's one title and one year printed alone ((2022 年度), drawn with the cells that wrap)
    are one title: the year goes right after it, where the PDF prints it."""
    kinds = [_kind(line.text.strip()) if line.text.strip() else "" for line in lines]
    if kinds.count("title") != 1 or kinds.count("year") != 1:
        return lines
    title, year = kinds.index("title"), kinds.index("year")
    if year == title + 1:
        return lines
    rest = lines[:year] + lines[year + 1 :]
    at = rest.index(lines[title]) + 1
    return rest[:at] + [lines[year]] + rest[at:]


class _Page:
    """One page's labels without a value (slots) and texts printed after a finished row with no
    label before them (orphans), in the order printed."""

    def __init__(self, lines: list) -> None:
        self.lines = lines
        self.slots: list[tuple[int, int, str]] = []  # (line, word, amount|field|section)
        self.figures: list[tuple[int, int]] = []  # (line, word) of orphan figures
        self.texts: list[tuple[int, int]] = []  # (line, word) of orphan words on a line with a label
        self.runs: list[list[int]] = []  # orphan lines of text, by runs of consecutive lines
        self.scored = False  # in a table with scored columns
        self._read(strict=False)
        if self.stacked:
            # a column of labels without their values: the page was drawn in two passes (LibreOffice),
            # the cells that wrap last, so a scored table's rows are those ending in their scores
            self._clear()
            self._read(strict=True)

    @property
    def stacked(self) -> bool:
        """Labels without a value ending two printed lines one under the other (项目概况： / 立项依据：):
        the values were drawn apart, not left empty here and there."""
        ends = sorted({line for line, word, _ in self.slots if word == len(self.lines[line].text.split()) - 1})
        printed = [index for index, line in enumerate(self.lines) if line.text.strip()]
        return any(printed.index(later) == printed.index(first) + 1 for first, later in zip(ends, ends[1:]))

    @property
    def displaced(self) -> bool:
        """Evidence that values were drawn apart from their labels: a column of labels without them,
        or a line opening with a value where its label should be (上海市… 实施单位 …)."""
        return self.stacked or bool(self.texts)

    def _clear(self) -> None:
        self.slots, self.figures, self.texts, self.runs = [], [], [], []

    def _read(self, strict: bool) -> None:
        state = "open"  # open: after a finished row; label: a label's value goes on; table: rows
        for index, line in enumerate(self.lines):
            text = line.text.strip()
            if not text or _is_page_number(text):
                continue
            whole = _kind(text)
            if whole in ("title", "year"):
                state = "open"
                continue
            keys = _headings(self.lines, index)[0]
            if len(keys) >= 3:
                state, self.scored = "table", any(key in _SCORED for key in keys)
                continue
            if state == "table" and strict and self.scored and whole == "value" \
                    and not _FIGURE.match(text.split()[-1]):
                state = "open"  # not a row of this pass: the cells drawn after it
            if state == "table" and whole in _IN_TABLE:
                state = "open" if whole == "total" or _kind(text.split()[0]) == "total" else state
                continue
            state = self._line(index, text.split(), state)

    def _line(self, index: int, words: list[str], state: str) -> str:
        kinds = ["glued" if _glued(word) else _kind(word) for word in words]
        if kinds[-1] == "glued":
            return "open"
        if all(kind == "value" for kind in kinds):
            if state == "open":
                if all(_FIGURE.match(word) for word in words):
                    self.figures += [(index, number) for number in range(len(words))]
                elif len(words) == 1:
                    self._orphan_line(index)
            return state
        number = 0
        leading = list(itertools.takewhile(lambda kind: kind == "value", kinds))
        if state == "open" and kinds[len(leading)] in ("field", "section"):  # 上海市… 实施单位 …: a label's value
            self.texts += [(index, at) for at in range(len(leading))]
            number = len(leading)
        for at in range(number, len(words)):
            if kinds[at] in ("field", "section"):
                state = self._label(index, words, kinds, at)
            elif kinds[at] != "value":
                state = "label"
        return state

    def _label(self, index: int, words: list[str], kinds: list[str], at: int) -> str:
        amount = _unit(words[at]) in _AMOUNT_UNITS
        values = list(itertools.takewhile(lambda number: kinds[number] == "value", range(at + 1, len(words))))
        if values:
            if amount:  # a second figure after a label's own: another label's, printed on this line
                self.figures += [(index, number) for number in values[1:] if _FIGURE.match(words[number])]
            return "open"
        following = self._next_text(index)
        if at + 1 == len(words) and following is not None and _kind(following.split()[0]) == "value" \
                and _kind(following) not in ("title", "year"):
            if not amount or _FIGURE.match(following.split()[0]):
                return "label"  # its value follows
            self.slots.append((index, at, "amount"))  # words after an amount's label are not its value:
            # printed apart from it, when a figure printed apart is there for it; else nobody's known
            return "open" if self.figures else "label"
        self.slots.append((index, at, "amount" if amount else kinds[at]))
        return "open"

    def _next_text(self, index: int) -> str | None:
        for line in self.lines[index + 1 :]:
            if line.text.strip() and not _is_page_number(line.text.strip()):
                return line.text.strip()
        return None

    def _orphan_line(self, index: int) -> None:
        if self.runs and self.runs[-1][-1] == index - 1:
            self.runs[-1].append(index)
        else:
            self.runs.append([index])


def _pair_page(lines: list) -> tuple[list, str | None]:
    """Pair a page's slots and orphans. Amount labels (…（元）：) take the orphan figures in order,
    the others the orphan texts in order, each only where the counts are equal. The texts are cells
    cut where a cell must end (the next line is wider, or the line is narrower than its cell's
    widest); a two-line cell whose first line is narrower than the page's paragraphs may be two
    one-line cells. Where that leaves one reading and as many cells as labels, they pair in order;
    otherwise field labels take the one-line cells and section labels the longer ones, each where
    those counts are equal. What is not paired stays as printed, and the note says so."""
    page = _Page(lines)
    if not page.slots or not page.displaced:
        return lines, None  # labels left empty here and there are just empty
    values: dict[tuple[int, int], _Cell] = {}  # slot -> its value and where it was printed
    amounts = [slot for slot in page.slots if slot[2] == "amount"]
    if amounts and len(amounts) == len(page.figures):
        for slot, (line, word) in zip(amounts, page.figures):
            values[slot[:2]] = (lines[line].text.split()[word], [(line, word)])
    texts = [slot for slot in page.slots if slot[2] != "amount"]
    cells = _cells(page, lines)
    unpaired = [slot for slot in amounts if slot[:2] not in values]
    for group, found in _text_pairs(texts, cells, lines):
        if found is None:
            unpaired += group
            continue
        for slot, cell in zip(group, found):
            values[slot[:2]] = cell
    taken = {where for _, wheres in values.values() for where in wheres}
    left = [where for where in [*page.figures, *page.texts, *((index, None) for run in page.runs for index in run)]
            if where not in taken]
    if left:  # texts printed apart are left: each label is a row of its own, its value cell empty,
        for slot in unpaired:  # not a heading over the texts printed after it
            values[slot[:2]] = ("", [])
    return _placed(lines, values), _note(lines, unpaired) if unpaired else None


def _cells(page: _Page, lines: list) -> list[list[_Cell]]:
    """The orphan texts as cells, in order: [coarse, fine] — cut where a cell must end, and also
    where a one-line cell may end."""
    widest = max((width(lines[index].text.strip()) for run in page.runs for index in run), default=0)
    words: list[_Cell] = [(lines[line].text.split()[word], [(line, word)]) for line, word in page.texts]
    coarse: list[_Cell] = []
    fine: list[_Cell] = []
    for run in page.runs:
        cell: list[int] = []
        pieces: list[list[int]] = []
        for index in run:
            if cell and _cut(lines, cell, index, widest):
                pieces.append(cell)
                cell = []
            cell.append(index)
        pieces.append(cell)
        for piece in pieces:
            coarse.append(("".join(lines[index].text.strip() for index in piece), [(index, None) for index in piece]))
            fine += [(lines[index].text.strip(), [(index, None)]) for index in piece] \
                if _may_split(lines, piece, widest) else [coarse[-1]]
    def printed(cell: _Cell) -> tuple[int, int]:
        line, word = cell[1][0]
        return line, word or 0

    return [sorted(words + coarse, key=printed), sorted(words + fine, key=printed)]


def _cut(lines: list, cell: list[int], index: int, widest: int) -> bool:
    """A cell must end before line ``index``: it is wider than the cell's last line, or that line is
    narrower than the cell's widest (a cell's last line is its only short one)."""
    last = width(lines[cell[-1]].text.strip())
    most = max(width(lines[number].text.strip()) for number in cell)
    return width(lines[index].text.strip()) > last * _SPREAD + _SLACK or not _full(last, most)


def _may_split(lines: list, cell: list[int], widest: int) -> bool:
    """A two-line cell whose first line is narrower than the page's widest text may be two cells."""
    return len(cell) == 2 and not _full(width(lines[cell[0]].text.strip()), widest)


def _text_pairs(slots: list, cells: list, lines: list) -> list[tuple[list, list | None]]:
    """(slots, their values or None) for the text labels: all of them, or by kind (see _pair_page)."""
    if not slots:
        return []
    coarse, fine = cells
    if len(coarse) == len(fine) == len(slots):  # the texts cut one way only, as many as the labels
        return [(slots, coarse)]
    fields = [slot for slot in slots if slot[2] == "field"]
    sections = [slot for slot in slots if slot[2] == "section"]
    short = [cell for cell in fine if len(cell[1]) <= 1]
    long = [cell for cell in fine if len(cell[1]) > 1]
    if fields and len(short) != len(fields) and (filled := _filled_pairs(fields, coarse, long, lines)):
        return [*filled, *([(sections, long if len(long) == len(sections) else None)] if sections else [])]
    return [(group, found if group and len(found) == len(group) else None)
            for group, found in ((fields, short), (sections, long)) if group]


def _filled_pairs(fields: list, coarse: list, long: list, lines: list) -> list[tuple[list, list | None]]:
    """Field labels and the cells left when the paragraphs are the sections': a form always names
    its project and its unit, so where those cells are as many as the labels of those fields, the
    other labels (具体实施处（科室）) are the ones left empty: the named take the cells in order and
    the others stay unpaired (and said)."""
    rest = [cell for cell in coarse if cell not in long]
    filled = [slot for slot in fields if _field_key(lines[slot[0]].text.split()[slot[1]]) in _ALWAYS_FILLED]
    if not rest or len(rest) != len(filled):
        return []
    return [(filled, rest), *([(others, None)] if (others := [slot for slot in fields if slot not in filled]) else [])]


def _placed(lines: list, values: dict[tuple[int, int], _Cell]) -> list:
    """The page with each paired value after its label, as the row the PDF path gives (label,
    value, …), and the orphans it came from taken out of where they were printed."""
    taken = {where for _, wheres in values.values() for where in wheres}
    # a label alone on a line after the figure it takes was drawn apart from it (预算执行率（%）：): the
    # pair goes where the figure was printed, the row the first pass drew
    apart = [(at, value, wheres[0]) for (at, _), (value, wheres) in values.items()
             if len(wheres) == 1 and wheres[0][1] is not None and wheres[0][0] < at
             and len(lines[at].text.split()) == 1]
    moved = {where: (lines[at].text.strip(), value) for at, value, where in apart}
    gone = {at for at, _, _ in apart}
    out: list = []
    for index, line in enumerate(lines):
        if (index, None) in taken or index in gone:
            continue
        here = {word: value for (at, word), (value, _) in values.items() if at == index}
        if not here and not any(at == index for at, _ in taken):
            out.append(line)
            continue
        cells: list[str] = []
        for number, word in enumerate(line.text.split()):
            if (index, number) not in taken:
                cells.append(word)
            elif (index, number) in moved:
                cells += moved[(index, number)]
            if number in here:
                cells.append(here[number])
        if cells:
            celled = here or any(where[0] == index for where in moved)
            out.append(replace(line, text=" ".join(cells), cells=tuple(cells) if celled else ()))
    return out


def _note(lines: list, unpaired: list) -> str:
    page = lines[0].page
    labels = "、".join(lines[line].text.split()[word] for line, word, _ in unpaired)
    return (f"page {page}: {labels} printed without a value beside them, and the texts printed apart from "
            "any label (pdftotext -raw order) do not match them one to one: left unpaired")


_ALWAYS_FILLED = ("project_name", "unit")  # the fields every form prints a value for


def _field_key(label: str) -> str | None:
    from parsers.tokens import classify

    return classify(label)[1]


def _glued(word: str) -> bool:
    """A label and its value printed as one word (申报单位名称：上海市…)."""
    head, colon, tail = word.partition("：")
    return bool(colon and tail) and _kind(head + colon) in ("field", "section")


def _unit(label: str) -> str | None:
    from parsers.tokens import canonical

    return canonical(label)[1]
