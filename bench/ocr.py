"""The OCR path on the scanned samples: accuracy against the text PDFs they were made from, and speed.

    python bench/ocr.py                 # accuracy at the default dpi, speed at 150/200/300 dpi
    python bench/ocr.py --no-speed      # accuracy only
    python bench/ocr.py --dpi 200       # speed at one resolution

Accuracy. Every scanned page in samples/scans/manifest.toml is read the way the pipeline will read it
(ocr_pdf_page at DEFAULT_DPI, ocr_image_file for PNG/JPEG) and compared with the text layer of the
same page of its source PDF (extract.pdf.page_text): each grid cell of the text PDF is matched to the
OCR cell it overlaps most (IoU >= 0.5, after mapping the OCR table frame onto the text one: a photo's
scale is only guessed). The text PDF's □ and ■ count as the OCR's ☐ and ☑. Reported: cells found,
cells exact, character error rate (CER: edit distance / reference length; a cell not found costs its
whole length), the same with （）：，% folded to ASCII,
numeric cells (money and percents) read to the same Decimal, checkbox options read right, and the
CER of the flowed text (title, unit line) joined per page.

Speed. One child process per resolution (so its peak memory, ru_maxrss, is its own) reads every
scanned PDF page after one untimed warm-up page; time per stage comes from wrapping the stage
functions. CPU seconds include child processes (tesseract); peak memory does not. Other work on
the machine slows the engine's two threads: the load average is printed with the table.

Baseline. When tesseract and its chi_sim data are installed (apt: tesseract-ocr tesseract-ocr-chi-sim),
the same page code runs with tesseract's words in place of rapidocr's, for accuracy and speed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCANS = ROOT / "samples" / "scans"
CHECKED, EMPTY = set("■☑√✓✔☒"), set("□☐")
FOLD = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "％": "%", "；": ";"})
# the OCR path prints every box as ☑/☐ (state from pixels); the text PDFs print □ ■ ☑ √
MARKS = str.maketrans({"□": "☐", "■": "☑", "✓": "☑", "✔": "☑", "☒": "☑"})


# ---- which pages ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScanPage:
    file: Path
    page: int  # 1-based page of the scan
    source: Path
    source_page: int
    spec: dict


def scanned_pages() -> list[ScanPage]:
    manifest = tomllib.loads((SCANS / "manifest.toml").read_text(encoding="utf-8"))
    pages = []
    for scan in manifest["scan"]:
        for number, spec in enumerate(scan["pages"], start=1):
            if spec["kind"] != "text":
                pages.append(ScanPage(SCANS / scan["file"], number, ROOT / scan["source"], spec["source_page"], spec))
    return pages


def read_scan(page: ScanPage):
    """The OCR Lines and doubts of one scanned page, read as the pipeline will."""
    import pypdfium2 as pdfium

    from extract.ocr import ocr_image_file, ocr_pdf_page

    if page.file.suffix.lower() != ".pdf":
        return ocr_image_file(page.file)
    document = pdfium.PdfDocument(page.file)
    try:
        return ocr_pdf_page(document[page.page - 1], page.page)
    finally:
        document.close()


def reference(page: ScanPage):
    import pypdfium2 as pdfium

    from extract.pdf import page_text

    document = pdfium.PdfDocument(page.source)
    try:
        return page_text(document[page.source_page - 1], page.source_page).lines
    finally:
        document.close()


# ---- accuracy ------------------------------------------------------------------------------------


@dataclass
class Score:
    cells: int = 0
    found: int = 0
    exact: int = 0
    errors: int = 0
    folded_errors: int = 0
    length: int = 0
    numeric: int = 0
    numeric_right: int = 0
    options: int = 0
    options_right: int = 0
    flow_errors: int = 0
    flow_length: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)


def _grid(lines) -> list:
    return [cell for line in lines if line.layout == "grid" for cell in line.cells]


def _frame(cells) -> tuple[float, float, float, float]:
    boxes = [cell.where.bbox for cell in cells]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _mapper(ocr_cells, ref_cells):
    """Map OCR boxes onto the text page by the two tables' outer frames (scale and offset per axis)."""
    (ox0, oy0, ox1, oy1), (rx0, ry0, rx1, ry1) = _frame(ocr_cells), _frame(ref_cells)
    sx, sy = (rx1 - rx0) / max(1e-6, ox1 - ox0), (ry1 - ry0) / max(1e-6, oy1 - oy0)
    def to_ref(b):
        return rx0 + (b[0] - ox0) * sx, ry0 + (b[1] - oy0) * sy, rx0 + (b[2] - ox0) * sx, ry0 + (b[3] - oy0) * sy

    return to_ref


