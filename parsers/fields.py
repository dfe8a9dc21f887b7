"""Typed values for the labelled scalar fields and the free-text sections of a form."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

import regex

from models import Cell, Line
from normalize.dates import parse_date, split_dates
from normalize.numbers import parse_decimal, parse_money, parse_percent, parse_points
from normalize.patterns import compiled
from parsers.knowledge import SEAL_WORDS, UNIT_SUFFIX, flat, knowledge, labels
from parsers.table import places_kept

MONEY_FIELDS = ("total_budget", "current_budget", "prior_budget", "prior_executed", "executed")
TEXT_FIELDS = ("unit", "department", "project_name", "performance_type", "grade")
CHECKBOX_FIELDS = ("project_category", "fund_use")
BOOL_FIELDS = ("gov_procurement", "recurring")
DATE_FIELDS = ("start_date", "end_date", "eval_date")
_AMOUNTS_IN = compiled(r"[（(]?\s*(?:金额)?单位\s*[:：]\s*万?元\s*[)）]?")  # 单位:万元 beside the unit
_CODE = compiled(r"^\s*[\[［【]\s*[0-9A-Za-z]+\s*[\]］】]")
_SEAL = compiled(rf"[（(]\s*{SEAL_WORDS}\s*[)）]|[盖公]章$")
_SPACES = compiled(r"\s+")
_BREAKDOWN = compiled(r"^其中")  # 其中：一般公共预算, a part of the source above it
SOURCE_ROWS = 10  # a budget's sources are listed in at most this many rows
_LABEL_CELL = compiled(rf"^(?:其中\s*[:：])?\s*(?P<label>.+?){UNIT_SUFFIX}\s*[:：]?$", re.S)
# 金额单位:万元 printed on a line of its own above a form's table: the unit of its amounts
# an amount printed before the parts it is made of (年度资金总额 86.4 其中：财政拨款 86.4 其他资金 0)
_AMOUNT_BEFORE_PARTS = regex.compile(r"^\s*(?P<amount>[\d,，]+(?:\.\d+)?\s*(?:万?元)?)\s*其中\s*[:：]")
# 金额单位：万元 alone, or a heading's unit wrapped onto a line of its own ((万元) under 部门预算)
_AMOUNTS_NOTE = compiled(r"^\s*(?:[（(]?\s*(?:金额)?单位\s*[:：]\s*(?P<unit>万元|元)\s*[)）]?"
                           r"|[（(]\s*(?P<bare>万元|元)\s*[)）])\s*$")
# a heading ending with the note (一、项目基本情况及资金执行（单位：万元）)
_TRAILING_NOTE = compiled(r"[（(]\s*(?:金额)?单位\s*[:：]\s*(?P<unit>万元|元)\s*[)）]\s*$")


@dataclass(frozen=True)
class Reading:
    """A field's typed value, or why it could not be typed."""

    value: object | None
    problem: str | None = None


def read_field(key: str, text: str, suffix: str | None) -> Reading:
    """Type the text printed after a field label. Empty text is simply absent."""
    if not text:
        return Reading(None)
    if key in MONEY_FIELDS:
        return _money(text, suffix)
    if key == "total_score":
        score = parse_points(text)
        return Reading(score) if score is not None else Reading(None, f"not a score: {text}")
    if key == "execution_rate":
        rate = parse_percent(text, allow_bare=suffix in ("%", "％"))
        return Reading(rate) if rate is not None else Reading(None, f"not a percentage: {text}")
    if key in DATE_FIELDS:
        return _date(key, text)
    if key in BOOL_FIELDS:
        return _boolean(text)
    if key in CHECKBOX_FIELDS:
        return read_checkbox(key, text)
    if key in ("unit", "department"):  # [610001]单位名称: a bracketed budget code is not part of the name
        return Reading(_CODE.sub("", _AMOUNTS_IN.sub("", _SEAL.sub("", text))).strip() or None)
    if key == "grade":  # ☑优 □良 □中 □差: the grade checked
        return read_checkbox(key, text) if _has_marks(text) else _grade(text)
    return Reading(text)


