#!/usr/bin/env python3
"""Family forms as real portals publish them in HTML, Excel and Word: samples/office_variants/.

samples/make_formats.py writes every seed as a clean file; real bureaus' files are messier. This writes
a selection of family specs (samples/families/*.toml, drawn through make_families' spec -> page model
step) the way portals' files come, each with the spec's own golden (manifest.toml lists them):

- HTML: a saved portal page (menus, breadcrumbs, scripts, inline styles, footer) framing the form in a
  layout table, cells holding <p>/<span>/<br>/&nbsp; and labels spaced with full-width spaces; two
  forms on one page; a form split into two <table>s (header fields, then indicators); a GB2312 page
  with its <meta charset>; Word's "Save as HTML" (mso styles, <o:p>, conditional comments, GB2312);
  Excel's "Save as web page" (<col>, x:num values, a hidden column, trailing empty cells);
- Excel: forms stacked on one sheet; one form per sheet between a 说明 sheet and an empty one; amounts
  as float cells with artefacts (387664.62000000004) shown through their number format, percentages
  as numbers with a % format, dates as serials with a date format; amounts as text with thousands
  separators; a hidden code column and a hidden row (not printed, so not read); leading empty rows
  and columns; the legacy .xls (LibreOffice);
- Word: the form's table inside a one-cell frame table; title, year and unit as paragraphs; a form
  continued in a second table after a page break; the title in a text box; several forms in one file.

    python samples/make_office_variants.py

Zip members and properties carry a fixed time, so a rerun gives the same bytes (the .xls excepted).
"""

from __future__ import annotations

import html
import io
import math
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_families as mf  # noqa: E402  (spec -> page model and golden: shared, not copied)
import make_formats as fm  # noqa: E402  (zip pinning, LibreOffice conversion, Word check boxes)
import render as rd  # noqa: E402  (the page model and its sheet writer)

OUT = rd.ROOT / "samples" / "office_variants"
FULL_SPACE = "\u3000"
Writer = Callable[[list["Form"], Path], None]


@dataclass(frozen=True)
class Form:
    stem: str
    blocks: list[rd.Block]
    golden: str  # the family golden, relative to the repository
    year: int | None  # the golden's year, printed where a variant adds a year line

    @property
    def grids(self) -> list[rd.Grid]:
        return [block for block in self.blocks if isinstance(block, rd.Grid)]


def forms_by_stem() -> dict[str, Form]:
    found = {}
    for spec in mf.load_specs():
        golden = spec.golden_path().relative_to(rd.ROOT).as_posix()
        years = [form.get("year") for form in mf.expected_forms(spec)]
        found[spec.stem] = Form(spec.stem, mf.part_of(spec).blocks, golden, years[0] if years else None)
    return found


# ---- what a value looks like in a cell -----------------------------------------------------------

AMOUNT = re.compile(r"^(0|[1-9]\d*)\.(\d+)$")
INTEGER = re.compile(r"^(0|[1-9]\d{0,11})$")
PERCENT = re.compile(r"^(0|[1-9]\d*)(?:\.(\d+))?%$")
GROUPED = re.compile(r"^[1-9]\d{0,2}(?:,\d{3})+(?:\.(\d+))?$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
CN_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
YEAR_MONTH = re.compile(r"^((?:19|20)\d{2})\.(1[0-2]|[1-9])$")


def artefact(number: Decimal) -> float:
    """The double a spreadsheet holds after arithmetic: the printed number one ulp off (387664.62000000004)."""
    value = float(number)
    return math.nextafter(value, math.inf) if number != number.to_integral_value() else value


def as_cell_value(text: str) -> tuple[object, str] | None:
    """(value, number format) that prints `text` as the spec does, for a number, percent or date."""
    if found := INTEGER.match(text):
        return int(text), "General"
    if found := AMOUNT.match(text):
        return artefact(Decimal(text)), "0." + "0" * len(found[2])
    if found := GROUPED.match(text):
        decimals = found[1] or ""
        return artefact(Decimal(text.replace(",", ""))), "#,##0" + ("." + "0" * len(decimals) if decimals else "")
    if found := PERCENT.match(text):
        decimals = found[2] or ""
        return artefact(Decimal(text[:-1]) / 100), "0" + ("." + "0" * len(decimals) if decimals else "") + "%"
    if found := ISO_DATE.match(text):
        return datetime(*map(int, found.groups())), "yyyy-mm-dd"
    if found := CN_DATE.match(text):
        return datetime(*map(int, found.groups())), 'yyyy"年"m"月"d"日"'
    return None


ACCOUNTING = '_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * "-"??_ ;_ @_ '


def as_wps_value(text: str) -> tuple[object, str] | None:
    """The number cell a Chinese WPS or Excel writes: General named G/通用格式, two-decimal amounts in
    the accounting format, other decimals padded with a trailing _ (space)."""
    number = as_cell_value(text)
    if number is None or isinstance(number[0], datetime):
        return number
    value, fmt = number
    if fmt == "General":
        return value, "G/通用格式"
    if fmt == "#,##0.00" or (fmt == "0.00" and 0 < value < 1000):  # no zero: the format prints it as -
        return value, ACCOUNTING
    return value, fmt + "_ "


def as_month(text: str) -> tuple[object, str] | None:
    """A year.month (2022.3) typed into a sheet as a date shown through the format yyyy.m."""
    found = YEAR_MONTH.match(text)
    return (datetime(int(found[1]), int(found[2]), 1), "yyyy.m") if found else None


def grouped_text(text: str) -> str:
    """An amount written as text with thousands separators, as a sheet typed by hand holds it."""
    return format(Decimal(text), ",") if AMOUNT.match(text) else text


def spaced_label(text: str) -> str:
    """A short label spread over its cell with full-width spaces (项　目　名　称), as forms print them."""
    if 2 <= len(text) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in text):
        return FULL_SPACE.join(text)
    return text


