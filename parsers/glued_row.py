"""A self-evaluation row printed as one glued run, cut into its cells only where one cut fits.

Document sites print a row such as `指标1:完成规划编制数量≥12个12个1010` with nothing between the
cells: name, 年度指标值, 实际完成值, 分值, 得分. The cut is read from the right, where the cells
have shapes: the trailing digits are 分值 and 得分 (each a number of at most 100, 得分 not above 分值,
no leading zero; exactly one split of the digits may fit), before them the 实际完成值 and the
年度指标值 are each a figure with its unit, a date, a quality phrase of the templates data, or one
text printed twice (target and actual alike). Where two cuts fit, or none, the row stays whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from itertools import takewhile

import regex

from normalize.patterns import compiled
from normalize.vocab import longest_first, vocab
from parsers.knowledge import knowledge

_MAX_POINTS = Decimal(100)
_BEFORE_TARGET = ["prior_level"]  # a value column printed before the target: the prior year's level
_NUMBER = compiled(r"(?:0|[1-9]\d*)(?:\.\d+)?")
_POINTS = compiled(r"(?:0|[1-9]\d*)(?:\.\d{1,2})?")  # 分值 and 得分 carry at most two decimals
# a date, or a month of every year (每年6月底前), with the 完成 a deadline is printed with (2021年12月完成)
_DOTTED = r"(?:19|20)\d{2}[.．/](?:1[0-2]|0?[1-9])(?![\d.万亿千元%])"  # 2023.07, not 2023.5万元
# a month of the year with its part or its day (11月底前, 6月25日: dates; 11月 alone is a figure in 月)
_MONTH_PART = (rf"(?:1[0-2]|0?[1-9])月(?:{'|'.join(map(re.escape, vocab().dates.month_parts))}"
               rf"|(?:3[01]|[12]\d|0?[1-9])(?:{'|'.join(map(re.escape, vocab().dates.day_marks))}))")
_DATE = (rf"(?:{_DOTTED}(?:[-—–~～至]{_DOTTED})?"  # a month, or a period of months: 2023.07-2024.01
         rf"|(?:19|20)\d{{2}}年(?:\d{{1,2}}月(?:\d{{1,2}}日)?)?|每年\d{{1,2}}月(?:\d{{1,2}}日)?|{_MONTH_PART})"
         r"(?:底前|底|前|以前|之前)?(?:完成)?")


@cache
def value_words() -> tuple[str, str, str]:
    """The value vocabulary as regex alternations, longest first: (operators printed before a figure,
    units with %, multipliers). One reading of vocab.toml for every glued-cell pattern."""
    words = vocab()
    operators = "|".join(regex.escape(word) for word, _ in longest_first(words.operators.before))
    units = "|".join(regex.escape(unit) for unit in [*words.unit_names(), "%"])
    multipliers = "|".join(regex.escape(word) for word in words.multipliers)
    return operators, units, multipliers


@cache
def _operators_after() -> str:
    """Operators printed after a figure's unit (98%以上, 9月前), longest first."""
    return "|".join(regex.escape(word) for word, _ in longest_first(vocab().operators.after))


@cache
def _quality_words() -> str:
    """A quality printed as a value: a qualitative word of the templates data (健全, 达到预期), or an adverb
    and a verb (逐步健全, 有效遏制)."""
    values = knowledge()["values"]
    words = "|".join(regex.escape(word) for word in sorted(values["qualitative"], key=len, reverse=True))
    adverbs, verbs = ("|".join(regex.escape(word) for word in sorted(values[key], key=len, reverse=True))
                      for key in ("qualitative_adverbs", "qualitative_verbs"))
    return rf"{words}|(?:{adverbs})(?:{verbs})"


_GROUPED = r"(?:[1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.\d+)?"  # a figure, grouped in thousands or not (12,865)


_WORD = r"[\u4e00-\u9fff]{1,2}"


def _figure(operator: str) -> str:
    """A figure with its multiplier and unit, the unit's other name in brackets where printed (32万头(只)),
    and an operator after its unit (9月前); `operator` is "?" where it may stand without one before it."""
    operators, units, multipliers = value_words()
    # a rate's denominator is any short word, itself per another (元/村·年, 元/生·天)
    unit = rf"(?:{units})(?:/(?:{units}|{_WORD})(?:·{_WORD})?)?(?:[（(](?:{units})[)）])?|[A-Za-z]{{1,3}}(?![A-Za-z])"
    return rf"(?:{operators}){operator}{_GROUPED}(?:{multipliers})?(?:(?:{unit})(?:{_operators_after()})?)?"


@cache
def _value_shape() -> re.Pattern[str]:
    """A target or actual cell: a date (2024年6月底前), or an operator, a figure and a unit of the
    vocabulary (≥12个, 96.8%, 365.5万平方米), a range of two (80%-85%), or a quality phrase."""
    return compiled(rf"{_DATE}|{_figure('?')}(?:[-—–~～至]{_figure('?')})?|{_quality_words()}")


@cache
def _led_value() -> re.Pattern[str]:
    """A target that says where it starts: a figure led by an operator (≥120家, =100%), or a date."""
    return compiled(rf"{_DATE}|{_figure('')}")


@cache
def _held_value() -> re.Pattern[str]:
    """A value inside a run: a date, an operator-led figure, a figure with a unit of the vocabulary, or a
    quality phrase."""
    _, units, multipliers = value_words()
    return compiled(rf"{_DATE}|{_figure('')}|\d+(?:\.\d+)?(?:{multipliers})?(?:{units})|{_quality_words()}")


@cache
def _date() -> re.Pattern[str]:
    return compiled(_DATE)


def is_date(text: str) -> bool:
    """A whole cell printing a date (2023年11月底前)."""
    return _date().fullmatch(text) is not None


def holds_value(text: str) -> bool:
    """Whether a run holds a value after its first two characters (a numbering such as 2. is no value),
    or ends with figures run together after a word (项目数量111010: points, values): the run is a row,
    not a name alone."""
    return _held_value().search(text, 2) is not None or regex.search(r"\p{Han}\d{2,}$", text) is not None


