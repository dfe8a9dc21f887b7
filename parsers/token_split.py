"""Split a document's tokens into forms by their structure, and read each one from its tokens.

A form opens at its printed title, or - where the title is lost (the page starts mid-form, the
title was an image) - at its first 项目名称 or indicator table, said by an info flag. A second title,
a second 项目名称 or a second indicator table after a 项目名称 opens the next form. A stretch holding
no project or unit name and no indicator or funds table is page chrome (a headline repeating the
title, a site's menus), not a form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import takewhile

from models import Flag, Form, FundRow
from parsers.blocks import fund_number
from parsers.column_blocks import columns_transposed
from parsers.fields import read_field, trailing_amounts_note
from parsers.form import FormParse, finish_form, year_from_heading
from parsers.glued_rows import strip_chunk_marker
from parsers.knowledge import knowledge, title_parts
from parsers.segment import HEADING_LINES, OTHER_TITLE, contents_entries
from parsers.stream import where_of
from parsers.token_form import PROJECT_FUNDS, Cursor, _is_funds_header, _is_indicator_header, read_tokens, rows_follow
from parsers.tokens import Token, canonical, compact


@dataclass
class TokenSpan:
    tokens: list[Token] = field(default_factory=list)
    title: Token | None = None
    names: int = 0  # 项目名称 labels seen
    tables: int = 0  # indicator or funds headers seen
    header_over_names: bool = False  # an indicator header before the first 项目名称: over blocks of projects
    other: bool = False  # opened by another kind of table's title (收支预算总表) and no form title yet

    @property
    def is_form(self) -> bool:
        named = self.names or any(t.kind == "field" and t.key == "unit" for t in self.tokens)
        if self.other:  # a table that is no form, unless it holds an indicator table (a 绩效目标汇总表 of projects)
            return self.tables > 0 and self.header_over_names
        return bool(named and (self.title or self.tables)) or bool(self.title and self.tables)


def split_token_forms(tokens: list[Token]) -> list[TokenSpan]:
    spans: list[TokenSpan] = []
    current = TokenSpan()
    cursor = Cursor(tokens)
    contents = contents_entries([(token.line, token.text) for token in tokens if token.kind != "empty"])
    for index, token in enumerate(tokens):
        cursor.at = index
        is_title = token.kind == "title" and token.line not in contents  # not a table of contents' entry
        is_name = token.kind == "field" and token.key == "project_name" and not _heads_columns(tokens, index)
        is_table = token.kind != "empty" and (_is_indicator_header(cursor) or _is_funds_header(cursor, 0)) \
            and not _inside_header(tokens, index)
        # a page heading read as a title right over the form's own title (no name, no table between) stays with it
        heading = is_title and current.title is not None and not current.names and not current.tables \
            and token.line - current.title.line <= HEADING_LINES
        # a title after a table with no title or name over it (a report's table of projects) opens its own form
        other_title = _other_title(tokens, index)
        other = current.title is None and other_title  # a budget table's lines before a form
        # another table's title right over the form's (2025年部门预算公开表 then 项目支出绩效目标表) is its heading
        other_table = current.other and token.line - current.tokens[0].line > HEADING_LINES
        opens = (is_title and (current.title or current.names or current.tables or other_table) and not heading
                 and not (current.tables and rows_follow(tokens, index))) \
            or (is_name and current.names and not current.header_over_names) \
            or (current.title is not None and not current.names and not current.tables and other_title) or other
        if opens:
            spans.append(current)
            current = TokenSpan(other=other)
        if is_title and (current.title is None or heading):
            current.title, current.other = token, False
        current.header_over_names |= is_table and not current.names and _is_indicator_header(cursor)
        current.names += is_name
        current.tables += is_table
        current.tokens.append(token)
    spans.append(current)
    return [span for span in spans if span.is_form]


def _heads_columns(tokens: list[Token], index: int) -> bool:
    """A name label heading a table's columns (项目名称 | 项目金额 | 一级指标 …: a table of several projects):
    printed again over the rows of the next page, it opens no form."""
    after = next((token for token in tokens[index + 1 :] if token.kind != "empty"), None)
    return after is not None and after.line == tokens[index].line and after.kind in ("column", "fcolumn")


def _other_title(tokens: list[Token], index: int) -> bool:
    """A title of a table that is no form (政府采购预算表) alone on its line: after a form title with no form
    content yet, that title was a heading or a table of contents' entry, not a form."""
    token = tokens[index]
    alone = all(tokens[at].line != token.line for at in (index - 1, index + 1) if 0 <= at < len(tokens)
                and tokens[at].kind != "empty")
    return token.kind == "value" and alone and bool(OTHER_TITLE.match(compact(token.text)))


