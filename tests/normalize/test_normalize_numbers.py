"""Printed numbers: 千分位, 万元换算, 全角, percentages, and what must be refused."""

from decimal import Decimal

import pytest

from normalize.numbers import format_money, parse_decimal, parse_money, parse_percent, scale

# 千分位 and plain numbers, as printed in the fund tables of seed 001
DECIMAL_CASES = [
    ("70762666.00", "70762666.00"),
    ("81,572,666", "81572666"),
    ("8,212,206.68", "8212206.68"),
    ("70,785,200.00", "70785200.00"),
    ("1，234，567", "1234567"),
    ("７０７６２６６６．００", "70762666.00"),
    (" 0 ", "0"),
    ("-5", "-5"),
    ("+3.0", "3.0"),
    ("97.60", "97.60"),
]


@pytest.mark.parametrize(("printed", "expected"), DECIMAL_CASES)
def test_parse_decimal(printed: str, expected: str) -> None:
    parsed = parse_decimal(printed)
    assert parsed == Decimal(expected)
    assert str(parsed) == expected  # the printed scale is kept


DECIMAL_REJECTS = [
    "", " ", "—", "-", "–", "/", "无", "——",
    "12,34", "1,2345", "1234,567", "1.2.3", "abc", "12元", "100%", ".5", "5.", "1 000", "12 34", "1e5",
    "9" * 31,
]


@pytest.mark.parametrize("printed", DECIMAL_REJECTS)
def test_parse_decimal_rejects(printed: str) -> None:
    assert parse_decimal(printed) is None


# 万元换算 and amounts in 元
MONEY_CASES = [
    ("81,572,666", "81572666"),
    ("8,212,206.68", "8212206.68"),
    ("70,785,200.00", "70785200.00"),
    ("133340000", "133340000"),
    ("5093.26万元", "50932600.00"),
    ("413.77万元", "4137700.00"),
    ("10,460万元", "104600000"),
    ("1.2亿元", "120000000.0"),
    ("3.5千元", "3500.0"),
    ("100元", "100"),
    ("5万", "50000"),
    ("5093.26 万元", "50932600.00"),
    ("５０９３．２６万元", "50932600.00"),
]


@pytest.mark.parametrize(("printed", "expected"), MONEY_CASES)
def test_parse_money(printed: str, expected: str) -> None:
    parsed = parse_money(printed)
    assert parsed == Decimal(expected)
    assert str(parsed) == expected


MONEY_REJECTS = ["", "—", "-", "元", "万元", "12,34元", "约100元", "100美元", "1.2.3万元"]


@pytest.mark.parametrize("printed", MONEY_REJECTS)
def test_parse_money_rejects(printed: str) -> None:
    assert parse_money(printed) is None


PERCENT_CASES = [
    ("100.00%", "100.00"),
    ("76.89%", "76.89"),
    ("0.006%", "0.006"),
    ("99.57 %", "99.57"),
    ("９１．６７％", "91.67"),
]


@pytest.mark.parametrize(("printed", "expected"), PERCENT_CASES)
def test_parse_percent(printed: str, expected: str) -> None:
    assert str(parse_percent(printed)) == expected


@pytest.mark.parametrize("printed", ["（%）", "(%)", "%", "", "—", "100", "百分之百", "98%以上"])
def test_parse_percent_rejects(printed: str) -> None:
    assert parse_percent(printed) is None


def test_parse_percent_bare_only_when_allowed() -> None:
    assert parse_percent("98.5", allow_bare=True) == Decimal("98.5")
    assert parse_percent("（%）", allow_bare=True) is None


@pytest.mark.parametrize(
    ("amount", "printed"),
    [("81572666", "81,572,666"), ("8212206.68", "8,212,206.68"), ("0.50", "0.50"), ("-1234", "-1,234"),
     ("1E+3", "1,000")],
)
def test_format_money(amount: str, printed: str) -> None:
    assert format_money(Decimal(amount)) == printed


def test_scale_is_exact_or_rounded_to_six_places() -> None:
    assert scale(Decimal("30"), Decimal(1), Decimal(60)) == Decimal("0.5")
    assert scale(Decimal("8"), Decimal(1), Decimal(60)) == Decimal("0.133333")
    assert str(scale(Decimal("5093.26"), Decimal(10000))) == "50932600.00"
