"""Tables drawn with box-drawing characters, as text browsers print a web page (w3m, lynx: ┌─┬─┐ │ ├─┼─┤;
elinks, links: +---+ and |).

Each band of lines between two rules is a row; in each column of the band its lines' text is one cell (a
cell wrapped inside its column). A cell whose rule below is missing (│    ├──── under 项目资金) goes on into
the next band, as a merged cell does, and is printed once, in its first row. The columns are where the
bars stand, counted in display columns (a CJK character takes two), so the cells become grid lines as an
HTML table's do (extract/structured.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from models import Cell, Line, Where
from normalize.text import display_width, join_lines

_BARS = frozenset("│┃║|")
_RULES = frozenset("─━═-=")
_JUNCTIONS = frozenset("┼╋╬┬┴├┤┌┐└┘╔╗╚╝╠╣╦╩╞╡╪╤╧╟╢╫+")
_DRAWN = _BARS | _RULES | _JUNCTIONS
_OPENS = regex.compile(r"^\s*[┌├│┃╔╠║]")  # a line of a box-drawn table
_ASCII_RULE = regex.compile(r"^\s*\+[-=+]+\+?\s*$")  # elinks' +----+----+ (markdown's |---| is no frame)
_MIN_LINES = 3
# a rule drawn under some columns of a line whose other columns print text: a junction beside a run of rules
_PARTIAL_RULE = regex.compile(r"[┼╋╬┬┴├┤╞╡╪╟╢╫+][─━═\-=]{2,}|[─━═\-=]{2,}[┼╋╬┬┴├┤╞╡╪╟╢╫+]")


@dataclass(frozen=True)
class _Band:
    lines: list[tuple[int, str]]  # (line number, text) of the band's printed lines
    ruled: frozenset[int]  # the display columns the rule under the band draws (none at the table's end)


@dataclass(frozen=True)
class _Slot:
    left: int  # display column of the bar before the cell
    right: int  # and after it
    text: str
    line: int


def is_box_line(text: str, ascii_frame: bool) -> bool:
    """A line of a box-drawn table: Unicode's opens with a box character; an ASCII frame's with + or |."""
    if _OPENS.match(text):
        return True
    stripped = text.lstrip()
    return ascii_frame and (stripped.startswith("|") or bool(_ASCII_RULE.match(text)))


def opens_ascii_frame(text: str) -> bool:
    return bool(_ASCII_RULE.match(text))


def box_table_lines(block: Sequence[tuple[int, str]], page: int | None) -> list[Line]:
    """A box-drawn table's (line number, text) lines -> one grid line per row."""
    bands = _bands(block)
    rows = _merged_down(bands, [_slots(band) for band in bands])
    cells = [(row, Cell(text=slot.text, where=Where(method="text-input", line=slot.line, page=page),
                        col=slot.left, span=slot.right - slot.left))
             for row, slots in enumerate(rows) for slot in slots]
    from extract.structured import grid_lines

    return grid_lines(cells, page)


def is_box_table(block: Sequence[tuple[int, str]]) -> bool:
    return len(block) >= _MIN_LINES and any(_is_rule(text) for _, text in block) \
        and any(not _is_rule(text) for _, text in block)


def _is_rule(text: str) -> bool:
    """A line of rules, junctions and bars only: a row's border (├──┼──┤, |    +----+)."""
    drawn = text.strip()
    return bool(drawn) and all(char in _DRAWN or char.isspace() for char in drawn) \
        and any(char in _RULES for char in drawn)


def _bands(block: Sequence[tuple[int, str]]) -> list[_Band]:
    bands: list[_Band] = []
    printed: list[tuple[int, str]] = []
    for number, text in block:
        rule = _is_rule(text)
        partial = not rule and _PARTIAL_RULE.search(text) is not None
        if partial and printed:  # │标    ├────┼──: a merged cell's last line beside the rule under the others
            printed.append((number, "".join(" " if char in _RULES or char in _JUNCTIONS else char for char in text)))
        if rule or partial:
            if printed:
                bands.append(_Band(printed, frozenset(at for at, char in _columns(text)
                                                      if char in _RULES or char in _JUNCTIONS)))
            printed = []
        elif text.strip():
            printed.append((number, text))
    if printed:
        bands.append(_Band(printed, frozenset()))
    return bands


def _columns(text: str) -> list[tuple[int, str]]:
    """(display column, character) of a line."""
    placed, at = [], 0
    for char in text:
        placed.append((at, char))
        at += display_width(char)
    return placed


def _slots(band: _Band) -> list[_Slot]:
    """The band's cells: between each two bars of its first line, the text of every line there joined."""
    bars = [at for at, char in _columns(band.lines[0][1]) if char in _BARS]
    pieces: dict[tuple[int, int], list[str]] = {edge: [] for edge in zip(bars, bars[1:])}
    for _, text in band.lines:
        placed = _columns(text)
        for left, right in pieces:
            pieces[(left, right)].append("".join(char for at, char in placed if left < at < right
                                                 and char not in _BARS))
    return [_Slot(left, right, join_lines(texts), band.lines[0][0]) for (left, right), texts in pieces.items()]


def _merged_down(bands: list[_Band], rows: list[list[_Slot]]) -> list[list[_Slot]]:
    """The rows with each cell that has no rule under it gone on into the bands below: their text joins the
    first band's cell, and there the spanned place is left empty (it still marks the columns)."""
    rows = [list(slots) for slots in rows]
    for index in range(len(rows)):
        for at, slot in enumerate(rows[index]):
            if not slot.text:
                continue
            texts, below = [slot.text], index
            while below + 1 < len(rows) and not any(slot.left < at < slot.right for at in bands[below].ruled):
                following = next((at_below for at_below, other in enumerate(rows[below + 1])
                                  if (other.left, other.right) == (slot.left, slot.right)), None)
                if following is None:
                    break
                below += 1
                texts.append(rows[below][following].text)
                rows[below][following] = _Slot(slot.left, slot.right, "", rows[below][following].line)
            rows[index][at] = _Slot(slot.left, slot.right, join_lines(texts), slot.line)
    return rows
