"""The scan path: pixel functions on synthetic pages (fast), and real OCR of the committed scans
(marked `ocr`: `pytest -m 'not ocr'` skips them)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest

from extract import checkbox, raster, textlines
from extract.grid import find_tables
from extract.ocr import Glyph, _image_dpi, cell_text, fold_numbers

ROOT = Path(__file__).resolve().parents[2]
SCANS = ROOT / "samples" / "scans"
PPP = 72 / 200  # points per pixel at 200 dpi


def ruled_page() -> np.ndarray:
    """A white A4 page at 200 dpi with a ruled table (one cell spans two columns) and text-like strokes."""
    page = np.full((2339, 1654), 255, np.uint8)
    xs, ys = (150, 500, 900, 1500), (300, 380, 460, 540, 620)
    for y in ys:
        cv2.line(page, (xs[0], y), (xs[-1], y), 0, 3)
    for x in xs:
        for top, bottom in zip(ys, ys[1:]):
            if not (x == 900 and top == 380):  # row 2: columns 2 and 3 merged
                cv2.line(page, (x, top), (x, bottom), 0, 3)
    for row, y in enumerate(ys[:-1]):
        cv2.putText(page, f"cell {row} 12,345.00", (xs[0] + 20, y + 55), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)
    return page


def turned(image: np.ndarray, degrees: float) -> np.ndarray:
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), borderValue=255)


# ---- skew ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("degrees", [0.0, 0.4, -0.73, 1.3, -2.0, 3.5])
def test_skew_is_recovered_within_a_tenth_of_a_degree(degrees: float) -> None:
    binary = raster.binarize(turned(ruled_page(), degrees), PPP)
    # skew_angle is the rules' slope in image coordinates: turning anticlockwise makes it negative
    assert abs(raster.skew_angle(binary, PPP) + degrees) < 0.1


def test_deskewed_page_has_level_rules() -> None:
    scanned = turned(ruled_page(), 1.7)
    angle = raster.skew_angle(raster.binarize(scanned, PPP), PPP)
    level = raster.rotate(scanned, angle)
    assert abs(raster.skew_angle(raster.binarize(level, PPP), PPP)) < 0.05


def test_no_rules_no_skew() -> None:
    page = np.full((1000, 800), 255, np.uint8)
    cv2.putText(page, "plain text only", (50, 200), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    assert raster.skew_angle(raster.binarize(page, PPP), PPP) is None


def test_quarter_turns_are_exact() -> None:
    page = ruled_page()
    assert np.array_equal(raster.quarter_turn(raster.quarter_turn(page, 90), 270), page)
    assert raster.quarter_turn(page, 90).shape == page.shape[::-1]


# ---- grid ------------------------------------------------------------------------------------------


def test_rules_of_a_scan_make_the_table_with_its_spanning_cell() -> None:
    scanned = turned(ruled_page(), -1.1)
    level = raster.rotate(scanned, raster.skew_angle(raster.binarize(scanned, PPP), PPP))
    (table,) = find_tables(raster.rule_segments(raster.binarize(level, PPP), PPP))
    assert (len(table.xs), len(table.ys)) == (4, 5)
    assert len(table.cells) == 11  # 4 rows x 3 columns, one cell spanning two
    assert [(c.row, c.col_span) for c in table.cells if c.col_span > 1] == [(1, 2)]


# ---- lines from pixels -------------------------------------------------------------------------------


def form_page() -> np.ndarray:
    """A title over a 2 x 3 table at 200 dpi: one-line cells, a cell of two lines, an empty cell, and a
    cell holding a label and a value far apart."""
    page = np.full((1400, 1654), 255, np.uint8)
    cv2.putText(page, "TITLE OF THE FORM", (400, 200), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 3)
    xs, ys = (150, 550, 950, 1500), (300, 420, 540)
    for y in ys:
        cv2.line(page, (xs[0], y), (xs[-1], y), 0, 3)
    for x in xs:
        cv2.line(page, (x, ys[0]), (x, ys[-1]), 0, 3)
    write = [((170, 375), "NAME"), ((570, 375), "12,345.00"), ((170, 465), "FIRST LINE"), ((170, 515), "SECOND"),
             ((570, 495), "VALUE"), ((970, 375), "LEFT"), ((1380, 375), "99")]  # (950..1500, 420..540) empty
    for (x, y), text in write:
        cv2.putText(page, text, (x, y), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 0, 2)
    return page


def plan_of(page: np.ndarray) -> textlines.Plan:
    binary = raster.binarize(page, PPP)
    horizontal, vertical = raster.rule_masks(binary, PPP)
    tables = find_tables(raster.rule_segments(binary, PPP, (horizontal, vertical)))
    return textlines.plan_page(textlines.text_ink(binary, horizontal, vertical, PPP), tables, PPP)


def test_lines_are_found_in_cells_and_empty_cells_are_not_read() -> None:
    plan = plan_of(form_page())
    assert plan.empty_cells == 1 and plan.regions == []
    tops = sorted((line.top // 10, line.x0 // 50) for line in plan.lines)
    # one line per one-line cell, two in the wrapped cell, two pieces where a label and a value lie apart
    assert len(plan.lines) == 7, tops
    two = [line for line in plan.lines if 150 < line.x0 < 550 and line.top > 420]
    assert len(two) == 2 and two[0].bottom <= two[1].top + 1  # the margins do not reach into each other
    for line in plan.lines:  # every crop stays inside its cell, off the rules
        assert not any(line.x0 < x < line.x1 for x in (150, 550, 950, 1500))
        assert not any(line.top < y < line.bottom for y in (300, 420, 540))


def test_text_outside_the_grid_is_a_region_for_detection() -> None:
    (title,) = plan_of(form_page()).outside
    assert title.top < 170 < 200 < title.bottom <= 300 and title.x0 < 400


def test_specks_of_noise_do_not_make_a_cell_hold_text() -> None:
    page = form_page()
    page[470:472, 1000:1002] = 0  # dust in the empty cell
    page[480:482, 1100:1102] = 0
    assert plan_of(page).empty_cells == 1


def test_a_sideways_page_is_told_from_its_ink() -> None:
    page = form_page()
    ink = textlines.text_ink(raster.binarize(page, PPP), *raster.rule_masks(raster.binarize(page, PPP), PPP), PPP)
    assert not textlines.runs_down(ink, PPP)
    assert textlines.runs_down(np.ascontiguousarray(np.rot90(ink)), PPP)


# ---- checkboxes ------------------------------------------------------------------------------------


def boxes_page() -> np.ndarray:
    """Boxes 22 px (8 pt) wide at 200 dpi: empty, filled, ticked, crossed, and a 田 that is no box."""
    page = np.full((200, 900), 255, np.uint8)
    for x in (100, 250, 400, 550, 700):
        cv2.rectangle(page, (x, 80), (x + 22, 102), 0, 2)
    cv2.rectangle(page, (250, 80), (272, 102), 0, -1)
    cv2.polylines(page, [np.array([(403, 90), (410, 99), (428, 72)])], False, 0, 2)  # a tick overshooting
    cv2.line(page, (553, 83), (569, 99), 0, 2)
    cv2.line(page, (569, 83), (553, 99), 0, 2)
    cv2.line(page, (700, 91), (722, 91), 0, 2)  # 田: strokes from wall to wall
    cv2.line(page, (711, 80), (711, 102), 0, 2)
    return cv2.GaussianBlur(page, (3, 3), 0)


def test_checkbox_states_from_pixels() -> None:
    found = checkbox.find_checkboxes(raster.binarize(boxes_page(), PPP), PPP)
    assert [(round(box.x0 / 50) * 50, box.state) for box in sorted(found, key=lambda b: b.x0)] == [
        (100, "empty"), (250, "filled"), (400, "ticked"), (550, "ticked")]
    assert [box.mark for box in sorted(found, key=lambda b: b.x0)] == ["☐", "☑", "☑", "☑"]


def test_a_faint_speck_in_a_box_is_not_a_tick() -> None:
    page = np.full((100, 100), 255, np.uint8)
    cv2.rectangle(page, (30, 30), (52, 52), 0, 2)
    page[41, 41] = 0
    (box,) = checkbox.find_checkboxes(raster.binarize(page, PPP), PPP)
    assert box.state == "empty"


# ---- seal ------------------------------------------------------------------------------------------


def test_red_seal_is_removed_and_black_text_under_it_kept() -> None:
    page = np.full((400, 600, 3), 255, np.uint8)
    cv2.putText(page, "UNIT NAME", (60, 210), cv2.FONT_HERSHEY_SIMPLEX, 2.0, (0, 0, 0), 5)
    seal = np.full_like(page, 255)
    cv2.circle(seal, (300, 200), 150, (40, 30, 200), 12)  # BGR red ring over the text
    cv2.circle(seal, (300, 200), 40, (40, 30, 200), -1)
    stamped = (page.astype(np.float32) * seal / 255).astype(np.uint8)  # ink multiplies
    gray, share = raster.suppress_seal(stamped)
    assert share > 0.02
    red_only = (seal[:, :, 2] < 255) & (page[:, :, 0] == 255)
    assert gray[red_only].min() >= 200
    assert (gray[page[:, :, 0] == 0] < 80).mean() > 0.95  # the print under the seal stays dark


def test_gray_page_has_no_seal() -> None:
    gray = np.full((50, 50), 200, np.uint8)
    assert raster.suppress_seal(gray) == (gray, 0.0)


# ---- text ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "clean"), [
    ("81，572，666", "81,572,666"),
    ("99．57%", "99.57%"),
    ("12。5万元", "12.5万元"),
    ("10：30", "10:30"),
    ("项目资金（元）：合计", "项目资金（元）：合计"),  # Chinese punctuation outside numbers is kept
    ("一、项目，2019", "一、项目，2019"),
])
def test_full_width_punctuation_inside_numbers_is_folded(raw: str, clean: str) -> None:
    assert fold_numbers(raw) == clean


def g(text: str, x0: float, top: float, x1: float, score: float = 0.99) -> Glyph:
    return Glyph(text, x0, top, x1, top + 10, score)


def test_cell_text_joins_wrapped_lines_by_cjk_rules() -> None:
    glyphs = [g("0", 10, 22, 16), g("分", 16, 22, 26), g("钟", 26, 22, 36), g("≤", 10, 10, 16), g("9", 16, 10, 22)]
    assert cell_text(glyphs) == "≤90分钟"


def test_cell_text_keeps_a_space_between_latin_words_only() -> None:
    assert cell_text([g("APP", 0, 0, 20), g("v2", 26, 0, 40)]) == "APP v2"
    assert cell_text([g("人", 0, 0, 10), g("社", 16, 0, 26)]) == "人社"


def test_a_cell_of_just_yi_is_the_dash() -> None:
    assert cell_text([g("一", 0, 0, 10)]) == "—"


@pytest.mark.parametrize(("size", "stated", "dpi"), [
    ((1240, 1754), (150, 150), 150.0),  # A4 at 150 dpi, said so
    ((1654, 2339), None, 200.0),  # says nothing: 200
    ((1654, 2339), (72, 72), 200.0),  # a phone's 72 would make a 32-inch page
    ((3000, 4000), (72, 72), 4000 / 11.69),  # 200 would too: taken as an A4 page
])
def test_image_resolution(size: tuple[int, int], stated, dpi: float) -> None:
    assert _image_dpi(size, stated)[0] == pytest.approx(dpi)


# ---- real scans (slow: rapidocr) ---------------------------------------------------------------------


def ocr_scan(name: str, page: int):
    from extract.ocr import ocr_pdf_page

    document = pdfium.PdfDocument(SCANS / name)
    try:
        return ocr_pdf_page(document[page - 1], page)
    finally:
        document.close()


def text_pdf_grid_cells(name: str, page: int) -> int:
    from extract.pdf import page_text

    document = pdfium.PdfDocument(ROOT / "samples" / "pdf" / name)
    try:
        lines = page_text(document[page - 1], page).lines
    finally:
        document.close()
    return sum(len(line.cells) for line in lines if line.layout == "grid")


def cells(lines) -> dict[str, object]:
    return {cell.text: cell for line in lines for cell in line.cells}


@pytest.mark.ocr
def test_scanned_target_form_with_seal_and_checkboxes() -> None:
    lines, doubts = ocr_scan("003-rl-scan.pdf", 1)
    grid = [line for line in lines if line.layout == "grid"]
    assert sum(len(line.cells) for line in grid) == text_pdf_grid_cells("003-rl.pdf", 1)
    assert lines[0].layout == "flow" and lines[0].text == "上海市财政支出项目绩效目标申报表"
    assert any("上海市人民政府信访办公室" in line.text for line in lines if line.layout == "flow")  # under the seal
    found = cells(lines)
    for text in ("12345市民服务热线外包服务", "133340000", "94.90%", "2019-12-31",
                 "经常性专项业务费☑其他经常性项目☐",
                 "基本建设工程类☐信息化建设类☐政策补贴类☐政府购买服务☑资产购置类☐其他事业专业类☐"):
        assert text in found, text
    project = found["12345市民服务热线外包服务"]
    assert project.col == 1 and project.where.method == "ocr" and project.where.page == 1
    assert 0.9 <= project.where.confidence <= 1.0
    assert any("red seal" in doubt for doubt in doubts)


@pytest.mark.ocr
def test_sideways_scan_is_turned_upright() -> None:
    lines, doubts = ocr_scan("002-rl-scan.pdf", 2)
    found = cells(lines)
    assert "经常性专项业务费☐其他经常性项目☑" in found  # ■ in the text PDF
    assert {"3511500", "5430000", "2373044"} <= set(found)
    assert any("sideways" in doubt for doubt in doubts)
    x0, top, x1, bottom = found["项目名称"].where.bbox
    assert x1 < 300 and top < 200  # upright A4 frame: the label sits top left


@pytest.mark.ocr
def test_upside_down_self_evaluation_at_150_dpi() -> None:
    lines, doubts = ocr_scan("001-lo-scan.pdf", 2)
    found = cells(lines)
    assert {"工作服装制作费", "99.57%", "150,845", "217500.00"} <= set(found)
    assert any("upside down" in doubt for doubt in doubts)
    tops = [line.cells[0].where.bbox[1] for line in lines]
    assert tops == sorted(tops)  # reading order: top to bottom


@pytest.mark.ocr
def test_image_files_png_and_photo() -> None:
    from extract.ocr import ocr_image_file

    lines, _ = ocr_image_file(SCANS / "003-rl-p1.png")
    assert "12345市民服务热线外包服务" in cells(lines)
    lines, doubts = ocr_image_file(SCANS / "001-rl-p2-photo.jpg")
    assert {"工作服装制作费", "99.57%"} <= set(cells(lines))
    assert any("72 dpi" in doubt for doubt in doubts)


@pytest.mark.ocr
def test_mixed_pdf_scanned_pages_have_no_text_layer() -> None:
    from extract.pdf import page_text

    document = pdfium.PdfDocument(SCANS / "000-rl-mixed.pdf")
    try:
        readable = [page_text(document[index], index + 1).readable for index in range(len(document))]
    finally:
        document.close()
    assert readable == [True, False, True, False]
    lines, _ = ocr_scan("000-rl-mixed.pdf", 2)
    assert sum(len(line.cells) for line in lines if line.layout == "grid") == text_pdf_grid_cells("000-rl.pdf", 2)
