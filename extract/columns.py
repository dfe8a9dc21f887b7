"""Text that pdftotext wrote (``-layout`` and ``-raw``) -> the lines the PDF path would give.

``-layout`` places each piece of text at the character column its x position maps to, so a form's
cells come out as pieces two spaces or more apart, every cell at its own height; ``-raw`` prints the
content stream's order, a cell per line. What they do that a PDF's own text layer does not, and
what is rebuilt here (measured on samples/text_variants/, from the sample PDFs):

- a label printed down a narrow side column comes out one character per line (项/目/名/称), in
  ``-layout`` at the margin of the lines beside it: folded back into one label, the first cell of
  the row it stands beside or a line of its own before the block it is centred on;
- a label is printed on the middle line of the value wrapped beside it (项目名称： between 12333热线…项
  and 目经费): the label takes its value's lines back and becomes one grid row (label, value, …);
- tables (``extract.layout_tables``): one grid line per table row, as the PDF path gives them; a
  table that runs over a page goes on under its headings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import regex

from extract.layout_tables import _LOOKAHEAD, carried_heading, find_table, grid_lines, table_rows
from models import Line, Where

_DIGIT = regex.compile(r"\d")
_FIGURE = regex.compile(r"^[=<>≥≤]{0,2}-?[\d,]+(?:\.\d+)?%?$")
_GAPPED = regex.compile(r"[^\s|] {2,}[^\s|]")  # not an empty web cell between bars (a |  | b)
_INDENTED = regex.compile(r"^ {2,}\S")
# a piece of a label printed down a side column: one or two characters (项, 项目, （元, 元）)
_SIDE = regex.compile(r"^ ?([\p{Han}（）()]{1,2})(?= {1,}\S| *$)")
_SIDE_ALONE = regex.compile(r"^[\p{Han}（）()]{1,2}$")
_SLACK = 2  # pdftotext rounds x positions to character columns
_GAP_LINES = 1
_STRAY = 40
_FOOTER = 8  # a page footer (第 1 页) is this short
_WRAPPED_LABEL = 14  # a label wrapped over lines is at most this long per line
_LABEL_MARGIN = 12  # a labelled line's first label starts within this many characters of the margin


def is_layout_text(raw: list) -> bool:
    """Text from pdftotext -layout: many lines hold pieces two spaces or more apart, and no tabs."""
    printed = [line.text for line in raw if line.text.strip()]
    if len(printed) < 5 or any("\t" in text for text in printed):
        return False
    gapped = sum(bool(_GAPPED.search(text)) for text in printed)
    indented = sum(bool(_INDENTED.match(text)) for text in printed)
    return gapped >= 0.15 * len(printed) and gapped + indented >= 0.3 * len(printed)


def layout_to_lines(raw: list, flow: Callable[[list], list[Line]]) -> list[Line]:
    """-layout text: its tables as grid lines (extract.layout_tables), the rest as ``flow`` makes it
    of the raw lines once labels are gathered back to their values. A table that runs to the end of
    a page goes on at the top of the next under the same headings, printed again or not."""
    raw = fold_side_labels(raw)
    lines: list[Line] = []
    start, carry = 0, []
    for end in range(1, len(raw) + 1):
        if end == len(raw) or raw[end].page != raw[start].page:
            page_lines, carry = _page_lines(raw[start:end], flow, carry)
            lines += page_lines
            start = end
    return lines


def _page_lines(page: list, flow: Callable[[list], list[Line]], carry: list[str]) -> tuple[list[Line], list[str]]:
    """Tables are found among the printed lines without the folded side labels, which are said
    before the table they were printed beside; between tables, labels gather their values. ``carry``:
    the headings of the table the last page ended in, which a page starting with rows goes on under
    (set over this page's own columns; the page may start with a piece of one cell, the upper half of
    a wrapped target), unless it starts with a title; returned: the headings of the table this page
    ends in."""
    def rest(lines: list) -> list[Line]:
        return flow(gather_centred_values(lines))

    positions = [index for index, line in enumerate(page) if not line.label]
    own = [page[index].text for index in positions]
    top = next((index for index, text in enumerate(own) if text.strip()), None)
    if top is None or find_table(own, top) or _is_title(own[top]):
        carry = []  # the page starts with something else than rows: a title, prose, its own headings
    heading = carried_heading(carry, own[top:]) if carry else None
    carry = [heading] if heading else []
    texts = carry + own
    lines: list[Line] = []
    done, index, ends_in = 0, 0 if carry else len(carry), []
    while index < len(texts):
        # headings carried over from the last page stand over rows already matched to their columns
        found = find_table(texts, index, len(texts) if index < len(carry) else _LOOKAHEAD)
        if found is None or (index < len(carry) and found[1] >= len(carry)):
            index = len(carry) if index < len(carry) else index + 1
            continue
        first, heading, end = found
        rows, end = table_rows(texts, first, end, heading)
        if len(rows) < 2 or end <= len(carry):  # headings without a row under them
            index = max(index + 1, len(carry))
            continue
        shown = max(first, len(carry))  # the headings carried over from the last page are not printed here
        lines += rest(page[done : positions[shown - len(carry)]])
        lines += flow([line for line in page[positions[shown - len(carry)] : positions[end - 1 - len(carry)] + 1]
                       if line.label])
        anchor = page[positions[max(heading, len(carry)) - len(carry)]]
        printed = rows if heading >= len(carry) else rows[1:]
        lines += grid_lines(printed, Where(method="text-input", line=anchor.number, page=anchor.page), anchor.page)
        done, index = positions[end - 1 - len(carry)] + 1, end
        ends_in = [text for _, text in rows[0]] if _runs_to_page_end(texts, end) else []
    return lines + rest(page[done:]), ends_in


def _is_title(text: str) -> bool:
    """A form's printed title (the templates data's title patterns): a page that opens with one
    starts a form, not the rest of the last page's table (whose next row may be printed alone)."""
    from parsers.tokens import classify  # the wording of titles lives with the parsers' data

    return classify(text.strip())[0] == "title"


