"""The page model both sample generators draw, and its two engines.

make_samples.py (the seeds' forms) and make_families.py (other provinces' templates) build Parts:
paragraphs and ruled grids with merged cells; this module renders them once per engine:

- reportlab: Table + Paragraph cells, WenQuanYi Zen Hei TrueType embedded as a subset;
- LibreOffice: openpyxl xlsx (merged cells, wrap text, borders, column widths), all converted in
  one headless soffice call, with the time stamps and ids pinned so reruns give the same bytes.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NoReturn

ROOT = Path(__file__).resolve().parent.parent
FONT_PATH = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
FONT_NAME = "WenQuanYi Zen Hei"
# reportlab falls back to DejaVu for the few glyphs wqy-zenhei lacks (☑)
FALLBACK_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
SETUP_HINT = "run `bash samples/setup_generators.sh` first"

Align = Literal["left", "center", "right"]
Engine = Literal["reportlab", "libreoffice"]




def fail(message: str) -> NoReturn:
    sys.exit(f"{Path(sys.argv[0]).stem}: {message}")


def require_generators() -> None:
    """Stop with the setup hint when a package, the fonts or LibreOffice are missing."""
    for module in ("reportlab", "openpyxl", "pypdfium2"):
        try:
            __import__(module)
        except ImportError:
            fail(f"python package {module} is missing: {SETUP_HINT}")
    rl_fonts()
    soffice()


# ---- the page model: what both engines draw ------------------------------------------------------


@dataclass(frozen=True)
class GCell:
    """One ruled cell: top-left grid position, spans, text (may hold \\n)."""

    text: str
    col: int
    span: int = 1
    rows: int = 1
    align: Align = "left"


@dataclass
class Grid:
    widths: tuple[float, ...]  # column widths as fractions of the text width
    rows: list[list[GCell]]
    header_rows: int = 0  # leading rows repeated after a page break


ParaKind = Literal["title", "year", "caption", "line", "body", "note", "right", "cover"]


@dataclass(frozen=True)
class Para:
    text: str
    kind: ParaKind


@dataclass(frozen=True)
class NewPage:
    pass


Block = Grid | Para | NewPage


@dataclass
class Part:
    """What starts on a new page: one form, or one page of a long document that is not a form."""

    blocks: list[Block]
    form: int | None = None  # golden form index
    size: float = 9.0  # body font size in points
    title: str = ""  # the form's printed title: how its first page is found in the converted PDF


# ---- engine 1: reportlab -------------------------------------------------------------------------

PAGE_W, PAGE_H = 595.2756, 841.8898  # A4 in points
MARGIN_X, MARGIN_Y = 42.5, 48.0
TEXT_W = PAGE_W - 2 * MARGIN_X
PARA_SIZE: dict[ParaKind, float] = {
    "title": 16,
    "cover": 22,
    "year": 11,
    "caption": 13,
    "line": 10.5,
    "body": 10.5,
    "note": 9,
    "right": 9,
}
PARA_ALIGN: dict[ParaKind, Align] = {
    "title": "center",
    "cover": "center",
    "year": "center",
    "caption": "center",
    "right": "right",
}
FIXED_DATE = "20000101000000"  # what reportlab's invariant mode stamps


def rl_fonts() -> Any:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if not FONT_PATH.exists() or not FALLBACK_PATH.exists():
        fail(f"font {FONT_PATH} or {FALLBACK_PATH} is missing: {SETUP_HINT}")
    if "WQY" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQY", str(FONT_PATH), subfontIndex=0))
        pdfmetrics.registerFont(TTFont("FALLBACK", str(FALLBACK_PATH)))
    return pdfmetrics.getFont("WQY").face


def rl_markup(text: str, face: Any) -> str:
    """Paragraph markup: escaped, \\n kept, glyphs wqy-zenhei lacks set in the fallback font."""
    out = []
    for ch in text:
        if ch == "\n":
            out.append("<br/>")
        elif ord(ch) not in face.charToGlyph:
            out.append(f'<font name="FALLBACK">{html.escape(ch)}</font>')
        else:
            out.append(html.escape(ch, quote=False))
    return "".join(out)


def rl_style(size: float, align: Align, kind: str = "cell") -> Any:
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    alignment = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}[align]
    if kind == "body":
        alignment = TA_JUSTIFY
    return ParagraphStyle(
        f"{kind}-{size}-{align}",
        fontName="WQY",
        fontSize=size,
        leading=size * 1.3,
        alignment=alignment,
        wordWrap="CJK",  # Chinese breaks anywhere; so do the numbers inside a CJK run
        firstLineIndent=2 * size if kind == "body" else 0,
        # a closing mark that may not start a line (。）) hangs past the line end: keep it inside the cell
        rightIndent=0.6 * size if kind == "cell" else 0,
        spaceAfter=size * 0.5 if kind != "cell" else 0,
    )


def rl_table(grid: Grid, size: float, face: Any) -> Any:
    from reportlab.platypus import Paragraph, Table, TableStyle

    data: list[list[Any]] = [["" for _ in grid.widths] for _ in grid.rows]
    cmds: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for r, row in enumerate(grid.rows):
        for c in row:
            data[r][c.col] = Paragraph(rl_markup(c.text, face), rl_style(size, c.align))
            if c.span > 1 or c.rows > 1:
                cmds.append(("SPAN", (c.col, r), (c.col + c.span - 1, r + c.rows - 1)))
    widths = [w * TEXT_W for w in grid.widths]
    return Table(data, colWidths=widths, style=TableStyle(cmds), repeatRows=grid.header_rows)


def rl_flowables(block: Block, size: float, face: Any) -> list[Any]:
    from reportlab.platypus import PageBreak, Paragraph, Spacer

    if isinstance(block, Grid):
        return [rl_table(block, size, face), Spacer(1, 6)]
    if isinstance(block, NewPage):
        return [PageBreak()]
    para_size = PARA_SIZE[block.kind]
    style = rl_style(para_size, PARA_ALIGN.get(block.kind, "left"), block.kind)
    return [Paragraph(rl_markup(block.text, face), style)]


def rl_marker(sink: list[int]) -> Any:
    from reportlab.platypus import Flowable

    class Marker(Flowable):
        """Zero-size flowable that records the page it lands on."""

        def wrap(self, *_: float) -> tuple[float, float]:
            return 0, 0

        def draw(self) -> None:
            sink.append(self.canv.getPageNumber())

    return Marker()


def rl_footer(canvas: Any, doc: Any) -> None:
    canvas.setFont("WQY", 9)
    canvas.drawCentredString(PAGE_W / 2, MARGIN_Y / 2, f"第 {doc.page} 页")


def render_reportlab(parts: list[Part], path: Path, title: str) -> list[tuple[int, int]]:
    """Build the PDF; returns each part's first and last page (1-based)."""
    from reportlab import rl_config
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    rl_config.invariant = 1  # fixed creation date and document id: reruns give the same bytes
    face = rl_fonts()
    story: list[Any] = []
    marks: list[list[int]] = []
    for i, part in enumerate(parts):
        if i:
            story.append(PageBreak())
        starts, ends = [], []
        marks += [starts, ends]
        story.append(rl_marker(starts))
        for block in part.blocks:
            story += rl_flowables(block, part.size, face)
        story.append(rl_marker(ends))
    doc = SimpleDocTemplate(
        str(path),
        pagesize=(PAGE_W, PAGE_H),
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_Y,
        bottomMargin=MARGIN_Y,
        title=title,
        author="perfforms samples",
        creator="samples/make_samples.py",
        invariant=1,
    )
    doc.build(story, onFirstPage=rl_footer, onLaterPages=rl_footer)
    return [(marks[2 * i][0], marks[2 * i + 1][0]) for i in range(len(parts))]


