"""Plain text that another tool pulled out of a form (.txt, .md) -> the shared Line/Cell structure.

What other extractors write, and what is undone here:
- the encoding: UTF-8 (BOM or not), UTF-16 LE/BE, GB18030/GBK, Big5, told by ``extract.encoding``;
- form feeds (pdftotext) end pages: every line after the n-th feed is on page n + 1;
- ``pdftotext -layout``: tables rebuilt as grid rows, labels gathered back to the values centred
  beside them, side labels folded (``extract.columns``, ``extract.layout_tables``); ``-raw``: a label
  printed downwards, one character per line, folded back into one, wrapped cells joined, values
  printed apart paired with their labels where the counts agree, scored tables put back in their
  columns (``extract.rawtext``);
- an HTML page saved as text, and HTML ``<table>`` blocks inside markdown (MinerU, docling) -> the
  HTML extractor's grid lines;
- markdown headings and bold marks are dropped; HTML checkboxes ``<input checked="" type="checkbox"/>``
  become ☑ / ☐ (seed 003), other tags and entities are dropped (seed 004's ``<p>``); LaTeX math
  ``$\\geq 88\\%$`` becomes ``≥88%`` (seed 003);
- comma-separated rows (a sheet saved as CSV, tabula's or camelot's export: ``extract.separated``);
- tab-separated rows (seeds 003, 004), markdown pipe rows and web text with ``|`` between cells are
  grid lines whose fields keep their column index, empty cells included: an empty cell still holds
  its column (realdev selfeval_04: ``330.34 | — | ||||``);
- web text with one cell per line ending `` |`` and rows closed by a run of bare pipes (realdev
  target_01), or one cell per paragraph with empty cells as a lone no-break space (selfeval_08): every
  cell one grid line of its own, empty ones too, since the page does not say where rows end;
- every other line is a flowed line split on spaces (seeds 000-002); blank lines are dropped; line
  numbers are kept.
"""

from __future__ import annotations

import csv
import html
from collections import Counter
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import regex

from extract.encoding import Decoded, decode_text
from extract.errors import InputError
from extract.structured import shown
from models import Cell, Line, Where
from normalize.numbers import as_digits, misread_figures, unmisread
from normalize.text import join_lines

_CHECKED_INPUT = regex.compile(r"<input\b(?=[^>]*\bchecked\b)[^>]*>", regex.I)
_INPUT = regex.compile(r"<input\b[^>]*>", regex.I)
_TAG = regex.compile(r"</?[a-zA-Z][^>]*>")
_LATEX_MATH = regex.compile(r"\$([^$\n]{1,200})\$")
_LATEX_SYMBOLS = {
    r"\geq": "≥", r"\ge": "≥", r"\leq": "≤", r"\le": "≤", r"\neq": "≠", r"\times": "×",
    r"\%": "%", r"\sim": "~", r"\pm": "±", r"\cdot": "·", r"\,": "", r"\ ": "",
}
_LATEX_COMMAND = regex.compile(r"\\[a-zA-Z]+|[{}]")
# headings, and bold marks in pairs (MinerU: **项目名称**); a lone ** is printed text (≥**个, a template's blank)
_MARKDOWN_MARKS = regex.compile(r"^\s{0,3}#{1,6}\s+|\*\*(?=[^*\s][^*]*\*\*)|(?<=\*\*[^*]*[^*\s])\*\*")
_MARKDOWN_RULE = regex.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HTML_PAGE = regex.compile(r"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html)\b", regex.I | regex.S)
_TABLE_OPEN = regex.compile(r"<table\b", regex.I)
_TABLE_CLOSE = regex.compile(r"</table\s*>", regex.I)
_PIPES = regex.compile(r"^\s*\|+\s*$")
_CELL_LINE = regex.compile(r"\s\|\s*$")  # one web cell on its line: "项目名称 |"
_CLOSING_BARS = regex.compile(r"\s*\|+\s*$")
_NBSP_ONLY = regex.compile(r"^[\u00a0\u3000]+$")  # an empty Word cell pasted into a page


@dataclass(frozen=True)
class RawLine:
    """One line of the file as printed: its 1-based number, its page (from form feeds) and its text."""

    number: int
    page: int | None
    text: str
    label: bool = False  # a label folded back from a side column (extract.columns)
    cells: tuple[str, ...] = ()  # the row's cells, where extract.columns rebuilt them
    parts: tuple[str, ...] = ()  # a cell joined from wrapped lines, cut where the join is in doubt (extract.rawtext)


