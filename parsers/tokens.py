"""A form's lines as a stream of tokens, each one a printed cell tagged with what it is.

Web pages, document sites and other extractors print forms with the table damaged: rows flattened
to one line, one cell per line, cells glued with no separator at all (realdev's 青山 and 鄂州 forms).
What survives is the order of the cells and their printed wording. Here the cells are recovered - a
glued run is cut at the labels the templates data knows, a label cut by a space or a line break
(年度 / 指标值, 绩 效 指 标) is joined - and each token is tagged from the templates data: a field
label, a section, a column header, a funds source, an indicator level, a title, or a value.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache, lru_cache
from itertools import groupby

import regex

from models import Cell, Line
from normalize.dates import parse_date, parse_year
from normalize.patterns import compiled
from normalize.text import fold_width
from normalize.values import parse_value
from parsers.glued_row import is_unit
from parsers.knowledge import (
    SEAL_WORDS,
    column_named,
    family_members,
    knowledge,
    ocr_variants,
    title_family,
    title_pattern,
)
from parsers.table import segment_header

_SPACE = compiled(r"\s+")
# what a label may carry in parentheses: a unit, a column key, a seal, a length note, points
_NOTE = compiled(
    r"[（(]\s*(?:(?P<unit>元|万元|万兀|%|％|单位[:：]?\s*万元|单位[:：]?\s*元)|(?P<points>\d+(?:\.\d+)?)\s*分|"
    rf"[A-Z](?:\s*[/／]\s*[A-Z])?|{SEAL_WORDS}|\d+\s*字以?内|[^()（）]{{0,8}}字以?内)\s*[)）]"
)
_LEADING = compiled(r"^(?:其中|含)\s*[:：]?|^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十\d]+[）)]"
                      r"|^\d+[、.]")
_TRAILING = compiled(r"[:：]+$")
# a year alone, or after its label (评价年度：2023年)
_YEAR_ONLY = compiled(r"^(?:[\u4e00-\u9fff]{0,4}年度\s*[:：]\s*)?[（(]?\s*\d{4}\s*年度?\s*[)）]?$")
_POINTS_ONLY = compiled(r"^[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]$")
_UNIT_NOTE = compiled(r"^[（(]?(?:金额)?单位[:：]")
_LEVEL_SUFFIXES = ("指标", "目标", "值")
_LEVEL_SUFFIX = compiled(rf"({'|'.join(_LEVEL_SUFFIXES)})$")
_ASIDE = compiled(r"[（(][^（）()]*[)）]")
_BARE_POINTS = compiled(r"[（(]\s*(\d{1,3}(?:\.\d+)?)\s*[)）]$")
_ASIDE_END = compiled(r"[（(][^（）()]{1,12}[)）]$")
# the period a section label covers: 中期目标（2023年-2025年）
_PERIOD_NOTE = compiled(r"[（(](?:19|20)[\dXx]{2}年?度?[-—–~～至到](?:19|20)[\dXx]{2}年?度?[)）]$")
_JOIN_MAX = 5  # tokens a printed label may be cut into
_LABEL_MAX = 30  # characters of the longest printed label with its notes
_NOTHING = compiled(r"[|｜]+|…+|\.{3,}")  # an empty cell as web pages print it


@dataclass(frozen=True)
class Token:
    text: str  # the printed text, whitespace between CJK characters removed
    cells: tuple[Cell, ...]
    line: int  # the line (index into the form's lines) the token starts on
    kind: str  # title year field extra section heading column fcolumn source level1 level2 points total value empty
    key: str | None = None  # the field, section or column name; the canonical label otherwise
    unit: str | None = None  # a unit printed with the label: 项目资金（万元）
    points: Decimal | None = None  # the (50分) printed with a level label

    @property
    def is_label(self) -> bool:
        return self.kind not in ("value", "empty")


@lru_cache(maxsize=65536)
def compact(text: str) -> str:
    return _SPACE.sub("", fold_width(text)).replace("\u00a0", "")


@lru_cache(maxsize=65536)
def canonical(text: str) -> tuple[str, str | None, Decimal | None]:
    """(label text without its notes, unit, points): 项目资金（万元） -> (项目资金, 万元, None)."""
    text = compact(text)
    unit = points = None
    for note in _NOTE.finditer(text):
        unit = unit or ("万元" if note["unit"] and "万" in note["unit"] else note["unit"] and "元")
        if note["unit"] and "%" in note["unit"] or note["unit"] == "％":
            unit = "%"
        points = Decimal(note["points"]) if note["points"] else points
    text = _TRAILING.sub("", _LEADING.sub("", _NOTE.sub("", text)))
    # a column header with an aside in brackets: 目标值(预期值), 三级指标（指标名称）, 得分(分)
    if text not in lexicon() and (aside := _ASIDE_END.search(text)) \
            and lexicon().get(text[: aside.start()], ("",))[0] in ("column", "fcolumn"):
        text = text[: aside.start()]
    # a section label with the period it covers: 中期目标（2023年-2025年）, 中期目标(20XX-20XX年)
    if text not in lexicon() and (period := _PERIOD_NOTE.search(text)) \
            and lexicon().get(text[: period.start()], ("",))[0] == "section":
        text = text[: period.start()]
    return text, unit, points


@cache
def lexicon() -> dict[str, tuple[str, str]]:
    """Every label of the templates data -> (kind, key), as printed and as an OCR misreads it."""
    printed = printed_labels()
    return {**{variant: printed[label] for variant, label in misread_labels().items()}, **printed}


@cache
def printed_labels() -> dict[str, tuple[str, str]]:
    """Every printed label of the templates data -> (kind, key)."""
    data = knowledge()
    found: dict[str, tuple[str, str]] = {}

    def add(kind: str, table: dict[str, list[str]]) -> None:
        for key, words in table.items():
            for word in words:
                found.setdefault(compact(word), (kind, key))

    add("field", data["fields"])
    add("section", data["sections"])
    add("column", data["indicator_columns"])
    add("fcolumn", data["funds_columns"])
    add("source", {word: [word] for word in data["funds"]["sources"]})
    add("total", {word: [word] for word in data["totals"]["labels"]})
    add("heading", {word: [word] for word in data["headings"]["labels"] + data["headings"]["glued"]})
    # a funds table's source column label (资金来源, 资金类型) heads no field: kept as an extra label
    add("extra", {word: [word] for word in data["extra"]["labels"] + data["funds"]["source_columns"]})
    add("horizon", data["horizons"])
    return found


@cache
def misread_labels() -> dict[str, str]:
    """Each label of three characters or more, a column header of two, as an OCR prints it with one character
    misread ([ocr_labels]:
    项Fl名称 for 项目名称) -> the label; none that is a label of its own."""
    labels = printed_labels()
    return {variant: label for label, (kind, _) in labels.items()
            for variant in ocr_variants(label, 2 if kind in ("column", "fcolumn") else 3) if variant not in labels}


@cache
def _level_stems(misread: bool = True) -> tuple[frozenset[str], frozenset[str]]:
    """The 一级 and 二级 stems; a family that is another family's member (成本) is a 二级 one (see _families_headed);
    with `misread`, each also as an OCR prints it (产岀指标) - not for the misprint repair, whose labels are printed."""
    members = family_members()
    level1 = (set(knowledge()["taxonomy"]) | set(knowledge()["levels"]["level1"])) - members
    level2 = members | set(knowledge()["levels"]["level2"])
    if misread:
        level1, level2 = ({variant for stem in stems for variant in [stem, *ocr_variants(stem, 2)]}
                          for stems in (level1, level2))
    return frozenset(level1), frozenset(level2 - level1)


def _families_headed(tokens: list[Token]) -> list[Token]:
    """The tokens with a 二级 label that names a family read as the 一级 where the next level label is one of
    its members: 成本指标 | 经济成本指标 (the MOF framework of 2021), not 产出 | 成本指标 (older ones)."""
    levels = [index for index, token in enumerate(tokens) if token.kind in ("level1", "level2")]
    taxonomy = knowledge()["taxonomy"]
    for at, following in zip(levels, levels[1:]):
        token = tokens[at]
        members = taxonomy.get(_level_stem(token.key)) if token.kind == "level2" and token.key else None
        if members and tokens[following].kind == "level2" and _level_stem(tokens[following].key or "") in members:
            tokens[at] = replace(token, kind="level1")
    return tokens


def _level_stem(label: str) -> str:
    return _LEVEL_SUFFIX.sub("", _ASIDE.sub("", label))


@cache
def _level_note() -> regex.Pattern[str]:
    return regex.compile(knowledge()["levels"]["note"])


def without_guidance(text: str) -> str:
    """A level cell's label without the template's guidance printed after it (产出指标(数量、质量、成本方面的指标))."""
    return _level_note().sub("", text) or text


def level_of(text: str) -> tuple[str, Decimal | None] | None:
    """('level1' or 'level2', points) for a printed level label: 产出指标(50分), 数量值, 效益指标."""
    label, _, points = canonical(without_guidance(text))
    if points is None and (bare := _BARE_POINTS.search(label)) and (level := level_of(label[: bare.start()])):
        return level[0], Decimal(bare.group(1))  # 产出指标(50): a level's points printed without their 分
    if _member_aside(label):
        return "level2", points  # 产出(数量), 效益(社会): the 二级 named with its family
    label = _ASIDE.sub("", label)  # 产出(工作量)指标 is the 产出 family
    stem = _LEVEL_SUFFIX.sub("", label)
    if stem == label and points is None and label not in knowledge()["levels"]["bare"]:
        return None  # a bare 满意度 is an indicator's name, not a level
    level1, level2 = _level_stems()
    if stem != label and compound_level(stem):
        return None  # 产出数量目标: 产出 | 数量目标 printed together, the 二级 产出数量 is printed bare
    # 产出类指标, 数量类: a level named with 类 after its stem
    for candidate in (label, stem, stem.removesuffix("类")):
        if candidate in level1:
            return "level1", points
        if candidate in level2:
            return "level2", points
    return None


_FAMILY_ASIDE = compiled(r"^(?P<family>[^（()）]{2,4})[（(](?P<member>[^（()）]{2,8})[)）](?:指标|目标)?$")


def _member_aside(label: str) -> bool:
    """A 二级 label printed as its family with the member in brackets (产出(数量), 效益(社会), 满意度(服务对象)): the
    bracket names one of the family's members, with or without its 效益 or 指标."""
    found = _FAMILY_ASIDE.match(label)
    members = knowledge()["taxonomy"].get(found["family"]) if found else None
    if not members:
        return False
    member = _LEVEL_SUFFIX.sub("", found["member"])
    return any(member in (listed, listed.removesuffix(found["family"])) for listed in members)