def _iou(a, b) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    inter = width * height
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def _distance(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b)


def _marks(text: str) -> list[bool]:
    return [char in CHECKED for char in text if char in CHECKED | EMPTY]


def _number(text: str) -> Decimal | None:
    from normalize.numbers import parse_money, parse_percent

    return parse_percent(text) if text.strip().endswith("%") else parse_money(text)


def score_page(ocr_lines, ref_lines) -> Score:
    score = Score()
    ref_cells, ocr_cells = _grid(ref_lines), _grid(ocr_lines)
    to_ref = _mapper(ocr_cells, ref_cells) if ocr_cells and ref_cells else None
    mapped = [(to_ref(cell.where.bbox), cell) for cell in ocr_cells] if to_ref else []
    for ref in ref_cells:
        best = max(mapped, key=lambda pair: _iou(pair[0], ref.where.bbox), default=None)
        got = best[1].text if best and _iou(best[0], ref.where.bbox) >= 0.5 else None
        _score_cell(score, ref.text.translate(MARKS), got)
    ref_flow = "".join(line.text.replace(" ", "") for line in ref_lines if line.layout == "flow")
    ocr_flow = "".join(line.text.replace(" ", "") for line in ocr_lines if line.layout == "flow")
    score.flow_errors, score.flow_length = _distance(ocr_flow, ref_flow), len(ref_flow)
    return score


def _score_cell(score: Score, want: str, got: str | None) -> None:
    score.cells += 1
    score.length += len(want)
    score.found += got is not None
    text = got or ""
    score.exact += text == want
    score.errors += _distance(text, want)
    score.folded_errors += _distance(unicodedata.normalize("NFKC", text.translate(FOLD)),
                                     unicodedata.normalize("NFKC", want.translate(FOLD)))
    if text != want and len(score.misses) < 400:
        score.misses.append(f"{want!r} -> {got!r}")
    wanted_marks = _marks(want)
    if wanted_marks:
        got_marks = _marks(text)
        score.options += len(wanted_marks)
        score.options_right += sum(a == b for a, b in zip(wanted_marks, got_marks))
    value = _number(want)
    if value is not None:
        score.numeric += 1
        score.numeric_right += _number(text) == value


def accuracy(engine: str = "rapidocr") -> dict:
    if engine == "tesseract":
        from extract.ocr import DEFAULT_DPI

        use_tesseract(DEFAULT_DPI)
    total, rows = Score(), []
    for page in scanned_pages():
        started = time.perf_counter()
        lines, doubts = read_scan(page)
        seconds = time.perf_counter() - started
        score = score_page(lines, reference(page))
        total.add(score)
        rows.append((page, score, seconds, doubts))
    return {"total": total, "rows": rows}


def _rate(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.1%})" if whole else "-"


