"""Forms whose reading order another extractor scrambled (seed 002): labels printed in one run,
their values elsewhere. Values are paired only on evidence the form itself gives - a date's order,
the sum the components must reach, a line holding both a name and its target - and what stays
open is said in a flag, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models import Cell, Component, Indicator, Line
from normalize.dates import parse_date, split_dates
from normalize.numbers import format_money, parse_money
from normalize.patterns import compiled
from normalize.text import display_width, join_lines
from normalize.values import parse_value
from parsers.flow_rows import level_like, tokens
from parsers.hits import Labelled
from parsers.stream import Stream

_ORPHAN_RUN = 3  # this many labels in a row printed with nothing after them: the order is scrambled
_COMPONENT_SUFFIX = compiled(r"(费|费用|经费|租金|税金|资金)$")
_LEADING_OPERATOR = compiled(r"^[=<>≥≤≦≧＜＞＝]")
_TRAILING_LEVEL = compiled(r"(产出|效果|影响力|效益|满意度|投入和管理)目标$")


def is_scrambled(values: list[Labelled], stream: Stream) -> bool:
    """Labels printed one after another with nothing after them, on loose lines: in a ruled table
    an empty cell is just empty, but flowed text that lists labels has put their values elsewhere."""
    run = longest = 0
    for labelled in values:
        loose = stream.lines[stream.line_index(labelled.hit.start)].layout == "flow"
        orphan = labelled.hit.kind in ("field", "section") and not labelled.text and loose
        run = run + 1 if orphan else 0
        longest = max(longest, run)
    return longest >= _ORPHAN_RUN


@dataclass(frozen=True)
class Item:
    """A line that is not a label: an amount alone, a name with its amount, or text."""

    line: int
    kind: str  # amount · pair · text
    cells: tuple[Cell, ...]


def free_items(lines: list[Line], claimed: set[int]) -> list[Item]:
    items = []
    for index, line in enumerate(lines):
        if index in claimed:
            continue
        cells = tuple(cell for cell in tokens(line) if cell.text.strip())
        if not cells:
            continue
        amount = parse_money(cells[-1].text)
        if len(cells) == 1 and amount is not None:
            items.append(Item(index, "amount", cells))
        elif len(cells) >= 2 and amount is not None and not any(_LEADING_OPERATOR.match(c.text) for c in cells):
            items.append(Item(index, "pair", cells))
        else:
            items.append(Item(index, "text", cells))
    return items


def _paragraphs(run: list[Item]) -> list[list[Item]]:
    """Consecutive text lines split where a line ends short: each paragraph is one wrapped cell."""
    paragraphs: list[list[Item]] = [[]]
    widest = max((display_width(_text(item)) for item in run), default=0)
    for item in run:
        paragraphs[-1].append(item)
        if display_width(_text(item)) < 0.6 * widest or _COMPONENT_SUFFIX.search(_text(item)):
            paragraphs.append([])
    return [paragraph for paragraph in paragraphs if paragraph]


def _text(item: Item) -> str:
    return " ".join(cell.text for cell in item.cells)


@dataclass
class Components:
    components: list[tuple[int, Component]]
    problems: list[str]


def pair_components(items: list[Item], budget: object, exclude_names: set[str]) -> Components:
    """Names and amounts of 项目当年投入资金构成, wherever they were printed."""
    pairs: list[tuple[int, Component]] = []
    orphan_names: list[tuple[int, str]] = []
    orphan_amounts: list[int | object] = []
    run: list[Item] = []
    for item in items + [Item(-1, "end", ())]:
        if item.kind == "text" and not all(level_like(cell.text) for cell in item.cells):
            run.append(item)
            continue
        paragraphs = _paragraphs(run)
        run = []
        if item.kind == "amount" and paragraphs and _name_like(_join(paragraphs[-1])):
            named = paragraphs.pop()
            pairs.append((named[0].line, Component(name=_join(named), amount=parse_money(item.cells[0].text))))
        elif item.kind == "amount":
            orphan_amounts.append(parse_money(item.cells[0].text))
        elif item.kind == "pair":
            name = join_lines([cell.text for cell in item.cells[:-1]])
            pairs.append((item.line, Component(name=name, amount=parse_money(item.cells[-1].text))))
        orphan_names += [(p[0].line, _join(p)) for p in paragraphs]
    pairs = _same_print(pairs, items)
    known = [component.name for _, component in pairs]
    candidates = [(line, name) for line, name in orphan_names
                  if name not in exclude_names and _component_like(name, known)]
    return _resolve(pairs, candidates, orphan_amounts, budget)


def _same_print(pairs: list[tuple[int, Component]], items: list[Item]) -> list[tuple[int, Component]]:
    """Where the form prints its amounts with thousands separators, a long bare number beside a
    name is something else (seed 002: a contact's phone number beside his name)."""
    printed = {item.line: item.cells[-1].text for item in items if item.kind in ("pair", "amount")}
    grouped = sum("," in text for text in printed.values())
    if grouped < 2:
        return pairs
    return [(line, c) for line, c in pairs if "," in printed.get(line, ",") or len(printed.get(line, "")) < 5]


def _name_like(text: str) -> bool:
    """A cell naming a sub-project: short, not a sentence, not a date."""
    return display_width(text) <= 80 and not text.endswith("。") and not split_dates(text)


def _join(paragraph: list[Item]) -> str:
    return join_lines([_text(item) for item in paragraph])


def _component_like(name: str, known: list[str]) -> bool:
    if _LEADING_OPERATOR.search(name) or not _name_like(name) or display_width(name) > 60 or name[0] in "、，":
        return False
    return bool(_COMPONENT_SUFFIX.search(name)) or any(name[:6] == other[:6] for other in known if len(other) >= 6)


def _resolve(pairs: list, names: list[tuple[int, str]], amounts: list, budget: object) -> Components:
    problems = []
    if names and len(names) == len(amounts) and (len(amounts) == 1 or len(set(amounts)) == 1):
        pairs += [(line, Component(name=name, amount=amount)) for (line, name), amount in zip(names, amounts)]
    else:
        pairs += [(line, Component(name=name)) for line, name in names]
        if names or amounts:
            total = sum([c.amount for _, c in pairs if c.amount is not None] + amounts)
            agrees = "equals" if budget is not None and total == budget else "does not equal"
            problems.append(
                f"资金构成: {len(names)} names printed apart from their amounts "
                f"({'、'.join(name for _, name in names)}) and {len(amounts)} amounts without a name "
                f"({'、'.join(format_money(a) for a in amounts)}); the layout does not say which goes with which, "
                f"so their amounts are left empty (all amounts together: {format_money(total)} 元, which "
                f"{agrees} 项目当年预算)"
            )
    return Components(sorted(pairs, key=lambda pair: pair[0]), problems)


def same_line_indicators(items: list[Item]) -> list[Indicator]:
    """Indicator rows whose name and target were printed on one line; levels stay unknown."""
    found = []
    for item in items:
        cells = [cell.text for cell in item.cells]
        if item.kind != "text" or len(cells) < 2:
            continue
        target = _TRAILING_LEVEL.sub("", cells[-1])
        if not (_LEADING_OPERATOR.match(target) or target.endswith("%")):
            continue
        if level_like(cells[-2]):
            continue  # a level label beside a value: which row the value belongs to is lost
        level2 = cells[-3] if len(cells) >= 3 and level_like(cells[-3]) else None
        found.append(Indicator(level2=level2, name=cells[-2], target=parse_value(target)))
    return found


def date_lines(items: list[Item]) -> list[Item]:
    return [item for item in items if item.kind == "text" and re.fullmatch(r"[\d\-./年月日\s]+", _text(item))]


def resolve_dates(label_lines: list[str], items: list[Item]) -> tuple[object, object, str | None]:
    """(start, end, how) from the dates on the date labels' lines and on lines of their own."""
    written = [text for line in label_lines for text in split_dates(line)]
    written += [text for item in date_lines(items) for text in split_dates(_text(item))]
    starts = [d for text in written if (d := parse_date(text))]
    ends = [d for text in written if (d := parse_date(text, as_end=True))]
    if len(written) != 2:
        return None, None, None
    how = f"{' and '.join(written)} printed apart from their labels; the earlier is taken as the start"
    return min(starts), max(ends), how


def project_name_after_unit(lines: list[Line], unit_line: int | None, claimed: set[int]) -> tuple[int, str] | None:
    """The 申报表's first row under the 申报单位 line is the project name: the one text printed there."""
    if unit_line is None or unit_line + 1 >= len(lines) or unit_line + 1 in claimed:
        return None
    cells = [cell for cell in tokens(lines[unit_line + 1]) if cell.text.strip()]
    text = join_lines([cell.text for cell in cells])
    if not text or parse_money(text) is not None or len(text) > 40 or any(m in text for m in "□■☐☑√"):
        return None
    return unit_line + 1, text
