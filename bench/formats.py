"""Throughput per input format: the same seed forms as text PDFs, web pages, Excel and Word files.

    python bench/formats.py [--rounds N]

Every file of a format (samples/pdf for PDFs, samples/formats for the rest, samples/seeds for text)
goes through the whole pipeline (extract, parse, normalize, score) N times after one untimed warm-up
file per format (imports and compiled patterns are paid once, as in a batch); extraction alone is
timed the same way. A unit is what the format has: a page of a PDF, a sheet of a workbook, a whole
document for a web page, a Word file or text (they have no pages until they are printed); forms/s
compares the formats on the same content.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract import extract  # noqa: E402
from pipeline import file_to_document  # noqa: E402

FORMATS = ROOT / "samples" / "formats"
# format -> (files, what one unit is)
INPUTS: dict[str, tuple[list[Path], str]] = {
    "pdf (text layer)": (sorted((ROOT / "samples" / "pdf").glob("00?-[lr][ol].pdf")), "page"),
    "html": (sorted(FORMATS.glob("00?.html")), "document"),
    "xlsx": (sorted(FORMATS.glob("00?.xlsx")), "sheet"),
    "xls": (sorted(FORMATS.glob("00?.xls")), "sheet"),
    "docx": (sorted(FORMATS.glob("00?.docx")), "document"),
    "text (.txt)": (sorted((ROOT / "samples" / "seeds").glob("*.txt")), "document"),
}


def units(path: Path, unit: str) -> int:
    return extract(path).source.pages or 1 if unit != "document" else 1


def forms(path: Path) -> int:
    return len(file_to_document(path).forms)


def timed(step: Callable[[Path], object], paths: list[Path], rounds: int) -> float:
    step(paths[0])  # warm-up
    started = time.perf_counter()
    for _ in range(rounds):
        for path in paths:
            step(path)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="passes over each format's files (default 5)")
    rounds = parser.parse_args(argv).rounds
    print("| input | files | forms | unit | units | forms/s | units/s | ms/file | extract only units/s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, (paths, unit) in INPUTS.items():
        if not paths:
            continue
        count = sum(units(path, unit) for path in paths)
        made = sum(forms(path) for path in paths)
        whole = timed(file_to_document, paths, rounds) / rounds
        bare = timed(extract, paths, rounds) / rounds
        print(f"| {name} | {len(paths)} | {made} | {unit} | {count} | {made / whole:.1f} | {count / whole:.1f} | "
              f"{1000 * whole / len(paths):.1f} | {count / bare:.1f} |")


if __name__ == "__main__":
    main()
