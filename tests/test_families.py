"""Other provinces' templates through the real pipeline: every family sample PDF (both engines) and every
real form of samples/realdev, scored field by field against its golden (bench/fieldscore.py, the
development set's rules), must stay at or above the floor samples/families/floors.toml holds for it.

The floors are a ratchet: samples/families/update_floors.py raises them as the parsers improve, so a
change that loses fields on any province's form fails here. Where a golden holds no form (the budget
tables of samples/families/no_form.toml) the pipeline must find none, and no file may give more forms
than its golden has."""

from __future__ import annotations

import json
import tomllib
import warnings
from functools import cache

import pytest

from samples.families.update_floors import FAMILIES, Measure, Sample, measure, read_floors, samples
from tests.conftest import ROOT

SAMPLES = samples()
FLOORS = read_floors()
MANIFEST = tomllib.loads((FAMILIES / "manifest.toml").read_text(encoding="utf-8"))["pdf"]


@cache
def measured(sample: Sample) -> Measure:
    result = measure(sample)
    if result.crash:  # scored as nothing read; said, so that a crash is not mistaken for a weak parse
        warnings.warn(f"{sample.key}: the pipeline raised {result.crash}", stacklevel=2)
    return result


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda sample: sample.key)
def test_sample_keeps_its_floor(sample: Sample) -> None:
    assert sample.key in FLOORS, f"{sample.key} has no floor: run python samples/families/update_floors.py"
    result = measured(sample)
    assert result.accuracy >= FLOORS[sample.key] - 1e-9, result.line(sample.key)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda sample: sample.key)
def test_no_more_forms_than_the_golden_has(sample: Sample) -> None:
    result = measured(sample)
    assert result.pred_forms <= result.gold_forms, result.line(sample.key)


@pytest.mark.parametrize("sample", [s for s in SAMPLES if s.path.name.startswith("no_form-")], ids=lambda s: s.key)
def test_budget_tables_hold_no_form(sample: Sample) -> None:
    result = measured(sample)
    assert (result.gold_forms, result.pred_forms, result.crash) == (0, 0, ""), result.line(sample.key)


def test_every_floor_names_a_sample() -> None:
    assert set(FLOORS) == {sample.key for sample in SAMPLES}


def test_every_family_has_a_real_and_a_madeup_spec_from_both_engines() -> None:
    specs: dict[str, set[tuple[str, str]]] = {}
    for entry in MANIFEST:
        specs.setdefault(entry["family"], set()).add((entry["spec"], entry["engine"]))
    engines = {"reportlab", "libreoffice"}
    for family, made in specs.items():
        names = {spec for spec, _ in made}
        assert family == "no_form" or {"real", "madeup"} <= names, family
        assert made == {(spec, engine) for spec in names for engine in engines}, family


def test_family_goldens_are_their_specs_expected_records(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "samples"))  # the generator imports its sibling render.py
    from samples.make_families import expected_forms, load_specs

    for spec in load_specs():
        committed = json.loads(spec.golden_path().read_text(encoding="utf-8"))
        assert committed["forms"] == expected_forms(spec), spec.stem


def test_every_golden_parses_and_scores_one_against_itself() -> None:
    from bench.fieldscore import score

    for golden in {sample.golden for sample in SAMPLES}:
        doc = json.loads((ROOT / golden).read_text(encoding="utf-8"))
        accuracy, tally = score(doc, doc)
        assert (accuracy, tally.spurious) == (1.0 if tally.total else 0.0, 0), golden
