"""Hypothesis properties: what is printed by the rules of the forms parses back exactly."""

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from normalize.dates import parse_date, split_dates
from normalize.numbers import format_money, parse_money, parse_percent
from normalize.text import join_lines
from normalize.values import parse_value
from normalize.vocab import vocab


def decimals(max_places: int) -> st.SearchStrategy[Decimal]:
    """Plain decimals with 0..max_places printed decimals (scale matters: 100.00 is not 100)."""
    return st.builds(
        lambda digits, places: Decimal(digits).scaleb(-places),
        st.integers(-(10**15), 10**15),
        st.integers(0, max_places),
    )


@given(decimals(2))
def test_money_round_trips(amount: Decimal) -> None:
    for printed in (format_money(amount), format_money(amount).replace(",", "，"), f"{amount:f}",
                    f"{amount:f}元", f"{format_money(amount)}元"):
        parsed = parse_money(printed)
        assert parsed == amount and str(parsed) == f"{amount:f}", printed


@given(decimals(2))
def test_money_in_wan_yuan_round_trips(amount: Decimal) -> None:
    assert parse_money(f"{amount.scaleb(-4):f}万元") == amount
    assert parse_money(f"{amount.scaleb(-8):f}亿元") == amount


@given(decimals(6))
def test_percent_round_trips(percent: Decimal) -> None:
    parsed = parse_percent(f"{percent:f}%")
    assert parsed == percent and str(parsed) == f"{percent:f}"


# CJK text with numbers and the symbols of targets, without spaces and without Latin letters
# (a joint between two Latin letters rightly gets a space)
CELL_CHARS = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF) | st.sampled_from(
    list("0123456789.%≤≥<>=/-（）：，。、；“”《》【】")
)


@st.composite
def wrapped(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A cell text and the lines it was wrapped into, with stray spaces and empty lines."""
    text = draw(st.text(CELL_CHARS, min_size=1, max_size=60))
    cuts = sorted(draw(st.sets(st.integers(1, len(text) - 1), max_size=8)) if len(text) > 1 else set())
    bounds = zip([0, *cuts], [*cuts, len(text)])
    spaces = st.text(st.sampled_from(" \t\u3000"), max_size=3)
    lines = [draw(spaces) + text[start:end] + draw(spaces) for start, end in bounds]
    for _ in range(draw(st.integers(0, 2))):
        lines.insert(draw(st.integers(0, len(lines))), draw(spaces))
    return text, lines


@given(wrapped())
def test_wrapped_cell_joins_back(case: tuple[str, list[str]]) -> None:
    text, lines = case
    assert join_lines(lines) == text


DATE_FORMATS = [
    "{y}-{m}-{d}", "{y}-{m:02d}-{d:02d}", "{y}.{m}.{d}", "{y}.{m:02d}.{d:02d}", "{y}/{m:02d}/{d:02d}",
    "{y}/{m}/{d}", "{y}年{m}月{d}日", "{y}年{m}月", "{y}-{m}", "{y}.{m:02d}",
]


@given(st.lists(st.tuples(st.dates(date(1900, 1, 1), date(2099, 12, 31)), st.sampled_from(DATE_FORMATS)),
                min_size=1, max_size=5))
def test_glued_dates_split_back(dates: list[tuple[date, str]]) -> None:
    pieces = [shape.format(y=day.year, m=day.month, d=day.day) for day, shape in dates]
    assert split_dates("".join(pieces)) == pieces
    for (day, shape), piece in zip(dates, pieces):
        assert parse_date(piece) == (day if "{d" in shape else day.replace(day=1))


WORDS = vocab()
COUNT_UNITS = st.sampled_from([unit for unit in WORDS.units.plain if unit not in ("月", "年")] + ["%", "万元", "天"])
FIGURES = st.builds(lambda digits, places: Decimal(digits).scaleb(-places), st.integers(0, 10**6), st.integers(0, 2))


@given(FIGURES, FIGURES, COUNT_UNITS, st.sampled_from(WORDS.ranges.separators), st.booleans())
def test_a_range_is_its_two_bounds(low: Decimal, high: Decimal, unit: str, separator: str, twice: bool) -> None:
    """low{sep}high{unit}, the unit printed once or on both bounds: >= low and <= high in that unit."""
    raw = f"{low:f}{unit if twice else ''}{separator}{high:f}{unit}"
    parsed = parse_value(raw)
    assert parsed.kind == "compound" and parsed.parts, raw
    assert [(p.op, p.value, p.unit) for p in parsed.parts] == [(">=", low, unit), ("<=", high, unit)], raw


@given(st.integers(1, 12), st.integers(1, 31), st.sampled_from(["", "每年", "每月"]),
       st.sampled_from(["", "前", "之前", "以前", "完成"]))
def test_a_day_of_the_year_is_a_date(month: int, day: int, every: str, after: str) -> None:
    """6月25日, 12月31日前: no quantity, with its year or without (2024年6月30日前 is qualitative too)."""
    for mark in WORDS.dates.day_marks:
        for year in ("", "2024年"):
            raw = f"{every}{year}{month}月{day}{mark}{after}"
            assert parse_value(raw).kind == "qualitative", raw


@given(st.integers(1, 12), st.sampled_from(["", *WORDS.dates.month_parts]), st.sampled_from(["", "每年"]),
       st.sampled_from([("", None), ("前", "<="), ("之前", "<="), ("以前", "<=")]))
def test_a_month_of_the_year_is_its_number(month: int, part: str, every: str, after: tuple[str, str | None]) -> None:
    """9月前, 6月底前, 每年6月中旬: the month's number in 月 with no standard unit (not a count of months)."""
    raw = f"{every}{month}月{part}{after[0]}"
    parsed = parse_value(raw)
    assert (parsed.kind, parsed.op, parsed.value, parsed.unit, parsed.std_unit) == (
        "numeric", after[1], month, "月", None), raw


@given(st.integers(1, 99), st.sampled_from(["", "=", "≤", "不超过"]), st.sampled_from(["", "内", "以内"]))
def test_a_count_of_months_is_a_duration(months: int, before: str, after: str) -> None:
    parsed = parse_value(f"{before}{months}个月{after}")
    assert (parsed.kind, parsed.value, parsed.unit) == ("numeric", months, "个月")


OPERATORS = st.sampled_from(["≥", "≤", ">", "<", "="])


# what may stand between two quantities with their operators: a joining word, a mark, or nothing
CLAUSE_ENDS = st.sampled_from([*WORDS.clauses.joiners, *WORDS.clauses.separators, ""])


@given(OPERATORS, FIGURES, OPERATORS, FIGURES, CLAUSE_ENDS, COUNT_UNITS)
def test_joined_clauses_are_both_parts(op1: str, first: Decimal, op2: str, second: Decimal, joiner: str,
                                       unit: str) -> None:
    raw = f"{op1}{first:f}{unit}{joiner}{op2}{second:f}{unit}"
    parsed = parse_value(raw)
    assert parsed.kind == "compound" and parsed.parts, raw
    assert [(p.raw, p.value, p.unit) for p in parsed.parts] == [
        (f"{op1}{first:f}{unit}", first, unit), (f"{op2}{second:f}{unit}", second, unit)
    ], raw