def value_ends(text: str) -> list[int]:
    """Where each value a run holds ends (a date, an operator-led figure, a figure with its unit, a quality)."""
    return [found.end() for found in _held_value().finditer(text)]


@cache
def _date_at_end() -> re.Pattern[str]:
    return compiled(rf"(?:{_DATE})$")


def trailing_date(text: str) -> str | None:
    """A date that ends the text (完成时间2024年12月底前): the whole date, never its 12月底前 alone."""
    found = _date_at_end().search(text)
    return found.group() if found and found.start() > 0 else None


def cut_target_row(text: str, columns: list[str], after_value: bool = False) -> tuple[str, dict[str, str]] | None:
    """(name, {target, the text column after it}) for a target row printed as one run (支持基层医疗卫生
    机构数量≥120家获得设备配置补助的…): the target is the first operator-led figure or date after the
    name, the rest is the column after 指标值 (指标说明, 评分标准, 备注). None where no target leads.
    A column before the target (上年度实际水平) is the value shape that ends the text before it
    (数字资源年访问量46万人次≥50万人次…). Under 指标性质 | 指标值 | 度量单位 the three print as one target, given
    back to their columns (≥ | 90 | %)."""
    if parts := [column for column in columns if column in TARGET_PARTS]:
        if _measure_before_target(columns):
            return _measure_first(text)
        plain = [column for column in columns if column not in parts]
        cut = cut_target_row(text, plain, after_value)
        return (cut[0], _target_parted(cut[1], columns)) if cut else _worded_row(text, plain)
    if columns[:1] == _BEFORE_TARGET and (cut := cut_target_row(text, columns[1:], after_value=True)):
        before = _last_value(cut[0], None)
        name = cut[0][: -len(before)] if before and not before.isdigit() else ""  # 指标12: a name's digits
        return (name, {columns[0]: before, **cut[1]}) if name and _is_name(name) else None
    if columns[:1] != ["target"]:
        return None
    found = next((match for match in _led_value().finditer(text) if not _in_brackets(text, match.start())), None)
    before = r"[\p{Han})）%\d]$" if after_value else r"[\p{Han})）]$"  # a name ends with a word; a value may not
    if found is None and columns == ["target"] and (quality := _quality_tail(text)):
        return text[: -len(quality)], {"target": quality}  # 慢性病早期发现率 | 有效提升: a word target ends the row
    if found is None and columns == ["target"]:  # 固定资产账实相符率 | 100%: a figure with its unit ends the row
        found = next((match for match in _unit_figure().finditer(text) if match.end() == len(text)), None)
    if found is None or found.start() < 2 or not regex.search(before, text[: found.start()]):
        return None
    cells = {"target": found.group()}
    if rest := text[found.end():]:
        if columns[1:2] == ["weight"] and (weighed := _weight_then_text(rest, columns[2:])):
            return text[: found.start()], cells | weighed
        if len(columns) < 2 or columns[1] in ("weight", "score", "actual"):
            return None
        cells[columns[1]] = rest
    return text[: found.start()], cells


def _weight_then_text(text: str, columns: list[str]) -> dict[str, str] | None:
    """The 权重 and the text column after it, after a target that ends in its unit (…≥100% | 15 | 行业标准)."""
    found = re.match(r"(?:0|[1-9]\d{0,2})(?:\.\d)?(?=\D)", text)
    if not columns or found is None or not 0 < Decimal(found.group()) <= _MAX_POINTS \
            or not regex.match(r"\p{Han}", text[found.end():]):
        return None
    return {"weight": found.group(), columns[0]: text[found.end():]}


def _worded_row(text: str, columns: list[str]) -> tuple[str, dict[str, str]] | None:
    """A 定性 row under 指标性质 | 指标值 | … printed as one run: the name, the nature word, the target in words,
    then the 权重 and the text column after it where they are columns (路况长效管护机制定性健全10其他)."""
    if columns[:1] != ["target"]:
        return None
    natures = "|".join(regex.escape(word) for word in knowledge()["values"]["natures"])
    found = regex.fullmatch(rf"(?P<name>.+?[\p{{Han}})）])(?P<nature>{natures})(?P<target>[^\d]+?)(?P<rest>\d.*)?",
                            text)
    if found is None or found["name"] in ("", text) or (found["rest"] is None) != (columns[1:2] != ["weight"]):
        return None
    cells = {"nature": found["nature"], "target": found["target"]}
    if found["rest"] is None:
        return found["name"], cells
    weighed = _weight_then_text(found["rest"], columns[2:])
    return (found["name"], cells | weighed) if weighed else None


def _measure_before_target(columns: list[str]) -> bool:
    return columns[:3] == ["nature", "measure", "target"] or columns[:2] == ["measure", "target"]


def _measure_first(text: str) -> tuple[str, dict[str, str]] | None:
    """A row under 指标方向 | 计量单位 | 指标值 printed as one run: the operator, the unit, then the figure
    (新建独立式公厕数量≥座24: ≥ | 座 | 24); a 定性 row's value in words or a date (城市环境卫生面貌定性明显改善)."""
    operators, units, multipliers = value_words()
    natures = "|".join(regex.escape(word) for word in knowledge()["values"]["natures"])
    found = regex.fullmatch(rf"(?P<name>.+?[\p{{Han}})）])(?:(?P<nature>{operators})(?P<measure>(?:{multipliers})?"
                            rf"(?:{units}))?(?P<target>\d+(?:\.\d+)?)|(?P<word>{natures})(?P<text>.+))", text)
    if found is None:
        return None
    if found["word"]:
        return found["name"], {"nature": found["word"], "target": found["text"]}
    return found["name"], {key: found[key] for key in ("nature", "measure", "target") if found[key]}


_NAME_LEAST = 4  # characters of an indicator's name at the least, where a word target is cut off its end


