"""Stage 2: an Extraction's lines -> Forms, with the doubts the layout left as Flags.

Two readings of the same lines: by printed line (a ruled table's rows, labels beside their values:
every PDF and the seeds' text), and by token (the cells in order, each tagged by the templates data:
tables flattened by web pages and document sites). The reading that accounts for more of the form
is kept; both give the same Form model, finished the same way (template, scope, coverage). Where the
line reading is evidently complete, the token reading is not run: it has nothing left to win.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

import regex

from models import Extraction, Flag, Form, Indicator, Line, Where
from parsers.continuation import continuations_joined
from parsers.form import parse_form
from parsers.knowledge import knowledge
from parsers.misprints import (
    Misprint,
    holds_misprinted_label,
    holds_misprinted_unit,
    is_misprinted_label,
    misprint_flags,
    misread_fields,
    repair_misprints,
)
from parsers.segment import split_forms
from parsers.templates import COVERAGE_FLOOR, finish_forms
from parsers.token_split import token_forms
from parsers.tokens import (
    Token,
    compact,
    holds_other_cells,
    is_page_mark,
    rule_bits_off,
    running_headers_dropped,
    site_list_cut,
    site_summary_dropped,
    tokenize,
)

# the token reading replaces the line reading only when it reads clearly more: where both read a
# ruled table alike, the line reading's boxes and labels are the finer provenance
_MARGIN = 1.1
# A line reading is evidently complete when every form reads nearly all its printed text, no
# indicator is misread, and it holds many values per printed cell. Over every sample and real
# document the token reading never won such a reading; the densest reading it won held 1.02
# values a cell (a damaged row-per-line text); tests/parsers/test_reading_choice.py checks it.
_COMPLETE_COVERAGE = Decimal("0.97")
_COMPLETE_DENSITY = 1.25
# Under 0.15 values a printed cell a reading has lost its way: every sample and real document read
# right holds 0.17 or more (a page-preview OCR, 银川), most above 0.5
_FEW_VALUES = 0.15
# In the line reading, a cell that cannot be read as its column's kind (97.54% under 分值) is a row read out of
# its columns (a web table whose empty cells were dropped): that row's other values are as wrong, and count
# against the reading. (The token reading places cells by their kinds, not by columns: its doubts are others.)
_SHIFTED_ROW_VALUES = 4
# a reading that names projects the other left nameless has found forms the other lumped together: kept though
# it reads up to a fifth fewer values (one nameless form over three projects counts their cells as its own)
_NAMED_SHARE = 0.8


# a name that is a figure with its unit (≥20年, 2台): a value cell read into the name's place
_FIGURE_NAME = regex.compile(r"(?:[≥≤<>=＞＜＝]=?)?\d+(?:\.\d+)?[\p{Han}%％/]{0,4}")


def _line_forms(extraction: Extraction, tokens: list[Token]) -> tuple[list[Form], list[Flag], list[list[Token]]]:
    """The line reading, with each form's share of the document's tokens (its lines' tokens)."""
    forms, flags, spans = [], [], []
    position = {id(line): index for index, line in enumerate(extraction.lines)}
    # a page's or a site's marks (第2页, 打印 关闭, a footer's ICP备…) are no cells of a form
    for index, span in enumerate(split_forms([line for line in extraction.lines if not is_page_mark(line)])):
        form, form_flags = parse_form(span, index)
        forms.append(form)
        flags += form_flags
        lines = {position[id(line)] for line in span.lines}
        spans.append([token for token in tokens if token.line in lines])
    return forms, flags, spans


def read_values(forms: list[Form]) -> int:
    """How many values the forms hold: what a reading accounts for. An indicator whose name holds
    other cells' text (a level label, a placeholder ……, a (30分)), or a target without a name, was
    misread: its values count against."""
    total = 0
    for form in forms:
        total += _leaves(form.model_dump(exclude={"provenance", "form_type", "title", "indicators"}))
        for indicator in form.indicators:
            if _FIGURE_NAME.fullmatch(indicator.name or ""):  # a row read out of its cells: it accounts for nothing
                continue
            leaves = _leaves(indicator.model_dump(exclude={"horizon"}))  # the table's heading's, no cell of the row
            total += -leaves if _misread(indicator) else leaves
    return total


def line_values(forms: list[Form], flags: list[Flag]) -> int:
    """The line reading's read_values, less the values of its rows read out of their columns."""
    shifted = sum(flag.code == "unreadable_cell" for flag in flags)
    return read_values(forms) - _SHIFTED_ROW_VALUES * shifted


def _misread(indicator: Indicator) -> bool:
    return holds_other_cells(indicator.name or "") or bool(indicator.name is None and indicator.target)


def evidently_complete(finished: list[Form], values: int, tokens: list[Token]) -> bool:
    """Is a line reading (its finished forms, and the values it read) beyond the token reading's reach?"""
    printed = sum(token.kind != "empty" for token in tokens)
    return bool(finished) and values >= _COMPLETE_DENSITY * printed and all(
        form.coverage is not None and form.coverage >= _COMPLETE_COVERAGE
        and not any(_misread(indicator) for indicator in form.indicators) for form in finished)


def _leaves(value: object) -> int:
    if isinstance(value, dict):
        return sum(_leaves(item) for item in value.values())
    if isinstance(value, list):
        return sum(_leaves(item) for item in value)
    return value is not None


class _Reading(NamedTuple):
    finished: tuple[list[Form], list[Flag]]
    values: int  # what it accounts for (read_values)
    complete: bool  # the line reading, evidently complete
    spans: list[list[Token]]  # each form's tokens
    printed: int  # the document's printed cells
    unread: list[list[str]]  # each form's printed texts no field read


def _read(extraction: Extraction) -> _Reading:
    """The better of the two readings, finished."""
    extraction = extraction.model_copy(update={"lines": rule_bits_off(extraction.lines)})
    tokens = tokenize(extraction.lines)
    printed = sum(token.kind != "empty" for token in tokens)
    forms, flags, spans = continuations_joined(*_line_forms(extraction, tokens))
    values = line_values(forms, flags)
    finished, finished_flags, unread = finish_forms(forms, list(flags), spans)
    if evidently_complete(finished, values, tokens):
        return _Reading((finished, finished_flags), values, True, spans, printed, unread)
    by_token = continuations_joined(*token_forms(tokens))
    by_token_values = read_values(by_token[0])
    # a line reading naming no project has lumped a table of several into one, their repeated cells read as the
    # rows' own: the token reading naming them reads better, however few the values it counts
    names_more = _names_in(by_token[0]) > _names_in(finished) and (
        by_token_values >= _NAMED_SHARE * values or not any(form.project_name for form in finished))
    if by_token_values > _MARGIN * values or names_more:
        forms, flags, unread = finish_forms(*by_token)
        return _Reading((forms, flags), by_token_values, False, by_token[2], printed, unread)
    if filled := _unread_taken(forms, by_token[0]):
        finished, finished_flags, unread = finish_forms(filled, list(flags), spans)
        values = line_values(filled, flags)
    return _Reading((finished, finished_flags), values, False, spans, printed, unread)


def _unread_taken(forms: list[Form], by_token: list[Form]) -> list[Form] | None:
    """The line reading's forms with the 年度主要任务 and the sections the token reading read where the line reading
    read none (it reads no task table; a section label numbered as a heading over its paragraph, 三、项目概况): the
    two readings found the same forms, each of the same unit and name. None where they fill nothing."""
    if len(forms) != len(by_token) or any((form.unit, form.project_name) != (other.unit, other.project_name)
                                          for form, other in zip(forms, by_token)):
        return None
    filled = [_filled(form, other) for form, other in zip(forms, by_token)]
    return filled if any(new is not form for new, form in zip(filled, forms)) else None


def _sections_unread(form: Form, other: Form) -> dict[str, str]:
    """The other reading's sections that the form lacks and whose text none of its sections holds (a 项目总目标
    read inside the form's 项目设立的必要性 is no section it left unread)."""
    read = "".join(compact(text) for text in form.sections.values() if text)
    return {key: text for key, text in other.sections.items()
            if key not in form.sections and text and compact(text) not in read
            and _inside(form, other.provenance.get(f"sections.{key}"))}


def _inside(form: Form, where: Where | None) -> bool:
    """Whether a place lies among the form's own: on its pages, between its first and last line read (the token
    reading's form may reach into the prose around it: a 部门预算's 年度绩效目标：见后附各表)."""
    if where is None:
        return False
    if where.page is not None and form.page_start is not None and form.page_end is not None \
            and not form.page_start <= where.page <= form.page_end:
        return False
    lines = [place.line for place in form.provenance.values() if place is not None and place.line is not None]
    return where.line is None or not lines or min(lines) <= where.line <= max(lines)


def _filled(form: Form, other: Form) -> Form:
    """The form with the other's tasks where it has none and its sections left unread; the form itself where the
    other fills nothing."""
    tasks = not form.tasks and other.tasks
    unread = _sections_unread(form, other)
    if not tasks and not unread:
        return form
    taken = ("tasks[",) * bool(tasks) + tuple(f"sections.{key}" for key in unread)
    provenance = {**form.provenance, **{path: where for path, where in other.provenance.items()
                                        if path.startswith(taken)}}
    return form.model_copy(update={"tasks": form.tasks or other.tasks, "sections": {**form.sections, **unread},
                                   "provenance": provenance})


def _poorly_read(reading: _Reading) -> bool:
    """No form found, one flagged for its coverage, or a few values for many cells (labels read into a
    neighbour's value, every cell after them swallowed): a reading worth trying with misprints read."""
    forms = reading.finished[0]
    return not forms or reading.values < _FEW_VALUES * reading.printed \
        or any(form.coverage is not None and form.coverage < COVERAGE_FLOOR for form in forms)


def _unread_lines(reading: _Reading) -> set[int] | None:
    """The lines holding text the reading did not account for (None: no form, every line)."""
    if not reading.finished[0]:
        return None
    lines = set()
    for texts, tokens in zip(reading.unread, reading.spans):
        unread = set(texts)
        lines |= {token.line for token in tokens if token.text in unread}
    return lines


def _worth_rereading(misprints: list[Misprint], unread: set[int] | None, spans: list[list[Token]]) -> bool:
    """Whether a misprint stands where the reading went wrong: in text it left unread, or as a cell of
    its own (a label cell read into a neighbour's value: 单位名称 X 项目丁称 …). One inside read prose (a
    section's 全年预算为5093万元) changes nothing worth a second reading."""
    cells = {(token.line, token.text) for tokens in spans for token in tokens}
    return any(unread is None or misprint.line in unread or (misprint.line, misprint.printed) in cells
               for misprint in misprints)


def _holds_forms(repaired: list[Form], printed: list[Form]) -> bool:
    """Whether the reading with misprints read found forms: where the printed text showed none, only a
    form's title or a table of indicators or funds makes one (a budget's 科目名称 read as 项目名称 makes
    no form)."""
    return bool(repaired) and (bool(printed) or any(form.title or form.indicators or form.funds for form in repaired))


def _named(reading: _Reading) -> int:
    return _names_in(reading.finished[0])


def _names_in(forms: list[Form]) -> int:
    """How many forms name their project with a name: not a row's cells read as one (居民健康素养水平≥28%, a
    name with a target in it) nor an explanation (反映…, %反映…) - a reading that cuts a table into spurious
    forms names them so."""
    return sum(_is_project_name(form.project_name) for form in forms)


def _is_project_name(name: str | None) -> bool:
    openers = tuple(knowledge()["values"]["description_openers"])
    return name is not None and regex.match(r"[\p{Han}\d（(【\[]", name) is not None \
        and not name.startswith(openers) and regex.search(r"[≥≤=＝<>＜＞%％]", name) is None  # an operator: a target


def _projects(reading: _Reading) -> int:
    """How many of a reading's forms should name a project: all but a department's (its unit is its name)."""
    return sum(form.scope != "department" for form in reading.finished[0])


def _reads_more(other: _Reading, reading: _Reading) -> bool:
    """Whether another reading of the same text reads better: it names more projects (_names_more), or it
    names every project the first names (a reading that loses a form's name has lost the form, whatever else
    it reads) and reads clearly more, or as much with fewer doubts (warnings and errors: cells left run
    together, sums that disagree)."""
    def doubts(one: _Reading) -> int:
        return sum(flag.severity in ("warning", "error") for flag in one.finished[1])

    if _names_more(other, reading):
        return True
    return _named(other) >= _named(reading) and (other.values > _MARGIN * reading.values or
                                                 other.values >= reading.values and doubts(other) < doubts(reading))


def _names_more(other: _Reading, reading: _Reading) -> bool:
    """Whether another reading names projects the first left nameless, reading nearly as much: it found
    forms the first lumped together (one nameless form over three projects counts their cells as its own)."""
    return _named(other) > _named(reading) and other.values >= _NAMED_SHARE * reading.values


def extraction_to_forms(extraction: Extraction) -> tuple[list[Form], list[Flag]]:
    """The forms the extraction holds, with the flags on them; a form read with no body is none. A site's list of
    other documents after the one it shows, its summary of that one and a page's running header are no part of it."""
    lines = _site_text_dropped(extraction.lines)
    unaligned = None if extraction.unaligned is None else _site_text_dropped(extraction.unaligned)
    if len(lines) < len(extraction.lines) or unaligned is not None and len(unaligned) < len(extraction.unaligned):
        extraction = extraction.model_copy(update={"lines": lines, "unaligned": unaligned})
    return _with_bodies(*_forms_read(extraction))


def _site_text_dropped(lines: list[Line]) -> list[Line]:
    return running_headers_dropped(site_summary_dropped(site_list_cut(lines)))


def _with_bodies(forms: list[Form], flags: list[Flag], spans: list[list[Token]]) -> tuple[list[Form], list[Flag]]:
    """The forms that print a body - an indicator, a funds row, a budget, a total score, a component or a
    task, or at least the header of an indicator or funds table - and their flags renumbered; a title over a
    table that is no form (项目及绩效目标表 over a list of projects) or over prose only prints none of these,
    and is said by one flag."""
    quoted = _quoted(forms)
    kept = [index for index, form in enumerate(forms) if index not in quoted and not _score_summary(form) and (
        _has_body(form) or index >= len(spans) or _is_named(form) and _holds_header(spans[index]))]
    if len(kept) == len(forms):
        return forms, flags
    number = {old: new for new, old in enumerate(kept)}
    said = [flag.model_copy(update={"form_index": number[flag.form_index]}) for flag in flags
            if flag.form_index is None or flag.form_index in number]
    said += [Flag(code="form_without_body", severity="info", found=forms[index].title,
                  message=f"{forms[index].title or 'a form title'} prints no indicator, funds row, budget or score "
                  "after it: not read as a form") for index in range(len(forms))
             if index not in number and index not in quoted]
    said += [Flag(code="form_quoted", severity="info", found=forms[index].project_name,
                  message=f"text naming {forms[index].project_name} with no form title over it, before that project's "
                  "titled form (a report quoting its form's header): not read as a form") for index in sorted(quoted)]
    return [forms[index] for index in kept], said


def _score_summary(form: Form) -> bool:
    """A report's table of its scores by 一级 or 二级 (一级指标 | 二级指标 | 分值 | 得分: 决策 项目立项 5 5) under no
    form title: its rows print no target or actual and no indicator's name, under a name column, with its level
    or points (a column's header read as a row is no indicator, nor a 二级 label read where no name column is
    printed), and nothing else of a form's body is printed."""
    return form.title is None and bool(form.indicators) \
        and not any(row.target or row.actual or _named_under_header(form, index) and (
            row.level1 or row.level2 or row.weight is not None or row.score is not None)
            for index, row in enumerate(form.indicators)) \
        and not (form.funds or form.tasks or form.components or form.current_budget is not None
                 or form.total_budget is not None)


def _named_under_header(form: Form, index: int) -> bool:
    """Whether the indicator's name was read, and read under a header that names its column."""
    where = form.provenance.get(f"indicators[{index}].name")
    return bool(form.indicators[index].name) and (where is None or where.label is not None)


def _quoted(forms: list[Form]) -> set[int]:
    """The forms with no title printing a project's name that a titled form after them prints again: a report's
    account of its project (项目名称：X 主管部门：Y, a summary table of its indicators) before the form attached."""
    return {index for index, form in enumerate(forms) if form.title is None and form.project_name is not None
            and any(later.title is not None and later.project_name == form.project_name
                    for later in forms[index + 1 :])}


_BODY_COLUMNS = frozenset({"level1", "level2", "target", "actual", "weight", "score"})


def _holds_header(span: list[Token]) -> bool:
    """Whether a form's text prints a funds table's header or an indicator table's (its level, value or point
    columns): a body the reading did not read."""
    return any(token.kind == "fcolumn" or token.kind == "column" and token.key in _BODY_COLUMNS for token in span)


def _has_body(form: Form) -> bool:
    """A form naming its project or unit prints a body; one naming neither must print indicators' values or
    tasks: a notice's table of indicators and their points (一级指标 | 分值 | 评分说明) or a report's table of
    its projects' budgets (项目名称 | 年初预算数 | 全年执行数 …) under a form's title is none."""
    if not _is_named(form):
        return bool(any(row.target or row.actual or row.score is not None for row in form.indicators) or form.tasks)
    return bool(form.indicators or form.funds or form.total_budget is not None or form.current_budget is not None
                or form.total_score is not None or form.components or form.tasks)


def _is_named(form: Form) -> bool:
    return bool(form.project_name or form.unit or form.department)


def _forms_read(extraction: Extraction) -> tuple[list[Form], list[Flag], list[list[Token]]]:
    reading = _read(extraction)
    if extraction.unaligned is not None:  # a text spaced into columns: as -layout columns, or as spaced rows
        rows = extraction.model_copy(update={"lines": extraction.unaligned, "unaligned": None})
        if _reads_more((by_rows := _read(rows)), reading):
            extraction, reading = rows, by_rows
    poor = not reading.complete and _poorly_read(reading)
    # a reading, whole-looking or not, may have read a misprinted label into a name (项目名称 X 主丫部门 Y …),
    # or lost a form's name (a misread header made one nameless form of a table of several projects)
    suspect = holds_misprinted_label(misread_fields(reading.finished[0])) or is_misprinted_label(reading.unread) \
        or _named(reading) < _projects(reading) or holds_misprinted_unit(extraction.lines)
    if not poor and not suspect:
        return (*reading.finished, reading.spans)
    unread = _unread_lines(reading) if poor and not suspect else None
    repaired, misprints = repair_misprints(extraction, unread)
    if not _worth_rereading(misprints, unread, reading.spans):
        return (*reading.finished, reading.spans)
    second = _read(repaired)
    needed = reading.values if suspect else _MARGIN * max(reading.values, 0)  # a name freed of labels reads more
    # a unit note read right (项目资金 (万兀): 万元) reads as much, in the unit printed
    unit_read = any(misprint.label == "(万元)" for misprint in misprints) and second.values >= reading.values
    if not (second.values > needed or _names_more(second, reading) or unit_read) \
            or not _holds_forms(second.finished[0], reading.finished[0]):
        return (*reading.finished, reading.spans)
    forms, flags = second.finished
    return forms, flags + misprint_flags(misprints, second.spans), second.spans
