"""What passes between the parent and its workers: a Task to read, the Outcome of reading it.

Kept apart from batch.worker so that the parent (planner, store, progress) never imports the pipeline.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import pyarrow as pa

from batch import pipeline_version

# no_forms: read to the end, and no form in it (a budget report, a notice): stored as such, never read again
Status = Literal["ok", "partial", "no_forms", "failed"]


@dataclass(frozen=True)
class Task:
    path: str  # the path logged and stored as source_path
    sha256: str
    data: bytes | None = None  # the file's bytes when they were read elsewhere (Ray); else read path


@dataclass
class Outcome:
    path: str
    sha256: str | None  # None only for a file that could not even be read to hash
    status: Status
    error: str | None = None  # one sentence, without the leading "path: "
    kind: str | None = None
    pages: int | None = None
    forms: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # seconds is the wall time, stretched when other processes share the cores
    tables: dict[str, pa.Table] | None = None  # the five tables; None unless status is ok/partial
    worker: int = 0  # pid of the process that read it, and that process's peak memory so far
    peak_rss_mb: float = 0.0
    recycle: bool = False  # the worker should be replaced (it hit its memory limit)
    version: str = field(default_factory=pipeline_version)  # of the pipeline that read it


@dataclass(frozen=True)
class Progress:
    """Sent by a worker while it reads: the file it is on and its pages finished so far."""

    path: str
    pages_done: int
    pages: int | None  # None until the file's page count is known (text input has none)


ReadFunction = Callable[[Task, int], Outcome]  # (task, max_memory_mb) -> outcome: what a worker runs


def failed(task: Task, reason: str, **extra: object) -> Outcome:
    return Outcome(task.path, task.sha256, "failed", error=reason, **extra)  # type: ignore[arg-type]
