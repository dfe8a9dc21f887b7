#!/usr/bin/env python3
"""Render the seeds' forms as PDFs that look like the real filings: samples/pdf/*.pdf + manifest.toml.

Content is each seed's golden JSON (what the pipeline reads from the seed); how a number or date is
printed (thousands separators, 2019-1-1) is looked up on the seed line the golden's provenance
points at. Layout and printed wording are data: TEMPLATES holds one description per template, which
becomes an engine-neutral page model (paragraphs and ruled grids with merged cells), which each
engine renders once:

- reportlab: Table + Paragraph cells, WenQuanYi Zen Hei TrueType embedded as a subset;
- LibreOffice: openpyxl xlsx (merged cells, wrap text, borders, column widths), all converted in
  one headless soffice call.

    bash samples/setup_generators.sh   # once: fonts, LibreOffice, the pip packages
    python samples/make_samples.py     # rewrites samples/pdf/ (same bytes on every run)
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from render import (
    Align,
    Block,
    Engine,
    GCell,
    Grid,
    NewPage,
    Para,
    ParaKind,
    Part,
    budget_page,
    fail,
    page_texts,
    pdf_pages,
    render_libreoffice,
    render_reportlab,
    require_generators,
    toml_value,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "samples" / "seeds"
OUT = ROOT / "samples" / "pdf"


# ---- one golden form and how its seed prints things ----------------------------------------------

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
DATE = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})(?:\s*[-./月]\s*(\d{1,2})日?|\s*月)?")
MONEY = {"total_budget", "current_budget", "prior_budget", "prior_executed", "executed"}
DATES = {"start_date", "end_date", "eval_date"}
OPS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}


@dataclass
class Filled:
    form: dict[str, Any]
    seed: list[str]  # the seed's lines

    def lines_near(self, path: str) -> list[str]:
        """The seed lines a value was read from, or the whole form's lines when it has no line."""
        where = self.form["provenance"].get(path) or {}
        if where.get("line"):
            return self.seed[where["line"] - 1 : where["line"] + 2]
        lines = [w["line"] for w in self.form["provenance"].values() if w.get("line")]
        return self.seed[min(lines) - 1 : max(lines)] if lines else []

    def number(self, path: str, canonical: str) -> str:
        """The golden's decimal as the seed prints it (81,572,666), else as the golden holds it."""
        for line in self.lines_near(path):
            for token in NUMBER.findall(line):
                if token.replace(",", "") == canonical:
                    return token
        return canonical

    def date(self, path: str, iso: str) -> str:
        want = date.fromisoformat(iso)
        for line in self.lines_near(path):
            for m in DATE.finditer(line):
                y, mo, d = int(m[1]), int(m[2]), m[3]
                if (y, mo) == (want.year, want.month) and (d is None or int(d) == want.day):
                    return m[0].strip()
        return iso


def field_text(f: Filled, key: str) -> str:
    """A scalar field as printed; a null or unknown field prints as an empty cell."""
    value = f.form.get(key)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if key in DATES:
        return f.date(key, value)
    if key in MONEY:
        return f.number(key, value)
    if key == "execution_rate":
        return f"{value}%"
    return str(value)


# ---- how one PDF varies a template ---------------------------------------------------------------


def plain_value(value: Mapping[str, Any]) -> str:
    return value["raw"]


def decimal_unit_value(value: Mapping[str, Any]) -> str:
    """Another district's style: =100% -> =100.00(%), >=98% -> ≥98.00(%); qualitative/compound kept."""
    if value["kind"] != "numeric" or not value.get("op") or value.get("value") is None:
        return value["raw"]
    number = Decimal(value["value"])
    places = max(2, -number.as_tuple().exponent)
    unit = f"({value['unit']})" if value.get("unit") else ""
    return f"{OPS[value['op']]}{number:.{places}f}{unit}"


@dataclass(frozen=True)
class Look:
    mark: str = "■"  # printed after the checked option (unchecked: □)
    narrow: bool = False  # the template's narrow column widths
    flow: bool = False  # no page break inside a form: its tables run on across pages
    repeat_header: bool = True  # indicator header row repeated after a page break
    size: float | None = None  # body font size, when not the template's
    labels: Mapping[str, str] = field(default_factory=dict)  # printed label -> synonym
    value: Callable[[Mapping[str, Any]], str] = plain_value  # indicator target as printed

    def label(self, text: str) -> str:
        return self.labels.get(text, text)


# ---- template descriptions: rows as data ---------------------------------------------------------


@dataclass(frozen=True)
class L:
    """A printed label."""

    text: str
    span: int = 1


@dataclass(frozen=True)
class F:
    """A field's value (Form attribute name)."""

    key: str
    span: int = 1


@dataclass(frozen=True)
class Cells:
    items: tuple[L | F, ...]


def row(*items: L | F) -> Cells:
    return Cells(items)


@dataclass(frozen=True)
class Section:
    label: str
    key: str
    stacked: bool = False  # label on a full-width row above the text (2020 目标表)
    optional: bool = False  # printed only when the golden has it


@dataclass(frozen=True)
class Checkbox:
    label: str
    key: str
    lines: tuple[tuple[str, ...], ...]  # options, one tuple per printed row


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Components:
    label: str
    name_span: int
    header: tuple[str, str] = ("子项目名称", "预算金额（元）")


