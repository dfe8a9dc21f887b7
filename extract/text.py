"""Plain text that another tool pulled out of a PDF (.txt, .md) -> the shared Line/Cell structure.

What the seeds show other extractors do, and what is undone here:
- HTML checkboxes ``<input checked="" type="checkbox"/>`` become ☑ / ☐ (seed 003), other tags and
  entities are dropped (seed 004's ``<p>``);
- LaTeX math ``$\\geq 88\\%$`` becomes ``≥88%`` (seed 003);
- markdown pipe rows and tab-separated rows are grid lines whose fields keep their column index
  (seeds 003, 004); every other line is a flowed line split on spaces (seeds 000-002);
- blank lines (page feeds, seed 000) carry nothing and are dropped; line numbers are kept.
"""

from __future__ import annotations

import html
from pathlib import Path

import regex

from extract.errors import InputError
from models import Cell, Line, Where

_CHECKED_INPUT = regex.compile(r"<input\b(?=[^>]*\bchecked\b)[^>]*>", regex.I)
_INPUT = regex.compile(r"<input\b[^>]*>", regex.I)
_TAG = regex.compile(r"</?[a-zA-Z][^>]*>")
_LATEX_MATH = regex.compile(r"\$([^$\n]{1,200})\$")
_LATEX_SYMBOLS = {
    r"\geq": "≥", r"\ge": "≥", r"\leq": "≤", r"\le": "≤", r"\neq": "≠", r"\times": "×",
    r"\%": "%", r"\sim": "~", r"\pm": "±", r"\cdot": "·", r"\,": "", r"\ ": "",
}
_LATEX_COMMAND = regex.compile(r"\\[a-zA-Z]+|[{}]")
_MARKDOWN_RULE = regex.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def read_text_file(path: Path) -> str:
    """Decode a text file, refusing what is not text (binary junk, an empty file)."""
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path}: the file is empty.")
    if b"\x00" in data[:4096]:
        raise InputError(f"{path}: not a text file (it holds binary data).")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path}: not a text file (neither UTF-8 nor GB18030).")


def text_to_lines(text: str) -> list[Line]:
    """Every non-blank printed line as a Line, in file order."""
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if _MARKDOWN_RULE.match(raw):
            continue
        clean = _undo_markup(raw)
        if not clean.strip():
            continue
        lines.append(_to_line(clean, number))
    return lines


def _undo_markup(raw: str) -> str:
    text = _CHECKED_INPUT.sub("☑", raw)
    text = _INPUT.sub("☐", text)
    text = _TAG.sub("", text)
    text = _LATEX_MATH.sub(lambda m: _latex_to_text(m.group(1)), text)
    return html.unescape(text)


def _latex_to_text(math: str) -> str:
    for command in sorted(_LATEX_SYMBOLS, key=len, reverse=True):
        math = math.replace(command, _LATEX_SYMBOLS[command])
    return _LATEX_COMMAND.sub("", math).replace(" ", "")


def _to_line(text: str, number: int) -> Line:
    where = Where(method="text-input", line=number)
    stripped = text.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        fields = [field.strip() for field in stripped[1:-1].split("|")]
        return _grid_line(fields, where)
    if "\t" in text:
        return _grid_line([field.strip() for field in text.rstrip("\r\n").split("\t")], where)
    cells = tuple(Cell(text=token, where=where) for token in text.split())
    return Line(cells=cells, layout="flow")


def _grid_line(fields: list[str], where: Where) -> Line:
    # empty fields are kept: an empty first column is a merged cell the parser fills down
    while fields and not fields[-1]:
        fields.pop()
    cells = tuple(Cell(text=field, where=where, col=col) for col, field in enumerate(fields))
    return Line(cells=cells, layout="grid")
