"""Loads forms.toml once and compiles its labels into matchers."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import regex

_DATA = Path(__file__).with_name("forms.toml")
_WIDTH_TWINS = {"（": "[（(]", "(": "[（(]", "）": "[）)]", ")": "[）)]", "：": "[：:]", ":": "[：:]"}
# an optional printed unit after a label: 项目总预算（元）, 预算执行率（%）
UNIT_SUFFIX = r"(?:\s*[（(]\s*(?:单位\s*[:：]\s*)?(?P<suffix>元|万元|%|％)\s*[)）])?"
# a seal note after a label: 填报单位(盖章):
SEAL_NOTE = r"(?:\s*[（(]\s*盖\s*章\s*[)）])?"


def flat(text: str) -> str:
    """Text without whitespace (str.split's, a superset of the patterns' \\s) and with the width twins
    folded: a label can occur in a text only where its own flat text occurs in the text's flat text.
    Three replaces, not str.translate: it looks every character of a whole form up in a dict."""
    return "".join(text.split()).replace("（", "(").replace("）", ")").replace("：", ":")


@dataclass(frozen=True)
class Label:
    kind: str  # field · section · heading · extra (a label no field takes: its value goes to Form.extra)
    key: str  # the field or section name; the label itself for headings
    printed: str
    source: str  # the pattern, compiled when first searched: most labels occur in few documents
    needle: str | None = None  # its flat text (None: a pattern of its own, always searched)

    @cached_property
    def pattern(self) -> regex.Pattern[str]:
        return regex.compile(self.source, regex.M)

    def may_occur(self, flat_text: str) -> bool:
        """False when the label cannot occur in a text whose flat() is `flat_text`."""
        return self.needle is None or self.needle in flat_text


@cache
def knowledge() -> dict:
    with _DATA.open("rb") as stream:
        return tomllib.load(stream)


def spaced(text: str) -> str:
    """A pattern for text whose characters may be split by spaces or line breaks."""
    return r"\s*".join(_WIDTH_TWINS.get(char, regex.escape(char)) for char in text)


def _label(kind: str, key: str, printed: str) -> Label:
    # a label stands alone: at a line or cell start, ending at a colon, a space or the line end
    source = rf"(?<=^|[\s☐☑□■]){spaced(printed)}{UNIT_SUFFIX}{SEAL_NOTE}\s*(?:[:：]|(?=\s|$))"
    return Label(kind, key, printed, source, flat(printed))


@cache
def labels() -> tuple[Label, ...]:
    data = knowledge()
    found = [
        _label(kind, key, printed)
        for kind, table in (("field", data["fields"]), ("section", data["sections"]))
        for key, printed_labels in table.items()
        for printed in printed_labels
    ]
    found += [_label("heading", text, text) for text in data["headings"]["labels"]]
    found += [_label("extra", text, text) for text in data["extra"]["labels"]]
    found += [Label("heading", pattern, pattern, pattern) for pattern in data["headings"]["patterns"]]
    return tuple(found)


@cache
def title_pattern(name: str) -> regex.Pattern[str]:
    """A compiled pattern of [titles]: target_pattern, self_eval_pattern, year_suffix, …"""
    return regex.compile(knowledge()["titles"][name])


@cache
def title_family(title: str) -> str | None:
    """`target` or `self_eval` for a printed title (whitespace removed), None if it is not one."""
    titles = knowledge()["titles"]
    for family in ("target", "self_eval"):
        if title in titles[family] or title_pattern(f"{family}_pattern").match(title):
            return family
    return None


@cache
def column_synonyms(table: str) -> tuple[tuple[str, str], ...]:
    """(printed header, column) pairs of a header table, longest printed first."""
    pairs = [(printed, column) for column, names in knowledge()[table].items() for printed in names]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


@cache
def column_named(table: str) -> dict[str, str]:
    """printed header -> column of a header table (the first column listing it)."""
    named: dict[str, str] = {}
    for column, names in knowledge()[table].items():
        for printed in names:
            named.setdefault(printed, column)
    return named


@cache
def level_family(level: str) -> str | None:
    """The taxonomy family a 一级/二级 label belongs to: 社会效益指标 -> 效益 (and 效果)."""
    stem = regex.sub(r"(指标|目标)$", "", regex.sub(r"[（(].*$", "", level))
    for family, members in knowledge()["taxonomy"].items():
        if stem == family or stem in members:
            return family
    return None
