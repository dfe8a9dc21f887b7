"""A spreadsheet number as the sheet shows it, from the cell's number format.

Excel stores 387664.62 as a binary double and shows it through the cell's format ("#,##0.00" ->
387,664.62; "0.00%" -> 100.00%). The printed text is what the form says, so that is what is read:
the double is taken at Excel's 15 significant digits (never its float artefact 387664.61999999...),
then rounded half away from zero to the format's decimals, as Excel rounds. Formats are read
section by section (positive;negative;zero): quoted and escaped literals, [$¥-804] currency, _x
padding and *x fill, thousands separators and scaling commas, % and dates. What no form uses
(fractions, exponents) prints as General. A Chinese Excel or WPS names General "G/通用格式" in the
formats it writes (LibreOffice: g/"通用格式"); either name may stand between literals and [DBNum1]-style
modifiers (the digits are printed as digits: a form's number is read as the number it is).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

import regex

_TOKEN = regex.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]|.', regex.S)
_CURRENCY = regex.compile(r"^\[\$([^-\]]*)(?:-[0-9A-Fa-f]+)?\]$")
_DIGITS = frozenset("0#?")
_LITERALS = regex.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_GENERAL = regex.compile(r'General|G/"?通用格式"?', regex.I)  # LibreOffice writes it g/"通用格式"
_DATE_CODES = regex.compile(r"(?i)yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|a/p")
# built-in date formats that Excel shows in the reader's locale: as a Chinese Excel shows them
_LOCALE_DATES = {"mm-dd-yy": "yyyy/m/d", "[$-f800]dddd, mmmm dd, yyyy": 'yyyy"年"m"月"d"日"',
                 "[$-f400]h:mm:ss am/pm": "h:mm:ss"}


def sections(number_format: str) -> list[str]:
    """The format's sections, split on the semicolons outside quotes and brackets."""
    parts, current = [], []
    for token in _TOKEN.findall(number_format):
        if token == ";":
            parts.append("".join(current))
            current = []
        else:
            current.append(token)
    return parts + ["".join(current)]


def exact(value: float | int | Decimal) -> Decimal:
    """The number Excel holds: 15 significant digits of the double."""
    if isinstance(value, float):
        return Decimal(format(value, ".15g"))
    return Decimal(value)


def format_number(value: float | int | Decimal, number_format: str | None) -> str:
    """The text a cell holding this number shows."""
    fmt = _GENERAL.sub("General", (number_format or "General").strip())
    if fmt.lower() in ("general", "@", ""):
        return general(value)
    number = exact(value)
    parts = sections(fmt)
    if number < 0 and len(parts) > 1:
        return _section(-number, parts[1])
    if number == 0 and len(parts) > 2:
        return _section(number, parts[2])
    text = _section(abs(number), parts[0])
    return "-" + text if number < 0 and any(ch.isdigit() for ch in text) else text


def general(value: float | int | Decimal) -> str:
    number = exact(value)
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.normalize(), "f")


def _section(number: Decimal, section: str) -> str:
    """One section applied to a non-negative number."""
    tokens = _TOKEN.findall(section)
    placeholders = [i for i, token in enumerate(tokens) if token in _DIGITS]
    if around := _around_general(tokens):
        before, after = around
        return "".join(map(_literal, before)) + general(number) + "".join(map(_literal, after))
    if not placeholders:
        return "".join(_literal(token) for token in tokens if token != "@")
    if any(token in ("E", "e", "/") for token in tokens):  # exponents, fractions: no form prints them
        return general(number)
    first, last = placeholders[0], placeholders[-1]
    body = tokens[first : last + 1]
    number *= Decimal(100) ** sum(token == "%" for token in tokens)
    scale = _trailing_commas(tokens, last)
    number /= Decimal(1000) ** scale
    prefix = "".join(_literal(token) for token in tokens[:first])
    suffix = "".join(_literal(token) for token in tokens[last + 1 + scale :])
    return prefix + _digits(number, body) + suffix


def _around_general(tokens: list[str]) -> tuple[list[str], list[str]] | None:
    """The tokens before and after General spelled outside literals (one character a token: literal
    tokens stand as NUL while it is looked for, so a quoted "General" is no General)."""
    text = "".join(token if len(token) == 1 else "\0" for token in tokens)
    found = _GENERAL.search(text)
    return (tokens[: found.start()], tokens[found.end() :]) if found else None


