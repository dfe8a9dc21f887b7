"""Several indicator rows printed as one run (an OCR of a page preview, 银川 on 优知文库): cut into their
level labels and rows only where one reading fits the whole run, never guessed."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from parsers.glued_rows import Piece, chunk_lines, cut_rows, misread_level, pointed_word, strip_chunk_marker
from parsers.tokens import Token
from pipeline import file_to_document

COLUMNS = ["weight", "target", "actual", "score", "note"]  # 参考分值 | 指标值(A) | 全年实际值(B) | 得分 | 原因
YINCHUAN = Path("samples/realdev/selfeval_05_ningxia_yinchuan_2021.txt")
# the realdev text's first chunk after its 项目决策(10分) | 项目目标 cells
DECISION = "完整性4一目标明确、内容细化、目标量化4项目立项相关性2一按照学校管理标准对学校进行管理2可行性2实际工作需求2适当性2有资金测第标准2"


def _rows(pieces: list[Piece]) -> list[tuple]:
    return [(piece.kind, piece.name or piece.text, piece.cells, piece.lone) for piece in pieces]


def test_rows_of_one_level_glued_are_cut_at_their_points_and_level_labels() -> None:
    pieces = cut_rows(DECISION, COLUMNS, Decimal(10))
    assert pieces is not None
    assert _rows(pieces) == [
        ("row", "完整性", {"weight": "4", "target": "一", "actual": "目标明确、内容细化、目标量化", "score": "4"}, None),
        ("level2", "项目立项", {}, None),
        ("row", "相关性", {"weight": "2", "target": "一", "actual": "按照学校管理标准对学校进行管理", "score": "2"}, None),
        # one text between 分值 and 得分: its column is not told by the run
        ("row", "可行性", {"weight": "2", "score": "2"}, "实际工作需求"),
        ("row", "适当性", {"weight": "2", "score": "2"}, "有资金测第标准"),
    ]


def test_a_weight_is_held_to_its_levels_points() -> None:
    # 办公所需成本 4 | 15万元 | 15万元 | 4, not 41 | 5万元 | 15万元 | 4: 成本指标 holds 10 points
    run = "成本指标(10分)办公所需成本415万元15万元4维修(维护)所需成本335万元35万元3"
    pieces = cut_rows(run, COLUMNS, Decimal(30))
    assert pieces is not None
    assert _rows(pieces)[1:] == [
        ("row", "办公所需成本", {"weight": "4", "target": "15万元", "actual": "15万元", "score": "4"}, None),
        ("row", "维修(维护)所需成本", {"weight": "3", "target": "35万元", "actual": "35万元", "score": "3"}, None),
    ]
    assert cut_rows("办公所需成本415万元15万元4维修(维护)所需成本335万元35万元3", COLUMNS, Decimal(50)) is None


def test_an_ocr_lookalike_is_read_as_points_and_said() -> None:
    pieces = cut_rows("数量指标(10分)保障人数102370人2370人IO指标2:质量指标(5分)公用经费标准5符合相关文件要求符合相关文件要求5",
                      COLUMNS, Decimal(30))
    assert pieces is not None
    row = pieces[1]
    assert (row.name, row.cells) == ("保障人数", {"weight": "10", "target": "2370人", "actual": "2370人", "score": "10"})
    assert row.notes == ["IO read as 10"]
    assert [piece.kind for piece in pieces] == ["level2", "row", "level2", "row"]  # 指标2: is an empty row


def test_a_misread_figure_is_kept_as_printed_and_said() -> None:
    pieces = cut_rows("成本指标(10分)绿化、水电费等成本3M.8万元14.8万元3", COLUMNS, Decimal(30))
    assert pieces is not None
    assert pieces[1].cells == {"weight": "3", "target": "M.8万元", "actual": "14.8万元", "score": "3"}
    assert pieces[1].notes == ["M.8万元: a figure an OCR misread, kept as printed"]


def test_a_note_ends_only_before_a_level_label_and_holds_none() -> None:
    # 生态 | 效益指标 would read a note 生态 before the label 效益指标: the label is 生态效益指标
    run = "社会效益指标效果显著15改善学校的办学条件改善学校的办学条件13生态效益指标指标L指标2:可持续影响指标"
    pieces = cut_rows(run, COLUMNS, Decimal(35))
    assert pieces is not None
    assert _rows(pieces) == [
        ("level2", "社会效益指标", {}, None),
        ("row", "效果显著", {"weight": "15", "target": "改善学校的办学条件", "actual": "改善学校的办学条件", "score": "13"}, None),
        ("level2", "生态效益指标", {}, None),
        ("level2", "可持续影响指标", {}, None),
    ]


def test_a_level_label_printed_again_opens_the_name() -> None:
    # 财务管理 | 财务管理制度有效性: a merged level cell is printed once
    pieces = cut_rows("预算执行率10一100%9财务管理财务管理制度有效性7一财务制度健全,严格执行制度,会计核算规范7", COLUMNS, Decimal(25))
    assert pieces is not None
    assert [(piece.kind, piece.name or piece.text) for piece in pieces] == \
        [("row", "预算执行率"), ("level2", "财务管理"), ("row", "财务管理制度有效性")]


def test_a_run_cut_off_after_a_name_ends_with_that_name() -> None:
    pieces = cut_rows("可持续影响指标使学生和老师行个更好的学习和工作环境,做到10社会认可的办学环境.社会认可的办学环境.8指标2:"
                      "服务对象满意度指标(10分)学生和老", COLUMNS, Decimal(35))
    assert pieces is not None
    assert _rows(pieces)[-2:] == [("level2", "服务对象满意度指标(10分)", {}, None), ("row", "学生和老", {}, None)]


@pytest.mark.parametrize("run", [
    "办公所需成本415万元15万元4",  # 4 | 15万元 | 15万元 | 4 or 41 | 5万元 | 15万元 | 4 under 100 points
    "可行性2实际工作需求2适当性2有资金测第标准",  # a row without its 得分 (no level label before it: not cut off)
])
def test_a_run_that_reads_several_ways_or_none_stays_whole(run: str) -> None:
    assert cut_rows(run, COLUMNS, Decimal(100)) is None


def test_of_two_readings_the_one_leaving_fewer_rows_without_values_is_taken() -> None:
    # 工作量 | 2 | 0 then 完成完成 | 2 | 0 as a name, or 工作量 | 20 | 完成 | 完成 | 20; 明显改善 | prose or prose |
    # 明显改善 cannot be told, so the first row's text is given without its column
    run = "老年人生活质量改善情况25明显改善失能老年人照护压力减轻,生活质量明显改善23工作量20完成完成20"
    pieces = cut_rows(run, COLUMNS, Decimal(100))
    assert pieces is not None
    assert [(piece.name, piece.cells, piece.lone) for piece in pieces] == [
        ("老年人生活质量改善情况", {"weight": "25", "score": "23"}, "明显改善失能老年人照护压力减轻,生活质量明显改善"),
        ("工作量", {"weight": "20", "target": "完成", "actual": "完成", "score": "20"}, None)]


def test_a_note_may_end_the_run() -> None:
    pieces = cut_rows("可行性2实际工作需求2适当性", COLUMNS, Decimal(10))
    assert pieces is not None
    assert _rows(pieces) == [("row", "可行性", {"weight": "2", "note": "适当性", "score": "2"}, "实际工作需求")]


def test_page_chunk_markers_are_told_by_their_numbering_from_the_title() -> None:
    def token(text: str, line: int, kind: str = "value") -> Token:
        return Token(text, (), line, kind)

    tokens = [token("1、银川市本级部门项目支出绩效自评表", 1, "title"), token("项目名称", 1, "field"),
              token("2、预算执行率10一100%9", 2), token("3、指标效果显著15…", 3)]
    assert chunk_lines(tokens) == {1, 2, 3}
    assert chunk_lines(tokens[1:]) == frozenset()  # no title numbered 1、: a numbered list, not page chunks
    assert chunk_lines([tokens[0], token("3、x", 2)]) == frozenset()  # not 1、2、… in order
    assert strip_chunk_marker("2、预算执行率") == "预算执行率"


def test_the_yinchuan_preview_reads_its_rows() -> None:
    form = file_to_document(YINCHUAN).forms[0]
    assert (form.title, form.year) == ("银川市本级部门项目支出绩效自评表", 2021)  # the page chunk's 1、 dropped
    rows = [(i.level1, i.level2, i.name, i.weight, i.score) for i in form.indicators if i.name]
    assert ("项目决策", "项目立项", "可行性", Decimal(2), Decimal(2)) in rows
    assert ("项目管理", "投入管理", "预算执行率", Decimal(10), Decimal(9)) in rows  # 2、 dropped
    # the chunk marker 3、 cut 社会效益 | 指标: the run goes on in the next chunk
    assert ("项目效益", "社会效益指标", "效果显著", Decimal(15), Decimal(13)) in rows
    feasible = next(i for i in form.indicators if i.name == "可行性")
    # the rows of 项目决策 before it print 一 under 指标值 and their text under 实际值
    assert (feasible.target, feasible.actual.raw) == (None, "实际工作需求")
    document = json.loads(file_to_document(YINCHUAN).model_dump_json())
    codes = [(flag["code"], flag["message"]) for flag in document["flags"]]
    assert any(code == "unreadable_cell" and "IO read as 10" in message for code, message in codes)
    assert sum(code == "rows_cut_from_glued_text" for code, _ in codes) >= 15
    assert any("实际工作需求 printed alone: under 全年实际值(B)" in message for _, message in codes)  # the rule said


def test_a_level_label_an_ocr_misread_in_one_character_is_read_as_printed() -> None:
    assert misread_level("项Fl实施绩效监控有效性2一持续有效2") == ("项Fl实施", "项目实施")
    assert misread_level("项目实施绩效监控") is None  # printed right: the templates data's own label
    assert misread_level("项Fl实施") is None  # nothing after it: no row to open
    pieces = cut_rows("管理制度有效性6-严格执行相关管理制度6项Fl实施绩效监控有效性2一持续有效2", COLUMNS, Decimal(25))
    assert pieces is not None
    assert [(piece.kind, piece.name or piece.text) for piece in pieces] == \
        [("row", "管理制度有效性"), ("level2", "项Fl实施"), ("row", "绩效监控有效性")]


def test_glued_rows_one_per_line_open_with_their_level_printed_again_or_misread() -> None:
    # samples/damaged/yinchuan_selfeval-real-glued.txt: 财务管理财务管理制度有效性7一…7 (the 二级 label printed
    # once, the name opening with the same words), 项Fl实施绩效监控有效性2一持续有效2 (an OCR's 项目实施)
    document = file_to_document(Path("samples/damaged/yinchuan_selfeval-real-glued.txt"))
    rows = [(i.level2, i.name, i.weight) for i in document.forms[0].indicators]
    assert ("财务管理", "财务管理制度有效性", Decimal(7)) in rows
    assert ("项Fl实施", "绩效监控有效性", Decimal(2)) in rows
    assert ("项Fl实施", "管理制度有效性", Decimal(6)) in rows
    assert not any(level2 == "财务管理" and name is None for level2, name, _ in rows)  # no empty 财务管理 row
    assert any(flag.code == "label_misprinted" and "项Fl实施" in flag.message for flag in document.flags)
    feasible = next(i for i in document.forms[0].indicators if i.name == "可行性")  # one row per line, one text
    assert (feasible.target, feasible.actual.raw) == (None, "实际工作需求")


@pytest.mark.parametrize("damage", ["pipes", "cell-per-line", "row-per-line", "glued"])
def test_a_misread_first_level_word_with_its_points_before_a_level_label_is_that_level(damage: str) -> None:
    # 顼目产出(30分) (an OCR's 项目产出) then 数量指标(10分): the 一级 cell as printed, with its points
    assert pointed_word("顼目产出(30分)数量指标(10分)保障人数") == "顼目产出(30分)"
    form = file_to_document(Path(f"samples/damaged/yinchuan_selfeval-real-{damage}.txt")).forms[0]
    quantity = next(i for i in form.indicators if i.name == "保障人数")
    assert (quantity.level1, quantity.level1_weight, quantity.level2) == ("顼目产出", Decimal(30), "数量指标")
    monitoring = next(i for i in form.indicators if i.name == "绩效监控有效性")  # 项Fl实施 as a cell of its own
    assert (monitoring.level1, monitoring.level2, monitoring.weight) == ("项目管理", "项Fl实施", Decimal(2))


def test_a_lone_text_printed_with_its_cells_apart_goes_under_its_levels_column() -> None:
    # 可行性 2 实际工作需求 2 one row per line: placed by kinds it would stand under 指标值 (the earlier of two
    # columns it fits); 完整性 and 相关性 before it print 一 there and their text under 全年实际值
    document = file_to_document(Path("samples/damaged/yinchuan_selfeval-real-row-per-line.txt"))
    feasible = next(i for i in document.forms[0].indicators if i.name == "可行性")
    assert (feasible.target, feasible.actual.raw, feasible.weight, feasible.score) == \
        (None, "实际工作需求", Decimal(2), Decimal(2))
    assert any(flag.code == "paired_by_order" and "实际工作需求 printed alone" in flag.message for flag in document.flags)


def _flattened(damaged: str, folder: Path) -> Path:
    """A glued print with its indicator rows run into one line after the header, as a page preview's OCR
    prints them."""
    lines = Path(f"samples/damaged/{damaged}").read_text(encoding="utf-8").splitlines()
    header = next(at for at, line in enumerate(lines) if "三级指标" in line)
    path = folder / damaged.replace("glued", "flattened")
    path.write_text("\n".join([*lines[: header + 1], "".join(lines[header + 1 :])]) + "\n", encoding="utf-8")
    return path


def test_rows_run_together_under_the_mof_column_order_end_at_the_tables_total(tmp_path: Path) -> None:
    # 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因: the one-row cut reads each row; the run stops at 总分, whose
    # figures are the total row's and after which the page's 评价等级 … are labels again
    form = file_to_document(_flattened("simple_selfeval-madeup-glued.txt", tmp_path)).forms[0]
    rows = {i.name: (i.target.raw if i.target else None, i.actual.raw if i.actual else None, i.weight, i.score)
            for i in form.indicators}
    assert rows["居家养老上门服务人数"] == ("≥6800人", "6925人", Decimal(15), Decimal(15))
    assert rows["服务对象满意度"] == ("≥90%", "94.6%", Decimal(10), Decimal(10))
    assert "总分" not in rows and not any(name and "评价等级" in name for name in rows)
    assert form.total_score == Decimal("97.1")


def test_a_row_under_weight_first_columns_on_one_line_ends_at_its_score() -> None:
    # the form on one line: 可行性 2 实际工作需求 2 适当性 2 有资金测第标准 2 - the row ends at the first points
    # after its 分值 not above them (2), 适当性 opens the next row
    form = file_to_document(Path("samples/damaged/yinchuan_selfeval-real-one-line.txt")).forms[0]
    rows = {i.name: (i.actual.raw if i.actual else None, i.weight, i.score) for i in form.indicators}
    assert rows["可行性"] == ("实际工作需求", Decimal(2), Decimal(2))
    assert rows["适当性"] == ("有资金测第标准", Decimal(2), Decimal(2))
    assert rows["保障人数"] == ("2370人", Decimal(10), Decimal(10))