def read_text_file(path: Path) -> str:
    """Decode a text file, refusing what is not text (binary junk, an empty file, an unknown encoding)."""
    return read_decoded(path).text


def read_decoded(path: Path) -> Decoded:
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path}: the file is empty.")
    decoded = decode_text(data, str(path))
    if not decoded.text.strip():  # UTF-16 blanks are not blank bytes
        raise InputError(f"{path}: the file is empty.")
    return decoded


def encoding_notes(decoded: Decoded) -> list[str]:
    """What a reviewer should know about the encoding: Big5 is traditional Chinese, and the forms'
    wording (parsers/forms.toml) is simplified, so its labels and titles may not be recognised."""
    if decoded.encoding != "big5":
        return []
    return ["the text is Big5 (traditional characters), read as printed; form labels are matched in "
            "simplified characters, so traditional ones (績效目標表) may not be recognised"]


def text_to_lines(text: str) -> list[Line]:
    """Every printed line or table row as a Line, in file order."""
    return read_text_lines(text)[0]


def read_text_lines(text: str) -> tuple[list[Line], list[str]]:
    """The lines, and what a reviewer should know of how they were read (values pdftotext -raw
    printed apart from their labels that could not be paired with them)."""
    lines, notes, _ = read_text_readings(text)
    return lines, notes


def read_text_readings(text: str) -> tuple[list[Line], list[str], list[Line] | None]:
    """read_text_lines's lines and notes, and for a text spaced into columns (read as -layout text) its
    lines read as rows apart by spaces: text typed or converted with runs of spaces is not aligned as
    pdftotext aligns it, and only the forms read from both tell which it is."""
    text = shown(text)  # zero-width spaces inside labels (项​目​名​称) and figures (5​60.00) print nothing
    if _HTML_PAGE.match(text):
        from extract.html import html_to_lines

        return html_to_lines(text), [], None
    raw, letters = _letters_unspaced(_page_breaks_dropped(split_lines(text)))
    raw, unspaced = _thousands_unspaced(_labels_unspaced(raw))
    raw, unmisread_notes = _digits_unmisread(raw)
    repaired = letters + unspaced + unmisread_notes
    if (drawn := _box_drawn(raw)) is not None:
        return *drawn, None
    from extract.separated import csv_rows

    if (rows := csv_rows(raw)) is not None:
        return rows, repaired, None
    from extract.columns import is_layout_text, layout_to_lines

    if is_layout_text(raw):
        return layout_to_lines(raw, _plain_lines), repaired, _rows_read(raw)[0]
    lines, notes = _rows_read(raw)
    return lines, repaired + notes, None


# a figure an OCR printed with a space between its thousands (≥1 200万元): after an operator it is one figure,
# and so is a figure on the same line in the same unit (1 260万元); a bare 10 100人次 may be two cells
_SPACED = r"(?P<head>\d{1,3}) (?P<tail>[\dlIoO〇]{3}(?:\.\d+)?)(?P<unit>[\p{Han}/]{1,4})"
_SPACED_AFTER_OPERATOR = regex.compile(rf"(?P<op>[≥≤＞＜>]=?){_SPACED}")
_SPACED_FIGURE = regex.compile(rf"(?<![\d.]){_SPACED}")


def _thousands_unspaced(raw: list[RawLine]) -> tuple[list[RawLine], list[str]]:
    """The lines with figures an OCR spaced at their thousands joined (≥1 200万元 | 1 260万元), and a note of
    each line so read."""
    out, notes = [], []
    for line in raw:
        units = {found["unit"] for found in _SPACED_AFTER_OPERATOR.finditer(line.text)}
        if not units:
            out.append(line)
            continue
        text = _SPACED_AFTER_OPERATOR.sub(lambda found: "".join(found.group("op", "head", "tail", "unit")), line.text)
        text = _SPACED_FIGURE.sub(partial(_joined_in, units), text)
        notes.append(f"line {line.number}: figures printed with a space at their thousands read as one figure")
        out.append(replace(line, text=text))
    return out, notes


# a page break flattened into a line: the page's number, the next page's running header, its number
# (… 100% - 1 - 赤峰市松山区农牧局2021年项目支出绩效目标表 - 2 - 时效指标 …)
_PAGE_BREAK = regex.compile(r"(?<!\S)-\s*(?P<page>\d{1,3})\s*-\s+(?:\S{1,60}\s+)?-\s*(?P<next>\d{1,3})\s*-(?!\S)")


