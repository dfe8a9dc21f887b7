"""Was an indicator's target met? Actual against target, under the target's operator and unit; never a guess.

Numeric: the actual's number is compared with the target's under the target's operator (>= 80% vs 76.89%
-> not met; <= 0.006% vs 0.004% -> met; = 365天 vs 365 -> met). Units must agree: the same printed unit
(% with %), or the same standard unit (小时 with 分钟, via std_value); an actual printed without a unit
is read in the target's unit and the verdict says so. A target without an operator is met only by an
equal actual. A range (15%-20%, ≥95%且≤100%: a compound target every part of which bounds the number)
is met by an actual inside every bound, not met outside one. Qualitative: the same words (a trailing 性
dropped: 及时性 = 及时), or the actual holds the target's words with nothing that weakens them (基本健全 is
not 健全); 不/未/没有 + the target's words is not met. Everything else - another compound target or actual,
mixed kinds, units that do not convert, an actual printed with an operator - cannot be decided, and the
verdict says why.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from models import Form, Indicator, Value
from scoring.common import plain

_COMPARE: dict[str, Callable[[Decimal, Decimal], bool]] = {
    "=": operator.eq, ">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le,
}
_NEGATED = ("不", "未", "没有", "尚未")
# words that weaken a quality word printed around it: 基本健全, 部分完成, 较及时, 有待完善
_WEAKENERS = ("不", "未", "基本", "部分", "较", "欠", "待", "尚", "略")


@dataclass(frozen=True)
class Verdict:
    met: bool | None  # None: cannot be decided from what is printed
    how: str  # the comparison made, or why none could be made


def judge(indicator: Indicator) -> Verdict | None:
    """The verdict on one indicator; None when it prints no target or no actual (nothing to compare)."""
    target, actual = indicator.target, indicator.actual
    if target is None or actual is None:
        return None
    if actual.kind == "numeric" and _is_range(target):
        return _judge_range(target, actual)
    if "compound" in (target.kind, actual.kind):
        return Verdict(None, f"目标「{target.raw}」或实际「{actual.raw}」含多个量，无法逐一对应")
    if target.kind == actual.kind == "numeric":
        return _judge_numbers(target, actual)
    if target.kind == actual.kind == "qualitative":
        return _judge_words(target.raw, actual.raw)
    return Verdict(None, f"目标「{target.raw}」与实际「{actual.raw}」一为数值一为文字，无法比较")


def judged_forms(forms: list[Form]) -> list[Form]:
    """The forms with `met` set on every indicator from judge(): the one verdict the scorer's flags and the
    report show, now in the data too (null where nothing can be compared or it cannot be decided)."""
    return [form.model_copy(update={"indicators": [_with_met(row) for row in form.indicators]}) for form in forms]


def _with_met(indicator: Indicator) -> Indicator:
    verdict = judge(indicator)
    return indicator.model_copy(update={"met": None if verdict is None else verdict.met})


def comparable(target: Value, actual: Value) -> tuple[Decimal, Decimal, str] | None:
    """(actual, target) in one unit, with a note when the actual was read in the target's unit; or None."""
    if actual.value is None or target.value is None or actual.op not in (None, "="):
        return None
    if target.unit == actual.unit:
        return actual.value, target.value, ""
    if actual.unit is None:
        return actual.value, target.value, f"实际「{actual.raw}」未印单位，按目标单位「{target.unit}」读"
    if target.std_unit is not None and target.std_unit == actual.std_unit and None not in (
        target.std_value, actual.std_value
    ):
        return actual.std_value, target.std_value, f"按标准单位「{target.std_unit}」比较"
    return None


def _judge_numbers(target: Value, actual: Value) -> Verdict:
    pair = comparable(target, actual)
    if pair is None:
        return Verdict(None, f"实际「{actual.raw}」与目标「{target.raw}」的单位或运算符无法对应")
    found, wanted, note = pair
    suffix = f"（{note}）" if note else ""
    if target.op is None:
        if found == wanted:
            return Verdict(True, f"实际 {actual.raw} 等于目标 {target.raw}{suffix}")
        return Verdict(None, f"目标「{target.raw}」未印运算符（≥、≤、=），无法判断 {actual.raw} 是否达标")
    met = _COMPARE[target.op](found, wanted)
    relation = "满足" if met else "不满足"
    return Verdict(met, f"实际 {actual.raw} {relation}目标 {target.raw}{suffix}")


_BOUNDS = (">", ">=", "<", "<=")


def _is_range(target: Value) -> bool:
    """A compound target whose every part is a number bounding the actual (15%-20%: ≥15% and ≤20%)."""
    return target.kind == "compound" and bool(target.parts) and all(
        part.kind == "numeric" and part.op in _BOUNDS and part.value is not None for part in target.parts or ())


def _judge_range(target: Value, actual: Value) -> Verdict:
    """Met inside every bound, not met outside one; undecided where a bound and the actual do not compare."""
    for part in target.parts or ():
        pair = comparable(part, actual)
        if pair is None:
            return Verdict(None, f"实际「{actual.raw}」与目标「{target.raw}」的单位无法对应")
        found, bound, _ = pair
        if not _COMPARE[part.op](found, bound):
            side = "低于下限" if part.op in (">", ">=") else "高于上限"
            return Verdict(False, f"实际 {actual.raw} 在目标范围 {target.raw} 之外（{side} {part.raw}）")
    return Verdict(True, f"实际 {actual.raw} 在目标范围 {target.raw} 之内")


def _words(text: str) -> str:
    return plain(text).removesuffix("性")


def _judge_words(target_text: str, actual_text: str) -> Verdict:
    wanted, found = _words(target_text), _words(actual_text)
    if not wanted:
        return Verdict(None, f"目标「{target_text}」无文字可比")
    if found == wanted:
        return Verdict(True, f"实际「{actual_text}」与目标「{target_text}」相同")
    if any(found == prefix + wanted for prefix in _NEGATED):
        return Verdict(False, f"实际「{actual_text}」是对目标「{target_text}」的否定")
    around = found.replace(wanted, "", 1) if wanted in found else None
    if around is not None and not any(word in around for word in _WEAKENERS):
        return Verdict(True, f"实际「{actual_text}」含目标「{target_text}」")
    return Verdict(None, f"实际「{actual_text}」与目标「{target_text}」措辞不同，无法判断")


def higher_is_better_rate(target: Value) -> bool:
    """A rate (%) whose target is a floor (> or >=) or the ceiling itself (= 100%)."""
    if target.kind != "numeric" or target.unit != "%" or target.value is None:
        return False
    return target.op in (">", ">=") or (target.op == "=" and target.value == 100)
