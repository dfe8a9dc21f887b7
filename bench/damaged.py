#!/usr/bin/env python3
"""How well the damaged prints of every family read (samples/damaged/, made by samples/make_damaged.py):
field accuracy (bench/fieldscore.py) of each text against its spec's golden, pooled over the cells of
every file of one damage (`|` cells, one cell per line, one row per line, one line, glued cells).

usage: python bench/damaged.py [-v]      -v also prints every file's figure, weakest first
tests/test_damaged.py holds each file to its floor in samples/damaged/floors.toml.
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
from extract.errors import NoFormError  # noqa: E402
from pipeline import file_to_document  # noqa: E402

DAMAGED = ROOT / "samples" / "damaged"


def entries() -> list[dict]:
    return tomllib.loads((DAMAGED / "manifest.toml").read_text(encoding="utf-8"))["text"]


def scored(entry: dict) -> tuple[float, Tally]:
    """(accuracy, tally) of one damaged text against its golden."""
    gold = json.loads((ROOT / entry["golden"]).read_text(encoding="utf-8"))
    try:
        predicted = json.loads(file_to_document(DAMAGED / entry["file"]).model_dump_json())
    except NoFormError:  # no form found: every gold cell missed
        predicted = {"forms": []}
    return score(gold, predicted)


def main(argv: list[str]) -> int:
    per_damage: dict[str, list[int]] = {}
    per_file = []
    for entry in entries():
        accuracy, tally = scored(entry)
        pooled = per_damage.setdefault(entry["damage"], [0, 0])
        pooled[0] += tally.ok
        pooled[1] += tally.total
        per_file.append((accuracy, entry["file"]))
    for damage, (ok, total) in per_damage.items():
        print(f"{damage:15s} {ok / total:.3f}  ({ok}/{total} cells)")
    if "-v" in argv:
        for accuracy, name in sorted(per_file):
            print(f"{accuracy:.3f}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