def _page_breaks_dropped(raw: list[RawLine]) -> list[RawLine]:
    """The lines without the page breaks a flattened text carries inside them (numbers that follow each other)."""
    def dropped(found: regex.Match[str]) -> str:
        return " " if int(found["next"]) == int(found["page"]) + 1 else found.group()

    return [replace(line, text=_PAGE_BREAK.sub(dropped, line.text)) if "-" in line.text else line for line in raw]


def _joined_in(units: set[str], found: regex.Match[str]) -> str:
    return "".join(found.group("head", "tail", "unit")) if found["unit"] in units else found.group()


def _digits_unmisread(raw: list[RawLine]) -> tuple[list[RawLine], list[str]]:
    """A note of each line whose figures hold an OCR's letters for digits (l5, 9〇%, 2O23): the values are read
    in the digits they stand for (normalize.numbers.unmisread), their raw stays as printed, and the reviewer
    sees the repair, not a silent guess. A line of cells glued with no space between them (保障人数l02370人) is
    read in digits already: its cells are cut where figures start and end."""
    out, notes = [], []
    for line in raw:
        if changed := misread_figures(line.text):
            notes.append(f"line {line.number}: {'、'.join(changed)} read as digits (letters an OCR prints for them)")
            if _GLUED_RUN.fullmatch(line.text.strip()):
                line = replace(line, text=_LETTERS_FIRST.sub(lambda found: unmisread(found.group()), line.text))
            else:  # 10 and 100 apart from other figures (46.3万亩lO lO开展…): no cut is left to the reader
                line = replace(line, text=_LOOKALIKE_TENS.sub(lambda found: as_digits(found.group()), line.text))
        # a level's points in brackets ((5O分), (lO分)) are a label's, no value's: read in digits
        if (points := _POINTS_NOTE.sub(lambda found: as_digits(found.group()), line.text)) != line.text:
            notes.append(f"line {line.number}: points in brackets read as digits (letters an OCR prints for them)")
            line = replace(line, text=points)
        out.append(line)
    return out, notes


_GLUED_RUN = regex.compile(r"\S{30,}")
# 10 or 100 printed in look-alike letters with no figure or letter beside them (an OCR's lO lO, lOO)
_LOOKALIKE_TENS = regex.compile(r"(?<![A-Za-z\d.])[lI][oO〇]{1,2}(?![A-Za-z\d.])")
# points in brackets holding an OCR's letters for digits: (5O分), (l0分), (IO分)
_POINTS_NOTE = regex.compile(r"(?<=[（(]\s*)(?=[\dlIoO〇.]*[oO〇lI])(?:[\dlI][\dlIoO〇]*(?:\.\d+)?)(?=\s*分\s*[)）])")
# a figure opening with two look-alike letters is left as printed in a glued run: IO10 may be 10 | 10
_LETTERS_FIRST = regex.compile(r"(?<![A-Za-z])(?:(?![lIoO〇]{2})[\dlIoO〇]*\d[\dlIoO〇]*(?:\.[\dlIoO〇]+)?"
                               r"|[lIoO〇]\.\d+)(?![A-Za-z])")


def _box_drawn(raw: list[RawLine]) -> tuple[list[Line], list[str]] | None:
    """A text holding tables drawn with box characters (a text browser's dump of a web page): each table read
    by its rules and bars (extract/boxes.py), the text between as rows; None where no table is so drawn."""
    from extract.boxes import box_table_lines, is_box_line, is_box_table, opens_ascii_frame

    runs: list[tuple[list[RawLine], bool]] = []  # the lines in runs of boxed and unboxed lines
    ascii_frame = False
    for line in raw:
        ascii_frame = opens_ascii_frame(line.text) or ascii_frame and is_box_line(line.text, True)
        boxed = is_box_line(line.text, ascii_frame)
        if runs and runs[-1][1] == boxed:
            runs[-1][0].append(line)
        else:
            runs.append(([line], boxed))
    parts = [([(line.number, line.text) for line in lines], lines, boxed) for lines, boxed in runs]
    tables = [boxed and is_box_table(numbered) for numbered, _, boxed in parts]
    if not any(tables):
        return None
    out: list[Line] = []
    notes: list[str] = []
    for (numbered, lines, _), table in zip(parts, tables):
        if table:
            out += box_table_lines(numbered, lines[0].page)
        else:
            read, said = _rows_read(lines)
            out += read
            notes += said
    return out, notes


_QUOTED_LINES = 12  # lines one quoted cell may run over