def print_accuracy(result: dict, verbose: bool, engine: str = "rapidocr") -> None:
    print(f"\n## Accuracy of {engine} (default dpi) against the text PDFs the scans were made from\n")
    print("| scan | page | cells found | exact | CER | CER folded | numeric | checkbox options | flow CER | s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for page, s, seconds, _ in result["rows"]:
        print(f"| {page.file.name} | {page.page} | {_rate(s.found, s.cells)} | {_rate(s.exact, s.cells)} "
              f"| {s.errors / max(1, s.length):.3f} | {s.folded_errors / max(1, s.length):.3f} "
              f"| {_rate(s.numeric_right, s.numeric)} | {_rate(s.options_right, s.options)} "
              f"| {s.flow_errors / max(1, s.flow_length):.3f} | {seconds:.1f} |")
    t = result["total"]
    print(f"| **all** | | {_rate(t.found, t.cells)} | {_rate(t.exact, t.cells)} | {t.errors / t.length:.3f} "
          f"| {t.folded_errors / t.length:.3f} | {_rate(t.numeric_right, t.numeric)} "
          f"| {_rate(t.options_right, t.options)} | {t.flow_errors / max(1, t.flow_length):.3f} | |")
    for page, _, _, doubts in result["rows"]:
        for doubt in doubts:
            print(f"- {page.file.name}: {doubt}")
    if verbose:
        print("\nCells read differently (text PDF -> OCR):")
        for miss in t.misses:
            print("  ", miss)


# ---- speed ---------------------------------------------------------------------------------------

STAGES = {
    "render": ("extract.raster", "render"),
    "seal": ("extract.raster", "suppress_seal"),
    "binarize": ("extract.raster", "binarize"),
    "skew": ("extract.raster", "skew_angle"),
    "rotate": ("extract.raster", "rotate"),
    "checkboxes": ("extract.checkbox", "find_checkboxes"),
    "grid": ("extract.raster", "rule_segments"),
    "text ink": ("extract.textlines", "text_ink"),
    "lines from pixels": ("extract.textlines", "plan_page"),
    "orientation": ("extract.engine", "upside_down_share"),
    "layout": ("extract.layout", "glyphs_to_lines"),
}
# the engine's own parts, timed on their classes: the pipeline calls recognition without detection
ENGINE_STAGES = {"ocr: detection": ("rapidocr.ch_ppocr_det", "TextDetector"),
                 "ocr: recognition": ("rapidocr.ch_ppocr_rec", "TextRecognizer"),
                 "ocr: word boxes": ("rapidocr.cal_rec_boxes", "CalRecBoxes")}


def _timed(spent: dict, name: str, function):
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - started

    return wrapper


def _instrument() -> dict:
    """Wrap each stage function where it is looked up (the module that imported it by name too)."""
    import importlib

    import extract.ocr

    spent: dict = defaultdict(float)
    for name, (module, attribute) in STAGES.items():
        owner = importlib.import_module(module)
        wrapped = _timed(spent, name, getattr(owner, attribute))
        setattr(owner, attribute, wrapped)
        if hasattr(extract.ocr, attribute) and module != "extract.ocr":
            setattr(extract.ocr, attribute, wrapped)
    for name, (module, cls) in ENGINE_STAGES.items():
        owner = getattr(importlib.import_module(module), cls)
        owner.__call__ = _timed(spent, name, owner.__call__)
    return spent


def speed_child(dpi: int, engine_name: str = "rapidocr") -> dict:
    """Inside the child: read every scanned PDF page at dpi; seconds per page and per stage."""
    import resource

    import pypdfium2 as pdfium

    from extract.engine import engine
    from extract.ocr import ocr_pdf_page

    spent = _instrument()
    if engine_name == "tesseract":
        use_tesseract(dpi)
        import extract.ocr

        extract.ocr._read = _timed(spent, "tesseract", extract.ocr._read)
    pages = [page for page in scanned_pages() if page.file.suffix == ".pdf"]
    engine()
    documents = {page.file: pdfium.PdfDocument(page.file) for page in pages}
    ocr_pdf_page(documents[pages[0].file][pages[0].page - 1], pages[0].page, dpi)  # warm-up, untimed
    spent.clear()
    started, cpu = time.perf_counter(), _cpu()
    each = {"upright": [], "turned": []}
    for page in pages:
        began = time.perf_counter()
        ocr_pdf_page(documents[page.file][page.page - 1], page.page, dpi)
        each["turned" if page.spec.get("rotation") else "upright"].append(time.perf_counter() - began)
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"engine": engine_name, "dpi": dpi, "pages": len(pages), "seconds": seconds, "cpu": cpu,
            "peak_mb": peak, "stages": dict(spent), "each": each}


