"""bench/fieldscore.py: the development set's scoring rules, importable."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

from bench.fieldscore import score
from tests.conftest import ROOT

GOLD = json.loads((ROOT / "samples/seeds/001_63a06e9dedb396c3.golden.json").read_text(encoding="utf-8"))


def test_a_golden_scores_one_against_itself() -> None:
    accuracy, tally = score(GOLD, GOLD)
    assert accuracy == 1.0 and tally.forms_found == len(GOLD["forms"]) and not tally.misses


def test_one_wrong_number_costs_one_cell_and_says_which() -> None:
    pred = copy.deepcopy(GOLD)
    pred["forms"][0]["total_score"] = "1.00"
    accuracy, tally = score(GOLD, pred)
    assert tally.ok == tally.total - 1 and accuracy < 1.0
    assert tally.misses == [f"form.total_score: form0 total_score {GOLD['forms'][0]['total_score']!r} vs '1.00'"]


def test_a_missing_form_loses_all_its_cells_and_an_extra_one_is_spurious() -> None:
    pred = copy.deepcopy(GOLD)
    del pred["forms"][0]
    _, without = score(GOLD, pred)
    assert without.forms_found == len(GOLD["forms"]) - 1
    pred["forms"].append({"project_name": "另一个项目", "form_type": "target"})
    _, extra = score(GOLD, pred)
    assert extra.extra_forms == 1 and extra.spurious == without.spurious + 1


def test_numbers_within_half_a_cent_and_full_width_text_are_equal() -> None:
    pred = copy.deepcopy(GOLD)
    form = pred["forms"][0]
    form["executed"] = "81572666.004"
    form["project_name"] = "１２３３３ " + form["project_name"].removeprefix("12333")  # NFKC, spaces dropped
    assert score(GOLD, pred)[0] == 1.0


def test_the_command_line_prints_the_figure_last(tmp_path) -> None:
    pred = tmp_path / "pred.json"
    pred.write_text("not json", encoding="utf-8")
    gold = ROOT / "samples/seeds/001_63a06e9dedb396c3.golden.json"
    out = subprocess.run([sys.executable, str(ROOT / "bench/fieldscore.py"), str(gold), str(pred)],
                         capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1].startswith("accuracy 0.000 (0/")