FUND_KEYS = ("initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score")
FUND_MONEY = {"initial_budget", "full_year_budget", "executed"}


@dataclass(frozen=True)
class Funds:
    label: str
    source_span: int
    header: tuple[str, ...] = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    names: Mapping[str, str] = field(default_factory=dict)  # golden source -> printed row label
    dash: tuple[str, ...] = ("weight",)  # columns printed "—" when empty (the 其中 rows)


@dataclass(frozen=True)
class Goals:
    label: str
    spans: tuple[int, int]
    heads: tuple[str, str] = ("预期目标", "实际完成情况")
    keys: tuple[str, str] = ("annual_goal", "annual_actual")


@dataclass(frozen=True)
class Col:
    header: str
    key: str  # level1 level2 name description target actual weight score note
    span: int = 1


@dataclass(frozen=True)
class Indicators:
    cols: tuple[Col, ...]
    side: str | None = None  # a label cell spanning the whole table on its left (绩效指标)
    level1: str = "{level1}"  # format of the merged 一级 cell


@dataclass(frozen=True)
class Total:
    label: str
    span: int
    values: tuple[str, ...]  # weight_sum, total_score or "" per remaining column


RowSpec = Cells | Section | Checkbox | Heading | Components | Funds | Goals | Indicators | Total


@dataclass(frozen=True)
class TableSpec:
    widths: tuple[float, ...]
    rows: tuple[RowSpec, ...]
    narrow: tuple[float, ...] | None = None
    header: bool = False  # the first row is a column header that may repeat after a page break


@dataclass(frozen=True)
class Title:
    pass


@dataclass(frozen=True)
class Line:
    """A printed line above or below a table: {year} is filled in, then the value of `key` appended."""

    text: str
    kind: ParaKind = "line"
    key: str | None = None  # the value printed after the label text


@dataclass(frozen=True)
class Break:
    pass


PartSpec = Title | Line | TableSpec | Break


@dataclass(frozen=True)
class Template:
    name: str
    parts: tuple[PartSpec, ...]
    size: float = 9.0


def t2019_rows(indicators: Indicators) -> tuple[RowSpec, ...]:
    """上海市财政支出项目绩效目标申报表 (2019): seed 003's grid (5 columns), with its own 分解目标 columns."""
    return (
        row(L("项目名称"), F("project_name", 4)),
        Checkbox(
            "项目类型",
            "project_category",
            (("市委市政府已确定的新增项目", "结转项目", "其他一次性项目"), ("经常性专项业务费", "其他经常性项目")),
        ),
        Checkbox(
            "资金用途",
            "fund_use",
            (("基本建设工程类", "信息化建设类", "政策补贴类", "政府购买服务", "资产购置类", "其他事业专业类"),),
        ),
        row(L("开始时间"), F("start_date", 2), L("结束时间"), F("end_date")),
        Section("项目概况", "overview"),
        Section("立项依据", "basis"),
        Section("项目设立的必要性", "necessity"),
        Section("保证项目实施的制度、措施", "measures"),
        row(L("项目总预算（元）"), F("total_budget", 2), L("项目当年预算（元）"), F("current_budget")),
        row(
            L("同名项目上年预算额（元）"), F("prior_budget", 2), L("同名项目上年预算执行数（元）"), F("prior_executed")
        ),
        Components("项目当年投入资金构成", name_span=3),
        Section("项目实施计划", "plan"),
        Section("项目总目标", "total_goal"),
        Section("年度绩效目标", "annual_goal"),
        Heading("分解目标"),
        indicators,
        Section("备注", "remarks"),
    )


T2019_HEAD: tuple[PartSpec, ...] = (Title(), Line("({year}年)", "year"), Line("申报单位名称：", key="unit"))
T2019_WIDTHS = (0.17, 0.2, 0.21, 0.2, 0.22)

