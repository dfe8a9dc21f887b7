"""pdftotext's text of the sample PDFs (samples/text_variants/) read back into the rows the PDF path
gives: -raw's wrapped cells joined, labels printed without their values paired with the values
printed apart from them only where the counts agree (never a guess: the rest is left as printed and
said), -raw's scored tables put back in their columns, and -layout's tables rebuilt from positions."""

from __future__ import annotations

import pytest

from extract.text import read_text_lines, text_to_lines
from tests.conftest import ROOT

VARIANTS = ROOT / "samples" / "text_variants"


def read(name: str) -> tuple[list, list[str]]:
    return read_text_lines((VARIANTS / name).read_text(encoding="utf-8"))


def grid(name: str, page: int | None = None) -> list[list[tuple[int | None, str]]]:
    return [[(cell.col, cell.text) for cell in line.cells] for line in read(name)[0]
            if line.layout == "grid" and (page is None or line.page == page)]


def texts(name: str, page: int | None = None) -> list[str]:
    return [line.text for line in read(name)[0] if page is None or line.page == page]


# ---- -raw -----------------------------------------------------------------------------------------

def test_a_cell_wrapped_over_lines_is_one_line_again() -> None:
    # 004-rl.raw: 12333热线全媒体智能咨询平台项 / 目经费 under 项目名称：
    assert "12333热线全媒体智能咨询平台项目经费" in texts("004-rl.raw.txt")
    assert "12333热线全媒体智能咨询平台项" not in texts("004-rl.raw.txt")


def test_a_wrapped_line_goes_on_only_into_a_narrower_line() -> None:
    # 000-rl-narrow.raw: 一级故障 (a name) / 响应时间： (its target, wider) are two cells
    lines = texts("000-rl-narrow.raw.txt", 2)
    assert "一级故障" in lines and not any(line.startswith("一级故障响应") for line in lines)


def test_a_label_cut_over_short_lines_is_one_label() -> None:
    # 000-rl.raw: 同名项目上年预算额（元） / ：
    assert "同名项目上年预算额（元）： 70785200" in texts("000-rl.raw.txt", 1)  # and its figure on the line after


def test_labels_without_values_take_the_values_printed_apart_in_order_where_the_counts_agree() -> None:
    # 000-lo.raw page 3: LibreOffice draws the cells that wrap last, so 项目名称： … 总目标及阶段性目标：
    # come without values, and 12345服务热线专项经费, 事业/专业类 and six paragraphs after them
    rows = grid("000-lo.raw.txt", 3)
    assert [(0, "项目名称："), (1, "12345服务热线专项经费")] in rows
    assert [(0, "是否含有政府购买服务："), (1, "是"), (2, "绩效类型："), (3, "事业/专业类")] in rows
    overview = next(row for row in rows if row[0] == (0, "项目概况："))
    assert overview[1][1].startswith("为全面对接“12345”市民服务热线，我局成立了") and overview[1][1].endswith("管理。")


def test_amount_labels_take_the_figures_printed_apart() -> None:
    # the labels (wrapped: drawn in the second pass) go where their figures were printed, one row
    rows = grid("000-lo.raw.txt", 1)
    assert [(0, "同名项目上年预算额（元）："), (1, "70785200"), (2, "同名项目上年预算执行数（元）："), (3, "70784807")] in rows
    # 004-lo.raw: 预算执行率（%）： printed after the table, its 100.00% beside 预算执行数's figure
    assert [(0, "预算执行数（元）："), (1, "70,784,807.00"), (2, "预算执行率（%）："), (3, "100.00%")] in grid("004-lo.raw.txt", 1)


def test_where_the_counts_differ_nothing_is_paired_and_a_note_says_so() -> None:
    # 000-lo.raw page 1: seven section labels, six paragraphs (总目标及阶段性目标 is empty): which one is
    # empty the text does not say. The fields (two one-line texts for two labels) still pair.
    lines, notes = read("000-lo.raw.txt")
    rows = grid("000-lo.raw.txt", 1)
    assert [(0, "项目名称："), (1, "12333热线咨询平台项目经费")] in rows
    assert [(0, "项目概况：")] in rows and [(0, "总目标及阶段性目标：")] in rows
    assert any(line.text.startswith("建设上海市人社局12333热线咨询平台") for line in lines if line.page == 1)
    assert notes[0].startswith("page 1: 项目概况：、立项依据：") and "left unpaired" in notes[0]


