"""The arithmetic an auditor checks first. Each rule reads a form and returns Flags; none edits it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import ROUND_HALF_UP, Decimal

from models import Flag, Form
from normalize.numbers import format_money
from parsers.knowledge import knowledge

Rule = Callable[[int, Form], Iterator[Flag]]
_CENT = Decimal("0.01")


def _flag(index: int, code: str, severity: str, message: str, expected: object, found: object) -> Flag:
    return Flag(form_index=index, code=code, severity=severity, message=message,
                expected=str(expected), found=str(found))


def components_sum(index: int, form: Form) -> Iterator[Flag]:
    """Σ components[].amount = current_budget (项目当年投入资金构成 adds up to 项目当年预算)."""
    amounts = [component.amount for component in form.components]
    if not amounts or form.current_budget is None or any(amount is None for amount in amounts):
        return
    total = sum(amounts, Decimal(0))
    if total != form.current_budget:
        yield _flag(index, "components_sum_mismatch", "error",
                    f"资金构成合计 {format_money(total)} 元 ≠ 项目当年预算 {format_money(form.current_budget)} 元 "
                    f"(差 {format_money(total - form.current_budget)} 元)",
                    form.current_budget, total)


def score_within_weight(index: int, form: Form) -> Iterator[Flag]:
    """score ≤ weight for every indicator and funds row."""
    scored = [(f"指标「{i.name}」", i.weight, i.score) for i in form.indicators]
    scored += [(f"资金「{row.source}」", row.weight, row.score) for row in form.funds]
    for what, weight, score in scored:
        if weight is not None and score is not None and score > weight:
            yield _flag(index, "score_exceeds_weight", "error", f"{what} 得分 {score} 超过分值 {weight}",
                        f"<= {weight}", score)


def total_score(index: int, form: Form) -> Iterator[Flag]:
    """总分 = Σ indicator scores + Σ funds scores (to the form's two decimals)."""
    if form.total_score is None:
        return
    scores = [i.score for i in form.indicators if i.score is not None]
    scores += [row.score for row in form.funds if row.score is not None]
    if not scores:
        return
    total = sum(scores, Decimal(0))
    if abs(total - form.total_score) > _CENT / 2:
        yield _flag(index, "total_score_mismatch", "error",
                    f"各项得分之和 {total} ≠ 总分 {form.total_score}", total, form.total_score)


def execution_rate(index: int, form: Form) -> Iterator[Flag]:
    """执行率 printed = executed / full_year_budget × 100, rounded half-up to the printed decimals."""
    for row in form.funds:
        if None in (row.execution_rate, row.executed, row.full_year_budget) or not row.full_year_budget:
            continue
        computed = row.executed / row.full_year_budget * 100
        printed = row.execution_rate
        places = Decimal(1).scaleb(printed.as_tuple().exponent)
        rounded = computed.quantize(places, rounding=ROUND_HALF_UP)
        if rounded != printed:
            yield _flag(index, "execution_rate_mismatch", "warning",
                        f"资金「{row.source}」执行率印为 {printed}%，但 {format_money(row.executed)} / "
                        f"{format_money(row.full_year_budget)} = {rounded}%", rounded, printed)


def grade_band(index: int, form: Form) -> Iterator[Flag]:
    """绩效等级 from 总分: 90–100 优秀, 75–90 良好, 60–75 合格, <60 不合格 (lower bound included)."""
    if form.grade is None or form.total_score is None:
        return
    expected = next(name for floor, name in knowledge()["grades"]["bands"] if form.total_score >= floor)
    if expected != form.grade:
        yield _flag(index, "grade_mismatch", "error",
                    f"总分 {form.total_score} 对应等级为「{expected}」，表上为「{form.grade}」", expected, form.grade)


RULES: tuple[Rule, ...] = (components_sum, score_within_weight, total_score, execution_rate, grade_band)
