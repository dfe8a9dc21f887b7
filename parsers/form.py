"""One form span -> a Form: labelled fields, sections, the funds and components blocks, indicators."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

import regex

from models import Cell, Flag, Form, Line, Where
from normalize.dates import parse_date, parse_year, split_dates
from normalize.patterns import compiled
from normalize.text import join_lines
from parsers.blocks import read_components, read_funds
from parsers.fields import (
    MONEY_FIELDS,
    SOURCE_ROWS,
    amounts_unit,
    checkbox_rows,
    column_fields,
    read_checkbox,
    read_field,
    same_column,
    without_spaces,
)
from parsers.hits import Labelled, find_hits, labelled_values
from parsers.indicators import build_indicators, horizon_named, table_rows, total_of
from parsers.knowledge import column_synonyms, knowledge, title_parts
from parsers.scrambled import (
    date_lines,
    free_items,
    is_scrambled,
    pair_components,
    project_name_after_unit,
    resolve_dates,
    same_line_indicators,
)
from parsers.segment import HEADING_LINES, FormSpan
from parsers.stream import Stream, where_of
from parsers.table import Table, find_table, places_kept

_SPACE = compiled(r"\s+")
_FROM_COLON = compiled(r"[:：].*$")
_FORM_FIELDS = set(Form.model_fields)
# a cell problem from the funds block or the indicator table opens with its path: "funds[1].weight: not a number"
_PROBLEM_PATH = regex.compile(r"^(\w+\[\d+\]\.\w+):")
_HEADING_UNIT = compiled(r"[（(]\s*(?P<unit>万元|元)\s*[)）]")
_SOURCE_FIGURES = compiled(r"[\d,.]+\s*(?:万元|元)?$")


@dataclass
class FormParse:
    """A form being assembled: its fields, where each was read, and what stayed in doubt."""

    index: int
    values: dict[str, object] = field(default_factory=dict)
    provenance: dict[str, Where] = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)
    read: set[str] = field(default_factory=set)  # fields settled, even if to "unreadable"
    read_lines: set[int] = field(default_factory=set)  # lines those fields were read from
    title_lines: set[int] = field(default_factory=set)
    form_fields: frozenset[str] = frozenset(_FORM_FIELDS)
    headers: dict[str, str] = field(default_factory=dict)  # table column -> the header printed for it

    def set(self, key: str, value: object, where: Where | None) -> None:
        if value is None or key in self.values:
            return
        self.values[key] = value
        if where is not None:
            self.provenance[key] = where

    def flag(self, code: str, severity: str, message: str, expected: str | None = None,
             found: str | None = None, paths: Iterable[str] = ()) -> None:
        """A flag on this form; `paths` are the provenance paths it concerns (the field or cells in doubt)."""
        self.flags.append(Flag(form_index=self.index, code=code, severity=severity, message=message,
                               expected=expected, found=found, paths=list(paths)))


def parse_form(span: FormSpan, index: int) -> tuple[Form, list[Flag]]:
    lines = span.lines
    stream = Stream(lines)
    parse = FormParse(index)
    parse.set("form_type", span.form_type, None)
    parse.set("title", title_parts(span.title)[0] if span.title else None, _title_where(stream, span))
    _read_year(parse, stream, span)
    every_label = labelled_values(stream, find_hits(stream, []), stops=[])
    if is_scrambled(every_label, stream):
        _read_scrambled(parse, stream, lines, every_label)
    else:
        _read_structured(parse, stream, lines)
    return finish_form(parse)


def finish_form(parse: FormParse) -> tuple[Form, list[Flag]]:
    """The Form of what was read, with what follows from it: an inferred year, the pages spanned."""
    _year_from_eval_date(parse)
    _year_from_name(parse)
    _page_span(parse)
    parse.values["provenance"] = parse.provenance
    form = Form.model_validate({key: value for key, value in parse.values.items() if key in _FORM_FIELDS})
    return form, parse.flags


def _read_structured(parse: FormParse, stream: Stream, lines: list[Line]) -> None:
    funds = read_funds(lines)
    components = read_components(lines)
    # a table printed before the form's title (the page's own heading over it) ends at that title
    # a funds block printed after the indicator table ends it (its header line, as read_funds found it)
    ends = _section_lines(lines) + ([funds.first] if funds else []) + sorted(parse.title_lines)
    table = find_table(lines, ends_body=ends)
    # the total row is no field's, but a label printed in it is (总分 | 100 | 95.83 | 自评等级：优)
    blocks = [(table.header_first, table.body_end) if table else None,
              (funds.first, funds.end) if funds else None,
              (components.first, components.end) if components else None]
    skip = [(stream.line_starts[a], _line_offset(stream, b)) for a, b in filter(None, blocks)]
    hits = find_hits(stream, skip)
    # a value ends at a block, and at the title (报表编号:510000_0027zp over the title: not one value)
    titles = [stream.line_starts[index] for index in parse.title_lines]
    values = labelled_values(stream, hits, stops=[low for low, _ in skip] + titles)

    _read_checkboxes(parse, stream, lines)
    _read_column_sections(parse, stream, lines)
    unit = amounts_unit(lines)
    block_lines = {i for a, b in filter(None, blocks) for i in range(a, b)}
    _read_column_fields(parse, lines, block_lines, unit)
    _read_composition_totals(parse, lines, block_lines, unit)
    _read_labelled(parse, stream, values, unit)
    if funds:
        _read_funds(parse, funds)
    if components:
        parse.values["components"] = components.components
        parse.provenance.update(components.provenance)
        _problems(parse, components.problems)
    if table:
        _read_indicators(parse, lines, table)


def _read_scrambled(parse: FormParse, stream: Stream, lines: list[Line], values: list[Labelled]) -> None:
    parse.flag("layout_scrambled", "warning",
               "the text's reading order is scrambled (labels printed apart from their values): values were "
               "paired only where the form itself shows which goes with which; the flags below say what stayed open")
    _read_checkboxes(parse, stream, lines)
    claimed = {stream.line_index(v.hit.start) for v in values} | set(parse.read_lines) | parse.title_lines
    # the row under 项目负责人 / 联系人 / 联系电话 holds a person and a phone number, not an amount
    contact_rows = {stream.line_index(v.hit.start) for v in values if v.hit.key in ("项目负责人", "联系人", "联系电话")}
    for labelled in values:
        if labelled.hit.kind != "field" or labelled.hit.key in parse.values or labelled.hit.key in parse.read:
            continue
        reading = read_field(labelled.hit.key, labelled.text, labelled.suffix)
        if reading.value is not None and labelled.hit.key in _FORM_FIELDS:
            parse.set(labelled.hit.key, reading.value, stream.where(labelled.start, labelled.end, labelled.hit.printed))
            claimed |= set(range(stream.line_index(labelled.start), stream.line_index(max(labelled.end - 1, 0)) + 1))
    sections = sorted({v.hit.printed for v in values if v.hit.kind == "section"})
    if sections:
        keys = sorted({v.hit.key for v in values if v.hit.kind == "section"})
        parse.flag("sections_unpaired", "warning",
                   f"sections not read ({'、'.join(sections)}): in this order their texts cannot be told apart",
                   paths=[f"sections.{key}" for key in keys])
    items = free_items(lines, claimed)
    _scrambled_name(parse, stream, lines, values, claimed)
    items = [item for item in items if item.line not in claimed]
    _scrambled_dates(parse, stream, values, items)
    dates = {item.line for item in date_lines(items)}
    items = [item for item in items if item.line not in dates and item.line - 1 not in contact_rows]
    _scrambled_components(parse, items)
    indicators = same_line_indicators(items)
    parse.values["indicators"] = indicators
    parse.flag("indicators_unpaired", "warning",
               f"indicator table scrambled: {len(indicators)} rows read where a name and its target share a line; "
               "their 一级/二级 levels and the rows printed apart could not be paired",
               paths=[f"indicators[{row}].{level}" for row in range(len(indicators)) for level in ("level1", "level2")])


def _scrambled_name(parse: FormParse, stream: Stream, lines: list[Line], values: list[Labelled],
                    claimed: set[int]) -> None:
    if "project_name" in parse.values:
        return
    unit = next((v for v in values if v.hit.key == "unit"), None)
    found = project_name_after_unit(lines, stream.line_index(unit.hit.start) if unit else None, claimed)
    if found is None:
        parse.flag("field_unpaired", "warning", "项目名称: its value could not be found", paths=["project_name"])
        return
    line, name = found
    claimed.add(line)
    parse.set("project_name", name, stream.where(stream.line_starts[line], _line_offset(stream, line + 1), "项目名称"))
    parse.flag("paired_by_layout", "info", f"项目名称 read from the line under 申报单位名称: {name}", found=name,
               paths=["project_name"])


def _scrambled_dates(parse: FormParse, stream: Stream, values: list[Labelled], items: list) -> None:
    if "start_date" in parse.values and "end_date" in parse.values:
        return
    label_lines = sorted({stream.line_index(v.hit.start) for v in values if v.hit.key in ("start_date", "end_date")})
    start, end, how = resolve_dates([stream.lines[index].text for index in label_lines], items)
    if how is None:
        parse.flag("field_unpaired", "warning", "开始时间/结束时间: the dates could not be paired with their labels",
                   paths=["start_date", "end_date"])
        return
    parse.values.pop("start_date", None)
    parse.values.pop("end_date", None)
    parse.set("start_date", start, None)
    parse.set("end_date", end, None)
    parse.flag("paired_by_order", "info", how, found=f"{start} – {end}", paths=["start_date", "end_date"])


def _scrambled_components(parse: FormParse, items: list) -> None:
    name = parse.values.get("project_name")
    paired = pair_components(items, parse.values.get("current_budget"), {name} if isinstance(name, str) else set())
    parse.values["components"] = [component for _, component in paired.components]
    unpaired = [row for row, (_, component) in enumerate(paired.components) if component.amount is None]
    for problem in paired.problems:
        parse.flag("component_pairing_ambiguous", "warning", problem,
                   paths=[f"components[{row}].{column}" for row in unpaired for column in ("name", "amount")])


def _line_offset(stream: Stream, line_index: int) -> int:
    return stream.line_starts[line_index] if line_index < len(stream.line_starts) else len(stream.text)


def _title_where(stream: Stream, span: FormSpan) -> Where | None:
    if span.title_line is None:
        return None
    start = stream.line_starts[span.title_line]
    return stream.where(start, _line_offset(stream, span.title_line + 1), None)


def _read_year(parse: FormParse, stream: Stream, span: FormSpan) -> None:
    """The year printed with the title: （2020年度） on the title line or the two lines after it."""
    if span.title_line is None:
        return
    parse.title_lines.add(span.title_line)
    for line_index in range(span.title_line, min(span.title_line + 3, len(span.lines))):
        text = span.lines[line_index].text
        year = (title_parts(text.strip())[1] if line_index == span.title_line else None) or parse_year(text)
        if year:
            parse.title_lines.add(line_index)
            start = stream.line_starts[line_index]
            parse.set("year", year, stream.where(start, _line_offset(stream, line_index + 1), None))
            return
    above = range(max(0, span.title_line - HEADING_LINES), span.title_line)
    year_from_heading(parse, [span.lines[index].text for index in above],
                      stream.where(stream.line_starts[above[0]], stream.line_starts[span.title_line], None)
                      if above else None)


_HEADING_YEAR = compiled(r"((?:19|20)\d{2})\s*年(?!\d)")


def heading_year(text: str) -> int | None:
    """The year of a page heading over a form's title (朝阳区2018年区级部门预算项目绩效目标公开): a line about the
    forms (绩效) or the budget or accounts they come with (2022年部门预算公开), naming one year."""
    years = {int(found) for found in _HEADING_YEAR.findall(text)}
    about_forms = any(word in text for word in knowledge()["titles"]["heading_words"])
    return years.pop() if about_forms and len(years) == 1 else None


def year_from_heading(parse: FormParse, texts: list[str], where: Where | None) -> None:
    """No year printed with the title: the heading printed just over it names it, said by a flag."""
    year = next((found for text in reversed(texts) if (found := heading_year(text))), None)
    if year is None or "year" in parse.values:
        return
    parse.set("year", year, where)
    parse.flag("year_inferred", "info", "no year printed with the title; taken from the heading over it",
               found=str(year), paths=["year"])


def _section_lines(lines: list[Line]) -> list[int]:
    """Lines opening with a section label (备注, 说明) or an approval block (审核意见): they end an indicator table."""
    words = [word for words in knowledge()["sections"].values() for word in words] + ["说明"] \
        + knowledge()["headings"]["table_ends"]
    found = []
    for index, line in enumerate(lines):
        first = next((cell.text for cell in line.cells if cell.text.strip()), "")
        if _FROM_COLON.sub("", _SPACE.sub("", first)) in words:
            found.append(index)
    return found


_TRAILING_NOTE = regex.compile(r"[（(][^（）()]*[）)]$")  # 中期目标（2023年-2025年）, 年度目标(100字以内)


@lru_cache(maxsize=4096)  # every cell of every ruled row asks
def _section_key(text: str) -> str | None:
    compact = _TRAILING_NOTE.sub("", _SPACE.sub("", text))
    return next((key for key, words in knowledge()["sections"].items() if compact in words), None)


def _read_column_sections(parse: FormParse, stream: Stream, lines: list[Line]) -> None:
    """Section headers side by side in a ruled row (预期目标 | 实际完成情况): each one's text is the
    cell under it in the next row."""
    heads = knowledge()["section_rows"]["labels"]
    for index, line in enumerate(lines[:-1]):
        headers = [(cell, key) for cell in line.cells if line.layout == "grid" and (key := _section_key(cell.text))]
        below = lines[index + 1]
        if len(headers) < 2 or below.layout != "grid" or any(
                cell.text.strip() and not _section_key(cell.text) and _SPACE.sub("", cell.text) not in heads
                for cell in line.cells):
            continue  # a row holding a text beside its labels (总体目标 | 长期目标 | 2025-2027年…) heads none
        for cell, key, under in _under_headers(line, below, headers):
            text = join_lines([c.text for c in under])
            if text:
                parse.values.setdefault("sections", {}).setdefault(key, text)
                if where := where_of(under, cell.text):
                    parse.provenance[f"sections.{key}"] = where


def _read_column_fields(parse: FormParse, lines: list[Line], skip: set[int], unit: str | None) -> None:
    """Field labels side by side over the row holding their values (中期资金总额 | 年度资金总额)."""
    for found in column_fields(lines, skip):
        text = join_lines([cell.text for cell in found.under])
        where = where_of(found.under, found.label.text)
        if found.key == "period":
            read_period_text(parse, found.label.text, text, where)
        elif found.key in _FORM_FIELDS and found.key not in parse.values:
            printed_unit = found.suffix or _heading_unit(found.label, lines) or unit
            reading = read_field(found.key, text, printed_unit)
            parse.set(found.key, reading.value, where)
            if found.key in MONEY_FIELDS and reading.value is not None and printed_unit == "万元":
                parse.values.setdefault("funds_unit", "万元")  # the amounts were printed in 万元, stored in 元


def _read_composition_totals(parse: FormParse, lines: list[Line], skip: set[int], unit: str | None) -> None:
    """A heading over a project's money, then its sources and their total (资金总额及构成 | 总额 | 2486.3518万元;
    资金来源 | 财政拨款 | 1,086,400.00 … | 合计 | 1,286,400.00; 资金来源（万元）合计2,142.00): the total is the field
    the heading names. The sources' rows follow the heading's, each opening with a source (财政拨款, 其中：…)."""
    for index, line in enumerate(lines):
        heading = None if index in skip else _composition_pattern().match(_row_text(line))
        if heading is None or (key := _composition_key(heading["heading"])) in parse.values:
            continue
        below = lines[index + 1: index + SOURCE_ROWS]
        rows = [(line, heading["rest"])] + [(row, _row_text(row)) for row in below]
        for row, text in rows:
            if (total := _total_pattern().match(text)) is not None:
                reading = read_field(key, total["amount"], heading["unit"] or unit)
                parse.set(key, reading.value, where_of([cell for cell in row.cells if cell.text.strip()],
                                                       heading["heading"]))
                break
            if text and not _opens_with_source(text):
                break


def _row_text(line: Line) -> str:
    return " ".join(cell.text.strip() for cell in line.cells if cell.text.strip())


@lru_cache(maxsize=1)
def _composition_headings() -> dict[str, str]:
    return {_SPACE.sub("", heading): key for heading, key in knowledge()["composition"]["headings"].items()}


@lru_cache(maxsize=1)
def _composition_pattern() -> re.Pattern[str]:
    """A row opening with a heading, its unit in brackets where printed, then the rest of the row."""
    headings = "|".join(map(re.escape, sorted(_composition_headings(), key=len, reverse=True)))
    unit = r"(?:[（(]\s*(?:单位[:：])?\s*(?P<unit>万元|元)\s*[)）])?"
    return compiled(rf"^(?P<heading>{headings})\s*{unit}\s*(?P<rest>.*)$")


@lru_cache(maxsize=1)
def _total_pattern() -> re.Pattern[str]:
    """A row opening with the total word and its amount (合计 | 342.60; 总额：2486.3518万元)."""
    totals = "|".join(map(re.escape, knowledge()["composition"]["totals"]))
    return compiled(rf"^(?:{totals})\s*[:：]?\s*(?P<amount>\d[\d,]*(?:\.\d+)?\s*(?:万元|元)?)(?:\s|$)")


def _composition_key(heading: str) -> str:
    return _composition_headings()[_SPACE.sub("", heading)]


def _opens_with_source(text: str) -> bool:
    """A row of a money's sources: 财政拨款 1,086,400.00, 其中：一般公共预算 298.60, 单位资金24.00."""
    label = _SOURCE_FIGURES.sub("", text.split(" ")[0])
    return label.startswith("其中") or label in _source_words()


