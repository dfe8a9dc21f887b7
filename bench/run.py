"""Speed in one run: text PDFs against pdfplumber, scans against bare rapidocr, 1 against N batch
workers on scans, and where the time goes.

    python bench/run.py [--only text|scans|batch ...] [--repeat 3] [--workers N] [--scan-pages 24]
                        [--camelot] [PDF...]

Text PDFs (default: every PDF under samples/pdf). End to end, start-up included: `python pipeline.py
PDFs --format json` against a script that opens the same PDFs with pdfplumber and calls
`page.extract_tables()` on every page (it produces no records); each in its own process, so its
peak memory is its own (os.wait4's ru_maxrss); the fastest of --repeat runs, the two taking turns,
with their CPU seconds beside (less swayed by other load than wall time). Both sides run from
bytecode, as installed programs do: pip compiled pdfplumber's when it installed it, and the project's
own modules are compiled first (a checkout run with PYTHONDONTWRITEBYTECODE=1 would otherwise
compile them from source on every run). Warm: the same in one process after an untimed first file,
as a batch worker reads. Then the pipeline's time per stage.

Scans (samples/scans: every page without a text layer). Per page, after one untimed warm-up page, in
its own process: this pipeline's OCR path (extract.ocr.ocr_pdf_page: render, seal, skew, grid, lines,
recognition, cells) against bare rapidocr on the same page rendered at 200 dpi (`RapidOCR()(image)`,
its default settings: detection, the direction classifier and recognition over the whole page). The
pipeline's accuracy on those pages (bench/ocr.py's figures) and its time per stage come with it.

Batch: a corpus of copies of the scanned PDFs (--scan-pages pages) ingested by `batch` into a fresh
store with 1 worker and with --workers (default: every core), end to end (bench/batch.py's child).

Other work on the machine slows everything: the load average is printed, and the fastest of
--repeat runs is kept. `pip install -e '.[bench]'` (and rapidfuzz) for the baselines.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PLUMBER = """
import sys, pdfplumber
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
"""
CAMELOT = """
import sys, camelot
for path in sys.argv[1:]:
    camelot.read_pdf(path, pages="all", flavor="lattice")
"""


# ---- child processes ------------------------------------------------------------------------------


def timed_process(command: list[str]) -> dict:
    """Run a command to its end: wall seconds from launch to exit, and its peak resident memory
    (its output goes to files, so waiting for it never blocks on a full pipe)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if child.returncode != 0:
        return {"error": (stderr.strip().splitlines() or ["failed"])[-1]}
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
            "stdout": stdout}


def _interleaved(methods: dict[str, list[str]], repeat: int) -> dict[str, list[dict]]:
    """Each command run `repeat` times, taking turns, so a spell of other load falls on both sides."""
    runs: dict[str, list[dict]] = {name: [] for name in methods}
    for _ in range(repeat):
        for name, command in methods.items():
            runs[name].append(timed_process(command))
    return runs


def child_json(*arguments: str) -> dict:
    done = timed_process([sys.executable, __file__, "--child", *arguments])
    if "error" in done:
        raise SystemExit(f"bench child {arguments[0]} failed: {done['error']}")
    result = json.loads(done["stdout"].strip().splitlines()[-1])
    result["peak_mb"], result["cpu"] = done["peak_mb"], done["cpu"]
    return result


def load() -> str:
    return f"load average {os.getloadavg()[0]:.2f}"


# ---- text PDFs -------------------------------------------------------------------------------------


def page_count(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def compile_project() -> None:
    """The project's modules to bytecode (__pycache__, ignored by git), as an install leaves them."""
    sources = [str(path) for path in ROOT.glob("*.py")]
    sources += [str(path.parent) for path in ROOT.glob("*/__init__.py") if path.parent.name not in ("tests", "bench")]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *sources], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""})


