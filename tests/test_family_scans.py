"""Scans of other provinces' forms (samples/scans/families: stamped, skewed, noisy, photographed) through
the real pipeline, scored field by field against their family goldens (bench/fieldscore.py, as
tests/test_families.py scores the text PDFs they were made from). Each must stay at or above the floor
samples/scans/families/floors.toml holds for it: a ratchet raised by
`python bench/family_scans.py --update-floors` as the OCR path improves."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from bench.family_scans import FLOORS, SCANS, entries, read_floors, scan_path
from samples.families.update_floors import Measure, Sample, measure
from tests.conftest import ROOT

ENTRIES = entries()
SCANNED = [Sample(scan_path(entry), Path(entry["golden"])) for entry in ENTRIES]


@cache
def measured(sample: Sample) -> Measure:
    return measure(sample)


@pytest.mark.ocr
@pytest.mark.parametrize("sample", SCANNED, ids=lambda sample: sample.path.name)
def test_scan_keeps_its_floor(sample: Sample) -> None:
    floors = read_floors()
    assert sample.key in floors, f"{sample.key} has no floor: run python bench/family_scans.py --update-floors"
    result = measured(sample)
    assert not result.crash, result.line(sample.key)
    assert result.accuracy >= floors[sample.key] - 1e-9, result.line(sample.key)


@pytest.mark.ocr
@pytest.mark.parametrize("sample", SCANNED, ids=lambda sample: sample.path.name)
def test_scan_gives_no_more_forms_than_its_golden(sample: Sample) -> None:
    result = measured(sample)
    assert result.pred_forms <= result.gold_forms, result.line(sample.key)


def test_every_floor_names_a_scan_and_every_scan_has_its_golden_and_source() -> None:
    assert set(read_floors()) == {sample.key for sample in SCANNED}, FLOORS
    for entry in ENTRIES:
        assert (SCANS / entry["file"]).is_file(), entry["file"]
        assert (ROOT / entry["golden"]).is_file() and (ROOT / entry["source"]).is_file(), entry["file"]
