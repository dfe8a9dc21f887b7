"""The token reading is skipped where the line reading is evidently complete: over every sample and
real document, such a reading is one the token reading would not have replaced."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import extract
from parsers import _MARGIN, _is_project_name, _line_forms, evidently_complete, line_values, read_values
from parsers.templates import finish_forms
from parsers.token_split import token_forms
from parsers.tokens import tokenize
from tests.conftest import ROOT

_SAMPLES = [*sorted((ROOT / "samples" / "pdf").glob("*.pdf")), *sorted((ROOT / "samples" / "seeds").glob("*.txt")),
            *sorted((ROOT / "samples" / "families").glob("*.pdf")),
            *sorted((ROOT / "samples" / "damaged").glob("*.txt")),
            *sorted(path for path in (ROOT / "samples" / "realdev").iterdir() if path.suffix != ".json"
                    and path.name != "NOTES.md")]


def _choice(path: Path) -> tuple[bool, bool]:
    """(the line reading is evidently complete, the token reading would replace it)."""
    extraction = extract(path)
    tokens = tokenize(extraction.lines)
    forms, flags, spans = _line_forms(extraction, tokens)
    values = line_values(forms, flags)
    complete = evidently_complete(finish_forms(forms, list(flags), spans)[0], values, tokens)
    return complete, read_values(token_forms(tokens)[0]) > _MARGIN * values


@pytest.fixture(scope="module")
def choices() -> dict[str, tuple[bool, bool]]:
    return {path.name: _choice(path) for path in _SAMPLES}


def test_no_skipped_token_reading_would_have_won(choices: dict[str, tuple[bool, bool]]) -> None:
    lost = [name for name, (complete, token_wins) in choices.items() if complete and token_wins]
    assert not lost, f"the token reading would read more of these, but is skipped: {lost}"


def test_both_ways_are_taken(choices: dict[str, tuple[bool, bool]]) -> None:
    """The check above means something only if the samples hold skipped and token-read documents."""
    assert sum(complete for complete, _ in choices.values()) >= 10
    assert sum(token_wins for _, token_wins in choices.values()) >= 10


@pytest.mark.parametrize(("name", "named"), [
    ("基本公共卫生服务项目补助经费", True), ("2024年高标准农田建设项目", True), ("【5300001】医疗废物集中处置补助", True),
    ("居民健康素养水平≥28%", False),  # a row's name and target read as one cell
    ("反映居民对基本公共卫生服务的满意程度", False), ("%反映被监督单位对执法服务的满意程度", False), (None, False),
])
def test_a_project_name_is_told_from_cells_read_as_one(name: str | None, named: bool) -> None:
    assert _is_project_name(name) is named
