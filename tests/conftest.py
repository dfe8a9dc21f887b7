"""Shared paths for the tests: they run real files through the real pipeline."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "samples" / "seeds").glob("*.txt"))
# text samples with a golden: the real seeds, and variants of other templates and districts
TEXT_SAMPLES = SEEDS + sorted((ROOT / "samples" / "variants").glob("*.txt"))


@pytest.fixture(autouse=True)
def _run_from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # documents record the path they were given: goldens are made with paths relative to the root
    monkeypatch.chdir(ROOT)


def updating_goldens() -> bool:
    return os.environ.get("UPDATE_GOLDENS") == "1"
