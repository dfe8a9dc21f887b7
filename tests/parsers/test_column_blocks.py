"""A table printed column by column (pdfminer's text boxes) read back into rows."""

from __future__ import annotations

from extract.text import text_to_lines
from models import Extraction, Source
from parsers import extraction_to_forms
from parsers.column_blocks import columns_transposed
from parsers.tokens import tokenize

BOXES = """项目支出绩效自评表\f

项目名称

主管部门

乡村道路养护经费

某县交通运输局

三级指标
道路养护里程
养护合格率

年度指标值
≥120公里
≥95%

实际完成值
126公里
96.2%

一级指标
产出指标

二级指标
数量指标
质量指标
"""


def test_columns_of_one_count_make_the_rows() -> None:
    tokens, left_out = columns_transposed(tokenize(text_to_lines(BOXES)))
    rows: dict[int, list[str]] = {}
    for token in tokens:
        rows.setdefault(token.line, []).append(token.text)
    # the level columns print as many labels as the rows, or one merged down them: they are placed too, first
    assert ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"] in rows.values()
    assert ["产出指标", "数量指标", "道路养护里程", "≥120公里", "126公里"] in rows.values()
    assert ["质量指标", "养护合格率", "≥95%", "96.2%"] in rows.values()
    assert left_out == []


def test_a_column_of_another_count_is_left_out() -> None:
    tokens, left_out = columns_transposed(tokenize(text_to_lines(BOXES.replace("质量指标\n", "质量指标\n时效指标\n"))))
    assert [token.text for token in left_out] == ["数量指标", "质量指标", "时效指标"]


def test_a_form_printed_box_by_box_names_its_project_and_reads_its_rows() -> None:
    extraction = Extraction(source=Source(path="boxes.txt", sha256="0" * 64, kind="text"), lines=text_to_lines(BOXES))
    forms, flags = extraction_to_forms(extraction)
    assert (forms[0].project_name, forms[0].department) == ("乡村道路养护经费", "某县交通运输局")
    assert [(i.level1, i.level2, i.name, i.target.raw, i.actual.raw) for i in forms[0].indicators] == [
        ("产出指标", "数量指标", "道路养护里程", "≥120公里", "126公里"),
        ("产出指标", "质量指标", "养护合格率", "≥95%", "96.2%")]