@lru_cache(maxsize=1)
def _source_words() -> frozenset[str]:
    return frozenset(_SPACE.sub("", source) for source in knowledge()["funds"]["sources"])


def _heading_unit(label: Cell, lines: list[Line]) -> str | None:
    """The unit printed with the heading on a label's row: 项目资金（万元） | 中期资金总额 | 年度资金总额."""
    row = next((line for line in lines if any(cell is label for cell in line.cells)), None)
    headings = [cell.text for cell in row.cells] if row else []
    return next((found["unit"] for text in headings if (found := _HEADING_UNIT.search(text))), None)


def _read_labelled(parse: FormParse, stream: Stream, values: list[Labelled], unit: str | None) -> None:
    block_unit = unit  # 项目资金（万元）: the amounts under such a heading are in its unit
    for position, labelled in enumerate(values):
        hit = labelled.hit
        if hit.kind == "heading":
            block_unit = labelled.suffix or unit
        if hit.kind == "field" and hit.key == "period":
            _read_period(parse, stream, labelled)
        elif hit.kind == "field":
            _read_one_field(parse, stream, labelled if labelled.suffix else replace(labelled, suffix=block_unit))
        elif hit.kind == "section" and labelled.text:
            _read_section(parse, stream, labelled, values[position - 1] if position else None)
        elif hit.kind == "extra" and labelled.text:
            parse.values.setdefault("extra", {}).setdefault(hit.printed, labelled.text)


