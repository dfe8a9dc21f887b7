#!/usr/bin/env python3
"""Some of the hand-written HTML probes printed as the published PDFs are made: by Chromium (the engine the
realdev PDFs were printed with, on A4 or a shorter page that breaks the tables) and by LibreOffice Writer
(which prints a table's CSS rules only where the table has border="1", so its prints may be unruled, and
which breaks a row across pages). Each print gets its source's golden, its "seed" renamed.

usage: python samples/make_probe_prints.py     (needs /usr/bin/chromium and /usr/bin/soffice)
The prints are committed: the tests read them, not this script.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

PROBES = Path(__file__).resolve().parent / "probes"
# (source probe, print): chrome on a page size, or lo (LibreOffice Writer's HTML import and PDF export)
PRINTS = [
    ("gd_target_paras", "chrome", "A4"),
    ("sd_jinan_target_apply_2020_html", "chrome", "A4"),
    ("jx_ganzhou_target_wordhtml", "chrome", "A4 landscape"),
    ("gx_two_selfeval", "chrome", "A5"),
    ("gz_transfer_project_selfeval", "lo", ""),
    ("fj_zhangzhou_target_split_html", "lo", ""),
]
# on A5 a Word table of fixed widths would run off the page (text lost in print, not in reading)
_FIT = "table{max-width:100% !important;width:auto !important}td,th{width:auto !important}"


def _with_page(html: str, size: str) -> str:
    """The page size set last in <head>, Word's named pages (@page WordSection1) included."""
    names = sorted(set(re.findall(r"@page\s+([A-Za-z][\w-]*)", html)))
    rule = f"size:{size} !important" + (";margin:8mm !important" if size == "A5" else "")
    style = "<style>" + "".join(f"@page {name}{{{rule}}}" for name in ["", *names])
    style += (_FIT if size == "A5" else "") + "</style>"
    head_end = re.search(r"</head\s*>", html, re.I)
    return html[: head_end.start()] + style + html[head_end.start() :] if head_end else style + html


def _print(source: Path, engine: str, size: str, out: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / source.name
        if engine == "chrome":
            copy.write_text(_with_page(source.read_text(encoding="utf-8"), size), encoding="utf-8")
            subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={out}",
                            "--no-pdf-header-footer", f"--user-data-dir={folder}/profile", copy.as_uri()],
                           check=True, capture_output=True, timeout=180)
            return
        shutil.copy(source, copy)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless",
                        "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export", "--outdir", folder,
                        str(copy)], check=True, capture_output=True, timeout=180)
        shutil.move(copy.with_suffix(".pdf"), out)


def main() -> None:
    for stem, engine, size in PRINTS:
        name = f"{stem}_{engine}{'_' + size.replace(' ', '_') if engine == 'chrome' else ''}"
        out = PROBES / f"{name}.pdf"
        _print(PROBES / f"{stem}.html", engine, size, out)
        golden = json.loads((PROBES / f"{stem}.golden.json").read_text(encoding="utf-8"))
        golden["seed"] = out.name
        out.with_suffix(".golden.json").write_text(json.dumps(golden, ensure_ascii=False, indent=1) + "\n",
                                                   encoding="utf-8")
        print(out.name)


if __name__ == "__main__":
    main()
