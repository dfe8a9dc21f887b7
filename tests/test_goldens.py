"""Every sample through the real pipeline, compared exactly with its golden JSON.

A golden file was checked by eye against its sample once; a diff here is a review item. Regenerate
with UPDATE_GOLDENS=1 (never set in CI: see test_goldens_not_regenerated_in_ci).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline import file_to_document
from tests.conftest import ROOT, TEXT_SAMPLES, updating_goldens


def golden_path(sample: Path) -> Path:
    return sample.with_suffix(".golden.json")


@pytest.mark.parametrize("sample", TEXT_SAMPLES, ids=lambda path: path.stem[:20])
def test_sample_matches_golden(sample: Path) -> None:
    document = file_to_document(sample.relative_to(ROOT))
    produced = json.loads(document.model_dump_json())
    if updating_goldens():
        golden_path(sample).write_text(json.dumps(produced, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert produced == json.loads(golden_path(sample).read_text(encoding="utf-8"))


def test_goldens_not_regenerated_in_ci() -> None:
    assert not (os.environ.get("CI") and updating_goldens())


def test_every_text_sample_has_a_golden() -> None:
    assert TEXT_SAMPLES and all(golden_path(sample).exists() for sample in TEXT_SAMPLES)
