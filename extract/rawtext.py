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
  figures under the scores, a line alone after the scores its last cell (偏差原因…) when a whole
  row follows it.
"""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import replace
from functools import lru_cache

import regex

_SLACK = 2  # a character's width: where a wrapped line breaks depends on the next character
_NOTE_START = regex.compile(r"^[（(）)：:]")
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
            out[-1] = replace(out[-1], text=out[-1].text.rstrip() + text)
            tail = width(text)
            widest = max(widest, tail)
        else:
            out.append(line)
            widest = tail = width(text)
    return out


def _label_run(raw: list, index: int) -> tuple[str, int] | None:
    """(label, lines) of a label the templates data knows cut over two to four short lines here."""
    found, text = None, ""
    for count, line in enumerate(raw[index : index + _LABEL_LINES], start=1):
        piece = line.text.strip()
        if not piece or " " in piece or len(piece) > _LABEL_PIECE or line.page != raw[index].page \
                or _kind(piece) == "year":
            break
        if count == 2 and not _value(text) and not _NOTE_START.match(piece):
            break  # a label or title whole on its first line goes on only with its note: 同名项目上年预算额 / （元）
        text += piece
        if count > 1 and not _value(text):
            found = (text, count)
    return found


def _goes_on(previous, text: str, widest: int, tail: int) -> bool:
    """``text`` is more of the cell ``previous`` ends: both one word, neither a label nor a title,
    on one page, the cell's last line as wide as its widest and ``text`` no wider."""
    last = previous.text.strip()
    if not text or not last or " " in text + last or not _value(text) or not _value(last):
        return False
    return _full(tail, widest) and width(text) < tail * _SPREAD + 1


def _full(line: int, widest: int) -> bool:
    """A line as wide as the widest of its cell: the glyphs' widths vary (digits, quotes), so a
    tenth of the line and a character either way."""
    return line * _SPREAD + _SLACK >= widest


@lru_cache(maxsize=65536)
def _value(text: str) -> bool:
    """Not a label, heading, level label, title or year of the templates data."""
    from parsers.tokens import classify  # the forms' wording lives with the parsers' data

    return classify(text)[0] == "value"


@lru_cache(maxsize=65536)
def width(text: str) -> int:
    """Printed width in half-width characters: CJK characters and full-width punctuation are two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WFA" else 1 for char in text)


# ---- indicator tables with scored columns ---------------------------------------------------------

_FIGURE = regex.compile(r"^[=<>≥≤＞＜]{0,2}-?[\d,]+(?:\.\d+)?%?$")
_LEVELS = ("level1", "level2")
_SCORED = ("weight", "score")
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


def table_rows(raw: list) -> list:
    """Each indicator table with scored columns (分值/得分, 权重/自评分) as grid rows: -raw prints a
    row's cells in column order, those printed side by side on one line, a wrapped one on lines of
    its own (joined before), so the cells are put back in their columns in order."""
    out: list = []
    index = 0
    while index < len(raw):
        keys, cells, end = _headings(raw, index)
        if len(keys) < 3 or not any(key in _SCORED for key in keys):
            out.append(raw[index])
            index += 1
            continue
        out.append(replace(raw[index], cells=tuple(cells)))
        index = _Table(keys).read(raw, end, out)
    return out


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
        while len(words) > 1 and _kind(words[0]) in _LEVELS and _kind(words[0]) in self.keys:
            self._level(line, words[0], out)  # 时效指标 系统故障解决时间 10 10: the level's cell first
            words, levelled = words[1:], True
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
                start = max(0, self.scored_end - len(words) + 1)
            for offset, word in enumerate(words):
                self._put(line, start + offset, word)
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
            self.slots.append((index, at, "amount"))  # words after an amount's label are not its value,
            return "label"  # nor known to be anyone's
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
    for group, found in _text_pairs(texts, cells):
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


def _text_pairs(slots: list, cells: list) -> list[tuple[list, list | None]]:
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
    return [(group, found if group and len(found) == len(group) else None)
            for group, found in ((fields, short), (sections, long)) if group]


def _placed(lines: list, values: dict[tuple[int, int], _Cell]) -> list:
    """The page with each paired value after its label, as the row the PDF path gives (label,
    value, …), and the orphans it came from taken out of where they were printed."""
    taken = {where for _, wheres in values.values() for where in wheres}
    out: list = []
    for index, line in enumerate(lines):
        if (index, None) in taken:
            continue
        here = {word: value for (at, word), (value, _) in values.items() if at == index}
        if not here and not any(at == index for at, _ in taken):
            out.append(line)
            continue
        cells: list[str] = []
        for number, word in enumerate(line.text.split()):
            if (index, number) not in taken:
                cells.append(word)
            if number in here:
                cells.append(here[number])
        if cells:
            out.append(replace(line, text=" ".join(cells), cells=tuple(cells) if here else ()))
    return out


def _note(lines: list, unpaired: list) -> str:
    page = lines[0].page
    labels = "、".join(lines[line].text.split()[word] for line, word, _ in unpaired)
    return (f"page {page}: {labels} printed without a value beside them, and the texts printed apart from "
            "any label (pdftotext -raw order) do not match them one to one: left unpaired")


def _glued(word: str) -> bool:
    """A label and its value printed as one word (申报单位名称：上海市…)."""
    head, colon, tail = word.partition("：")
    return bool(colon and tail) and _kind(head + colon) in ("field", "section")


def _unit(label: str) -> str | None:
    from parsers.tokens import canonical

    return canonical(label)[1]
