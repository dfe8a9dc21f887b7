"""Typed values for the labelled scalar fields and the free-text sections of a form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

import regex

from models import Line
from normalize.dates import parse_date, split_dates
from normalize.numbers import parse_decimal, parse_money, parse_percent
from parsers.knowledge import knowledge

MONEY_FIELDS = ("total_budget", "current_budget", "prior_budget", "prior_executed", "executed")
TEXT_FIELDS = ("unit", "department", "project_name", "performance_type", "grade")
CHECKBOX_FIELDS = ("project_category", "fund_use")
BOOL_FIELDS = ("gov_procurement", "recurring")
DATE_FIELDS = ("start_date", "end_date", "eval_date")
_AMOUNTS_IN = regex.compile(r"[（(]?\s*(?:金额)?单位\s*[:：]\s*万?元\s*[)）]?")  # 单位:万元 beside the unit
_CODE = regex.compile(r"^\s*[\[［【]\s*[0-9A-Za-z]+\s*[\]］】]")
_SEAL = regex.compile(r"[（(]\s*盖\s*章\s*[)）]|盖章$")
_SPACES = regex.compile(r"\s+")


@dataclass(frozen=True)
class Reading:
    """A field's typed value, or why it could not be typed."""

    value: object | None
    problem: str | None = None


def read_field(key: str, text: str, suffix: str | None) -> Reading:
    """Type the text printed after a field label. Empty text is simply absent."""
    if not text:
        return Reading(None)
    if key in MONEY_FIELDS:
        return _money(text, suffix)
    if key == "total_score":
        score = parse_decimal(text)
        return Reading(score) if score is not None else Reading(None, f"not a score: {text}")
    if key == "execution_rate":
        rate = parse_percent(text, allow_bare=suffix in ("%", "％"))
        return Reading(rate) if rate is not None else Reading(None, f"not a percentage: {text}")
    if key in DATE_FIELDS:
        return _date(key, text)
    if key in BOOL_FIELDS:
        return _boolean(text)
    if key in CHECKBOX_FIELDS:
        return read_checkbox(key, text)
    if key == "unit":  # [610001]单位名称: a bracketed budget code is not part of the name
        return Reading(_CODE.sub("", _AMOUNTS_IN.sub("", _SEAL.sub("", text))).strip() or None)
    return Reading(text)


def _money(text: str, suffix: str | None) -> Reading:
    amount = parse_money(text + "万元" if suffix == "万元" and parse_money(text) is not None else text)
    return Reading(amount) if amount is not None else Reading(None, f"not an amount of money: {text}")


def _date(key: str, text: str) -> Reading:
    written = split_dates(text)
    if len(written) != 1:
        return Reading(None, f"expected one date, found {len(written)}: {text}")
    found: date | None = parse_date(written[0], as_end=key == "end_date")
    return Reading(found) if found else Reading(None, f"not a date: {text}")


def _boolean(text: str) -> Reading:
    words = knowledge()["booleans"]
    if text in words["yes"]:
        return Reading(True)
    if text in words["no"]:
        return Reading(False)
    return Reading(None, f"neither yes nor no: {text}")


def checkbox_marks() -> tuple[str, str]:
    box = knowledge()["checkbox"]
    return "".join(box["checked_marks"]), "".join(box["empty_marks"])


def read_checkbox(key: str, text: str) -> Reading:
    """The checked option of a checkbox row, or the written value where no boxes are printed."""
    checked_marks, empty_marks = checkbox_marks()
    if not any(mark in text for mark in checked_marks + empty_marks):
        return Reading(text)
    checked, unboxed = checked_options(key, text)
    if len(checked) == 1:
        return Reading(checked[0])
    if len(checked) > 1:
        return Reading(None, f"several options checked: {'、'.join(checked)}")
    if unboxed:
        return Reading(None, f"no option checked; printed without a box: {'、'.join(unboxed)}")
    return Reading(None, "no option checked")


def checked_options(key: str, text: str) -> tuple[list[str], list[str]]:
    """Options followed by a checked mark, and options followed by no mark at all."""
    checked_marks, empty_marks = checkbox_marks()
    compact = _SPACES.sub("", text)
    checked, unboxed = [], []
    for option in knowledge()["checkbox"][key]:
        at = compact.find(option)
        if at < 0:
            continue
        marks = _mark_run().match(compact[at + len(option):])
        trailing = marks.group(0) if marks else ""
        if any(mark in checked_marks for mark in trailing):
            checked.append(option)
        elif not trailing:
            unboxed.append(option)
    return checked, unboxed


def checkbox_rows(key: str, lines: list[Line]) -> list[int]:
    """The lines printing a checkbox field's options: a run that starts with a line showing two of
    them, with the lines it wraps onto (资产购 / 置类□ 其他事业专业类■)."""
    options = knowledge()["checkbox"][key]
    marks = "".join(checkbox_marks())
    rows: list[int] = []
    for index, line in enumerate(lines):
        compact = _SPACES.sub("", line.text)
        shown = sum(option in compact for option in options)
        boxed = any(mark in compact for mark in marks)
        if shown >= 2 or (rows and rows[-1] == index - 1 and boxed and not _has_label(compact)):
            rows.append(index)
    return rows


def _has_label(compact: str) -> bool:
    return ":" in compact or "：" in compact


@cache
def _mark_run() -> regex.Pattern[str]:
    """The run of checkbox marks printed after an option."""
    return regex.compile(f"[{regex.escape(''.join(checkbox_marks()))}]*")