# ---- engine 2: openpyxl xlsx -> LibreOffice ------------------------------------------------------

PT_PER_WIDTH_UNIT = 7.0  # LibreOffice's xlsx column width unit, measured on this stack
LO_TEXT_W = 500.0  # sheet width in points; fit-to-width scales it to the page
LO_LINE = 1.28  # line height / font size for wqy-zenhei in Calc
LO_PAD_X, LO_PAD_Y = 6.0, 5.0


def text_lines(text: str, width: float, size: float) -> int:
    """Lines Calc needs for the text in a cell this wide (wrapping by character, a little pessimistic)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    avail = max(width - LO_PAD_X, size)
    lines = 0
    for piece in text.split("\n"):
        used = stringWidth(piece, "WQY", size) * 1.04
        lines += max(1, math.ceil(used / avail))
    return lines


def cell_height(text: str, width: float, size: float) -> float:
    return text_lines(text, width, size) * size * LO_LINE + LO_PAD_Y


class SheetWriter:
    """Lays one Part on a worksheet: every grid's columns mapped onto the union of their boundaries."""

    def __init__(self, ws: Any, part: Part) -> None:
        self.ws, self.part, self.row = ws, part, 1
        grids = [b for b in part.blocks if isinstance(b, Grid)]
        cuts = {0.0, 1.0} | {round(sum(g.widths[:k]), 6) for g in grids for k in range(len(g.widths))}
        self.cuts = sorted(cuts)
        for i in range(len(self.cuts) - 1):
            letter = self.col_letter(i + 1)
            ws.column_dimensions[letter].width = (self.cuts[i + 1] - self.cuts[i]) * LO_TEXT_W / PT_PER_WIDTH_UNIT

    @staticmethod
    def col_letter(index: int) -> str:
        from openpyxl.utils import get_column_letter

        return get_column_letter(index)

    def columns(self, widths: tuple[float, ...], col: int, span: int) -> tuple[int, int]:
        """1-based first and last sheet column of grid columns [col, col + span)."""
        left, right = round(sum(widths[:col]), 6), round(sum(widths[: col + span]), 6)
        return self.cuts.index(left) + 1, self.cuts.index(right)

    def put(
        self, row: int, rows: int, first: int, last: int, text: str, align: Align, size: float, ruled: bool
    ) -> None:
        from openpyxl.styles import Alignment, Border, Font, Side

        side = Side(style="thin", color="000000") if ruled else Side()
        border = Border(left=side, right=side, top=side, bottom=side)
        cell = self.ws.cell(row, first)
        if text:  # always a string: "=1" is a target value, not a formula, and "100%" stays as printed
            cell.value = text
            cell.data_type = "s"
        cell.font = Font(name=FONT_NAME, size=size)
        cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
        if ruled:  # a merged range shows the borders of all the cells under it
            for r in range(row, row + rows):
                for c in range(first, last + 1):
                    self.ws.cell(r, c).border = border
        if rows > 1 or last > first:
            self.ws.merge_cells(start_row=row, start_column=first, end_row=row + rows - 1, end_column=last)

    def para(self, para: Para) -> None:
        size = PARA_SIZE[para.kind]
        last = len(self.cuts) - 1
        self.put(self.row, 1, 1, last, para.text, PARA_ALIGN.get(para.kind, "left"), size, ruled=False)
        height = cell_height(para.text, LO_TEXT_W, size) if para.text else 8
        self.ws.row_dimensions[self.row].height = height + (6 if para.kind == "title" else 0)
        self.row += 1

    def grid(self, grid: Grid) -> None:
        heights = [0.0] * len(grid.rows)
        tall: list[tuple[int, GCell, float]] = []
        for r, row in enumerate(grid.rows):
            for c in row:
                first, last = self.columns(grid.widths, c.col, c.span)
                width = (self.cuts[last] - self.cuts[first - 1]) * LO_TEXT_W
                self.put(self.row + r, c.rows, first, last, c.text, c.align, self.part.size, ruled=True)
                need = cell_height(c.text, width, self.part.size)
                if c.rows == 1:
                    heights[r] = max(heights[r], need)
                else:
                    tall.append((r, c, need))
        for r, c, need in tall:  # a merged cell taller than its rows: share the difference
            have = sum(heights[r : r + c.rows])
            for k in range(r, r + c.rows):
                heights[k] += max(0.0, need - have) / c.rows
        for r, h in enumerate(heights):
            self.ws.row_dimensions[self.row + r].height = round(h, 1)
        if grid.header_rows:
            self.ws.print_title_rows = f"{self.row}:{self.row + grid.header_rows - 1}"
        self.row += len(grid.rows)
        self.ws.row_dimensions[self.row].height = 8
        self.row += 1

    def page_break(self) -> None:
        from openpyxl.worksheet.pagebreak import Break

        self.ws.row_breaks.append(Break(id=self.row - 1))

    def write(self) -> None:
        for block in self.part.blocks:
            if isinstance(block, Grid):
                self.grid(block)
            elif isinstance(block, Para):
                self.para(block)
            else:
                self.page_break()
        self.page_setup()

    def page_setup(self) -> None:
        from openpyxl.worksheet.page import PageMargins

        ws = self.ws
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "portrait"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages as the rows need
        ws.page_margins = PageMargins(left=0.55, right=0.55, top=0.65, bottom=0.7, header=0.3, footer=0.3)
        ws.print_options.horizontalCentered = True
        ws.oddFooter.center.text = "第 &P 页"
        ws.oddFooter.center.size = 9
        ws.oddFooter.center.font = f"{FONT_NAME},Regular"


