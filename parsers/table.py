"""Find a form's indicator table: its header (possibly wrapped over several lines), body and total."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from models import Cell, Line
from normalize.patterns import compiled
from parsers.knowledge import column_named, column_synonyms, knowledge

_SPACE = compiled(r"\s+")
# what a header prints in brackets after its name: a column key, 全年预算数（A） 执行率（B/A）, a unit,
# 分值（分）, or an aside, 目标值（预期值） 三级指标（指标名称） 年度指标值（包括数量和单位）
_HEADER_NOTE = compiled(r"[（(][^()（）]{1,12}[)）]")


@lru_cache(maxsize=4096)  # every cell of every body row is tried as a repeated header
def header_text(text: str) -> str:
    """A header cell's text as matched against the column names: no spaces, no printed keys."""
    return _HEADER_NOTE.sub("", _SPACE.sub("", text))


@dataclass(frozen=True)
class ColumnMap:
    """Which header column a body cell sits under: by its horizontal overlap with the header cells
    where boxes are known (a table continued on the next page is a new grid), else by its index."""

    by_index: dict[int, str]
    spans: tuple[tuple[float, float, str], ...]  # (x0, x1, column) of each header cell

    def column_of(self, cell: Cell) -> str | None:
        box = cell.where.bbox
        if box and self.spans:
            overlap, column, x0, x1 = max((min(box[2], x1) - max(box[0], x0), column, x0, x1)
                                          for x0, x1, column in self.spans)
            if overlap > 0 and self._second_level(column, box[0], x0, x1):
                return "level2"
            return column if overlap > 0 else None
        if cell.col is None:
            return None
        # a merged cell of HTML, Excel or Word sits under the first header among the columns it spans
        return next((self.by_index[col] for col in range(cell.col, cell.col + cell.span) if col in self.by_index), None)

    def _second_level(self, column: str, left: float, x0: float, x1: float) -> bool:
        """A 一级 header spanning the 二级 column too (评价内容 over 投入 | 时效目标, no 二级 header printed):
        a cell starting in its right half is the 二级."""
        return column == "level1" and "level2" not in self.by_index.values() and left > (x0 + x1) / 2

    @property
    def columns(self) -> list[str]:
        return [self.by_index[col] for col in sorted(self.by_index)]


@dataclass(frozen=True)
class Table:
    header_first: int  # line indices into the form's lines
    body_first: int
    body_end: int  # exclusive: the total line, or the first line after the table
    columns: tuple[str, ...]  # the header's columns in printed order
    grid_columns: ColumnMap | None  # for grid headers
    total_line: int | None


@cache
def segment_header(text: str, table: str = "indicator_columns") -> tuple[tuple[str, ...], str] | None:
    """Split header text (spaces removed) into columns; the rest is a column name's unfinished start.

    None when some text is not a column name at all.
    """
    if not text:
        return (), ""
    partial = None
    # longest first; backtrack when the rest does not fit
    for printed, column in _synonyms_from(table).get(text[0], ()):
        if text.startswith(printed):
            rest = segment_header(text[len(printed) :], table)
            if rest is not None and not rest[1]:
                return (column, *rest[0]), ""
            if rest is not None and partial is None:
                partial = (column, *rest[0]), rest[1]
    if partial is None and text in _starts(table):
        return (), text
    return partial


@cache
def _synonyms_from(table: str) -> dict[str, tuple[tuple[str, str], ...]]:
    """A header table's (printed, column) pairs by their first character, longest first as listed."""
    by_first: dict[str, list[tuple[str, str]]] = {}
    for printed, column in column_synonyms(table):
        if printed:
            by_first.setdefault(printed[0], []).append((printed, column))
    return {first: tuple(pairs) for first, pairs in by_first.items()}


@cache
def _starts(table: str) -> frozenset[str]:
    """Every non-empty beginning of a printed column name: the unfinished starts a header may end with."""
    return frozenset(printed[:end] for printed, _ in column_synonyms(table) for end in range(1, len(printed) + 1))


