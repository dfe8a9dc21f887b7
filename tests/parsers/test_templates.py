"""The templates data: every family it names is recognised on a sample of its own, by its markers.

A new district's form is added as an entry in parsers/forms.toml [[templates]], a sample and a golden;
these tests load every entry and run the samples through the real pipeline.
"""

from __future__ import annotations

import json
import tomllib
from functools import cache
from pathlib import Path

import pytest

from parsers.knowledge import knowledge, title_family, title_parts
from parsers.templates import is_instruction
from parsers.tokens import classify
from pipeline import file_to_document
from tests.conftest import ROOT

FAMILIES = ROOT / "samples" / "families"
MANIFEST = tomllib.loads((FAMILIES / "manifest.toml").read_text(encoding="utf-8"))["pdf"]
WITH_FORMS = [entry for entry in MANIFEST if entry["forms"]]


@cache
def recognised(path: str) -> tuple[str | None, ...]:
    return tuple(form.template for form in file_to_document((ROOT / path).relative_to(ROOT)).forms)


def golden_templates(path: str) -> tuple[str | None, ...]:
    return tuple(form.get("template") for form in json.loads((ROOT / path).read_text(encoding="utf-8"))["forms"])


def test_every_template_entry_is_whole_and_named_once() -> None:
    templates = knowledge()["templates"]
    ids = [template["id"] for template in templates]
    assert len(ids) == len(set(ids))
    for template in templates:
        assert template["family"] in ("target", "self_eval"), template["id"]
        assert template["titles"] and template["markers"], template["id"]


@pytest.mark.parametrize("entry", WITH_FORMS, ids=lambda entry: entry["file"])
def test_a_family_sample_is_recognised_as_its_family(entry: dict) -> None:
    assert recognised(f"samples/families/{entry['file']}") == golden_templates(entry["golden"])


def test_every_template_is_recognised_on_some_sample() -> None:
    seen = {template for entry in WITH_FORMS for template in golden_templates(entry["golden"])}
    seen |= {template for golden in (ROOT / "samples" / "seeds").glob("*.golden.json")
             for template in golden_templates(str(golden.relative_to(ROOT)))}
    assert {template["id"] for template in knowledge()["templates"]} <= seen


@pytest.mark.parametrize(("title", "family"), [
    ("2023年项目支出绩效目标批复表", "target"), ("项目支出绩效目标审核表", "target"), ("项目支出绩效目标公开表", "target"),
    ("中央对地方转移支付区域绩效目标表", "target"), ("2022年度项目支出绩效自评结果表", "self_eval"),
    ("项目绩效自评情况表", "self_eval"), ("项目绩效运行监控表", None), ("项目支出绩效评价报告", None),
    ("项目支出绩效目标调整表", "target"), ("项目支出绩效评价表", "self_eval"), ("部门整体支出绩效评价表", "self_eval"),
    ("项目绩效目标自评表", "self_eval"), ("绩效评价指标体系表", None),
])
def test_a_title_is_known_by_its_family_s_words(title: str, family: str | None) -> None:
    assert title_family(title) == family


@pytest.mark.parametrize(("printed", "family"), [
    ("项目支出绩效目标表（本次下达）", "target"), ("项目支出绩效自评表(2023年度)(调整后)", "self_eval"),
    ("项目支出绩效目标表（2024年度）", "target"),
])
def test_a_title_with_its_year_or_a_short_note_after_it_is_a_title(printed: str, family: str) -> None:
    assert classify(printed)[:2] == ("title", family)


def test_a_form_under_another_title_of_its_family_reads_the_same(tmp_path: Path) -> None:
    source = ROOT / "samples" / "realdev" / "target_07_shandong_linyi_2025.txt"
    renamed = tmp_path / "renamed.txt"
    renamed.write_text(source.read_text(encoding="utf-8").replace("项目支出目标申报表", "项目支出绩效目标批复表"), encoding="utf-8")
    before, after = file_to_document(source).forms, file_to_document(renamed).forms
    assert [form.title for form in after] == ["项目支出绩效目标批复表"]
    assert after[0].indicators == before[0].indicators and after[0].project_name == before[0].project_name


