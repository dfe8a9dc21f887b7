"""Batch ingestion throughput, scaling, worker memory and resume time.

    python bench/batch.py [--pages 1000] [--scan-pages 40] [--workers N] [--repeat 2] [--keep DIR]

Builds a corpus by repeating the samples (each copy made distinct by a trailing PDF comment, so the
store's dedupe does not skip it): text PDFs from samples/pdf up to --pages pages, scanned PDFs from
samples/scans up to --scan-pages. Each set is ingested into a fresh store with 1 worker and with
--workers (default: every core), each run in its own process, timed end to end (walk, hash, pool
start, read, commit); the fastest of --repeat runs is kept. Then the whole corpus is ingested, killed
with SIGKILL once half its documents are committed, and run again: that second run's time is the
time to resume.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from itertools import cycle
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# ---- the corpus --------------------------------------------------------------------------------


def page_count(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def build(folder: Path, sources: list[Path], min_pages: int) -> tuple[int, int]:
    """Copies of sources in folder until they hold min_pages pages; (files, pages)."""
    folder.mkdir(parents=True)
    pages = {source: page_count(source) for source in sources}
    files = total = 0
    for copy, source in enumerate(cycle(sources)):
        if total >= min_pages:
            break
        data = source.read_bytes() + f"\n%perfforms bench copy {copy}\n".encode()
        (folder / f"{copy:05d}-{source.name}").write_bytes(data)
        files, total = files + 1, total + pages[source]
    return files, total


# ---- one measured run, in its own process -------------------------------------------------------


def child(folder: str, db: str, workers: int) -> dict:
    """Inside the child: ingest folder into db; the tally as JSON-able numbers."""
    from rich.console import Console

    from batch.inputs import expand
    from batch.pool import Limits
    from batch.runner import Options, ingest

    started = time.perf_counter()
    options = Options(db=Path(db), workers=workers, quiet=True, limits=Limits(timeout=600, max_memory_mb=4096))
    tally = ingest(expand([folder]), options, Console(stderr=True, quiet=True))
    return {
        "seconds": time.perf_counter() - started,
        "plan_seconds": tally.plan_seconds,
        "busy_seconds": tally.busy_seconds,
        "cpu_seconds": tally.cpu_seconds,
        "files": tally.done,
        "pages_read": tally.pages,  # pages of the documents stored (ok or partial)
        "statuses": dict(tally.statuses),
        "peak_mb": sorted(tally.peak_mb.values()),
        "reasons": sorted({reason for _, reason in tally.failures}),
    }


def measure(folder: Path, workers: int, db: Path) -> dict:
    command = [sys.executable, __file__, "--child", str(folder), str(db), str(workers)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"bench child failed:\n{done.stderr}")
    return json.loads(done.stdout)


def resume(folder: Path, workers: int, db: Path, documents: int) -> dict:
    """Ingest folder, SIGKILL the run once half its documents are committed, then time the rerun."""
    command = [sys.executable, "-m", "batch.cli", str(folder), "--db", str(db), "--workers", str(workers)]
    started = time.perf_counter()
    run = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    committed = 0
    assert run.stderr is not None
    for line in run.stderr:  # one "[k/n] status path" line per committed document
        committed += line.startswith("[")
        if committed >= documents // 2:
            break
    run.send_signal(signal.SIGKILL)
    run.wait()
    killed_after = time.perf_counter() - started
    return {"committed": committed, "killed_after": killed_after, **measure(folder, workers, db)}


# ---- the report ----------------------------------------------------------------------------------


def row(label: str, workers: int, pages: int, result: dict) -> str:
    statuses = result["statuses"]
    peak = result["peak_mb"] or [0.0]
    busy = result["busy_seconds"] / (result["seconds"] * workers)
    return (
        f"{label:<10}{workers:>8}{result['files']:>7}{pages:>7}{result['pages_read']:>6}{result['seconds']:>9.1f}"
        f"{pages / result['seconds']:>9.1f}{pages / max(result['cpu_seconds'], 1e-9):>9.1f}{busy:>7.0%}   "
        f"{statuses.get('ok', 0)}/{statuses.get('partial', 0)}/{statuses.get('failed', 0):<10}"
        f"{max(peak):>8.0f}{sum(peak) / len(peak):>8.0f}"
    )


def _fresh_run(folder: Path, workers: int, base: Path) -> dict:
    db = base / f"{folder.name}-{workers}.duckdb"
    db.unlink(missing_ok=True)
    return measure(folder, workers, db)


def bench(arguments: argparse.Namespace) -> None:
    workers = arguments.workers or os.cpu_count() or 1
    base = Path(arguments.keep) if arguments.keep else Path(tempfile.mkdtemp(prefix="perfforms-bench-"))
    shutil.rmtree(base / "corpus", ignore_errors=True)
    texts = sorted((ROOT / "samples" / "pdf").glob("*.pdf"))
    scans = sorted((ROOT / "samples" / "scans").glob("*.pdf"))
    sets: dict[str, tuple[int, int]] = {}
    if arguments.pages > 0:
        sets["text PDFs"] = build(base / "corpus" / "text", texts, arguments.pages)
    if scans and arguments.scan_pages > 0:
        sets["scans"] = build(base / "corpus" / "scans", scans, arguments.scan_pages)
    print(f"corpus in {base / 'corpus'}: " + ", ".join(f"{f} {name} ({p} pages)" for name, (f, p) in sets.items()))
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start\n")
    print(f"{'set':<10}{'workers':>8}{'files':>7}{'pages':>7}{'read':>6}{'seconds':>9}{'pages/s':>9}{'/cpu-s':>9}"
          f"{'busy':>7}   ok/partial/failed{'peak MB':>9}{'mean MB':>8}")
    print("pages/s: all pages over the wall time of the whole run, start-up included; /cpu-s: pages per second of\n"
          "worker CPU (what one free core gives); busy: time the workers spent inside documents over wall x workers\n"
          "(what the pool's own overhead leaves); read: pages of the documents stored; MB: peak RSS per worker\n")
    rates: dict[tuple[str, int], float] = {}
    for name, (_, pages) in sets.items():
        folder = base / "corpus" / ("text" if name == "text PDFs" else "scans")
        for count in sorted({1, workers}):
            result = min((_fresh_run(folder, count, base) for _ in range(arguments.repeat)),
                         key=lambda result: result["seconds"])
            rates[name, count] = pages / result["seconds"]
            print(row(name, count, pages, result))
            for reason in result["reasons"]:
                print(f"{'':<10}failed: {reason}")
    if workers > 1:
        for name in sets:
            efficiency = rates[name, workers] / (rates[name, 1] * workers)
            print(f"scaling efficiency, {name}: {rates[name, workers] / rates[name, 1]:.2f}× with {workers} "
                  f"workers = {efficiency:.0%}")
    documents = sum(files for files, _ in sets.values())
    db = base / "resume.duckdb"
    db.unlink(missing_ok=True)
    result = resume(base / "corpus", workers, db, documents)
    left = documents - result["committed"]
    print(f"\nresume: the run over all {documents} documents was killed (SIGKILL) after {result['killed_after']:.1f} s "
          f"with {result['committed']} committed; the rerun took {result['seconds']:.1f} s to read the {left} left "
          f"and retry {result['files'] - left} failed ones ({result['plan_seconds']:.2f} s of it to find them)")
    if not arguments.keep:
        shutil.rmtree(base)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        print(json.dumps(child(argv[1], argv[2], int(argv[3]))))
        return 0
    parser = argparse.ArgumentParser(prog="bench/batch.py", description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="text PDF pages in the corpus (default 1000; 0: none)")
    parser.add_argument("--scan-pages", type=int, default=40,
                        help="scanned pages in the corpus (default 40: OCR reads a few seconds a page; 0: none)")
    parser.add_argument("--workers", type=int, default=0, help="the 'all workers' count (default: every core)")
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs per measurement, the fastest kept: other load on the machine only slows (default 2)")
    parser.add_argument("--keep", metavar="DIR", help="build the corpus and stores in DIR and keep them")
    bench(parser.parse_args(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
