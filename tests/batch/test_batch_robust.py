"""Robustness: kill -9 mid-run then resume, hung/ballooning/crashing documents, unwritable stores."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from batch import store as store_module
from batch.pool import Limits, LocalPool
from batch.records import Task
from batch.runner import COMMIT_DELAY_ENV
from extract import file_sha256
from tests.batch.conftest import REASONS, duplicate_keys, expected_tables, good_files, ingest, log, stored_tables
from tests.batch.misbehaving import misbehaving_process
from tests.conftest import ROOT

KILL_AFTER = 2  # documents committed before the SIGKILL


def _descendants(pid: int) -> set[int]:
    """Every process below pid (Linux /proc), to prove a kill leaves no worker behind."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (ValueError, OSError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    found, stack = set(), [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.add(child)
            stack.append(child)
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_kill_9_mid_run_then_rerun_loses_nothing_and_duplicates_nothing(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db = tmp_path / "filings.duckdb"
    command = [sys.executable, "-m", "batch.cli", str(corpus), "--db", str(db), "--workers", "2"]
    env = os.environ | {COMMIT_DELAY_ENV: "0.25"}  # slow enough that the kill lands mid-run
    run = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    committed = []
    assert run.stderr is not None
    for line in run.stderr:
        if line.startswith("["):  # one line per committed document, printed after its commit
            committed.append(line.split()[2].rstrip(":"))
            if len(committed) == KILL_AFTER:
                break
    workers = _descendants(run.pid)
    run.send_signal(signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 5
    while _alive(workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(workers), "a worker outlived its killed parent"

    # the store is consistent: whole documents only, each committed one in the log
    halfway = log(db)
    assert set(committed) <= set(halfway)
    assert len(halfway) < len(good_files(corpus)) + len(REASONS)  # the kill did land halfway
    stored = {row["doc_sha256"] for row in stored_tables(db)["forms"].to_pylist()}
    assert stored == {row["sha256"] for row in halfway.values() if row["status"] == "ok"}

    code, err = ingest(capsys, str(corpus), "--db", str(db))

    assert code == 0
    assert stored_tables(db) == expected_tables(good_files(corpus))
    assert len(log(db)) == len(good_files(corpus)) + len(REASONS)
    assert set(duplicate_keys(db).values()) == {0}


def test_a_hung_a_ballooning_and_a_crashing_document_fail_with_a_reason_and_the_run_goes_on(
    corpus: Path,
) -> None:
    names = ["hang.txt", "balloon.txt", "crash.txt"]
    for name in names:
        (corpus / name).write_text(name, encoding="utf-8")
    good = good_files(corpus)[-1]
    paths = [corpus / name for name in names] + [good]
    tasks = [Task(str(path), file_sha256(path)) for path in paths]

    with LocalPool(2, Limits(timeout=1.0, max_memory_mb=300), misbehaving_process) as pool:
        outcomes = {Path(o.path).name: o for ready in pool.run(tasks) for o in ready}

    assert outcomes["hang.txt"].error == "took longer than 1 s (--timeout); reading stopped."
    assert outcomes["balloon.txt"].error == "needed more than the 300 MB allowed (--max-memory-mb); reading stopped."
    assert outcomes["crash.txt"].error.startswith("the reading process died (SIGSEGV)")
    assert outcomes[good.name].status == "ok" and outcomes[good.name].forms > 0


def _read_only(folder: Path) -> bool:
    """Make folder unwritable even for root (chattr +i); False when this system cannot."""
    folder.chmod(0o555)
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
    try:
        (folder / "probe").write_bytes(b"")
    except OSError:
        return True
    return False


@pytest.fixture
def read_only_folder(tmp_path: Path):
    folder = tmp_path / "locked"
    folder.mkdir()
    if not _read_only(folder):
        pytest.skip("cannot make a folder read-only here")
    yield folder
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
    folder.chmod(0o755)


def test_a_read_only_store_location_is_one_clear_error_before_any_work(
    corpus: Path, read_only_folder: Path, capsys: pytest.CaptureFixture
) -> None:
    db = read_only_folder / "filings.duckdb"
    code, err = ingest(capsys, str(corpus), "--db", str(db))
    assert code == 2
    assert err.strip() in {
        f"{db}: cannot write there (Permission denied).",
        f"{db}: cannot write there (Operation not permitted).",
        f"{db}: cannot write there (Read-only file system).",
    }


def test_a_full_disk_is_one_clear_error_before_any_work(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    usage = store_module.shutil.disk_usage(tmp_path)
    monkeypatch.setattr(store_module.shutil, "disk_usage", lambda _: usage._replace(free=5 * 2**20))
    db = tmp_path / "filings.duckdb"
    code, err = ingest(capsys, str(corpus), "--db", str(db))
    assert (code, err.strip()) == (2, f"{db}: the disk is full (5 MB free, 64 MB needed).")
    assert not db.exists()


def test_a_store_in_use_by_another_run_is_one_clear_error(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db = tmp_path / "filings.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; held = duckdb.connect(sys.argv[1]); print(1, flush=True); "
         "time.sleep(60)", str(db)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "1"
        code, err = ingest(capsys, str(corpus), "--db", str(db))
    finally:
        holder.kill()
        holder.wait()
    assert (code, err.strip()) == (2, f"{db}: the store is in use by another run; wait for it to finish.")


def test_a_store_made_with_other_columns_is_refused_untouched(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db = tmp_path / "filings.duckdb"
    with store_module.Store(db) as store:
        store.db.execute("ALTER TABLE flags ADD COLUMN from_another_version VARCHAR")
    code, err = ingest(capsys, str(corpus), "--db", str(db))
    assert code == 2
    assert err.strip() == (f"{db}: table flags has other columns than this version writes (another version made "
                           "the store); ingest into a new store.")
