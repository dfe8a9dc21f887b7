"""The PDF probes of samples/probes drawn with reportlab: ruled, horizontal rules only and unruled tables,
landscape, 7pt, two pages with and without the header repeated, two forms, a title on its own page, checkboxes
ticked by pen, and six made into scans (rotated, noise, a red stamp; some at 120 dpi, JPEG quality 35, faint
print or a page upside down). Every name and figure is made up.

Each form is a spec (dict) that drives both the rendered PDF and the golden JSON, so the golden says exactly
what is printed. Run: python samples/make_probe_pdfs.py [NAME ...]  (NAME a key of FORMS, all if none;
p01_js_selfeval_grid writes samples/probes/js_selfeval_grid.pdf and js_selfeval_grid.golden.json).

Fonts: reportlab's built-in CID font STSong-Light; WenQuanYi Micro Hei (WQY_MICROHEI_TTC, Debian package
fonts-wqy-microhei) for the WQY specs and the stamp's text; DejaVu Sans (DEJAVU_SANS_TTF, Debian package
fonts-dejavu-core) for the stamp's star. The pen ticks need numpy; the scans numpy, Pillow, pypdfium2 and
img2pdf.
"""
import io
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

WQY_MICROHEI_TTC = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
DEJAVU_SANS_TTF = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
pdfmetrics.registerFont(TTFont("WQY", WQY_MICROHEI_TTC, subfontIndex=0))

OUT_DIR = Path(__file__).resolve().parent / "probes"
MARGIN = 15 * mm
DEFAULT_PAD = 2  # cell top/bottom padding (pt) unless a spec sets pad

# column widths as fractions of the text width
SELFEVAL_COLUMNS = [0.07, 0.10, 0.11, 0.17, 0.10, 0.10, 0.06, 0.09, 0.20]
TARGET_PLAIN_COLUMNS = [0.10, 0.15, 0.19, 0.36, 0.20]
TARGET_SPLIT_COLUMNS = [0.12, 0.16, 0.30, 0.08, 0.14, 0.10, 0.10]

Spec = dict[str, Any]
# 一级, 二级, 三级, target, actual, weight, score, note; a blank 一级/二级 continues the one above
Indicator = tuple[str | None, ...]
Span = tuple[str, tuple[int, int], tuple[int, int]]  # a reportlab ("SPAN", (col, row), (col, row)) command
Cell = Flowable | str  # a Paragraph (a plain string becomes one) or a CheckRow
Block = tuple[list[list[Cell]], list[Span]]  # a table's rows and its SPAN commands

# ---------------------------------------------------------------- golden values

OPS = {"≥": ">=", "≤": "<=", ">": ">", "<": "<", "=": "=", "＞": ">", "＜": "<"}
SUFFIX_OPS = (("及以上", ">="), ("以上", ">="), ("以内", "<="), ("以下", "<="))
# unit -> (factor, unit) of the golden's std_value
STD_UNITS = {"%": (1, "%"), "万元": (10000, "元"), "元": (1, "元"), "天": (1440, "分钟"), "小时": (60, "分钟")}
BLANK = (None, "", "—", "/")  # what an empty cell prints


def json_number(value: Decimal) -> int | float:
    """A Decimal as the golden writes it: whole numbers as ints, so 10 does not come out as 10.0."""
    return int(value) if value == int(value) else float(value)


def qualitative(raw: str, op: str | None) -> dict[str, Any]:
    """Golden value of a cell without a number to read."""
    return {"raw": raw, "op": op, "value": None, "unit": None, "std_value": None, "std_unit": None,
            "kind": "qualitative"}


def parse_value(raw: str | None) -> dict[str, Any] | None:
    """Golden target/actual of a printed cell: operator, number and unit, and the value in a standard unit."""
    if raw in BLANK:
        return None
    if re.match(r"^\d{4}年", raw):  # a date: raw (and the 前 operator) only
        return qualitative(raw, "<=" if raw.endswith("前") else None)
    sign = re.match(r"^(≥|≤|=|＞|＜|>|<)", raw)
    op = OPS[sign.group(1)] if sign else None
    text = raw
    for suffix, suffix_op in SUFFIX_OPS:
        if text.endswith(suffix):
            op = op or suffix_op
            text = text[: -len(suffix)]
    number = re.search(r"\d+(?:\.\d+)?", text)
    if not number:
        return qualitative(raw, None)
    value = Decimal(number.group(0))
    unit = text[number.end():] or None
    std_value = std_unit = None
    if unit in STD_UNITS:
        factor, std_unit = STD_UNITS[unit]
        std_value = json_number(value * factor)
    return {"raw": raw, "op": op, "value": json_number(value), "unit": unit, "std_value": std_value,
            "std_unit": std_unit, "kind": "numeric"}


def wan_to_yuan(printed: str | None) -> int | float | None:
    """A printed 万元 figure (thousands separators allowed) in 元."""
    if printed in BLANK:
        return None
    return json_number(Decimal(printed.replace(",", "")) * 10000)


def number(printed: str | None) -> int | float | None:
    """A printed number or percentage (the % dropped)."""
    if printed in BLANK:
        return None
    return json_number(Decimal(printed.rstrip("%")))


def golden_form(f: Spec) -> dict[str, Any]:
    """The golden JSON of one form; fields the probes do not print stay null."""
    ticked = {label: chosen for label, _options, chosen in f.get("checks", [])}  # checkbox rows: what the pen chose
    g = {
        "form_type": f["form_type"], "title": f["title"], "year": f["year"],
        "page_start": f["pages"][0], "page_end": f["pages"][1],
        "unit": f.get("unit"), "department": f.get("department"), "project_name": f["project_name"],
        "project_category": ticked.get("项目类型"), "fund_use": None, "performance_type": None,
        "gov_procurement": ticked["是否政府采购"] == "是" if "是否政府采购" in ticked else None, "recurring": None,
        "start_date": f.get("start_date"), "end_date": f.get("end_date"),
        "total_budget": None, "current_budget": None, "prior_budget": None, "prior_executed": None,
        "executed": None, "execution_rate": None,
        "sections": f.get("sections") or {},
        "funds": None, "components": None, "indicators": [],
        "total_score": number(f.get("total_score")), "grade": f.get("grade"), "eval_date": None,
        "provenance": None, "_notes": f.get("notes", []),
    }
    if f["form_type"] == "target":
        g["current_budget"] = wan_to_yuan(f["money"][0][1])
    else:
        g["funds"] = [{"source": source, "initial_budget": wan_to_yuan(initial),
                       "full_year_budget": wan_to_yuan(full_year), "executed": wan_to_yuan(executed),
                       "weight": number(weight), "execution_rate": number(rate), "score": number(score)}
                      for source, initial, full_year, executed, weight, rate, score in f["funds"]]
        total_row = f["funds"][0]  # 年度资金总额 is the form's own execution
        g["executed"] = wan_to_yuan(total_row[3])
        g["execution_rate"] = number(total_row[5])
    level1 = level2 = None
    for printed1, printed2, name, target, actual, weight, score, note in f["indicators"]:
        level1 = printed1 or level1  # blank: merged with the row above
        level2 = printed2 or level2
        level1_name, level1_weight = level1, None
        weighted = re.match(r"^(.*?)[（(](\d+(?:\.\d+)?)分[)）]$", level1)  # 产出指标（50分）
        if weighted:
            level1_name, level1_weight = weighted.group(1), number(weighted.group(2))
        g["indicators"].append({
            "level1": level1_name, "level1_weight": level1_weight, "level2": level2, "name": name,
            "description": None, "target": parse_value(target), "actual": parse_value(actual),
            "weight": number(weight), "score": number(score), "note": note or None})
    return g


# ---------------------------------------------------------------- rendering

