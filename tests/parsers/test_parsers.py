"""Per-stage checks of the parsers on small pieces of real seed text."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from extract.text import text_to_lines
from models import Form
from parsers.fields import read_checkbox, read_field
from parsers.flow_rows import self_eval_rows, target_rows
from parsers.form import parse_form
from parsers.segment import split_forms
from parsers.table import find_header, segment_header, sub_row_spanned
from pipeline import file_to_document
from tests.conftest import ROOT


def first_form(tmp_path: Path, lines: list[str]) -> Form:
    """The first form the pipeline reads from a text of these lines written to a file."""
    source = tmp_path / "form.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return file_to_document(source).forms[0]


def texts(rows: list[dict]) -> list[dict[str, str]]:
    return [{column: "".join(cell.text for cell in cells) for column, cells in row.items()} for row in rows]


def test_wrapped_header_is_one_header() -> None:
    lines = text_to_lines("一级指标 二级指标 三级指标\n年度\n指标值\n实际\n完成值\n分值 得分\n偏差原因分析及\n改进措施\n产出指标\n")
    first, end, columns, grid = find_header(lines)
    assert (first, end, grid) == (0, 8, None)
    assert columns == ["level1", "level2", "name", "target", "actual", "weight", "score", "note"]


def test_header_segmentation_backtracks() -> None:
    assert segment_header("得分偏差原因分析及") == (("score",), "偏差原因分析及")
    assert segment_header("分值产出指标") is None


def test_target_rows_right_align_and_stack_merged_levels() -> None:
    text = "投入与管理\n投入管理 系统建设完成率 =1\n产出目标\n数量\n综合接通率 >80%\n时效\n一级故障 响应时间：≤10分钟内，故障处理时间≤9\n0分钟\n" \
           "人力资源 人力资源配备和培训应该满足可持续发展的需\n求\n建立\n"
    rows = texts(target_rows(text_to_lines(text), ("level1", "level2", "name", "target")))
    assert rows == [
        {"level1": "投入与管理", "level2": "投入管理", "name": "系统建设完成率", "target": "=1"},
        {"level1": "产出目标", "level2": "数量", "name": "综合接通率", "target": ">80%"},
        {"level2": "时效", "name": "一级故障", "target": "响应时间：≤10分钟内，故障处理时间≤90分钟"},
        {"level2": "人力资源", "name": "人力资源配备和培训应该满足可持续发展的需求", "target": "建立"},
    ]


def test_self_eval_rows_anchor_on_weight_and_score_and_keep_notes() -> None:
    text = "社会效益指标\n综合服务率\n>=80% 76.89% 10 7.6\n受疫情影响，封控\n期间居家办公，下\n半年综合服务率已\n达标。\n" \
           "热线投诉率\n<=0.006% 0.004% 10 10\n效益指标\n可持续影响指标\n长效管理制度健全性\n健全 健全 5 5\n" \
           "时效指标\n系统故障解决时间\n一级故障<=90\n分钟，二级故障<\n=180分钟，三\n级故障<=24小\n时\n在标准时间内响应\n和处理\n10 10\n"
    rows = texts(self_eval_rows(text_to_lines(text)))
    assert rows[0] == {"weight": "10", "score": "7.6", "target": ">=80%", "actual": "76.89%", "name": "综合服务率",
                       "level2": "社会效益指标", "note": "受疫情影响，封控期间居家办公，下半年综合服务率已达标。"}
    assert rows[2]["level1"] == "效益指标" and rows[2]["level2"] == "可持续影响指标"
    assert rows[3]["target"] == "一级故障<=90分钟，二级故障<=180分钟，三级故障<=24小时"
    assert rows[3]["actual"] == "在标准时间内响应和处理"


def test_checkbox_reading() -> None:
    assert read_checkbox("fund_use", "政府购买服务 ☑ 资产购置类 ☐").value == "政府购买服务"
    assert read_checkbox("project_category", "经常性专项业务费□ 其他经常性项目□√").value == "其他经常性项目"
    unread = read_checkbox("fund_use", "基本建设工程类□ 政府购买服务 资产购置类□")
    assert unread.value is None and "政府购买服务" in unread.problem
    assert read_checkbox("project_category", "经常性专项业务费").value == "经常性专项业务费"


def test_forms_split_by_title_or_by_a_repeated_name_label() -> None:
    text = "项目名称\n资金用途\n上海市财政支出项目绩效目标申报表\n(2019年 )\n项目名称\n上海市财政支出项目绩效目标申报表\n"
    spans = split_forms(text_to_lines(text))
    assert [len(span.lines) for span in spans] == [4, 2]
    assert split_forms(text_to_lines("2020年绩效目标\n一级目标 二级目标\n")) == []


def test_parser_flags_name_the_cells_they_concern() -> None:
    text = ("财政项目支出绩效自评表\n(2022 年度)\n项目名称 12333热线咨询平台项目经费\n项目当年预算（元） 七千万\n"
            "项目资金\n（元）\n     年初预算数 全年预算数 全年执行数  分值  执行率 得分\n"
            "年度资金总额 70762666.00 81572666.00 81,572,666 十 100.00% 10\n")
    _, flags = parse_form(split_forms(text_to_lines(text))[0], 0)
    assert [(flag.code, flag.paths) for flag in flags] == [
        ("unreadable_field", ["current_budget"]), ("unreadable_cell", ["funds[0].weight"])]


def test_a_budget_after_a_headings_colon_is_read_as_the_total_before_its_parts() -> None:
    # 项目资金（万元）：年度资金总额 86.4 其中：财政拨款 86.4 其他资金 0 - the label after the heading's note and
    # colon, its amount the total before the parts it is made of
    text = ("2024年度项目支出绩效目标表\n项目名称：社区养老服务补贴\n实施单位：某区养老服务中心\n"
            "项目资金（万元）：年度资金总额 86.4  其中：财政拨款 86.4  其他资金 0\n"
            "年度绩效目标：为辖区老人发放补贴。\n一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 补贴发放人数 ≥1200人\n")
    form, _ = parse_form(split_forms(text_to_lines(text))[0], 0)
    assert form.current_budget == 864000


def test_a_self_evaluations_goal_row_printing_two_texts_gives_goal_and_actual() -> None:
    text = ("2022年度项目支出绩效自评表\n项目名称 | 农村公路养护工程 |\n实施单位 | 某县农村公路管理站 |\n"
            "年度总体目标 | 完成农村公路养护里程450公里。 | 全年完成养护里程462公里。 |\n"
            "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 权重 | 得分 |\n"
            "产出指标 | 数量指标 | 养护里程 | 450公里 | 462公里 | 30 | 30 |\n"
            "自评得分 | 98 | 自评等级 | 优 |\n")
    form, flags = parse_form(split_forms(text_to_lines(text))[0], 0)
    assert form.sections == {"annual_goal": "完成农村公路养护里程450公里。", "annual_actual": "全年完成养护里程462公里。"}
    assert [flag.code for flag in flags] == ["section_column_ambiguous"]
    # the result row ends the table: its 自评得分 and 自评等级 are the form's
    assert (form.total_score, form.grade, len(form.indicators)) == (98, "优", 1)


def test_a_checkbox_row_opening_with_a_mark_prints_each_mark_before_its_option() -> None:
    assert read_checkbox("project_category", "□常年性    ■延续性    □一次性").value == "延续性"
    assert read_checkbox("project_category", "☑常年性项目 □延续性项目 □一次性项目").value == "常年性项目"
    assert read_checkbox("project_category", "常年性项目□ 延续性项目☑").value == "延续性项目"  # not 延续性 as well


def test_the_name_printed_twice_side_by_side_is_the_name_and_its_description() -> None:
    lines = text_to_lines("一级指标 二级指标 指标名称 指标内容 指标值 备注\n产出指标\n")
    assert find_header(lines)[2] == ["level1", "level2", "name", "description", "target", "note"]
    lines = text_to_lines("一级指标 二级指标 三级指标 指标解释 指标值\n产出指标\n")  # its own 指标解释: as printed
    assert find_header(lines)[2] == ["level1", "level2", "name", "description", "target"]


def test_a_second_header_row_names_the_two_columns_under_a_spanning_cell() -> None:
    assert sub_row_spanned(["level1", "level2", "name", "target", "weight", "score", "target", "actual"]) == [
        "level1", "level2", "name", "target", "actual", "weight", "score"]
    assert sub_row_spanned(["full_year_budget", "executed", "weight", "execution_rate", "score", "initial_budget",
                            "full_year_budget"]) == ["initial_budget", "full_year_budget", "executed", "weight",
                                                     "execution_rate", "score"]
    plain = ["level1", "level2", "name", "target", "actual", "weight", "score"]
    assert sub_row_spanned(plain) == plain


def test_a_self_evaluation_with_two_row_headers_reads_its_funds_and_targets(tmp_path: Path) -> None:
    form = first_form(tmp_path, [
        "项目支出绩效自评表 |", "项目名称 | 乡村道路养护 | | |",
        "项目资金（万元） | 资金来源 | | 预算数 | | 全年执行数 | 分值 | 执行率 | 得分 |",
        "年初预算数 | 全年预算数 |",
        "年度资金总额 | | 100 | 120 | 108 | 10 | 90.00% | 9 |",
        "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | | 分值 | 得分 |",
        "目标值 | 实际值 |",
        "产出指标 | 数量指标 | 养护里程 | ≥50公里 | 52公里 | 20 | 20 |",
    ])
    fund = form.funds[0]
    assert (fund.initial_budget, fund.full_year_budget, fund.executed) == (1000000, 1200000, 1080000)
    row = form.indicators[0]
    assert (row.target.raw, row.actual.raw, row.weight, row.score) == ("≥50公里", "52公里", 20, 20)


def test_an_operator_column_is_the_target_s_nature() -> None:
    lines = text_to_lines("一级指标 二级指标 三级指标 指标方向 指标值 计量单位 指标解释\n产出指标\n")
    assert find_header(lines)[2] == ["level1", "level2", "name", "nature", "target", "measure", "description"]


def test_a_multi_project_table_one_cell_per_line_keeps_each_target_s_unit(tmp_path: Path) -> None:
    cells = ["单位名称、项目名称", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "指标解释",
             "乡村医生补助经费", "为乡村医生发放补助。", "产出指标", "数量指标", "补助乡村医生人数", "≥", "420", "人",
             "反映获得补助的乡村医生人数", "补助发放及时率", "=", "100", "%", "反映按时发放补助的比例"]
    rows = first_form(tmp_path, ["项目支出绩效目标表", *cells]).indicators
    assert [(row.name, row.target.raw, row.description) for row in rows] == [
        ("补助乡村医生人数", "≥420人", "反映获得补助的乡村医生人数"), ("补助发放及时率", "=100%", "反映按时发放补助的比例")]


def test_a_target_spanning_its_operator_value_and_unit_columns_takes_their_place() -> None:
    printed = ["level1", "level2", "name", "target", "actual", "weight", "score", "note", "nature", "target", "measure"]
    assert sub_row_spanned(printed) == ["level1", "level2", "name", "nature", "target", "measure", "actual", "weight",
                                        "score", "note"]


@pytest.mark.parametrize("engine", ["rl", "lo"])
def test_an_amounts_note_under_the_title_gives_the_funds_their_unit(engine: str) -> None:
    # 金额单位：万元 printed above the form's table, not beside the funds header: the amounts are 万元
    form = file_to_document(ROOT / f"samples/families/guangdong_selfeval-madeup-{engine}.pdf").forms[0]
    assert form.funds_unit == "万元" and form.funds[0].initial_budget == Decimal("12500000")


def test_a_checkbox_row_read_with_its_label_still_tells_where_its_marks_stand() -> None:
    assert read_checkbox("project_category", "项目类型 □常年性■延续性□一次性").value == "延续性"
    # an option the templates data lacks (新增项目) first: the marks still follow their options
    assert read_checkbox("project_category", "新增项目□ 延续性项目☑").value == "延续性项目"


def test_indicators_named_with_a_label_s_words_stay_rows(tmp_path: Path) -> None:
    # the MOF framework names its indicators with labels' words: 立项依据充分性 (立项依据 | 充分性), 完成时间
    cells = ["项目支出绩效自评表", "项目名称", "河道保洁", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
             "决策", "项目立项", "立项依据充分性", "充分", "充分", "5", "5", "产出指标", "时效指标", "完成时间", "12月底前", "12月20日",
             "10", "9", "数量指标", "保洁河道长度", "≥36公里", "36公里", "10", "10", "总分", "100", "96"]
    form = first_form(tmp_path, cells)
    assert [row.name for row in form.indicators] == ["立项依据充分性", "完成时间", "保洁河道长度"]
    assert form.total_score == Decimal("96")


def test_the_mof_framework_s_levels_read_beside_a_first_and_second_level_printed_together(tmp_path: Path) -> None:
    rows = first_form(tmp_path, [
        "部门整体支出绩效自评表", "部门名称 某区统计局",
        "一级指标 二级指标 三级指标 分值 年度指标值 实际完成值 得分",
        "决策（15分） 绩效目标 绩效目标合理性 5 合理 合理 5",
        "资金投入 预算编制科学性 10 科学 科学 10",
        "产出（30分） 产出数量 统计报表按时报送率 15 100% 100% 15",
        "总分 30 30"]).indicators
    assert [(row.level1, row.level2, row.name) for row in rows] == [
        ("决策", "绩效目标", "绩效目标合理性"), ("决策", "资金投入", "预算编制科学性"), ("产出", "产出数量", "统计报表按时报送率")]


def test_points_printed_with_their_fen_and_level_weights_without_it_are_read(tmp_path: Path) -> None:
    form = first_form(tmp_path, [
        "项目支出绩效自评表", "项目名称 全民健身设施维护",
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
        "产出指标(50) 数量指标 维护更新健身器材数量 ≥120件 126件 20分 20分",
        "效益指标(30) 社会效益指标 经常参加体育锻炼人数比例 ≥40% 41.2% 30分 28分",
        "总分 50 48"])
    assert [(row.level1, row.level1_weight, row.weight, row.score) for row in form.indicators] == [
        ("产出指标", Decimal("50"), Decimal("20"), Decimal("20")), ("效益指标", Decimal("30"), Decimal("30"), Decimal("28"))]


@pytest.mark.parametrize(("key", "printed", "value"), [
    ("grade", "优相关附件：【打印】【关闭】", "优"),  # a web page's text run on after the grade
    ("grade", "优秀", "优秀"), ("grade", "良好", "良好"),
    ("gov_procurement", "☑是□否", True), ("gov_procurement", "□是☑否", False), ("gov_procurement", "√是", True),
    ("gov_procurement", "是□ 否☑", False),
    ("department", "[215]某区教育局", "某区教育局"),  # the bracketed budget code dropped, as a unit's is
])
def test_a_field_keeps_what_its_label_says_it_holds(key: str, printed: str, value: object) -> None:
    assert read_field(key, printed, None).value == value


def test_a_project_table_printed_glued_reads_each_project_s_name_goal_and_rows(tmp_path: Path) -> None:
    forms = first_form(tmp_path, [
        "项目支出绩效目标表", "单位名称：某县卫生健康局",
        "单位名称、项目名称年度绩效目标一级指标二级指标三级指标指标性质指标值度量单位指标解释",
        "某县卫生健康局",
        "基本公共卫生服务补助经费为辖区居民提供基本公共卫生服务。产出指标数量指标老年人健康管理人数≥3200人反映管理人数",
        "医疗废物处置补助对基层医疗机构医疗废物集中处置。产出指标数量指标处置机构数量≥40家反映处置机构数量",
    ])
    assert forms.project_name == "基本公共卫生服务补助经费"
    assert forms.sections["annual_goal"] == "为辖区居民提供基本公共卫生服务。"
    assert [(row.name, row.target.raw) for row in forms.indicators] == [("老年人健康管理人数", "≥3200人")]


def test_a_target_basis_column_is_the_indicator_s_description() -> None:
    lines = text_to_lines("一级指标 二级指标 三级指标 指标值 指标值确定依据\n产出指标\n")
    assert find_header(lines)[2] == ["level1", "level2", "name", "target", "description"]


@pytest.mark.parametrize(("printed", "read"), [
    ("口新增项目 ■延续项目", "延续项目"), ("囗新增项目 ■延续项目", "延续项目"), ("新增项目口 延续项目■", "延续项目"),
    ("人口健康信息化项目", "人口健康信息化项目"),
])
def test_an_ocr_s_box_beside_an_option_is_an_empty_box(printed: str, read: str) -> None:
    assert read_checkbox("project_category", printed).value == read


@pytest.mark.parametrize("label", ["实施单位（公章）", "实施单位(盖章)", "实施单位（签章）"])
def test_a_seal_note_after_a_label_is_no_part_of_the_unit(label: str) -> None:
    form = parse_form(split_forms(text_to_lines(f"项目支出绩效目标表\n项目名称 某项目\n{label} 某县农业农村局\n"))[0], 0)[0]
    assert form.unit == "某县农业农村局"


@pytest.mark.parametrize(("printed", "read"), [
    ("□新建 ☑改扩建 □维修改造", "改扩建"), ("新建□ 改扩建√ 维修□", "改扩建"), ("口新建 ■改扩建", "改扩建"), ("□新建 □改扩建", None),
])
def test_a_checked_word_the_data_does_not_list_is_the_value(printed: str, read: str | None) -> None:
    assert read_checkbox("project_category", printed).value == read


def test_a_form_whose_title_is_lost_takes_the_year_line_printed_over_it(tmp_path: Path) -> None:
    # a web page's headline, then the title's own （2024年度） line over the form, the title itself lost
    page = tmp_path / "page.txt"
    page.write_text("碧江区水务局2024年度项目支出绩效自评结果公开\n发布时间：2025-05-09\n（2024年度）\n"
                    "项目名称\t碧江区农村饮水安全巩固提升工程\n实施单位\t铜仁市碧江区农村供水管理站\n"
                    "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
                    "产出指标\t数量指标\t巩固提升受益人口\t≥2.6万人\t2.71万人\t20\t20\n", encoding="utf-8")
    (form,) = file_to_document(page).forms
    assert (form.title, form.year, form.form_type) == (None, 2024, "self_eval")


@pytest.mark.parametrize("rate_row", ["预算执行率(10分) 100.00% 得分 9.5", "预算执行率 100.00% 10 9.5",
                                      "预算执行率 分值 10 得分 9.5"])
def test_a_funds_block_s_own_rate_row_gives_the_total_row_its_points(tmp_path: Path, rate_row: str) -> None:
    form = first_form(tmp_path, [
        "项目支出绩效自评表", "项目名称 某县公交运营补贴", "实施单位 某县交通运输局",
        "项目资金(万元) 年初预算数 全年预算数 全年执行数 执行率",
        "年度资金总额 1500.00 1500.00 1500.00 100.00%", "其中:财政拨款 1500.00 1500.00 1500.00 100.00%", rate_row,
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
        "产出指标 数量指标 公交运营线路 ≥38条 38条 90 88",
    ])
    assert (form.funds[0].weight, form.funds[0].score) == (Decimal("10"), Decimal("9.5"))
    assert form.provenance["funds[0].weight"] is not None


def test_a_transfer_form_s_department_is_the_local_one_whichever_is_printed_first(tmp_path: Path) -> None:
    form = first_form(tmp_path, [
        "省对下转移支付区域绩效目标表", "转移支付（项目）名称 | 农村公路养护补助资金",
        "省级主管部门 | 某省交通运输厅", "地方主管部门 | 某州交通运输局", "资金使用单位 | 某县公路管理段",
        "一级指标 | 二级指标 | 三级指标 | 指标值", "产出指标 | 数量指标 | 养护里程 | ≥860公里",
    ])
    assert form.department == "某州交通运输局"
    assert form.extra["省级主管部门"] == "某省交通运输厅"
    assert form.provenance["department"].label == "地方主管部门"


def test_a_funds_block_after_the_indicator_table_ends_it_and_the_total_under_it_is_the_table_s(tmp_path: Path) -> None:
    form = first_form(tmp_path, [
        "项目支出绩效自评表", "项目名称 | 湿地管护项目", "实施单位 | 某区湿地保护管理站",
        "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分",
        "产出指标 | 数量指标 | 植被恢复面积 | ≥320亩 | 335亩 | 90 | 88",
        "项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分",
        " | 年度资金总额 | 186.50 | 192.30 | 178.84 | 10 | 93.00% | 9.3",
        "总分 | | | | | | 100 | 97.3",
    ])
    assert [indicator.name for indicator in form.indicators] == ["植被恢复面积"]
    assert form.funds[0].executed == Decimal("1788400")
    assert form.total_score == Decimal("97.3")


def test_a_template_s_empty_row_between_a_level1_and_the_next_row_is_no_level1(tmp_path: Path) -> None:
    form = first_form(tmp_path, [
        "项目支出绩效自评表", "项目名称 某项目", "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
        "产出指标(50分) 数量指标 线路 ≥38条 38条 50 50", "效益指标(30分) 经济效益指标",
        "社会效益指标 通公交率 100% 100% 30 30",
    ])
    assert [(row.level1, row.level1_weight, row.level2) for row in form.indicators][1] == \
        ("效益指标", Decimal("30"), "社会效益指标")


def test_an_ocr_s_misread_labels_and_a_weight_between_target_and_actual_are_read(tmp_path: Path) -> None:
    form = first_form(tmp_path, [
        "2016年度项目支出绩效自评表项目名称农村饮水工程主管部门某区水利局"
        "一级指标二级指标三级指标年度指标值杈重实际完戍值得分偏差原因分析及改进措施"
        "产岀指标数量指标新建集中供水工程≥28处2030处20质量指标水质检测合格率≥90%1592.6%15"
        "满意度指标服务对象满意度指标受益群众满意度≥85%1591%15综合得分98自评等级优秀",
    ])
    rows = [(row.level1, row.name, row.target.raw, row.weight, row.actual.raw, row.score) for row in form.indicators]
    assert rows[0] == ("产岀指标", "新建集中供水工程", "≥28处", Decimal("20"), "30处", Decimal("20"))
    assert rows[-1][1:] == ("受益群众满意度", "≥85%", Decimal("15"), "91%", Decimal("15"))
    assert (form.total_score, form.grade) == (Decimal("98"), "优秀")


def test_a_page_chunk_inside_a_run_of_figures_joins_it(tmp_path: Path) -> None:
    form = first_form(tmp_path, [
        "1、项目支出绩效自评表(2023年度)项目名称动物防疫经费主管部门某旗农牧局实施单位某旗动物疫病预防控制中心"
        "项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分年度资金总额138.6138.61",
        "2、21.861087.92%8.79其中：当年财政拨款118.6118.6103.26—87.07%—",
    ])
    assert form.title == "项目支出绩效自评表"
    assert (form.funds[0].executed, form.funds[0].execution_rate, form.funds[0].score) == \
        (Decimal("1218600"), Decimal("87.92"), Decimal("8.79"))


def test_another_table_s_lines_before_a_form_title_are_no_lines_of_the_form(tmp_path: Path) -> None:
    form = first_form(tmp_path, [
        "收支预算总表", "部门名称：某区文化局", "收入 支出", "项目 本年预算 项目 本年预算",
        "一般公共预算 2,141.86 文化旅游体育与传媒支出 1,862.44", "事业收入 50.00 卫生健康支出 62.93",
        "部门整体支出绩效目标表", "部门名称 某区文化局", "年度总体目标 完成年度各项文化惠民任务。",
        "一级指标 二级指标 三级指标 指标值", "产出指标 数量指标 送戏下乡场次 ≥120场",
    ])
    assert form.unit == "某区文化局"
    assert not {"一般公共预算", "事业收入"} & set(form.extra or {})
