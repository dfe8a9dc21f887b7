"""The two small tables of a form: the 项目资金 funds block (自评表) and the 资金构成 components."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from models import Cell, Component, FundRow, Line, Where
from normalize.numbers import not_a_number, parse_decimal, parse_money, parse_percent, parse_points
from normalize.patterns import compiled
from normalize.text import join_lines
from parsers.fields import amounts_note, trailing_amounts_note
from parsers.flow_rows import tokens
from parsers.knowledge import column_named, knowledge, spaced
from parsers.stream import where_of
from parsers.table import ColumnMap, find_header, header_text, places_kept
from parsers.tokens import classify

_SPACE = compiled(r"\s+")
_OF_WHICH = compiled(r"^其中[:：]")
_PLACEHOLDER = {"—", "-", "–", "/", "——"}
_DIGIT = compiled(r"\d")
_UNIT_NOTE = compiled(r"[（(](?:单位[:：]?)?万?元[)）]")
_NOTE_OPENING = compiled(rf"^{_UNIT_NOTE.pattern}")
_SOURCE_NAME = compiled(r"[\u4e00-\u9fff（）()]{2,14}")  # a short name, no figures or punctuation
_SHORT_SOURCE = compiled(r"[\u4e00-\u9fff]{2,6}")
_ROW_FIGURES = 2  # figures after a word that make its line a funds row


@dataclass
class Block:
    first: int  # line indices of the block, header included
    end: int
    provenance: dict[str, Where] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


@dataclass
class FundsBlock(Block):
    rows: list[FundRow] = field(default_factory=list)
    unit: str = "元"  # as printed with the block: 项目资金（万元）
    fractions: list[tuple[int, str]] = field(default_factory=list)  # (row, what was said): rates printed as fractions
    extra: dict[str, str] = field(default_factory=dict)  # the cells of columns no FundRow field holds (结转结余)


def unheld_column(source: str, column: str) -> str | None:
    """The Form.extra key of a funds column no FundRow field holds (年度资金总额·结转结余), None for a field's."""
    return None if column in FundRow.model_fields else f"{source}·{knowledge()['funds_columns'][column][0]}"


@dataclass
class ComponentsBlock(Block):
    components: list[Component] = field(default_factory=list)


def _source_label(line: Line, heading_piece: bool = False) -> tuple[str, int] | None:
    """(source as printed, cells it took) when a line starts with a funds source label, or with the
    block's unit note wrapped from its heading (项目资金 / （万元） | 年度资金总额 | …) or a piece of the heading
    cut over the rows (`heading_piece`) and a source label."""
    noted = 1 if len(line.cells) > 1 and (heading_piece or _leading_note(line.cells[0].text)) else 0
    # the heading's unit note cut onto the row and glued to its source: （万元）上年结转资金
    printed = _SPACE.sub("", "".join(cell.text for cell in line.cells[noted:]))
    compact = _OF_WHICH.sub("", _NOTE_OPENING.sub("", printed))
    for source in sorted(knowledge()["funds"]["sources"], key=len, reverse=True):
        if compact.startswith(source):
            taken = noted
            seen = ""
            for cell in line.cells[noted:]:
                taken += 1
                seen += _SPACE.sub("", cell.text)
                if source in _OF_WHICH.sub("", seen):
                    return source, taken
    return _named_source(line)


def _leading_note(text: str) -> bool:
    """A cell before a row's source that is the block's heading or its unit note: (万元) wrapped from the
    heading, or the heading itself centred over the rows of a table without rules (项目资金（万元）), or a
    breakdown's label merged over its rows (按收入性质分)."""
    bare = _SPACE.sub("", text)
    return bool(_UNIT_NOTE.fullmatch(bare)) or classify(bare)[0] == "heading" or _is_group(bare)


@cache
def _group_pattern() -> re.Pattern[str]:
    return compiled(knowledge()["funds"]["group_pattern"])


def _is_group(text: str) -> bool:
    return _group_pattern().match(text) is not None


def _unit_between_rows(lines: list[Line], body: int, pieces: set[int]) -> bool:
    """Whether a heading printed between the block's rows notes 万元 (项目资金（万元） centred over them)."""
    for index in range(body, len(lines)):
        line = lines[index]
        if _heading_line(line):
            if "万元" in line.text:
                return True
            continue
        if _source_label(line, index in pieces) is None:
            return False
        if len(line.cells) > 1 and (index in pieces or _leading_note(line.cells[0].text)
                                    or _NOTE_OPENING.match(line.cells[0].text)) and "万元" in line.cells[0].text:
            return True
    return False


