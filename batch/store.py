"""The embedded DuckDB store: the five tables of SCHEMA.md plus the `documents` ingest log.

Only the parent process writes. A batch of finished documents goes in one transaction (their rows
and their log rows together), so after a kill -9 a document is in the store whole or not at all, and
"has rows" always agrees with "logged ok/partial". Tables are built from export.tables.TABLE_SCHEMAS
and filled from Arrow, so decimals arrive as DECIMAL(p,s) without passing through floats.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from batch.inputs import FileEntry
from batch.records import Outcome
from export.tables import TABLE_SCHEMAS

LOG_TABLE = "documents"
LOG_SCHEMA = pa.schema(
    [
        pa.field("path", pa.string(), nullable=False),
        pa.field("sha256", pa.string()),  # null only for a file that could not be read to hash
        pa.field("size_bytes", pa.int64()),
        pa.field("mtime_ns", pa.int64()),
        pa.field("kind", pa.string()),
        pa.field("pages", pa.int32()),
        pa.field("forms", pa.int32()),
        pa.field("status", pa.string(), nullable=False),  # ok · partial · no_forms · failed
        pa.field("error", pa.string()),
        pa.field("seconds", pa.float64()),
        pa.field("pipeline_version", pa.string(), nullable=False),
        pa.field("duplicate_of", pa.string()),  # the path whose rows hold this same content
        pa.field("ingested_at", pa.timestamp("us")),  # UTC
    ]
)
ALL_SCHEMAS: dict[str, pa.Schema] = {**TABLE_SCHEMAS, LOG_TABLE: LOG_SCHEMA}
# The logical key of each table: unique by construction (no index: DuckDB deletes faster without).
KEYS: dict[str, tuple[str, ...]] = {
    "forms": ("doc_sha256", "form_index"),
    "indicators": ("doc_sha256", "form_index", "indicator_index"),
    "funds": ("doc_sha256", "form_index", "fund_index"),
    "components": ("doc_sha256", "form_index", "component_index"),
    "tasks": ("doc_sha256", "form_index", "task_index"),
    "flags": ("doc_sha256", "flag_index"),
    LOG_TABLE: ("path", "sha256"),
}
STORED = ("ok", "partial", "no_forms")  # read to the end: a rerun skips them
MIN_FREE_MB = 64  # below this a run would fail midway on a full disk: refuse before starting


class StoreError(Exception):
    """The store cannot be used: one sentence, said before any work starts."""


# ---- checks before any work ----------------------------------------------------------------------


def check_writable(target: Path, *, folder: bool = False) -> None:
    """Refuse a read-only, unwritable or full location for `target` (a store file, or an output folder)."""
    where = target if folder else target.parent
    if target.exists() and target.is_dir() != folder:
        kind = "a folder" if target.is_dir() else "a file"
        raise StoreError(f"{target}: is {kind}, not {'a folder' if folder else 'a store file'}.")
    try:
        where.mkdir(parents=True, exist_ok=True)
        _probe(where)
        if target.exists() and not folder:
            with target.open("r+b"):
                pass
    except OSError as error:
        raise StoreError(f"{target}: cannot write there ({error.strerror or error}).") from None
    free_mb = shutil.disk_usage(where).free // 2**20
    if free_mb < MIN_FREE_MB:
        raise StoreError(f"{target}: the disk is full ({free_mb} MB free, {MIN_FREE_MB} MB needed).")


def _probe(folder: Path) -> None:
    """Write, sync and remove a small file: permissions alone do not tell (root, read-only mounts)."""
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".perfforms-probe-") as probe:
        probe.write(b"\0" * 65536)
        probe.flush()
        os.fsync(probe.fileno())


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        # the writer gets one thread (the workers own the cores; it only appends small Arrow batches)
        config = {} if read_only else {"threads": 1}
        return duckdb.connect(str(path), read_only=read_only, config=config)
    except duckdb.IOException as error:
        message = str(error)
        if "lock" in message.lower():
            raise StoreError(f"{path}: the store is in use by another run; wait for it to finish.") from None
        if "not a valid DuckDB database" in message:
            raise StoreError(f"{path}: not a DuckDB store (another kind of file is in the way).") from None
        raise StoreError(f"{path}: cannot open the store ({message.splitlines()[0]}).") from None
    except duckdb.Error as error:
        raise StoreError(f"{path}: not a usable DuckDB store ({str(error).splitlines()[0]}).") from None


# ---- DDL from the Arrow schemas ------------------------------------------------------------------


def sql_type(type_: pa.DataType) -> str:
    if pa.types.is_decimal(type_):
        return f"DECIMAL({type_.precision},{type_.scale})"
    simple = {
        pa.string(): "VARCHAR", pa.int32(): "INTEGER", pa.int64(): "BIGINT", pa.bool_(): "BOOLEAN",
        pa.date32(): "DATE", pa.float64(): "DOUBLE", pa.timestamp("us"): "TIMESTAMP",
    }
    return simple[type_]


def _create(name: str, schema: pa.Schema) -> str:
    columns = ", ".join(
        f'"{field.name}" {sql_type(field.type)}{"" if field.nullable else " NOT NULL"}' for field in schema
    )
    return f'CREATE TABLE IF NOT EXISTS "{name}" ({columns})'


# ---- the store ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoggedFile:
    """What the log knows about one path, enough to decide whether to read it again."""

    path: str
    sha256: str | None
    size_bytes: int | None
    mtime_ns: int | None
    status: str


class Store:
    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        if read_only and not path.is_file():
            raise StoreError(f"{path}: no such store.")
        self.path = path
        self.db = _connect(path, read_only)
        self._logged_shas: set[str | None] | None = None  # loaded at the first commit
        if not read_only:
            for name, schema in ALL_SCHEMAS.items():
                self.db.execute(_create(name, schema))
        self._check_layout()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _check_layout(self) -> None:
        """A store made by a version with other columns is refused, never half-written."""
        for name, schema in ALL_SCHEMAS.items():
            found = self.db.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position", [name]
            ).fetchall()
            expected = [(field.name, sql_type(field.type)) for field in schema]
            if found != expected:
                raise StoreError(
                    f"{self.path}: table {name} has other columns than this version writes (another version "
                    "made the store); ingest into a new store."
                )

    # ---- reading the log ----

    def logged(self) -> list[LoggedFile]:
        rows = self.db.execute(
            f"SELECT path, sha256, size_bytes, mtime_ns, status FROM {LOG_TABLE}"
        ).fetchall()
        return [LoggedFile(*row) for row in rows]

    def stored_outcomes(self) -> dict[str, Outcome]:
        """sha256 -> the Outcome its rows were stored from (no tables), for content seen before."""
        rows = self.db.execute(
            f"SELECT path, sha256, status, error, kind, pages, forms, seconds, pipeline_version FROM {LOG_TABLE} "
            "WHERE duplicate_of IS NULL AND list_contains(?, status)", [list(STORED)]
        ).fetchall()
        return {
            sha: Outcome(path, sha, status, error=error, kind=kind, pages=pages, forms=forms, seconds=seconds,
                         version=version)
            for path, sha, status, error, kind, pages, forms, seconds, version in rows
        }

    def table(self, name: str, where: str = "", parameters: Sequence[object] = ()) -> pa.Table:
        """One table (alias t in `where`, which may join), in key order, with exactly its Arrow schema."""
        schema = ALL_SCHEMAS[name]
        order = ", ".join(f't."{column}"' for column in KEYS[name])
        query = f'SELECT t.* FROM "{name}" AS t {where} ORDER BY {order}'
        table = self.db.sql(query, params=list(parameters)).to_arrow_table()
        return table.cast(schema)  # DuckDB reports every column nullable; the contract says which are not

    def count(self, name: str) -> int:
        return self.db.execute(f'SELECT count(*) FROM "{name}"').fetchall()[0][0]

    # ---- writing ----

    def commit(self, stored: Iterable[Outcome], log: list[dict[str, object]], replace: set[str]) -> None:
        """In one transaction: the documents' rows (replacing those of the shas in `replace`) and their log rows."""
        stored = list(stored)
        self.db.execute("BEGIN TRANSACTION")
        try:
            cleared = [outcome.sha256 for outcome in stored if outcome.sha256 in replace]
            for name in TABLE_SCHEMAS:
                self._clear(name, cleared)
                self._append(name, [outcome.tables[name] for outcome in stored if outcome.tables])
            self._log(log)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self._known_shas().update(row["sha256"] for row in log)

    def _known_shas(self) -> set[str | None]:
        if self._logged_shas is None:
            rows = self.db.execute(f"SELECT DISTINCT sha256 FROM {LOG_TABLE}").fetchall()
            self._logged_shas = {sha for (sha,) in rows}
        return self._logged_shas

    def _clear(self, name: str, shas: list[str]) -> None:
        if shas:
            self.db.execute(f'DELETE FROM "{name}" WHERE doc_sha256 IN (SELECT unnest(?))', [shas])

    def _append(self, name: str, tables: list[pa.Table]) -> None:
        tables = [table for table in tables if table.num_rows]
        if not tables:
            return
        self._insert(name, pa.concat_tables(tables))

    def _insert(self, name: str, table: pa.Table) -> None:
        self.db.register("incoming", table)
        try:
            self.db.execute(f'INSERT INTO "{name}" BY NAME SELECT * FROM incoming')
        finally:
            self.db.unregister("incoming")

    def _log(self, rows: list[dict[str, object]]) -> None:
        """Upsert by (path, sha256). Content never logged before (most of a first run) needs the INSERT alone."""
        if not rows:
            return
        incoming = pa.Table.from_pylist(rows, schema=LOG_SCHEMA)
        self.db.register("incoming", incoming)
        try:
            if any(row["sha256"] in self._known_shas() for row in rows):
                self._relog()
            self.db.execute(f"INSERT INTO {LOG_TABLE} BY NAME SELECT * FROM incoming")
        finally:
            self.db.unregister("incoming")

    def _relog(self) -> None:
        """Before re-logging: drop the rows being replaced, and point the other paths of the same content
        at the new result."""
        self.db.execute(
            f"DELETE FROM {LOG_TABLE} USING incoming AS n "
            f"WHERE {LOG_TABLE}.path = n.path AND {LOG_TABLE}.sha256 IS NOT DISTINCT FROM n.sha256"
        )
        self.db.execute(
            f"UPDATE {LOG_TABLE} SET duplicate_of = n.path, status = n.status, error = n.error, "
            "kind = n.kind, pages = n.pages, forms = n.forms "
            f"FROM incoming AS n WHERE n.duplicate_of IS NULL AND n.sha256 IS NOT NULL "
            f"AND {LOG_TABLE}.sha256 = n.sha256 AND {LOG_TABLE}.path <> n.path"
        )


def log_rows(outcome: Outcome, entries: Sequence[FileEntry]) -> list[dict[str, object]]:
    """One log row per path holding the outcome's content; the path that was read is the canonical one."""
    now = datetime.now(UTC).replace(tzinfo=None)
    return [
        {
            "path": entry.path,
            "sha256": outcome.sha256,
            "size_bytes": entry.size,
            "mtime_ns": entry.mtime_ns,
            "kind": outcome.kind,
            "pages": outcome.pages,
            "forms": outcome.forms,
            "status": outcome.status,
            "error": outcome.error,
            "seconds": outcome.seconds if entry.path == outcome.path else 0.0,
            "pipeline_version": outcome.version,
            "duplicate_of": None if entry.path == outcome.path else outcome.path,
            "ingested_at": now,
        }
        for entry in entries
    ]
