"""A target or actual cell -> Value: operator, number, unit, the same in a standard unit, kind.

"≤10分钟内" -> <= 10 分钟; "=365天" -> 365 天 = 525600 分钟; "健全" is qualitative; a cell holding
several quantities, each with its own label (一级故障<=90分钟，二级故障<=180分钟) or joined by a word
(≥95%且≤100%), is compound. A range (3-5个工作日, 90%-95%) is compound too: its low bound >= and its high
bound <=. A date (2024年6月30日前, 6月25日, 每月10日前) and a period (2023-2025年, 1-12月) hold no quantity:
qualitative. A month of the year alone (9月前, 6月底前, 7月) is its number in 月 with no standard unit: an
ordinal that compares with another month (9月前 against 7月), not a count of months (3个月).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

import regex

from models import Op, Value
from normalize.numbers import parse_decimal, scale, unmisread
from normalize.patterns import compiled
from normalize.text import fold_width
from normalize.vocab import longest_first, vocab

_WORDS = vocab()
_BEFORE = longest_first(_WORDS.operators.before)
_AFTER = longest_first(_WORDS.operators.after)
_NEGATIONS = _WORDS.operators.negations.words
_NEGATED: dict[Op, Op | None] = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "=": None}  # 不等于: no operator


def _either(words: list[str]) -> str:
    return "|".join(regex.escape(word) for word in sorted(words, key=len, reverse=True))


_UNITS = _either(_WORDS.value_unit_names())
# a unit may name its alternative in brackets (台（套）, 个（项）): both are the unit printed
_UNIT = (rf"(?P<mult>{_either(list(_WORDS.multipliers))})?"
         rf"(?:(?P<base>{_UNITS})(?P<alt>[（(](?:{_UNITS})[）)])?(?:/(?P<per>{_UNITS}))?)?")
_CN_DIGITS = "".join([*_WORDS.cn_numerals.digits, *_WORDS.cn_numerals.powers])
_DAY = rf"[0-9]{{1,2}}(?:{_either(_WORDS.dates.day_marks)})"
_MONTH = r"(?<![0-9.])(?:1[0-2]|0?[1-9])(?=月)"
# A year or a full date is not a quantity: "2019年12月31日前完成" has no target number; nor is a day of a
# month without its year (6月25日, 12月31日前, 每月10日前).
_DATE = (
    r"(?<![0-9])(?:19|20)[0-9]{2}"
    r"(?:年度?(?:[0-9]{1,2}月(?:[0-9]{1,2}[日号])?)?|(?P<dsep>[-./])[0-9]{1,2}(?P=dsep)[0-9]{1,2}(?![0-9]))"
    rf"|{_MONTH}月{_DAY}|(?<=月){_DAY}"
)
# A month of the year without a year or a day (9月前, 7月, 6月底前, 10月份) is the month's number in 月 with
# no standard: an ordinal, not a count of months (those print 个月: 3个月, 6个月内).
_MONTH_OF_YEAR = rf"(?P<month>{_MONTH})月(?:{_either(_WORDS.dates.month_parts)})?"
# the bounds of a period, not of a range of counts: years (2023-2025), years and months (2023.07-2024.01)
_YEAR = compiled(r"(?:19|20)[0-9]{2}(?:\.(?:0?[1-9]|1[0-2]))?")
_LEADING_ZERO = compiled(r"0[0-9]")
_RANGE_SEPARATORS = frozenset(_WORDS.ranges.separators)
_JOINERS = sorted(_WORDS.clauses.joiners, key=len, reverse=True)
_QUANTITY = compiled(
    rf"(?P<date>{_DATE})|{_MONTH_OF_YEAR}"
    rf"|(?P<frac>{_either(list(_WORDS.fractions))})(?P<numr>[0-9]+(?:\.[0-9]+)?|[{_CN_DIGITS}]+)"
    # a number inside a code (ISO9001) or a decimal tail is not a quantity; its unit in brackets or not
    # (the unit's groups once, with a closing bracket where one opened: the standard library takes no
    # group name twice)
    rf"|(?<![0-9A-Za-z.])(?P<num>[0-9]+(?:[,，][0-9]{{3}}(?![0-9]))*(?:\.[0-9]+)?)(?P<bracket>[(（])?{_UNIT}(?(bracket)[)）])"
)
# Commas group thousands inside a value (1,500人, an IME's 1，250人次): a "，" with three figures after it is no
# clause's end; elsewhere it separates clauses.
_SEPARATOR = compiled(_either(_WORDS.clauses.separators))
_SPACES = compiled(r"\s+")
_HAN = regex.compile(r"\p{Han}")


Range = tuple[re.Match[str], re.Match[str]]


@lru_cache(maxsize=1024)  # a value's text is asked three times: for its clauses, for how many, and its number
def _scan(text: str) -> tuple[tuple[re.Match[str], ...], tuple[Range, ...]]:
    """The quantities of text (numbers and Chinese fractions; a number too long to be a printed value is
    skipped) and its ranges: two quantities with a range separator between them and nothing else."""
    folded = fold_width(text)
    tokens = [m for m in _QUANTITY.finditer(folded) if m["date"] or _number_of(m) is not None]
    ranges: list[Range] = []
    periods: set[tuple[int, int]] = set()
    for low, high in zip(tokens, tokens[1:]):
        joined = folded[low.end() : high.start()] in _RANGE_SEPARATORS
        if not joined or (ranges and ranges[-1][1] is low) or _is_code(low) or _is_code(high):
            continue
        if _is_period(low, high):
            periods |= {low.span(), high.span()}
        else:
            ranges.append((low, high))
    bounds = {m.span() for pair in ranges for m in pair}
    quantities = tuple(
        m for m in tokens
        if not m["date"] and m.span() not in periods and (m.span() in bounds or not _is_name(folded, m))
    )
    return quantities, tuple(ranges)


def _quantities(text: str) -> tuple[re.Match[str], ...]:
    return _scan(text)[0]


def _is_code(match: re.Match[str]) -> bool:
    """A figure printed with a leading zero (010-88498213, a telephone number) is a code, not a bound."""
    return bool(match["num"] and _LEADING_ZERO.match(match["num"]))


def _is_period(low: re.Match[str], high: re.Match[str]) -> bool:
    """A range of dates or of years (1-12月, 2023-2025年, 2023.07-2024.01) is a period: it counts nothing."""
    if any(m["date"] or m["month"] for m in (low, high)):
        return True
    return all(m["num"] and not _unit_of(m) and _YEAR.fullmatch(m["num"]) for m in (low, high))


def _is_name(text: str, match: re.Match[str]) -> bool:
    """A bare number glued to the word after it names something (12345热线, 12333平台): no unit,
    no operator, a Han character right after it."""
    bare = not (match["frac"] or match["base"] or match["mult"] or match["month"])
    after = text[match.end() : match.end() + 1]
    return bare and bool(_HAN.match(after)) and _op_of(text, match) is None


def _segments(text: str) -> list[str]:
    """Clauses of a cell, cut at separators that are not inside a number (1,500人) and at a word joining
    a quantity to what follows (≥95%且≤100%)."""
    found = _quantities(text)
    taken = [match.span() for match in found]
    cuts = [
        sep.span() for sep in _SEPARATOR.finditer(text) if not any(start <= sep.start() < end for start, end in taken)
    ]
    folded = fold_width(text)
    starts = {match.start() for match in found}
    cuts += [cut for match in found if (cut := _joiner_after(folded, match.end(), starts))]
    cuts.sort()
    bounds = zip([0, *(end for _, end in cuts)], [*(start for start, _ in cuts), len(text)])
    return [piece for start, end in bounds if (piece := text[start:end])]


def _joiner_after(text: str, at: int, starts: set[int]) -> tuple[int, int] | None:
    """The span of a joining word right after a quantity and the operator printed after it (98%以上且…);
    及以上 is that operator, not a joiner. An operator and a quantity right after one (≥95%≤100%, its space
    dropped) start a clause of their own: an empty span before the operator."""
    at += next((len(word) for word, _ in _AFTER if text.startswith(word, at)), 0)
    word = next((word for word in _JOINERS if text.startswith(word, at)), None)
    if word:
        return at, at + len(word)
    operator = next((word for word, _ in _BEFORE if text.startswith(word, at)), None)
    return (at, at) if operator and at + len(operator) in starts else None


def _op_before(text: str) -> Op | None:
    """The operator word text ends with; a negation before it turns it round (不得超过 is <=)."""
    word, op = next(((word, op) for word, op in _BEFORE if text.endswith(word)), ("", None))
    if op and any(text[: -len(word)].endswith(negation) for negation in _NEGATIONS):
        return _NEGATED[op]
    return op


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
    if match["month"]:
        return "月"
    unit = "".join(_WORDS.canonical_unit(part) if part else "" for part in (match["mult"], match["base"]))
    unit += match["alt"] or ""
    if match["per"]:
        unit += "/" + _WORDS.canonical_unit(match["per"])
    return unit or None


# a minus sign opening the value or right after its operator (-8.4%, ≤-5%): not a range's dash (3-5个)
_NEGATIVE = compiled(r"(?:^|[≥≤<>=＜＞＝\s])[-−－]$")


def _number_of(match: re.Match[str]) -> Decimal | None:
    if match["month"]:
        return Decimal(int(match["month"]))
    if not match["frac"]:
        number = parse_decimal(match["num"])
        return -number if number is not None and _NEGATIVE.search(match.string[: match.start()]) else number
    numerator = parse_decimal(match["numr"])
    if numerator is None:
        numerator = Decimal(_cn_int(match["numr"]))
    return scale(numerator, _WORDS.fractions[match["frac"]])


def _standard(value: Decimal, match: re.Match[str]) -> tuple[Decimal | None, str | None]:
    """The quantity in its standard unit; a rate converts its numerator only (万元/年 -> 元/年)."""
    if match["frac"]:
        return value, "%"
    if not match["base"]:
        return None, None  # no unit, a bare multiplier (40万左右) or a month of the year: nothing to convert
    rule = _WORDS.conversion(_WORDS.canonical_unit(match["base"]))
    factor = _WORDS.multipliers.get(match["mult"], Decimal(1)) * rule.factor
    per = f"/{_WORDS.canonical_unit(match['per'])}" if match["per"] else ""
    return scale(value, factor, rule.divisor), rule.std + per


def _rank(op: Op | None, match: re.Match[str]) -> tuple[bool, bool]:
    return op is not None, bool(match["base"] or match["frac"] or match["month"])


def _clause(text: str) -> Value:
    """One clause: a range when its only quantities are a range's bounds, else one quantity, else a count
    in Chinese numerals."""
    found, ranges = _scan(text)
    if len(ranges) == 1 and len(found) == 2:
        return _range(text, *ranges[0])
    if not found and (digits := _in_digits(text)):
        return _single(digits).model_copy(update={"raw": text})
    return _single(text)


_CN_COUNT = compiled(rf"(?P<cn>[{_CN_DIGITS}]+)(?P<unit>{_UNITS})")  # literal words: the standard library's
_OPERATOR_WORDS = frozenset(word for word, _ in (*_BEFORE, *_AFTER))


def _in_digits(text: str) -> str | None:
    """不少于两次, 三个以上, 十二个月: a whole clause that is a count in Chinese numerals and its unit, with an
    operator word or none, in digits; 一户一档, 五个一, 一次性 are words."""
    found = _CN_COUNT.search(fold_width(text))
    if not found:
        return None
    before, after = found.string[: found.start()], found.string[found.end() :]
    if not all(part in _OPERATOR_WORDS or not part for part in (before, after)):
        return None
    return f"{before}{_cn_int(found['cn'])}{found['unit']}{after}"


def _single(text: str) -> Value:
    """One quantity: the one with an operator, else one with a unit, else the first number."""
    found = _quantities(text)
    if not found:
        return Value(raw=text, kind="qualitative")
    folded = fold_width(text)
    # max() keeps the first of equals
    op, match = max(((_op_of(folded, match), match) for match in found), key=lambda pair: _rank(*pair))
    return _numeric(text, op, match, match, _printed_unit(folded[match.end() :]))


def _range(text: str, low: re.Match[str], high: re.Match[str]) -> Value:
    """3-5个工作日 -> compound of >= 3 工作日 (raw 3) and <= 5 工作日 (raw 5个工作日): the unit printed once, after
    the high bound, is the low bound's too (3-5万元 is 3万元 to 5万元)."""
    tail = _printed_unit(fold_width(text)[high.end() :])
    own_unit = bool(low["base"] or low["frac"])
    parts = [
        _numeric(text[: low.end()], ">=", low, low if own_unit else high, None if own_unit else tail),
        _numeric(text[high.start() :], "<=", high, high, tail),
    ]
    return Value(raw=text, kind="compound", parts=parts)


