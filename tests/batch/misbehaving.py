"""A reader that hangs, balloons or crashes on cue, for the supervision tests.

The pool runs `misbehaving_process` in its worker processes: it swaps the pipeline call inside
batch.worker for one that misbehaves on the named files, then runs the real per-document function."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import batch.worker as worker
from batch.records import Outcome, Task
from batch.worker import PageHook, process
from models import Document

_pipeline = worker.file_to_document


def _reader(path: Path, on_page: PageHook | None = None) -> Document:
    if path.name == "hang.txt":
        time.sleep(3600)
    if path.name == "balloon.txt":
        bytearray(2 * 2**30)  # far past --max-memory-mb: MemoryError under the worker's RLIMIT_AS
    if path.name == "crash.txt":
        os.kill(os.getpid(), signal.SIGSEGV)
    return _pipeline(path, on_page=on_page)


def misbehaving_process(task: Task, max_memory_mb: int) -> Outcome:
    worker.file_to_document = _reader  # in this worker process only
    return process(task, max_memory_mb)
