"""Which cells a flag concerns, so the report can link a flag to its boxes.

A flag names its cells in `Flag.paths` (every scorer rule and parser flag fills them), and those are
used as they are. A flag without paths - from a document written before Flag.paths, or one that
concerns no particular value (layout_scrambled) - falls back to one table: per code, the provenance
paths the rule reads, with placeholders filled from the message:

    {row}     each indicator or 项目资金 row the message names: 指标「name」, 资金「source」
    {level1}  each indicator under the 一级指标「name」 the message names
    {col}     each column whose printed header the message names (分值, 全年执行数 ...), outside 「」
    {field}   the cell whose path, field key or printed label opens the message ("结束时间: ...",
              "funds[1].weight: not a number")
    [*]       every row;  .* (at the end) every column or section

A code maps to alternatives: the first that finds any cell of the form wins (execution_rate_mismatch
names a 项目资金 row, or, on a form without that block, concerns the form's own 预算执行率).
A code not in the table falls back to DEFAULT: the rows the message names, else the field it opens with.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from models import Flag, Form
from parsers.knowledge import column_synonyms, knowledge
from scoring.common import plain

_SCORED_ROW = "{row}.target {row}.actual {row}.weight {row}.score"

FLAG_CELLS: dict[str, tuple[str, ...]] = {
    "components_sum_mismatch": ("components[*].amount current_budget",),
    "score_exceeds_weight": ("{row}.weight {row}.score",),
    "total_score_mismatch": ("total_score indicators[*].score funds[*].score",),
    "execution_rate_mismatch": ("{row}.execution_rate {row}.executed {row}.full_year_budget",
                                "execution_rate executed current_budget"),
    "grade_mismatch": ("grade total_score",),
    "funds_score_mismatch": ("{row}.score {row}.weight {row}.executed {row}.full_year_budget",),
    "funds_rows_sum_mismatch": ("funds[*].{col}",),
    "weights_not_100": ("indicators[*].weight funds[*].weight",),
    "level1_weight_mismatch": ("{level1}.level1 {level1}.weight",),
    "target_not_met_full_score": (_SCORED_ROW,),
    "target_met_score_reduced": (_SCORED_ROW,),
    "score_not_proportional": (_SCORED_ROW,),
    "target_met_undecided": (_SCORED_ROW,),
    "deviation_note_missing": ("{row}.target {row}.actual {row}.note",),
    "current_exceeds_total": ("current_budget total_budget",),
    "prior_executed_exceeds_budget": ("prior_executed prior_budget",),
    "category_missing": ("indicators[*].level1 indicators[*].level2",),
    "target_quality": ("indicators[*].target",),
    "duplicate_indicator": ("{row}.name",),
    "date_outside_year": ("start_date end_date",),
    "dates_reversed": ("start_date end_date",),
    "prior_budget_mismatch": ("prior_budget",),
    "prior_budget_adjusted": ("prior_budget",),
    "prior_executed_mismatch": ("prior_executed",),
    "self_eval_budget_differs": ("current_budget prior_budget funds[*].initial_budget",),
    "section_column_ambiguous": ("sections.*",),
    "sections_cut_from_glued_text": ("sections.*",),
    "rows_cut_from_glued_text": ("indicators[*].name indicators[*].description indicators[*].target",),
    "indicators_without_header": ("indicators[*].name indicators[*].target",),
    "cells_cut_from_glued_text": ("{row}.target {row}.actual",),
    "rate_read_as_percent": ("funds[*].execution_rate",),
    "indicator_cell_empty": ("{row}.{col}",),
    "unreadable_cell": ("{field}", "{row}.{col}", "{row}.*"),
    "year_inferred": ("year eval_date project_name",),
    "title_missing": ("title",),
    "amounts_unit_from_document": ("total_budget current_budget funds[*].*",),
    "low_coverage": (),
    "label_misprinted": (),  # it names labels, not values
    "traditional_characters": (),  # the whole document was converted: no one cell
    "share_above_100": ("{row}.target {row}.actual",),
    "greater_sign_read_as_2": ("{row}.target",),
    "level1_inferred": ("indicators[*].level1",),
    "form_without_body": (),
    "form_quoted": (),
    "column_cells_unplaced": ("indicators[*].level1 indicators[*].level2 indicators[*].note",),
    "project_row_without_cells": (),  # a row read as no project: no value of the form's
    "template_instruction": ("sections.* funds[*].note",),
}
DEFAULT = ("{row}.*", "{field}")

_NAMED = re.compile(r"(一级指标|指标|资金)「(.+?)」")
_PLACEHOLDER = re.compile(r"\{(\w+)\}|\[\*\]|\.\*$")


def flag_paths(flag: Flag, form: Form, known: Collection[str]) -> list[str]:
    """The paths among `known` (the form's cells) that `flag` concerns, in `known`'s order: its own
    paths, else those its code and message point to."""
    if flag.paths:
        concerned = set(flag.paths)
        return [path for path in known if path in concerned]
    return _paths_from_message(flag, form, known)


def _paths_from_message(flag: Flag, form: Form, known: Collection[str]) -> list[str]:
    """The fallback for a flag without paths: FLAG_CELLS for its code, filled from its message."""
    fills = _fills(flag.message, form)
    for alternative in FLAG_CELLS.get(flag.code, DEFAULT):
        patterns = [p for p in (_pattern(t, fills) for t in alternative.split()) if p is not None]
        found = [path for path in known if any(p.fullmatch(path) for p in patterns)]
        if found:
            return found
    return []


def _pattern(template: str, fills: dict[str, list[str]]) -> re.Pattern[str] | None:
    """A template as a regex over paths; None when a placeholder has nothing to fill it."""
    parts, position = [], 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[position:match.start()]))
        position = match.end()
        if match.group(1):
            choices = fills.get(match.group(1), [])
            if not choices:
                return None
            parts.append("(?:" + "|".join(re.escape(choice) for choice in choices) + ")")
        else:
            parts.append(r"\[\d+\]" if match.group(0) == "[*]" else r"\.\w+")
    parts.append(re.escape(template[position:]))
    return re.compile("".join(parts))


def _fills(message: str, form: Form) -> dict[str, list[str]]:
    named = _NAMED.findall(message)
    return {
        "row": list(_named_rows(named, form)),
        "level1": [f"indicators[{i}]" for i, indicator in enumerate(form.indicators)
                   if any(kind == "一级指标" and _same(name, indicator.level1) for kind, name in named)],
        "col": _named_columns(_NAMED.sub("", message)),
        "field": _opening_field(message),
    }


def _same(name: str, printed: str | None) -> bool:
    return printed is not None and plain(name) == plain(printed)


def _named_rows(named: list[tuple[str, str]], form: Form) -> Iterator[str]:
    for kind, name in named:
        if kind == "指标":
            yield from (f"indicators[{i}]" for i, row in enumerate(form.indicators) if _same(name, row.name))
        elif kind == "资金":
            yield from (f"funds[{i}]" for i, row in enumerate(form.funds) if _same(name, row.source))


def _named_columns(message: str) -> list[str]:
    headers = column_synonyms("indicator_columns") + column_synonyms("funds_columns")
    found = {column for printed, column in headers if printed in message}
    found |= {column for _, column in headers if re.search(rf"\b{column}\b", message)}
    return sorted(found)


def _opening_field(message: str) -> list[str]:
    opening = re.split(r"\s*[:：]", message, maxsplit=1)[0].strip()
    return [opening] + [key for key, printed in knowledge()["fields"].items() if opening in printed]