def level_label(text: str) -> str:
    """A printed level label without its notes, guidance and points (产出指标(50分), 产出指标(50): 产出指标)."""
    label = canonical(without_guidance(text))[0]
    bare = _BARE_POINTS.search(label)
    return label[: bare.start()] if bare and level_of(label[: bare.start()]) else label


def compound_level(stem: str) -> bool:
    """A level stem that is a 一级 stem and a 二级 stem together (产出数量, the MOF framework's 二级)."""
    level1, level2 = _level_stems()
    return any(stem[:at] in level1 and stem[at:] in level2 for at in range(1, len(stem)))


def _title_of(text: str) -> tuple[str, str] | None:
    return _compact_title_of(compact(text))


def _compact_title_of(words: str) -> tuple[str, str] | None:
    bare = title_pattern("year_suffix").sub("", words)
    family = title_family(bare) if len(bare) <= 45 else None
    return (bare, family) if family else None


@lru_cache(maxsize=65536)
def classify(text: str) -> tuple[str, str | None, str | None, Decimal | None]:
    """(kind, key, unit, points) of one printed cell."""
    words = compact(text)
    if not words or _NOTHING.fullmatch(words):
        return "empty", None, None, None
    if _YEAR_ONLY.match(words) and parse_year(words):
        return "year", str(parse_year(words)), None, None
    if points := _POINTS_ONLY.match(words):
        return "points", None, None, Decimal(points.group(1))
    if title := _title_of(words):
        return "title", title[1], None, None
    if _no_label(words):  # most cells: the steps below would find nothing
        return "value", None, None, None
    label, unit, points = canonical(words)
    if level := level_of(words):
        bare = _BARE_POINTS.search(label) if points is None and level[1] is not None else None
        return level[0], label[: bare.start()] if bare else label, unit, level[1]  # 产出指标(50): 产出指标
    if entry := lexicon().get(label):
        return entry[0], entry[1], unit, points
    return "value", None, None, None


def _token(cells: list[Cell], line: int) -> Token:
    text = "".join(compact(cell.text) for cell in cells) if len(cells) > 1 else compact(cells[0].text)
    kind, key, unit, points = classify(text)
    return Token(text, tuple(cells), line, kind, key, unit, points)


_RULE_BITS = "一—"  # what an OCR reads a piece of a table's rule as
_RULE_EDGE = compiled(f"^[{_RULE_BITS}]|[{_RULE_BITS}]$")


def rule_bits_off(lines: list[Line]) -> list[Line]:
    """An OCR's cells with the piece of a rule it read beside a label taken off (一产出指标: 产出指标), where the
    cell is no label as read and a label without it."""
    return [line.model_copy(update={"cells": tuple(map(_label_bared, line.cells))})
            if any(cell.where.method == "ocr" and _RULE_EDGE.search(cell.text) for cell in line.cells) else line
            for line in lines]


def _label_bared(cell: Cell) -> Cell:
    bare = cell.text.strip(_RULE_BITS)
    if cell.where.method != "ocr" or not bare or bare == cell.text or classify(cell.text)[0] != "value" \
            or classify(bare)[0] in ("value", "empty"):
        return cell
    return cell.model_copy(update={"text": bare})


@cache
def _glue_pattern() -> re.Pattern[str]:
    """The labels worth cutting a glued run at: long enough not to occur inside ordinary words.
    Literal words only: the standard library compiles them in a third of the regex module's time."""
    # headings and funds sources are also words of ordinary cells (预算资金当年下达率): not cut at
    never = set(knowledge()["glued_runs"]["never_cut_at"])
    words = [word for word, (kind, _) in lexicon().items() if len(word) >= 4 and kind not in ("total", "heading",
                                                                                               "source")
             and word not in never]
    words += [compact(word) for word in knowledge()["headings"]["glued"]]
    level1, level2 = _level_stems()
    # not 项目目标目标; nor 产出数量目标, a 一级 and a 二级 label glued (产出 | 数量目标), from the stem 产出数量
    words += [stem + suffix for stem in level1 | level2 for suffix in ("指标", "目标", "值")
              if len(stem) >= 2 and not _LEVEL_SUFFIX.search(stem) and not compound_level(stem)]
    # a level label without its 指标 is cut where its points say it is one: 项目决策(10分)
    pointed = _level_stem_words()
    # a heading is cut where its unit note says it is one: 项目资金(万元)
    # (and a composition's heading, 年度预算(万元)金额合计…, the amounts' total after it)
    noted = ({word for word, (kind, _) in lexicon().items() if kind == "heading" and len(word) >= 4}
             | set(knowledge()["composition"]["headings"])) - set(words)
    noted |= {variant for word in noted for variant in ocr_variants(word)}  # 项Fl资金(万兀), an OCR's
    # a heading is cut where its unit note or its points say it is one: 项目资金(万元), an OCR's 项目资金(万兀),
    # 预算执行情况(10分)
    unit_note = r"(?=[（(](?:(?:单位[:：])?万?[元兀]|\d+(?:\.\d+)?分)[)）])"
    # a label opening with 年度 does not open right after a year: 2021年度 is the year's (项目起止时间2021年度
    # 资金总额及构成: the heading is 资金总额及构成; 中期资金总额:4800年度资金总额 is a label after an amount)
    # as one guard and one lookahead each: per word they cost three times the compile time
    plain, notes = (_longest_first(group) for group in (set(words), noted))
    alternation = rf"(?!(?<=(?:19|20)\d\d)年度)(?:(?:{notes}){unit_note}|{plain})"
    # a shorter label only where its colon says it is one: 填表人:宋云花
    colon = _longest_first({word for word, (kind, _) in lexicon().items()
                            if len(word) == 3 and kind in ("field", "extra")})
    # a label followed by 表 names a table (政府采购预算表: 表六's title), no cell of a form
    return compiled(rf"(?:{alternation}|(?:{pointed})(?=[（(]\d+(?:\.\d+)?分[)）]))(?!表)"
                      rf"(?:[（(][^()（）]{{0,10}}[)）])?[:：]?"
                      rf"|(?:{colon})[:：]")


def _longest_first(words: set[str]) -> str:
    """An alternation of literal words, longer first: a word is not cut short by a shorter one it opens with
    (re.escape: the same literals as the regex module's escape, in a fraction of its time)."""
    return "|".join(map(re.escape, sorted(words, key=lambda word: (-len(word), word))))


@cache
def _total_figures() -> re.Pattern[str]:
    """A total row's label glued to its figures (总分10098.29), and nothing else or the next label after them
    (总分10098.93自评等级优; _labelled_parts asks): short total labels are ordinary words elsewhere, so only this
    shape is cut."""
    totals = "|".join(regex.escape(compact(word)) for word in knowledge()["totals"]["labels"])
    return compiled(rf"(?P<label>{totals})[:：]?(?P<figures>[\d.,%分]+)")  # 总分100分97.75分: points with their 分


