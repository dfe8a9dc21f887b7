"""Documents without forms, files the walk passes over, and the progress line while a file is read."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from rich.console import Console

from batch.inputs import walk_inputs
from batch.progress import Reporter, Tally, reading_line, summary
from batch.records import Outcome, Progress
from tests.batch.conftest import SMALL_SEEDS, ingest, log
from tests.conftest import ROOT

LONG_PDF = ROOT / "samples" / "pdf" / "000-rl-long.pdf"  # a 部门预算: pages 1-9 hold no form


def formless_pdf(target: Path, pages: list[int]) -> Path:
    """Pages of the 部门预算 sample that hold no form: a real filing's budget text, no 绩效 table."""
    source, made = pdfium.PdfDocument(LONG_PDF), pdfium.PdfDocument.new()
    made.import_pages(source, pages)
    made.save(target)
    return target


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "filings"
    folder.mkdir()
    formless_pdf(folder / "budget-a.pdf", [0, 1])
    formless_pdf(folder / "budget-b.pdf", [2])
    (folder / SMALL_SEEDS[0].name).write_bytes(SMALL_SEEDS[0].read_bytes())
    (folder / "manifest.json").write_text("{}", encoding="utf-8")
    (folder / "README").write_text("filings of 2020", encoding="utf-8")
    (folder / ".hidden.pdf").write_bytes(b"%PDF")
    return folder


def test_formless_documents_are_no_forms_counted_and_not_read_again(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db = tmp_path / "filings.duckdb"
    code, err = ingest(capsys, str(folder), "--db", str(db), "--strict")
    assert code == 0  # a budget without forms is not a failure, even with --strict
    entries = {Path(path).name: entry for path, entry in log(db).items()}
    assert (entries["budget-a.pdf"]["status"], entries["budget-a.pdf"]["pages"]) == ("no_forms", 2)
    assert entries["budget-a.pdf"]["error"] == "no known form found (no 绩效目标表 or 绩效自评表 title)."
    assert entries[SMALL_SEEDS[0].name]["status"] == "ok"
    assert "(1 ok, 0 partial, 2 without forms, 0 failed)" in err
    assert "not read: 2 files in the folders (not a kind the pipeline reads): " in err
    assert f"{folder / 'README'}, {folder / 'manifest.json'}" in err and ".hidden" not in err

    code, err = ingest(capsys, str(folder), "--db", str(db))
    assert "done: 0 of 0 files read" in err and "3 already in the store" in err  # nothing read again


def test_the_walk_names_what_it_passes_over(folder: Path) -> None:
    inputs = walk_inputs([str(folder)])
    assert [Path(path).name for path in inputs.files] == sorted(["budget-a.pdf", "budget-b.pdf", SMALL_SEEDS[0].name])
    assert [Path(path).name for path in inputs.ignored] == ["README", "manifest.json"]
    named = walk_inputs([str(folder / "manifest.json")])  # named on its own: taken, the pipeline says what it is
    assert (named.files, named.ignored) == ([str(folder / "manifest.json")], [])


def test_the_progress_line_names_the_file_and_counts_its_pages_as_they_finish() -> None:
    tally = Tally(files=2, bytes=100)
    console = Console(file=io.StringIO(), force_terminal=True, width=200)
    reporter = Reporter(tally, console, quiet=False)
    reporter.progress(Progress("scans/001-lo-scan.pdf", 0, None))
    assert reading_line(reporter.reading) == "reading 001-lo-scan.pdf" and reporter.pages() == 0
    reporter.progress(Progress("scans/001-lo-scan.pdf", 1, 3))
    reporter.progress(Progress("scans/003-rl-scan.pdf", 0, None))
    reporter.progress(Progress("scans/001-lo-scan.pdf", 2, 3))
    assert reading_line(reporter.reading) == "reading 001-lo-scan.pdf 2/3 +1 more"
    assert reporter.pages() == 2
    outcome = Outcome("scans/001-lo-scan.pdf", "ab" * 32, "ok", pages=3, forms=1)
    tally.add(outcome, [outcome.path])
    reporter.done(outcome, 50)
    assert reporter.pages() == 3 and reading_line(reporter.reading) == "reading 003-rl-scan.pdf"


def test_a_local_run_reports_each_page_of_a_pdf(tmp_path: Path) -> None:
    from batch.pool import Limits, LocalPool
    from batch.records import Task
    from extract import file_sha256

    pdf = formless_pdf(tmp_path / "budget.pdf", [0, 1, 2])
    seen: list[Progress] = []
    with LocalPool(1, Limits()) as pool:
        pool.on_progress = seen.append
        (outcome,) = [outcome for ready in pool.run([Task(str(pdf), file_sha256(pdf))]) for outcome in ready]
    assert outcome.status == "no_forms"
    assert [(progress.pages_done, progress.pages) for progress in seen] == [(0, None), (1, 3), (2, 3), (3, 3)]


def test_summary_lists_ignored_files_up_to_ten() -> None:
    tally = Tally(ignored=[f"in/{number:02}.json" for number in range(12)])
    line = next(line for line in summary(tally) if line.startswith("not read"))
    assert line.endswith("in/08.json, in/09.json and 2 more")
