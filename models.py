"""The one data model that passes between the stages.

The contract types (Document, Form, FundRow, Component, Indicator, Value, Flag, Where) follow
../shared/SCHEMA.md field by field; the extraction types (Cell, Line, Extraction) are what every
extractor produces - text files, PDF text layers and OCR alike - so the parsers never know the source.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Literal


@contextmanager
def _asyncio_left_unloaded() -> Iterator[None]:
    """typing_extensions (before Python 3.13) imports asyncio to ask, of every function pydantic marks
    deprecated, whether it is a coroutine function: the package pulls in ssl, sockets and event loops,
    about 20 ms of a run's start-up, and this program never runs an event loop. The one module that
    answers, asyncio.coroutines, is lent under an empty package while pydantic imports; both are taken
    out again, so that a later `import asyncio` loads the whole package afresh."""
    spec = None if "asyncio" in sys.modules else importlib.util.find_spec("asyncio")
    if spec is None or spec.submodule_search_locations is None:
        yield
        return
    shell = types.ModuleType("asyncio")
    shell.__path__ = spec.submodule_search_locations
    sys.modules["asyncio"] = shell
    try:
        importlib.import_module("asyncio.coroutines")
        yield
    finally:
        for name in [name for name in sys.modules if name == "asyncio" or name.startswith("asyncio.")]:
            del sys.modules[name]


def _plugins_unsought() -> None:
    """pydantic looks for plugins when it builds its first validator: it imports importlib.metadata (with
    email, sockets and calendars) and reads the entry points of every installed distribution, about 20 ms
    of a run's start-up, for plugins this program does not use. Its plugin loader (asked from one place,
    pydantic.plugin._schema_validator) is answered by one that finds none, as PYDANTIC_DISABLE_PLUGINS=__all__
    would have it; a loader already imported is left as it is."""
    loader = types.ModuleType("pydantic.plugin._loader")
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules.setdefault(loader.__name__, loader)


_plugins_unsought()
with _asyncio_left_unloaded():
    from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.1"

Method = Literal["text", "ocr", "text-input"]
FormType = Literal["target", "self_eval"]
SourceKind = Literal["pdf-text", "pdf-scanned", "pdf-mixed", "image", "text", "html", "xlsx", "xls", "docx"]
Op = Literal["=", ">", ">=", "<", "<="]
ValueKind = Literal["numeric", "qualitative", "compound"]
Severity = Literal["error", "warning", "info"]
BBox = tuple[float, float, float, float]
Scope = Literal["project", "department"]
FundsUnit = Literal["元", "万元"]
Horizon = Literal["annual", "midterm", "long_term"]


class Contract(BaseModel):
    """Base of the JSON contract: unknown fields are refused, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid")


class Where(Contract):
    """Where a value was read: enough for an auditor to find it on the page."""

    page: int | None = None
    bbox: BBox | None = None  # [x0, top, x1, bottom] in PDF points from the page's top-left
    method: Method
    confidence: float = 1.0
    label: str | None = None  # the printed label or column header the value was matched to
    line: int | None = None  # 1-based source line, for text input (SCHEMA.md addition)
    # structured inputs (HTML, Excel, Word) point at the cell, not a box (SCHEMA.md addition)
    sheet: str | None = None  # the sheet name, or "table 2" for the second table of a page or document
    row: int | None = None  # 1-based row of that sheet or table
    column: int | None = None  # 1-based column
    element: str | None = None  # the HTML element path of the cell: /html/body/table[2]/tr[5]/td[3]


class Value(Contract):
    raw: str
    op: Op | None = None
    value: Decimal | None = None
    unit: str | None = None
    std_value: Decimal | None = None
    std_unit: str | None = None
    kind: ValueKind
    parts: list[Value] | None = None


class FundRow(Contract):
    source: str
    initial_budget: Decimal | None = None
    full_year_budget: Decimal | None = None
    executed: Decimal | None = None
    weight: Decimal | None = None
    execution_rate: Decimal | None = None
    score: Decimal | None = None
    note: str | None = None  # 原因 / 说明 printed beside the row (1.1)


class Component(Contract):
    name: str
    amount: Decimal | None = None


