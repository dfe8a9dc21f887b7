"""--engine ray: the same per-document function as a Ray Data pipeline.

    read_binary_files -> map_batches(_Reader: worker.process behind the same supervised worker, so
    --timeout and --max-memory-mb hold on the cluster too) -> records (one pickled Outcome a row)
    -> streamed back to the driver, where the store commits them exactly as for the local engine.

Streaming the records into the store, rather than writing Parquet on the cluster, keeps one writer
and one transaction per document: a killed Ray run resumes like a local one. Parquet comes from
`export`. Ray is an optional extra (`pip install 'perfforms[ray]'`); the cluster's nodes need the
package installed too (this module ships the `batch` package itself with the job).
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from batch.pool import Limits, LocalPool
from batch.records import Outcome, Task

_ROOT = Path(__file__).resolve().parent.parent


class _Reader:
    """A Ray Data actor: bytes read by Ray -> one Outcome, computed in a supervised child process."""

    def __init__(self, shas: dict[str, tuple[str, str]], limits: Limits) -> None:
        self.shas = shas  # absolute path -> (the path as the user gave it, its sha256)
        self.pool = LocalPool(1, limits)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, list[bytes]]:
        tasks = []
        for path, data in zip(batch["path"], batch["bytes"]):
            shown, sha = self.shas[_absolute(str(path))]
            tasks.append(Task(shown, sha, bytes(data)))
        outcomes = [outcome for ready in self.pool.run(tasks) for outcome in ready]
        return {"outcome": [pickle.dumps(outcome) for outcome in outcomes]}


def _absolute(path: str) -> str:
    return os.path.abspath(path)


class RayEngine:
    def __init__(self, address: str | None, workers: int, limits: Limits) -> None:
        self.address, self.workers, self.limits = address, workers, limits
        self.started = False
        self.on_progress = None  # Ray's blocks report only when a document is done

    def __enter__(self) -> RayEngine:
        return self

    def __exit__(self, *_: object) -> None:
        if self.started:
            import ray

            ray.shutdown()

    def run(self, tasks: list[Task], tick: float | None = None) -> Iterator[list[Outcome]]:
        """Outcomes as Ray's blocks finish, each followed by an empty batch: nothing else is known to be
        ready, so the runner commits at once (`tick` needs no timer)."""
        if not tasks:
            return
        import ray

        self._connect(ray)
        shas = {_absolute(task.path): (task.path, task.sha256) for task in tasks}
        # Reading is I/O: it takes no CPU slot, or it would wait forever behind readers holding them all.
        files = ray.data.read_binary_files(sorted(shas), include_paths=True, num_cpus=0)
        dataset = files.map_batches(
            _Reader,
            fn_constructor_kwargs={"shas": shas, "limits": self.limits},
            batch_size=1,
            compute=ray.data.ActorPoolStrategy(size=min(self.workers, len(tasks))),
            num_cpus=1,
        )
        for batch in dataset.iter_batches(batch_size=None, batch_format="numpy"):
            yield [pickle.loads(record) for record in batch["outcome"]]
            yield []

    def _connect(self, ray: Any) -> None:
        if ray.is_initialized():
            return
        _quiet_ray_logging()
        address = self.address or os.environ.get("RAY_ADDRESS")
        runtime_env = {"py_modules": [str(_ROOT / "batch")]}  # the driver's batch code, on every node
        options: dict[str, Any] = dict(
            address=address, runtime_env=runtime_env, log_to_driver=False, logging_level=logging.ERROR,
            include_dashboard=False, configure_logging=False,
        )
        if address is None:  # a local Ray sized like the local engine
            options["num_cpus"] = self.workers
        ray.init(**options)
        self.started = True
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # ours is on stderr already
        context.print_on_execution_start = False


def _quiet_ray_logging() -> None:
    """Ray's notices on stderr would bury our progress and summary; its session log files keep them."""
    import ray.data  # noqa: F401  (configures the ray.data loggers, which we then quieten)

    logging.getLogger("ray").setLevel(logging.ERROR)
    for handler in logging.getLogger("ray.data").handlers:
        if not isinstance(handler, logging.FileHandler):
            handler.setLevel(logging.ERROR)