def _read_one_field(parse: FormParse, stream: Stream, labelled: Labelled) -> None:
    key = labelled.hit.key
    if key not in _FORM_FIELDS or key in parse.values or key in parse.read:
        return
    reading = read_field(key, labelled.text, labelled.suffix)
    where = stream.where(labelled.start, labelled.end, labelled.hit.printed)
    if reading.problem:
        parse.flag("unreadable_field", "warning", f"{labelled.hit.printed}: {reading.problem}", found=labelled.text,
                   paths=[key])
    parse.set(key, reading.value, where)


def _read_period(parse: FormParse, stream: Stream, labelled: Labelled) -> None:
    where = stream.where(labelled.start, labelled.end, labelled.hit.printed)
    read_period_text(parse, labelled.hit.printed, labelled.text, where)


def read_period_text(parse: FormParse, label: str, text: str, where: Where | None) -> None:
    """项目起止时间 2020年1月-2020年12月: the start and the end under one label; a year alone
    (2021年度) is its whole year."""
    written = split_dates(text)
    if len(written) != 2 and (year := re.fullmatch(r"((?:19|20)\d{2})\s*(?:年度?)?", text.strip())):
        written = [f"{year.group(1)}年1月", f"{year.group(1)}年12月"]
    if len(written) != 2:
        if text:
            parse.flag("unreadable_field", "warning", f"{label}: expected two dates: {text}",
                       found=text, paths=["start_date", "end_date"])
        return
    parse.set("start_date", parse_date(written[0]), where)
    parse.set("end_date", parse_date(written[1], as_end=True), where)


