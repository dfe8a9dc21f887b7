"""One document's review page: the page images with a box on every cell read, beside the records.

Left, each PDF page as an image with the provenance boxes coloured by status; right, per form the key
fields, sections, funds, components, the indicator table and the flags. Every record cell, box and
flag carries the keys of its cells (report.cells), and assets/report.js links what shares a key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from models import Document, Flag, Form, Indicator, Where
from report.cells import (
    COMPONENT_COLUMNS,
    FUND_COLUMNS,
    INDICATOR_COLUMNS,
    KEY_FIELDS,
    PRIORITY,
    STATUSES,
    Cell,
    DocumentCells,
    column_label,
    display,
    document_cells,
    field_label,
    key,
    value_detail,
)
from report.markup import Html, join, tag
from report.page import page_shell
from report.pages import PageImage, ocr_turns, render_pages
from scoring.common import year_budget
from scoring.confidence import LOW_CONFIDENCE_CODE
from scoring.judge import judge

FORM_TYPES = {"target": "绩效目标表", "self_eval": "绩效自评表"}
SEVERITIES = ("error", "warning", "info")
_VERDICTS = {True: ("met", "✓ 达标"), False: ("not-met", "✗ 未达标"), None: ("undecided", "? 无法判断")}


def write_document_report(document: Document, target: Path, index_href: str | None = None) -> Path:
    """Write `document`'s review page to `target` (.html), its pages rendered from document.source.path."""
    text = document.source.kind == "text"
    pages, note = ([], None) if text else render_pages(Path(document.source.path), ocr_turns(document))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(document_html(document, pages, note, index_href), encoding="utf-8")
    return target


def document_html(document: Document, pages: Sequence[PageImage], note: str | None = None,
                  index_href: str | None = None) -> str:
    cells = document_cells(document)
    body = [
        _header(document, cells, pages, note, index_href),
        tag("main", _pages_panel(pages, cells) if pages else None, _records(document, cells)),
    ]
    layout = "report has-pages" if pages else "report no-pages"
    return page_shell(Path(document.source.path).name, body, "report", layout)


# ---- header --------------------------------------------------------------------------------------


def _header(document: Document, cells: DocumentCells, pages: Sequence[PageImage], note: str | None,
            index_href: str | None) -> Html:
    source = document.source
    severities = Counter(flag.severity for flag in document.flags)
    facts = [source.path, source.kind, f"{source.pages} 页" if source.pages else None, f"{len(document.forms)} 张表",
             f"sha256 {source.sha256[:12]}…"]
    flags = " · ".join(f"{severities[s]} {s}" for s in SEVERITIES if severities[s]) or "no flags"
    whole = [number for number, flag in enumerate(document.flags) if flag.form_index is None]
    return tag(
        "header",
        tag("a", "← index", href=index_href, class_="back") if index_href else None,
        tag("h1", Path(source.path).name),
        tag("p", " · ".join(filter(None, facts)), " · ", tag("b", flags), class_="meta"),
        _legend(cells, bool(pages)),
        tag("p", note, class_="note") if note else None,
        tag("p", "Text input, so no page images: L12 is line 12 of the source file.", class_="note")
        if source.kind == "text" else None,
        _flag_list(whole, document, cells) if whole else None,
        tag("ul", [tag("li", error) for error in document.errors], class_="errors") if document.errors else None,
        _form_nav(document),
        class_="top",
    )


def _legend(cells: DocumentCells, boxed: bool) -> Html:
    # what is drawn: the boxes on the pages, or for text input the cells read from a line
    counts = Counter(cell.status for cell in cells.cells.values()
                     if cell.where is not None and (cell.where.bbox is not None or not boxed))
    items = [tag("li", tag("span", class_=f"swatch st-{status}"), f"{meaning} ({counts[status]})")
             for status, meaning in STATUSES.items()]
    toggle = tag("label", tag("input", type="checkbox", id="toggle-boxes", checked=True), " boxes") if boxed else None
    return tag("div", tag("ul", items), toggle, class_="legend")


def _form_nav(document: Document) -> Html:
    links = []
    for index, form in enumerate(document.forms):
        count = sum(1 for flag in document.flags if flag.form_index == index and flag.severity != "info")
        links.append(tag("a", f"表 {index + 1} {FORM_TYPES[form.form_type]}",
                         tag("span", count, class_="count") if count else None, href=f"#form-{index}"))
    return tag("nav", links, class_="forms-nav")


# ---- pages ---------------------------------------------------------------------------------------