def paragraph_styles(font: str, size: float) -> dict[str, ParagraphStyle]:
    """Cell styles (left, center, right) and the title, subtitle and topline above a table."""
    base = dict(fontName=font, fontSize=size, leading=size * 1.3, wordWrap="CJK")
    return {"left": ParagraphStyle("l", alignment=TA_LEFT, **base),
            "center": ParagraphStyle("c", alignment=TA_CENTER, **base),
            "right": ParagraphStyle("r", alignment=TA_RIGHT, **base),
            "title": ParagraphStyle("t", alignment=TA_CENTER, fontName=font, fontSize=size + 8,
                                    leading=(size + 8) * 1.4),
            "subtitle": ParagraphStyle("s", alignment=TA_CENTER, fontName=font, fontSize=size + 1,
                                       leading=(size + 1) * 1.4),
            "topline": ParagraphStyle("le", alignment=TA_LEFT, fontName=font, fontSize=size + 1,
                                      leading=(size + 1) * 1.4)}


def table_style(rules: str, pad: float, spans: list[Span]) -> TableStyle:
    """Padding, spans and rules: grid rules every cell, hrules draws horizontal lines only, none draws nothing."""
    commands = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), pad), ("BOTTOMPADDING", (0, 0), (-1, -1), pad)]
    if rules == "grid":
        commands.append(("GRID", (0, 0), (-1, -1), 0.6, colors.black))
    elif rules == "hrules":
        commands += [("LINEABOVE", (0, 0), (-1, -1), 0.5, colors.black),
                     ("LINEBELOW", (0, -1), (-1, -1), 0.8, colors.black)]
    return TableStyle(commands + spans)


def para(text: str | None, style: ParagraphStyle) -> Paragraph:
    """A cell as a Paragraph, so it wraps; a newline in a spec is a line break."""
    return Paragraph((text or "").replace("\n", "<br/>"), style)


class CheckRow(Flowable):
    """Options each after a printed box, the chosen one ticked by pen: a slightly jittered √ in dark blue ink, drawn
    with lines so that only OCR can read the choice."""

    def __init__(self, options: list[str], chosen: str, font: str, size: float, seed: int) -> None:
        super().__init__()
        self.options, self.chosen, self.font, self.size, self.seed = options, chosen, font, size, seed

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        """As wide as the cell, one line high."""
        return available_width, self.size * 1.5

    def draw(self) -> None:
        """Box, (tick,) label for each option, left to right."""
        canvas, size = self.canv, self.size
        rng = np.random.default_rng(self.seed)
        x, y = 2, size * 0.25
        for option in self.options:
            canvas.setStrokeColor(colors.black)
            canvas.setLineWidth(0.7)
            canvas.rect(x, y, size * 0.95, size * 0.95)
            if option == self.chosen:
                jitter = rng.normal(0, 0.4, 6)
                canvas.setStrokeColor(colors.Color(0.08, 0.1, 0.35))
                canvas.setLineWidth(1.4)
                tick = canvas.beginPath()
                tick.moveTo(x - 1 + jitter[0], y + size * 0.55 + jitter[1])
                tick.lineTo(x + size * 0.35 + jitter[2], y + size * 0.05)
                tick.lineTo(x + size * 0.55, y + size * 0.45 + jitter[3])
                tick.lineTo(x + size * 1.25 + jitter[4], y + size * 1.35 + jitter[5])
                canvas.drawPath(tick, stroke=1, fill=0)
            canvas.setFillColor(colors.black)
            canvas.setFont(self.font, size)
            canvas.drawString(x + size * 1.3, y + size * 0.1, option)
            x += size * 1.3 + canvas.stringWidth(option, self.font, size) + size * 1.6


@dataclass
class TableRows:
    """The rows and SPAN commands of one table, added a row at a time."""

    text_style: ParagraphStyle  # for cells given as plain strings (the printed labels)
    rows: list[list[Cell]] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    def add(self, cells: list[Cell], merges: Iterable[tuple[int, int, int]] = ()) -> None:
        """Append a row; each merge (first column, last column, rows below) is a span starting on it."""
        row = len(self.rows)
        self.rows.append([para(cell, self.text_style) if isinstance(cell, str) else cell for cell in cells])
        for first_col, last_col, rows_below in merges:
            self.spans.append(("SPAN", (first_col, row), (last_col, row + rows_below)))

    def block(self) -> Block:
        """What make_table and split_rows take."""
        return self.rows, self.spans


def level_spans(indicators: list[Indicator], first_row: int, first_col: int) -> list[Span]:
    """Spans merging each 一级/二级 label down over the blank cells below it, as the templates print them."""
    spans = []
    for level in (0, 1):
        col = first_col + level
        start = None
        for i in range(len(indicators) + 1):
            if i == len(indicators) or indicators[i][level]:
                if start is not None and i - 1 > start:
                    spans.append(("SPAN", (col, first_row + start), (col, first_row + i - 1)))
                start = i
    return spans