def _quoted_cells_joined(raw: list[RawLine]) -> list[RawLine]:
    """Tab rows copied from a spreadsheet, where a cell holding line breaks is quoted and runs over the lines
    after it ("1.完成42处…；\n2.…。"): each such row one row of cells, the quotes dropped. A row is joined only
    where the quote left open on its line closes as a spreadsheet's quoting closes (a "三公" inside a cell is
    no quoting)."""
    out: list[RawLine] = []
    index = 0
    while index < len(raw):
        line = raw[index]
        found = _quoted_row(raw, index) if "\t" in line.text and '"' in line.text else None
        if found is None:
            out.append(line)
            index += 1
            continue
        end, fields = found
        cells = tuple(join_lines(field.split("\n")) for field in fields)
        out.append(RawLine(line.number, line.page, "\t".join(cells), cells=cells))
        index = end + 1
    return out


def _quoted_row(raw: list[RawLine], index: int) -> tuple[int, list[str]] | None:
    """(its last line, its fields) of the row opening at `index` with a quoted cell left open there; None where
    the line's own quotes close (or are no quoting) or none of the next lines closes it."""
    if _fields(raw[index].text) is not None:
        return None
    text = raw[index].text
    for end in range(index + 1, min(index + _QUOTED_LINES, len(raw))):
        text += "\n" + raw[end].text
        if (fields := _fields(text)) is not None:
            return end, fields
    return None


def _fields(text: str) -> list[str] | None:
    """A tab row's fields under a spreadsheet's quoting; None where a quoted cell is left open."""
    try:
        return next(csv.reader([text], delimiter="\t", strict=True), [])
    except csv.Error:
        return None


_TAB_TABLE = 5  # cells of a tab table's row, at the least, whose cells' line breaks are joined back


def _tab_breaks_joined(raw: list[RawLine]) -> list[RawLine]:
    """Tab rows copied with a cell's line break printed as is (Excel unquoted, a Word table): a row under merged
    cells with fewer cells than the table's, its last cell cut, goes on at the next line's first cell ( | | 可持续影响
    指标 | 市场长效管理 / 制度建立情况 | 建立 | 已建立 | 15 | 15): joined where the two lines make exactly one row of
    the table's width (the width most of its rows of five cells or more print: a form's label rows, 项目名称 | X, may
    be as many, and are narrower). A row printing its first cell (a label's row, a funds row) is never taken for a
    cut one: its next line may be a row of its own that fits."""
    widths = Counter(width for line in raw if not line.cells and (width := line.text.count("\t") + 1) >= _TAB_TABLE)
    if not widths:
        return raw
    width = widths.most_common(1)[0][0]
    out: list[RawLine] = []
    for line in raw:
        above = out[-1] if out else None
        if above is not None and not above.cells and not line.cells and _cut_row(above.text, line.text, width):
            fields = above.text.split("\t")
            rest = line.text.split("\t")
            joined = "\t".join([*fields[:-1], join_lines([fields[-1], rest[0]]), *rest[1:]])
            out[-1] = RawLine(above.number, above.page, joined)
            continue
        out.append(line)
    return out


def _cut_row(above: str, text: str, width: int) -> bool:
    """A table row under merged cells (its first cell empty) cut at its last cell, the next line its rest."""
    cells, following = above.count("\t") + 1, text.count("\t") + 1
    return 2 <= cells < width and cells + following - 1 == width and not above.split("\t")[0].strip() \
        and bool(_HAN.search(above.split("\t")[-1])) and bool(text.split("\t")[0].strip())  # words cut, no —


def _rows_read(raw: list[RawLine]) -> tuple[list[Line], list[str]]:
    """The lines of a text read as printed rows: labels printed downwards folded, a -raw text's cells
    paired, one cell per line gathered."""
    from extract.columns import fold_vertical_lines
    from extract.rawtext import is_raw_text, join_figure_rows, join_labels, join_wrapped, pair_deferred, table_rows

    raw, notes = fold_vertical_lines(_tab_breaks_joined(_quoted_cells_joined(raw))), []
    if is_raw_text(raw) and not _boxed(raw):
        raw, notes = pair_deferred(join_labels(raw))
        raw, filled = table_rows(join_figure_rows(join_wrapped(raw)))
        notes += filled
    if _is_cell_per_line(raw):
        return [line for line in (_cell_line(row) for row in _wrapped_cells_joined(raw)) if line], notes
    return _plain_lines(raw), notes


