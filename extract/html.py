"""HTML (.html, .htm: a form published as a web page, menus and all) -> lines of cells.

Each data table's rows become grid lines, its rowspan/colspan cells spanning cells (extract/structured.py);
the text around tables becomes flowed lines, one per block element or <br>. What a browser does not
show is dropped (<head>, <script>, <style>, display:none); what it shows as a box is a box:
<input type=checkbox checked> -> ☑, unchecked -> ☐ (■ and □ printed as text stay as they are); a
drop-down list shows its selected choice (the first when none is), not the choices it offers.
A table whose nested tables hold most of its text only frames the page: its cells are read as
blocks, the tables inside them as tables.
"""

from __future__ import annotations

from pathlib import Path

import regex
from lxml import etree
from lxml import html as lxml_html

from extract.errors import InputError
from extract.structured import SharedEdges, cell_text, flow_line, grid_lines, is_layout_table, place
from models import Cell, Line, Where

_DROP = frozenset({
    "head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "map",
})
_BLOCKS = frozenset({
    "html", "body", "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "ul",
    "table", "thead", "tbody", "tfoot", "tr", "caption", "option",
})
_CELLS = ("td", "th")
_SPACES = regex.compile(r"[ \t\r\n\f]+")  # what HTML collapses; &nbsp; and the full-width space stay
_HIDDEN = regex.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", regex.I)
_XML_DECLARATION = regex.compile(r"^\s*<\?xml[^>]*\?>")
_META_CHARSET = regex.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", regex.I)
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}  # what pages mislabel


def read_html_file(path: Path) -> str:
    """The page's text: its BOM; else UTF-8 where the bytes are UTF-8 (a template declaring GB2312
    around content saved as UTF-8 is common, and GB18030 decodes UTF-8 bytes without an error, as
    mojibake; text in another encoding is never valid UTF-8 by chance); else the charset its <meta>
    declares; else GB18030."""
    data = path.read_bytes()
    declared = _META_CHARSET.search(data[:4096])
    encodings = ["utf-8-sig", "gb18030"]
    if declared:
        name = declared.group(1).decode("ascii").lower()
        encodings.insert(1, _WIDER.get(name, name))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings.insert(0, "utf-16")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError(f"{path}: not a readable HTML file (its text encoding is unknown).")


def html_to_lines(html_text: str) -> list[Line]:
    """Every table row and every line of loose text of an HTML page, in document order."""
    html_text = _XML_DECLARATION.sub("", html_text, count=1)
    if not html_text.strip():
        return []
    try:
        root = lxml_html.document_fromstring(html_text)
    except etree.ParserError:  # a page of comments only
        return []
    reader = _Reader(root.getroottree())
    reader.node(root)
    reader.flush()
    return reader.lines


