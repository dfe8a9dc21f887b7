"""Rules on what a target form (绩效目标表 / 申报表) declares: its budget lines, its indicator table, its dates."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from models import Flag, Form, Indicator, Value
from normalize.numbers import format_money
from parsers.knowledge import level_family
from scoring.common import HUNDRED, cell_path, flag, plain, row_paths

_OUTPUT_LEVEL2 = ("数量", "质量", "时效")
_LEVELS = ("level1", "level2")
_BENEFIT = ("效益", "效果")  # 效益指标 on newer forms, 效果目标 on older ones
_HALF = Decimal("0.5")
_TENTH = Decimal("0.1")


def current_exceeds_total(index: int, form: Form) -> Iterator[Flag]:
    """项目当年预算 ≤ 项目总预算."""
    if None not in (form.current_budget, form.total_budget) and form.current_budget > form.total_budget:
        yield flag(index, "current_exceeds_total", "error",
                   f"项目当年预算 {format_money(form.current_budget)} 元 > "
                   f"项目总预算 {format_money(form.total_budget)} 元 "
                   f"(超出 {format_money(form.current_budget - form.total_budget)} 元)",
                   f"<= {form.total_budget}", form.current_budget, paths=["current_budget", "total_budget"])


def prior_executed_exceeds_budget(index: int, form: Form) -> Iterator[Flag]:
    """同名项目上年预算执行数 ≤ 同名项目上年预算额."""
    if None not in (form.prior_executed, form.prior_budget) and form.prior_executed > form.prior_budget:
        yield flag(index, "prior_executed_exceeds_budget", "warning",
                   f"上年预算执行数 {format_money(form.prior_executed)} 元 > 上年预算额 "
                   f"{format_money(form.prior_budget)} 元 "
                   f"(超出 {format_money(form.prior_executed - form.prior_budget)} 元)",
                   f"<= {form.prior_budget}", form.prior_executed, paths=["prior_executed", "prior_budget"])


def _families(levels: list[str]) -> set[str]:
    return {family for family in map(level_family, levels) if family is not None}


def _output_level2(form: Form) -> list[str]:
    """The 二级 printed under 产出 (数量指标, 质量目标, …)."""
    return [i.level2 for i in form.indicators
            if i.level2 and "产出" in (level_family(i.level1 or ""), level_family(i.level2))]


def _missing_categories(form: Form) -> list[str]:
    level1s = [i.level1 for i in form.indicators if i.level1]
    level2s = [i.level2 for i in form.indicators if i.level2]
    families = _families(level1s + level2s)
    missing = [] if "产出" in families else ["产出指标"]
    missing += [] if families & set(_BENEFIT) else ["效益指标"]
    if not level2s:  # 满意度 is a 一级 on some forms and a 二级 under 效果 on others: unknown without 二级
        return missing
    missing += [] if "满意度" in families else ["满意度指标"]
    output = _output_level2(form)
    if output:
        missing += [f"产出指标下的「{word}」二级指标" for word in _OUTPUT_LEVEL2
                    if not any(level.startswith(word) for level in output)]
    return missing


def category_missing(index: int, form: Form) -> Iterator[Flag]:
    """Target form: 产出 (with 二级 数量, 质量, 时效), 效益 (or 效果) and 满意度 are each present.

    Checked only as far as the levels were read: nothing when no 一级 was read (a scrambled layout);
    满意度 and the 二级 of 产出 only when 二级 were read.
    """
    if form.form_type != "target" or not any(i.level1 for i in form.indicators):
        return
    missing = _missing_categories(form)
    if missing:
        present = sorted(_families([level for i in form.indicators for level in (i.level1, i.level2) if level]))
        yield flag(index, "category_missing", "warning", f"绩效指标缺少：{'、'.join(missing)}",
                   "产出（数量、质量、时效）、效益、满意度", "、".join(present), paths=_level_paths(form))


def _level_paths(form: Form) -> list[str]:
    """The 一级/二级 cells that were read (what category_missing looked at)."""
    return [cell_path("indicators", row, column) for row, indicator in enumerate(form.indicators)
            for column in _LEVELS if getattr(indicator, column)]


def _points(value: Value) -> Decimal:
    """1 measurable (number, operator, unit); 0.5 a number missing its operator or unit; 0 words.

    A compound value scores the mean of its parts.
    """
    if value.kind == "compound" and value.parts:
        return sum(map(_points, value.parts), Decimal(0)) / len(value.parts)
    if value.kind != "numeric" or value.value is None:
        return Decimal(0)
    return Decimal(1) if value.op and value.unit else _HALF


def target_quality(index: int, form: Form) -> Iterator[Flag]:
    """目标质量 = 100 × Σ points / n over the indicators that print a target, to one decimal.

    points: 1 for a measurable target (a number with an operator and a unit: ≥98%, ≤90分钟), 0.5 for a
    number missing its operator or unit (=390, 94.90%), 0 for words (健全, 及时); a compound target
    scores the mean of its parts. Reported (info) for every target form that prints targets.
    """
    targets = [(row, i, i.target) for row, i in enumerate(form.indicators) if i.target is not None]
    if form.form_type != "target" or not targets:
        return
    points = [(indicator, _points(value)) for _, indicator, value in targets]
    total = sum((point for _, point in points), Decimal(0))
    quality = (HUNDRED * total / len(points)).quantize(_TENTH, rounding=ROUND_HALF_UP)
    full = sum(1 for _, point in points if point == 1)
    vague = [indicator.name or "?" for indicator, point in points if point == 0]
    partial = len(points) - full - len(vague)
    listed = f"；定性：{'、'.join(vague)}" if vague else ""
    levels_lost = not any(i.level1 or i.level2 for i in form.indicators)
    caveat = "；指标层级未读出，指标表可能未读全，只按读出的指标计" if levels_lost else ""
    yield flag(index, "target_quality", "info",
               f"目标质量 {quality} = 100 × {total.normalize():f} / {len(points)}（可量化 {full} 个计 1，"
               f"缺运算符或单位 {partial} 个计 0.5，定性 {len(vague)} 个计 0，复合目标取各部分平均）{listed}{caveat}",
               HUNDRED, quality, paths=row_paths("indicators", [row for row, _, _ in targets], "target"))


def _name_key(indicator: Indicator) -> str:
    return plain(indicator.name or "")


def duplicate_indicator(index: int, form: Form) -> Iterator[Flag]:
    """Each indicator name (spaces and punctuation ignored) appears once in each target set of a form: a 中期 and
    a 年度 record of one row (中期指标值 | 年度指标值 side by side) are no duplicate."""
    rows: dict[tuple[str, str | None], list[int]] = {}
    for row, indicator in enumerate(form.indicators, start=1):
        if _name_key(indicator):
            rows.setdefault((_name_key(indicator), indicator.horizon), []).append(row)
    for found in rows.values():
        if len(found) > 1:
            name = form.indicators[found[0] - 1].name
            yield flag(index, "duplicate_indicator", "warning",
                       f"指标「{name}」在本表出现 {len(found)} 次（第 {'、'.join(map(str, found))} 行）", 1, len(found),
                       paths=row_paths("indicators", [row - 1 for row in found], "name"))


def date_outside_year(index: int, form: Form) -> Iterator[Flag]:
    """开始/结束日期 fall inside the form's year (1 January – 31 December).

    Not checked for a multi-year project (项目总预算 > 项目当年预算), whose form prints the whole period.
    """
    multi_year = None not in (form.total_budget, form.current_budget) and form.total_budget > form.current_budget
    if form.year is None or multi_year:
        return
    for label, field, day in (("开始日期", "start_date", form.start_date), ("结束日期", "end_date", form.end_date)):
        if day is not None and day.year != form.year:
            yield flag(index, "date_outside_year", "warning", f"{label} {day.isoformat()} 不在 {form.year} 年度内",
                       f"{form.year}-01-01 – {form.year}-12-31", day.isoformat(), paths=[field, "year"])


def dates_reversed(index: int, form: Form) -> Iterator[Flag]:
    """开始日期 ≤ 结束日期."""
    if None not in (form.start_date, form.end_date) and form.start_date > form.end_date:
        yield flag(index, "dates_reversed", "error",
                   f"开始日期 {form.start_date.isoformat()} 晚于结束日期 {form.end_date.isoformat()}",
                   f"<= {form.end_date.isoformat()}", form.start_date.isoformat(), paths=["start_date", "end_date"])


TARGET_RULES = (current_exceeds_total, prior_executed_exceeds_budget, category_missing, target_quality,
                duplicate_indicator, date_outside_year, dates_reversed)
