"""The shared layout step: glyphs + ruled tables -> lines, for a text layer and for OCR alike."""

from __future__ import annotations

from extract.grid import Segment, find_tables
from extract.layout import Glyph, glyphs_to_lines
from extract.ocr import OCR
from extract.pdf import TEXT_LAYER


def one_row_table():
    """Two cells side by side, x 0-100-200, y 100-130."""
    rules = [Segment(0, 100, 200, 100), Segment(0, 130, 200, 130)]
    rules += [Segment(x, 100, x, 130) for x in (0, 100, 200)]
    return find_tables(rules)


def glyphs(text: str, x: float, top: float, confidence: float = 1.0, width: float = 10) -> list[Glyph]:
    return [Glyph(char, x + i * width, top, x + (i + 1) * width, top + 10, confidence) for i, char in enumerate(text)]


def page(confidence: float) -> list[Glyph]:
    return (glyphs("项目名称", 5, 110, confidence) + glyphs("示例", 105, 110, confidence)
            + glyphs("标题", 40, 50, confidence) + glyphs("附注", 120, 50, confidence))


def test_a_text_layer_and_ocr_give_the_same_lines_but_for_method_and_confidence() -> None:
    tables = one_row_table()
    text = glyphs_to_lines(page(1.0), tables, 1, TEXT_LAYER)
    ocr = glyphs_to_lines(page(0.93), tables, 1, OCR)
    shape = [[(line.layout, cell.text, cell.col, cell.where.bbox) for cell in line.cells] for line in text]
    assert shape == [[(line.layout, cell.text, cell.col, cell.where.bbox) for cell in line.cells] for line in ocr]
    assert shape == [[("flow", "标题", None, (40, 50, 60, 60)), ("flow", "附注", None, (120, 50, 140, 60))],
                     [("grid", "项目名称", 0, (0, 100, 100, 130)), ("grid", "示例", 1, (100, 100, 200, 130))]]
    assert {(cell.where.method, cell.where.confidence) for line in text for cell in line.cells} == {("text", 1.0)}
    assert {(cell.where.method, cell.where.confidence) for line in ocr for cell in line.cells} == {("ocr", 0.93)}


def test_a_spanning_cell_says_how_many_columns_it_covers() -> None:
    rules = [Segment(0, 100, 300, 100), Segment(0, 130, 300, 130), Segment(0, 160, 300, 160)]
    rules += [Segment(x, 100, x, 160) for x in (0, 300)] + [Segment(100, 100, 100, 160), Segment(200, 130, 200, 160)]
    glyphs_ = glyphs("名称", 5, 110) + glyphs("跨两列", 120, 110) + glyphs("甲", 120, 140) + glyphs("乙", 220, 140)
    first, second = glyphs_to_lines(glyphs_, find_tables(rules), 1, TEXT_LAYER)
    assert [(cell.text, cell.col, cell.span) for cell in first.cells] == [("名称", 0, 1), ("跨两列", 1, 2)]
    assert [(cell.text, cell.col, cell.span) for cell in second.cells] == [("甲", 1, 1), ("乙", 2, 1)]


def test_a_cell_is_as_sure_as_its_least_sure_glyph() -> None:
    cell_glyphs = glyphs("示", 105, 110, 0.99) + glyphs("例", 115, 110, 0.61)
    (line,) = glyphs_to_lines(cell_glyphs, one_row_table(), 1, OCR)
    assert line.cells[0].where.confidence == 0.61


def test_wrapped_cell_text_is_joined_and_spaces_between_words_only_in_ocr() -> None:
    wrapped = glyphs("≤9", 105, 102) + glyphs("0分钟", 105, 116)
    (line,) = glyphs_to_lines(wrapped, one_row_table(), 1, OCR)
    assert line.cells[0].text == "≤90分钟"
    words = [Glyph("APP", 105, 110, 125, 120), Glyph("v2", 131, 110, 145, 120)]
    assert glyphs_to_lines(words, one_row_table(), 1, OCR)[0].cells[0].text == "APP v2"
    assert glyphs_to_lines(words, one_row_table(), 1, TEXT_LAYER)[0].cells[0].text == "APPv2"  # spaces are glyphs


def test_loose_spaces_are_dropped_and_wide_gaps_split_words() -> None:
    loose = glyphs("申报", 0, 10) + [Glyph(" ", 20, 10, 25, 20)] + glyphs("单位", 60, 10)
    (line,) = glyphs_to_lines(loose, [], 1, TEXT_LAYER)
    assert [cell.text for cell in line.cells] == ["申报", "单位"]