# ---- splitting a grid where no merged cell crosses -----------------------------------------------


def boundaries(grid: rd.Grid) -> list[int]:
    """Row indexes a table can be cut before without cutting a cell merged down."""
    reach = [0] * (len(grid.rows) + 1)
    for r, row in enumerate(grid.rows):
        for cell in row:
            reach[r] = max(reach[r], r + cell.rows)
    cuts, furthest = [], 0
    for r in range(1, len(grid.rows)):
        furthest = max(furthest, reach[r - 1])
        if furthest <= r:
            cuts.append(r)
    return cuts


def header_cut(grid: rd.Grid) -> int | None:
    """The cut before the indicator table: the last cut at or before the first row naming 一级指标."""
    heads = [r for r, row in enumerate(grid.rows) if any("一级指标" in cell.text for cell in row)]
    cuts = [r for r in boundaries(grid) if heads and r <= heads[0]]
    return cuts[-1] if cuts else None


def later_cut(grid: rd.Grid) -> int | None:
    """A cut two thirds down the table (where a page would end)."""
    cuts = boundaries(grid)
    return min(cuts, key=lambda r: abs(r - 2 * len(grid.rows) / 3)) if cuts else None


def split(grid: rd.Grid, at: int) -> tuple[rd.Grid, rd.Grid]:
    return replace(grid, rows=grid.rows[:at]), replace(grid, rows=grid.rows[at:], header_rows=0)


def split_form(form: Form, cut: Callable[[rd.Grid], int | None], between: Iterable[rd.Block] = ()) -> list[rd.Block]:
    """The form's blocks with its largest grid cut in two (`between` printed between the halves)."""
    largest = max(form.grids, key=lambda grid: len(grid.rows))
    at = cut(largest)
    if at is None:
        raise SystemExit(f"{form.stem}: no row to cut the table at")
    blocks: list[rd.Block] = []
    for block in form.blocks:
        if block is largest:
            first, second = split(block, at)
            blocks += [first, *between, second]
        else:
            blocks.append(block)
    return blocks


def titled_form(form: Form) -> Form:
    """The paragraphs printed before the form's first table as rows of it, merged across (as sheets and
    the pages made from them print the title, the year and the unit inside the ruled table)."""
    first = form.grids[0]
    at = form.blocks.index(first)
    paras = [block for block in form.blocks[:at] if isinstance(block, rd.Para) and block.text]
    across = [[rd.GCell(para.text, 0, len(first.widths), 1, "center")] for para in paras]
    unit = [[rd.GCell("单位：万元", 0, len(first.widths), 1, "right")]]
    rest = [block for block in form.blocks[:at] if block not in paras]
    return replace(form, blocks=[*rest, replace(first, rows=across + unit + first.rows), *form.blocks[at + 1:]])


def repeated_header(grid: rd.Grid, first: rd.Grid, second: rd.Grid) -> rd.Grid:
    """The second half of a cut table opening with the indicator header row again, as a copy of the
    header row typed on the next page (the row naming 一级指标, if the first half has it whole)."""
    heads = [row for row in first.rows if any("一级指标" in cell.text for cell in row)]
    if not heads or any(cell.rows > 1 for cell in heads[0]):
        return second
    return replace(second, rows=[heads[0], *second.rows])


def fields_above(form: Form) -> Form:
    """The table's leading label | value rows printed as paragraphs above it (项目名称：…　　主管部门：…),
    as Word forms print their header fields: the rows of single-row cells that pair up."""
    first = max(form.grids, key=lambda grid: len(grid.rows))
    count = 0
    for row in first.rows:
        if len(row) % 2 or any(cell.rows > 1 or not cell.text for cell in row):
            break
        count += 1
    pairs = [[f"{row[i].text.replace(chr(10), '')}：{row[i + 1].text}" for i in range(0, len(row), 2)]
             for row in first.rows[:count]]
    lines = [rd.Para("　　".join(pair), "line") for pair in pairs]
    blocks: list[rd.Block] = []
    for block in form.blocks:
        blocks += [*lines, replace(first, rows=first.rows[count:])] if block is first and count else [block]
    return replace(form, blocks=blocks)


# ---- HTML ----------------------------------------------------------------------------------------

PORTAL_HEAD = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<title>{title}_财政局</title>
<link rel="stylesheet" href="/css/style.css" />
<script type="text/javascript" src="/js/jquery.min.js"></script>
<script>$(function(){{ $(".nav li").hover(function(){{ $(this).addClass("on"); }}); }});</script>
<style>.xxgk td{{font-size:14px;line-height:26px}} .hide{{display:none}}</style>
</head><body>
<div class="header"><img src="/images/logo.png" alt="财政局" /><div class="search">
<input type="text" value="请输入关键字" /><input type="button" value="搜索" /></div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/czyjs/">财政预决算</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a>
 &gt; <a href="/czyjs/">财政预决算</a></td></tr>
