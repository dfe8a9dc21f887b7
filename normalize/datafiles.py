"""The program's own TOML data (the templates data, the vocabulary) as parsed the run before, while unchanged.

tomllib parses in Python: forms.toml (54 KB) took 6 ms of every run's start-up, the same parse each time. The
parse is kept, marshalled, beside the patterns' code (normalize.patterns.cache_folder), one file per data
file, with the SHA-1 of the bytes it was parsed from: a changed file is parsed again and its parse replaces
the one kept. With no cache folder, or a parse marshal cannot keep, the file is parsed every run as before.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
import tomllib
from pathlib import Path

from normalize.patterns import cache_folder, write_whole


def load_toml(path: Path) -> dict:
    """tomllib.load of the file."""
    data = path.read_bytes()
    digest = hashlib.sha1(data).digest()
    kept = _kept_file(path)
    if kept is not None:
        try:
            kept_digest, parsed = marshal.loads(kept.read_bytes())
            if kept_digest == digest:
                return parsed
        except (OSError, EOFError, ValueError, TypeError):
            pass
    parsed = tomllib.loads(data.decode())
    if kept is not None:
        try:
            write_whole(kept, marshal.dumps((digest, parsed)))
        except ValueError:  # a value marshal does not take (a TOML date): parsed every run
            pass
    return parsed


def _kept_file(path: Path) -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    where = hashlib.sha1(f"{path.resolve()}|{sys.version}".encode()).hexdigest()[:12]
    return folder / f"{path.stem}-{where}.toml.marshal"
