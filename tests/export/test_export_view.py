"""render_document: what a human checks, without crashing on what is missing."""

from __future__ import annotations

import io
import re
from decimal import Decimal

from rich.console import Console

from export.view import render_document
from models import Document, Flag, Form, Indicator, Source, Where
from scoring import forms_to_flags


def _render(doc: Document) -> str:
    console = Console(record=True, width=120, file=io.StringIO())
    render_document(doc, console)
    return console.export_text()


def test_shows_the_form_its_indicators_and_flags(full_document: Document) -> None:
    text = _render(full_document)
    assert "samples/2020年12333热线绩效目标表.pdf" in text
    assert "12333热线咨询平台项目经费" in text
    for name in ("单位话务成本", "故障修复时间", "≤0.006元/分钟"):
        assert name in text
    for flag in full_document.flags:
        assert flag.message in text
    assert "第3页无法识别" in text


def test_budgets_have_thousands_separators_and_components_their_sum(
    full_document: Document,
) -> None:
    text = _render(full_document)
    assert "81,572,666.00" in text and "8,212,206.68" in text
    assert "76.89%" in text
    assert "sum 8,212,206.68 vs current_budget 8,212,206.68" in text


def test_an_empty_document_renders(empty_document: Document) -> None:
    text = _render(empty_document)
    assert "空白.txt" in text and "no forms found" in text


def test_empty_fields_and_markup_like_text_do_not_break_it() -> None:
    doc = Document(
        source=Source(path="[bold]x[/bold].txt", sha256="22" * 32, kind="text"),
        forms=[
            Form(
                form_type="self_eval",
                indicators=[Indicator(name="[red]文号[2019]12号")],
            )
        ],
    )
    text = _render(doc)
    assert "[bold]x[/bold].txt" in text and "[red]文号[2019]12号" in text


def test_long_text_is_truncated() -> None:
    doc = Document(
        source=Source(path="a.txt", sha256="33" * 32, kind="text"),
        forms=[Form(form_type="target", project_name="很长的项目名称" * 30)],
    )
    text = _render(doc)
    assert "…" in text and "很长的项目名称" * 30 not in text


def test_a_flag_pointing_at_no_form_is_still_shown() -> None:
    doc = Document(
        source=Source(path="a.txt", sha256="44" * 32, kind="text"),
        flags=[
            Flag(form_index=3, code="orphan", severity="error", message="第4张表不存在")
        ],
    )
    assert "第4张表不存在" in _render(doc)


def _seed_001() -> Document:
    from pathlib import Path

    from pipeline import file_to_document

    return file_to_document(Path("samples/seeds/001_63a06e9dedb396c3.txt"))


def _render_at(doc: Document, width: int) -> str:
    console = Console(record=True, width=width, file=io.StringIO())
    render_document(doc, console)
    return console.export_text()


def test_at_80_columns_every_figure_stays_whole() -> None:
    document = _seed_001()
    text = _render_at(document, 80)
    for figure in ("70,762,666.00", "81,572,666.00", "8,958,938.00", "8,212,206.68", "<=0.006%", "99.16%"):
        assert figure in text, figure


def test_piped_view_is_wide_enough_for_the_funds() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "pipeline.py", "samples/seeds/001_63a06e9dedb396c3.txt"],
                          capture_output=True, text=True, check=True)
    funds_row = next(line for line in done.stdout.splitlines() if "年度资金总额" in line)
    assert "70,762,666.00" in funds_row and "81,572,666.00" in funds_row


def test_met_column_says_yes_no_or_undecided() -> None:
    text = _render_at(_seed_001(), 160)
    row = next(line for line in text.splitlines() if "综合服务率" in line)
    assert "76.89%" in row and " no " in row
    row = next(line for line in text.splitlines() if "系统故障解决时间" in line)
    assert " ? " in row
    row = next(line for line in text.splitlines() if "热线投诉率" in line)
    assert " yes " in row


def test_empty_fields_collapse_into_one_line() -> None:
    text = _render_at(_seed_001(), 200)
    absent = " ".join(line.strip("│ ") for line in text.split("not on this form: ", 1)[1].splitlines()[:3])
    assert "eval_date, total_budget, current_budget, prior_budget, prior_executed, grade" in absent
    assert "total_budget    —" not in text and "grade           —" not in text


def test_template_coverage_and_extra_labels_are_shown() -> None:
    form = Form(form_type="self_eval", template="central-self-eval", coverage=Decimal("0.9312"),
                extra={"项目负责人": "张三", "联系电话": "12345678"})
    text = _render(Document(source=Source(path="a.txt", sha256="55" * 32, kind="text"), forms=[form]))
    assert "central-self-eval" in text and re.search(r"coverage\s+93\.1%", text)
    assert "项目负责人" in text and "张三" in text and "12345678" in text


def test_a_low_confidence_value_carries_its_doubt_beside_it() -> None:
    form = Form(form_type="target", project_name="社会保险服务费", current_budget=Decimal("18372648"),
                provenance={"project_name": Where(page=1, method="ocr", confidence=0.55),
                            "current_budget": Where(page=1, method="ocr", confidence=0.97)})
    document = Document(source=Source(path="a.pdf", sha256="66" * 32, kind="pdf-scanned"), forms=[form],
                        flags=forms_to_flags([form]))
    text = _render(document)
    name_line = next(line for line in text.splitlines() if line.strip("│ ").startswith("project_name"))
    assert "社会保险服务费 ⚠ 0.55" in name_line
    budget_line = next(line for line in text.splitlines() if line.strip("│ ").startswith("current_budget"))
    assert "⚠" not in budget_line