<tr><td>
<div class="info">发布时间：2024-03-15 &nbsp; 来源：本站 &nbsp; 浏览次数：<span id="hits">1024</span>
&nbsp; 【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="hide">打印本页</div>
<div class="xxgk">
"""
PORTAL_FOOT = """</div></td></tr>
<tr>
<td class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> 【<a href="javascript:window.print()">打印本页</a>】
 【<a href="javascript:window.close()">关闭窗口</a>】</td>
</tr>
</table>
<div class="footer"><p>主办单位：县财政局 &nbsp; 地址：人民路1号 &nbsp; 邮编：410000</p>
<p>版权所有 &copy; 2024 &nbsp; 网站标识码：4300000001 &nbsp; <a href="#">网站地图</a></p></div>
<script>var _hmt = _hmt || []; (function(){{ var hm = document.createElement("script"); }})();</script>
</body></html>
"""


LANDMARK_HEAD = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>
<script src="/static/js/common.js"></script></head><body>
<header class="site-header"><h1 class="logo">县人民政府门户网站</h1><p>政府信息公开平台</p></header>
<nav><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/czyjs/">财政预决算公开</a></nav>
<div class="crumb">您当前的位置：首页 &gt; 政务公开 &gt; 财政预决算</div>
<main><article><header><h2 class="art-title">{title}</h2>
<p class="meta">发布日期：2024-03-15 信息来源：县财政局</p></header>
"""
LANDMARK_FOOT = """</article>
<aside><h3>相关文章</h3><ul><li><a href="/1">2023年项目支出绩效目标表</a> 2023-03-10</li>
<li><a href="/2">2022年度部门整体支出绩效自评表</a> 2022-05-20</li>
<li><a href="/3">项目支出绩效自评表（2022年度）</a></li>
</ul></aside></main>
<footer><p>版权所有：县人民政府办公室 主办：县财政局 ICP备案号：湘ICP备05000001号 网站标识码：4300000001</p>
<p>联系电话：0731-12345678 2024年</p></footer></body></html>
"""


def write_landmarks(forms: list[Form], path: Path) -> None:
    """An HTML5 portal page: banner, navigation, a sidebar listing other forms' titles, a footer."""
    body = html_blocks(forms[0].blocks, portal_cell)
    path.write_text(LANDMARK_HEAD.format(title=html.escape(forms[0].stem)) + body + LANDMARK_FOOT, encoding="utf-8")


def portal_cell(text: str) -> str:
    """A CMS editor's cell: each line a <p> with a styled <span>, an empty cell a &nbsp;."""
    if not text:
        return "&nbsp;"
    lines = [spaced_label(line) for line in text.split("\n")]
    return "".join(f'<p style="text-align:center;margin:0"><span style="font-size:12px;font-family:宋体">'
                   f"{fm.html_text(line)}</span></p>" for line in lines)


ODD_SPACES = ("&ensp;", "&emsp;", "&#8203;", "&#xFEFF;")


def odd_cell(text: str) -> str:
    """An editor's cell: <font> and <div> wrapping, en/em spaces, zero-width spaces and BOMs pasted in."""
    if not text:
        return "<div>&emsp;</div>"
    lines = []
    for number, line in enumerate(text.split("\n")):
        pad = ODD_SPACES[number % len(ODD_SPACES)]
        shown = fm.html_text(line[:1]) + "&#8203;" + fm.html_text(line[1:])  # pasted from a chat or Word
        lines.append(f'<div><font face="宋体" size="2">{pad}{shown}{ODD_SPACES[1]}</font></div>')
    return "".join(lines)


def write_titled_html(forms: list[Form], path: Path) -> None:
    """The title, year and unit as rows of the form's table; cells in <font>/<div> with odd spaces."""
    body = html_blocks(titled_form(forms[0]).blocks, odd_cell)
    path.write_text(portal_page(body, forms[0].stem), encoding="utf-8")


def boxed_cell(text: str) -> str:
    """A long text held in a one-cell table of its own inside the cell (as some editors box a paragraph)."""
    if len(text) < 16:
        return br_cell(text)
    return f'<table width="100%" border="0"><tr><td style="text-align:left">{br_cell(text)}</td></tr></table>'


def write_boxed(forms: list[Form], path: Path) -> None:
    body = html_blocks(forms[0].blocks, boxed_cell)
    path.write_text(portal_page(body, forms[0].stem), encoding="utf-8")


def web_form_cell(text: str) -> str:
    """A page saved from a budget system's form: figures in text boxes, long texts in text areas,
    yes/no in a drop-down list (the other choice in it too)."""
    if as_cell_value(text) is not None:
        return f'<input type="text" class="num" value="{html.escape(text)}" readonly>'
    if text in ("是", "否"):
        options = "".join(f'<option{" selected" if choice == text else ""}>{choice}</option>'
                          for choice in ("否", "是"))
        return f"<select disabled>{options}</select>"
    if len(text) > 30:
        return f'<textarea rows="4" readonly>{html.escape(text)}</textarea>'
    return br_cell(text)


