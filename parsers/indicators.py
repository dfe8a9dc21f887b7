"""The indicator table: rows from a grid or from flowed text, levels filled down, values parsed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import TypeVar

import regex

from models import Cell, Indicator, Line, Where
from normalize.numbers import not_a_number, parse_decimal, parse_points
from normalize.patterns import compiled
from normalize.text import join_lines
from normalize.values import parse_value
from normalize.vocab import vocab
from parsers.flow_rows import RawRow, self_eval_rows, target_rows, tokens
from parsers.glued_row import is_unit, value_words
from parsers.knowledge import knowledge
from parsers.stream import where_of
from parsers.table import ColumnMap, Table, grid_header, places_kept
from parsers.tokens import classify, without_guidance

Cells = TypeVar("Cells")
_POINTS = compiled(r"\s*[（(]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]\s*$")  # 产出指标(50分), 产出指标(50)
_LEVEL_SUFFIX = compiled(r"(指标|目标)$")
_TEXT_COLUMNS = ("level1", "level2", "name", "description", "note", "nature", "scoring_rule")
_NUMBER_COLUMNS = ("weight", "score")
_VALUE_COLUMNS = ("target", "actual")
# a unit in Latin letters the vocabulary lacks, kept as printed where 度量单位 prints it (NTU, mg/m3)
_LATIN_UNIT = compiled(r"[A-Za-z]{1,4}(?:/[A-Za-z]{1,3}\d?)?")
_OTHER_NAME = compiled(r"[（(](?P<unit>[^()（）]{1,3})[)）]$")  # a unit's other name after it: 台（套）


def target_text(target: str, nature: str | None, measure: str | None) -> str:
    """A target printed over 指标性质 | 指标值 | 度量单位 (≥ | 90 | %) as the one target it is (≥90%): the
    operator where 指标性质 prints one (not 定性, 正向), the unit where 度量单位 prints one."""
    operator = _operator_of(nature or "")
    unit = measure if measure and _is_measure(measure) else ""  # a cell moved there by a dropped one is no unit
    return operator + target + unit


def _is_measure(text: str) -> bool:
    """A unit a 度量单位 cell prints: one of the vocabulary's, its other name in brackets where printed (台（套）),
    or the score's 分 (路网技术状况指数 | ≥ | 80 | 分)."""
    other = _OTHER_NAME.search(text)
    unit = text[: other.start()] if other and is_unit(other["unit"]) else text
    return is_unit(unit) or unit in vocab().units.scores or _LATIN_UNIT.fullmatch(unit) is not None


@cache
def _operators() -> re.Pattern[str]:
    return compiled(f"(?:{value_words()[0]})")  # the vocabulary's operators: ≥, ≧, >=, 不低于


def _operator_of(nature: str) -> str:
    """The operator 指标性质 prints, where a direction column joins it (≥ and 正向 under 指标性质 | 指标方向)."""
    found = _operators().match(nature)
    rest = nature[found.end():].strip() if found else None
    return found.group() if found and (not rest or rest in knowledge()["values"]["directions"]) else ""


def actual_text(actual: str, measure: str | None) -> str:
    """An actual printed as a bare number under a table whose 度量单位 column holds the unit (1260 | 张): the
    actual in that unit, as its target is."""
    return actual + measure if measure and _is_measure(measure) and parse_decimal(actual) is not None else actual


@dataclass
class ParsedIndicators:
    indicators: list[Indicator]
    provenance: dict[str, Where]
    problems: list[str]  # cells that could not be read, said plainly


def table_rows(lines: list[Line], table: Table) -> list[RawRow]:
    body = lines[table.body_first : table.body_end]
    if table.grid_columns is not None:
        return _grid_rows(body, table.grid_columns)
    if by_header := _rows_as_wide_as_header(body, table.columns):
        return by_header
    if {"weight", "score"} <= set(table.columns) or "actual" in table.columns:
        return _in_header_order(self_eval_rows(body), table.columns)
    return target_rows(body, table.columns)


def _in_header_order(rows: list[RawRow], columns: tuple[str, ...]) -> list[RawRow]:
    """Rows read target first, as most tables print them, with their two values swapped where the header
    puts 实际完成值 before 年度指标值."""
    if "target" not in columns or "actual" not in columns or columns.index("actual") > columns.index("target"):
        return rows
    return [_values_swapped(row) for row in rows]


