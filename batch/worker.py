"""The per-document function both engines run, and the loop of a local worker process.

`process(task)` never raises: whatever happens to one file becomes an Outcome (ok, partial, no_forms
or failed with one sentence), so one bad filing cannot stop a run of ten thousand. In a local worker
it also tells the parent each page it finishes (a Progress), so a long scan is not a silent bar.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path

from batch.inputs import IMAGE_SUFFIXES
from batch.records import Outcome, Progress, ReadFunction, Status, Task, failed
from export.tables import document_tables
from extract.errors import InputError, NoFormError
from models import Document
from pipeline import file_to_document

PageHook = Callable[[int, int], None]  # (pages finished, pages in the file)
_sink: Callable[[Progress], None] | None = None  # a local worker's line to its parent; None elsewhere (Ray)


def process(task: Task, max_memory_mb: int = 0) -> Outcome:
    """One file -> its Outcome. The same function runs in local workers and in Ray tasks."""
    started, cpu_started = time.perf_counter(), time.process_time()
    with _readable(task) as path:
        outcome = _read(task, path, max_memory_mb)
    outcome.seconds = time.perf_counter() - started
    outcome.cpu_seconds = time.process_time() - cpu_started
    outcome.worker, outcome.peak_rss_mb = os.getpid(), peak_rss_mb()
    return outcome


def _read(task: Task, path: Path, max_memory_mb: int) -> Outcome:
    try:
        document = file_to_document(path, on_page=_page_hook(task))
        if document.source.sha256 != task.sha256:
            return failed(task, "the file changed while it was being read; it is read again on the next run.")
        return _stored(task, document)
    except NoFormError as error:  # read to the end, nothing to store: a rerun need not read it again
        return Outcome(task.path, task.sha256, "no_forms", error=_reason(str(error), path), pages=_page_count(path))
    except InputError as error:
        return failed(task, _reason(str(error), path), pages=_page_count(path))
    except MemoryError:
        reason = f"needed more than the {max_memory_mb} MB allowed (--max-memory-mb); reading stopped."
        return failed(task, reason, recycle=True)
    except Exception as error:  # a pipeline bug on one file must not end the run: log where it happened
        return failed(task, _internal(error))


def _page_hook(task: Task) -> PageHook | None:
    if _sink is None:
        return None
    sink = _sink
    sink(Progress(task.path, 0, None))  # started: the parent names the file at once
    return lambda done, pages: sink(Progress(task.path, done, pages))


def _stored(task: Task, document: Document) -> Outcome:
    if document.source.path != task.path:  # a Ray copy in a temporary folder: record the real path
        document = document.model_copy(update={"source": document.source.model_copy(update={"path": task.path})})
    status: Status = "partial" if document.errors else "ok"
    return Outcome(
        task.path, task.sha256, status,
        error="; ".join(document.errors) or None,
        kind=document.source.kind,
        pages=document.source.pages,
        forms=len(document.forms),
        tables=document_tables([document]),
    )


def _reason(sentence: str, path: Path) -> str:
    """The InputError sentence without its leading path: the log has the path in its own column."""
    return sentence.removeprefix(f"{path}: ")


def _internal(error: Exception) -> str:
    frame = traceback.extract_tb(error.__traceback__)[-1]
    where = f"{Path(frame.filename).name}:{frame.lineno}"
    return f"internal error while reading it ({type(error).__name__}: {error} at {where})."


def _page_count(path: Path) -> int | None:
    """Pages of a file the pipeline refused (a scan before OCR), so the log and pages/s still count them."""
    if path.suffix.lower() in IMAGE_SUFFIXES:
        return 1
    if path.suffix.lower() != ".pdf":
        return None
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(path)
    except Exception:  # damaged, encrypted, not a PDF: no page count to give
        return None
    try:
        return len(document) or None
    finally:
        document.close()


@contextmanager
def _readable(task: Task) -> Iterator[Path]:
    """The task's file on the local disk: its own path, or a private copy of bytes read elsewhere.

    The copy keeps the file's name, because the pipeline picks the reader by the suffix."""
    if task.data is None:
        yield Path(task.path)
        return
    with tempfile.TemporaryDirectory(prefix="perfforms-") as folder:
        copy = Path(folder) / Path(task.path).name
        copy.write_bytes(task.data)
        yield copy


def peak_rss_mb() -> float:
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss is bytes on macOS, KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


# ---- the local worker process ------------------------------------------------------------------


def worker_main(connection: Connection, max_memory_mb: int, function: ReadFunction = process) -> None:
    """Read tasks from the parent until it sends None or goes away; answer each with function's Outcome."""
    global _sink
    _die_with_parent()
    limit_memory(max_memory_mb)
    _sink = connection.send
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if task is None:
            return
        outcome = function(task, max_memory_mb)
        connection.send(outcome)
        if outcome.recycle:  # after a MemoryError the heap may be in pieces: start afresh
            return


def limit_memory(max_memory_mb: int) -> None:
    """Cap the address space at what the process uses now plus max_memory_mb.

    Relative to the start, because pyarrow and pdfium reserve far more address space than they touch;
    a file that balloons then raises MemoryError (or kills its worker) instead of swapping the machine."""
    if max_memory_mb <= 0 or not hasattr(resource, "RLIMIT_AS"):
        return
    current = _address_space_bytes()
    if current is None:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = current + max_memory_mb * 2**20
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _address_space_bytes() -> int | None:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return None


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when its parent dies, so a kill -9 leaves no orphan
    still chewing on a hung PDF."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