def write_web_form(forms: list[Form], path: Path) -> None:
    path.write_text(portal_page(html_blocks(forms[0].blocks, web_form_cell), forms[0].stem), encoding="utf-8")


def br_cell(text: str) -> str:
    return fm.html_text(text) if text else "&nbsp;"


def html_table(grid: rd.Grid, cell: Callable[[str], str]) -> str:
    rows = []
    for row in grid.rows:
        cells = "".join(f"<td{f' colspan={c.span}' if c.span > 1 else ''}{f' rowspan={c.rows}' if c.rows > 1 else ''}"
                        f' valign="middle">{cell(c.text)}</td>' for c in row)
        rows.append(f"<tr>{cells}</tr>")
    table = '<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%"><tbody>'
    return table + "\n" + "\n".join(rows) + "\n</tbody></table>\n"


def html_blocks(blocks: Iterable[rd.Block], cell: Callable[[str], str]) -> str:
    out = []
    for block in blocks:
        if isinstance(block, rd.Grid):
            out.append(html_table(block, cell))
        elif isinstance(block, rd.Para):
            style = "text-align:center;font-size:22px;font-weight:bold" if block.kind == "title" else "text-indent:2em"
            out.append(f'<p style="{style}"><span>{fm.html_text(block.text)}</span></p>\n')
        else:
            out.append('<p style="page-break-before:always">&nbsp;</p>\n')
    return "".join(out)


def portal_page(body: str, title: str, charset: str = "utf-8") -> str:
    return PORTAL_HEAD.format(title=html.escape(title), charset=charset) + body + PORTAL_FOOT.format()


def write_portal(forms: list[Form], path: Path) -> None:
    """The form in a portal page's layout table, cells in <p><span>, labels spaced (one form or several)."""
    body = "".join(html_blocks(form.blocks, portal_cell) + "<p>&nbsp;</p>\n" for form in forms)
    path.write_text(portal_page(body, forms[0].stem), encoding="utf-8")


def write_split_tables(forms: list[Form], path: Path) -> None:
    """Header fields in one table, the indicators in another, <br> in cells."""
    body = html_blocks(split_form(forms[0], header_cut, [rd.Para("", "line")]), br_cell)
    path.write_text(portal_page(body, forms[0].stem), encoding="utf-8")


def write_gb2312(forms: list[Form], path: Path) -> None:
    """The portal page encoded as the old CMSes write it: GB2312 declared, GBK bytes, &#...; for the rest."""
    text = portal_page(html_blocks(forms[0].blocks, portal_cell), forms[0].stem, charset="gb2312")
    path.write_bytes(text.encode("gbk", errors="xmlcharrefreplace"))


def write_mislabelled(forms: list[Form], path: Path) -> None:
    """A page whose template declares GB2312 while its content was saved as UTF-8 (and the reverse for
    the second form of the pair): the declaration is wrong, the bytes are right."""
    declared, actual = ("gb2312", "utf-8") if path.stem.endswith("gb2312-utf8") else ("utf-8", "gbk")
    text = portal_page(html_blocks(forms[0].blocks, portal_cell), forms[0].stem, charset=declared)
    path.write_bytes(text.encode(actual, errors="xmlcharrefreplace"))


WORD_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15">
<title>{title}</title>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View><w:Zoom>90</w:Zoom></w:WordDocument></xml><![endif]-->
<style><!--
p.MsoNormal {{mso-style-parent:""; margin:0cm; text-align:justify; font-size:10.5pt; font-family:等线;}}
@page WordSection1 {{size:595.3pt 841.9pt; margin:72.0pt 90.0pt 72.0pt 90.0pt;}}
div.WordSection1 {{page:WordSection1;}}
--></style></head>
<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>
<div class=WordSection1>
"""
WORD_FOOT = "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>\n</div></body></html>\n"


def word_para(text: str, align: str = "left", size: str = "10.5") -> str:
    if not text:
        return "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"
    style = f"font-size:{size}pt;font-family:宋体;mso-ascii-font-family:\"Times New Roman\""
    lines = "<br>\n".join(f"<span style='{style}'>{fm.html_text(line)}</span>" for line in text.split("\n"))
    return f"<p class=MsoNormal align={align} style='text-align:{align}'>{lines}<span lang=EN-US><o:p></o:p></span></p>"


def word_table(grid: rd.Grid) -> str:
    twips = [round(w * 425) for w in grid.widths]
    rows = []
    for r, row in enumerate(grid.rows):
        cells = "".join(
            f"<td width={sum(twips[c.col:c.col + c.span])}{f' colspan={c.span}' if c.span > 1 else ''}"
            f"{f' rowspan={c.rows}' if c.rows > 1 else ''} valign=top "
            f"style='width:{sum(twips[c.col:c.col + c.span])}pt;"
            f"border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>"
            f"{word_para(c.text, 'center' if c.align == 'center' else 'left', '9.0')}</td>" for c in row)
        rows.append(f"<tr style='mso-yfti-irow:{r};height:15.6pt'>{cells}</tr>")
    widths = "".join(f"<td width={w} style='border:none'></td>" for w in twips)
    rows.append(f"<![if !supportMisalignedColumns]><tr height=0>{widths}</tr><![endif]>")
    return ("<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;"
            "border:none;mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184'>\n"
            + "\n".join(rows) + "\n</table>\n")


def write_word_html(forms: list[Form], path: Path) -> None:
    """Word's "Save as HTML" (filtered off): mso styles, <o:p>, a width row in a conditional comment."""
    body = []
    for form in forms:
        for block in form.blocks:
            if isinstance(block, rd.Grid):
                body.append(word_table(block))
            elif isinstance(block, rd.Para):
                body.append(word_para(block.text, "center" if block.kind == "title" else "left",
                                      "16.0" if block.kind == "title" else "10.5") + "\n")
    text = WORD_HEAD.format(title=html.escape(forms[0].stem)) + "".join(body) + WORD_FOOT
    path.write_bytes(text.encode("gbk", errors="xmlcharrefreplace"))


