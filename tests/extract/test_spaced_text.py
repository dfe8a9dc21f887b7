"""Text whose cells stand apart by runs of spaces with no fixed width (a document typed or converted to text
with spaces for alignment), its labels letter-spaced (项 目 名 称): read as rows, not as -layout columns."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract.text import _labels_unspaced as labels_unspaced
from extract.text import _letters_unspaced as letters_unspaced
from extract.text import read_text_lines, read_text_readings, split_lines
from normalize.numbers import parse_decimal, unmisread
from normalize.values import parse_value
from pipeline import file_to_document
from tests.conftest import ROOT

SPACED = ROOT / "samples" / "damaged" / "mof_selfeval-real-spaced.txt"


def test_a_letter_spaced_label_is_joined_and_keeps_its_width() -> None:
    raw = labels_unspaced(split_lines("项 目 名 称    乡村道路养护经费\n实 施 单 位  某县公路养护中心"))
    assert [line.text for line in raw] == ["项目名称       乡村道路养护经费", "实施单位     某县公路养护中心"]


def test_a_label_and_its_unit_note_letter_spaced_are_joined() -> None:
    raw = labels_unspaced(split_lines("项 目 资 金 （ 万 元 ）\t项目总预算\t1280"))
    assert raw[0].text.split("\t")[0].rstrip() == "项目资金（万元）"


LETTER_SPACED = "\n".join(["项 目 名 称    芦 淞 区 服 装 产 业 平 台 建 设",
                            "主 管 部 门    株 洲 市 工 业 和 信 息 化 局    实 施 单 位    株 洲 市 中 小 企 业 服 务 中 心",
                            "年 度 资 金 总 额    ３２０    ３５０    ３４３．２８    １０    ９８．０８％",
                            "产 出 指 标    数 量 指 标    服 务 企 业 数 量    ≥ ３００ 家    ３２６ 家    １０    １０"])


def test_a_text_letter_spaced_throughout_keeps_only_its_wider_runs() -> None:
    raw, notes = letters_unspaced(split_lines(LETTER_SPACED))
    assert raw[1].text == "主管部门    株洲市工业和信息化局    实施单位    株洲市中小企业服务中心"
    assert raw[3].text == "产出指标    数量指标    服务企业数量    ≥３００家    ３２６家    １０    １０"
    assert len(notes) == 1 and "letter-spaced" in notes[0]


def test_an_ocr_text_one_space_between_all_is_left_to_its_labels() -> None:
    # tesseract's Chinese: a space between every character and between cells alike, no wider runs
    printed = LETTER_SPACED.replace("    ", " ")
    raw, notes = letters_unspaced(split_lines(printed))
    assert [line.text for line in raw] == printed.split("\n") and notes == []


def test_single_characters_that_make_no_label_stay_as_printed() -> None:
    raw = labels_unspaced(split_lines("春 夏 秋 冬  四季\n"))
    assert raw[0].text == "春 夏 秋 冬  四季"


def test_a_spaced_text_is_read_both_ways_and_the_rows_reading_kept() -> None:
    lines, _, unaligned = read_text_readings(SPACED.read_text(encoding="utf-8"))
    assert unaligned is not None and lines != unaligned  # gapped as -layout text is: both readings made
    form = file_to_document(SPACED.relative_to(ROOT)).forms[0]
    assert (form.project_name, form.unit) == ("委托业务项目", "219001-池州市贵池区棠溪镇人民政府")
    assert [indicator.name for indicator in form.indicators][:2] == ["基建工程委托业务项目数量", "委托业务报告合格率"]


@pytest.mark.parametrize(("printed", "read"), [
    ("l5 l5", "15 15"), ("≥9〇%", "≥90%"), ("98.〇〇%", "98.00%"), ("2O23年l0月", "2023年10月"), ("4l20米", "4120米"),
    ("CO2排放", "CO2排放"), ("500ml", "500ml"), ("二〇二三年", "二〇二三年"), ("I类水质", "I类水质"), ("V1l", "V1l"),
])
def test_an_ocr_s_letters_inside_a_figure_are_read_as_digits_and_said(printed: str, read: str) -> None:
    lines, notes = read_text_lines(f"项目名称 某项目\n{printed}\n")
    assert lines[1].text == printed  # the text stays as printed; its values are read in digits
    assert unmisread(printed) == read
    assert bool(notes) is (printed != read)


def test_a_value_printed_with_look_alikes_keeps_its_raw_and_reads_its_digits() -> None:
    value = parse_value("≥l00%")
    assert (value.raw, value.op, value.value, value.unit) == ("≥l00%", ">=", Decimal(100), "%")
    assert parse_decimal("9.6l") == Decimal("9.61")


def test_a_fixed_width_table_s_wrapped_cell_is_joined_to_its_row() -> None:
    # antiword: a cell filled to its bar goes on in the row under it, every other cell there blank
    text = ("|项目名称    |某县农村饮水安全巩|\n"
            "|            |固提升工程        |\n"
            "|项目资金    |资金总额：356.80  |\n"
            "|            |其中：财政拨款：3|\n"
            "|            |06.80             |\n"
            "|            |其他资金：50.00   |\n")
    rows = [[cell.text for cell in line.cells] for line in read_text_lines(text)[0]]
    assert rows == [["项目名称", "某县农村饮水安全巩固提升工程"], ["项目资金", "资金总额：356.80"],
                    ["", "其中：财政拨款：306.80"], ["", "其他资金：50.00"]]


def test_a_markdown_table_s_rows_are_never_joined() -> None:
    text = "| 项目名称 | 乡村道路养护 |\n|  | 经费 |\n"
    assert len(read_text_lines(text)[0]) == 2