def _values_swapped(row: RawRow) -> RawRow:
    swapped = {column: cells for column, cells in row.items() if column not in ("target", "actual")}
    if "target" in row:
        swapped["actual"] = row["target"]
    if "actual" in row:
        swapped["target"] = row["actual"]
    return swapped


def _rows_as_wide_as_header(body: list[Line], columns: tuple[str, ...]) -> list[RawRow]:
    """Flowed rows that each print one cell per header column (cells apart by spaces, none left empty): read
    column by column, as the header names them. Any row of another width, and the order-based readings
    (which know no 指标说明 column) take the table."""
    printed = [cells for line in body if (cells := tokens(line))]
    if not printed or len(columns) < 3 or any(len(cells) != len(columns) for cells in printed):
        return []
    return [{column: [cell] for column, cell in zip(columns, cells)} for cells in printed]


_PAGE_NUMBER = compiled(r"^(第\s*\d+\s*页.*|[-—–]?\s*\d{1,3}\s*[-—–]?|\d+\s*/\s*\d+)$")


def _grid_rows(body: list[Line], columns: ColumnMap) -> list[RawRow]:
    """Rows of a ruled table, across page breaks: a repeated header is dropped, page numbers are
    skipped, and a row the break cut in two (its rest has no name, level or score) is joined. Loose
    text with table rows after it on its page is skipped (LibreOffice reprints a merged cell's text
    where the page cuts it); loose text with none ends the table (the prose after a form)."""
    rows: list[RawRow] = []
    page = body[0].page if body else None
    heading: list[Cell] = []  # a header printed again naming another target set (年度绩效指标 after 长期绩效指标)
    for index, line in enumerate(body):
        repeated = line.layout == "grid" and (header := grid_header(line, "indicator_columns")) is not None \
            and set(header.columns) <= set(columns.columns)
        if repeated or (line.layout == "flow" and _PAGE_NUMBER.match(line.text.strip())):
            heading = [cell for cell in line.cells if horizon_named(cell.text)][:1] if repeated else heading
            continue
        if line.layout == "flow":
            if any(later.layout == "grid" and later.page == line.page for later in body[index + 1 :]):
                continue
            if not _resumes_on_next_page(body, index):
                break
            # under the page's last row: a merged cell's label, printed with the part of it above the break
            for column, cells in _grid_row(line, columns).items():
                if rows and column in ("level1", "level2") and column not in rows[-1]:
                    rows[-1][column] = cells
            continue
        row = _grid_row(_left_cells_restored(line, columns), columns)
        if not row:
            continue
        if rows and (line.page != page and _continues_row(row, rows[-1]) or _wraps_on(row, rows[-1])):
            for column, cells in row.items():
                rows[-1].setdefault(column, []).extend(cells)
        else:
            rows.append({**row, "horizon": heading} if heading else row)
        page = line.page
    return rows


def horizon_named(text: str) -> str | None:
    """The target set a heading names (本年度绩效指标: annual), the longest of the templates' words in it."""
    compact = re.sub(r"\s+", "", text)
    named = [(word, horizon) for horizon, words in knowledge()["horizons"].items() for word in words if word in compact]
    return max(named, key=lambda pair: len(pair[0]))[1] if named else None


def _resumes_on_next_page(body: list[Line], index: int) -> bool:
    """Whether the table goes on with grid rows on the page after a loose line's."""
    later = [line for line in body[index + 1 :] if line.page != body[index].page]
    return bool(later) and any(line.layout == "grid" and line.page == later[0].page for line in later)


def _continues_row(row: RawRow, last: RawRow) -> bool:
    """The first row on a page is the rest of the row the break cut (its name's or level's second line) where
    it prints no figure column, and no name or level, or only in columns the row above filled (Word splits
    a row's cells, each of its lines staying in its column)."""
    if set(row) & {"target", "actual", "weight", "score"}:
        return False
    return not set(row) & {"name", "level1", "level2"} or set(row) <= set(last)


_WRAPPING_COLUMNS = frozenset({"level1", "level2", "description", "note"})