def described(columns: list[str]) -> list[str]:
    """The columns with the indicator's name printed twice side by side (指标名称 | 指标内容) read as its name and
    its description: the words of both are names elsewhere, the second explains the first. A name's word
    printed straight before the 二级 column where no 一级 column is (绩效指标 | 二级指标 | 指标内容) heads the 一级
    labels: a name never stands left of its levels. Two words of the 二级's side by side, no 一级 printed (指标类型 |
    指标分类), are the 一级 and the 二级; of two 分值 columns, the one right after the 一级 is the 一级's points; of two
    operator columns (指标性质 | 指标值 | 度量单位 | 指标方向), the second says whether more is better: no part of the
    target."""
    if "level1" not in columns and "level2" in columns and columns.count("name") > 1 \
            and columns.index("name") + 1 == columns.index("level2"):
        columns = [*columns]
        columns[columns.index("name")] = "level1"
    # two words of the 二级's side by side, no 一级 (指标类型 | 指标分类 | 具体指标): the first is the 一级
    if "level1" not in columns and columns.count("level2") == 2 \
            and columns.index("level2") + 1 == len(columns) - 1 - columns[::-1].index("level2"):
        columns = [*columns]
        columns[columns.index("level2")] = "level1"
    # a 分值 right after the 一级 and another for the rows (一级指标 | 分值 | 二级指标 | … | 分值 | 得分): the 一级's
    # points
    weights = [at for at, column in enumerate(columns) if column == "weight"]
    if len(weights) == 2 and weights[0] and columns[weights[0] - 1] == "level1":
        columns = [*columns]
        columns[weights[0]] = "level1_weight"
    if columns.count("nature") == 2:
        columns = [*columns]
        columns[len(columns) - 1 - columns[::-1].index("nature")] = "direction"
    values = [at for at, column in enumerate(columns) if column in _VALUE_COLUMNS]
    # a name's word printed again after the values, none after it (… | 指标值 | 度量单位 | 指标属性 | 指标内容),
    # explains the name; one with values after it names a second set side by side (三级指标 | 指标值 | 三级指标 …)
    after_values = [at for at, column in enumerate(columns) if column == "name" and values and values[-1] < at
                    and "name" in columns[: values[0]] and not {"level1", "level2"} & set(columns[values[-1] : at])]
    # a second 度量单位 after the actual (… | 年度指标值 | 度量单位 | 全年实际值 | 度量单位) is the actual's unit
    actual_unit = [at for at, column in enumerate(columns) if column == "measure" and "actual" in columns[:at]
                   and "measure" in columns[: columns.index("actual")]]
    return [("description" if column == "name" and "description" not in columns
             and (at and columns[at - 1] == "name" or at in after_values)
             else "actual_measure" if at in actual_unit[:1] else column)
            for at, column in enumerate(columns)]


_VALUE_COLUMNS = frozenset({"target", "actual", "nature", "measure", "midterm_target"})


def grid_header(line: Line, table: str) -> ColumnMap | None:
    found_cells = []
    for cell in line.cells:
        found = segment_header(header_text(cell.text), table)
        if found and len(found[0]) == 1 and not found[1] and cell.col is not None:
            found_cells.append((cell, found[0][0]))
    columns = described([column for _, column in found_cells])
    if "level1" in columns and "name" in columns[columns.index("level1"):]:
        # a name's word left of the 一级 column (绩效指标 printed down the table's first column) is the table's
        # label, no column of its rows: a name never stands left of its levels
        first = columns.index("level1")
        kept = [at for at, column in enumerate(columns) if at >= first or column != "name"]
        found_cells, columns = [found_cells[at] for at in kept], [columns[at] for at in kept]
    mapped = {cell.col: column for (cell, _), column in zip(found_cells, columns) if cell.col is not None}
    spans = [(cell.where.bbox[0], cell.where.bbox[2], column) for (cell, _), column in zip(found_cells, columns)
             if cell.where.bbox]
    return ColumnMap(mapped, tuple(spans)) if len(mapped) >= 2 else None


def names_sub_columns(columns: list[str], sub: list[str], spanning: str = "name") -> bool:
    """Whether a second header row can name the columns under one spanning cell of the row above: it
    names none of that row's columns but the spanning cell's own (指标名称 over 二级指标 | 三级指标, 年度指标值
    over 目标值 | 实际值, 预算数 over 年初预算数 | 全年预算数)."""
    return not set(sub) & (set(columns) - {spanning})


# the columns one spanning header cell may hold under it: a value's parts, a budget's amounts
_SPANNED_FAMILIES = (frozenset({"target", "actual", "nature", "measure", "midterm_target"}),
                     frozenset({"initial_budget", "full_year_budget", "executed"}))


