"""Read a form from its token stream: for layouts whose printed lines no longer hold the table.

The form is read by what each token is, not by where it sits: a field label takes the values after
it; a run of funds column headers opens the funds block, whose rows start at their source labels; a
run of indicator column headers opens the indicator table, whose rows are cut at the level labels
and at each new name, the values after a name filling the header's columns. Where the rows were
printed one per line that line is the row; where cells were kept empty their place is kept; where
neither survives (a whole form on one line) the cells' kinds decide, and the doubt is flagged.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache
from itertools import groupby, takewhile
from typing import TYPE_CHECKING

import regex

from models import FundRow, Indicator, Task
from normalize.numbers import not_a_number, parse_decimal, parse_money, parse_points
from normalize.patterns import compiled
from normalize.text import join_lines
from normalize.values import parse_value
from parsers.blocks import cell_extent, fund_number, rate_as_percent, source_name, unheld_column
from parsers.fields import MONEY_FIELDS, TEXT_FIELDS, amounts_note, amounts_note_inside, figures_under, read_field
from parsers.glued_names import cut_glued_names
from parsers.glued_row import (
    TARGET_PARTS,
    cut_funds_run,
    cut_glued_row,
    cut_horizons_row,
    cut_ordered_row,
    cut_standard_row,
    cut_target_row,
    cut_target_rows,
    cut_target_weight_rows,
    cut_weight_target_rows,
    holds_value,
    is_date,
    is_unit,
    points_run,
    trailing_date,
    value_ends,
    value_words,
)
from parsers.glued_rows import (
    ROW_NUMBER,
    Piece,
    chunk_lines,
    cut_rows,
    misread_level,
    opens_cell,
    pointed_word,
    strip_chunk_marker,
)
from parsers.indicators import actual_text, by_horizon, target_text
from parsers.knowledge import column_named, knowledge
from parsers.segment import REPRINTED_LINES
from parsers.stream import where_of
from parsers.table import described, names_sub_columns, sub_row_spanned
from parsers.templates import is_instruction
from parsers.tokens import (
    Token,
    canonical,
    classify,
    compact,
    compound_level,
    holds_other_cells,
    level_label,
    split_form_run,
    without_guidance,
)
from parsers.tokens import _split_text as split_text

if TYPE_CHECKING:
    from parsers.form import FormParse

_PLACEHOLDER = compiled(r"^[—\-–/／\\]+$|^无$")
_PLACEHOLDER_NAME = regex.compile(knowledge()["values"]["placeholder_name"])
_PROSE = compiled(r"[。；;，,！]")
_SENTENCE_END = compiled(r"[。；;！!？?]")
_NOTE_LINES = 4  # lines a wrapped note may take beyond its first
_MIRROR_OPENING = 3  # characters a parallel text repeats from the first: 本项目 …
# a list's first item: 1.建设…, （一）…, 目标1:建成…
_LIST_OPENING = regex.compile(r"(?:(?:目标|任务)?[1１一][.．、:：]|[（(][1１一][)）])(?=\p{Han})")
# token texts are width-folded (＞ is >), so the vocabulary's operator words are all there is to match
_OPERATORS = value_words()[0]
# a value glued to the end of its indicator's name: 学生家长满意度≥90%, 覆盖率100%
_GLUED_VALUE = regex.compile(
    rf"(?P<value>(?:{_OPERATORS})?\d+(?:\.\d+)?\s*(?:%|％|[\p{{Han}}a-zA-Z/]{{1,4}})?)$"
)
# a target printed as a figure, its unit up to 元/平方米
_FIGURE = regex.compile(rf"(?:{_OPERATORS})?\d+(?:\.\d+)?\s*(?:%|％|[\p{{Han}}a-zA-Z/]{{1,6}})?")
_RUN_TOGETHER = compiled(r"[\d.,%…]+")
# figures no single cell prints: a leading zero before digits, or two decimal points
_FIGURES_RUN = compiled(r"0\d[\d.]*|\d*\.\d*\.[\d.]*")
_DIGITS = compiled(r"\d")
_HAN_PAIR = regex.compile(r"\p{Han}{2}")
_ROW_CELL_START = compiled(r"[\d/／—\-]")  # a funds row's first cell after its source: a figure or a mark
_VALUE_COLUMNS = ("target", "actual")
_LEVEL_COLUMNS = ("level1", "level2", "name")
_NUMBER_COLUMNS = ("weight", "score")
_POINTS_RUN = regex.compile(r"(?:(\d+(?:\.\d+)?)分){2,}")
# a project's name, budget and goal glued: the budget the first figure printed between words
_PROJECT_CELLS = regex.compile(r"(?P<project>[^\d]*\p{Han})(?P<budget>\d+(?:\.\d+)?)(?P<goal>\p{Han}.*)")
_LEADING_OF_ROW = compiled(r"^(?:其中|含)[:：]?")  # 其中:财政资金: a part of the total
_LEADING_POINTS = regex.compile(r"[（(]\d+(?:\.\d+)?分[)）](?=\p{Han})")
_PLACEHOLDER_OPENING = compiled(r"指标\s*\d+\s*[:：]")  # a template's numbered row: 指标2:
_BARE_UNIT = compiled(r"万?元")
_LEVEL_MAX = 12  # characters of the longest level label (服务对象满意度指标)
_LEVEL_WORD = compiled(r"(?:指标|目标)(?:[（(]\d+(?:\.\d+)?分[)）])?$|[（(]\d+(?:\.\d+)?分[)）]$")


@dataclass
class Cursor:
    tokens: list[Token]
    at: int = 0
    per_line: dict[int, int] = field(default_factory=dict)  # non-empty cells per printed line
    cut_rows: dict[int, Piece] = field(default_factory=dict)  # a row cut out of a run of several, by its token's id
    _chunks: frozenset[int] | None = None

    @property
    def chunk_lines(self) -> frozenset[int]:
        """The lines a document site's page chunks open (1、 2、 3、 …): their markers are no text."""
        if self._chunks is None:
            self._chunks = chunk_lines(self.tokens)
        return self._chunks

    def peek(self, offset: int = 0) -> Token | None:
        index = self.at + offset
        return self.tokens[index] if index < len(self.tokens) else None

    def take(self) -> Token:
        self.at += 1
        return self.tokens[self.at - 1]

    def cells_on(self, line: int) -> int:
        """How many non-empty cells a printed line holds."""
        if not self.per_line:
            for token in self.tokens:
                if token.kind != "empty":
                    self.per_line[token.line] = self.per_line.get(token.line, 0) + 1
        return self.per_line.get(line, 0)

    def position(self, token: Token) -> int:
        """Where a token taken before sits (by identity: the same text is printed many times)."""
        return next(index for index in range(self.at - 1, -1, -1) if self.tokens[index] is token)

    def skip_empty(self) -> None:
        while (token := self.peek()) is not None and token.kind == "empty":
            self.at += 1


def read_tokens(parse: FormParse, tokens: list[Token]) -> None:
    """Fill `parse` from the tokens."""
    cursor = Cursor(tokens)
    _figures_across_chunks(cursor)
    block_unit: str | None = None
    block_points: Decimal | None = None  # the points a heading prints (预算执行情况(10分)): the funds' 分值
    horizon: str | None = None  # the target set the next indicator table holds, where printed
    level_above: Token | None = None  # a 一级 label printed over the next table's header, its rows' level
    table_end, last_level1 = -1, None  # where the last indicator table ended, and its last row's 一级 label
    while (token := cursor.peek()) is not None:
        if token.kind == "horizon":
            horizon = cursor.take().key
        elif token.kind == "value" and (unit := amounts_note(token.text)):  # 金额单位:万元 on its own
            cursor.take()
            block_unit = parse.values["_amounts_unit"] = unit
        elif token.kind == "heading":
            cursor.take()
            block_unit = token.unit or block_unit
            block_points = token.points or block_points
            if key := knowledge()["composition"]["headings"].get(canonical(token.text)[0]):
                _read_composition_total(parse, cursor, key, block_unit)
        elif _is_task_header(cursor):
            _read_tasks(parse, cursor)
        elif _is_funds_header(cursor, 0):
            _read_funds(parse, cursor, block_unit or token.unit or _unit_noted_before(cursor), block_points)
        elif token.kind == "level1" and _is_indicator_header(cursor, 1):  # 一、产出指标 over 指标名称 | 指标值
            level_above = cursor.take()
        elif _is_indicator_header(cursor):
            # a header printed again straight after the table's rows (a page break): the 一级 cell goes on
            carried = last_level1 if cursor.at == table_end else None
            last_level1 = _read_indicators(parse, cursor, horizon, level_above or carried)
            level_above, table_end = None, cursor.at
        elif token.kind == "level1" and parse.values.get("form_type") == "target" and _outline_follows(cursor):
            _read_outline(parse, cursor, horizon)
        elif token.kind == "total" and _heads_labels(cursor):  # 总分 | 自评等级 | 评价人 over 98 | 优秀 | 王丽娟
            cursor.tokens[cursor.at] = replace(token, kind="field", key="total_score")
        elif token.kind == "total" and (pairs := _labels_stacked(cursor)):  # 总分 / 自评等级 / 97.5 / 优
            _read_pairs(parse, pairs, block_unit)
        elif token.kind in ("field", "source", "extra") \
                and (pairs := _labels_over_values(cursor) or _labels_stacked(cursor)):
            _read_pairs(parse, pairs, block_unit)
        elif token.kind == "field":
            _read_field(parse, cursor, block_unit)
        elif token.kind in ("extra", "value") and _total_follows(cursor) \
                and (key := knowledge()["composition"]["headings"].get(canonical(token.text)[0])):
            # 资金来源 | 合计 | 342.60, 年度预算（万元） | 金额合计 | 3,486.52: the total is the heading's field
            cursor.take()
            _read_composition_total(parse, cursor, key, canonical(token.text)[1] or block_unit)
        elif token.kind == "extra" or (token.kind == "source" and not parse.values.get("funds")):
            _read_extra(parse, cursor)
        elif token.kind == "section":
            _read_sections(parse, cursor)
        elif token.kind == "column" and token.unit:  # 项目预算(万元) outside a table heads amounts in its unit
            block_unit = cursor.take().unit
        elif token.kind == "column" and token.key == "project_goal":  # 绩效目标 heading a row, not a table
            cursor.tokens[cursor.at] = replace(token, kind="section", key="annual_goal")
        else:
            cursor.at += 1


# ---- fields ------------------------------------------------------------------------------------


def _figures_on_line(cursor: Cursor, line: int) -> list[Token]:
    """The values printed on a total's row, its empty cells passed over (总分 | | 100分 | | 97.75分); where the
    row has no value of its own, those straight after it."""
    found: list[Token] = []
    while (token := cursor.peek()) is not None and token.kind in ("value", "empty", "year", "points") \
            and token.line == line:
        if token.kind != "empty":
            found.append(token)
        cursor.take()
    return found or _values_after(cursor)


def _values_after(cursor: Cursor, one_line: bool = False) -> list[Token]:
    """The value tokens after a label: up to the next label, an empty cell once a value was read, or
    the end of a printed row once a value was read (a row holds one value per label; a number or a
    date never wraps onto the next line)."""
    cursor.skip_empty()
    found: list[Token] = []
    while (token := cursor.peek()) is not None and token.kind in ("value", "empty", "year", "points"):
        new_line = bool(found) and token.line != found[-1].line
        if token.kind == "empty" or (new_line and (one_line or _row_has_label(cursor, token))):
            break
        if found and amounts_note(token.text):  # 单位名称：X | 单位：万元: the amounts' unit, no part of the value
            break
        found.append(cursor.take())
    return found


def _row_has_label(cursor: Cursor, token: Token) -> bool:
    """Whether the line a token starts also prints a label before it (a new labelled row)."""
    index = cursor.at - 1
    while index >= 0 and cursor.tokens[index].line == token.line:  # the line's earlier cells sit just before
        if cursor.tokens[index].is_label:
            return True
        index -= 1
    return False


def _joined(tokens: list[Token]) -> str:
    return join_lines([token.text for token in tokens])


def _read_field(parse: FormParse, cursor: Cursor, block_unit: str | None) -> None:
    label = cursor.take()
    key = label.key or ""
    values = _values_after(cursor, one_line=key not in TEXT_FIELDS or _named_on_its_line(cursor, label))
    if key in MONEY_FIELDS and len(values) > 1 and parse_money(values[0].text) is not None \
            and not _BARE_UNIT.fullmatch(values[1].text):  # 资金总额 1280.5 其中:市财政资金 1100: one amount
        cursor.at = cursor.position(values[1])
        values = values[:1]
    text = _joined(values)
    if unit := amounts_note_inside(text):  # 填报单位：新乡市…局 单位：万元: the form's amounts are in it
        parse.values.setdefault("_amounts_unit", unit)
    if not text or key in parse.values:
        return
    if key == "period":
        from parsers.form import read_period_text

        read_period_text(parse, key, text, where_of(_cells(values), label.text))
        return
    _store_field(parse, key, label.text, text, _unit_of(label, key, block_unit or parse.values.get("_amounts_unit")),
                 _cells(values))


def _named_on_its_line(cursor: Cursor, label: Token) -> bool:
    """A unit's or department's whole name printed on its label's line (部门 | 霍山县自然资源和规划局): the
    next line is the next row, not the name wrapping on."""
    value = cursor.peek()
    return label.key in ("unit", "department") and value is not None and value.kind == "value" \
        and value.line == label.line and value.text.endswith(tuple(knowledge()["values"]["organization_endings"]))


def _unit_of(label: Token, key: str, block_unit: str | None) -> str | None:
    """The unit a field's amount is in: printed with its label, else the block's for a budget."""
    return label.unit or (block_unit if key.endswith("budget") else None)


def _store_field(parse: FormParse, key: str, label: str, text: str, unit: str | None, cells: list) -> None:
    """A field's printed text typed and kept (the first reading wins), or flagged where it cannot be
    typed; a budget keeps the unit it was printed in as funds_unit."""
    reading = read_field(key, text, unit)
    if reading.problem:
        parse.flag("unreadable_field", "warning", f"{label}: {reading.problem}", found=text, paths=[key])
    elif key in parse.form_fields and key not in parse.values and reading.value is not None:
        parse.set(key, reading.value, where_of(cells, label))
        if key.endswith("budget") and unit in ("元", "万元"):
            parse.values.setdefault("funds_unit", unit)


def _labels_over_values(cursor: Cursor) -> list[tuple[Token, Token]] | None:
    """A printed row of two or more labels over a row of as many values (申报总额 | 财政资金 | 其他资金
    then 3650.8 | 3200 | 450.8): each label takes the value under it, in order. Taken only where the
    counts agree."""
    labels, index = _line_run(cursor, cursor.at, ("field", "source", "extra"))
    if len(labels) < 2 or index >= len(cursor.tokens):
        return _labels_over_figures(cursor)
    values, end = _line_run(cursor, index, ("value",))
    # the values' row ends with its line; printed on the labels' own line (a form on one line) nothing
    # ends it but the label after them, and the labels are the whole run (not the tail of 中期资金总额
    # 年度资金总额 资金总额 12580.35 2836.7)
    same_line = cursor.tokens[index].line == labels[0].line
    row_goes_on = end < len(cursor.tokens) and cursor.tokens[end].line == cursor.tokens[index].line \
        and (not same_line or _label_before(cursor))
    if row_goes_on:
        return _labels_over_figures(cursor)
    if len(values) == 1 and (names := cut_glued_names(values[0].text, [label.key or "" for label in labels])):
        values = [replace(values[0], text=name) for name in names]
    if len(values) != len(labels):
        return _labels_over_figures(cursor)
    cursor.at = end
    return list(zip(labels, values))


