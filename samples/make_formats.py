#!/usr/bin/env python3
"""Write every seed's forms as a web page, an Excel workbook and a Word file: samples/formats/.

The content and layout are make_samples.py's: the same golden forms, the same page model (paragraphs
and ruled grids with merged cells) and, for Excel, the same workbook it hands LibreOffice. Each format
is written the way such files come from the portals:

- NNN.html: a saved web page - a menu, a script, a style sheet, the forms as <table>s with
  rowspan/colspan, checkboxes as <input type="checkbox">, a footer;
- NNN.xlsx: a sheet per form with merged ranges and borders; every number is a number cell whose
  number format prints it as the seed does (81,572,666 · 70762666.00 · 100.00% · 7.6);
- NNN.docx: a table per form with gridSpan/vMerge merges, checkboxes as Wingdings 2 box symbols;
- 001.xls (LibreOffice from 001.xlsx), 001-export.xls (an HTML page named .xls, as portals export);
- bad/: a legacy .doc (LibreOffice), the same bytes as .wps, a legacy workbook as .et, a
  password-protected .xlsx (msoffcrypto-tool), a truncated .docx and .xlsx;
- ../realdev/: the realdev forms that come as .html/.xlsx/.docx/.pdf, copied as they are.

    bash samples/setup_generators.sh && pip install msoffcrypto-tool python-docx
    python samples/make_formats.py

Zip members and document properties get a fixed time, so a rerun gives the same bytes (LibreOffice's
files and the encrypted workbook, whose salt is random, excepted).
"""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_samples as ms  # noqa: E402  (the seeds' forms as page models: shared, not copied)
import render as rd  # noqa: E402  (the page model and the xlsx writer)

OUT = rd.ROOT / "samples" / "formats"
BAD = OUT / "bad"
REALDEV_IN = rd.ROOT.parent / "shared" / "realdev"
REALDEV_OUT = rd.ROOT / "samples" / "realdev"
REALDEV = ("selfeval_10_anhui_tianchang_2022", "selfeval_12_sichuan_qingshen_2023", "target_01_hunan_xiangtan_2023")
CHECKED, EMPTY = "☑", "□"  # the marks the page model prints; each format draws them its own way
ZIP_TIME = (2020, 1, 1, 0, 0, 0)

# ---- the web page --------------------------------------------------------------------------------