def _trailing_commas(tokens: list[str], last: int) -> int:
    """Commas right after the last digit placeholder each divide by 1000 (0.00,, shows millions)."""
    count = 0
    while last + 1 + count < len(tokens) and tokens[last + 1 + count] == ",":
        count += 1
    return count


def _digits(number: Decimal, body: list[str]) -> str:
    point = body.index(".") if "." in body else len(body)
    whole, fraction = body[:point], [token for token in body[point + 1 :] if token in _DIGITS]
    rounded = number.quantize(Decimal(1).scaleb(-len(fraction)), rounding=ROUND_HALF_UP)
    integer, _, decimals = f"{rounded:f}".partition(".")
    keep = len(fraction)
    while keep > fraction.count("0") and decimals[keep - 1 : keep] == "0":  # '#' drops trailing zeros
        keep -= 1
    decimals = decimals[:keep]
    if integer == "0" and "0" not in whole:
        integer = ""
    if "," in whole:
        integer = f"{int(integer or 0):,}" if integer else ""
    return integer + ("." + decimals if decimals or (point < len(body) and keep) else "")


def _literal(token: str) -> str:
    if token.startswith('"'):
        return token[1:-1]
    if token.startswith("\\"):
        return token[1:]
    if token.startswith(("_", "*")):  # padding to a character's width, fill: no text
        return ""
    if token.startswith("["):
        currency = _CURRENCY.match(token)
        return currency.group(1) if currency else ""  # colours and conditions print nothing
    return token


def format_date(value: datetime | date | time, number_format: str | None) -> str:
    """A date or time cell as its format shows it; ISO when the format says nothing of dates."""
    fmt = _LOCALE_DATES.get((number_format or "").strip().lower(), number_format or "")
    section = sections(fmt)[0]
    if isinstance(value, time):
        value = datetime.combine(date(1900, 1, 1), value)
    elif not isinstance(value, datetime):
        value = datetime.combine(value, time())
    if section.strip().lower() in ("general", "@") or not _DATE_CODES.search(_LITERALS.sub("", section)):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    return _date_text(value, _TOKEN.findall(section))


def _date_text(value: datetime, tokens: list[str]) -> str:
    """Date codes in the format; m after h or before s is minutes, as in Excel. Literal tokens are
    stood in for by NUL while the codes are found, so a quoted 年 or m is never a code."""
    text = "".join(token if len(token) == 1 else "\0" for token in tokens)
    literals = iter(_literal(token) for token in tokens if len(token) > 1)
    out, position, previous = [], 0, ""
    for match in _DATE_CODES.finditer(text):
        out.append(_plain(text[position : match.start()], literals))
        code = match.group(0).lower()
        following = text[match.end() :].lstrip(":").lower()
        minutes = code in ("m", "mm") and (previous in ("h", "hh") or following.startswith("s"))
        out.append(_date_code(value, code, minutes))
        previous, position = code, match.end()
    out.append(_plain(text[position:], literals))
    return "".join(out)


def _plain(text: str, literals: Iterator[str]) -> str:
    return "".join(next(literals) if ch == "\0" else ch for ch in text)


def _date_code(value: datetime, code: str, minutes: bool) -> str:
    if minutes:
        return f"{value.minute:02d}" if code == "mm" else str(value.minute)
    return {
        "yyyy": f"{value.year:04d}", "yy": f"{value.year % 100:02d}",
        "mmmmm": value.strftime("%B")[:1], "mmmm": value.strftime("%B"), "mmm": value.strftime("%b"),
        "mm": f"{value.month:02d}", "m": str(value.month),
        "dddd": value.strftime("%A"), "ddd": value.strftime("%a"), "dd": f"{value.day:02d}", "d": str(value.day),
        "hh": f"{value.hour:02d}", "h": str(value.hour), "ss": f"{value.second:02d}", "s": str(value.second),
        "am/pm": "AM" if value.hour < 12 else "PM", "a/p": "A" if value.hour < 12 else "P",
    }[code]
