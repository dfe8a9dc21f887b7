"""The token reading: cells recovered from damaged text, tagged from the templates data."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from models import Cell, Line, Where
from parsers.tokens import canonical, classify, holds_other_cells, rule_bits_off, tokenize
from pipeline import file_to_document
from tests.conftest import ROOT


def flow(*texts: str) -> list[Line]:
    where = Where(method="text-input")
    return [Line(cells=(Cell(text=text, where=where),), layout="flow") for text in texts]


@pytest.mark.parametrize(("printed", "kind", "key"), [
    ("项目名称", "field", "project_name"),
    ("项目主管部门", "field", "department"),
    ("项目资金(万元)", "heading", "项目资金"),
    ("全年预算数(A)", "fcolumn", "full_year_budget"),
    ("产出指标(50分)", "level1", "产出指标"),
    ("数量值", "level2", "数量值"),
    ("(30分)", "points", None),
    ("(2020年度)", "year", "2020"),
    ("部门整体支出绩效自评表", "title", "self_eval"),
    ("项目负责人及电话", "extra", "项目负责人及电话"),
    ("满意度", "value", None),  # a bare 满意度 names an indicator; a level label ends in 指标/目标/值
    ("|", "empty", None),
])
def test_a_cell_is_tagged_from_the_templates_data(printed: str, kind: str, key: str | None) -> None:
    assert classify(printed)[:2] == (kind, key)


def test_label_notes_give_unit_and_points() -> None:
    assert canonical("资金情况(单位:万元)") == ("资金情况", "万元", None)
    assert canonical("效益指标(30分)") == ("效益指标", None, Decimal("30"))


def test_a_glued_row_is_cut_at_the_labels_it_opens_with() -> None:
    tokens = tokenize(flow("项目主管部门青山区教育局项目执行单位化工区学校"))
    assert [(t.text, t.kind) for t in tokens] == [
        ("项目主管部门", "field"), ("青山区教育局", "value"), ("项目执行单位", "field"), ("化工区学校", "value")]


def test_a_short_unit_label_is_cut_off_an_organisations_name_only() -> None:
    assert [(t.text, t.kind) for t in tokenize(flow("部门金寨县茶谷和美丽乡村建设服务中心"))] == [
        ("部门", "field"), ("金寨县茶谷和美丽乡村建设服务中心", "value")]
    # an ordinary word opening with the label, or a name run on with other cells, stays whole
    assert [t.text for t in tokenize(flow("部门预算项目支出情况"))] == ["部门预算项目支出情况"]
    assert len(tokenize(flow("部门某县农业农村局2024"))) == 1


def test_a_short_date_label_is_cut_before_a_period_ending_the_run() -> None:
    tokens = tokenize(flow("项目属性延续项目项目期2023年1月-2025年12月"))
    assert [(t.text, t.kind) for t in tokens] == [
        ("项目属性", "extra"), ("延续项目", "value"), ("项目期", "field"), ("2023年1月-2025年12月", "value")]
    assert [t.text for t in tokenize(flow("在项目期内完成全部建设任务"))] == ["在项目期内完成全部建设任务"]


def test_a_whole_form_printed_as_one_run_is_cut_before_its_title_and_at_its_labels() -> None:
    run = "附件:项目支出绩效自评表(2022年度)项目名称委托业务实施单位棠溪镇人民政府项目资金(万元)年初预算数全年预算数"
    assert [(t.text, t.kind) for t in tokenize(flow(run))] == [
        ("附件:", "value"), ("项目支出绩效自评表(2022年度)", "title"), ("项目名称", "field"), ("委托业务", "value"),
        ("实施单位", "field"), ("棠溪镇人民政府", "value"), ("项目资金(万元)", "heading"), ("年初预算数", "fcolumn"),
        ("全年预算数", "fcolumn")]


def test_an_amounts_note_and_a_short_label_after_a_title_open_a_forms_run() -> None:
    run = "项目支出绩效目标申报表(2024年度)金额单位:万元项目名称基层医疗卫生机构能力提升项目编码44000024T0001"
    assert [t.text for t in tokenize(flow(run))] == [
        "项目支出绩效目标申报表(2024年度)", "金额单位:万元", "项目名称", "基层医疗卫生机构能力提升", "项目编码",
        "44000024T0001"]
    run = "部门整体支出绩效自评表(2023年度)部门金寨县美丽乡村建设服务中心预算资金(万元)年初预算数全年预算数"
    assert [t.text for t in tokenize(flow(run))][:4] == [
        "部门整体支出绩效自评表(2023年度)", "部门", "金寨县美丽乡村建设服务中心", "预算资金(万元)"]


def test_a_checkbox_option_or_a_figure_glued_before_a_label_is_cut_off() -> None:
    assert [t.text for t in tokenize(flow("延续项目□主管部门宁乡市住房和城乡建设局"))] == [
        "延续项目□", "主管部门", "宁乡市住房和城乡建设局"]
    assert [t.text for t in tokenize(flow("2025年12月项目预算(万元)资金总额1280.5"))][:3] == [
        "2025年12月", "项目预算(万元)", "资金总额"]
    # a list's number is no figure: 1.项目年度目标完成情况 stays whole
    assert [t.text for t in tokenize(flow("1.项目年度目标完成情况"))] == ["1.项目年度目标完成情况"]


def test_a_headers_short_first_columns_are_cut_off_the_text_before_them() -> None:
    tokens = tokenize(flow("项目总体情况主要用于日常办公等。一级二级三级年度数值备注"))
    assert [(t.text, t.kind) for t in tokens][1:] == [
        ("主要用于日常办公等。", "value"), ("一级", "column"), ("二级", "column"), ("三级", "column"),
        ("年度数值", "column"), ("备注", "section")]


def test_a_headers_last_columns_are_cut_off_the_level_label_under_them() -> None:
    tokens = tokenize(flow("指标值备注产出(工作量)指标(数量、质量、成本方面的指标)"))
    assert [(t.text, t.kind) for t in tokens] == [
        ("指标值", "column"), ("备注", "section"), ("产出(工作量)指标(数量、质量、成本方面的指标)", "level1")]


def test_a_headers_last_short_column_is_cut_off_the_first_body_cell() -> None:
    tokens = tokenize(flow("一级指标二级指标三级指标指标值高标准农田建设补助560.5新建高标准农田0.5万亩"))
    assert [t.text for t in tokens] == ["一级指标", "二级指标", "三级指标", "指标值", "高标准农田建设补助560.5新建高标准农田0.5万亩"]


def test_a_funds_headers_short_columns_are_cut_off_the_total_row_and_a_formula_stays_prose() -> None:
    tokens = tokenize(flow("年初预算调整后预算数预算执行数预算执行率权重得分原因总额238.93251.89251.89100.00%101."
                           "预算执行率=预算执行数/调整后预算数,未达到90%的需说明原因"))
    texts = [t.text for t in tokens]
    assert texts[:8] == ["年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因",
                         "总额238.93251.89251.89100.00%101.预算执行率=预算执行数/调整后预算数,未达到90%的需说明原因"]


def test_funds_sources_are_cut_before_their_figures_only() -> None:
    run = "年度资金总额:0001000其中:本年财政拨款9089.97489.974上年结转资金其他资金"
    assert [t.text for t in tokenize(flow(run))] == [
        "年度资金总额:", "0001000", "其中:本年财政拨款", "9089.97489.974", "上年结转资金", "其他资金"]
    # prose naming a source or a column stays whole
    prose = "项目名称本项目共申请预算资金90万元,其中:30万元用于基建工程项目预算编制,上年结转资金用于审计"
    assert [t.text for t in tokenize(flow(prose))][1:] == [prose.removeprefix("项目名称")]


def test_a_glued_header_rest_is_cut_with_its_column_keys() -> None:
    tokens = tokenize(flow("分值执行率(B/A)得分"))
    assert [(t.text, t.key) for t in tokens] == [("分值", "weight"), ("执行率(B/A)", "execution_rate"), ("得分", "score")]


def test_a_header_run_with_a_note_out_of_place_stays_whole() -> None:
    # a key before the first column name (a fuzzed text found it raising StopIteration)
    assert [t.text for t in tokenize(flow("(A)年初预算数全年预算数"))] == ["(A)年初预算数全年预算数"]


def test_a_value_that_merely_contains_a_label_is_not_cut() -> None:
    assert [t.text for t in tokenize(flow("在项目计划完成时间内完成"))] == ["在项目计划完成时间内完成"]


def test_a_label_cut_by_a_line_break_is_joined() -> None:
    tokens = tokenize([Line(cells=(Cell(text="年度", where=Where(method="text-input")),
                                   Cell(text="指标值", where=Where(method="text-input"))), layout="grid")])
    assert [(t.text, t.kind) for t in tokens] == [("年度指标值", "column")]


def test_spaces_inside_parentheses_do_not_cut_a_cell() -> None:
    assert [t.text for t in tokenize(flow("景点开发数量( ≥**个 ) >=4个"))] == ["景点开发数量(≥**个)", ">=4个"]


def test_a_name_holding_a_level_label_was_read_with_other_cells() -> None:
    assert holds_other_cells("……社会效益指标指标1:保护全市人口财产不受损失")
    assert not holds_other_cells("服务对象满意度")


@pytest.mark.parametrize("engine", ["rl", "lo"])
def test_a_department_form_gives_its_tasks_in_yuan(engine: str) -> None:
    golden = json.loads((ROOT / "samples/families/dept_selfeval-madeup.golden.json").read_text(encoding="utf-8"))
    form = file_to_document(ROOT.joinpath(f"samples/families/dept_selfeval-madeup-{engine}.pdf").relative_to(ROOT)).forms[0]
    expected = golden["forms"][0]["tasks"]
    assert [(t.name, t.budget, t.executed) for t in form.tasks] == [
        (task["name"], Decimal(task["budget"]), Decimal(task["executed"])) for task in expected]
    assert form.provenance["tasks[0].budget"].page == 1


def test_a_page_mark_of_the_document_site_is_no_cell() -> None:
    tokens = tokenize(flow("项目绩效目标表_第2页", "第 3 页 共 5 页", "项目名称", "社区图书室运行保障"))
    assert [t.text for t in tokens] == ["项目名称", "社区图书室运行保障"]


def test_a_long_heading_is_cut_out_of_a_glued_run() -> None:
    tokens = tokenize(flow("项目概况社区图书室日常运行项目立项情况项目立项的依据区文化发展规划"))
    assert [(t.text, t.kind) for t in tokens] == [
        ("项目概况", "section"), ("社区图书室日常运行", "value"), ("项目立项情况", "heading"),
        ("项目立项的依据", "section"), ("区文化发展规划", "value")]


def test_a_label_opening_with_nian_du_is_not_cut_out_of_a_year_before_it() -> None:
    # 2021年度 is the period's: the heading after it is 资金总额及构成 (a project's total, not its year's)
    tokens = tokenize(flow("项目起止时间2021年度资金总额及构成总额10606.7522万元"))
    assert [(t.text, t.kind) for t in tokens][:3] == [("项目起止时间", "field"), ("2021年度", "year"),
                                                      ("资金总额及构成", "heading")]
    # after an amount it is the label: 中期资金总额:4800 | 年度资金总额:1650
    tokens = tokenize(flow("中期资金总额:4800年度资金总额:1650"))
    assert [t.text for t in tokens] == ["中期资金总额:", "4800", "年度资金总额:", "1650"]


GLUED_ROWS = ("2023年社区服务项目支出绩效目标表\n项目名称社区图书室运行保障一级指标二级指标三级指标指标解释当年预期实现值"
              "产出指标数量指标图书借阅人次反映图书室全年服务情况1200人次新增藏书册数反映藏书更新情况500册"
              "质量指标图书完好率反映藏书管理质量情况≥98%成本指标运行成本控制率不超预算读者满意度反映读者评价情况≥90%\n")


def test_indicator_rows_glued_into_one_run_are_cut_after_each_value(tmp_path) -> None:
    path = tmp_path / "glued.txt"
    path.write_text(GLUED_ROWS, encoding="utf-8")
    document = file_to_document(path)
    rows = [(i.level2, i.name, i.description, i.target.raw if i.target else None)
            for i in document.forms[0].indicators]
    assert rows == [
        ("数量指标", "图书借阅人次", "反映图书室全年服务情况", "1200人次"),
        ("数量指标", "新增藏书册数", "反映藏书更新情况", "500册"),
        ("质量指标", "图书完好率", "反映藏书管理质量情况", "≥98%"),
        ("成本指标", "运行成本控制率", None, "不超预算"),
        ("成本指标", "读者满意度", "反映读者评价情况", "≥90%"),
    ]
    assert {flag.code for flag in document.flags} >= {"rows_cut_from_glued_text"}


def test_a_level_label_with_its_points_and_a_bare_level2_open_a_glued_row() -> None:
    from parsers.tokens import _cut_glued

    assert _cut_glued("项目决策(10分)项目目标目标完整性5—目标明确5") == ["项目决策(10分)", "项目目标", "目标完整性5—目标明确5"]


def test_a_list_number_goes_with_the_heading_it_numbers() -> None:
    tokens = tokenize(flow("项目基本情况1.项目年度目标完成情况"))
    assert [(t.text, t.kind) for t in tokens] == [("项目基本情况", "section"), ("1.项目年度目标完成情况", "heading")]
    tokens = tokenize(flow("项目年度目标严格执行相关政策。对照年度目标,说明完成情况(100字以内)2.项目实施内容及过程概述"))
    assert [t.text for t in tokens][-2:] == ["严格执行相关政策。对照年度目标,说明完成情况(100字以内)", "2.项目实施内容及过程概述"]


def test_a_section_label_a_sentence_goes_on_after_is_prose() -> None:
    # the template's instruction under 存在问题 names 存在的问题及原因 inside its sentence
    tokens = tokenize(flow("存在问题结合自评情况,分析存在的问题及原因。(200字以内)"))
    assert [(t.text, t.kind) for t in tokens] == [("存在问题", "section"),
                                                  ("结合自评情况,分析存在的问题及原因。(200字以内)", "value")]


@pytest.mark.parametrize(("printed", "kind"), [
    ("部门管理", "level1"), ("资金投入", "level2"), ("履职效果", "level1"), ("基本支出", "source"),
])
def test_a_department_form_s_level_labels_and_sources_are_known(printed: str, kind: str) -> None:
    assert classify(printed)[0] == kind


def test_a_heading_with_a_header_glued_after_it_is_cut_off() -> None:
    tokens = tokenize(flow("项目资金年初预算数全年预算数全年执行数分值执行率得分"))
    assert [(t.text, t.kind) for t in tokens][:2] == [("项目资金", "heading"), ("年初预算数", "fcolumn")]
    assert [t.text for t in tokenize(flow("预算执行情况良好"))] == ["预算执行情况良好"]  # no label after it


def test_a_checkbox_option_after_its_mark_is_cut_off_the_label_glued_after_it() -> None:
    tokens = tokenize(flow("项目类型■延续性    □一次性项目起止时间2024.01-2024.12"))
    assert [(t.text, t.kind) for t in tokens][-3:] == [("□一次性", "value"), ("项目起止时间", "field"),
                                                       ("2024.01-2024.12", "value")]


def test_a_second_header_row_of_two_long_column_names_is_cut() -> None:
    assert [(t.text, t.key) for t in tokenize(flow("目标值实际值"))] == [("目标值", "target"), ("实际值", "actual")]


def test_a_section_label_with_the_period_it_covers_is_that_label() -> None:
    assert classify("中期目标（2023年-2025年）")[:2] == ("section", "total_goal")
    assert classify("中期目标(20XX-20XX年)")[:2] == ("section", "total_goal")  # the template's blank


def test_a_phone_number_glued_before_a_label_is_cut_off() -> None:
    tokens = tokenize(flow("项目负责人及联系电话王海峰 010-65094321主管部门北京市朝阳区城市管理委员会"))
    assert [(t.text, t.kind) for t in tokens][-3:] == [("010-65094321", "value"), ("主管部门", "field"),
                                                       ("北京市朝阳区城市管理委员会", "value")]


def test_a_site_s_buttons_under_the_page_are_no_cells() -> None:
    assert tokenize(flow("扫一扫在手机打开当前页", "【打印本页】【关闭窗口】", "分享到：微信 微博")) == []


def test_two_forms_printed_as_one_run_are_each_cut_at_their_labels() -> None:
    run = ("某区农业农村局2023年度部门决算附表5-1项目支出绩效自评表（2023年度）项目名称耕地保护补贴主管部门某区农业农村局"
           "实施单位某区农村经营管理站年度总体目标完成全区耕地地力保护补贴面积核实和资金发放，补贴资金按时足额发放到户。"
           "附表5-2项目支出绩效自评表（2023年度）项目名称产权制度改革主管部门某区农业农村局")
    tokens = [(t.text, t.kind) for t in tokenize(flow(run))]
    assert [text for text, kind in tokens if kind == "title"] == [
        "某区农业农村局2023年度部门决算附表5-1项目支出绩效自评表（2023年度）", "附表5-2项目支出绩效自评表（2023年度）"]
    assert ("耕地保护补贴", "value") in tokens and ("产权制度改革", "value") in tokens


def test_a_title_with_notes_after_it_opens_a_flat_form() -> None:
    tokens = tokenize(flow("预算10表项目支出绩效目标表（本次下达）（2024年度）单位名称：某区卫生健康局单位名称、项目名称年度绩效目标"))
    assert [(t.text, t.kind) for t in tokens][:3] == [
        ("预算10表项目支出绩效目标表（本次下达）（2024年度）", "title"), ("单位名称：", "field"), ("某区卫生健康局", "value")]


def test_a_header_whose_cells_wrap_at_the_line_ends_is_one_row() -> None:
    # a web row's cells with line breaks, copied: 年度 / 指标值, 实际 / 完成值 cut at the lines' ends
    def grid(*texts: str) -> Line:
        return Line(cells=tuple(Cell(text=text, where=Where(method="text-input"), col=col)
                                for col, text in enumerate(texts)), layout="grid")

    tokens = tokenize([grid("三级指标", "年度"), grid("指标值", "实际"), grid("完成值", "分值"), grid("(50分)", "数量指标")])
    assert [(t.text, t.kind) for t in tokens if t.kind == "column"] == [
        ("三级指标", "column"), ("年度指标值", "column"), ("实际完成值", "column"), ("分值", "column")]
    assert tokens[-2].kind == "points"  # a row's (50分) after the header is no part of it


def kinds(lines: list[Line]) -> list[tuple[str, str]]:
    return [(token.kind, token.text) for token in tokenize(lines) if token.kind != "empty"]


def test_a_page_chunk_s_marker_inside_a_label_is_taken_out() -> None:
    # mid-line (社会效益3、指标) and at a chunk's start, the label cut at the end of the line above (三级指 | 2、标指标值)
    assert ("level2", "社会效益指标") in kinds(flow("1、效益指标社会效益3、指标新增受益人口≥1.2万人"))
    found = kinds(flow("1、项目支出绩效目标表绩效指标一级指标二级指标三级指", "2、标指标值产出指标数量指标禁牧面积≥186万亩"))
    assert ("column", "三级指标") in found and ("column", "指标值") in found
    # a chunk numbered out of turn is not joined: 2、 after 3、 is a list item
    assert ("column", "三级指标") not in kinds(flow("3、一级指标二级指标三级指", "2、标指标值产出指标"))


def test_an_empty_funds_row_before_the_next_label_is_its_own_cell() -> None:
    found = kinds(flow("上年结转资金—50.00 46.20—92.40%—其他资金年度总体目标完成城区改造。"))
    assert ("source", "其他资金") in found and ("section", "年度总体目标") in found
    # a source's words opening a name are no funds row: 项目支出预算执行率 is an indicator
    assert kinds(flow("项目支出预算执行率")) == [("value", "项目支出预算执行率")]


def test_an_ocr_s_rule_piece_beside_a_label_is_taken_off() -> None:
    ocr = Where(method="ocr")
    lines = [Line(cells=(Cell(text="一产出指标", where=ocr), Cell(text="—", where=ocr), Cell(text="一次性", where=ocr)),
                  layout="grid")]
    assert [cell.text for cell in rule_bits_off(lines)[0].cells] == ["产出指标", "—", "一次性"]
    typed = [Line(cells=(Cell(text="一产出指标", where=Where(method="text")),), layout="grid")]
    assert rule_bits_off(typed)[0].cells[0].text == "一产出指标"  # a text layer prints what it prints
