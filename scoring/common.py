"""What every rule shares: the Rule type, one way to build a Flag and name its cells, the form's rounding,
the funds rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import ROUND_HALF_UP, Decimal

import regex

from models import Flag, Form, FundRow, Indicator, Severity

Rule = Callable[[int, Form], Iterator[Flag]]

CENT = Decimal("0.01")
# a printed score or rate may differ from the computed one by its last printed digit, never more
TOLERANCE = CENT
HUNDRED = Decimal(100)

# the 项目资金 row that holds the year's totals; the other rows (当年财政拨款, 上年结转资金, 其他资金) are its parts
_TOTAL_ROW_WORDS = ("总额", "合计", "总计")
_NOT_A_WORD = regex.compile(r"[^\p{Han}\p{L}\p{N}]+")


def flag(index: int | None, code: str, severity: Severity, message: str, expected: object, found: object, *,
         paths: Iterable[str]) -> Flag:
    """A Flag on form `index`; `paths` are the provenance paths of that form the rule compared."""
    return Flag(form_index=index, code=code, severity=severity, message=message,
                expected=None if expected is None else str(expected),
                found=None if found is None else str(found), paths=list(paths))


def cell_path(table: str, row: int, column: str) -> str:
    """A table cell's provenance path: cell_path("components", 2, "amount") -> "components[2].amount"."""
    return f"{table}[{row}].{column}"


def row_paths(table: str, rows: Iterable[int], *columns: str) -> list[str]:
    """The paths of these columns in these rows, row by row: row_paths("funds", [0], "executed", "weight")
    -> ["funds[0].executed", "funds[0].weight"]."""
    return [cell_path(table, row, column) for row in rows for column in columns]


def fund_index(form: Form, row: FundRow) -> int:
    """The position of this 项目资金 row in form.funds (by identity: two rows may print the same)."""
    return next(index for index, other in enumerate(form.funds) if other is row)


def plain(text: str) -> str:
    """Letters, Han and digits only: spaces, punctuation and brackets dropped (for comparing names and words)."""
    return _NOT_A_WORD.sub("", text)


def to_cent(number: Decimal) -> Decimal:
    """Rounded half-up to the two decimals the forms print (9.1665 -> 9.17)."""
    return number.quantize(CENT, rounding=ROUND_HALF_UP)


def differs(printed: Decimal, computed: Decimal) -> bool:
    """More than one printed cent apart."""
    return abs(printed - computed) > TOLERANCE


def indicator_label(indicator: Indicator) -> str:
    return f"指标「{indicator.name or '（无名称）'}」"


def total_row(form: Form) -> FundRow | None:
    """The 年度资金总额 row of the 项目资金 block, if printed."""
    return next((row for row in form.funds if any(word in row.source for word in _TOTAL_ROW_WORDS)), None)


def part_rows(form: Form) -> list[FundRow]:
    """The rows that add up to the 年度资金总额 row (其中：当年财政拨款 · 上年结转资金 · 其他资金)."""
    total = total_row(form)
    return [row for row in form.funds if row is not total]


def year_budget(form: Form) -> Decimal | None:
    """The year's budget: 项目当年预算 / 当年预算数, else the 全年预算数 of 年度资金总额."""
    total = total_row(form)
    if form.current_budget is not None or total is None:
        return form.current_budget
    return total.full_year_budget


def year_executed(form: Form) -> Decimal | None:
    """The year's spending: 预算执行数, else the 全年执行数 of 年度资金总额."""
    total = total_row(form)
    if form.executed is not None or total is None:
        return form.executed
    return total.executed
