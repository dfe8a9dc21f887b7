"""The human spot-check view: one Document on the terminal, laid out like the printed form."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from models import Component, Document, Flag, Form, FundRow, Indicator
from scoring.confidence import LOW_CONFIDENCE_CODE

SEVERITY_STYLES: dict[str, str] = {"error": "red", "warning": "yellow", "info": "blue"}
# Table cells get enough for an indicator name, short of a paragraph; key fields one terminal line.
_CELL_LIMIT = 40
_FIELD_LIMIT = 90
_MISSING = "—"
PIPED_WIDTH = 132  # a piped view is read in a file or a pager: wide enough for the funds' figures side by side
_TEXT_MIN_WIDTH = 8  # four Chinese characters a line, at least, before a text column folds
_VERDICTS = {True: "yes", False: "no", None: "?"}  # met; "?" where both are printed but cannot be compared
Doubts = dict[str, str]  # provenance path -> "⚠ 0.55": a value read below the confidence threshold


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
    """A titled table; the columns from numeric_from on are figures, right-aligned and never broken
    (a piped view is 80 columns wide: the text columns fold, the numbers stay whole)."""
    table = Table(title=title, title_justify="left", expand=False)
    for index, header in enumerate(headers):
        figures = index >= numeric_from
        widest = _widest_word([header, *(row[index] for row in rows)])
        table.add_column(header, justify="right" if figures else "left", overflow="fold", no_wrap=figures,
                         min_width=widest if figures else min(widest, _TEXT_MIN_WIDTH))
    for row in rows:
        table.add_row(*(_styled(cell) for cell in row))
    return table


def _widest_word(cells: Sequence[str]) -> int:
    return max((cell_len(word) for cell in cells for word in cell.split()), default=1)


def _styled(cell: str) -> Text:
    """A cell's text; a doubt mark (⚠ 0.55) in yellow."""
    value, mark, doubt = cell.partition(" ⚠")
    return Text.assemble(value, (f"{mark}{doubt}", "yellow")) if mark else Text(cell)


def _doubts(form: Form, flags: Sequence[Flag]) -> Doubts:
    """The paths a low_confidence flag names, with the confidence the value was read at."""
    return {path: f" ⚠ {form.provenance[path].confidence:.2f}" for flag in flags if flag.code == LOW_CONFIDENCE_CODE
            for path in flag.paths if path in form.provenance}


def _marked(text: str, paths: Sequence[str], doubts: Doubts) -> str:
    return text + "".join(doubts[path] for path in paths if path in doubts)


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


def _key_fields(form: Form, doubts: Doubts) -> Group:
    """The fields printed on the form, one a line (a doubt beside its value); the empty ones in one line."""
    fields: list[tuple[str, tuple[str, ...], str]] = [
        ("form_type", (), _plain(form.form_type)),
        ("template", (), _plain(form.template)),
        ("title", ("title",), _plain(form.title, _FIELD_LIMIT)),
        ("year", ("year",), _plain(form.year)),
        ("pages", (), _span(form.page_start, form.page_end)),
        ("unit", ("unit",), _plain(form.unit, _FIELD_LIMIT)),
        ("department", ("department",), _plain(form.department, _FIELD_LIMIT)),
        ("project_name", ("project_name",), _plain(form.project_name, _FIELD_LIMIT)),
        ("project_code", ("project_code",), _plain(form.project_code)),
        ("category", ("project_category",), _plain(form.project_category, _FIELD_LIMIT)),
        ("fund use", ("fund_use",), _plain(form.fund_use, _FIELD_LIMIT)),
        ("dates", ("start_date", "end_date"), _span(form.start_date, form.end_date)),
        ("eval_date", ("eval_date",), _plain(form.eval_date)),
        ("total_budget", ("total_budget",), _money(form.total_budget)),
        ("current_budget", ("current_budget",), _money(form.current_budget)),
        ("prior_budget", ("prior_budget",), _money(form.prior_budget)),
        ("prior_executed", ("prior_executed",), _money(form.prior_executed)),
        ("executed", ("executed",), _money(form.executed)),
        ("execution_rate", ("execution_rate",), _percent(form.execution_rate)),
        ("total_score", ("total_score",), _plain(form.total_score)),
        ("grade", ("grade",), _plain(form.grade)),
        ("coverage", (), _MISSING if form.coverage is None else f"{form.coverage * 100:.1f}%"),
    ]
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold cyan", no_wrap=True)
    grid.add_column()
    for label, paths, value in fields:
        if value != _MISSING:
            grid.add_row(label, _styled(_marked(value, paths, doubts)))
    for label, value in form.extra.items():  # printed labels no field takes: shown as printed
        grid.add_row(Text(_short(label, _CELL_LIMIT), style="cyan"), Text(_plain(value, _FIELD_LIMIT)))
    absent = [label for label, _, value in fields if value == _MISSING]
    lines: list[RenderableType] = [grid]
    if absent:
        lines.append(Text(f"not on this form: {', '.join(absent)}", style="dim"))
    return Group(*lines)