@cache
def _page_mark() -> regex.Pattern[str]:
    return regex.compile("|".join(f"(?:{pattern})" for pattern in knowledge()["page_marks"]["patterns"]))


@cache
def _level_stem_words() -> str:
    """The level stems of two characters or more as an alternation, longest first (stems of one length in
    their own order: the same pattern text in every run, as normalize.patterns keeps it)."""
    level1, level2 = _level_stems()
    stems = sorted(level1 | level2, key=lambda stem: (-len(stem), stem))
    return "|".join(re.escape(stem) for stem in stems if len(stem) >= 2)


@cache
def _level_label_pattern() -> re.Pattern[str]:
    return compiled(rf"(?:{_level_stem_words()})(?:指标|目标)|…|[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]")


def holds_other_cells(name: str) -> bool:
    """An indicator name holding a level label, a placeholder or a (30分): cells read together."""
    return bool(_level_label_pattern().search(compact(name)))


def _cut_glued(text: str) -> list[str]:
    """A run of cells printed without separators, cut before and after every known label."""
    pieces, last = [], 0
    matches = _glued_labels(text)
    # an indicator row (it opens with a level label) holds no field or column header: 在项目计划完成时间内
    # 完成, 最高限价低于预算金额 are values; nor do the rows after a level label in a whole form's run
    row = bool(matches) and matches[0].start() == 0 and classify(matches[0].group(0))[0] in ("level1", "level2")
    in_rows, after_column = row, False
    for index, match in enumerate(matches):
        kind = classify(match.group(0))[0]
        if in_rows and kind in ("field", "extra", "section", "column", "fcolumn") and match.group(0)[-1] not in ":：" \
                and canonical(match.group(0))[0] not in knowledge()["headings"]["table_ends"] \
                or kind in ("column", "fcolumn", "field") and _inside_sentence(text, matches, index) \
                or kind == "extra" and _inside_sentence(text, matches, index, _PROSE_GOES_ON) \
                or kind == "section" and _SENTENCE_MARK.match(text, match.end()) \
                or kind == "column" and _opens_quality_name(text, matches, index):
            continue
        if match.start() > last:
            pieces += _between_labels(text[last : match.start()], after_column, kind == "column")
        pieces.append(match.group(0))
        last = match.end()
        in_rows = (in_rows or kind in ("level1", "level2")) and kind != "heading"  # a heading opens another block
        after_column = kind in ("column", "fcolumn") or kind == "field" and _is_funds_column(match.group(0))
    if last < len(text):
        pieces += _between_labels(text[last:], after_column, False)
    if row and len(pieces) > 1 and classify(pieces[1])[0] == "value" and (level2 := _bare_level2_opening(pieces[1])):
        pieces[1:2] = [level2, pieces[1][len(level2):]]  # 项目决策(10分) | 项目目标 | 目标完整性5…
    return _numbered_labels([part for piece in pieces for part in _cut_header(piece)])


_TRAILING_NUMBER = compiled(r"(?<![\d.．])(?:\d{1,2}|[一二三四五六七八九十]{1,3})[.、．]$")


def _numbered_labels(pieces: list[str]) -> list[str]:
    """A list number cut off the label it numbers goes back onto it: alone (…项目基本情况 | 1. | 项目年度目标完成
    情况: a lone number is no value), or ending the text before a heading (…(100字以内)2. | 项目实施内容…)."""
    joined: list[str] = []
    for piece in pieces:
        kind = classify(piece)[0]
        number = _TRAILING_NUMBER.search(joined[-1]) if joined and kind != "value" else None
        if number and number.start() == 0:
            joined[-1] += piece
        elif number and kind == "heading" and number.group()[0].isdecimal():  # 统一、 ends a value
            joined[-1:] = [joined[-1][: number.start()], number.group() + piece]
        else:
            joined.append(piece)
    return joined


def _inside_sentence(text: str, matches: list[re.Match[str]], index: int,
                     goes_on: re.Pattern[str] | None = None) -> bool:
    """A column name or field label alone (no label beside it) with a sentence or a formula going on after it
    (…用于基建工程项目预算编制;, 1.预算执行率=预算执行数/调整后预算数): a word of prose, not a header cell
    or a label (…三定方案项目预算成本构成金额测算 heads a table)."""
    match = matches[index]
    beside = index > 0 and matches[index - 1].end() == match.start() \
        or index + 1 < len(matches) and matches[index + 1].start() == match.end()
    return not beside and (goes_on or _SENTENCE_GOES_ON).match(text, match.end()) is not None


def _opens_quality_name(text: str, matches: list[re.Match[str]], index: int) -> bool:
    """A column's name opening an indicator's name of a quality (绩效目标合理性, 绩效指标明确性): the words after it up
    to the run's end or the next label end with 性 (a field's value may too: 项目性质 | 持续性; a section's word
    opening such a name, 立项依据的充分性, is cut as the templates' own rows read it)."""
    end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
    return _QUALITY_NAME_END.fullmatch(text, matches[index].end(), end) is not None


_QUALITY_NAME_END = regex.compile(r"\p{Han}{1,5}性")
_SENTENCE_MARK = compiled(r"[。，,、;；]")  # a sentence goes on after a section's words (分析存在的问题及原因。)
# an extra label's words listed in prose (绩效目标是否与部门职责、年度计划相符); not a label's own note
# (项目负责人/电话) nor its value's sentence (项目申报的可行性 | 技术成熟,已在…)
_PROSE_GOES_ON = compiled(r"[、，,;；]")
# …编制;  预算执行率=…/…  全年预算数×100%  绩效目标是否与部门职责…相符 (a 指标解释's question)
_SENTENCE_GOES_ON = compiled(r"[^\d;；,，。、=＝/／×÷]{0,4}[;；,，。、=＝/／×÷]|是否")


def _between_labels(piece: str, after_column: bool, before_column: bool) -> list[str]:
    """The text between two labels of a run, a header's short columns cut off it where they end a header
    before it (三级指标 | 指标值 | 高标准农田建设补助…) or open one after it (…办公等。| 一级二级三级 | 年度数值)."""
    pieces = _header_closing_split(piece) if after_column else [piece]
    return [*pieces[:-1], *_header_opening_split(pieces[-1])] if before_column else pieces


def _is_funds_column(word: str) -> bool:
    """A field label that also heads a funds column (预算执行数, 预算执行率)."""
    return word in column_named("funds_columns")


def _header_closing_split(piece: str) -> list[str]:
    """A header's last short columns glued before the first body cell (指标值 | 高标准农田建设补助560.5…,
    权重得分原因 | 总额238.93…)."""
    for end in range(min(len(piece) - 1, _HEADER_RUN), 1, -1):
        for table in ("indicator_columns", "funds_columns"):
            found = segment_header(piece[:end], table)
            if found and not found[1] and found[0]:
                note = _COLUMN_NOTE.match(piece, end)  # 执行率(B/A): the column's key is the column's
                end = note.end() if note else end
                return [*_header_pieces(piece[:end], table), piece[end:]] if end < len(piece) else [piece]
    return [piece]


def _header_opening_split(piece: str) -> list[str]:
    """A text before a column header, its end the header's first columns too short to cut at (…及日常办公等。
    一级二级三级 | 年度数值): those columns cut off it, the text before them kept."""
    for start in range(max(0, len(piece) - 12), len(piece) - 3):
        found = segment_header(piece[start:])
        if found and not found[1] and len(found[0]) >= 2:
            return [piece[:start], piece[start:]] if start else [piece]
    return [piece]


def _glued_labels(text: str) -> list[re.Match[str]]:
    """The labels a glued run is cut at, in order: the templates' labels, and the funds sources printed
    before their figures (…0001000其中:本年财政拨款9089.974…, 上年结转资金其他资金)."""
    matches = list(_glue_pattern().finditer(text))
    taken = [(match.start(), match.end()) for match in matches]
    matches += [match for match in _glued_source().finditer(text)
                if not any(start < match.end() and match.start() < end for start, end in taken)]
    return sorted(matches, key=lambda match: match.start())


@cache
def _sources() -> list[str]:
    """The funds sources of the templates data, longest first."""
    return sorted(knowledge()["funds"]["sources"], key=len, reverse=True)


@cache
def _any_source() -> str:
    """The funds sources as one alternation, longest first."""
    return "|".join(map(re.escape, _sources()))


@cache
def _glued_source() -> re.Pattern[str]:
    """A funds source of four characters or more (or after 其中:) standing before figures, an empty mark,
    another source or the run's end, and after figures or another source: not a word of prose."""
    every = _any_source()
    return compiled(rf"(?<=[\d%—\-/／:：分一]){_long_source().pattern}(?=[\d—\-/／一]|(?:{every})|$)"
                      rf"|(?<=[\d%—\-/／分一])其中[:：](?:{every})(?=[\d—\-/／一])"
                      rf"|(?<=[\d%—\-/／一]){_group_opening().pattern}")


