"""Weights and scores as 分值/得分 columns print them: some provinces print the 分 (15分, 97.75分)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalize.numbers import parse_decimal, parse_points


@pytest.mark.parametrize(
    ("printed", "expected"),
    [("15", "15"), ("15分", "15"), ("97.75分", "97.75"), ("10 分", "10"), ("１０分", "10"), ("9.75", "9.75")],
)
def test_points_with_or_without_their_unit(printed: str, expected: str) -> None:
    assert parse_points(printed) == Decimal(expected)


@pytest.mark.parametrize("printed", ["", "分", "—", "满分", "10分钟", "15分15", "十分"])
def test_what_is_no_score_stays_unread(printed: str) -> None:
    assert parse_points(printed) is None


@given(st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False))
def test_the_unit_changes_nothing(value: Decimal) -> None:
    printed = str(value)
    assert parse_points(printed + "分") == parse_points(printed) == parse_decimal(printed)