def _wraps_on(row: RawRow, last: RawRow) -> bool:
    """A row holding only the rest of the texts the row above wrapped (a converter that cut each cell at its
    line breaks: 可持续影响 | … then 指标 alone under it, 年末集中投诉量激增， then 部分件超期…): only level,
    description or note cells, each under one the row above filled, a level's piece no label of its own and
    the whole a level label of its column."""
    if not row or not set(row) <= _WRAPPING_COLUMNS or not set(row) <= set(last):
        return False
    for column in set(row) & {"level1", "level2"}:
        piece = join_lines([cell.text for cell in row[column]])
        if classify(piece)[0] != "value" or classify(join_lines([cell.text for cell in last[column]]) + piece)[0] \
                != column:
            return False
    return True


def _left_cells_restored(line: Line, columns: ColumnMap) -> Line:
    """A text's row that dropped its merged cells on the left (一级 and 二级 printed once, their places not kept:
    立项程序规范性 | 是否按程序申请 | 规范 | 规范 | 5 | 5) moved right to where its last two figures stand under the
    分值 and 得分 columns; in a table ending with its target, to where its last cell, a quantity, stands under it;
    else to where its first cell, a level label, stands under its level's column; any other row as it is. Only
    where columns are known by order alone (text)."""
    if columns.spans or places_kept(line):
        return line
    moved = next((moved for moved in (_figures_moved(line, columns), _value_moved(line, columns)) if moved is not None),
                 None)
    moved = _level_moved(line, columns) if moved is None else moved
    last = max((cell.col for cell in line.cells if cell.col is not None and cell.text.strip()), default=None)
    if moved <= 0 or last is None or last + moved > max(columns.by_index):  # a row as wide as the table lost none
        return line
    # a 一级 label opening the row stays under the 一级 (效益指标（30分） | 社区养老服务站点运营率 | …: its 二级 merged
    # from a row above, the 一级 printed in the middle of its block)
    first = next((cell for cell in line.cells if cell.text.strip()), None)
    level1 = next((col for col, column in columns.by_index.items() if column == "level1"), None)
    kept = first if first is not None and level1 is not None and first.col is not None \
        and classify(first.text)[0] == "level1" and first.col + moved > level1 else None
    return line.model_copy(update={"cells": tuple(
        cell.model_copy(update={"col": level1 if cell is kept else cell.col + moved}) if cell.col is not None else cell
        for cell in line.cells)})


def _figures_moved(line: Line, columns: ColumnMap) -> int | None:
    """The move that puts the row's last figure under 得分, where a figure goes under 分值 too (beside it, or where
    the table prints 分值 before the values); None where the row's figures do not say."""
    by_column = {column: col for col, column in columns.by_index.items()}
    weight, score = by_column.get("weight"), by_column.get("score")
    figures = [cell for cell in line.cells if cell.col is not None and parse_points(cell.text) is not None]
    if weight is None or score is None or len(figures) < 2:
        return None
    moved = score - figures[-1].col
    return moved if any(cell.col + moved == weight for cell in figures[:-1]) else None


def _value_moved(line: Line, columns: ColumnMap) -> int | None:
    """Where the table ends with its target (a target form's 三级指标 | 指标值), by the row's last cell where that
    is a quantity (18所, ≥95%); None where it is not."""
    last_col = max(columns.by_index)
    last = next((cell for cell in reversed(line.cells) if cell.text.strip()), None)
    if columns.by_index[last_col] not in ("target", "actual") or last is None or last.col is None \
            or parse_value(last.text).kind == "qualitative":
        return None
    return last_col - last.col


def _level_moved(line: Line, columns: ColumnMap) -> int:
    first = next((cell for cell in line.cells if cell.text.strip()), None)
    kind = classify(first.text)[0] if first is not None and first.col is not None else None
    under = next((col for col, column in columns.by_index.items() if column == kind), None) \
        if kind in ("level1", "level2") else None
    return under - first.col if under is not None and first.col is not None else 0


def _grid_row(line: Line, columns: ColumnMap) -> RawRow:
    row: RawRow = {}
    for cell in line.cells:
        column = columns.column_of(cell)
        if column and cell.text.strip():
            row.setdefault(column, []).append(cell)
    return row