def _numeric(raw: str, op: Op | None, match: re.Match[str], unit_match: re.Match[str], tail: str | None) -> Value:
    """The number of match in the unit printed by unit_match, or in tail, a unit the vocabulary lacks."""
    value = _number_of(match)
    std_value, std_unit = _standard(value, unit_match)
    unit = _unit_of(unit_match)
    # a unit the vocabulary does not know, as printed: alone, of a word or two after a bare multiplier (1500万颗粒;
    # 250万计划标准 is a figure and the next cell's words run together), or per …
    measured = unit_match["base"] or unit_match["frac"] or unit_match["month"]
    bare = unit is None or len(tail or "") <= 2 and not measured
    if tail and (bare or tail.startswith(("/", "·"))):
        std_unit = std_unit + tail if std_unit and unit else None
        std_value = std_value if std_unit else None
        unit = (unit or "") + tail
    return Value(raw=raw, op=op, value=value, unit=unit, std_value=std_value, std_unit=std_unit, kind="numeric")


_TAIL = regex.compile(r"(?:[/·])?[A-Za-z\p{Han}]{1,4}(?:[/·][A-Za-z\p{Han}]{1,3})*")  # 元/生/年, 元/人·天


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
    """raw is the cell text with its lines joined; whitespace is dropped here too. An OCR's letters inside
    figures are read as digits (l00% is 100%); raw stays as printed. A copy of the reading kept for the text:
    forms print the same values many times (100%, ≥95%, 达到预期), and a batch's forms print alike."""
    return _parsed(raw).model_copy()


@lru_cache(maxsize=4096)
def _parsed(raw: str) -> Value:
    printed = _SPACES.sub("", raw)
    text = unmisread(printed)
    clauses = _segments(text)
    if sum(bool(_quantities(clause)) for clause in clauses) >= 2:
        value = Value(raw=text, kind="compound", parts=[_clause(clause) for clause in clauses])
    else:
        value = _clause(text)
    return value if text == printed else value.model_copy(update={"raw": printed})