def _labels_stacked(cursor: Cursor) -> list[tuple[Token, Token]] | None:
    """Labels one a line down their column, then their values one a line in the same order (an OCR that
    read the label column before the value column: 项目名称 | 主管部门 | 实施单位, then 田东县… | …局 | …医院):
    each label takes the value line of its rank. Taken only where the value lines are exactly as many and
    a label follows them, so that no value wrapped onto a second line; the run is the whole run of labels (the
    tail of 中期资金总额 | 年度资金总额 | 资金总额 over two figures is no such run)."""
    # a heading among them (项目资金（万元）: its value is the funds table after) takes no value of theirs: it is
    # read after the values; a total word among them (总分 | 自评等级 over 97.5 | 优) labels the total score
    printed, index = _kinds_run(cursor, cursor.at, ("field", "extra", "heading", "total"), lambda _: True)
    labels = [replace(label, kind="field", key="total_score") if label.kind == "total" else label
              for label in printed if label.kind != "heading"]
    before = next((token for token in reversed(cursor.tokens[: cursor.at]) if token.kind != "empty"), None)
    if len(labels) < 2 or len({label.line for label in printed}) < len(printed) \
            or (before is not None and before.kind in ("field", "extra")):
        return None
    rows: list[list[Token]] = []
    while index < len(cursor.tokens) and (token := cursor.tokens[index]).kind in ("value", "year", "empty"):
        index += 1
        if token.kind == "empty":
            continue
        if not rows or rows[-1][-1].line != token.line:
            rows.append([])
        rows[-1].append(token)
    if len(rows) != len(labels):
        return None
    headings = [token for token in cursor.tokens[cursor.at : index] if token.kind == "heading"]
    cursor.tokens[cursor.at : index] = [token for token in cursor.tokens[cursor.at : index]
                                        if token.kind != "heading"] + headings
    cursor.at = index - len(headings)
    return [(label, replace(row[0], text=" ".join(token.text for token in row),
                            cells=tuple(cell for token in row for cell in token.cells)))
            for label, row in zip(labels, rows)]


def _heads_labels(cursor: Cursor) -> bool:
    """Whether a total word outside the indicator table opens a row of labels (a score summary's 总分 beside
    自评等级): the form's total score is the value under it."""
    following = next((token for token in cursor.tokens[cursor.at + 1 :] if token.kind != "empty"), None)
    return following is not None and following.line == cursor.peek().line and following.kind in ("field", "extra")


_FIGURE_END = compiled(r"\d$")
_FIGURE_OPENING = compiled(r"[\d.,]+")


def _figures_across_chunks(cursor: Cursor) -> None:
    """A figure a document site's page chunk cut (…年度资金总额:2 | 4、86其中:财政拨款…): the figures opening
    the chunk after its marker end the value before, where that ends with a digit; the rest of the chunk is
    the form's run going on, cut at its labels. A row of an indicator table is joined with its chunks there
    (_cut_several_rows)."""
    index = 1
    while index < len(cursor.tokens):
        token, before = cursor.tokens[index], cursor.tokens[index - 1]
        rest = strip_chunk_marker(token.text)
        figure = _FIGURE_OPENING.match(rest)
        if token.line in cursor.chunk_lines and before.line != token.line and token.kind == before.kind == "value" \
                and _FIGURE_END.search(before.text) and rest != token.text and figure:
            tokens = split_form_run(rest[figure.end():], token.cells, token.line) if figure.end() < len(rest) else []
            cursor.tokens[index - 1 : index + 1] = [replace(before, text=before.text + figure.group()), *tokens]
        elif _unit_across_chunk(cursor, index):  # ≥800 | 2、 | 元/亩社会效益指标…: the unit ends the figure before
            value = cursor.tokens[index - 2]
            cursor.tokens[index - 2 : index + 1] = [replace(value, text=value.text + token.text), before]
        index += 1


def _unit_across_chunk(cursor: Cursor, index: int) -> bool:
    """Whether the token at `index` is a unit alone opening a page chunk (after its marker's empty token), the
    value before the chunk ending with a figure."""
    token, marker = cursor.tokens[index], cursor.tokens[index - 1]
    value = cursor.tokens[index - 2] if index >= 2 else None
    return token.kind == "value" and is_unit(token.text) and marker.kind == "empty" and marker.line == token.line \
        and token.line in cursor.chunk_lines and value is not None and value.kind == "value" \
        and value.line != token.line and _FIGURE_END.search(value.text) is not None


def _label_before(cursor: Cursor) -> bool:
    """Whether a label of the same printed line stands straight before the cursor's (empty cells passed)."""
    index = cursor.at - 1
    while index >= 0 and cursor.tokens[index].kind == "empty":
        index -= 1
    return index >= 0 and cursor.tokens[index].line == cursor.tokens[cursor.at].line \
        and cursor.tokens[index].kind in ("field", "source", "extra")


def _labels_over_figures(cursor: Cursor) -> list[tuple[Token, Token]] | None:
    """The rule the line reading keeps for flowed rows (fields.figures_under), by order: labels side by
    side, then a row opening with its own label (合计 under 资金来源(万元) | 上年度预算安排 | 上年度实际执行 |
    本年度申请金额) that holds one figure for each field or source label; the fields take theirs, in the
    unit the labels print."""
    labels, index = _kinds_run(cursor, cursor.at, ("field", "source", "extra"), lambda _: True)
    if len(labels) >= 2 and labels[0].line == labels[1].line:  # printed side by side: the row ends with its line
        labels = [label for label in labels if label.line == labels[0].line]
        index = next(at for at in range(cursor.at, index) if cursor.tokens[at] is labels[-1]) + 1
    heads, index = _kinds_run(cursor, index, ("total", "source", "extra", "field"), lambda _: True)
    if not heads and len(labels) >= 3:  # labels one a line: the row's own label is the last (…年度 | 资金总额 | 2148)
        labels, heads = labels[:-1], labels[-1:]
    figures, end = _kinds_run(cursor, index, ("value",), _is_number)
    columns = [label for label in labels if label.kind in ("field", "source")]
    row = heads + figures
    if len(labels) < 2 or not heads or figures_under([token.text for token in row], lambda _: True,
                                                     len(columns)) is None:
        return None
    cursor.at = end
    unit = next((label.unit for label in labels if label.unit), None)
    return [(replace(label, unit=label.unit or unit), figure) for label, figure in zip(columns, figures)
            if label.kind == "field"]


def _kinds_run(cursor: Cursor, start: int, kinds: tuple[str, ...], keep) -> tuple[list[Token], int]:
    """The non-empty tokens from `start` on while they are of these kinds and kept, empty ones passed over."""
    found: list[Token] = []
    index = start
    while index < len(cursor.tokens) and (token := cursor.tokens[index]).kind in (*kinds, "empty"):
        if token.kind != "empty" and not keep(token):
            break
        found += [token] if token.kind != "empty" else []
        index += 1
    return found, index


def _line_run(cursor: Cursor, start: int, kinds: tuple[str, ...]) -> tuple[list[Token], int]:
    """The non-empty tokens of the line `start` is on, from it on, while they are of these kinds."""
    found: list[Token] = []
    index = start
    line = cursor.tokens[start].line
    while index < len(cursor.tokens) and cursor.tokens[index].line == line:
        token = cursor.tokens[index]
        if token.kind != "empty" and token.kind not in kinds:
            break
        if token.kind != "empty":
            found.append(token)
        index += 1
    return found, index


def _read_pairs(parse: FormParse, pairs: list[tuple[Token, Token]], block_unit: str | None) -> None:
    for label, value in pairs:
        key = label.key if label.kind == "field" else None
        if key is None:
            parse.values.setdefault("extra", {}).setdefault(canonical(label.text)[0], value.text)
            continue
        _store_field(parse, key, label.text, value.text, _unit_of(label, key, block_unit), list(value.cells))


def _total_follows(cursor: Cursor) -> bool:
    """The token after the one at the cursor opens with a total word (合计, 合计2,142.00)."""
    following = next((token for token in cursor.tokens[cursor.at + 1:] if token.kind != "empty"), None)
    return following is not None and _total_word_at(following.text) is not None


def _total_word_at(text: str) -> re.Match[str] | None:
    totals = "|".join(regex.escape(word) for word in knowledge()["composition"]["totals"])
    return re.match(rf"(?:{totals})[:：]?", text)


def _read_composition_total(parse: FormParse, cursor: Cursor, key: str, unit: str | None) -> None:
    """资金总额及构成 | 总额 | 10606.7522万元: the total the sources after it make up."""
    cursor.skip_empty()
    token = cursor.peek()
    found = _total_word_at(token.text) if token is not None else None
    if found is None:
        return
    cursor.take()
    values = [token] if found.end() < len(token.text) else _values_after(cursor, one_line=True)
    text = token.text[found.end():] if values == [token] else _joined(values)
    amount = re.match(r"[\d,]+(?:\.\d+)?\s*(?:万元|元)?", text)
    _store_field(parse, key, token.text, amount.group() if amount else text, unit, _cells(values))


def _read_extra(parse: FormParse, cursor: Cursor) -> None:
    label = cursor.take()
    values = _values_after(cursor)
    # figures never wrap: several are several cells (财政拨款 | 2,148.00 | 1,074.00 under 实施期 | 年度), kept apart
    text = " | ".join(value.text for value in values) if len(values) > 1 and all(map(_is_number, values)) \
        else _joined(values)
    if values:
        parse.values.setdefault("extra", {}).setdefault(canonical(label.text)[0], text)


def _mirrored_cut(text: str) -> tuple[str, str] | None:
    """Two side-by-side texts run together, the second written in parallel with the first (本项目共申请预算
    资金90万元。… | 本项目共完成预算资金89.97万元。…), or two numbered lists (1.建设…;5.促进…。| 1.启动…): cut
    at the one sentence end after which the text opens with the first's opening words, or its list numbering
    starts again, or else where an actual opens (_actual_opening_cut); none, or more than one, and the run
    stays whole."""
    listed = _LIST_OPENING.match(text)
    opening = listed.group() if listed else text[:_MIRROR_OPENING]
    if not listed and (len(opening) < _MIRROR_OPENING or not regex.fullmatch(r"\p{Han}+", opening)):
        return _actual_opening_cut(text)
    cuts = [match.end() for match in _SENTENCE_END.finditer(text) if text.startswith(opening, match.end())
            and (not listed or _LIST_OPENING.match(text, match.end()))]  # 。1.2万元 starts no list
    if len(cuts) > 1:
        return None  # the opening printed again at two sentence ends: either may be the cut
    return (text[: cuts[0]], text[cuts[0]:]) if cuts else _actual_opening_cut(text)


def _actual_opening_cut(text: str) -> tuple[str, str] | None:
    """A goal and its actual run together, the actual opening as the templates data says actuals open
    (…不低于95%。| 全年累计保洁368.2万平方米…), or the actual's box still printing its template's instruction
    (…减少结余资金。| 对照年度目标,说明…(100字以内)): cut at the one sentence end followed by such an opening."""
    openers = tuple(knowledge()["section_texts"]["actual_openers"])
    cuts = [match.end() for match in _SENTENCE_END.finditer(text)
            if text.startswith(openers, match.end()) or is_instruction(text[match.end():])]
    return (text[: cuts[0]], text[cuts[0]:]) if len(cuts) == 1 and cuts[0] < len(text) else _parallel_cut(text)


_PARALLEL = 0.3  # of their word pairs, what a goal and its actual written in parallel share at least
_PARALLEL_MARGIN = 0.1  # how much more the best cut shares than the next
_SIDE_MIN = 10  # characters of the shortest goal or actual


def _parallel_cut(text: str) -> tuple[str, str] | None:
    """A goal and its actual run together, the actual written in parallel with the goal in other words
    (全年完成食品安全抽检1600批次，…。| 完成食品安全抽检1652批次，…。): cut at the sentence end where the two
    sides share the most of their pairs of characters, where they share enough and clearly most there."""
    ends = [match.end() for match in _SENTENCE_END.finditer(text) if _SIDE_MIN <= match.end() <= len(text) - _SIDE_MIN]
    shares = sorted(((_pairs_shared(text[:end], text[end:]), end) for end in ends), reverse=True)
    if not shares or shares[0][0] < _PARALLEL or len(shares) > 1 and shares[0][0] - shares[1][0] < _PARALLEL_MARGIN:
        return None  # none shares enough, or two cuts alike
    return text[: shares[0][1]], text[shares[0][1]:]


def _pairs_shared(first: str, second: str) -> float:
    """The share of two texts' pairs of Han characters that both print (Jaccard)."""
    pairs = [{text[at : at + 2] for at in range(len(text) - 1) if _HAN_PAIR.fullmatch(text[at : at + 2])}
             for text in (first, second)]
    return len(pairs[0] & pairs[1]) / len(pairs[0] | pairs[1]) if pairs[0] | pairs[1] else 0.0


def _read_sections(parse: FormParse, cursor: Cursor) -> None:
    """Section labels side by side (预期目标 实际完成情况) take the texts after them in order."""
    labels = [cursor.take()]
    while (token := cursor.peek()) is not None and token.kind in ("section", "empty"):
        if token.kind == "section":
            labels.append(token)
        cursor.at += 1
    if len(labels) > 1 and canonical(labels[0].text)[0] in knowledge()["section_rows"]["labels"]:
        labels = labels[1:]
    if len(labels) > 1 and len({label.line for label in labels}) == 1 and _one_row_under(parse, cursor, labels):
        return
    texts: list[list[Token]] = [[]]
    while (token := cursor.peek()) is not None and token.kind in ("value", "empty", "year", "points"):
        if token.kind == "empty":
            cursor.at += 1
            if texts[-1]:
                texts.append([])
            continue
        if texts[-1] and _in_table(texts[-1][0]) and not _in_table(token):
            break  # a text read from a table's cell ends with the table: what flows after it is the page's
        if texts[-1] and token.line != texts[-1][-1].line and len([t for t in texts if t]) < len(labels):
            texts.append([])
        texts[-1].append(cursor.take())
    texts = [group for group in texts if group]
    if len(labels) > 1 and len(texts) == len(labels) and (sentences := _wrapped_texts(cursor, texts, len(labels))):
        texts = sentences
    if len(texts) == 1 and len(texts[0]) == len(labels) > 1:  # side by side on one printed row
        texts = [[token] for token in texts[0]]
    if len(texts) > len(labels):
        texts = texts[: len(labels) - 1] + [[token for group in texts[len(labels) - 1 :] for token in group]]
    if len(labels) == 2 and len(texts) == 1 and len(texts[0]) == 1 and (cut := _mirrored_cut(texts[0][0].text)):
        texts = [[replace(texts[0][0], text=part)] for part in cut]
        parse.flag("sections_cut_from_glued_text", "info",
                   f"the texts under {labels[0].text} and {labels[1].text} printed as one run, cut where the "
                   f"second opens as the first does: {cut[1][:20]}", found=cut[1][:40],
                   paths=[f"sections.{label.key}" for label in labels])
    if len(labels) > 1 and len(texts) == 1:
        parse.flag("section_column_ambiguous", "info",
                   f"one text under the side-by-side headers {'、'.join(t.text for t in labels)}; read as "
                   f"{labels[0].text} (the first column)", found=_joined(texts[0])[:40],
                   paths=[f"sections.{labels[0].key}"])
    sections = parse.values.setdefault("sections", {})
    for label, group in zip(labels, texts):
        if label.key and label.key not in sections:
            sections[label.key] = _joined(group)
            if where := where_of(_cells(group), label.text):
                parse.provenance[f"sections.{label.key}"] = where