@cache
def _grade_said() -> regex.Pattern[str]:
    """A grade said in a sentence (评价等级为“优”): compiled where a run asks (most never do)."""
    return regex.compile(r"(?:等级|等次|评定|评价结果)\s*(?:为|是|评定为|[:：])?\s*[“\"「『]?"
                         r"(?P<word>\p{Han}{1,3}?)[”\"」』]?(?:[，。；,;]|$)")


_LONGEST_GRADE = 8  # characters of the longest printed grade (较好（良）)


def _grade(text: str) -> Reading:
    """The grade printed, or the one a conclusion's sentence names (…自评得分89分，等级良好。)."""
    if found := _grade_opening(text):
        return Reading(found)
    said = next((found["word"] for found in _grade_said().finditer(text) if _grade_opening(found["word"])), None)
    if said or len(text) <= _LONGEST_GRADE:
        return Reading(said or text)
    return Reading(None, f"no grade named: {text}")


def _grade_opening(text: str) -> str | None:
    """The grade a text opens with where more follows it (优相关附件：【打印】: a web page's text run on)."""
    grades = knowledge()["grades"]
    words = sorted({word for _, word in grades["bands"] + grades["short_bands"]}, key=len, reverse=True)
    return next((word for word in words if text.startswith(word) and not _grade_goes_on(text[len(word):])), None)


def _grade_goes_on(rest: str) -> bool:
    """Whether the text after a grade word makes it another word (优良, 良好 after 良): a grade's own letters."""
    return bool(rest) and rest[0] in "秀好格良中差"


def _money(text: str, suffix: str | None) -> Reading:
    if (lead := _AMOUNT_BEFORE_PARTS.match(text)) is not None:  # 86.4其中：财政拨款86.4…: the total, its parts after
        text = lead["amount"]
    # the block's 万元 applies to a bare figure; one printing its own unit (386.45万) keeps it
    amount = parse_money(text + "万元" if suffix == "万元" and parse_decimal(text) is not None else text)
    return Reading(amount) if amount is not None else Reading(None, f"not an amount of money: {text}")


def _date(key: str, text: str) -> Reading:
    written = split_dates(text)
    if len(written) != 1:
        return Reading(None, f"expected one date, found {len(written)}: {text}")
    found: date | None = parse_date(written[0], as_end=key == "end_date")
    return Reading(found) if found else Reading(None, f"not a date: {text}")


def _boolean(text: str) -> Reading:
    words = knowledge()["booleans"]
    if any(mark in text for mark in "".join(checkbox_marks())):  # ☑是□否, √是, 是☑ 否□: the option checked
        checked = _checked_answer(_SPACES.sub("", text), words)
        if checked is not None:
            return Reading(checked)
    if text in words["yes"]:
        return Reading(True)
    if text in words["no"]:
        return Reading(False)
    return Reading(None, f"neither yes nor no: {text}")


def _checked_answer(compact: str, words: dict[str, list[str]]) -> bool | None:
    """True or False where exactly one answer of a yes/no box row is checked, its mark before or after it."""
    checked_marks, marks = checkbox_marks()[0], "".join(checkbox_marks())
    found = {answer: (at, at + len(word)) for answer, printed in ((True, words["yes"]), (False, words["no"]))
             for word in printed if (at := compact.find(word)) >= 0}
    if not found:
        return None
    leading = compact[0] in marks  # ☑是□否: each mark before its answer; 是☑ 否□: after it
    checked = {answer for answer, (start, end) in found.items()
               if (compact[start - 1: start] if leading else compact[end: end + 1]) in tuple(checked_marks)}
    return checked.pop() if len(checked) == 1 else None


def checkbox_marks() -> tuple[str, str]:
    box = knowledge()["checkbox"]
    return "".join(box["checked_marks"]), "".join(box["empty_marks"])


def _has_marks(text: str) -> bool:
    checked_marks, empty_marks = checkbox_marks()
    return any(mark in text for mark in checked_marks + empty_marks)