@cache
def _group_opening() -> re.Pattern[str]:
    """A breakdown's label (按收入性质分, [funds] group_pattern) with a funds source after it."""
    group = knowledge()["funds"]["group_pattern"].strip("^$").removesuffix("[:：]?")
    every = _any_source()
    return compiled(rf"(?:{group})[:：]?(?=(?:其中[:：])?(?:{every}))")


@cache
def _source_opening() -> re.Pattern[str]:
    """A funds source (after 其中:) opening a run, figures, a dash, another source or the run's end after it."""
    every = _any_source()
    return compiled(rf"(?:其中[:：])?(?:{every})[:：]?(?=[\d—\-/／]|一{{2,}}|一$|$|(?:{every}))")


@cache
def _long_source() -> re.Pattern[str]:
    """A funds source of four characters or more (after 其中: where printed): not a word of prose."""
    return compiled(rf"(?:其中[:：])?(?:{'|'.join(re.escape(word) for word in _sources() if len(word) >= 4)})[:：]?")


def _empty_source(text: str, at: int) -> int | None:
    """The end of a funds source at `at` whose row is empty, the next label right after it (…92.40%—其他资金年度总体
    目标…: an OCR printed no dash in the empty cells); None where it is not one."""
    found = _long_source().match(text, at)
    return found.end() if found and _glue_pattern().match(text, found.end()) else None


def _bare_level2_opening(text: str) -> str | None:
    """A 二级 label printed bare (项目目标, 投入管理) opening the run after a 一级 label, before the name (not one that
    opens names as often, 成本控制率: [glued_runs] never_cut_at)."""
    never = knowledge()["glued_runs"]["never_cut_at"]
    words = (word for word in knowledge()["levels"]["bare"]
             if text.startswith(word) and len(text) > len(word) + 1 and word not in never)
    return next((word for word in sorted(words, key=len, reverse=True) if classify(word)[0] == "level2"), None)


# a column key or unit printed after a column name inside a glued header: 执行率(B/A), 预算数(万元), 权重（分）
_COLUMN_NOTE = compiled(r"[（(][A-Za-z/／+\-×*%\d]{1,5}[)）]|[（(](?:单位[:：])?(?:万?元|分值?)[)）]")


def _cut_header(piece: str) -> list[str]:
    """分值得分 -> 分值, 得分: a glued rest of a header row, split by the column names it consists of, each
    with its column key or unit where printed (分值执行率(B/A)得分 -> 分值, 执行率(B/A), 得分)."""
    if len(piece) < 4 or classify(piece)[0] != "value":
        return [piece]
    for table in ("indicator_columns", "funds_columns"):
        found = segment_header(_COLUMN_NOTE.sub("", piece), table)
        if found and not found[1] and len(found[0]) >= 2:
            return _header_pieces(piece, table)
    return _header_before_level(piece)


def _header_kinds(header: list[str]) -> tuple[tuple[str, Kind], ...]:
    """A glued header's columns, each classified; a column name that is a section's label too, after a note
    column (偏差原因分析 | 改进措施), is the note's second column there."""
    parts: list[tuple[str, Kind]] = []
    for part in header:
        kind = classify(part)
        if kind[0] == "section" and parts and parts[-1][1][:2] == ("column", "note") \
                and (found := segment_header(compact(part))) and found[0] == ("note",) and not found[1]:
            kind = ("column", "note", None, None)
        parts.append((part, kind))
    return tuple(parts)


_HEADER_RUN = 24  # characters of a header's columns glued before a level label, at most


def _header_before_level(piece: str) -> list[str]:
    """A header's last columns glued to the first level label under it (指标值备注 | 产出(工作量)指标(…)):
    cut where the columns end and the rest is a level label."""
    for end in range(min(len(piece) - 2, _HEADER_RUN), 1, -1):
        found = segment_header(piece[:end])
        if found and not found[1] and found[0] and classify(piece[end:])[0] in ("level1", "level2"):
            return [*_header_pieces(piece[:end], "indicator_columns"), piece[end:]]
    return [piece]


def _header_pieces(piece: str, table: str) -> list[str]:
    """The column names a header run consists of, each with the key or unit printed after it; the run
    whole where a note stands elsewhere (inside a name, before the first)."""
    from parsers.knowledge import column_synonyms

    parts, rest = [], piece
    while rest:
        end = next((end for word, _ in column_synonyms(table) if rest.startswith(word)
                    for note in [_COLUMN_NOTE.match(rest, len(word))] for end in [note.end() if note else len(word)]
                    if segment_header(_COLUMN_NOTE.sub("", rest[end:]), table) is not None), None)
        if end is None:
            return [piece]
        parts.append(rest[:end])
        rest = rest[end:]
    return parts


def is_page_mark(line: Line) -> bool:
    """A line that only marks a page of the document or of the site showing it (第2页, 【打印】 | 【关闭】)."""
    text = line.text.strip() if line.layout != "grid" else " ".join(cell.text.strip() for cell in line.cells).strip()
    return bool(text) and _is_page_mark_text(text)


@lru_cache(maxsize=16384)  # each line is asked twice: by the token reading and before the line reading
def _is_page_mark_text(text: str) -> bool:
    return _page_mark().match(text) is not None


def site_list_cut(lines: list[Line]) -> list[Line]:
    """The lines before a site's own list after the document it shows (猜你喜欢, 上一篇：…, 预览已结束): the lines
    after it name other documents (2022年度项目绩效自评表.xls 4页 8积分) and the site's pages, no cells of a form.
    Where a form's title stands after it (a page of forms with links between them), every line is kept."""
    ends = [index for index, line in enumerate(lines) if _site_list().match(line.text.strip())]
    if not ends or any(title_family(compact(line.text)) for line in lines[ends[0] + 1 :]):
        return lines
    return lines[: ends[0]]


def site_summary_dropped(lines: list[Line]) -> list[Line]:
    """The lines without a document site's summary of the document it shows (资源描述： and the document's first
    characters again, on its line or the next): read, it is a second copy of the form's opening."""
    summary = _site_summary()
    dropped: set[int] = set()
    for index, line in enumerate(lines):
        if found := summary.match(line.text.strip()):
            dropped.add(index)
            if not line.text.strip()[found.end() :].strip() and index + 1 < len(lines):
                dropped.add(index + 1)
    return [line for index, line in enumerate(lines) if index not in dropped] if dropped else lines


def running_headers_dropped(lines: list[Line]) -> list[Line]:
    """The lines without a page's running header printed by its page mark (第 3 页 | 某局2020年部门预算 | the table
    going on): words by a page mark that the document's top or another page mark prints again, or that stand
    between the mark and a table row, naming no form and holding no label, are the page's, not the form's."""
    marks = [index for index, line in enumerate(lines) if is_page_mark(line)]
    near = {index for mark in marks for index in (mark - 1, mark + 1, mark + 2)
            if 0 <= index < len(lines) and index not in marks and _header_words(lines[index])}
    seen = Counter(compact(lines[index].text) for index in near | set(range(min(3, len(lines)))))
    dropped = {index for index in near if seen[compact(lines[index].text)] > 1 or _between_mark_and_row(lines, index)}
    return [line for index, line in enumerate(lines) if index not in dropped] if dropped else lines


_HEADER_WORDS = 8  # characters of a running header at the least (某局2024年部门预算公开)


def _header_words(line: Line) -> bool:
    text = compact(line.text)
    return len(line.cells) == 1 and len(text) >= _HEADER_WORDS and not title_family(text) \
        and classify(text)[0] == "value" and parse_value(text).kind == "qualitative"


def _between_mark_and_row(lines: list[Line], index: int) -> bool:
    return lines[index].layout == "flow" and index > 0 and is_page_mark(lines[index - 1]) \
        and index + 1 < len(lines) and lines[index + 1].layout == "grid"


@cache
def _site_summary() -> regex.Pattern[str]:
    return regex.compile(knowledge()["page_marks"]["site_summaries"])


@cache
def _site_list() -> regex.Pattern[str]:
    return regex.compile("|".join(f"(?:{pattern})" for pattern in knowledge()["page_marks"]["site_lists"]))


def _raw_tokens(lines: list[Line]) -> list[tuple[list[Cell], int]]:
    """Each printed cell (a grid cell, or a space-separated run of a flowed line) with its line."""
    found: list[tuple[list[Cell], int]] = []
    for index, line in enumerate(lines):
        if is_page_mark(line):
            continue
        if line.layout == "grid":
            found += [([cell], index) for cell in line.cells]
        else:
            found += [(group, index) for group in _words(line)]
    return found


