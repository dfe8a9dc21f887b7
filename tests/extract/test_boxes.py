"""Tables drawn with box characters, as text browsers dump a web page: rows from the rules, cells from the bars."""

from __future__ import annotations

from extract.text import text_to_lines

W3M = """\
项目支出绩效自评表
┌────┬────────┬──────┐
│项目│年度资金│96    │
│资金│总额    │      │
│    ├────────┼──────┤
│（万│其他资金│—     │
│元）│        │      │
├────┼────────┼──────┤
│总分│        │96.7  │
└────┴────────┴──────┘
"""

ELINKS = """\
+--------+------------+
|项目名称|桑蚕提质增效|
+--------+------------+
|资金总额|1,206.50    |
|        +------------+
|        |其中：财政  |
+--------+------------+
"""


def _rows(text: str) -> list[list[str]]:
    return [[cell.text for cell in line.cells] for line in text_to_lines(text) if line.layout == "grid"]


def test_a_band_between_rules_is_a_row_and_a_cell_without_a_rule_under_it_goes_on_down() -> None:
    # the wrapped 年度资金 / 总额 is one cell; 项目资金（万元） spans two bands and prints once, in its first row
    assert _rows(W3M) == [["项目资金（万元）", "年度资金总额", "96"], ["其他资金", "—"], ["总分", "96.7"]]


def test_an_ascii_frame_is_read_by_its_rules_too() -> None:
    assert _rows(ELINKS) == [["项目名称", "桑蚕提质增效"], ["资金总额", "1,206.50"], ["其中：财政"]]


def test_a_markdown_table_is_no_frame() -> None:
    assert _rows("| 项目名称 | X |\n|---|---|\n| 单位 | Y |\n| 部门 | Z |\n") == [["项目名称", "X"], ["单位", "Y"],
                                                                           ["部门", "Z"]]


WRAPPED_BESIDE_RULE = """\
┌──────┬────────┬──────┐
│绩效指│一级指标│分值  │
│标    ├────────┼──────┤
│      │产出指标│15    │
└──────┴────────┴──────┘
"""


def test_a_merged_cells_last_line_beside_the_rule_under_the_others_ends_their_row() -> None:
    # 标 is printed on the line that draws the header's rule in the other columns: the header ends there
    assert _rows(WRAPPED_BESIDE_RULE) == [["绩效指标", "一级指标", "分值"], ["产出指标", "15"]]
