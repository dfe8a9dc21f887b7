#!/usr/bin/env python3
"""Measure every family sample and real form against its golden; raise the floors the tests hold.

    python samples/families/update_floors.py                 # re-measure, raise floors, print the table
    python samples/families/update_floors.py --allow-lower   # also lower a floor that is above today's figure
    python samples/families/update_floors.py --check         # only print the table, write nothing

The samples: every PDF of samples/families/manifest.toml (both engines) and of samples/page_breaks/manifest.toml
(indicator tables broken across pages), every samples/realdev/*.txt,
every samples/realdev .pdf/.html/.xlsx/.docx that has a golden of the same name, and every hand-written web
page of samples/probes (other provinces' forms as their pages read). The figure is bench/fieldscore.py's
field accuracy (the development set's score.py rules). tests/test_families.py fails when a sample
falls below its floor, so a parser change that loses fields is seen; this script records the gains.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FAMILIES = ROOT / "samples" / "families"
REALDEV = ROOT / "samples" / "realdev"
PROBES = ROOT / "samples" / "probes"
PAGE_BREAKS = ROOT / "samples" / "page_breaks"  # family forms LibreOffice printed across a page break
FLOORS = FAMILIES / "floors.toml"
# text (web pages, other tools' markdown and CSV) and tables rebuilt as PDF, HTML, Excel and Word
SAMPLE_KINDS = (".txt", ".md", ".csv", ".pdf", ".html", ".xlsx", ".xls", ".docx")
FLOORS_HEAD = """\
# Field accuracy (bench/fieldscore.py) each sample reached when last measured: tests/test_families.py
# fails below it. Written by samples/families/update_floors.py (raise only; --allow-lower to lower).
"""


@dataclass(frozen=True)
class Sample:
    path: Path  # relative to ROOT
    golden: Path

    @property
    def key(self) -> str:
        return self.path.as_posix()


@dataclass(frozen=True)
class Measure:
    accuracy: float
    ok: int
    total: int
    forms_found: int
    gold_forms: int
    pred_forms: int
    extra_forms: int
    crash: str = ""  # the exception the pipeline raised instead of a Document (scored as no form read)

    def line(self, key: str) -> str:
        crash = f"  CRASH {self.crash}" if self.crash else ""
        return (f"{key:58} {self.accuracy:6.3f} ({self.ok}/{self.total}) forms {self.forms_found}/{self.gold_forms} "
                f"found {self.pred_forms} extra {self.extra_forms}{crash}")


def samples() -> list[Sample]:
    manifest = tomllib.loads((FAMILIES / "manifest.toml").read_text(encoding="utf-8"))["pdf"]
    out = [Sample(Path("samples/families") / e["file"], Path(e["golden"])) for e in manifest]
    broken = tomllib.loads((PAGE_BREAKS / "manifest.toml").read_text(encoding="utf-8"))["pdf"]
    out += [Sample(Path("samples/page_breaks") / e["file"], Path(e["golden"])) for e in broken]
    for folder in (REALDEV, PROBES):
        for path in sorted(folder.iterdir(), key=lambda p: (p.suffix != ".txt", p.name)):
            golden = path.with_suffix(".golden.json")
            if path.suffix in SAMPLE_KINDS and golden.exists():
                out.append(Sample(path.relative_to(ROOT), golden.relative_to(ROOT)))
    return out


def predicted(path: Path) -> tuple[dict, str]:
    """The pipeline's Document as JSON, and the exception it raised instead, if any. A file where it finds
    no form is a Document without forms; a crash reads nothing either, and is said (the parsers are
    being rewritten: one sample that crashes must not hide the figures of the others)."""
    from extract.errors import NoFormError
    from pipeline import file_to_document

    try:
        return json.loads(file_to_document(path).model_dump_json()), ""
    except NoFormError:
        return {"forms": []}, ""
    except Exception as error:  # noqa: BLE001 - reported with the figure, and by the test as a warning
        return {"forms": []}, f"{type(error).__name__}: {str(error).splitlines()[0][:160]}"


def measure(sample: Sample) -> Measure:
    from bench.fieldscore import score

    gold = json.loads((ROOT / sample.golden).read_text(encoding="utf-8"))
    pred, crash = predicted(sample.path)
    accuracy, tally = score(gold, pred)
    if not gold["forms"]:  # nothing to read: right when nothing is found
        accuracy = 1.0 if not pred["forms"] else 0.0
    return Measure(accuracy, tally.ok, tally.total, tally.forms_found, len(gold["forms"]), len(pred["forms"]),
                   len(pred["forms"]) if not gold["forms"] else tally.extra_forms, crash)


def read_floors() -> dict[str, float]:
    return tomllib.loads(FLOORS.read_text(encoding="utf-8")).get("floors", {}) if FLOORS.exists() else {}


def write_floors(floors: dict[str, float]) -> None:
    rows = [f'"{key}" = {value:.3f}' for key, value in sorted(floors.items())]
    FLOORS.write_text(FLOORS_HEAD + "\n[floors]\n" + "\n".join(rows) + "\n", encoding="utf-8")


def new_floor(old: float | None, measured: float, allow_lower: bool) -> float:
    # rounded down, so that the same run measured again is never below its floor
    today = math.floor(measured * 1000 + 1e-9) / 1000
    if old is None or today > old or allow_lower:
        return today
    return old


def group_means(figures: dict[str, float]) -> dict[str, float]:
    """Mean accuracy of the real forms' texts, their rebuilt tables, the family PDFs by spec kind, and the page
    breaks by variant."""
    groups: dict[str, list[float]] = {}
    for key, accuracy in figures.items():
        path = Path(key)
        if path.parent.name in ("realdev", "probes"):
            group = f"samples/{path.parent.name} *{path.suffix}"
        elif path.parent.name == "page_breaks":  # by variant: a b c e f
            group = f"samples/page_breaks *.{path.stem.split('.')[-1]}"
        else:
            family, spec, _ = path.stem.split("-")
            kind = "no_form tables" if family == "no_form" else f"{spec.split('_')[0]} specs"
            group = f"samples/families {kind}"
        groups.setdefault(group, []).append(accuracy)
    return {group: sum(values) / len(values) for group, values in sorted(groups.items())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--allow-lower", action="store_true", help="lower a floor that today's figure is below")
    parser.add_argument("--check", action="store_true", help="print the figures only, change nothing")
    arguments = parser.parse_args(argv)
    floors = read_floors()
    updated, below, figures = {}, [], {}
    for sample in samples():
        m = measure(sample)
        figures[sample.key] = m.accuracy
        old = floors.get(sample.key)
        updated[sample.key] = new_floor(old, m.accuracy, arguments.allow_lower)
        mark = f"  BELOW floor {old:.3f}" if old is not None and m.accuracy < old - 1e-9 else ""
        print(m.line(sample.key) + mark)
        if mark:
            below.append(sample.key)
    for group, share in group_means(figures).items():
        print(f"mean {share:.3f}  {group}")
    if not arguments.check:
        write_floors(updated)
        print(f"wrote {FLOORS.relative_to(ROOT)} ({len(updated)} samples)")
    if below and not arguments.allow_lower:
        print(f"{len(below)} below their floors (kept; --allow-lower to lower them)", file=sys.stderr)
    return 1 if below and not arguments.allow_lower else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    import os

    os.chdir(ROOT)  # documents record the path they were given: relative to the root, as in the tests
    sys.exit(main())
