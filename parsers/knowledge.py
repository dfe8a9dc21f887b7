"""Loads forms.toml once and compiles its labels into matchers."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

import regex

from normalize.datafiles import load_toml

_DATA = Path(__file__).with_name("forms.toml")
_WIDTH_TWINS = {"（": "[（(]", "(": "[（(]", "）": "[）)]", ")": "[）)]", "：": "[：:]", ":": "[：:]"}
# an optional printed unit after a label: 项目总预算（元）, 预算执行率（%）
UNIT_SUFFIX = r"(?:\s*[（(]\s*(?:单位\s*[:：]\s*)?(?P<suffix>元|万元|%|％)\s*[)）])?"
# a seal note after a label: 填报单位(盖章):, 实施单位（公章）
SEAL_WORDS = r"(?:盖|公|签|印)\s*章"
SEAL_NOTE = rf"(?:\s*[（(]\s*{SEAL_WORDS}\s*[)）])?"
# the years a label's text covers, in brackets after it: 中期目标（2023年-2025年）, 年度目标(2024年度)
PERIOD_NOTE = r"(?:\s*[（(]\s*(?:19|20)\d{2}[^()（）]{0,16}[)）])?"


def flat(text: str) -> str:
    """Text without whitespace (str.split's, a superset of the patterns' \\s) and with the width twins
    folded: a label can occur in a text only where its own flat text occurs in the text's flat text.
    Three replaces, not str.translate: it looks every character of a whole form up in a dict."""
    return "".join(text.split()).replace("（", "(").replace("）", ")").replace("：", ":")


_WHITESPACE = regex.compile(r"\s")  # the patterns' (str.split's also takes \x1c-\x1f)
_BOXES = "☐☑□■"  # a label stands alone after a checkbox mark too (_label_start)


@lru_cache(maxsize=64)  # a text is searched for every label its flat text holds
def _squeezed(text: str) -> tuple[str, list[int], list[int]]:
    """The text without the patterns' whitespace and with the width twins folded (a label's
    characters with whitespace between them are its needle there), the offsets of the whitespace
    taken out, and for each the count of characters kept before it (to find an offset back)."""
    spaces = [match.start() for match in _WHITESPACE.finditer(text)]
    squeezed = _WHITESPACE.sub("", text).replace("（", "(").replace("）", ")").replace("：", ":")
    return squeezed, spaces, [offset - count for count, offset in enumerate(spaces)]


@dataclass(frozen=True)
class Label:
    kind: str  # field · section · heading · extra (a label no field takes: its value goes to Form.extra)
    key: str  # the field or section name; the label itself for headings
    printed: str  # a pattern where needle is None
    needle: str | None = None  # its flat text (None: a pattern of its own, always searched)

    @property
    def source(self) -> str:
        """The whole pattern: the label's own characters, then its unit, seal note and colon
        (_LABEL_END); or a pattern of its own. Made only when asked: the search needs none."""
        return self.printed if self.needle is None else _label_start(self.printed) + _LABEL_END

    @cached_property
    def pattern(self) -> regex.Pattern[str]:
        """A label's pattern of its own whole (needle None)."""
        return regex.compile(self.source, regex.M)

    def finditer(self, text: str) -> Iterator[tuple[int, int, str | None]]:
        """(start, end, printed unit) of each non-overlapping occurrence, as the whole pattern's
        finditer gives them: the label's characters end in one place only (no whitespace among
        them), so the shared ending is tried there alone, and where it fails the search goes on
        from the next character. Its compile is shared: two-thirds of a label pattern's."""
        if self.needle is None:
            yield from ((match.start(), match.end(), match.groupdict().get("suffix"))
                        for match in self.pattern.finditer(text))
            return
        at, ending = 0, _label_end()
        while (found := self._search(text, at)) is not None:
            tail = ending.match(text, found[1])
            if tail is None:
                at = found[2] + 1
                continue
            yield found[0], tail.end(), tail["suffix"]
            at = tail.end()

    def _search(self, text: str, at: int) -> tuple[int, int, int] | None:
        """(start, end, where the label's characters start) of the first match of _label_start(printed) at or
        after `at` (a list number before the label starts the match), with no pattern
        compiled (a document searches dozens of labels, and each compile cost more than its searches):
        the needle in the text's squeezed() form, standing alone in the text (after whitespace, a box
        or nothing)."""
        squeezed, spaces, kept_before = _squeezed(text)
        index = at - bisect_left(spaces, at)
        while (index := squeezed.find(self.needle, index)) >= 0:
            start = index + bisect_right(kept_before, index)
            last = index + len(self.needle) - 1
            end = last + bisect_right(kept_before, last) + 1
            if start == 0 or text[start - 1] in _BOXES or _WHITESPACE.match(text[start - 1]) \
                    or text[max(start - 2, 0) : start] in _AFTER_NOTE or text[start - 1] in ":：" \
                    or len(self.needle) >= _GLUED_LABEL and end - start == len(self.needle) \
                    and text[end : end + 1] in (":", "：") \
                    and _COLON.search(text, text.rfind("\n", 0, start) + 1, start):
                # …its colon, after another label's on its line, makes a label of one glued to the value before it
                # (填表人：赵丽娟审核人：马文斌; not 各预算单位：, a notice's salutation)
                return start, end, start
            if numbered := _LIST_NUMBER_BEFORE.search(text, max(start - 4, 0), start):  # 1.项目年度目标完成情况
                return numbered.start("number"), end, start
            index += 1
        return None

    def may_occur(self, flat_text: str) -> bool:
        """False when the label cannot occur in a text whose flat() is `flat_text`."""
        return self.needle is None or self.needle in flat_text


@cache
def knowledge() -> dict:
    return load_toml(_DATA)