def _read_section(parse: FormParse, stream: Stream, labelled: Labelled, before: Labelled | None) -> None:
    key = labelled.hit.key
    sections = parse.values.setdefault("sections", {})
    if key in sections:
        return
    where = stream.where(labelled.start, labelled.end, labelled.hit.printed)
    side_by_side = before and before.hit.kind == "section" and not before.text and _same_line(stream, before, labelled)
    if side_by_side and (pair := _row_of_two(stream, labelled)) and sections.get(before.hit.key) in (None, "", pair[0]):
        # the two headers' texts printed as the two cells of the next line: each under its own header
        sections[before.hit.key], text = pair
        sections[key] = text
        return
    if key == "annual_goal" and parse.values.get("form_type") == "self_eval" and "annual_actual" not in sections \
            and (cells := _goal_and_actual(stream, labelled)):
        # a self-evaluation's 年度总体目标 row printing two texts, its 预期目标 | 实际完成情况 headers left out
        sections[key], sections["annual_actual"] = cells
        parse.flag("section_column_ambiguous", "info", f"{labelled.hit.printed} prints two texts on its row and no "
                   "预期目标 | 实际完成情况 headers: read as the goal, then the actual", found=cells[1][:40],
                   paths=["sections.annual_goal", "sections.annual_actual"])
        return
    # a row's label beside the one column header it heads (总体目标 | 年度目标) leaves the text to that header
    if side_by_side and not _heads_its_row(stream, before):
        # two column headers side by side (预期目标 | 实际完成情况) over one printed text: the
        # flowed text does not say which column it sat in; the first column is taken, and said
        first = before.hit.key
        parse.flag("section_column_ambiguous", "info",
                   f"one text under the side-by-side headers {before.hit.printed} and {labelled.hit.printed}; "
                   f"read as {before.hit.printed} (the first column)", found=labelled.text[:40],
                   paths=[f"sections.{first}"])
        key = first
    sections[key] = labelled.text
    if where:
        parse.provenance[f"sections.{key}"] = where


