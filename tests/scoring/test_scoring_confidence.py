"""low_confidence: every value read below the threshold is a warning on its form, naming its path."""

from __future__ import annotations

from collections.abc import Callable

from models import Document, Where
from scoring import forms_to_flags
from scoring.confidence import LOW_CONFIDENCE, value_at

Seed = Callable[[str], Document]


def _read_by_ocr(document: Document, confidences: dict[str, float]):
    """Seed 001's form 2 as if scanned: its provenance by OCR at the given confidences."""
    form = document.forms[2]
    provenance = {path: Where(page=3, bbox=(10, 10, 50, 20), method="ocr", confidence=confidences.get(path, 0.99))
                  for path in form.provenance}
    return form.model_copy(update={"provenance": provenance})


def test_a_value_below_the_threshold_is_flagged_on_its_path(seed: Seed) -> None:
    form = _read_by_ocr(seed("001"), {"project_name": 0.55, "funds[0].executed": 0.7999})
    flags = [flag for flag in forms_to_flags([form]) if flag.code == "low_confidence"]
    assert [(flag.paths, flag.severity, flag.form_index) for flag in flags] == [
        (["project_name"], "warning", 0), (["funds[0].executed"], "warning", 0)]
    assert flags[0].message == ("project_name「12345服务热线专项经费」识别置信度 0.55，低于 0.80（第 3 页），请对照原件核实")
    assert (flags[1].expected, flags[1].found) == (">= 0.80", "0.80")  # 0.7999 is below, shown to two places


def test_at_the_threshold_and_from_a_text_layer_no_flag(seed: Seed) -> None:
    form = _read_by_ocr(seed("001"), {"project_name": LOW_CONFIDENCE})
    assert not [flag for flag in forms_to_flags([form]) if flag.code == "low_confidence"]
    assert not [flag for flag in seed("001").flags if flag.code == "low_confidence"]


def test_value_at_follows_provenance_paths(seed: Seed) -> None:
    form = seed("001").forms[0]
    assert value_at(form, "project_name") == "12333热线咨询平台项目经费"
    assert value_at(form, "indicators[5].target").raw == ">=80%"
    assert value_at(form, "indicators[99].target") is None
    assert value_at(form, "sections.nothing") is None