def bounded_share(name: str | None) -> str | None:
    """The word of [values] bounded_shares a name holds (合格率, 满意度 …): a share that cannot pass 100%."""
    return next((word for word in knowledge()["values"]["bounded_shares"] if word in (name or "")), None)


def spaced(text: str) -> str:
    """A pattern for text whose characters may be split by spaces or line breaks."""
    return r"\s*".join(_char_patterns(text))


def _char_patterns(text: str) -> list[str]:
    """Each character's pattern: itself, or either of its full- and half-width forms (（ and ()."""
    return [_WIDTH_TWINS.get(char, regex.escape(char)) for char in text]


def _label(kind: str, key: str, printed: str) -> Label:
    if any(char.isspace() for char in printed):  # Label.finditer needs it; \s* between characters takes spaces
        raise ValueError(f"forms.toml: the label {printed!r} is printed with whitespace; write it without")
    return Label(kind, key, printed, flat(printed))


# a label stands alone: at a line or cell start, ending at a colon, a space or the line end
# a label stands alone after a colon too: a heading's unit note and colon (项目资金（万元）：年度资金总额 86.4), an
# empty label's (项目负责人:财务负责人:)
_AFTER_NOTE = frozenset({"):", ")：", "）:", "）："})
_GLUED_LABEL = 3  # characters a label needs for its colon alone to cut it from the value before it
_COLON = regex.compile("[:：]")


# a label numbered as a list item stands alone too: 1.项目年度目标完成情况 (the number is the label's)
_LIST_NUMBER_BEFORE = regex.compile(r"(?:^|(?<=\s))(?P<number>\d{1,2}[.、．])$")


def _label_start(printed: str) -> str:
    alone = rf"(?<=^|[\s{_BOXES}]|[:：])(?:\d{{1,2}}[.、．])?{spaced(printed)}"
    if len(flat(printed)) < _GLUED_LABEL:
        return alone
    # glued to the value before it, its colon after it and another's before it on its line (Label._search)
    glued = "".join(_char_patterns(printed))
    return rf"(?:{alone}|(?<=[:：][^\n]*){glued}(?=[:：]))"


_LABEL_END = rf"{UNIT_SUFFIX}{SEAL_NOTE}{PERIOD_NOTE}\s*(?:[:：]|(?=\s|$))"


@cache
def _label_end() -> regex.Pattern[str]:
    return regex.compile(_LABEL_END, regex.M)


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
    found += [Label("heading", pattern, pattern) for pattern in data["headings"]["patterns"]]
    return tuple(found)


@cache
def title_pattern(name: str) -> regex.Pattern[str]:
    """A compiled pattern of [titles]: target_pattern, self_eval_pattern, year_suffix, …"""
    return regex.compile(knowledge()["titles"][name])


def title_parts(printed: str) -> tuple[str, int | None]:
    """A printed title without an attachment's mark before it and the year or note after it (附件2：项目支出绩效
    自评表（2023）-> 项目支出绩效自评表), and the year that suffix prints, with 年 or without."""
    bare = title_pattern("attachment_prefix").sub("", printed)
    suffix = title_pattern("year_suffix").search(bare)
    year = regex.search(r"(?:19|20)\d{2}", suffix.group()) if suffix else None
    return (bare[: suffix.start()] if suffix else bare), (int(year.group()) if year else None)


@cache
def title_family(title: str) -> str | None:
    """`target` or `self_eval` for a printed title (whitespace removed), None if it is not one."""
    titles = knowledge()["titles"]
    title = title_pattern("year_suffix").sub("", title_pattern("attachment_prefix").sub("", title))
    for family in ("target", "self_eval"):
        if title in titles[family] or title_pattern(f"{family}_pattern").match(title):
            return family
    return None


@cache
def column_synonyms(table: str) -> tuple[tuple[str, str], ...]:
    """(printed header, column) pairs of a header table, longest printed first; a header as an OCR misreads
    it too (年初预箅数)."""
    pairs = [(printed, column) for column, names in knowledge()[table].items() for printed in names]
    printed_names = {printed for printed, _ in pairs}
    pairs += [(variant, column) for printed, column in list(pairs) for variant in ocr_variants(printed, 2)
              if variant not in printed_names]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def ocr_variants(label: str, shortest: int = 3) -> list[str]:
    """A label of `shortest` characters or more as an OCR prints it with one character misread ([ocr_labels]:
    项Fl名称 for 项目名称; 杈重 for 权重 where two characters are enough: a column header, a level's stem)."""
    if len(label) < shortest:
        return []
    confusions = knowledge()["ocr_labels"]["confusions"]
    return [label[:at] + printed + label[at + 1 :] for at, char in enumerate(label)
            for printed in confusions.get(char, ())]


@cache
def column_named(table: str) -> dict[str, str]:
    """printed header -> column of a header table (the first column listing it); a header as an OCR misreads
    it too (年初预箅数)."""
    named: dict[str, str] = {}
    for column, names in knowledge()[table].items():
        for printed in names:
            named.setdefault(printed, column)
    return {**{variant: column for printed, column in named.items() for variant in ocr_variants(printed, 2)}, **named}


@cache
def family_members() -> frozenset[str]:
    """The taxonomy's 二级 stems; a family among them (成本, a 二级 of 产出 in older frameworks) is read as one."""
    return frozenset(member for family, listed in knowledge()["taxonomy"].items() for member in listed
                     if member != family)


@cache
def level_family(level: str) -> str | None:
    """The taxonomy family a 一级/二级 label belongs to: 社会效益指标 -> 效益 (and 效果)."""
    stem = re.sub(r"(指标|目标)$", "", re.sub(r"[（(].*$", "", level))
    for family, members in knowledge()["taxonomy"].items():
        if stem == family or stem in members:
            return family
    return None
