#!/usr/bin/env python3
"""How well the family forms read as portals publish them in HTML, Excel and Word: field-level accuracy
(bench/fieldscore.py) of every samples/office_variants/ file (samples/make_office_variants.py) against
the goldens of the family specs it prints, page positions left out (a web page or a Word file has no
pages; a stacked sheet puts several forms on one).

usage: python bench/office_variants.py [-v] [--write-floors]
-v prints every miss; --write-floors records each file's figure in samples/office_variants/floors.toml,
the ratchet tests/extract/test_office_variants.py holds the files to (raise it when a change reads
more, never lower).
"""

from __future__ import annotations

import json
import math
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.fieldscore import Tally, score  # noqa: E402
from extract.errors import InputError  # noqa: E402
from pipeline import file_to_document  # noqa: E402

VARIANTS = ROOT / "samples" / "office_variants"
FLOORS = VARIANTS / "floors.toml"
PAGES = ("page_start", "page_end")


def entries() -> list[dict]:
    return tomllib.loads((VARIANTS / "manifest.toml").read_text(encoding="utf-8"))["file"]


def gold_forms(entry: dict) -> dict:
    forms = []
    for golden in entry["goldens"]:
        forms += json.loads((ROOT / golden).read_text(encoding="utf-8"))["forms"]
    return {"forms": [{key: value for key, value in form.items() if key not in PAGES} for form in forms]}


def variant_score(entry: dict) -> Tally:
    """The file's tally against its goldens; a file read as no form scores 0."""
    try:
        predicted = json.loads(file_to_document((VARIANTS / entry["file"]).relative_to(ROOT)).model_dump_json())
    except InputError:
        predicted = {"forms": []}
    return score(gold_forms(entry), predicted)[1]


def floors() -> dict[str, float]:
    return tomllib.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}


def write_floors(reached: dict[str, float]) -> None:
    old = floors()
    rows = [f'"{name}" = {max(math.floor(value * 1000 + 1e-9) / 1000, old.get(name, 0.0)):.3f}\n'
            for name, value in sorted(reached.items())]
    FLOORS.write_text("# the field accuracy each office variant reached (bench/office_variants.py --write-floors); "
                      "a ratchet: raise, never lower\n" + "".join(rows), encoding="utf-8")


def main(argv: list[str]) -> int:
    reached, by_variant = {}, {}
    for entry in entries():
        tally = variant_score(entry)
        reached[entry["file"]] = tally.accuracy
        counts = by_variant.setdefault(entry["variant"], [0, 0])
        counts[0], counts[1] = counts[0] + tally.ok, counts[1] + tally.total
        print(f"{entry['file']:52s} {tally.accuracy:.3f} ({tally.ok}/{tally.total}) forms "
              f"{tally.forms_found}/{len(entry['goldens'])} extra {tally.extra_forms}")
        if "-v" in argv:
            print("".join(f"    {miss}\n" for miss in tally.misses), end="")
    print()
    for variant, (ok, total) in by_variant.items():
        print(f"{variant:14s} {ok / total:.3f} ({ok}/{total} gold cells)")
    ok, total = (sum(counts[i] for counts in by_variant.values()) for i in (0, 1))
    print(f"all            {ok / total:.3f} ({ok}/{total} gold cells)")
    if "--write-floors" in argv:
        write_floors(reached)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