def write_xlsx(parts: list[Part], path: Path, title: str) -> None:
    from datetime import datetime

    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for i, part in enumerate(parts):
        SheetWriter(wb.create_sheet(f"表{i + 1}"), part).write()
    stamp = datetime(2020, 1, 1)
    wb.properties.title, wb.properties.creator = title, "perfforms samples"
    wb.properties.created = wb.properties.modified = stamp
    wb.save(path)


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        fail(f"soffice (LibreOffice) not found: {SETUP_HINT}")
    return exe


def convert_all(xlsx: list[Path], outdir: Path) -> None:
    """One soffice start for every file: its start-up dominates the cost."""
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "HOME": home}
        cmd = [soffice(), f"-env:UserInstallation=file://{home}/profile", "--headless", "--convert-to", "pdf"]
        done = subprocess.run(
            [*cmd, "--outdir", str(outdir), *map(str, xlsx)], env=env, capture_output=True, text=True, timeout=600
        )
    missing = [p.name for p in xlsx if not (outdir / p.with_suffix(".pdf").name).exists()]
    if done.returncode or missing:
        fail(f"LibreOffice did not convert {missing or 'the files'}: {done.stderr.strip()[-500:]}")


def pin_metadata(pdf: bytes, name: str) -> bytes:
    """LibreOffice stamps the time, a random id and a checksum of them: overwrite each in place with
    bytes of the same length, so the xref offsets stay valid and reruns give the same file."""
    digest = hashlib.sha256(name.encode()).hexdigest().upper().encode() * 4

    def hex_runs(m: re.Match[bytes]) -> bytes:
        return m[1] + re.sub(rb"[0-9A-Fa-f]+", lambda h: digest[: len(h[0])], m[2])

    pdf = re.sub(rb"(/CreationDate\s*\(D:)\d{14}", lambda m: m[1] + FIXED_DATE.encode(), pdf)
    pdf = re.sub(rb"(/DocChecksum\s*/)([0-9A-F]+)", hex_runs, pdf)
    return re.sub(rb"(/ID\s*\[)([^\]]*)", hex_runs, pdf)


