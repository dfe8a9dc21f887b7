"""Split a document's lines into forms.

A form starts at its printed title, or - where the reading order is scrambled and the title comes
after the form's first labels (seed 002) - at its 项目名称 label. A second title, or a second 项目名称,
starts the next form; the title of another kind of table (收支预算总表) ends it, and that table's lines are
no form's: a form title after them starts its form there. A stretch with no
form title, or with a title but neither a 项目名称 nor a unit's name (a table of contents), is not a form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import regex

from models import Line
from normalize.patterns import compiled
from parsers.knowledge import Label, flat, labels, title_family


@dataclass
class FormSpan:
    lines: list[Line] = field(default_factory=list)
    title: str | None = None
    form_type: str | None = None
    title_line: int | None = None  # index into lines
    has_name_label: bool = False
    has_unit_label: bool = False  # a department's form names its unit, not a project
    other: bool = False  # opened by another kind of table's title (收支预算总表): its lines are that table's


def line_title(line: Line) -> tuple[str, str] | None:
    """(title, family) when the whole line is a form title."""
    text = _SPACE.sub("", line.text)
    if len(text) > 40:
        return None
    family = title_family(text)
    return (text, family) if family else None


HEADING_LINES = 2  # lines from a heading that reads as a title to the form's own title under it
OTHER_TITLE = regex.compile(r"^[\p{Han}\d（）()、—\-]{4,30}表$")
_SPACE = compiled(r"\s+")
_PART_HEADING = regex.compile(r"^第[\d一二三四五六七八九十]+部分")
_CONTENTS_GAP = 2  # lines between two entries of a table of contents at the most


def is_other_title(line: Line) -> bool:
    """A stand-alone title of a table that is not a form: 2020年部门收支预算总表."""
    return line.layout == "flow" and bool(OTHER_TITLE.match(_SPACE.sub("", line.text)))


def _is_name_label(line: Line, key: str = "project_name") -> bool:
    text = flat(line.text)
    named, needles = _name_labels(key)
    if needles is not None and not needles.search(text):
        return False  # most lines: none of the labels' characters occur, so no label does
    return any(label.may_occur(text) and next(label.finditer(line.text), None) for label in named)


@cache
def _name_labels(key: str) -> tuple[tuple[Label, ...], re.Pattern[str] | None]:
    """The labels of a field, and one pattern of all their flat texts where each has one (Label.may_occur's
    needle): it finds one where a label may occur, in one pass over the line."""
    named = tuple(label for label in labels() if label.key == key)
    needles = [label.needle for label in named]
    return named, compiled("|".join(map(re.escape, needles))) if all(needles) else None


def contents_entries(texts: list[tuple[int, str]]) -> set[int]:
    """The (line, text) entries that list a document's parts (第三部分 … / 第四部分 项目支出绩效目标表 one under the
    other): a table of contents, its form titles no form's; a part's heading alone over its form stays a title."""
    parts = [line for line, text in texts if _PART_HEADING.match(text)]
    return {line for line in parts if any(other != line and abs(other - line) <= _CONTENTS_GAP for other in parts)}


REPRINTED_LINES = 3  # lines of a page's reprinted heading under its title: (2021年度), 填报单位：X


def _rows_resume(lines: list[Line], index: int) -> int | None:
    """Where a table's rows go on (a line opening with a level label) within a few lines after a title at
    `index`, no 项目名称 or header line first: the page heading reprinted over the next page of the form's
    table (a sheet's print titles), if that is what the title is."""
    from parsers.tokens import classify  # the tokenizer's words: it loads the templates data

    for at in range(index + 1, min(len(lines), index + 2 + REPRINTED_LINES)):
        cells = lines[at].cells
        if cells and classify(cells[0].text)[0] in ("level1", "level2"):
            return at
        if _is_name_label(lines[at]) or line_title(lines[at]) or any(
                classify(cell.text)[0] in ("column", "fcolumn", "section", "heading") for cell in cells):
            return None
    return None


def split_forms(lines: list[Line]) -> list[FormSpan]:
    spans: list[FormSpan] = []
    current = FormSpan()
    contents = contents_entries([(index, line.text.strip()) for index, line in enumerate(lines)])
    skip_to = 0  # the lines of a page heading reprinted over the table's rows are no lines of the form
    for index, line in enumerate(lines):
        if index < skip_to:
            continue
        title = None if index in contents else line_title(line)
        if title and current.title and current.has_name_label and (resume := _rows_resume(lines, index)):
            skip_to = resume
            continue
        name_label = _is_name_label(line)
        # a page heading that reads as a title right over the form's own (吉阳区2023年…绩效目标表（区卫健委） then
        # 项目支出绩效目标表) stays with the form: its lines are the form's, the later title the form's title
        heading = title and current.title and not current.has_name_label \
            and current.title_line is not None and len(current.lines) - current.title_line <= HEADING_LINES
        other = not title and is_other_title(line)
        # another table's title right over the form's (2025年部门预算公开表 then 项目支出绩效目标表) is its heading
        other_table = current.other and len(current.lines) > HEADING_LINES
        if (title and (current.title or other_table) and not heading) or (name_label and current.has_name_label) \
                or other:
            spans.append(current)
            current = FormSpan(other=other)
        if title:
            (current.title, current.form_type), current.other = title, False
            current.title_line = len(current.lines)
        current.has_name_label = current.has_name_label or name_label
        current.has_unit_label = current.has_unit_label or _is_name_label(line, "unit")
        current.lines.append(line)
    spans.append(current)
    return [span for span in spans if span.title and (span.has_name_label or span.has_unit_label)]