def _under_headers(line: Line, below: Line, headers: list[tuple[Cell, str]]) -> list[tuple[Cell, str, list[Cell]]]:
    """Each section header with the cells under it: by place; in a text's rows, which keep no place for a merged
    cell, by order, the row's own label (年度总体目标 | 预期目标 | 实际完成情况, the first of them) heading no text
    where the row under prints one fewer."""
    if places_kept(line) or places_kept(below):
        return [(cell, key, [other for other in below.cells if same_column(cell, other)]) for cell, key in headers]
    texts = [[cell] for cell in below.cells if cell.text.strip()]
    first = next((cell for cell in line.cells if cell.text.strip()), None)
    heads = headers[1:] if len(texts) == len(headers) - 1 and first is headers[0][0] else headers
    return [(cell, key, under) for (cell, key), under in zip(heads, texts)] if len(texts) == len(heads) else []


def _heads_its_row(stream: Stream, before: Labelled) -> bool:
    """Whether a label that heads a row of section columns ([section_rows]: 总体目标) opens its printed line (a
    merged cell down the first column)."""
    line = stream.line_index(before.hit.start)
    return _SPACE.sub("", before.hit.printed) in knowledge()["section_rows"]["labels"] \
        and not stream.value(stream.line_starts[line], before.hit.start).strip()


