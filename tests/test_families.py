"""Other provinces' templates through the real pipeline: every family sample PDF (both engines) and every
real form of samples/realdev, scored field by field against its golden (bench/fieldscore.py, the
development set's rules), must stay at or above the floor samples/families/floors.toml holds for it.

The floors are a ratchet: samples/families/update_floors.py raises them as the parsers improve, so a
change that loses fields on any province's form fails here. Where a golden holds no form (the budget
tables of samples/families/no_form.toml) the pipeline must find none, and no file may give more forms
than its golden has."""

from __future__ import annotations

import json
import re
import tomllib
import warnings
from decimal import Decimal
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
        # no realdev filing prints a table of several projects, nor the templates known only from their
        # published blank (mof_target, dept_target, …): a family whose specs name no source is made up only
        made_up_only = all(not entry["source"] for entry in MANIFEST if entry["family"] == family)
        assert family == "no_form" or {"real", "madeup"} <= names or (made_up_only and "madeup" in names), family
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


def printed_texts(form: dict) -> list[str]:
    """Every text a golden form holds that the page must print as it is (names, values, sections)."""
    texts = [form.get(key) for key in ("title", "unit", "department", "project_name", "project_code",
                                       "project_category")]
    texts += list(form["sections"].values()) + [fund["source"] for fund in form["funds"]]
    texts += [task.get(key) for task in form.get("tasks", []) for key in ("name", "content")]
    for ind in form["indicators"]:
        texts += [ind.get(key) for key in ("level1", "level2", "name", "description", "note", "scoring_rule")]
        # a value over 指标性质 | 指标值 | 度量单位 is those cells joined: its figure is printed apart from its unit
        texts += [_printed_part(ind.get(key) or {}, "nature" in ind) for key in ("target", "actual")]
    return [text for text in texts if text]


def _printed_part(value: dict, measured: bool) -> str | None:
    raw, unit = value.get("raw"), value.get("unit")
    return raw.removesuffix(unit) if raw and unit and measured else raw


def printed_numbers(form: dict) -> list[Decimal]:
    """The money of a golden form in the unit its page prints (万元 where funds_unit says so), and its scores."""
    factor = Decimal(10000) if form.get("funds_unit") == "万元" else Decimal(1)
    money = [form.get(key) for key in ("total_budget", "current_budget")]
    money += [fund.get(key) for fund in form["funds"] for key in ("initial_budget", "full_year_budget", "executed")]
    money += [task.get(key) for task in form.get("tasks", []) for key in ("budget", "executed")]
    plain = [form.get("total_score")] + [ind.get(key) for ind in form["indicators"] for key in ("weight", "score")]
    return [Decimal(m) / factor for m in money if m] + [Decimal(p) for p in plain if p]


def _printed_on(page: str, text: str) -> bool:
    squeezed = re.sub(r"\s+", "", text)
    # a share's ≥ printed as 2 (鄂州's 292%) is read as ≥ (greater_sign_read_as_2)
    return squeezed in page or squeezed.replace("≥", "2", 1) in page


def test_every_golden_value_is_printed_in_its_spec_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "samples"))
    from samples.make_families import expected_forms, load_specs, parse_cell

    for spec in load_specs():
        cells = [parse_cell(cell)[0] for block in spec.data["layout"] for row in block.get("rows", []) for cell in row]
        paras = [block.get("text", "") for block in spec.data["layout"]]
        page = re.sub(r"\s+", "", "".join(paras + cells))
        numbers = {Decimal(n) for n in re.findall(r"\d+(?:\.\d+)?", "|".join(paras + cells).replace(",", ""))}
        for form in expected_forms(spec):
            missing = [text for text in printed_texts(form) if not _printed_on(page, text)]
            missing += [str(n) for n in printed_numbers(form) if n not in numbers]
            assert not missing, f"{spec.stem}: not printed: {missing}"