def _cpu() -> float:
    """CPU seconds of this process and its children (tesseract runs as one)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def speed(dpis: list[int], engine_name: str = "rapidocr") -> list[dict]:
    results = []
    for dpi in dpis:
        child = subprocess.run([sys.executable, __file__, "--child", str(dpi), "--engine", engine_name],
                               capture_output=True, text=True, check=True, cwd=ROOT)
        results.append(json.loads(child.stdout.strip().splitlines()[-1]))
    return results


def print_speed(results: list[dict]) -> None:
    load = os.getloadavg()[0]
    print(f"\n## Speed ({os.cpu_count()} cores, load average {load:.1f} when done; wall seconds per scanned page,"
          " after one warm-up page)\n")
    print("| engine | dpi | pages | s/page | upright page | turned page | CPU s/page | peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        upright, turned = (sum(r["each"][k]) / max(1, len(r["each"][k])) for k in ("upright", "turned"))
        print(f"| {r['engine']} | {r['dpi']} | {r['pages']} | {r['seconds'] / r['pages']:.2f} | {upright:.2f} "
              f"| {turned:.2f} | {r['cpu'] / r['pages']:.2f} | {r['peak_mb']:.0f} |")
    results = [r for r in results if r["engine"] == "rapidocr"]
    if not results:
        return
    print("\nWhere the time goes (s/page):\n")
    names = list(STAGES) + list(ENGINE_STAGES)
    print("| stage | " + " | ".join(f"{r['dpi']} dpi" for r in results) + " |")
    print("|---|" + "---|" * len(results))
    for name in sorted(names, key=lambda n: -results[0]["stages"].get(n, 0.0)):
        print(f"| {name} | " + " | ".join(f"{r['stages'].get(name, 0.0) / r['pages']:.3f}" for r in results) + " |")
    print("\n(the stages do not nest; orientation is the engine's 0/180 classifier on a dozen lines; "
          "recognition reads the lines found in the grid's cells without detection, detection runs on "
          "the regions outside the grid; the rest of s/page is cropping, resizing and the engine's own steps)")


# ---- tesseract baseline ----------------------------------------------------------------------------


def tesseract_status() -> str:
    if not shutil.which("tesseract"):
        return "not installed"
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
    return "ready" if "chi_sim" in langs else "installed without chi_sim"


def tesseract_recognise(dpi: int):
    """A stand-in for the engine's reading: tesseract 5 (chi_sim, automatic layout) on the gray page
    with the ruled lines erased (they break its line finding); one TextBox per tesseract line with its
    words; the score is the line's lowest word confidence. (Fed our binarized page instead, it read
    41% of the cells exactly instead of 58%.)"""
    import cv2
    import numpy as np

    from extract import raster
    from extract.engine import TextBox

    def recognise(image: np.ndarray) -> list[TextBox]:
        gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        horizontal, vertical = raster.rule_masks(raster.binarize(gray, 72 / dpi), 72 / dpi)
        clean = gray.copy()
        clean[cv2.dilate(horizontal | vertical, np.ones((3, 3), np.uint8)) > 0] = 255
        ok, png = cv2.imencode(".png", clean)
        tsv = subprocess.run(["tesseract", "stdin", "stdout", "-l", "chi_sim", "--psm", "3", "--dpi", str(dpi), "tsv"],
                             input=png.tobytes(), capture_output=True, check=True).stdout.decode()
        lines: dict[tuple, list] = defaultdict(list)
        for row in tsv.splitlines()[1:]:
            field = row.split("\t")
            if len(field) == 12 and field[0] == "5" and field[11].strip() and float(field[10]) >= 0:
                left, top, width, height = map(int, field[6:10])
                lines[tuple(field[1:5])].append((field[11].strip(), float(field[10]) / 100,
                                                 (left, top, left + width, top + height)))
        return [TextBox("".join(w[0] for w in words), min(w[1] for w in words),
                        min(w[2][0] for w in words), min(w[2][1] for w in words),
                        max(w[2][2] for w in words), max(w[2][3] for w in words),
                        tuple((w[0], w[2]) for w in words)) for words in lines.values()]

    return recognise


def use_tesseract(dpi: int) -> None:
    """Every page read whole by tesseract in place of rapidocr (the same pixels, grid and cell code)."""
    import extract.ocr

    recognise = tesseract_recognise(dpi)

    def read(reading):
        reading.boxes = recognise(reading.gray)
        return reading

    extract.ocr._read = read


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, nargs="*", default=[150, 200, 300])
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="list every cell read differently")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--engine", default="rapidocr", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(speed_child(args.child, args.engine)))
        return 0
    from extract.ocr import DEFAULT_DPI

    print_accuracy(accuracy(), args.verbose)
    status = tesseract_status()
    if status == "ready":
        print_accuracy(accuracy("tesseract"), args.verbose, "tesseract (same grid code)")
    if not args.no_speed:
        extra = speed([DEFAULT_DPI], "tesseract") if status == "ready" else []
        print_speed(speed(args.dpi) + extra)
    print(f"\nTesseract baseline: {status}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