TEMPLATES: dict[str, Template] = {
    "target_2020": Template(
        "财政项目支出绩效目标表 (2020)",
        (
            Title(),
            Line("（{year}年度）", "year"),
            Line("申报单位名称：", key="unit"),
            TableSpec(
                (0.22, 0.28, 0.24, 0.26),
                (
                    row(L("项目名称："), F("project_name", 3)),
                    row(L("项目类别："), F("project_category", 3)),
                    row(L("计划开始日期："), F("start_date"), L("计划完成日期："), F("end_date")),
                    row(L("是否含有政府购买服务："), F("gov_procurement"), L("绩效类型："), F("performance_type")),
                    Section("项目概况：", "overview", stacked=True),
                    Section("立项依据：", "basis", stacked=True),
                    Section("项目设立的必要性：", "necessity", stacked=True),
                    Section("保证项目实施的制度、措施：", "measures", stacked=True),
                    Section("项目实施计划：", "plan", stacked=True),
                    Section("总目标及阶段性目标：", "total_goal", stacked=True),
                    Section("预算编制依据：", "budget_basis", stacked=True, optional=True),
                    Section("资金管理方式：", "fund_management", stacked=True, optional=True),
                    Heading("本项目上年度市级财政资金使用情况"),
                    row(L("项目总预算（元）："), F("total_budget"), L("项目当年预算（元）："), F("current_budget")),
                    row(
                        L("同名项目上年预算额（元）："),
                        F("prior_budget"),
                        L("同名项目上年预算执行数（元）："),
                        F("prior_executed"),
                    ),
                ),
            ),
            Break(),
            Line("{year}年绩效目标", "caption"),
            TableSpec(
                (0.16, 0.18, 0.36, 0.30),
                (
                    Indicators(
                        (
                            Col("一级目标", "level1"),
                            Col("二级目标", "level2"),
                            Col("三级目标", "name"),
                            Col("指标目标值", "target"),
                        )
                    ),
                ),
                narrow=(0.2, 0.2, 0.47, 0.13),
                header=True,
            ),
        ),
    ),
    "self_eval_2022": Template(
        "财政项目支出绩效自评表 (2022)",
        (
            Title(),
            Line("({year} 年度)", "year"),
            TableSpec(
                (0.05, 0.09, 0.11, 0.15, 0.15, 0.14, 0.07, 0.09, 0.15),
                (
                    row(L("项目名称"), F("project_name", 8)),
                    row(L("主管部门"), F("department", 3), L("实施单位"), F("unit", 4)),
                    Funds("项目资金（元）", source_span=2, names={"当年财政拨款": "其中：当年财政拨款"}),
                    Goals("年度总体目标", spans=(4, 4)),
                    Indicators(
                        (
                            Col("一级指标", "level1"),
                            Col("二级指标", "level2"),
                            Col("三级指标", "name"),
                            Col("年度指标值", "target"),
                            Col("实际完成值", "actual"),
                            Col("分值", "weight"),
                            Col("得分", "score"),
                            Col("偏差原因分析及改进措施", "note"),
                        ),
                        side="绩效指标",
                    ),
                    Total("总分", span=6, values=("weight_sum", "total_score", "")),
                ),
                narrow=(0.06, 0.09, 0.11, 0.1, 0.09, 0.09, 0.06, 0.07, 0.33),
            ),
        ),
        size=8.5,
    ),
    "target_2019": Template(
        "上海市财政支出项目绩效目标申报表 (2019), seed 003's 分解目标 columns",
        (
            *T2019_HEAD,
            TableSpec(
                T2019_WIDTHS,
                t2019_rows(
                    Indicators((Col("分解目标内容", "level1"), Col("绩效指标", "name", 3), Col("指标目标值", "target")))
                ),
            ),
        ),
    ),
    "target_2019_levels": Template(
        "上海市财政支出项目绩效目标申报表 (2019), seed 002's 一级/二级/三级 columns",
        (
            *T2019_HEAD,
            TableSpec(
                T2019_WIDTHS,
                t2019_rows(
                    Indicators(
                        (
                            Col("一级指标", "level1"),
                            Col("二级指标", "level2"),
                            Col("三级指标", "name", 2),
                            Col("指标目标值", "target"),
                        )
                    )
                ),
            ),
        ),
    ),
    "self_eval_2019": Template(
        "项目绩效自我评价 (2019)",
        (
            Title(),
            TableSpec(
                (0.2, 0.3, 0.2, 0.3),
                (
                    row(L("项目名称："), F("project_name"), L("预算单位："), F("unit")),
                    row(L("具体实施处（科室）："), F("implementer"), L("是否为经常性项目："), F("recurring")),
                    row(L("当年预算数（元）："), F("current_budget"), L("上年预算金额（元）："), F("prior_budget")),
                    row(L("预算执行数（元）："), F("executed"), L("预算执行率（%）："), F("execution_rate")),
                    Section("项目年度总目标：", "total_goal"),
                    row(L("自评时间："), F("eval_date", 3)),
                    row(L("绩效等级："), F("grade", 3)),
                    Section("主要绩效：", "achievements"),
                    Section("主要问题：", "problems"),
                    Section("改进措施：", "improvements"),
                ),
            ),
            TableSpec(
                (0.17, 0.2, 0.39, 0.07, 0.08, 0.09),
                (
                    Indicators(
                        (
                            Col("一级指标", "level1"),
                            Col("指标名称", "name"),
                            Col("指标解释", "description"),
                            Col("权重", "weight"),
                            Col("自评分", "score"),
                            Col("备注", "note"),
                        ),
                        level1="{level1} ({level1_weight}分)",
                    ),
                    Total("合计", span=3, values=("weight_sum", "total_score", "")),
                ),
                header=True,
            ),
            Line("说明：1、依据本项目应实现的绩效目标或工作计划，对照已完成的情况，进行绩效自评。", "note"),
            Line(
                "2、绩效等级说明：自评分合计90（含）-100分为优秀，75（含）-90分为良好，60（含）-75分为合格，0-60分为不合格。",
                "note",
            ),
            Line("3、产出目标、效果目标和影响力目标可根据项目情况自行增加绩效指标。", "note"),
        ),
    ),
}


# ---- template + golden form -> page model --------------------------------------------------------


@dataclass
class Ctx:
    f: Filled
    look: Look
    ncols: int


def cell_text(f: Filled, item: L | F, look: Look) -> str:
    return look.label(item.text) if isinstance(item, L) else field_text(f, item.key)