def total_of(line: Line, table: Table, under_columns: bool = True) -> tuple[Decimal | None, Decimal | None,
                                                                          Where | None]:
    """(total weight, total score, where) printed on the total line: under the 分值 and 得分 columns of a
    grid, else (a row printing fewer cells than the table: 总分 | 100 | 99.38; or not `under_columns`, a line
    printed after another block) its last two numbers. A table of weights and no scores (a target form's 权重)
    totals its weights only: 合计 | 100 is no score."""
    if "weight" in table.columns and "score" not in table.columns:
        return None, None, None
    if under_columns and table.grid_columns is not None and line.layout == "grid":
        row = _grid_row(line, table.grid_columns)
        score = _number(row.get("score", []))
        if score is not None:
            return _number(row.get("weight", [])), score, where_of(row.get("score", []), "总分")
    numbers = [cell for cell in line.cells if parse_points(cell.text) is not None]
    if not numbers:
        return None, None, None
    weight = parse_points(numbers[-2].text) if len(numbers) >= 2 else None
    return weight, parse_points(numbers[-1].text), where_of(numbers[-1:], "总分")


def _number(cells: list[Cell]) -> Decimal | None:
    return parse_points(join_lines([cell.text for cell in cells])) if cells else None


def build_indicators(rows: list[RawRow], headers: dict[str, str], horizon: str | None = None) -> ParsedIndicators:
    """Indicators in printed order; merged level cells filled; every value with its provenance; `horizon`:
    the target set the table's heading names (本年度绩效指标)."""
    levels = fill_levels(rows)
    parsed = ParsedIndicators([], {}, [])
    for index, (row, (level1, level2)) in enumerate(zip(rows, levels)):
        if not any(column in row for column in ("name", "target", "actual", "weight", "score")) \
                and not _left_empty(rows, index):
            continue  # a row printing only a merged level label
        if _is_placeholder(row):
            continue
        named = horizon_named(row["horizon"][0].text) if "horizon" in row else None
        for row_horizon, cells in by_horizon(row, "midterm_target" in headers, named or horizon,
                                             headers.get("midterm_target")):
            parsed.indicators.append(_indicator(cells, level1, level2, len(parsed.indicators), headers, parsed,
                                                row_horizon))
    return parsed


def _left_empty(rows: list[RawRow], index: int) -> bool:
    """A 二级 label's row that no row under the same label follows (经济效益指标 between 成本指标's rows and
    社会效益指标's): the template's row, printed with its name and values left empty - an indicator with no name,
    as the token reading gives it."""
    following = rows[index + 1] if index + 1 < len(rows) else None
    label = join_lines([cell.text for cell in rows[index].get("level2", [])])
    return bool(label) and not regex.match(knowledge()["values"]["placeholder_name"], label) \
        and (following is None or bool({"level1", "level2"} & set(following)))


def by_horizon(row: dict[str, Cells], two_targets: bool, horizon: str | None = None,
               other_header: str | None = None) -> list[tuple[str | None, dict[str, Cells]]]:
    """A row of a table printing 中期指标值 (or 长期指标值: `other_header`, as printed) beside 年度指标值 (the MOF
    项目支出绩效目标表) is two indicators with the same levels and name: the midterm (long-term) one, where its
    cell is printed, then the annual one. Any other row is one indicator of the table's `horizon`. Used by both
    readings (cells or tokens)."""
    if not two_targets:
        return [(horizon, row)]
    annual = {column: cells for column, cells in row.items() if column != "midterm_target"}
    if "midterm_target" not in row:
        return [("annual", annual)]
    other = {column: cells for column, cells in annual.items() if column != "target"}
    named = horizon_named(other_header) if other_header else None
    return [(named if named in ("midterm", "long_term") else "midterm", {**other, "target": row["midterm_target"]}),
            ("annual", annual)]


def _is_placeholder(row: RawRow) -> bool:
    """A template's empty row (指标2:, ……) printed as it came: a placeholder name and nothing else."""
    name = join_lines([cell.text for cell in row.get("name", [])])
    filled = set(row) - {"name", "level1", "level2"}
    return not filled and bool(regex.match(knowledge()["values"]["placeholder_name"], name))


