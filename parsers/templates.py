"""What follows from a form once read: its template family, scope, project code and coverage.

The template is the family of the templates data (forms.toml [[templates]]) whose printed markers
- its title, labels and column headers - the form shows most. Coverage is the share of the form's
printed characters that were read into a field, a section, `extra`, or are a known label; under
0.9 is a flag, since something printed was not read.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

import regex

from models import Flag, Form, Indicator, Value
from normalize.dates import parse_date
from normalize.numbers import parse_decimal
from normalize.patterns import compiled
from normalize.values import parse_value
from parsers.knowledge import bounded_share, knowledge, level_family, title_pattern
from parsers.stream import where_of
from parsers.tokens import Token, canonical, compact, misread_labels

COVERAGE_FLOOR = Decimal("0.9")
_MIN_TEMPLATE_SCORE = 0.4  # below it the form is none of the known families: generic
_CODE = compiled(
    r"^\s*(?:[\[［【](?P<bracketed>[0-9A-Za-z]{3,})[\]］】]|(?P<dashed>\d[0-9A-Za-z]{5,})\s*[-—_－])\s*"
)


def template_of(form: Form, tokens: list[Token]) -> str:
    """The family whose markers the form prints most (as a share of its markers; its title adds half)."""
    # a marker (no line break in it) is in the joined labels where it is in one of them
    printed = "\n".join({token.text for token in tokens if token.is_label})
    title = compact(form.title or "")
    best, best_score = f"generic_{form.form_type}", _MIN_TEMPLATE_SCORE
    for identity, names, markers in _template_markers(form.form_type):
        score = 0.5 if title in names else 0.25 * any(title.endswith(name) for name in names)
        score += sum(marker in printed for marker in markers) / len(markers)
        if score > best_score:
            best, best_score = identity, score
    return best


@cache
def _template_markers(family: str) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """(id, its titles, its markers) of each template of a family, compacted as the forms' texts are."""
    return tuple((template["id"], tuple(compact(name) for name in template["titles"]),
                  tuple(compact(marker) for marker in template["markers"]))
                 for template in knowledge()["templates"] if template["family"] == family)


def scope_of(form: Form) -> str:
    department = title_pattern("department_pattern").search(form.title or "")
    return "department" if department else "project"


def project_code_of(form: Form) -> str | None:
    """The code printed under its own label (项目编码), else the one opening the name:
    51000021R000000019951-工资性支出 -> 51000021R000000019951 (the name is kept as printed)."""
    if form.project_code:
        return form.project_code
    found = _CODE.match(form.project_name or "")
    return (found["bracketed"] or found["dashed"]) if found else None


def coverage_of(form: Form, tokens: list[Token]) -> tuple[Decimal | None, list[str]]:
    """(the share of the printed characters read, the printed texts not read)."""
    haystack, numbers = _read_text(form)
    printed = read = 0
    unread: list[str] = []
    for token in tokens:
        if token.kind == "empty":
            continue
        size = len(token.text)
        printed += size
        if token.is_label or token.text in haystack or _number(token.text) in numbers or _is_template_text(token.text) \
                or parse_date(token.text) in numbers:
            read += size
        else:
            unread.append(token.text)
    if not printed:
        return None, unread
    return (Decimal(read) / Decimal(printed)).quantize(Decimal("0.01"), ROUND_HALF_UP), unread


def _number(text: str) -> Decimal | None:
    found = parse_decimal(text.rstrip("%％"))
    return found.normalize() if found is not None else None


def _read_text(form: Form) -> tuple[str, set[Decimal | date]]:
    """The texts a form read, and its figures and dates (printed 2019-1-1, read 2019-01-01)."""
    texts: list[str] = []
    numbers: set[Decimal | date] = set()
    _collect(form.model_dump(exclude={"provenance"}), texts, numbers)
    numbers |= {(number / 10000).normalize() for number in numbers if isinstance(number, Decimal)}  # printed in 万元
    for indicator in form.indicators:  # a name printed glued to its explanation and target
        pieces = [indicator.name, indicator.description, indicator.target.raw if indicator.target else None]
        texts.append("".join(piece for piece in pieces if piece))
    return "\n".join(compact(text) for text in texts), numbers