# a word printed one character at a time, spaces between (项 目 名 称, 单  位), its unit note spaced too
# (项 目 资 金 （ 万 元 ）): a label spread to a width
_SPACED_WORD = regex.compile(r"(?<![^\s（(])\p{Han}(?:[ \u3000]{1,3}\p{Han}){1,7}"
                             r"(?:[ \u3000]{0,3}[（(](?:[ \u3000]{0,3}\p{Han}){1,4}[ \u3000]{0,3}[)）])?"
                             r"(?![^\s）):：])")


_BOXED_SHARE = 0.15  # blank lines among a text's lines: pdfminer parts its text boxes so (a quarter and more),
# pdftotext -raw prints none but at its page ends (a hundredth)


def _boxed(raw: list[RawLine]) -> bool:
    """A PDF's text printed box by box, a blank line after each (pdfminer): a box holds one cell wrapped or a
    whole column of cells one a line, which no width tells apart; its lines are read as printed."""
    return sum(not line.text.strip() for line in raw) >= _BOXED_SHARE * len(raw)


# two characters side by side with one space between them, and with none
_ONE_SPACE_APART = regex.compile(r"(?<=[\p{Han}\d％%．.，。、（）()])[ \u3000](?=[\p{Han}\d％%．.，。、（）()])")
_SIDE_BY_SIDE = regex.compile(r"(?<=\p{Han})(?=\p{Han})")
_LETTER_SPACED = 3  # one space apart this many times more often than side by side: the whole text is letter-spaced
_FEWEST_SPACED = 20
_CELLS_APART = regex.compile(r"\S(?:[ \u3000]{2,}|\t)\S")  # cells apart by a wider run than the letters
_FEWEST_CELL_GAPS = 5
_LETTER_GAP = regex.compile(r"(?<=\S)[ \u3000](?=\S)")  # one space between two printed characters


def _letters_unspaced(raw: list[RawLine]) -> tuple[list[RawLine], list[str]]:
    """A text printed letter-spaced throughout (a space between every character: a PDF's letter-spaced font
    as a converter prints it, 项 目 名 称    芦 淞 区 …), its cells apart by wider runs: the single spaces dropped,
    the runs kept, and a note saying so. A text whose characters stand mostly side by side is as printed."""
    text = "\n".join(line.text for line in raw)
    spaced = len(_ONE_SPACE_APART.findall(text))
    if spaced < _FEWEST_SPACED or spaced < _LETTER_SPACED * len(_SIDE_BY_SIDE.findall(text)) \
            or len(_CELLS_APART.findall(text)) < _FEWEST_CELL_GAPS:
        return raw, []  # as printed; an OCR's text one space between all (tesseract) is cut by its labels
    return ([replace(line, text=_LETTER_GAP.sub("", line.text)) for line in raw],
            [f"the text is letter-spaced ({spaced} characters one space apart): single spaces dropped, "
             "wider runs kept as the cells' separators"])


def _labels_unspaced(raw: list[RawLine]) -> list[RawLine]:
    """Labels printed letter-spaced (项 目 名 称) joined back (项目名称), padded to their width so that the
    columns after them stay where they were printed; a spaced run that is no word of the templates (a
    sentence's single characters) is left as printed."""
    from parsers.tokens import classify  # the forms' wording lives with the parsers' data

    def joined(found: regex.Match[str]) -> str:
        word = found.group().replace(" ", "").replace("\u3000", "")  # letter-spaced with ASCII or ideographic spaces
        return word + " " * (len(found.group()) - len(word)) if classify(word)[0] != "value" else found.group()

    return [replace(line, text=_SPACED_WORD.sub(joined, line.text)) if " " in line.text or "\u3000" in line.text
            else line for line in raw]


def split_lines(text: str) -> list[RawLine]:
    """The file's lines with their numbers and, where the text has form feeds, their pages."""
    paged = "\f" in text
    page, lines = 1, []
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        page += raw.count("\f")
        raw = raw.replace("｜", "|") if raw.count("｜") >= 2 else raw  # cells apart by the full-width bar
        lines.append(RawLine(number, page if paged else None, raw.replace("\f", "")))
    return lines


def _bars(text: str) -> tuple[int, ...]:
    """Where a row's bars stand, in printed half-width columns."""
    from extract.rawtext import width

    return tuple(width(text[:at]) for at, char in enumerate(text) if char == "|")


