"""Text of one cell: width folding and joining wrapped lines by CJK rules."""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

import regex

from normalize.patterns import compiled

# Full-width forms sit at ASCII + 0xFEE0. Only digits, letters and the symbols of numbers and
# comparisons are folded: Chinese punctuation （）：，。、； is kept as printed.
_FOLDED = string.digits + string.ascii_letters + "%+-./<=>"
_WIDTH = str.maketrans({chr(ord(c) + 0xFEE0): c for c in _FOLDED} | {"\u3000": " "})
# whether a text holds any of them: a scan in C, where translate looks every character up in a dict
# (most texts have none); the standard library's character class, the same set as the regex module's
_HAS_WIDE = compiled("[" + re.escape("".join(map(chr, _WIDTH))) + "]")

# a character that glues to its neighbours without a space: Han, kana, CJK and full-width
# punctuation, curly quotes, dashes and ellipses as Chinese typesetting prints them
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\u3000-\u303f\uff00-\uffef\u2014-\u201f\u2026\u00b7]")
_SPACES = compiled(r"\s+")


def fold_width(s: str) -> str:
    return s.translate(_WIDTH) if _HAS_WIDE.search(s) else s


def _is_cjk(char: str) -> bool:
    return bool(_CJK.match(char))


def _space_or_nothing(match: re.Match[str]) -> str:
    text = match.string
    before = text[match.start() - 1] if match.start() else ""
    after = text[match.end()] if match.end() < len(text) else ""
    return "" if _is_cjk(before) or _is_cjk(after) else " "


@lru_cache(maxsize=8192)  # every cell's text passes here, most of them printed before
def strip_cjk_spaces(s: str) -> str:
    """Drop spaces next to CJK text (PDF layers put them around every number: 人社局 12333热线)."""
    return _SPACES.sub(_space_or_nothing, s).strip()


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _joint(left: str, right: str) -> str:
    return " " if _is_latin(left[-1]) and _is_latin(right[0]) else ""


def join_lines(lines: Sequence[str]) -> str:
    """One cell wrapped over several lines: "≤9 " + "0分钟" -> "≤90分钟".

    A joint gets a space only between two Latin letters, whatever the word count.
    """
    pieces = [line for raw in lines if (line := fold_width(raw).strip())]
    if not pieces:
        return ""
    joined = pieces[0] if len(pieces) == 1 else pieces[0] + "".join(_joint(a, b) + b for a, b in pairwise(pieces))
    return strip_cjk_spaces(joined)


def clean_text(s: str) -> str:
    return join_lines(s.splitlines())


def display_width(text: str) -> int:
    """Columns the text takes in a terminal or a fixed-width page: CJK characters two, others one."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