def _words(line: Line) -> list[list[Cell]]:
    """A flowed line's space-separated cells; spaces inside parentheses do not separate cells
    (贫困地区旅游景点开发数量( ≥**个 ) is one name)."""
    groups: list[list[Cell]] = []
    depth = 0
    for cell in line.cells:
        for word in cell.text.split():
            piece = cell.model_copy(update={"text": _chunk_inside_label(word)})
            if depth > 0 and groups:
                groups[-1].append(piece)
            else:
                groups.append([piece])
            depth = max(0, depth + word.count("(") + word.count("（") - word.count(")") - word.count("）"))
    return groups


_CHUNK_INSIDE = regex.compile(r"(?<=\p{Han})\d{1,2}、(?=\p{Han})")


def _chunk_inside_label(text: str) -> str:
    """A document site's page chunk marker printed inside a label (效益指标社会效益3、指标新增…): taken out where
    the label's two halves then join into one label of the templates data."""
    for found in reversed(list(_CHUNK_INSIDE.finditer(text))):
        if _label_across(text[: found.start()], text[found.end():]):
            text = text[: found.start()] + text[found.end():]
    return text


_TITLE_PREFIX = compiled(r"^.{2,40}?表(?:[（(]\s*\d{4}\s*年度?\s*[)）])?")


def _title_prefix(text: str) -> str | None:
    """A title glued to the cells after it: 项目绩效目标表(2021年度)填报单位(盖章):…"""
    found = _TITLE_PREFIX.match(text)
    if not found or found.end() == len(text) or not _title_of(found.group(0)):
        return None
    return found.group(0) if _glue_pattern().match(text[found.end():]) else None  # prose names forms too


def _split(cells: list[Cell], line: int) -> list[Token]:
    token = _token(cells, line)
    if token.kind != "value" or (parts := _value_parts(token.text)) is None:
        return [token]
    return [Token(text, token.cells, line, *kind) for text, kind in parts]


Kind = tuple[str, str | None, str | None, Decimal | None]  # classify()'s


@lru_cache(maxsize=65536)  # a document prints many texts more than once, a batch of its kind more
def _value_parts(text: str) -> tuple[tuple[str, Kind], ...] | None:
    """The cells a value cell's text prints run together, each with its classify(); None: one cell."""
    parts = tuple(piece for part in _labelled_parts(text) or ((text, _VALUE),) for piece in _short_label_cut(*part))
    return parts if len(parts) > 1 else None


def _short_label_cut(text: str, kind: Kind) -> tuple[tuple[str, Kind], ...]:
    """A value cell cut at a short label glued to a value of its field's shape (部门 | 金寨县…服务中心,
    延续项目 | 项目期 | 2023年1月-2025年12月); any other part as it is."""
    if kind != _VALUE or (cut := _short_label_glued(text)) is None:
        return ((text, kind),)
    before, label, value, after = cut
    return (*(((before, _VALUE),) if before else ()), (label, classify(label)), (value, _VALUE),
            *(_form_run_parts(after) if after else ()))


def _form_run_parts(text: str) -> tuple[tuple[str, Kind], ...]:
    """The rest of a form printed as one run, after its title or a label's value: cut at every label it
    holds, whatever it opens with (inside a form's run the text between labels is cells, not prose)."""
    if parts := _value_parts(text):
        return parts
    if not _glue_pattern().search(text):
        return ((text, _VALUE),)
    return tuple(part for piece in _cut_glued(text) for part in _short_label_cut(piece, classify(piece)))


_VALUE: Kind = ("value", None, None, None)
_EMPTY: Kind = ("empty", None, None, None)
_CHUNK_OPENING = compiled(r"\d{1,2}、")


def _labelled_parts(text: str) -> tuple[tuple[str, Kind], ...] | None:
    """The cells of a run cut at a title, a total, a header or the labels it opens with, or a whole form
    printed as one run; None: no cut."""
    if len(text) >= _FLAT_RUN and (flat := _flat_form_parts(text)):
        return flat
    if (note := _AMOUNTS_OPENING.match(text)) and _opens_with_label(text[note.end():]):  # 单位:万元项目名称…
        return _value_then_rest(text, note.end())
    if (chunk := _CHUNK_OPENING.match(text)) and _opens_block(text[chunk.end():]):
        # a document site's page chunk opening a block (2、年度总体目标预期目标…, 3、效益指标…): its marker is no
        # cell, and stays the line's first text, where the readers look for chunks
        rest = text[chunk.end():]
        return (chunk.group(), _EMPTY), *(_value_parts(rest) or ((rest, _VALUE),))
    if chunk and (label := _glue_pattern().search(text, chunk.end())) \
            and _LEVEL_END.fullmatch(text, chunk.end(), label.start()):
        # a page chunk that cut a level label (效益 | 2、指标(30分)社会效益指标…): the label's end, its marker kept
        # (the readers join it to the text before the chunk), then the run's cells
        return _value_then_rest(text, label.start())
    if chunk and len(text) >= _FLAT_RUN and (parts := _rows_going_on(text[chunk.end():])):
        return (chunk.group(), _EMPTY), *parts  # 2、付牧户数≥3.2万户3.26万户55质量指标…: the cut row's rest, the rows
    if opening := _value_before_label(text):  # 延续项目□主管部门…, 2025年12月项目预算(万元)…
        return _value_then_rest(text, len(opening))
    if title := _title_prefix(text):
        return ((title, classify(title)), *_text_parts(text[len(title):]))
    total = _total_figures().match(text)  # 总分10098.29, 总分10098.93自评等级优
    if total and (total.end() == len(text) or _glue_pattern().match(text, total.end())):
        label, rest = total["label"], text[total.end():]
        return (label, classify(label)), (total["figures"], _VALUE), *(_value_parts(rest) or ((rest, _VALUE),)
                                                                     if rest else ())
    if (group := _group_opening().match(text)) and _source_opening().match(text, group.end()):
        label = group.group()  # 按收入性质分财政拨款1238.4: the breakdown's label, its source
        return (label, classify(label)), *_rest_parts(text[group.end():])
    if (source := _source_opening().match(text)) and _row_ends_at_source(text, source.end()):
        # 其中：当年财政拨款900 (its row's other cells apart): the source, its first figure;
        # 上年结转资金一一其他资金30, 上年结转资金其他资金: the source, its empty cells, the next source
        label = source.group()
        return (label, classify(label)), *_rest_parts(text[source.end():])
    header = _cut_header(text)
    if len(header) >= 3 or len(header) == 2 and min(map(len, header)) >= 3:  # 一级二级三级年度数值备注, 目标值实际值
        return _header_kinds(header)
    if (cell := _FIGURES_OPENING.match(text)) and (_glue_pattern().match(text, cell.end())
                                                   or _glued_source().match(text, cell.end())
                                                   or _empty_source(text, cell.end()) is not None):
        # a row's last cell, the next label on (—年度总体目标…, 9.59其中：…); an OCR's dashes are each an empty cell
        # between the figures (569.16一97.73%一)
        cells = _OCR_DASHED.findall(cell.group()) if "一" in cell.group() else [cell.group()]
        return (*((piece, _VALUE) for piece in cells), *_rest_parts(text[cell.end():]))
    opens_with_label = _glue_pattern().match(text) is not None
    if not opens_with_label and (end := _total_after_row(text)) is not None:  # …15综合得分98自评等级优秀
        return _value_then_rest(text, end)
    if not opens_with_label and (end := _sentence_before_block(text)):  # 3、率达到40%以上，…零发生。一级指标…
        return _value_then_rest(text, end)
    if len(text) < 4 or not opens_with_label and not _heading_before_label(text):
        return None  # only a run that opens with a label is a glued row: 项目主管部门青山区教育局…
    return _text_parts(text)


# the end of a level label: 指标(30分), 益指标, 标, (30分)
_LEVEL_END = regex.compile(r"\p{Han}{0,5}?(?:指标|目标|标)(?:[（(]\d+(?:\.\d+)?分[)）])?|[（(]\d+(?:\.\d+)?分[)）]")


def _total_after_row(text: str) -> int | None:
    """Where a total glued to its figures (综合得分98) follows a row's last figure, and ends the run or the next
    label follows it: the total's row, not the row's note."""
    for total in _total_figures().finditer(text, 1):
        if re.match(r"[\d.%分]", text[total.start() - 1]) \
                and (total.end() == len(text) or _glue_pattern().match(text, total.end())):
            return total.start()
    return None


SENTENCE_ENDS = "。；;"  # what ends a sentence: text after one may open another cell
_SENTENCE_END = compiled(f"[{SENTENCE_ENDS}]")