def test_the_fields_every_form_fills_take_the_texts_when_they_are_as_many() -> None:
    # 004-lo.raw: three field labels (具体实施处 empty) for two texts: a form always names its project
    # and its unit, so 项目名称 and 预算单位 take them and 具体实施处（科室） is left unpaired, and said
    rows = grid("004-lo.raw.txt", 1)
    assert [(0, "项目名称："), (1, "12333热线全媒体智能咨询平台项目经费"), (2, "预算单位："),
            (3, "上海市人力资源和社会保障局咨询服务")] in rows
    notes = read("004-lo.raw.txt")[1]
    assert any(note.startswith("page 1: 具体实施处（科室）： printed without a value") for note in notes)
    assert not any("项目名称：" in note for note in notes)


def test_the_year_printed_apart_goes_after_the_title() -> None:
    lines = texts("001-lo.raw.txt", 2)
    assert lines[lines.index("财政项目支出绩效自评表") + 1] == "(2022 年度)"


def test_a_scored_table_is_put_back_in_its_columns() -> None:
    # 004-rl.raw: 资金使用的合规性 / its explanation wrapped over two lines / 6 6, under 投入与管理 (36分)
    rows = grid("004-rl.raw.txt", 1)
    assert [(0, "投入与管理 (36分)"), (1, "资金使用的合规性"),
            (2, "项目资金使用是否符合相关法律法规、制度和规定，项目资金使用是否规范和安全。"), (3, "6"), (4, "6")] in rows
    # 001-rl.raw: the heading wrapped onto lines of its own, a name wrapped, a note after the scores
    rows = grid("001-rl.raw.txt", 1)
    assert rows[0][-1] == (7, "偏差原因分析及改进措施")
    assert [(0, ""), (1, ""), (2, "系统正常运行天数"), (3, "=365"), (4, "365"), (5, "10"), (6, "10")] in rows
    noted = next(row for row in rows if (2, "综合服务率") in row)
    assert noted[-1] == (7, "受疫情影响，封控期间居家办公，下半年综合服务率已达标。")


def test_a_tables_cells_drawn_apart_go_back_to_the_holes_of_its_rows() -> None:
    # 001-lo.raw page 1: LibreOffice draws the wrapped cells after the table, after the note column's
    # heading; they fill the names, targets and actuals the rows lack in order, the one text over goes
    # to the note of the one row that lost points (10 / 7.6), and a line joined to a wider one after it
    # (系统/设备租赁数 / 一级故障<=90分钟…) is cut again where that fills the holes
    rows = grid("001-lo.raw.txt", 1)
    assert next(row for row in rows if row[0] == (0, "一级指标"))[-1] == (7, "偏差原因分析及改进措施")
    assert [(0, ""), (1, ""), (2, "系统/设备租赁数"), (3, "=556"), (4, "556"), (5, "10"), (6, "10")] in rows
    assert [(0, ""), (1, "时效指标"), (2, "系统故障解决时间"), (3, "一级故障<=90分钟，二级故障<=180分钟，三级故障<=24小时"),
            (4, "在标准时间内响应和处理"), (5, "10"), (6, "10")] in rows
    assert next(row for row in rows if (2, "综合服务率") in row)[-1] == (7, "受疫情影响，封控期间居家办公，下半年综合服务率已达标。")
    # a 二级指标 goes to the row opening a 一级指标 without one; where two rows are open to it, it stays out
    assert [(0, "满意度指标"), (1, "服务对象满意度指标"), (2, "综合满意度"), (3, ">=97%"), (4, "99.16%"), (5, "10"),
            (6, "10")] in rows
    lines, notes = read("001-lo.raw.txt")
    assert "可持续影响指标" in [line.text for line in lines if line.page == 1 and line.layout == "flow"]
    assert any(note.startswith("page 1: 可持续影响指标 drawn apart from the table's rows") for note in notes)


def test_cells_drawn_apart_start_after_the_side_label_and_a_line_opening_with_a_comma_goes_on() -> None:
    # 001-lo-narrow.raw: the cells drawn apart follow the side label 绩效指标 (the table has all its
    # headings); 一级故障 / <=90分钟 / ，二级故障 / <=180分钟 …: no cell opens with a comma
    rows = grid("001-lo-narrow.raw.txt", 1)
    assert [(0, ""), (1, "时效指标"), (2, "系统故障解决时间"), (3, "一级故障<=90分钟，二级故障<=180分钟，三级故障<=24小时"),
            (4, "在标准时间内响应和处理"), (5, "10"), (6, "10")] in rows
    assert [(0, ""), (1, "质量指标"), (2, "质量控制合格率"), (3, ">=98%"), (4, "99.92%"), (5, "10"), (6, "10")] in rows