def _runs_to_page_end(texts: list[str], end: int) -> bool:
    """Nothing but blank lines and a page number (第1页) after the table."""
    after = [text.strip() for text in texts[end:] if text.strip()]
    return len(after) <= 1 and all(len(text) <= _FOOTER for text in after)


def fold_side_labels(raw: list) -> list:
    """Each run of margin pieces of one or two characters becomes one label. Beside one row it is
    that row's first cell (项目名称 | 12333热线…); beside a block it is a ``label`` line of its own,
    said where the block begins, its characters blanked out of the lines they were printed on."""
    out: list = []
    placed: list[int] = []  # where in ``out`` each raw line since the last label went
    index = 0
    while index < len(raw):
        end, label = _side_run(raw, index)
        if end is None:
            placed.append(len(out))
            out.append(raw[index])
            index += 1
            continue
        rests = [replace(line, text=_SIDE.sub(lambda match: " " * len(match.group()), line.text, count=1))
                 for line in raw[index:end]]
        rests = [line for line in rests if line.text.strip()]
        back = _block_start(raw, index, end)
        if len(rests) == 1 and not back:  # a label beside one row: 项目名称 | 12333热线…
            out.append(replace(rests[0], cells=(label, *_PIECE.findall(rests[0].text))))
        else:
            back = min(back, len(placed))
            at = placed[len(placed) - back] if back else len(out)
            out.insert(at, replace(raw[index], text=label, label=True))
            out += rests
        placed = []
        index = end
    return out


def _block_start(raw: list, start: int, end: int) -> int:
    """How many lines above its first character the block a side label is centred on begins. A
    label whose last character stands alone on its line ends with its block (主 管 <row> 部 门);
    otherwise the block runs on below it over the lines printed close together (no blank line, no
    other label, no column headings), as far below as above, so it begins that many lines above the
    label's first line; a row of column headings just above the label is the block's own."""
    below = 0
    if _SIDE.sub("", raw[end - 1].text, count=1).strip():
        while end + below < len(raw) and below < end - start + 2 and _PIECE.search(raw[end + below].text) \
                and not _side(raw[end + below]) and not _headings(raw[end + below].text) \
                and not _stray(raw[end + below].text):
            below += 1
    if below == 0 and start and _headings(raw[start - 1].text):
        return 1
    return below


