"""Rebuild indicator rows from flowed text, where a PDF's table cells were printed as loose lines.

The seeds show how flowed tables break (000, 001): merged 一级/二级 cells are printed once, on a
line of their own; wrapped cells continue on the next lines; the value cells of a row share a line.
Two shapes are handled:

- target tables (一级 二级 三级 指标值): each row's cells are right-aligned - a line ends with the
  target, and the level cells printed alone on the lines before it fill the columns to its left;
- self-evaluation tables (… 指标值 实际完成值 分值 得分 偏差原因): a row ends at its anchor, the line
  whose last two tokens are the weight and the score (or, for an unscored row, the line holding
  just a target and an actual); the lines before it hold the levels, the name and, when wrapped,
  the target and actual; a deviation note follows an anchor and ends with 。.
"""

from __future__ import annotations

from itertools import takewhile

import regex

from models import Cell, Line
from normalize.numbers import parse_decimal
from normalize.patterns import compiled
from normalize.text import display_width
from parsers.knowledge import family_members, knowledge, level_family

RawRow = dict[str, list[Cell]]

_OPERATOR = compiled(r"[=<>≥≤≦≧＜＞＝]")
_NUMBERISH = regex.compile(r"^[-+]?\d[\d,.]*(%|％|[\p{Han}/]{1,3})?$")
_POINTS = compiled(r"^[（(]\s*\d+(\.\d+)?\s*分\s*[)）]$")
_SENTENCE_END = ("。", "；", ";")
_FROM_BRACKET = compiled(r"\s*[（(].*$")
_LEVEL_NAME = regex.compile(r"\p{Han}{1,10}(指标|目标)")
_LEVEL_SUFFIX = compiled(r"(指标|目标)$")
_ENDS_FIGURE = compiled(r"[\d=<>≥≤]$")
_DIGIT = compiled(r"\d")
_HAN = regex.compile(r"\p{Han}")


def qualitative_words() -> set[str]:
    return set(knowledge()["values"]["qualitative"])


def value_like(text: str) -> bool:
    """A target or actual value: an operator, a number with a short unit, or a known quality word."""
    return bool(_OPERATOR.search(text) or _NUMBERISH.match(text) or text in qualitative_words())


def is_number(text: str) -> bool:
    return parse_decimal(text) is not None


def level_like(text: str) -> bool:
    stem = _FROM_BRACKET.sub("", text)
    return bool(_LEVEL_NAME.fullmatch(stem)) or level_family(stem) is not None


def is_level1(text: str) -> bool:
    """A 一级 label: the name of a taxonomy family itself (产出指标, 效益指标, 满意度指标, 效果目标 …)."""
    stem = _LEVEL_SUFFIX.sub("", _FROM_BRACKET.sub("", text))
    return stem in knowledge()["taxonomy"] and stem not in family_members()


def tokens(line: Line) -> list[Cell]:
    """A flowed line's cells, with a detached "(36分)" put back on the label before it."""
    merged: list[Cell] = []
    for cell in line.cells:
        if merged and _POINTS.match(cell.text):
            merged[-1] = merged[-1].model_copy(update={"text": merged[-1].text + cell.text})
        else:
            merged.append(cell)
    return merged


def texts(cells: list[Cell]) -> list[str]:
    return [cell.text for cell in cells]


# ---- target tables ---------------------------------------------------------------------------


def _continues(previous: list[Cell], line: list[Cell]) -> bool:
    """Is this one-token line the wrapped end of the previous line's last cell?"""
    if len(line) != 1 or not previous:
        return False
    tail, head = previous[-1].text, line[0].text
    if _ENDS_FIGURE.search(tail) and _DIGIT.match(head):
        return True  # ≤9 / 0分钟
    return len(head) <= 2 and not value_like(head) and not level_like(head)


def _merge_wrapped(lines: list[Line]) -> list[list[Cell]]:
    merged: list[list[Cell]] = []
    for line in lines:
        cells = tokens(line)
        if merged and _continues(merged[-1], cells):
            tail = merged[-1][-1]
            merged[-1][-1] = tail.model_copy(update={"text": tail.text + cells[0].text})
        else:
            merged.append(cells)
    return merged


