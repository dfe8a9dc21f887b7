"""Word documents (.docx, with python-docx) -> lines of cells: paragraphs and tables in document order.

A table cell spanning grid columns (gridSpan) is one spanning cell; a vertically merged cell (vMerge)
is read once, in its first row - its continuation cells are not repeated. A paragraph is a flowed
line per printed line (<w:br/> breaks it). What Word shows as a box is a box: a legacy check-box
field prints ☑/☐, a Wingdings box symbol its glyph, and ☐ ☒ ■ □ typed as text stay as they are.
Deleted text (tracked changes) and the fallback copy of a text box are not printed, so not read.
An Excel worksheet pasted as an object (its page shows a picture; its cells live in the embedded
workbook) is read from that workbook, in its place: every visible sheet, as extract/excel.py reads one.
Provenance: the table ("table 2"), row and column, and the element's path in word/document.xml.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import replace
from pathlib import Path

from lxml import etree

from extract.errors import InputError
from extract.structured import SharedEdges, Slot, cell_text, flow_line, grid_lines, is_layout_table
from models import Cell, Line, Where

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_OLE_OBJECT = "{urn:schemas-microsoft-com:office:office}OLEObject"
_RELATION = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# box glyphs of the symbol fonts Word's check boxes use (Wingdings þ ¨ o x, Wingdings 2 R £ T)
_SYMBOLS = {
    ("wingdings", "F0FE"): "☑", ("wingdings", "F0A8"): "☐", ("wingdings", "F06F"): "☐", ("wingdings", "F078"): "☒",
    ("wingdings", "F0FD"): "☒", ("wingdings 2", "F052"): "☑", ("wingdings 2", "F0A3"): "☐",
    ("wingdings 2", "F054"): "☒", ("wingdings 2", "F050"): "√",
}
_SYMBOL_FONTS = frozenset(font for font, _ in _SYMBOLS)
_DAMAGED = "not a readable Word file (damaged or truncated)."


def read_docx(path: Path) -> tuple[list[Line], list[str]]:
    """The document's lines, and notes on what it holds that is read another way (embedded workbooks)."""
    import docx  # python-docx, loaded only for Word files
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, zlib.error, etree.XMLSyntaxError, KeyError, ValueError, OSError):
        raise InputError(f"{path}: {_DAMAGED}") from None
    body = document.element.body
    reader = _Reader(body.getroottree(), document.part)
    reader.lines += _page_header_lines(document)
    reader.blocks(body)
    return reader.lines, reader.notes


def _page_header_lines(document) -> list[Line]:
    """The first page's header, printed over the body (WPS puts a form's title there): its paragraphs' lines."""
    if not document.sections:
        return []
    section = document.sections[0]
    header = section.first_page_header if section.different_first_page_header_footer else section.header
    where = Where(method="text-input", element="header")
    return [line for paragraph in header.paragraphs for printed in paragraph_text(paragraph._p).split("\n")
            if (line := flow_line([(printed, where)], None))]


def _val(element, name: str, default: str | None = None) -> str | None:
    """The w:val of a child property (<w:gridSpan w:val="3"/>)."""
    found = element.find(_W + name) if element is not None else None
    return default if found is None else found.get(_W + "val", default)


def _children(element, tag: str) -> list:
    """Direct children with this tag, looking through content controls (<w:sdt>) that wrap them."""
    found = []
    for child in element:
        if child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            found += _children(content, tag) if content is not None else []
        elif child.tag == _W + tag:
            found.append(child)
    return found


def paragraph_text(element) -> str:
    """What a paragraph (or any run container) prints; <w:br/> and <w:cr/> start a new line."""
    parts = []
    for child in element:
        if child.tag == _FALLBACK or child.tag in (_W + "del", _W + "instrText", _W + "pPr", _W + "rPr"):
            continue
        if child.tag == _W + "t":  # a private-use box (WPS: U+F0FE) is read as its box with every cell's text
            parts.append(child.text or "")
        elif child.tag == _W + "tab":
            parts.append("\t")
        elif child.tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif child.tag == _W + "sym":
            parts.append(_symbol(child))
        elif child.tag == _W + "checkBox":  # a legacy form field: its state is its w:checked, else w:default
            state = _val(child, "checked") or _val(child, "default", "0")
            parts.append("☑" if state in ("1", "true", "on") else "☐")
        elif child.tag == _W + "r" and (font := _symbol_font(child)):  # R £ typed in Wingdings 2: ☑ ☐
            parts.append("".join(_SYMBOLS.get((font, _symbol_code(char)), char) for char in paragraph_text(child)))
        else:
            parts.append(paragraph_text(child))
    return "".join(parts)


def _symbol_font(run) -> str | None:
    """The symbol font a run's text is set in (its characters stand for box glyphs), if any."""
    fonts = run.find(f"{_W}rPr/{_W}rFonts")
    names = {(fonts.get(_W + key) or "").lower() for key in ("ascii", "hAnsi")} if fonts is not None else set()
    return next((name for name in names if name in _SYMBOL_FONTS), None)


def _symbol_code(char: str) -> str:
    """A symbol font's character code: F0FE for þ typed as a letter or as the private-use U+F0FE."""
    return f"{ord(char):04X}" if ord(char) >= 0xF000 else f"F0{ord(char):02X}"