def rows_cells(spec: Cells, ctx: Ctx) -> list[list[GCell]]:
    row, col = [], 0
    for item in spec.items:
        align: Align = "center" if isinstance(item, L) else "left"
        row.append(GCell(cell_text(ctx.f, item, ctx.look), col, item.span, align=align))
        col += item.span
    return [row]


def rows_section(spec: Section, ctx: Ctx) -> list[list[GCell]]:
    text = ctx.f.form["sections"].get(spec.key)
    if text is None and spec.optional:
        return []
    label = ctx.look.label(spec.label)
    if spec.stacked:
        return [[GCell(label, 0, ctx.ncols)], [GCell(text or "", 0, ctx.ncols)]]
    return [[GCell(label, 0, align="center"), GCell(text or "", 1, ctx.ncols - 1)]]


def rows_checkbox(spec: Checkbox, ctx: Ctx) -> list[list[GCell]]:
    chosen = ctx.f.form.get(spec.key)
    printed = ["  ".join(opt + (ctx.look.mark if opt == chosen else "□") for opt in line) for line in spec.lines]
    rows = [[GCell(text, 1, ctx.ncols - 1)] for text in printed]
    rows[0].insert(0, GCell(ctx.look.label(spec.label), 0, rows=len(rows), align="center"))
    return rows


def rows_heading(spec: Heading, ctx: Ctx) -> list[list[GCell]]:
    return [[GCell(ctx.look.label(spec.text), 0, ctx.ncols, align="center")]]


def rows_components(spec: Components, ctx: Ctx) -> list[list[GCell]]:
    comps = ctx.f.form["components"]
    rest = ctx.ncols - 1 - spec.name_span
    rows = [
        [
            GCell(ctx.look.label(spec.label), 0, rows=1 + len(comps), align="center"),
            GCell(ctx.look.label(spec.header[0]), 1, spec.name_span, align="center"),
            GCell(ctx.look.label(spec.header[1]), 1 + spec.name_span, rest, align="center"),
        ]
    ]
    for i, comp in enumerate(comps):
        amount = ctx.f.number(f"components[{i}].amount", comp["amount"]) if comp["amount"] else ""
        rows.append([GCell(comp["name"], 1, spec.name_span), GCell(amount, 1 + spec.name_span, rest, align="right")])
    return rows


def fund_text(f: Filled, i: int, key: str, value: str | None, dash: bool) -> str:
    if value is None:
        return "—" if dash else ""
    if key == "execution_rate":
        return f"{value}%"
    return f.number(f"funds[{i}].{key}", value) if key in FUND_MONEY else value


def rows_funds(spec: Funds, ctx: Ctx) -> list[list[GCell]]:
    funds = ctx.f.form["funds"]
    first = 1 + spec.source_span
    head = [GCell(ctx.look.label(h), first + j, align="center") for j, h in enumerate(spec.header)]
    rows = [
        [
            GCell(ctx.look.label(spec.label), 0, rows=1 + len(funds), align="center"),
            GCell("", 1, spec.source_span),
            *head,
        ]
    ]
    for i, fund in enumerate(funds):
        name = spec.names.get(fund["source"], fund["source"])
        values = [
            GCell(fund_text(ctx.f, i, key, fund[key], i > 0 and key in spec.dash), first + j, align="right")
            for j, key in enumerate(FUND_KEYS)
        ]
        rows.append([GCell(name, 1, spec.source_span), *values])
    return rows


def rows_goals(spec: Goals, ctx: Ctx) -> list[list[GCell]]:
    left, right = spec.spans
    texts = [ctx.f.form["sections"].get(key, "") for key in spec.keys]
    return [
        [
            GCell(ctx.look.label(spec.label), 0, rows=2, align="center"),
            GCell(ctx.look.label(spec.heads[0]), 1, left, align="center"),
            GCell(ctx.look.label(spec.heads[1]), 1 + left, right, align="center"),
        ],
        [GCell(texts[0], 1, left), GCell(texts[1], 1 + left, right)],
    ]


def runs(keys: Sequence[Any]) -> list[int]:
    """Per row, how many rows its merged cell spans (0: covered by the cell above); None never merges."""
    out = [0] * len(keys)
    i = 0
    while i < len(keys):
        j = i + 1
        while keys[i] is not None and j < len(keys) and keys[j] == keys[i]:
            j += 1
        out[i] = j - i
        i = j
    return out


def indicator_value(ind: Mapping[str, Any], key: str, spec: Indicators, look: Look) -> str:
    value = ind.get(key)
    if key == "level1" and value is not None:
        return spec.level1.format(**ind)
    if key == "target" and value is not None:
        return look.value(value)
    if isinstance(value, dict):
        return value["raw"]
    return "" if value is None else str(value)