EXCEL_HEAD = """<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"
xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Excel.Sheet><meta name=Generator content="Microsoft Excel 15">
<style id="{title}_style"><!--table {{mso-displayed-decimal-separator:"\\.";mso-displayed-thousand-separator:"\\,";}}
.xl65 {{mso-style-parent:style0;font-size:10.0pt;font-family:宋体;border:.5pt solid windowtext;white-space:normal;}}
.xl66 {{mso-style-parent:style0;font-size:18.0pt;font-weight:700;text-align:center;}}
.xl67 {{mso-style-parent:style0;mso-number-format:"\\#\\,\\#\\#0\\.00";border:.5pt solid windowtext;}}
--></style>
<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>Sheet1</x:Name>
</x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]-->
</head><body link=blue vlink=purple>
<table border=0 cellpadding=0 cellspacing=0 width=900 style='border-collapse:collapse;table-layout:fixed;width:675pt'>
"""


def excel_html_cell(cell: rd.GCell) -> str:
    spans = f"{f' colspan={cell.span}' if cell.span > 1 else ''}{f' rowspan={cell.rows}' if cell.rows > 1 else ''}"
    number = as_cell_value(cell.text)
    if number and isinstance(number[0], float) and "%" not in number[1] and "#" not in number[1]:
        return f"<td class=xl67{spans} align=right x:num=\"{number[0]!r}\">{html.escape(cell.text)}</td>"
    text = html.escape(cell.text).replace("\n", "<br style='mso-data-placement:same-cell'>")
    return f"<td class=xl65{spans} style='border-left:none'>{text}</td>"


def write_excel_html(forms: list[Form], path: Path) -> None:
    """Excel's "Save as web page" of a sheet: <col> widths, a hidden code column, x:num values, a title
    row across the sheet, a trailing empty cell on each row; the grid's first column follows the hidden one."""
    form = forms[0]
    width = max(len(grid.widths) for grid in form.grids)
    cols = "<col width=0 style='display:none;mso-width-source:userset'>" + "".join(
        f"<col width={round(w * 900)}>" for w in form.grids[0].widths) + "<col width=72>"
    rows = [cols]
    code = 0
    for block in form.blocks:
        if isinstance(block, rd.Para):
            rows.append(f"<tr height=36><td style='display:none'></td><td colspan={width} height=36 class=xl66>"
                        f"{html.escape(block.text)}</td><td></td></tr>")
        elif isinstance(block, rd.Grid):
            for row in block.rows:
                code += 1
                cells = "".join(excel_html_cell(cell) for cell in row)
                rows.append(f"<tr height=19><td style='display:none'>C{code:03d}</td>{cells}<td class=xl65 "
                            "style='border:none'></td></tr>")
    text = EXCEL_HEAD.format(title=form.stem) + "\n".join(rows) + "\n</table></body></html>\n"
    path.write_text(text, encoding="utf-8")


# ---- Excel ---------------------------------------------------------------------------------------


class VariantSheet(rd.SheetWriter):
    """The sheet writer with numbers as number cells (or grouped text; or year.month as dates), written
    from a row and column offset, with or without borders."""

    def __init__(self, ws, part: rd.Part, row: int, numbers: str = "cells", first_col: int = 1,
                 borders: bool = True) -> None:
        super().__init__(ws, part)
        self.row, self.numbers, self.shift, self.borders = row, numbers, first_col - 1, borders
        for i in range(len(self.cuts) - 1, 0, -1):  # the writer sized columns 1..n: move them over
            ws.column_dimensions[self.col_letter(i + self.shift)].width = ws.column_dimensions[self.col_letter(i)].width

    def put(self, row, rows, first, last, text, align, size, ruled) -> None:
        first, last = first + self.shift, last + self.shift
        super().put(row, rows, first, last, text, align, size, ruled and self.borders)
        cell = self.ws.cell(row, first)
        if not ruled or not text:
            return
        if self.numbers == "text":
            cell.value = grouped_text(text)
        elif number := self.number(text):
            cell.value, cell.number_format = number

    def number(self, text: str) -> tuple[object, str] | None:
        if self.numbers == "wps":
            return as_wps_value(text)
        if self.numbers == "dates":
            return as_month(text) or as_cell_value(text)
        return as_cell_value(text) if self.numbers == "cells" else None


def new_book():
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    book.properties.creator, book.properties.created = "perfforms samples", datetime(2020, 1, 1)
    book.properties.modified = datetime(2020, 1, 1)
    return book