def _stray(text: str) -> bool:
    """One piece far right: a heading wrapped over the next table (偏差原因分析及改), not the block."""
    pieces = list(_PIECE.finditer(text))
    return len(pieces) == 1 and pieces[0].start() > _STRAY


def _headings(text: str) -> bool:
    """Column headings: two pieces or more, indented, no figure (年初预算数 全年预算数 …, 预期目标 实际完成情况)."""
    return len(_PIECE.findall(text)) >= 2 and not _DIGIT.search(text) and bool(_INDENTED.match(text))


def _side_run(raw: list, start: int) -> tuple[int | None, str]:
    """(end, label) of the side label starting at ``start``, or (None, "").

    The run goes on over indented lines, for at most _GAP_LINES of them in a row. A label beside a
    one-line row is centred on it (项 目 <row> 名 称): as many pieces after the row as before it end
    the label there, so the next label down the margin (主 管 <row> 部 门) starts its own run."""
    if not _side(raw[start]):
        return None, ""
    pieces: list[str] = []
    end, alone, index = start, 0, start
    while index < len(raw) and index - end <= _GAP_LINES:
        line = raw[index]
        if line.page != raw[start].page:
            break
        piece = _side(line)
        if piece is not None:
            pieces.append(piece)
            end = index + 1
            alone += not line.text.strip()[len(piece):]
        elif not _INDENTED.match(line.text):
            break
        elif alone == len(pieces) and alone and _alone_after(raw, index, alone) \
                and _label_ends(raw, index + alone + 1):
            pieces += [raw[index + k].text.strip() for k in range(1, alone + 1)]
            end = index + alone + 1
            break
        index += 1
    return (end, "".join(pieces)) if len(pieces) >= 2 else (None, "")


def _side(line) -> str | None:
    match = _SIDE.match(line.text)
    return match.group(1) if match else None


def _label_ends(raw: list, index: int) -> bool:
    """The line after a centred label is not more of it: no side piece, or the next centred label
    (项 目 <row> 名 称 | 主 管 <row> 部 门, not 年 <row> 度 | 总 体 …)."""
    if index >= len(raw) or not _side(raw[index]):
        return True
    count = 0
    while index + count < len(raw) and _SIDE_ALONE.match(raw[index + count].text.strip()):
        count += 1
    middle = index + count
    return 0 < count and middle < len(raw) and not _side(raw[middle]) and _INDENTED.match(raw[middle].text) \
        and _alone_after(raw, middle, count)


def _alone_after(raw: list, index: int, count: int) -> bool:
    following = raw[index + 1 : index + 1 + count]
    return len(following) == count and all(_SIDE_ALONE.match(line.text.strip()) for line in following)


def fold_vertical_lines(raw: list) -> list:
    """-raw: consecutive lines of one Chinese character each are one label printed downwards (项/目/名/称),
    unless every line prints the same character."""
    out: list = []
    index = 0
    while index < len(raw):
        end = index
        while end < len(raw) and _SIDE_ALONE.match(raw[end].text.strip()) and len(raw[end].text.strip()) == 1:
            end += 1
        # one character printed again and again is no word printed downwards (是 / 是: a target and its actual)
        if end - index >= 2 and len({line.text.strip() for line in raw[index:end]}) > 1:
            out.append(replace(raw[index], text="".join(line.text.strip() for line in raw[index:end])))
            index = end
        else:
            out.append(raw[index])
            index += 1
    return out


# ---- labels centred on their wrapped values ------------------------------------------------------

_PIECE = regex.compile(r"\S+(?: \S+)*")
_COLON = regex.compile(r"[：:]$")
_PLAIN_LABEL = regex.compile(r"^[^\d。，；,;]{3,12}$")  # 项目概况, 项目设立的必要性: no figure, not a sentence
_VALUE_INDENT = 8  # value lines beside a label column start this far in, or further


