"""render_document: what a human checks, without crashing on what is missing."""

from __future__ import annotations

import io

from rich.console import Console

from export.view import render_document
from models import Document, Flag, Form, Indicator, Source


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
