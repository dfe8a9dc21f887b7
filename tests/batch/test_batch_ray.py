"""--engine ray on a local Ray instance: the same tables and log as the local engine, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.batch.conftest import ingest, log, stored_tables

pytest.importorskip("ray")
pytestmark = [pytest.mark.ray, pytest.mark.filterwarnings("ignore::DeprecationWarning")]  # Ray's own

SAMPLES = ["samples/seeds", "samples/pdf", "samples/bad"]
TIMING = ("seconds", "ingested_at")  # the only columns allowed to differ between two runs


def test_ray_and_local_engines_store_identical_tables(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    local, distributed = tmp_path / "local.duckdb", tmp_path / "ray.duckdb"
    assert ingest(capsys, *SAMPLES, "--db", str(local), "--quiet")[0] == 0

    code, err = ingest(capsys, *SAMPLES, "--db", str(distributed), "--engine", "ray")

    assert code == 0, err
    assert "failed" in err  # samples/bad: logged, summarised, not fatal
    assert stored_tables(distributed) == stored_tables(local)
    assert _without_timing(log(distributed)) == _without_timing(log(local))


def _without_timing(entries: dict[str, dict]) -> dict[str, dict]:
    return {path: {k: v for k, v in row.items() if k not in TIMING} for path, row in entries.items()}
