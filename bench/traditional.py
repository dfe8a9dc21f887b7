#!/usr/bin/env python3
"""Where the line between simplified and traditional texts lies: for every sample, seed and realdev
input the pipeline reads without OCR (samples/, scans and unreadable files aside), the share of its Han
characters that are traditional-only, as extract/traditional.py's detection sees it (a text file's
decoded text, any other file's extracted cells), and whether the input was read converted.

    python bench/traditional.py [-v]      -v also prints every input holding a traditional-only character

The printed traditional inputs are samples/traditional/ and the Big5 seeds of samples/text_variants/.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extract import TEXT_SUFFIXES, extract  # noqa: E402
from extract.errors import InputError  # noqa: E402
from extract.text import read_decoded  # noqa: E402
from extract.traditional import TRADITIONAL_SHARE, _han, _table  # noqa: E402

SAMPLES = ROOT / "samples"
SUFFIXES = TEXT_SUFFIXES | {".html", ".htm", ".docx", ".xlsx", ".xls", ".pdf"}


class Measured(NamedTuple):
    path: Path
    han: int  # Han characters
    marked: int  # traditional-only characters among them
    converted: bool  # the extraction read traditional characters or dropped pinyin

    @property
    def share(self) -> float:
        return self.marked / self.han if self.han else 0.0

    @property
    def printed_traditional(self) -> bool:
        # samples/traditional/, a Big5 file, or a probe named so (samples/probes/*_traditional_*)
        return self.path.parent.name == "traditional" and ".radicals." not in self.path.name \
            or self.path.name.endswith(".big5.txt") or "_traditional_" in self.path.name


def inputs() -> list[Path]:
    return sorted(path for path in SAMPLES.rglob("*") if path.is_file() and path.suffix.lower() in SUFFIXES
                  and path.relative_to(SAMPLES).parts[0] not in ("scans", "bad"))


def measure(path: Path) -> Measured | None:
    """None: the file is not read (a damaged office file, a legacy format)."""
    try:
        extraction = extract(path)
    except InputError:
        return None
    if path.suffix.lower() in TEXT_SUFFIXES:
        text = read_decoded(path).text
    else:
        text = "\n".join(cell.text for line in extract(path, as_printed=True).lines for cell in line.cells)
    only = _table()[1]
    converted = bool(extraction.traditional) or any("pinyin annotations" in note for note in extraction.notes)
    return Measured(path, len(_han().findall(text)), sum(map(only.__contains__, text)), converted)


def measured() -> list[Measured]:
    return [found for found in map(measure, inputs()) if found is not None]


def main(argv: list[str]) -> int:
    found = measured()
    simplified = [item for item in found if not item.printed_traditional]
    printed = [item for item in found if item.printed_traditional]
    top = max(simplified, key=lambda item: item.share)
    low = min(printed, key=lambda item: item.share)
    print(f"simplified: {len(simplified)} inputs, {sum(item.marked for item in simplified)} traditional-only "
          f"characters in all; highest share {top.share:.4f} ({top.path.relative_to(ROOT)}); "
          f"{sum(item.converted for item in simplified)} read converted")
    print(f"traditional: {len(printed)} inputs, lowest share {low.share:.4f} ({low.marked}/{low.han}, "
          f"{low.path.relative_to(ROOT)}); {sum(item.converted for item in printed)} read converted")
    print(f"threshold {TRADITIONAL_SHARE}")
    if "-v" in argv:
        for item in sorted(found, key=lambda item: -item.share):
            if item.marked:
                print(f"{item.share:.4f} {item.marked:5d}/{item.han:6d} {item.path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
