#!/usr/bin/env python3
"""How well pdftotext's text of every sample PDF reads: field-level accuracy (bench/fieldscore.py)
of each samples/text_variants/ ``-layout`` and ``-raw`` file against the golden forms its PDF renders
(samples/pdf/manifest.toml, compared as tests/test_sample_pdfs.py compares the PDFs: page positions
left out), per file and per mode.

usage: python bench/text_variants.py [--write-floors]
--write-floors records every file's figure in samples/text_variants/floors.toml, the ratchet
tests/extract/test_text_variants.py holds the files to (raise it when a change reads more, never lower).
"""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.fieldscore import score  # noqa: E402
from extract.errors import InputError  # noqa: E402
from pipeline import file_to_document  # noqa: E402

VARIANTS = ROOT / "samples" / "text_variants"
FLOORS = VARIANTS / "floors.toml"
MODES = ("layout", "raw")


def pdf_entries() -> dict[str, dict]:
    entries = tomllib.loads((ROOT / "samples/pdf/manifest.toml").read_text(encoding="utf-8"))["pdf"]
    return {f"samples/pdf/{entry['file']}": entry for entry in entries}


def variants(mode: str) -> list[dict]:
    return tomllib.loads((VARIANTS / "manifest.toml").read_text(encoding="utf-8")).get(mode, [])


def gold_forms(entry: dict) -> dict:
    from tests.test_sample_pdfs import expected_forms, golden

    golden.cache_clear()  # expected_forms writes rewritten targets into the cached golden's indicators
    return {"forms": expected_forms(entry)}


def variant_score(variant: dict, entries: dict[str, dict]) -> tuple[int, int]:
    """(gold cells read right, gold cells) for one text variant; a file read as no form scores 0."""
    try:
        predicted = json.loads(file_to_document((VARIANTS / variant["file"]).relative_to(ROOT)).model_dump_json())
    except InputError:
        predicted = {"forms": []}
    _, tally = score(gold_forms(entries[variant["pdf"]]), predicted)
    return tally.ok, tally.total


def floors() -> dict[str, float]:
    return tomllib.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}


def main(argv: list[str]) -> int:
    entries, reached = pdf_entries(), {}
    for mode in MODES:
        ok = total = 0
        for variant in variants(mode):
            right, cells = variant_score(variant, entries)
            ok, total = ok + right, total + cells
            reached[variant["file"]] = right / cells
            print(f"{variant['file']:40s} {right / cells:.3f} ({right}/{cells})")
        print(f"-{mode}: {ok / total:.3f} ({ok}/{total} gold cells)\n")
    if "--write-floors" in argv:
        body = "".join(f'"{name}" = {int(value * 1000) / 1000:.3f}\n' for name, value in sorted(reached.items()))
        FLOORS.write_text("# the field accuracy each pdftotext variant reached (bench/text_variants.py "
                          "--write-floors); a ratchet: raise, never lower\n" + body, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
