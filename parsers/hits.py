"""Find every printed label of a form in its stream, and the value that follows each one."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from normalize.text import display_width
from parsers.knowledge import flat, labels
from parsers.stream import Hit, Stream

_WRAP_TAIL = 8  # display width of the tail of a value wrapped onto the next line: 目经费, 局


@dataclass(frozen=True)
class Labelled:
    """A label and the text printed after it, up to the next label."""

    hit: Hit
    start: int
    end: int
    text: str
    suffix: str | None  # the printed unit after the label: 元, 万元, %


def find_hits(stream: Stream, skip: list[tuple[int, int]]) -> list[tuple[Hit, str | None]]:
    """Non-overlapping label hits in reading order; where two overlap the longer wins."""
    found = [(hit, suffix) for hit, suffix in _every_hit(stream.text)
             if not any(low <= hit.start < high for low, high in skip)]
    found.sort(key=lambda pair: (pair[0].start, -(pair[0].end - pair[0].start)))
    kept: list[tuple[Hit, str | None]] = []
    for hit, suffix in found:
        if kept and hit.start < kept[-1][0].end:
            continue
        kept.append((hit, suffix))
    return kept


@lru_cache(maxsize=16)  # a form's text is searched twice: for every label, then outside its tables
def _every_hit(text: str) -> tuple[tuple[Hit, str | None], ...]:
    """Every label's every occurrence, label by label."""
    flat_text = flat(text)
    return tuple((Hit(label.kind, label.key, start, end, label.printed), suffix)
                 for label in labels() if label.may_occur(flat_text)
                 for start, end, suffix in label.finditer(text))


def labelled_values(
    stream: Stream, hits: list[tuple[Hit, str | None]], stops: list[int]
) -> list[Labelled]:
    """Each label's value: the text up to the next label or stop offset (a table's start)."""
    boundaries = sorted({hit.start for hit, _ in hits} | set(stops) | {len(stream.text)})
    values = []
    for hit, suffix in hits:
        end = next(offset for offset in boundaries if offset >= hit.end)
        line = stream.line_index(hit.start)
        if stream.lines[line].layout == "grid":
            # a table cell holds the whole value: it ends with its row, or with the row that a
            # page break cut from it (the first row of the next page, holding no label); a label
            # alone in its row heads the rows below it, up to the next label
            last = line + 1 if _continued(stream, line, end) else line
            row_end = stream.line_starts[last + 1] - 1 if last + 1 < len(stream.lines) else end
            if stream.value(hit.end, min(end, row_end)):
                end = min(end, row_end)
            else:
                end = min(end, _end_of_rows(stream, line))
        elif hit.kind == "field":
            end = hit.end + short_value_length(stream.text[hit.end : end])
        values.append(Labelled(hit, hit.end, end, stream.value(hit.end, end), suffix))
    return values


def _end_of_rows(stream: Stream, line: int) -> int:
    """Where the run of table rows after a line ends: at the first loose line (a page number)."""
    following = line + 1
    while following < len(stream.lines) and stream.lines[following].layout == "grid":
        following += 1
    return stream.line_starts[following] - 1 if following < len(stream.lines) else len(stream.text)


def _continued(stream: Stream, line: int, next_label: int) -> bool:
    if line + 1 >= len(stream.lines):
        return False
    below = stream.lines[line + 1]
    next_row_end = stream.line_starts[line + 2] if line + 2 < len(stream.lines) else len(stream.text)
    return below.layout == "grid" and below.page != stream.lines[line].page and next_label >= next_row_end


def short_value_length(text: str) -> int:
    """How much of the text after a field label is its value: one cell, however wrapped.

    A field's value is one cell. When it starts on the label's line it continues only into short
    wrap tails (项目名称：12333热线咨询平台项 / 目经费); when it starts on the next line it continues
    through lines no wider than that first one, until one ends short (上海市人力资源和 / 社会保障局
    咨询服 / 务中心). What follows is other text that a scrambled layout printed there (seed 002).
    """
    pieces = text.split("\n")
    length = len(pieces[0])
    if pieces[0].strip():
        for piece in pieces[1:]:
            if not piece.strip() or display_width(piece.strip()) > _WRAP_TAIL:
                break
            length += 1 + len(piece)
        return length
    first_width = None
    previous_width = 0
    for piece in pieces[1:]:
        width = display_width(piece.strip())
        if first_width is not None and (width > first_width + 2 or previous_width < 0.6 * first_width):
            break
        first_width = first_width or width
        previous_width = width
        length += 1 + len(piece)
    return length