PAGE_HEAD = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>
<style>table{{border-collapse:collapse}} td{{border:1px solid #000;padding:2px 4px}} .hide{{display:none}}</style>
<script>var crumbs = ["首页", "财政预算", "项目支出绩效目标表"]; document.title = crumbs.join(" > ");</script>
</head><body>
<div class="top"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/czyjs">财政预决算</a>
 <a href="/tzgg">通知公告</a></div>
<nav><ul><li><a href="/">网站首页</a></li><li><a href="/list">信息公开目录</a></li>
<li><a href="/search">站内搜索</a></li></ul></nav>
<div class="hide">打印本页</div>
"""
PAGE_FOOT = """<div class="foot"><p>【打印本页】 【关闭窗口】</p><p>版权所有 © 2020 网站地图 | 联系我们</p></div>
</body></html>
"""
PARA_TAG = {"title": "h1", "cover": "h1", "caption": "h2"}


def html_text(text: str) -> str:
    """Escaped, \\n as <br>, the page model's check marks as form controls."""
    escaped = html.escape(text, quote=False).replace("\n", "<br>")
    return escaped.replace(CHECKED, '<input type="checkbox" checked>').replace(EMPTY, '<input type="checkbox">')


def html_grid(grid: rd.Grid) -> str:
    rows = []
    for row in grid.rows:
        cells = "".join(
            f"<td{f' colspan={c.span}' if c.span > 1 else ''}{f' rowspan={c.rows}' if c.rows > 1 else ''}>"
            f"{html_text(c.text)}</td>"
            for c in row
        )
        rows.append(f"<tr>{cells}</tr>")
    return "<table>\n" + "\n".join(rows) + "\n</table>\n"


def write_html(parts: list[rd.Part], path: Path, title: str) -> None:
    body = []
    for part in parts:
        for block in part.blocks:
            if isinstance(block, rd.Grid):
                body.append(html_grid(block))
            elif isinstance(block, rd.Para):
                tag = PARA_TAG.get(block.kind, "p")
                body.append(f"<{tag}>{html_text(block.text)}</{tag}>\n")
        body.append("<hr>\n")
    path.write_text(PAGE_HEAD.format(title=html.escape(title)) + "".join(body) + PAGE_FOOT, encoding="utf-8")


# ---- the Word file -------------------------------------------------------------------------------

SYMBOL = {CHECKED: "F052", EMPTY: "F0A3"}  # Wingdings 2: a ticked box, an empty box


def docx_text(paragraph, text: str) -> None:
    """Text into a paragraph, line breaks kept, check marks as the box symbols Word inserts."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for piece in re.split(f"([{CHECKED}{EMPTY}])", text):
        if piece in SYMBOL:
            sym = OxmlElement("w:sym")
            sym.set(qn("w:font"), "Wingdings 2")
            sym.set(qn("w:char"), SYMBOL[piece])
            paragraph.add_run()._r.append(sym)
        elif piece:
            paragraph.add_run(piece)


def docx_grid(document, grid: rd.Grid) -> None:
    table = document.add_table(rows=len(grid.rows), cols=len(grid.widths))
    table.style = "Table Grid"
    for r, row in enumerate(grid.rows):
        for c in row:
            cell = table.cell(r, c.col)
            if c.span > 1 or c.rows > 1:
                cell = cell.merge(table.cell(r + c.rows - 1, c.col + c.span - 1))
            docx_text(cell.paragraphs[0], c.text)


def write_docx(parts: list[rd.Part], path: Path, title: str) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title, document.core_properties.author = title, "perfforms samples"
    document.core_properties.created = document.core_properties.modified = ms_datetime()
    for index, part in enumerate(parts):
        if index:
            document.add_page_break()
        for block in part.blocks:
            if isinstance(block, rd.Grid):
                docx_grid(document, block)
            elif isinstance(block, rd.Para):
                docx_text(document.add_paragraph(style="Title" if block.kind == "title" else None), block.text)
    document.save(path)


def ms_datetime():
    from datetime import datetime

    return datetime(2020, 1, 1)


# ---- the workbook: make_samples' xlsx, with numbers as number cells ------------------------------

NUMBER_FORMATS = (  # printed text -> number format that prints it so
    (re.compile(r"^[1-9]\d{0,2}(,\d{3})+(\.(\d+))?$"), "#,##0"),
    (re.compile(r"^(0|[1-9]\d*)(\.(\d+))?%$"), "0%"),
    (re.compile(r"^(0|[1-9]\d*)(\.(\d+))$"), "0"),
)


def as_number(text: str) -> tuple[Decimal, str] | None:
    """(value, number format) for a cell printing a plain number, None for anything else."""
    if re.fullmatch(r"0|[1-9]\d{0,14}", text):
        return Decimal(text), "General"
    for pattern, base in NUMBER_FORMATS:
        found = pattern.match(text)
        if found:
            decimals = found.group(3) or ""
            value = Decimal(text.replace(",", "").rstrip("%"))
            fmt = base.replace("%", "") + ("." + "0" * len(decimals) if decimals else "") + ("%" if "%" in base else "")
            return (value / 100 if "%" in text else value), fmt
    return None


def numbers_as_numbers(path: Path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and (number := as_number(cell.value)):
                    value, fmt = number
                    cell.value = int(value) if fmt == "General" else float(value)
                    cell.number_format = fmt
    book.properties.modified = ms_datetime()
    book.save(path)


# ---- files LibreOffice and msoffcrypto make ------------------------------------------------------


def soffice_to(files: list[Path], target: str, outdir: Path) -> None:
    with tempfile.TemporaryDirectory() as home:
        command = [rd.soffice(), f"-env:UserInstallation=file://{home}/profile", "--headless",
                   "--convert-to", target, "--outdir", str(outdir), *map(str, files)]
        subprocess.run(command, env={**os.environ, "HOME": home}, capture_output=True, timeout=600, check=True)


def encrypt(xlsx: Path, target: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    with xlsx.open("rb") as plain, target.open("wb") as locked:
        OOXMLFile(plain).encrypt("perfforms", locked)


def pin_zip(path: Path) -> None:
    """Rewrite a zip with every member stamped ZIP_TIME, and the modified time openpyxl stamps on
    saving set back to the fixed one, so reruns give the same bytes."""
    with zipfile.ZipFile(path) as source:
        members = [(info.filename, source.read(info)) for info in source.infolist()]
    fixed = b"2020-01-01T00:00:00Z"
    members = [(name, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", lambda m: m[1] + fixed, data)
                if name == "docProps/core.xml" else data) for name, data in members]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members:
            target.writestr(zipfile.ZipInfo(name, ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    path.write_bytes(buffer.getvalue())


# ---- running it ----------------------------------------------------------------------------------


def seed_parts(seed: str) -> list[rd.Part]:
    job = ms.Job(f"{seed}.html", "reportlab", seed, look=ms.Look(mark=CHECKED))
    return ms.parts_of(job)[0]


def write_seed(seed: str) -> None:
    parts, title = seed_parts(seed), f"perfforms sample: seed {seed}"
    write_html(parts, OUT / f"{seed}.html", title)
    write_docx(parts, OUT / f"{seed}.docx", title)
    rd.write_xlsx(parts, OUT / f"{seed}.xlsx", title)
    numbers_as_numbers(OUT / f"{seed}.xlsx")
    for suffix in ("docx", "xlsx"):
        pin_zip(OUT / f"{seed}.{suffix}")


def write_bad() -> None:
    BAD.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        soffice_to([OUT / "001.docx"], "doc", Path(tmp))
        shutil.copy(Path(tmp) / "001.doc", BAD / "legacy.doc")
    # WPS Writer's .wps and WPS Spreadsheets' .et are the binary Word and Excel formats under other names
    shutil.copy(BAD / "legacy.doc", BAD / "legacy.wps")
    shutil.copy(OUT / "001.xls", BAD / "legacy.et")
    encrypt(OUT / "001.xlsx", BAD / "encrypted.xlsx")
    for name in ("001.docx", "001.xlsx"):
        data = (OUT / name).read_bytes()
        (BAD / f"truncated{Path(name).suffix}").write_bytes(data[: len(data) // 2])


def copy_realdev() -> None:
    REALDEV_OUT.mkdir(parents=True, exist_ok=True)
    for name in REALDEV:
        for suffix in (".html", ".xlsx", ".docx", ".pdf"):
            shutil.copy(REALDEV_IN / f"{name}{suffix}", REALDEV_OUT / f"{name}{suffix}")


def main() -> None:
    rd.rl_fonts()  # the xlsx writer measures text with reportlab's metrics
    OUT.mkdir(parents=True, exist_ok=True)
    for seed in ms.SEED_TEMPLATES:
        write_seed(seed)
    soffice_to([OUT / "001.xlsx"], "xls", OUT)
    shutil.copy(OUT / "001.html", OUT / "001-export.xls")  # an "Excel export" that is a web page
    write_bad()
    copy_realdev()
    for path in sorted(OUT.rglob("*.*")):
        print(f"{path.relative_to(rd.ROOT)}  {path.stat().st_size / 1024:.1f} KB")


if __name__ == "__main__":
    main()
