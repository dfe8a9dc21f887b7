"""Labels an OCR misprinted (parsers/misprints.py): read as the label they nearly are where the printed
reading is poor, flagged by name, never a figure changed, never a label printed right read as another."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from extract import extract
from extract.text import text_to_lines
from models import Extraction, Source
from parsers import extraction_to_forms
from parsers.misprints import _meant, repair_misprints
from pipeline import file_to_document
from tests.conftest import ROOT, SEEDS

REALDEV = ROOT / "samples" / "realdev"
DAMAGED = ROOT / "samples" / "damaged"
SOURCE = Source(path="test.txt", sha256="0" * 64, kind="text")
MEANT = sorted(label for label in _meant() if all("\u4e00" <= char <= "\u9fff" for char in label))


def lines_of(*texts: str) -> Extraction:
    return Extraction(source=SOURCE, lines=text_to_lines("\n".join(texts)))


def repairs_of(*texts: str) -> list[tuple[str, str]]:
    return [(misprint.printed, misprint.label) for misprint in repair_misprints(lines_of(*texts))[1]]


def test_an_ocr_preview_s_labels_and_column_headers_are_read_as_what_they_nearly_are() -> None:
    found = repair_misprints(extract(REALDEV / "selfeval_05_ningxia_yinchuan_2021.txt"))[1]
    read = {(misprint.printed, misprint.label) for misprint in found}
    # one character misread, a letter for a letter; a two-line header cell read across its lines
    assert {("实施第位", "实施单位"), ("年初预匏数", "年初预算数"), ("指标值(八)", "指标值(A)"),
            ("考值参分", "参考分值")} <= read
    # a level's name is a value of its rows: kept as printed (the token reading tells it by its place)
    assert not [label for printed, label in read if printed == "顼目产出"]


def test_figures_and_labels_printed_right_are_never_read_as_misprints() -> None:
    # a figure beside a label is no misprint of it; a level label of its own is no misprint of another
    assert repairs_of("2有资金", "完成4指标", "质量指标", "产出目标", "项目实施方案") == []
    # a level's name is not repaired: 项目支出 is one misprint from 项目产出
    assert repairs_of("项目支出", "顼目产出(30分)") == []


def one_apart(printed: str, label: str) -> bool:
    return len(printed) == len(label) and sum(a != b for a, b in zip(printed, label)) == 1


@given(label=st.sampled_from(MEANT), position=st.integers(min_value=1), letter=st.sampled_from("口丁乃勺卜乂丫"))
def test_a_label_with_one_inner_letter_misread_is_read_as_a_label(label: str, position: int, letter: str) -> None:
    inner = 1 + position % (len(label) - 2)
    printed = label[:inner] + letter + label[inner + 1:]
    repairs = repairs_of(f"{printed}：某某")
    # read as a label one character away (一级口标: 一级指标 or 一级目标, one column either way), or, where
    # two labels of different meaning are as near, left as printed
    assert repairs in ([], [(printed, repairs[0][1] if repairs else "")])
    assert not repairs or (repairs[0][1] in _meant() and one_apart(printed, repairs[0][1]))


@given(label=st.sampled_from(MEANT), position=st.integers(min_value=0), digit=st.sampled_from("0123456789"))
def test_a_digit_is_never_read_away(label: str, position: int, digit: str) -> None:
    index = position % len(label)
    printed = label[:index] + digit + label[index + 1:]
    repaired = repair_misprints(lines_of(printed))[0].lines[0].cells[0].text
    assert len(repaired) == len(printed) and repaired[index] == digit


def test_a_misprinted_print_reads_with_the_flag_that_names_every_repair() -> None:
    forms, flags = extraction_to_forms(extract(DAMAGED / "mof_selfeval-madeup-misprinted.txt"))
    assert forms and forms[0].indicators
    flagged = [flag for flag in flags if flag.code == "label_misprinted"]
    assert len(flagged) == 1 and flagged[0].severity == "warning" and " → " in flagged[0].message


def test_texts_printed_right_are_read_without_repair() -> None:
    # every seed and realdev text but 银川's, an OCR of a page preview
    for path in SEEDS + [path for path in sorted(REALDEV.glob("*.txt")) if "yinchuan" not in path.name]:
        flags = extraction_to_forms(extract(path))[1]
        assert not [flag for flag in flags if flag.code == "label_misprinted"], path.name


def test_a_text_without_misprints_is_the_same_object() -> None:
    extraction = lines_of("项目名称：某某", "实施单位：某某")
    assert repair_misprints(extraction) == (extraction, [])


def test_a_reading_that_swallowed_the_cells_after_a_misprinted_label_is_tried_again() -> None:
    # 项目丁称 read into the unit's value took every cell after it: coverage high, values few
    forms, flags = extraction_to_forms(extract(DAMAGED / "county_target_horizons-real-misprinted.txt"))
    assert forms[0].project_name == "镇域内基础设施建设" and len(forms[0].indicators) >= 10
    assert any(flag.code == "label_misprinted" and "项目丁称 → 项目名称" in flag.message for flag in flags)


def test_a_misprint_stands_where_a_label_stands_not_inside_other_words() -> None:
    # a name or a value that holds a word one letter from a label is no label
    assert repairs_of("项目全部完工时间 2024年12月底前", "出水水质达标率 =100% 一级A标准") == []
    # a label cell with what it prints around it, or a run of cells glued together, is read
    assert repairs_of("二、口有资金: 0万元", "其中:上级乂金 73.856") == [("口有资金", "自有资金"), ("上级乂金", "上级资金")]
    assert repairs_of("银川市教育局实施第位自评得分98") == [("实施第位", "实施单位")]


def test_a_money_label_s_unit_note_with_one_character_misread_is_ten_thousand_yuan() -> None:
    assert repairs_of("预算资金(万丫) 年初预算数", "预算数(口元) 执行数") == [("(万丫)", "(万元)"), ("(口元)", "(万元)")]
    # after any other label, or holding a figure, a note is what it says
    assert repairs_of("服务人次(万人) 指标值", "预算资金(万元)", "项目资金(1元)") == []


def test_a_three_character_header_is_read_before_its_column_key_which_tells_a_rate_from_an_amount() -> None:
    assert repairs_of("执行乂(B/A)", "执行乂(B)", "预丁数(A)") == [("执行乂", "执行率"), ("执行乂", "执行数"), ("预丁数", "预算数")]
    # without its key a three-character word is an ordinary word; a header printed right stays
    assert repairs_of("执行乂", "执行数(B)", "预算数(A)") == []


def test_a_misread_label_read_into_a_name_is_read_as_its_label() -> None:
    # 项目名称 委托业务项目 / 主丫部门 …: the first reading looks whole but runs the name on over the misread label
    forms, flags = extraction_to_forms(extract(DAMAGED / "mof_selfeval-real-some-misprinted.txt"))
    assert (forms[0].project_name, forms[0].department) == ("委托业务项目", "219-池州市贵池区棠溪镇人民政府")
    assert [flag.code for flag in flags].count("label_misprinted") == 1


def test_a_name_holding_no_misread_label_is_not_reread() -> None:
    from parsers.misprints import holds_misprinted_label

    assert holds_misprinted_label(["委托业务项目主丫部门219-池州市贵池区棠溪镇人民政府"])
    assert not holds_misprinted_label(["城乡环境卫生一体化保洁服务项目", None, "宣城市宣州区城市管理局"])


def test_a_misread_label_left_unread_asks_for_the_misprint_reading() -> None:
    from parsers.misprints import is_misprinted_label

    assert is_misprinted_label([["10606.7522万元", "主丫部门"]])
    assert not is_misprinted_label([["10606.7522万元", "项目实施内容", "主管部门"]])  # printed right: no misprint


def test_a_misread_header_that_lumps_projects_into_one_nameless_form_is_reread() -> None:
    # 项目名称 预算金额(万元) 年度绩效目标 一乃指标 …: one misread header label, three projects in one table
    forms, flags = extraction_to_forms(extract(DAMAGED / "multi_project_target-madeup-some-misprinted.txt"))
    assert [form.project_name for form in forms] == ["高标准农田建设补助", "动物防疫补助经费", "农村人居环境整治"]
    assert sorted(flag.form_index for flag in flags if flag.code == "label_misprinted") == [0, 1, 2]


def test_a_word_one_letter_from_two_labels_is_the_column_in_a_header_row() -> None:
    from parsers.misprints import _repaired

    header = "项目丁称 预算金额(万丁) 年度绩效口标 一乃指标 二级勺标 三口指标 指标值"
    assert _repaired(header)[0] == "项目名称 预算金额(万元) 年度绩效目标 一级指标 二级指标 三级指标 指标值"
    assert _repaired("年度绩效口标", ("三口指标", "指标值"))[0] == "年度绩效目标"  # cells printed apart
    # alone, or beside no column header, it is neither
    assert _repaired("年度绩效口标")[0] == "年度绩效口标"
    assert _repaired("实施期绩效口标 完成全年任务")[0] == "实施期绩效口标 完成全年任务"


def test_a_misread_unit_note_printed_apart_from_its_label_is_read_as_10000_yuan(tmp_path: Path) -> None:
    # 项目资金 (万兀): an OCR's 兀 for 元, the note a word of its own; read as printed the amounts were 元
    source = tmp_path / "ocr.txt"
    source.write_text("\n".join([
        "项目支出绩效自评表", "项目名称 农村公路养护",
        "项目资金 (万兀) 年初预算数 全年预算数 全年执行数 分值 执行率 得分",
        "年度资金总额 275 275 268.4 10 97.6% 9.76"]) + "\n", encoding="utf-8")
    document = file_to_document(source)
    form = document.forms[0]
    assert form.funds_unit == "万元" and form.funds[0].initial_budget == Decimal("2750000")
    assert any(flag.code == "label_misprinted" for flag in document.flags)