def _row_of_two(stream: Stream, labelled: Labelled) -> tuple[str, str] | None:
    """The two cells of the one flowed line a side-by-side header pair's text fills, where it is so."""
    first, last = stream.line_index(labelled.start), stream.line_index(max(labelled.end - 1, labelled.start))
    if last != first + 1 or stream.value(labelled.start, stream.line_starts[last]).strip():
        return None
    line = stream.lines[last]
    cells = [cell.text.strip() for cell in line.cells if cell.text.strip()]
    return (cells[0], cells[1]) if len(cells) == 2 else None


def _goal_and_actual(stream: Stream, labelled: Labelled) -> tuple[str, str] | None:
    """The two text cells printed after a section label on its ruled row, where it prints two and no more."""
    index = stream.line_index(labelled.start)
    if stream.line_index(max(labelled.end - 1, labelled.start)) != index:
        return None
    line = stream.lines[index]
    cells = [cell.text.strip() for cell in line.cells if cell.text.strip()]
    if line.layout != "grid" or len(cells) != 3 or labelled.hit.printed not in cells[0]:
        return None
    return cells[1], cells[2]


def _same_line(stream: Stream, first: Labelled, second: Labelled) -> bool:
    return stream.line_index(first.hit.start) == stream.line_index(second.hit.start)


