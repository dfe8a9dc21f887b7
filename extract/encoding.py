"""Which encoding a text file is in: UTF-8 (with or without BOM), UTF-16 LE/BE (with or without BOM),
GB18030 (and GBK, its subset) or Big5 - told by charset-normalizer, never guessed by trying codecs in
turn (GB18030 decodes almost any bytes, so "it decoded" proves nothing).

- a BOM decides; bytes that are valid UTF-8 are UTF-8 (a stray byte sequence is never valid UTF-8 by
  chance over a whole file);
- otherwise charset-normalizer ranks every codec it knows by how garbled the decoded text reads; the
  file is ours when one of GB18030 / Big5 / UTF-16 is among the least garbled. When another codec reads
  cleaner (Shift-JIS, EUC-KR, Latin-1 text) or two of ours read equally well as different text, the
  file gets one sentence instead of a guess;
- UTF-16 without a BOM is considered only where the file holds NUL bytes: every line break and digit
  of UTF-16 text has one, and any even-length file decodes "cleanly" as UTF-16 otherwise.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from extract.errors import InputError

_BOMS = ((codecs.BOM_UTF8, "utf_8"), (codecs.BOM_UTF16_LE, "utf_16_le"), (codecs.BOM_UTF16_BE, "utf_16_be"))
_OURS = ("gb18030", "big5", "utf_16_le", "utf_16_be")
# C0 controls that never occur in text (tab, line feed, form feed, carriage return and escape do)
_CONTROLS = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # codec name as Python spells it: utf_8, utf_16_le, gb18030, big5


def decode_text(data: bytes, name: str) -> Decoded:
    """The file's text in the encoding it was written in, or one sentence saying why it cannot be had."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], encoding, name)
    try:
        text = data.decode("utf_8")
        if not _binary(data):  # NULs that decode as UTF-8 are UTF-16's ASCII halves
            return Decoded(text, "utf_8")
    except UnicodeDecodeError:
        pass
    encoding = _detected(data)
    if encoding is None:
        if _binary(data):
            raise InputError(f"{name}: not a text file (it holds binary data).")
        raise InputError(f"{name}: the text's encoding cannot be told (not UTF-8, UTF-16, GB18030 or Big5).")
    return _strict(data, encoding, name)


def _detected(data: bytes) -> str | None:
    """The one codec of ours charset-normalizer finds least garbled, if no other codec reads better."""
    from charset_normalizer import from_bytes  # loaded only for a text that is not UTF-8

    matches = list(from_bytes(data))
    candidates = [match for match in matches
                  if match.encoding in _OURS and (b"\x00" in data or not match.encoding.startswith("utf_16"))]
    if not candidates:
        return None
    best = min(candidates, key=lambda match: match.chaos)
    if any(match.chaos < best.chaos for match in matches):
        return None  # another language's codec reads cleaner: not ours to read
    rivals = [match for match in candidates if match.chaos == best.chaos and str(match) != str(best)]
    return None if rivals else best.encoding


def _strict(data: bytes, encoding: str, name: str) -> Decoded:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(f"{name}: the text's encoding cannot be told (not UTF-8, UTF-16, GB18030 or Big5).") from None
    if any(ord(char) in _CONTROLS for char in text[:4096]):
        raise InputError(f"{name}: not a text file (it holds binary data).")
    return Decoded(text, encoding)


def _binary(data: bytes) -> bool:
    return any(byte in _CONTROLS for byte in data[:4096])
