"""Other tools' text of our samples through the real pipeline (samples/text_variants/, made by
samples/make_text_variants.py): re-encoded seeds read exactly like the UTF-8 seed, pdftotext's text of
every sample PDF reads at least as well as it did (the floors in floors.toml), and the text forms and
encodings other extractors write are told apart."""

from __future__ import annotations

import codecs
import json
import tomllib

import pytest

from bench.text_variants import FLOORS, VARIANTS, pdf_entries, variant_score
from extract.encoding import decode_text
from extract.errors import InputError
from extract.text import text_to_lines
from pipeline import file_to_document
from tests.conftest import ROOT

MANIFEST = tomllib.loads((VARIANTS / "manifest.toml").read_text(encoding="utf-8"))
FLOOR = tomllib.loads(FLOORS.read_text(encoding="utf-8"))
PDF_VARIANTS = MANIFEST["layout"] + MANIFEST["raw"]


def document_json(path) -> dict:
    document = json.loads(file_to_document(path.relative_to(ROOT)).model_dump_json())
    document.pop("source")
    return document


@pytest.mark.parametrize("variant", MANIFEST["encoded"], ids=lambda variant: variant["file"])
def test_a_re_encoded_seed_reads_exactly_like_the_utf8_seed(variant: dict) -> None:
    assert document_json(VARIANTS / variant["file"]) == document_json(ROOT / variant["seed"])


@pytest.mark.parametrize("variant", PDF_VARIANTS, ids=lambda variant: variant["file"])
def test_pdftotext_output_reads_at_least_as_well_as_it_did(variant: dict) -> None:
    right, cells = variant_score(variant, pdf_entries())
    assert right / cells >= FLOOR[variant["file"]], f"{right}/{cells}"


def test_every_pdf_has_both_pdftotext_modes_and_a_floor() -> None:
    pdfs = set(pdf_entries())
    for mode in ("layout", "raw"):
        assert {variant["pdf"] for variant in MANIFEST[mode]} == pdfs
    assert set(FLOOR) == {variant["file"] for variant in PDF_VARIANTS}


def test_form_feeds_are_pages() -> None:
    lines = text_to_lines((VARIANTS / "001-rl.raw.txt").read_text(encoding="utf-8"))
    assert [line.page for line in lines if line.text.startswith("第")][:3] == [1, 2, 3]
    assert all(cell.where.page == line.page for line in lines for cell in line.cells)


def lines_of(name: str) -> list:
    return text_to_lines((VARIANTS / name).read_text(encoding="utf-8"))


def test_a_side_label_printed_downwards_is_one_label() -> None:
    # -raw: 项/目/名/称 one per line; -layout: the same characters at the margin of the row beside them
    assert {"项目名称", "主管部门"} <= {line.text for line in lines_of("001-rl.raw.txt")}
    for name in ("001-rl.layout.txt", "001-lo.layout.txt"):
        rows: dict[str, list[str]] = {}
        for line in lines_of(name):  # the first form's
            rows.setdefault(line.cells[0].text, [cell.text for cell in line.cells[1:]])
        assert rows["项目名称"] == ["12333热线咨询平台项目经费"], name
        assert rows["主管部门"] == ["上海市人力资源和社会保障局", "实施单位", "上海市人力资源和社会保障局咨询服务中心"], name


def grid_rows(name: str) -> list[list[tuple[int, str]]]:
    return [[(cell.col, cell.text) for cell in line.cells] for line in lines_of(name) if line.layout == "grid"]


def test_a_layout_table_row_is_one_grid_line_with_its_wrapped_cells_joined() -> None:
    rows = grid_rows("001-rl.layout.txt")
    assert [(0, "一级指标"), (1, "二级指标"), (2, "三级指标"), (3, "年度指标值"), (4, "实际完成值"), (5, "分值"),
            (6, "得分"), (7, "偏差原因分析及改进措施")] in rows
    assert [(0, "产出指标"), (1, "数量指标"), (2, "坐席人员数"), (3, "=390"), (4, "390"), (5, "10"), (6, "10")] in rows
    assert [(1, "时效指标"), (2, "系统故障解决时间"), (3, "一级故障<=90分钟，二级故障<=180分钟，三级故障<=24小时"),
            (4, "在标准时间内响应和处理"), (5, "10"), (6, "10")] in rows


def test_a_merged_label_printed_halfway_down_its_rows_goes_to_the_first() -> None:
    # 000-rl page 2: 投入与管理 is printed beside the third of its four rows
    rows = grid_rows("000-rl.layout.txt")
    assert [(0, "投入与管理"), (1, "投入管理"), (2, "系统建设完成率"), (3, "=1")] in rows
    assert [(1, "财务管理"), (2, "专款专用率"), (3, "=1")] in rows


def test_a_label_centred_on_its_wrapped_value_takes_it_back() -> None:
    # 004-rl: 12333热线全媒体智能咨询平台项 / 项目名称： 预算单位： / 目经费 … 服务
    rows = grid_rows("004-rl.layout.txt")
    assert [(0, "项目名称："), (1, "12333热线全媒体智能咨询平台项目经费"), (2, "预算单位："),
            (3, "上海市人力资源和社会保障局咨询服务")] in rows


