"""Hypothesis properties: what is printed by the rules of the forms parses back exactly."""

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from normalize.dates import parse_date, split_dates
from normalize.numbers import format_money, parse_money, parse_percent
from normalize.text import join_lines


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
