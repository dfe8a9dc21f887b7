"""One batch run: plan what to read, read it on an engine, commit as results arrive, summarise.

Resuming needs no checkpoint file: the store's log is the checkpoint. A path whose size and mtime
match a stored entry is skipped without even hashing it; content already stored under another path
is logged for the new path without reading it; content that failed before is read again.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from rich.console import Console

from batch.inputs import FileEntry, Inputs, hashed, stat
from batch.pool import Limits, LocalPool
from batch.progress import Reporter, Tally, print_summary
from batch.records import Outcome, Progress, Task
from batch.store import STORED, Store, check_writable, log_rows

# Test hook: seconds to sleep after each commit, so a test can SIGKILL a run at a known point.
COMMIT_DELAY_ENV = "PERFFORMS_BATCH_COMMIT_DELAY"
GROUP_SECONDS = 0.2  # finished documents wait at most this long for their transaction
GROUP_SIZE = 64


@dataclass(frozen=True)
class Options:
    db: Path
    workers: int = 0  # 0: one per core
    force: bool = False
    quiet: bool = False
    strict: bool = False
    limits: Limits = Limits()
    engine: str = "local"  # local · ray
    ray_address: str | None = None


class Engine(Protocol):
    """Reads tasks, yielding Outcomes in batches as they finish; a context manager that frees its workers."""

    on_progress: Callable[[Progress], None] | None  # set by the runner; an engine that can, reports pages

    def run(self, tasks: list[Task], tick: float | None = None) -> Iterator[list[Outcome]]:
        """Outcomes in batches as they finish, and an empty batch whenever nothing more is ready
        (at the latest every `tick` seconds)."""
        ...

    def __enter__(self) -> Engine: ...

    def __exit__(self, *_: object) -> None: ...


@dataclass
class Plan:
    tasks: list[Task] = field(default_factory=list)
    groups: dict[str, list[FileEntry]] = field(default_factory=dict)  # sha -> its paths, the one read first
    known: list[tuple[Outcome, list[FileEntry]]] = field(default_factory=list)  # logged without reading
    replace: set[str] = field(default_factory=set)  # stored shas a re-read replaces (--force)
    skipped: int = 0


def make_plan(store: Store, paths: list[str], force: bool) -> Plan:
    plan = Plan()
    entries = [stat(path) for path in paths]
    if not force:
        unchanged = {(f.path, f.size_bytes, f.mtime_ns) for f in store.logged() if f.status in STORED}
        entries = [entry for entry in entries if (entry.path, entry.size, entry.mtime_ns) not in unchanged]
        plan.skipped = len(paths) - len(entries)
    for entry in hashed(entries):
        if entry.sha256 is None:
            plan.known.append((Outcome(entry.path, None, "failed", error=entry.error), [entry]))
        else:
            plan.groups.setdefault(entry.sha256, []).append(entry)
    stored = store.stored_outcomes()
    for sha, group in list(plan.groups.items()):
        if sha in stored and not force:  # same content as a stored file: log the new paths, read nothing
            plan.known.append((stored[sha], group))
            plan.skipped += len(group)
            del plan.groups[sha]
    plan.replace = set(stored) & set(plan.groups)
    # largest first, so one big PDF does not start last and hold up the end of the run alone
    ordered = sorted(plan.groups.items(), key=lambda item: -item[1][0].size)
    plan.tasks = [Task(group[0].path, sha) for sha, group in ordered]
    return plan


def make_engine(options: Options) -> Engine:
    workers = options.workers or os.cpu_count() or 1
    if options.engine == "ray":
        from batch.ray_engine import RayEngine  # ray is an optional extra

        return RayEngine(options.ray_address, workers, options.limits)
    return LocalPool(workers, options.limits)


def run(inputs: Inputs, options: Options, console: Console) -> int:
    """Ingest the input files into the store and summarise (with the files the walk passed over); the
    exit code (0; 1 with --strict when a file failed; 130 when stopped)."""
    tally = ingest(inputs.files, options, console)
    tally.ignored = inputs.ignored
    print_summary(console, tally, options.quiet)
    if tally.interrupted:
        return 130
    return 1 if options.strict and tally.failed else 0


def ingest(paths: list[str], options: Options, console: Console) -> Tally:
    """The run itself, without the summary: what bench/batch.py measures."""
    check_writable(options.db)
    engine = make_engine(options)  # first: its workers warm up while the inputs are walked and hashed
    with Store(options.db) as store:
        started = time.perf_counter()
        plan = make_plan(store, paths, options.force)
        store.commit([], [row for outcome, group in plan.known for row in log_rows(outcome, group)], set())
        unreadable = [outcome for outcome, _ in plan.known if outcome.sha256 is None]
        tally = Tally(files=len(plan.tasks) + len(unreadable), skipped=plan.skipped,
                      bytes=sum(plan.groups[task.sha256][0].size for task in plan.tasks),
                      plan_seconds=time.perf_counter() - started)
        for outcome in unreadable:
            tally.add(outcome, [outcome.path])
        try:
            with _stopped_by_sigterm():
                _read_and_commit(store, plan, engine, tally, Reporter(tally, console, options.quiet))
        except KeyboardInterrupt:
            tally.interrupted = True
    return tally


def _read_and_commit(store: Store, plan: Plan, engine: Engine, tally: Tally, reporter: Reporter) -> None:
    """Commit finished documents in groups: a transaction costs the single writer ~10 ms however many
    documents it holds, so fast text PDFs share one every GROUP_SECONDS while slow scans get their own."""
    delay = float(os.environ.get(COMMIT_DELAY_ENV) or 0)
    waiting: list[Outcome] = []
    last = time.monotonic()
    engine.on_progress = reporter.progress
    with engine, reporter, closing(engine.run(plan.tasks, tick=GROUP_SECONDS)) as batches:
        for batch in batches:  # an empty batch: nothing else is ready now, so commit what waits
            waiting += batch
            if waiting and (not batch or time.monotonic() - last >= GROUP_SECONDS or len(waiting) >= GROUP_SIZE):
                _commit(store, plan, waiting, tally, reporter)
                waiting, last = [], time.monotonic()
                time.sleep(delay)
        _commit(store, plan, waiting, tally, reporter)


def _commit(store: Store, plan: Plan, outcomes: list[Outcome], tally: Tally, reporter: Reporter) -> None:
    written = [outcome for outcome in outcomes if not _kept(outcome, plan)]
    log = [row for outcome in written for row in log_rows(outcome, plan.groups[outcome.sha256])]
    store.commit([outcome for outcome in written if outcome.tables is not None], log, plan.replace)
    for outcome in outcomes:  # reported only once committed: a line on stderr is a promise
        group = plan.groups[outcome.sha256]
        tally.add(outcome, [entry.path for entry in group], kept=_kept(outcome, plan))
        reporter.done(outcome, group[0].size)


def _kept(outcome: Outcome, plan: Plan) -> bool:
    """A --force re-read that failed leaves the earlier rows and log alone: a timeout tonight must not
    erase what was read well last night."""
    return outcome.status == "failed" and outcome.sha256 in plan.replace


@contextmanager
def _stopped_by_sigterm() -> Iterator[None]:
    """SIGTERM (systemd, Kubernetes, cron timeouts) stops like Ctrl-C: the workers are killed and the
    open transaction rolled back; everything committed stays."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