def save_book(book, path: Path) -> None:
    book.save(path)
    fm.pin_zip(path)


def part(form: Form) -> rd.Part:
    return rd.Part(form.blocks, 0, 9.0)


def write_stacked(forms: list[Form], path: Path) -> None:
    """Several forms one under another on one sheet, three empty rows between them."""
    book = new_book()
    sheet, row = book.create_sheet("绩效目标表"), 1
    for form in forms:
        writer = VariantSheet(sheet, part(form), row)
        writer.write()
        row = writer.row + 3
    save_book(book, path)


def write_sheets(forms: list[Form], path: Path) -> None:
    """A 说明 sheet of notes, a sheet per form, an empty sheet at the end (as WPS leaves Sheet3)."""
    book = new_book()
    notes = book.create_sheet("说明")
    for r, text in enumerate(("填报说明：", "1.金额单位为万元，保留两位小数。", "2.指标值应量化、可衡量。"), start=1):
        notes.cell(r, 1, text)
    for i, form in enumerate(forms, start=1):
        VariantSheet(book.create_sheet(f"项目{i}"), part(form), 1).write()
    book.create_sheet("Sheet3")
    save_book(book, path)


def write_grouped_text(forms: list[Form], path: Path) -> None:
    """Amounts typed as text with thousands separators (1,486.35), from the fourth row and column C."""
    book = new_book()
    VariantSheet(book.create_sheet("Sheet1"), part(forms[0]), 4, numbers="text", first_col=3).write()
    save_book(book, path)


def write_dates(forms: list[Form], path: Path) -> None:
    """Year.month dates (2022.3) as date cells shown through yyyy.m, amounts as float cells."""
    book = new_book()
    VariantSheet(book.create_sheet("Sheet1"), part(forms[0]), 1, numbers="dates").write()
    save_book(book, path)


def write_wps_formats(forms: list[Form], path: Path) -> None:
    """Numbers through the formats a Chinese WPS or Excel writes (G/通用格式, the accounting format)."""
    book = new_book()
    for i, form in enumerate(forms, start=1):
        VariantSheet(book.create_sheet(f"Sheet{i}"), part(form), 1, numbers="wps").write()
    save_book(book, path)


def write_plain(forms: list[Form], path: Path) -> None:
    """A sheet exported without any borders (by a system, not drawn by hand): its cells are its table."""
    book = new_book()
    VariantSheet(book.create_sheet("Sheet1"), part(forms[0]), 1, borders=False).write()
    save_book(book, path)


def write_hidden(forms: list[Form], path: Path) -> None:
    """A hidden code column before the form and a hidden row of working figures under its title."""
    book = new_book()
    sheet = book.create_sheet("Sheet1")
    writer = VariantSheet(sheet, part(forms[0]), 2, first_col=2)
    writer.write()
    sheet.column_dimensions["A"].hidden = True
    for r in range(2, writer.row):
        if sheet.cell(r, 2).value is not None or sheet.cell(r, 3).value is not None:
            sheet.cell(r, 1, f"C{r:03d}")
    sheet.cell(1, 2, "校验：合计")
    sheet.cell(1, 3, 123456.789)
    sheet.row_dimensions[1].hidden = True
    save_book(book, path)


def write_titled_sheet(forms: list[Form], path: Path) -> None:
    """The title, year and unit as bordered rows merged across the table, a sheet per form."""
    write_sheets([titled_form(form) for form in forms], path)


def write_tab_export(forms: list[Form], path: Path) -> None:
    """What budget systems export as ".xls": tab-separated text in GBK, a merged cell's text at its first
    column and the columns it covers left empty, its line breaks as spaces."""
    rows = []
    for block in forms[0].blocks:
        if isinstance(block, rd.Para):
            rows.append(block.text)
        elif isinstance(block, rd.Grid):
            for row in block.rows:
                cells = [""] * len(block.widths)
                for cell in row:
                    cells[cell.col] = cell.text.replace("\n", " ")
                rows.append("\t".join(cells))
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("gbk", errors="replace"))


def resaved(write: Writer, target: str) -> Writer:
    """A workbook writer whose workbook LibreOffice saves again, as `target` (xls: the legacy format;
    xlsx: the shared strings, styles and cached values a spreadsheet, not openpyxl, writes)."""
    def write_resaved(forms: list[Form], path: Path) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "in" / f"{path.stem}.xlsx"
            source.parent.mkdir()
            write(forms, source)
            fm.soffice_to([source], target, Path(tmp))
            path.write_bytes((Path(tmp) / f"{path.stem}.{target}").read_bytes())

    return write_resaved


# ---- Word ----------------------------------------------------------------------------------------


def spaced_grid(grid: rd.Grid) -> rd.Grid:
    """The grid with its short labels spread over their cells (the first line of each cell)."""
    def spaced(cell: rd.GCell) -> rd.GCell:
        first, *rest = cell.text.split("\n")
        return replace(cell, text="\n".join([spaced_label(first), *rest]))

    return replace(grid, rows=[[spaced(cell) for cell in row] for row in grid.rows])


def new_document():
    import docx

    document = docx.Document()
    document.core_properties.author = "perfforms samples"
    document.core_properties.created = document.core_properties.modified = datetime(2020, 1, 1)
    return document