def _quality_tail(text: str) -> str | None:
    """The quality phrase ending a run of a name and its target (管护机制健全, 居民健康档案动态管理长期坚持), where the
    name left before it is a name's length; the longest such phrase."""
    pattern = _quality_pattern()
    return next((text[start:] for start in range(_NAME_LEAST, len(text) - 1) if pattern.fullmatch(text[start:])
                 and regex.search(r"\p{Han}$", text[:start])), None)


@cache
def _quality_pattern() -> re.Pattern[str]:
    return compiled(_quality_words())  # literal words: the standard library compiles them in a third of the time


def cut_target_rows(text: str) -> list[str]:
    """Rows of a target table printed as one run (校舍维修改造质量合格率100%购置设施设备质量合格率100%): cut
    after each figure with its operator or unit where the next row's name opens, each piece a name and
    its target; [text] where the run is not wholly such rows (a name's own figures, prose, a word target)."""
    pieces, start = [], 0
    for found in _unit_figure().finditer(text):
        if found.end() < len(text) and not _name_opens(text, found) \
                or _in_brackets(text, found.start()):  # a name's note: (以…普及率92.3%为基数)
            continue
        if found.start() - start < 2 or not regex.search(r"[\p{Han})）]$", text[start : found.start()]):
            continue  # a name ends with a word, or a note in brackets: 开发数量(≥**个) | >=4个
        pieces.append(text[start : found.end()])
        start = found.end()
    return pieces if start == len(text) and len(pieces) > 1 else [text]


def _name_opens(text: str, value: re.Match[str]) -> bool:
    """Whether a name opens after a value: a word, or - after a value ending in its unit, where no figure goes
    on - an age or a count of a word (65岁及以上…, 0-6岁儿童…, 2型糖尿病…)."""
    rest = text[value.end():]
    return bool(regex.match(r"\p{Han}", rest) or not value.group()[-1].isdigit()
                and regex.match(r"\d{1,3}(?:-\d{1,3})?\p{Han}", rest))


def cut_target_weight_rows(text: str) -> list[str]:
    """Rows under 指标值 | 权重 printed as one run (扶持企业技术改造户数≥8户15举办技能大赛及展会场次2场次10…): cut
    after each value with its unit and the points after it where the next name opens, each piece a row the
    one-row cut reads; [text] where the run is not wholly such rows."""
    return _rows_ending(text, _unit_figure_points(), lambda piece: _target_then_weight(piece) is not None)


def cut_weight_target_rows(text: str) -> list[str]:
    """Rows under 权重 | 指标值 printed as one run (易涝点改造数量10≥12处排水管网清疏长度10≥180公里): cut after each
    value with its unit where the next name opens, each piece a row the one-row cut reads (a name, the
    points, the value); [text] where the run is not wholly such rows."""
    return _rows_ending(text, _unit_figure(), lambda piece: cut_ordered_row(piece, ["weight", "target"]) is not None)


def _rows_ending(text: str, row_end: re.Pattern[str] | regex.Pattern[str], is_row: Callable[[str], bool]) -> list[str]:
    """A glued run cut after each `row_end` match where the piece up to it is a row; [text] where the run
    is not wholly such rows."""
    pieces, start = [], 0
    for found in row_end.finditer(text):
        if _in_brackets(text, found.start()) or found.start() - start < 2:
            continue
        piece = text[start : found.end()]
        if is_row(piece):
            pieces.append(piece)
            start = found.end()
    return pieces if start == len(text) and len(pieces) > 1 else [text]


@cache
def _unit_figure_points() -> regex.Pattern[str]:
    """A value with its unit, then points, then a name's word or the end (≥8户15举办…; not 2024年11月: a date)."""
    return regex.compile(rf"(?:{_unit_figure().pattern})\d{{1,3}}(?:\.\d)?(?=$|(?![年月日])\p{{Han}})")


@cache
def _unit_figure() -> re.Pattern[str]:
    """A figure that says it is a value: led by an operator, or with its unit or %."""
    operators, units, multipliers = value_words()
    figure = rf"\d+(?:\.\d+)?(?:{multipliers})?"
    unit = rf"(?:{units})(?:/(?:{units}))?"  # 个, or a rate: 元/亩
    return compiled(rf"(?:{operators}){figure}(?:{unit})?|{figure}{unit}")


def cut_standard_row(text: str, columns: list[str]) -> tuple[str, dict[str, str]] | None:
    """(name, {description, target}) for a row under 参考标准 | 绩效目标值 printed as one run (技术培训完成
    时间计划标准2022年6月底前), or under 指标值 | 绩效标准 (服务周期内空气质量优良计划标准): the target is
    the value shape at its end of the run, the standard one of the templates' standard words (计划标准,
    行业标准 …). None where either is not there."""
    if columns not in (["description", "target"], ["target", "description"]):
        return None
    standard_last = columns[0] == "target"
    standard = next((word for word in knowledge()["values"]["standards"]
                     if (text.endswith(word) if standard_last else word in text)), "")
    rest = text[: -len(standard)] if standard_last and standard else text
    target = _last_value(rest, None) if standard else None
    if not target or target == rest or (not standard_last and not rest[: -len(target)].endswith(standard)):
        return None
    name = rest[: -len(target)] if standard_last else rest[: -len(target) - len(standard)]
    return (name, {"description": standard, "target": target}) if name and _is_name(name) else None


def cut_horizons_row(text: str, columns: list[str]) -> tuple[str, dict[str, str]] | None:
    """(name, {midterm_target, target}) for a row under 中期指标值 | 年度指标值 printed as one run
    (专业群数量≥3个≥1个, 长效机制健全逐步健全): both targets read from the right by their shapes."""
    return _cut_values(text, columns, {}) if columns == ["midterm_target", "target"] else None


def _in_brackets(text: str, at: int) -> bool:
    """Inside a bracket the name opened (普及率提升(以2023年底…为基数)): part of the name."""
    before = text[:at]
    return before.count("(") + before.count("（") > before.count(")") + before.count("）")


