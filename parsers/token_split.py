"""Split a document's tokens into forms by their structure, and read each one from its tokens.

A form opens at its printed title, or - where the title is lost (the page starts mid-form, the
title was an image) - at its first 项目名称 or indicator table, said by an info flag. A second title,
a second 项目名称 or a second indicator table after a 项目名称 opens the next form. A stretch holding
no project or unit name and no indicator or funds table is page chrome (a headline repeating the
title, a site's menus), not a form.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from models import Flag, Form
from parsers.knowledge import knowledge
from parsers.token_form import Cursor, _is_funds_header, _is_indicator_header, read_tokens
from parsers.tokens import Token


@dataclass
class TokenSpan:
    tokens: list[Token] = field(default_factory=list)
    title: Token | None = None
    names: int = 0  # 项目名称 labels seen
    tables: int = 0  # indicator or funds headers seen

    @property
    def is_form(self) -> bool:
        named = self.names or any(t.kind == "field" and t.key == "unit" for t in self.tokens)
        return bool(named and (self.title or self.tables)) or bool(self.title and self.tables)


def split_token_forms(tokens: list[Token]) -> list[TokenSpan]:
    spans: list[TokenSpan] = []
    current = TokenSpan()
    cursor = Cursor(tokens)
    for index, token in enumerate(tokens):
        cursor.at = index
        is_name = token.kind == "field" and token.key == "project_name"
        is_table = token.kind != "empty" and (_is_indicator_header(cursor) or _is_funds_header(cursor, 0)) \
            and not _inside_header(tokens, index)
        opens = (token.kind == "title" and (current.title or current.names)) or (is_name and current.names)
        if opens:
            spans.append(current)
            current = TokenSpan()
        if token.kind == "title" and current.title is None:
            current.title = token
        current.names += is_name
        current.tables += is_table
        current.tokens.append(token)
    spans.append(current)
    return [span for span in spans if span.is_form]


def _inside_header(tokens: list[Token], index: int) -> bool:
    """A header run is counted once, at its first cell."""
    before = next((t for t in reversed(tokens[:index]) if t.kind != "empty"), None)
    return before is not None and before.kind in ("column", "fcolumn")


def token_forms(tokens: list[Token]) -> tuple[list[Form], list[Flag], list[list[Token]]]:
    """The forms of a document read from its tokens, their flags, and each form's tokens."""
    from parsers.form import FormParse, finish_form

    forms, flags, spans = [], [], []
    for index, span in enumerate(split_token_forms(tokens)):
        parse = FormParse(index)
        _title(parse, span)
        read_tokens(parse, span.tokens)
        form, form_flags = finish_form(parse)
        forms.append(form)
        flags += form_flags
        spans.append(span.tokens)
    return forms, flags, spans


def _title(parse, span: TokenSpan) -> None:
    from parsers.stream import where_of

    if span.title is None:
        columns = {t.key for t in span.tokens if t.kind in ("column", "fcolumn")}
        family = "self_eval" if columns & {"actual", "score", "executed"} else "target"
        parse.set("form_type", family, None)
        parse.flag("title_missing", "info", "no form title printed: the form was found by its tables and labels; "
                   f"read as a {'绩效自评表' if family == 'self_eval' else '绩效目标表'} by its columns",
                   paths=["title"])
        return
    title = span.title
    parse.set("form_type", title.key, None)
    bare = regex.sub(knowledge()["titles"]["year_suffix"], "", title.text)
    parse.set("title", bare, where_of(list(title.cells), None))
    year = regex.search(r"(\d{4})\s*年", title.text[len(bare):]) or regex.search(r"^(\d{4})年", bare)
    at = next(index for index, token in enumerate(span.tokens) if token is title)
    after = span.tokens[at + 1 : at + 4]
    printed_year = next((t for t in after if t.kind == "year"), None)
    if year:
        parse.set("year", int(year.group(1)), where_of(list(title.cells), None))
    elif printed_year is not None:
        parse.set("year", int(printed_year.key), where_of(list(printed_year.cells), None))