def read_checkbox(key: str, text: str) -> Reading:
    """The checked option of a checkbox row, or the written value where no boxes are printed."""
    text = _boxes_unmisread(key, text)
    if not _has_marks(text):
        return Reading(text)
    checked, unboxed = checked_options(key, text)
    if not checked and not unboxed:  # no option the data lists: the words the marks stand beside
        checked = _marked_words(text)
    if len(checked) == 1:
        return Reading(checked[0])
    if len(checked) > 1:
        return Reading(None, f"several options checked: {'、'.join(checked)}")
    if unboxed:
        return Reading(None, f"no option checked; printed without a box: {'、'.join(unboxed)}")
    return Reading(None, "no option checked")


def _boxes_unmisread(key: str, text: str) -> str:
    """text with an OCR's 口 or 囗 for an empty box, right before or after an option (口新增项目), read as □."""
    box = knowledge()["checkbox"]
    misread = "".join(box["misread_empty_marks"])
    if not any(mark in text for mark in misread):
        return text
    options = "|".join(map(regex.escape, sorted(box[key], key=len, reverse=True)))
    return regex.sub(rf"[{misread}](?=\s*(?:{options}))|(?<=(?:{options})\s*)[{misread}]", "□", text)


def checked_options(key: str, text: str) -> tuple[list[str], list[str]]:
    """Options marked checked, and options printed with no mark at all: each mark before its option (□常年性
    ■延续性) or after it (新增项目□ 延续项目☑), as the row prints them; an option inside a longer one printed there
    (延续性 in 延续性项目) is that one."""
    checked_marks, _ = checkbox_marks()
    compact = _SPACES.sub("", text)
    leading = _marks_lead(key, compact)
    checked, unboxed, taken = [], [], []
    for option in sorted(knowledge()["checkbox"][key], key=len, reverse=True):
        at = compact.find(option)
        if at < 0 or any(start <= at < end for start, end in taken):
            continue
        taken.append((at, at + len(option)))
        marks = _mark_run_before().search(compact[:at]) if leading else _mark_run().match(compact[at + len(option):])
        beside = marks.group(0) if marks else ""
        if any(mark in checked_marks for mark in beside):
            checked.append(option)
        elif not beside:
            unboxed.append(option)
    return checked, unboxed


def _marked_words(text: str) -> list[str]:
    """The words a row marks checked where none is an option the data lists (□新建 ☑改扩建 □维修改造): each box
    stands before its word, or after it where the row opens with a word."""
    checked_marks, empty_marks = checkbox_marks()
    marks = regex.escape(checked_marks + empty_marks)
    misread = "".join(knowledge()["checkbox"]["misread_empty_marks"])
    compact = _SPACES.sub("", regex.sub(rf"(?:^|(?<=\s))[{misread}]", "□", text))  # 口新建 ■改扩建: an OCR's box
    leading = compact[:1] in checked_marks + empty_marks
    pairs = regex.findall(rf"([{marks}])([^{marks}]+)" if leading else rf"([^{marks}]+)([{marks}])", compact)
    return [word for mark, word in (pairs if leading else [(mark, word) for word, mark in pairs])
            if mark in checked_marks and 2 <= len(word) <= 12]


def _marks_lead(key: str, compact: str) -> bool:
    """Whether a row prints each mark before its option: its first option has a mark just before it and its
    last none just after (项目类型□常年性■延续性□一次性; not 新增项目□延续性项目☑, an option the data lacks first)."""
    marks = "".join(checkbox_marks())
    options = knowledge()["checkbox"][key]
    spans = sorted((at, at + len(option)) for option in options if (at := compact.find(option)) >= 0)
    if not spans:
        return False
    before = spans[0][0] > 0 and compact[spans[0][0] - 1] in marks
    after = spans[-1][1] < len(compact) and compact[spans[-1][1]] in marks
    return before and not after


def checkbox_rows(key: str, compacts: list[str]) -> list[int]:
    """The lines printing a checkbox field's options: a run that starts with a line showing two of
    them, with the lines it wraps onto (资产购 / 置类□ 其他事业专业类■). `compacts`: the lines'
    texts without spaces (without_spaces), made once for every checkbox field."""
    options = knowledge()["checkbox"][key]
    marks = "".join(checkbox_marks())
    rows: list[int] = []
    for index, compact in enumerate(compacts):
        if _options_printed(compact, options) >= 2 and not _options_of_other_label(key, compact, options) or (
                rows and rows[-1] == index - 1 and any(mark in compact for mark in marks) and not _has_label(compact)
                and not compact.startswith(_labels_of_others(key))):
            rows.append(index)
    return rows