@pytest.mark.parametrize("headers", [
    ("预期值", "实际达成值", "标准分", "实得分", "未完成原因及改进措施"),
    ("计划值", "指标完成值", "权重分", "考核得分", "偏差原因"),
])
def test_an_indicator_table_under_other_column_words_reads_the_same(tmp_path: Path, headers: tuple[str, ...]) -> None:
    source = ROOT / "samples" / "realdev" / "selfeval_01_anhui_chizhou_2022.txt"
    printed = "年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施"
    renamed = tmp_path / "renamed.txt"
    text = source.read_text(encoding="utf-8")
    assert printed in text
    renamed.write_text(text.replace(printed, " ".join(headers)), encoding="utf-8")
    before, after = file_to_document(source).forms, file_to_document(renamed).forms
    assert len(before[0].indicators) >= 10 and after[0].indicators == before[0].indicators


def test_a_form_under_other_field_words_reads_the_same(tmp_path: Path) -> None:
    source = ROOT / "samples" / "realdev" / "selfeval_01_anhui_chizhou_2022.txt"
    text = source.read_text(encoding="utf-8")
    assert " 主管部门 " in text and " 实施单位 " in text
    renamed = tmp_path / "renamed.txt"
    renamed.write_text(text.replace(" 主管部门 ", " 主管部门名称 ").replace(" 实施单位 ", " 项目实施主体 "), encoding="utf-8")
    before, after = file_to_document(source).forms[0], file_to_document(renamed).forms[0]
    assert (after.department, after.unit) == (before.department, before.unit) and before.unit


def test_column_headers_with_an_aside_in_brackets_read_as_their_columns(tmp_path: Path) -> None:
    source = ROOT / "samples" / "realdev" / "selfeval_01_anhui_chizhou_2022.txt"
    printed = "三级指标 年度指标值 实际完成值 分值 得分"
    text = source.read_text(encoding="utf-8")
    assert printed in text
    renamed = tmp_path / "renamed.txt"
    renamed.write_text(text.replace(printed, "三级指标（指标名称） 年度指标值（包括数量和单位） 实际完成值 分值(分) 得分(分)"),
                       encoding="utf-8")
    before, after = file_to_document(source).forms, file_to_document(renamed).forms
    assert len(before[0].indicators) >= 10 and after[0].indicators == before[0].indicators


@pytest.mark.parametrize("text, instruction", [
    ("对照年度目标,说明相关任务目标的完成情况(100字以内)", True),
    ("结合自评情况,分析存在的问题及原因。（200字以内）2.项目实施内容及过程概述", True),
    ("针对项目自评中发现的问题,提出下一步改进完善的意见。(限300字)", True),
    ("全年完成培训1200人次,培训合格率98%。", False),
    ("对照年度目标,全年完成培训1200人次,完成率100%。", False),  # an answer in the instruction's words
    ("说明：本表金额单位为万元", False),
])
def test_a_template_s_instruction_is_told_from_an_answer(text: str, instruction: bool) -> None:
    assert is_instruction(text) is instruction


def test_boxes_left_with_their_instruction_are_empty_and_said() -> None:
    """青神's partly filled form: 年度目标完成情况, 存在问题 and 改进措施 print the template's instructions."""
    document = file_to_document(ROOT / "samples" / "realdev" / "selfeval_12_sichuan_qingshen_2023.txt")
    form = document.forms[0]
    assert set(form.sections) == {"annual_goal"} and form.sections["annual_goal"].startswith("严格执行相关政策")
    said = {path for flag in document.flags if flag.code == "template_instruction" for path in flag.paths}
    # and the funds block's explanation printed in its first row's 原因 cell (1.预算执行率=…(100字以内);2.…)
    assert said == {"sections.annual_actual", "sections.problems", "sections.improvements", "funds[0].note"}
    assert form.funds[0].note is None


@pytest.mark.parametrize(("printed", "title", "year"), [
    ("附件2：项目支出绩效自评表", "项目支出绩效自评表", None), ("项目支出绩效自评表（2023）", "项目支出绩效自评表", 2023),
    ("附件:2024年项目支出绩效目标表(2024年度)", "2024年项目支出绩效目标表", 2024),
])
def test_a_title_is_read_without_an_attachment_mark_before_it_and_its_year_after_it(printed: str, title: str,
                                                                                   year: int | None) -> None:
    assert title_parts(printed) == (title, year) and title_family(title) is not None