def _inside_header(tokens: list[Token], index: int) -> bool:
    """A header run is counted once, at its first cell."""
    before = next((tokens[at] for at in range(index - 1, -1, -1) if tokens[at].kind != "empty"), None)
    return before is not None and before.kind in ("column", "fcolumn")


def token_forms(tokens: list[Token]) -> tuple[list[Form], list[Flag], list[list[Token]]]:
    """The forms of a document read from its tokens, their flags, and each form's tokens."""
    forms, flags, spans = [], [], []
    tokens, left_out = columns_transposed(tokens)
    if left_out:
        flags.append(Flag(code="column_cells_unplaced", severity="warning", found=" | ".join(t.text for t in left_out),
                          message="a table printed column by column holds columns of other counts than its rows' "
                          f"(level labels merged over rows, a wrapped note): {len(left_out)} of their cells could "
                          "not be put in a row and were left out"))
    noted_unit: str | None = None  # the amounts note of the forms so far (（单位：万元） under the document's title)
    for span in split_token_forms(tokens):
        parse = FormParse(len(forms))
        _title(parse, span)
        if span.title is None and noted_unit is not None:
            _document_unit(parse, noted_unit)
        read_tokens(parse, span.tokens)
        noted_unit = parse.values.get("_amounts_unit", noted_unit)
        for each in per_project(parse):
            form, form_flags = finish_form(each)
            forms.append(form)
            flags += form_flags
            spans.append(span.tokens)
    return forms, flags, spans


def _document_unit(parse: FormParse, unit: str) -> None:
    """A form with no title of its own, after others (forms back to back under the document's one title), prints
    its amounts in the unit noted over them, where it notes none of its own."""
    parse.values["_amounts_unit"] = unit
    parse.flag("amounts_unit_from_document", "info", f"no amounts unit printed on this form: its amounts are read in "
               f"{unit}, the unit noted over the forms before it", found=unit)


def per_project(parse: FormParse) -> list[FormParse]:
    """A table listing several projects (each one's name, budget and goal merged down over its
    indicator rows) gives one form per project, each with the form's other fields."""
    projects = parse.values.get("_projects") or []
    of_row = parse.values.get("_indicator_projects") or {}
    if not projects or not any("project" in project for project in projects):
        return [parse]
    forms: list[FormParse] = []
    for number, project in enumerate(projects):
        rows = [index for index, owner in sorted(of_row.items()) if owner == number]
        if not rows and "project_goal" not in project and "project_budget" not in project and "project" in project:
            parse.flag("project_row_without_cells", "info", f"a row of the project table prints only a name, "
                       f"no goal, budget or indicator ({project['project'].text}: the unit's own row): no project",
                       found=project["project"].text)
            continue
        each = FormParse(parse.index + len(forms), flags=[] if forms else parse.flags, headers=parse.headers)
        each.values = {key: value for key, value in parse.values.items() if key not in ("indicators", "sections")}
        each.values["sections"] = dict(parse.values.get("sections", {}))
        each.values["indicators"] = [parse.values["indicators"][index] for index in rows]
        each.provenance = {path: where for path, where in parse.provenance.items()
                           if not path.startswith("indicators[")}
        for new, old in enumerate(rows):
            prefix = f"indicators[{old}]."
            each.provenance |= {f"indicators[{new}].{path[len(prefix):]}": where
                                for path, where in parse.provenance.items() if path.startswith(prefix)}
        _project_cells(each, project)
        forms.append(each)
    return forms