def target_rows(lines: list[Line], columns: tuple[str, ...]) -> list[RawRow]:
    """Right-aligned rows: the level cells printed alone stack up in front of the next full line."""
    merged = _merge_wrapped(lines)
    rows: list[RawRow] = []
    stacked: list[Cell] = []
    waiting: list[Cell] | None = None  # a row whose target is on the next line
    for index, cells in enumerate(merged):
        if waiting is not None and len(cells) == 1 and value_like(cells[0].text):
            rows.append(_right_align(waiting + cells, columns))
            waiting = None
            continue
        if len(cells) == 1 and not value_like(cells[0].text):
            stacked.append(cells[0])
            continue
        row = stacked + cells
        stacked = []
        following = merged[index + 1] if index + 1 < len(merged) else []
        if _target_follows(cells, following):
            waiting = row
            continue
        rows.append(_right_align(row, columns))
    return rows


def _target_follows(cells: list[Cell], following: list[Cell]) -> bool:
    last = cells[-1].text
    return (
        not value_like(last)
        and display_width(last) >= 16
        and len(following) == 1
        and value_like(following[0].text)
    )


def _right_align(cells: list[Cell], columns: tuple[str, ...]) -> RawRow:
    """Cells under the columns from the right. A level label never names an indicator: where it would
    (时效指标 年度建设任务完成时间 2024年12月底前 under … | 三级指标 | 中期指标值 | 年度指标值), a value
    column left empty on the row is the first one whose cell is no value."""
    row = _aligned(cells, columns)
    name = row.get("name", [])
    if len(cells) < len(columns) and len(name) == 1 and level_like(name[0].text):
        empty = next((column for column in columns if column in ("midterm_target", "target", "actual")
                      and column in row and not value_like(row[column][0].text)), None)
        if empty:
            return _aligned(cells, tuple(column for column in columns if column != empty))
    return row


def _aligned(cells: list[Cell], columns: tuple[str, ...]) -> RawRow:
    row: RawRow = {}
    overflow = len(cells) - len(columns)
    if overflow > 0:  # more cells than columns: the extra text belongs to the leftmost column
        row[columns[0]] = cells[: overflow + 1]
        cells = cells[overflow + 1 :]
        columns = columns[1:]
    for column, cell in zip(columns[len(columns) - len(cells) :], cells):
        row[column] = [cell]
    return row


# ---- self-evaluation tables --------------------------------------------------------------------


def _anchor(cells: list[Cell]) -> str | None:
    """'scored' for a line ending in weight and score, 'unscored' for a bare target/actual pair."""
    values = texts(cells)
    if len(values) >= 2 and is_number(values[-1]) and is_number(values[-2]):
        return "scored"
    if len(values) >= 3 and _is_note(values[-1]) and is_number(values[-2]) and is_number(values[-3]):
        return "noted"  # the row's deviation note printed on its line, after the weight and the score
    if len(values) == 2 and (values[0] == values[1] or all(value_like(v) for v in values)):
        return "unscored"
    return None


def _is_note(text: str) -> bool:
    """Words explaining a row (2个站点因选址调整延至次年建成): a sentence, not a value."""
    return text.endswith(_SENTENCE_END) or (len(_HAN.findall(text)) >= 6 and not value_like(text))


def self_eval_rows(lines: list[Line]) -> list[RawRow]:
    rows: list[RawRow] = []
    pending: list[list[Cell]] = []
    for line in lines:
        cells = tokens(line)
        kind = _anchor(cells)
        if kind is None:
            pending.append(cells)
            continue
        if rows:
            pending = _take_note(rows[-1], pending)
        rows.append(_self_eval_row(pending, cells, kind))
        pending = []
    if rows and pending:
        pending = _take_note(rows[-1], pending)
    if any(pending):
        rows.append(_cut_row(pending))
    return rows


def _cut_row(pending: list[list[Cell]]) -> RawRow:
    """Lines after the last anchor: a text cut off inside a row (满意度指标（10分） 服务对象满意度指标 养殖户满意度
    ≥90% 9). Where its last line holds a name, and a value or none, after its level labels, they fill the
    columns in order, as far as they are printed; otherwise the lines are a name."""
    levels, rest = _split_levels(pending[:-1])
    last = pending[-1]
    leading = len(list(takewhile(lambda cell: level_like(cell.text), last)))
    cells = last[leading:]
    if rest or not cells or (len(cells) > 1 and not value_like(cells[1].text)):
        return {"name": [cell for cells in pending for cell in cells]}
    row: RawRow = {column: [cell] for column, cell in zip(("name", "target", "actual"), cells)}
    _assign_levels(row, levels + last[:leading])
    return row