def _wrapped_texts(cursor: Cursor, texts: list[list[Token]], count: int) -> list[list[Token]] | None:
    """Side-by-side texts printed one wrapped line a cell (a PDF's text, one cell per line): more lines
    than texts, so where one text ends and the next begins is told by sentence ends (…98%以上。 | 新建视频…),
    where the lines' sentences end in as many texts as there are labels."""
    pieces = [token for group in texts for token in group]
    if len(pieces) <= count or any(cursor.cells_on(token.line) != 1 for token in pieces):
        return None
    regrouped: list[list[Token]] = [[]]
    for token in pieces:
        if regrouped[-1] and _SENTENCE_END.search(regrouped[-1][-1].text[-1:]):
            regrouped.append([])
        regrouped[-1].append(token)
    return regrouped if len(regrouped) == count else None


def _in_table(token: Token) -> bool:
    """Whether the token is a table's cell (a grid column is known) rather than flowed text."""
    return token.cells[0].col is not None


def _one_row_under(parse: FormParse, cursor: Cursor, labels: list[Token]) -> bool:
    """Side-by-side labels on one printed row over one row holding a text for each."""
    cursor.skip_empty()
    first = cursor.peek()
    if first is None:
        return False
    row: list[Token] = []
    index = cursor.at
    while index < len(cursor.tokens) and cursor.tokens[index].line == first.line:
        row.append(cursor.tokens[index])
        index += 1
    texts = [token for token in row if token.kind != "empty"]
    if len(texts) != len(labels) or any(token.kind != "value" for token in texts):
        return False
    sections = parse.values.setdefault("sections", {})
    for label, text in zip(labels, texts):
        if label.key and label.key not in sections:
            sections[label.key] = text.text
            if where := where_of(list(text.cells), canonical(label.text)[0]):
                parse.provenance[f"sections.{label.key}"] = where
    cursor.at = index
    return True


def _cells(tokens: list[Token]) -> list:
    return [cell for token in tokens for cell in token.cells]


# ---- funds -------------------------------------------------------------------------------------


def _funds_column(token: Token) -> str | None:
    return column_named("funds_columns").get(canonical(token.text)[0])


def _is_funds_header(cursor: Cursor, offset: int) -> bool:
    columns = _header_run(cursor, offset, _funds_column)
    return len(columns) >= 3 and any(column in ("initial_budget", "full_year_budget") for column, _ in columns)


def _header_run(cursor: Cursor, offset: int, column_of) -> list[tuple[str, int]]:
    """(column, token index) of the header cells from the cursor on, empty cells skipped."""
    found: list[tuple[str, int]] = []
    index = cursor.at + offset
    while index < len(cursor.tokens):
        token = cursor.tokens[index]
        column = column_of(token) if token.kind != "empty" else None
        if token.kind != "empty" and column is None:
            break
        if column:
            found.append((column, index))
        index += 1
    return found


def _is_source(token: Token) -> bool:
    label = canonical(token.text)[0]
    return token.kind in ("source", "field", "total") and label in knowledge()["funds"]["sources"]


def _read_funds(parse: FormParse, cursor: Cursor, unit: str | None, points: Decimal | None = None) -> None:
    header = _header_run(cursor, 0, _funds_column)
    columns = sub_row_spanned([column for column, _ in header])
    for column, index in header:
        parse.headers[f"funds.{column}"] = cursor.tokens[index].text
    cursor.at = header[-1][1] + 1
    _heading_cut_emptied(cursor)
    # a unit printed in any header cell is the amounts' (全年执行数（万元）; 得分 | （万元） joined as one label)
    unit = unit or next((token.unit for _, index in header if (token := cursor.tokens[index]).unit), None) \
        or _unit_inside(cursor)
    rows: list[FundRow] = []
    while (token := _next_nonempty(cursor)) is not None and (_is_source(token) or _source_glued(cursor, token)
                                                             or rows and _source_named(cursor, token)
                                                             or not rows and token.kind == "total"  # 合计 first
                                                             or _heading_inside(cursor.tokens, cursor.at)):
        if token.kind == "heading":
            cursor.take()
            continue
        source = cursor.take()
        row_index = len(rows)
        printed = [cursor.take()] if _next_source_cut(cursor, columns) else _row_cells(cursor, len(columns))
        cells = _figures_cut(parse, printed, columns, None if rows else points)
        values = _place_fund_values(columns, cells)
        fields: dict[str, object] = {"source": canonical(source.text)[0]}
        for column, cell in values.items():
            if kept := unheld_column(fields["source"], column):
                parse.values.setdefault("extra", {}).setdefault(kept, cell.text)
                continue
            if column == "note":
                fields[column] = None if _PLACEHOLDER.match(cell.text) else cell.text
            elif _FIGURES_RUN.fullmatch(cell.text):  # 0001000, 9089.97489.974: cells printed together
                fields[column] = None
            else:
                fields[column] = fund_number(column, cell.text, "万元" if unit == "万元" else "")
            if fields[column] is None and not _PLACEHOLDER.match(cell.text):
                run = _FIGURES_RUN.fullmatch(cell.text)
                why = f"figures run together: {cell.text}" if run else not_a_number(cell.text)
                parse.flag("unreadable_cell", "warning", f"funds[{row_index}].{column}: {why}",
                           paths=[f"funds[{row_index}].{column}"])
            elif (where := where_of(list(cell.cells), parse.headers.get(f"funds.{column}"))) \
                    and fields[column] is not None:
                parse.provenance[f"funds[{row_index}].{column}"] = where
        if said := rate_as_percent(fields, row_index):
            parse.flag("rate_read_as_percent", "info", said, paths=[f"funds[{row_index}].execution_rate"])
        rows.append(FundRow.model_validate(fields))
    if rows:
        if "funds" not in parse.values:  # the first funds block is kept, and says its unit
            parse.values["funds"] = rows
            parse.values["funds_unit"] = "万元" if unit == "万元" else "元"
        total = rows[0]
        parse.set("executed", total.executed, parse.provenance.get("funds[0].executed"))
        parse.set("execution_rate", total.execution_rate, parse.provenance.get("funds[0].execution_rate"))


def _heading_inside(tokens: list[Token], index: int) -> bool:
    """A funds heading printed with its unit between the block's rows (项目资金（万元）: a merged cell centred
    over the rows of a table without rules), a source row after it."""
    token, following = tokens[index], tokens[index + 1] if index + 1 < len(tokens) else None
    return token.kind == "heading" and token.unit is not None and following is not None \
        and (_is_source(following) or following.kind == "source")


def _unit_inside(cursor: Cursor) -> str | None:
    """The unit a funds heading printed between the block's rows says (see _heading_inside), or a row's label
    with the unit of a heading cut over the rows glued to it (（万元）上年结转资金)."""
    for index in range(cursor.at, len(cursor.tokens)):
        token = cursor.tokens[index]
        if token.kind not in ("value", "empty", "source", "total", "heading", "field") \
                or token.kind == "field" and not _is_source(token):
            return None
        if token.kind == "heading":
            return token.unit if _heading_inside(cursor.tokens, index) else None
        if token.kind == "source" and token.unit:
            return token.unit
    return None


def _heading_cut_emptied(cursor: Cursor) -> None:
    """A funds heading cut over the rows' first cells (项目资 / 金 / （万元）: a merged cell's lines, each printed on
    a row's line in a table without rules): the pieces opening rows before their sources, joined, read as a
    heading of the templates data. They are no cells of the rows: emptied."""
    pieces: list[int] = []
    for _, row in itertools.groupby(range(cursor.at, len(cursor.tokens)), key=lambda at: cursor.tokens[at].line):
        printed = [at for at in row if cursor.tokens[at].kind != "empty"]
        if not printed or not _DIGITS.search("".join(cursor.tokens[at].text for at in printed)):
            break  # the rows end where no figure is printed
        first = cursor.tokens[printed[0]]
        second = cursor.tokens[printed[1]] if len(printed) > 1 else first
        if first.kind == "value" and not _DIGITS.search(first.text) and (_is_source(second) or second.kind == "source"):
            pieces.append(printed[0])
        elif not _is_source(first):
            break
    if len(pieces) > 1 and classify("".join(cursor.tokens[at].text for at in pieces))[0] == "heading":
        for at in pieces:
            cursor.tokens[at] = replace(cursor.tokens[at], kind="empty")


def _unit_noted_before(cursor: Cursor) -> str | None:
    """The unit noted by the cell that opens a funds header's row in words the templates do not know
    (年度预算申请（万元） | 年初预算数 | …): the block's amounts are in it."""
    if cursor.at == 0:
        return None
    before, header = cursor.tokens[cursor.at - 1], cursor.tokens[cursor.at]
    return canonical(before.text)[1] if before.kind == "value" and before.line == header.line else None


def _source_named(cursor: Cursor, token: Token) -> bool:
    """A source the templates do not list (地方配套资金) before a figure, after the rows of known ones."""
    following = cursor.tokens[cursor.at + 1] if cursor.at + 1 < len(cursor.tokens) else None
    if token.kind != "value" or following is None or not _ROW_CELL_START.match(following.text):
        return False
    row = itertools.takewhile(lambda cell: cell.line == token.line and cell.kind in ("value", "empty"),
                              cursor.tokens[cursor.at + 1:])
    name = source_name(token.text, sum(1 for cell in row if _DIGITS.search(cell.text)))
    if name is None:
        return False
    cursor.tokens[cursor.at] = Token(name, token.cells, token.line, "source", name)
    return True


# a funds row's figures and marks, then the next row's source glued to them (120120120一一一自治区补助505050…): compiled
# where a run asks (the regex module compiles in Python; most runs never ask)
@cache
def _next_source() -> regex.Pattern[str]:
    return regex.compile(r"(?P<cells>[\d.,%—－\-/／一]*[\d.,%—－\-/／一])(?P<name>\p{Han}+?)"
                         r"(?=[\d—－\-/／]|一(?:[一\d]|$))")


_ROW_FIGURES = compiled(r"[\d.,%—－\-/／一]*")  # no Unicode property: the standard library's


def _next_source_cut(cursor: Cursor, columns: list[str]) -> bool:
    """A row's figures run on into the next rows' (an OCR of a page: 120120120一一一自治区补助505050一一一…): the
    run is cut before a source name the templates list, or one ending as a source does, that a whole row's
    figures follow, and the row's cells are the run before it."""
    token = cursor.peek()
    if token is None or token.kind != "value" or not (found := _next_source().match(token.text)):
        return False
    name, rest = found.group("name"), token.text[found.end():]
    known = name in knowledge()["funds"]["sources"]
    if not known and source_name(name) is None or not cut_funds_run(_ROW_FIGURES.match(rest).group(), columns):
        return False  # a name in a 原因 (…9.89年中追加上级衔接资金36.7万元): no row's figures follow it
    source = Token(name, token.cells, token.line, "source", name) if known else replace(token, text=name)
    cursor.tokens[cursor.at : cursor.at + 1] = [replace(token, text=found.group("cells")), source,
                                                replace(token, text=rest)]
    return True


def _source_glued(cursor: Cursor, token: Token) -> bool:
    """A funds row printed as one run (其中:财政资金150155.876154.220898.94%//): its source label is cut
    off where figures or empty marks follow it, and the run after it is the row's."""
    if token.kind != "value":
        return False
    text = _LEADING_OF_ROW.sub("", token.text)
    source = next((word for word in sorted(knowledge()["funds"]["sources"], key=len, reverse=True)
                   if text.startswith(word) and _ROW_CELL_START.match(text[len(word):])), None)
    if source is None:
        return False
    cursor.tokens[cursor.at : cursor.at + 1] = [Token(source, token.cells, token.line, "source", source),
                                                replace(token, text=text[len(source):])]
    return True


def _figures_cut(parse: FormParse, cells: list[Token], columns: list[str], points: Decimal | None) -> list[Token]:
    """A funds row whose figures are printed as one run, cut where its printed 执行率 checks the cut (and,
    for the total row, the 分值 its heading's points)."""
    values = [cell for cell in cells if cell.kind != "empty"]
    if len(values) != 1 or len(columns) < 3 or not (pieces := cut_funds_run(values[0].text, columns, points)):
        return cells
    parse.flag("rows_cut_from_glued_text", "info", "a funds row's figures printed as one run, cut where the "
               "printed 执行率 is the 执行数 over the 预算数", found=values[0].text)
    return [replace(values[0], text=piece, kind="value" if piece else "empty") for piece in pieces]


def _next_nonempty(cursor: Cursor) -> Token | None:
    cursor.skip_empty()
    return cursor.peek()


def _row_cells(cursor: Cursor, width: int) -> list[Token]:
    """The value cells of a row, up to the next label: to the end of the printed line where the row
    shares its line with its first cell, else (one cell per line) as many as the columns; empty cells
    kept where the text keeps them."""
    cells: list[Token] = []
    first_line = cursor.tokens[cursor.at - 1].line
    follow = cursor.peek()
    one_line = follow is not None and follow.line == first_line
    while (token := cursor.peek()) is not None and token.kind in ("value", "empty", "year"):
        if token.line != first_line and one_line or _PLACEHOLDER_NAME.match(token.text):
            break  # the row ended with its printed line, or at the next row's placeholder name (指标2:)
        if token.kind != "empty" and cells and token.line != first_line and _starts_line(cursor, cursor.at) \
                and _positions(cells) >= width:
            break
        cells.append(token)
        if token.kind == "empty":
            cursor.at += 1
        else:
            cursor.take()
    while cells and cells[-1].kind == "empty":
        cells.pop()
    return cells


def _positions(cells: list[Token]) -> int:
    """Columns a row's cells have filled: an empty cell the text kept holds its column's place, but
    not the empty cells right after the row's label (the rest of a label cell spanning columns)."""
    leading = next((index for index, cell in enumerate(cells) if cell.kind != "empty"), len(cells))
    return len(cells) - leading


def _starts_line(cursor: Cursor, index: int) -> bool:
    return index == 0 or cursor.tokens[index - 1].line != cursor.tokens[index].line


def _place_fund_values(columns: list[str], cells: list[Token]) -> dict[str, Token]:
    """Values to columns in order. A percentage belongs under 执行率; a plain number skips 执行率
    when the values left fit the columns after it (a rate is printed with its %: 天长 prints
    880 880 880 10 10 under six columns, the rate left empty)."""
    values = [cell for cell in cells if cell.kind != "empty"]
    cells = cells[len(cells) - _positions(cells):]  # the empty cells right after a label are its span
    if len(cells) == len(columns) and any(cell.kind == "empty" for cell in cells):
        return {column: cell for column, cell in zip(columns, cells) if cell.kind != "empty"}
    placed: dict[str, Token] = {}
    position = 0
    for number, cell in enumerate(values):
        if position >= len(columns):
            break
        is_rate = "%" in cell.text or "％" in cell.text
        if "execution_rate" in columns[position:] and is_rate:
            position = columns.index("execution_rate", position)
        elif columns[position] == "execution_rate" and not is_rate:
            left = len(values) - number
            if left <= len(columns) - position - 1:
                position += 1
        placed[columns[position]] = cell
        position += 1
    return placed