def _project_cells(parse: FormParse, project: dict[str, Token]) -> None:
    if project.get("project_unit") and parse.values.get("unit") and not parse.values.get("department"):
        # the table's heading named the department (部门名称：X) whose units the column lists
        parse.set("department", parse.values["unit"], parse.provenance.get("unit"))
    for column, key in (("project_unit", "unit"), ("project", "project_name"), ("project_code", "project_code"),
                        ("project_budget", "current_budget"), ("project_year", "year"),
                        ("project_department", "department"), ("project_total_score", "total_score"),
                        ("project_grade", "grade")):
        if token := project.get(column):
            label, unit = parse.headers.get(column), _column_unit(parse, column)
            parse.values.pop(key, None)
            parse.set(key, read_field(key, token.text, unit).value, where_of(list(token.cells), label))
            if key == "current_budget" and unit in ("元", "万元"):
                parse.values["funds_unit"] = unit
    _project_funds(parse, project)
    for column, section in (("project_goal", "annual_goal"), ("project_actual", "annual_actual")):
        if token := project.get(column):
            parse.values["sections"][section] = token.text
            if where := where_of(list(token.cells), parse.headers.get(column)):
                parse.provenance[f"sections.{section}"] = where


def _column_unit(parse: FormParse, column: str) -> str | None:
    """The unit a project column's header prints, else the form's amounts note (单位：万元 over the table)."""
    label = parse.headers.get(column)
    return (canonical(label)[1] if label else None) or parse.values.get("_amounts_unit")


def _project_funds(parse: FormParse, project: dict[str, Token]) -> None:
    """A project's money columns (全年预算数 | 全年执行数 | 执行率) as the funds row of its whole budget, in the
    unit its headers print, else the form's amounts note."""
    printed = {column: token for column in PROJECT_FUNDS if (token := project.get(f"project_{column}"))}
    if not printed:
        return
    units = {column: _column_unit(parse, f"project_{column}") for column in printed}
    fields: dict[str, object] = {"source": knowledge()["project_table"]["funds_row"]}
    for column, token in printed.items():
        fields[column] = fund_number(column, token.text, "万元" if units[column] == "万元" else "")
        if where := where_of(list(token.cells), parse.headers.get(f"project_{column}")):
            parse.provenance[f"funds[0].{column}"] = where
    parse.values["funds"] = [FundRow.model_validate(fields)]
    parse.values["funds_unit"] = "万元" if "万元" in units.values() else "元"


def _title(parse: FormParse, span: TokenSpan) -> None:
    if span.title is None:
        columns = {t.key for t in span.tokens if t.kind in ("column", "fcolumn")}
        family = "self_eval" if columns & {"actual", "score", "executed"} else "target"
        parse.set("form_type", family, None)
        parse.flag("title_missing", "info", "no form title printed: the form was found by its tables and labels; "
                   f"read as a {'绩效自评表' if family == 'self_eval' else '绩效目标表'} by its columns",
                   paths=["title"])
        # the title's year line printed on its own over the form's first label ((2024年度) under a lost title)
        opening = takewhile(lambda token: token.kind not in ("field", "column", "fcolumn", "section"), span.tokens)
        if (year := next((token for token in opening if token.kind == "year"), None)) is not None:
            parse.set("year", int(year.key), where_of(list(year.cells), None))
        return
    title = span.title
    parse.set("form_type", title.key, None)
    printed = strip_chunk_marker(title.text)  # 1、银川市…: a page chunk's marker, or the number of a list of forms
    bare, suffix_year = title_parts(printed)
    parse.set("title", bare, where_of(list(title.cells), None))
    if unit := trailing_amounts_note(printed):  # the note under the title joined to it: …目标表（单位：万元）
        parse.values["_amounts_unit"] = unit
    in_title = re.search(r"((?:19|20)\d{2})\s*年", bare)
    year = suffix_year or (int(in_title.group(1)) if in_title else None)
    at = next(index for index, token in enumerate(span.tokens) if token is title)
    after = span.tokens[at + 1 : at + 4]
    printed_year = next((t for t in after if t.kind == "year"), None)
    if year:
        parse.set("year", year, where_of(list(title.cells), None))
    elif printed_year is not None:
        parse.set("year", int(printed_year.key), where_of(list(printed_year.cells), None))
    else:
        before = [token for token in span.tokens[:at] if title.line - HEADING_LINES <= token.line < title.line]
        year_from_heading(parse, [token.text for token in before], where_of([c for t in before for c in t.cells], None))
