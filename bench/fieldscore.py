#!/usr/bin/env python3
"""Field-level accuracy of a pipeline Document against a gold Document.

The rules are those of the development set's scorer, ``../shared/realdev/score.py`` (the figure the
realdev forms and the held-back provinces are measured by), kept as they are so our figures and
theirs are the same figure; only the shape changed: an importable ``score(gold, pred)`` returning the
accuracy and its details, beside the same command line.

Rules (from score.py): forms matched to gold forms one to one by project-name similarity (≥ 0.6);
text fields equal once NFKC-folded, whitespace dropped and full-width brackets folded (similarity
≥ 0.95; indicator level1/level2/note ≥ 0.9; value raw ≥ 0.9); numbers equal within 0.005; year,
booleans, dates and pages compared as strings; components and indicators matched by name (≥ 0.75),
funds by source (≥ 0.9); a field the gold leaves empty is not counted, a value the prediction adds
where the gold has none is counted as spurious (not in the accuracy).

usage: python bench/fieldscore.py GOLD.json PRED.json [--verbose]
The last line printed is the figure: "accuracy 0.873 (412/472 gold cells) forms 6/6 spurious 3 extra_forms 0"
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from typing import Any

SCALARS_TEXT = ["form_type", "unit", "department", "project_name", "project_category",
                "fund_use", "performance_type", "grade"]
SCALARS_OTHER = ["year", "gov_procurement", "recurring", "start_date", "end_date", "eval_date",
                 "page_start", "page_end"]
SCALARS_NUM = ["total_budget", "current_budget", "prior_budget", "prior_executed", "executed",
               "execution_rate", "total_score"]
FUND_NUM = ["initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score"]
IND_TEXT = ["level1", "level2", "note"]
IND_NUM = ["weight", "score", "level1_weight"]
OPS = {"≥": ">=", "≤": "<=", "＞": ">", "＜": "<", "＝": "=", "=>": ">=", "=<": "<="}


@dataclass
class Tally:
    """Gold cells read right, per category, with a sentence for every miss."""

    ok: int = 0
    total: int = 0
    spurious: int = 0
    forms_found: int = 0
    extra_forms: int = 0
    misses: list[str] = field(default_factory=list)
    by_cat: dict[str, list[int]] = field(default_factory=dict)

    def add(self, cat: str, good: bool, where: str = "") -> None:
        self.total += 1
        counts = self.by_cat.setdefault(cat, [0, 0])
        counts[1] += 1
        if good:
            self.ok += 1
            counts[0] += 1
        else:
            self.misses.append(f"{cat}: {where}")

    @property
    def accuracy(self) -> float:
        return self.ok / self.total if self.total else 0.0


def norm_text(text: Any) -> str | None:
    if text is None:
        return None
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))
    return text.replace("（", "(").replace("）", ")")


def to_dec(text: Any) -> Decimal | None:
    if text is None or text == "":
        return None
    try:
        return Decimal(str(text).replace(",", "").rstrip("%"))
    except (InvalidOperation, ValueError):
        return None


def num_eq(a: Any, b: Any) -> bool:
    da, db = to_dec(a), to_dec(b)
    return da is not None and db is not None and abs(da - db) <= Decimal("0.005")


def sim(a: Any, b: Any) -> float:
    a, b = norm_text(a) or "", norm_text(b) or ""
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def op_eq(a: str | None, b: str | None) -> bool:
    return (OPS.get(a, a) if a else a) == (OPS.get(b, b) if b else b)


def match_by_name(gold_items: list[dict], pred_items: list[dict], key: str,
                  threshold: float = 0.75) -> tuple[list[tuple[dict, dict | None]], int]:
    """Greedy one-to-one matching on name similarity, a slight preference for the same position;
    returns (gold item, its prediction or None) pairs and the count of unmatched predictions."""
    pairs = []
    for gi, gold in enumerate(gold_items):
        for pi, pred in enumerate(pred_items):
            similarity = sim(gold.get(key), pred.get(key))
            if similarity >= threshold:
                pairs.append((similarity - 0.001 * abs(gi - pi), gi, pi))
    pairs.sort(reverse=True)
    used_gold, used_pred, matched = set(), set(), {}
    for _, gi, pi in pairs:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        matched[gi] = pi
    return ([(gold, pred_items[matched[i]] if i in matched else None) for i, gold in enumerate(gold_items)],
            len(pred_items) - len(used_pred))


def score_value(t: Tally, cat: str, gv: Any, pv: Any, where: str) -> None:
    if not isinstance(gv, dict):
        return
    pv = pv if isinstance(pv, dict) else {}
    if gv.get("raw") not in (None, ""):
        t.add(cat + ".raw", sim(gv.get("raw"), pv.get("raw")) >= 0.9, f"{where} {gv.get('raw')!r} vs {pv.get('raw')!r}")
    if gv.get("op"):
        t.add(cat + ".op", op_eq(gv.get("op"), pv.get("op")), f"{where} {gv.get('op')!r} vs {pv.get('op')!r}")
    if gv.get("value") is not None:
        t.add(cat + ".value", num_eq(gv.get("value"), pv.get("value")),
              f"{where} {gv.get('value')!r} vs {pv.get('value')!r}")
    if gv.get("unit"):
        t.add(cat + ".unit", norm_text(gv.get("unit")) == norm_text(pv.get("unit")),
              f"{where} {gv.get('unit')!r} vs {pv.get('unit')!r}")


def score_scalars(t: Tally, g: dict, p: dict, w: str) -> None:
    for f in SCALARS_TEXT:
        if g.get(f) not in (None, ""):
            t.add("form." + f, sim(g.get(f), p.get(f)) >= 0.95, f"{w} {f} {g.get(f)!r} vs {p.get(f)!r}")
    for f in SCALARS_OTHER:
        if g.get(f) is not None:
            t.add("form." + f, str(g.get(f)) == str(p.get(f)), f"{w} {f} {g.get(f)!r} vs {p.get(f)!r}")
    for f in SCALARS_NUM:
        if g.get(f) is not None:
            t.add("form." + f, num_eq(g.get(f), p.get(f)), f"{w} {f} {g.get(f)!r} vs {p.get(f)!r}")
    for f in SCALARS_TEXT + SCALARS_OTHER + SCALARS_NUM:
        if g.get(f) in (None, "") and p.get(f) not in (None, "", [], {}):
            t.spurious += 1
    predicted = p.get("sections") or {}
    for key, text in (g.get("sections") or {}).items():
        if text:
            similarity = sim(text, predicted.get(key))
            t.add("sections", similarity >= 0.95, f"{w} section {key} sim={similarity:.2f}")


def score_blocks(t: Tally, g: dict, p: dict, w: str) -> None:
    comps, extra = match_by_name(g.get("components") or [], p.get("components") or [], "name")
    t.spurious += extra
    for gc, pc in comps:
        t.add("components.name", pc is not None, f"{w} component {gc.get('name')!r}")
        t.add("components.amount", pc is not None and num_eq(gc.get("amount"), pc.get("amount")),
              f"{w} component {gc.get('name')!r} {gc.get('amount')} vs {pc and pc.get('amount')}")
    funds, extra = match_by_name(g.get("funds") or [], p.get("funds") or [], "source", 0.9)
    t.spurious += extra
    for gf, pf in funds:
        t.add("funds.row", pf is not None, f"{w} fund {gf.get('source')!r}")
        for f in FUND_NUM:
            if gf.get(f) is not None:
                t.add("funds." + f, pf is not None and num_eq(gf.get(f), pf.get(f)),
                      f"{w} fund {gf.get('source')} {f} {gf.get(f)} vs {pf and pf.get(f)}")


def score_indicators(t: Tally, g: dict, p: dict, w: str) -> None:
    inds, extra = match_by_name(g.get("indicators") or [], p.get("indicators") or [], "name")
    t.spurious += extra
    for gi, pi in inds:
        name = gi.get("name")
        t.add("indicators.row", pi is not None, f"{w} indicator {name!r}")
        pi = pi or {}
        for f in IND_TEXT:
            if gi.get(f):
                t.add("indicators." + f, sim(gi.get(f), pi.get(f)) >= 0.9,
                      f"{w} {name} {f} {gi.get(f)!r} vs {pi.get(f)!r}")
        for f in IND_NUM:
            if gi.get(f) is not None:
                t.add("indicators." + f, num_eq(gi.get(f), pi.get(f)), f"{w} {name} {f} {gi.get(f)} vs {pi.get(f)}")
        score_value(t, "indicators.target", gi.get("target"), pi.get("target"), f"{w} {name} target")
        score_value(t, "indicators.actual", gi.get("actual"), pi.get("actual"), f"{w} {name} actual")


def score_form(t: Tally, g: dict, p: dict, fi: int) -> None:
    w = f"form{fi}"
    score_scalars(t, g, p, w)
    score_blocks(t, g, p, w)
    score_indicators(t, g, p, w)


def score(gold_doc: dict, pred_doc: dict) -> tuple[float, Tally]:
    """The share of the gold's cells the prediction holds, and the tally behind it."""
    gforms = gold_doc["forms"]
    pforms = pred_doc.get("forms", []) if isinstance(pred_doc, dict) else []
    matched, extra = match_by_name(gforms, pforms, "project_name", 0.6)
    t = Tally(spurious=extra, extra_forms=extra)
    for fi, (g, p) in enumerate(matched):
        t.add("form.found", p is not None, f"form{fi} {g.get('project_name')!r}")
        t.forms_found += p is not None
        score_form(t, g, p or {}, fi)
    return t.accuracy, t


def summary(t: Tally, gold_forms: int) -> str:
    return (f"accuracy {t.accuracy:.3f} ({t.ok}/{t.total} gold cells) forms {t.forms_found}/{gold_forms} "
            f"spurious {t.spurious} extra_forms {t.extra_forms}")


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__)
        return 2
    with open(argv[1], encoding="utf-8") as stream:
        gold = json.load(stream)
    try:
        with open(argv[2], encoding="utf-8") as stream:
            pred = json.load(stream)
    except (OSError, ValueError) as error:  # an unreadable prediction scores zero
        print(f"prediction unreadable: {error}")
        pred = {"forms": []}
    _, t = score(gold, pred)
    if "--verbose" in argv:
        for cat, (ok, total) in sorted(t.by_cat.items()):
            print(f"  {cat:28s} {ok:4d}/{total:<4d} {ok / total:.3f}")
        for miss in t.misses:
            print("  MISS", miss)
    print(summary(t, len(gold["forms"])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