def _symbol(sym) -> str:
    font, code = (sym.get(_W + "font") or "").lower(), (sym.get(_W + "char") or "").upper()
    code = code if len(code) == 4 and code.startswith("F") else "F0" + code[-2:]
    return _SYMBOLS.get((font, code), "")


def _text_of(container) -> str:
    """A table cell's text: its paragraphs a line each, a nested table a row a line."""
    lines = []
    for child in container:
        if child.tag == _W + "p":
            lines.append(paragraph_text(child))
        elif child.tag == _W + "tbl":
            lines += _table_lines(child)
        elif child.tag == _W + "sdt" and (content := child.find(_W + "sdtContent")) is not None:
            lines.append(_text_of(content))
    return "\n".join(lines)


def _table_lines(table) -> list[str]:
    """A table's text as a cell inside another prints it: a row a line."""
    return [" ".join(_text_of(tc) for tc in _children(tr, "tc")) for tr in _children(table, "tr")]


def table_slots(table) -> list[Slot]:
    """Each cell on the table's grid: gridBefore skips columns, gridSpan widens a cell, and a
    vMerge continuation lengthens the cell above it instead of being a cell of its own."""
    slots: list[Slot] = []
    above: dict[int, int] = {}  # grid column -> index of the last cell that starts there
    for r, row in enumerate(_children(table, "tr")):
        col = int(_val(row.find(_W + "trPr"), "gridBefore", "0") or 0)
        for tc in _children(row, "tc"):
            properties = tc.find(_W + "tcPr")
            span = max(int(_val(properties, "gridSpan", "1") or 1), 1)
            merge = _val(properties, "vMerge", "continue") if properties is not None and \
                properties.find(_W + "vMerge") is not None else None
            if merge == "continue" and col in above:
                first = slots[above[col]]
                slots[above[col]] = replace(first, rows=r - first.row + 1)
            else:
                above[col] = len(slots)
                slots.append(Slot(r, col, 1, span, tc))
            col += span
    return slots


def _page_free(line: Line, name: str) -> Line:
    """A line of an embedded workbook as a line of the document: no page; its sheet, row and column
    kept, the workbook's part named as its element."""
    cells = tuple(cell.model_copy(update={"where": cell.where.model_copy(update={"page": None, "element": name})})
                  for cell in line.cells)
    return line.model_copy(update={"page": None, "cells": cells})


class _Reader:
    def __init__(self, tree, part) -> None:
        self.tree, self.part = tree, part
        self.lines: list[Line] = []
        self.notes: list[str] = []
        self.tables = 0
        self.edges = SharedEdges()

    def blocks(self, container) -> None:
        for child in container:
            if child.tag == _W + "p":
                self.paragraph(child)
            elif child.tag == _W + "tbl":
                self.table(child)
            elif child.tag == _W + "sdt" and (content := child.find(_W + "sdtContent")) is not None:
                self.blocks(content)

    def paragraph(self, paragraph) -> None:
        where = Where(method="text-input", element=self.tree.getpath(paragraph))
        for printed in paragraph_text(paragraph).split("\n"):
            if line := flow_line([(printed, where)], None):
                self.lines.append(line)
        for found in paragraph.iter(_OLE_OBJECT):
            if (found.get("ProgID") or "").startswith("Excel.Sheet"):
                self.workbook(found.get(_RELATION))

    def workbook(self, relation: str | None) -> None:
        """An embedded Excel object's cells, read from its workbook (a note where it cannot be)."""
        from extract.excel import embedded_workbook

        part = self.part.related_parts.get(relation) if relation else None
        if part is None:
            self.notes.append("an Excel object whose workbook is not in the file: not read")
            return
        name = str(part.partname).lstrip("/")
        try:
            book = embedded_workbook(part.blob, name)
        except InputError as error:
            self.notes.append(f"{error}; not read")
            return
        self.lines += [_page_free(line, name) for line in book.lines]
        self.notes += [f"{name}: {note}" for note in book.notes]

    def table(self, table) -> None:
        slots = table_slots(table)
        nested = sum(len("\n".join(_table_lines(inner))) for slot in slots for inner in slot.item.iter(_W + "tbl"))
        widest = max((slot.col + slot.cols for slot in slots), default=0)
        rows = max((slot.row + slot.rows for slot in slots), default=0)
        longest = max((len(inner.findall(_W + "tr")) for slot in slots for inner in slot.item.iter(_W + "tbl")),
                      default=0)
        if is_layout_table(sum(len(_text_of(slot.item)) for slot in slots), nested, widest, (rows, longest)):
            for slot in slots:
                self.blocks(slot.item)
            return
        self.tables += 1
        self.lines += grid_lines(((slot.row, self.cell(slot)) for slot in slots), None, self.edges)

    def cell(self, slot: Slot) -> Cell:
        where = Where(method="text-input", sheet=f"table {self.tables}", row=slot.row + 1, column=slot.col + 1,
                      element=self.tree.getpath(slot.item))
        return Cell(text=cell_text(_text_of(slot.item).split("\n")), where=where, col=slot.col, span=slot.cols)
