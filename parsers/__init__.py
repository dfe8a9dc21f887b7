"""Stage 2: an Extraction's lines -> Forms, with the doubts the layout left as Flags.

Two readings of the same lines: by printed line (a ruled table's rows, labels beside their values:
every PDF and the seeds' text), and by token (the cells in order, each tagged by the templates data:
tables flattened by web pages and document sites). The reading that accounts for more of the form
is kept; both give the same Form model, finished the same way (template, scope, coverage). Where the
line reading is evidently complete, the token reading is not run: it has nothing left to win.
"""

from __future__ import annotations

from decimal import Decimal

from models import Extraction, Flag, Form, Indicator
from parsers.form import parse_form
from parsers.misprints import misprint_flags, repair_misprints
from parsers.segment import split_forms
from parsers.templates import COVERAGE_FLOOR, coverage_of, finish_forms
from parsers.token_split import token_forms
from parsers.tokens import Token, holds_other_cells, tokenize

# the token reading replaces the line reading only when it reads clearly more: where both read a
# ruled table alike, the line reading's boxes and labels are the finer provenance
_MARGIN = 1.1
# A line reading is evidently complete when every form reads nearly all its printed text, no
# indicator is misread, and it holds many values per printed cell. Over every sample and real
# document the token reading never won such a reading; the densest reading it won held 1.02
# values a cell (a damaged row-per-line text); tests/parsers/test_reading_choice.py checks it.
_COMPLETE_COVERAGE = Decimal("0.97")
_COMPLETE_DENSITY = 1.25


def _line_forms(extraction: Extraction, tokens: list[Token]) -> tuple[list[Form], list[Flag], list[list[Token]]]:
    """The line reading, with each form's share of the document's tokens (its lines' tokens)."""
    forms, flags, spans = [], [], []
    position = {id(line): index for index, line in enumerate(extraction.lines)}
    for index, span in enumerate(split_forms(extraction.lines)):
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
            leaves = _leaves(indicator.model_dump())
            total += -leaves if _misread(indicator) else leaves
    return total


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


def _read(extraction: Extraction) -> tuple[tuple[list[Form], list[Flag]], int, bool, list[list[Token]]]:
    """The better of the two readings, finished; the values it read, whether the line reading was
    evidently complete, and each form's tokens."""
    tokens = tokenize(extraction.lines)
    forms, flags, spans = _line_forms(extraction, tokens)
    values = read_values(forms)
    finished = finish_forms(forms, list(flags), spans)
    if evidently_complete(finished[0], values, tokens):
        return finished, values, True, spans
    by_token = token_forms(tokens)
    if (by_token_values := read_values(by_token[0])) > _MARGIN * values:
        return finish_forms(*by_token), by_token_values, False, by_token[2]
    return finished, values, False, spans


def _poorly_read(forms: list[Form]) -> bool:
    """No form found, or one flagged for its coverage: a reading worth trying with misprints read."""
    return not forms or any(form.coverage is not None and form.coverage < COVERAGE_FLOOR for form in forms)


def _unread_lines(forms: list[Form], spans: list[list[Token]]) -> set[int] | None:
    """The lines holding text the reading did not account for (None: no form, every line)."""
    if not forms:
        return None
    lines = set()
    for form, tokens in zip(forms, spans):
        unread = set(coverage_of(form, tokens)[1])
        lines |= {token.line for token in tokens if token.text in unread}
    return lines


def extraction_to_forms(extraction: Extraction) -> tuple[list[Form], list[Flag]]:
    reading, values, complete, spans = _read(extraction)
    if complete or not _poorly_read(reading[0]):
        return reading
    repaired, misprints = repair_misprints(extraction)
    # a misprint in text already read (a section's prose) changes nothing worth a second reading
    unread = _unread_lines(reading[0], spans)
    if not any(unread is None or misprint.line in unread for misprint in misprints):
        return reading
    (forms, flags), repaired_values, _, repaired_spans = _read(repaired)
    if repaired_values <= _MARGIN * max(values, 0) or not forms:
        return reading
    return forms, flags + misprint_flags(misprints, repaired_spans)
