"""Cell text: 全角 folding, stray spaces around CJK, 跨行断字 (one cell wrapped over lines)."""

import pytest

from normalize.text import clean_text, fold_width, join_lines, strip_cjk_spaces

# 全角: digits, letters and number symbols fold; Chinese punctuation stays as printed
FOLD_CASES = [
    ("７０７６２６６６．００", "70762666.00"),
    ("＞＝９８％", ">=98%"),
    ("＜＝０．００６％", "<=0.006%"),
    ("＋－／", "+-/"),
    ("ＩＴ外包", "IT外包"),
    ("项目\u3000名称", "项目 名称"),
    ("（元）：，。、；“”", "（元）：，。、；“”"),
    ("12333热线", "12333热线"),
]


@pytest.mark.parametrize(("printed", "folded"), FOLD_CASES)
def test_fold_width(printed: str, folded: str) -> None:
    assert fold_width(printed) == folded


# spaces a PDF text layer puts around numbers and between Chinese words (seed 000)
SPACE_CASES = [
    ("建设上海市人社局 12333热线", "建设上海市人社局12333热线"),
    ("《2017 年 12333 热线", "《2017年12333热线"),
    ("上海市人民政府 第141次", "上海市人民政府第141次"),
    ("推 进 12333热线咨询服务", "推进12333热线咨询服务"),
    ("（1）项目总目标 面向社会", "（1）项目总目标面向社会"),
    ("中心 IT外包服务", "中心IT外包服务"),
    ("IT outsourcing", "IT outsourcing"),
    ("IT   outsourcing\t service", "IT outsourcing service"),
    ("2019  12333", "2019 12333"),
    ("  两端  ", "两端"),
    ("", ""),
]


@pytest.mark.parametrize(("printed", "cleaned"), SPACE_CASES)
def test_strip_cjk_spaces(printed: str, cleaned: str) -> None:
    assert strip_cjk_spaces(printed) == cleaned


# 跨行断字: one cell wrapped in the middle of a word or a number (seeds 000, 001)
JOIN_CASES = [
    (["12333热线咨询平台项 ", "目经费"], "12333热线咨询平台项目经费"),
    (["12345服务热线专项经 ", "费"], "12345服务热线专项经费"),
    (["≤9 ", "0分钟"], "≤90分钟"),
    (["响应时间：≤10分钟内，故障处理时间≤1", "80分钟"], "响应时间：≤10分钟内，故障处理时间≤180分钟"),
    (["一级故障<=90", "分钟，二级故障<", "", "=180分钟，三", "级故障<=24小", "", "时"],
     "一级故障<=90分钟，二级故障<=180分钟，三级故障<=24小时"),
    (["上海市人力资源和", "社会保障局咨询服", "", "务中心"], "上海市人力资源和社会保障局咨询服务中心"),
    (["通过委托服务经费的使用，不断提高鉴定各方面工作的质", "量和服务水平", "。"],
     "通过委托服务经费的使用，不断提高鉴定各方面工作的质量和服务水平。"),
    (["IT out", "sourcing"], "IT out sourcing"),
    (["version 2", "019年"], "version 2019年"),
    (["  ", "", "\t"], ""),
    ([], ""),
]


@pytest.mark.parametrize(("lines", "joined"), JOIN_CASES)
def test_join_lines(lines: list[str], joined: str) -> None:
    assert join_lines(lines) == joined


def test_join_lines_never_counts_words() -> None:
    # an English-style joiner would put a space at every joint of these short "words"
    assert join_lines(["综合", "接通率", ">80%"]) == "综合接通率>80%"


def test_clean_text_splits_on_any_line_break() -> None:
    text = "受疫情影响，封控\r\n期间居家办公，下\n半年综合服务率已\n\n达标。"
    assert clean_text(text) == "受疫情影响，封控期间居家办公，下半年综合服务率已达标。"
