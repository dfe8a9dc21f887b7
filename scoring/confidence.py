"""Values read with doubt: every provenance entry below the confidence threshold is a warning on its form.

OCR gives each value the engine's confidence; below LOW_CONFIDENCE (the threshold the review report
draws in orange) a value is as likely to hold a misread character as not, so it is flagged on the
field itself (its path), not left as a note about the page.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from models import Flag, Form, Value, Where
from normalize.patterns import compiled
from scoring.common import flag

LOW_CONFIDENCE_CODE = "low_confidence"
LOW_CONFIDENCE = 0.80  # below it a value is to be checked by eye (report: orange; flag: low_confidence)
_SEGMENT = compiled(r"(\w+)(?:\[(\d+)\])?")


def value_at(form: Form, path: str) -> object:
    """The value a provenance path points to; None when the form has no such cell."""
    if path.startswith("sections."):
        return form.sections.get(path.removeprefix("sections."))
    current: object = form
    for name, index in _SEGMENT.findall(path):
        current = getattr(current, name, None)
        if index and isinstance(current, list):
            current = current[int(index)] if int(index) < len(current) else None
        if current is None:
            return None
    return current


def low_confidence(index: int, form: Form) -> Iterator[Flag]:
    """confidence ≥ LOW_CONFIDENCE for every value read (provenance); one warning per value below it."""
    for path, where in form.provenance.items():
        if where.confidence < LOW_CONFIDENCE:
            yield flag(index, LOW_CONFIDENCE_CODE, "warning",
                       f"{path}「{_text(value_at(form, path))}」识别置信度 {where.confidence:.2f}，"
                       f"低于 {LOW_CONFIDENCE:.2f}{_place(where)}，请对照原件核实",
                       f">= {LOW_CONFIDENCE:.2f}", f"{where.confidence:.2f}", paths=[path])


def _text(value: object) -> str:
    if isinstance(value, Value):
        return value.raw
    if isinstance(value, Decimal):
        return format(value, "f")
    return "" if value is None else str(value)


def _place(where: Where) -> str:
    return f"（第 {where.page} 页）" if where.page is not None else ""


CONFIDENCE_RULES = (low_confidence,)