def text_section(paths: list[Path], repeat: int, camelot: bool) -> None:
    compile_project()
    pages = sum(page_count(path) for path in paths)
    files = [str(path) for path in paths]
    methods = {
        "this pipeline (CLI, --format json)": [sys.executable, "pipeline.py", *files, "--format", "json"],
        "pdfplumber extract_tables()": [sys.executable, "-c", PLUMBER, *files],
    }
    if camelot:
        methods["camelot lattice"] = [sys.executable, "-c", CAMELOT, *files]
    print(f"\n## Text PDFs: {len(paths)} files, {pages} pages, end to end (Python start-up included), "
          f"fastest of {repeat} ({load()})\n")
    print("| method | seconds | pages/s | CPU seconds | peak MB |\n|---|---|---|---|---|")
    rates, cpu = {}, {}
    for name, runs in _interleaved(methods, repeat).items():
        good = [run for run in runs if "error" not in run]
        if not good:
            print(f"| {name} | not measured: {runs[0]['error']} | | | |")
            continue
        result = min(good, key=lambda run: run["seconds"])
        rates[name], cpu[name] = pages / result["seconds"], min(run["cpu"] for run in good)
        print(f"| {name} | {result['seconds']:.2f} | {rates[name]:.1f} | {cpu[name]:.2f} | {result['peak_mb']:.0f} |")
    names = list(methods)
    if names[0] in rates and names[1] in rates:
        print(f"\npipeline / pdfplumber, end to end: **{rates[names[0]] / rates[names[1]]:.2f}×** "
              f"(CPU seconds, less swayed by other load: {cpu[names[1]] / cpu[names[0]]:.2f}×)")
    warm = child_json("text-warm", *files)
    plumber = child_json("plumber-warm", *files)
    print(f"warm (after one untimed file, as a batch worker reads): pipeline {pages / warm['seconds']:.1f} pages/s, "
          f"pdfplumber {pages / plumber['seconds']:.1f} pages/s: {plumber['seconds'] / warm['seconds']:.2f}×")
    split = child_json("text-split", *files)
    print(f"\nWhere the pipeline's time goes ({pages} pages; ms, one process, start-up first):\n")
    print("| stage | ms | ms/page |\n|---|---|---|")
    for stage, seconds in split["stages"].items():
        print(f"| {stage} | {seconds * 1000:.0f} | {seconds * 1000 / pages:.2f} |")
    print(f"\nthe token reading ran on {split['token_readings']} of {split['documents']} documents (skipped where "
          "the line reading is evidently complete)")


def warm_seconds(method: str, paths: list[Path]) -> dict:
    """Seconds to read every file one way in this process, after one untimed file."""
    one = _pipeline_file if method == "pipeline" else _plumber_file
    one(paths[0])
    started = time.perf_counter()
    for path in paths:
        one(path)
    return {"seconds": time.perf_counter() - started}


def _pipeline_file(path: Path) -> None:
    from extract.errors import InputError
    from pipeline import file_to_document

    try:
        file_to_document(path)
    except InputError:
        pass