def _pages_panel(pages: Sequence[PageImage], cells: DocumentCells) -> Html:
    boxed: dict[tuple[int, tuple[float, ...]], list[Cell]] = {}
    for cell in cells.cells.values():
        if cell.where is not None and cell.where.page is not None and cell.where.bbox is not None:
            boxed.setdefault((cell.where.page, tuple(cell.where.bbox)), []).append(cell)
    figures = []
    for page in pages:
        here = sorted(((bbox, group) for (number, bbox), group in boxed.items() if number == page.number),
                      key=lambda item: -(item[0][2] - item[0][0]) * (item[0][3] - item[0][1]))  # big ones below
        figures.append(tag(
            "figure",
            tag("div", tag("img", src=page.data_uri, alt=f"page {page.number}"),
                [_box(page, bbox, group) for bbox, group in here], class_="sheet"),
            tag("figcaption", f"第 {page.number} 页"),
            class_="page", id=f"page-{page.number}", data_page=page.number,
            data_frame=" ".join(f"{v:g}" for v in (*page.origin, page.width, page.height)),
            style=f"--ratio:{page.width / page.height:.4f}",  # print: the whole page on one sheet
        ))
    return tag("section", figures, class_="pages", aria_label="pages")


def _box(page: PageImage, bbox: tuple[float, ...], group: list[Cell]) -> Html:
    left, top, width, height = page.percent_box(bbox)  # type: ignore[arg-type]
    status = min((cell.status for cell in group), key=PRIORITY.index)
    return tag("div", class_=f"box st-{status}", data_keys=" ".join(cell.key for cell in group),
               data_bbox=" ".join(f"{v:g}" for v in bbox),
               style=f"left:{left:.3f}%;top:{top:.3f}%;width:{width:.3f}%;height:{height:.3f}%",
               title="\n".join(f"{cell.label}: {cell.text} ({STATUSES[cell.status]})" for cell in group))


# ---- records -------------------------------------------------------------------------------------


def _records(document: Document, cells: DocumentCells) -> Html:
    return tag("section", [_form(index, form, document, cells) for index, form in enumerate(document.forms)],
               class_="records", aria_label="records")


def _form(index: int, form: Form, document: Document, cells: DocumentCells) -> Html:
    flags = [number for number, flag in enumerate(document.flags) if flag.form_index == index]
    pages = sorted({w.page for w in form.provenance.values() if w.page is not None})
    where = f"第 {pages[0]}–{pages[-1]} 页" if len(pages) > 1 else f"第 {pages[0]} 页" if pages else ""
    return tag(
        "article",
        tag("h2", f"表 {index + 1} · {FORM_TYPES[form.form_type]}", tag("small", where) if where else None),
        _recognised(form),
        tag("h3", "Flags", tag("span", len(flags), class_="count")) if flags else None,
        _flag_list(flags, document, cells) if flags else None,
        tag("h3", "Key fields"),
        _fields(index, form, cells),
        _extra(form),
        _sections(index, form, cells),
        _row_table("Funds 项目资金", index, "funds", len(form.funds), ("source", *FUND_COLUMNS), cells),
        _row_table("Components 资金构成", index, "components", len(form.components), COMPONENT_COLUMNS, cells,
                   _components_total(form)),
        _indicators(index, form, cells),
        class_="form", id=f"form-{index}", data_form=index, data_page=pages[0] if pages else None,
    )


def _recognised(form: Form) -> Html | None:
    """Which template the form was read as, and how much of its print went into the record."""
    facts = [f"template {form.template}" if form.template else None,
             f"coverage {form.coverage * 100:.1f}%" if form.coverage is not None else None]
    return tag("p", " · ".join(filter(None, facts)), class_="meta recognised") if any(facts) else None


def _extra(form: Form) -> Html | None:
    """The printed labels no field takes, with their values: nothing read is left out of the page."""
    if not form.extra:
        return None
    rows = [tag("tr", tag("th", label), tag("td", value)) for label, value in form.extra.items()]
    return join([tag("h3", "Other printed labels", tag("span", len(form.extra), class_="count")),
                 tag("table", tag("tbody", rows), class_="fields extra")])


def _cell(cell: Cell, name: str = "td", chip: bool = True) -> Html:
    """A record cell; `chip` adds where it was read (p3, L12): a table row says it once, in its # cell."""
    return tag(name, cell.text, _doubt(cell), _where_chip(cell.where) if chip else None,
               class_=f"cell st-{cell.status}", data_keys=cell.key, title=_tooltip(cell), tabindex="0")


def _doubt(cell: Cell) -> Html | None:
    """Beside a value read below the confidence threshold: the confidence, as its low_confidence flag says."""
    if LOW_CONFIDENCE_CODE not in cell.flags or cell.where is None:
        return None
    return tag("span", f"⚠ {cell.where.confidence:.2f}", class_="doubt", data_code=LOW_CONFIDENCE_CODE)


def _row_number(row: int, cells: Sequence[Cell]) -> Html:
    where = next((cell.where for cell in cells if cell.where is not None), None)
    return tag("td", row + 1, _where_chip(where), class_="n")


def _where_chip(where: Where | None) -> Html | None:
    if where is None:
        return None
    text = f"p{where.page}" if where.page is not None else f"L{where.line}" if where.line is not None else None
    return tag("span", text, class_="where") if text else None


