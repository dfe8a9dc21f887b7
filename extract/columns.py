"""Text that pdftotext wrote (``-layout`` and ``-raw``) -> lines the flowed-text parsers read.

``-layout`` places each piece of text at the character column its x position maps to, so a form's
cells come out as pieces two spaces or more apart; ``-raw`` prints the content stream's order, a cell
per line. What both do that a PDF's own text layer does not (samples/text_variants/, from the sample
PDFs): a label printed down a narrow side column (项/目/名/称) comes out one character per line, and
in ``-layout`` those characters sit at the margin of the lines of the row beside them. Such a label is
folded back into one line (项目名称) printed where it began, and the pieces of every other line are
kept as flowed cells.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

_GAPPED = regex.compile(r"\S {2,}\S")
_INDENTED = regex.compile(r"^ {2,}\S")
# a piece of a label printed down a side column: one or two characters (项, 项目, （元, 元）)
_SIDE = regex.compile(r"^ ?([\p{Han}（）()]{1,2})(?= {1,}\S| *$)")
_SIDE_ALONE = regex.compile(r"^[\p{Han}（）()]{1,2}$")
_GAP_LINES = 3  # a side label's characters are at most this many lines apart


def is_layout_text(raw: list) -> bool:
    """Text from pdftotext -layout: many lines hold pieces two spaces or more apart, and no tabs."""
    printed = [line.text for line in raw if line.text.strip()]
    if len(printed) < 5 or any("\t" in text for text in printed):
        return False
    gapped = sum(bool(_GAPPED.search(text)) for text in printed)
    indented = sum(bool(_INDENTED.match(text)) for text in printed)
    return gapped >= 0.15 * len(printed) and gapped + indented >= 0.3 * len(printed)


def fold_side_labels(raw: list, rebuild: Callable) -> list:
    """Each run of margin pieces of one or two characters becomes one line of its own where the run
    began, the rest of its lines after it; ``rebuild(line, text)`` makes a raw line with other text."""
    out: list = []
    index = 0
    while index < len(raw):
        end, label = _side_run(raw, index)
        if end is None:
            out.append(raw[index])
            index += 1
            continue
        out.append(rebuild(raw[index], label))
        for line in raw[index:end]:
            rest = _SIDE.sub(lambda match: " " * len(match.group()), line.text, count=1)
            if rest.strip():
                out.append(rebuild(line, rest))
        index = end
    return out


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
        elif alone == len(pieces) and alone and _alone_after(raw, index, alone):
            pieces += [raw[index + k].text.strip() for k in range(1, alone + 1)]
            end = index + alone + 1
            break
        index += 1
    return (end, "".join(pieces)) if len(pieces) >= 2 else (None, "")


def _side(line) -> str | None:
    match = _SIDE.match(line.text)
    return match.group(1) if match else None


def _alone_after(raw: list, index: int, count: int) -> bool:
    following = raw[index + 1 : index + 1 + count]
    return len(following) == count and all(_SIDE_ALONE.match(line.text.strip()) for line in following)


def fold_vertical_lines(raw: list, rebuild: Callable) -> list:
    """-raw: consecutive lines of one or two Chinese characters each are one label printed downwards."""
    out: list = []
    index = 0
    while index < len(raw):
        end = index
        while end < len(raw) and _SIDE_ALONE.match(raw[end].text.strip()) and len(raw[end].text.strip()) == 1:
            end += 1
        if end - index >= 2:
            out.append(rebuild(raw[index], "".join(line.text.strip() for line in raw[index:end])))
            index = end
        else:
            out.append(raw[index])
            index += 1
    return out
