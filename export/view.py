"""The human spot-check view: one Document on the terminal, laid out like the printed form."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from models import Component, Document, Flag, Form, FundRow, Indicator

SEVERITY_STYLES: dict[str, str] = {"error": "red", "warning": "yellow", "info": "blue"}
# Table cells get enough for an indicator name, short of a paragraph; key fields one terminal line.
_CELL_LIMIT = 40
_FIELD_LIMIT = 90
_MISSING = "—"


# ---- formatting: every document string goes through Text, so "[...]" in a form is never markup -----


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _plain(value: object, limit: int = _CELL_LIMIT) -> str:
    if value is None or value == "":
        return _MISSING
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return format(value, "f")  # exact, never 1E+1
    if isinstance(value, date):
        return value.isoformat()
    return _short(" ".join(str(value).split()), limit)


def _money(value: Decimal | None) -> str:
    return _MISSING if value is None else format(value, ",f")


def _percent(value: Decimal | None) -> str:
    return _MISSING if value is None else f"{format(value, 'f')}%"


def _span(first: object, last: object) -> str:
    if first is None and last is None:
        return _MISSING
    return f"{_plain(first)} – {_plain(last)}"


def _table(
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    numeric_from: int,
) -> Table:
    """A titled table; the columns from numeric_from on are figures, right-aligned."""
    table = Table(title=title, title_justify="left", expand=False)
    for index, header in enumerate(headers):
        table.add_column(
            header,
            justify="right" if index >= numeric_from else "left",
            overflow="fold",
        )
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


# ---- pieces of the view ------------------------------------------------------------------------


def _header(doc: Document) -> Panel:
    source = doc.source
    pages = _plain(source.pages)
    details = Text(
        f"kind {source.kind} · pages {pages} · forms {len(doc.forms)} · schema {doc.schema_version}"
    )
    return Panel(
        Group(Text(source.path, style="bold"), details),
        title="document",
        title_align="left",
    )


def _key_fields(form: Form) -> Table:
    fields: list[tuple[str, str]] = [
        ("form_type", _plain(form.form_type)),
        ("title", _plain(form.title, _FIELD_LIMIT)),
        ("year", _plain(form.year)),
        ("pages", _span(form.page_start, form.page_end)),
        ("unit", _plain(form.unit, _FIELD_LIMIT)),
        ("department", _plain(form.department, _FIELD_LIMIT)),
        ("project_name", _plain(form.project_name, _FIELD_LIMIT)),
        ("category", _plain(form.project_category, _FIELD_LIMIT)),
        ("fund use", _plain(form.fund_use, _FIELD_LIMIT)),
        ("dates", _span(form.start_date, form.end_date)),
        ("eval_date", _plain(form.eval_date)),
        ("total_budget", _money(form.total_budget)),
        ("current_budget", _money(form.current_budget)),
        ("prior_budget", _money(form.prior_budget)),
        ("prior_executed", _money(form.prior_executed)),
        ("executed", _money(form.executed)),
        ("execution_rate", _percent(form.execution_rate)),
        ("total_score", _plain(form.total_score)),
        ("grade", _plain(form.grade)),
    ]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold cyan", no_wrap=True)
    grid.add_column()
    for label, value in fields:
        grid.add_row(label, Text(value))
    return grid


def _fund_cells(fund: FundRow) -> tuple[str, ...]:
    money = (fund.initial_budget, fund.full_year_budget, fund.executed)
    figures = (fund.weight, fund.execution_rate, fund.score)
    return (_plain(fund.source), *map(_money, money), *map(_plain, figures))


def _funds(funds: Sequence[FundRow]) -> Table:
    headers = (
        "source",
        "initial",
        "full year",
        "executed",
        "weight",
        "rate %",
        "score",
    )
    return _table("funds", headers, [_fund_cells(f) for f in funds], numeric_from=1)


def _components(
    components: Sequence[Component], current_budget: Decimal | None
) -> Group:
    rows = [(_plain(c.name), _money(c.amount)) for c in components]
    table = _table("components", ("name", "amount"), rows, numeric_from=1)
    total = sum((c.amount for c in components if c.amount is not None), Decimal(0))
    # The sum against the form's own budget is the first thing an auditor checks.
    matches = current_budget is not None and total == current_budget
    status = Text(
        f"sum {_money(total)} vs current_budget {_money(current_budget)}",
        style="green" if matches else "red",
    )
    return Group(table, status)


def _indicator_cells(indicator: Indicator) -> tuple[str, ...]:
    target = indicator.target.raw if indicator.target else None
    actual = indicator.actual.raw if indicator.actual else None
    cells = (indicator.level1, indicator.level2, indicator.name, target, actual)
    return tuple(map(_plain, (*cells, indicator.weight, indicator.score)))


def _indicators(indicators: Sequence[Indicator]) -> Table:
    headers = ("level1", "level2", "name", "target", "actual", "weight", "score")
    rows = [_indicator_cells(i) for i in indicators]
    return _table("indicators", headers, rows, numeric_from=5)


def _flags(title: str, flags: Sequence[Flag]) -> Group:
    """Two lines a flag, so the message an auditor acts on gets the full width instead of a column."""
    lines: list[Text] = [Text(title, style="bold")]
    for flag in flags:
        style = SEVERITY_STYLES.get(flag.severity, "")
        head = Text.assemble((f"{flag.severity:<8}", f"bold {style}"), " ", flag.code)
        if flag.expected is not None or flag.found is not None:
            head.append(
                f"  expected {_plain(flag.expected)} · found {_plain(flag.found)}",
                style="dim",
            )
        lines += [head, Text(f"  {flag.message}", style=style)]
    return Group(*lines)


def _form_panel(index: int, form: Form, flags: Sequence[Flag]) -> Panel:
    parts: list[RenderableType] = [_key_fields(form)]
    if form.funds:
        parts.append(_funds(form.funds))
    if form.components:
        parts.append(_components(form.components, form.current_budget))
    if form.indicators:
        parts.append(_indicators(form.indicators))
    if flags:
        parts.append(_flags("flags", flags))
    title = f"form {index} · {form.form_type} · {len(form.indicators)} indicators"
    return Panel(Group(*parts), title=title, title_align="left")


def _flags_by_form(doc: Document) -> tuple[dict[int, list[Flag]], list[Flag]]:
    """Flags per form index, and the rest: whole-document ones and any pointing at no form."""
    per_form: dict[int, list[Flag]] = {}
    rest: list[Flag] = []
    for flag in doc.flags:
        if flag.form_index is not None and 0 <= flag.form_index < len(doc.forms):
            per_form.setdefault(flag.form_index, []).append(flag)
        else:
            rest.append(flag)
    return per_form, rest


def render_document(doc: Document, console: Console) -> None:
    """Print the document for a human to check against the printed forms."""
    console.print(_header(doc))
    per_form, document_flags = _flags_by_form(doc)
    for index, form in enumerate(doc.forms):
        console.print(_form_panel(index, form, per_form.get(index, [])))
    if not doc.forms:
        console.print(Text("no forms found", style="dim"))
    if document_flags:
        console.print(_flags("document flags", document_flags))
    for error in doc.errors:
        console.print(Text(f"error: {error}", style="bold red"))