# ---- tasks (年度主要任务 of a department form) ------------------------------------------------------


def _task_column(token: Token) -> str | None:
    return column_named("task_columns").get(canonical(token.text)[0])


def _is_task_header(cursor: Cursor) -> bool:
    columns = [column for column, _ in _header_run(cursor, 0, _task_column)]
    return "name" in columns and len(set(columns)) >= 3


def _read_tasks(parse: FormParse, cursor: Cursor) -> None:
    """Rows of 任务名称 | 主要内容 | 预算数 | 执行数, one printed row each, amounts in the header's unit, else in the
    form's amounts note's (单位：万元 over the form)."""
    header = _header_run(cursor, 0, _task_column)
    columns = [column for column, _ in header]
    noted = parse.values.get("_amounts_unit")
    units = {column: canonical(cursor.tokens[index].text)[1] or noted for column, index in header}
    spans = _header_spans(cursor, header, columns)
    cursor.at = header[-1][1] + 1
    parts = _budget_parts(cursor)  # 总额 | 财政拨款 | 其他资金 under 预算金额: the first is the budget
    tasks = parse.values.setdefault("tasks", [])
    while (token := _next_nonempty(cursor)) is not None and token.kind in ("value", "total"):
        if token.kind == "total":  # 金额合计: the tasks' budget is the year's
            _read_tasks_total(parse, cursor, units.get("budget"))
            break
        first = cursor.take()
        cells = [first, *_row_cells(cursor, len(columns) - 1 + max(parts - 1, 0))]
        placed = (_place_by_extent(cells, spans) if spans else None) or dict(zip(columns, cells))
        row: dict[str, object] = {}
        for column, cell in placed.items():
            if column in ("budget", "executed"):
                unit = units.get(column)
                row[column] = parse_money(cell.text + "万元") if unit == "万元" and _is_number(cell) \
                    else parse_money(cell.text)
            else:
                row[column] = cell.text
            if where := where_of(list(cell.cells), parse.headers.get(column)):
                parse.provenance[f"tasks[{len(tasks)}].{column}"] = where
        tasks.append(Task.model_validate(row))


def _budget_parts(cursor: Cursor) -> int:
    """A second header row naming the budget's parts (总额 | 财政拨款 | 其他资金): taken, and counted."""
    parts, index = _line_run(cursor, cursor.at, ("source", "total", "field"))
    if len(parts) < 2 or not all(_is_source(part) for part in parts):
        return 0
    cursor.at = index
    return len(parts)


def _read_tasks_total(parse: FormParse, cursor: Cursor, unit: str | None) -> None:
    label = cursor.take()
    figures = [token for token in _values_after(cursor, one_line=True) if _is_number(token)]
    if figures:
        _store_field(parse, "current_budget", label.text, figures[0].text, unit, list(figures[0].cells))


# ---- indicators ----------------------------------------------------------------------------------


def _indicator_column(token: Token) -> str | None:
    if token.kind in ("level1", "level2") and token.key in ("一级", "二级"):
        return token.kind
    return column_named("indicator_columns").get(canonical(token.text)[0])


def _indicator_columns_at(cursor: Cursor, offset: int) -> list[tuple[str, int]]:
    """The header run at `offset`, a funds heading straight after its 项目名称 column (or the projects' unit column
    after it) read as the projects' budget column (项目名称 | 项目资金（万元） | 项目年度绩效目标 | 一级指标 …)."""
    budget_headings = knowledge()["project_table"]["budget_headings"]
    before: list[str | None] = [None]  # the column of the header cell before (the run asks them in order)
    projects: list[bool] = [False]  # whether the run has named a project column

    def column_of(token: Token) -> str | None:
        if token.text.endswith((":", "：")):
            return None  # 项目名称：X under the header: a label of its value (a project's block), no header cell
        if _group_of_flattened(token):
            return ""  # 年度资金总额-全年预算数: the column is the part after the dash
        budget = token.kind in ("heading", "field") and before[0] in _BEFORE_BUDGET \
            and canonical(token.text)[0] in budget_headings
        part = token.kind == "source" and before[0] == "project_budget"  # 项目资金 | 其中：财政拨款
        # a self-evaluation's money columns after the project's own (项目名称 | 全年预算数 | 全年执行数 | 执行率),
        # their group's name before each where an export flattened two header rows (年度资金总额-全年预算数)
        funds_key = _funds_column_named(token.text)
        money = funds_key in PROJECT_FUNDS and before[0] in PROJECT_COLUMNS
        column = _indicator_column(token)
        actual = column == "actual" and before[0] == "project_goal"  # 年度绩效目标 | 实际完成情况: the project's
        # the project's result after its indicators' columns (… | 得分 | 偏差原因 | 自评总分 | 自评等级)
        result = token.kind == "field" and token.key in _PROJECT_RESULTS and projects[0]
        before[0] = "project_budget" if budget else "project_budget_part" if part \
            else f"project_{funds_key}" if money else "project_actual" if actual \
            else f"project_{token.key}" if result else column
        projects[0] = projects[0] or before[0] == "project"
        return before[0]

    return _header_run(cursor, offset, column_of)


def _group_of_flattened(token: Token) -> bool:
    """The group's name opening a header cell an export flattened from two rows (年度资金总额-全年预算数)."""
    cell = token.cells[0].text if token.cells else ""
    rest = cell[len(token.text):] if cell.startswith(token.text) else ""
    return bool(re.match(r"[-－—]+", rest)) and _funds_column_named(rest) is not None


def _funds_column_named(text: str) -> str | None:
    """The funds column a header cell names, alone or after its group's name and a dash (年度资金总额-执行率)."""
    for name in (text, re.split(r"[-－—]+", text)[-1]):
        kind, key = classify(name)[:2]
        if kind == "fcolumn" or kind == "field" and key == "execution_rate":
            return key
    return None


def _is_indicator_header(cursor: Cursor, offset: int = 0) -> bool:
    columns = [column for column, _ in _indicator_columns_at(cursor, offset)]
    return len(set(columns)) >= 2 and bool({"name", "level2", "level1"} & set(columns)) and \
        bool({"target", "actual", "weight", "score"} & set(columns))


def _outline_follows(cursor: Cursor) -> bool:
    """A 一级 label, its 二级 labels, then lines each printing an indicator's name and one value
    (（一）产出指标 / 1.数量指标 / 覆盖社区数 68个): a target table printed as an outline, with no header."""
    rows = 0
    following = (token for token in cursor.tokens[cursor.at + 1 :] if token.kind != "empty")
    for _, on_line in groupby(following, key=lambda token: token.line):
        line = list(on_line)
        if all(token.kind in ("level1", "level2") for token in line):
            continue
        if len(line) != 2 or any(token.kind != "value" for token in line) or _fit(line[1], "target") != 1.5:
            break
        rows += 1
    return rows >= 2


def _read_outline(parse: FormParse, cursor: Cursor, horizon: str | None) -> None:
    rows = _indicator_rows(parse, cursor, ["name", "target"], ["target"], [], True)
    _store_indicators(parse, rows, ["target"], horizon, [])
    parse.flag("indicators_without_header", "info", f"{len(rows)} indicators printed as an outline (一级 and 二级 "
               "labels over lines of a name and its value), no header row: each value read as the target",
               paths=["indicators"])


@dataclass
class Row:
    level1: Token | None
    level1_weight: Decimal | None
    level2: Token | None
    name: Token
    cells: list[Token]
    project: int | None = None  # the project block of a table listing several projects
    unnamed: bool = False  # a template's row printing only its 二级 label (its name and values left empty)
    glued: Piece | None = None  # the row as a run of several rows was cut (glued_rows)


# columns of a table listing several projects: the project's own cells, merged down over its rows
PROJECT_FUNDS = ("initial_budget", "full_year_budget", "executed", "execution_rate")
_PROJECT_RESULTS = ("total_score", "grade")
PROJECT_COLUMNS = ("project_unit", "project", "project_code", "project_budget", "project_goal", "project_actual",
                   "serial", "project_year", "project_department", "project_budget_part", "project_total_score",
                   "project_grade",
                   *(f"project_{column}" for column in PROJECT_FUNDS))
PROJECT_AMOUNTS = ("project_budget", "project_initial_budget", "project_full_year_budget", "project_executed")
_BEFORE_BUDGET = ("project", "project_unit", "project_code", "project_department", "project_year")


def _read_indicators(parse: FormParse, cursor: Cursor, horizon: str | None,
                     level_above: Token | None = None) -> Token | None:
    """The table's rows into `parse`; the 一级 label of its last row."""
    header = _indicator_columns_at(cursor, 0)
    columns = _header_columns([column for column, _ in header])
    for column, index in header:
        parse.headers[column] = cursor.tokens[index].text  # as printed, with its unit: 预算金额(万元)
    cursor.at = header[-1][1] + 1
    after_name = columns[columns.index("name") + 1 :] if "name" in columns else columns
    after_name = [column for column in after_name if column not in _LEVEL_COLUMNS]  # levels come as labels
    spans = _header_spans(cursor, header, columns)
    by_line = len({cursor.tokens[index].line for _, index in header}) < len(header)
    rows = _indicator_rows(parse, cursor, columns, after_name, spans if "project" in columns else [], by_line,
                           level_above)
    _store_indicators(parse, rows, after_name, horizon, spans)
    return rows[-1].level1 if rows else None


_TEXT_COLUMNS = ("note", "scoring_rule", "description")  # texts a header may print in two columns side by side


def _header_columns(printed: list[str]) -> list[str]:
    """The table's columns from its header cells in printed order. A column printed again is a row
    label before the header (绩效指标 一级指标 … 三级指标: the columns start after it), or - once the
    header went on past the levels and the name - the end of a second header row naming the columns
    under one spanning cell (指标名称 上年度实际水平 本年度计划水平 … then 二级指标 三级指标)."""
    columns: list[str] = []
    printed = sub_row_spanned(printed)
    for at, column in enumerate(described(printed)):
        if column in _TEXT_COLUMNS and columns[-1:] == [column]:
            columns.append(column)  # 偏差原因 | 改进措施, 评价要点 | 评分标准: two columns of one text
        elif column in columns and (finer := _sub_row_refined(columns, printed[: at + 1])):
            columns = finer
        elif column in columns:
            columns = columns[columns.index(column) + 1 :] + [column]
        else:
            columns.append(column)
    return columns


def _sub_row_refined(columns: list[str], printed: list[str]) -> list[str] | None:
    """`columns` with its spanning cell replaced by the second header row that ends `printed` (the level
    and name cells printed last); with no positions, the spanning cell is the one column of the first
    row the second names again. None where the header had not gone on past the name."""
    size = len(list(takewhile(lambda column: column in _LEVEL_COLUMNS, reversed(printed))))
    sub, first = printed[len(printed) - size :], columns[: len(columns) - size + 1]
    spanning = [at for at, column in enumerate(first) if column in sub]
    if size < 2 or set(first) <= set(_LEVEL_COLUMNS) or len(spanning) != 1 or not names_sub_columns(first, sub):
        return None
    return first[: spanning[0]] + sub + first[spanning[0] + 1 :]


