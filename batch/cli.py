"""The batch command line, for pipeline.py to mount (and runnable alone: `python -m batch.cli`).

    python -m batch.cli DIR|GLOB|FILE... --db filings.duckdb [--workers N] [--force] [--quiet] [--strict]
                        [--timeout S] [--max-memory-mb MB] [--engine local|ray] [--ray-address ADDR]
    python -m batch.cli export --db filings.duckdb --format parquet|csv --out DIR

Exit codes: 0 the run finished (files that failed are logged and summarised); 1 with --strict when
some file failed; 2 nothing was done (an input names nothing, the store or output cannot be written,
Ray is missing); 130 stopped by Ctrl-C or SIGTERM (what was committed stays; rerun to go on).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from batch.runner import Options

DEFAULT_DB = Path("filings.duckdb")


def _non_negative(kind: Callable[[str], float]) -> Callable[[str], float]:
    def parse(text: str) -> float:
        value = kind(text)
        if value < 0:
            raise argparse.ArgumentTypeError(f"{text} is negative")
        return value

    parse.__name__ = getattr(kind, "__name__", "number")  # argparse names it in "invalid int value"
    return parse


def add_batch_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("batch ingestion (with --db)")
    group.add_argument("--db", type=Path, metavar="FILE",
                       help=f"the DuckDB store to ingest into, created if absent (e.g. {DEFAULT_DB})")
    group.add_argument("--workers", type=_non_negative(int), default=0, metavar="N",
                       help="worker processes (default: one per core)")
    group.add_argument("--force", action="store_true",
                       help="read again files already stored, replacing their rows")
    group.add_argument("--quiet", action="store_true",
                       help="no progress; print only when something failed (for cron)")
    group.add_argument("--strict", action="store_true", help="exit 1 when any file failed")
    group.add_argument("--timeout", type=_non_negative(float), default=600.0, metavar="S",
                       help="seconds one document may take before it is stopped and logged failed "
                            "(default 600, about 100 scanned pages at today's OCR speed; 0: no limit)")
    group.add_argument("--max-memory-mb", type=_non_negative(int), default=2048, metavar="MB",
                       help="memory one document may take in its worker (default 2048; 0: no limit)")
    group.add_argument("--engine", choices=("local", "ray"), default="local",
                       help="local: a process pool on this machine (default); ray: a Ray Data pipeline")
    group.add_argument("--ray-address", metavar="ADDR",
                       help="the Ray cluster for --engine ray (default: RAY_ADDRESS, else a local Ray)")


def run_batch(inputs: list[str], arguments: argparse.Namespace) -> int:
    # imported here: pipeline.py builds its parser with this module and must stay quick for one file
    from rich.console import Console

    from batch.inputs import InputsError, walk_inputs
    from batch.runner import run
    from batch.store import StoreError

    console = Console(stderr=True)
    if arguments.engine == "ray" and importlib.util.find_spec("ray") is None:
        print("--engine ray needs Ray: pip install 'perfforms[ray]'.", file=sys.stderr)
        return 2
    try:
        return run(walk_inputs(inputs), _options(arguments), console)
    except (InputsError, StoreError) as error:
        print(error, file=sys.stderr)  # one sentence, nothing started
        return 2
    except KeyboardInterrupt:  # while walking or hashing: nothing was read yet
        print("stopped before any document was read.", file=sys.stderr)
        return 130


def _options(arguments: argparse.Namespace) -> Options:
    from batch.pool import Limits
    from batch.runner import Options

    return Options(
        db=arguments.db or DEFAULT_DB,
        workers=arguments.workers,
        force=arguments.force,
        quiet=arguments.quiet,
        strict=arguments.strict,
        limits=Limits(timeout=arguments.timeout, max_memory_mb=arguments.max_memory_mb),
        engine=arguments.engine,
        ray_address=arguments.ray_address,
    )


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, required=True, metavar="FILE", help="the DuckDB store to export")
    parser.add_argument("--format", choices=("parquet", "csv"), required=True,
                        help="parquet: one folder per table, partitioned by year; csv: one file per table, BOM")
    parser.add_argument("--out", type=Path, default=Path("out"), metavar="DIR",
                        help="the output folder (default: out)")


def run_export(arguments: argparse.Namespace) -> int:
    from batch.exporter import export_store
    from batch.store import StoreError

    try:
        written = export_store(arguments.db, arguments.format, arguments.out)
    except StoreError as error:
        print(error, file=sys.stderr)
        return 2
    print(f"wrote {len(written)} tables to {arguments.out}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["export"]:
        parser = argparse.ArgumentParser(prog="batch.cli export", description="the store's tables as files")
        add_export_arguments(parser)
        return run_export(parser.parse_args(argv[1:]))
    parser = argparse.ArgumentParser(prog="batch.cli", description="ingest folders of filings into a store")
    parser.add_argument("inputs", nargs="+", help="folders, globs or files")
    add_batch_arguments(parser)
    arguments = parser.parse_args(argv)
    return run_batch(arguments.inputs, arguments)


if __name__ == "__main__":
    sys.exit(main())
