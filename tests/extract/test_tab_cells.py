"""Tab rows copied from a spreadsheet or a Word table whose cells hold line breaks: one row each."""

from __future__ import annotations

from extract.text import text_to_lines

HEADER = "一级指标\t二级指标\t三级指标\t指标值\t实际值\t分值\t得分\n"


def _rows(text: str) -> list[list[str]]:
    return [[cell.text for cell in line.cells] for line in text_to_lines(text)]


def test_a_quoted_cell_runs_over_its_lines_and_loses_its_quotes() -> None:
    text = HEADER + '\t\t"工程长效运行\n管护机制"\t健全\t健全\t15\t15\n\t\t"三公"经费控制率\t100%\t100%\t5\t5\n'
    assert _rows(text)[1:] == [["", "", "工程长效运行管护机制", "健全", "健全", "15", "15"],
                               ["", "", '"三公"经费控制率', "100%", "100%", "5", "5"]]


def test_a_cell_cut_by_its_line_break_goes_on_at_the_next_lines_first_cell() -> None:
    text = HEADER + "\t\t市场长效管理\n制度建立情况\t建立\t已建立\t15\t15\n\t\t食品快检覆盖率\t100%\t100%\t15\t15\n"
    assert _rows(text)[1:] == [["", "", "市场长效管理制度建立情况", "建立", "已建立", "15", "15"],
                               ["", "", "食品快检覆盖率", "100%", "100%", "15", "15"]]


def test_a_row_printing_its_first_cell_is_never_taken_for_a_cut_one() -> None:
    text = HEADER + "资金来源\t预算数\t执行数\t执行率\n合计\t245.00\t231.60\t94.53%\t\n"
    assert _rows(text)[1:] == [["资金来源", "预算数", "执行数", "执行率"], ["合计", "245.00", "231.60", "94.53%"]]
