"""Stage 2: an Extraction's lines -> Forms, with the doubts the layout left as Flags.

Two readings of the same lines: by printed line (a ruled table's rows, labels beside their values:
every PDF and the seeds' text), and by token (the cells in order, each tagged by the templates data:
tables flattened by web pages and document sites). The reading that accounts for more of the form
is kept; both give the same Form model, finished the same way (template, scope, coverage).
"""

from __future__ import annotations

from models import Extraction, Flag, Form
from parsers.form import parse_form
from parsers.segment import split_forms
from parsers.templates import finish_forms
from parsers.token_split import token_forms
from parsers.tokens import Token, holds_other_cells, tokenize

# the token reading replaces the line reading only when it reads clearly more: where both read a
# ruled table alike, the line reading's boxes and labels are the finer provenance
_MARGIN = 1.1


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
            misread = holds_other_cells(indicator.name or "") or (indicator.name is None and indicator.target)
            total += -leaves if misread else leaves
    return total


def _leaves(value: object) -> int:
    if isinstance(value, dict):
        return sum(_leaves(item) for item in value.values())
    if isinstance(value, list):
        return sum(_leaves(item) for item in value)
    return value is not None


def extraction_to_forms(extraction: Extraction) -> tuple[list[Form], list[Flag]]:
    tokens = tokenize(extraction.lines)
    forms, flags, spans = _line_forms(extraction, tokens)
    by_token = token_forms(tokens)
    if read_values(by_token[0]) > _MARGIN * read_values(forms):
        forms, flags, spans = by_token
    return finish_forms(forms, flags, spans)