def _indicator_rows(parse: FormParse, cursor: Cursor, columns: list[str], after_name: list[str],
                    project_spans: list[Span], by_line: bool, level_above: Token | None = None) -> list[Row]:
    """The table's rows; `by_line`: its header printed several cells on one line, so its rows are printed
    one per line too; `level_above`: a 一级 label printed over the header, the level of rows that print none."""
    project_columns = [column for column in columns if column in PROJECT_COLUMNS]
    # a project's first own cell: no unit merged over several, no row number running over all rows
    opening = next((column for column in project_columns if column not in ("project_unit", "serial")), None)
    trailing = any(column in PROJECT_COLUMNS for column in after_name)  # project cells after the rows' own
    rows: list[Row] = []
    level1, level2 = level_above, None
    weight: Decimal | None = level_above.points if level_above is not None else None
    opened = 0  # rows read when the current 一级 label came
    level2_rows = 0  # rows read when the current 二级 label came
    projects: list[dict[str, Token]] = parse.values.setdefault("_projects", [])
    unit_cell: Token | None = None  # the unit column's last cell: the unit of the projects after it
    levels: list[tuple[int, Row | None]] = []  # each level label with the rows read before it
    while (token := cursor.peek()) is not None:
        if token.kind in ("level1", "level2", "points", "total"):
            levels.append((len(rows), None))
        if token.kind == "empty":
            cursor.at += 1
        elif token.kind in _HEADER_KINDS and _header_again(cursor, columns):
            cursor.at = _indicator_columns_at(cursor, 0)[-1][1] + 1  # printed again over the next page's rows
        elif token.kind == "field" and token.key == "project_name" and (block := _sub_heading_block(cursor)):
            if not (projects and _continues_project(block, projects[-1])):  # X（续）: the rows go on under X
                projects.append(block)  # 项目名称：X 实施单位：Y 项目资金：N万元 over its rows, one header over all
            level1 = level2 = None
        elif project_spans and (column := _column_under(token, project_spans)) == "project_unit" and projects \
                and project_columns.index("project_unit") > project_columns.index("project"):
            projects[-1]["project_unit"] = cursor.take()  # printed after the name: the project's own unit
        elif project_spans and column == "project_unit":
            unit_cell = cursor.take()  # before the names, merged down over its projects: each of them is the unit's
        elif project_spans and column in PROJECT_COLUMNS:
            # a new project block opens with its first own cell (its name, or its code printed before it); an
            # export printing the project's cells again on each of its rows goes on with it
            cell, last = cursor.take(), projects[-1].get(column) if projects else None
            again = last is not None and compact(last.text) == compact(cell.text)
            if not projects or column in (opening, "project") and last is not None and not again:
                projects.append({"project_unit": unit_cell} if unit_cell else {})
                level1 = level2 = None
            projects[-1][column] = cell
        elif not project_spans and "project" in project_columns \
                and (block := _project_of_unit(cursor, project_columns)):
            unit_cell = block.get("project_unit", unit_cell)  # printed with its first project, merged down
            projects.append(block | {"project_unit": unit_cell} if unit_cell else block)
            level1 = level2 = None
        elif not project_spans and "project" in project_columns \
                and _unit_row(cursor, project_columns, parse.values.get("unit"), after_name):
            parse.flag("project_row_without_cells", "info", f"a row of the project table prints only a name, no goal, "
                       f"budget or indicator ({token.text}: the unit's own row): no project", found=token.text)
            cursor.take()
        elif token.kind == "value" and project_columns == ["project", "project_goal"] and not project_spans \
                and (levels_next := cursor.peek(1)) is not None and levels_next.kind == "level1" \
                and (pieces := _project_and_goal(token.text)):  # 基本公共卫生…经费为辖区… | 产出指标
            cursor.tokens[cursor.at : cursor.at + 1] = [replace(token, text=piece) for piece in pieces]
        elif token.kind == "value" and {"project", "project_goal"} <= set(project_columns) and not project_spans \
                and (pieces := _glued_project(token.text, after_name, "project_budget" in project_columns)):
            cursor.tokens[cursor.at : cursor.at + 1] = [Token(piece, token.cells, token.line, *classify(piece))
                                                         for piece in pieces]
        elif token.kind == "level1" and _is_indicator_header(cursor, 1):
            break  # 二、效益指标 over the header printed again: the next table's level, read with it
        elif token.kind == "level1" and _repeats_level(level1, level2, token, rows, opened):
            level2 = cursor.take()  # 满意度指标(10分) | 满意度指标: the 二级 label repeating the 一级 one
            levels[-1] = (len(rows), Row(level1, weight, level2, level2, [], len(projects) - 1 if projects else None,
                                         unnamed=True))
        elif token.kind == "level1":
            level1, weight, level2, opened = cursor.take(), token.points, None, len(rows)
        elif token.kind == "level2" and _level_printed_again(cursor, level2, len(rows) == level2_rows):
            following = cursor.tokens[cursor.at + 1]  # 财务管理 | 财务管理制度有效性…: the name opens with it
            cursor.tokens[cursor.at : cursor.at + 2] = [replace(following, text=token.text + following.text)]
            levels.pop()  # no level label after all
        elif token.kind == "level2":
            level2, level2_rows = cursor.take(), len(rows)
            levels[-1] = (len(rows), Row(level1, weight, level2, level2, [], len(projects) - 1 if projects else None,
                                         unnamed=True))
        elif token.kind == "points":
            level1, weight, level2 = None, cursor.take().points, None
        elif token.kind == "total":
            if pairs := _labels_stacked(cursor):  # 总分 / 自评等级 / 97.5 / 优: labels over their values
                _read_pairs(parse, pairs, None)
                break
            line = cursor.take().line
            numbers = list(takewhile(lambda t: _total_score(t.text) is not None, _figures_on_line(cursor, line)))
            # only the figures printed straight after it: a page footer's 2024 is not the total
            scored = numbers and ("score" in columns or "weight" not in columns)  # 合计 | 100 under 权重: weights
            if projects and "project" in projects[-1]:  # each project's total row in a table of several: go on
                projects[-1] |= {"project_total_score": numbers[-1]} if scored else {}
                continue
            if scored:
                parse.set("total_score", _total_score(numbers[-1].text), where_of(list(numbers[-1].cells), "总分"))
            break
        elif token.kind == "title" and (resume := _rows_resume(cursor.tokens, cursor.at)) is not None:
            cursor.at = resume  # the page heading reprinted over the rows on the next page
        elif _table_label_inside(cursor, token):
            cursor.take()  # 年度绩效指标, 绩效指标: the table's own label, a merged cell printed between its rows
        elif token.kind == "value" and _is_label_like(token):
            break  # 附件: after the table: a label the templates do not know ends the rows
        elif token.kind == "value" and rows and _in_table(rows[-1].name) and not _in_table(token):
            break  # a web page's text after the table's rows (附件下载：…) is no row of it
        elif token.kind == "value" and {"level1", "level2"} & set(columns) \
                and (pieces := _level_opening(token.text, after_name)) \
                and not _same_level(pieces[0], level2, len(rows) == level2_rows):
            cursor.tokens[cursor.at : cursor.at + 1] = [_level_piece(parse, piece, token) for piece in pieces]
        elif token.kind == "value" and {"level1", "level2"} & set(columns) and _misread_level_cell(cursor):
            cursor.tokens[cursor.at] = _level_piece(parse, token.text, token)  # 项Fl实施 | 绩效监控有效性 | 2 …
        elif token.kind == "value" and _cut_several_rows(parse, cursor, after_name, weight, level2):
            continue  # the run's rows and level labels are the cursor's tokens now
        elif level1 is not None and level2 is None and token.kind not in ("level1", "level2", "value") \
                and canonical(token.text)[0] in knowledge()["levels"]["level2_in_table"]:
            cursor.tokens[cursor.at] = replace(token, kind="level2", key=canonical(token.text)[0])  # 决策 | 绩效目标
        elif rows_opened := _label_named_row(cursor, after_name):  # 完成时间 | ≥90% | …, 年度目标 | 完成率
            cursor.tokens[cursor.at : cursor.at + rows_opened] = [
                Token("".join(t.text for t in cursor.tokens[cursor.at : cursor.at + rows_opened]), token.cells,
                      token.line, "value")]
        elif token.kind == "value" or token.text in knowledge()["values"]["indicator_names"]:
            if len(pieces := _glued_target_rows(token.text, after_name)) > 1:
                cursor.tokens[cursor.at : cursor.at + 1] = [replace(token, text=piece) for piece in pieces]
                parse.flag("rows_cut_from_glued_text", "info", f"{len(pieces)} indicator rows printed as one "
                           "run, cut after each row's value where a 指标解释 or the next row follows",
                           found=token.text[:40])
            name = cursor.take()
            project = len(projects) - 1 if projects else None
            if (piece := cursor.cut_rows.get(id(name))) is not None:
                rows.append(Row(level1, weight, level2, name, [], project, glued=piece))
                continue
            if _value_glued_to_name(cursor, name, after_name) or (by_line and _ends_with_line(cursor, name)):
                rows.append(Row(level1, weight, level2, name, [], project))
                continue
            rows.append(Row(level1, weight, level2, name, _row_cells(cursor, len(after_name)), project))
            if projects and trailing:  # the project's own cells after its row's (… | 偏差原因 | 自评总分 | 自评等级)
                placed = _place_by_extent(rows[-1].cells, project_spans) if project_spans else None
                placed = placed if placed is not None else dict(zip(after_name, rows[-1].cells))
                projects[-1] |= {column: cell for column, cell in placed.items()
                                 if column in PROJECT_COLUMNS and cell.kind != "empty" and column not in projects[-1]}
            _join_wrapped_name(cursor, rows[-1], after_name)
            _give_back_next_name(cursor, rows[-1], after_name)
            _join_wrapped_note(cursor, rows[-1], after_name)
            if _is_placeholder(rows[-1]):
                rows.pop()
            elif _note_of_row_before(cursor, rows, after_name):
                rows[-2].cells.append(rows.pop().name)
        else:
            break
    return _with_empty_levels(rows, levels)


_HEADER_KINDS = frozenset({"column", "fcolumn", "field", "section"})
_BLOCK_LABELS = {("field", "project_name"): "project", ("field", "unit"): "project_unit",
                 ("field", "current_budget"): "project_budget", ("field", "total_budget"): "project_budget",
                 ("section", "annual_goal"): "project_goal"}


def _sub_heading_block(cursor: Cursor) -> dict[str, Token] | None:
    """A project's sub-heading in a table of several projects printed as blocks under one header: its labels
    and values (项目名称：X 实施单位：Y 项目资金：88.6万元, then 年度绩效目标：…) as the project's cells; the cursor
    after them. A funds heading glued to its amount (项目资金：88.6万元) is the project's budget."""
    block: dict[str, Token] = {}
    at = cursor.at
    while at < len(cursor.tokens):
        token = cursor.tokens[at]
        value = cursor.tokens[at + 1] if at + 1 < len(cursor.tokens) else None
        column = _BLOCK_LABELS.get((token.kind, token.key or ""))
        if token.kind == "empty":
            at += 1
        elif column and value is not None and value.kind == "value" and column not in block:
            block[column], at = value, at + 2
        elif token.kind == "value" and "project" in block and (budget := _heading_amount(token)):
            block["project_budget"], at = budget, at + 1
        else:
            break
    if "project" not in block:
        return None
    cursor.at = at
    return block


def _continues_project(block: dict[str, Token], project: dict[str, Token]) -> bool:
    """A block naming the project before it again, with a continuation's mark (地质灾害…经费（续）) or none."""
    name, before = compact(block["project"].text), compact(project["project"].text) if "project" in project else None
    marks = knowledge()["project_table"]["continued_marks"]
    return before is not None and next((name[: -len(mark)] for mark in marks if name.endswith(mark)), name) == before


def _heading_amount(token: Token) -> Token | None:
    """项目资金：88.6万元: a funds heading or budget label and its amount, printed as one cell."""
    label, colon, amount = token.text.partition("：") if "：" in token.text else token.text.partition(":")
    kind, key = classify(label)[:2]
    budget = kind == "heading" or kind == "field" and key in ("current_budget", "total_budget")
    return replace(token, text=amount) if colon and budget and parse_money(amount) is not None else None


def _header_again(cursor: Cursor, columns: list[str]) -> bool:
    """The table's own header printed again (a page break, a second <table> of the same columns, 续表)."""
    return _is_indicator_header(cursor) \
        and _header_columns([column for column, _ in _indicator_columns_at(cursor, 0)]) == columns


def rows_follow(tokens: list[Token], index: int) -> bool:
    """Whether a title is followed by a table's rows (a level label), no header or project's field first, within
    a few lines of values and the unit's label: the page heading reprinted over the next page of the same
    form's table (…绩效目标申报表 | 第2页 | 时效指标 …; a sheet's print titles: 自评表 | (2021年度) | 填报单位：X)."""
    return _rows_resume(tokens, index) is not None


def _rows_resume(tokens: list[Token], index: int) -> int | None:
    """Where the rows go on after a title at `index` reprinted over them (see rows_follow), if they do."""
    for at in range(index + 1, len(tokens)):
        token = tokens[at]
        if token.kind in ("level1", "level2"):
            return at
        if token.line - tokens[index].line > REPRINTED_LINES or token.kind not in ("empty", "year", "value", "field") \
                or token.kind == "field" and token.key not in ("unit", "department"):
            return None
    return None


def _table_label_inside(cursor: Cursor, token: Token) -> bool:
    """A label naming the whole table (年度绩效指标, 绩效指标) alone on its line between the rows, no header
    after it: the table's merged left cell, printed where its middle fell (a PDF's text read in stream
    order, a table without rules), not a new table."""
    return (token.kind == "horizon" or token.kind == "column" and token.key == "name") \
        and cursor.cells_on(token.line) == 1 and not _is_indicator_header(cursor, 1)


def _level_printed_again(cursor: Cursor, level2: Token | None, no_row: bool) -> bool:
    """A 二级 label straight after the same label, no row between, a value glued after it on its line: a
    merged cell is printed once, so the second is the opening of the name (财务管理财务管理制度有效性7…)."""
    token, following = cursor.peek(), cursor.peek(1)
    return token is not None and following is not None and _same_level(token.text, level2, no_row) \
        and following.kind == "value" and following.line == token.line \
        and regex.match(r"\p{Han}", following.text) is not None


def _same_level(text: str, level2: Token | None, no_row: bool) -> bool:
    """The 二级 label read last printed again, no row read since: the name's opening, not a label."""
    return level2 is not None and no_row and canonical(text)[0] == canonical(level2.text)[0]


def _with_empty_levels(rows: list[Row], levels: list[tuple[int, Row | None]]) -> list[Row]:
    """The rows with a row of its own for each 二级 label no row followed before the next level label or
    the table's end (产出指标 数量指标 / 质量指标 / …: a template printed with its rows left empty)."""
    ends = [at for at, _ in levels[1:]] + [len(rows)]
    empty = [(at, row) for (at, row), end in zip(levels, ends) if row is not None and end == at]
    return [row for at in range(len(rows) + 1)
            for row in [row for place, row in empty if place == at] + rows[at : at + 1]]


def _cut_several_rows(parse: FormParse, cursor: Cursor, after_name: list[str], level1_points: Decimal | None,
                      level2: Token | None) -> bool:
    """A run holding several rows (an OCR of a page preview: 完整性4一…4项目立项相关性2一…2可行性2…) that no
    one-row cut reads, cut into its level labels and rows where one reading fits (glued_rows); a page
    chunk's marker (2、) opening it is dropped, and a run its chunk's end cut off goes on in the next
    chunks (…社会效益 | 3、指标效果显著…). The pieces replace the run in the cursor."""
    token = cursor.peek()
    if token is None or token.kind != "value" or not {"weight", "score"} <= set(after_name) \
            or id(token) in cursor.cut_rows:  # a row cut out of a run already
        return False
    if (following := cursor.peek(1)) is not None and following.line == token.line and following.kind == "empty":
        return False  # a row's cells printed apart: read as cells
    read = _first_cut(cursor, after_name, level1_points, level2.points if level2 is not None else None)
    if read is None:
        return False
    pieces, total, taken = read
    tokens = []
    for piece in pieces:
        if piece.kind == "row":
            tokens.append(Token(piece.name, token.cells, token.line, "value"))
            cursor.cut_rows[id(tokens[-1])] = piece
        else:
            label = canonical(piece.text)[0]
            tokens.append(Token(piece.text, token.cells, token.line, piece.kind, label, None, piece.points))
            for note in piece.notes:  # 项Fl实施: a level label an OCR misread
                parse.flag("label_misprinted", "warning", f"{note} (an OCR's letters for one character)",
                           found=piece.text)
    if total:  # 总分10097.1评价等级优秀…: the table's total and what the page prints after it, as tokens
        figures = re.match(r"[\d.]+", total[1])
        rest = total[1][figures.end():] if figures else total[1]
        tokens.append(Token(total[0], token.cells, token.line, *classify(total[0])))
        tokens += [Token(figures.group(), token.cells, token.line, "value")] if figures else []
        tokens += split_text(rest, token.cells, token.line) if rest else []
    cursor.tokens[cursor.at : cursor.at + taken] = tokens  # each row says its cut when it is read
    return True


def _first_cut(cursor: Cursor, after_name: list[str], level1_points: Decimal | None, level2_points: Decimal | None
               ) -> tuple[list[Piece], tuple[str, str] | None, int] | None:
    """(pieces, the total row after them, tokens taken) of the longest run at the cursor that one reading cuts:
    the run with every page chunk it goes on in first, then with fewer."""
    for run, taken, spaces in _chunk_runs(cursor):
        if not spaces and (one := _cut_glued(run, after_name)) and not holds_other_cells(one[1].get("note", "")) \
                and not _holds_row(one[0]):
            if taken == 1:
                continue  # one row (not one whose note holds a level label, …1515效益指标(30分), nor whose name a row)
            return [Piece("row", run, name=one[0], cells=one[1])], None, taken  # a row a page chunk cut in two
        text, total = _before_total(run)
        pieces = cut_rows(text, after_name, level1_points, level2_points) \
            or _marked_rows(text, after_name, level1_points, level2_points)
        if pieces is not None and (not spaces or _cells_at(pieces, text, spaces)):
            return pieces, total, taken
    return None


def _holds_row(name: str) -> bool:
    """A name a one-row cut left holding another row's cells: a value with points right after it and a name after
    them (…3.72万吨IO10新增…; not 收入30万元以上村占比, a name's own figure)."""
    return any(_ROW_POINTS.match(name, end) for end in value_ends(name))


_ROW_POINTS = regex.compile(r"[\dIlO]{2,4}(?=\p{Han})")  # a row's 分值 and 得分 (an OCR's IO among them)


