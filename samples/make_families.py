#!/usr/bin/env python3
"""Render every template family of other provinces from its spec: samples/families/*.toml -> PDFs,
goldens and manifest.toml in samples/families/.

A spec is data: the printed layout (paragraphs, and ruled grids given row by row as the form prints
them, a cell's spans written after an @) and the expected records, written by hand (or, for the spec
that prints a real filing's content, the golden of that filing in samples/realdev/). Each spec is
drawn by both engines of samples/render.py (reportlab; openpyxl xlsx -> LibreOffice), and its golden
is written from the spec, never from what the pipeline reads.

Cell syntax: "text", or "text@SPAN", "text@SPANxROWS", with "c" or "r" after for centred or
right-aligned text ("产出指标(50分)@1x6c"). A row lists its cells left to right; a column covered by a
cell merged down from a row above is skipped, as in an HTML table, and every row must fill the grid.

    bash samples/setup_generators.sh   # once: fonts, LibreOffice, the pip packages
    python samples/make_families.py    # rewrites the PDFs, goldens and manifest (same bytes every run)
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args

from render import (
    ROOT,
    Align,
    Block,
    GCell,
    Grid,
    NewPage,
    Para,
    ParaKind,
    Part,
    fail,
    pdf_pages,
    render_libreoffice,
    render_reportlab,
    require_generators,
    toml_value,
)

FAMILIES = ROOT / "samples" / "families"
ENGINES = {"rl": "reportlab", "lo": "libreoffice"}
CELL = re.compile(r"^(?P<text>.*?)(?:@(?P<span>\d+)(?:x(?P<rows>\d+))?(?P<align>[cr])?)?$", re.S)
ALIGN: dict[str | None, Align] = {None: "left", "c": "center", "r": "right"}

# the golden's shape: what bench/fieldscore.py compares, plus the title and schema 1.1's fields
FORM_KEYS = ("form_type", "template", "scope", "title", "year", "page_start", "page_end", "unit", "department",
             "project_name", "project_code", "project_category", "fund_use", "performance_type", "gov_procurement",
             "recurring", "start_date", "end_date", "total_budget", "current_budget", "prior_budget",
             "prior_executed", "executed", "execution_rate", "sections", "funds", "funds_unit", "components",
             "indicators", "total_score", "grade", "eval_date", "tasks")
FUND_KEYS = ("source", "initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score")
IND_KEYS = ("level1", "level1_weight", "level2", "name", "description", "target", "actual", "weight", "score",
            "note", "nature", "horizon", "scoring_rule")
TASK_KEYS = ("name", "content", "budget", "executed")
DECIMALS = {"total_budget", "current_budget", "prior_budget", "prior_executed", "executed", "execution_rate",
            "total_score", "initial_budget", "full_year_budget", "weight", "score", "level1_weight", "budget",
            "amount", "value"}
LISTS = {"sections": dict, "funds": list, "components": list, "indicators": list, "tasks": list}


@dataclass
class Spec:
    family: str
    name: str
    data: dict[str, Any]

    @property
    def stem(self) -> str:
        return f"{self.family}-{self.name}"

    def golden_path(self) -> Path:
        return FAMILIES / f"{self.stem}.golden.json"


def load_specs() -> list[Spec]:
    specs = []
    for path in sorted(FAMILIES.glob("*.toml")):
        if path.name in ("manifest.toml", "floors.toml"):
            continue
        family = tomllib.loads(path.read_text(encoding="utf-8"))
        for data in family["spec"]:
            specs.append(Spec(path.stem, data["name"], {**family.get("defaults", {}), **data}))
    return specs


# ---- layout -> page model ------------------------------------------------------------------------


def parse_cell(text: str) -> tuple[str, int, int, Align]:
    m = CELL.match(text)
    assert m is not None  # the pattern matches every string
    return m["text"], int(m["span"] or 1), int(m["rows"] or 1), ALIGN[m["align"]]


def grid_of(block: dict[str, Any], where: str) -> Grid:
    """Rows of cell strings -> a Grid, placing each cell in the first column no merged cell covers."""
    widths = tuple(block["widths"])
    if abs(sum(widths) - 1) > 1e-6:
        fail(f"{where}: column widths add up to {sum(widths)}, not 1")
    covered: dict[int, int] = {}  # column -> rows still covered by a cell merged down
    rows = []
    for r, texts in enumerate(block["rows"]):
        row, col = [], 0
        for text in texts:
            while covered.get(col, 0):
                col += 1
            body, span, height, align = parse_cell(text)
            row.append(GCell(body, col, span, height, align))
            for c in range(col, col + span):
                covered[c] = height
            col += span
        while covered.get(col, 0):
            col += 1
        if col != len(widths):
            fail(f"{where} row {r + 1}: the cells fill {col} of {len(widths)} columns")
        covered = {c: left - 1 for c, left in covered.items() if left > 1}
        rows.append(row)
    if covered:
        fail(f"{where}: a cell is merged down past the last row")
    return Grid(widths, rows, int(block.get("header_rows", 0)))


def block_of(block: dict[str, Any], where: str) -> Block:
    if "rows" in block:
        return grid_of(block, where)
    if block.get("page_break"):
        return NewPage()
    kind = block.get("kind", "line")
    if kind not in get_args(ParaKind):
        fail(f"{where}: unknown paragraph kind {kind!r}")
    return Para(block["text"], kind)


def part_of(spec: Spec) -> Part:
    blocks = [block_of(b, f"{spec.stem} block {i + 1}") for i, b in enumerate(spec.data["layout"])]
    titles = [b.text for b in blocks if isinstance(b, Para) and b.kind == "title"]
    return Part(blocks, 0, float(spec.data.get("size", 9.0)), titles[0] if titles else "")


# ---- expected records -> golden ------------------------------------------------------------------


def decimal_text(value: Any, where: str) -> str | None:
    if value is None or value == "":
        return None
    try:
        return str(Decimal(str(value)))
    except ArithmeticError:
        fail(f"{where}: {value!r} is not a number")


def value_of(cells: list[str] | None, where: str) -> dict[str, Any] | None:
    """["≥50个", ">=", "50", "个"] (raw, op, value, unit; "" for none) -> a Value."""
    if not cells:
        return None
    raw, op, number, unit = (list(cells) + ["", "", "", ""])[:4]
    return {"raw": raw, "op": op or None, "value": decimal_text(number, where), "unit": unit or None}


def record(item: dict[str, Any], keys: tuple[str, ...], where: str) -> dict[str, Any]:
    unknown = set(item) - set(keys)
    if unknown:
        fail(f"{where}: unknown keys {sorted(unknown)}")
    out: dict[str, Any] = {}
    for key in keys:
        value = item.get(key)
        if key in ("target", "actual"):
            out[key] = value_of(value, f"{where}.{key}")
        elif key in DECIMALS:
            out[key] = decimal_text(value, f"{where}.{key}")
        elif key in LISTS:
            out[key] = value if value is not None else LISTS[key]()
        else:
            out[key] = value
    return out


def form_record(form: dict[str, Any], where: str) -> dict[str, Any]:
    out = record(form, FORM_KEYS, where)
    out["funds"] = [record(f, FUND_KEYS, f"{where}.funds[{i}]") for i, f in enumerate(out["funds"])]
    out["indicators"] = [record(x, IND_KEYS, f"{where}.indicators[{i}]") for i, x in enumerate(out["indicators"])]
    out["tasks"] = [record(t, TASK_KEYS, f"{where}.tasks[{i}]") for i, t in enumerate(out["tasks"])]
    return out


def expected_forms(spec: Spec) -> list[dict[str, Any]]:
    """The spec's own records, or those of the real filing whose content it prints."""
    if "golden" in spec.data:
        return json.loads((ROOT / spec.data["golden"]).read_text(encoding="utf-8"))["forms"]
    return [form_record(f, f"{spec.stem} form {i}") for i, f in enumerate(spec.data.get("form", []))]