def _rows_going_on(rest: str) -> tuple[tuple[str, Kind], ...] | None:
    """A page chunk's rest cut at its labels, where two level labels in it show an indicator table's rows going
    on and the row the chunk cut goes on first with its name's end and figures (付牧户数≥3.2万户3.26万户55 |
    质量指标 | …). A rest opening with figures (10满意度指标…: the 得分 of the row before), a level label's end
    (指标效果显著…) or words only (a note's end) is read with the run before it."""
    if _LEVEL_END.match(rest) or not regex.match(r"\p{Han}+[^\d]*\d", rest):
        return None
    parts = tuple((piece, classify(piece)) for piece in _cut_glued(rest))
    levels = sum(kind[0] in ("level1", "level2") for _, kind in parts)
    first = parts[0][0]
    if parts[0][1][0] != "value" or not (regex.search(r"\d", first) or is_unit(first)) or levels < 2:
        return None
    # 万亩46.3万亩2020…: the unit of the value the chunk cut off, then the row's own cells
    unit = next((first[:end] for end in range(min(len(first) - 1, 6), 0, -1)
                 if is_unit(first[:end]) and regex.match(r"[\d≥≤<>=]", first[end:])), None)
    return ((unit, _VALUE), (first[len(unit):], _VALUE), *parts[1:]) if unit else parts


def _sentence_before_block(text: str) -> int | None:
    """Where a paragraph's sentence ends and the indicator table opens glued after it (a page chunk's rest of a
    年度目标, then the table's header): the paragraph is one cell, the table's cells follow. Asked of a run that
    opens with no label (one that does is cut at its labels)."""
    chunk = _CHUNK_OPENING.match(text)  # a page chunk's rest of a note: the rows go on after its sentence
    return next((end.end() for end in _SENTENCE_END.finditer(text) if _opens_table(
        text[end.end():], levels=chunk is not None and not re.search(r"\d", text[chunk.end() : end.start()]))), None)


def _opens_table(text: str, levels: bool = False) -> bool:
    """Whether a run opens with an indicator table's header and its rows go on after it (一级指标二级指标…产出指标…);
    a note's 改进措施：… after its 原因 is the note's own text, a header alone there may be a column's text beside it,
    and a level label after a sentence may follow a project's goal in a table of projects (…服务。产出指标…, the
    project's name and goal before it). With `levels` (a page chunk's rest of a note before the sentence), a 一级
    with its 二级 glued after it opens the table's rows too (2、…提前办理审批。成本指标经济成本指标每公里…)."""
    found = _glue_pattern().match(text)
    if found is None or classify(found.group())[0] not in (("column", "level1", "level2") if levels else ("column",)):
        return False
    if classify(found.group())[0] != "column":  # 成本指标经济成本指标每公里…: a 一级 and its 二级, a row's name after
        below = _glue_pattern().match(text, found.end())
        return below is not None and classify(below.group())[0] == "level2" and below.end() < len(text)
    return any(kind[0] not in ("column", "empty") for _, kind in _value_parts(text) or ())


def _row_ends_at_source(text: str, at: int) -> bool:
    """After a source at `at`: its figures or empty marks, then the run's end or the next source."""
    figures = _FIGURES_OPENING.match(text, at)
    end = figures.end() if figures else at
    return end == len(text) and figures is not None or _glued_source().match(text, end) is not None \
        or figures is None and _source_opening().match(text, end) is not None


def _rest_parts(rest: str) -> tuple[tuple[str, Kind], ...]:
    """The cells of a funds run's rest: as a run opening with a label reads, else cut at the sources glued in it
    (9089.974上年结转资金其他资金); a source whose row is empty before the next label (其他资金年度总体目标…)
    is a cell."""
    if (end := _empty_source(rest, 0)) is not None:
        return (rest[:end], classify(rest[:end])), *_rest_parts(rest[end:])
    return _value_parts(rest) or tuple((piece, classify(piece)) for piece in _cut_glued(rest))


# a level label whole, with its 指标 (效益指标, 经济效益指标): a chunk opening with it opens the next rows
_LEVEL_OPENING = compiled(r".{2,8}指标$")


def _opens_block(text: str) -> bool:
    """Whether a run opens with a label no table row goes on into: a section's, a heading's, a table's (年度绩效指标;
    a field's label may be a row's indicator name cut by a page chunk, 投入管理 | 2、预算执行率…; a chunk opening with
    a 一级 is read with the rows run together before it)."""
    found = _glue_pattern().match(text)
    return found is not None and (classify(found.group())[0] in ("section", "heading", "horizon")
                                  or _LEVEL_OPENING.match(found.group()) is not None)


def _value_then_rest(text: str, end: int) -> tuple[tuple[str, Kind], ...]:
    """A value cell up to `end`, then the cells the rest of the run holds."""
    rest = text[end:]
    return (text[:end], _VALUE), *(_value_parts(rest) or ((rest, _VALUE),))


def _names_organisation(text: str) -> bool:
    """Words only, ending as an organisation's name does (…服务中心, …民政局)."""
    return len(text) >= 4 and text.endswith(tuple(knowledge()["values"]["organization_endings"])) \
        and regex.fullmatch(r"\p{Han}+", text) is not None


_FLAT_RUN = 20  # a cell this long may hold a form's title and the cells after it (a document site's text)


def _flat_form_parts(text: str) -> tuple[tuple[str, Kind], ...] | None:
    """A form printed as one run with nothing between its cells (a document site's text: 附件:项目支出
    绩效自评表(2022年度)项目名称…): cut before its title, where one stands inside it, the rest read as
    the run of cells it is. Prose holding labels (预算执行率=预算执行数/调整后预算数) is no form's run: a
    run without a title is cut only where it opens with a label."""
    if (title := _title_inside(text)) is not None:
        start, end = title
        rest = text[end:]
        parts = _form_run_parts(rest) if rest else ()
        # the cells of a form before it (two forms printed as one run), or what the page prints before a title
        before = () if not start else _form_run_parts(text[:start]) if _opens_with_label(text[:start]) \
            else ((text[:start], _VALUE),)
        return (*before, (text[start:end], classify(text[start:end])), *parts)
    return None


def _title_inside(text: str) -> tuple[int, int] | None:
    """(start, end) of a form's title inside a run, other cells after it: the longest title ending at a
    表 (and its year) that the templates' title patterns name."""
    if "绩效" not in text:
        return None
    for table in re.finditer(r"表(?:[（(][^（）()]{1,12}[)）])*", text):  # its year and notes: （本次下达）（2024年度）
        end = table.end()
        for start in range(max(0, end - 45), end - 4):
            if _title_of(text[start:end]) and regex.fullmatch(r"[\p{Han}\d（）()、—\-]+", text[start:end]):
                if _opens_with_label(text[end:]):
                    return start, end
                break  # prose naming a form (…绩效目标表如下：): a title may follow in the same run
    return None


def _value_before_label(text: str) -> str | None:
    """A value that ends where a label opens, glued (a form printed as one run): a checkbox option with its
    mark (延续项目□ | 主管部门…), a figure or a date (2025年12月 | 项目预算(万元)…); prose before a label is
    not cut (the run opens with a word)."""
    found = _VALUE_THEN_LABEL.match(text)
    if found is not None and _glue_pattern().match(text, found.end()):
        return found.group()
    if _MARK_FIRST.match(text):  # □一次性 | 项目起止时间…: the mark before its option, the option's end unmarked
        return next((text[:end] for end in range(2, min(len(text), 14)) if _glue_pattern().match(text, end)), None)
    return None


# a checkbox option and its mark, a phone number (010-65094321), or a figure or date, up to a label
_VALUE_THEN_LABEL = compiled(r"[^\s□☑√■☐✓✔]{1,12}[□☑√■☐✓✔]|(?:0\d{2,3}[-－—])?\d{7,8}(?!\d)|1[3-9]\d{9}(?!\d)"
                               r"|\d+(?:[.,，]\d+)*%?(?:[年月日](?:\d+[年月日])*)?")  # …, a phone number, a figure
_MARK_FIRST = compiled(r"[□☑√■☐✓✔][^\s□☑√■☐✓✔\d]")


# the unit a form's amounts are printed in, glued before its cells (金额单位:万元项目名称…)
_AMOUNTS_OPENING = compiled(r"[（(]?(?:金额)?单位[:：](?:万元|元)[)）]?")


def _opens_with_label(text: str) -> bool:
    """Whether a run opens with a label (项目名称…, 部门金寨县…, 金额单位:万元项目名称…): after a title, a
    form's cells, not prose naming the form (…绩效自评表的通知)."""
    if note := _AMOUNTS_OPENING.match(text):
        text = text[note.end():]
    short = _short_label_glued(text)
    return bool(_glue_pattern().match(text)) or (short is not None and not short[0])


_SHORT_LABEL_KEYS = ("unit", "department", "period", "start_date", "end_date")
_DATE_RUN = compiled(r"(?:19|20)\d{2}[\d年月日底.．/\-—–~～至到]*")  # 2023年1月-2025年12月


@cache
def _short_labels() -> re.Pattern[str]:
    """Unit, department and date labels too short for the glue pattern (部门, 单位, 项目期), as a pattern
    of a cell's opening."""
    short = [word for word, (kind, key) in lexicon().items() if kind == "field" and key in _SHORT_LABEL_KEYS
             and len(word) < 4]
    return compiled("|".join(re.escape(word) for word in sorted(short, key=len, reverse=True)))


