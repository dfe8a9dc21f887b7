"""Command-line inputs (folders, globs, files) -> the files to ingest, with their size and content hash."""

from __future__ import annotations

import glob
import os
import stat as stat_module
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from extract import STRUCTURED_SUFFIXES, TEXT_SUFFIXES, file_sha256

# What a folder walk picks up: PDFs, the text the pipeline reads, page images, web pages and Office
# files (legacy ones too, so the log says why they were not read); not the goldens' JSON, not the rest.
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
SUFFIXES = frozenset({".pdf", *TEXT_SUFFIXES, *IMAGE_SUFFIXES, *STRUCTURED_SUFFIXES})
_GLOB_MAGIC = frozenset("*?[")


class InputsError(Exception):
    """An input names nothing: said before any work starts."""


@dataclass(frozen=True)
class FileEntry:
    path: str  # as given or walked, normalised: the key of the ingest log
    size: int
    mtime_ns: int
    sha256: str | None = None
    error: str | None = None  # why it could not be hashed (permissions, vanished)


@dataclass
class Inputs:
    files: list[str]  # to ingest, sorted, once each
    ignored: list[str]  # what a folder walk passed over (not a kind the pipeline reads: manifest.json), sorted


def expand(inputs: Iterable[str]) -> list[str]:
    """Every file the inputs name, sorted and once each (see walk_inputs)."""
    return walk_inputs(inputs).files


def walk_inputs(inputs: Iterable[str]) -> Inputs:
    """The files the inputs name, and the ones a folder walk passed over. Folders are walked for
    SUFFIXES (hidden files and folders left out); a file named on its own is taken whatever its
    suffix (the pipeline then says what it is)."""
    found: set[str] = set()
    ignored: set[str] = set()
    for given in inputs:
        for path, wanted in _expand_one(given):
            (found if wanted else ignored).add(path)
    return Inputs(sorted(found), sorted(ignored))


def _expand_one(given: str) -> Iterator[tuple[str, bool]]:
    if os.path.isdir(given):
        yield from _walk(given)
    elif os.path.lexists(given):
        yield os.path.normpath(given), True
    elif _GLOB_MAGIC & set(given):
        matches = glob.glob(given, recursive=True)
        if not matches:
            raise InputsError(f"{given}: no file matches.")
        for match in matches:
            yield from _walk(match) if os.path.isdir(match) else [(os.path.normpath(match), True)]
    else:
        raise InputsError(f"{given}: no such file or folder.")


def _walk(folder: str) -> Iterator[tuple[str, bool]]:
    """(path, whether to read it) for every file under folder that is not hidden."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in files:
            if not name.startswith("."):
                yield os.path.normpath(os.path.join(root, name)), Path(name).suffix.lower() in SUFFIXES


def stat(path: str) -> FileEntry:
    try:
        info = os.stat(path)
    except OSError as error:
        return FileEntry(path, 0, 0, error=_os_reason(error))
    if stat_module.S_ISDIR(info.st_mode):
        return FileEntry(path, 0, 0, error="is a directory, not a file.")
    if not stat_module.S_ISREG(info.st_mode):  # a FIFO or device would block the hashing forever
        return FileEntry(path, 0, 0, error="not a regular file (a pipe, socket or device).")
    return FileEntry(path, info.st_size, info.st_mtime_ns)


def hashed(entries: list[FileEntry], threads: int = 8) -> list[FileEntry]:
    """The entries with their sha256; threads, because hashlib releases the GIL while it reads."""
    with ThreadPoolExecutor(max_workers=threads) as executor:
        return list(executor.map(_hash, entries))


def _hash(entry: FileEntry) -> FileEntry:
    if entry.error is not None:
        return entry
    try:
        return FileEntry(entry.path, entry.size, entry.mtime_ns, sha256=file_sha256(Path(entry.path)))
    except OSError as error:
        return FileEntry(entry.path, entry.size, entry.mtime_ns, error=_os_reason(error))


def _os_reason(error: OSError) -> str:
    return f"cannot be read ({error.strerror or error})."
