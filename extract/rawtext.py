"""Text that ``pdftotext -raw`` wrote -> the printed cells, one a line, as the PDF path reads them.

-raw prints the page's text in the content stream's order, a printed line per line, form feeds
between pages (what tells it from a text another tool wrote: no other text here has them). A cell
whose text wraps comes out as several lines; what is rebuilt here, from the printed lines alone
(measured on samples/text_variants/, made from samples/pdf/):

- a cell wrapped over lines is one line again: a wrapped line fills its cell, so the line after it
  is no wider (a character's width of slack); a line as wide as the widest line of its cell so far
  goes on, a narrower one ends the cell. A line of several words (a table row: 坐席人员数 =390 390
  10 10), a label the templates data knows (项目名称：, 产出指标) and a title stand alone.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from functools import lru_cache

import regex

_SLACK = 2  # a character's width: where a wrapped line breaks depends on the next character


def is_raw_text(raw: list) -> bool:
    """pdftotext's text (form feeds end its pages) that is not -layout (checked before)."""
    return any(line.page is not None for line in raw)


def join_wrapped(raw: list) -> list:
    """Each cell wrapped over lines as one line, numbered as its first."""
    out: list = []
    widest = tail = 0  # the widest line of the cell ``out`` ends with, and its last line's width
    for index, line in enumerate(raw):
        text = line.text.strip()
        if out and _goes_on(out[-1], text, widest, tail) and not _label_start(raw, index):
            out[-1] = replace(out[-1], text=out[-1].text.rstrip() + text)
            tail = width(text)
            widest = max(widest, tail)
            continue
        out.append(line)
        widest = tail = width(text)
    return out


def _label_start(raw: list, index: int) -> bool:
    """The line starts a label cut over lines (主管 / 部门, 同名项目上年预算执行 / 数（元）)."""
    text = ""
    for line in raw[index : index + 3]:
        text += line.text.strip()
        if " " in text:
            return False
        if len(text) > len(raw[index].text.strip()) and not _value(text):
            return True
    return False


def _goes_on(previous, text: str, widest: int, tail: int) -> bool:
    """``text`` is more of the cell ``previous`` ends: both one word, neither a label nor a title,
    on one page, the cell's last line as wide as its widest and ``text`` no wider."""
    last = previous.text.strip()
    if not text or not last or " " in text + last or not _value(text) or not _value(last):
        return False
    return tail >= widest - _SLACK and width(text) < tail + _SLACK


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
                    or self.cursor > self.scored_end and not _trailing(words, after):
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


def _trailing(words: list[str], after: list) -> bool:
    """A line alone after a row's scores is its last cell (偏差原因…) when what follows starts a row
    of its own (a level label, a total, the end, or a row printed on one line that opens with words),
    and the next row's name when cells follow it (=365 365 10 10)."""
    if len(words) != 1:
        return False
    following = next((line.text.split() for line in after if line.text.strip()), None)
    if following is None or _kind(" ".join(following)) != "value":
        return True
    return len(following) > 1 and not _FIGURE.match(following[0])


def _is_page_number(text: str) -> bool:
    return bool(_PAGE.match(text))


_PAGE = regex.compile(r"^第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?$")