def _short_label_glued(text: str) -> tuple[str, str, str, str] | None:
    """(text before, label, value, text after) for a short label glued to its value, cut where the value
    has its field's shape: an organisation's name for a unit, opening the cell (部门金寨县…服务中心: ends
    so, all words, up to the next label), a date or period for a date (延续项目项目期2023年1月-2025年12月),
    the next label or the run's end after either; an ordinary word holding the label (部门预算, 项目期限内)
    is not cut."""
    for label in _short_labels().finditer(text):
        rest = text[label.end():]
        if lexicon()[label.group()][1] in ("unit", "department"):
            if label.start() == 0 and (name := _organisation_opening(rest)):
                return "", label.group(), name, rest[len(name):]
        elif date := _date_before_label(rest):
            return text[: label.start()], label.group(), date, rest[len(date):]
    return None


def _date_before_label(rest: str) -> str | None:
    """The date or period a run opens with, up to the next label, where the run ends or a label opens after it."""
    next_label = _glue_pattern().search(rest)
    found = _DATE_RUN.match(rest[: next_label.start()] if next_label else rest)
    if found is None or not (found.end() == len(rest) or _glue_pattern().match(rest, found.end())):
        return None
    return found.group()


def _organisation_opening(text: str) -> str | None:
    """The organisation's name a run opens with: the shortest opening that names one and after which the
    run ends or a word of the templates opens (…规划局 | 年度主要任务…, …服务中心 | 预算资金(万元)…)."""
    for end in range(4, len(text) + 1):
        if _names_organisation(text[:end]) and (end == len(text) or _lexicon_opening().match(text, end)):
            return text[:end]
    return None


@cache
def _lexicon_opening() -> re.Pattern[str]:
    """Any word of the templates of four characters or more (labels, headings, sources, columns)."""
    words = sorted((word for word in lexicon() if len(word) >= 4), key=len, reverse=True)
    return compiled("|".join(re.escape(word) for word in words))


def _text_parts(text: str) -> tuple[tuple[str, Kind], ...]:
    if _glue_pattern().match(text):
        parts = _cut_glued(text)
    elif heading := _heading_before_label(text):  # 项目资金 | 年初预算数全年预算数…: a header after it
        parts = [heading, *_cut_glued(text[len(heading):])]
    else:
        parts = [text]
    if len(parts) > 1:  # the mark between two labels cut apart (产出指标-数量指标, 产出指标/数量指标) is no cell
        parts = [part for part in parts if part.strip() not in _JOINING_MARKS]
    return tuple(cell for part in parts for cell in _row_then_total(part, classify(part)))


def _row_then_total(text: str, kind: Kind) -> tuple[tuple[str, Kind], ...]:
    """A row's cells with the form's total glued after its last figure (受益群众满意度≥85%1591%15综合得分98…): the
    row, then the total's cells; any other cell as it is."""
    if kind != _VALUE or (end := _total_after_row(text)) is None:
        return ((text, kind),)
    return _value_then_rest(text, end)


# a cell of figures or empty marks (9.59, 95.9%, — —) that a text runs on into the next label with no separator
# (an OCR's 一 for a dash: after a figure, or several in a row: 569.16一97.73%一, 一一一一)
_FIGURE = r"(?:\d+(?:\.\d+)?|\.\d+)[%％]?"  # a figure, or one that goes on after another's decimals (9089.97489.974)
_FIGURES_OPENING = compiled(rf"(?:{_FIGURE}|[—－\-/／]|(?<=[\d%％])一|一{{2,}})+")
_OCR_DASHED = compiled(rf"{_FIGURE}|一|[—－\-/／]+")
_JOINING_MARKS = frozenset({"-", "－", "—", "/", "／", "、"})


def _heading_before_label(text: str) -> str | None:
    """A heading opening the text with no note after it (项目资金, 预算执行情况) and a label right after it: cut
    off only so, since such words open ordinary cells too (预算执行情况良好)."""
    heading = next((word for word in _headings_by_opening().get(text[:1], ()) if text.startswith(word)), None)
    return heading if heading and _glue_pattern().match(text, len(heading)) else None


@cache
def _headings_by_opening() -> dict[str, tuple[str, ...]]:
    """The headings by their first character, longest first: a text is asked only of those it opens like."""
    found: dict[str, list[str]] = {}
    for word in sorted((word for word, (kind, _) in lexicon().items() if kind == "heading"), key=len, reverse=True):
        found.setdefault(word[:1], []).append(word)
    return {opening: tuple(words) for opening, words in found.items()}


def _split_text(text: str, cells: tuple[Cell, ...], line: int) -> list[Token]:
    return [Token(part, cells, line, *kind) for part, kind in _text_parts(text)]


def split_form_run(text: str, cells: tuple[Cell, ...], line: int) -> list[Token]:
    """The tokens of a form's text printed as one run from the middle of the form (a page chunk's rest: the
    text between labels is cells, whatever it opens with)."""
    return [Token(part, cells, line, *kind) for part, kind in _form_run_parts(text)]


def _join_labels(raw: list[tuple[list[Cell], int]]) -> list[tuple[list[Cell], int]]:
    """Cells that only together print a label (年度 + 指标值, 绩 效 指 标, 项目资金 + (万元)) become one."""
    texts = [_texts_of(group) for group, _ in raw]  # compacted once
    joined: list[tuple[list[Cell], int]] = []
    index = 0
    while index < len(raw):
        taken = 1
        for width in range(_widest(texts, index), 1, -1):
            window = texts[index : index + width]
            if _may_be_label("".join(window)) and _joins_to_label(window):
                taken = width
                break
        joined.append(([cell for group, _ in raw[index : index + taken] for cell in group], raw[index][1]))
        index += taken
    return joined


def _widest(texts: list[str], index: int) -> int:
    """The most cells from `index` on that may print one label: at most _JOIN_MAX of them, none empty,
    _LABEL_MAX characters together (every narrower window is then one too)."""
    end, size = index, 0
    while end < len(texts) and end - index < _JOIN_MAX and texts[end] and size + len(texts[end]) <= _LABEL_MAX:
        size += len(texts[end])
        end += 1
    return end - index


_PARENTHESES = frozenset("()（）")


@cache
def _label_texts() -> frozenset[str]:
    """Every text classify() takes for a label of the lexicon or a level label, as canonical() leaves it."""
    level1, level2 = _level_stems()
    levels = level1 | level2
    return frozenset(lexicon()) | levels | {stem + suffix for stem in levels for suffix in _LEVEL_SUFFIXES}


@lru_cache(maxsize=65536)
def _may_be_label(words: str) -> bool:
    """False where classify(words) cannot be a label, cheaply: most windows _join_labels tries are values.
    `words` is compact (its cells compacted each, joined)."""
    return not _no_label(words) or _compact_title_of(words) is not None


def _no_label(words: str) -> bool:
    """Whether a compact text is no lexicon or level label, whatever its notes: without parentheses
    canonical() only drops a leading 其中 / 一、 / （一） / 1. and the colons after a label (_LEADING, _TRAILING),
    and level_of() its 指标 / 目标 / 值 (_label_texts). A title is not asked here."""
    if not _PARENTHESES.isdisjoint(words):
        return False  # a note, a unit or guidance in parentheses may be dropped from anywhere
    label = _LEADING.sub("", words) if words[0] in "其含一二三四五六七八九十" or words[0].isdecimal() else words
    return label.rstrip(":：") not in _label_texts()


_FIGURE_ONLY = compiled(r"\d+(?:\.\d+)?")


def _joins_to_label(texts: list[str]) -> bool:
    """Whether cells print one label together; a (50分) alone joins only a 一级 label before it (the
    points of a vertical 一级 cell stand apart from the header row above and the 二级 label after)."""
    if _POINTS_ONLY.match(texts[0]) or _FIGURE_ONLY.fullmatch(texts[0]) or _UNIT_NOTE.match(texts[0]):
        return False  # a label never opens with a bare figure (总分 / 100 / 100 over the next form's title) or a
        # note of the amounts' unit ((单位：万元) over 项目名称)
    kind = classify("".join(texts))[0]
    if _POINTS_ONLY.match(texts[-1]) and kind != "level1":
        return False
    if kind in ("level1", "level2") and all(classify(text)[0] in ("level1", "level2") for text in texts):
        return False  # 产出 | 数量目标: a 一级 and a 二级 label side by side, not 产出数量目标
    if kind == "title" and (classify(texts[0])[0] not in ("value", "year", "title") or texts[0] in _grade_words()):
        return False  # 自评等级 | 优 | 表2 | 项目支出绩效自评表: the form before's last label and value, then a title
    if kind == "title" and sum(classify(text)[0] == "title" for text in texts) > 1:
        return False  # 附表10部门整体支出绩效目标表 | 部门整体支出绩效目标表: a heading naming the form, then its title
    if kind == "title" and any(parse_date(text) or title_pattern("attachment_prefix").match(text)
                               for text in texts[1:]):
        return False  # 崇阳县农业农村局 | 2024年4月18日 | 附件1 | 项目支出绩效自评表: a letter's signature, its date,
        # then the attachment's mark and title: a title opens with its mark and never prints a day
    return kind not in ("value", "empty", "year", "points") and len("".join(texts)) >= 3


