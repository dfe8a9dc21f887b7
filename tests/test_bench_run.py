"""bench/run.py's time split wraps the pipeline's functions by name: a renamed stage must break this
test, not the bench on the day someone measures."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT


def test_text_split_times_every_stage() -> None:
    pdfs = [str(ROOT / "samples" / "pdf" / name) for name in ("000-lo.pdf", "003-lo.pdf")]
    done = subprocess.run([sys.executable, "bench/run.py", "--child", "text-split", *pdfs], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    split = json.loads(done.stdout.strip().splitlines()[-1])
    stages = split["stages"]
    for stage in ("characters and boxes (pdfium)", "rule segments and image share (pdfium objects)", "grid",
                  "cells and lines (layout)", "parse and normalize", "  parse: tokens", "  parse: line reading",
                  "  parse: finish (template, scope, coverage)"):
        assert stages[stage] > 0, stage
    names = list(stages)
    assert names.index("  parse: tokens") == names.index("parse and normalize") + 1  # its steps below it
    assert stages["  parse: line reading"] < stages["parse and normalize"]
    # 000-lo's line reading is evidently complete, 003-lo's is not (its coverage is 0.93)
    assert split["documents"] == 2 and split["token_readings"] == 1
