"""Patterns compiled once per machine, not once per run.

The standard library compiles a regular expression in Python, a character at a time. The patterns built
from the templates data are long (the labels a glued run is cut at are one alternation of 1,500 words:
13 ms), and a short run over a few text PDFs spent a tenth of its time compiling patterns it compiled
the same way the run before. What a compile makes, the engine's code for the pattern, depends only on
the pattern, its flags and the Python that compiled it: it is kept in a file per Python build (under
the user's cache folder, PERFFORMS_CACHE_DIR to put it elsewhere, or "" for none) and handed to the
engine as re.compile hands it (re._compiler.compile: the same Pattern). A file that cannot be read or
written, or a Python whose re works otherwise, leaves the patterns compiled as before.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import os
import re
import sys
from array import array
from pathlib import Path

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # another Python's re: compiled as before
    _sre = None
if _sre is not None and array("I").itemsize != _sre.CODESIZE:  # the code's words kept as they are in memory
    _sre = None

# the code the file holds at most (4 bytes a word; read back as bytes, made a list only for the patterns a run
# asks): a run over text PDFs uses 90,000 words, other inputs more; beyond this only the patterns of the run writing it
_MOST_CODE = 300_000
Code = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]  # _sre.compile's arguments after the pattern


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), its code taken from the file where an earlier run left it."""
    if _sre is None:
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    store = _store()
    store.used.add(key)
    if (code := store.known.get(key)) is not None:
        try:
            return _engine(pattern, code)
        except (TypeError, ValueError, RuntimeError):  # a damaged entry (the engine checks the code): compiled again
            pass
    code = store.known[key] = _code(pattern, int(flags))
    store.added = True
    return _engine(pattern, code)


def _engine(pattern: str, code: Code) -> re.Pattern[str]:
    flags, words, groups, index, names = code
    return _sre.compile(pattern, flags, array("I", words).tolist(), groups, index, names)


def _code(pattern: str, flags: int) -> Code:
    """What re._compiler.compile hands the engine for the pattern (it raises re.error as re.compile does)."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groups = parsed.state.groupdict
    names: list[str | None] = [None] * parsed.state.groups
    for name, index in groups.items():
        names[index] = name
    return flags | parsed.state.flags, array("I", code).tobytes(), parsed.state.groups - 1, dict(groups), tuple(names)


class _Store:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.known: dict[tuple[str, int], Code] = _read(path) if path else {}
        self.used: set[tuple[str, int]] = set()
        self.added = False

    def write(self) -> None:
        """The patterns known, back to the file, where this run compiled any (only those it used where
        they would hold more than _MOST_CODE)."""
        if not self.added or self.path is None:
            return
        kept = self.known
        if sum(len(code[1]) for code in kept.values()) > _MOST_CODE * _sre.CODESIZE:
            kept = {key: code for key, code in kept.items() if key in self.used}
        write_whole(self.path, marshal.dumps(kept))


_STORE: list[_Store] = []


def _store() -> _Store:
    if not _STORE:
        _STORE.append(_Store(_file()))
        atexit.register(_STORE[0].write)
    return _STORE[0]


def _file() -> Path | None:
    """The file for this Python build: the engine's code changes with the interpreter, never within one."""
    folder = cache_folder()
    build = hashlib.sha1(f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|bytes".encode()).hexdigest()[:16]
    return None if folder is None else folder / f"patterns-{build}.marshal"


def cache_folder() -> Path | None:
    """Where what a run derives from its own files is kept for the next: PERFFORMS_CACHE_DIR, or perfforms under
    the user's cache folder; None where PERFFORMS_CACHE_DIR is "" (nothing kept)."""
    folder = os.environ.get("PERFFORMS_CACHE_DIR")
    if folder is None:
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "perfforms"
    return Path(folder) if folder else None


def write_whole(path: Path, data: bytes) -> None:
    """data into the file, whole or not at all (whichever process writes last); nothing where it cannot be written."""
    import tempfile  # only where something is written

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


def _read(path: Path) -> dict[tuple[str, int], Code]:
    try:
        known = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return known if isinstance(known, dict) else {}