def _tooltip(cell: Cell) -> str:
    lines = [f"{cell.label} ({STATUSES[cell.status]})", value_detail(cell.value),
             f"flags: {', '.join(cell.flags)}" if cell.flags else None]
    where = cell.where
    if where is not None:
        place = (f"page {where.page}, box {list(where.bbox)}" if where.bbox else
                 f"page {where.page}" if where.page else f"line {where.line}" if where.line else "")
        lines.append(f"{place} · {where.method} {where.confidence:.2f}" + (f" · {where.label}" if where.label else ""))
    return "\n".join(line for line in lines if line)


def _table(headers: Iterable[str], rows: Iterable[Iterable[Html]], class_: str, foot: Html | None = None) -> Html:
    return tag("table", tag("thead", tag("tr", [tag("th", h) for h in headers])),
               tag("tbody", [tag("tr", row) for row in rows]), foot, class_=class_)


def _fields(index: int, form: Form, cells: DocumentCells) -> Html:
    shown = [cells.cells[key(index, name)] for name in KEY_FIELDS]
    present = [cell for cell in shown if cell.value is not None or cell.where is not None]
    absent = [field_label(cell.path) for cell in shown if cell not in present]
    rows = [[tag("th", cell.label), _cell(cell)] for cell in present]
    return join([
        tag("table", tag("tbody", [tag("tr", row) for row in rows]), class_="fields"),
        tag("p", "Not on this form: ", "、".join(absent), class_="absent") if absent else None,
    ])


def _sections(index: int, form: Form, cells: DocumentCells) -> Html | None:
    if not form.sections:
        return None
    items = [tag("details", tag("summary", field_label(f"sections.{name}")),
                 _cell(cells.cells[key(index, f"sections.{name}")], "div"))
             for name in form.sections]
    return join([tag("h3", "Sections"), tag("div", items, class_="sections")])


def _row_table(title: str, index: int, table: str, count: int, columns: Sequence[str], cells: DocumentCells,
               foot: Html | None = None) -> Html | None:
    if not count:
        return None
    rows = []
    for row in range(count):
        shown = [cells.cells[key(index, f"{table}[{row}].{column}")] for column in columns]
        rows.append([_row_number(row, shown), *(_cell(cell, chip=False) for cell in shown)])
    headers = ["#"] + [column_label(f"{table}[0].{column}") for column in columns]
    return join([tag("h3", title), _table(headers, rows, f"rows {table}", foot)])


def _components_total(form: Form) -> Html | None:
    amounts = [c.amount for c in form.components if c.amount is not None]
    if not amounts:
        return None
    budget = year_budget(form)
    compare = f" (当年预算 {display('current_budget', budget)})" if budget is not None else ""
    return tag("tfoot", tag("tr", tag("td"), tag("td", "合计"), tag("td", display("amount", sum(amounts)), compare)))


def _indicators(index: int, form: Form, cells: DocumentCells) -> Html | None:
    if not form.indicators:
        return None
    rows = []
    for row, indicator in enumerate(form.indicators):
        *scored, note = [cells.cells[key(index, f"indicators[{row}].{column}")] for column in INDICATOR_COLUMNS]
        met = tag("td", _verdict(indicator) if indicator.target and indicator.actual else "", class_="met")
        rows.append([_row_number(row, [*scored, note]), *(_cell(cell, chip=False) for cell in scored), met,
                     _cell(note, chip=False)])
    headers = ["#", *(column_label(f"indicators[0].{column}") for column in INDICATOR_COLUMNS[:-1]), "达标",
               column_label("indicators[0].note")]
    return join([tag("h3", "Indicators 绩效指标", tag("span", len(form.indicators), class_="count")),
                 tag("div", _table(headers, rows, "rows indicators"), class_="scroll")])


def _verdict(indicator: Indicator) -> Html:
    """The indicator's `met`, with the judge's working (the comparison made, or why none could be) as its title."""
    kind, text = _VERDICTS[indicator.met]
    verdict = judge(indicator)
    return tag("span", text, class_=f"verdict {kind}", title=verdict.how if verdict else None)


# ---- flags ---------------------------------------------------------------------------------------


def _flag_list(numbers: Sequence[int], document: Document, cells: DocumentCells) -> Html:
    return tag("ol", [_flag(number, document.flags[number], cells) for number in numbers], class_="flags")


def _flag(number: int, flag: Flag, cells: DocumentCells) -> Html:
    keys = cells.flag_keys[number]
    figures = " · ".join(f"{name} {value}" for name, value in (("expected", flag.expected), ("found", flag.found))
                         if value is not None)
    chips = [tag("button", cells.cells[k].label, type="button", class_="chip", data_keys=k) for k in keys]
    return tag(
        "li",
        tag("span", flag.severity, class_="sev"), " ", tag("code", flag.code), " ",
        tag("span", flag.message, class_="message"),
        tag("span", figures, class_="figures") if figures else None,
        tag("span", "→ ", chips, class_="targets") if chips else None,
        class_=f"flag sev-{flag.severity}", id=f"flag-{number}", data_code=flag.code,
        data_keys=" ".join(keys) or None, tabindex="0",
    )