def sub_row_spanned(printed: list[str]) -> list[str]:
    """Header cells in printed order, a second header row after them naming the columns under one spanning
    cell of the first (年度指标值 over 目标值 | 实际值 or over 指标性质 | 指标值 | 度量单位, 预算数 over 年初预算数 |
    全年预算数), put in that cell's place: the longest run ending the header, of columns of one family, that
    names exactly one column printed before it (the spanning cell's own), the others new."""
    spanned = printed
    for size in range(2, len(printed) - 1):
        first, sub = printed[:-size], printed[-size:]
        again = [column for column in sub if column in first]
        family = next((family for family in _SPANNED_FAMILIES if set(sub) <= family), None)
        if len(again) != 1 or len(set(sub)) < size or family is None:
            break
        at = first.index(again[0])
        spanned = first[:at] + sub + first[at + 1 :]
    return spanned


def _refined(grid: ColumnMap, sub: ColumnMap | None, line: Line) -> ColumnMap | None:
    """A second header row naming the columns under one spanning header (指标名称 over 二级指标 | 三级指标) of the
    header `line`: its cells take their place, by position where boxes are known, else as the columns of the
    merged cell's span (HTML, Excel, Word); None where the row below is no such row."""
    if sub is None or not sub.spans and not sub.by_index:
        return None
    if sub.spans and grid.spans:
        inside = [span for span in grid.spans
                  if any(x0 >= span[0] - 1 and x1 <= span[1] + 1 for x0, x1, _ in sub.spans)]
        if len(inside) != 1 or not names_sub_columns(grid.columns, sub.columns, inside[0][2]):
            return None
        spans = tuple(span for span in grid.spans if span not in inside) + sub.spans
        return ColumnMap({**grid.by_index, **sub.by_index}, spans)
    over = [cell.col for cell in line.cells if cell.col is not None and cell.span > 1
            and all(cell.col <= col < cell.col + cell.span for col in sub.by_index)]
    if len(over) != 1 or over[0] not in grid.by_index \
            or not names_sub_columns(grid.columns, sub.columns, grid.by_index[over[0]]):
        return None
    return ColumnMap({**{col: column for col, column in grid.by_index.items() if col != over[0]}, **sub.by_index}, ())


def _cut_cells_joined(line: Line, below: Line, table: str) -> ColumnMap | None:
    """A header whose cells a converter cut at their line breaks (偏差原因分析及 | then 改进措施 alone on the row
    under it, every other cell of that row empty): each piece joins the cell above it where only the two
    together name a column."""
    pieces = {cell.col: cell.text for cell in below.cells if cell.text.strip()}
    above = {cell.col: cell for cell in line.cells}
    if not pieces or any(col not in above or _names_column(above[col].text, table)
                         or not _names_column(above[col].text + text, table) for col, text in pieces.items()):
        return None
    cells = tuple(cell.model_copy(update={"text": cell.text + pieces.get(cell.col, "")}) for cell in line.cells)
    return grid_header(line.model_copy(update={"cells": cells}), table)


def _parts_named(line: Line, grid: ColumnMap, below: Line, table: str) -> ColumnMap | None:
    """A second header row naming the parts of one header cell over it (指标值 over 目标 | 实际, 预算数 over 年初预算 |
    调整后预算): its parts, columns of one family naming that cell's own column and new ones, take its place where
    the row prints nothing else. By position where boxes are known; as the columns of the merged cell's span in
    HTML, Excel and Word; in text, by the empty cells printed after it, or, where it prints none, the columns after
    it move right by the parts it gained.
    A bare part ([indicator_sub_columns]: 目标, 实际) is a column name under a value column only."""
    printed = [cell for cell in below.cells if cell.text.strip()]
    parts = [_part_named(cell.text, table) for cell in printed]
    family = next((family for family in _SPANNED_FAMILIES if set(parts) <= family), None)
    again = [part for part in parts if part in grid.columns]
    over = [cell for cell in line.cells if cell.col is not None and again and grid.by_index.get(cell.col) == again[0]]
    if len(printed) < 2 or family is None or len(set(parts)) < len(parts) or len(again) != 1 or len(over) != 1:
        return None
    spanning = over[0]
    if grid.spans or spanning.span > 1:  # by position, or as the merged cell's columns
        return _refined(grid, ColumnMap({cell.col: part for cell, part in zip(printed, parts) if cell.col is not None},
                                        tuple((cell.where.bbox[0], cell.where.bbox[2], part)
                                              for cell, part in zip(printed, parts) if cell.where.bbox)), line)
    cols = [cell.col for cell in printed]
    if cols == list(range(spanning.col, spanning.col + len(parts))) and not set(cols[1:]) & set(grid.by_index):
        # the span printed as empty cells after it (a CSV's "指标值",""): the parts stand in their own columns
        return ColumnMap({**grid.by_index, **dict(zip(cols, parts))}, ())
    moved = len(parts) - 1
    by_index = {col + moved * (col > spanning.col): column for col, column in grid.by_index.items()
                if col != spanning.col}
    return ColumnMap({**by_index, **{spanning.col + at: part for at, part in enumerate(parts)}}, ())