def cut_glued_row(text: str, columns: list[str]) -> tuple[str, dict[str, str]] | None:
    """(name, {column: text}) for a row whose columns after the name are `columns` (target, actual,
    weight, score, and optional notes last), or None where the run allows no cut or several."""
    if set(TARGET_PARTS) & set(columns):
        return _cut_parted(text, columns)
    note = columns[-1:] == ["note"]
    while columns[-1:] == ["note"]:  # 偏差原因分析 | 改进措施: the notes' cells glued are one
        columns = columns[:-1]
    if columns == ["target", "weight"]:
        return _target_then_weight(text)
    values = columns[:-2]
    if columns[-2:] != ["weight", "score"] or not set(values) <= {"target", "actual"}:
        return None
    cuts = []
    for numbers in _points_runs().finditer(text):
        tail = {"note": text[numbers.end():]} if numbers.end() < len(text) else {}
        if tail and not note:
            continue
        name, digits = text[: numbers.start()], numbers.group()
        endings = _digit_endings(digits, values)
        if (alone := _points_only(name, endings, tail)) and _bare_pairs(_splits(digits, 2)):
            return None  # 1110: 11 | 10 alone, or bare 1 | 1 | 1 | 0: the text does not tell
        cuts += [alone] if alone else []
        cuts += [cut for ending in endings for led, read in [_operator_led(name, ending)]
                 if (cut := _cut_values(led, values, {**read, **tail})) and _plausible(cut[1], read)]
    if not cuts and values == ["target", "actual"]:
        cuts = _weight_alone(text)
    return cuts[0] if len(cuts) == 1 else None


def _trailing_weight(text: str) -> tuple[str, str] | None:
    """(the text before, the weight) where a run ends with a 分值 after a non-figure (…人次15, 达标率=100%60)."""
    digits = re.search(r"(?<=[^\d.])\d{1,3}$", text)
    if digits is None or not _POINTS.fullmatch(weight := digits.group()) or not 0 < Decimal(weight) <= _MAX_POINTS:
        return None
    return text[: digits.start()], weight


def _target_then_weight(text: str) -> tuple[str, dict[str, str]] | None:
    """A target form's row under 指标值 | 权重 printed as one run (职业技能培训人次≥1200人次15): the digits ending
    it are the weight, the value before them the target (a word target too: 明显提高10 has one number)."""
    if (ending := _trailing_weight(text)) is None:
        return None
    rest, weight = ending
    if cut := _cut_values(rest, ["target"], {"weight": weight}):
        return cut
    target = _prose_target(rest)
    return (rest[: -len(target)], {"target": target, "weight": weight}) if target and len(target) < len(rest) else None


def _weight_alone(text: str) -> list[tuple[str, dict[str, str]]]:
    """The reading of a row of a form filled in part, its target and 分值 printed, 完成值 and 得分 left empty
    (发放覆盖率=100%60): the digits after a target that ends in its unit are the 分值 alone. Asked only where no
    filled reading fits (6 | 0 beside an empty 完成值 is not read: a row is not scored with no 完成值); a bare
    target's figures run into the 分值 (≥10060) and are not cut."""
    if (ending := _trailing_weight(text)) is None:
        return []
    cut = _cut_values(ending[0], ["target"], {"weight": ending[1]})
    return [cut] if cut and re.search(r"\d", cut[1]["target"]) else []  # a word target: 达成预期指标88 reads two ways


def _operator_led(name: str, ending: dict[str, str]) -> tuple[str, dict[str, str]]:
    """A bare target read out of the digits takes the operator printed before them (…数量≥2002021010:
    ≥200 | 202 | 10 | 10)."""
    led = re.search(rf"(?:{value_words()[0]})$", name) if "target" in ending else None
    if led is None:
        return name, ending
    return name[: led.start()], {**ending, "target": led.group() + ending["target"]}


TARGET_PARTS = ("nature", "measure")  # columns printed around the target: 指标性质 before it, 度量单位 after


def _cut_parted(text: str, columns: list[str]) -> tuple[str, dict[str, str]] | None:
    """A row under 指标性质 | 指标值 | 度量单位 (≥ | 1200 | 亩) printed as one run: the three print as one
    target (≥1200亩), read as such, then its operator and unit given back to their columns; a nature
    printed as a word (定性, 正向) stands between the name and the target, and is read only there."""
    plain = [column for column in columns if column not in TARGET_PARTS]
    words = [*knowledge()["values"]["natures"], *knowledge()["values"]["directions"]]
    cuts = [cut for word in words for at in _occurrences(text, word)
            if (cut := cut_glued_row(text[:at] + text[at + len(word):], plain)) and cut[0] == text[:at]
            and (cut := (cut[0], {"nature": word, **cut[1]}) if "nature" in columns else None)]
    if not cuts and (cut := cut_glued_row(text, plain)):
        cuts = [(cut[0], _target_parted(cut[1], columns))]
    return cuts[0] if len(cuts) == 1 else None


def _occurrences(text: str, word: str) -> list[int]:
    """Where `word` starts in `text`, after a name's first two characters."""
    return [found.start() for found in regex.finditer(regex.escape(word), text, pos=2)]


def _target_parted(cells: dict[str, str], columns: list[str]) -> dict[str, str]:
    """The target's operator under 指标性质 and its unit under 度量单位, where those columns are printed."""
    operators, units, multipliers = value_words()
    shape = rf"(?P<nature>{operators})?(?P<target>\d+(?:\.\d+)?)(?P<measure>(?:{multipliers})?(?:{units}))?"
    parts = re.fullmatch(shape, cells.get("target", ""))
    if parts is None:
        return cells
    given = {column: part for column, part in parts.groupdict().items() if part and column in TARGET_PARTS
             and column in columns}  # the target keeps what no column of its own prints (≥ | 3万亩: no 度量单位)
    return {**cells, **given, "target": "".join(part for column, part in parts.groupdict().items()
                                                 if part and column not in given)}


