"""Loads vocab.toml once and validates it, so a typo in the data fails at import, not on a form."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from models import Op
from normalize.datafiles import load_toml

_DATA = Path(__file__).with_name("vocab.toml")


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Conversion(_Data):
    std: str
    factor: Decimal = Decimal(1)
    divisor: Decimal = Field(default=Decimal(1), gt=0)


class Negations(_Data):
    words: list[str]


class Operators(_Data):
    before: dict[Op, list[str]]
    after: dict[Op, list[str]]
    negations: Negations


class Units(_Data):
    plain: list[str]
    convert: dict[str, Conversion]
    aliases: dict[str, str]
    not_units: list[str]
    scores: list[str]


class Numerals(_Data):
    digits: dict[str, int]
    powers: dict[str, int]


class Qualitative(_Data):
    words: list[str]


class Dates(_Data):
    month_parts: list[str]
    day_marks: list[str]


class Ranges(_Data):
    separators: list[str]


class Clauses(_Data):
    joiners: list[str]
    separators: list[str]


class Vocab(_Data):
    operators: Operators
    units: Units
    multipliers: dict[str, Decimal]
    fractions: dict[str, Decimal]
    cn_numerals: Numerals
    qualitative: Qualitative
    dates: Dates
    ranges: Ranges
    clauses: Clauses

    def unit_names(self) -> list[str]:
        """Every printed unit spelling, longest first so that 平方米 wins over 米."""
        names = [*self.units.plain, *self.units.convert, *self.units.aliases]
        return sorted(names, key=len, reverse=True)

    def value_unit_names(self) -> list[str]:
        """The units a value cell may print: every unit spelling and the scores' (92分)."""
        return sorted([*self.unit_names(), *self.units.scores], key=len, reverse=True)

    def canonical_unit(self, printed: str) -> str:
        return self.units.aliases.get(printed, printed)

    def conversion(self, unit: str) -> Conversion:
        """How a canonical unit reaches its standard; a plain unit is its own standard."""
        return self.units.convert.get(unit, Conversion(std=unit))


@cache
def vocab() -> Vocab:
    return Vocab.model_validate(load_toml(_DATA))


def longest_first(table: dict[Op, list[str]]) -> tuple[tuple[str, Op], ...]:
    """(word, op) pairs with the longest word first, so 不低于 is tried before 低于."""
    pairs = [(word, op) for op, words in table.items() for word in words]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))
