"""Stage 3: re-check a document's arithmetic and emit Flags for the auditor; forms are never edited.

forms_to_flags: the rules on each form of one document (scoring.rules.RULES).
documents_to_flags: the rules across the documents of a run (scoring.batch.CROSS_RULES), called once
all files are read.
"""

from __future__ import annotations

from models import Flag, Form
from scoring.batch import documents_to_flags
from scoring.rules import RULES

__all__ = ["documents_to_flags", "forms_to_flags"]


def forms_to_flags(forms: list[Form]) -> list[Flag]:
    return [flag for index, form in enumerate(forms) for rule in RULES for flag in rule(index, form)]
