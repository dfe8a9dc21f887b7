"""Rules across the documents of one run: a project against itself the year before, a 自评表 against its 目标表.

Two forms are the same project only when all of these hold (a conservative match, said in every flag):

- the units agree: equal once spaces and punctuation are dropped, or one is the start of the other and
  at least 10 characters long (a unit cut in print: 上海市人力资源和社会保障局咨询服务 / …咨询服务中心);
- the project names agree: equal once spaces and punctuation are dropped; or the names carry a number
  (12333) and the shorter is the longer with one run taken out of its middle - a run with no digit and no
  期, at most half as long as the shorter name (12333热线咨询平台项目经费 is 12333热线全媒体智能咨询平台项目经费
  without 全媒体智能; 12345服务热线专项经费 and 12345市民服务热线外包服务 do not match);
- the pairing is one to one: each form has exactly one such match of the other's year and form type
  (a second candidate on either side, and no pair is made).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from models import Document, Flag, Form, FormType
from normalize.numbers import format_money
from normalize.patterns import compiled
from normalize.text import fold_width
from scoring.common import cell_path, flag, fund_index, plain, total_row, year_budget, year_executed

_MIN_UNIT_PREFIX = 10
_DIGIT = compiled(r"[0-9]")
_NOT_IN_VARIANT = compiled(r"[0-9期]")  # a run naming a number or a phase (二期) marks another project
_FORM_WORD = {"target": "目标表", "self_eval": "自评表"}


@dataclass(frozen=True)
class Filed:
    """One form of the run and where it was read."""

    document: int
    form_index: int
    form: Form
    path: str
    sha256: str

    @property
    def key(self) -> tuple[str, int]:
        return self.sha256, self.form_index

    def cite(self) -> str:
        """samples/seeds/002_….txt 表 0（上海市财政支出项目绩效目标申报表 2019「12333热线…」）."""
        title = self.form.title or _FORM_WORD[self.form.form_type]
        return f"{self.path} 表 {self.form_index}（{title} {self.form.year}「{self.form.project_name}」）"


CrossRule = Callable[[Filed, Sequence[Filed]], Iterator[Flag]]


def _key(text: str) -> str:
    return plain(fold_width(text))


def same_unit(a: str | None, b: str | None) -> str | None:
    """How the two units were matched, or None."""
    if not a or not b:
        return None
    shorter, longer = sorted((_key(a), _key(b)), key=len)
    if shorter == longer:
        return f"单位相同「{a}」"
    if len(shorter) >= _MIN_UNIT_PREFIX and longer.startswith(shorter):
        return f"单位「{shorter}」是「{longer}」的开头（印刷截断）"
    return None


def _inner_run(shorter: str, longer: str) -> str | None:
    """The run taken out of the middle of `longer` that leaves `shorter`, or None."""
    cut = len(longer) - len(shorter)
    if cut <= 0:
        return None
    for start in range(1, len(shorter)):
        if longer[:start] == shorter[:start] and longer[start + cut:] == shorter[start:]:
            return longer[start:start + cut]
    return None


def same_project_name(a: str | None, b: str | None) -> str | None:
    """How the two project names were matched, or None."""
    if not a or not b:
        return None
    shorter, longer = sorted((_key(a), _key(b)), key=len)
    if shorter == longer:
        return f"项目名称相同「{a}」"
    run = _inner_run(shorter, longer)
    numbers = _DIGIT.search(shorter)
    if run is None or numbers is None or _NOT_IN_VARIANT.search(run) or 2 * len(run) > len(shorter):
        return None
    shared = "、".join(re.findall(r"[0-9]+", shorter))
    return f"项目名称同含 {shared}，「{shorter}」即「{longer}」去掉「{run}」"


def same_project(a: Form, b: Form) -> str | None:
    """How two forms were matched as one project (unit and name), or None."""
    unit = same_unit(a.unit, b.unit)
    name = same_project_name(a.project_name, b.project_name) if unit else None
    return None if name is None else f"{unit}；{name}"


def _matches(form: Form, batch: Sequence[Filed], year: int, form_type: FormType) -> list[tuple[Filed, str]]:
    found: dict[tuple[str, int], tuple[Filed, str]] = {}
    for other in batch:
        if other.form.year == year and other.form.form_type == form_type and other.form is not form:
            how = same_project(form, other.form)
            if how is not None:
                found.setdefault(other.key, (other, how))  # the same file given twice is one form
    return list(found.values())


def counterpart(filed: Filed, batch: Sequence[Filed], year: int | None,
                form_type: FormType) -> tuple[Filed, str] | None:
    """The one form of that year and type that is the same project, matched one to one; else None."""
    if year is None or filed.form.year is None:
        return None
    matches = _matches(filed.form, batch, year, form_type)
    if len(matches) != 1:
        return None
    other, how = matches[0]
    back = _matches(other.form, batch, filed.form.year, filed.form.form_type)
    return (other, how) if [match.key for match, _ in back] == [filed.key] else None


def _budget_label(form: Form) -> str:
    if form.form_type == "target":
        return "项目当年预算"
    return "当年预算数" if form.current_budget is not None or total_row(form) is None else "全年预算数"


def _last_year(filed: Filed, batch: Sequence[Filed]) -> Iterator[tuple[Filed, str]]:
    if filed.form.year is None:
        return
    for form_type in ("target", "self_eval"):
        found = counterpart(filed, batch, filed.form.year - 1, form_type)
        if found is not None:
            yield found


def _difference(found: Decimal, expected: Decimal) -> str:
    return f"差 {format_money(found - expected)} 元"


def prior_budget_vs_last_year(filed: Filed, batch: Sequence[Filed]) -> Iterator[Flag]:
    """This year's 上年预算 = last year's budget of the same project (目标表 项目当年预算, 自评表 当年预算数).

    prior_budget_mismatch (warning) when no form of last year agrees; prior_budget_adjusted (info) when
    one agrees and another differs (the budget was changed during last year).
    """
    prior = filed.form.prior_budget
    if prior is None:
        return
    last = [(other, how, year_budget(other.form)) for other, how in _last_year(filed, batch)]
    last = [(other, how, budget) for other, how, budget in last if budget is not None]
    agreeing = [(other, how) for other, how, budget in last if budget == prior]
    for other, how, budget in last:
        if budget == prior:
            continue
        said = (f"上年预算 {format_money(prior)} 元 ≠ {other.cite()}的{_budget_label(other.form)} "
                f"{format_money(budget)} 元（{_difference(prior, budget)}）")
        if agreeing:
            same, same_how = agreeing[0]
            yield flag(filed.form_index, "prior_budget_adjusted", "info",
                       f"{said}，但与 {same.cite()}的{_budget_label(same.form)}一致：上年预算在年中调整过。"
                       f"匹配依据：{how}（后者：{same_how}）", budget, prior, paths=["prior_budget"])
        else:
            yield flag(filed.form_index, "prior_budget_mismatch", "warning", f"{said}。匹配依据：{how}", budget, prior,
                       paths=["prior_budget"])


def prior_executed_vs_last_year(filed: Filed, batch: Sequence[Filed]) -> Iterator[Flag]:
    """This year's 上年预算执行数 = last year's 自评表 预算执行数 / 全年执行数 of the same project."""
    prior = filed.form.prior_executed
    last = counterpart(filed, batch, filed.form.year - 1, "self_eval") if filed.form.year is not None else None
    if prior is None or last is None:
        return
    other, how = last
    executed = year_executed(other.form)
    if executed is not None and executed != prior:
        yield flag(filed.form_index, "prior_executed_mismatch", "warning",
                   f"上年预算执行数 {format_money(prior)} 元 ≠ {other.cite()}的预算执行数 {format_money(executed)} 元"
                   f"（{_difference(prior, executed)}）。匹配依据：{how}", executed, prior, paths=["prior_executed"])


def _planned_budget(form: Form) -> tuple[str, Decimal | None, str]:
    """A 自评表's budget as first planned, and its path: 年初预算数 of 年度资金总额, else its 当年预算数."""
    total = total_row(form)
    if total is not None and total.initial_budget is not None:
        return "年初预算数", total.initial_budget, cell_path("funds", fund_index(form, total), "initial_budget")
    return "当年预算数", form.current_budget, "current_budget"


