"""Several indicator rows printed as one run, cut into their rows where exactly one cut fits.

An OCR of a page preview (银川's, on 优知文库) prints the table's cells with nothing between them and
runs many rows together: `完整性4一目标明确、内容细化、目标量化4项目立项相关性2一按照…管理2可行性2…`.
What says where a row ends is the header and the shapes of the cells: under 三级指标 | 分值 | 指标值 |
实际值 | 得分 a row is a name, 分值 (a small number, not above the points of its level), the values, and
得分 (not above 分值); a level label of the templates data (项目立项, 数量指标(10分)) opens the rows
under it; a template's empty row (指标2:) is no row. The run is read as a sequence of these pieces,
and cut only where exactly one sequence reads the whole run; otherwise it is left whole.

Within a row the values between 分值 and 得分 are cut by rules that hold across the forms: a text
printed twice is the target and the actual (符合相关文件要求符合相关文件要求), a dash opening them is
the empty target (一100%: 一 | 100%), a figure with its unit ends the actual (M.8万元14.8万元: the
actual 14.8万元, the target as printed and said to be unreadable). One text alone (可行性2实际工作需求2)
does not say its column: it is given as `lone`. An OCR's lookalike of a digit (IO for 10) is read as
the number only where 分值 or 得分 stands, and said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

import regex

from normalize.numbers import as_digits
from normalize.patterns import compiled
from parsers.glued_row import _EMPTY_MARK, _is_name, _value_shape, cut_glued_row, cut_ordered_row, is_unit, value_words
from parsers.knowledge import knowledge
from parsers.tokens import SENTENCE_ENDS, Token, classify, compact, holds_other_cells

_MAX_POINTS = Decimal(100)
_POINTS_PIECE = compiled(r"[\dIlOo]+(?:\.\d{1,2})?")
_PLAIN_POINTS = compiled(r"(?:0|[1-9]\d*)(?:\.\d{1,2})?")
# a template's empty row: 指标2:, or 指标L (an OCR's 1, its colon lost) before another one
_PLACEHOLDER = compiled(r"指标\s*(?:\d{1,2}|[LlIi])\s*[:：]|指标(?:\d{1,2}|[LlIi])(?=指标\s*\d{1,2}\s*[:：])")
ROW_NUMBER = compiled(r"指标\s*\d{1,2}\s*[:：]")  # a template's row number opening a row (指标1:)
# a level cell printed with its points, its word not the templates data's (an OCR's 顼目产出(30分))
_POINTED_WORD = regex.compile(r"\p{Han}{2,8}[（(]\d+(?:\.\d+)?分[)）]")
_LEVEL_MAX = 20  # characters of the longest level label with its points
_MIN_LABEL = 4  # words of a level label told inside a longer word
_LEVEL_MARK = compiled(r"(?:指标|目标)(?:[（(]\d+(?:\.\d+)?分[)）])?$|[（(]\d+(?:\.\d+)?分[)）]$")
_MAX_PARSES = 2  # enough to know a run reads more than one way
_ROW_MAX = 160  # characters of the longest row a run holds
_HAN = regex.compile(r"\p{Han}")
_POINT_CHARS = frozenset("0123456789IlOo")
_POINT_END = compiled(r"[\dIlOo分]")
_DECIMAL_END = compiled(r"\d\.$")
_DIGIT = compiled(r"\d")


@dataclass
class Piece:
    """A piece of a run: a level label (kind level1/level2, with its points), or a row (its name, its
    cells by column, what the reading must say, and a value whose column is not told)."""

    kind: str
    text: str
    points: Decimal | None = None
    name: str = ""
    cells: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    lone: str | None = None
    marked: bool = False  # a level label marked as one (指标/目标, its points): no row runs across it


@dataclass(frozen=True)
class _Bounds:
    level1: Decimal | None
    level2: Decimal | None

    @property
    def weight(self) -> Decimal:
        """分值 is not above its 二级's points where printed, else its 一级's, else 100."""
        return self.level2 or self.level1 or _MAX_POINTS


def cut_rows(text: str, columns: list[str], level1: Decimal | None = None,
             level2: Decimal | None = None) -> list[Piece] | None:
    """The run as its level labels and rows, or None where no reading or several read it whole (a run of
    one row is read here too where the one-row cut of glued_row does not read it: one text between
    分值 and 得分, a dash before the actual)."""
    if not {"weight", "score"} <= set(columns):
        return None
    digitized = _LOOKALIKE_RUN.sub(lambda run: as_digits(run.group()), text)
    parses = _Reader(digitized, columns).parses(0, _Bounds(level1, level2), "")
    if len(parses) != 1 or not any(piece.kind == "row" and piece.cells for piece in parses[0]):
        return None
    return list(parses[0]) if digitized == text else _as_printed(list(parses[0]), text, digitized, columns)


# an OCR's letters inside a run of figures, or two or more alone (率l00%100%10IO防护…: l00% and 10 | IO; 12处IOIO):
# read as digits to cut the run, the cells given back as printed; a letter beside other letters (ISO9001, CO2) is one
_LOOKALIKE_RUN = compiled(r"(?<![A-Za-z])(?=[\d.%]*[IlOo])(?=[\dIlOo.]*\d|[IlOo]{2})[\dIlOo][\dIlOo.]*(?![A-Za-z])")


def opens_cell(piece: Piece, at: int) -> bool:
    """Whether a row's cell (its name's end) opens at `at` of its text (an OCR's IO for the points 10 too)."""
    digits = as_digits(piece.text)
    return piece.kind == "row" and (at == len(piece.name)
                                    or any(cell and digits.startswith(as_digits(cell), at)
                                           for cell in piece.cells.values()))


def _as_printed(pieces: list[Piece], text: str, digitized: str, columns: list[str]) -> list[Piece]:
    """The pieces of a run cut with its lookalike letters read as digits, their texts as the run printed them
    (same places: the reading changed no length; a template's empty row, 指标2:, is in no piece); 分值 and 得分
    keep their digits, said in the row's notes."""
    at = 0
    for piece in pieces:
        at = digitized.find(piece.text, at)
        printed = text[at : at + len(piece.text)]
        if piece.kind == "row" and printed != piece.text:
            inside = len(piece.name)
            piece.name = printed[:inside]
            for column in [column for column in columns if column in piece.cells]:  # in printed order
                cell = piece.cells[column]
                start = piece.text.find(cell, inside) if cell else -1
                if start < 0:
                    continue
                if column in ("weight", "score") and printed[start : start + len(cell)] != cell:
                    piece.notes.append(f"{printed[start : start + len(cell)]} read as {cell}")
                else:
                    piece.cells[column] = printed[start : start + len(cell)]
                inside = start + len(cell)
        piece.text = printed
        at += len(printed)
    return pieces


class _Reader:
    def __init__(self, text: str, columns: list[str]) -> None:
        self.text = text
        self.note = columns[-1:] == ["note"]
        self.columns = columns[:-1] if self.note else columns
        self.memo: dict[tuple[int, _Bounds, str, str], list[tuple[Piece, ...]]] = {}
        self.levels: dict[int, Piece | None] = {}

    def parses(self, at: int, bounds: _Bounds, before: str, before_text: str = "") -> list[tuple[Piece, ...]]:
        """Every reading of the text from `at` on (at most two); `before` is the kind of the piece before,
        `before_text` a level label's text (the same label straight again opens the name: 财务管理 |
        财务管理制度有效性; a merged level cell is printed once)."""
        key = (at, bounds, before, before_text)
        if key not in self.memo:
            self.memo[key] = self._parses(at, bounds, before, before_text)
        return self.memo[key]

    def _parses(self, at: int, bounds: _Bounds, before: str, before_text: str) -> list[tuple[Piece, ...]]:
        if at == len(self.text):
            return [()]
        # a level label or a template's empty row where one opens: taken as such where the rest reads
        if (level := self._level_at(at)) and level.text != before_text:
            inner = _Bounds(level.points, None) if level.kind == "level1" else _Bounds(bounds.level1, level.points)
            found = [(level, *rest) for rest in self.parses(at + len(level.text), inner, level.kind, level.text)]
            if found:
                return found[:_MAX_PARSES]
        if placeholder := _PLACEHOLDER.match(self.text, at):
            end = placeholder.end()
            if end == len(self.text) or self._level_at(end) or _PLACEHOLDER.match(self.text, end):
                found = list(self.parses(end, bounds, before))
                if found:
                    return found[:_MAX_PARSES]
        found = [(row, *rest) for end, row in self._rows_at(at, bounds, before)
                 for rest in self.parses(end, bounds, "row")]
        fewest = min(map(_valueless_rows, found), default=0)
        return [parse for parse in found if _valueless_rows(parse) == fewest][:_MAX_PARSES]

    def _level_at(self, at: int) -> Piece | None:
        if at not in self.levels:
            self.levels[at] = self._find_level(at)
        return self.levels[at]

    def _find_level(self, at: int) -> Piece | None:
        """The longest level label opening the text at `at`: a label of the templates data (a bare one of
        four characters or more; a bare 一级 word only with its points), or a word with its points
        before a label of the templates data (顼目产出(30分)数量指标…: an OCR misread the 一级 word)."""
        text = self.text
        if at >= len(text) or not _HAN.match(text, at):
            return None
        for end in range(min(len(text), at + _LEVEL_MAX), at + 1, -1):
            label = text[at:end]
            kind, _, _, points = classify(label)
            if kind not in ("level1", "level2"):
                continue
            marked = bool(_LEVEL_MARK.search(label))
            if not marked and (len(label) < 4 or kind == "level1" and not self._level2_at(end)):
                continue  # a bare 一级 word opens a run only before its 二级 (管理效率 | 预算管理 | 预算执行率…)
            return Piece(kind, label, points, marked=marked)
        if misread := misread_level(text, at):
            return Piece(classify(misread[1])[0], misread[0], notes=[f"{misread[0]} read as the level {misread[1]}"])
        if (word := _POINTED_WORD.match(text, at)) and self._known_level(word.end()) \
                and not _ends_with_level(word.group()):
            points = classify(word.group()[word.group().index(next(c for c in "(（" if c in word.group())):])[3]
            return Piece("level1", word.group(), points, marked=True)
        return None

    def _level2_at(self, at: int) -> bool:
        return (level := self._level_at(at)) is not None and level.kind == "level2"

    def _known_level(self, at: int) -> bool:
        return any(classify(self.text[at:end])[0] in ("level1", "level2")
                   for end in range(at + 2, min(len(self.text), at + _LEVEL_MAX) + 1))

    def _rows_at(self, at: int, bounds: _Bounds, before: str) -> list[tuple[int, Piece]]:
        """Each (end, row) a row opening at `at` reads as, one reading each; a row that reads two ways
        ends nowhere (the run is then left whole)."""
        found = []
        for end, note in self._row_ends(at):
            readings = self._read_row(self.text[at:end], bounds, note)
            if len(readings) == 1 and (not readings[0].cells.get("note")
                                       or self._holds_no_level(end - len(readings[0].cells["note"]), end)):
                found.append((end, readings[0]))
        if not found and before in ("level1", "level2") and _is_bare_name(self.text[at:]):
            found.append((len(self.text), Piece("row", self.text[at:], name=self.text[at:])))  # cut off after its name
        return found

    def _holds_no_level(self, start: int, end: int) -> bool:
        """A note holds no level label (生态 | 效益指标 is the label 生态效益指标)."""
        return not any(self._level_at(at) for at in range(start, end))

    def _opens_level(self, at: int) -> bool:
        """A note ends only where a level label, a template's empty row or the run's end follows (or after its
        sentence's end, _row_ends): before a name it could as well go on into it."""
        return at == len(self.text) or self._level_at(at) is not None or _PLACEHOLDER.match(self.text, at) is not None

    def _row_ends(self, at: int) -> list[tuple[int, bool]]:
        """(end, whether a note may end the row there) for a row opening at `at`: after points (a digit, a
        lookalike, 分) that no figure goes on from, or - a note's end - before a level label, a template's
        empty row and at the run's end. A row spans no level label marked as one (数量指标, (30分))."""
        text = self.text
        stop = min(len(text), at + _ROW_MAX)
        for inside in range(at + 1, stop):
            if (level := self._level_at(inside)) is not None and level.marked:
                stop = inside
                break
        ends = []
        for end in range(at + 3, stop + 1):
            # a note's sentence may end it where the next row's name follows (…施工。更换换热站设备数量…)
            note = self.note and (self._opens_level(end) or text[end - 1] in SENTENCE_ENDS)
            if note or _POINT_END.match(text[end - 1]) and not _figure_goes_on().match(text, end):
                ends.append((end, note))
        return ends

    def _read_row(self, row: str, bounds: _Bounds, note: bool) -> list[Piece]:
        columns = [*self.columns, *(["note"] if note else [])]
        if self.columns[0] != "weight" or self.columns[-1] != "score" \
                or not set(self.columns[1:-1]) <= {"target", "actual"}:
            cut = cut_glued_row(row, columns) or cut_ordered_row(row, columns)
            cells = {column: cut[1][column] for column in columns if cut and column in cut[1]}
            # a name holds no sentence's end: text before one is the note of the row before
            named = cut is not None and _clean(cut[0]) and not any(mark in cut[0] for mark in SENTENCE_ENDS)
            return [Piece("row", row, name=cut[0], cells=cells)] if named else []
        return _weight_first(row, self.columns[1:-1], bounds, note)


def _weight_first(row: str, values: list[str], bounds: _Bounds, note: bool) -> list[Piece]:
    """The readings of a row under 分值 | values | 得分 (| note): name, 分值 within its level's points,
    the values, 得分 not above 分值."""
    found = []
    for start in range(2, len(row)):
        if row[start] not in _POINT_CHARS or row[start - 1] in _POINT_CHARS:
            continue
        name = row[:start]
        if not _is_row_name(name):
            continue
        for weight in _points_at(row, start):
            weight_value = _points_value(weight)
            if weight_value is None or not 0 < weight_value <= bounds.weight:
                continue
            for score_start, score_end in _score_spans(row, start + len(weight), note):
                score = row[score_start:score_end]
                score_value = _points_value(score)
                between = row[start + len(weight) : score_start]
                if score_value is None or score_value > weight_value or _figure_cut(between, score):
                    continue
                for cells, notes, lone in _value_readings(between, values):
                    if score_end < len(row):
                        cells = {**cells, "note": row[score_end:]}
                    notes = notes + [f"{piece} read as {_points_value(piece)}" for piece in (weight, score)
                                     if as_digits(piece) != piece]
                    found.append(Piece("row", row, name=name, cells={"weight": str(weight_value), **cells,
                                                                     "score": str(score_value)},
                                       notes=notes, lone=lone))
    return found


def _valueless_rows(parse: tuple[Piece, ...]) -> int:
    """Rows of a reading that print no value between their points (场馆长效运行机制 | 1 | 0, then 健全健全 as a
    name): of two readings the one that leaves fewer cells empty is the form's."""
    return sum(1 for piece in parse if piece.kind == "row" and piece.cells and piece.lone is None
               and not {"target", "actual"} & piece.cells.keys())


@cache
def _figure_goes_on() -> re.Pattern[str]:
    """After digits, what makes them a figure's rather than points ending a row: more of the figure, or a
    unit that a figure, a mark or the run's end follows (415万元15: 415 万元; 4项目立项 and 7项Fl实施: 4 and
    7, then the next name, an OCR's letters in it)."""
    _, units, multipliers = value_words()
    return compiled(rf"[\d.%]|(?:{multipliers})?(?:{units})(?:[\d.%,，;；、)）]|$)")


def _ends_with_level(word: str) -> bool:
    """A pointed word ending with a label of the templates data of four words or more (…试点范围满意度指标(10分)):
    the label opens later, the words before it are the cell before's (a note), no misread label (顼目产出(30分)
    ends with 产出 only)."""
    words = len(_HAN.findall(word))
    return any(words - at >= _MIN_LABEL and classify(word[at:])[0] in ("level1", "level2") for at in range(1, words))


def _points_at(row: str, start: int) -> list[str]:
    found = _POINTS_PIECE.match(row, start)
    return [found.group()[:size] for size in range(1, len(found.group()) + 1)] if found else []


def _score_spans(row: str, after: int, note: bool) -> list[tuple[int, int]]:
    """(start, end) of each 得分 the row may end with: its last points, or - with a note - points before
    a note that opens with a word."""
    ends = [len(row)] + ([end for end in range(after + 1, len(row)) if row[end - 1] in _POINT_CHARS
                          and _HAN.match(row, end) and _is_prose(row[end:])] if note else [])
    spans = []
    for end in ends:
        for start in range(max(after, end - 5), end):
            opens = start == after or row[start - 1] not in _POINT_CHARS and not _DECIMAL_END.search(row, 0, start)
            if opens and row[start] in _POINT_CHARS and _POINTS_PIECE.fullmatch(row, start, end):
                spans.append((start, end))
    return spans


def _points_value(piece: str) -> Decimal | None:
    """分值 or 得分 as a number, an OCR's lookalike letters read as the digits they stand for."""
    digits = as_digits(piece)
    return Decimal(digits) if _PLAIN_POINTS.fullmatch(digits) and _MAX_POINTS >= Decimal(digits) else None


def _figure_cut(between: str, score: str) -> bool:
    """A cut inside a figure: values ending with a digit or a point before 得分's digits."""
    return re.search(r"\d\.?$", between) is not None and re.match(r"\d", score) is not None


def _value_readings(between: str, values: list[str]) -> list[tuple[dict[str, str], list[str], str | None]]:
    """The ways the text between 分值 and 得分 reads as the value columns: (cells, notes, lone text)."""
    if not between:
        return [({}, [], None)]
    if re.match(r"0\d", between):
        return []  # no cell opens with a leading zero: the cut fell inside 分值
    if len(values) == 1:
        return [({values[0]: between}, [], None)] if _kind(between) else []
    half = len(between) // 2
    if len(between) % 2 == 0 and between[:half] == between[half:] and _kind(between[:half]):
        return [({values[0]: between[:half], values[1]: between[half:]}, [], None)]  # printed twice
    mark = _EMPTY_MARK.match(between)
    if mark and mark.end() < len(between) and not _value_shape().fullmatch(between) \
            and _kind(between[mark.end():]) in ("shaped", "prose"):
        return [({values[0]: mark.group(), values[1]: between[mark.end():]}, [], None)]
    found = []
    units_at = _units_after_figures(between)
    for at in range(1, len(between)):
        first, second = between[:at], between[at:]
        if re.search(r"[\d.]$", first) and re.match(r"[\d.]", second) or at in units_at:
            continue  # inside a figure or its unit
        kinds = (_kind(first), _kind(second))
        if None in kinds or kinds.count("prose") == 2 or _word_meets_prose(first, second, kinds):
            continue
        if "misread" in kinds and kinds.count("shaped") != 1:
            continue
        notes = [f"{piece}: a figure an OCR misread, kept as printed" for piece, kind in zip((first, second), kinds)
                 if kind == "misread"]
        found.append(({values[0]: first, values[1]: second}, notes, None, kinds.count("shaped")))
    if not found and _kind(between) in ("shaped", "prose"):
        return [({}, [], between)]
    # two values of their shapes over a value and prose (4月底前 | 4月25日, not 4月 | 底前4月25日)
    most = max((shaped for *_, shaped in found), default=0)
    return [(cells, notes, lone) for cells, notes, lone, shaped in found if shaped == most]


@cache
def _figure_unit() -> regex.Pattern[str]:
    _, units, multipliers = value_words()
    return regex.compile(rf"(?<=\d[IlOo]?)(?:(?:{multipliers})?(?:{units})|(?:{multipliers}))")


def _units_after_figures(text: str) -> frozenset[int]:
    """The places a cut would part a figure from its unit or split the unit (≥15 | 万人次, ≥15万 | 人次,
    an OCR's ≤4O | 万元): a unit never opens a cell."""
    return frozenset(at for found in _figure_unit().finditer(text) for at in range(found.start(), found.end()))


def _word_meets_prose(first: str, second: str, kinds: tuple[str | None, str | None]) -> bool:
    """Prose beside a value that is a word (明显改善, 达标) could as well end or open with it."""
    words = [kind == "shaped" and not re.search(r"\d", piece) for piece, kind in zip((first, second), kinds)]
    return "prose" in kinds and any(words)


@cache
def _misread_figure() -> regex.Pattern[str]:
    """A figure with its unit (an operator before it) whose digits an OCR read partly as letters (M.8万元
    for 14.8万元, ≤4O万元)."""
    operators, units, multipliers = value_words()
    return regex.compile(rf"(?:{operators})?(?=[^\p{{Han}}]*[A-Za-z])(?=[^\p{{Han}}]*\d)[A-Za-z\d.]+"
                         rf"(?:{multipliers})?(?:{units})")


def _kind(text: str) -> str | None:
    """What a value cell is: a shape of the vocabulary, an empty mark, prose, a misread figure, or none."""
    if _value_shape().fullmatch(text) and not re.match(r"\D?0\d", text):
        return "shaped"
    if _EMPTY_MARK.fullmatch(text):
        return "mark"
    if _is_prose(text):
        return "prose"
    return "misread" if _misread_figure().fullmatch(text) else None


@cache
def _date_opening() -> re.Pattern[str]:
    return compiled(r"(?:19|20)\d{2}年")


def _is_prose(text: str) -> bool:
    """A cell of words: it opens with a word or a date, ends with a word (a full stop after one), and
    holds no bare number between words (管理2可行性: 得分 and the next row's name)."""
    opens = regex.match(r"\p{Han}", text) or _date_opening().match(text)
    return bool(opens) and len(text) >= 2 and regex.search(r"(?:\p{Han}|\p{Han}[.。]|[)）])$", text) is not None \
        and _clean(text)


@cache
def _bare_number() -> re.Pattern[str]:
    """A number between words that no unit, date or decimal goes on from: points glued between cells."""
    _, units, multipliers = value_words()
    return compiled(rf"(?<=[^\d.])\d+(?!\d|\.\d|(?:{multipliers})?(?:{units})|[年月日%])")


def _clean(text: str) -> bool:
    """A name or a text cell holds no bare number after a word (完整性4一…: 分值 glued into it)."""
    return _bare_number().search(compact(text)) is None


def _is_row_name(text: str) -> bool:
    """A name opens with a word, ends with one, holds no bare number and no other cell's text (a level
    label, a (30分)), and no figure glued to the unit of another (数量105个5个10年: a row's cells)."""
    return regex.match(r"[\p{Han}(（]", text) is not None and not _EMPTY_MARK.match(text) and _clean(text) \
        and _is_name(text) and not holds_other_cells(text) and not is_unit(text) \
        and not any(_DIGIT.match(text, found.end()) for found in _figure_unit().finditer(text))


def _is_bare_name(text: str) -> bool:
    """A name whose cells the run does not print (its end cut off): words, no figure."""
    return len(text) >= 2 and regex.fullmatch(r"[\p{Han}（）()、,，]+", text) is not None


_CHUNK_MARKER = compiled(r"^(\d{1,2})、")


def chunk_lines(tokens: list[Token]) -> frozenset[int]:
    """The lines a document site's page chunks open: numbered 1、 2、 3、 … in order at the start of
    their lines (from 3、 on for a document's second form), one of them on a form's title (a title is never
    numbered: the site numbered it; the first may be the prose of a document before its forms)."""
    marked: list[tuple[int, int]] = []
    line = None
    for token in tokens:
        if token.line == line:
            continue
        line = token.line
        if found := _CHUNK_MARKER.match(token.text):
            marked.append((token.line, int(found.group(1))))
    numbers = [number for _, number in marked]
    lines = {line for line, _ in marked}
    titled = any(token.kind == "title" for token in tokens if token.line in lines)
    if len(marked) < 2 or numbers != list(range(numbers[0], numbers[0] + len(marked))) or not titled:
        return frozenset()
    return frozenset(line for line, _ in marked)


def strip_chunk_marker(text: str) -> str:
    """A text without the page chunk's marker opening it (2、预算执行率… -> 预算执行率…)."""
    return _CHUNK_MARKER.sub("", text, count=1)


@cache
def _misread_levels() -> list[tuple[re.Pattern[str], str]]:
    """Each bare level label of the templates data (four characters or more) as an OCR prints it with one
    inner character read as one or two Latin letters (项Fl实施 for 项目实施): Latin letters inside a label's
    Han words are an OCR's, never the form's."""
    labels = sorted((word for word in knowledge()["levels"]["bare"] if len(word) >= 4), key=len, reverse=True)
    return [(compiled(regex.escape(label[:at]) + "[A-Za-z]{1,2}" + regex.escape(label[at + 1:])), label)
            for label in labels for at in range(1, len(label) - 1)]


_LATIN = compiled(r"[A-Za-z]")


def misread_level(text: str, at: int = 0) -> tuple[str, str] | None:
    """(as printed, the label) for a bare level label an OCR misread in one character, opening the text at
    `at` with more after it. Every misreading prints a Latin letter, which most texts do not hold: they are
    answered without trying the labels' patterns one by one (or compiling them)."""
    if not _LATIN.search(text, at):
        return None
    return next(((found.group(), label) for pattern, label in _misread_levels()
                 if (found := pattern.match(text, at)) and found.end() < len(text)), None)


def pointed_word(text: str) -> str | None:
    """A level cell's word with its points opening the text (顼目产出(30分)), the word not the templates
    data's: an OCR's misreading of a 一级 label where a known level label follows it."""
    found = _POINTED_WORD.match(text)
    return found.group() if found else None
