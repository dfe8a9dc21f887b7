"""The arithmetic an auditor checks first. Each rule reads a form and returns Flags; none edits it.

RULES is the registry forms_to_flags runs, in order: the budget and score arithmetic here, then the
indicator verdicts (scoring.indicators), the target-form checks (scoring.targets) and the values read
with doubt (scoring.confidence).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal

from models import Flag, Form, FundRow, Indicator
from normalize.numbers import format_money
from parsers.knowledge import knowledge
from scoring.common import HUNDRED, Rule, differs, flag, part_rows, row_paths, to_cent, total_row
from scoring.confidence import CONFIDENCE_RULES
from scoring.indicators import INDICATOR_RULES
from scoring.targets import TARGET_RULES

_CENT = Decimal("0.01")
# the 项目资金 columns that add up from the parts to 年度资金总额
_FUND_COLUMNS = (("initial_budget", "年初预算数"), ("full_year_budget", "全年预算数"), ("executed", "全年执行数"))


def components_sum(index: int, form: Form) -> Iterator[Flag]:
    """Σ components[].amount = current_budget (项目当年投入资金构成 adds up to 项目当年预算)."""
    amounts = [component.amount for component in form.components]
    if not amounts or form.current_budget is None or any(amount is None for amount in amounts):
        return
    total = sum(amounts, Decimal(0))
    if total != form.current_budget:
        yield flag(index, "components_sum_mismatch", "error",
                   f"资金构成合计 {format_money(total)} 元 ≠ 项目当年预算 {format_money(form.current_budget)} 元 "
                   f"(差 {format_money(total - form.current_budget)} 元)",
                   form.current_budget, total,
                   paths=[*row_paths("components", range(len(amounts)), "amount"), "current_budget"])


def score_within_weight(index: int, form: Form) -> Iterator[Flag]:
    """score ≤ weight for every indicator and funds row."""
    scored: list[tuple[str, str, int, Indicator | FundRow]] = [
        (f"指标「{i.name}」", "indicators", row, i) for row, i in enumerate(form.indicators)]
    scored += [(f"资金「{fund.source}」", "funds", row, fund) for row, fund in enumerate(form.funds)]
    for what, table, row, item in scored:
        weight, score = item.weight, item.score
        if weight is not None and score is not None and score > weight:
            yield flag(index, "score_exceeds_weight", "error", f"{what} 得分 {score} 超过分值 {weight}",
                       f"<= {weight}", score, paths=row_paths(table, [row], "weight", "score"))


def _scored(rows: Sequence[Indicator | FundRow]) -> list[int]:
    """The positions of the rows that print a score."""
    return [row for row, item in enumerate(rows) if item.score is not None]


def total_score(index: int, form: Form) -> Iterator[Flag]:
    """总分 = Σ indicator scores + Σ funds scores (to the form's two decimals)."""
    if form.total_score is None:
        return
    indicators, funds = _scored(form.indicators), _scored(form.funds)
    scores = [form.indicators[row].score for row in indicators] + [form.funds[row].score for row in funds]
    if not scores:
        return
    total = sum(scores, Decimal(0))
    if abs(total - form.total_score) > _CENT / 2:
        yield flag(index, "total_score_mismatch", "error",
                   f"各项得分之和 {total} ≠ 总分 {form.total_score}", total, form.total_score,
                   paths=["total_score", *row_paths("indicators", indicators, "score"),
                          *row_paths("funds", funds, "score")])


def _rate_flag(index: int, what: str, executed: Decimal, budget: Decimal, printed: Decimal,
               paths: list[str]) -> Flag | None:
    places = Decimal(1).scaleb(printed.as_tuple().exponent)
    rounded = (executed / budget * 100).quantize(places, rounding=ROUND_HALF_UP)
    if rounded == printed:
        return None
    return flag(index, "execution_rate_mismatch", "warning",
                f"{what}执行率印为 {printed}%，但 {format_money(executed)} / {format_money(budget)} = {rounded}%",
                rounded, printed, paths=paths)


def execution_rate(index: int, form: Form) -> Iterator[Flag]:
    """执行率 printed = executed / full_year_budget × 100, rounded half-up to the printed decimals.

    Per 项目资金 row; a form without that block (项目绩效自我评价) is checked on its own figures:
    预算执行率 = 预算执行数 / 当年预算数 × 100.
    """
    checks = [(f"资金「{row.source}」", row.executed, row.full_year_budget, row.execution_rate,
               row_paths("funds", [n], "execution_rate", "executed", "full_year_budget"))
              for n, row in enumerate(form.funds)]
    if not form.funds:
        checks.append(("预算", form.executed, form.current_budget, form.execution_rate,
                       ["execution_rate", "executed", "current_budget"]))
    for what, executed, budget, printed, paths in checks:
        if None not in (executed, budget, printed) and budget:
            found = _rate_flag(index, what, executed, budget, printed, paths)
            if found is not None:
                yield found


def grade_band(index: int, form: Form) -> Iterator[Flag]:
    """绩效等级 from 总分: 90–100 优秀, 75–90 良好, 60–75 合格, <60 不合格 (lower bound included); a grade
    printed in one character by the central scheme: 90 优, 80 良, 60 中, else 差."""
    if form.grade is None or form.total_score is None:
        return
    grades = knowledge()["grades"]
    short = form.grade in {name for _, name in grades["short_bands"]}  # 优 / 良 / 中 / 差
    expected = next(name for floor, name in grades["short_bands" if short else "bands"] if form.total_score >= floor)
    if expected != form.grade:
        yield flag(index, "grade_mismatch", "error",
                   f"总分 {form.total_score} 对应等级为「{expected}」，表上为「{form.grade}」", expected, form.grade,
                   paths=["grade", "total_score"])


def funds_score(index: int, form: Form) -> Iterator[Flag]:
    """资金得分 = min(全年执行数 / 全年预算数, 1) × 分值, half-up to two decimals; flagged beyond ±0.01."""
    for n, row in enumerate(form.funds):
        if None in (row.weight, row.score, row.executed, row.full_year_budget) or not row.full_year_budget:
            continue
        expected = to_cent(min(row.executed / row.full_year_budget, Decimal(1)) * row.weight)
        if differs(row.score, expected):
            yield flag(index, "funds_score_mismatch", "warning",
                       f"资金「{row.source}」得分印为 {row.score}，但 min({format_money(row.executed)} / "
                       f"{format_money(row.full_year_budget)}, 1) × {row.weight} = {expected}",
                       expected, row.score,
                       paths=row_paths("funds", [n], "score", "weight", "executed", "full_year_budget"))


def funds_rows_sum(index: int, form: Form) -> Iterator[Flag]:
    """Per column (年初预算数, 全年预算数, 全年执行数): Σ parts = 年度资金总额.

    The parts are 当年财政拨款 + 上年结转资金 + 其他资金; a part that prints nothing in the column counts
    as 0, and when the sum falls short the flag names the parts that print nothing (a part whose
    全年预算数 is 0 may leave its other cells empty, and is not named).
    """
    total, parts = total_row(form), part_rows(form)
    if total is None or not parts:
        return
    for column, header in _FUND_COLUMNS:
        whole = getattr(total, column)
        amounts = [getattr(row, column) for row in parts]
        summed = sum((amount for amount in amounts if amount is not None), Decimal(0))
        if whole is None or summed == whole:
            continue
        missing = [row.source for row, amount in zip(parts, amounts) if amount is None and row.full_year_budget != 0]
        why = f"{'、'.join(missing)} 未印{header}" if missing else f"差 {format_money(whole - summed)} 元"
        yield flag(index, "funds_rows_sum_mismatch", "warning",
                   f"资金「{total.source}」{header} {format_money(whole)} 元 ≠ 其中各项之和 "
                   f"{format_money(summed)} 元（{why}）", whole, summed,
                   paths=row_paths("funds", range(len(form.funds)), column))  # the total row and its parts


def weights_sum(index: int, form: Form) -> Iterator[Flag]:
    """Self-evaluation: Σ indicator 分值 + Σ 项目资金 分值 = 100.

    Checked on a self-evaluation that prints its 总分 (合计), the sign that the whole scored table is there.
    """
    indicator_weights = [i.weight for i in form.indicators if i.weight is not None]
    funds_weights = [row.weight for row in form.funds if row.weight is not None]
    if form.form_type != "self_eval" or form.total_score is None or not indicator_weights:
        return
    indicators, funds = sum(indicator_weights, Decimal(0)), sum(funds_weights, Decimal(0))
    if indicators + funds == HUNDRED:
        return
    unweighted = len(form.indicators) - len(indicator_weights)
    note = f"（{unweighted} 个指标未印分值）" if unweighted else ""
    yield flag(index, "weights_not_100", "error",
               f"指标分值之和 {indicators} + 资金分值 {funds} = {indicators + funds} ≠ 100{note}",
               HUNDRED, indicators + funds, paths=[*row_paths("indicators", range(len(form.indicators)), "weight"),
                                                   *row_paths("funds", range(len(form.funds)), "weight")])


def level1_weights(index: int, form: Form) -> Iterator[Flag]:
    """Σ 分值 of the indicators under a 一级指标 = the weight printed in its cell (投入与管理 (36分))."""
    printed: dict[str, Decimal] = {}
    rows: dict[str, list[int]] = {}
    for row, indicator in enumerate(form.indicators):
        if indicator.level1 is None or indicator.level1_weight is None:
            continue
        printed.setdefault(indicator.level1, indicator.level1_weight)
        rows.setdefault(indicator.level1, []).append(row)
    for level1, weight in printed.items():
        summed = sum((form.indicators[row].weight or Decimal(0) for row in rows[level1]), Decimal(0))
        if summed != weight:
            yield flag(index, "level1_weight_mismatch", "error",
                       f"一级指标「{level1}」印为 {weight} 分，其下指标分值之和为 {summed}", weight, summed,
                       paths=row_paths("indicators", rows[level1], "level1", "weight"))


RULES: tuple[Rule, ...] = (
    components_sum, score_within_weight, total_score, execution_rate, grade_band,
    funds_score, funds_rows_sum, weights_sum, level1_weights,
    *INDICATOR_RULES, *TARGET_RULES, *CONFIDENCE_RULES,
)
