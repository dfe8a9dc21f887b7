"""A form's table continued on a page of its own that prints the title or the project's name again (项目支出绩效
自评表（续表） | 项目名称 X | the rest of the rows, 总分): the two readings give it as a second form, of the same name
or of none, with nothing of its own but rows and the score. It is the first form's rest: its rows go after the
first's, its score and sections fill what the first left empty."""

from __future__ import annotations

import regex

from models import Flag, Form, Indicator

_OWN_FIELDS = ("unit", "department", "total_budget", "current_budget")  # what a new form of the same name prints
_INDICATOR_PATH = regex.compile(r"^indicators\[(\d+)\]")


def continuations_joined(forms: list[Form], flags: list[Flag], spans: list) -> tuple[list[Form], list[Flag], list]:
    """The forms with each continuation joined to the form before it; flags renumbered, spans joined."""
    number: dict[int, int] = {}
    out_forms: list[Form] = []
    out_spans: list = []
    for index, form in enumerate(forms):
        if out_forms and _continues(out_forms[-1], form):
            out_forms[-1] = _joined(out_forms[-1], form)
            out_spans[-1] = out_spans[-1] + spans[index]
        else:
            out_forms.append(form)
            out_spans.append(spans[index])
        number[index] = len(out_forms) - 1
    if len(out_forms) == len(forms):
        return forms, flags, spans
    renumbered = [flag.model_copy(update={"form_index": number[flag.form_index]}) if flag.form_index is not None
                  else flag for flag in flags]
    return out_forms, renumbered, out_spans


def _continues(form: Form, later: Form) -> bool:
    """Whether `later` prints nothing of its own but rows (and a score): its name, where printed, and its unit,
    department and budgets are the form's or not printed (a table of several projects prints the project's name
    and budget again over its rows on the next page)."""
    return form.project_name is not None and later.project_name in (form.project_name, None) \
        and bool(form.indicators) and bool(later.indicators) and not later.funds \
        and all(getattr(later, key) in (None, getattr(form, key)) for key in _OWN_FIELDS)


def _joined(form: Form, rest: Form) -> Form:
    shift = len(form.indicators)
    update: dict[str, object] = {"indicators": form.indicators + _levels_carried(form.indicators[-1], rest.indicators),
                                 "sections": {**rest.sections, **form.sections}}
    for key in ("total_score", "grade", "eval_date", "year"):
        if getattr(form, key) is None and getattr(rest, key) is not None:
            update[key] = getattr(rest, key)
    moved = {_INDICATOR_PATH.sub(lambda found: f"indicators[{int(found[1]) + shift}]", path): where
             for path, where in rest.provenance.items()}
    update["provenance"] = {**moved, **form.provenance}
    return form.model_copy(update=update)


def _levels_carried(last: Indicator, rows: list[Indicator]) -> list[Indicator]:
    """The rest's first rows with the 一级 (and 二级) label the page break cut from them: a merged cell printed on
    the page before goes on over the rows that print none."""
    carried: list[Indicator] = []
    for row in rows:
        if row.level1 is not None:
            return carried + rows[len(carried) :]
        update = {"level1": last.level1, "level1_weight": row.level1_weight or last.level1_weight}
        if row.level2 is None:
            update["level2"] = last.level2
        carried.append(row.model_copy(update=update))
        last = carried[-1]
    return carried