def _take_note(previous: RawRow, pending: list[list[Cell]]) -> list[list[Cell]]:
    """Lines right after an anchor, up to one ending a sentence, are that row's deviation note."""
    for index, cells in enumerate(pending):
        if any(level_like(cell.text) for cell in cells):
            return pending
        if texts(cells) and texts(cells)[-1].endswith(_SENTENCE_END):
            previous["note"] = [cell for line in pending[: index + 1] for cell in line]
            return pending[index + 1 :]
    return pending


def _self_eval_row(pending: list[list[Cell]], anchor: list[Cell], kind: str) -> RawRow:
    row: RawRow = {}
    if kind == "noted":
        row["note"], anchor, kind = anchor[-1:], anchor[:-1], "scored"
    if kind == "scored":
        row["weight"], row["score"] = [anchor[-2]], [anchor[-1]]
        before = anchor[:-2]
    else:
        before = anchor
    if len(before) >= 2:
        row["target"], row["actual"] = [before[-2]], [before[-1]]
        lead = before[:-2]
    else:
        lead = before
        pending = pending + ([before] if before else [])
    levels, rest = _split_levels(pending)
    name_lines, value_lines = _split_name(rest)
    if "target" not in row:
        _split_target_actual(row, value_lines)
    lead_names = [cell for cell in lead if not level_like(cell.text)] if name_lines else lead
    levels += [cell for cell in lead if cell not in lead_names]
    names = [cell for cells in name_lines for cell in cells] + lead_names
    if names:
        # right-aligned: the last lead token is the name, any before it are levels
        row["name"] = names if name_lines else names[-1:]
        levels += [] if name_lines else names[:-1]
    if "target" not in row and row.get("name"):
        _split_glued_target(row)
    _assign_levels(row, levels)
    return row


def _split_glued_target(row: RawRow) -> None:
    """A name wrapped into its own target cell (长效管理制度建设 / 情况制定并完善, seed 001): a known
    quality word at the end of the name is the target; the actual is then not printed."""
    last = row["name"][-1]
    for word in sorted(qualitative_words(), key=len, reverse=True):
        if last.text.endswith(word) and len(last.text) > len(word):
            row["name"] = row["name"][:-1] + [last.model_copy(update={"text": last.text[: -len(word)]})]
            row["target"] = [last.model_copy(update={"text": word})]
            return


def _split_levels(pending: list[list[Cell]]) -> tuple[list[Cell], list[list[Cell]]]:
    """Leading lines made only of level labels, and the lines after them."""
    levels: list[Cell] = []
    for index, cells in enumerate(pending):
        if cells and all(level_like(cell.text) for cell in cells):
            levels += cells
            continue
        return levels, pending[index:]
    return levels, []


def _split_name(lines: list[list[Cell]]) -> tuple[list[list[Cell]], list[list[Cell]]]:
    """Name lines come before the first line that starts like a value (an operator, a number)."""
    for index, cells in enumerate(lines):
        if index and cells and value_like(cells[0].text) or (index and _OPERATOR.search(" ".join(texts(cells)))):
            return lines[:index], lines[index:]
    return lines, []


def _split_target_actual(row: RawRow, lines: list[list[Cell]]) -> None:
    """A wrapped target and actual: the target ends at its short last line (a paragraph end)."""
    cells = [cell for line in lines for cell in line]
    if not cells:
        return
    if len(cells) == 2:
        row["target"], row["actual"] = [cells[0]], [cells[1]]
        return
    widest = max(display_width(cell.text) for cell in cells)
    for index, cell in enumerate(cells[:-1]):
        if display_width(cell.text) < 0.6 * widest:
            row["target"], row["actual"] = cells[: index + 1], cells[index + 1 :]
            return
    row["target"] = cells


def _assign_levels(row: RawRow, levels: list[Cell]) -> None:
    unique: list[Cell] = []
    for cell in levels:  # a merged cell printed several times (seed 001) counts once
        if not unique or unique[-1].text != cell.text:
            unique.append(cell)
    if len(unique) >= 2:
        # the 一级 is the last 一级 label before the 二级: a template's empty row between them (效益指标(30分) |
        # 经济效益指标 | then 社会效益指标 | 行政村通公交率 …) is no 一级
        level1 = next((cell for cell in reversed(unique[:-1]) if is_level1(cell.text)), unique[-2])
        row["level1"], row["level2"] = [level1], unique[-1:]
    elif unique:
        row["level1" if is_level1(unique[0].text) else "level2"] = unique