def gather_centred_values(raw: list) -> list:
    """-layout prints a label (项目名称：, 项目概况) on the middle line of the value wrapped beside it,
    half the value's lines above it and half below (samples/text_variants/004-rl.layout.txt), or on a
    line of its own halfway down a long paragraph (主要绩效：), or itself wrapped around the middle
    (保证项目实施的制 / … / 度、措施). Each labelled line takes back the lines above it that no label
    took and as many below, and becomes one grid row as the PDF path gives it: every label, then the
    pieces nearest to it top to bottom, joined without spaces (the value was wrapped, not spaced)."""
    out: list = []
    pending: list = []  # unlabelled printed lines since the last labelled one
    index = 0
    while index < len(raw):
        line = raw[index]
        if line.label:  # a side label folded back: said on its own line
            out.append(line)
            pending = []
            index += 1
            continue
        split = _split_labels(raw, index)
        if split:
            out.append(replace(line, cells=split))
            pending = []
            index += 3
            continue
        labels = _labels(raw, index)
        if not labels:
            pending = pending + [line] if line.text.strip() else []
            out.append(line)
            index += 1
            continue
        first = labels[0][0]
        pending, count = _value_lines(pending)
        below = _unlabelled_run(raw, index + 1, count, first)
        alone = len(_PIECE.findall(line.text)) == 1  # only a label printed alone can wrap around its value
        tail, after = _label_tail(raw, index + 1 + len(below), labels, count - len(below) if alone else 0, first)
        above = _upper_half(pending, len(after) if tail else len(below), labels)
        del out[len(out) - len(above):]
        values = [*above, *below, *after] if tail else [*above, *below]
        cells = _cells(labels, tail, line, values)
        # a label alone, its text in the paragraph below (项目概况：), stays a line of text
        out.append(replace(line, cells=cells) if any(cells[1::2]) or values else line)
        pending = []
        index += 1 + len(below) + (1 + len(after) if tail else 0)
    return out


def _value_lines(pending: list) -> tuple[list, int]:
    """The unlabelled lines just above a label that can be its value's upper half: indented, not a
    row of figures; the wrapped start of the label itself (at the margin) is kept for _upper_half."""
    count = 0
    for line in reversed(pending):
        pieces = list(_PIECE.finditer(line.text))
        if pieces[0].start() < _VALUE_INDENT or _figure_row(pieces):
            break
        count += 1
    return (pending[len(pending) - count:], count) if count else (pending[-2:], 0)


def _labels(raw: list, index: int) -> list[tuple[int, str]]:
    """The labels of a labelled line: pieces ending in a colon, the first at the margin (a 响应时间：
    inside an indicator cell, further right, is a value); or, beside indented value lines, a short
    phrase at the margin and any short phrase between two figures (开始时间 2019-1-1 结束时间 …)."""
    pieces = list(_PIECE.finditer(raw[index].text))
    colons = [(match.start(), match.group()) for match in pieces if _COLON.search(match.group())]
    if colons:
        return colons if colons[0][0] <= _LABEL_MARGIN else []
    if not pieces or pieces[0].start() > _SLACK + 1 or not _PLAIN_LABEL.match(pieces[0].group()):
        return []
    if not (len(pieces) > 1 and pieces[1].start() >= _VALUE_INDENT or _beside_values(raw, index)):
        return []
    labels = [(pieces[0].start(), pieces[0].group())]
    for before, label, after in zip(pieces[1:], pieces[2:], pieces[3:]):
        if _DIGIT.search(before.group()) and _DIGIT.search(after.group()) and _PLAIN_LABEL.match(label.group()):
            labels.append((label.start(), label.group()))
    return labels


def _split_labels(raw: list, index: int) -> tuple[str, ...]:
    """Labels wrapped around the figures beside them: 同名项目上年预算 / 136990000 136990000 /
    额（元） 数（元）: each label's two parts, each with the figure under it."""
    if index + 2 >= len(raw):
        return ()
    top, middle, bottom = (list(_PIECE.finditer(raw[index + step].text)) for step in range(3))
    if len(top) < 2 or not (len(top) == len(middle) == len(bottom)) or top[0].start() > _SLACK + 1:
        return ()
    if any(_DIGIT.search(piece.group()) for piece in [*top, *bottom]) or \
            not all(_FIGURE.match(piece.group()) for piece in middle):
        return ()
    cells: list[str] = []
    for upper, figure, lower in zip(top, middle, bottom):
        cells += [upper.group() + lower.group(), figure.group()]
    return tuple(cells)