_FUND_COLUMNS = ("source", "initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score")
_COMPONENT_COLUMNS = ("name", "amount")
_INDICATOR_COLUMNS = ("level1", "level2", "name", "target", "actual", "met", "weight", "score")


def _row_marks(table: str, row: int, columns: Sequence[str], cells: Sequence[str], doubts: Doubts) -> tuple[str, ...]:
    return tuple(_marked(cell, [f"{table}[{row}].{column}"], doubts) for column, cell in zip(columns, cells))


def _fund_cells(fund: FundRow) -> tuple[str, ...]:
    money = (fund.initial_budget, fund.full_year_budget, fund.executed)
    figures = (fund.weight, fund.execution_rate, fund.score)
    return (_plain(fund.source), *map(_money, money), *map(_plain, figures))


def _funds(funds: Sequence[FundRow], doubts: Doubts) -> Table:
    headers = (
        "source",
        "initial",
        "full year",
        "executed",
        "weight",
        "rate %",
        "score",
    )
    rows = [_row_marks("funds", row, _FUND_COLUMNS, _fund_cells(fund), doubts) for row, fund in enumerate(funds)]
    return _table("funds", headers, rows, numeric_from=1)


def _components(
    components: Sequence[Component], current_budget: Decimal | None, doubts: Doubts
) -> Group:
    rows = [_row_marks("components", row, _COMPONENT_COLUMNS, (_plain(c.name), _money(c.amount)), doubts)
            for row, c in enumerate(components)]
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
    cells = tuple(map(_plain, (indicator.level1, indicator.level2, indicator.name, target, actual)))
    return (*cells, _met(indicator), *map(_plain, (indicator.weight, indicator.score)))


def _met(indicator: Indicator) -> str:
    return _VERDICTS[indicator.met] if indicator.target and indicator.actual else _MISSING


def _indicators(indicators: Sequence[Indicator], doubts: Doubts) -> Table:
    rows = [_row_marks("indicators", row, _INDICATOR_COLUMNS, _indicator_cells(indicator), doubts)
            for row, indicator in enumerate(indicators)]
    return _table("indicators", _INDICATOR_COLUMNS, rows, numeric_from=5)


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
    doubts = _doubts(form, flags)
    parts: list[RenderableType] = [_key_fields(form, doubts)]
    if form.funds:
        parts.append(_funds(form.funds, doubts))
    if form.components:
        parts.append(_components(form.components, form.current_budget, doubts))
    if form.indicators:
        parts.append(_indicators(form.indicators, doubts))
    if flags:
        parts.append(_flags("flags", flags))
    template = f" · {form.template}" if form.template else ""
    title = f"form {index} · {form.form_type}{template} · {len(form.indicators)} indicators"
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


def view_console() -> Console:
    """The terminal's width on a terminal; PIPED_WIDTH when piped, where rich would assume 80."""
    console = Console()
    return console if console.is_terminal else Console(width=max(console.width, PIPED_WIDTH))


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