def _read_checkboxes(parse: FormParse, stream: Stream, lines: list[Line]) -> None:
    """Checkbox rows name their own options, so they are read wherever they were printed."""
    compacts = without_spaces(lines)
    for key in ("project_category", "fund_use"):
        rows = checkbox_rows(key, compacts)
        if not rows:
            continue
        text = "".join(lines[index].text for index in rows)
        parse.read.add(key)
        parse.read_lines.update(rows)
        reading = read_checkbox(key, text)
        where = stream.where(stream.line_starts[rows[0]], _line_offset(stream, rows[-1] + 1), key)
        if reading.problem:
            parse.flag("checkbox_unread", "warning", f"{key}: {reading.problem}", found=text, paths=[key])
        parse.set(key, reading.value, where)


def _read_funds(parse: FormParse, funds) -> None:
    parse.values["funds"] = funds.rows
    parse.values["funds_unit"] = funds.unit if funds.rows else None
    parse.provenance.update(funds.provenance)
    for label, text in funds.extra.items():
        parse.values.setdefault("extra", {}).setdefault(label, text)
    _problems(parse, funds.problems)
    for row_index, said in funds.fractions:
        parse.flag("rate_read_as_percent", "info", said, paths=[f"funds[{row_index}].execution_rate"])
    if funds.rows:  # the total row carries the year's execution
        total = funds.rows[0]
        parse.set("executed", total.executed, funds.provenance.get("funds[0].executed"))
        parse.set("execution_rate", total.execution_rate, funds.provenance.get("funds[0].execution_rate"))