class Indicator(Contract):
    level1: str | None = None
    level1_weight: Decimal | None = None
    level2: str | None = None
    name: str | None = None
    description: str | None = None
    target: Value | None = None
    actual: Value | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    note: str | None = None
    nature: str | None = None  # 指标性质 as printed: 定量/定性, 正向/反向, or an operator (1.1)
    horizon: Horizon | None = None  # which target set of the form the row belongs to (1.1)
    scoring_rule: str | None = None  # 评分细则 · 得分计算方法 · 评分标准 (1.1)
    met: bool | None = None  # the actual meets the target; null where not printed or not comparable (1.1)


class Task(Contract):
    """One 年度主要任务 row of a department-wide form (1.1)."""

    name: str | None = None
    content: str | None = None
    budget: Decimal | None = None
    executed: Decimal | None = None


class Form(Contract):
    form_type: FormType
    template: str | None = None  # the template family recognised, a stable id of the templates data (1.1)
    scope: Scope | None = None  # project, or a whole department's spending (1.1)
    title: str | None = None
    year: int | None = None
    page_start: int | None = None
    page_end: int | None = None
    unit: str | None = None
    department: str | None = None
    project_name: str | None = None
    project_code: str | None = None  # the code printed with the name or unit: the key across years (1.1)
    project_category: str | None = None
    fund_use: str | None = None
    performance_type: str | None = None
    gov_procurement: bool | None = None
    recurring: bool | None = None
    start_date: date | None = None
    end_date: date | None = None
    total_budget: Decimal | None = None
    current_budget: Decimal | None = None
    prior_budget: Decimal | None = None
    prior_executed: Decimal | None = None
    executed: Decimal | None = None
    execution_rate: Decimal | None = None
    sections: dict[str, str] = Field(default_factory=dict)
    funds: list[FundRow] = Field(default_factory=list)
    funds_unit: FundsUnit | None = None  # the unit the funds block printed; amounts are stored in 元 (1.1)
    components: list[Component] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    total_score: Decimal | None = None
    grade: str | None = None
    eval_date: date | None = None
    tasks: list[Task] = Field(default_factory=list)  # 年度主要任务 of a department form (1.1)
    extra: dict[str, str] = Field(default_factory=dict)  # printed labels no field takes, with their values (1.1)
    coverage: Decimal | None = None  # share of the form's printed characters read into something (1.1)
    provenance: dict[str, Where] = Field(default_factory=dict)


class Flag(Contract):
    form_index: int | None = None  # null for a finding about the whole document
    code: str
    severity: Severity
    message: str
    expected: str | None = None
    found: str | None = None
    # the provenance paths of the flagged form it concerns (components[2].amount); SCHEMA.md addition
    paths: list[str] = Field(default_factory=list)


class Source(Contract):
    path: str
    sha256: str
    pages: int | None = None
    kind: SourceKind


class Document(Contract):
    schema_version: str = SCHEMA_VERSION
    source: Source
    forms: list[Form] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    errors: list[str] = Field(default_factory=list)


# ---- extraction stage: the same objects from every source -------------------------------------


class Cell(BaseModel):
    """One piece of printed text: a table cell, or a whitespace-separated run on a flowed line."""

    model_config = ConfigDict(frozen=True)

    text: str
    where: Where
    col: int | None = None  # column index when the source gives one (a ruled grid, a tab field)
    span: int = 1  # how many grid columns the cell covers (a merged cell of HTML, Excel, Word)


class Line(BaseModel):
    """One printed line, or one table row, in reading order."""

    model_config = ConfigDict(frozen=True)

    cells: tuple[Cell, ...]
    layout: Literal["flow", "grid"]  # flow: cells split on spaces; grid: cells are real table cells
    page: int | None = None

    @property
    def text(self) -> str:
        return " ".join([cell.text for cell in self.cells])


class Extraction(BaseModel):
    """What an extractor hands to the parsers."""

    source: Source
    lines: list[Line]
    errors: list[str] = Field(default_factory=list)  # what could not be read
    notes: list[str] = Field(default_factory=list)  # how it was read, where a reviewer should know (OCR)
    traditional: int = 0  # characters printed in traditional form, read as their simplified ones
    # a text spaced into columns read as rows instead (cells apart by spaces, not aligned as -layout text
    # aligns them): the parsers keep whichever reading reads more
    unaligned: list[Line] | None = None
