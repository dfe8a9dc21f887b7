#!/usr/bin/env python3
"""Scans of other provinces' forms (samples/scans/families, samples/make_family_scans.py) through the
pipeline: field accuracy against each family golden (bench/fieldscore.py, the rules tests/test_families.py
scores by), beside the figure of the text PDF the scan was made from, and the pipeline's pages/s on it.

    python bench/family_scans.py                    # the table
    python bench/family_scans.py --misses           # and every golden field each scan lost
    python bench/family_scans.py --only hubei       # only the scans whose file name holds this
    python bench/family_scans.py --update-floors    # raise samples/scans/families/floors.toml (--allow-lower)

tests/test_family_scans.py (marked ocr) holds every scan at its floor. Seconds are the whole
pipeline on the file, after one untimed warm-up file (models load once per process); other work
on the machine slows the engine: the load average is printed with the table.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCANS = ROOT / "samples" / "scans" / "families"
FLOORS = SCANS / "floors.toml"
FLOORS_HEAD = """\
# Field accuracy (bench/fieldscore.py) each scan of samples/scans/families reached when last measured:
# tests/test_family_scans.py fails below it. Written by bench/family_scans.py --update-floors
# (raise only; --allow-lower to lower).
"""


@dataclass(frozen=True)
class Figure:
    file: str  # relative to ROOT
    accuracy: float
    ok: int
    total: int
    forms: str  # "found/golden"
    seconds: float
    crash: str
    misses: tuple[str, ...]


def entries() -> list[dict]:
    return tomllib.loads((SCANS / "manifest.toml").read_text(encoding="utf-8"))["scan"]


def scan_path(entry: dict) -> Path:
    return SCANS.relative_to(ROOT) / entry["file"]


def figure(path: Path, golden: Path) -> Figure:
    """The pipeline on one file (path relative to ROOT), scored against its golden."""
    from bench.fieldscore import score
    from samples.families.update_floors import predicted

    gold = json.loads((ROOT / golden).read_text(encoding="utf-8"))
    start = time.perf_counter()
    pred, crash = predicted(path)
    seconds = time.perf_counter() - start
    accuracy, tally = score(gold, pred)
    return Figure(path.as_posix(), accuracy, tally.ok, tally.total, f"{tally.forms_found}/{len(gold['forms'])}",
                  seconds, crash, tuple(tally.misses))


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(ROOT / path)
    count = len(document)
    document.close()
    return count


def read_floors() -> dict[str, float]:
    return tomllib.loads(FLOORS.read_text(encoding="utf-8")).get("floors", {}) if FLOORS.exists() else {}


def write_floors(figures: list[Figure], allow_lower: bool) -> None:
    from samples.families.update_floors import new_floor

    floors = read_floors()
    for item in figures:
        floors[item.file] = new_floor(floors.get(item.file), item.accuracy, allow_lower)
    rows = [f'"{key}" = {value:.3f}' for key, value in sorted(floors.items())]
    FLOORS.write_text(FLOORS_HEAD + "\n[floors]\n" + "\n".join(rows) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="only the scans whose file name holds this")
    parser.add_argument("--misses", action="store_true", help="print every golden field a scan lost")
    parser.add_argument("--update-floors", action="store_true", help="raise the floors to today's figures")
    parser.add_argument("--allow-lower", action="store_true", help="with --update-floors, lower them too")
    arguments = parser.parse_args(argv)
    chosen = [entry for entry in entries() if arguments.only in entry["file"]]
    if not chosen:
        raise SystemExit(f"no scan in {SCANS.relative_to(ROOT)}/manifest.toml matches {arguments.only!r}")
    figure(Path(chosen[0]["source"]), Path(chosen[0]["golden"]))  # warm-up: the text path's imports
    figure(scan_path(chosen[0]), Path(chosen[0]["golden"]))  # and the OCR models
    floors = read_floors()
    print(f"load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores")
    print(f"{'scan':52} {'accuracy':>15} {'forms':>5} {'pdf':>6} {'pages/s':>7}  floor")
    scans, seconds, pages = [], 0.0, 0
    for entry in chosen:
        scan = figure(scan_path(entry), Path(entry["golden"]))
        text = figure(Path(entry["source"]), Path(entry["golden"]))
        count = page_count(scan_path(entry))
        stale = hashlib.sha256((ROOT / entry["source"]).read_bytes()).hexdigest() != entry["source_sha256"]
        scans.append(scan)
        seconds, pages = seconds + scan.seconds, pages + count
        floor = floors.get(scan.file)
        mark = "" if floor is None else f"{floor:.3f}" + ("  BELOW" if scan.accuracy < floor - 1e-9 else "")
        crash = f"  CRASH {scan.crash}" if scan.crash else ""
        crash += "  (its source changed since the scan was made: rerun samples/make_family_scans.py)" if stale else ""
        print(f"{entry['file']:52} {scan.accuracy:6.3f} ({scan.ok:3}/{scan.total:3}) {scan.forms:>5} "
              f"{text.accuracy:6.3f} {count / scan.seconds:7.2f}  {mark}{crash}")
        if arguments.misses:
            for miss in scan.misses:
                print(f"    {miss}")
    ok, total = sum(s.ok for s in scans), sum(s.total for s in scans)
    mean = sum(s.accuracy for s in scans) / len(scans)
    print(f"all: mean {mean:.3f}, fields {ok}/{total} = {ok / max(1, total):.3f}, "
          f"{pages} pages in {seconds:.1f} s = {pages / seconds:.2f} pages/s")
    if arguments.update_floors:
        write_floors(scans, arguments.allow_lower)
        print(f"wrote {FLOORS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)  # documents record the path they were given: relative to the root, as in the tests
    sys.exit(main())
