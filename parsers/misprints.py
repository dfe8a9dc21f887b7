"""Labels an OCR misprinted, read as the label they nearly are.

An OCR of a page preview or a poor scan prints 实施第位 for 实施单位, 年初预匏数 for 年初预算数, 指标值(八)
for 指标值(A), and reads a two-line header cell out of order (考值参分 for 参考分值). Where a stretch of a
line differs from a label of the templates data in one character, or holds a column header's characters
in another order, it is read as that label. The repair is a second reading: parsers/__init__.py keeps
it only where it reads clearly more than the printed text did, and flags every label it read so.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from models import Cell, Extraction, Flag, Line
from normalize.patterns import compiled
from normalize.text import fold_width
from parsers.knowledge import column_named, knowledge
from parsers.tokens import _LEADING, Token, _level_stems, classify, printed_labels

_LABEL_CELL = 30  # characters of the longest label cell with its notes (单位已有的（或拟订的）保证项目实施的制度、措施)
_MIN_LENGTH = 4  # a label of three characters or fewer is one misprint away from ordinary words
_ANAGRAM_KINDS = ("column", "fcolumn")  # header cells: read column-wise when printed on two lines
_SPACES = compiled(r"(\s+)")
_POINTS_AFTER = compiled(r"[（(]\d+(?:\.\d+)?分[)）]")
# a unit note of two characters after a label (no figure in it: 项目资金(万兀), 预算数(口元))
_UNIT_NOTE = compiled(r"[（(](?P<unit>[^()（）\d\s]{2})[)）]")
_TEN_THOUSAND = "万元"
_MONEY_KEYS = frozenset({"initial_budget", "full_year_budget", "executed", "total_budget", "current_budget",
                         "prior_budget", "prior_executed", "project_budget"})
_LABEL_REACH = 12  # characters of the longest label a unit note follows
# a column key after a header: (A), (B), a ratio's (B/A)
_KEY_AFTER = compiled(r"[（(][A-Z](?P<ratio>\s*[/／]\s*[A-Z])?[)）]")
# a unit or a note in brackets a label cell prints beside its label (as it prints 其中:, 二、, 1. before it)
_NOTE_BESIDE = compiled(r"[（(][^()（）]{0,12}[)）]")


@dataclass(frozen=True)
class Misprint:
    line: int  # index into the extraction's lines
    printed: str
    label: str


@cache
def _labels() -> frozenset[str]:
    """The labels printed as they are: none of them is read as a misprint of another."""
    level1, level2 = _level_stems(misread=False)
    # 产出目标 and 产出指标 are both printed: each is a label, not a misprint of the other
    stems = {stem + suffix for stem in level1 | level2 for suffix in ("", "指标", "目标", "值")}
    return frozenset(word for word in set(printed_labels()) | stems if len(word) >= _MIN_LENGTH)


@cache
def _meant() -> frozenset[str]:
    """The labels a misprint is read as: the templates data's. Not a level's: its name is a value of its
    rows, kept as printed (顼目产出, 项Fl实施: a misread level is told by its place, parsers/glued_rows.py),
    and 项目支出 is one misprint from 项目产出."""
    return frozenset(word for word in printed_labels() if len(word) >= _MIN_LENGTH)


@cache
def _keyed() -> frozenset[str]:
    """Column headers of three characters: ordinary words too (执行数 is one misprint from 执行率), so
    read only before a column key, which also tells a rate from an amount: 执行乂(B/A) is 执行率,
    执行乂(B) 执行数."""
    return frozenset(word for word, (kind, _) in printed_labels().items() if len(word) == 3 and kind in _ANAGRAM_KINDS)


def _misprint_of(text: str, begin: int, label: str) -> bool:
    """One character differs, and it is a letter: a figure or a bracket beside a label (2有资金, 完成4指标,
    项目决策() is no misprint; nor is a label of its own (质量指标 is no 数量指标)."""
    window = text[begin : begin + len(label)]
    differ = [index for index, (printed, meant) in enumerate(zip(window, label)) if printed != meant]
    if len(differ) != 1 or not window[differ[0]].isalpha() or window[differ[0]].isdigit() or window in _labels() \
            or window in printed_labels():
        return False
    # a character that makes with its neighbour a pair the labels print is a word of its own (达成预期指标:
    # 指标; 同名项目上年预算: 上年), where an OCR's misreading makes none (实施第位, 年初预匏数)
    if {window[max(differ[0] - 1, 0) : differ[0] + 1], window[differ[0] : differ[0] + 2]} & _label_pairs():
        return False
    if differ[0] not in (0, len(window) - 1):
        return True
    # at an end, a figure or a mark stands against it (调整预算将,A) or its points follow (预算执行情丁(10分)):
    # against more words or nothing it is a word of its own (科目编码, 资金用于, 项目编制了), or a label
    # with the next word after it (绩效目标是…, 项目实施方案)
    beside = begin - 1 if differ[0] == 0 else begin + len(window)
    rest = window[1:] if differ[0] == 0 else window[:-1]
    marked = 0 <= beside < len(text) and not text[beside].isalpha()
    return (marked or bool(_POINTS_AFTER.match(text, begin + len(window)))) \
        and rest not in printed_labels() and rest not in _labels() and rest not in knowledge()["levels"]["bare"]


@cache
def _label_pairs() -> frozenset[str]:
    """Every two characters printed together in a label of the templates data."""
    return frozenset(label[offset : offset + 2] for label in _labels() for offset in range(len(label) - 1))


@cache
def _by_bigram() -> dict[str, tuple[tuple[str, int], ...]]:
    """Each two characters of a label -> (label, offset): one misprint leaves a label of four
    characters or more at least one of its pairs intact, so every candidate is found from one."""
    found: dict[str, list[tuple[str, int]]] = {}
    for label in _meant():
        for offset in range(len(label) - 1):
            found.setdefault(label[offset : offset + 2], []).append((label, offset))
    return {pair: tuple(entries) for pair, entries in found.items()}


@cache
def _by_letters() -> dict[tuple[int, str], str | None]:
    """(length, sorted characters) -> the one column header of those characters (None where two share them)."""
    found: dict[tuple[int, str], str | None] = {}
    for label, (kind, _) in printed_labels().items():
        if kind in _ANAGRAM_KINDS and len(label) >= _MIN_LENGTH:
            key = (len(label), "".join(sorted(label)))
            found[key] = None if key in found and found[key] != label else label
    return found


def _exact_spans(text: str) -> list[tuple[int, int, str]]:
    """Where labels stand as printed: no misprint is read across them."""
    labels = _labels()
    lengths = sorted({len(label) for label in labels}, reverse=True)
    return [(start, start + length, text[start : start + length]) for length in lengths
            for start in range(len(text) - length + 1) if text[start : start + length] in labels]


Hit = tuple[int, int, str | None]  # (start, end, label); no label: a stretch two labels claim alike


def _one_off(text: str) -> list[Hit]:
    """Every stretch of `text` one character away from a label."""
    found = _one_off_labels(text)
    # a stretch one character from two labels of different meaning (实施期绩效口标: a section's 目标 or a
    # column's 指标) is read as neither, and holds back shorter ones inside it (实施期绩 is no 实施期限), unless
    # one of them heads a column and a column's header runs on from it (年勺预算调整后预算数: 年初预算, not the
    # heading 年度预算); of two of one meaning (二级勺标: 二级指标 or 二级目标, both the 二级 column; 项目丁称: 项目名称
    # or 项目全称), as the one the templates data lists first
    return [(start, end, min(labels, key=_label_rank().__getitem__)
             if len({printed_labels().get(label) for label in labels}) == 1 else _column_in_header(text, end, labels))
            for (start, end), labels in found.items()]


def _column_in_header(text: str, end: int, labels: frozenset[str]) -> str | None:
    """The one column header among `labels` where a column's header follows the stretch ending at `end`."""
    columns = [label for label in labels if label in _column_headers()]
    runs_on = any(text.startswith(header, end) for header in _column_headers())
    return columns[0] if len(columns) == 1 and runs_on else None


@cache
def _label_rank() -> dict[str, int]:
    """Each printed label's place in the templates data."""
    return {label: rank for rank, label in enumerate(printed_labels())}


@lru_cache(maxsize=8192)  # each reading asks of every text it left unread, and the forms of a batch print alike
def _one_off_labels(text: str) -> dict[tuple[int, int], frozenset[str]]:
    """(start, end) of every stretch of `text` one character away from labels -> those labels."""
    found: dict[tuple[int, int], set[str]] = {}
    tried: set[tuple[int, str]] = set()  # a label's pairs each find it at one place: tried once
    for start in range(len(text) - 1):
        for label, offset in _by_bigram().get(text[start : start + 2], ()):
            begin = start - offset
            if begin < 0 or (begin, label) in tried:
                continue
            tried.add((begin, label))
            window, half = text[begin : begin + len(label)], len(label) // 2
            # one character differs: one half is printed right (a quick test before the exact one)
            near = window != label and len(window) == len(label) \
                and (window[:half] == label[:half] or window[half:] == label[half:])
            if near and _misprint_of(text, begin, label):
                found.setdefault((begin, begin + len(label)), set()).add(label)
    for key in _KEY_AFTER.finditer(text):  # a header of three characters before its column key
        begin = key.start() - 3
        for label in _keyed() if begin >= 0 else ():
            if _misprint_of(text, begin, label) and bool(key["ratio"]) == printed_labels()[label][1].endswith("rate"):
                found.setdefault((begin, key.start()), set()).add(label)
    return {stretch: frozenset(labels) for stretch, labels in found.items()}


@cache
def _letters_by_sum() -> dict[tuple[int, int], tuple[str, ...]]:
    """(length, sum of code points) -> the sorted characters of the column headers of that length and sum:
    a stretch's sum, taken from running sums, rules out nearly every stretch before it is sorted."""
    found: dict[tuple[int, int], list[str]] = {}
    for length, letters in _by_letters():
        found.setdefault((length, sum(map(ord, letters))), []).append(letters)
    return {key: tuple(keys) for key, keys in found.items()}


@cache
def _header_lengths() -> frozenset[int]:
    return frozenset(length for length, _ in _by_letters())


def _reordered(text: str) -> list[Hit]:
    by_sum, by_letters = _letters_by_sum(), _by_letters()
    running = [0]
    for char in text:
        running.append(running[-1] + ord(char))
    hits = []
    for length in _header_lengths():
        for start in range(len(text) - length + 1):
            if (length, running[start + length] - running[start]) not in by_sum:
                continue
            window = text[start : start + length]
            label = by_letters.get((length, "".join(sorted(window))))
            if label and window != label:
                hits.append((start, start + length, label))
    return hits


def _beside_header(start: int, end: int, taken: list[Hit]) -> bool:
    """Whether a stretch touches a column header: a reordered header stands in its header row
    (三级指标|考值参分|指标值), not in prose (预算项目 is no 项目预算)."""
    return any(label and printed_labels()[label][0] in _ANAGRAM_KINDS and (stop == start or begin == end)
               for begin, stop, label in taken if label in printed_labels())


def _repairs(text: str) -> list[tuple[int, str]]:
    """The misprints of one word, longest first, none overlapping a label printed right or another."""
    one_off, reordered = _one_off(text), _reordered(text)
    if not one_off and not reordered:
        return []
    taken: list[Hit] = list(_exact_spans(text))
    chosen = []
    for hit in sorted(one_off, key=lambda hit: (hit[0] - hit[1], hit[0])) + reordered:
        start, end, label = hit
        # a label printed right inside the stretch does not hold it back (年丁资金总额 holds 资金总额)
        if any(start < stop and begin < end and not (start <= begin < stop <= end and stop - begin < end - start)
               for begin, stop, _ in taken):
            continue
        if hit in reordered and not _beside_header(start, end, taken):
            continue
        taken.append(hit)
        if label is not None:
            chosen.append((start, label))
    return sorted(chosen) if _stands_as_label(text, chosen, taken) else []


def _stands_as_label(text: str, chosen: list[tuple[int, str]], taken: list[Hit]) -> bool:
    """Whether a word's misprints stand where labels stand: the word is the label (with its colon, note
    or points), or a run of cells glued together (it holds another label). One misprint inside other
    words is a word of theirs: 项目全部完工时间 is a name, 一级A标准 a water standard."""
    covered = [False] * len(text)
    around = [match.span() for pattern in (_LEADING, _NOTE_BESIDE) for match in pattern.finditer(text)]
    for begin, stop in [hit[:2] for hit in taken] + around:
        covered[begin:stop] = [True] * (stop - begin)
    if not any(char.isalpha() and not covered[index] for index, char in enumerate(text)):
        return True
    inside = [(start, start + len(label)) for start, label in chosen]
    return len(chosen) > 1 or any(not any(start <= begin and stop <= end for start, end in inside)
                                  for begin, stop, _ in taken)


def _applied(text: str, repairs: list[tuple[int, str]]) -> str:
    for start, label in repairs:  # a label and its misprint are as long: the positions stay
        text = text[:start] + label + text[start + len(label):]
    return text


def _unit_repairs(text: str, before: str = "") -> list[tuple[int, str]]:
    """A money label's unit note with one character misread (预算资金(万丫), 项目资金(万兀), 预算数(口元)), read
    as 万元; after any other label a note is what it says (服务人次(万人)). `before`: the word printed before
    the text, where the note stands apart from its label (项目资金 (万兀))."""
    found = []
    for match in _UNIT_NOTE.finditer(text):
        unit = match["unit"]
        if sum(printed != meant for printed, meant in zip(unit, _TEN_THOUSAND)) == 1 \
                and _money_label_before(f"{before} {text}", len(before) + 1 + match.start()):
            found.append((match.start(), match.group(0)[0] + _TEN_THOUSAND + match.group(0)[-1]))
    return found


def _money_label_before(text: str, at: int) -> bool:
    """Whether a heading or a money field or column of the templates data ends at `at`, spaces after it passed
    over (项目资金 (万兀))."""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    for length in range(2, min(at, _LABEL_REACH) + 1):
        entry = printed_labels().get(text[at - length : at])
        if entry is not None and (entry[0] == "heading" or entry[1] in _MONEY_KEYS):
            return True
    return False


def _header_reading(word: str, beside: list[str]) -> list[tuple[int, str]]:
    """A word one letter from two labels of different meaning (年度绩效口标: 年度绩效目标 or 年度绩效指标; 年勺预算:
    the heading 年度预算 or the column 年初预算) read as the one that heads an indicator or funds column, where a
    word beside it is a column header (一级指标 …, 调整口预算数): in a header row a word is a column's."""
    folded = fold_width(word)
    labels = _one_off_labels(folded).get((0, len(folded)), frozenset())
    columns = [label for label in labels if label in _column_headers()]
    if len(labels) < 2 or len(columns) != 1 or not any(_heads_column(fold_width(other)) for other in beside):
        return []
    return [(0, columns[0])]


def _heads_column(word: str) -> bool:
    """A word that is an indicator or funds column's header, as printed or one letter off (一乃指标)."""
    named = _column_headers()
    return word in named or any(label in named for start, end, label in _one_off(word)
                                if (start, end) == (0, len(word)))


@cache
def _column_headers() -> frozenset[str]:
    return frozenset(column_named("indicator_columns")) | frozenset(column_named("funds_columns"))


def _repaired(text: str, beside: tuple[str, str] = ("", "")) -> tuple[str, list[tuple[str, str]]]:
    """A cell's text with the misprinted labels of each word read as labels; spaces stay, they part cells.
    `beside`: the texts of the cells before and after it, where the line prints cells apart."""
    pieces, found = [], []
    words = _SPACES.split(text)  # words at even places, the spaces between them at odd ones
    for index, word in enumerate(words):
        folded = fold_width(word)  # one character for one: the positions stay
        last = 0
        around = [words[index - 2] if index >= 2 else beside[0],
                  words[index + 2] if index + 2 < len(words) else beside[1]]
        # a word read as printed (a title, a label: 项目支出绩效目标表 holds no misprinted 绩效目标值) stays
        repairs = (_repairs(folded) or _header_reading(word, around)) if classify(folded)[0] == "value" else []
        for start, label in sorted(repairs + _unit_repairs(_applied(folded, repairs), fold_width(around[0]))):
            pieces += [word[last:start], label]
            found.append((word[start : start + len(label)], label))
            last = start + len(label)
        pieces.append(word[last:])
    return ("".join(pieces), found) if found else (text, [])


_NAMED_FIELDS = ("project_name", "unit", "department")


def holds_misprinted_label(values: list[str | None]) -> bool:
    """Whether a field's text read holds a stretch one letter from a label (委托业务项目主丫部门219-…实丁单位…:
    the name may have run on over labels an OCR misread): worth a reading with misprints read, each cell
    repaired by its own guards, kept only where it reads more."""
    return any(label for value in values if value for _, _, label in _one_off(fold_width(value)))


def holds_misprinted_unit(lines: list) -> bool:
    """Whether a money label's unit note is printed with one character misread (项目资金 (万兀)): a reading of
    the text as printed takes the amounts in 元, ten thousand times too small, and looks whole."""
    texts = (line.text for line in lines)  # a line's text is joined from its cells when asked: once here
    return any(_unit_repairs(fold_width(text)) for text in texts if "(" in text or "（" in text)


def is_misprinted_label(unread: list[list[str]]) -> bool:
    """Whether a text no field read is, whole, a label misprinted (主丫部门, 一乃指标: a label cell an OCR
    misread, its value left beside it or read into another field)."""
    return any(_MIN_LENGTH <= len(text) <= _LABEL_CELL and any(
        label and start == 0 and end == len(text) for start, end, label in _one_off(fold_width(text)))
        for texts in unread for text in texts)


def misread_fields(forms: list) -> list[str | None]:
    """The texts of the forms' name fields, where a label misprinted would have been read into."""
    return [getattr(form, key) for form in forms for key in _NAMED_FIELDS]


def repair_misprints(extraction: Extraction, unread: set[int] | None = None) -> tuple[Extraction, list[Misprint]]:
    """The extraction with its misprinted labels read as labels, and the misprints read so. Of the lines a
    reading accounted for (all but `unread`; None: no line was), only cells as short as a label are
    read: a misprint in read prose changes nothing."""
    lines: list[Line] = []
    misprints: list[Misprint] = []
    for index, line in enumerate(extraction.lines):
        cells: list[Cell] = []
        texts = ["", *(cell.text for cell in line.cells), ""]
        for at, cell in enumerate(line.cells):
            read = unread is None or index in unread or len(cell.text) <= _LABEL_CELL
            text, found = _repaired(cell.text, (texts[at], texts[at + 2])) if read else (cell.text, [])
            misprints += [Misprint(index, printed, label) for printed, label in found]
            cells.append(cell.model_copy(update={"text": text}) if found else cell)
        changed = any(new is not old for new, old in zip(cells, line.cells))
        lines.append(line.model_copy(update={"cells": tuple(cells)}) if changed else line)
    if not misprints:
        return extraction, []
    return extraction.model_copy(update={"lines": lines}), misprints


def misprint_flags(misprints: list[Misprint], spans: list[list[Token]]) -> list[Flag]:
    """One warning per form that holds labels read from their misprints, naming each."""
    flags = []
    for index, tokens in enumerate(spans):
        lines = {token.line for token in tokens}
        read = list(dict.fromkeys((misprint.printed, misprint.label) for misprint in misprints
                                  if misprint.line in lines))
        if read:
            named = "、".join(f"{printed} → {label}" for printed, label in read)
            flags.append(Flag(form_index=index, code="label_misprinted", severity="warning",
                              message=f"labels read from their misprints (an OCR's): {named}",
                              found="、".join(printed for printed, _ in read)))
    return flags
