"""Forms printed in traditional characters (績效自評表, 預算執行率), pinyin printed after each
character (導(dǎo)讀, 區(qū)), and characters a text layer names by a stand-in (项⽬, ), read as the
simplified text the templates data is worded in.

- A text is traditional where at least TRADITIONAL_SHARE of its Han characters are traditional-only
  (characters whose simplified forms differ and are never themselves simplified: 績, 項, 預). Measured
  by bench/traditional.py over every sample, seed and realdev input read without OCR (575 files: text,
  PDF, HTML, Excel, Word): the 559 simplified ones hold none at all; the 16 printed in traditional
  characters (OpenCC's Big5 seeds, samples/traditional) hold 29-43%. A simplified form quoting 績效
  once stays as printed.
- It is converted one character for one (OpenCC's TSCharacters, the dictionary's first candidate,
  from ``ts_characters.txt``: samples/make_traditional.py), so every line, cell, box and provenance
  stays true. A simplified text is never converted.
- A pinyin annotation, a bracketed run of Latin letters with a tone mark right after a Han character,
  is dropped in any text (none of the inputs above holds one; a column key (A), (B/A) has no tone
  mark). Where a text is annotated so (three or more), an unmarked syllable after a Han character is
  one too: a neutral tone (的(de)).
- A stand-in is read as the character it shows, in any text, one for one: a radical's code point for
  the ideograph of the same glyph (WPS and macOS PDFs print 项⽬ with the Kangxi radical U+2F6C, 期⻓
  with the radical supplement's U+2ED3), a compatibility ideograph for its unified one, and a symbol
  font's private-use box (Wingdings U+F0FE, U+F0A8: a Word check box as a PDF's text layer gives it)
  for the box.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from models import Line
from normalize.patterns import compiled

TABLE = Path(__file__).with_name("ts_characters.txt")
TRADITIONAL_SHARE = 0.10  # of a text's Han characters: simplified texts hold 0, traditional ones 29-43%
_FEWEST = 10  # traditional-only characters: fewer is a quotation, whatever its share of a short text
_ANNOTATED = 3  # marked annotations that make a text annotated throughout (its neutral tones too)

_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_LETTERS = f"a-zü{_MARKS}"
_MARKED = compiled(f"[{_MARKS}]")
# a pinyin syllable without a tone mark: an initial, then a final opening on a vowel (not t, kg, km)
_SYLLABLE = compiled(r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouü][a-zü]{0,4}")
# the Han blocks (CJK ideographs, extension A, compatibility, extensions B on); the patterns holding
# them take a few milliseconds to compile, so they are made only for a text that needs them
_HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# the radical supplement's forms that stand alone as ideographs (its others are parts of characters:
# NFKC maps only 母 and 龟 of them); Kangxi radicals and compatibility ideographs map by NFKC
_RADICAL_FORMS = dict(zip("⺟⺠⻄⻅⻆⻉⻋⻓⻔⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻬⻮⻰⻳⻁⻗",
                          "母民西见角贝车长门青韦页风飞食马骨鬼鱼鸟卤麦黄齐齿龙龟虎雨", strict=True))
# Wingdings' boxes (þ ¨ o x ý) as the private-use code points a text layer or a Word run gives them
PRIVATE_BOXES = {0xF0FE: "☑", 0xF0A8: "☐", 0xF06F: "☐", 0xF078: "☒", 0xF0FD: "☒"}


@cache
def _han() -> re.Pattern[str]:
    return compiled(f"[{_HAN_CHARS}]")


@cache
def _pinyin() -> re.Pattern[str]:
    """A bracketed run of pinyin letters (syllables apart by a space or an apostrophe) after a Han character."""
    return compiled(rf"(?<=[{_HAN_CHARS}])[(（]([{_LETTERS}]+(?:[ '’][{_LETTERS}]+)*)[)）]")


@dataclass(frozen=True)
class Conversion:
    """What was read differently from the printed text."""

    converted: int = 0  # traditional characters read as their simplified forms
    pinyin: int = 0  # pinyin annotations dropped
    stand_ins: int = 0  # radicals, compatibility ideographs and private-use boxes read as what they show

    def __add__(self, other: Conversion) -> Conversion:
        return Conversion(self.converted + other.converted, self.pinyin + other.pinyin,
                          self.stand_ins + other.stand_ins)

    def notes(self) -> list[str]:
        notes = []
        if self.pinyin:
            notes.append(f"{self.pinyin} pinyin annotations printed after characters dropped (導(dǎo)讀 → 導讀)")
        if self.stand_ins:
            notes.append(f"{self.stand_ins} characters the text names by a stand-in (a radical, a compatibility "
                         "ideograph, a symbol font's box) read as the characters they show (项⽬ → 项目)")
        return notes


@dataclass(frozen=True)
class _Reading:
    """How one text is read: converted or not, and which annotations dropped."""

    traditional: bool
    pinyin: bool  # marked annotations are there
    neutral: bool  # the text is annotated throughout: unmarked syllables go too
    stand_ins: bool  # stand-in characters are there


@cache
def _table() -> tuple[dict[int, str], frozenset[str]]:
    """{traditional: first simplified candidate} where they differ, and the traditional-only characters."""
    mapping, only = {}, set()
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, values = line.split("\t")
        candidates = values.split(" ")
        if candidates[0] != key:
            mapping[ord(key)] = candidates[0]
        if key not in candidates:
            only.add(key)
    return mapping, frozenset(only)


@cache
def _stand_ins() -> dict[int, str]:
    """{stand-in: the character it shows}: one code point for one."""
    folded = {code: unicodedata.normalize("NFKC", chr(code)) for code in [*range(0x2F00, 0x2FD6),
                                                                          *range(0xF900, 0xFB00)]}
    return ({code: char for code, char in folded.items() if len(char) == 1 and char != chr(code)}
            | {ord(radical): char for radical, char in _RADICAL_FORMS.items()} | PRIVATE_BOXES)


@cache
def _stand_in() -> re.Pattern[str]:
    return compiled("[" + "".join(map(chr, sorted(_stand_ins()))) + "]")


def is_traditional(text: str) -> bool:
    """Whether the text is printed in traditional characters (see the module's figures)."""
    marked = sum(map(_table()[1].__contains__, text))
    return marked >= _FEWEST and marked >= TRADITIONAL_SHARE * len(_han().findall(text))


def _reading(text: str) -> _Reading | None:
    """How to read the whole text; None: as printed (every simplified text without pinyin)."""
    marked = sum(1 for match in _pinyin().finditer(text) if _MARKED.search(match[1])) if _MARKED.search(text) else 0
    traditional = is_traditional(text)
    stand_ins = _stand_in().search(text) is not None
    if not traditional and not marked and not stand_ins:
        return None
    return _Reading(traditional, marked > 0, marked >= _ANNOTATED, stand_ins)


def _read(text: str, reading: _Reading) -> tuple[str, Conversion]:
    dropped = 0
    if reading.pinyin:
        kept = text
        text = _pinyin().sub(lambda match: "" if _is_pinyin(match[1], reading) else match[0], text)
        dropped = sum(1 for match in _pinyin().finditer(kept) if _is_pinyin(match[1], reading))
    shown = 0
    if reading.stand_ins:
        shown = len(_stand_in().findall(text))
        text = text.translate(_stand_ins())
    converted = 0
    if reading.traditional:
        mapping = _table()[0]
        converted = sum(1 for char in text if ord(char) in mapping)
        text = text.translate(mapping)
    return text, Conversion(converted, dropped, shown)


def _is_pinyin(annotation: str, reading: _Reading) -> bool:
    return bool(_MARKED.search(annotation)) or reading.neutral and bool(_SYLLABLE.fullmatch(annotation))


def simplified_text(text: str) -> tuple[str, Conversion]:
    """The text as the parsers read it, and what was changed; a simplified text without pinyin or
    stand-ins is handed back as it is."""
    reading = _reading(text)
    return (text, Conversion()) if reading is None else _read(text, reading)


def simplified_lines(lines: list[Line]) -> tuple[list[Line], Conversion]:
    """The same over extracted lines (web pages, Excel, Word, PDFs): decided on their whole text, each
    cell converted on its own, so its box and provenance stay its own."""
    reading = _reading("\n".join(cell.text for line in lines for cell in line.cells))
    if reading is None:
        return lines, Conversion()
    total, read = Conversion(), []
    for line in lines:
        cells = []
        for cell in line.cells:
            text, conversion = _read(cell.text, reading)
            total += conversion
            cells.append(cell if text == cell.text else cell.model_copy(update={"text": text}))
        read.append(line.model_copy(update={"cells": tuple(cells)}))
    return read, total
