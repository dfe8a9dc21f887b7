"""Stage 2: an Extraction's lines -> Forms, with the doubts the layout left as Flags."""

from __future__ import annotations

from models import Extraction, Flag, Form
from parsers.form import parse_form
from parsers.segment import split_forms


def extraction_to_forms(extraction: Extraction) -> tuple[list[Form], list[Flag]]:
    forms, flags = [], []
    for index, span in enumerate(split_forms(extraction.lines)):
        form, form_flags = parse_form(span, index)
        forms.append(form)
        flags += form_flags
    return forms, flags