def _heading_line(line: Line) -> bool:
    """A line that is only the block's heading or its unit note, printed between its rows (项目资金 / （万元）: a
    merged heading cell's lines, as a text extractor prints them between the rows it spans)."""
    return len(line.cells) == 1 and _leading_note(line.cells[0].text)


def _heading_cut(lines: list[Line], body: int) -> set[int]:
    """The rows whose first cell holds a piece of the block's heading cut over them (年度预算执行 | 情况（万元）
    down the first column: a converter that splits a merged cell at its line breaks), each row's other cells
    opening with a source: the pieces joined make a heading of the templates data."""
    pieces: dict[int, str] = {}
    for index in range(body, len(lines)):
        cells = lines[index].cells
        if len(cells) < 2 or _source_label(lines[index].model_copy(update={"cells": cells[1:]})) is None:
            break
        if cells[0].text.strip():
            pieces[index] = _SPACE.sub("", cells[0].text)
    return set(pieces) if len(pieces) > 1 and classify("".join(pieces.values()))[0] == "heading" else set()


def _named_source(line: Line) -> tuple[str, int] | None:
    """A source the templates do not list, with a figure after it; empty cells before it are the merged
    heading's column (\t其中：本级财政资金\t860.00…)."""
    first = next((at for at, cell in enumerate(line.cells) if cell.text.strip()), len(line.cells))
    figures = sum(1 for cell in line.cells[first + 1:] if _DIGIT.search(cell.text))
    if not figures:
        return None
    name = source_name(line.cells[first].text, figures)
    return (name, first + 1) if name else None


def source_name(text: str, figures: int = 0) -> str | None:
    """The name of a funds source the templates do not list, known by how it ends (地方配套资金), by the
    其中： that prints it as a part of the total (其中：彩票公益金), or - a short word no label of the templates
    data is (省级, 市县) - by the row of `figures` (two or more) after it."""
    bare = _SPACE.sub("", text)
    name = _OF_WHICH.sub("", bare)
    if not _SOURCE_NAME.fullmatch(name):
        return None
    if name != bare or name.endswith(tuple(knowledge()["funds"]["source_endings"])):
        return name
    return name if figures >= _ROW_FIGURES and _SHORT_SOURCE.fullmatch(name) and classify(name)[0] == "value" else None


def read_funds(lines: list[Line]) -> FundsBlock | None:
    """The first funds table: a header with source rows under it (a 年度主要任务 table's 预算数 | 执行数 over its
    tasks heads none)."""
    start, first_found = 0, None
    while (header := find_header(lines[start:], "funds_columns")) is not None:
        first, body, columns, grid = header
        block = _funds_under(lines, start + first, start + body, columns, grid)
        if block.rows and not _heads_tasks(lines[start + first]):
            return block
        first_found, start = first_found or block, start + body
    return first_found


def _heads_tasks(line: Line) -> bool:
    """Whether a header names a task's columns (任务名称 | 主要内容 | 预算数 | 执行数): the rows under it are tasks."""
    named = column_named("task_columns")
    return any(named.get(header_text(cell.text)) in ("name", "content") for cell in line.cells)


def _funds_under(lines: list[Line], first: int, body: int, columns: list[str], grid: ColumnMap | None) -> FundsBlock:
    # 项目资金（万元）printed with the header, or on the lines just above it, or the form's amounts note above it
    # (金额单位：万元 under the title): the last note before the header says the unit
    noted = next((unit for line in reversed(lines[:first]) if (unit := amounts_note(line.text.strip()) or (
        line.layout == "flow" and trailing_amounts_note(line.text)))), None)
    near = any("万元" in line.text for line in lines[max(0, first - 2) : first + 1])
    pieces = _heading_cut(lines, body)
    unit = "万元" if near or noted == "万元" or _unit_between_rows(lines, body, pieces) else ""
    block = FundsBlock(first, body, unit=unit or "元")
    moved = 0
    for index in range(body, len(lines)):
        if block.rows and _heading_line(lines[index]):
            continue
        found = _source_label(lines[index], index in pieces)
        if found is None:
            break
        source, taken = found
        moved = moved if block.rows else _figures_moved(lines[index], taken, grid)
        values = _fund_values(lines[index], taken, columns, grid, moved, part=bool(block.rows))
        row_index = len(block.rows)
        fields: dict[str, object] = {"source": source}
        for column, cell in values.items():
            if kept := unheld_column(source, column):
                block.extra[kept] = cell.text.strip()
                continue
            if column == "note":  # 原因: words
                fields[column] = None if cell.text.strip() in _PLACEHOLDER else cell.text.strip()
            else:
                fields[column] = fund_number(column, cell.text, unit)
                if fields[column] is None and cell.text not in _PLACEHOLDER:
                    block.problems.append(f"funds[{row_index}].{column}: {not_a_number(cell.text)}")
            if fields[column] is not None and (where := where_of([cell], column)):
                block.provenance[f"funds[{row_index}].{column}"] = where
        if said := rate_as_percent(fields, row_index):
            block.fractions.append((row_index, said))
        block.rows.append(FundRow.model_validate(fields))
        block.end = index + 1
    return block