def _indicator(
    row: RawRow, level1: RawRow, level2: RawRow, index: int, headers: dict[str, str], parsed: ParsedIndicators,
    horizon: str | None = None,
) -> Indicator:
    fields: dict[str, object] = {"horizon": horizon}
    cells_of = {**row, **({"level1": level1["level1"]} if "level1" in level1 else {}),
                **({"level1_weight": level1["level1_weight"]} if "level1_weight" in level1 else {}),
                **({"level2": level2["level2"]} if "level2" in level2 else {})}
    if "target" not in cells_of and "measure" in cells_of \
            and not is_unit(join_lines([cell.text for cell in cells_of["measure"]])):
        cells_of["target"] = cells_of.pop("measure")  # 定性 | 逐步完善 | (no unit): the target, placed one column on
    for column, cells in cells_of.items():
        text = join_lines([cell.text for cell in cells])
        if not text:
            continue
        path = f"indicators[{index}].{column}"
        header = "midterm_target" if horizon in ("midterm", "long_term") and column == "target" else column
        where = where_of(cells, headers.get(header))
        if where:
            parsed.provenance[path] = where
        if column in _TEXT_COLUMNS:
            fields[column] = text
        elif column == "target":
            parts = [join_lines([cell.text for cell in cells_of[part]]) if part in cells_of else None
                     for part in ("nature", "measure")]
            fields[column] = parse_value(target_text(text, *parts))
        elif column in _VALUE_COLUMNS:
            unit = "actual_measure" if "actual_measure" in cells_of else "measure"  # the actual's own 度量单位
            measure = join_lines([cell.text for cell in cells_of[unit]]) if unit in cells_of else None
            fields[column] = parse_value(actual_text(text, measure))
        elif column == "level1_weight":  # the 一级's own 分值 column, printed once over its merged rows
            fields[column] = parse_points(text)
        elif column in _NUMBER_COLUMNS:
            number = parse_points(text)
            if number is None and text not in ("—", "-", "/"):
                parsed.problems.append(f"{path}: {not_a_number(text)}")
            fields[column] = number
    for level in ("level1", "level2"):
        if isinstance(text := fields.get(level), str):
            fields[level] = without_guidance(text)
    level1_text = fields.get("level1")
    if isinstance(level1_text, str) and (points := _POINTS.search(level1_text)):
        fields["level1"] = level1_text[: points.start()].strip()
        fields["level1_weight"] = Decimal(points.group(1))
    level2_text = fields.get("level2")
    if isinstance(level2_text, str) and (points := _POINTS.search(level2_text)):
        # a 二级 cell's points (数量指标(25分)) are its rows' weights added up: the schema keeps no 二级 weight
        fields["level2"] = level2_text[: points.start()].strip()
    return Indicator.model_validate(fields)


def fill_levels(rows: list[RawRow]) -> list[tuple[RawRow, RawRow]]:
    """Each row's (level1 source row, level2 source row), filling merged cells.

    A merged 一级 cell's label may be printed on any row of its block - in its middle where the
    label is vertically centred (seed 004's 投入与管理 (36分), seed 001's 效益指标). Rows before
    the first label take the first label below; a block of rows whose 二级 belongs to another
    family than the 一级 above (社会效益 under 产出) takes the next 一级 label of its own family.
    """
    level2_of: list[RawRow] = []
    current: RawRow = {}
    for row in rows:
        if "level1" in row:
            current = {}
        if "level2" in row:
            current = row
        level2_of.append(current)
    labelled = [index for index, row in enumerate(rows) if "level1" in row]
    level1_of: list[RawRow] = []
    for index in range(len(rows)):
        above = [i for i in labelled if i <= index]
        below = [i for i in labelled if i > index]
        choice = above[-1] if above else (below[0] if below else None)
        # a row printing its own 一级 label keeps it; a block moves only to a label whose family holds its 二级
        if above and below and above[-1] != index and not _belongs(level2_of[index], rows[above[-1]]) \
                and _belongs(level2_of[index], rows[below[0]], known=True):
            choice = below[0]
        level1_of.append(rows[choice] if choice is not None else {})
    return list(zip(level1_of, level2_of))


def _belongs(level2_row: RawRow, level1_row: RawRow, known: bool = False) -> bool:
    """Whether a 二级 label belongs under a 一级 label by the taxonomy; where either is unknown, True (or, `known`,
    False: no evidence for it)."""
    if "level2" not in level2_row or "level1" not in level1_row:
        return not known
    level2 = _stem(join_lines([cell.text for cell in level2_row["level2"]]))
    level1 = _stem(join_lines([cell.text for cell in level1_row["level1"]]))
    members = knowledge()["taxonomy"].get(level1)
    return (not known if members is None else level2 in members) or level2 == level1


def _stem(label: str) -> str:
    return _LEVEL_SUFFIX.sub("", _POINTS.sub("", label))