def _beside_values(raw: list, index: int) -> bool:
    near = [raw[other].text for other in (index - 1, index + 1) if 0 <= other < len(raw) and raw[other].text.strip()]
    return any(len(text) - len(text.lstrip(" ")) >= _VALUE_INDENT for text in near)


def _label_tail(raw: list, index: int, labels: list, room: int, first: int) -> tuple[str | None, list]:
    """A label wrapped over two lines around its value's middle: its second line (度、措施), and the
    value lines below that."""
    if index >= len(raw) or _COLON.search(labels[0][1]) or len(labels) > 1 or room <= 0:
        return None, []
    pieces = list(_PIECE.finditer(raw[index].text))
    if len(pieces) != 1 or pieces[0].start() > _SLACK + 1 or _DIGIT.search(pieces[0].group()) \
            or len(pieces[0].group()) > _WRAPPED_LABEL:
        return None, []
    return pieces[0].group(), _unlabelled_run(raw, index + 1, room + 1, first)


def _upper_half(pending: list, below: int, labels: list[tuple[int, str]]) -> list:
    """As many lines above as the value has below; with none below, the labels' own first parts
    wrapped above them (同名项目上年预算额（元 / 70785200 / ）：), if they are there."""
    first_label = labels[0][0]
    if below:
        above = pending[-below:]
        if any(min(match.start() for match in _PIECE.finditer(line.text)) <= first_label + _SLACK for line in above):
            return []
    else:
        above = pending[-2:]
        heads = list(_PIECE.finditer(above[0].text)) if above else []
        if len(heads) != len(labels) or heads[0].start() > first_label + _SLACK \
                or max(len(match.group()) for match in heads) > _WRAPPED_LABEL:
            return []
    if any(_figure_row(list(_PIECE.finditer(line.text))) for line in above):
        return []
    return above if all(_INDENTED.match(line.text) or line is above[0] for line in above) else []


def _figure_row(pieces: list) -> bool:
    """A row of a table inside the value column (子项目名称 … 19030000), not a wrapped value."""
    return len(pieces) >= 2 and bool(_FIGURE.match(pieces[-1].group()))


def _unlabelled_run(raw: list, start: int, count: int, first_label: int) -> list:
    """Up to ``count`` lines below a label that hold only its value's pieces, right of the label."""
    run = []
    for index in range(start, min(len(raw), start + count)):
        pieces = list(_PIECE.finditer(raw[index].text))
        if not pieces or _labels(raw, index) or pieces[0].start() <= first_label + _SLACK or _figure_row(pieces):
            break
        run.append(raw[index])
    return run


def _cells(labels: list[tuple[int, str]], tail: str | None, line, values: list) -> tuple[str, ...]:
    """label, value, label, value: each label with its text wrapped above it, each value the pieces
    nearest to its label, top to bottom."""
    starts = [start for start, _ in labels]
    label_starts = set(starts)
    heads: list[list[str]] = [[] for _ in labels]
    found: list[list[str]] = [[] for _ in labels]
    for source in sorted([*values, line], key=lambda raw_line: raw_line.number):
        for match in _PIECE.finditer(source.text):
            if source is line and match.start() in label_starts:
                continue
            nearest = max([number for number, start in enumerate(starts) if start <= match.start() + _SLACK] or [0])
            wrapped_label = source.number < line.number and match.start() <= starts[nearest] + _SLACK
            (heads if wrapped_label else found)[nearest].append(match.group())
    cells: list[str] = []
    for number, (_, label) in enumerate(labels):
        cells += ["".join(heads[number]) + label + (tail or "" if number == 0 else ""), "".join(found[number])]
    return tuple(cells)