def _chunk_runs(cursor: Cursor) -> list[tuple[str, int, list[int]]]:
    """(text, tokens taken, where the text's spaces were) of the run at the cursor joined with the page chunks
    that follow it on their own lines, longest first, down to the run and the first chunk (or the run alone
    where none follows). A run is a line's values: a page's text on one line whose spaces fall between some
    cells only (…124.6公里10 10危险路段…: the row's 分值 and 得分, the next row glued to 得分)."""
    text, spaces, taken = _line_values(cursor, cursor.at)
    runs = [(text, taken, spaces)]
    while (following := cursor.peek(taken)) is not None and following.kind == "value" \
            and following.line in cursor.chunk_lines and following.line != cursor.tokens[cursor.at + taken - 1].line:
        chunk, chunk_spaces, count = _line_values(cursor, cursor.at + taken)
        text, spaces, taken = text + chunk, spaces + [len(text) + at for at in chunk_spaces], taken + count
        if chunk:  # not a chunk's marker alone (3、)
            runs.append((text, taken, spaces))
    return runs[:0:-1] if len(runs) > 1 else runs


def _line_values(cursor: Cursor, index: int) -> tuple[str, list[int], int]:
    """(text, where the spaces between its tokens were, tokens) of the values at `index` on its line, where one
    of them runs cells together (10危险路段整治数量86处86处5: a row's 得分, the next row's name and cells); else
    the token alone (a line of cells apart is read as cells)."""
    line, first, spaces, count = cursor.tokens[index].line, _chunk_text(cursor, index), [], 1
    text, glued = first, _glues_cells(first)
    while (following := cursor.peek(index - cursor.at + count)) is not None and following.kind == "value" \
            and following.line == line and len(text) + len(following.text) <= _SPACED_RUN:
        spaces.append(len(text))
        text, count = text + following.text, count + 1
        glued = glued or _glues_cells(following.text)
    return (text, spaces, count) if glued else (first, [], 1)


def _glues_cells(text: str) -> bool:
    """A value holding cells run together: a name of three characters or more, and figures after it that end it
    (a row's points; not a name's own figures, 收入30万元以上村占比, nor a label's points, 顼目产出(30分))."""
    return _GLUED_CELLS.search(_LABEL_POINTS.sub("", text)) is not None


_GLUED_CELLS = regex.compile(r"\p{Han}{3,}.*\d$")
_LABEL_POINTS = compiled(r"[（(]\d+(?:\.\d+)?分[)）]")
_SPACED_RUN = 300  # characters of the longest line of values read as one run (a few rows: the cut is searched)


def _cells_at(pieces: list[Piece], text: str, spaces: list[int]) -> bool:
    """A run read from a line's values holds several pieces (rows, level labels), or a row with more cells than
    the values (工程完工时间11月底前11月5 5: 分值 glued, 得分 apart), and each space between the values falls between
    two pieces or opens a cell of its row: the spaces are the printed cells' own."""
    if len(pieces) < 2 and len(spaces) >= len(pieces[0].cells):
        return False  # one row, its cells printed apart: read as cells
    starts, at = {}, 0
    for piece in pieces:  # found in order (a template's empty row, 指标2:, is in no piece)
        if (at := text.find(piece.text, at)) < 0:
            return False
        starts[at] = piece
        at += len(piece.text)
    return all(any(start <= space <= start + len(piece.text) and (space in (start, start + len(piece.text))
                                                                 or opens_cell(piece, space - start))
                   for start, piece in starts.items()) for space in spaces)


def _marked_rows(text: str, after_name: list[str], level1_points: Decimal | None,
                 level2_points: Decimal | None) -> list[Piece] | None:
    """Rows run together that number themselves (指标1:开展…≤441010指标2:建设…≥2002021010): cut at their
    numbers, each row read alone (one row that reads two ways no longer hides the others); a row no cut
    reads stays whole, said by a warning. None where the run does not open with a numbered row and hold
    another."""
    starts = [found.start() for found in ROW_NUMBER.finditer(text)]
    if len(starts) < 2 or starts[0] != 0:
        return None
    pieces: list[Piece] = []
    for start, end in zip(starts, [*starts[1:], len(text)]):
        row = text[start:end]
        if read := cut_rows(row, after_name, level1_points, level2_points):
            pieces += read
        elif cut := _cut_run(row, after_name):
            pieces.append(Piece("row", row, name=cut[0], cells=cut[1]))
        else:
            pieces.append(Piece("row", row, name=row, notes=[f"a row printed as one run that no single cut fits, "
                                                              f"kept whole as the name: {row[:40]}"]))
    return pieces


@cache
def _total_opening() -> regex.Pattern[str]:
    """A total row's label with its figures inside a run (…10总分10097.1评价等级…)."""
    labels = "|".join(regex.escape(word) for word in sorted(knowledge()["totals"]["labels"], key=len, reverse=True))
    return regex.compile(rf"(?<=[\d%\p{{Han}}])(?:{labels})[:：]?(?=\d)")


def _before_total(text: str) -> tuple[str, tuple[str, str] | None]:
    """The run up to the table's total row, and the total's label and what follows it."""
    found = _total_opening().search(text)
    return (text, None) if found is None else (text[: found.start()], (found.group(), text[found.end():]))


def _chunk_text(cursor: Cursor, index: int) -> str:
    """A token's text without the page chunk's marker opening its line."""
    token = cursor.tokens[index]
    opens_line = index == 0 or cursor.tokens[index - 1].line != token.line
    return strip_chunk_marker(token.text) if opens_line and token.line in cursor.chunk_lines else token.text


def _project_of_unit(cursor: Cursor, project_columns: list[str]) -> dict[str, Token] | None:
    """A project's cells by column (no positions: by order); the unit's, merged down over its projects, printed
    with its first project only."""
    if block := _project_block(cursor, project_columns):
        return dict(zip(project_columns, block))
    own = [column for column in project_columns if column != "project_unit"]
    if own != project_columns and (block := _project_block(cursor, own)):
        return dict(zip(own, block))
    return None


def _project_block(cursor: Cursor, project_columns: list[str]) -> list[Token] | None:
    """A project's own cells printed in header order just before its first 一级 label (高标准农田建设补助
    560.5 新建…): taken where each fits its column (the budget a figure) and a level label follows."""
    found: list[Token] = []
    index = cursor.at
    while len(found) < len(project_columns) and index < len(cursor.tokens):
        token = cursor.tokens[index]
        index += 1
        if token.kind == "empty":
            continue
        amount = project_columns[len(found)] in PROJECT_AMOUNTS
        if token.kind != "value" or (amount and parse_money(token.text) is None):
            return None
        found.append(token)
    while index < len(cursor.tokens) and cursor.tokens[index].kind == "empty":
        index += 1
    if len(found) < len(project_columns) or index == len(cursor.tokens) or cursor.tokens[index].kind != "level1":
        return None
    cursor.at = index
    return found


def _unit_row(cursor: Cursor, project_columns: list[str], unit: object, after_name: list[str]) -> bool:
    """A row printing only its first cell - on a line of its own, or the form's unit by name - a project's cells
    after it (昆明市…局 | | … then 基本公共卫生… | 为辖区… | 产出指标 …): the unit's own row over its projects."""
    token = cursor.peek()
    if token is None or token.kind != "value":
        return False
    after = cursor.at + 1
    while after < len(cursor.tokens) and cursor.tokens[after].kind == "empty":
        after += 1
    opens_line = cursor.at == 0 or cursor.tokens[cursor.at - 1].line != token.line  # not a glued run's last piece
    alone = cursor.cells_on(token.line) == 1 and opens_line and after < len(cursor.tokens) \
        and cursor.tokens[after].line != token.line
    if after == len(cursor.tokens) or not (alone or token.text == unit):
        return False
    at, cursor.at = cursor.at, after
    block = _project_block(cursor, project_columns)
    cursor.at = at
    following = cursor.tokens[after]  # or the project's cells glued to its first row
    budget = "project_budget" in project_columns
    return block is not None or following.kind == "value" and "project_goal" in project_columns \
        and _glued_project(following.text, after_name, budget) is not None \
        and _glued_project(token.text, after_name, budget) is None  # itself no project run


def _total_score(text: str) -> Decimal | None:
    """The total row's 得分; a figure over 100 is 分值 and 得分 run together (10098.29) where one
    split of its digits fits; points printed with their 分 run together are told apart by it
    (100分97.75分)."""
    if run := _POINTS_RUN.fullmatch(text):
        return parse_points(run.captures(1)[-1])
    number = parse_points(text)
    if number is not None and number > 100 and (points := points_run(text)):
        return Decimal(points[1])
    return number


def _repeats_level(level1: Token | None, level2: Token | None, token: Token, rows: list[Row], opened: int) -> bool:
    """A 一级 label printed again straight after itself, before any 二级 label or row."""
    return level1 is not None and level2 is None and len(rows) == opened \
        and canonical(token.text)[0] == canonical(level1.text)[0]


_RESULT_FIELDS = ("total_score", "grade", "eval_date")  # what a form prints after its table: no row's name


def _label_named_row(cursor: Cursor, after_name: list[str]) -> int:
    """How many tokens make one indicator name where a label opens a row inside the table (an indicator named
    with a label's words: 完成时间, 立项依据充分性 - cut as 立项依据 | 充分性 - 年度目标完成率): the label and the rest
    of its cell; or the label alone, the row's values after it. 0 where the label is a label (自评得分 98, 评价
    结论 …: no row's values follow)."""
    token = cursor.peek()
    if token is None or token.kind not in ("field", "section", "extra", "column") or token.key in _RESULT_FIELDS \
            or canonical(token.text)[0] in knowledge()["headings"]["table_ends"]:
        return 0
    following = cursor.peek(1)
    if following is not None and following.kind == "value" and following.cells == token.cells \
            and len(following.text) <= 6 and following.text.endswith(tuple(knowledge()["values"]["name_endings"])):
        return 2  # one cell cut at the label's words, a name's ending after them: 年度目标 | 完成率
    values, index = [], cursor.at + 1
    while index < len(cursor.tokens) and cursor.tokens[index].kind in ("value", "empty"):
        values += [cursor.tokens[index]] if cursor.tokens[index].kind == "value" else []
        index += 1
    needed = max(1, sum(column in (*_VALUE_COLUMNS, *_NUMBER_COLUMNS) for column in after_name))
    first = values[0].text if values else ""
    value_shaped = bool(_FIGURE.fullmatch(first)) or first in knowledge()["values"]["qualitative"] or is_date(first)
    return 1 if len(values) >= needed and value_shaped else 0


def _is_label_like(token: Token) -> bool:
    """A short cell ending with a colon that is no template's placeholder row (指标2:)."""
    return bool(re.search(r"[:：]$", token.text)) and len(token.text) <= 12 \
        and not _PLACEHOLDER_NAME.match(token.text)


def _glued_value(name: str) -> str | None:
    """The value printed glued to the end of an indicator's name: a figure with an operator or a unit
    (覆盖率100%), or a quality phrase of the templates data (均衡发展情况稳步提高); a 绩效标准 glued
    after it (10辆计划标准) is the value's tail."""
    name = _without_standard(name)
    if date := trailing_date(name):
        return date
    found = _GLUED_VALUE.search(name)
    if found and found.start() > 0 and re.search(r"[^\d.]", found.group("value")):
        return found.group("value")
    words = sorted((w for w in knowledge()["values"]["qualitative"] if len(w) >= 4), key=len, reverse=True)
    return next((word for word in words if name.endswith(word) and len(name) > len(word) + 1), None)


def _without_standard(text: str) -> str:
    standard = next((word for word in knowledge()["values"]["standards"] if text.endswith(word)), "")
    return text[: len(text) - len(standard)] if len(text) > len(standard) + 2 else text


def _value_glued_to_name(cursor: Cursor, name: Token, after_name: list[str]) -> bool:
    """A row printed as one glued cell (覆盖率100%, 满意度≥90%) on a line of its own: its value is in
    it, and the next line is the next row. Only a value with an operator or a unit is split off: a
    bare number ends many names (12345热线, 指标1)."""
    following = cursor.peek()
    if following is not None and following.kind == "value" and _FIGURE.fullmatch(following.text):
        return False  # its value is the next cell
    if "target" in after_name and not {"weight", "score"} & set(after_name) and _glued_value(name.text):
        return True
    return _cut_glued(name.text, after_name) is not None  # a row whose cells' shapes cut it


def _glued_project(text: str, after_name: list[str], budget: bool) -> list[str] | None:
    """A project's cells glued to its first row (高标准农田建设补助560.5新建高标准农田0.5万亩,…以上。产出指标
    数量指标新建高标准农田面积≥0.5万亩): cut before the first level label where the rest is the levels and
    a row its shapes cut, and the part before it is a name, the budget (the first figure between words)
    and the goal; with no budget column, a name and a goal cut where the name's ending meets the goal's
    opening (基本公共卫生服务项目补助经费 | 为辖区…)."""
    start = next((at for at in range(2, len(text) - 2) if _opening_level(text[at:])), None)
    if start is None or not (levels := _level_opening(text[start:], after_name)):
        return None
    if not budget:
        return [*cells, *levels] if (cells := _project_and_goal(text[:start])) else None
    found = _PROJECT_CELLS.fullmatch(text[:start])
    return [*found.group("project", "budget", "goal"), *levels] if found else None


def _project_and_goal(text: str) -> list[str] | None:
    """A project's name and goal run together, cut at the one place a name's ending meets a goal's opening."""
    endings, openers = (tuple(knowledge()["values"][key]) for key in ("project_name_endings", "goal_openers"))
    cuts = [at for at in range(4, min(len(text) - 4, 40))
            if text[:at].endswith(endings) and text.startswith(openers, at)]
    return [text[: cuts[0]], text[cuts[0]:]] if len(cuts) == 1 else None


def _level_opening(text: str, after_name: list[str]) -> list[str] | None:
    """The level labels a glued row run opens with, then the row (目标完成程度1.电子图书采购数量2.1万册…;
    投入时效目标技术培训完成时间计划标准…: 投入 | 时效目标 | the row), under a header that prints a level
    column; (50分)数量指标指标1:…: (50分) | 数量指标 | the row. A label printed bare is peeled off only
    where the rest alone cuts into the row's cells by their shapes."""
    levels: list[str] = []
    while level := _opening_level(text[sum(map(len, levels)):]):
        levels.append(level)
    while levels:  # the most labels whose rest reads as the row (管理效率 | 预算管理 | 预算执行率…, not 预算执行 | 率…)
        rest = text[sum(map(len, levels)):]
        if classify(levels[-1])[0] == "level1" and not _LEVEL_WORD.search(levels[-1]):
            return None  # a bare 一级 word straight before the name may as well open it (投入农技人员数量)
        marked = all(_LEVEL_WORD.search(level) or classify(level)[0] == "points" for level in levels)
        if marked or _cut_glued(rest, after_name):
            return [*levels, rest]
        levels.pop()
    return None


def _opening_level(text: str) -> str | None:
    """The longest level label opening the text (a stem with 指标/目标, or a label the templates data
    lists as printed bare), or a 一级 cell's points printed alone ((50分)数量指标…), with more than a
    name's two characters after it."""
    if points := _LEADING_POINTS.match(text):  # a label opens with its word, its points after it
        return points.group()
    found = next((text[:end] for end in range(min(len(text) - 2, _LEVEL_MAX), 1, -1)
                  if classify(text[:end])[0] in ("level1", "level2") and not _suffix_after(text, end)), None)
    if found is None and (word := pointed_word(text)) and _opening_level(text[len(word):]):
        return word  # 顼目产出(30分)数量指标…: a 一级 word an OCR misread, its points before a known label
    return found or (misread[0] if (misread := misread_level(text)) and len(text) > len(misread[0]) + 2 else None)