def _wrapped_rows_joined(raw: list[RawLine]) -> list[RawLine]:
    """A table typed to fixed widths (antiword, a plain-text grid) wraps a cell's text onto the row under it,
    every other cell of that row left blank: |项目名称 |泽州县农村饮水安全巩| over |         |固提升工程     |.
    A row is such a rest where its bars stand where the row above's do and each of its printed cells sits under
    a cell the row above filled to its bar (a cell not filled ended its text there: 资金总额：1,086.40 over
    其中：… are two lines of one merged cell, kept apart)."""
    out: list[RawLine] = []
    bars: tuple[int, ...] = ()  # where the bars of the last row read stand
    filled: set[int] = set()  # the cells of out[-1] whose last piece reached its bar
    for line in raw:
        cells, row_bars = line.text.rstrip().split("|"), _bars(line.text.rstrip())
        printed = {at for at, cell in enumerate(cells) if cell.strip()}
        padded = any(len(cell) >= _BAR_SLACK and not cell.strip() for cell in cells[1:-1])  # typed to a width
        if out and len(row_bars) > 2 and padded and _aligned(row_bars, bars) and printed and printed <= filled:
            above = out[-1].text.split("|")
            out[-1] = replace(out[-1], text="|".join(top.rstrip() + cell.strip() for top, cell in zip(above, cells)))
            filled = (filled - printed) | {at for at in printed if _fills(cells[at])}
            continue
        out.append(line)
        bars, filled = row_bars, {at for at in printed if _fills(cells[at])} if len(row_bars) > 2 else set()
    return out


_BAR_SLACK = 2  # half-width columns a bar may stand apart from the row above's: ≥ typed one column wide or two


def _aligned(bars: tuple[int, ...], above: tuple[int, ...]) -> bool:
    return len(bars) == len(above) and all(abs(one - other) <= _BAR_SLACK for one, other in zip(bars, above))


def _fills(cell: str) -> bool:
    """A fixed-width cell whose text runs from its bar to its bar (half a wide character's column left at most;
    a markdown cell is spaced from both)."""
    from extract.rawtext import width

    return not cell.startswith(" ") and width(cell) - width(cell.rstrip()) <= 1


def _cell_breaks_joined(raw: list[RawLine]) -> list[RawLine]:
    """A web row whose cell held a line break, copied as two lines: the row opens with a bar as the row above
    does (| 效益指标 | 社会效益指标 | 基层医疗机构门诊量较上年), and the next line opens with none though it holds
    cells (增长率 | ≥5% | 10 | 6.2% | 10 |): one row, its cell joined. Where the rows close with a bar, the first
    line does not and the second does; where they do not, the line after the two opens with a bar again."""
    out: list[RawLine] = []
    for index, line in enumerate(raw):
        text = line.text.strip()
        after = raw[index + 1].text if index + 1 < len(raw) else "|"
        if len(out) >= 2 and _opening(out[-1].text) and _opening(out[-2].text) and _is_pipe_row(out[-2].text.strip()) \
                and not _opening(text) and "|" in text and _rest_of_row(out[-2].text, out[-1].text, text, after):
            out[-1] = replace(out[-1], text=out[-1].text.rstrip() + text)
            continue
        out.append(line)
    return out


def _rest_of_row(above: str, row: str, text: str, after: str) -> bool:
    """Whether `text` goes on `row`: each holds fewer cells than the row above (a full row is no half of one)."""
    if row.count("|") >= above.count("|") or text.count("|") >= above.count("|"):
        return False
    if _closed(above):
        return not _closed(row) and _closed(text)
    return not _closed(row) and not _closed(text) and _opening(after)


def _closed(text: str) -> bool:
    return text.rstrip().endswith("|")


def _opening(text: str) -> bool:
    return text.lstrip().startswith("|")


def _plain_lines(raw: list[RawLine]) -> list[Line]:
    raw = _cell_breaks_joined(_wrapped_rows_joined(raw))
    lines: list[Line] = []
    opened = _rows_opened(raw)
    index = 0
    while index < len(raw):
        line = raw[index]
        if _TABLE_OPEN.search(line.text):
            end = _table_end(raw, index)
            lines += _html_table(raw[index : end + 1])
            index = end + 1
            continue
        index += 1
        if _MARKDOWN_RULE.match(line.text):
            continue
        if line.cells:
            lines.append(grid_line([_undo_markup(cell) for cell in line.cells], where_of(line), line.page))
            continue
        clean = _undo_markup(line.text)
        if clean.strip():
            lines.append(_to_line(clean, line, opened))
    return _spans_emptied(lines)


