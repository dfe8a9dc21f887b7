"""A self-evaluation row printed as one glued run: cut only where one cut fits, never guessed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from parsers.glued_row import (
    cut_funds_run,
    cut_glued_row,
    cut_horizons_row,
    cut_ordered_row,
    cut_standard_row,
    cut_target_row,
    cut_target_rows,
    cut_weight_target_rows,
    points_run,
    trailing_date,
)

COLUMNS = ["target", "actual", "weight", "score", "note"]


@pytest.mark.parametrize(("run", "name", "cells"), [
    ("完成规划编制数量≥12个12个1010", "完成规划编制数量", {"target": "≥12个", "actual": "12个", "weight": "10", "score": "10"}),
    ("保洁覆盖道路面积≥365.5万平方米368.2万平方米1515", "保洁覆盖道路面积",
     {"target": "≥365.5万平方米", "actual": "368.2万平方米", "weight": "15", "score": "15"}),
    ("居民满意度≥90%93.5%109.5", "居民满意度", {"target": "≥90%", "actual": "93.5%", "weight": "10", "score": "9.5"}),
    ("规划报批时间2024年6月底前2024年5月1010", "规划报批时间",
     {"target": "2024年6月底前", "actual": "2024年5月", "weight": "10", "score": "10"}),
    ("公用经费标准符合相关文件要求符合相关文件要求55", "公用经费标准",
     {"target": "符合相关文件要求", "actual": "符合相关文件要求", "weight": "5", "score": "5"}),
    ("保洁车辆数量≥50辆5088", "保洁车辆数量", {"target": "≥50辆", "actual": "50", "weight": "8", "score": "8"}),
    ("市容环境状况明显改善达到预期1514个别小巷清扫不足", "市容环境状况",
     {"target": "明显改善", "actual": "达到预期", "weight": "15", "score": "14", "note": "个别小巷清扫不足"}),
    # bare target and actual: only 100 | 100 | 10 | 10 gives two figures within ten times each other and 得分 ≤ 分值
    ("工程完工率1001001010", "工程完工率", {"target": "100", "actual": "100", "weight": "10", "score": "10"}),
    # only 分值 and 得分 printed after the name (指标值 and 实际完成值 left empty), no value ending it
    ("指标1:保护全市人口财产不受损失1010", "指标1:保护全市人口财产不受损失", {"weight": "10", "score": "10"}),
    # a unit the normalizer keeps as printed
    ("委托业务报告合格率≥100百分比10088", "委托业务报告合格率", {"target": "≥100百分比", "actual": "100", "weight": "8",
                                                    "score": "8"}),
    # a bare actual: 1236 | 20 | 20 stands beside ≥1200亩, 123620 | 2 | 0 does not
    ("新建高标准农田面积≥1200亩12362020", "新建高标准农田面积",
     {"target": "≥1200亩", "actual": "1236", "weight": "20", "score": "20"}),
    # a bare target takes the operator before its digits
    ("建设美丽宜居自然村庄数量≥2002021010", "建设美丽宜居自然村庄数量",
     {"target": "≥200", "actual": "202", "weight": "10", "score": "10"}),
    # an operator after the unit (9月前)
    ("完成村庄验收时间9月前7月55", "完成村庄验收时间", {"target": "9月前", "actual": "7月", "weight": "5", "score": "5"}),
    # a target printed as prose: cut where a name's last word meets a target's first
    ("经费支出合规性严格执行相关制度规定达成预期指标88", "经费支出合规性",
     {"target": "严格执行相关制度规定", "actual": "达成预期指标", "weight": "8", "score": "8"}),
    ("提交报告及时性在项目计划完成时间内完成达成预期指标88", "提交报告及时性",
     {"target": "在项目计划完成时间内完成", "actual": "达成预期指标", "weight": "8", "score": "8"}),
])
def test_a_glued_row_is_cut_by_the_shapes_of_its_cells(run: str, name: str, cells: dict[str, str]) -> None:
    assert cut_glued_row(run, COLUMNS) == (name, cells)


@pytest.mark.parametrize("run", [
    "工程资金金额43.237.24109已完工",  # 43.2 | 37.24 | 10 | 9 and 43.23 | 7.24 | 10 | 9 both fit
    "工程完工率10010010100",  # a note of 0 after bare figures: 100 | 100 | 10 | 10 | 0 or 100 | 100 | 100 | 10 | 0
    "项目完工时间2024年11月底前2024年10月1010X",  # 10 before 月 is a date's, not 分值 and 得分
    "满意度100%1010",  # one value printed for two columns (not 100% | 10 | 1 | 0)
    "保障人数102370人2370人",  # no 分值/得分 at the end
    "亩均建设成本≤0.16万元0.1551010",  # 0.155 | 10 | 10 and 0.15510 | 1 | 0 both stand beside ≤0.16万元
    "培训覆盖率提升群众满意度提升达成预期指标88",  # 覆盖率 | 提升… or 满意度 | 提升: two places a prose target may open
])
def test_a_run_that_allows_several_cuts_or_none_stays_whole(run: str) -> None:
    assert cut_glued_row(run, COLUMNS) is None


SICHUAN = ["nature", "target", "measure", "actual", "weight", "score", "note"]  # 指标性质 | 指标值 | 度量单位


@pytest.mark.parametrize(("run", "cut"), [
    ("带动脱贫户务工就业≥735人次8122020", ("带动脱贫户务工就业", {"nature": "≥", "target": "735", "measure": "人次",
                                                    "actual": "812", "weight": "20", "score": "20"})),
    ("项目验收合格率=100%1002020", ("项目验收合格率", {"nature": "=", "target": "100", "measure": "%", "actual": "100",
                                              "weight": "20", "score": "20"})),
    # a nature printed as a word stands between the name and the target
    ("农田设施管护制度定性健全基本健全108管护责任尚未落实", ("农田设施管护制度", {
        "nature": "定性", "target": "健全", "actual": "基本健全", "weight": "10", "score": "8", "note": "管护责任尚未落实"})),
])
def test_a_row_under_nature_target_and_measure_gives_each_its_part(run: str, cut: tuple) -> None:
    assert cut_glued_row(run, SICHUAN) == cut


@pytest.mark.parametrize(("run", "cut"), [
    # 青神's partly filled form: targets and 分值 printed, 完成值 and 得分 left empty
    ("发放(缴纳)覆盖率=100%60", ("发放(缴纳)覆盖率", {"nature": "=", "target": "100", "measure": "%", "weight": "60"})),
    ("足额保障率(参保率)=100%30", ("足额保障率(参保率)", {"nature": "=", "target": "100", "measure": "%", "weight": "30"})),
])
def test_a_row_filled_in_part_reads_its_target_and_weight(run: str, cut: tuple) -> None:
    assert cut_glued_row(run, SICHUAN) == cut


def test_points_run_together_split_only_one_way() -> None:
    assert points_run("10098.29") == ("100", "98.29")
    assert points_run("1514") == ("15", "14")
    assert points_run("98.29") is None  # 9 | 8.29 and 98.2 | 9 both fit


points = st.integers(min_value=1, max_value=100)
figures = st.decimals(min_value=0, max_value=100000, places=1).map(str)


@given(points, figures, st.sampled_from(["个", "%", "万元", "人次"]), st.sampled_from(["≥", "≤", "="]))
def test_a_row_filled_in_part_is_never_cut_wrong(weight: int, target: str, unit: str, operator: str) -> None:
    cut = cut_glued_row(f"道路保洁面积{operator}{target}{unit}{weight}", COLUMNS)
    if cut is not None:
        assert cut == ("道路保洁面积", {"target": f"{operator}{target}{unit}", "weight": str(weight)})


# distinct characters: a name printing one text twice reads as a target and an actual printed alike
@given(st.lists(st.sampled_from("保护全市人口财产不受损失安度汛"), min_size=2, max_size=12, unique=True).map("".join),
       points, st.data())
def test_a_row_of_only_its_points_is_never_cut_wrong(name: str, weight: int, data: st.DataObject) -> None:
    score = data.draw(st.integers(min_value=0, max_value=weight))
    cut = cut_glued_row(f"{name}{weight}{score}", COLUMNS)
    if cut is not None:
        assert cut == (name, {"weight": str(weight), "score": str(score)})


@given(points, st.data(), figures, figures, st.sampled_from(["个", "%", "万元", "人次", "平方米"]),
       st.sampled_from(["", "≥", "≤", "不低于"]))
def test_a_cut_is_never_wrong(weight: int, data: st.DataObject, target: str, actual: str, unit: str,
                              operator: str) -> None:
    score = data.draw(st.decimals(min_value=0, max_value=weight, places=1).map(lambda d: f"{d.normalize():f}"))
    target, actual = f"{operator}{target}{unit}", f"{actual}{unit}"
    cut = cut_glued_row(f"道路保洁面积{target}{actual}{weight}{score}", COLUMNS)
    if cut is not None:
        assert cut == ("道路保洁面积", {"target": target, "actual": actual, "weight": str(weight), "score": score})


@pytest.mark.parametrize(("run", "name", "cells"), [
    ("支持卫生机构数量≥120家获得设备补助的机构数量", "支持卫生机构数量", {"target": "≥120家", "description": "获得设备补助的机构数量"}),
    ("设备验收合格率=100%按设备清单组织验收", "设备验收合格率", {"target": "=100%", "description": "按设备清单组织验收"}),
    ("资金下达时间2024年6月底前", "资金下达时间", {"target": "2024年6月底前"}),
    ("强制免疫畜禽数量≥32万头(只)", "强制免疫畜禽数量", {"target": "≥32万头(只)"}),  # the unit's other name in brackets
    ("流转土地补助标准<=475元/亩按实际流转面积", "流转土地补助标准", {"target": "<=475元/亩", "description": "按实际流转面积"}),
    ("雾炮车风炮射程≥80M计划标准", "雾炮车风炮射程", {"target": "≥80M", "description": "计划标准"}),  # a unit kept as printed
])
def test_a_target_row_is_cut_where_its_target_leads(run: str, name: str, cells: dict[str, str]) -> None:
    assert cut_target_row(run, ["target", "description"]) == (name, cells)


PRIOR = ["prior_level", "target", "description"]  # 上年度实际水平 before 本年度计划水平 (大庆)


@pytest.mark.parametrize(("run", "cut"), [
    ("1.电子图书采购数量2.1万册≥2.3万册当年完成采购并上线的电子图书册数",
     ("1.电子图书采购数量", {"prior_level": "2.1万册", "target": "≥2.3万册", "description": "当年完成采购并上线的电子图书册数"})),
    ("2.读者满意度88%≥90%满意读者数/被调查读者数×100%",
     ("2.读者满意度", {"prior_level": "88%", "target": "≥90%", "description": "满意读者数/被调查读者数×100%"})),
    ("3.数字资源免费开放率100%=100%", ("3.数字资源免费开放率", {"prior_level": "100%", "target": "=100%"})),
    ("3.采购资金支付时间12月底前2023年11月底前", None),  # 12月底前 is no shape of the vocabulary: left whole
    ("设备数量12≥15台", None),  # a bare 12 may be the name's own digits
])
def test_a_value_printed_before_the_target_is_the_shape_ending_the_name(run: str, cut: tuple | None) -> None:
    assert cut_target_row(run, PRIOR) == cut


@given(st.text(alphabet="数字资源访问量读者满意度开放率", min_size=2, max_size=10), figures, figures,
       st.sampled_from(["个", "%", "万册", "人次"]), st.sampled_from(["≥", "≤", "="]),
       st.text(alphabet="当年完成采购并上线的图书册数", max_size=12))
def test_a_cut_before_the_target_is_never_wrong(name: str, prior: str, target: str, unit: str, operator: str,
                                               description: str) -> None:
    cells = {"prior_level": f"{prior}{unit}", "target": f"{operator}{target}{unit}"} | (
        {"description": description} if description else {})
    cut = cut_target_row(name + "".join(cells.values()), PRIOR)
    if cut is not None:
        assert cut == (name, cells)


@pytest.mark.parametrize(("run", "cut"), [
    ("技术培训完成时间计划标准2022年6月底前", ("技术培训完成时间", {"description": "计划标准", "target": "2022年6月底前"})),
    ("每亩技术推广补助行业标准≤80元", ("每亩技术推广补助", {"description": "行业标准", "target": "≤80元"})),
    ("示范区亩均增产历史标准≥8%", ("示范区亩均增产", {"description": "历史标准", "target": "≥8%"})),
    ("示范区亩均增产≥8%", None),  # no standard printed: which text is the 参考标准 is not told
    ("计划标准≥8%", None),  # no name
])
def test_a_row_under_a_standard_and_a_target_is_cut_at_the_standard_word(run: str, cut: tuple | None) -> None:
    assert cut_standard_row(run, ["description", "target"]) == cut


@pytest.mark.parametrize(("run", "cut"), [
    ("雾炮车降尘抑尘服务配备车辆数10辆计划标准", ("雾炮车降尘抑尘服务配备车辆数", {"target": "10辆", "description": "计划标准"})),
    # a period of months is the target's shape whole (2024.01 alone would leave a name ending with a figure)
    ("服务周期2023.07-2024.01计划标准", ("服务周期", {"target": "2023.07-2024.01", "description": "计划标准"})),
])
def test_a_row_under_a_target_and_its_standard_is_cut_at_the_standard_word(run: str, cut: tuple | None) -> None:
    assert cut_standard_row(run, ["target", "description"]) == cut


@given(st.text(alphabet="示范区亩均增产培训农户人次", min_size=2, max_size=10),
       st.sampled_from(["计划标准", "行业标准", "历史标准", "其他标准"]), st.sampled_from(["≥", "≤", "=", ""]),
       figures, st.sampled_from(["%", "人次", "万亩", "元"]))
def test_a_standard_cut_is_never_wrong(name: str, standard: str, operator: str, figure: str, unit: str) -> None:
    target = f"{operator}{figure}{unit}"
    cut = cut_standard_row(f"{name}{standard}{target}", ["description", "target"])
    if cut is not None:
        assert cut == (name, {"description": standard, "target": target})


def test_a_target_without_an_operator_or_date_does_not_say_where_it_starts() -> None:
    assert cut_target_row("基层首诊覆盖率100%按抽样计算", ["target", "description"]) is None
    assert cut_target_row("满意度≥90%1010", ["target", "actual", "weight", "score"]) is None


@given(points, st.data(), st.integers(min_value=1, max_value=5000), st.sampled_from(["", "0", "5"]))
def test_a_cut_of_bare_figures_is_never_wrong(weight: int, data: st.DataObject, target: int, fraction: str) -> None:
    score = data.draw(st.integers(min_value=0, max_value=weight))
    printed = f"{target}.{fraction}" if fraction else str(target)
    least = (Decimal(printed) / 10).to_integral_value(rounding="ROUND_CEILING")
    actual = data.draw(st.integers(min_value=int(least), max_value=int(Decimal(printed) * 10)))
    cut = cut_glued_row(f"工程完工率{printed}{actual}{weight}{score}", COLUMNS)
    if cut is not None:
        assert cut == ("工程完工率", {"target": printed, "actual": str(actual), "weight": str(weight), "score": str(score)})


FUNDS = ["initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score"]
SICHUAN_FUNDS = ["initial_budget", "full_year_budget", "executed", "execution_rate", "weight", "score", "note"]


@pytest.mark.parametrize(("run", "columns", "cells"), [
    ("43.243.237.241086%9", FUNDS, ["43.2", "43.2", "37.24", "10", "86%", "9"]),
    ("64.864.864.8100%", ["initial_budget", "full_year_budget", "executed", "execution_rate"],
     ["64.8", "64.8", "64.8", "100%"]),
    ("58.6562.360.18751096.61%9.66", FUNDS, ["58.65", "62.3", "60.1875", "10", "96.61%", "9.66"]),
    # a 原因 after the figures, and empty marks standing for 权重 and 得分 (四川)
    ("186.5192.376190.220898.88%109.89年中追加资金5.876万元", SICHUAN_FUNDS,
     ["186.5", "192.376", "190.2208", "98.88%", "10", "9.89", "年中追加资金5.876万元"]),
    ("150155.876154.220898.94%//", SICHUAN_FUNDS, ["150", "155.876", "154.2208", "98.94%", "/", "/"]),
    ("275.25289.6280.5566—96.88%—", FUNDS, ["275.25", "289.6", "280.5566", "—", "96.88%", "—"]),
    ("186186181.4210分97.54%9.75分", FUNDS, ["186", "186", "181.42", "10分", "97.54%", "9.75分"]),
    # a 原因 that opens with its list's first number
    ("186.5192.376190.220898.88%109.891.年中追加资金5.876万元", SICHUAN_FUNDS,
     ["186.5", "192.376", "190.2208", "98.88%", "10", "9.89", "1.年中追加资金5.876万元"]),
])
def test_a_funds_run_is_cut_where_its_rate_checks_the_cut(run: str, columns: list[str], cells: list[str]) -> None:
    assert cut_funds_run(run, columns) == cells


def test_a_funds_run_whose_points_read_as_one_or_as_two_stays_whole() -> None:
    # …100.00%10 | 1.预算执行率…: a 分值 of 10 with its 得分 empty, or 1 | 0
    assert cut_funds_run("238.93251.89251.89100.00%101.预算执行率=预算执行数/调整后预算数", SICHUAN_FUNDS) is None


def test_the_points_of_the_funds_heading_tell_the_total_rows_weight() -> None:
    # 预算执行情况(10分): the 分值 is 10, its 得分 left empty before the 原因's first number
    run = "238.93251.89251.89100.00%101.预算执行率=预算执行数/调整后预算数"
    assert cut_funds_run(run, SICHUAN_FUNDS, Decimal(10)) == \
        ["238.93", "251.89", "251.89", "100.00%", "10", "", "1.预算执行率=预算执行数/调整后预算数"]
    assert cut_funds_run("186.5192.376190.220898.88%109.89", SICHUAN_FUNDS, Decimal(10)) == \
        ["186.5", "192.376", "190.2208", "98.88%", "10", "9.89"]
    assert cut_funds_run("186.5192.376190.220898.88%109.89", SICHUAN_FUNDS, Decimal(20)) is None


def test_a_score_after_a_rate_that_ends_the_run_is_empty() -> None:
    assert cut_funds_run("329.77329.77338.3110102.59%", FUNDS) == ["329.77", "329.77", "338.31", "10", "102.59%", ""]


def test_a_rate_of_100_percent_is_the_whole_budget_spent() -> None:
    # 251.89 | 251.89 at 100.00%, not 51.892 | 51.89 (99.996%, printed 100.00% as well)
    assert cut_funds_run("238.93251.89251.89100.00%//", SICHUAN_FUNDS) == \
        ["238.93", "251.89", "251.89", "100.00%", "/", "/"]
    # nothing budgeted, nothing spent
    assert cut_funds_run("0.000.000.000.00%//", SICHUAN_FUNDS) == ["0.00", "0.00", "0.00", "0.00%", "/", "/"]


def test_a_budget_spent_in_full_is_cut_where_its_amount_prints_three_times() -> None:
    assert cut_funds_run("8808808801010", FUNDS) == ["880", "880", "880", "10", "", "10"]
    assert cut_funds_run("880880880--", FUNDS) == ["880", "880", "880", "-", "", "-"]
    assert cut_funds_run("000——", FUNDS) == ["0", "0", "0", "—", "", "—"]
    assert cut_funds_run("88088088010—", FUNDS) == ["880", "880", "880", "10", "", "—"]  # a 得分 marked empty
    # 0 | 0 | 0 | 10 | 0 | 0 (a bare rate) or 0 | 0 | 0 | 100 | empty | 0: not told
    assert cut_funds_run("0001000", FUNDS) is None


def test_a_funds_run_without_a_printed_rate_stays_whole() -> None:
    assert cut_funds_run("43.243.237.24", ["initial_budget", "full_year_budget", "executed"]) is None
    assert cut_funds_run("43.243.237.2490%", ["initial_budget", "full_year_budget", "executed", "execution_rate"]) is None


@pytest.mark.parametrize(("run", "cells"), [
    ("260.00260.00253.32", ["260.00", "260.00", "253.32", "", "", ""]),
    ("846.50912.30905.62—一—", ["846.50", "912.30", "905.62", "", "", ""]),
    ("1,218.451,352.311,320.96", None),  # two decimals each, but no trailing 0 shows a fixed format
    ("43.243.237.24", None),
])
def test_a_funds_run_of_amounts_printed_to_fixed_decimals_is_cut_by_them(run: str, cells: list[str] | None) -> None:
    assert cut_funds_run(run, FUNDS) == cells


amounts = st.decimals(min_value=1, max_value=99999, places=2).map(lambda d: f"{d.normalize():f}")


@given(amounts, amounts, st.data(), points)
def test_a_funds_cut_is_never_wrong(initial: str, budget: str, data: st.DataObject, weight: int) -> None:
    executed = data.draw(st.decimals(min_value=0, max_value=Decimal(budget), places=2).map(lambda d: f"{d.normalize():f}"))
    rate = f"{(Decimal(executed) * 100 / Decimal(budget)).quantize(Decimal('0.01')).normalize():f}%"
    # the reading takes a printed 100% for the whole budget spent and 0% for nothing spent
    assume(rate not in ("100%", "0%") or Decimal(executed) in (Decimal(budget), 0))
    score = data.draw(st.integers(min_value=0, max_value=weight))
    assume(rate != "0%" or score == 0)  # and a budget nothing was spent of scores nothing
    cells = [initial, budget, executed, str(weight), rate, str(score)]
    cut = cut_funds_run("".join(cells), FUNDS)
    if cut is not None:
        assert cut == cells


@pytest.mark.parametrize(("run", "cut"), [
    ("建成省级高水平专业群数量≥3个≥1个", ("建成省级高水平专业群数量", {"midterm_target": "≥3个", "target": "≥1个"})),
    ("实训基地验收合格率=100%=100%", ("实训基地验收合格率", {"midterm_target": "=100%", "target": "=100%"})),
    ("年度建设任务完成时间2024年12月底前", None),  # one target for two columns: which one is not printed
    ("补助资金拨付时间每年6月底前2023年6月底前", ("补助资金拨付时间", {"midterm_target": "每年6月底前",
                                                       "target": "2023年6月底前"})),  # a month of every year
    ("非法捕捞案件数量逐年下降同比下降", ("非法捕捞案件数量", {"midterm_target": "逐年下降", "target": "同比下降"})),
])
def test_a_row_under_midterm_and_annual_targets_is_cut_by_their_shapes(run: str, cut: tuple | None) -> None:
    assert cut_horizons_row(run, ["midterm_target", "target"]) == cut


def test_a_date_ending_a_name_is_read_whole() -> None:
    assert trailing_date("年度建设任务完成时间2024年12月底前") == "2024年12月底前"
    assert trailing_date("2024年12月底前") is None  # a date alone is no name with its value


ORDERED = ["weight", "target", "actual", "score", "note"]  # 参考分值 before 指标值 (银川)


@pytest.mark.parametrize(("run", "cut"), [
    ("享受补贴老年人数10≥1200人1236人10",
     ("享受补贴老年人数", {"weight": "10", "target": "≥1200人", "actual": "1236人", "score": "10"})),
    ("人均月补贴标准10200元200元10", ("人均月补贴标准", {"weight": "10", "target": "200元", "actual": "200元", "score": "10"})),
    ("目标完整性5—目标明确、内容细化5", ("目标完整性", {"weight": "5", "target": "—", "actual": "目标明确、内容细化", "score": "5"})),
    ("预算执行率15—96.23%13.5部分结算滞后", ("预算执行率", {"weight": "15", "target": "—", "actual": "96.23%",
                                                        "score": "13.5", "note": "部分结算滞后"})),
    # 明显改善 | prose, or prose | 明显改善: two cuts fit, so none is taken
    ("生活质量改善情况25明显改善照护压力减轻,生活质量明显改善23", None),
])
def test_a_row_in_another_column_order_is_cut_only_where_one_cut_fits(run: str, cut: tuple | None) -> None:
    assert cut_ordered_row(run, ORDERED) == cut


WEIGHT_MID = ["target", "weight", "actual", "score", "note"]  # 权重 between 年度指标值 and 实际完成值


@pytest.mark.parametrize(("run", "cut"), [
    # a prose target would end with a figure's value (集中供水工程≥28处): that value is the target, the rest the name
    ("新建集中供水工程≥28处2030处20", ("新建集中供水工程", {"target": "≥28处", "weight": "20", "actual": "30处", "score": "20"})),
    ("单处工程平均造价≤30万元1027.1万元10",
     ("单处工程平均造价", {"target": "≤30万元", "weight": "10", "actual": "27.1万元", "score": "10"})),
])
def test_a_prose_cell_never_ends_with_a_figure_s_value(run: str, cut: tuple) -> None:
    assert cut_ordered_row(run, WEIGHT_MID) == cut


def test_the_ordered_cut_leaves_the_usual_order_to_cut_glued_row() -> None:
    assert cut_ordered_row("服务回访合格率≥95%97.4%1010", COLUMNS) is None


def test_prose_beside_a_word_value_is_not_cut_between_them() -> None:
    # 一 (a dash as OCR reads it) | prose: the one cut; prose | 规范 would need a cut no text tells
    assert cut_ordered_row("制度有效性7一财务制度健全,会计核算规范7", ORDERED) == (
        "制度有效性", {"weight": "7", "target": "一", "actual": "财务制度健全,会计核算规范", "score": "7"})


RULED = ["weight", "target", "actual", "scoring_rule", "score"]  # 分值 | 年度指标值 | 全年实际值 | 评分标准 | 得分 (江西)


@pytest.mark.parametrize(("run", "cut"), [
    ("举办培训班期数15分=6期6期完成6期得15分,每少1期扣3分。15分",
     ("举办培训班期数", {"weight": "15分", "target": "=6期", "actual": "6期", "scoring_rule": "完成6期得15分,每少1期扣3分。",
                     "score": "15分"})),
    # 934人 | 次达到…: a figure's unit goes on, so the value is 934人次
    ("培训人次10分≥900人次934人次达到900人次得满分,未达到按完成比例得分。10分",
     ("培训人次", {"weight": "10分", "target": "≥900人次", "actual": "934人次",
               "scoring_rule": "达到900人次得满分,未达到按完成比例得分。", "score": "10分"})),
    # two word values side by side (明显提升明显提升) before the rule's prose: no cut is told by the text
    ("委员履职能力20分明显提升明显提升根据委员履职考核结果评定。18分", None),
])
def test_a_row_with_a_scoring_rule_column_is_cut_with_its_prose_there(run: str, cut: tuple | None) -> None:
    assert cut_ordered_row(run, RULED) == cut


@given(st.text(alphabet="培训人次考核合格率", min_size=2, max_size=8), points, st.data(),
       st.sampled_from(["人次", "%", "期"]), st.integers(1, 5000), st.integers(1, 5000),
       st.text(alphabet="达到得满分未按完成比例,。", min_size=1, max_size=15), st.booleans())
def test_a_cut_with_a_scoring_rule_is_never_wrong(name: str, weight: int, data: st.DataObject, unit: str, target: int,
                                                  actual: int, rule: str, with_mark: bool) -> None:
    score = data.draw(st.integers(min_value=0, max_value=weight))
    mark = "分" if with_mark else ""
    cells = {"weight": f"{weight}{mark}", "target": f"≥{target}{unit}", "actual": f"{actual}{unit}",
             "scoring_rule": f"达{rule}", "score": f"{score}{mark}"}
    cut = cut_ordered_row(name + "".join(cells.values()), RULED)
    if cut is not None:
        assert cut == (name, cells)


@given(amounts, amounts, st.data(), st.sampled_from(["—", "-", "/"]), st.booleans())
def test_a_funds_cut_with_empty_marks_is_never_wrong(initial: str, budget: str, data: st.DataObject, mark: str,
                                                     with_fen: bool) -> None:
    # 275.25289.6280.5566—96.88%—: a part of the funds prints no 分值 or 得分
    executed = data.draw(st.decimals(min_value=0, max_value=Decimal(budget), places=2).map(lambda d: f"{d.normalize():f}"))
    rate = f"{(Decimal(executed) * 100 / Decimal(budget)).quantize(Decimal('0.01')).normalize():f}%"
    # the reading takes a printed 100% for the whole budget spent and 0% for nothing spent
    assume(rate not in ("100%", "0%") or Decimal(executed) in (Decimal(budget), 0))
    cells = [initial, budget, executed, mark, rate, mark]
    cut = cut_funds_run("".join(cells), FUNDS)
    if cut is not None:
        assert cut == cells
    weight = data.draw(points)
    score = data.draw(st.integers(min_value=0, max_value=weight))
    assume(rate != "0%" or score == 0)  # and a budget nothing was spent of scores nothing
    fen = "分" if with_fen else ""
    cells = [initial, budget, executed, f"{weight}{fen}", rate, f"{score}{fen}"]
    cut = cut_funds_run("".join(cells), FUNDS)
    if cut is not None:
        assert cut == cells


def test_a_deadline_printed_with_its_wancheng_is_a_date() -> None:
    # 2021年12月完成 printed twice (银川): not 2021年12月 | 完成2021年12月完成 (a figure's unit goes on)
    from parsers.glued_row import is_date

    assert is_date("2021年12月完成") and is_date("2024年6月底前完成")
    cells = {"weight": "5", "target": "2021年12月完成", "actual": "2021年12月完成", "score": "4"}
    assert cut_ordered_row("公用经费完成时间52021年12月完成2021年12月完成4", ["weight", "target", "actual", "score", "note"]) \
        == ("公用经费完成时间", cells)


def test_two_side_by_side_texts_run_together_are_cut_where_the_second_opens_as_the_first() -> None:
    from parsers.token_form import _mirrored_cut

    goal, actual = "本项目共申请预算资金90万元。其中:30万元用于审计。", "本项目共完成预算资金89.97万元。"
    assert _mirrored_cut(goal + actual) == (goal, actual)
    # no parallel opening, or two, and the run stays whole
    assert _mirrored_cut("完成全年任务。全部按期完成。") is None
    assert _mirrored_cut("本项目申请90万元。本项目完成89万元。本项目结余1万元。") is None


def test_two_numbered_lists_run_together_are_cut_where_the_numbering_starts_again() -> None:
    from parsers.token_form import _mirrored_cut

    goal, actual = "1.建设示范村;2.整治自然村庄。", "1.启动4个示范村建设;2.整治村庄202个。"
    assert _mirrored_cut(goal + actual) == (goal, actual)
    assert _mirrored_cut("1.完成规划编制;2.资金1.2万元。1.2万元用于评审。") is None  # 1.2万元 opens no list
    goal, actual = "目标1:建成专业群3个。目标2:就业率96%以上。", "目标1:完成实训基地建设。目标2:就业率不低于96%。"
    assert _mirrored_cut(goal + actual) == (goal, actual)


def test_a_goal_and_its_actual_run_together_are_cut_where_the_actual_opens() -> None:
    from parsers.token_form import _mirrored_cut

    goal, actual = "完成城区道路日常清扫保洁,达标率不低于95%。", "全年累计保洁368.2万平方米,达标率96.8%。"
    assert _mirrored_cut(goal + actual) == (goal, actual)
    # two sentences that may open an actual: not told
    assert _mirrored_cut("完成保洁任务。全年保洁368万平方米。累计投入90万元。") is None


def test_a_quality_printed_as_an_adverb_and_a_verb_is_a_value() -> None:
    assert cut_horizons_row("校企合作长效机制健全逐步健全", ["midterm_target", "target"]) == \
        ("校企合作长效机制", {"midterm_target": "健全", "target": "逐步健全"})
    assert cut_glued_row("推进殡葬改革,节约土地资源有效遏制基本遏制1513部分村组观念转变较慢", COLUMNS) == (
        "推进殡葬改革,节约土地资源", {"target": "有效遏制", "actual": "基本遏制", "weight": "15", "score": "13",
                                "note": "部分村组观念转变较慢"})


def test_rows_that_number_themselves_are_cut_at_their_numbers_each_read_alone() -> None:
    from parsers.token_form import _marked_rows

    run = "指标1:开展示范村建设数量≤441010指标2:建设自然村庄数量≥2002021010"
    pieces = _marked_rows(run, COLUMNS, None, None)
    # ≤441010 reads two ways (≤4 | 4 | 10 | 10, ≤44 | 10 | 1 | 0): that row stays whole, said so; the next reads
    assert [(piece.name, piece.cells) for piece in pieces] == [
        ("指标1:开展示范村建设数量≤441010", {}),
        ("指标2:建设自然村庄数量", {"target": "≥200", "actual": "202", "weight": "10", "score": "10"})]
    assert pieces[0].notes
    assert _marked_rows("开展示范村建设数量≤441010指标2:建设自然村庄数量≥2002021010", COLUMNS, None, None) is None


@pytest.mark.parametrize(("run", "rows"), [
    ("校舍维修改造质量合格率100%购置设施设备质量合格率100%", ["校舍维修改造质量合格率100%", "购置设施设备质量合格率100%"]),
    ("学生家长满意度≥90%学校满意度≥90%", ["学生家长满意度≥90%", "学校满意度≥90%"]),
    ("建设12333热线咨询平台", ["建设12333热线咨询平台"]),  # a name's own figure: no row ends there
    ("义务教育均衡发展情况稳步提高", ["义务教育均衡发展情况稳步提高"]),  # one row, a word target
    ("覆盖率100%群众满意度明显提升", ["覆盖率100%群众满意度明显提升"]),  # the run does not end with a figure
])
def test_target_rows_printed_as_one_run_are_cut_after_each_figure(run: str, rows: list[str]) -> None:
    assert cut_target_rows(run) == rows


@given(amounts, points, st.data(), st.booleans())
def test_a_cut_of_a_budget_spent_in_full_is_never_wrong(amount: str, weight: int, data: st.DataObject,
                                                        rate_printed: bool) -> None:
    score = data.draw(st.integers(min_value=0, max_value=weight))
    rate = ("100" if Decimal(amount) else "0") if rate_printed else ""
    cells = [amount, amount, amount, str(weight), rate, str(score)]
    cut = cut_funds_run("".join(cells), FUNDS)
    if cut is not None:
        assert cut == cells


def test_amounts_grouped_in_thousands_are_cut_and_checked_by_their_rate() -> None:
    columns = ["initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score"]
    assert cut_funds_run("1,250.001,386.501,342.181096.80%9.68", columns) == [
        "1,250.00", "1,386.50", "1,342.18", "10", "96.80%", "9.68"]
    # nothing budgeted, and every cell after the amounts marked empty
    assert cut_funds_run("0.000.000.00———", columns) == ["0.00", "0.00", "0.00", "—", "—", "—"]


def test_figures_grouped_in_thousands_are_values() -> None:
    assert cut_glued_row("职业技能培训人次≥12,000人次12,865人次1010", COLUMNS) == (
        "职业技能培训人次", {"target": "≥12,000人次", "actual": "12,865人次", "weight": "10", "score": "10"})


def test_a_target_row_under_operator_and_unit_columns_gives_each_its_part() -> None:
    columns = ["nature", "target", "measure", "description"]
    assert cut_target_row("适龄儿童疫苗接种率≥90%反映适龄儿童疫苗接种覆盖情况", columns) == (
        "适龄儿童疫苗接种率", {"nature": "≥", "target": "90", "measure": "%", "description": "反映适龄儿童疫苗接种覆盖情况"})


def test_a_cut_reading_nothing_spent_scores_nothing() -> None:
    # 620680.5 | 655.31 | 0 | 96.3 | 0% | 9.63 would check as nothing spent; it scores 9.63, so it is no cut
    columns = ["initial_budget", "full_year_budget", "executed", "weight", "execution_rate", "score"]
    assert cut_funds_run("620680.5655.31096.30%9.63", columns) == ["620", "680.5", "655.3", "10", "96.30%", "9.63"]


def test_target_rows_run_together_cut_where_names_end_in_a_note_or_targets_in_a_rate() -> None:
    assert cut_target_rows("景点开发数量(≥**个)>=4个流转土地补助标准<=475元/亩景观建设成本<=2875元/个") == [
        "景点开发数量(≥**个)>=4个", "流转土地补助标准<=475元/亩", "景观建设成本<=2875元/个"]
    # a figure inside a name's note opens no row
    assert cut_target_rows("农村自来水普及率提升(以全县普及率92.3%为基数)>=2个百分点供水保证率>=95%") == [
        "农村自来水普及率提升(以全县普及率92.3%为基数)>=2个百分点", "供水保证率>=95%"]


@pytest.mark.parametrize(("run", "cut"), [
    ("易涝点改造数量10≥12处", ("易涝点改造数量", {"weight": "10", "target": "≥12处"})),
    ("改造工程验收合格率10100%", ("改造工程验收合格率", {"weight": "10", "target": "100%"})),
    # 1 | 00次 has a leading zero, 100 | 次 no weight: only 10 | 0次
    ("城区严重内涝事件发生次数100次", ("城区严重内涝事件发生次数", {"weight": "10", "target": "0次"})),
    ("易涝点改造数量≥12处", None),  # no weight before the value: not this layout
])
def test_a_target_row_under_weight_then_target_reads_the_points_first(run: str, cut: tuple | None) -> None:
    assert cut_ordered_row(run, ["weight", "target"]) == cut


def test_target_rows_under_weight_then_target_are_cut_where_each_value_ends() -> None:
    assert cut_weight_target_rows("易涝点改造数量10≥12处排水管网清疏长度10≥180公里新增排水能力52.4万立方米/小时") == [
        "易涝点改造数量10≥12处", "排水管网清疏长度10≥180公里", "新增排水能力52.4万立方米/小时"]
    assert cut_weight_target_rows("易涝点改造数量10≥12处") == ["易涝点改造数量10≥12处"]  # one row: no cut


@pytest.mark.parametrize(("run", "cut"), [
    # the operator and the unit given back to 指标性质 and 度量单位
    ("农村公路列养率≥100%15行业标准", ("农村公路列养率", {"nature": "≥", "target": "100", "measure": "%", "weight": "15",
                                                  "description": "行业标准"})),
    # a 定性 row: its words, the weight, the standard
    ("路况长效管护机制定性健全10其他", ("路况长效管护机制", {"nature": "定性", "target": "健全", "weight": "10",
                                                     "description": "其他"})),
    ("农村公路列养率≥100%150行业标准", None),  # 150 is no weight
])
def test_a_target_row_then_its_weight_then_a_text_column(run: str, cut: tuple | None) -> None:
    assert cut_target_row(run, ["nature", "target", "measure", "weight", "description"]) == cut


def test_a_direction_word_under_nature_is_cut_off_the_name_and_the_target_stays_whole() -> None:
    name, cells = cut_glued_row("盐碱地改良面积正向≥3万亩2.88万亩109.6部分地块延期",
                                ["nature", "target", "actual", "weight", "score", "note"])
    assert (name, cells["nature"], cells["target"], cells["actual"]) == ("盐碱地改良面积", "正向", "≥3万亩", "2.88万亩")


def test_target_rows_run_together_cut_where_the_next_name_opens_with_an_age_or_a_type() -> None:
    assert cut_target_rows("居民电子健康档案建档率≥90%65岁及以上老年人健康管理率≥70%0-6岁儿童健康管理率≥85%") == [
        "居民电子健康档案建档率≥90%", "65岁及以上老年人健康管理率≥70%", "0-6岁儿童健康管理率≥85%"]
    assert cut_target_rows("高血压患者规范管理率≥65%2型糖尿病患者规范管理率≥65%") == [
        "高血压患者规范管理率≥65%", "2型糖尿病患者规范管理率≥65%"]