def _suffix_after(text: str, end: int) -> bool:
    """A 一级 and a 二级 stem printed bare together, a level's 目标/指标 after them (产出数量 | 目标…): they print
    产出 | 数量目标, not the MOF framework's 二级 产出数量."""
    return text.startswith(("目标", "指标"), end) and compound_level(text[:end])


def _misread_level_cell(cursor: Cursor) -> bool:
    """A cell of its own that is a bare level label an OCR misread in one character (项Fl实施), a row after
    it; or a word with its points before a level label (顼目产出(30分) 数量指标)."""
    token = cursor.peek()
    following = next((t for t in cursor.tokens[cursor.at + 1 :] if t.kind != "empty"), None)
    if token is None or following is None:
        return False
    if pointed_word(token.text) == token.text:  # 顼目产出(30分) | 数量指标(10分) | …
        return following.kind in ("level1", "level2")
    misread = misread_level(token.text + "…")
    return misread is not None and misread[0] == token.text and following.kind == "value"


def _level_piece(parse: FormParse, piece: str, token: Token) -> Token:
    """A piece cut off a run as its token; a level label an OCR misread (项Fl实施) is that level as printed,
    and said."""
    kind, key, unit, points = classify(piece)
    if kind == "value" and pointed_word(piece) == piece:  # 顼目产出(30分) before a known level label
        return Token(piece, token.cells, token.line, "level1", *canonical(piece))
    if kind == "value" and (misread := misread_level(piece + "…")) and misread[0] == piece:
        parse.flag("label_misprinted", "warning", f"{piece} read as the level label {misread[1]} (an OCR's letters "
                   "for one character)", found=piece)
        kind, key = classify(misread[1])[:2]
    return Token(piece, token.cells, token.line, kind, key, unit, points)


def _ends_with_line(cursor: Cursor, name: Token) -> bool:
    """A row printed one per line whose name stands alone on its line ends with that line where the
    line already holds a value (a glued row no cut fits: 举办培训班期数15分=6期6期…) and the next line
    opens a row of its own (a run holding its values, 培训人次10分≥900人次…, or a template's 指标2:): the
    next line is the next row, never its cells. Otherwise the next line may be the row's cell wrapped
    onto it (…逐年提高。 then 上海12345热线的软件和 / 硬件水平…: the target printed under the name)."""
    index = cursor.at
    while index < len(cursor.tokens) and cursor.tokens[index].kind == "empty":
        index += 1
    if index == len(cursor.tokens) or cursor.tokens[index].line == name.line or not holds_value(name.text):
        return False
    following = cursor.tokens[index].text
    return holds_value(following) or bool(_PLACEHOLDER_OPENING.match(following))


def _is_placeholder(row: Row) -> bool:
    """A template's empty row (指标2: ……) printed as it came."""
    empty = all(cell.kind == "empty" or _PLACEHOLDER.match(cell.text) for cell in row.cells)
    return empty and bool(_PLACEHOLDER_NAME.match(row.name.text))


def _give_back_next_name(cursor: Cursor, row: Row, after_name: list[str]) -> None:
    """Where empty cells were dropped, a row's cells run into the next row's name (a form flattened
    to one line, or one cell per line): keep as many as the columns can take by their kinds, and
    give the rest back."""
    values = [cell for cell in row.cells if cell.kind != "empty"]
    if not values or any(cell.kind == "empty" for cell in row.cells) and not _cell_per_line(cursor, row):
        return  # the empty cells kept hold their columns' places: the row's width is told
    one_line = {cell.line for cell in values} == {row.name.line}
    following = cursor.peek()
    if one_line and (following is None or following.line != row.name.line) and len(values) <= len(after_name):
        return  # the row ended with its printed line: every cell on it is its own
    telling = {"weight", "score"} <= set(after_name) or "description" in after_name  # kinds that end a row
    if not one_line and (not telling or not _cell_per_line(cursor, row)):
        return  # wrapped lines, or one cell per line under a header whose kinds do not end a row
    keep = _cells_taken(values, after_name, cursor.peek())
    if keep < len(values):
        cursor.at = cursor.position(values[keep])
        last = next(at for at, cell in enumerate(row.cells) if cell is values[keep - 1]) if keep else -1
        row.cells = row.cells[: last + 1]  # with the empty cells among them (one cell per line keeps them)


def _join_wrapped_name(cursor: Cursor, row: Row, after_name: list[str]) -> None:
    """One cell per line, a name wrapped over lines (新建视频监控点位 / 数量 / ≥1200个 / 1236个 / 15 / 15): the
    pieces before the row's 分值 that the columns before it cannot hold, none with a figure, are the rest of
    the name; the row's cells are taken again after them."""
    if "weight" not in after_name or not _cell_per_line(cursor, row):
        return
    values = [cell for cell in row.cells if cell.kind != "empty"]
    anchor = _score_anchor(values)
    excess = -1 if anchor is None else anchor - after_name.index("weight")
    if excess <= 0 or any(_DIGITS.search(cell.text) for cell in values[:excess]):
        return
    row.name = replace(row.name, text=row.name.text + _joined(values[:excess]),
                       cells=row.name.cells + tuple(cell for token in values[:excess] for cell in token.cells))
    cursor.at = cursor.position(values[excess])
    row.cells = _row_cells(cursor, len(after_name))


_NOTE_MIN = 4  # characters of the shortest note read so


def _note_of_row_before(cursor: Cursor, rows: list[Row], after_name: list[str]) -> bool:
    """One cell per line, a last "row" that is only words (个别路段雨季积水未及时排除) after a row printing every
    column but its note, a level label or the total after it: the row before's note, not a row."""
    row, following = rows[-1], cursor.peek()
    if len(rows) < 2 or row.cells or after_name[-1:] != ["note"] or following is None \
            or following.kind not in ("level1", "level2", "total", "points") or len(row.name.text) < _NOTE_MIN \
            or _DIGITS.search(row.name.text) or row.name.text in knowledge()["values"]["qualitative"]:
        return False
    before = rows[-2]
    values = [cell for cell in before.cells if cell.kind != "empty"]
    return len(values) == len(after_name) - 1 and _cell_per_line(cursor, before)


def _join_wrapped_note(cursor: Cursor, row: Row, after_name: list[str]) -> None:
    """One cell per line, a row's last cell, its note, wrapped over lines (设备到货延迟， / 下一步提前启动 /
    采购程序。): the lines after it up to the one that ends its sentence, none with a figure, are the rest."""
    values = [cell for cell in row.cells if cell.kind != "empty"]
    if after_name[-1:] != ["note"] or len(values) != len(after_name) or not _cell_per_line(cursor, row) \
            or not _PROSE.search(values[-1].text) or _SENTENCE_END.search(values[-1].text[-1:]):
        return
    pieces: list[Token] = []
    while (token := cursor.peek(len(pieces))) is not None and token.kind == "value" \
            and cursor.cells_on(token.line) == 1 and not _DIGITS.search(token.text) and len(pieces) < _NOTE_LINES:
        pieces.append(token)
        if _SENTENCE_END.search(token.text[-1:]):
            note = values[-1]
            row.cells[row.cells.index(note)] = replace(note, text=_joined([note, *pieces]),
                                                       cells=note.cells + tuple(c for t in pieces for c in t.cells))
            cursor.at += len(pieces)
            return


def _cells_taken(values: list[Token], after_name: list[str], following: Token | None) -> int:
    """How many of a row's cells are its own: up to its score (and a note that reads as prose), or up
    to a cell that names the next row (`following` is the token after the cells)."""
    if {"weight", "score"} <= set(after_name):
        if full := _every_column_printed(values, after_name) or _weight_first_end(values, after_name):
            return full
        anchor = _score_anchor(values)
        if anchor is None:
            return len(values)
        end = anchor + 2
        prose = end < len(values) and _PROSE.search(values[end].text) and "note" in after_name
        return end + 1 if prose else end
    # a target's operator, unit and kind under columns of their own (指标性质 | 指标值 | 度量单位 | 指标属性) are its
    # cells too
    parts = (*_VALUE_COLUMNS, "nature", "measure", "actual_measure", "attribute")
    keep = min(len(values), sum(column in parts for column in after_name) or 1)
    ahead = values + ([following] if following is not None else [])
    while keep < min(len(values), len(after_name)) and not _opens_next_row(ahead, keep, "description" in after_name):
        keep += 1  # 计划标准, a 备注: the row's further columns, up to a cell that names the next row
    return keep


def _weight_first_end(values: list[Token], after_name: list[str]) -> int | None:
    """A row under 分值 | values | 得分 (银川) whose empty cells were dropped (可行性 2 实际工作需求 2 适当性 …):
    it ends at the first points after its 分值 not above them, no more value cells between than the
    columns hold, a note after them where it reads as prose."""
    if after_name[:1] != ["weight"] or "score" not in after_name or not values:
        return None
    weight = parse_points(values[0].text)
    if weight is None:
        return None
    for at in range(1, min(len(values), after_name.index("score") + 1)):
        points = parse_points(values[at].text)
        if points is not None and points <= weight:
            note = "note" in after_name and at + 1 < len(values) and _PROSE.search(values[at + 1].text)
            return at + 2 if note else at + 1
    return None


def _every_column_printed(values: list[Token], after_name: list[str]) -> int | None:
    """A row printing every column up to a 得分 last (分值 first, 评分标准 before 得分: 举办培训班期数 15分 =6期
    6期 完成… 15分 培训人次 …): its cells are as many as the columns where the 得分's place holds points
    and the cell after it does not - the next row's name, or a 偏差原因 that reads as prose."""
    note = after_name[-1:] == ["note"]
    size = len(after_name) - note
    if after_name[size - 1] != "score" or len(values) <= size:
        return None
    if parse_points(values[size - 1].text) is None or parse_points(values[size].text) is not None:
        return None
    return size + 1 if note and _PROSE.search(values[size].text) else size


def _cell_per_line(cursor: Cursor, row: Row) -> bool:
    """Whether the name and each of the row's cells were printed on a line of their own."""
    lines = [row.name.line] + [cell.line for cell in row.cells if cell.kind != "empty"]
    return len(set(lines)) == len(lines) and all(cursor.cells_on(line) == 1 for line in lines)


def _score_anchor(values: list[Token]) -> int | None:
    """Where 分值 sits: the last two of the first run of plain numbers (43.2 37.24 10 9: the target
    and the actual may be numbers too)."""
    start = next((index for index in range(len(values) - 1)
                  if _is_points(values[index]) and _is_points(values[index + 1])), None)
    if start is None:
        return None
    end = start
    while end + 1 < len(values) and _is_points(values[end + 1]):
        end += 1
    return end - 1


def _opens_next_row(values: list[Token], index: int, described: bool) -> bool:
    """A cell followed by a figure (雾炮车风炮射程 ≥80M), or - where a 指标解释 column follows the name -
    by a text opening with its words (大楼安检巡察次数 反映…), is the next row's name."""
    if index + 1 >= len(values):
        return False
    after = values[index + 1].text
    return bool(_FIGURE.fullmatch(after)) or (described and _description_opener(start=True).match(after) is not None)


def _is_number(token: Token) -> bool:
    return parse_decimal(token.text) is not None


def _is_points(token: Token) -> bool:
    """A plain number, or points printed with their 分 (20分)."""
    return parse_points(token.text) is not None


def _place_indicator_cells(row: Row, after_name: list[str]) -> dict[str, Token]:
    cells = row.cells
    if any(cell.kind == "empty" for cell in cells) and len(cells) <= len(after_name):
        return {column: cell for column, cell in zip(after_name, cells) if cell.kind != "empty"}
    values = [cell for cell in cells if cell.kind != "empty"]
    if len(values) >= len(after_name):
        return dict(zip(after_name, values))
    return _place_in_order(values, after_name)


def _fit(token: Token, column: str) -> float | None:
    """How well a cell fits a column, None where it cannot stand there: a number fits 分值/得分 best,
    words never do; a note is prose; a figure or a quality phrase fits 指标值 best, never 指标解释."""
    number = _is_number(token) or bool(_PLACEHOLDER.match(token.text))
    if column in _NUMBER_COLUMNS:
        return 2.0 if number or _is_points(token) else None  # 20, or 20分
    if column == "note":
        return 1.0 if _PROSE.search(token.text) else (0.0 if not number or token.text == "0" else None)
    if column == "measure":  # 度量单位 holds a unit of the vocabulary (亩, %), not a value (基本健全)
        return 1.0 if _PLACEHOLDER.match(token.text) or is_unit(token.text) else None
    value_like = bool(_FIGURE.fullmatch(token.text)) or token.text in knowledge()["values"]["qualitative"] \
        or is_date(token.text)
    if column == "description":  # a 指标解释 opens with its words (反映…); a figure or 达标 is a value
        return 2.0 if _description_opener(start=True).match(token.text) else (None if value_like else 1.0)
    return 1.5 if column in _VALUE_COLUMNS and value_like else 1.0


def _place_in_order(values: list[Token], columns: list[str]) -> dict[str, Token]:
    """Fewer values than columns (empty cells dropped): the values keep their printed order and each
    goes under the column it fits best, so 分值 before 指标值 (银川) and after it (the MOF form) both
    place; ties go to the earlier columns."""
    @cache
    def best(value: int, column: int) -> tuple[float, tuple[int, ...]] | None:
        if value == len(values):
            return 0.0, ()
        options = []
        for at in range(column, len(columns) - (len(values) - value - 1)):
            fit = _fit(values[value], columns[at])
            rest = best(value + 1, at + 1) if fit is not None else None
            if fit is not None and rest is not None:
                options.append((fit + rest[0], -at, (at, *rest[1])))
        if not options:
            return None
        score, _, placed = max(options)
        return score, placed

    found = best(0, 0)
    if found is None:  # no order fits the kinds: the values fill the value columns as printed
        return dict(zip([c for c in columns if c not in _NUMBER_COLUMNS], values))
    return {columns[at]: value for at, value in zip(found[1], values)}


Span = tuple[float, float, str]


def _extent(token: Token) -> tuple[float, float] | None:
    """Where a cell sits across the table: its box on a page, its grid columns in a structured file."""
    return cell_extent(token.cells[0])


def _header_spans(cursor: Cursor, header: list[tuple[str, int]], columns: list[str]) -> list[Span]:
    """Each header column's extent, where the header's cells know where they sit (a ruled table) and stand
    side by side: a header printed one cell under another (a PDF's loose lines) gives no columns' extents."""
    spans = []
    for column, index in header:
        extent = _extent(cursor.tokens[index])
        if extent is None or len(cursor.tokens[index].cells) != 1:
            return []
        spans.append((*extent, column))
    side_by_side = all(left[1] <= right[0] + 1 for left, right in zip(spans, spans[1:]))
    return spans if side_by_side and [column for *_, column in spans][-len(columns):] == columns else []


def _column_under(token: Token, spans: list[Span]) -> str | None:
    extent = _extent(token)
    if extent is None:
        return None
    overlap, column = max((min(extent[1], x1) - max(extent[0], x0), column) for x0, x1, column in spans)
    return column if overlap > 0 else None


def _place_by_extent(cells: list[Token], spans: list[Span]) -> dict[str, Token] | None:
    """Row cells under the header cell they overlap most; None where a cell's place is not known."""
    placed: dict[str, Token] = {}
    for cell in cells:
        if cell.kind == "empty":
            continue
        column = _column_under(cell, spans)
        if column is None or column in placed:
            return None
        placed[column] = cell
    return placed


