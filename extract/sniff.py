"""Which structured reader a file needs, told by its bytes as much as by its name - or the one
sentence saying why none can read it.

Bureaus' portals name files loosely: an "Excel export" that is an HTML table saved as .xls, a .doc
that is a .docx, a budget system's ".xls" export that is tab- or comma-separated text. The bytes
decide: OLE2 (legacy Office/WPS, or an encrypted OOXML package), ZIP (OOXML: the content types say
Word or Excel), HTML markup, text rows with separators (read as text). The name only picks the sentence.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Literal

from extract.errors import InputError
from normalize.patterns import compiled

Kind = Literal["html", "xlsx", "xls", "docx", "text"]

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
WORD_SUFFIXES = frozenset({".docx", ".docm", ".doc", ".wps", ".rtf", ".odt"})
EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".et", ".ods"})
SUFFIXES = HTML_SUFFIXES | WORD_SUFFIXES | EXCEL_SUFFIXES
_LEGACY = {
    ".doc": "a legacy Word file (.doc); save it as .docx or PDF.",
    ".wps": "a legacy WPS Writer file (.wps); save it as .docx or PDF.",
    ".et": "a WPS Spreadsheets file (.et); save it as .xlsx or PDF.",
}
_HTML_START = compiled(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|table)\b",
                            re.I | re.S)


def structured_kind(path: Path, head: bytes) -> Kind | None:
    """The reader for this file, None when it is no web page or Office file; InputError with one
    sentence for a legacy, encrypted or damaged one."""
    suffix = path.suffix.lower()
    if head.startswith(OLE2):
        return _ole2_kind(path, suffix)
    if head.startswith(b"PK"):
        return _zip_kind(path, suffix)
    if _HTML_START.match(head) or suffix in HTML_SUFFIXES:
        return "html"
    if head.lstrip().startswith(b"{\\rtf"):
        raise InputError(f"{path}: an RTF file; save it as .docx or PDF.")
    if suffix in _LEGACY:
        raise InputError(f"{path}: {_LEGACY[suffix]}")
    if suffix in EXCEL_SUFFIXES and _separated_text(head):
        return "text"
    if suffix in WORD_SUFFIXES | EXCEL_SUFFIXES:
        raise InputError(f"{path}: {_damaged(suffix)}")
    return None


def _separated_text(head: bytes) -> bool:
    """Rows of text cells with tabs or commas between them: no control bytes but line ends and tabs
    (UTF-16 text has NULs: it is text too, when its BOM says so), and most lines rows of cells."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head[2:].replace(b"\x00", b"")
    if any(byte < 0x20 and byte not in (0x09, 0x0A, 0x0D) for byte in head):
        return False
    lines = [line for line in head.split(b"\n")[:-1] if line.strip()]  # the last may be cut off
    rows = max(sum(b"\t" in line for line in lines), sum(line.count(b",") >= 2 for line in lines))
    return rows >= 2 and 2 * rows >= len(lines)  # a title or a note line above the rows has none


def _damaged(suffix: str) -> str:
    kind = "Word" if suffix in WORD_SUFFIXES else "Excel"
    return f"not a readable {kind} file (damaged or truncated)."


def _has_stream(data: bytes, name: str) -> bool:
    """An OLE2 directory entry names its stream in UTF-16LE, NUL-terminated."""
    return name.encode("utf-16-le") + b"\x00\x00" in data


def _ole2_kind(path: Path, suffix: str) -> Kind:
    data = path.read_bytes()
    if _has_stream(data, "EncryptedPackage"):  # an OOXML file saved with a password
        what = "document" if suffix in WORD_SUFFIXES else "workbook"
        raise InputError(f"{path}: the {what} is encrypted and needs a password.")
    if suffix in (".wps", ".et"):
        raise InputError(f"{path}: {_LEGACY[suffix]}")
    if _has_stream(data, "WordDocument"):
        raise InputError(f"{path}: {_LEGACY['.doc']}")
    if _has_stream(data, "Workbook") or _has_stream(data, "Book"):
        return "xls"
    raise InputError(f"{path}: an OLE2 (legacy Office) file that holds no Word document or Excel workbook.")


def _zip_kind(path: Path, suffix: str) -> Kind | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
            mimetype = archive.read("mimetype")[:80].decode("ascii", "replace") if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, EOFError):
        if suffix in WORD_SUFFIXES | EXCEL_SUFFIXES:
            raise InputError(f"{path}: {_damaged(suffix)}") from None
        return None
    if b"wordprocessingml.document" in types:
        return "docx"
    if b"spreadsheetml.sheet" in types:
        return "xlsx"
    if mimetype.startswith("application/vnd.oasis.opendocument"):
        target = ".xlsx" if "spreadsheet" in mimetype else ".docx"
        raise InputError(f"{path}: an OpenDocument file; save it as {target} or PDF.")
    if suffix in WORD_SUFFIXES | EXCEL_SUFFIXES:
        raise InputError(f"{path}: {_damaged(suffix)}")
    return None