def _options_printed(compact: str, options: list[str]) -> int:
    """How many options a line prints: an option inside a longer one printed (延续性 in 延续性项目) is that one."""
    found = [option for option in options if option in compact]
    return sum(not any(option != other and option in other for other in found) for option in found)


def _options_of_other_label(key: str, compact: str, options: list[str]) -> bool:
    """Whether the options are printed after another label (项目属性 □新增项目 ■延续项目, kept in extra, beside a
    项目类别 row of its own): the label just before the first option says whose they are."""
    first = min(at for option in options if (at := compact.find(option)) >= 0)
    before = compact[:first].rstrip("".join(checkbox_marks()) + ":：")
    return before.endswith(_labels_of_others(key))


@cache
def _labels_of_others(key: str) -> tuple[str, ...]:
    own = {label.needle for label in labels() if label.key == key}
    return tuple(label.needle for label in labels()
                 if label.kind in ("field", "extra") and label.needle and label.needle not in own)


def without_spaces(lines: list[Line]) -> list[str]:
    return [_SPACES.sub("", line.text) for line in lines]


def _has_label(compact: str) -> bool:
    return ":" in compact or "：" in compact


@cache
def _mark_run() -> re.Pattern[str]:
    """The run of checkbox marks printed after an option."""
    return compiled(f"[{regex.escape(''.join(checkbox_marks()))}]*")


@cache
def _mark_run_before() -> re.Pattern[str]:
    """The run of checkbox marks printed before an option (the text before it ends with it)."""
    return compiled(f"[{regex.escape(''.join(checkbox_marks()))}]*$")




@dataclass(frozen=True)
class ColumnField:
    """A field label heading a column of a ruled row of labels, and the cells under it in the next row."""

    key: str
    label: Cell
    under: list[Cell]
    suffix: str | None


def amounts_unit(lines: list[Line]) -> str | None:
    """The unit a loose 金额单位:万元 line, a cell that says only that (编制单位：X | | 金额单位：万元), or a heading
    line ending with it in brackets gives the form's amounts (None where none is printed)."""
    for line in lines:
        texts = [line.text] * (line.layout == "flow") + [cell.text for cell in line.cells]
        if unit := next((note for text in texts if (note := amounts_note(text))), None):
            return unit
        if line.layout == "flow" and (unit := trailing_amounts_note(line.text)):
            return unit
    return None


def trailing_amounts_note(text: str) -> str | None:
    """万元 for a heading ending with the note in brackets (一、项目基本情况及资金执行（单位：万元）), else None."""
    found = _TRAILING_NOTE.search(text)
    return found["unit"] if found else None


def amounts_note(text: str) -> str | None:
    """万元 for a cell or line that only says 金额单位:万元, else None."""
    found = _AMOUNTS_NOTE.match(text)
    return found["unit"] or found["bare"] if found else None


def amounts_note_inside(text: str) -> str | None:
    """万元 or 元 where a field's printed value also holds the form's amounts note (新乡市…局 单位：万元)."""
    found = _AMOUNTS_IN.search(text)
    return "万元" if found and "万" in found.group() else "元" if found else None


def column_fields(lines: list[Line], skip: set[int]) -> list[ColumnField]:
    """Field labels printed side by side in a ruled row that holds only labels (中期资金总额 | 年度资金总额;
    资金申请 | 申报总额 | 财政资金): each one's value is the cell printed under it in the next row."""
    found = []
    for index, line in enumerate(lines[:-1]):
        below = _amounts_row(lines, index)
        if index not in skip and line.layout == below.layout == "flow":
            found += _flowed_pairs(line, below)
        if index in skip or line.layout != "grid" or below.layout != "grid":
            continue
        if not places_kept(line) and not places_kept(below):  # a text's row: its cells are in order, not in place
            found += _flowed_pairs(line, below)
            continue
        named = [(cell, _cell_label(cell.text)) for cell in line.cells if cell.text.strip()]
        if len(named) < 2 or any(label is None for _, label in named):
            continue
        for cell, label in named:
            under = [other for other in below.cells if other.text.strip() and same_column(cell, other)]
            if label and label[0] == "field" and under and not any(_cell_label(c.text) for c in under):
                found.append(ColumnField(label[1], cell, under, label[2]))
    return found


