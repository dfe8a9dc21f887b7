"""Numbers as printed on the forms: 81,572,666 · 5093.26万元 · 100.00%. Decimal only, scale kept."""

from __future__ import annotations

import decimal
from decimal import Decimal
from functools import cache, lru_cache

import regex

from normalize.patterns import compiled
from normalize.text import fold_width
from normalize.vocab import vocab

# thousands groups must be exact: "12,34" is a typo or two numbers, never 1234
_PLAIN = compiled(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
# no form prints more digits; with factors of at most 9 digits every product and every
# terminating quotient then fits the 60-digit context exactly
_MAX_DIGITS = 30
# quotients that do not terminate (8秒 = 0.1333… 分钟) are rounded to six places, below a millisecond
_EXACT = decimal.Context(
    prec=60, traps=[decimal.Inexact, decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow]
)
_ROUNDED = decimal.Context(prec=60)
_INEXACT_PLACES = Decimal("0.000001")


def _squeeze(s: str) -> str:
    # spaces inside are kept: "12 34" is two numbers, not 1234
    return fold_width(s).strip()


# a figure an OCR printed with letters for some digits (l5, l80.00, 9〇%, 2O23): a run of digits and look-alikes
# holding at least one true digit, no Latin letter on either side (CO2, 500ml, V1l stay as printed)
# (or a look-alike before a point and digits: ≤O.5%)
_MISREAD_FIGURE = regex.compile(r"(?<![A-Za-z])(?:(?=[\dlIoO〇]*\d)[\dlIoO〇]+(?:\.[\dlIoO〇]+)?|[lIoO〇]\.\d+)"
                                r"(?![A-Za-z])")
_LOOKALIKES = str.maketrans({"l": "1", "I": "1", "o": "0", "O": "0", "〇": "0"})


def unmisread(text: str) -> str:
    """text with an OCR's letters inside figures read as the digits they stand for (l00% is 100%)."""
    return _MISREAD_FIGURE.sub(lambda found: found.group().translate(_LOOKALIKES), text)


def as_digits(text: str) -> str:
    """Every letter an OCR prints for a digit read as that digit, where the place holds only a figure (IO分: 10)."""
    return text.translate(_LOOKALIKES)


def misread_figures(text: str) -> list[str]:
    """The figures of text that hold an OCR's letters for digits, as printed."""
    return [found.group() for found in _MISREAD_FIGURE.finditer(text)
            if found.group().translate(_LOOKALIKES) != found.group()]


@lru_cache(maxsize=8192)  # a form prints the same figures many times, and asks of them again (a Decimal is immutable)
def parse_decimal(s: str) -> Decimal | None:
    """A plain printed number, or None for anything else ("", "—", "无", "12元", "1.2.3"); an OCR's letters
    for digits inside it are read as those digits (l5 is 15)."""
    text = unmisread(_squeeze(s)).replace("，", ",")
    if not _PLAIN.fullmatch(text) or sum(c.isdigit() for c in text) > _MAX_DIGITS:
        return None
    return Decimal(text.replace(",", ""))


def parse_points(s: str) -> Decimal | None:
    """A weight or score as printed in a 分值/得分 column: 15 · 97.75 · 15分 (some provinces print the 分)."""
    text = _squeeze(s)
    return parse_decimal(text.removesuffix("分").rstrip() if text.endswith("分") else text)


def scale(value: Decimal, factor: Decimal, divisor: Decimal = Decimal(1)) -> Decimal:
    """value × factor ÷ divisor, exact whenever the quotient terminates."""
    product = _EXACT.multiply(value, factor)
    if divisor == 1:
        return product
    try:
        return _EXACT.divide(product, divisor)
    except decimal.Inexact:
        return _ROUNDED.divide(product, divisor).quantize(_INEXACT_PLACES, context=_ROUNDED)


@cache
def _money_suffixes() -> tuple[tuple[str, Decimal], ...]:
    """元 · 万元 · 亿元 · 千元 · 万 … with their factor to 元, longest first."""
    words = vocab()
    units = {unit: rule.factor for unit, rule in words.units.convert.items() if rule.std == "元"}
    suffixes = dict(units)
    for prefix, times in words.multipliers.items():
        suffixes[prefix] = times
        suffixes.update({prefix + unit: times * factor for unit, factor in units.items()})
    return tuple(sorted(suffixes.items(), key=lambda pair: -len(pair[0])))


@lru_cache(maxsize=4096)  # a funds table prints its totals again in its rows
def parse_money(s: str) -> Decimal | None:
    """An amount in 元: 8,212,206.68 · 70785200 · 5093.26万元 -> 50932600.00 · 1.2亿元."""
    text = _squeeze(s)
    for suffix, factor in _money_suffixes():
        if text.endswith(suffix):
            number = parse_decimal(text.removesuffix(suffix))
            return None if number is None else scale(number, factor)
    return parse_decimal(text)


def parse_percent(s: str, *, allow_bare: bool = False) -> Decimal | None:
    """100.00% -> 100.00; a bare number only when the column is known to be in %."""
    text = _squeeze(s)
    if text.endswith("%"):
        return parse_decimal(text.removesuffix("%"))
    return parse_decimal(text) if allow_bare else None


def not_a_number(text: str) -> str:
    """Why a cell that should hold a number gives none, in the words a flag prints."""
    if text.strip().strip("#") == "" and "#" in text:
        return f"printed as {text.strip()}: the spreadsheet's column was too narrow to print the number"
    return f"not a number: {text}"


def format_money(d: Decimal) -> str:
    """81,572,666 · 8,212,206.68: thousands separators, the printed scale kept."""
    return f"{d:,f}"
