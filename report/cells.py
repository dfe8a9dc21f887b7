"""Every cell the report shows or outlines: its value, where it was read, the flags on it, its status.

A cell's key is "<form index>:<provenance path>" ("2:funds[0].execution_rate"): the page boxes, the
record cells and the flags all carry keys, and the page script links whatever shares one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from models import Document, Form, Value, Where
from normalize.numbers import format_money
from parsers.knowledge import knowledge
from report.flag_cells import flag_paths
from scoring.confidence import LOW_CONFIDENCE, LOW_CONFIDENCE_CODE, value_at

# OCR at or above this confidence is drawn as read; below it, as a value to check by eye (and flagged)
OCR_CONFIDENCE_THRESHOLD = LOW_CONFIDENCE

STATUSES: dict[str, str] = {
    "text": "read from the text layer",
    "ocr": f"OCR, confidence {OCR_CONFIDENCE_THRESHOLD:.2f} or more",
    "ocr-low": f"OCR, confidence below {OCR_CONFIDENCE_THRESHOLD:.2f}",
    "flagged": "flagged by the scorer (error or warning)",
    "missing": "nothing read (empty or unreadable)",
}
# a box over several cells (a merged 一级指标 cell) shows the first of its cells' statuses in this order
PRIORITY = ("flagged", "missing", "ocr-low", "ocr", "text")

KEY_FIELDS = (
    "title", "year", "unit", "department", "project_name", "project_category", "fund_use",
    "performance_type", "gov_procurement", "recurring", "start_date", "end_date", "total_budget",
    "current_budget", "prior_budget", "prior_executed", "executed", "execution_rate", "total_score", "grade",
    "eval_date",
)
FUND_COLUMNS = ("initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score")
COMPONENT_COLUMNS = ("name", "amount")
INDICATOR_COLUMNS = ("level1", "level2", "name", "target", "actual", "weight", "score", "note")
_MONEY = {"total_budget", "current_budget", "prior_budget", "prior_executed", "executed", "initial_budget",
          "full_year_budget", "amount"}
_RATES = {"execution_rate"}
_OWN_LABELS = {"title": "标题", "year": "年度", "total_score": "总分"}
_ROW_NAMES = {"indicators": "指标", "funds": "资金", "components": "资金构成"}


@dataclass
class Cell:
    key: str
    path: str
    value: object
    where: Where | None
    flags: list[str] = field(default_factory=list)  # the codes of the flags on it
    flagged: bool = False  # an error or warning among them

    @property
    def status(self) -> str:
        if self.flagged:
            return "flagged"
        if self.value in (None, ""):
            return "missing"
        if self.where is not None and self.where.method == "ocr":
            return "ocr" if self.where.confidence >= OCR_CONFIDENCE_THRESHOLD else "ocr-low"
        return "text"

    @property
    def leaf(self) -> str:
        return self.path.rsplit(".", 1)[-1]

    @property
    def text(self) -> str:
        return display(self.leaf, self.value)

    @property
    def label(self) -> str:
        """What the auditor reads on the page: the printed label, else the form's usual wording."""
        printed = self.where.label if self.where is not None else None
        return field_label(self.path, printed if printed and not printed.isascii() else None)


@dataclass
class DocumentCells:
    cells: dict[str, Cell]
    flag_keys: list[list[str]]  # per Document.flags entry, the keys of its cells


def key(form_index: int, path: str) -> str:
    return f"{form_index}:{path}"


def record_paths(form: Form) -> list[str]:
    """The paths the records view shows, in its order."""
    paths = list(KEY_FIELDS)
    paths += [f"sections.{name}" for name in form.sections]
    for rows, name, columns in (
        (form.funds, "funds", ("source", *FUND_COLUMNS)),
        (form.components, "components", COMPONENT_COLUMNS),
        (form.indicators, "indicators", INDICATOR_COLUMNS),
    ):
        paths += [f"{name}[{i}].{column}" for i in range(len(rows)) for column in columns]
    return paths


def document_cells(document: Document) -> DocumentCells:
    cells: dict[str, Cell] = {}
    for index, form in enumerate(document.forms):
        shown = record_paths(form)
        for path in shown + sorted(set(form.provenance) - set(shown)):
            cells[key(index, path)] = Cell(key(index, path), path, value_at(form, path), form.provenance.get(path))
    flag_keys = []
    for flag in document.flags:
        form_index = flag.form_index
        if form_index is None or not 0 <= form_index < len(document.forms):
            flag_keys.append([])
            continue
        known = [cell.path for cell in cells.values() if cell.key.startswith(f"{form_index}:")]
        keys = [key(form_index, path) for path in flag_paths(flag, document.forms[form_index], known)]
        for cell_key in keys:
            cells[cell_key].flags.append(flag.code)
            # a low_confidence warning is the orange itself: red stays for what the scorer found wrong
            cells[cell_key].flagged |= flag.severity in ("error", "warning") and flag.code != LOW_CONFIDENCE_CODE
        flag_keys.append(keys)
    return DocumentCells(cells, flag_keys)


def field_label(path: str, printed: str | None = None) -> str:
    """A readable Chinese name for a path: 项目名称, 指标 4 · 得分, 资金构成 2 · 金额; `printed` is the
    label the form printed for it, when known."""
    row = re.match(r"(\w+)\[(\d+)\]\.", path)
    name = printed or column_label(path)
    return f"{_ROW_NAMES.get(row.group(1), row.group(1))} {int(row.group(2)) + 1} · {name}" if row else name


def column_label(path: str) -> str:
    """The form's usual wording for a field, section or table column (the row left out)."""
    leaf = path.rsplit(".", 1)[-1]
    data = knowledge()
    if path.startswith("sections."):
        return data["sections"].get(leaf, [leaf])[0]
    table = path.split("[", 1)[0] if "[" in path else None
    if table == "components":
        return {"name": "名称", "amount": "金额"}.get(leaf, leaf)
    if table == "funds" and leaf == "source":
        return "资金来源"
    words = data["indicator_columns"] if table == "indicators" else data["funds_columns"] if table else data["fields"]
    return _OWN_LABELS.get(leaf) or words.get(leaf, [leaf])[0]


def display(leaf: str, value: object) -> str:
    """A value as the auditor compares it with the page: exact decimals, money grouped by thousands."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        text = format_money(value) if leaf in _MONEY else format(value, "f")
        return f"{text}%" if leaf in _RATES else text
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Value):
        return value.raw
    return str(value)


def value_detail(value: object) -> str | None:
    """How a target or actual was understood (operator, number, unit), for a tooltip."""
    if not isinstance(value, Value):
        return None
    if value.parts:
        return " · ".join(filter(None, (value_detail(part) for part in value.parts)))
    number = "" if value.value is None else format(value.value, "f")
    return f"{value.kind}: {value.op or ''}{number}{value.unit or ''}".rstrip(": ")