def page_texts(pdf: Path) -> list[str]:
    """Each page's text without whitespace (pdfium: fast, and it reads both engines' fonts)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [re.sub(r"\s+", "", page.get_textpage().get_text_range()) for page in doc]
    finally:
        doc.close()


def title_pages(pdf: Path, parts: list[Part]) -> list[tuple[int, int]]:
    """Each part's page range in a converted PDF: a part starts on the next page that prints its title.

    Calc draws wrapped cells in a second pass, so the title need not come first in the page's text."""
    texts = page_texts(pdf)
    firsts: list[int] = []
    for n, text in enumerate(texts, 1):
        if len(firsts) < len(parts) and parts[len(firsts)].title in text:
            firsts.append(n)
    if len(firsts) != len(parts):
        fail(f"{pdf.name}: found {len(firsts)} form title pages, expected {len(parts)}")
    return [(a, b - 1) for a, b in zip(firsts, [*firsts[1:], len(texts) + 1])]


def render_libreoffice(docs: Sequence[tuple[list[Part], Path, str]]) -> list[list[tuple[int, int]]]:
    """Every (parts, target PDF, title) through one soffice run; returns each document's part pages."""
    pages = []
    with tempfile.TemporaryDirectory() as tmp:
        xlsx = [Path(tmp) / target.with_suffix(".xlsx").name for _, target, _ in docs]
        for (parts, _, title), path in zip(docs, xlsx):
            write_xlsx(parts, path, title)
        convert_all(xlsx, Path(tmp))
        for (parts, target, _), path in zip(docs, xlsx):
            target.write_bytes(pin_metadata(path.with_suffix(".pdf").read_bytes(), target.name))
            pages.append(title_pages(target, parts))
    return pages


def pdf_pages(path: Path) -> int:
    return len(page_texts(path))


# ---- tables that are no form ------------------------------------------------------------------


def budget_grid(header: Sequence[str], rows: Iterable[Sequence[str]], widths: tuple[float, ...]) -> Grid:
    def row(texts: Sequence[str], head: bool = False) -> list[GCell]:
        return [
            GCell(t, i, align="center" if head or i == 0 else ("left" if i == 1 else "right"))
            for i, t in enumerate(texts)
        ]

    return Grid(widths, [row(header, True), *(row(r) for r in rows)], header_rows=1)


def budget_page(caption: str, header: Sequence[str], rows: Iterable[Sequence[str]], widths: tuple[float, ...]) -> Part:
    return Part([Para(caption, "caption"), Para("单位：万元", "right"), budget_grid(header, rows, widths)])




def toml_value(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return "[" + ", ".join(toml_value(v) for v in value) + "]"
