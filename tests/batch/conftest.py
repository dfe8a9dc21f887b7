"""A small corpus for batch runs: the seeds, two sample PDFs and every kind of bad file."""

from __future__ import annotations

import io
import shutil
from contextlib import redirect_stderr
from pathlib import Path

import pyarrow as pa
import pytest

from batch.cli import main
from batch.store import KEYS, Store
from export.tables import TABLE_SCHEMAS, document_tables
from pipeline import file_to_document
from tests.conftest import ROOT, SEEDS

# the smallest samples keep the folder's tests to seconds; bench/batch.py runs them all
SMALL_SEEDS = sorted(SEEDS, key=lambda path: path.stat().st_size)[:3]
SMALL_PDFS = sorted((ROOT / "samples" / "pdf").glob("*.pdf"), key=lambda path: path.stat().st_size)[:1]
BAD_PDFS = sorted((ROOT / "samples" / "bad").glob("*.pdf"))
# what the log must say for each bad file, and nothing else
REASONS = {
    "encrypted.pdf": "the PDF is encrypted and needs a password.",
    "png_renamed.pdf": "not a PDF (it is a PNG image).",
    "truncated.pdf": "not a readable PDF (damaged or truncated).",
    "zero_pages.pdf": "the PDF has no pages.",
    "empty.pdf": "the file is empty.",
    "empty.txt": "the file is empty.",
    "blank.txt": "the file is empty.",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "filings")


@pytest.fixture(scope="session")
def shared_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int, str]:
    """One run over a corpus, for the tests that only read its result: (corpus, store, exit code, stderr)."""
    folder = tmp_path_factory.mktemp("shared")
    corpus, db = make_corpus(folder / "filings"), folder / "store" / "filings.duckdb"
    with redirect_stderr(io.StringIO()) as err:
        code = main([str(corpus), "--db", str(db), "--workers", "2"])
    return corpus, db, code, err.getvalue()


def make_corpus(folder: Path) -> Path:
    """good/ holds three seeds and a text PDF; bad/ a corrupt, an encrypted, a zero-page PDF, a PNG
    renamed .pdf, a 0-byte .pdf, an empty and a blank text file."""
    good, bad = folder / "good", folder / "bad"
    good.mkdir(parents=True)
    bad.mkdir()
    for source in [*SMALL_SEEDS, *SMALL_PDFS]:
        shutil.copy(source, good / source.name)
    for source in BAD_PDFS:
        shutil.copy(source, bad / source.name)
    (bad / "empty.pdf").write_bytes(b"")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "blank.txt").write_text("\n   \n", encoding="utf-8")
    (folder / "notes.json").write_text("{}", encoding="utf-8")  # not a filing: the walk skips it
    return folder


def good_files(folder: Path) -> list[Path]:
    return sorted((folder / "good").iterdir())


def ingest(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str]:
    """batch.cli.main(argv) -> (exit code, stderr)."""
    code = main([*argv, "--workers", "2"])
    return code, capsys.readouterr().err


def expected_tables(paths: list[Path]) -> dict[str, pa.Table]:
    """The five tables straight from the pipeline, in the store's key order."""
    tables = document_tables([file_to_document(path) for path in paths])
    return {name: table.sort_by([(key, "ascending") for key in KEYS[name]]) for name, table in tables.items()}


def stored_tables(db: Path) -> dict[str, pa.Table]:
    with Store(db, read_only=True) as store:
        return {name: store.table(name) for name in TABLE_SCHEMAS}


def log(db: Path) -> dict[str, dict]:
    """path -> its log row (one per path: the store never logs a path twice for the same content)."""
    with Store(db, read_only=True) as store:
        rows = store.table("documents").to_pylist()
    assert len({row["path"] for row in rows}) == len(rows), "a path logged twice"
    return {row["path"]: row for row in rows}


def duplicate_keys(db: Path) -> dict[str, int]:
    """table -> how many of its keys occur more than once (all zero in a sound store)."""
    with Store(db, read_only=True) as store:
        return {
            name: store.db.execute(
                f'SELECT count(*) FROM (SELECT {", ".join(keys)} FROM "{name}" GROUP BY ALL HAVING count(*) > 1)'
            ).fetchall()[0][0]
            for name, keys in KEYS.items()
        }