def _store_indicators(parse: FormParse, rows: list[Row], after_name: list[str], horizon: str | None,
                      spans: list[Span]) -> None:
    """The rows as indicators after those of a table before (a 长期 table, then a 年度 one); a row under
    中期指标值 | 年度指标值 gives a midterm record, then an annual one."""
    indicators = parse.values.setdefault("indicators", [])
    for row in rows:
        name, placed = (None, {}) if row.unnamed else _row_cells_read(parse, row, after_name, spans, len(indicators))
        for row_horizon, cells in by_horizon(placed, "midterm_target" in after_name, horizon,
                                             parse.headers.get("midterm_target")):
            index = len(indicators)
            fields: dict[str, object] = {"name": name}
            for column, token in (("level1", row.level1), ("level2", row.level2), ("name", row.name)):
                if token is not None and (column != "name" or name is not None):
                    fields.setdefault(column, canonical(token.text)[0] if column == "name" else level_label(token.text))
                    if where := where_of(list(token.cells), parse.headers.get(column)):
                        parse.provenance[f"indicators[{index}].{column}"] = where
            fields["level1_weight"] = row.level1_weight
            fields["horizon"] = row_horizon
            if row.project is not None:
                parse.values.setdefault("_indicator_projects", {})[index] = row.project
            fields |= _typed_cells(parse, index, cells)
            indicators.append(Indicator.model_validate(fields))


def _cut_run(text: str, after_name: list[str]) -> tuple[str, dict[str, str]] | None:
    return cut_glued_row(text, after_name) or cut_ordered_row(text, after_name) or cut_horizons_row(text, after_name)


def _cut_glued(text: str, after_name: list[str]) -> tuple[str, dict[str, str]] | None:
    return _cut_run(text, after_name) or cut_target_row(text, after_name) or cut_standard_row(text, after_name)


def _glued_cells(parse: FormParse, row: Row, cut: tuple[str, dict[str, str]], after_name: list[str],
                 index: int) -> tuple[str, dict[str, Token]]:
    """A row cut out of one run: its cells as tokens of the run, and the flag that says so; a target
    that runs into the figures where 分值 and 得分 were printed (≤441010: ≤4 | 4 | 10 | 10 is not told
    by the text) is read as printed and said by a warning."""
    name, texts = cut
    parse.flag("rows_cut_from_glued_text", "info", f"indicator row printed as one run, cut by the shapes "
               f"of its cells: {name} | {' | '.join(texts[c] for c in after_name if c in texts)}",
               found=row.name.text[:60], paths=[f"indicators[{index}].name"])
    target = texts.get("target", "")
    if set(_NUMBER_COLUMNS) <= set(after_name) and "weight" not in texts and re.search(r"\d{3,}$", target):
        parse.flag("unreadable_cell", "warning", f"indicators[{index}].target: figures run together, read as "
                   f"printed: {target}", found=target, paths=[f"indicators[{index}].target"])
    return name, {column: Token(text, row.name.cells, row.name.line, "value") for column, text in texts.items()}


def _row_cells_read(parse: FormParse, row: Row, after_name: list[str], spans: list[Span],
                    index: int) -> tuple[str | None, dict[str, Token]]:
    """The row's name and its cells under their columns: placed by extent, by the printed row or by
    kinds, or cut out of a run glued with its name."""
    if row.glued is not None:
        return _several_cut(parse, row, row.glued, index)
    by_extent = _place_by_extent(row.cells, spans) if spans else None
    placed = by_extent if by_extent is not None else _place_indicator_cells(row, after_name)
    if by_extent is None and (moved := _lone_placed(parse, row, placed, after_name)):
        placed = moved
    if "actual" in after_name and "actual" not in placed and (pair := _target_and_actual(placed.get("target"))):
        placed = {**placed, "target": pair[0], "actual": pair[1]}
        parse.flag("cells_cut_from_glued_text", "info", f"indicators[{index}]: the target and the actual printed "
                   f"as one cell, cut where the second figure starts: {pair[0].text} | {pair[1].text}",
                   found=pair[0].text + pair[1].text,
                   paths=[f"indicators[{index}].target", f"indicators[{index}].actual"])
    name = row.name.text
    if not placed and (cut := _cut_run(name, after_name)):  # a row printed as one run
        name, placed = _glued_cells(parse, row, cut, after_name, index)
    # a column before the target, or a text column after it (评分标准: its prose may end with a figure,
    # 每少1个扣0.5分, that is no value glued to the name)
    if not placed and after_name != ["target"] and (cut := cut_target_row(name, after_name)
                                                    or cut_standard_row(name, after_name)):
        name, placed = _glued_cells(parse, row, cut, after_name, index)
    # one glued cell: name, 指标解释 and value; under 分值/得分 columns a run no cut fits stays whole (its
    # last figure may as well be the 得分: 委员履职能力20分明显提升…18分)
    if not placed and "target" in after_name and not set(_NUMBER_COLUMNS) & set(after_name):
        if glued := _glued_value(name):
            name = _without_standard(name)
            name = name[: -len(glued)]
            placed = {"target": Token(glued, row.name.cells, row.name.line, "value")}
        if "description" in after_name:
            name, placed = _description_glued(name, placed, row.name)
    if not placed and (cut := cut_target_row(name, after_name)):  # name | ≥120家 | 指标说明 in one run
        name, placed = _glued_cells(parse, row, cut, after_name, index)
    if _RUN_TOGETHER.fullmatch(name):  # 88100: a row's figures printed as one run, not a name
        parse.flag("unreadable_cell", "warning", f"indicators[{index}]: cells run together: {name}",
                   found=name, paths=[f"indicators[{index}].name"])
        return None, {}
    if not placed and not row.cells and len(after_name) >= 2 and holds_value(name):
        parse.flag("unreadable_cell", "warning", f"indicators[{index}]: a row printed as one run that no single "
                   f"cut fits, kept whole as the name: {name[:40]}", found=name, paths=[f"indicators[{index}].name"])
    return name, placed


@cache
def _two_figures() -> regex.Pattern[str]:
    """A target and an actual printed as one run (≥90%95%): compiled where a run asks (most never do)."""
    return regex.compile(rf"(?P<target>(?:{_OPERATORS})?\d+(?:\.\d+)?(?P<unit>%|[\p{{Han}}/]{{1,6}}))"
                         rf"(?P<actual>\d+(?:\.\d+)?(?P<unit2>%|[\p{{Han}}/]{{1,6}}))")


def _target_and_actual(token: Token | None) -> tuple[Token, Token] | None:
    """A target cell that prints two figures in the same unit (≥95%96.8%, ≥6000人6125人): the target and the
    actual, their cells run together."""
    found = _two_figures().fullmatch(token.text) if token is not None else None
    if found is None or found["unit"] != found["unit2"]:
        return None
    return replace(token, text=found["target"]), replace(token, text=found["actual"])


def _several_cut(parse: FormParse, row: Row, piece: Piece, index: int) -> tuple[str, dict[str, Token]]:
    """A row cut out of a run of several: its cells, each reading the cut had to make said by a flag, and
    a lone value between 分值 and 得分 under the column its 一级's rows leave their text in."""
    cells = dict(piece.cells)
    path = f"indicators[{index}]"
    lone = ""
    if piece.lone is not None:
        column = _lone_column(parse, row)
        if column is None:
            parse.flag("unreadable_cell", "warning", f"{path}: one text between 分值 and 得分, 指标值 or 实际值 not "
                       f"told: {piece.lone}", found=piece.lone, paths=[f"{path}.target", f"{path}.actual"])
        else:
            cells[column] = piece.lone
            lone = f" ({piece.lone} printed alone: under {parse.headers.get(column, column)}, where the rows of its " \
                   "一级 before it print their text beside a dash)"
    if not cells and not piece.notes:
        parse.flag("unreadable_cell", "warning", f"{path}: the run ends after the row's name, its cells not "
                   f"printed: {piece.name}", found=piece.name, paths=[f"{path}.name"])
    elif cells:
        parse.flag("rows_cut_from_glued_text", "info", f"indicator row cut out of a run of several by the shapes of "
                   f"its cells: {piece.name} | {' | '.join(cells.values())}{lone}", found=piece.name,
                   paths=[f"{path}.name"])
    for note in piece.notes:
        parse.flag("unreadable_cell", "warning", f"{path}: {note}", found=note, paths=[f"{path}.name"])
    return piece.name, {column: Token(text, row.name.cells, row.name.line, "value") for column, text in cells.items()}


def _lone_placed(parse: FormParse, row: Row, placed: dict[str, Token],
                 after_name: list[str]) -> dict[str, Token] | None:
    """A row printing one text between its 分值 and 得分 (可行性 2 实际工作需求 2), no empty cell kept to say
    its column: under the column its 一级's earlier rows fill with text beside a dash, where that is told
    and is not where the kinds placed it; said by an info flag."""
    values = [column for column in _VALUE_COLUMNS if column in placed]
    if not {"weight", "score", *_VALUE_COLUMNS} <= set(after_name) or not {"weight", "score"} <= set(placed) \
            or len(values) != 1 or any(cell.kind == "empty" for cell in row.cells):
        return None
    column = _lone_column(parse, row)
    if column is None or column == values[0]:
        return None
    text = placed[values[0]]
    parse.flag("paired_by_order", "info", f"{row.name.text}: {text.text} printed alone between 分值 and 得分: "
               f"under {parse.headers.get(column, column)}, where the rows of its 一级 before it print their text "
               "beside a dash", found=text.text)
    return {**{key: cell for key, cell in placed.items() if key != values[0]}, column: text}


def _lone_column(parse: FormParse, row: Row) -> str | None:
    """The column a row's one value text goes under: where every row of its 一级 read before it that prints
    two values prints a dash under one of them and its text under the other (完整性 一 | 目标明确…),
    the text's column; else not told."""
    level1 = canonical(without_guidance(row.level1.text))[0] if row.level1 is not None else None
    texts = set()
    for indicator in parse.values.get("indicators", []):
        if indicator.level1 != level1 or indicator.target is None or indicator.actual is None:
            continue
        dashes = [_PLACEHOLDER.match(value.raw) is not None or value.raw == "一"
                  for value in (indicator.target, indicator.actual)]
        texts.add("actual" if dashes == [True, False] else "target" if dashes == [False, True] else None)
    return texts.pop() if len(texts) == 1 else None


@cache
def _description_opener(start: bool = False, row: bool = False) -> regex.Pattern[str]:
    """The words a 指标解释 opens with: at the start of a cell, or glued after a name (two Han before);
    `row`: only those that also mark the next row inside a glued run."""
    words = knowledge()["values"]["row_openers" if row else "description_openers"]
    openers = "|".join(regex.escape(word) for word in words)
    return regex.compile(rf"(?:{openers})" if start else rf"(?<=\p{{Han}}{{2}})(?:{openers})")


@cache
def _row_value() -> regex.Pattern[str]:
    """A value closing a row inside a glued run: an operator, a figure and a unit of the vocabulary
    (2280次, >92%), or a quality phrase of the templates data (不超预算), with a name after it."""
    units = value_words()[1]
    words = "|".join(regex.escape(word) for word in sorted(knowledge()["values"]["qualitative"], key=len,
                                                           reverse=True) if len(word) >= 3)
    return regex.compile(rf"(?<=\p{{Han}})(?:(?:{_OPERATORS})?\d+(?:\.\d+)?(?:{units})|{words})(?=\p{{Han}})")


def _glued_target_rows(text: str, after_name: list[str]) -> list[str]:
    """A run of target rows cut into its rows: after each row's value where a 指标解释 follows, or, under a
    lone target column (or 中期 | 年度 targets, a 备注 after them), where the next name opens after a figure."""
    if {"target", "description"} <= set(after_name):
        rows = _glued_rows(text)
        return rows if len(rows) > 1 else _rows_by_standard(text)
    targets = after_name[:-1] if after_name[-1:] == ["note"] else after_name  # a 备注 left empty on every row
    # 指标性质 | 指标值 | 度量单位 print as one target in a glued run (≥1.2万亩): its rows are cut as a target's
    targets = [column for column in targets if column not in TARGET_PARTS]
    if targets == ["target", "weight"]:
        return cut_target_weight_rows(text)
    if targets == ["weight", "target"]:
        return cut_weight_target_rows(text)
    return cut_target_rows(text) if targets in (["target"], ["midterm_target", "target"]) else [text]


def _rows_by_standard(text: str) -> list[str]:
    """Rows under 指标值 | 绩效标准 printed as one run, each ending in a standard word of the templates data
    (…配备车辆数10辆计划标准 | 雾炮车风炮射程≥80M计划标准): cut after each; [text] where one row is all."""
    words = "|".join(regex.escape(word) for word in knowledge()["values"]["standards"])
    ends = [found.end() for found in regex.finditer(words, text) if found.end() < len(text)]
    return [text[a:b] for a, b in zip([0, *ends], [*ends, len(text)])] if ends and text.endswith(
        tuple(knowledge()["values"]["standards"])) else [text]


def _glued_rows(text: str) -> list[str]:
    """Rows printed as one run (办公大楼日常维修维护次数反映…情况2280次大楼安检巡察次数反映…200次): where
    a 指标解释 opener follows, the row before it ends after its last value, and the next row's name
    begins there. Without an opener nothing says where a name ends: the run stays whole."""
    opens = [found.start() for found in _description_opener(row=True).finditer(text)]
    cuts = []
    for start, end in zip([0, *opens], opens):
        ends = [found.end() for found in _row_value().finditer(text, start, end)]
        if ends and end - ends[-1] >= 2:
            cuts.append(ends[-1])
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]


def _description_glued(name: str, placed: dict[str, Token], token: Token) -> tuple[str, dict[str, Token]]:
    """办公大楼日常维修维护次数反映办公大楼全年维修维护情况: a 指标解释 glued to its name opens
    with the words the templates data lists (反映 …)."""
    found = _description_opener().search(name)
    if found is None:
        return name, placed
    description = Token(name[found.start():], token.cells, token.line, "value")
    return name[: found.start()], {**placed, "description": description}


def _typed_cells(parse: FormParse, index: int, placed: dict[str, Token]) -> dict[str, object]:
    fields: dict[str, object] = {}
    measure = placed.get("measure")
    for column, token in placed.items():
        path = f"indicators[{index}].{column}"
        if column == "target":
            nature = placed.get("nature")
            fields[column] = parse_value(target_text(token.text, nature.text if nature else None,
                                                     measure.text if measure else None))
        elif column in _VALUE_COLUMNS:
            unit = placed.get("actual_measure") or measure  # the actual's own 度量单位, where printed
            fields[column] = parse_value(actual_text(token.text, unit.text if unit else None))
        elif column in _NUMBER_COLUMNS:
            fields[column] = parse_points(token.text)
            if fields[column] is None and not _PLACEHOLDER.match(token.text):
                parse.flag("unreadable_cell", "warning", f"{path}: {not_a_number(token.text)}", paths=[path])
        elif column in ("description", "note", "nature", "scoring_rule") and not _PLACEHOLDER.match(token.text):
            fields[column] = token.text
        else:
            continue
        if where := where_of(list(token.cells), parse.headers.get(column)):
            parse.provenance[path] = where
    return fields

