"""The token reading's tables: a two-row indicator header (a spanning cell over two sub-columns), a
row of labels over a row of figures (the prior-year amounts), and rows printed one per line that
end with their line (a glued row no cut fits never takes the next line's row as its cells)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models import Form
from parsers.blocks import rate_as_percent
from parsers.fields import figures_under
from parsers.glued_row import holds_value
from parsers.token_form import _header_columns
from pipeline import file_to_document

DAMAGED = Path("samples/damaged")
DAQING = ["pipes", "cell-per-line", "row-per-line", "one-line"]


@pytest.mark.parametrize("damage", DAQING)
def test_a_two_row_header_gives_the_spanning_cell_its_sub_columns(damage: str) -> None:
    # 指标名称 spans 二级指标 | 三级指标 on the row below; 上年度实际水平 sits between it and the target
    form = file_to_document(DAMAGED / f"daqing_target-madeup-{damage}.txt").forms[0]
    rows = [(i.level2, i.name, i.target.raw if i.target else None, i.description) for i in form.indicators]
    assert rows[0] == ("目标完成程度", "1.电子图书采购数量", "≥2.3万册", "当年完成采购并上线的电子图书册数")
    assert rows[2] == ("目标完成程度", "3.采购资金支付时间", "2023年11月底前", None)  # not the prior 12月底前
    assert rows[5] == ("项目实施效益", "3.数字资源免费开放率", "=100%", None)
    assert len(rows) == 6


@pytest.mark.parametrize("damage", DAQING)
def test_labels_over_a_total_row_take_its_figures_in_the_labels_unit(damage: str) -> None:
    # 资金来源(万元) | 上年度预算安排 | 上年度实际执行 | 本年度申请金额 over 合计 | 85 | 83.6 | 92.4
    form = file_to_document(DAMAGED / f"daqing_target-madeup-{damage}.txt").forms[0]
    assert (form.prior_budget, form.prior_executed, form.current_budget) == \
        (Decimal("850000"), Decimal("836000"), Decimal("924000"))
    assert form.funds_unit == "万元"


def test_labels_over_a_row_of_their_own_label_and_figures_in_pipes() -> None:
    # 中期资金总额 | 年度资金总额 over 资金总额 | 12580.35 | 2836.7: the row opens with a field label of its own
    form = file_to_document(DAMAGED / "mof_target-madeup_columns-pipes.txt").forms[0]
    assert form.current_budget == Decimal("28367000")


@pytest.mark.parametrize(("printed", "columns"), [
    # a spanning 指标名称 over 二级指标 | 三级指标, the row label 绩效指标 before it
    (["name", "name", "prior_level", "target", "description", "level2", "name"],
     ["level2", "name", "prior_level", "target", "description"]),
    # a row label before the levels: the columns start after it, nothing refined
    (["name", "level1", "level2", "name", "target", "actual", "weight", "score"],
     ["level1", "level2", "name", "target", "actual", "weight", "score"]),
    # 绩效指标 spanning the three levels on the row below
    (["name", "target", "actual", "level1", "level2", "name"], ["level1", "level2", "name", "target", "actual"]),
    (["level1", "level2", "name", "target", "weight", "score"], ["level1", "level2", "name", "target", "weight", "score"]),
])
def test_header_columns_from_their_printed_order(printed: list[str], columns: list[str]) -> None:
    assert _header_columns(printed) == columns


def test_a_second_row_naming_a_column_of_the_first_is_no_sub_row() -> None:
    # 年度指标值 printed again is not a spanning cell's sub-columns: the row-label rule reads it as before
    printed = ["name", "target", "description", "level2", "target", "name"]
    assert _header_columns(printed) == ["description", "level2", "target", "name"]


def test_a_glued_row_opening_with_a_bare_level_label_is_that_level_and_its_row() -> None:
    # 目标完成程度1.电子图书采购数量2.1万册≥2.3万册当年完成…: 二级 | name | 上年度实际水平 | target | 指标内容
    form = file_to_document(DAMAGED / "daqing_target-madeup-glued.txt").forms[0]
    rows = [(i.level2, i.name, i.target.raw if i.target else None, i.description) for i in form.indicators]
    assert rows[0] == ("目标完成程度", "1.电子图书采购数量", "≥2.3万册", "当年完成采购并上线的电子图书册数")
    assert rows[3] == ("项目实施效益", "1.数字资源年访问量", "≥50万人次", "全年数字资源访问人次之和")
    assert rows[4] == ("项目实施效益", "2.读者满意度", "≥90%", "满意读者数/被调查读者数×100%")


def test_glued_rows_opening_with_their_levels_under_a_spanning_level_header() -> None:
    # 评价内容 (一级 and 二级) | 绩效内容 | 参考标准 | 绩效目标值, rows such as 投入时效目标技术培训完成时间计划标准
    # 2022年6月底前; a bare 一级 word straight before a name stays in it (投入农技人员数量)
    form = file_to_document(DAMAGED / "fiscal_inputs_target-madeup-glued.txt").forms[0]
    rows = [(i.level1, i.level2, i.name, i.description, i.target.raw if i.target else None) for i in form.indicators]
    assert rows[0] == ("投入", "时效目标", "技术培训完成时间", "计划标准", "2022年6月底前")
    assert rows[2] == ("投入", "其他资源投入目标", "投入农技人员数量", "计划标准", "≥60人")
    assert rows[5] == ("效益", "经济效益目标", "示范区亩均增产", "历史标准", "≥8%")
    assert len(rows) == 9


def test_glued_rows_with_a_scoring_rule_and_their_total_in_points_with_their_fen() -> None:
    document = file_to_document(DAMAGED / "jiangxi_selfeval-madeup-glued.txt")
    form = document.forms[0]
    first = form.indicators[0]
    assert (first.name, first.weight, first.target.raw, first.actual.raw, first.scoring_rule, first.score) == \
        ("举办培训班期数", Decimal(15), "=6期", "6期", "完成6期得15分,每少1期扣3分。", Decimal(15))
    assert form.total_score == Decimal("97.75")  # 总分100分97.75分
    # the row no single cut fits is kept whole as its name, said by a warning, its 18分 not guessed a target
    whole = next(i for i in form.indicators if i.name and i.name.startswith("委员履职能力"))
    assert whole.target is None and whole.score is None
    assert any(flag.code == "unreadable_cell" and "委员履职能力" in flag.message for flag in document.flags)


def test_glued_rows_that_no_cut_fits_end_with_their_printed_line(tmp_path: Path) -> None:
    # 委员履职能力20分明显提升明显提升…18分 fits no single cut and is left whole; the next printed line, here
    # printed without its 二级 label (委员培训长效机制10分建立…), is the next row, not its cells
    text = (DAMAGED / "jiangxi_selfeval-madeup-glued.txt").read_text(encoding="utf-8")
    path = tmp_path / "jiangxi-glued-no-level.txt"
    path.write_text(text.replace("可持续影响指标(10分)委员培训", "委员培训"), encoding="utf-8")
    form = file_to_document(path).forms[0]
    names = [indicator.name or "" for indicator in form.indicators]
    assert sum(name.startswith("委员履职能力") for name in names) == 1
    assert sum(name.startswith("委员培训长效机制") for name in names) == 1
    assert not any("委员培训" in name for name in names if name.startswith("委员履职能力"))
    whole = next(i for i in form.indicators if (i.name or "").startswith("委员履职能力"))
    assert (whole.target, whole.actual, whole.weight, whole.score, whole.scoring_rule) == (None,) * 5


@pytest.mark.parametrize("damage", ["row-per-line", "one-line"])
def test_a_measure_column_takes_only_a_unit(damage: str) -> None:
    # 定性 | 健全 | (度量单位 empty, dropped) | 基本健全 | 10 | 8: 基本健全 is no unit, so it is the actual;
    # ≤ | 0.16 | 万元 | 0.155: 万元 is the unit, of the target and of the actual printed as a bare number
    form = file_to_document(DAMAGED / f"sichuan_selfeval-madeup-{damage}.txt").forms[0]
    by_name = {indicator.name: indicator for indicator in form.indicators}
    kept = by_name["农田设施管护制度"]
    assert (kept.target.raw, kept.actual.raw, kept.weight, kept.score) == ("健全", "基本健全", Decimal(10), Decimal(8))
    cost = by_name["亩均建设成本"]
    assert (cost.target.raw, cost.actual.raw, cost.actual.unit, cost.weight) == ("≤0.16万元", "0.155万元", "万元", Decimal(10))


def test_a_projects_cells_glued_to_its_first_row_open_its_block() -> None:
    # 高标准农田建设补助560.5新建…以上。产出指标数量指标新建高标准农田面积≥0.5万亩: project | budget | goal | levels | row
    forms = file_to_document(DAMAGED / "multi_project_target-madeup-glued.txt").forms
    assert [(form.project_name, form.current_budget, len(form.indicators)) for form in forms] == [
        ("高标准农田建设补助", Decimal("5605000"), 4), ("动物防疫补助经费", Decimal("852600"), 3),
        ("农村人居环境整治", Decimal("1200000"), 2)]
    first = forms[1].indicators[0]
    assert (first.level1, first.level2, first.name, first.target.raw) == ("产出指标", "数量指标", "强制免疫畜禽数量",
                                                                       "≥32万头(只)")


def test_a_scoring_rules_figure_is_no_value_glued_to_the_name() -> None:
    # 综合整治老旧小区数量≥86个完成得满分,每少1个扣0.5分: ≥86个 | 评分标准, not 0.5分 as the target
    form = file_to_document(DAMAGED / "province_target-madeup_scoring-glued.txt").forms[0]
    first = form.indicators[0]
    assert (first.name, first.target.raw, first.scoring_rule) == ("综合整治老旧小区数量", "≥86个", "完成得满分,每少1个扣0.5分")
    assert form.indicators[1].target.raw == "≥150部"


def test_glued_funds_rows_open_with_their_source_and_are_cut_where_the_rate_checks() -> None:
    # 预算执行情况(10分)年度预算数(万元)年初预算…原因: the header cut at its headings (points, unit note);
    # 总额186.5192.376190.220898.88%109.89年中追加… and 其中:财政资金150155.876154.220898.94%//
    form = file_to_document(DAMAGED / "sichuan_selfeval-madeup-glued.txt").forms[0]
    rows = {row.source: row for row in form.funds}
    total = rows["总额"]
    assert (total.initial_budget, total.full_year_budget, total.executed, total.execution_rate, total.weight,
            total.score) == (Decimal("1865000"), Decimal("1923760"), Decimal("1902208"), Decimal("98.88"),
                             Decimal(10), Decimal("9.89"))
    assert total.note.startswith("年中追加上级衔接资金")
    assert (rows["财政资金"].executed, rows["财政资金"].weight) == (Decimal("1542208"), None)


def test_a_glued_row_holding_figures_run_together_ends_with_its_line() -> None:
    # (50分)数量指标指标1:完成中型灌区节水改造项目数量111010 fits no single cut (1|1|10|10 or 11|10|1|0): it stays
    # whole, under the 二级 label and points peeled off it, and the next line (指标2:…111010) is the next row
    form = file_to_document(DAMAGED / "mof_selfeval_ab-real-glued.txt").forms[0]
    first, second = form.indicators[:2]
    assert (first.level2, first.level1_weight, first.name) == ("数量指标", Decimal(50), "指标1:完成中型灌区节水改造项目数量111010")
    assert second.name == "指标2:完成农业综合水价改革项目111010"
    assert (form.indicators[2].name, form.indicators[2].weight) == ("指标1:工程质量合格", Decimal(10))


@pytest.mark.parametrize("damage", ["pipes", "cell-per-line", "row-per-line", "one-line", "glued"])
def test_a_level_label_with_no_row_under_it_is_a_row_of_its_own(damage: str) -> None:
    # 长期绩效指标 … 产出指标 数量指标 / 质量指标 / …: a template printed with its rows left empty (宁乡)
    form = file_to_document(DAMAGED / f"county_target_horizons-real-{damage}.txt").forms[0]
    rows = [(i.horizon, i.level1, i.level2, i.name, i.target) for i in form.indicators]
    assert rows[:2] == [("long_term", "产出指标", "数量指标", None, None), ("long_term", "产出指标", "质量指标", None, None)]
    assert rows[8] == ("long_term", "效益指标", "社会公众或服务对象满意度指标", None, None)
    assert rows[-1] == ("annual", "效益指标", "可持续影响指标", None, None)  # the text ends there
    assert len(rows) == 17


def test_a_row_on_one_line_ends_at_its_score_where_every_column_is_printed() -> None:
    # 举办培训班期数 15分 =6期 6期 完成6期得15分,… 15分 培训人次 10分 …: 分值 first, 得分 last, the next name after it
    form = file_to_document(DAMAGED / "jiangxi_selfeval-madeup-one-line.txt").forms[0]
    first, second = form.indicators[:2]
    assert (first.name, first.score, first.scoring_rule) == ("举办培训班期数", Decimal(15), "完成6期得15分,每少1期扣3分。")
    assert (second.name, second.weight, second.target.raw, second.actual.raw) == ("培训人次", Decimal(10), "≥900人次",
                                                                                "934人次")


def test_one_cell_per_line_with_empty_cells_gives_back_the_next_rows_name() -> None:
    # 成本控制率 / (empty 绩效标准) / 不超预算 / 水电气消耗下降率 / 反映水电气消耗…: the row's columns run out
    # (保障措施 merged down, printed once), and the name before a 反映… is the next row's
    form = file_to_document(DAMAGED / "ezhou_target-real-cell-per-line.txt").forms[0]
    by_name = {indicator.name: indicator for indicator in form.indicators}
    assert (by_name["成本控制率"].target.raw, by_name["成本控制率"].description) == ("不超预算", None)
    assert by_name["水电气消耗下降率"].description == "反映水电气消耗比上年下降情况"


@pytest.mark.parametrize(("name", "field", "amount"), [
    # 资金总额 1280.5 其中:市财政资金 1100 …: a money field takes one amount, the words after it are the next cells
    ("municipal_target-madeup-one-line.txt", "total_budget", Decimal("12805000")),
    # 资金申请 申报总额 财政资金 其他资金 3650.8 3200 450.8 绩效目标 …: labels over values on one line
    ("province_target-madeup-one-line.txt", "total_budget", Decimal("36508000")),
])
def test_amounts_on_a_form_printed_on_one_line(name: str, field: str, amount: Decimal) -> None:
    assert getattr(file_to_document(DAMAGED / name).forms[0], field) == amount


def test_the_tail_of_a_run_of_labels_does_not_take_the_values_after_it() -> None:
    # 中期资金总额 年度资金总额 资金总额 12580.35 2836.7 其中:…: three labels, two values - not told on one line,
    # and 年度资金总额 资金总额 (the run's tail) must not take them (12580.35 is the 中期 amount)
    form = file_to_document(DAMAGED / "mof_target-madeup_columns-one-line.txt").forms[0]
    assert form.current_budget != Decimal("125803500") and form.total_budget != Decimal("28367000")


def test_a_target_running_into_the_points_is_said_by_a_warning() -> None:
    # 指标1:开展精品示范村建设数量≤441010: ≤4 | 4 | 10 | 10 or ≤44 | 10 | 1 | 0 - the text does not tell
    document = file_to_document(DAMAGED / "dept_selfeval-real-glued.txt")
    warned = [flag for flag in document.flags if flag.code == "unreadable_cell" and "run together" in flag.message]
    assert [flag.found for flag in warned][:1] == ["≤441010"]
    # ≥2002021010 reads one way only: ≥200 | 202 | 10 | 10
    assert "≥2002021010" not in [flag.found for flag in warned]
    assert all(flag.severity == "warning" for flag in warned)


def test_a_count_in_zong_is_a_figure() -> None:
    form = file_to_document(DAMAGED / "dept_selfeval-madeup-row-per-line.txt").forms[0]
    found = next(i for i in form.indicators if i.name == "指标2:卫片执法图斑核查数量")
    assert (found.actual.value, found.actual.unit) == (Decimal(912), "宗")


@given(st.text(alphabet="农田面积建设数量验收合格率群众满意度", min_size=2, max_size=12),
       st.sampled_from(["", "≥", "≤", "=", "不低于"]), st.decimals(min_value=0, max_value=10000, places=1),
       st.sampled_from(["亩", "%", "万元", "人次", "个"]))
def test_a_run_holding_a_name_and_its_value_holds_a_value(name: str, operator: str, figure: Decimal,
                                                           unit: str) -> None:
    assert holds_value(f"{name}{operator}{figure}{unit}")


@given(st.text(alphabet="农田面积建设数量验收合格率群众", min_size=2, max_size=12), st.integers(1, 9))
def test_a_numbered_name_alone_holds_no_value(name: str, number: int) -> None:
    assert not holds_value(f"{number}.{name}")


@given(st.lists(st.sampled_from(["合计", "总额", "财政拨款"]), max_size=2),
       st.lists(st.decimals(min_value=0, max_value=100000, places=2).map(str), min_size=1, max_size=5))
def test_figures_under_labels_are_one_for_each_label_after_the_rows_own(heads: list[str], figures: list[str]) -> None:
    row = heads + figures
    assert figures_under(row, lambda text: not text[0].isdigit(), len(figures)) == list(range(len(heads), len(row)))
    assert figures_under(row, lambda text: not text[0].isdigit(), len(figures) + 1) is None


def form_of(folder: Path, text: str) -> Form:
    """The first form read from `text` written as a text file."""
    path = folder / "form.txt"
    path.write_text(text, encoding="utf-8")
    return file_to_document(path).forms[0]


def test_a_funds_header_opened_by_a_noted_cell_in_other_words_takes_its_unit(tmp_path: Path) -> None:
    # 年度预算申请（万元）: words the templates do not know, a unit note they do; amounts stored in 元
    text = ("部门整体支出绩效自评表\n（2023年度）\n部门（单位）名称 某县卫生健康委员会\n"
            "年度预算申请（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
            "年度资金总额 5280.6 5612.3 5498.7 10 97.98% 9.8\n"
            "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n"
            "产出指标 数量指标 老年人健康管理人数 ≥8000人 8236人 20 20\n")
    form = form_of(tmp_path, text)
    assert form.funds_unit == "万元"
    assert (form.funds[0].initial_budget, form.funds[0].executed) == (Decimal("52806000"), Decimal("54987000"))


def test_a_funds_block_opening_with_its_total_and_levels_of_government(tmp_path: Path) -> None:
    # 合计 | 中央资金 | 本级资金 under 资金来源 | 预算数 | 执行数 | 执行率, the year after its label (评价年度：2023年)
    text = ("财政支出项目绩效自评表\n评价年度：2023年\n项目名称：老旧小区改造\n项目单位：某市住房和城乡建设局\n"
            "二、资金情况（单位：万元）\n资金来源  预算数  执行数  执行率\n合计  3600  3420  95%\n"
            "中央资金  2000  2000  100%\n本级资金  1600  1420  88.75%\n"
            "一级指标  二级指标  三级指标  年度目标值  实际完成值  分值  得分\n"
            "产出指标  数量指标  改造小区数量  ≥30个  30个  20  20\n")
    form = form_of(tmp_path, text)
    assert form.year == 2023
    assert [(row.source, row.full_year_budget, row.executed) for row in form.funds] == [
        ("合计", 36000000, 34200000), ("中央资金", 20000000, 20000000), ("本级资金", 16000000, 14200000)]


def test_a_web_pages_text_after_the_table_is_no_row_of_it(tmp_path: Path) -> None:
    page = ("<html><body><h2>2024年项目支出绩效目标表</h2><table border='1'>"
            "<tr><td>项目名称</td><td colspan='3'>城乡居民医疗救助</td></tr>"
            "<tr><td>主管部门</td><td>某县医疗保障局</td><td>实施单位</td><td>某县医疗保障事务中心</td></tr>"
            "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"
            "<tr><td>产出指标</td><td>数量指标</td><td>医疗救助人次</td><td>≥6000人次</td></tr>"
            "<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>救助对象满意度</td><td>≥90%</td></tr>"
            "</table><p>附件下载：项目支出绩效目标表.xls</p><p>分享到：微信 微博</p></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    form = file_to_document(path).forms[0]
    assert [indicator.name for indicator in form.indicators] == ["医疗救助人次", "救助对象满意度"]


_FUNDS_WITH_SOURCES_THE_TEMPLATES_DO_NOT_LIST = """项目支出绩效自评表
（2023年度）
项目名称 | 乡村道路养护项目
主管部门 | 某县交通运输局 | 实施单位 | 某县公路事务中心
项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
年度资金总额 | 100 | 120 | 110 | 10 | 91.67% | 9.2
其中：中央财政资金 | 50 | 60 | 60 | — | 100% | —
地方配套资金 | 50 | 60 | 50 | — | 83.33% | —
其他资金 | 0 | 0 | 0 | — | — | —
配套措施 | 已落实
"""


@pytest.mark.parametrize("separator", [" | ", "\n"])
def test_a_funds_source_the_templates_do_not_list_is_read_by_how_its_name_ends(tmp_path: Path,
                                                                                 separator: str) -> None:
    path = tmp_path / "form.txt"
    path.write_text(_FUNDS_WITH_SOURCES_THE_TEMPLATES_DO_NOT_LIST.replace(" | ", separator), encoding="utf-8")
    funds = file_to_document(path).forms[0].funds
    assert [(row.source, row.executed) for row in funds] == [
        ("年度资金总额", Decimal("1100000")), ("中央财政资金", Decimal("600000")),
        ("地方配套资金", Decimal("500000")), ("其他资金", Decimal("0"))]  # 配套措施 ends as no source does


def test_a_number_a_spreadsheet_printed_as_hashes_is_flagged_as_such(tmp_path: Path) -> None:
    path = tmp_path / "form.txt"
    path.write_text(_FUNDS_WITH_SOURCES_THE_TEMPLATES_DO_NOT_LIST.replace("| 120 |", "| ### |"), encoding="utf-8")
    document = file_to_document(path)
    assert document.forms[0].funds[0].full_year_budget is None
    assert any("printed as ###: the spreadsheet's column was too narrow" in flag.message for flag in document.flags)


def test_a_pdf_text_one_wrapped_line_a_cell_joins_names_notes_and_goals_back() -> None:
    # 新建视频监控点位 / 数量 / ≥1200个 / 1236个 / 15 / 15: the name's second line is no target; a note runs on
    # to the line ending its sentence; two goals side by side split where a sentence ends
    form = file_to_document(Path("samples/probes/sz_baoan_selfeval_wrapped.txt")).forms[0]
    first = form.indicators[0]
    assert (first.name, first.target.raw, first.actual.raw, first.weight) == \
        ("新建视频监控点位数量", "≥1200个", "1236个", Decimal("15"))
    late = next(indicator for indicator in form.indicators if indicator.note)
    assert late.note == "设备到货延迟，下一步提前启动采购程序。"
    assert form.sections["annual_goal"].endswith("联网率达到98%以上。")
    assert form.sections["annual_actual"].startswith("新建视频监控点位1236个")


@pytest.mark.parametrize("name", ["bj_chaoyang_target_2018", "hi_sanya_target_2023", "yn_qujing_selfeval_2023"])
def test_a_form_with_no_year_by_its_title_takes_the_year_of_the_heading_over_it(name: str) -> None:
    # 朝阳区2018年区级部门预算项目绩效目标公开（区文化委） over 项目支出绩效目标申报表: said by a year_inferred flag
    document = file_to_document(Path(f"samples/probes/{name}.txt"))
    assert document.forms[0].year == int(name[-4:])
    assert any(flag.code == "year_inferred" for flag in document.flags)


@pytest.mark.parametrize(("printed", "executed", "read"), [
    ("0.985", "2813160", "98.5"),  # 2813160 / 2856000 = 0.985: a sheet's rate without its % format
    ("1", "2856000", "100"),
    ("0.985", "2000000", "0.985"),  # the row's figures do not give it: kept as printed (the scorer flags it)
    ("98.5", "2813160", "98.5"),
])
def test_a_rate_printed_as_a_fraction_is_read_in_percent_only_where_its_row_gives_it(
        printed: str, executed: str, read: str) -> None:
    fields = {"full_year_budget": Decimal("2856000"), "executed": Decimal(executed),
              "execution_rate": Decimal(printed)}
    said = rate_as_percent(fields, 0)
    assert str(fields["execution_rate"]) == read and bool(said) is (read != printed)
