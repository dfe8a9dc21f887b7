"""A batch's index page: every document with its status, forms and flags (sortable), the files that
could not be read, and a per-year and per-unit summary with a small bar chart of the budgets."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from models import Document, Form, Value
from report.cells import display
from report.document import FORM_TYPES, SEVERITIES
from report.markup import Html, join, tag
from report.page import page_shell
from scoring.common import plain, year_budget


@dataclass(frozen=True)
class Entry:
    """One input of the batch: a document and the name of its page, or a file that failed."""

    path: str
    href: str | None = None
    document: Document | None = None
    reason: str | None = None


def index_html(entries: Sequence[Entry]) -> str:
    documents = [entry.document for entry in entries if entry.document is not None]
    forms = [form for document in documents for form in document.forms]
    read = sum(1 for entry in entries if entry.document is not None)
    body = [
        tag("header", tag("h1", "Review reports"),
            tag("p", f"{len(entries)} files · {read} read · {len(entries) - read} failed · {len(forms)} forms",
                class_="meta"), class_="top"),
        tag("main", _documents_table(entries),
            tag("section", _summary("By year 按年度", "Year", forms, lambda form: str(form.year or "—")),
                _summary("By unit 按单位", "Unit", forms, lambda form: form.unit or "—"), class_="summary")),
    ]
    return page_shell("Review reports", body, "index", "index")


# ---- documents -----------------------------------------------------------------------------------


STATUS_ORDER = ("failed", "errors", "warnings", "ok")  # what the auditor looks at first sorts first


def status(document: Document) -> str:
    """errors (an error flag, or a part not read) · warnings · ok."""
    severities = {flag.severity for flag in document.flags}
    if "error" in severities or document.errors:
        return "errors"
    return "warnings" if "warning" in severities else "ok"


def _documents_table(entries: Sequence[Entry]) -> Html:
    headers = [("Document", "text"), ("Status", "num"), ("Kind", "text"), ("Pages", "num"), ("Forms", "num"),
               ("Years", "text"), ("Units", "text"), *((severity, "num") for severity in SEVERITIES)]
    head = tag("tr", [tag("th", name, data_sort=kind) for name, kind in headers])
    return tag("table", tag("thead", head), tag("tbody", [_document_row(entry) for entry in entries]),
               class_="documents sortable")


def _document_row(entry: Entry) -> Html:
    document = entry.document
    if document is None:
        return tag("tr", tag("td", entry.path), _td("failed", class_="status-failed", value=0),
                   tag("td", entry.reason, colspan=len(SEVERITIES) + 5), class_="failed")
    severities = Counter(flag.severity for flag in document.flags)
    kinds = Counter(FORM_TYPES[form.form_type] for form in document.forms)
    state = status(document)
    return tag(
        "tr",
        tag("td", tag("a", entry.path, href=entry.href), data_value=entry.path),
        _td(state, class_=f"status-{state}", value=STATUS_ORDER.index(state)),
        _td(document.source.kind),
        _td(document.source.pages or "", numeric=True),
        _td(len(document.forms), f" ({'、'.join(f'{k} {n}' for k, n in kinds.items())})", numeric=True,
            value=len(document.forms)),
        _td(", ".join(sorted({str(form.year) for form in document.forms if form.year}))),
        _td("、".join(sorted({form.unit for form in document.forms if form.unit}))),
        [_td(severities[severity] or "", numeric=True, value=severities[severity]) for severity in SEVERITIES],
    )


def _td(*children: object, numeric: bool = False, value: object = None, class_: str | None = None) -> Html:
    classes = " ".join(filter(None, ("num" if numeric else None, class_)))
    return tag("td", *children, class_=classes or None, data_value=value)


# ---- summary -------------------------------------------------------------------------------------


@dataclass
class Group:
    forms: int = 0
    budgets: dict[str, Decimal] = field(default_factory=dict)  # one budget per project, so 目标表 + 自评表 count once
    scores: list[Decimal] = field(default_factory=list)
    targets: int = 0
    measurable: int = 0

    def add(self, form: Form) -> None:
        self.forms += 1
        budget = year_budget(form)
        if budget is not None:
            self.budgets.setdefault(plain(form.project_name or "") or f"form {id(form)}", budget)
        if form.total_score is not None:
            self.scores.append(form.total_score)
        targets = [indicator.target for indicator in form.indicators if indicator.target is not None]
        self.targets += len(targets)
        self.measurable += sum(1 for target in targets if measurable(target))

    @property
    def budget(self) -> Decimal:
        return sum(self.budgets.values(), Decimal(0))


def measurable(target: Value) -> bool:
    """A target a number can be checked against: numeric with its number read, or compound whose
    every part is."""
    if target.kind == "compound":
        return bool(target.parts) and all(measurable(part) for part in target.parts or [])
    return target.kind == "numeric" and target.value is not None


def _summary(title: str, column: str, forms: Iterable[Form], grouping: Callable[[Form], str]) -> Html:
    groups: dict[str, Group] = {}
    for form in forms:
        groups.setdefault(grouping(form), Group()).add(form)
    if not groups:
        return Html("")
    top = max((group.budget for group in groups.values()), default=Decimal(0)) or Decimal(1)
    rows = [_summary_row(name, group, top) for name, group in sorted(groups.items())]
    headers = [(column, "text"), ("Forms", "num"), ("Total budget 元", "num"), ("", "num"), ("Average score", "num"),
               ("Measurable targets", "num")]
    head = tag("tr", [tag("th", name, data_sort=kind) for name, kind in headers])
    note = tag("p", "Budget: each project's year budget (项目当年预算, else 年度资金总额 全年预算数), counted once "
                    "however many of its forms are in the batch. Score: mean 总分 of the forms that print one. "
                    "Measurable: targets with a number to check against.", class_="absent")
    return join([tag("h2", title), tag("table", tag("thead", head), tag("tbody", rows), class_="sortable"), note])


def _summary_row(name: str, group: Group, top: Decimal) -> Html:
    average = sum(group.scores, Decimal(0)) / len(group.scores) if group.scores else None
    share = group.measurable / group.targets if group.targets else None
    width = float(group.budget / top * 100)
    return tag(
        "tr",
        tag("td", name),
        _td(group.forms, numeric=True),
        _td(display("amount", group.budget) if group.budgets else "—", numeric=True, value=group.budget),
        tag("td", tag("span", class_="bar", style=f"width:{width:.1f}%", title=f"{width:.0f}% of the largest"),
            class_="chart", data_value=group.budget),
        _td(f"{average:.2f}" if average is not None else "—", numeric=True,
            value=average if average is not None else -1),
        _td(f"{share:.0%} ({group.measurable}/{group.targets})" if share is not None else "—", numeric=True,
            value=share if share is not None else -1),
    )


def page_name(path: str, taken: set[str]) -> str:
    """A file name for a document's page, unique in the batch: its stem, numbered on a clash."""
    stem = Path(path).stem or "document"
    name, number = f"{stem}.html", 2
    while name in taken or name == "index.html":
        name, number = f"{stem}-{number}.html", number + 1
    taken.add(name)
    return name