_HAN = regex.compile(r"\p{Han}")
_FILLED_RUN = 3  # identical cells side by side that only a merged cell copied into each column prints
_ROW_LABEL_REACH = 2  # where a row's first value cells start: after its label and a label merged down beside it
_CLAUSE_MARK = regex.compile(r"[，。；]")  # a sentence's: a note merged over the last two columns, never a figure


def _spans_emptied(lines: list[Line]) -> list[Line]:
    """A table whose merged cells a converter copied into every column and row they span (pandas.read_html,
    a "fill spans" export: | 项目名称 | X | X | X |, 项目资金（万元） on each of its rows): each copy is emptied, as
    the merged cell prints. Read so only where a row shows it (a run of three or more identical cells); then a
    run of two is a copy only where it opens the row's values (target | actual and 分值 | 得分 may agree), and a
    row's first cell one that repeats the first cell of the row above."""
    if not any(_longest_run(line) >= _FILLED_RUN for line in lines if line.layout == "grid"):
        return lines
    above: list[Line | None] = [None, *lines]
    return [_copies_emptied(line, row_above if row_above is not None and row_above.layout == "grid" else None)
            if line.layout == "grid" else line for row_above, line in zip(above, lines)]


def _runs(texts: list[str]) -> list[tuple[int, int]]:
    """(start, length) of each run of identical cells of words (a dash or a figure repeats for itself)."""
    runs, start = [], 0
    for at in range(1, len(texts) + 1):
        if at == len(texts) or texts[at] != texts[start]:
            if len(_HAN.findall(texts[start])) >= 2:
                runs.append((start, at - start))
            start = at
    return runs


def _longest_run(line: Line) -> int:
    return max((length for _, length in _runs([cell.text for cell in line.cells])), default=0)


def _copies_emptied(line: Line, above: Line | None) -> Line:
    texts = [cell.text for cell in line.cells]
    for start, length in _runs(texts):
        last = start + length == len(texts) and _CLAUSE_MARK.search(texts[start])
        if length >= _FILLED_RUN or (length == 2 and (start <= _ROW_LABEL_REACH or last)):
            texts[start + 1 : start + length] = [""] * (length - 1)
    if above is not None and texts and above.cells and texts[0] == above.cells[0].text:
        texts[0] = ""
    return line.model_copy(update={"cells": tuple(cell.model_copy(update={"text": text})
                                                  for cell, text in zip(line.cells, texts))})


def _table_end(raw: list[RawLine], start: int) -> int:
    for index in range(start, len(raw)):
        if _TABLE_CLOSE.search(raw[index].text):
            return index
    return len(raw) - 1


def _html_table(block: list[RawLine]) -> list[Line]:
    """An HTML table inside markdown: the HTML extractor's rows, pointed at this file's lines."""
    from extract.html import html_to_lines

    first = block[0]
    lines = html_to_lines("\n".join(_latex_undone(line.text) for line in block))  # MinerU: <td>$\geq 95\%$</td>
    return [Line(cells=tuple(cell.model_copy(update={"where": cell.where.model_copy(
        update={"line": first.number, "page": first.page})}) for cell in line.cells),
        layout=line.layout, page=first.page) for line in lines]


def _undo_markup(raw: str) -> str:
    text = _CHECKED_INPUT.sub("☑", raw)
    text = _INPUT.sub("☐", text)
    text = _TAG.sub("", text)
    text = _MARKDOWN_MARKS.sub("", text)
    return html.unescape(_latex_undone(text))


def _latex_undone(text: str) -> str:
    return _LATEX_MATH.sub(lambda m: _latex_to_text(m.group(1)), text)


def _latex_to_text(math: str) -> str:
    for command in sorted(_LATEX_SYMBOLS, key=len, reverse=True):
        math = math.replace(command, _LATEX_SYMBOLS[command])
    return _LATEX_COMMAND.sub("", math).replace(" ", "")


def where_of(line: RawLine) -> Where:
    return Where(method="text-input", line=line.number, page=line.page)


def _rows_opened(raw: list[RawLine]) -> bool:
    """Whether the text's rows open with a bar, as markdown's all do (| a | b |); where some do not (web
    text: a | b |), a row that does opens with an empty first cell (| 产出指标 | … under a merged 绩效指标)."""
    rows = [text for line in raw if _is_pipe_row(text := line.text.strip())]
    return sum(text.startswith("|") for text in rows) >= 0.9 * len(rows)


