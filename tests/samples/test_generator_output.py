"""The committed sample PDFs (samples/make_samples.py) against their manifest and their goldens.

Checks what the PDF-reading stages will rely on: every file the manifest names exists with its page
count, pdfminer reads characters on every page, pdfplumber finds ruled tables on every form page, and
every indicator, component, section and project name of the rendered golden forms is one table cell.
"""

from __future__ import annotations

import json
import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest

pdfplumber = pytest.importorskip("pdfplumber")

ROOT = Path(__file__).resolve().parents[2]
PDF_DIR = ROOT / "samples" / "pdf"
MANIFEST = tomllib.loads((PDF_DIR / "manifest.toml").read_text(encoding="utf-8"))
ENTRIES = MANIFEST["pdf"]
SEEDS = sorted(p.name.split("_")[0] for p in (ROOT / "samples" / "seeds").glob("*.golden.json"))


def squash(text: str | None) -> str:
    # cell text wraps at arbitrary points: compare without any whitespace
    return re.sub(r"\s+", "", text or "")


@cache
def opened(file: str) -> Any:
    return pdfplumber.open(PDF_DIR / file)


@cache
def page_cells(file: str, first: int, last: int) -> frozenset[str]:
    pdf = opened(file)
    cells = set()
    for page in pdf.pages[first - 1 : last]:
        for table in page.extract_tables():
            cells.update(squash(cell) for row in table for cell in row if cell)
    return frozenset(cells)


def golden_forms(entry: dict[str, Any]) -> list[dict[str, Any]]:
    return json.loads((ROOT / entry["golden"]).read_text(encoding="utf-8"))["forms"]


def expected_cells(entry: dict[str, Any], position: int, form: dict[str, Any]) -> list[str]:
    targets = entry.get("targets")
    texts = [form["project_name"], *(c["name"] for c in form["components"]), *form["sections"].values()]
    for i, ind in enumerate(form["indicators"]):
        target = targets[position][i] if targets else (ind["target"] or {}).get("raw")
        texts += [ind["name"], target, (ind["actual"] or {}).get("raw")]
    return [squash(t) for t in texts if t]


def test_manifest_lists_exactly_the_committed_pdfs() -> None:
    assert sorted(e["file"] for e in ENTRIES) == sorted(p.name for p in PDF_DIR.glob("*.pdf"))


def test_every_seed_has_all_its_forms_from_both_engines() -> None:
    for seed in SEEDS:
        engines = {
            e["engine"]
            for e in ENTRIES
            if Path(e["golden"]).name.startswith(seed)
            and not e["special"]
            and e["forms"] == list(range(len(golden_forms(e))))
        }
        assert engines == {"reportlab", "libreoffice"}, seed


def test_the_special_cases_are_there() -> None:
    specials = {s for e in ENTRIES for s in e["special"]}
    assert {"page-break", "header-repeated", "header-not-repeated", "long-document", "narrow", "relabelled"} <= specials


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_pages_and_characters(entry: dict[str, Any]) -> None:
    pdf = opened(entry["file"])
    assert len(pdf.pages) == entry["pages"]
    assert all(page.chars for page in pdf.pages), "pdfminer read no characters on a page"
    assert pdf.metadata["CreationDate"].startswith("D:20000101"), "the generator pins the creation date"
    spans = [tuple(p) for p in entry["form_pages"]]
    assert len(spans) == len(entry["forms"])
    assert all(1 <= a <= b <= entry["pages"] for a, b in spans)
    assert all(b < a2 for (_, b), (a2, _) in zip(spans, spans[1:])), "forms in page order, never overlapping"


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_every_golden_value_is_a_table_cell(entry: dict[str, Any]) -> None:
    forms = golden_forms(entry)
    for position, (index, (first, last)) in enumerate(zip(entry["forms"], entry["form_pages"])):
        pdf = opened(entry["file"])
        assert all(page.find_tables() for page in pdf.pages[first - 1 : last]), "a form page without a ruled table"
        cells = page_cells(entry["file"], first, last)
        missing = [t for t in expected_cells(entry, position, forms[index]) if t not in cells]
        assert not missing, f"form {index}: {missing[:5]}"


def test_long_document_other_pages_hold_no_form() -> None:
    (entry,) = [e for e in ENTRIES if "long-document" in e["special"]]
    titles = {squash(f["title"]) for f in golden_forms(entry)}
    pdf = opened(entry["file"])
    assert len(entry["other_pages"]) >= 8 and entry["pages"] >= 10
    texts = []
    for n in entry["other_pages"]:
        lines = {squash(line) for line in pdf.pages[n - 1].extract_text().splitlines()}
        assert not lines & titles, f"page {n} prints a form title"
        texts.append("".join(lines))
    assert any("绩效目标" in t for t in texts), "the prose that mentions 绩效目标 in a sentence"
    assert sum(bool(pdf.pages[n - 1].find_tables()) for n in entry["other_pages"]) >= 5, "budget tables"


def test_page_break_pdfs_repeat_the_header_only_when_told() -> None:
    for entry in (e for e in ENTRIES if "page-break" in e["special"]):
        ((first, last),) = entry["form_pages"]
        assert last > first, entry["file"]
        header_again = "三级目标" in squash(opened(entry["file"]).pages[last - 1].extract_text())
        assert header_again == ("header-repeated" in entry["special"]), entry["file"]