def _points_only(name: str, endings: list[dict[str, str]],
                 tail: dict[str, str]) -> tuple[str, dict[str, str]] | None:
    """A row that prints only its 分值 and 得分 after the name (保护全市人口财产不受损失1010: 指标值 and
    实际完成值 left empty): where the digits read as those two alone and no value ends the name."""
    points = next((ending for ending in endings if set(ending) == {"weight", "score"}), None)
    if points is None or not _is_name(name) or _last_value(name, None):
        return None
    return name, {**points, **tail}


@cache
def _points_runs() -> regex.Pattern[str]:
    """Digits that may end a row's values: at the end of the run, or before a note's first word; not
    before a date's 年/月/日 or a unit that ends its figure (2024年10月, 10.03万元1010 are values, not
    分值 and 得分; 个别 starts a note)."""
    _, units, multipliers = value_words()
    return regex.compile(rf"[\d.]+(?=$|\p{{Han}})(?![年月日]|(?:{multipliers})?(?:{units})(?:[^\p{{Han}}]|$))")


def _plausible(cells: dict[str, str], ending: dict[str, str]) -> bool:
    """A bare 实际完成值 read out of the digits stands beside a target of its size (≥50个 | 50), not a
    tenth of it (100% | 10 | 10 is 分值 and 得分 after a lone target)."""
    if "actual" not in ending:
        return True
    target = re.search(r"\d+(?:\.\d+)?", cells.get("target", ""))
    if target is None or Decimal(target.group()) == 0:
        return False
    return Decimal("0.5") <= Decimal(ending["actual"]) / Decimal(target.group()) <= 2


def _digit_endings(digits: str, values: list[str]) -> list[dict[str, str]]:
    """The ways the trailing digits end the row: 分值 and 得分, or bare values before them (a bare
    实际完成值: 5088 is 50 | 8 | 8; bare 指标值 and 实际完成值: 1001001010 is 100 | 100 | 10 | 10), each
    only where one split fits. Two bare values are taken within ten times each other: a wide window,
    so that the printed split is one of the fits whenever it is in it, and one fit is the printed one."""
    endings = []
    for count in range(len(values) + 1):
        fits = _splits(digits, count)
        if count == 2:
            fits = _bare_pairs(fits)
        # a bare 实际完成值 alone is weighed against the target once it is read (_plausible): every fit goes on
        if len(fits) == 1 or count == 1 and values[-1:] == ["actual"]:
            endings += [dict(zip([*values[len(values) - count:], "weight", "score"], fit, strict=True)) for fit in fits]
    return endings