def test_big5_traditional_text_is_read_converted_and_said_so() -> None:
    # the records themselves: tests/test_traditional.py
    variant = MANIFEST["traditional"][0]
    path = (VARIANTS / variant["file"]).relative_to(ROOT)
    from extract import extract

    extraction = extract(path)
    assert "项目" in " ".join(line.text for line in extraction.lines)
    assert extraction.traditional > 400 and extraction.notes == []
    document = file_to_document(path)
    assert document.forms and {flag.code for flag in document.flags if flag.form_index == 0} >= {"traditional_characters"}


@pytest.mark.parametrize(("data", "encoding"), [
    ("项目名称 12333热线\n".encode("gbk"), "gb18030"),
    ("項目名稱 測試\n".encode("big5"), "big5"),
    (codecs.BOM_UTF8 + "绩效\n".encode(), "utf_8"),
    (codecs.BOM_UTF16_BE + "绩效 12\n".encode("utf_16_be"), "utf_16_be"),
    ("分值 10\n得分 9\n".encode("utf_16_le"), "utf_16_le"),
])
def test_each_encoding_is_told(data: bytes, encoding: str) -> None:
    assert decode_text(data, "x").encoding == encoding


@pytest.mark.parametrize("data", [
    ("日本語のテキストです。これはテストです。" * 5).encode("shift_jis"),
    ("한국어 텍스트입니다. 이것은 테스트입니다. " * 5).encode("euc-kr"),
    ("Café résumé naïve façade - déjà vu. " * 5).encode("latin-1"),
])
def test_an_encoding_not_ours_gets_one_sentence(data: bytes) -> None:
    with pytest.raises(InputError) as raised:
        decode_text(data, "x.txt")
    assert str(raised.value) == "x.txt: the text's encoding cannot be told (not UTF-8, UTF-16, GB18030 or Big5)."


def test_web_rows_keep_their_empty_cells_in_place() -> None:
    # realdev selfeval_04: a row flattened with " | " and runs of bare pipes
    line, = text_to_lines("年度资金总额 | 329.77 | | 338.31 | 10 | ||||\n")
    assert line.layout == "grid"
    assert [(cell.col, cell.text) for cell in line.cells] == [(0, "年度资金总额"), (1, "329.77"), (2, ""), (3, "338.31"), (4, "10")]


def test_one_cell_per_line_web_text_keeps_every_cell() -> None:
    # realdev target_01 / selfeval_12: a cell per line closed by " |", rows closed by bare pipes
    text = "\n".join(["|", "项目支出名称 |", "雾炮车降尘抑尘服务 |", "预算部门 |", "|", "湘潭市环境卫生管理处 |", "|||"] * 2)
    lines = text_to_lines(text)
    assert all(line.layout == "grid" and len(line.cells) == 1 for line in lines)
    assert [line.cells[0].text for line in lines][:6] == ["", "项目支出名称", "雾炮车降尘抑尘服务", "预算部门", "", "湘潭市环境卫生管理处"]


def test_one_cell_per_paragraph_keeps_no_break_space_cells() -> None:
    # realdev selfeval_08: a Word table pasted into a page, empty cells as a lone no-break space
    text = "\n\n".join(["项目名称", "办公楼改造", "\u00a0", "主管部门", "市发改委", "\u00a0", "实施单位", "市工程中心",
                        "年初预算数", "全年预算数", "\u00a0"])
    lines = text_to_lines(text)
    assert [line.cells[0].text for line in lines][:4] == ["项目名称", "办公楼改造", "", "主管部门"]


def test_markdown_from_mineru_gives_its_tables_as_grid_rows() -> None:
    text = ("# 财政项目支出绩效自评表\n\n"
            "<table><tr><td rowspan=\"2\">项目名称</td><td>12333热线</td></tr><tr><td>实施单位</td></tr></table>\n\n"
            "| 一级指标 | 二级指标 | 三级指标 |\n|---|---|---|\n| 产出指标 | | 坐席人员数 |\n")
    lines = text_to_lines(text)
    assert lines[0].layout == "flow" and lines[0].text == "财政项目支出绩效自评表"
    assert [(cell.col, cell.text) for cell in lines[1].cells] == [(0, "项目名称"), (1, "12333热线")]
    assert lines[1].cells[0].where.line == 3
    assert [(cell.col, cell.text) for cell in lines[-1].cells] == [(0, "产出指标"), (1, ""), (2, "坐席人员数")]


def test_an_html_page_saved_as_text_goes_the_html_way() -> None:
    lines = text_to_lines("<!DOCTYPE html>\n<html><body><table><tr><td>项目名称</td><td>热线</td></tr></table></body></html>\n")
    assert [(line.layout, [cell.text for cell in line.cells]) for line in lines] == [("grid", ["项目名称", "热线"])]
