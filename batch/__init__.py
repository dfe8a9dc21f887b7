"""Batch ingestion: folders of filings into an embedded DuckDB store, one transaction per document.

    inputs (dirs, globs, files) -> plan (hash, dedupe, skip what is stored) -> engine (a supervised
    local process pool, or Ray Data) -> the single writer (store) -> export (Parquet by year, CSV)

The workers only compute (`worker.process`: a file -> an Outcome holding its five tables); the parent
process alone writes, so a kill at any moment leaves every document committed whole or not at all.
"""

from __future__ import annotations

from functools import cache


@cache  # a metadata lookup walks sys.path: once per process, not once per document
def pipeline_version() -> str:
    """The installed perfforms version, logged beside every document so a rebuild can be traced.
    importlib.metadata (with email and sockets) loads only here: the command imports this package for
    its options, and a run without --db never asks."""
    from importlib import metadata

    try:
        return metadata.version("perfforms")
    except metadata.PackageNotFoundError:  # run from a checkout that was never pip-installed
        return "0+unknown"
