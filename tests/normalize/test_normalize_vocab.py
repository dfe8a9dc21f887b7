"""vocab.toml: it loads and validates, and every entry in it does what it says."""

from decimal import Decimal

import pytest

from normalize.values import parse_value
from normalize.vocab import vocab

WORDS = vocab()


def test_vocab_loads_once() -> None:
    assert vocab() is WORDS


@pytest.mark.parametrize(
    ("word", "op"), [(word, op) for op, words in WORDS.operators.before.items() for word in words]
)
def test_every_operator_before_the_number(word: str, op: str) -> None:
    assert parse_value(f"{word}5分钟").op == op


@pytest.mark.parametrize(
    ("word", "op"), [(word, op) for op, words in WORDS.operators.after.items() for word in words]
)
def test_every_operator_after_the_number(word: str, op: str) -> None:
    assert parse_value(f"5分钟{word}").op == op


@pytest.mark.parametrize("unit", [*WORDS.units.plain, *WORDS.units.convert])
def test_every_unit_is_read_and_standardised(unit: str) -> None:
    parsed = parse_value(f"=120{unit}")  # 120 divides by every divisor in use (秒 ÷ 60)
    rule = WORDS.conversion(unit)
    assert (parsed.value, parsed.unit, parsed.std_unit) == (Decimal(120), unit, rule.std)
    assert parsed.std_value * rule.divisor == 120 * rule.factor


@pytest.mark.parametrize(("printed", "unit"), WORDS.units.aliases.items())
def test_every_alias_reports_its_unit(printed: str, unit: str) -> None:
    assert parse_value(f"=7{printed}").unit == unit


@pytest.mark.parametrize(("prefix", "factor"), WORDS.multipliers.items())
def test_every_multiplier(prefix: str, factor: Decimal) -> None:
    parsed = parse_value(f"=3{prefix}元")
    assert (parsed.unit, parsed.std_value, parsed.std_unit) == (f"{prefix}元", 3 * factor, "元")


@pytest.mark.parametrize(("word", "percent"), WORDS.fractions.items())
def test_every_fraction(word: str, percent: Decimal) -> None:
    assert parse_value(f"{word}二").value == 2 * percent


@pytest.mark.parametrize("word", WORDS.qualitative.words)
def test_every_qualitative_word(word: str) -> None:
    assert parse_value(word).kind == "qualitative"


def test_units_do_not_collide() -> None:
    names = [*WORDS.units.plain, *WORDS.units.convert, *WORDS.units.aliases]
    assert len(names) == len(set(names))
    assert set(WORDS.units.aliases.values()) <= {*WORDS.units.plain, *WORDS.units.convert}