def _tag(element: etree._Element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _hidden(element: etree._Element) -> bool:
    return element.get("hidden") is not None or bool(_HIDDEN.search(element.get("style") or "")) \
        or not _OVERLAY_CLASSES.isdisjoint((element.get("class") or "").split())


# a UI framework's overlay copies of a table's fixed columns over the table itself (Element UI's el-table__fixed):
# the table prints every cell once, the overlay again
_OVERLAY_CLASSES = frozenset({"el-table__fixed", "el-table__fixed-right"})


def _control(element: etree._Element) -> str:
    """What a form control shows: a box, checked or not, or the value typed into it."""
    kind = (element.get("type") or "text").lower()
    if kind in ("checkbox", "radio"):
        return "☑" if element.get("checked") is not None else "☐"
    return "" if kind in ("hidden", "button", "submit", "reset", "image") else element.get("value") or ""


def _selected(select: etree._Element) -> str:
    """What a drop-down list shows: its selected option, else its first."""
    options = [option for option in select.iter("option") if not _hidden(option)]
    chosen = next((option for option in options if option.get("selected") is not None), options[0] if options else None)
    return "" if chosen is None else _SPACES.sub(" ", chosen.text_content()).strip()


def _number(value: str | None, default: int) -> int:
    digits = regex.match(r"\s*(\d+)", value or "")
    return int(digits.group(1)) if digits else default


def _rows(table: etree._Element) -> list[list[etree._Element]]:
    """The table's own rows as shown (not a nested table's), header rows first and footer rows last."""
    return [[cell for cell in row if not _hidden(cell)] for row in _all_rows(table) if not _hidden(row)]


def _all_rows(table: etree._Element) -> list[etree._Element]:
    """The table's own <tr>s, hidden ones too, header rows first and footer rows last."""
    groups: dict[str, list[etree._Element]] = {"thead": [], "tbody": [], "tfoot": []}
    for child in table:
        if _tag(child) == "tr":
            groups["tbody"].append(child)
        elif _tag(child) in groups:
            groups[_tag(child)] += [row for row in child if _tag(row) == "tr"]
    return groups["thead"] + groups["tbody"] + groups["tfoot"]


def _slots(table: etree._Element) -> list:
    """The shown cells in their places. Hidden rows and cells are placed too, then dropped: a merged cell
    reaching over a hidden row or column (a sheet saved as a web page keeps them, display:none) spans it,
    and the cells after it keep their columns."""
    rows = _all_rows(table)
    hidden = {index for index, row in enumerate(rows) if _hidden(row)}
    slots = place([[(_number(c.get("rowspan"), 1), _number(c.get("colspan"), 1), c) for c in row
                    if _tag(c) in _CELLS] for row in rows])
    return [slot for slot in slots if slot.row not in hidden and not _hidden(slot.item)]


def _text(element: etree._Element) -> str:
    """An element's shown text; blocks and <br> start new lines, a nested table prints a row a line."""
    parts = [_SPACES.sub(" ", element.text or "")]
    for child in element:
        parts += [_shown(child), _SPACES.sub(" ", child.tail or "")]
    return "".join(parts)


def _shown(element: etree._Element) -> str:
    tag = _tag(element)
    if not tag or tag in _DROP or _hidden(element):
        return ""
    if tag == "br":
        return "\n"
    if tag == "input":
        return _control(element)
    if tag == "select":
        return _selected(element)
    if tag == "tr":
        return "\n" + " ".join(_text(cell) for cell in element if _tag(cell) in _CELLS) + "\n"
    return f"\n{_text(element)}\n" if tag in _BLOCKS else _text(element)


class _Reader:
    """Walks the page in document order, collecting loose text until a block ends or a table starts."""

    def __init__(self, tree: etree._ElementTree) -> None:
        self.tree = tree
        self.lines: list[Line] = []
        self.pieces: list[str] = []
        self.block: etree._Element | None = None  # where the pending text was printed
        self.tables = 0
        self.edges = SharedEdges()

    def add(self, text: str | None, where: etree._Element | None) -> None:
        if text:
            self.pieces.append(text if text == "\n" else _SPACES.sub(" ", text))
            if self.block is None and text.strip():
                self.block = where

    def flush(self) -> None:
        block, text = self.block, "".join(self.pieces)
        self.pieces, self.block = [], None
        if block is None:
            return
        where = Where(method="text-input", element=self.tree.getpath(block), line=block.sourceline)
        for printed in text.split("\n"):
            if line := flow_line([(printed, where)], None):
                self.lines.append(line)

    def node(self, element: etree._Element) -> None:
        tag, parent = _tag(element), element.getparent()
        if tag == "table" and not _hidden(element):
            self.flush()
            self.table(element)
        elif tag == "br":
            self.add("\n", parent)
        elif tag == "input":
            self.add(_control(element), parent)
        elif tag == "select":
            self.add(_selected(element), parent)
        elif tag and tag not in _DROP and not _hidden(element):
            self.block_or_inline(element, tag in _BLOCKS)
        self.add(element.tail, parent)

    def block_or_inline(self, element: etree._Element, block: bool) -> None:
        if block:
            self.flush()
        self.add(element.text, element)
        for child in element:
            self.node(child)
        if block:
            self.flush()

    def table(self, table: etree._Element) -> None:
        rows = _rows(table)
        nested = sum(len(inner.text_content()) for inner in table.iterdescendants("table"))
        longest = max((len(_rows(inner)) for inner in table.iterdescendants("table")), default=0)
        if is_layout_table(len(table.text_content()), nested, max(map(len, rows), default=0), (len(rows), longest)):
            for cell in (cell for row in rows for cell in row):
                self.block_or_inline(cell, block=True)
            return
        for caption in (child for child in table if _tag(child) == "caption"):
            self.block_or_inline(caption, block=True)
        self.tables += 1
        self.lines += grid_lines(((slot.row, self.cell(slot)) for slot in _slots(table)), None, self.edges)

    def cell(self, slot) -> Cell:
        td = slot.item
        where = Where(method="text-input", sheet=f"table {self.tables}", row=slot.row + 1, column=slot.col + 1,
                      element=self.tree.getpath(td), line=td.sourceline)
        return Cell(text=cell_text(_text(td).split("\n")), where=where, col=slot.col, span=slot.cols)