def _bare_pairs(fits: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The splits whose two bare values (指标值, 实际完成值) are within ten times each other."""
    return [fit for fit in fits if _NUMBER.fullmatch(fit[0]) and Decimal(fit[0])
            and Decimal("0.1") <= Decimal(fit[1]) / Decimal(fit[0]) <= 10]


def _splits(digits: str, count: int) -> list[tuple[str, ...]]:
    """Every reading of `digits` as `count` numbers followed by 分值 and 得分 (no leading zeros,
    得分 ≤ 分值 ≤ 100, 分值 not 0)."""
    return [fit for fit in _shape_splits(digits, [_NUMBER] * count + [_POINTS, _POINTS]) if _points_agree(*fit[-2:])]


def _shape_splits(text: str, shapes: list[re.Pattern[str]]) -> list[tuple[str, ...]]:
    """Every reading of `text` as one piece per shape, in order, each piece the whole of its shape."""
    if not shapes:
        return [()] if not text else []
    return [(text[:at], *rest) for at in range(1, len(text) + 1) if shapes[0].fullmatch(text[:at])
            for rest in _shape_splits(text[at:], shapes[1:])]


def _points_agree(weight: str, score: str) -> bool:
    """分值 above 0 and at most 100, 得分 not above it."""
    return 0 < _points(weight) <= _MAX_POINTS and _points(score) <= _points(weight)


def _points(text: str) -> Decimal:
    """分值 or 得分 as a number, printed with its 分 or not."""
    return Decimal(text.removesuffix("分"))


def _cut_values(text: str, columns: list[str], cells: dict[str, str]) -> tuple[str, dict[str, str]] | None:
    """Name and the value cells not yet read, from the right."""
    rest = text
    for column in reversed(columns):
        if column in cells:
            continue
        found = _last_value(rest, cells.get("actual"))
        if found is None and column == "target" and "actual" in cells:
            found = _prose_target(rest)
        if found is None:
            return None
        rest, cells[column] = rest[: -len(found)], found
    figure_at_end = (found := _last_value(rest, None)) is not None and re.search(r"\d", found)
    if not rest or re.search(rf"(?:[\d.]|{value_words()[0]})$", rest) or figure_at_end:
        return None  # a name does not end with a figure or an operator: that would be another cell
    return rest, cells


def _prose_target(text: str) -> str | None:
    """A target printed as prose after its name (经费支出合规性 | 严格执行相关制度规定): the text after the one
    place where a word that ends names (性, 率, 成本) meets a word that opens targets (严格, 在, 符合)."""
    words = knowledge()["values"]
    cuts = [at for at in range(3, len(text) - 1)
            if any(text.startswith(ending, at - len(ending)) for ending in words["name_endings"])
            and any(text.startswith(opener, at) for opener in words["target_openers"])]
    return text[cuts[0]:] if len(cuts) == 1 else None


def points_run(digits: str) -> tuple[str, str] | None:
    """分值 and 得分 from their digits run together: the one split that fits, or None."""
    fits = _splits(digits, 0)
    return (fits[0][0], fits[0][1]) if len(fits) == 1 else None


def _last_value(text: str, actual: str | None) -> str | None:
    """The longest value shape that ends the text and starts a cell (not inside a figure); for a
    target, the same text as the actual where it is printed twice."""
    if actual is not None and text.endswith(actual) and len(text) > len(actual) \
            and not _value_shape().fullmatch(actual):
        return actual  # a text printed twice: 符合相关文件要求符合相关文件要求
    for start in range(len(text)):
        tail = text[start:]
        if _value_shape().fullmatch(tail) and (start == 0 or not re.match(r"[\d.]", text[start - 1])):
            return tail
    return _doubled_tail(text) if actual is None else None


def _doubled_tail(text: str) -> str | None:
    """The actual of a row whose target and actual print the same text: the longest text that
    ends the run twice over."""
    for size in range(len(text) // 2, 1, -1):
        if text.endswith(text[-size:] * 2) and len(text) > 2 * size:
            return text[-size:]
    return None


_WHOLE_AMOUNT = r"(?:0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*)"  # 1,250: grouped in thousands or not
_AMOUNT = compiled(rf"{_WHOLE_AMOUNT}(?:\.\d{{1,6}})?")
# an amount printed to a fixed count of decimals (1 to 4): _fixed_decimals tries each
_FIXED_AMOUNTS = tuple(compiled(rf"{_WHOLE_AMOUNT}\.\d{{{count}}}") for count in range(1, 5))
_RATE = compiled(r"(?:0|[1-9]\d*)(?:\.\d{1,2})?%")


def cut_funds_run(text: str, columns: list[str], weight: Decimal | None = None) -> list[str] | None:
    """A funds row's figures printed as one run (43.243.237.241086%9 under 年初预算数 | 全年预算数 |
    全年执行数 | 分值 | 执行率 | 得分), cut where exactly one split fits every column's shape and
    the printed 执行率 is the 执行数 over the 预算数 to its printed precision; a 原因 and empty marks after
    the figures are the last columns'. Without a printed rate nothing checks a cut (43.243.237.24: None)
    but a budget spent in full, its amount printed three times over (8808808801010: 880 | 880 | 880 | 10 | 10).
    `weight`, the points its heading prints (预算执行情况(10分)), is the total row's 分值: the 分值 cut must
    be it, and a 得分 after it may be left empty (…100.00%10 | 1.预算执行率…: 10 | empty), as may a 得分
    after a rate that ends the run (…338.3110102.59%: 10 | 102.59% | empty)."""
    if "execution_rate" not in columns or "executed" not in columns:
        return None
    # a 原因 opens with a word, or with its list's first number (…100.00%10 | 1.预算执行率=…)
    note = regex.search(r"(?<=[\d%/／—\-分])(?:[1-9][.、．])?\p{Han}.*$", text) if columns[-1:] == ["note"] else None
    if columns[-1:] == ["note"]:  # a 原因 opens with a word after the figures (…9.89年中追加…), or is not printed
        text, columns = text[: note.start()] if note else text, columns[:-1]
    fits = _funds_fits(text, columns, weight) if "%" in text else _spent_in_full(text, columns) \
        or _fixed_decimals(text, columns)
    # a 得分 left empty: nothing printed after the rate before it, or a 分值 its heading tells
    ends_at_rate = text.endswith("%") and bool(after_rate := columns[columns.index("execution_rate") + 1 :]) \
        and set(after_rate) <= set(_POINT_COLUMNS)  # …240.00100%: a part's row, its points left empty
    if not fits and columns[-1:] == ["score"] and (weight is not None or ends_at_rate):
        fits = _best_checked([(*fit, "") for fit in _funds_fits(text, columns[:-1], weight)], columns)
    if len(fits) != 1 and ends_at_rate and weight is None and "weight" in columns:  # a part's row: no points
        amounts = [column for column in columns if column not in _POINT_COLUMNS]
        fits = [tuple(dict(zip(amounts, fit)).get(column, "") for column in columns)
                for fit in _funds_fits(text, amounts, None)]
    fits = _best_checked(fits, columns)
    return [*fits[0], *([note.group()] if note else [])] if len(fits) == 1 else None


def _best_checked(fits: list[tuple[str, ...]], columns: list[str]) -> list[tuple[str, ...]]:
    """Of several cuts, those whose printed 执行率 checks the amounts to the most decimals: 318.06 / 325.8 is
    97.62% to two, where 8.0610 / 325.831 reads as a whole 2% (and a 分值 of 97.6)."""
    if len(fits) < 2 or "execution_rate" not in columns:
        return fits
    at = columns.index("execution_rate")
    decimals = [len(fit[at].partition(".")[2].rstrip("%")) if fit[at].endswith("%") else -1 for fit in fits]
    return [fit for fit, count in zip(fits, decimals) if count == max(decimals)]


_AMOUNT_COLUMNS = ("initial_budget", "full_year_budget", "executed")


def _spent_in_full(text: str, columns: list[str]) -> list[tuple[str, ...]]:
    """The cuts of a funds run with no % printed whose three amounts are one amount printed three times
    (年初 = 全年 = 执行: 880880880 | 10 | 10), its rate left empty or printed bare as that makes it (100, or 0
    of nothing), the points after them as printed (0001000: 0 | 0 | 0 | 10 | 0 | 0, or 100 | empty | 0)."""
    if tuple(columns[:3]) != _AMOUNT_COLUMNS or "execution_rate" not in columns[3:]:
        return []
    rest_columns = columns[3:]
    fits = []
    for size in range(1, len(text) // 3 + 1):
        amount = text[:size]
        if not _AMOUNT.fullmatch(amount) or text[size : 3 * size] != amount * 2:
            continue
        if len(rest := text[3 * size :]) == len(rest_columns) and all(_FUNDS_MARK.fullmatch(mark) for mark in rest):
            fits.append((amount, amount, amount, *rest))  # every cell after the amounts marked empty
            continue
        for rate in ("", "100" if _amount(amount) else "0"):
            printed = [column for column in rest_columns if column != "execution_rate" or rate]
            shapes = [regex.compile(rate) if column == "execution_rate" else _POINT_CELL for column in printed]
            rest = text[3 * size :]
            for pieces in _shape_splits(rest, shapes) if rest else [("",) * len(printed)] if not rate else []:
                cells = {"execution_rate": "", **dict(zip(printed, pieces))}
                if _marked_points_agree(cells):
                    fits.append((amount, amount, amount, *(cells.get(column, "") for column in rest_columns)))
    return fits


def _fixed_decimals(text: str, columns: list[str]) -> list[tuple[str, ...]]:
    """The cut of a funds run with no rate printed whose amounts are printed to a fixed count of decimals, a
    trailing 0 showing the format (省级资金260.00260.00253.32, 846.50912.30905.62—一—): each amount ends that
    many digits after its point, so one cut fits; the cells after the amounts left empty (marks or nothing)."""
    amounts = list(takewhile(lambda column: column in _AMOUNT_COLUMNS, columns))
    figures = re.match(r"[\d.,]+", text)
    if len(amounts) < 2 or figures is None or not _FUNDS_MARKS.fullmatch(text[figures.end():]):
        return []
    return [(*pieces, *[""] * (len(columns) - len(amounts))) for shape in _FIXED_AMOUNTS
            for pieces in _shape_splits(figures.group(), [shape] * len(amounts))
            if any(piece.endswith("0") for piece in pieces)]


def _marked_points_agree(cells: dict[str, str]) -> bool:
    """得分 ≤ 分值 ≤ 100 where a 分值 is printed as a figure; a cell left empty or marked (—, /) is not
    printed."""
    points = {column: cells[column] for column in _POINT_COLUMNS
              if cells.get(column) and not _FUNDS_MARK.fullmatch(cells[column])}
    return "weight" not in points or _points_agree(points["weight"], points.get("score", "0"))


def _funds_fits(text: str, columns: list[str], weight: Decimal | None) -> list[tuple[str, ...]]:
    """Every split of a funds row's figures that fits the columns' shapes and whose rate checks; its 分值
    the heading's points where printed, else a 分值 and 得分 that cannot be read as one 分值."""
    shapes = [_RATE if column == "execution_rate" else _POINT_CELL if column in _POINT_COLUMNS else _AMOUNT
              for column in columns]
    fits = [pieces for pieces in _shape_splits(text, shapes) if _rate_agrees(dict(zip(columns, pieces)))]
    if weight is None or "weight" not in columns:
        return [pieces for pieces in fits if not _points_unsplit(dict(zip(columns, pieces)), columns)]
    at = columns.index("weight")
    return [pieces for pieces in fits if _POINTS_PRINTED.fullmatch(pieces[at]) and _points(pieces[at]) == weight]