def write_golden(spec: Spec) -> None:
    doc = {"schema_version": "1.1", "sample": spec.stem, "forms": expected_forms(spec)}
    spec.golden_path().write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# ---- rendering and the manifest ------------------------------------------------------------------


def pdf_name(spec: Spec, tag: str) -> str:
    return f"{spec.stem}-{tag}.pdf"


def pdf_title(spec: Spec) -> str:
    return f"perfforms family sample: {spec.stem}"


def render_all(specs: list[Spec]) -> None:
    require_generators()
    for old in FAMILIES.glob("*.pdf"):
        old.unlink()
    for spec in specs:
        render_reportlab([part_of(spec)], FAMILIES / pdf_name(spec, "rl"), pdf_title(spec))
    render_libreoffice([([part_of(spec)], FAMILIES / pdf_name(spec, "lo"), pdf_title(spec)) for spec in specs])


MANIFEST_HEAD = """\
# Generated by samples/make_families.py from the specs beside it: do not edit (rerun it).
# One [[pdf]] per file: the family (its spec file), the spec (real: a real filing's content from
# samples/realdev; madeup: other names and numbers in the same layout; none: a table that is no form),
# the engine, the golden written from the spec, the pages, and what the spec exercises.
"""


def manifest_entry(spec: Spec, tag: str) -> str:
    entry = {
        "file": pdf_name(spec, tag),
        "family": spec.family,
        "spec": spec.name,
        "template": spec.data.get("template", ""),
        "engine": ENGINES[tag],
        "golden": spec.golden_path().relative_to(ROOT).as_posix(),
        "forms": len(expected_forms(spec)),
        "pages": pdf_pages(FAMILIES / pdf_name(spec, tag)),
        "source": spec.data.get("source", ""),
        "note": spec.data.get("note", ""),
    }
    return "\n".join(["[[pdf]]", *(f"{k} = {toml_value(v)}" for k, v in entry.items())])


def write_manifest(specs: list[Spec]) -> None:
    entries = [manifest_entry(spec, tag) for spec in specs for tag in ENGINES]
    text = MANIFEST_HEAD + "\n" + "\n\n".join(entries) + "\n"
    tomllib.loads(text)  # refuse to write a manifest that does not parse
    (FAMILIES / "manifest.toml").write_text(text, encoding="utf-8")


def main() -> None:
    specs = load_specs()
    for spec in specs:
        write_golden(spec)
    render_all(specs)
    write_manifest(specs)
    total = 0
    for spec in specs:
        for tag in ENGINES:
            path = FAMILIES / pdf_name(spec, tag)
            total += path.stat().st_size
            print(f"{path.name:48} {pdf_pages(path):2} pages {path.stat().st_size / 1024:6.1f} KB")
    print(f"{2 * len(specs)} PDFs, {total / 1024:.0f} KB, manifest: samples/families/manifest.toml")


if __name__ == "__main__":
    main()
