"""A pool of long-lived worker processes, each supervised with a deadline per document.

Long-lived, because starting a process per document would cost more than reading a text PDF;
supervised, because a hung pdfium call can only be stopped by killing its process: a worker past
its deadline is killed, its document logged as failed, and a fresh worker takes its place.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing import forkserver
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext

from batch.records import Outcome, Progress, ReadFunction, Task, failed


@dataclass(frozen=True)
class Limits:
    timeout: float = 0.0  # seconds per document; 0: none
    max_memory_mb: int = 0  # address space a worker may add while reading; 0: none


def _context() -> BaseContext:
    """forkserver: workers fork from a small clean process with the pipeline already imported, so a
    replacement starts in milliseconds and never inherits the parent's threads (DuckDB, rich)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["batch._preload"])
    forkserver.ensure_running()  # starts now and warms up while the parent walks and hashes the inputs
    return context


def _entry(connection: Connection, max_memory_mb: int, function: ReadFunction | None, ocr_threads: int = 0) -> None:
    """A worker's first call. The pipeline is imported here, in the child (the forkserver preloaded it),
    so the parent, which only plans and writes, never pays for it. OCR threads: cores ÷ workers, so
    workers do not fight over the cores (PERFFORMS_OCR_THREADS set by the user wins)."""
    if ocr_threads:
        os.environ.setdefault("PERFFORMS_OCR_THREADS", str(ocr_threads))
    from batch.worker import process, worker_main

    worker_main(connection, max_memory_mb, function or process)


class _Worker:
    def __init__(self, context: BaseContext, limits: Limits, function: ReadFunction | None,
                 ocr_threads: int = 0) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_entry, args=(child, limits.max_memory_mb, function, ocr_threads),
                                       daemon=True)
        self.process.start()
        child.close()  # only the worker holds its end: the worker sees EOF when the parent dies
        self.task: Task | None = None
        self.deadline = float("inf")

    def give(self, task: Task, timeout: float) -> None:
        self.task = task
        self.deadline = time.monotonic() + timeout if timeout > 0 else float("inf")
        self.connection.send(task)

    def take(self, memory_limited: bool) -> Outcome | Progress:
        """The worker's next message: its Outcome (the task is done), or a Progress (it goes on)."""
        task = self.task
        assert task is not None
        try:
            message = self.connection.recv()
        except (EOFError, OSError):
            self.process.join(1)
            message = failed(task, _death(self.process.exitcode, memory_limited))
        if isinstance(message, Outcome):
            self.task, self.deadline = None, float("inf")
        return message

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()

    def stop(self) -> None:
        try:
            self.connection.send(None)
        except OSError:
            pass
        self.process.join(2)
        self.kill()


def _death(exitcode: int | None, memory_limited: bool) -> str:
    if exitcode is None or exitcode >= 0:
        return f"the reading process exited unexpectedly (exit code {exitcode})."
    name = signal.Signals(-exitcode).name
    # C code (pdfium) that cannot allocate under the cap crashes instead of raising MemoryError
    hint = "; a file that exhausts --max-memory-mb can do this" if memory_limited else ""
    return f"the reading process died ({name}){hint}."


class LocalPool:
    """`size` supervised workers; `run` yields Outcomes in batches, as they become ready. Idle workers
    stay up between runs (a Ray actor feeds one task at a time); `close` stops them."""

    def __init__(self, size: int, limits: Limits, function: ReadFunction | None = None) -> None:
        self.size, self.limits = max(1, size), limits
        self.ocr_threads = max(1, (os.cpu_count() or 1) // self.size)  # onnxruntime threads per worker
        self.function = function  # None: batch.worker.process; tests swap in a misbehaving one
        self.on_progress: Callable[[Progress], None] | None = None  # told of each page a worker finishes
        self.context = _context()
        self.workers: list[_Worker] = []

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        for worker in self.workers:
            worker.kill() if worker.task else worker.stop()
        self.workers = []

    def run(self, tasks: Iterable[Task], tick: float | None = None) -> Iterator[list[Outcome]]:
        """Outcomes as they finish; with `tick`, also an empty batch after that many seconds without
        one: the caller holding results back (to commit several at once) then commits them."""
        pending = deque(tasks)
        try:
            self._dispatch(pending)
            while any(worker.task for worker in self.workers):
                ready = self._collect(tick)
                self._dispatch(pending)  # before the caller commits: the workers read while the parent writes
                if ready or tick is not None:
                    yield ready
        except BaseException:  # interrupted (Ctrl-C, generator closed): no worker may go on reading
            self.close()
            raise

    def _dispatch(self, pending: deque[Task]) -> None:
        """Give every idle worker a task, starting workers (up to size) for what the idle ones cannot take."""
        idle = sum(worker.task is None for worker in self.workers)
        for _ in range(min(len(pending) - idle, self.size - len(self.workers))):
            self.workers.append(_Worker(self.context, self.limits, self.function, self.ocr_threads))
        for worker in self.workers:
            if worker.task is None and pending:
                worker.give(pending.popleft(), self.limits.timeout)

    def _collect(self, tick: float | None) -> list[Outcome]:
        """Wait for results, deaths, the nearest deadline or the tick; drop the workers that are gone."""
        busy = [worker for worker in self.workers if worker.task]
        nearest = min(worker.deadline for worker in busy) - time.monotonic()
        timeout = min(max(0.0, nearest), tick if tick is not None else float("inf"))
        wait([worker.connection for worker in busy], None if timeout == float("inf") else timeout)
        outcomes: list[Outcome] = []
        for worker in busy:
            if worker.connection.poll():
                outcome = worker.take(self.limits.max_memory_mb > 0)
                if isinstance(outcome, Progress):
                    if self.on_progress is not None:
                        self.on_progress(outcome)
                    continue
            elif time.monotonic() >= worker.deadline:
                outcome = self._overdue(worker)
            else:
                continue
            outcomes.append(outcome)
            if outcome.recycle or not worker.process.is_alive():
                worker.kill()
                self.workers.remove(worker)  # _dispatch starts a fresh one if work is left
        return outcomes

    def _overdue(self, worker: _Worker) -> Outcome:
        task = worker.task
        assert task is not None
        worker.kill()
        reason = f"took longer than {self.limits.timeout:g} s (--timeout); reading stopped."
        return failed(task, reason)
