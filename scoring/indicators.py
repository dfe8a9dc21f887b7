"""Self-evaluation rules on each indicator: was its target met, and does its score say the same?

The verdict comes from scoring.judge (actual against target under the operator and unit); an indicator
that prints no target or no actual is not judged, and one whose verdict cannot be decided is flagged only
when it matters (a score below its weight). On any form, a share printed above 100% is flagged.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from models import Flag, Form, Indicator
from parsers.knowledge import bounded_share
from scoring.common import HUNDRED, cell_path, differs, flag, indicator_label, row_paths, to_cent
from scoring.judge import Verdict, comparable, higher_is_better_rate, judge

# what a verdict on a scored indicator compares: the target with the actual, the score with the weight
_SCORED = ("target", "actual", "weight", "score")


def _judged(form: Form) -> Iterator[tuple[int, Indicator, Verdict]]:
    """(row, indicator, verdict) for the indicators that can be judged."""
    for row, indicator in enumerate(form.indicators):
        verdict = judge(indicator)
        if verdict is not None:
            yield row, indicator, verdict


def _weighed(form: Form, met: bool | None) -> Iterator[tuple[int, Indicator, Verdict, Decimal, Decimal]]:
    """(row, indicator, verdict, weight, score) for the indicators with this verdict that print weight and score."""
    for row, indicator, verdict in _judged(form):
        if verdict.met is met and indicator.weight is not None and indicator.score is not None:
            yield row, indicator, verdict, indicator.weight, indicator.score


def target_not_met_full_score(index: int, form: Form) -> Iterator[Flag]:
    """Target not met (judge) and score >= weight: a missed target scored in full."""
    for row, indicator, verdict, weight, score in _weighed(form, met=False):
        if score >= weight:
            yield flag(index, "target_not_met_full_score", "warning",
                       f"{indicator_label(indicator)}未达到目标（{verdict.how}），却得满分："
                       f"得分 {score} = 分值 {weight}", f"< {weight}", score,
                       paths=row_paths("indicators", [row], *_SCORED))


def target_met_score_reduced(index: int, form: Form) -> Iterator[Flag]:
    """Target met (judge) and score < weight: a met target should carry its full weight."""
    for row, indicator, verdict, weight, score in _weighed(form, met=True):
        if score < weight:
            yield flag(index, "target_met_score_reduced", "warning",
                       f"{indicator_label(indicator)}已达到目标（{verdict.how}），却被扣分："
                       f"得分 {score} < 分值 {weight}", weight, score, paths=row_paths("indicators", [row], *_SCORED))


def deviation_note_missing(index: int, form: Form) -> Iterator[Flag]:
    """Target not met (judge) and 偏差原因分析及改进措施 empty: the form must say why."""
    for row, indicator, verdict in _judged(form):
        if verdict.met is False and not (indicator.note or "").strip():
            yield flag(index, "deviation_note_missing", "warning",
                       f"{indicator_label(indicator)}未达到目标（{verdict.how}），但未填写偏差原因分析及改进措施",
                       "偏差原因分析", "（空）", paths=row_paths("indicators", [row], "target", "actual", "note"))


def proportional_score(indicator: Indicator) -> tuple[Decimal, str] | None:
    """min(actual / target, 1) × weight to two decimals, with its working, for a higher-is-better rate.

    Only for rates (%) whose target is a floor (> or >=) or = 100%; None for everything else
    (lower-is-better targets, counts, words), where no proportional rule is assumed.
    """
    target, actual = indicator.target, indicator.actual
    if target is None or actual is None or indicator.weight is None or not higher_is_better_rate(target):
        return None
    pair = comparable(target, actual)
    if pair is None or pair[1] <= 0:
        return None
    found, wanted, _ = pair
    expected = to_cent(min(found / wanted, Decimal(1)) * indicator.weight)
    return expected, f"{found} / {wanted} × {indicator.weight} = {expected}"


def score_not_proportional(index: int, form: Form) -> Iterator[Flag]:
    """Target not met, higher-is-better rate: score should be min(actual / target, 1) × weight (±0.01).

    The rule: a rate target (%) with > or >= (or = 100%) that is missed scores in proportion to how much of
    it was reached. Lower-is-better targets, counts and words get no proportional expectation.
    """
    for row, indicator, verdict in _judged(form):
        working = proportional_score(indicator) if verdict.met is False else None
        if working is None or indicator.score is None or not differs(indicator.score, working[0]):
            continue
        expected, sums = working
        yield flag(index, "score_not_proportional", "warning",
                   f"{indicator_label(indicator)}未达到目标（{verdict.how}）；按比例计分"
                   f"（比率类正向指标：得分 = min(实际/目标, 1) × 分值）应为 {sums}，表上得分 {indicator.score}"
                   f"（差 {indicator.score - expected}）", expected, indicator.score,
                   paths=row_paths("indicators", [row], *_SCORED))


def target_met_undecided(index: int, form: Form) -> Iterator[Flag]:
    """Score < weight but met/not met cannot be decided (compound, mixed kinds, units apart): check by hand."""
    for row, indicator, verdict, weight, score in _weighed(form, met=None):
        if score < weight:
            yield flag(index, "target_met_undecided", "info",
                       f"{indicator_label(indicator)}得分 {score} 低于分值 {weight}，"
                       f"但无法判断是否达标：{verdict.how}", weight, score,
                       paths=row_paths("indicators", [row], *_SCORED))


def share_above_100(index: int, form: Form) -> Iterator[Flag]:
    """A share that cannot pass 100% (its name holds a word of [values] bounded_shares: 合格率, 满意度,
    覆盖率 …) printed above 100% as a target or an actual: 292% where ≥92% was meant (an OCR's 2 for ≥), or
    a slip. Flagged for the original; the parser reads only a target's 2 standing for ≥ (greater_sign_read_as_2)."""
    for row, indicator in enumerate(form.indicators):
        share = bounded_share(indicator.name)
        if share is None:
            continue
        for column, label in (("target", "目标"), ("actual", "实际")):
            value = getattr(indicator, column)
            if value is not None and value.unit == "%" and value.value is not None and value.value > HUNDRED:
                yield flag(index, "share_above_100", "warning",
                           f"{indicator_label(indicator)}{label}「{value.raw}」超过 100%：{share}不会超过 100%"
                           f"（可能是 ≥ 或 ≤ 被识别成了数字，或录入有误），请对照原件核实",
                           "≤100%", value.raw, paths=[cell_path("indicators", row, column)])


INDICATOR_RULES = (target_not_met_full_score, target_met_score_reduced, deviation_note_missing,
                   score_not_proportional, target_met_undecided, share_above_100)