def _to_line(text: str, source: RawLine, opened: bool) -> Line:
    where = where_of(source)
    stripped = text.strip()
    if _is_pipe_row(stripped):
        return grid_line(_pipe_fields(stripped, opened), where, source.page)
    if "\t" in text:
        return grid_line([field.strip() for field in text.rstrip("\r\n").split("\t")], where, source.page)
    # a row of one cell closed by its bar or by the bars of its empty cells (转移支付区域（项目）绩效自评表 |, 项目支出
    # 绩效自评表 ||||||): the bars are no words of the line
    cells = tuple(Cell(text=token, where=where) for token in _CLOSING_BARS.sub("", text).split())
    return Line(cells=cells, layout="flow", page=source.page)


def _is_pipe_row(text: str) -> bool:
    """A markdown row (| a | b |), a web row with | between its cells (a | b | ||||), or cells joined by bare
    |s (项目名称|农村…, a|b|c: at least two of them printed)."""
    if text.count("|") >= 2 and (text.startswith("|") or " | " in text or text.endswith(" |")):
        return True
    return "|" in text and sum(bool(field.strip()) for field in text.split("|")) >= 2


# what pandas prints for an empty cell, and for a header it made up (markitdown of a sheet): no text of the form
_PANDAS_EMPTY = regex.compile(r"NaN|nan|NaT|None|Unnamed: \d+")


def _pipe_fields(text: str, opened: bool) -> list[str]:
    fields = [field.strip() for field in text.split("|")]
    fields = ["" if _PANDAS_EMPTY.fullmatch(field) else field for field in fields]
    if text.startswith("|") and opened:
        fields = fields[1:]
    if text.endswith("|"):
        fields = fields[:-1]
    return fields


def grid_line(fields: list[str], where: Where, page: int | None = None) -> Line:
    # empty fields are kept: an empty first column is a merged cell the parser fills down, and an
    # empty cell between two others holds their columns apart; only trailing ones carry nothing
    while fields and not fields[-1]:
        fields.pop()
    cells = tuple(Cell(text=field, where=where, col=col) for col, field in enumerate(fields))
    return Line(cells=cells, layout="grid", page=page)


def _is_cell_per_line(raw: list[RawLine]) -> bool:
    """Web text with one table cell per line (realdev target_01, selfeval_12, selfeval_08): most
    printed lines end in a lone pipe or are bare pipes, or every line is one paragraph between blank
    lines with no-break-space cells among them."""
    printed = [line.text for line in raw if line.text.strip(" \t")]
    if len(printed) < 10:
        return False
    celled = sum(bool(_CELL_LINE.search(text) or _PIPES.match(text)) for text in printed)
    if celled >= 0.5 * len(printed) and not any(" | " in text.rstrip(" |") for text in printed):
        return True
    return any(_NBSP_ONLY.match(text) for text in printed) and _paragraphs_only(raw)


def _wrapped_cells_joined(raw: list[RawLine]) -> list[RawLine]:
    """One web cell a line, a cell's text wrapped over lines joined: in paragraph text (a blank line between cells)
    the lines of one paragraph. The page's opening lines, before its first blank line, are its site header and
    title, each a line of its own."""
    if not _paragraphs_only(raw):
        return raw
    texts = [line.text.strip(" \t") for line in raw]
    opening = next((index for index, text in enumerate(texts) if not text), len(texts))
    out: list[RawLine] = list(raw[:opening])
    pending: list[RawLine] = []
    for index in range(opening, len(raw)):
        line = raw[index]
        ends_cell = not texts[index] or index + 1 == len(raw) or not texts[index + 1]
        pending.append(line)
        if ends_cell:
            out.append(pending[0] if len(pending) == 1 else
                       replace(pending[0], text=join_lines([piece.text.strip() for piece in pending])))
            pending = []
    return out


def _paragraphs_only(raw: list[RawLine]) -> bool:
    """Every printed line stands alone between blank lines, as a Word table pasted into a page."""
    texts = [line.text.strip(" \t") for line in raw]
    alone = sum(1 for index, text in enumerate(texts)
                if text and (index == 0 or not texts[index - 1]) and (index + 1 == len(texts) or not texts[index + 1]))
    return alone >= 0.6 * sum(1 for text in texts if text)


def _cell_line(source: RawLine) -> Line | None:
    """One web cell: its text without the closing pipe; a no-break space alone is an empty cell."""
    text = _undo_markup(source.text)
    if not text.strip(" \t") or text.count("|") > 1 and _PIPES.match(text):
        return None  # a blank line, or the run of bare pipes that closes a row
    cell = regex.sub(r"\s*\|\s*$", "", text).strip()
    return Line(cells=(Cell(text=cell, where=where_of(source), col=0),), layout="grid", page=source.page)
