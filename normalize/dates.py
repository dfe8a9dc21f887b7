"""Dates as printed: 2019-1-1 · 2019.1.1 · 2019/01/01 · 2019年1月1日 · a month alone, 2019年1月."""

from __future__ import annotations

import calendar
import itertools
import re
from datetime import date
from functools import lru_cache

from normalize.patterns import compiled
from normalize.text import fold_width

_YEAR = r"(?P<y>(?:19|20)[0-9]{2})"
_SPACES = compiled(r"\s+")
_YEAR_WRITTEN = compiled(rf"{_YEAR}\s*年")
_YEAR_BARE = compiled(rf"[\s(（]*{_YEAR}[\s)）]*")


def _pattern(chinese: bool, month_digits: int, day_digits: int) -> re.Pattern[str]:
    """One shape with fixed digit counts, so that glued dates can be cut at every possible place."""
    month = f"(?P<m>[0-9]{{{month_digits}}})"
    day = f"(?P<d>[0-9]{{{day_digits}}})" if day_digits else ""
    if chinese:
        return compiled(f"{_YEAR}年{month}月" + (f"{day}[日号]?" if day else ""))
    # one separator throughout: 2019-1-1, never 2019-1.1
    return compiled(f"{_YEAR}(?P<sep>[-./]){month}" + (f"(?P=sep){day}" if day else ""))


# longest shapes first: with equal coverage the longer (two-digit) day wins
_SHAPES = sorted(
    (_pattern(*shape) for shape in itertools.product((False, True), (2, 1), (2, 1, 0))),
    key=lambda pattern: -len(pattern.pattern),
)


def _month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _to_date(match: re.Match[str], as_end: bool) -> date | None:
    year, month = int(match["y"]), int(match["m"])
    if not 1 <= month <= 12:
        return None
    printed_day = match.groupdict().get("d")
    if printed_day is None:
        return date(year, month, _month_end(year, month) if as_end else 1)
    day = int(printed_day)
    return date(year, month, day) if 1 <= day <= _month_end(year, month) else None


# WPS text layers put a date's first separator before it: -202301-01 is 2023-01-01
_LEADING_SEPARATOR = compiled(r"^(?P<sep>[-./])(?P<y>\d{4})(?P<rest>\d{1,2}(?P=sep)\d{1,2})$")


# a date written in Chinese numerals (二〇二一年三月十五日; 二0二一 as some print the zero)
_CN_VALUES = {char: value for value, char in enumerate("〇一二三四五六七八九")} | {"零": 0, "0": 0}
_CN_COUNT = "[十一二三四五六七八九]"
_CN_DATE = compiled(rf"(?P<y>[{''.join(_CN_VALUES)}]{{4}})年(?P<m>{_CN_COUNT}{{1,2}})月"
                      rf"(?:(?P<d>{_CN_COUNT}{{1,3}})[日号])?")


def _cn_number(text: str) -> int:
    """一 … 九十九 written out: 十二 is 12, 二十 is 20, 三十一 is 31."""
    if "十" not in text:
        return _CN_VALUES[text]
    tens, _, units = text.partition("十")
    return (_CN_VALUES[tens] if tens else 1) * 10 + (_CN_VALUES[units] if units else 0)


def _in_digits(text: str) -> str:
    found = _CN_DATE.fullmatch(text)
    if not found:
        return text
    year = "".join(str(_CN_VALUES[char]) for char in found["y"])
    day = f"{_cn_number(found['d'])}日" if found["d"] else ""
    return f"{year}年{_cn_number(found['m'])}月{day}"


@lru_cache(maxsize=4096)  # a form prints its dates more than once, a batch's forms the same ones (a date is immutable)
def parse_date(s: str, *, as_end: bool = False) -> date | None:
    """A month alone is its first day, or its last day for an end date (SCHEMA.md); a date written in
    Chinese numerals is read in digits."""
    text = _LEADING_SEPARATOR.sub(r"\g<y>\g<sep>\g<rest>", _in_digits(_SPACES.sub("", fold_width(s))))
    for shape in _SHAPES:
        match = shape.fullmatch(text)
        if match and (found := _to_date(match, as_end)):
            return found
    return None


def _pieces_at(text: str, start: int) -> list[int]:
    """End positions of every valid date that starts at `start`, longest first."""
    matches = (shape.match(text, start) for shape in _SHAPES)
    ends = {match.end() for match in matches if match and _to_date(match, False)}
    return sorted(ends, reverse=True)


# a period whose end leaves its year (and its first month's 月) to the start: 2024年1月至12月, 2024年1-12月,
# 2024年1月1日至12月31日; a period of whole years: 2024-2026年 (its first month to its last). Between figures an
# OCR's 一 is the dash it read (2024年一2026年)
_TO = r"\s*[-—–~～至到一]\s*"
_MONTHS_SHARED = compiled(rf"{_YEAR}\s*年\s*(?P<m1>[0-9]{{1,2}}){_TO}(?P<m2>[0-9]{{1,2}})\s*月")
_YEAR_SHARED = compiled(rf"{_YEAR}\s*年\s*(?P<start>[0-9]{{1,2}}\s*月(?:\s*[0-9]{{1,2}}\s*[日号])?){_TO}"
                          rf"(?P<end>[0-9]{{1,2}}\s*月)")
_YEARS = compiled(rf"(?<![0-9]){_YEAR}\s*年?{_TO}(?P<y2>(?:19|20)[0-9]{{2}})\s*年(?!度?\s*[0-9]{{1,2}}\s*月)")


def _periods_written_out(text: str) -> str:
    """A period printed short, with the year its end shares written out (2024年1月至12月 -> 2024年1月至2024年12月)."""
    text = _MONTHS_SHARED.sub(r"\g<y>年\g<m1>月至\g<y>年\g<m2>月", text)
    text = _YEAR_SHARED.sub(r"\g<y>年\g<start>至\g<y>年\g<end>", text)
    return _YEARS.sub(r"\g<y>年1月至\g<y2>年12月", text)


def split_dates(s: str) -> list[str]:
    """Every date in s, also when an extractor glued them: "2019-12-312019-1-1" -> two dates; a period printed
    short gives both its dates (2024年1-12月: 2024年1月, 2024年12月).

    Of all ways to cut, the one covering the most characters with valid dates wins, and on a tie
    the longer first piece: the next piece must start with a 19xx/20xx year, which settles the day.
    """
    text = _periods_written_out(fold_width(s))
    # best[i] = (characters covered, pieces) for text[i:], filled from the end
    best: list[tuple[int, tuple[str, ...]]] = [(0, ())] * (len(text) + 1)
    for start in range(len(text) - 1, -1, -1):
        options = [(best[end][0] + end - start, (text[start:end], *best[end][1])) for end in _pieces_at(text, start)]
        # max() keeps the first of equals: longer pieces first, skipping this character last
        best[start] = max([*options, best[start + 1]], key=lambda option: option[0])
    return list(best[0][1])


def parse_year(s: str) -> int | None:
    """（2020年度） · (2019年 ) · (2022 年度) · 2020年 -> the year; a bare (2020) too."""
    text = fold_width(s)
    match = _YEAR_WRITTEN.search(text) or _YEAR_BARE.fullmatch(text)
    return int(match["y"]) if match else None