def rows_indicators(spec: Indicators, ctx: Ctx) -> list[list[GCell]]:
    inds = ctx.f.form["indicators"]
    level1 = runs([i["level1"] for i in inds])
    level2 = runs([(i["level1"], i["level2"]) if i["level2"] else None for i in inds])
    spans = {"level1": level1, "level2": level2}
    first = 1 if spec.side else 0
    starts = [first + sum(c.span for c in spec.cols[:k]) for k in range(len(spec.cols))]
    header = [GCell(ctx.look.label(c.header), s, c.span, align="center") for c, s in zip(spec.cols, starts)]
    rows = [header]
    for r, ind in enumerate(inds):
        row = []
        for c, s in zip(spec.cols, starts):
            height = spans[c.key][r] if c.key in spans else 1
            if height:
                align: Align = "center" if c.key in spans or c.key in ("weight", "score") else "left"
                row.append(GCell(indicator_value(ind, c.key, spec, ctx.look), s, c.span, height, align))
        rows.append(row)
    if spec.side:
        rows[0].insert(0, GCell(ctx.look.label(spec.side), 0, rows=len(rows), align="center"))
    return rows


def weight_sum(form: Mapping[str, Any]) -> str:
    weights = [i["weight"] for i in form["indicators"]] + [fund["weight"] for fund in form["funds"]]
    total = sum((Decimal(w) for w in weights if w), Decimal(0))
    return str(total.quantize(Decimal(1)) if total == total.to_integral() else total)


def rows_total(spec: Total, ctx: Ctx) -> list[list[GCell]]:
    texts = {"weight_sum": weight_sum(ctx.f.form), "total_score": ctx.f.form.get("total_score") or "", "": ""}
    row = [GCell(ctx.look.label(spec.label), 0, spec.span, align="center")]
    row += [GCell(texts[v], spec.span + j, align="center") for j, v in enumerate(spec.values)]
    return [row]


ROWS: dict[type, Callable[[Any, Ctx], list[list[GCell]]]] = {
    Cells: rows_cells,
    Section: rows_section,
    Checkbox: rows_checkbox,
    Heading: rows_heading,
    Components: rows_components,
    Funds: rows_funds,
    Goals: rows_goals,
    Indicators: rows_indicators,
    Total: rows_total,
}


def grid_of(spec: TableSpec, f: Filled, look: Look) -> Grid:
    widths = spec.narrow if look.narrow and spec.narrow else spec.widths
    ctx = Ctx(f, look, len(widths))
    rows = [row for row_spec in spec.rows for row in ROWS[type(row_spec)](row_spec, ctx)]
    return Grid(widths, rows, 1 if spec.header and look.repeat_header else 0)


def line_text(spec: Line, f: Filled, look: Look) -> str:
    text = look.label(spec.text).format(year=f.form["year"])
    return text + field_text(f, spec.key) if spec.key else text


def form_part(template: Template, f: Filled, index: int, look: Look) -> Part:
    title = look.label(f.form["title"])
    blocks: list[Block] = []
    for spec in template.parts:
        if isinstance(spec, Title):
            blocks.append(Para(title, "title"))
        elif isinstance(spec, Line):
            blocks.append(Para(line_text(spec, f, look), spec.kind))
        elif isinstance(spec, TableSpec):
            blocks.append(grid_of(spec, f, look))
        elif not look.flow:
            blocks.append(NewPage())
    return Part(blocks, index, look.size or template.size, title)


# ---- the long document: a department budget with the forms among other tables --------------------


FUNCTIONS = [
    ("208", "社会保障和就业支出", "7,177.64", "987.02", "6,190.62"),
    ("20801", "人力资源和社会保障管理事务", "6,190.62", "0.00", "6,190.62"),
    ("2080199", "其他人力资源和社会保障管理事务支出", "6,190.62", "0.00", "6,190.62"),
    ("20805", "行政事业单位养老支出", "987.02", "987.02", "0.00"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "658.01", "658.01", "0.00"),
    ("2080506", "机关事业单位职业年金缴费支出", "329.01", "329.01", "0.00"),
    ("210", "卫生健康支出", "102.31", "102.31", "0.00"),
    ("21011", "行政事业单位医疗", "102.31", "102.31", "0.00"),
    ("2101102", "事业单位医疗", "102.31", "102.31", "0.00"),
    ("221", "住房保障支出", "145.23", "145.23", "0.00"),
    ("22102", "住房改革支出", "145.23", "145.23", "0.00"),
    ("2210201", "住房公积金", "145.23", "145.23", "0.00"),
]
ECONOMIC = [
    ("301", "工资福利支出", "1,050.33"),
    ("30101", "基本工资", "320.12"),
    ("30102", "津贴补贴", "198.40"),
    ("30107", "绩效工资", "244.79"),
    ("30108", "机关事业单位基本养老保险缴费", "125.00"),
    ("30109", "职业年金缴费", "62.50"),
    ("30113", "住房公积金", "99.52"),
    ("302", "商品和服务支出", "160.73"),
    ("30201", "办公费", "40.00"),
    ("30206", "电费", "60.73"),
    ("30209", "物业管理费", "60.00"),
    ("303", "对个人和家庭的补助", "23.50"),
    ("30302", "退休费", "23.50"),
]
PROSE_OVERVIEW = [
    "上海市人力资源和社会保障局咨询服务中心是上海市人力资源和社会保障局所属事业单位，主要职能是承担12333"
    "人力资源和社会保障电话咨询服务，受理市民的政策咨询、信息查询和投诉举报，并承接“12345”市民服务热线"
    "转办事项的办理工作。",
    "本单位2020年部门预算由本单位本级预算组成。按照综合预算的原则，本单位所有收入和支出均纳入部门预算管理。",
    "2020年本单位收入预算7,425.18万元，全部为一般公共预算拨款；支出预算7,425.18万元，其中基本支出1,234.56"
    "万元，项目支出6,190.62万元。",
]
PROSE_NOTES = [
    "一、机关运行经费。本单位为事业单位，不涉及机关运行经费。",
    "二、政府采购情况。2020年本单位政府采购预算6,190.62万元，均为服务类采购。",
    "三、国有资产占用情况。截至2019年12月31日，本单位共有车辆0辆；单价50万元以上的通用设备0台（套）。",
    "四、项目绩效目标情况。按照预算绩效管理的要求，本单位2020年共有2个项目编制了绩效目标，涉及项目预算资金"
    "6,190.62万元，占全部项目支出的100%。各项目的绩效目标见后附各表，执行中将开展绩效监控。",
]
PROSE_TERMS = [
    "一、财政拨款收入：指本级财政当年拨付的资金。",
    "二、基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
    "三、项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "四、“三公”经费：纳入财政预算管理的“三公”经费，是指用财政拨款安排的因公出国（境）费、公务用车购置"
    "及运行费和公务接待费。",
]