def _part_named(text: str, table: str) -> str | None:
    printed = header_text(text)
    sub = column_named("indicator_sub_columns").get(printed) if table == "indicator_columns" else None
    return sub or column_named(table).get(printed)


def _names_column(text: str, table: str) -> bool:
    found = segment_header(header_text(text), table)
    return found is not None and len(found[0]) == 1 and not found[1]


def places_kept(line: Line) -> bool:
    """Whether a row's cells stand where the table's columns do: a box on the page, or a cell of HTML, Excel or
    Word. A text's row (pipes, tabs) keeps no place for a merged cell: its cells are only in order."""
    return any(cell.where.bbox is not None or cell.where.column is not None for cell in line.cells)


def _is_table_header(columns: list[str]) -> bool:
    return len(columns) >= 2 and bool({"name", "level2"} & set(columns))


Header = tuple[int, int, list[str], ColumnMap | None]


def find_header(lines: list[Line], table: str = "indicator_columns") -> Header | None:
    """(first line, line after the header, columns, grid columns) of the first table header."""
    for index, line in enumerate(lines):
        if line.layout == "grid":
            grid = grid_header(line, table)
            if grid and (_is_table_header(grid.columns) or table != "indicator_columns"):
                below = lines[index + 1] if index + 1 < len(lines) else None
                if below and below.layout == "grid" and (parts := _parts_named(line, grid, below, table)):
                    return index, index + 2, parts.columns, parts
                if below and below.layout == "grid" and (finer := _refined(grid, grid_header(below, table), line)):
                    return index, index + 2, finer.columns, finer
                if below and below.layout == "grid" and (whole := _cut_cells_joined(line, below, table)):
                    return index, index + 2, whole.columns, whole
                return index, index + 1, grid.columns, grid
            continue
        text = _without_openings(header_text(line.text)) if table == "funds_columns" else header_text(line.text)
        found = segment_header(text, table)
        if not found or len(found[0]) < 2:
            continue
        end = index + 1
        while end < len(lines) and (more := segment_header(text + header_text(lines[end].text), table)):
            text += header_text(lines[end].text)
            found, end = more, end + 1
        if (_is_table_header(found[0]) or table != "indicator_columns") and not found[1]:
            return index, end, described(list(found[0])), None
    return None


def _without_openings(text: str) -> str:
    """A funds header without the block's heading and the source column's label printed before its columns
    (项目资金 | 资金来源 | 预算数 | 执行数 | 执行率)."""
    openings = _funds_openings()
    while opening := next((word for word in openings if text.startswith(word) and len(word) < len(text)), None):
        text = text[len(opening) :]
    return text


@cache
def _funds_openings() -> tuple[str, ...]:
    words = {*knowledge()["headings"]["labels"], *knowledge()["funds"]["source_columns"]}
    return tuple(sorted(words, key=len, reverse=True))


def is_total_line(line: Line) -> bool:
    first = next((cell.text for cell in line.cells if cell.text.strip()), "")
    return _SPACE.sub("", first) in knowledge()["totals"]["labels"]


def _opens_with_result(line: Line) -> bool:
    """A row that opens with the form's result (自评得分 | 98 | 自评等级 | 优, or 自评得分：99.83 in one cell): the
    table's rows are over."""
    first = _SPACE.sub("", next((cell.text for cell in line.cells if cell.text.strip()), ""))
    fields = knowledge()["fields"]
    labels = (*fields["total_score"], *fields["grade"])
    labelled = tuple(f"{label}{colon}" for label in labels for colon in ":：")
    return first.rstrip(":：") in labels or first.startswith(labelled)


def find_table(lines: list[Line], ends_body: list[int]) -> Table | None:
    """The indicator table; its body stops at the total line or at the first of `ends_body`."""
    header = find_header(lines)
    if header is None:
        return None
    first, body_first, columns, grid = header
    ends_body = [*ends_body, *(index for index in range(body_first, len(lines)) if _opens_with_result(lines[index]))]
    end = min([index for index in ends_body if index >= body_first] + [len(lines)])
    total = next((index for index in range(body_first, end) if is_total_line(lines[index])), None)
    return Table(first, body_first, total if total is not None else end, tuple(columns), grid, total)
