"""A run over a folder: every good form stored, every bad file logged with one reason, reruns idempotent."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from batch.store import Store
from tests.batch.conftest import (
    REASONS,
    SMALL_SEEDS,
    duplicate_keys,
    expected_tables,
    good_files,
    ingest,
    log,
    stored_tables,
)


def test_a_folder_with_bad_files_stores_every_good_form_and_logs_each_bad_file(shared_run) -> None:
    corpus, db, code, err = shared_run  # the store's folder did not exist: the run created it

    assert code == 0
    assert stored_tables(db) == expected_tables(good_files(corpus))
    entries = log(db)
    assert len(entries) == len(good_files(corpus)) + len(REASONS)  # notes.json is not a filing
    for path, entry in entries.items():
        name = Path(path).name
        if name in REASONS:
            assert (entry["status"], entry["error"], entry["forms"]) == ("failed", REASONS[name], 0)
            assert f"{path}: {REASONS[name]}" in err  # the summary names each failure with its reason
        else:
            assert entry["status"] == "ok" and entry["forms"] > 0 and entry["error"] is None
    assert "6 failed" in err  # seven bad paths; the two 0-byte files are one content, read once
    assert "1 duplicate content" in err


def test_a_rerun_reads_only_what_failed_and_duplicates_nothing(
    shared_run, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    corpus, first, _, _ = shared_run
    db = tmp_path / "filings.duckdb"
    shutil.copy(first, db)

    code, err = ingest(capsys, str(corpus), "--db", str(db), "--strict")

    assert code == 1  # --strict: the bad files failed again
    assert "done: 6 of 6 files read" in err  # the failed ones are retried; the stored ones are not
    assert f"{len(good_files(corpus))} already in the store" in err
    assert stored_tables(db) == stored_tables(first)
    assert log(db).keys() == log(first).keys()
    assert set(duplicate_keys(db).values()) == {0}


def test_force_replaces_the_rows_of_a_stored_file(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db = tmp_path / "filings.duckdb"
    good = corpus / "good"
    ingest(capsys, str(good), "--db", str(db))
    expected = stored_tables(db)
    with Store(db) as store:  # damage the stored rows: only a real re-read puts them back
        store.db.execute("UPDATE forms SET project_name = 'tampered'")
        store.db.execute("DELETE FROM indicators WHERE indicator_index = 0")

    code, err = ingest(capsys, str(good), "--db", str(db), "--force", "--strict", "--quiet")

    assert (code, err) == (0, "")  # --quiet: nothing at all when nothing failed
    assert stored_tables(db) == expected
    assert set(duplicate_keys(db).values()) == {0}


def test_the_same_content_under_two_paths_is_stored_once_and_both_are_logged(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    seed = corpus / "good" / SMALL_SEEDS[0].name
    twin = corpus / "twins" / "twin.txt"  # sorts after good/: the seed's path is the one read
    twin.parent.mkdir()
    shutil.copy(seed, twin)
    db = tmp_path / "filings.duckdb"

    ingest(capsys, str(twin), str(seed), "--db", str(db))

    assert stored_tables(db) == expected_tables([seed])  # rows once, under the first path in sorted order
    entries = log(db)
    assert entries[str(seed)]["duplicate_of"] is None
    assert entries[str(twin)]["duplicate_of"] == str(seed)
    assert entries[str(twin)]["status"] == "ok" and entries[str(twin)]["sha256"] == entries[str(seed)]["sha256"]

    # a third copy in a later run is logged without being read
    third = corpus / "twins" / "third.txt"
    shutil.copy(seed, third)
    code, err = ingest(capsys, str(corpus / "twins"), "--db", str(db))
    assert code == 0 and "done: 0 of 0 files read" in err and "2 already in the store" in err
    assert log(db)[str(third)]["duplicate_of"] == str(seed)
    assert stored_tables(db) == expected_tables([seed])


def test_a_changed_file_is_read_again(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    seed = corpus / "good" / SMALL_SEEDS[0].name
    db = tmp_path / "filings.duckdb"
    ingest(capsys, str(seed), "--db", str(db))
    seed.write_text(seed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(seed, ns=(0, 1))  # a new size and mtime: not the stored file any more

    code, err = ingest(capsys, str(seed), "--db", str(db))

    assert code == 0 and "done: 1 of 1 files read" in err
    with Store(db, read_only=True) as store:  # both contents logged for the path, each with its rows
        assert store.count("documents") == 2
        shas = {row["doc_sha256"] for row in store.table("forms").to_pylist()}
    assert len(shas) == 2


@pytest.mark.parametrize(
    ("given", "sentence"),
    [("nowhere/", "nowhere/: no such file or folder."), ("nowhere/*.pdf", "nowhere/*.pdf: no file matches.")],
)
def test_an_input_that_names_nothing_stops_before_any_work(
    given: str, sentence: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db = tmp_path / "filings.duckdb"
    code, err = ingest(capsys, given, "--db", str(db))
    assert (code, err.strip()) == (2, sentence)
    assert not db.exists()