def selfeval_tables(f: Spec, styles: dict[str, ParagraphStyle], number_align: str,
                    split_indicators: bool) -> tuple[Block, Block]:
    """National 2021 self-evaluation template, 9 columns: the head (names, funds, goals) and the indicators."""
    numbers, left = styles[number_align], styles["left"]
    head = TableRows(styles["center"])
    head.add(["项目名称", para(f["project_name"], left), "", "", "", "", "", "", ""], [(1, 8, 0)])
    head.add(["主管部门", para(f["department"], left), "", "", "实施单位", para(f["unit"], left), "", "", ""],
             [(1, 3, 0), (5, 8, 0)])
    head.add(["项目资金\n（万元）", "", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
             [(0, 0, len(f["funds"])), (1, 2, 0)])
    for source, *figures in f["funds"]:
        label = f.get("fund_labels", {}).get(source, source)
        head.add(["", para(label, left), ""] + [para(figure, numbers) for figure in figures], [(1, 2, 0)])
    head.add(["年度总体目标", "预期目标", "", "", "", "实际完成情况", "", "", ""], [(0, 0, 1), (1, 4, 0), (5, 8, 0)])
    head.add(["", para(f["sections"]["annual_goal"], left), "", "", "",
              para(f["sections"]["annual_actual"], left), "", "", ""], [(1, 4, 0), (5, 8, 0)])

    body = TableRows(styles["center"])
    body.add(["绩效指标", "一级指标", "二级指标", "三级指标", "年度\n指标值", "实际\n完成值", "分值", "得分",
              "偏差原因分析及改进措施"])
    indicators = f["indicators"]
    for level1, level2, name, target, actual, weight, score, note in indicators:
        body.add(["", para(level1, styles["center"]), para(level2, styles["center"]), para(name, left),
                  para(target, styles["center"]), para(actual, styles["center"]), para(weight, numbers),
                  para(score, numbers), para(note, left)])
    body.spans += level_spans(indicators, first_row=1, first_col=1)
    if not split_indicators:  # 绩效指标 runs down the whole table only when it is on one page
        body.spans.append(("SPAN", (0, 0), (0, len(body.rows) - 1)))
    body.add(["总分", "", "", "", "", "", "100", para(f["total_score"], numbers), para(f.get("total_note", ""), left)],
             [(0, 5, 0)])
    if f.get("grade_row"):
        body.add(["自评等级", para(f["grade"], left), "", "", "", "", "", "", ""], [(1, 8, 0)])
    return head.block(), body.block()


def target_tables(f: Spec, styles: dict[str, ParagraphStyle], columns: int,
                  split_values: bool) -> tuple[Block, Block]:
    """Target template: the head (names, money, goal) and the indicators, either plain (绩效指标 | 一级 | 二级 |
    三级 | 指标值) or with the value split into 指标性质 | 指标值 | 度量单位 | 分值 columns."""
    left, center = styles["left"], styles["center"]
    head = TableRows(center)

    def add_padded(cells: list[Cell], merges: list[tuple[int, int, int]]) -> None:
        """Head rows name their first cells only; the rest of the row is blank."""
        head.add((cells + [""] * columns)[:columns], merges)

    add_padded(["项目名称", para(f["project_name"], left)], [(1, columns - 1, 0)])
    half = columns // 2
    add_padded(["主管部门", para(f["department"], left)] + [""] * (half - 2) + ["实施单位", para(f["unit"], left)],
               [(1, half - 1, 0), (half + 1, columns - 1, 0)])
    for seed, (label, options, chosen) in enumerate(f.get("checks", [])):
        add_padded([label, CheckRow(options, chosen, f["font"], f["size"], seed)], [(1, columns - 1, 0)])
    money = f["money"]
    for i, (label, amount) in enumerate(money):
        merges = [(1, 2, 0), (3, columns - 1, 0)] + ([(0, 0, len(money) - 1)] if i == 0 else [])
        money_label = "项目资金\n（万元）" if i == 0 else ""
        add_padded([money_label, para(label, left), "", para(amount, styles["right"])], merges)
    add_padded(["年度\n绩效目标", para(f["sections"]["annual_goal"], left)], [(1, columns - 1, 0)])

    body = TableRows(center)
    if split_values:
        body.add(["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "分值"])
    else:
        body.add(["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"] + [""] * (columns - 5))
    indicators = f["indicators"]
    for level1, level2, name, target, _actual, weight, _score, _note in indicators:
        if split_values:
            nature, value, unit = f["split"][name]
            body.add([para(level1, center), para(level2, center), para(name, left), nature, para(value, center),
                      unit, para(weight, styles["right"])])
        else:
            body.add(["", para(level1, center), para(level2, center), para(name, left), para(target, center)]
                     + [""] * (columns - 5))
    body.spans += level_spans(indicators, first_row=1, first_col=0 if split_values else 1)
    if not split_values and f["pages"][0] == f["pages"][1]:  # 绩效指标 spans the table only on one page
        body.spans.append(("SPAN", (0, 0), (0, len(body.rows) - 1)))
    return head.block(), body.block()


def make_table(block: Block, widths: list[float], rules: str, pad: float, repeat_rows: int = 0) -> Table:
    """A reportlab Table of a block; repeat_rows > 0 lets reportlab repeat the header on a page it breaks to."""
    rows, spans = block
    table = Table(rows, colWidths=widths, repeatRows=repeat_rows)
    table.setStyle(table_style(rules, pad, spans))
    return table


def title_block(f: Spec, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Title, optional subtitle (the year) and topline (填报单位) above a form's table."""
    out = [para(f["title"], styles["title"])]
    if f.get("subtitle"):
        out.append(para(f["subtitle"], styles["subtitle"]))
    if f.get("topline"):
        out.append(para(f["topline"], styles["topline"]))
    out.append(Spacer(1, 3 * mm))
    return out


# ---------------------------------------------------------------- the forms

# A spec's keys beyond the golden's own fields: layout (selfeval | target_plain | target_split | two_targets),
# rules (grid | hrules | none), font, size (pt), pagesize; optional numalign (left | center | right, for the score
# columns), pad (cell padding, pt), break_at (indicator rows on page 1, the rest forced onto page 2), repeat (the
# indicator header printed again on page 2), cover (+ cover_lines), column_fractions, scan (scanify's arguments),
# fund_labels (printed label of a fund source), split (a target_split row's 指标性质/指标值/度量单位 cells),
# checks (a target's checkbox rows under 主管部门: label, options, the one ticked) and unit_golden (the unit the
# golden expects when the page prints two).
FORMS: dict[str, Spec] = {}

# 1. 江苏 self-evaluation, fully ruled, portrait, wrapped cells, merged 一级/二级
FORMS["p01_js_selfeval_grid"] = dict(
    layout="selfeval", rules="grid", font="STSong-Light", size=9, pagesize=A4,
    form_type="self_eval", title="项目支出绩效自评表", subtitle="（2023年度）", year=2023, pages=(1, 1),
    project_name="滨溪镇农村生活污水处理设施运维补助", department="盐河市滨溪区住房和城乡建设局",
    unit="盐河市滨溪区滨溪镇人民政府",
    funds=[("年度资金总额", "186.40", "192.75", "181.60", "10", "94.22%", "9.4"),
           ("当年财政拨款", "186.40", "186.40", "175.25", "—", "94.02%", "—"),
           ("上年结转资金", "0.00", "6.35", "6.35", "—", "100.00%", "—"),
           ("其他资金", "", "", "", "—", "", "—")],
    fund_labels={"当年财政拨款": "其中：当年财政拨款"},
    sections={"annual_goal": "完成全镇42座农村生活污水处理终端的日常运维，终端正常运行率不低于90%，"
                             "出水水质达标率不低于85%，受益农户满意度不低于90%。",
              "annual_actual": "全年完成42座终端日常运维和3座终端设备更换，终端正常运行率93.6%，"
                               "出水水质达标率88.1%，受益农户满意度94%。"},
    indicators=[
        ("产出指标", "数量指标", "运维污水处理终端数量", "42座", "42座", "10", "10", ""),
        ("", "", "更换故障设备终端数量", "≥3座", "3座", "10", "10", ""),
        ("", "质量指标", "终端正常运行率", "≥90%", "93.6%", "10", "10", ""),
        ("", "", "出水水质达标率", "≥85%", "88.1%", "10", "10", ""),
        ("", "时效指标", "故障终端修复时限", "≤7天", "6天", "10", "10", ""),
        ("", "成本指标", "单座终端年均运维费用", "≤4.6万元", "4.32万元", "10", "10", ""),
        ("效益指标", "生态效益指标", "化学需氧量（COD）年削减量", "≥95吨", "91.4吨", "15", "12.5",
         "部分终端进水浓度偏低，削减量未达预期；下年度将对低浓度终端开展管网排查，提升收集率。"),
        ("", "可持续影响指标", "运维长效管护机制", "健全", "健全", "5", "5", ""),
        ("满意度指标", "服务对象满意度指标", "受益农户满意度", "≥90%", "94%", "10", "10", ""),
    ],
    total_score="96.9", grade=None,
    notes=["Fully ruled table, 一级/二级 merged over rows, long 偏差 cell wraps over several lines.",
           "Funds in 万元 -> 元. '其中：当年财政拨款' printed; source kept as '当年财政拨款'. 其他资金 row empty.",
           "executed / execution_rate of the form = the 年度资金总额 row."],
)

# 2. 浙江 target, landscape, only horizontal rules, 指标性质 | 指标值 | 度量单位 | 分值 columns
FORMS["p02_zj_target_hrules_landscape"] = dict(
    layout="target_split", rules="hrules", font="WQY", size=9, pagesize=landscape(A4),
    form_type="target", title="2024年度项目支出绩效目标表", year=2024, pages=(1, 1),
    topline="填报单位（盖章）：临江县文化和广电旅游体育局",
    project_name="临江县公共文化场馆免费开放补助", department="临江县文化和广电旅游体育局",
    unit="临江县文化馆", unit_golden="临江县文化和广电旅游体育局",
    money=[("年度资金总额", "78.50"), ("其中：财政拨款", "78.50"), ("其他资金", "0.00")],
    sections={"annual_goal": "保障县文化馆、图书馆及12个乡镇综合文化站全年免费开放，"
                             "开展公益性培训和群众文化活动不少于240场次，群众满意度达到90%以上。"},
    indicators=[
        ("产出指标", "数量指标", "免费开放场馆数量", "≥13个", None, "10", None, None),
        ("", "", "公益性培训及群众文化活动场次", "≥240场次", None, "15", None, None),
        ("", "质量指标", "场馆每周开放时长", "≥56小时", None, "10", None, None),
        ("", "时效指标", "补助资金拨付及时率", "=100%", None, "10", None, None),
        ("", "成本指标", "单个乡镇综合文化站补助标准", "≤3.5万元", None, "5", None, None),
        ("效益指标", "社会效益指标", "年度到馆服务人次", "≥18万人次", None, "20", None, None),
        ("", "可持续影响指标", "基层文化阵地作用发挥", "持续发挥", None, "10", None, None),
        ("满意度指标", "服务对象满意度指标", "参与群众满意度", "≥90%", None, "10", None, None),
    ],
    split={"免费开放场馆数量": ("≥", "13", "个"), "公益性培训及群众文化活动场次": ("≥", "240", "场次"),
           "场馆每周开放时长": ("≥", "56", "小时"), "补助资金拨付及时率": ("=", "100", "%"),
           "单个乡镇综合文化站补助标准": ("≤", "3.5", "万元"), "年度到馆服务人次": ("≥", "18", "万人次"),
           "基层文化阵地作用发挥": ("定性", "持续发挥", ""), "参与群众满意度": ("≥", "90", "%")},
    notes=["Landscape page, only horizontal rules. "
           "Indicator columns 一级|二级|三级|指标性质|指标值|度量单位|分值: "
           "raw composed as realdev 青神 does (≥+13+个 -> ≥13个); 定性 row's raw is the 指标值 alone.",
           "unit: 填报单位（盖章） above the table is 临江县文化和广电旅游体育局 and "
           "the 实施单位 row says 临江县文化馆; "
           "per probes NOTES the 填报单位 wins -> unit = 临江县文化和广电旅游体育局.",
           "current_budget = 年度资金总额 78.50万元. 分值 -> weight."],
)

# 3. 河南 self-evaluation, NO rules at all
FORMS["p03_ha_selfeval_norules"] = dict(
    layout="selfeval", rules="none", font="STSong-Light", size=8.5, pagesize=A4,
    form_type="self_eval", title="项目支出绩效自评表", subtitle="（2022年度）", year=2022, pages=(1, 1),
    project_name="卫源县中小学校舍维修改造项目", department="卫源县教育局", unit="卫源县教育局基建股",
    funds=[("年度资金总额", "420.00", "420.00", "401.16", "10", "95.51%", "9.55"),
           ("当年财政拨款", "300.00", "300.00", "281.16", "—", "93.72%", "—"),
           ("上年结转资金", "120.00", "120.00", "120.00", "—", "100.00%", "—"),
           ("其他资金", "0.00", "0.00", "0.00", "—", "—", "—")],
    fund_labels={"当年财政拨款": "其中：当年财政拨款"},
    sections={"annual_goal": "完成9所农村中小学校舍屋面防水、门窗更换及厕所改造，消除校舍安全隐患。",
              "annual_actual": "9所学校维修改造全部完工并通过验收，受益学生约4300人。"},
    indicators=[
        ("产出指标", "数量指标", "维修改造学校数量", "9所", "9所", "15", "15", ""),
        ("", "质量指标", "工程验收合格率", "100%", "100%", "15", "15", ""),
        ("", "时效指标", "开学前完工率", "≥95%", "88.9%", "10", "8", "1所学校因雨季延误完工"),
        ("", "成本指标", "维修改造成本控制", "≤420万元", "401.16万元", "10", "10", ""),
        ("效益指标", "社会效益指标", "受益学生人数", "≥4000人", "4300人", "15", "15", ""),
        ("", "可持续影响指标", "校舍安全使用年限延长", "≥10年", "10年", "15", "15", ""),
        ("满意度指标", "服务对象满意度指标", "师生满意度", "≥90%", "95%", "10", "10", ""),
    ],
    total_score="97.55",
    notes=["No rules at all: cells placed by position only.",
           "其他资金 row 0.00 0.00 0.00 with rate '—' -> rate null."],
)

# 4. 广东 target, long indicator table over two pages, header repeated
FORMS["p04_gd_target_twopage_repeat"] = dict(
    layout="target_plain", rules="grid", font="STSong-Light", size=11, pagesize=A4, repeat=True, pad=6, break_at=16,
    form_type="target", title="项目支出绩效目标申报表", subtitle="（2025年度）", year=2025, pages=(1, 2),
    project_name="海宁市城区公共自行车系统运营维护", department="海宁市交通运输局", unit="海宁市公共交通服务中心",
    money=[("年度资金总额", "265.00"), ("其中：财政拨款", "265.00"), ("其他资金", "0.00")],
    sections={"annual_goal": "保障城区186个公共自行车站点、4500辆公共自行车全年正常运营，"
                             "车辆完好率不低于95%，站点故障24小时内修复，"
                             "日均骑行量不低于1.2万人次，市民满意度不低于88%。"},
    indicators=[
        ("产出指标", "数量指标", "运营公共自行车站点数量", "≥186个", None, None, None, None),
        ("", "", "投放公共自行车数量", "≥4500辆", None, None, None, None),
        ("", "", "新增及迁移站点数量", "≥6个", None, None, None, None),
        ("", "", "年度车辆调度次数", "≥9000次", None, None, None, None),
        ("", "", "锁止器及桩体更换数量", "≥300个", None, None, None, None),
        ("", "质量指标", "车辆完好率", "≥95%", None, None, None, None),
        ("", "", "站点设施完好率", "≥96%", None, None, None, None),
        ("", "", "系统平台在线率", "≥99%", None, None, None, None),
        ("", "", "车辆清洁消毒覆盖率", "100%", None, None, None, None),
        ("", "时效指标", "站点故障修复时间", "≤24小时", None, None, None, None),
        ("", "", "用户投诉处理时限", "≤3天", None, None, None, None),
        ("", "", "高峰时段车辆调度响应时间", "≤30分钟", None, None, None, None),
        ("", "成本指标", "单车年均运维成本", "≤560元", None, None, None, None),
        ("", "", "站点年均维护成本", "≤0.8万元", None, None, None, None),
        ("效益指标", "社会效益指标", "日均骑行量", "≥1.2万人次", None, None, None, None),
        ("", "", "公共交通出行“最后一公里”衔接", "明显改善", None, None, None, None),
        ("", "", "年度安全责任事故", "0起", None, None, None, None),
        ("", "生态效益指标", "年度减少机动车碳排放量", "≥1800吨", None, None, None, None),
        ("", "", "绿色出行分担率提升", "≥0.5个百分点", None, None, None, None),
        ("", "可持续影响指标", "运营维护长效机制", "健全", None, None, None, None),
        ("", "", "系统设施使用年限", "≥8年", None, None, None, None),
        ("满意度指标", "服务对象满意度指标", "市民满意度", "≥88%", None, None, None, None),
        ("", "", "骑行用户投诉率", "≤0.5%", None, None, None, None),
    ],
    notes=["Indicator table runs from page 1 onto page 2; "
           "the header row 绩效指标|一级指标|二级指标|三级指标|指标值 is repeated at the top of page 2. "
           "The page breaks inside the 效益指标/社会效益指标 spans: "
           "page 2 starts with 年度安全责任事故 under blank 一级/二级 cells (labels printed on page 1 only) "
           "-> filled down across the page.",
           "'0起' numeric 0 起; '≥0.5个百分点' unit 个百分点 (per probes NOTES)."],
)

# 5. 陕西 self-evaluation over two pages, header NOT repeated, wrapped names, right-aligned numbers
FORMS["p05_sn_selfeval_twopage_norepeat"] = dict(
    layout="selfeval", rules="grid", font="WQY", size=10, pagesize=A4, repeat=False, numalign="right",
    pad=4, break_at=8,
    form_type="self_eval", title="项目支出绩效自评表", subtitle="（2023年度）", year=2023, pages=(1, 2),
    project_name="秦川区高标准农田建设后期管护及灌溉设施维修项目", department="宝岭市秦川区农业农村局",
    unit="宝岭市秦川区农田建设管理服务站",
    funds=[("年度资金总额", "1,250.00", "1,318.60", "1,207.35", "10", "91.56%", "9.16"),
           ("当年财政拨款", "1,250.00", "1,250.00", "1,138.75", "—", "91.10%", "—"),
           ("上年结转资金", "0.00", "68.60", "68.60", "—", "100.00%", "—"),
           ("其他资金", "0.00", "0.00", "0.00", "—", "—", "—")],
    fund_labels={"当年财政拨款": "其中：当年财政拨款"},
    sections={"annual_goal": "对2019—2022年建成的3.6万亩高标准农田开展后期管护，"
                             "维修渠道、机井、泵站等灌溉设施，确保设施完好率不低于90%，"
                             "农田灌溉保证率稳定在75%以上，亩均粮食产能提高50公斤以上。",
              "annual_actual": "完成3.6万亩高标准农田后期管护，"
                               "维修渠道18.4公里、机井46眼、泵站5座，设施完好率92.3%，"
                               "灌溉保证率78%，亩均粮食产能提高56公斤。"},
    indicators=[
        ("产出指标（50分）", "数量指标", "高标准农田后期管护面积", "≥3.6万亩", "3.6万亩", "6", "6", ""),
        ("", "", "维修灌溉渠道长度", "≥18公里", "18.4公里", "6", "6", ""),
        ("", "", "维修机井数量", "≥45眼", "46眼", "5", "5", ""),
        ("", "", "维修泵站数量", "≥5座", "5座", "5", "5", ""),
        ("", "质量指标", "灌溉设施完好率", "≥90%", "92.3%", "6", "6", ""),
        ("", "", "维修工程验收合格率", "100%", "100%", "6", "6", ""),
        ("", "时效指标", "维修工程完工时间", "2023年10月底前", "2023年11月15日", "6", "4",
         "受汛期连续降雨影响，部分渠道维修工期顺延；今后将提前安排施工计划，避开汛期作业。"),
        ("", "成本指标", "渠道维修单位成本", "≤15万元/公里", "14.2万元/公里", "5", "5", ""),
        ("", "", "机井维修平均成本", "≤1.8万元/眼", "1.75万元/眼", "5", "5", ""),
        ("效益指标（30分）", "经济效益指标", "亩均粮食产能提高", "≥50公斤", "56公斤", "8", "8", ""),
        ("", "社会效益指标", "受益农户数量", "≥5200户", "5340户", "8", "8", ""),
        ("", "生态效益指标", "农田灌溉水有效利用系数", "≥0.58", "0.57", "7", "6",
         "部分老旧渠道渗漏仍较严重，系数略低于目标；下年度将对剩余土渠实施衬砌改造。"),
        ("", "可持续影响指标", "灌溉保证率", "≥75%", "78%", "7", "7", ""),
        ("满意度指标（10分）", "服务对象满意度指标", "受益农户满意度", "≥90%", "93.5%", "10", "10", ""),
    ],
    total_score="96.16",
    notes=["Table runs over two pages; the indicator header is NOT repeated on page 2. "
           "The break falls inside the 产出指标/成本指标 spans: "
           "page 2 starts with 机井维修平均成本 under blank 一级/二级 cells -> filled down from page 1. "
           "Numbers right-aligned; amounts with thousands separators.",
           "一级 cells carry their weight: 产出指标（50分） -> level1 产出指标, level1_weight 50.",
           "'2023年10月底前' and '2023年11月15日' are dates: "
           "the golden keeps raw only (kind left as the generator set it).",
           "'≥0.58' has no unit."],
)

# 6. 辽宁 two target forms in one PDF
FORMS["p06_ln_two_targets"] = dict(
    layout="two_targets", rules="grid", font="STSong-Light", size=9.5, pagesize=A4,
    parts=[
        dict(form_type="target", title="项目支出绩效目标表", subtitle="（2024年度）", year=2024, pages=(1, 1),
             project_name="北沙河流域水环境监测能力提升", department="辽东市生态环境局", unit="辽东市生态环境监测中心",
             money=[("年度资金总额", "96.00"), ("其中：财政拨款", "96.00"), ("其他资金", "0.00")],
             sections={"annual_goal": "新建3座水质自动监测站并接入省级平台，"
                                      "开展北沙河流域12个断面月度监测，数据有效传输率不低于90%。"},
             indicators=[
                 ("产出指标", "数量指标", "新建水质自动监测站", "3座", None, None, None, None),
                 ("", "", "月度监测断面数量", "12个", None, None, None, None),
                 ("", "质量指标", "监测数据有效传输率", "≥90%", None, None, None, None),
                 ("", "时效指标", "监测报告报送时限", "≤5天", None, None, None, None),
                 ("效益指标", "生态效益指标", "流域断面水质达标率", "≥83%", None, None, None, None),
                 ("满意度指标", "服务对象满意度指标", "周边群众满意度", "≥85%", None, None, None, None),
             ]),
        dict(form_type="target", title="项目支出绩效目标表", subtitle="（2024年度）", year=2024, pages=(2, 2),
             project_name="辽东市机动车排气检测监管平台运维", department="辽东市生态环境局",
             unit="辽东市机动车排气污染防治中心",
             money=[("年度资金总额", "42.80"), ("其中：财政拨款", "42.80"), ("其他资金", "0.00")],
             sections={"annual_goal": "保障全市27家机动车检验机构排气检测数据实时联网监管，"
                                      "平台全年正常运行率不低于98%，异常数据核查率100%。"},
             indicators=[
                 ("产出指标", "数量指标", "联网监管检验机构数量", "27家", None, None, None, None),
                 ("", "质量指标", "平台正常运行率", "≥98%", None, None, None, None),
                 ("", "", "异常检测数据核查率", "100%", None, None, None, None),
                 ("", "成本指标", "平台年度运维费用", "≤42.8万元", None, None, None, None),
                 ("效益指标", "社会效益指标", "检测违规行为查处率", "100%", None, None, None, None),
                 ("满意度指标", "服务对象满意度指标", "检验机构满意度", "≥90%", None, None, None, None),
             ]),
    ],
    notes=["Two target forms, one per page, same title."],
)

# 7. 云南 self-evaluation, title on its own page, 7pt table, right-aligned numbers, landscape
FORMS["p07_yn_selfeval_coverpage_7pt"] = dict(
    layout="selfeval", rules="grid", font="STSong-Light", size=7, pagesize=landscape(A4), numalign="right",
    cover=True,
    form_type="self_eval", title="项目支出绩效自评表", subtitle="（2021年度）", year=2021, pages=(1, 2),
    project_name="澜沧江沿岸乡村旅游厕所建设补助", department="思普县文化和旅游局", unit="思普县旅游发展服务中心",
    funds=[("年度资金总额", "64.00", "64.00", "64.00", "10", "100%", "10"),
           ("当年财政拨款", "64.00", "64.00", "64.00", "—", "100%", "—"),
           ("上年结转资金", "—", "—", "—", "—", "—", "—"),
           ("其他资金", "—", "—", "—", "—", "—", "—")],
    fund_labels={"当年财政拨款": "其中：当年财政拨款"},
    sections={"annual_goal": "在沿江5个乡村旅游重点村新建、改建旅游厕所16座，达到A级旅游厕所标准。",
              "annual_actual": "新建旅游厕所9座、改建7座，均通过A级旅游厕所评定。"},
    indicators=[
        ("产出指标", "数量指标", "新建、改建旅游厕所数量", "16座", "16座", "20", "20", ""),
        ("", "质量指标", "A级旅游厕所达标率", "100%", "100%", "15", "15", ""),
        ("", "时效指标", "项目完工时间", "2021年11月前", "2021年10月", "10", "10", ""),
        ("", "成本指标", "单座厕所平均补助", "≤4万元", "4万元", "5", "5", ""),
        ("效益指标", "社会效益指标", "游客如厕难问题", "有效缓解", "有效缓解", "20", "18", "个别厕所管护人员未到位"),
        ("", "可持续影响指标", "厕所管护制度", "建立", "建立", "10", "10", ""),
        ("满意度指标", "服务对象满意度指标", "游客满意度", "≥90%", "91%", "10", "10", ""),
    ],
    total_score="98", grade="优", grade_row=True,
    notes=["Page 1 holds only the title, year and 填报单位 line; "
           "the table is on page 2, landscape, in 7pt with right-aligned numbers.",
           "page_start = 1 (the title's page). 自评等级 优 -> grade 优 as printed.",
           "上年结转资金 / 其他资金 rows all '—' -> nulls."],
    cover_lines=["填报单位（盖章）：思普县旅游发展服务中心", "填报日期：2022年3月"],
)

# 8. 湖北 self-evaluation, scanned
FORMS["p08_hb_selfeval_scan"] = dict(
    layout="selfeval", rules="grid", font="WQY", size=9.5, pagesize=A4, scan=dict(angle=0.8, dpi=170, seed=8),
    form_type="self_eval", title="项目支出绩效自评表", subtitle="（2023年度）", year=2023, pages=(1, 1),
    project_name="云梦泽区困难残疾人生活补贴", department="汉川市云梦泽区民政局", unit="汉川市云梦泽区残疾人联合会",
    funds=[("年度资金总额", "312.48", "305.16", "305.16", "10", "100%", "10"),
           ("当年财政拨款", "312.48", "305.16", "305.16", "—", "100%", "—"),
           ("上年结转资金", "0", "0", "0", "—", "—", "—"),
           ("其他资金", "0", "0", "0", "—", "—", "—")],
    fund_labels={"当年财政拨款": "其中：当年财政拨款"},
    sections={"annual_goal": "按每人每月80元标准按时足额发放困难残疾人生活补贴，惠及困难残疾人约3200人。",
              "annual_actual": "全年发放补贴305.16万元，月均惠及困难残疾人3179人，补贴按月足额发放到位。"},
    indicators=[
        ("产出指标", "数量指标", "补贴发放人数", "≥3100人", "3179人", "20", "20", ""),
        ("", "质量指标", "补贴对象认定准确率", "100%", "100%", "10", "10", ""),
        ("", "时效指标", "补贴按月发放及时率", "100%", "100%", "10", "10", ""),
        ("", "成本指标", "补贴发放标准", "80元/人·月", "80元/人·月", "10", "10", ""),
        ("效益指标", "社会效益指标", "困难残疾人基本生活保障水平", "有效保障", "有效保障", "30", "30", ""),
        ("满意度指标", "服务对象满意度指标", "补贴对象满意度", "≥95%", "97.2%", "10", "10", ""),
    ],
    total_score="100",
    notes=["Scanned: rendered at 170 dpi, rotated 0.8°, light noise, a red round stamp over the 实施单位 area."],
)

# 9. 广西 target, scanned, fully ruled
FORMS["p09_gx_target_scan"] = dict(
    layout="target_plain", rules="grid", font="WQY", size=10, pagesize=A4, scan=dict(angle=-1.2, dpi=160, seed=9),
    form_type="target", title="项目支出绩效目标表", subtitle="（2025年度）", year=2025, pages=(1, 1),
    project_name="邕溪县甘蔗良种良法技术推广", department="邕溪县农业农村局", unit="邕溪县糖料蔗技术推广站",
    money=[("年度资金总额", "150.00"), ("其中：财政拨款", "150.00"), ("其他资金", "0.00")],
    sections={"annual_goal": "推广甘蔗脱毒健康种苗2.5万亩，建设良种良法示范基地6个，"
                             "培训蔗农1500人次，示范区亩产提高0.5吨以上。"},
    indicators=[
        ("产出指标", "数量指标", "推广脱毒健康种苗面积", "≥2.5万亩", None, None, None, None),
        ("", "", "建设示范基地数量", "6个", None, None, None, None),
        ("", "", "培训蔗农人次", "≥1500人次", None, None, None, None),
        ("", "质量指标", "种苗脱毒检测合格率", "≥98%", None, None, None, None),
        ("", "时效指标", "种苗下发完成时间", "≤3月", None, None, None, None),
        ("", "成本指标", "每亩种苗补助标准", "≤60元", None, None, None, None),
        ("效益指标", "经济效益指标", "示范区甘蔗亩产提高", "≥0.5吨", None, None, None, None),
        ("", "可持续影响指标", "良种覆盖率", "≥70%", None, None, None, None),
        ("满意度指标", "服务对象满意度指标", "蔗农满意度", "≥90%", None, None, None, None),
    ],
    notes=["Scanned at 160 dpi, rotated -1.2°, noise and a red stamp.", "'≤3月': <= 3 月."],
)


# 10. 黑龙江 self-evaluation, no rules, but a wide label column so no label wraps (control for p03)
FORMS["p10_hl_selfeval_norules_widelabels"] = dict(
    layout="selfeval", rules="none", font="WQY", size=8, pagesize=landscape(A4),
    column_fractions=[0.10, 0.08, 0.10, 0.18, 0.09, 0.09, 0.06, 0.08, 0.22],
    form_type="self_eval", title="项目支出绩效自评表", subtitle="（2024年度）", year=2024, pages=(1, 1),
    project_name="松岭区城市道路积雪清运作业补助", department="鹤原市松岭区城市管理局",
    unit="鹤原市松岭区环境卫生服务中心",
    funds=[("年度资金总额", "356.00", "371.20", "369.84", "10", "99.63%", "9.96"),
           ("当年财政拨款", "356.00", "371.20", "369.84", "—", "99.63%", "—"),
           ("上年结转资金", "0.00", "0.00", "0.00", "—", "—", "—"),
           ("其他资金", "0.00", "0.00", "0.00", "—", "—", "—")],
    fund_labels={"当年财政拨款": "其中：当年财政拨款"},
    sections={"annual_goal": "完成城区主次干道及背街巷路积雪清运，降雪停止后主干道24小时内、次干道48小时内清运完毕。",
              "annual_actual": "全年清运积雪41.6万立方米，主干道平均20小时、次干道平均45小时清运完毕。"},
    indicators=[
        ("产出指标", "数量指标", "积雪清运量", "≥40万立方米", "41.6万立方米", "15", "15", ""),
        ("", "", "作业道路里程", "≥260公里", "264公里", "10", "10", ""),
        ("", "质量指标", "路面积雪清除达标率", "≥95%", "96.4%", "10", "10", ""),
        ("", "时效指标", "主干道清运完成时限", "≤24小时", "20小时", "10", "10", ""),
        ("", "成本指标", "每立方米清运成本", "≤9元", "8.89元", "5", "5", ""),
        ("效益指标", "社会效益指标", "冬季道路通行秩序", "有效保障", "有效保障", "20", "20", ""),
        ("", "可持续影响指标", "冬季除雪应急机制", "健全", "健全", "10", "10", ""),
        ("满意度指标", "服务对象满意度指标", "市民满意度", "≥88%", "86%", "10", "9",
         "个别背街巷路清运不及时，下年度增加小型除雪机械。"),
    ],
    total_score="98.96",
    notes=["Control for p03: no rules at all, "
           "but the label column is wide enough that no label wraps; "
           "三级 names and the note still fit mostly on one line."],
)

# 11. 湖南 self-evaluation, 120 dpi + JPEG quality 35
FORMS["p11_hn_selfeval_120dpi_q35"] = dict(
    layout="selfeval", rules="grid", font="WQY", size=9, pagesize=A4,
    scan=dict(angle=0.4, dpi=120, seed=101, quality=35),
    form_type="self_eval", title="项目支出绩效自评表", subtitle="（2023年度）", year=2023, pages=(1, 1),
    project_name="沅水镇农村饮水安全巩固提升工程", department="辰溪市沅水区水利局", unit="辰溪市沅水区农村供水管理站",
    funds=[("年度资金总额", "238.60", "246.30", "231.78", "10", "94.10%", "9.41"),
           ("当年财政拨款", "238.60", "238.60", "224.08", "—", "93.91%", "—"),
           ("上年结转资金", "0.00", "7.70", "7.70", "—", "100.00%", "—"),
           ("其他资金", "0.00", "0.00", "0.00", "—", "—", "—")],
    fund_labels={"当年财政拨款": "其中：当年财政拨款"},
    sections={"annual_goal": "新建集中供水工程2处，改造老旧供水管网36公里，巩固提升1.8万农村人口饮水保障水平。",
              "annual_actual": "建成集中供水工程2处，改造管网37.2公里，受益农村人口1.86万人，水质检测合格率96%。"},
    indicators=[
        ("产出指标", "数量指标", "新建集中供水工程", "2处", "2处", "10", "10", ""),
        ("", "", "改造供水管网长度", "≥36公里", "37.2公里", "10", "10", ""),
        ("", "质量指标", "水质检测合格率", "≥95%", "96%", "10", "10", ""),
        ("", "时效指标", "工程完工时间", "2023年11月底前", "2023年12月20日", "10", "7", "汛期停工约一个月，工期顺延"),
        ("", "成本指标", "管网改造单位成本", "≤5.8万元/公里", "5.62万元/公里", "10", "10", ""),
        ("效益指标", "社会效益指标", "受益农村人口", "≥1.8万人", "1.86万人", "20", "20", ""),
        ("", "可持续影响指标", "工程管护责任落实率", "100%", "100%", "10", "10", ""),
        ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "92.5%", "10", "10", ""),
    ],
    total_score="96.41",
    notes=["Scan at 120 dpi, JPEG quality 35, rotated 0.4°, stamp at the head (over 实施单位 area).",
           "Funds in 万元 -> 元; 年度资金总额 row gives executed / execution_rate."],
)

# 12. 吉林 target with checkboxes, 120 dpi, faint, skew 2.5°, q35
FORMS["p12_jl_target_ticks_faint_120"] = dict(
    layout="target_plain", rules="grid", font="WQY", size=10, pagesize=A4,
    scan=dict(angle=-2.5, dpi=120, seed=108, faint=True, quality=35, stamp_at=None, noise=6),
    form_type="target", title="项目支出绩效目标表", subtitle="（2024年度）", year=2024, pages=(1, 1),
    project_name="松江区老旧小区二次供水设施改造", department="吉松市松江区住房和城乡建设局",
    unit="吉松市松江区供水服务中心",
    checks=[("项目类型", ["常年性项目", "延续性项目", "一次性项目"], "一次性项目"),
            ("是否政府采购", ["是", "否"], "否")],
    money=[("年度资金总额", "412.50"), ("其中：财政拨款", "380.00"), ("其他资金", "32.50")],
    sections={"annual_goal": "改造老旧小区二次供水泵房15座，更换供水管道9.6公里，惠及居民6800户。"},
    indicators=[
        ("产出指标", "数量指标", "改造二次供水泵房", "15座", None, None, None, None),
        ("", "", "更换供水管道长度", "≥9.6公里", None, None, None, None),
        ("", "质量指标", "改造工程验收合格率", "100%", None, None, None, None),
        ("", "时效指标", "改造完工时间", "2024年10月底前", None, None, None, None),
        ("", "成本指标", "单座泵房改造成本", "≤22万元", None, None, None, None),
        ("效益指标", "社会效益指标", "受益居民户数", "≥6800户", None, None, None, None),
        ("满意度指标", "服务对象满意度指标", "小区居民满意度", "≥90%", None, None, None, None),
    ],
    notes=["120 dpi, faint grey print, -2.5°, JPEG quality 35. Checkboxes ticked by pen: "
           "项目类型 一次性项目 -> project_category 一次性项目; 是否政府采购 否 -> gov_procurement false."],
)

# 13. 贵州 target (split columns), faint grey print
FORMS["p13_gz_target_split_faint"] = dict(
    layout="target_split", rules="grid", font="WQY", size=9.5, pagesize=A4,
    scan=dict(angle=-0.6, dpi=150, seed=104, faint=True, stamp_at=None, noise=6),
    form_type="target", title="项目支出绩效目标表", subtitle="（2024年度）", year=2024, pages=(1, 1),
    project_name="黔山县茶园病虫害绿色防控补助", department="黔山县农业农村局", unit="黔山县植保植检站",
    money=[("年度资金总额", "84.60"), ("其中：财政拨款", "84.60"), ("其他资金", "0.00")],
    sections={"annual_goal": "在全县茶园推广绿色防控技术4.2万亩，建设统防统治示范区8个，培训茶农1200人次。"},
    indicators=[
        ("产出指标", "数量指标", "绿色防控推广面积", "≥4.2万亩", None, "15", None, None),
        ("", "", "统防统治示范区数量", "≥8个", None, "10", None, None),
        ("", "", "培训茶农人次", "≥1200人次", None, "10", None, None),
        ("", "质量指标", "茶叶农残抽检合格率", "≥98%", None, "15", None, None),
        ("", "时效指标", "防控物资发放及时率", "=100%", None, "10", None, None),
        ("", "成本指标", "每亩防控补助标准", "≤20元", None, "10", None, None),
        ("效益指标", "生态效益指标", "化学农药使用量减少", "≥10%", None, "15", None, None),
        ("满意度指标", "服务对象满意度指标", "茶农满意度", "≥90%", None, "15", None, None),
    ],
    split={"绿色防控推广面积": ("≥", "4.2", "万亩"), "统防统治示范区数量": ("≥", "8", "个"),
           "培训茶农人次": ("≥", "1200", "人次"), "茶叶农残抽检合格率": ("≥", "98", "%"),
           "防控物资发放及时率": ("=", "100", "%"), "每亩防控补助标准": ("≤", "20", "元"),
           "化学农药使用量减少": ("≥", "10", "%"), "茶农满意度": ("≥", "90", "%")},
    notes=["Faint print: ink at ~60% grey on greyish paper, 150 dpi, -0.6°.",
           "Split value columns; raw composed 指标性质+指标值+度量单位 as in p02 of samples/probes."],
)

# 14. 河北 target over two pages, page 2 upside down (scanned turned round)
FORMS["p14_he_target_twopage_upsidedown_skew3"] = dict(
    layout="target_plain", rules="grid", font="STSong-Light", size=11, pagesize=A4, repeat=True, pad=6,
    break_at=13, scan=dict(angle=3.0, dpi=160, seed=106, turns={1: 180}),
    form_type="target", title="项目支出绩效目标表", subtitle="（2025年度）", year=2025, pages=(1, 2),
    project_name="滦川县中小学学生营养改善计划", department="滦川县教育局", unit="滦川县学生资助管理中心",
    money=[("年度资金总额", "1,086.00"), ("其中：财政拨款", "1,086.00"), ("其他资金", "0.00")],
    sections={"annual_goal": "为全县农村义务教育阶段学生提供营养膳食补助，每生每天5元，"
                             "惠及学生约2.7万人，食品安全事故零发生，学生营养状况持续改善。"},
    indicators=[
        ("产出指标", "数量指标", "受益学生人数", "≥2.7万人", None, None, None, None),
        ("", "", "覆盖学校数量", "≥112所", None, None, None, None),
        ("", "", "年度供餐天数", "≥200天", None, None, None, None),
        ("", "", "食堂从业人员培训人次", "≥450人次", None, None, None, None),
        ("", "质量指标", "供餐食品抽检合格率", "100%", None, None, None, None),
        ("", "", "食堂达标率", "≥95%", None, None, None, None),
        ("", "", "营养食谱覆盖率", "≥90%", None, None, None, None),
        ("", "时效指标", "补助资金拨付时限", "≤15天", None, None, None, None),
        ("", "", "食品安全隐患整改时限", "≤3天", None, None, None, None),
        ("", "成本指标", "每生每天补助标准", "5元", None, None, None, None),
        ("", "", "食堂年度运行补助", "≤120万元", None, None, None, None),
        ("效益指标", "社会效益指标", "学生营养状况", "持续改善", None, None, None, None),
        ("", "", "食品安全事故", "0起", None, None, None, None),
        ("", "", "学生体质健康合格率", "≥92%", None, None, None, None),
        ("", "可持续影响指标", "营养改善长效机制", "健全", None, None, None, None),
        ("满意度指标", "服务对象满意度指标", "学生及家长满意度", "≥90%", None, None, None, None),
    ],
    notes=["Two pages, both skewed 3.0°; the header row repeated on page 2; page 2 scanned upside down (turned 180°).",
           "Page 2 begins with 食品安全事故 under blank 一级/二级 cells -> filled down from page 1.",
           "'1,086.00' 万元 -> 10860000 元."],
)


# ---------------------------------------------------------------- build

def split_rows(block: Block, at: int) -> tuple[Block, Block]:
    """Cut a table at row `at` for a forced page break; a span crossing the cut is clipped on both sides and its
    text stays in the first part."""
    rows, spans = block
    first_spans, second_spans = [], []
    for command, (c0, r0), (c1, r1) in spans:
        if r1 < at:
            first_spans.append((command, (c0, r0), (c1, r1)))
        elif r0 >= at:
            second_spans.append((command, (c0, r0 - at), (c1, r1 - at)))
        else:
            first_spans.append((command, (c0, r0), (c1, at - 1)))
            second_spans.append((command, (c0, 0), (c1, r1 - at)))
    second_rows = [list(row) for row in rows[at:]]
    for _command, (c0, r0), _end in second_spans:
        if r0 == 0:
            second_rows[0][c0] = ""  # the spanned label is printed on the first page only
    return (rows[:at], first_spans), (second_rows, second_spans)


def selfeval_story(f: Spec, styles: dict[str, ParagraphStyle], text_width: float, pad: float) -> list[Flowable]:
    """A self-evaluation form, after a cover page or under its title."""
    story: list[Flowable] = []
    if f.get("cover"):
        story += [Spacer(1, 60 * mm),
                  para(f["title"], ParagraphStyle("bt", parent=styles["title"], fontSize=24, leading=34)),
                  para(f["subtitle"], ParagraphStyle("bs", parent=styles["subtitle"], fontSize=14, leading=20)),
                  Spacer(1, 30 * mm)]
        cover_style = ParagraphStyle("bl", parent=styles["subtitle"], fontSize=12, leading=18)
        story += [para(line, cover_style) for line in f["cover_lines"]]
        story.append(PageBreak())
    else:
        story += title_block(f, styles)
    widths = [text_width * fraction for fraction in f.get("column_fractions", SELFEVAL_COLUMNS)]
    head, indicators = selfeval_tables(f, styles, f.get("numalign", "center"),
                                       split_indicators=f["pages"][0] != f["pages"][1])
    story.append(make_table(head, widths, f["rules"], pad))
    if f.get("break_at"):
        first, second = split_rows(indicators, 1 + f["break_at"])  # 1: the indicator header row
        story += [make_table(first, widths, f["rules"], pad), PageBreak(), make_table(second, widths, f["rules"], pad)]
    else:
        story.append(make_table(indicators, widths, f["rules"], pad, repeat_rows=1 if f.get("repeat") else 0))
    return story


def target_story(f: Spec, styles: dict[str, ParagraphStyle], text_width: float, pad: float) -> list[Flowable]:
    """A target form under its title; with break_at the page break is forced (and the header repeated by hand)
    so that it falls inside the merged 一级/二级 cells."""
    split_values = f["layout"] == "target_split"
    widths = [text_width * fraction for fraction in (TARGET_SPLIT_COLUMNS if split_values else TARGET_PLAIN_COLUMNS)]
    head, indicators = target_tables(f, styles, len(widths), split_values)
    story = title_block(f, styles) + [make_table(head, widths, f["rules"], pad)]
    if f.get("break_at"):
        first, (second_rows, second_spans) = split_rows(indicators, 1 + f["break_at"])
        if f.get("repeat"):  # header row printed again on the next page
            second_rows = [indicators[0][0]] + second_rows
            second_spans = [(command, (c0, r0 + 1), (c1, r1 + 1)) for command, (c0, r0), (c1, r1) in second_spans]
        story += [make_table(first, widths, f["rules"], pad), PageBreak(),
                  make_table((second_rows, second_spans), widths, f["rules"], pad)]
    else:
        story.append(make_table(indicators, widths, f["rules"], pad, repeat_rows=1 if f.get("repeat") else 0))
    return story


def two_targets_story(f: Spec, styles: dict[str, ParagraphStyle], text_width: float, pad: float) -> list[Flowable]:
    """Each part a plain target form on a page of its own."""
    widths = [text_width * fraction for fraction in TARGET_PLAIN_COLUMNS]
    story: list[Flowable] = []
    for i, part in enumerate(f["parts"]):
        if i:
            story.append(PageBreak())
        head, indicators = target_tables(part, styles, len(widths), split_values=False)
        story += title_block(part, styles)
        story += [make_table(head, widths, f["rules"], pad), make_table(indicators, widths, f["rules"], pad)]
    return story


def stem(name: str) -> str:
    """The file's name without the spec's number (p03_ha_selfeval_norules: ha_selfeval_norules)."""
    return re.sub(r"^p\d+_", "", name)


def render(name: str, f: Spec) -> None:
    """Write the spec's PDF, made into a scan if it asks for one."""
    styles = paragraph_styles(f["font"], f["size"])
    text_width = f["pagesize"][0] - 2 * MARGIN
    pad = f.get("pad", DEFAULT_PAD)
    story_of_layout = {"selfeval": selfeval_story, "target_plain": target_story, "target_split": target_story,
                       "two_targets": two_targets_story}
    story = story_of_layout[f["layout"]](f, styles, text_width, pad)
    path = str(OUT_DIR / (stem(name) + ".pdf"))
    SimpleDocTemplate(path, pagesize=f["pagesize"], leftMargin=MARGIN, rightMargin=MARGIN,
                      topMargin=MARGIN, bottomMargin=MARGIN).build(story)
    if f.get("scan"):
        scanify(path, **f["scan"])


def stamp(dpi: int) -> Image.Image:
    """A red round 财务专用章, 1.6 inch across, half transparent."""
    image = Image.new("RGBA", (int(dpi * 1.6), int(dpi * 1.6)), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    side = image.size[0]
    red = (210, 30, 40, 150)
    draw.ellipse((4, 4, side - 4, side - 4), outline=red, width=max(3, dpi // 40))
    text_font = ImageFont.truetype(WQY_MICROHEI_TTC, int(side * 0.13))
    star_font = ImageFont.truetype(DEJAVU_SANS_TTF, int(side * 0.25))
    draw.text((side / 2, side / 2), "★", fill=red, anchor="mm", font=star_font)
    draw.text((side / 2, side * 0.78), "财务专用章", fill=red, anchor="mm", font=text_font)
    return image


def scanify(path: str, angle: float, dpi: int, seed: int, quality: int = 80,
            stamp_at: tuple[float, float] | None = (0.62, 0.09), faint: bool = False, noise: float = 9,
            turns: dict[int, int] | None = None) -> None:
    """Replace the PDF by a scan of it: pages rendered at `dpi`, a red stamp (its top left at `stamp_at`, fractions
    of the page's width and height; None: no stamp), rotated, faint (low-contrast grey print, as when the toner
    runs out), grey noise, specks, a slight blur, page index -> degrees `turns` (a sheet fed upside down), JPEG at
    `quality`. Seeded, so the scan comes out the same each run."""
    # imported here: only the scans need them
    import img2pdf
    import pypdfium2 as pdfium

    rng = np.random.default_rng(seed)
    doc = pdfium.PdfDocument(path)
    jpegs = []
    for index, page in enumerate(doc):
        image = page.render(scale=dpi / 72).to_pil().convert("RGB")
        if stamp_at is not None:
            red_stamp = stamp(dpi)
            image.paste(red_stamp, (int(image.width * stamp_at[0]), int(image.height * stamp_at[1])), red_stamp)
        image = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=(255, 255, 255))
        pixels = np.asarray(image).astype(np.float32)
        if faint:  # ink at about 60% grey, the paper slightly grey
            pixels = 235 - (235 - np.minimum(pixels, 235)) * 0.38
        pixels = pixels + rng.normal(0, noise, pixels.shape[:2])[..., None]
        pixels[rng.random(pixels.shape[:2]) < 0.0008] = 60  # dark specks
        pixels = np.clip(pixels, 0, 255).astype(np.uint8)
        image = Image.fromarray(pixels).filter(ImageFilter.GaussianBlur(0.4))
        turn = (turns or {}).get(index, 0)
        if turn:
            image = image.rotate(turn, expand=True)
        buf = io.BytesIO()
        image.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi))
        jpegs.append(buf.getvalue())
    doc.close()
    Path(path).write_bytes(img2pdf.convert(jpegs))


def write_golden(name: str, f: Spec) -> None:
    """Write NAME.golden.json: one form, or one per part; parts without notes of their own share the spec's."""
    if f["layout"] == "two_targets":
        forms = [golden_form(part) for part in f["parts"]]
    else:
        forms = [golden_form(f)]
        if f.get("unit_golden"):
            forms[0]["unit"] = f["unit_golden"]
    for form in forms:
        form["_notes"] = form.get("_notes") or f.get("notes", [])
    golden = {"seed": stem(name) + ".pdf", "forms": forms}
    (OUT_DIR / (stem(name) + ".golden.json")).write_text(json.dumps(golden, ensure_ascii=False, indent=1),
                                                         encoding="utf-8")


def main(names: list[str]) -> None:
    """Write the named probes, or all of them."""
    for name in names or list(FORMS):
        render(name, FORMS[name])
        write_golden(name, FORMS[name])
        print("wrote", name)


if __name__ == "__main__":
    main(sys.argv[1:])