def _figures_moved(line: Line, taken: int, grid: ColumnMap | None) -> int:
    """How many columns a text's funds rows stand off their header, by the block's first row: a text prints no
    places for merged cells, so a header may print no column for the rows' source (年初预算数 | 全年预算数 … over
    年度资金总额 | 2386.45 | …), or the rows none for the heading's column the header keeps (项目资金（万元） |  |
    年初预算数 … over 年度资金总额 | 480 | …): the row's first figure goes under the first amount."""
    if grid is None or grid.spans or not grid.by_index or line.layout != "grid" or places_kept(line):
        return 0
    first = next((cell for cell in line.cells[taken:] if cell.text.strip()), None)
    if first is None or first.col is None or not _DIGIT.search(first.text):
        return 0
    return min(grid.by_index) - first.col


def _fund_values(line: Line, taken: int, columns: list[str], grid: ColumnMap | None, moved: int = 0,
                 part: bool = False) -> dict[str, Cell]:
    """The row's cells by column; `part`: a row under the total (其中：财政拨款, 上年结转), which carries no points."""
    cells = list(line.cells[taken:]) if line.layout == "grid" else tokens(line)[taken:]
    printed = [cell for cell in cells if cell.text.strip()]
    # a row keeping no empty cell between its printed ones (flowed text keeps none) may have left some out
    if not places_kept(line) and len(printed) == len(cells) < len(columns) \
            and (anchored := _by_rate(printed, columns, part)) is not None:
        return anchored
    if grid is not None and line.layout == "grid":
        if moved:
            cells = [cell.model_copy(update={"col": cell.col + moved}) if cell.col is not None else cell
                     for cell in cells]
        placed = ((grid.column_of(cell), cell) for cell in cells if cell.text.strip())
        return {column: cell for column, cell in placed if column}
    # flowed: values fill the columns from the left; a printed "—" holds its column's place
    return dict(zip(columns, [cell for cell in cells if cell.text.strip()]))


def _by_rate(printed: list[Cell], columns: list[str], part: bool) -> dict[str, Cell] | None:
    """A text's funds row printing fewer cells than its header (其中：财政拨款 | 480 | 452.16 | 94.2%: the empty 分值
    and 得分 left out): its rate under 执行率, the cells after it in the columns after, those before it filling the
    columns before from the right, passing the 分值 by with a figure above a hundred (no weight is), or in a row
    under the total (which carries no points). None without one rate to go by."""
    rates = [at for at, cell in enumerate(printed) if cell.text.strip().endswith(("%", "％"))]
    if len(rates) != 1 or "execution_rate" not in columns:
        return None
    at, rate = rates[0], columns.index("execution_rate")
    before, after = list(reversed(columns[:rate])), columns[rate + 1 :]
    placed = {"execution_rate": printed[at], **dict(zip(after, printed[at + 1 :]))}
    for cell in reversed(printed[:at]):
        figure = parse_decimal(cell.text)  # a printed — holds a 分值's place in any row
        while before and before[0] in ("weight", "score") and figure is not None and (part or figure > _MOST_POINTS):
            before.pop(0)
        if not before:
            return None
        placed[before.pop(0)] = cell
    return placed


_MOST_POINTS = 100
_RATE_AGREES = Decimal("0.005")  # a rate printed as a fraction is its row's 执行数 ÷ 预算数 to this much


def rate_as_percent(fields: dict[str, object], row_index: int) -> str | None:
    """A 执行率 printed as a fraction (0.985, a spreadsheet's number shown without its % format) where the
    row's 执行数 over its 预算数 is that fraction: the rate in percent (98.5), and the sentence that says so.
    A row that does not show it keeps the rate as printed (and the scorer's mismatch flag)."""
    rate, executed = fields.get("execution_rate"), fields.get("executed")
    budget = fields.get("full_year_budget") or fields.get("initial_budget")
    if not all(isinstance(value, Decimal) for value in (rate, executed, budget)) or not 0 < rate <= 1 or not budget:
        return None
    if abs(executed / budget - rate) > _RATE_AGREES:
        return None
    percent = rate.scaleb(2)  # exact: 0.985 -> 98.5
    fields["execution_rate"] = percent.quantize(Decimal(1)) if percent.as_tuple().exponent > 0 else percent
    return f"funds[{row_index}].execution_rate: {rate} read as {fields['execution_rate']}% (执行数 ÷ 预算数 = " \
        f"{executed / budget:.4f})"