def _plumber_file(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()


def text_split(paths: list[Path]) -> dict:
    """Seconds per stage over all the files: imports, then each extraction step, parse, score, JSON."""
    from collections import defaultdict

    from bench.ocr import _timed

    started = time.perf_counter()
    import extract
    import extract.pdf as pdf
    import pipeline
    from export.json_out import document_json

    stages: dict[str, float] = defaultdict(float)
    stages["import pipeline (pydantic, parsers, pdfium, …)"] = time.perf_counter() - started
    pipeline._short_lived_collector()  # as the command sets it up
    collecting = _collection_time()
    wrapped = {"_chars": "characters and boxes (pdfium)", "_display_matrix": "text direction",
               "_drawing": "rule segments and image share (pdfium objects)", "find_tables": "grid",
               "glyphs_to_lines": "cells and lines (layout)"}
    for name, stage in wrapped.items():
        setattr(pdf, name, _timed(stages, stage, getattr(pdf, name)))
    pdf_page = extract._extract_pdf
    extract._extract_pdf = _timed(stages, "extract (all of it)", pdf_page)
    for name, stage in (("extraction_to_forms", "parse and normalize"), ("forms_to_flags", "score"),
                        ("judged_forms", "judge met / not met")):
        if hasattr(pipeline, name):
            setattr(pipeline, name, _timed(stages, stage, getattr(pipeline, name)))
    token_readings = _parse_steps(stages)
    documents = []
    for path in paths:
        try:
            documents.append(pipeline.file_to_document(path))
        except Exception:  # an unreadable sample counts its time all the same
            pass
    began = time.perf_counter()
    for document in documents:
        document_json(document, pretty=False)
    stages["JSON"] = time.perf_counter() - began
    stages["garbage collection (inside the stages above)"] = collecting[0]
    extracted = stages.pop("extract (all of it)")
    inside = sum(stages[stage] for stage in wrapped.values())
    stages["extract: open, pages, hashing, the rest"] = extracted - inside
    order = [stage for stage in stages if not stage.startswith("  parse:")]
    at = order.index("parse and normalize") + 1
    order[at:at] = [stage for stage in stages if stage.startswith("  parse:")]  # its steps below it
    return {"stages": {stage: stages[stage] for stage in order}, "token_readings": token_readings[0],
            "documents": len(documents)}


def _collection_time() -> list[float]:
    """Seconds the garbage collector runs from now on (gc.callbacks around every collection)."""
    import gc

    total, began = [0.0], [0.0]

    def timed(phase: str, info: dict) -> None:
        if phase == "start":
            began[0] = time.perf_counter()
        else:
            total[0] += time.perf_counter() - began[0]

    gc.callbacks.append(timed)
    return total


def _parse_steps(stages: dict[str, float]) -> list[int]:
    """Time the parse stage's steps too (inside "parse and normalize"); the returned list counts
    the documents the token reading ran on (it is skipped where the line reading is evidently complete)."""
    import parsers
    from bench.ocr import _timed

    steps = {"tokenize": "  parse: tokens", "_line_forms": "  parse: line reading",
             "token_forms": "  parse: token reading", "finish_forms": "  parse: finish (template, scope, coverage)"}
    for name, stage in steps.items():
        setattr(parsers, name, _timed(stages, stage, getattr(parsers, name)))
    runs = [0]
    token_forms = parsers.token_forms

    def counted(*args, **kwargs):
        runs[0] += 1
        return token_forms(*args, **kwargs)

    parsers.token_forms = counted
    return runs


# ---- scans -----------------------------------------------------------------------------------------


def scan_child(engine_name: str) -> dict:
    """Every scanned PDF page read one way (after an untimed warm-up page); seconds per page, and for
    the pipeline its accuracy against the text PDFs."""
    import pypdfium2 as pdfium

    from bench.ocr import Score, reference, scanned_pages, score_page
    from extract import raster

    pages = [page for page in scanned_pages() if page.file.suffix == ".pdf"]
    documents = {page.file: pdfium.PdfDocument(page.file) for page in pages}
    read = _pipeline_reader() if engine_name == "pipeline" else _bare_reader(raster)
    read(documents[pages[0].file][pages[0].page - 1], pages[0].page)  # warm-up: models load
    total, each = Score(), []
    for page in pages:
        started = time.perf_counter()
        lines = read(documents[page.file][page.page - 1], page.page)
        each.append(time.perf_counter() - started)
        if lines is not None:
            total.add(score_page(lines, reference(page)))
    accuracy = {name: getattr(total, name) for name in ("cells", "exact", "errors", "length", "numeric",
                                                        "numeric_right", "options", "options_right")}
    return {"pages": len(pages), "seconds": sum(each), "each": each, "accuracy": accuracy}


def _pipeline_reader():
    from extract.ocr import ocr_pdf_page

    return lambda page, number: ocr_pdf_page(page, number)[0]


def _bare_reader(raster):
    from rapidocr import RapidOCR

    from extract.engine import threads

    count = threads()  # the same onnxruntime threads as the pipeline (PERFFORMS_OCR_THREADS), else its default
    engine = RapidOCR(params={"Global.log_level": "error", "EngineConfig.onnxruntime.intra_op_num_threads": count,
                              "EngineConfig.onnxruntime.inter_op_num_threads": 1 if count > 0 else -1})

    def read(page, number):
        engine(raster.render(page, 200, gray=False))
        return None

    return read


def scan_section(repeat: int) -> None:
    from bench.ocr import print_speed, speed

    runs = {name: min((child_json("scan", name) for _ in range(repeat)), key=lambda run: run["seconds"])
            for name in ("pipeline", "bare")}
    pipeline, bare = runs["pipeline"], runs["bare"]
    pages = pipeline["pages"]
    print(f"\n## Scans: {pages} scanned PDF pages (samples/scans), after one warm-up page, fastest of {repeat} "
          f"({load()} when done)\n")
    print("| method | s/page | pages/s | peak MB |\n|---|---|---|---|")
    for name, label in (("pipeline", "this pipeline's OCR path (grid-guided)"),
                        ("bare", "bare rapidocr, whole page at 200 dpi")):
        run = runs[name]
        print(f"| {label} | {run['seconds'] / pages:.2f} | {pages / run['seconds']:.2f} | {run['peak_mb']:.0f} |")
    print(f"\npipeline / bare rapidocr time: **{pipeline['seconds'] / bare['seconds']:.2f}×** "
          f"(CPU: {pipeline['cpu'] / bare['cpu']:.2f}×; onnxruntime threads: "
          f"{os.environ.get('PERFFORMS_OCR_THREADS') or 'its default'})")
    a = pipeline["accuracy"]
    print(f"accuracy of the pipeline on these pages: cells exact {a['exact']}/{a['cells']} "
          f"({a['exact'] / max(1, a['cells']):.1%}), character error {a['errors'] / max(1, a['length']):.4f}, "
          f"numbers {a['numeric_right']}/{a['numeric']}, checkbox options {a['options_right']}/{a['options']}")
    print_speed(speed([200]))


# ---- batch on scans ----------------------------------------------------------------------------------


def batch_section(workers: int, scan_pages: int, repeat: int) -> None:
    from bench.batch import build, measure

    base = Path(tempfile.mkdtemp(prefix="perfforms-bench-"))
    scans = sorted((ROOT / "samples" / "scans").glob("*.pdf"))
    files, pages = build(base / "scans", scans, scan_pages)
    print(f"\n## Batch on scans: {files} scanned PDFs, {pages} pages, fastest of {repeat} ({load()})\n")
    print("| workers | OCR threads each | seconds | pages/s | worker CPU s/page | peak MB per worker |\n"
          "|---|---|---|---|---|---|")
    rates = {}
    for count in sorted({1, workers}):
        runs = []
        for attempt in range(repeat):
            db = base / f"store-{count}-{attempt}.duckdb"
            runs.append(measure(base / "scans", count, db))
        run = min(runs, key=lambda result: result["seconds"])
        rates[count] = pages / run["seconds"]
        threads = os.environ.get("PERFFORMS_OCR_THREADS") or max(1, (os.cpu_count() or 1) // count)
        print(f"| {count} | {threads} | {run['seconds']:.1f} | {rates[count]:.2f} | {run['cpu_seconds'] / pages:.2f} "
              f"| {max(run['peak_mb'] or [0]):.0f} |")
    if workers > 1:
        print(f"\n{workers} workers / 1 worker: **{rates[workers] / rates[1]:.2f}×** ({load()} when done)")
    if workers > 1 and not os.environ.get("PERFFORMS_OCR_THREADS"):
        single = _single_thread(base, pages, repeat)
        print(f"for comparison, 1 worker held to 1 OCR thread: {single:.2f} pages/s, so {workers} workers / that: "
              f"{rates[workers] / single:.2f}× (the 1-worker row above also uses the other cores, through "
              f"onnxruntime's threads)")
    subprocess.run(["rm", "-rf", str(base)], check=False)


def _single_thread(base: Path, pages: int, repeat: int) -> float:
    """Pages/s of 1 worker whose OCR runs on one thread: what the workers' scaling is per core."""
    from bench.batch import measure

    os.environ["PERFFORMS_OCR_THREADS"] = "1"
    try:
        runs = [measure(base / "scans", 1, base / f"store-1-single-{attempt}.duckdb") for attempt in range(repeat)]
    finally:
        del os.environ["PERFFORMS_OCR_THREADS"]
    return pages / min(run["seconds"] for run in runs)


# ---- main ------------------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        kind, rest = argv[1], argv[2:]
        children = {"text-warm": lambda: warm_seconds("pipeline", [Path(p) for p in rest]),
                    "plumber-warm": lambda: warm_seconds("pdfplumber", [Path(p) for p in rest]),
                    "text-split": lambda: text_split([Path(p) for p in rest]),
                    "scan": lambda: scan_child(rest[0])}
        print(json.dumps(children[kind]()))
        return 0
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path, help="text PDFs (default: samples/pdf/*.pdf)")
    parser.add_argument("--only", nargs="*", choices=("text", "scans", "batch"), default=["text", "scans", "batch"])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement, the fastest kept (default 3)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="the N of 1 vs N workers")
    parser.add_argument("--scan-pages", type=int, default=24, help="scanned pages in the batch corpus (default 24)")
    parser.add_argument("--camelot", action="store_true", help="also time camelot lattice (slow)")
    arguments = parser.parse_args(argv)
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} at the start")
    if "text" in arguments.only:
        paths = arguments.pdfs or sorted((ROOT / "samples" / "pdf").glob("*.pdf"))
        text_section(paths, arguments.repeat, arguments.camelot)
    if "scans" in arguments.only:
        scan_section(max(1, arguments.repeat - 1))
    if "batch" in arguments.only:
        batch_section(arguments.workers, arguments.scan_pages, max(1, arguments.repeat - 1))
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