def prose_page(caption: str, paragraphs: Sequence[str]) -> Part:
    return Part([Para(caption, "caption"), *(Para(p, "body") for p in paragraphs)])


def long_document(forms: list[Part]) -> list[Part]:
    """A 2020 部门预算 as published: tables and prose that are no form, the forms, one page after them."""
    totals = ("合计", "", "7,425.18", "1,234.56", "6,190.62")
    code_widths = (0.16, 0.42, 0.14, 0.14, 0.14)
    return [
        Part([Para("上海市人力资源和社会保障局咨询服务中心", "cover"), Para("2020年部门预算", "cover")]),
        prose_page("第一部分 部门概况", PROSE_OVERVIEW),
        budget_page(
            "2020年部门财务收支预算总表",
            ("收入项目", "预算数", "支出项目", "预算数"),
            [
                ("一、一般公共预算拨款", "7,425.18", "一、社会保障和就业支出", "7,177.64"),
                ("二、政府性基金预算拨款", "0.00", "二、卫生健康支出", "102.31"),
                ("三、事业收入", "0.00", "三、住房保障支出", "145.23"),
                ("四、其他收入", "0.00", "", ""),
                ("收入总计", "7,425.18", "支出总计", "7,425.18"),
            ],
            (0.3, 0.2, 0.3, 0.2),
        ),
        budget_page(
            "2020年部门收入预算总表",
            ("科目编码", "科目名称", "合计", "财政拨款", "其他收入"),
            [(c, n, t, t, "0.00") for c, n, t, _, _ in FUNCTIONS] + [("合计", "", "7,425.18", "7,425.18", "0.00")],
            code_widths,
        ),
        budget_page(
            "2020年部门支出预算总表",
            ("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
            [*FUNCTIONS, totals],
            code_widths,
        ),
        budget_page(
            "2020年一般公共预算支出功能分类预算表",
            ("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
            [*FUNCTIONS[:3], *FUNCTIONS[6:], totals],
            code_widths,
        ),
        budget_page(
            "2020年一般公共预算基本支出经济分类预算表",
            ("科目编码", "科目名称", "金额"),
            [*ECONOMIC, ("合计", "", "1,234.56")],
            (0.2, 0.55, 0.25),
        ),
        budget_page(
            "2020年“三公”经费预算表",
            ("合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"),
            [("3.20", "0.00", "2.50", "0.70")],
            (0.25, 0.25, 0.25, 0.25),
        ),
        prose_page("第三部分 其他说明情况", PROSE_NOTES),
        *forms,
        prose_page("第四部分 名词解释", PROSE_TERMS),
    ]


# ---- the PDFs to make ----------------------------------------------------------------------------

SEED_TEMPLATES = {
    "000": "target_2020",
    "001": "self_eval_2022",
    "002": "target_2019_levels",
    "003": "target_2019",
    "004": "self_eval_2019",
}
RELABEL = {
    "财政项目支出绩效目标表": "项目支出绩效目标表",
    "申报单位名称：": "申报单位：",
    "项目类别：": "项目类型：",
    "计划开始日期：": "项目开始时间：",
    "计划完成日期：": "项目结束时间：",
    "项目概况：": "项目基本情况：",
    "总目标及阶段性目标：": "项目总体目标：",
    "项目总预算（元）：": "项目资金总额（元）：",
    "项目当年预算（元）：": "年度资金申请总额（元）：",
    "同名项目上年预算额（元）：": "上年预算数（元）：",
    "同名项目上年预算执行数（元）：": "上年预算执行数（元）：",
    "一级目标": "一级指标",
    "二级目标": "二级指标",
    "三级目标": "三级指标",
    "指标目标值": "年度指标值",
}


@dataclass(frozen=True)
class Job:
    file: str
    engine: Engine
    seed: str  # 000 .. 004
    forms: tuple[int, ...] | None = None  # golden form indices, in order (None: all)
    special: tuple[str, ...] = ()
    note: str = ""
    look: Look = Look()
    long: bool = False


ENGINE_TAG = {"reportlab": "rl", "libreoffice": "lo"}
BREAK_NOTE = {
    "reportlab": "reportlab never splits a merged cell, so the table breaks between two 一级 groups",
    "libreoffice": "Calc splits the merged 一级/二级 cells at the page end: the first row on the next page has "
    "empty level cells (their text stays on the previous page)",
}
# where a seed's golden makes a cell print unlike the seed: golden form index -> what the reader sees
FORM_NOTES = {
    "001": {4: "form 4: the golden holds 长效管理制度建设情况制定并完善 as one 三级指标 without target or actual"},
    "002": {
        0: "form 0: 人员管理费 and 咨询员费用 have no amount in the golden",
        2: "form 2: no 资金用途 option checked (the golden has none)",
    },
    "004": {
        0: "no year line (the golden's 2019 is inferred from 自评时间); 具体实施处（科室） is empty (not in the model)"
    },
}


def jobs() -> list[Job]:
    marks = {("002", "reportlab"): "■", ("003", "reportlab"): "☑", ("002", "libreoffice"): "√"}
    out = [
        Job(
            f"{seed}-{ENGINE_TAG[engine]}.pdf",
            engine,
            seed,
            note="every form of the seed, one after another, each from a new page",
            look=Look(mark=marks.get((seed, engine), "■")),
        )
        for seed in SEED_TEMPLATES
        for engine in ENGINE_TAG
    ]
    for engine, tag in ENGINE_TAG.items():
        for repeat in (True, False):
            out.append(
                Job(
                    f"000-{tag}-pagebreak-{'repeat' if repeat else 'norepeat'}.pdf",
                    engine,
                    "000",
                    (1,),
                    ("page-break", "header-repeated" if repeat else "header-not-repeated"),
                    "the 绩效目标 table follows the main table on the same page and runs onto the next one; "
                    + ("its header row is printed again there; " if repeat else "the next page has no header row; ")
                    + BREAK_NOTE[engine],
                    # at 8 pt the first 一级 group fits on page 1, so reportlab breaks the table after it
                    # instead of moving the whole table to page 2
                    Look(flow=True, repeat_header=repeat, size=8 if engine == "reportlab" else None),
                )
            )
        for seed in ("000", "001"):
            out.append(
                Job(
                    f"{seed}-{tag}-narrow.pdf",
                    engine,
                    seed,
                    (0,),
                    ("narrow",),
                    "narrow value columns: targets, money and percentages wrap inside their cells "
                    "(a number or a unit split across lines)",
                    Look(narrow=True),
                )
            )
    out.append(
        Job(
            "000-rl-long.pdf",
            "reportlab",
            "000",
            special=("long-document",),
            note="a 2020 部门预算: cover, prose, six budget tables that are no form, prose that mentions 绩效目标, "
            "the 2 forms, a prose page; only form_pages hold forms",
            long=True,
        )
    )
    out.append(
        Job(
            "000-rl-relabelled.pdf",
            "reportlab",
            "000",
            special=("relabelled",),
            note="another district's wording: labels replaced by synonyms (see relabelled) and numeric targets "
            "printed as op + value with 2 decimals + (unit); the expected targets are listed per form",
            look=Look(labels=RELABEL, value=decimal_unit_value),
        )
    )
    return out


# ---- running the jobs ----------------------------------------------------------------------------


def seed_files(seed: str) -> tuple[Path, Path]:
    golden = next(SEEDS.glob(f"{seed}_*.golden.json"), None)
    if golden is None:
        fail(f"no golden for seed {seed} in {SEEDS}")
    return golden, golden.with_name(golden.name.replace(".golden.json", ".txt"))


def parts_of(job: Job) -> tuple[list[Part], Path, tuple[int, ...]]:
    golden, text = seed_files(job.seed)
    doc = json.loads(golden.read_text(encoding="utf-8"))
    seed = text.read_text(encoding="utf-8").splitlines()
    indices = job.forms if job.forms is not None else tuple(range(len(doc["forms"])))
    template = TEMPLATES[SEED_TEMPLATES[job.seed]]
    parts = [form_part(template, Filled(doc["forms"][i], seed), i, job.look) for i in indices]
    return (long_document(parts) if job.long else parts), golden, indices


@dataclass
class Made:
    job: Job
    golden: Path
    indices: tuple[int, ...]
    parts: list[Part]
    pages: list[tuple[int, int]] = field(default_factory=list)


def check_page_break(m: Made) -> None:
    """These PDFs exist for one thing: the indicator table runs onto the next page, with or without its header."""
    names = [ind["name"] for ind in golden_forms(m)[m.indices[0]]["indicators"]]
    texts = page_texts(OUT / m.job.file)
    header = m.job.look.label("三级目标")
    crosses = len(texts) > 1 and names[0] in texts[0] and names[-1] in texts[-1] and names[-1] not in texts[0]
    if not crosses or (header in texts[-1]) != m.job.look.repeat_header:
        fail(f"{m.job.file}: the indicator table does not break across pages as intended; adjust Look.size")


def make_all() -> list[Made]:
    require_generators()
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.pdf"):
        old.unlink()
    made = []
    for job in jobs():
        parts, golden, indices = parts_of(job)
        made.append(Made(job, golden, indices, parts))
    for m in made:
        if m.job.engine == "reportlab":
            m.pages = render_reportlab(m.parts, OUT / m.job.file, pdf_title(m))
    lo = [m for m in made if m.job.engine == "libreoffice"]
    for m, pages in zip(lo, render_libreoffice([(m.parts, OUT / m.job.file, pdf_title(m)) for m in lo])):
        m.pages = pages
    for m in made:
        if "page-break" in m.job.special:
            check_page_break(m)
    return made


def pdf_title(m: Made) -> str:
    return f"perfforms sample: {m.job.file} ({m.golden.name})"


# ---- manifest ------------------------------------------------------------------------------------


def manifest_entry(m: Made) -> str:
    job = m.job
    form_parts = [(p, pages) for p, pages in zip(m.parts, m.pages) if p.form is not None]
    entry: dict[str, Any] = {
        "file": job.file,
        "engine": job.engine,
        "golden": m.golden.relative_to(ROOT).as_posix(),
        "template": TEMPLATES[SEED_TEMPLATES[job.seed]].name,
        "forms": list(m.indices),
        "special": list(job.special),
        "pages": pdf_pages(OUT / job.file),
        "form_pages": [list(pages) for _, pages in form_parts],
    }
    if job.long:
        in_forms = {n for _, (a, b) in form_parts for n in range(a, b + 1)}
        entry["other_pages"] = [n for n in range(1, entry["pages"] + 1) if n not in in_forms]
    if any(isinstance(r, Checkbox) for r in template_rows(job)):
        entry["checked_mark"] = job.look.mark
    if job.look.value is not plain_value:
        entry["targets"] = [
            [job.look.value(ind["target"]) if ind["target"] else "" for ind in golden_forms(m)[i]["indicators"]]
            for i in m.indices
        ]
    notes = FORM_NOTES.get(job.seed, {})
    entry["note"] = "; ".join([job.note, *(notes[i] for i in m.indices if i in notes)])
    lines = ["[[pdf]]", *(f"{k} = {toml_value(v)}" for k, v in entry.items())]
    if job.look.labels:
        lines += ["", "[pdf.relabelled]  # label as the seed prints it -> label printed in this PDF"]
        lines += [f"{toml_value(k)} = {toml_value(v)}" for k, v in job.look.labels.items()]
    return "\n".join(lines)


def template_rows(job: Job) -> list[Any]:
    parts = TEMPLATES[SEED_TEMPLATES[job.seed]].parts
    return [row for p in parts if isinstance(p, TableSpec) for row in p.rows]


def golden_forms(m: Made) -> list[dict[str, Any]]:
    return json.loads(m.golden.read_text(encoding="utf-8"))["forms"]


MANIFEST_HEAD = """\
# Generated by samples/make_samples.py: do not edit (rerun it; the same inputs give the same bytes).
# One [[pdf]] per file. golden: the seed golden whose forms it renders; forms: the golden's form indices,
# in page order; form_pages: [first, last] page (1-based) of each of those forms; special: page-break,
# header-repeated, header-not-repeated, long-document, narrow, relabelled (empty for a plain render).
# Content that differs from the golden is said here: relabelled labels and rewritten targets.
# Seed 002's golden is partial (its seed text is scrambled): no sections, no 一级/二级 levels on its
# indicators, so those cells are printed empty; each entry's note says what else prints unlike the seed.
# Money and dates are printed as the seed prints them (81,572,666 / 70762666.00; 2019-1-1), decimals and
# indicator values as the golden holds them (Value.raw). Every page has a footer "第 N 页".

[generator]
fonts = "WenQuanYi Zen Hei (wqy-zenhei.ttc face 0), TrueType subsets; reportlab sets ☑ in DejaVu Sans"
reportlab = "Table + Paragraph(wordWrap=CJK): a cell wraps at any character, inside numbers too (≤1|0分钟, \
70762666.|00); a merged cell never crosses a page (a table breaks between row spans); rules 0.5 pt"
libreoffice = "openpyxl xlsx -> soffice --convert-to pdf: wraps at spaces and after CJK punctuation, keeps a \
number with its unit (故障处理时间≤|90分钟) unless it is wider than the cell (81572666|.00); a merged cell \
split by a page end keeps its text on the first page; rules 0.75 pt; text not in reading order in the stream"
both = "rules are line segments, none inside merged cells; no extra character spacing; footer 第 N 页 first"
"""


def write_manifest(made: list[Made]) -> None:
    text = MANIFEST_HEAD + "\n" + "\n\n".join(manifest_entry(m) for m in made) + "\n"
    tomllib.loads(text)  # refuse to write a manifest that does not parse
    (OUT / "manifest.toml").write_text(text, encoding="utf-8")


def main() -> None:
    made = make_all()
    write_manifest(made)
    total = sum((OUT / m.job.file).stat().st_size for m in made)
    for m in made:
        size = (OUT / m.job.file).stat().st_size
        print(f"{m.job.file:34} {m.job.engine:12} {pdf_pages(OUT / m.job.file):3} pages {size / 1024:7.1f} KB")
    print(f"{len(made)} PDFs, {total / 1024:.0f} KB, manifest: {(OUT / 'manifest.toml').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
