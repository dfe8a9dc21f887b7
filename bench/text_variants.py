#!/usr/bin/env python3
"""How well pdftotext's text of every sample PDF reads: field-level accuracy (bench/fieldscore.py)
of each samples/text_variants/ ``-layout`` and ``-raw`` file against the golden forms its PDF renders
(samples/pdf/manifest.toml, compared as tests/test_sample_pdfs.py compares the PDFs: page positions
left out), per file and per mode.

usage: python bench/text_variants.py [--write-floors] [--verbose [NAME]]
--verbose prints every gold cell missed (of the files whose name contains NAME, or of all);
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

from bench.fieldscore import Tally, score  # noqa: E402
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


def variant_tally(variant: dict, entries: dict[str, dict]) -> Tally:
    """The scorer's tally of one text variant; a file read as no form scores 0."""
    try:
        predicted = json.loads(file_to_document((VARIANTS / variant["file"]).relative_to(ROOT)).model_dump_json())
    except InputError:
        predicted = {"forms": []}
    return score(gold_forms(entries[variant["pdf"]]), predicted)[1]


def variant_score(variant: dict, entries: dict[str, dict]) -> tuple[int, int]:
    """(gold cells read right, gold cells) for one text variant."""
    tally = variant_tally(variant, entries)
    return tally.ok, tally.total


def floors() -> dict[str, float]:
    return tomllib.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}


def verbose_name(argv: list[str]) -> str | None:
    """The --verbose filter: the word after it ("" for every file), or None without --verbose."""
    if "--verbose" not in argv:
        return None
    after = argv[argv.index("--verbose") + 1 :]
    return after[0] if after and not after[0].startswith("--") else ""


def main(argv: list[str]) -> int:
    entries, reached, shown = pdf_entries(), {}, verbose_name(argv)
    for mode in MODES:
        ok = total = 0
        for variant in variants(mode):
            tally = variant_tally(variant, entries)
            right, cells = tally.ok, tally.total
            ok, total = ok + right, total + cells
            reached[variant["file"]] = right / cells
            print(f"{variant['file']:40s} {right / cells:.3f} ({right}/{cells})")
            if shown is not None and shown in variant["file"]:
                print("".join(f"    MISS {miss}\n" for miss in tally.misses), end="")
        print(f"-{mode}: {ok / total:.3f} ({ok}/{total} gold cells)\n")
    if "--write-floors" in argv:
        held = floors()  # a ratchet: a floor another change raised meanwhile stays
        body = "".join(f'"{name}" = {max(int(value * 1000) / 1000, held.get(name, 0.0)):.3f}\n'
                       for name, value in sorted(reached.items()))
        FLOORS.write_text("# the field accuracy each pdftotext variant reached (bench/text_variants.py "
                          "--write-floors); a ratchet: raise, never lower\n" + body, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