@cache
def _grade_words() -> frozenset[str]:
    grades = knowledge()["grades"]
    return frozenset(word for _, word in grades["bands"] + grades["short_bands"])


_TAIL_MAX = 3  # characters of a header cell's wrapped end printed on a line of its own (年度指 / 标值)


def _header_tails_joined(raw: list[tuple[list[Cell], int]]) -> list[tuple[list[Cell], int]]:
    """A header row's cells wrapped in their own columns (… 三级指标 年度指 备注 / 标值): a line of short pieces,
    none a label, after a line of column labels, each piece joined to the first cell of that line it ends as a
    column label (年度指 + 标值 = 年度指标值)."""
    out: list[tuple[list[Cell], int]] = []
    above = range(0)  # where the line before stands in `out`
    for _, group in groupby(raw, key=lambda entry: entry[1]):
        line = list(group)
        texts = [_texts_of(cells) for cells, _ in line]
        # the cheap test first: most lines print a cell longer than a header's wrapped end
        if not all(len(text) <= _TAIL_MAX and classify(text)[0] == "value" for text in texts) \
                or sum(classify(_texts_of(out[at][0]))[0] == "column" for at in above) < 2:
            above = range(len(out), len(out) + len(line))
            out += line
            continue
        kept = len(out)
        for (cells, number), text in zip(line, texts):
            at = next((at for at in above if classify(_texts_of(out[at][0]))[0] != "column"
                       and classify(_texts_of(out[at][0]) + text)[0] == "column"), None)
            if at is None:
                out.append((cells, number))
            else:
                out[at] = (out[at][0] + cells, out[at][1])
        above = range(kept, len(out)) if len(out) > kept else above  # all joined: the header is still the line before
    return out


def _row_wraps_joined(raw: list[tuple[list[Cell], int]]) -> list[tuple[list[Cell], int]]:
    """A header row whose cells wrap at the line's end, each going on at the next line's start (… 三级指标 年度 /
    指标值 实际 / 完成值 分值 得分 偏差原因分析 / 及改进措施: a web page's cells with line breaks, copied): one line,
    each cut cell joined where only the two pieces together name a column; a run of figures a page chunk cut, joined
    without the chunk's marker."""
    out: list[list[tuple[list[Cell], int]]] = []
    chunks: list[int | None] = []  # the number of the last page chunk each line of `out` opens or took in
    for _, group in groupby(raw, key=lambda entry: entry[1]):
        line = list(group)
        wraps = bool(out) and _wraps_into(out[-1], line)
        marker = _chunk_cut(out[-1], line, chunks[-1]) if out and not wraps else 0
        if wraps or marker:
            tail, number = out[-1][-1]
            head = line[0][0]
            if marker:  # the page chunk's marker is no text of the figures or the label it cut
                chunks[-1] = _chunk_number(_texts_of(head))
                head = [head[0].model_copy(update={"text": head[0].text[marker:]}), *head[1:]]
            out[-1][-1] = (tail + head, number)
            out[-1] += [(cells, number) for cells, _ in line[1:]]
        else:
            out.append(line)
            chunks.append(_chunk_number(_texts_of(line[0][0])))
    return [entry for line in out for entry in line]


def _chunk_number(text: str) -> int | None:
    """The number of the page chunk's marker opening a text (2、…), or None."""
    marker = _CHUNK_OPENING.match(text)
    return int(marker.group()[:-1]) if marker else None


def _chunk_cut(above: list[tuple[list[Cell], int]], line: list[tuple[list[Cell], int]], opened: int | None) -> int:
    """The length of the page chunk's marker where a document site's chunk, numbered after the one above, falls
    inside a run of figures (…年度资金总额138.6138.61 | 2、21.861O87.92%…, …长度≥186公里 | 2、191.5公里1010…: a
    figure with its unit before the cut, figures after it - not a figure of a word, 2、1座危桥…, nor a year,
    2、2024年…) or inside a label (…三级指 | 2、标指标值…); 0 where it does not. `opened`: the number of the chunk
    the line above opens or took in."""
    tail, head = _texts_of(above[-1][0]), _texts_of(line[0][0])
    marker = _CHUNK_OPENING.match(head)
    if not (opened is not None and marker and int(marker.group()[:-1]) == opened + 1):
        return 0
    rest = head[marker.end():]
    figures = re.search(r"\d\D{0,4}$", tail) and re.match(r"[\d.][\d.%]", rest) and not re.match(r"\d{4}年", rest)
    return marker.end() if figures or _label_across(tail, rest) else 0


def _label_across(before: str, after: str) -> bool:
    """Whether a label of the templates data runs from the end of `before` into `after` (三级指 | 标指标值)."""
    joined = before + after
    return any((label := _glue_pattern().match(joined, start)) and label.end() > len(before)
               for start in range(max(0, len(before) - _LABEL_MAX), len(before)))


def _wraps_into(above: list[tuple[list[Cell], int]], line: list[tuple[list[Cell], int]]) -> bool:
    tail, head = _texts_of(above[-1][0]), _texts_of(line[0][0])
    # the cheap tests first: this asks every line of every text. The pieces' words make the column's name (a note
    # or points after a header, (50分), are the next row's)
    return {classify(tail)[0], classify(head)[0]} == {"column", "value"} and classify(tail + head)[0] == "column" \
        and canonical(tail + head)[0] not in (canonical(tail)[0], canonical(head)[0]) \
        and any(classify(_texts_of(cells))[0] == "column" for cells, _ in above)


def _texts_of(cells: list[Cell]) -> str:
    return compact(cells[0].text) if len(cells) == 1 else "".join(compact(cell.text) for cell in cells)


def _vertical_labels_joined(raw: list[tuple[list[Cell], int]]) -> list[tuple[list[Cell], int]]:
    """A merged cell's label printed down the rows it spans, a character or two opening each row's line (绩 / 效 /
    指 / 标 before the indicator rows, 年度 / 总体 / 目标 before a goal's lines: an OCR or a PDF's text of a label
    drawn down its cell): the pieces that only together name a section, heading or level are one label, at the
    first of those lines; pieces naming a column (绩效指标 down the indicator rows' side) are the table's side
    label, no cell. The rows keep their other cells."""
    rows = [list(group) for _, group in groupby(raw, key=lambda entry: entry[1])]
    pieces = [len(row) > 1 and bool(_VERTICAL_PIECE.fullmatch(_texts_of(row[0][0]))) for row in rows]
    at = 0
    while at < len(rows):
        kind, width = _vertical_label_at(rows, pieces, at)
        if width:
            label = [cell for row in rows[at : at + width] for cell in row[0][0]]
            for row in rows[at + 1 : at + width]:
                del row[0]
            if kind == "column":  # the table's side label: no cell at all
                del rows[at][0]
            else:
                rows[at][0] = (label, rows[at][0][1])
        at += width or 1
    return [entry for row in rows for entry in row]


def _vertical_label_at(rows: list[list[tuple[list[Cell], int]]], pieces: list[bool], at: int) -> tuple[str, int]:
    """(its kind, the lines it takes) of the widest label the pieces opening consecutive lines from `at` spell."""
    for width in range(min(_VERTICAL_MAX, len(rows) - at), 1, -1):
        if all(pieces[at : at + width]) and _consecutive(rows[at : at + width]):
            kind = classify("".join(_texts_of(row[0][0]) for row in rows[at : at + width]))[0]
            if kind in _VERTICAL_KINDS:
                return kind, width
    return "", 0


def _consecutive(rows: list[list[tuple[list[Cell], int]]]) -> bool:
    return all(later[0][1] == earlier[0][1] + 1 for earlier, later in zip(rows, rows[1:]))


_VERTICAL_PIECE = regex.compile(r"\p{Han}{1,2}")
_VERTICAL_MAX = 6  # 满 / 意 / 度 / 指 / 标: a label's characters, a line each
_VERTICAL_KINDS = frozenset({"section", "heading", "level1", "column"})


def tokenize(lines: list[Line]) -> list[Token]:
    tokens: list[Token] = []
    raw = _vertical_labels_joined(_raw_tokens(lines))
    for cells, line in _join_labels(_header_tails_joined(_row_wraps_joined(raw))):
        tokens += _split(cells, line)
    return _families_headed(tokens)
