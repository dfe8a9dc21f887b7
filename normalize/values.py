"""A target or actual cell -> Value: operator, number, unit, the same in a standard unit, kind.

"≤10分钟内" -> <= 10 分钟; "=365天" -> 365 天 = 525600 分钟; "健全" is qualitative; a cell holding
several quantities, each with its own label (一级故障<=90分钟，二级故障<=180分钟), is compound.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

import regex

from models import Op, Value
from normalize.numbers import parse_decimal, scale
from normalize.text import fold_width
from normalize.vocab import longest_first, vocab

_WORDS = vocab()
_BEFORE = longest_first(_WORDS.operators.before)
_AFTER = longest_first(_WORDS.operators.after)


def _either(words: list[str]) -> str:
    return "|".join(regex.escape(word) for word in sorted(words, key=len, reverse=True))


_UNITS = _either(_WORDS.value_unit_names())
_UNIT = rf"(?P<mult>{_either(list(_WORDS.multipliers))})?(?:(?P<base>{_UNITS})(?:/(?P<per>{_UNITS}))?)?"
_CN_DIGITS = "".join([*_WORDS.cn_numerals.digits, *_WORDS.cn_numerals.powers])
# A year or a full date is not a quantity: "2019年12月31日前完成" has no target number.
_DATE = (
    r"(?<![0-9])(?:19|20)[0-9]{2}"
    r"(?:年度?(?:[0-9]{1,2}月(?:[0-9]{1,2}[日号])?)?|(?P<dsep>[-./])[0-9]{1,2}(?P=dsep)[0-9]{1,2}(?![0-9]))"
)
_QUANTITY = re.compile(
    rf"(?P<date>{_DATE})"
    rf"|(?P<frac>{_either(list(_WORDS.fractions))})(?P<numr>[0-9]+(?:\.[0-9]+)?|[{_CN_DIGITS}]+)"
    # a number inside a code (ISO9001) or a decimal tail is not a quantity; its unit in brackets or not
    # (the unit's groups once, with a closing bracket where one opened: the standard library takes no
    # group name twice)
    rf"|(?<![0-9A-Za-z.])(?P<num>[0-9]+(?:,[0-9]{{3}}(?![0-9]))*(?:\.[0-9]+)?)(?P<bracket>[(（])?{_UNIT}(?(bracket)[)）])"
)
# Only ASCII commas group thousands inside a value: "，" always separates clauses there.
_SEPARATOR = re.compile(r"[，,；;]")
_SPACES = re.compile(r"\s+")
_HAN = regex.compile(r"\p{Han}")


@lru_cache(maxsize=1024)  # a value's text is asked three times: for its clauses, for how many, and its number
def _quantities(text: str) -> tuple[re.Match[str], ...]:
    """Numbers and Chinese fractions of text; a number too long to be a printed value is skipped."""
    folded = fold_width(text)
    found = _QUANTITY.finditer(folded)
    return tuple(m for m in found if not m["date"] and _number_of(m) is not None and not _is_name(folded, m))


def _is_name(text: str, match: re.Match[str]) -> bool:
    """A bare number glued to the word after it names something (12345热线, 12333平台): no unit,
    no operator, a Han character right after it."""
    bare = not (match["frac"] or match["base"] or match["mult"])
    after = text[match.end() : match.end() + 1]
    return bare and bool(_HAN.match(after)) and _op_of(text, match) is None


def _segments(text: str) -> list[str]:
    """Clauses of a cell, cut at separators that are not inside a number (1,500人)."""
    taken = [match.span() for match in _quantities(text)]
    cuts = [
        sep.start() for sep in _SEPARATOR.finditer(text) if not any(start <= sep.start() < end for start, end in taken)
    ]
    bounds = zip([-1, *cuts], [*cuts, len(text)])
    return [piece for start, end in bounds if (piece := text[start + 1 : end])]


def _op_before(text: str) -> Op | None:
    return next((op for word, op in _BEFORE if text.endswith(word)), None)


def _op_after(text: str) -> Op | None:
    return next((op for word, op in _AFTER if text.startswith(word)), None)


def _op_of(text: str, match: re.Match[str]) -> Op | None:
    """A symbol or word before the number wins over one after it (≤10分钟内)."""
    return _op_before(text[: match.start()]) or _op_after(text[match.end() :])


def _cn_int(text: str) -> int:
    """一 · 十五 · 一百零五 · 百: the numerals of 千分之三, 百分之九十五."""
    digits, powers = _WORDS.cn_numerals.digits, _WORDS.cn_numerals.powers
    total = digit = 0
    for char in text:
        if char in powers:
            total, digit = total + (digit or 1) * powers[char], 0
        else:
            digit = digits[char]
    return total + digit


def _unit_of(match: re.Match[str]) -> str | None:
    if match["frac"]:
        return "%"
    unit = "".join(_WORDS.canonical_unit(part) if part else "" for part in (match["mult"], match["base"]))
    if match["per"]:
        unit += "/" + _WORDS.canonical_unit(match["per"])
    return unit or None


def _number_of(match: re.Match[str]) -> Decimal | None:
    if not match["frac"]:
        return parse_decimal(match["num"])
    numerator = parse_decimal(match["numr"])
    if numerator is None:
        numerator = Decimal(_cn_int(match["numr"]))
    return scale(numerator, _WORDS.fractions[match["frac"]])


def _standard(value: Decimal, match: re.Match[str]) -> tuple[Decimal | None, str | None]:
    """The quantity in its standard unit; a rate converts its numerator only (万元/年 -> 元/年)."""
    if match["frac"]:
        return value, "%"
    if not match["base"]:
        return None, None  # no unit, or a bare multiplier (40万左右): nothing to compare with
    rule = _WORDS.conversion(_WORDS.canonical_unit(match["base"]))
    factor = _WORDS.multipliers.get(match["mult"], Decimal(1)) * rule.factor
    per = f"/{_WORDS.canonical_unit(match['per'])}" if match["per"] else ""
    return scale(value, factor, rule.divisor), rule.std + per


def _rank(op: Op | None, match: re.Match[str]) -> tuple[bool, bool]:
    return op is not None, bool(match["base"] or match["frac"])


def _single(text: str) -> Value:
    """One clause: the quantity with an operator, else one with a unit, else the first number."""
    found = _quantities(text)
    if not found:
        return Value(raw=text, kind="qualitative")
    folded = fold_width(text)
    # max() keeps the first of equals
    op, match = max(((_op_of(folded, match), match) for match in found), key=lambda pair: _rank(*pair))
    value = _number_of(match)
    std_value, std_unit = _standard(value, match)
    unit, tail = _unit_of(match), _printed_unit(folded[match.end() :])
    if tail and (unit is None or tail.startswith("/")):  # a unit the vocabulary does not know, as printed
        std_unit = std_unit + tail if std_unit and unit else None
        std_value = std_value if std_unit else None
        unit = (unit or "") + tail
    return Value(raw=text, op=op, value=value, unit=unit, std_value=std_value, std_unit=std_unit, kind="numeric")


_TAIL = regex.compile(r"(?:/)?[A-Za-z\p{Han}]{1,4}(?:/[A-Za-z\p{Han}]{1,3})*")


def _printed_unit(after: str) -> str | None:
    """What ends the cell right after the number, where it reads as a unit: ≥80M, ≥100百分比, 元/生/年
    (an operator word after it, 以上, is not part of it)."""
    for word, _ in _AFTER:
        if after.endswith(word):
            after = after[: -len(word)]
            break
    found = _TAIL.fullmatch(after)
    return found.group() if found and found.group() not in _WORDS.units.not_units else None


def parse_value(raw: str) -> Value:
    """raw is the cell text with its lines joined; whitespace is dropped here too."""
    text = _SPACES.sub("", raw)
    clauses = _segments(text)
    if sum(bool(_quantities(clause)) for clause in clauses) >= 2:
        return Value(raw=text, kind="compound", parts=[_single(clause) for clause in clauses])
    return _single(text)