def docx_blocks(document, blocks: Iterable[rd.Block], grid_into=None) -> None:
    for block in blocks:
        if isinstance(block, rd.Grid):
            fm.docx_grid(grid_into(document) if grid_into else document, spaced_grid(block))
        elif isinstance(block, rd.Para):
            fm.docx_text(document.add_paragraph(style="Title" if block.kind == "title" else None), block.text)
        else:
            document.add_page_break()


def save_document(document, path: Path) -> None:
    document.save(path)
    fm.pin_zip(path)


def frame_cell(document):
    """A one-cell frame table (how forms pasted from a page arrive): the grid goes into its cell."""
    frame = document.add_table(rows=1, cols=1)
    return frame.cell(0, 0)


def write_nested(forms: list[Form], path: Path) -> None:
    document = new_document()
    docx_blocks(document, forms[0].blocks, grid_into=frame_cell)
    save_document(document, path)


def write_continued(forms: list[Form], path: Path) -> None:
    """Year and unit lines under the title; the table cut in two by a page break."""
    document = new_document()
    blocks = split_form(forms[0], later_cut, [rd.NewPage()])
    title = next((i for i, b in enumerate(blocks) if isinstance(b, rd.Para) and b.kind == "title"), -1)
    printed = any(isinstance(b, rd.Para) and b.kind == "year" for b in blocks)
    year = [] if printed else [rd.Para(f"（{forms[0].year}年度）", "year")]
    blocks[title + 1:title + 1] = [*year, rd.Para("填报单位（盖章）：　　　　　　单位：万元", "line")]
    docx_blocks(document, blocks)
    save_document(document, path)


TEXT_BOX = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
 xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="1" behindDoc="0" locked="0"
 layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column">
<wp:posOffset>0</wp:posOffset>
</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
<wp:extent cx="5400000" cy="400000"/>
<wp:wrapTopAndBottom/><wp:docPr id="1" name="文本框 1"/><a:graphic><a:graphicData
 uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:spPr><a:xfrm><a:off x="0" y="0"/>
<a:ext cx="5400000" cy="400000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx>
<w:txbxContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val="36"/></w:rPr>
<w:t>{text}</w:t></w:r></w:p>
</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shape style="width:425pt;height:31pt"><v:textbox><w:txbxContent><w:p><w:r><w:t>{text}</w:t>
</w:r></w:p>
</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""


def write_repeated_header(forms: list[Form], path: Path) -> None:
    """The table cut in two by a page break, the second half opening with the indicator header again."""
    form = forms[0]
    largest = max(form.grids, key=lambda grid: len(grid.rows))
    at = later_cut(largest)
    if at is None:
        raise SystemExit(f"{form.stem}: no row to cut the table at")
    first, second = split(largest, at)
    blocks: list[rd.Block] = []
    for block in form.blocks:
        blocks += [first, rd.NewPage(), repeated_header(largest, first, second)] if block is largest else [block]
    document = new_document()
    docx_blocks(document, blocks)
    save_document(document, path)


def write_fields_above(forms: list[Form], path: Path) -> None:
    document = new_document()
    docx_blocks(document, fields_above(forms[0]).blocks)
    save_document(document, path)


def write_fields_above_html(forms: list[Form], path: Path) -> None:
    path.write_text(portal_page(html_blocks(fields_above(forms[0]).blocks, br_cell), forms[0].stem), encoding="utf-8")


OLE_OBJECT = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<w:object w:dxaOrig="9000" w:dyaOrig="12000"><v:shape id="_x0000_i1025" type="#_x0000_t75"
 style="width:450pt;height:600pt" o:ole=""><v:imagedata r:id="{image}" o:title=""/></v:shape>