def _collect(value: object, texts: list[str], numbers: set[Decimal | date]) -> None:
    if value is None:  # most of a form's fields: asked first
        return
    if isinstance(value, dict):
        texts.extend(key for key in value if isinstance(key, str))
        for item in value.values():
            if item is not None:
                _collect(item, texts, numbers)
    elif isinstance(value, list):
        for item in value:
            _collect(item, texts, numbers)
    elif isinstance(value, str):
        texts.append(value)
    elif isinstance(value, Decimal):
        numbers.add(value.normalize())
    elif isinstance(value, date):
        numbers.add(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        texts.append(str(value))


def finish_forms(forms: list[Form], flags: list[Flag],
                 spans: list[list[Token]]) -> tuple[list[Form], list[Flag], list[list[str]]]:
    """The forms with their template, scope, code and coverage; the flags with a low coverage's; and each
    form's printed texts no field read."""
    finished, unread_texts = [], []
    for index, (form, tokens) in enumerate(zip(forms, spans)):
        form = _greater_signs_read(_instructions_left(form, index, flags), index, flags)
        form = _year_of_form_before(form, finished[-1] if finished else None, index, flags)
        form = _department_budget_of_year(_level1_of_families(form, tokens, index, flags))
        form = _local_department(_rate_row_points(form, tokens, index, flags), tokens)
        flags += _misread_labels_said(tokens, index)
        coverage, unread = coverage_of(form, tokens)
        unread_texts.append(unread)
        finished.append(form.model_copy(update={
            "template": template_of(form, tokens), "scope": scope_of(form), "project_code": project_code_of(form),
            "coverage": coverage}))
        if coverage is not None and coverage < COVERAGE_FLOOR:
            flags.append(Flag(form_index=index, code="low_coverage", severity="warning",
                              message=f"only {coverage:.0%} of the form's printed text was read into a field, a "
                              f"section or `extra`: {_listed(unread)}", found=str(coverage)))
    return finished, flags, unread_texts


def _level1_of_families(form: Form, tokens: list[Token], index: int, flags: list[Flag]) -> Form:
    """A table whose header prints a 一级 column but whose rows print no 一级 label at all (an OCR of a preview
    drops the vertical merged cells) gives each row whose 二级 label belongs to one family of the templates'
    taxonomy that family's 一级 label (数量指标: 产出指标), said by an info flag; a row of a 二级 label no family
    holds keeps none, and a table with no 一级 column keeps none."""
    if not form.indicators or any(indicator.level1 for indicator in form.indicators) \
            or not any(token.kind == "column" and token.key == "level1" for token in tokens):
        return form
    inferred = [indicator.model_copy(update={"level1": f"{family}指标"})
                if indicator.level2 and (family := level_family(indicator.level2)) else indicator
                for indicator in form.indicators]
    if inferred == form.indicators:
        return form
    flags.append(Flag(form_index=index, code="level1_inferred", severity="info",
                      paths=[f"indicators[{row}].level1" for row, indicator in enumerate(inferred) if indicator.level1],
                      message="no 一级 label printed in the indicator table: each row's taken from its 二级 label's "
                      "family (数量指标: 产出指标)"))
    return form.model_copy(update={"indicators": inferred})


def _local_department(form: Form, tokens: list[Token]) -> Form:
    """The local department where a form prints an upper one beside it ([department_precedence]): the department
    the local label gives, the upper one's value kept in extra under its label."""
    local = knowledge()["department_precedence"]["local"]
    printed = [(at, canonical(token.text)[0] in local) for at, token in enumerate(tokens)
               if token.kind == "field" and token.key == "department"]
    if all(is_local for _, is_local in printed) or not any(is_local for _, is_local in printed):
        return form  # one department printed, or local ones only: the reading stands
    at = next(at for at, is_local in printed if is_local)
    value = next((token for token in tokens[at + 1 :] if token.kind != "empty"), None)
    if value is None or value.kind != "value" or not form.department or compact(value.text) == form.department:
        return form
    upper = form.provenance.get("department")
    label = upper.label if upper is not None and upper.label else "主管部门"
    return form.model_copy(update={
        "department": compact(value.text), "extra": {**form.extra, label: form.department},
        "provenance": {**form.provenance, "department": where_of(list(value.cells), tokens[at].text)}})


def _rate_row_points(form: Form, tokens: list[Token], index: int, flags: list[Flag]) -> Form:
    """A funds block's own 预算执行率 row (预算执行率 98.50% 10 9.85; 预算执行率(10分) 100.00% 得分 10; 预算执行率
    分值 10 得分 9.64): its 分值 and 得分 are the total row's, where that row prints neither, said by an info flag."""
    if not form.funds or form.funds[0].weight is not None or form.funds[0].score is not None:
        return form
    for at, token in enumerate(tokens):
        if token.kind == "field" and token.key == "execution_rate" \
                and (points := _rate_row(token, [t for t in tokens[at + 1 :] if t.line == token.line])):
            weight, score, cells = points
            total = form.funds[0].model_copy(update={"weight": weight, "score": score})
            where = where_of(cells, token.text)
            provenance = {**form.provenance, **{f"funds[0].{key}": where for key in ("weight", "score")}}
            flags.append(Flag(form_index=index, code="funds_points_from_rate_row", severity="info",
                              paths=["funds[0].weight", "funds[0].score"], found=token.text,
                              message=f"the funds' 分值 {weight} and 得分 {score} read from the block's own "
                              f"{token.text} row onto its total row"))
            return form.model_copy(update={"funds": [total, *form.funds[1:]], "provenance": provenance})
    return form


def _rate_row(label: Token, line: list[Token]) -> tuple[Decimal, Decimal, list] | None:
    """(分值, 得分, their cells) of a 预算执行率 row: the points its label prints or the first bare figure (or the one
    after 分值), then the score (the next bare figure, or the one after 得分); the rate itself passed."""
    weight, score, cells, after = label.points, None, list(label.cells), None
    for token in line:
        if token.kind == "column" and token.key in ("weight", "score"):
            after = token.key
        elif token.kind == "value" and token.text.endswith("%"):
            continue
        elif token.kind == "value" and (figure := parse_decimal(token.text)) is not None:
            key = after or ("weight" if weight is None else "score")
            weight, score = (figure, score) if key == "weight" else (weight, figure)
            cells += token.cells
            after = None
        else:
            return None  # a row of other cells: not the block's rate row
    if weight is None or score is None or not 0 < weight <= 100 or not 0 <= score <= weight:
        return None
    return weight, score, cells


def _misread_labels_said(tokens: list[Token], index: int) -> list[Flag]:
    """A warning for each label read through an OCR's misreading of one of its characters (项Fl名称)."""
    said = []
    for token in tokens:
        printed = canonical(token.text)[0]
        if (label := misread_labels().get(printed)) is not None:
            said.append(Flag(form_index=index, code="label_misprinted", severity="warning", found=token.text,
                             expected=label, message=f"{printed} read as the label {label} (an OCR's misreading "
                             "of one character); check the original"))
    return said


def _instructions_left(form: Form, index: int, flags: list[Flag]) -> Form:
    """The form without the sections that print their template's instruction (对照年度目标,说明…(100字以内)) and
    the funds notes that print the template's explanation of the block (1.预算执行率=…(100字以内);2.…): an
    unfilled box, not an answer; each said by an info flag holding its text."""
    instructions = {f"sections.{key}": text for key, text in form.sections.items() if is_instruction(text)}
    instructions |= {f"funds[{at}].note": row.note for at, row in enumerate(form.funds)
                     if row.note and _LENGTH_NOTE.search(compact(row.note))}
    for path, text in instructions.items():
        flags.append(Flag(form_index=index, code="template_instruction", severity="info", paths=[path],
                          message=f"{path} prints the template's instruction, not an answer: left empty", found=text))
    if not instructions:
        return form
    return form.model_copy(update={
        "sections": {key: text for key, text in form.sections.items() if f"sections.{key}" not in instructions},
        "funds": [row.model_copy(update={"note": None}) if f"funds[{at}].note" in instructions else row
                  for at, row in enumerate(form.funds)]})


def _department_budget_of_year(form: Form) -> Form:
    """A department's target form budgets one year (年度预算申请: 资金总额 | 财政拨款 | 其他资金): the total it prints
    is that year's, its current_budget, where no other amount is the year's."""
    if form.form_type != "target" or scope_of(form) != "department" or form.current_budget is not None \
            or form.total_budget is None:
        return form
    provenance = {("current_budget" if path == "total_budget" else path): where
                  for path, where in form.provenance.items()}
    return form.model_copy(update={"current_budget": form.total_budget, "total_budget": None,
                                   "provenance": provenance})


def _year_of_form_before(form: Form, before: Form | None, index: int, flags: list[Flag]) -> Form:
    """A form printing no year, straight after one of the same document that gives its year (a title printed
    once over a department's forms, each later one opening at its 项目名称; a page's heading naming the year over
    several forms each titled without one): that year, said."""
    if form.year is not None or before is None or before.year is None:
        return form
    flags.append(Flag(form_index=index, code="year_inferred", severity="info", paths=["year"],
                      message=f"no year printed; taken from the form before it ({before.year})"))
    return form.model_copy(update={"year": before.year})


# a share's target printed 2 then a percent no more than 100 (292%): the ≥ an extractor or an OCR printed as 2
_GREATER_AS_2 = regex.compile(r"2(?P<rest>(?:100|[1-9]?\d)(?:\.\d+)?)\s*[%％]")


def _greater_signs_read(form: Form, index: int, flags: list[Flag]) -> Form:
    """The form with each target of a share that cannot pass 100% (its name holds a word of [values]
    bounded_shares: 合格率, 满意度 …) printed as 2 and a percent within 100 read as ≥ that percent: 292% is
    ≥92% (realdev 鄂州), said by a warning holding the printed text; and, the text so proven to print ≥ as 2,
    each other target five times its actual (_greater_of_actual). Any other share above 100% stays as printed
    (the scorer's share_above_100)."""
    repairs: dict[int, tuple[Value, str]] = {}
    for row, indicator in enumerate(form.indicators):
        target = indicator.target
        printed = _GREATER_AS_2.fullmatch(target.raw) if target is not None and target.op is None else None
        if printed is not None and bounded_share(indicator.name) is not None:
            repairs[row] = parse_value(f"≥{printed['rest']}%"), "a share cannot pass 100%: the ≥ was printed as 2"
    if repairs:
        for row, indicator in enumerate(form.indicators):
            if row not in repairs and (target := _greater_of_actual(indicator)) is not None:
                repairs[row] = target, f"this text prints ≥ as 2, and the actual {indicator.actual.raw} is of the " \
                    "figure after the 2"
    indicators = list(form.indicators)
    for row, (target, why) in repairs.items():
        indicator = indicators[row]
        indicators[row] = indicator.model_copy(update={"target": target})
        flags.append(Flag(form_index=index, code="greater_sign_read_as_2", severity="warning",
                          paths=[f"indicators[{row}].target"], found=indicator.target.raw, expected=target.raw,
                          message=f"{indicator.name}: {indicator.target.raw} read as {target.raw} ({why}); "
                          "check the original"))
    return form.model_copy(update={"indicators": indicators}) if repairs else form


_TWO_BEFORE_FIGURE = regex.compile(r"2(?P<rest>[1-9]\d*(?:\.\d+)?|0\.\d+)(?P<unit>\D*)")
_NEAR = (Decimal("0.5"), Decimal(2))  # an actual within half to twice its target is of that target's size


def _greater_of_actual(indicator: Indicator) -> Value | None:
    """The target 24.6万亩 of an actual 4.62万亩, in a text that prints ≥ as 2, as ≥4.6万亩: the figure after
    the 2 is of the actual's size (half to twice it) where the figure as printed is far above it (five times
    and more)."""
    target, actual = indicator.target, indicator.actual
    if target is None or actual is None or target.op is not None or target.value is None or not actual.value \
            or (target.unit or "") != (actual.unit or "") or not (printed := _TWO_BEFORE_FIGURE.fullmatch(target.raw)):
        return None
    rest = Decimal(printed["rest"])
    if target.value < 5 * actual.value or not _NEAR[0] <= actual.value / rest <= _NEAR[1]:
        return None
    return parse_value(f"≥{printed['rest']}{printed['unit']}")


_LENGTH_NOTE = regex.compile(r"[（(](?:限|不超过)?\d+字(?:以内|以下)?[)）]")  # (100字以内): a box's instruction


@cache
def _instruction_shape() -> regex.Pattern[str]:
    words = knowledge()["section_texts"]
    openers = "|".join(regex.escape(word) for word in words["instruction_openers"])
    return regex.compile(rf"^(?:{openers}).*?{words['instruction_end']}", regex.S)


def _is_template_text(text: str) -> bool:
    """An instruction the template prints in a box, or a row of its checkbox options: read as the template's,
    not the form's (the option checked is read into its field, none or several checked are flagged)."""
    words = compact(text)
    return is_instruction(text) or _LENGTH_NOTE.search(words) is not None or _options_row().fullmatch(words) is not None


@cache
def _options_row() -> re.Pattern[str]:
    """A row of the templates data's checkbox options, each with its box (新增项目□延续项目√). Literal words and
    marks: the standard library compiles them in a third of the regex module's time."""
    box = knowledge()["checkbox"]
    marks = regex.escape("".join(box["checked_marks"] + box["empty_marks"]))
    options = {compact(option) for key, listed in box.items() if not key.endswith("marks") for option in listed}
    words = "|".join(map(regex.escape, sorted(options, key=lambda option: (-len(option), option))))
    return compiled(rf"(?:[{marks}](?:{words})[{marks}]?|(?:{words})[{marks}])+")


def is_instruction(text: str | None) -> bool:
    """A template's instruction for a box, printed where the box was not filled (结合自评情况,分析存在的问题及原因。
    (200字以内)); the words are forms.toml [section_texts] instruction_openers and instruction_end."""
    return text is not None and _instruction_shape().match(compact(text)) is not None


def _listed(unread: list[str]) -> str:
    return "、".join(text[:20] for text in unread[:8]) + ("…" if len(unread) > 8 else "")