def test_a_rows_printed_texts_move_along_it_where_the_cells_drawn_apart_say_so() -> None:
    # 001-lo.raw page 6: 场地保洁完成情况 10 10 (the name; >=2次/天 2次/天 drawn apart side by side) and
    # 时效指标 及时 及时 10 10 (target and actual: a name is never a quality word; the name drawn apart)
    rows = grid("001-lo.raw.txt", 6)
    assert [(0, "产出指标"), (1, "数量指标"), (2, "场地保洁完成情况"), (3, ">=2次/天"), (4, "2次/天"), (5, "10"),
            (6, "10")] in rows
    assert [(0, ""), (1, "时效指标"), (2, "设备场地维修维护及时性"), (3, "及时"), (4, "及时"), (5, "10"), (6, "10")] in rows
    assert [(0, "效益指标"), (1, "社会效益指标"), (2, "办公设备正常运转天数"), (3, "=365天"), (4, "365"), (5, "30"),
            (6, "30")] in rows


def test_a_funds_row_cut_into_a_line_per_cell_is_one_line() -> None:
    # 001-rl-narrow.raw: 年度资金总额 / 70762666. / 00 / 8157266 / 6.00 / … and 年初预算 / 数 / 全年预算数 …
    lines = texts("001-rl-narrow.raw.txt", 1)
    assert "年度资金总额 70762666.00 81572666.00 81,572,666 10 100.00% 10" in lines
    assert "年初预算数 全年预算数 全年执行数 分值 执行率 得分" in lines


def test_a_level_label_drawn_apart_goes_to_the_row_its_points_add_up_from() -> None:
    # 004-lo.raw page 2: 效果目标 (15分) is drawn between the 指标解释 of 成本控制情况 and 投诉率: of the rows
    # it may open, 社会认可度 5 + 投诉率 4 + 综合满意率 6 add up to 15
    rows = grid("004-lo.raw.txt", 2)
    assert [(0, "效果目标 (15分)"), (1, "社会认可度"), (2, "有正面报道、获得奖励、表彰等"), (3, "5"), (4, "5")] in rows
    assert [(0, ""), (1, "成本控制情况"), (2, "反映成本控制情况指标（项目投入总量/热线接听总时间）"), (3, "5"), (4, "5")] in rows
    # page 1: a row's one text is its name (the 指标解释 is drawn apart), the explanations fill in after
    assert [(0, "投入与管理 (36分)"), (1, "资金使用的合规性"),
            (2, "项目资金使用是否符合相关法律法规、制度和规定，项目资金使用是否规范和安全。"), (3, "6"), (4, "6")] in grid("004-lo.raw.txt", 1)


def test_a_note_alone_is_told_from_the_next_rows_name_by_the_cells_after_it() -> None:
    # 001-rl-narrow.raw: the note, then 热线投诉 / 率 / <=0.006 / % / 0.004% 10 10 (a whole row)
    rows = grid("001-rl-narrow.raw.txt", 1)
    assert next(row for row in rows if (2, "综合服务率") in row)[-1][1].startswith("受疫情影响")
    assert [(0, ""), (1, ""), (2, "热线投诉率"), (3, "<=0.006%"), (4, "0.004%"), (5, "10"), (6, "10")] in rows


def test_text_without_form_feeds_is_not_read_as_pdftotext_raw() -> None:
    lines = text_to_lines("项目名称：\n项目概况：\n建设上海市人社局12333热线咨询平台，一、从\n“一口咨询”服务角度出发\n")
    assert [line.text for line in lines][-2:] == ["建设上海市人社局12333热线咨询平台，一、从", "“一口咨询”服务角度出发"]


# ---- -layout --------------------------------------------------------------------------------------

def test_a_wrapped_cell_goes_to_its_row_whole() -> None:
    # 000-rl.layout: 响应时间：≤10分钟内，故障处理 / 三级故障 / 时间≤24小时 / 培训及时性 =100%
    rows = grid("000-rl.layout.txt", 2)
    assert [(2, "三级故障"), (3, "响应时间：≤10分钟内，故障处理时间≤24小时")] in rows
    assert [(2, "培训及时性"), (3, "=100%")] in rows
    # a level label printed on a row's middle line stays with that row: 社会效益 公众投诉率
    assert [(1, "社会效益"), (2, "公众投诉率"), (3, "<0.01%")] in rows


def test_a_table_page_without_headings_goes_on_under_the_last_pages() -> None:
    # 003-rl.layout page 2 starts with the upper half of a wrapped target; no title, no headings
    rows = grid("003-rl.layout.txt", 2)
    assert [(0, "效果目标"), (1, "接通情况"), (2, "接通时长达到国家标准，平均接通时长8秒")] in rows
    assert [(1, "服务水平"), (2, "服务质量佳，全国排名第二")] in rows


def test_a_last_row_of_a_name_and_one_figure_is_not_a_total() -> None:
    assert [(1, "12345热线回访市民满意度"), (2, "94.90%")] in grid("003-rl.layout.txt", 1)