def self_eval_vs_target(filed: Filed, batch: Sequence[Filed]) -> Iterator[Flag]:
    """A 自评表's budget = the 目标表 of the same project and year: 年初预算数 (or 当年预算数) = 项目当年预算,
    上年预算金额 = 同名项目上年预算额."""
    found = counterpart(filed, batch, filed.form.year, "target") if filed.form.form_type == "self_eval" else None
    if found is None:
        return
    other, how = found
    label, planned, path = _planned_budget(filed.form)
    pairs = ((label, planned, path, "项目当年预算", other.form.current_budget),
             ("上年预算金额", filed.form.prior_budget, "prior_budget", "同名项目上年预算额", other.form.prior_budget))
    for mine, here, where, theirs, there in pairs:
        if None not in (here, there) and here != there:
            yield flag(filed.form_index, "self_eval_budget_differs", "warning",
                       f"{mine} {format_money(here)} 元 ≠ {other.cite()}的{theirs} {format_money(there)} 元"
                       f"（{_difference(here, there)}）。匹配依据：{how}", there, here, paths=[where])


CROSS_RULES: tuple[CrossRule, ...] = (prior_budget_vs_last_year, prior_executed_vs_last_year, self_eval_vs_target)


def documents_to_flags(documents: Sequence[Document]) -> list[list[Flag]]:
    """The cross-form flags of a run: one list per document, in input order, each flag on the form it concerns."""
    batch = [Filed(number, index, form, document.source.path, document.source.sha256)
             for number, document in enumerate(documents) for index, form in enumerate(document.forms)]
    found: list[list[Flag]] = [[] for _ in documents]
    for filed in batch:
        found[filed.document].extend(item for rule in CROSS_RULES for item in rule(filed, batch))
    return found