def _read_indicators(parse: FormParse, lines: list[Line], table: Table) -> None:
    headers = _printed_headers(lines, table)
    parsed = build_indicators(table_rows(lines, table), headers, _table_horizon(lines, table))
    parse.values["indicators"] = parsed.indicators
    parse.provenance.update(parsed.provenance)
    _problems(parse, parsed.problems)
    _empty_cells(parse, parsed.indicators, table.columns, headers)
    after = _score_total_after(lines, table) if table.total_line is None else None
    if (total_line := table.total_line if after is None else after) is not None:
        _, score, where = total_of(lines[total_line], table, under_columns=after is None)
        parse.set("total_score", score, where)


def _score_total_after(lines: list[Line], table: Table) -> int | None:
    """A line totalling the scores after the table's end (总分 | 100 | 97.3 under a funds block that follows the
    indicator table): the table's total."""
    labels = knowledge()["totals"]["score_labels"]
    firsts = (_SPACE.sub("", next((cell.text for cell in line.cells if cell.text.strip()), ""))
              for line in lines[table.body_end:])
    return next((index for index, first in enumerate(firsts, table.body_end) if first in labels), None)


def _table_horizon(lines: list[Line], table: Table) -> str | None:
    """The target set a heading over the table, or its header's first cell, names (本年度绩效指标: annual)."""
    return horizon_named("".join(line.text for line in lines[max(0, table.header_first - 1) : table.body_first]))


def _printed_headers(lines: list[Line], table: Table) -> dict[str, str]:
    text = _SPACE.sub("", "".join(line.text for line in lines[table.header_first : table.body_first]))
    printed_headers: dict[str, str] = {}
    for printed, column in column_synonyms("indicator_columns"):  # longest first: 实际完成值, not 完成值
        if printed in text:
            printed_headers.setdefault(column, printed)
    return printed_headers


def _empty_cells(parse: FormParse, indicators: list, columns: tuple[str, ...], headers: dict[str, str]) -> None:
    """A row with no value under a column the table prints: said, since a scorer cannot check it."""
    for column, severity in (("target", "warning"), ("actual", "warning"), ("weight", "info"), ("score", "info")):
        if column not in columns:
            continue
        for row, indicator in enumerate(indicators):
            if getattr(indicator, column) is None and indicator.name is not None:  # not a template row left empty
                parse.flag("indicator_cell_empty", severity,
                           f"指标「{indicator.name}」: nothing printed under {headers.get(column, column)}",
                           paths=[f"indicators[{row}].{column}"])


def _problems(parse: FormParse, problems: list[str]) -> None:
    for problem in problems:
        path = _PROBLEM_PATH.match(problem)
        parse.flag("unreadable_cell", "warning", problem, paths=[path.group(1)] if path else [])


def _page_span(parse: FormParse) -> None:
    """The pages a form spans: from its title to the last page a value was read on (the pages after
    a form in a long document are not its own)."""
    pages = [where.page for where in parse.provenance.values() if where.page is not None]
    if pages:
        parse.values["page_start"], parse.values["page_end"] = min(pages), max(pages)


def _year_from_name(parse: FormParse) -> None:
    """No year printed: a project name that opens with one (2018年市级专项扶贫资金…) names it."""
    name = parse.values.get("project_name")
    found = re.match(r"^\s*((?:19|20)\d{2})\s*年", name) if isinstance(name, str) else None
    if "year" in parse.values or found is None:
        return
    parse.set("year", int(found.group(1)), parse.provenance.get("project_name"))
    parse.flag("year_inferred", "info", f"no year printed; taken from the project name {name}",
               found=found.group(1), paths=["year", "project_name"])


def _year_from_eval_date(parse: FormParse) -> None:
    """项目绩效自我评价 prints no year: it evaluates the year before its 自评时间."""
    eval_date = parse.values.get("eval_date")
    if "year" in parse.values or eval_date is None:
        return
    parse.set("year", eval_date.year - 1, parse.provenance.get("eval_date"))
    parse.flag("year_inferred", "info", f"no year printed; taken as the year before 自评时间 {eval_date}",
               found=str(eval_date.year - 1), paths=["year", "eval_date"])