def fund_number(column: str, text: str, unit: str) -> Decimal | None:
    """A funds cell's number: a rate in %, a weight or score, or money in the block's unit ("万元" or "")."""
    if column == "execution_rate":
        return parse_percent(text, allow_bare=True)
    if column in ("weight", "score"):
        return parse_points(text)
    return parse_money(text + unit) if unit and parse_decimal(text) is not None else parse_money(text)


def _is_components_header(line: Line) -> bool:
    compact = _SPACE.sub("", line.text)
    return all(pattern.search(compact) for pattern in _header_patterns())


@cache
def _header_patterns() -> tuple[re.Pattern[str], ...]:
    """The components table's header words (子项目名称, 预算金额), however spaced."""
    return tuple(compiled(spaced(word)) for word in knowledge()["components"]["header"])


def read_components(lines: list[Line]) -> ComponentsBlock | None:
    """子项目名称 | 预算金额（元） rows, up to the first line that does not end in an amount."""
    first = next((index for index, line in enumerate(lines) if _is_components_header(line)), None)
    if first is None:
        return None
    block = ComponentsBlock(first, first + 1)
    spans = _header_spans(lines[first])
    for index in range(first + 1, len(lines)):
        row = _placed_row(lines[index], spans) if spans else _component_row(lines[index])
        if row is None:
            break
        name_cells, amount_cells = row
        position = len(block.components)
        amount = parse_money(join_lines([c.text for c in amount_cells])) if amount_cells else None
        block.components.append(Component(name=join_lines([c.text for c in name_cells]), amount=amount))
        for column, cells, header in (("name", name_cells, "子项目名称"), ("amount", amount_cells, "预算金额（元）")):
            if where := where_of(cells, header):
                block.provenance[f"components[{position}].{column}"] = where
        block.end = index + 1
    return block


Span = tuple[float, float]
_COLUMN_WIDTH = 10.0  # grid columns as extents, wider than the 1-point overlap a box needs


def _header_spans(line: Line) -> tuple[Span, Span] | None:
    """The x-ranges of the 子项目名称 and 预算金额 header cells, where the PDF gives boxes."""
    name_word, amount_word = knowledge()["components"]["header"]
    boxes = {}
    for cell in line.cells:
        for word, pattern in zip((name_word, amount_word), _header_patterns()):
            if pattern.search(cell.text) and (extent := cell_extent(cell)):
                boxes[word] = extent
    return (boxes[name_word], boxes[amount_word]) if len(boxes) == 2 and line.layout == "grid" else None


def cell_extent(cell: Cell) -> Span | None:
    """A cell's horizontal extent: its box on a page, its grid columns in a structured file (HTML,
    Excel, Word), which has no boxes; the two are never compared with each other."""
    if cell.where.bbox:
        return cell.where.bbox[0], cell.where.bbox[2]
    if cell.col is None or cell.where.column is None:  # a text row's fields are not placed columns
        return None
    return cell.col * _COLUMN_WIDTH, (cell.col + cell.span) * _COLUMN_WIDTH


def _overlaps(cell: Cell, span: Span) -> bool:
    extent = cell_extent(cell)
    return extent is not None and min(extent[1], span[1]) - max(extent[0], span[0]) > 1


def _placed_row(line: Line, spans: tuple[Span, Span]) -> tuple[list[Cell], list[Cell]] | None:
    """A ruled components row: a name under 子项目名称, its amount (maybe empty) under 预算金额. A
    cell across both columns, or a label beside them, is the next part of the form."""
    if line.layout != "grid":
        return None
    name_span, amount_span = spans
    names = [c for c in line.cells if _overlaps(c, name_span) and not _overlaps(c, amount_span)]
    amounts = [c for c in line.cells if _overlaps(c, amount_span) and not _overlaps(c, name_span)]
    others = [c for c in line.cells if c not in names and c not in amounts and "资金构成" not in _SPACE.sub("", c.text)]
    if not names or others or (amounts and parse_money(join_lines([c.text for c in amounts])) is None):
        return None
    return names, amounts


def _component_row(line: Line) -> tuple[list[Cell], list[Cell]] | None:
    """A components row of text input: the name, then the amount as the row's last cell."""
    cells = [cell for cell in (line.cells if line.layout == "grid" else tokens(line)) if cell.text.strip()]
    if len(cells) < 2 or parse_money(cells[-1].text) is None:
        return None
    if line.layout == "grid":
        return [cells[-2]], [cells[-1]]  # a heading cell (项目当年投入资金构成) may share the row
    return cells[:-1], [cells[-1]]
