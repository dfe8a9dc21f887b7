"""`met` on every indicator: the judge's verdict, the same one the scorer's flags state, on the real seeds."""

from __future__ import annotations

from collections.abc import Callable

from models import Document, Form, Indicator, Value
from scoring.judge import judge, judged_forms

Seed = Callable[[str], Document]
# the flags that state a verdict on one indicator, and the verdict they state
_STATED = {"target_not_met_full_score": False, "deviation_note_missing": False, "score_not_proportional": False,
           "target_met_score_reduced": True, "target_met_undecided": None}


def _verdicts(document: Document) -> list[tuple[int, int, bool | None]]:
    return [(form_index, row, indicator.met) for form_index, form in enumerate(document.forms)
            for row, indicator in enumerate(form.indicators) if indicator.target and indicator.actual]


def test_001_met_on_every_indicator_printing_target_and_actual(seed: Seed) -> None:
    met = {(form, row): value for form, row, value in _verdicts(seed("001"))}
    assert len(met) == 44
    # missed: 综合服务率 >=80% vs 76.89%, 人员到位率 =100% vs 81%, 办公人员满意度 >90% vs 90%
    assert sorted(key for key, value in met.items() if value is False) == [(0, 5), (2, 1), (3, 4)]
    # undecided: 系统故障解决时间, a compound target against words
    assert [key for key, value in met.items() if value is None] == [(0, 4)]


def test_indicators_missing_target_or_actual_stay_null(seed: Seed) -> None:
    for prefix in ("000", "002", "003", "004"):
        assert all(indicator.met is None for form in seed(prefix).forms for indicator in form.indicators)


def test_met_is_the_judges_verdict_and_the_flags_agree(seed: Seed) -> None:
    for prefix in ("000", "001", "002", "003", "004"):
        document = seed(prefix)
        for form in document.forms:
            for indicator in form.indicators:
                verdict = judge(indicator)
                assert indicator.met == (None if verdict is None else verdict.met)
        for flag in document.flags:
            if flag.code in _STATED:
                row = int(flag.paths[0].split("[")[1].split("]")[0])
                indicator = document.forms[flag.form_index].indicators[row]
                assert indicator.met is _STATED[flag.code], (flag.code, indicator.name)


def test_judged_forms_derives_new_forms_and_leaves_the_parsed_ones_alone(seed: Seed) -> None:
    form = seed("001").forms[0]
    cleared = form.model_copy(update={"indicators": [i.model_copy(update={"met": None}) for i in form.indicators]})
    (judged,) = judged_forms([cleared])
    assert judged is not cleared and all(indicator.met is None for indicator in cleared.indicators)
    assert [indicator.met for indicator in judged.indicators] == [indicator.met for indicator in form.indicators]


def test_a_target_without_an_actual_is_not_judged() -> None:
    indicator = Indicator(name="x", target=Value(raw="≥90%", op=">=", value=90, unit="%", kind="numeric"))
    (form,) = judged_forms([Form(form_type="self_eval", indicators=[indicator])])
    assert form.indicators[0].met is None

