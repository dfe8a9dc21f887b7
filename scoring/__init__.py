"""Stage 3: re-check a document's arithmetic and emit Flags for the auditor; forms are never edited."""

from __future__ import annotations

from models import Flag, Form
from scoring.rules import RULES


def forms_to_flags(forms: list[Form]) -> list[Flag]:
    return [flag for index, form in enumerate(forms) for rule in RULES for flag in rule(index, form)]
