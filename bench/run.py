"""Throughput of the whole pipeline on text PDFs, beside the bare table extractors on the same pages.

    python bench/run.py [PDF...]        (default: every PDF under samples/pdf)

Each method runs in its own process, so its peak memory is its own (os.wait4's ru_maxrss). The
pipeline is timed end to end (extract, parse, normalize, score); pdfplumber only runs
`page.extract_tables()` and camelot only `read_pdf(flavor="lattice")`: they produce no records.
Install the baselines with `pip install -e '.[bench]'`; a missing one is reported, not fatal.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
METHODS = ("pipeline", "pdfplumber", "camelot")


def run_method(method: str, paths: list[Path]) -> dict:
    """Inside the child process: time one method over all files, after one untimed warm-up file
    (imports, compiled patterns and fonts are paid once, as in a batch)."""
    sys.path.insert(0, str(ROOT))
    one_file = _method(method)
    one_file(paths[0])
    started = time.perf_counter()
    pages = sum(one_file(path) for path in paths)
    return {"pages": pages, "seconds": time.perf_counter() - started}


def _method(method: str):
    """A function that processes one file the method's way and returns its page count."""
    if method == "pipeline":
        from extract.errors import InputError
        from pipeline import file_to_document

        def pipeline(path: Path) -> int:
            try:
                return file_to_document(path).source.pages or 0
            except InputError:
                return _page_count(path)

        return pipeline
    if method == "pdfplumber":
        import pdfplumber

        def plumber(path: Path) -> int:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_tables()
                return len(pdf.pages)

        return plumber
    import camelot

    def lattice(path: Path) -> int:
        camelot.read_pdf(str(path), pages="all", flavor="lattice")
        return _page_count(path)

    return lattice


def _page_count(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def measure(method: str, paths: list[Path]) -> dict:
    """Run one method in a child process; add its peak resident memory."""
    command = [sys.executable, __file__, "--child", method, *map(str, paths)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(child.pid, 0)
    out, err = child.stdout.read(), child.stderr.read()  # type: ignore[union-attr]
    if os.waitstatus_to_exitcode(status) != 0:
        last = err.strip().splitlines()[-1] if err.strip() else "failed"
        return {"method": method, "error": last}
    result = json.loads(out)
    result.update(method=method, peak_mb=usage.ru_maxrss / 1024)
    return result


def report(results: list[dict]) -> str:
    lines = [f"{'method':<12}{'pages':>7}{'seconds':>10}{'pages/s':>10}{'peak MB':>10}"]
    for result in results:
        if "error" in result:
            lines.append(f"{result['method']:<12}  not measured: {result['error']}")
            continue
        rate = result["pages"] / result["seconds"] if result["seconds"] else float("inf")
        lines.append(f"{result['method']:<12}{result['pages']:>7}{result['seconds']:>10.2f}{rate:>10.1f}"
                     f"{result['peak_mb']:>10.0f}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        print(json.dumps(run_method(argv[1], [Path(p) for p in argv[2:]])))
        return 0
    paths = [Path(p) for p in argv] or sorted((ROOT / "samples" / "pdf").rglob("*.pdf"))
    if not paths:
        print("no PDFs to measure (run samples/make_samples.py, or name some)", file=sys.stderr)
        return 1
    print(f"{len(paths)} PDFs; {os.cpu_count()} cores")
    print(report([measure(method, paths) for method in METHODS]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