def _points_unsplit(cells: dict[str, str], columns: list[str]) -> bool:
    """A 分值 and 得分 printed side by side whose figures also read as one 分值 with the 得分 left empty
    (…100.00%10: 10 alone, or 1 | 0): the cut cannot be told."""
    if "weight" not in columns or columns[columns.index("weight") + 1 : columns.index("weight") + 2] != ["score"]:
        return False
    weight, score = cells["weight"], cells["score"]
    joined = weight + score
    return weight.isdigit() and bool(_POINTS_PRINTED.fullmatch(score)) and bool(_POINTS_PRINTED.fullmatch(joined)) \
        and _points(joined) <= 100


def _rate_agrees(cells: dict[str, str]) -> bool:
    """执行率 = 执行数 / 预算数 (全年, else 年初) to one unit of the rate's last printed decimal (a rate may be
    worked from unrounded amounts: 128.0466 / 130.8 printed 97.90%), a whole percent to its half; a rate of
    100% is the whole budget spent, 0% nothing spent; 得分 ≤ 分值 ≤ 100 where both are printed."""
    if not _marked_points_agree(cells):
        return False
    budget = _amount(cells.get("full_year_budget") or cells.get("initial_budget") or "0")
    rate, executed = Decimal(cells["execution_rate"][:-1]), _amount(cells["executed"])
    if not budget:  # nothing budgeted, nothing spent, nothing scored (0.00 | 0.00 | 0.00%)
        return executed == 0 and rate == 0 and not _scored(cells)
    if rate in (0, 100):  # all spent is all of it, nothing spent is nothing - and scores nothing (620680.5 | 655.31 |
        return executed == (budget if rate else 0) and (rate or not _scored(cells))  # 0 | 96.3 | 0% | 9.63 is no cut
    decimals = len(cells["execution_rate"][:-1].partition(".")[2])
    allowed = Decimal(1).scaleb(-decimals) if decimals else Decimal("0.5")  # 97.90% ± 0.01, 97% ± 0.5
    return abs(executed * 100 / budget - rate) <= allowed


def _scored(cells: dict[str, str]) -> bool:
    """Whether a funds row prints a 得分 above 0."""
    score = cells.get("score") or ""
    return bool(_POINTS_PRINTED.fullmatch(score)) and _points(score) > 0


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


_POINT_COLUMNS = ("weight", "score")
_VALUE_COLUMNS = ("target", "actual", "midterm_target")
_EMPTY_MARK = compiled(r"[—\-－/／一]+|无")  # 一: a dash as OCR reads it
_FREE_TEXT = regex.compile(r"\p{Han}.*(?<![\d.%])")  # a cell of prose: opens with a word, no figure at its end
_PROSE_COLUMNS = ("scoring_rule",)  # columns of prose only (评分标准)
_POINTS_PRINTED = compiled(r"(?:0|[1-9]\d*)(?:\.\d{1,2})?分?")  # 分值 and 得分 as printed: 15, 15分
# an empty 分值 or 得分 cell: 280.5566—96.88%—, 98.94%//, an OCR's 一 for a dash (120120120一一一)
_FUNDS_MARK = compiled(r"[—－\-/／一]{1,2}")
_FUNDS_MARKS = compiled(rf"(?:{_FUNDS_MARK.pattern})*")  # empty cells after a row's figures, or none
# a funds row's 分值 or 得分 cell: points, printed with their 分 or not, or an empty mark
_POINT_CELL = compiled(rf"(?:{_POINTS_PRINTED.pattern})|(?:{_FUNDS_MARK.pattern})")


