"""What a run tells its user on stderr: a live bar on a terminal, naming the files being read and
counting pages as they finish; one line per document otherwise (logs, CI, the kill test); nothing
with --quiet; and a closing summary (with --quiet: only failures)."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, ProgressColumn, Task, TextColumn, TimeRemainingColumn
from rich.progress import Progress as Bar
from rich.text import Text

from batch.records import Outcome, Progress

SHOWN_FAILURES = 20  # the rest are in the documents table
SHOWN_IGNORED = 10  # files a folder walk passed over, named in the summary
_NAME_LIMIT = 40  # characters of a file name on the progress line


@dataclass
class Tally:
    """Counts for one run; `files` and `bytes` are what the engine was given to read."""

    files: int = 0
    bytes: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    pages: int = 0
    forms: int = 0
    skipped: int = 0  # unchanged, or the same content as a file already stored: not read again
    duplicates: int = 0  # read once for another path holding the same content
    kept: list[tuple[str, str]] = field(default_factory=list)  # --force re-reads that failed: rows kept
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason), every path
    ignored: list[str] = field(default_factory=list)  # what the folder walk passed over (not a known kind)
    peak_mb: dict[int, float] = field(default_factory=dict)  # worker pid -> its peak resident memory
    busy_seconds: float = 0.0  # summed over the documents: wall time inside the workers, and CPU time
    cpu_seconds: float = 0.0
    plan_seconds: float = 0.0  # walking, hashing and checking the log before the first read
    interrupted: bool = False
    started: float = field(default_factory=time.perf_counter)

    def add(self, outcome: Outcome, paths: list[str], kept: bool = False) -> None:
        """One document read, found under `paths` (the first is the one read)."""
        self.statuses[outcome.status] += 1
        self.duplicates += len(paths) - 1
        self.busy_seconds += outcome.seconds
        self.cpu_seconds += outcome.cpu_seconds
        if outcome.status == "failed":
            (self.kept if kept else self.failures).extend((path, outcome.error or "") for path in paths)
        else:
            self.pages += outcome.pages or 0
            self.forms += outcome.forms
        if outcome.worker:
            self.peak_mb[outcome.worker] = max(self.peak_mb.get(outcome.worker, 0.0), outcome.peak_rss_mb)

    @property
    def done(self) -> int:
        return sum(self.statuses.values())

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    @property
    def failed(self) -> int:
        return self.statuses["failed"]


class _PagesPerSecond(ProgressColumn):
    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.fields["pages"] / elapsed if elapsed > 0 else 0.0
        return Text(f"{task.fields['pages']} pages {rate:5.1f}/s", style="cyan")


def reading_line(reading: dict[str, Progress]) -> str:
    """The files being read now, each with its pages finished: `reading 001-scan.pdf 2/5 +1 more`."""
    if not reading:
        return ""
    latest = list(reading.values())[-1]
    name = latest.path.rsplit("/", 1)[-1]
    name = name if len(name) <= _NAME_LIMIT else "…" + name[-_NAME_LIMIT + 1:]
    pages = f" {latest.pages_done}/{latest.pages}" if latest.pages else ""
    more = f" +{len(reading) - 1} more" if len(reading) > 1 else ""
    return f"reading {name}{pages}{more}"


class Reporter:
    """Progress of one run. Use as a context manager around the engine; `done` after each commit."""

    def __init__(self, tally: Tally, console: Console, quiet: bool) -> None:
        self.tally, self.console, self.quiet = tally, console, quiet
        self.live = not quiet and console.is_terminal and tally.files > 0
        self.bar = Bar(
            TextColumn("[bold]ingest"),
            BarColumn(),
            TextColumn("{task.fields[done]}/{task.fields[files]} files"),
            _PagesPerSecond(),
            TextColumn("[red]{task.fields[failed]} failed"),
            TimeRemainingColumn(),  # by bytes: one big PDF weighs more than ten small ones
            TextColumn("{task.fields[reading]}", style="dim"),
            console=console,
            transient=True,
        )
        self.task = self.bar.add_task("ingest", total=max(tally.bytes, 1), done=0, files=tally.files, pages=0,
                                      failed=0, reading="")
        self.reading: dict[str, Progress] = {}  # path -> its latest Progress, while a worker reads it

    def __enter__(self) -> Reporter:
        if self.live:
            self.bar.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        if self.live:
            self.bar.stop()

    def progress(self, progress: Progress) -> None:
        """A worker started a file, or finished one of its pages."""
        self.reading.pop(progress.path, None)  # the latest last: the line names the file just started or moved
        self.reading[progress.path] = progress
        self._show()

    def pages(self) -> int:
        """Pages of the documents read and committed, and of those being read, as they finish."""
        return self.tally.pages + sum(progress.pages_done for progress in self.reading.values())

    def _show(self, advance: int = 0) -> None:
        tally = self.tally
        self.bar.update(self.task, advance=advance, done=tally.done, pages=self.pages(), failed=tally.failed,
                        reading=reading_line(self.reading))

    def done(self, outcome: Outcome, size: int) -> None:
        """One document committed (or, for --force failures, kept as it was)."""
        tally = self.tally
        self.reading.pop(outcome.path, None)
        self._show(size)
        if not self.live and not self.quiet:
            self.console.print(_line(outcome, tally), markup=False, highlight=False, soft_wrap=True)


def _line(outcome: Outcome, tally: Tally) -> str:
    if outcome.status == "failed":
        what = outcome.error
    else:
        what = ", ".join(filter(None, [_many(outcome.pages, "page"), _many(outcome.forms, "form"), outcome.error]))
    return f"[{tally.done}/{tally.files}] {outcome.status:<7} {outcome.path}: {what} ({outcome.seconds:.2f} s)"


def _many(count: int | None, noun: str) -> str:
    return "" if count is None else f"{count} {noun}{'' if count == 1 else 's'}"


def summary(tally: Tally) -> list[str]:
    """The closing lines: counts, speed, each failure with its reason, and what a rerun will do."""
    seconds = tally.seconds
    statuses = tally.statuses
    lines = [
        f"{'stopped' if tally.interrupted else 'done'}: {tally.done} of {tally.files} files read in {seconds:.1f} s "
        f"({statuses['ok']} ok, {statuses['partial']} partial, {statuses['no_forms']} without forms, "
        f"{statuses['failed']} failed); {tally.skipped} already in the store, {tally.duplicates} duplicate content",
        f"{tally.pages} pages, {tally.forms} forms; {_rate(tally.pages, seconds)} pages/s, "
        f"{_rate(tally.done, seconds)} files/s"
        + (f"; peak worker memory {max(tally.peak_mb.values()):.0f} MB" if tally.peak_mb else ""),
    ]
    for path, reason in tally.failures[:SHOWN_FAILURES]:
        lines.append(f"  failed  {path}: {reason}")
    if len(tally.failures) > SHOWN_FAILURES:
        lines.append(f"  … and {len(tally.failures) - SHOWN_FAILURES} more (documents table, status = 'failed')")
    for path, reason in tally.kept:
        lines.append(f"  kept    {path}: re-reading failed ({reason}); its earlier rows are kept")
    if tally.failures:
        lines.append("failed files are read again by the next run (--strict: exit 1 when any failed)")
    if tally.ignored:
        shown = ", ".join(tally.ignored[:SHOWN_IGNORED])
        more = f" and {len(tally.ignored) - SHOWN_IGNORED} more" if len(tally.ignored) > SHOWN_IGNORED else ""
        lines.append(f"not read: {_many(len(tally.ignored), 'file')} in the folders (not a kind the pipeline reads): "
                     f"{shown}{more}")
    if tally.interrupted:
        lines.append("every document listed as read is committed; run the same command again to go on")
    return lines


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:.1f}" if seconds > 0 else "-"


def print_summary(console: Console, tally: Tally, quiet: bool) -> None:
    """--quiet (cron): silent when all went well, else the summary, so the mail says what failed."""
    if quiet and not (tally.failures or tally.kept or tally.interrupted):
        return
    for line in summary(tally):
        console.print(line, markup=False, highlight=False, soft_wrap=True)