@pytest.mark.parametrize(("name", "row"), [
    # 效益指标 社会效益指标 诉求解决率: level labels one space apart, squeezed left of their columns
    ("001-lo.layout.txt", [(0, "效益指标"), (1, "社会效益指标"), (2, "诉求解决率"), (3, ">=98%"), (4, "99.97%"),
                           (5, "30"), (6, "30")]),
    # 12345工单受理率 =100%: a compared value one space after words with figures
    ("001-lo.layout.txt", [(0, "产出指标"), (1, "数量指标"), (2, "12345工单受理率"), (3, "=100%"), (4, "100%"),
                           (5, "10"), (6, "10")]),
])
def test_squeezed_cells_are_parted(name: str, row: list) -> None:
    assert row in grid(name, 3)


def test_a_cells_end_printed_left_of_its_column_is_its_columns() -> None:
    # 001-lo.layout page 2: 长效管理制度建设 / 制定并执行 (pulled left into the names) / 情况 (at the
    # labels' margin); 人员服装配备保障 / =100% / 度
    rows = grid("001-lo.layout.txt", 2)
    assert [(1, "可持续影响指标"), (2, "长效管理制度建设情况"), (3, "制定并执行"), (4, "制定并执行"), (5, "10"),
            (6, "10")] in rows
    assert [(0, "满意度指标"), (1, "服务对象满意度指标"), (2, "中心职工满意度"), (3, ">=90%"), (4, "90%"), (5, "10"),
            (6, "10")] in rows
    assert rows[-1] == [(0, "总分"), (5, "100"), (6, "99.96")]
    assert any((2, "人员服装配备保障度") in row and (3, "=100%") in row for row in rows)
    # page 6: 办公设备正常运转 / =365天 … / 效益指标 社会效益指标 天数
    assert [(0, "效益指标"), (1, "社会效益指标"), (2, "办公设备正常运转天数"), (3, "=365天"), (4, "365"), (5, "30"),
            (6, "30")] in grid("001-lo.layout.txt", 6)


def test_labels_left_empty_here_and_there_take_nothing() -> None:
    # two section labels without values, not one under the other, and two texts after a finished
    # row: as many as the labels, but nothing says the values were drawn apart from them
    text = ("项目概况：\n项目名称：\n热线项目\n立项依据：\n实施单位：\n某中心\n项目总预算（元）： 100\n"
            "短句。\n第二段比较长的一些文字内容。\n\f")
    lines, notes = read_text_lines(text)
    assert [line.text for line in lines if line.text.startswith(("项目概况", "立项依据"))] == ["项目概况：", "立项依据："]
    assert notes == []
    # one under the other, the same labels do take them, in order
    stacked = text.replace("项目概况：\n项目名称：\n热线项目\n立项依据：\n", "项目名称：\n热线项目\n项目概况：\n立项依据：\n")
    rows = [[cell.text for cell in line.cells] for line in read_text_lines(stacked)[0] if line.layout == "grid"]
    assert ["项目概况：", "短句。"] in rows and ["立项依据：", "第二段比较长的一些文字内容。"] in rows


def test_table_rows_are_not_taken_for_values_printed_apart() -> None:
    # 001-rl-narrow.raw: 年度总体目标 / 预期目标 实际完成情况 are no column of labels
    rows = grid("001-rl-narrow.raw.txt", 1)
    assert [(0, ""), (1, ""), (2, "系统/设备租赁数"), (3, "=556"), (4, "556"), (5, "10"), (6, "10")] in rows
    assert not any(row[0] == (0, "年度总体目标") for row in rows)


@pytest.mark.parametrize("printed", ["项目名称|农村学生营养改善计划", "主管部门|某区教育局|实施单位|某区教育局",
                                     "主管部门｜某区教育局｜实施单位｜某区教育局"])
def test_cells_joined_by_bare_or_full_width_bars_are_cells(printed: str) -> None:
    line = text_to_lines(printed)[0]
    assert line.layout == "grid" and [cell.text for cell in line.cells] == printed.replace("｜", "|").split("|")


def test_a_label_letter_spaced_with_ideographic_spaces_is_joined() -> None:
    cells = [cell.text for cell in text_to_lines("产　出　指　标 数量指标 培训人次 ≥500人次")[0].cells]
    assert cells[0] == "产出指标"


def test_an_ocr_s_ten_in_look_alike_letters_apart_from_other_figures_is_read_in_digits() -> None:
    from extract.text import RawLine, _digits_unmisread

    (line,), notes = _digits_unmisread([RawLine(1, None, "覆盖面积≥45万亩46.3万亩lO lO开展培训人次≥3OOO人次 总分lOO")])
    assert line.text == "覆盖面积≥45万亩46.3万亩10 10开展培训人次≥3OOO人次 总分100" and notes
    (plain,), _ = _digits_unmisread([RawLine(1, None, "IO设备采购 lO lO")])  # no misread figure: no OCR said
    assert plain.text == "IO设备采购 lO lO"