def cut_ordered_row(text: str, columns: list[str]) -> tuple[str, dict[str, str]] | None:
    """(name, {column: text}) for a row printed as one run whose columns come in another order than
    cut_glued_row reads (参考分值 first: 享受补贴老年人数10≥1200人1236人10). Every column but a last
    note is printed; 分值 and 得分 are numbers (得分 ≤ 分值 ≤ 100, printed with their 分 or not), a value
    is a shape of the vocabulary or a dash, one value at most is prose - none where a 评分标准 column
    holds the row's prose (举办培训班期数15分=6期6期完成6期得15分,…15分); no cut falls inside a figure.
    Kept only where exactly one cut fits."""
    note = columns[-1:] == ["note"]
    printed = columns[:-1] if note else columns
    if not set(printed) <= {*_POINT_COLUMNS, *_VALUE_COLUMNS, *_PROSE_COLUMNS} \
            or not (set(_POINT_COLUMNS) <= set(printed) or printed[:1] == ["weight"]) \
            or printed[-2:] == list(_POINT_COLUMNS):
        return None
    prose = bool(set(_PROSE_COLUMNS) & set(printed))  # the prose is that column's: no value may be prose
    fits = [(text[:end], cells) for end in range(2, len(text)) if _is_name(text[:end])
            and not _cuts_figure(text[:end], "name", text[end:])
            for cells in _ordered_cells(text[end:], printed, note, prose)
            if _points_agree(cells["weight"], cells.get("score", "0"))]
    return fits[0] if len(fits) == 1 else None


def _is_name(text: str) -> bool:
    """A name ends with a word or a bracket, not with a figure, an operator or a value with a figure."""
    return bool(regex.search(r"[\p{Han})）]$", text)) and not _ends_with_figure(text)


def _ends_with_figure(text: str) -> bool:
    """Whether a value with a figure ends the text (…工程≥28处): that value is a cell of its own, not the
    end of a name or of a prose cell."""
    last = _last_value(text, None)
    return bool(last and regex.search(r"\d", last))


@cache
def _unit_opening() -> regex.Pattern[str]:
    """What ends a figure when it opens the next piece: a unit that no word follows, %, 年/月/日."""
    _, units, multipliers = value_words()
    return regex.compile(rf"[%年月日.]|(?:{multipliers})?(?:{units})(?:[^\p{{Han}}]|$)")


def _cuts_figure(piece: str, column: str, rest: str) -> bool:
    """Whether a cut after `piece` falls inside a figure: before its unit (1200 | 人), or between two
    digits after a value (≥12 | 00人); after 分值 digits may follow (10 | 200元), and a word opening
    with a unit's character (14 | 个别小巷…); a value's figure keeps the unit after it (934人次 | 达到…)."""
    if not rest or not re.search(r"[\d.]$", piece):
        return False
    if column in _VALUE_COLUMNS and _unit_start().match(rest):
        return True
    return bool(_unit_opening().match(rest)) or column not in _POINT_COLUMNS and rest[0].isdigit()


def _unit_goes_on(piece: str, rest: str) -> bool:
    """Whether a figure's unit goes on after the piece (934人 | 次…: the value is 934人次)."""
    return bool(re.search(r"\d", piece)) and any(_value_shape().fullmatch(piece + rest[:size])
                                                    for size in range(1, min(len(rest), 3) + 1))


@cache
def _unit_start() -> re.Pattern[str]:
    _, units, multipliers = value_words()
    return compiled(rf"(?:{multipliers})?(?:{units})")


@cache
def _unit_rate() -> re.Pattern[str]:
    unit = _unit_start().pattern
    return compiled(rf"(?:{unit})(?:/(?:{unit}))?")


def is_unit(text: str) -> bool:
    """A unit of the vocabulary, with its multiplier where printed (亩, %, 万元), or a rate of two (元/人)."""
    return _unit_rate().fullmatch(text) is not None


def _ordered_cells(text: str, columns: list[str], note: bool, prose: bool) -> list[dict[str, str]]:
    """Every reading of `text` as the cells of `columns` in order, a note after them where allowed."""
    if not columns:
        return [{"note": text}] if text and note and regex.match(r"\p{Han}", text) else [] if text else [{}]
    column, found = columns[0], []
    for at in range(1, len(text) + 1):
        piece = text[:at]
        if _cuts_figure(piece, column, text[at:]):
            continue
        if column in _POINT_COLUMNS:
            fits = bool(_POINTS_PRINTED.fullmatch(piece)) and (0 < _points(piece) <= _MAX_POINTS or column == "score")
            free = False
        elif column in _PROSE_COLUMNS:
            fits, free = bool(_FREE_TEXT.fullmatch(piece)), False
        else:
            shaped = bool(_value_shape().fullmatch(piece) or _EMPTY_MARK.fullmatch(piece)) and \
                not re.match(r"\D?0\d", piece) and not _unit_goes_on(piece, text[at:])
            free = not shaped and not prose and bool(_FREE_TEXT.fullmatch(piece)) and not _ends_with_figure(piece)
            fits = (shaped or free) and not _prose_meets_word(piece, free, text[at:], columns[1:])
        if fits:
            found += [{column: piece, **rest} for rest in _ordered_cells(text[at:], columns[1:], note, prose or free)]
    return found


def _prose_meets_word(piece: str, free: bool, rest: str, columns: list[str]) -> bool:
    """Prose beside a value that is a word (规范, 明显改善) could as well end or open with it: no cut
    between them is told by the text (…会计核算 | 规范 or …会计核算规范)."""
    if not columns or columns[0] not in _VALUE_COLUMNS:
        return False
    word = not free and not re.search(r"\d", piece) and not _EMPTY_MARK.fullmatch(piece)
    return (free or word) and bool(regex.match(r"\p{Han}", rest))