<o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025" DrawAspect="Content"
 ObjectID="_1700000001" r:id="{package}"/></w:object></w:r>"""


def preview_png() -> io.BytesIO:
    """The picture Word shows for the object (a blank page here: Word draws the sheet's cells in it)."""
    from PIL import Image

    stream = io.BytesIO()
    Image.new("1", (60, 80), 1).save(stream, "PNG")
    stream.seek(0)
    return stream


def write_embedded(forms: list[Form], path: Path) -> None:
    """The form as an Excel worksheet object pasted into the Word file (its cells live in the embedded
    workbook word/embeddings/…xlsx; the page shows its picture), a title paragraph above it."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from lxml import etree

    with tempfile.TemporaryDirectory() as tmp:
        xlsx = Path(tmp) / "sheet.xlsx"
        write_stacked(forms, xlsx)
        blob = xlsx.read_bytes()
    document = new_document()
    document.add_paragraph("附件：")
    package = Part(PackURI("/word/embeddings/Microsoft_Excel_Worksheet1.xlsx"),
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", blob, document.part.package)
    image, _ = document.part.get_or_add_image(preview_png())
    ole = etree.fromstring(OLE_OBJECT.format(image=image, package=document.part.relate_to(package,
                                                                                          RELATIONSHIP_TYPE.PACKAGE)))
    document.add_paragraph()._p.append(ole)
    save_document(document, path)


def write_text_box(forms: list[Form], path: Path) -> None:
    """The title drawn in a text box anchored to an empty paragraph above the table."""
    from lxml import etree

    document = new_document()
    for block in forms[0].blocks:
        if isinstance(block, rd.Para) and block.kind == "title":
            anchor = document.add_paragraph()
            anchor._p.append(etree.fromstring(TEXT_BOX.format(text=html.escape(block.text))))
        else:
            docx_blocks(document, [block])
    save_document(document, path)


def write_several(forms: list[Form], path: Path) -> None:
    """Several forms in one file, a page break between them."""
    document = new_document()
    for i, form in enumerate(forms):
        docx_blocks(document, ([rd.NewPage()] if i else []) + form.blocks)
    save_document(document, path)


# ---- the selection and the manifest --------------------------------------------------------------

ONE = ("county_target-madeup", "mof_selfeval-real", "sichuan_selfeval-madeup", "hunan_target-madeup",
       "chongqing_target-real", "dept_selfeval-madeup")
PAIR = ("hubei_target-madeup", "shandong_target-madeup")
# variant name -> (writer, suffix, the specs it is written for, one file per spec or all in one)
VARIANTS: dict[str, tuple[Writer, str, tuple[str, ...], bool]] = {
    "portal": (write_portal, "html", ONE, False),
    "portal-two": (write_portal, "html", PAIR, True),
    "split": (write_split_tables, "html", ONE[:4], False),
    "gb2312": (write_gb2312, "html", ONE[1:3], False),
    "word-html": (write_word_html, "htm", ONE[::2], False),
    "excel-html": (write_excel_html, "htm", ONE[1::2], False),
    "stacked": (write_stacked, "xlsx", ("multi_project_target-madeup", *PAIR), True),
    "sheets": (write_sheets, "xlsx", ONE, True),
    "sheet-floats": (write_stacked, "xlsx", ONE[3:], False),
    "text-amounts": (write_grouped_text, "xlsx", ONE[:3], False),
    "hidden": (write_hidden, "xlsx", ONE[::2], False),
    "legacy": (resaved(write_sheets, "xls"), "xls", ONE[:2], True),
    "legacy-hidden": (resaved(write_hidden, "xls"), "xls", ONE[2:3], False),
    "nested": (write_nested, "docx", ONE[:3], False),
    "continued": (write_continued, "docx", ONE[2:], False),
    "text-box": (write_text_box, "docx", ONE[1:2], False),
    "several": (write_several, "docx", (*PAIR, "mof_selfeval-madeup"), True),
    "titled-html": (write_titled_html, "html", ONE, False),
    "landmarks": (write_landmarks, "html", ONE, False),
    "boxed-cells": (write_boxed, "html", ONE, False),
    "dates": (write_dates, "xlsx", ("chongqing_target-real", "chongqing_target-madeup"), False),
    "plain": (write_plain, "xlsx", ONE, False),
    "tab-export": (write_tab_export, "xls", ONE, False),
    "wps-formats": (write_wps_formats, "xlsx", ONE, True),
    "legacy-wps-formats": (resaved(write_wps_formats, "xls"), "xls", ONE[3:], True),
    "legacy-dates": (resaved(write_dates, "xls"), "xls", ("chongqing_target-madeup",), False),
    "titled-sheet": (write_titled_sheet, "xlsx", ONE, True),
    "resaved": (resaved(write_titled_sheet, "xlsx"), "xlsx", ONE[:3], True),
    "repeated-header": (write_repeated_header, "docx", ONE, False),
    "fields-above": (write_fields_above, "docx", ONE, False),
    "fields-above-html": (write_fields_above_html, "html", ONE, False),
    "embedded-sheet": (write_embedded, "docx", ONE[:3], False),
    "web-form": (write_web_form, "html", ONE, False),
    "gb2312-utf8": (write_mislabelled, "html", ONE[:2], False),
    "utf8-gbk": (write_mislabelled, "html", ONE[2:4], False),
}
MANIFEST_HEAD = """\
# Generated by samples/make_office_variants.py: do not edit (rerun it). One [[file]] per variant file:
# its variant, the family specs it prints and their goldens (forms in that order).
"""


def jobs(forms: dict[str, Form]) -> list[tuple[str, str, list[Form]]]:
    """(file name, variant, forms) for every file to write."""
    out = []
    for variant, (_, suffix, stems, together) in VARIANTS.items():
        groups = [list(stems)] if together else [[stem] for stem in stems]
        for group in groups:
            name = f"{variant}-{len(group)}forms" if together else f"{group[0]}.{variant}"
            out.append((f"{name}.{suffix}", variant, [forms[stem] for stem in group]))
    return out


def main() -> None:
    rd.rl_fonts()  # the sheet writer measures text with reportlab's metrics
    OUT.mkdir(parents=True, exist_ok=True)
    entries = []
    for name, variant, group in jobs(forms_by_stem()):
        VARIANTS[variant][0](group, OUT / name)
        entries.append("\n".join(["[[file]]", f"file = {rd.toml_value(name)}", f"variant = {rd.toml_value(variant)}",
                                  f"specs = {rd.toml_value([form.stem for form in group])}",
                                  f"goldens = {rd.toml_value([form.golden for form in group])}"]))
        print(f"{name:56} {(OUT / name).stat().st_size / 1024:7.1f} KB")
    (OUT / "manifest.toml").write_text(MANIFEST_HEAD + "\n" + "\n\n".join(entries) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