def _amounts_row(lines: list[Line], index: int) -> Line:
    """The row under a row of labels that holds their values: the next one, or where the rows under the labels
    list the money's sources first (财政拨款 | 386 | 132 … 合计 | 410 | 140), their total row."""
    for line in lines[index + 1: index + 1 + SOURCE_ROWS]:
        label = next((flat(cell.text) for cell in line.cells if cell.text.strip()), "")
        if label in _total_words():
            return line
        if not _is_source(label):
            break
    return lines[index + 1]


def _is_source(label: str) -> bool:
    found = _cell_label(label)
    return bool(_BREAKDOWN.match(label)) or found is not None and found[0] == "funds"


@cache
def _total_words() -> frozenset[str]:
    return frozenset(flat(word) for word in knowledge()["composition"]["totals"])


def _flowed_pairs(line: Line, below: Line) -> list[ColumnField]:
    """The same in flowed text (a row per line): the labels' figures are the next line's, in order,
    when it prints exactly one figure for each field or funds label (资金总额 12580.35 2836.7)."""
    named = [(cell, _cell_label(cell.text)) for cell in line.cells if cell.text.strip()]
    if len(named) < 2 or any(label is None for _, label in named):
        return []
    columns = [(cell, label) for cell, label in named if label and label[0] in ("field", "funds")]
    cells = [cell for cell in below.cells if cell.text.strip()]
    figures = figures_under([cell.text for cell in cells],
                            lambda text: _cell_label(text) is not None or flat(text) in _total_words(), len(columns))
    if figures is None:
        return []
    return [ColumnField(label[1], cell, [cells[at]], label[2]) for (cell, label), at in zip(columns, figures)
            if label and label[0] == "field"]


def figures_under(row: list[str], is_label: Callable[[str], bool], columns: int) -> list[int] | None:
    """Where a row printed under `columns` labels side by side holds their figures (资金总额 12580.35 2836.7;
    合计 85 83.6 92.4 under 上年度预算安排 | 上年度实际执行 | 本年度申请金额): exactly one figure for each
    label, the cells before them the row's own labels. The figures' places in the row, or None."""
    figures = [at for at, text in enumerate(row) if parse_decimal(text.rstrip("%％")) is not None]
    if not columns or len(figures) != columns or not all(map(is_label, row[: len(row) - len(figures)])):
        return None
    return figures


@lru_cache(maxsize=4096)  # every cell of every pair of ruled rows asks, some cells many times
def _cell_label(text: str) -> tuple[str, str, str | None] | None:
    """(kind, key, printed unit) of a cell that prints a label and nothing else; a funds source is
    a label of kind funds."""
    match = _LABEL_CELL.match(text.strip())
    if match is None:
        return None
    found = _label_cells().get(flat(match["label"]))
    return (*found, match["suffix"]) if found else None


@cache
def _label_cells() -> dict[str, tuple[str, str]]:
    cells: dict[str, tuple[str, str]] = {}
    for label in labels():
        if label.needle is not None:
            cells.setdefault(label.needle, (label.kind, label.key))
    for source in knowledge()["funds"]["sources"]:
        cells.setdefault(flat(source), ("funds", source))
    return cells


def same_column(header: Cell, cell: Cell) -> bool:
    """Whether a cell sits under a header cell: their boxes overlap, or (no boxes) the same grid column."""
    if header.where.bbox and cell.where.bbox:
        return min(header.where.bbox[2], cell.where.bbox[2]) - max(header.where.bbox[0], cell.where.bbox[0]) > 0
    return header.col is not None and header.col == cell.col
