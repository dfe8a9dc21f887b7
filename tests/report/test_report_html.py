"""The report's HTML without a browser: escaping, self-containment, text input, flag links, pages."""

from __future__ import annotations

import base64
import io
import re
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from extract import extract
from models import Component, Document, Flag, Form, FundRow, Indicator, Source, Value, Where
from report import write_batch_reports, write_document_report
from report.cells import document_cells
from report.document import document_html
from report.flag_cells import DEFAULT, FLAG_CELLS, flag_paths
from report.index import Entry, index_html
from report.pages import ocr_turns, render_pages
from tests.conftest import ROOT
from tests.report.conftest import TEXT_PDF

HOSTILE = '<img src=x onerror="alert(1)"> & </script>'


def small_form(**fields: object) -> Form:
    values: dict[str, object] = {
        "form_type": "self_eval", "project_name": "热线项目", "current_budget": Decimal("300"),
        "executed": Decimal("90"), "execution_rate": Decimal("91"),
        "funds": [FundRow(source="年度资金总额", full_year_budget=Decimal("100"), executed=Decimal("90"),
                          execution_rate=Decimal("91")),
                  FundRow(source="当年财政拨款", full_year_budget=Decimal("100"), executed=Decimal("80"))],
        "components": [Component(name="人员", amount=Decimal("100")), Component(name="设备", amount=Decimal("150"))],
        "indicators": [Indicator(level1="产出指标（30分）", name="坐席人员数", target=Value(raw="=390", op="=", value=Decimal(390),
                                                                               kind="numeric"),
                                 weight=Decimal("10")),
                       Indicator(level1="产出指标（30分）", name="综合服务率", weight=Decimal("10")),
                       Indicator(level1="满意度指标", name="综合满意度", weight=Decimal("10"))],
    }
    values.update(fields)
    return Form(**values)  # type: ignore[arg-type]


def text_document(*forms: Form, flags: list[Flag] | None = None, errors: list[str] | None = None) -> Document:
    source = Source(path="samples/seeds/x.txt", sha256="0" * 64, kind="text")
    return Document(source=source, forms=list(forms), flags=flags or [], errors=errors or [])


# ---- escaping and self-containment ----------------------------------------------------------------


def test_form_text_is_escaped_everywhere(tmp_path: Path) -> None:
    form = small_form(project_name=HOSTILE, provenance={"project_name": Where(method="text-input", line=3,
                                                                             label=HOSTILE)})
    flag = Flag(form_index=0, code="x", severity="error", message=f"指标「{HOSTILE}」", found=HOSTILE)
    html = write_document_report(text_document(form, flags=[flag], errors=[HOSTILE]), tmp_path / "r.html").read_text()
    assert "<img src=x" not in html and html.count("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp;") >= 4
    assert html.count("</script>") == 1  # the report's own script, closed once


def test_a_report_fetches_nothing(reports: dict[str, Path]) -> None:
    for path in reports.values():
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
        assert "<link" not in html and "<script src" not in html and "@import" not in html
        assert re.findall(r'<img src="(\w+):', html) in ([], ["data"] * html.count("<img"))


# ---- text input: records and flags, line numbers, no pages -------------------------------------------


def test_text_input_shows_records_and_line_numbers(reports: dict[str, Path], seed_document: Document) -> None:
    html = reports["seed"].read_text(encoding="utf-8")
    assert "<img" not in html and 'class="box' not in html
    assert "Text input, so no page images" in html
    assert seed_document.forms[0].provenance["project_name"].line == 5 and '<span class="where">L5</span>' in html
    for flag in seed_document.flags:
        assert flag.message.replace("<", "&lt;").replace(">", "&gt;") in html


def test_a_pdf_that_is_gone_still_gives_records(text_document: Document, tmp_path: Path) -> None:
    gone = text_document.model_copy(update={"source": text_document.source.model_copy(update={"path": "gone.pdf"})})
    html = write_document_report(gone, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "gone.pdf: the file is not there any more" in html
    assert html.count('<article class="form"') == len(text_document.forms)


# ---- which cells a flag concerns ----------------------------------------------------------------------


@pytest.mark.parametrize(("code", "message", "expected"), [
    ("components_sum_mismatch", "资金构成合计 250 元 ≠ 项目当年预算 300 元",
     ["current_budget", "components[0].amount", "components[1].amount"]),
    ("execution_rate_mismatch", "资金「年度资金总额」执行率印为 91%，但 90 / 100 = 90%",
     ["funds[0].full_year_budget", "funds[0].executed", "funds[0].execution_rate"]),
    ("score_not_proportional", "指标「综合服务率」 未达到目标",
     ["indicators[1].target", "indicators[1].actual", "indicators[1].weight", "indicators[1].score"]),
    ("indicator_cell_empty", "指标「坐席人员数」: nothing printed under 分值", ["indicators[0].weight"]),
    ("funds_rows_sum_mismatch", "资金「年度资金总额」全年执行数 90 元 ≠ 其中各项之和 80 元",
     ["funds[0].executed", "funds[1].executed"]),
    ("level1_weight_mismatch", "一级指标「产出指标（30分）」印为 30 分，其下指标分值之和为 20",
     ["indicators[0].level1", "indicators[0].weight", "indicators[1].level1", "indicators[1].weight"]),
    ("score_exceeds_weight", "资金「当年财政拨款」 得分 11 超过分值 10", ["funds[1].weight", "funds[1].score"]),
    ("unreadable_field", "结束时间: expected one date, found 2", ["end_date"]),
    ("unreadable_cell", "funds[1].weight: not a number: 一", ["funds[1].weight"]),
    ("a_new_rule", "指标「综合满意度」 something", [f"indicators[2].{c}" for c in
                                                ("level1", "level2", "name", "target", "actual", "weight", "score",
                                                 "note")]),
    ("weights_not_100", "指标分值之和 30 + 资金分值 0 = 30 ≠ 100",
     ["funds[0].weight", "funds[1].weight", "indicators[0].weight", "indicators[1].weight", "indicators[2].weight"]),
])
def test_a_flag_links_to_the_cells_it_concerns(code: str, message: str, expected: list[str]) -> None:
    form = small_form()
    cells = document_cells(text_document(form, flags=[Flag(form_index=0, code=code, severity="error",
                                                            message=message)]))
    assert sorted(cells.flag_keys[0]) == sorted(f"0:{path}" for path in expected)
    assert all(cells.cells[key].status == "flagged" for key in cells.flag_keys[0])


def test_execution_rate_without_funds_concerns_the_forms_own_figures() -> None:
    form = small_form(funds=[])
    flag = Flag(form_index=0, code="execution_rate_mismatch", severity="warning", message="预算执行率印为 91%，但 …")
    paths = flag_paths(flag, form, ["executed", "execution_rate", "current_budget", "total_score"])
    assert paths == ["executed", "execution_rate", "current_budget"]


def test_a_flags_own_paths_win_over_its_message() -> None:
    flag = Flag(form_index=0, code="components_sum_mismatch", severity="error", message="资金构成合计 250 元 ≠ …",
                paths=["components[1].amount", "current_budget", "sections.overview"])
    cells = document_cells(text_document(small_form(), flags=[flag]))
    assert cells.flag_keys[0] == ["0:current_budget", "0:components[1].amount"]  # no such section: left out
    assert cells.cells["0:components[0].amount"].flags == []


def test_seed_flags_link_to_exactly_their_own_paths(seed_document: Document) -> None:
    cells = document_cells(seed_document)
    for flag, keys in zip(seed_document.flags, cells.flag_keys, strict=True):
        assert flag.paths and sorted(keys) == sorted(f"{flag.form_index}:{path}" for path in flag.paths), flag.code


def test_info_flags_link_without_colouring() -> None:
    flag = Flag(form_index=0, code="indicator_cell_empty", severity="info", message="指标「坐席人员数」: nothing printed under 得分")
    cells = document_cells(text_document(small_form(), flags=[flag]))
    assert cells.flag_keys[0] == ["0:indicators[0].score"]
    assert cells.cells["0:indicators[0].score"].status == "missing"


def _emitted_codes() -> set[str]:
    """Every flag code the scorer and the parsers can emit, read from their source."""
    found = set()
    for folder in ("scoring", "parsers"):
        for source in (ROOT / folder).glob("*.py"):
            text = source.read_text(encoding="utf-8")
            found |= set(re.findall(r"""\bflag\(\s*[\w.]+,\s*["'](\w+)["']""", text))
            found |= set(re.findall(r"""\.flag\(\s*["'](\w+)["']""", text))
    return found


# codes whose cells DEFAULT finds (the rows or the field the message names) or that concern no one cell
DEFAULT_CODES = {"layout_scrambled", "sections_unpaired", "indicators_unpaired", "field_unpaired", "paired_by_layout",
                 "paired_by_order", "component_pairing_ambiguous", "unreadable_field", "checkbox_unread"}


def test_every_flag_code_is_in_the_table() -> None:
    unmapped = _emitted_codes() - set(FLAG_CELLS) - DEFAULT_CODES
    assert not unmapped, f"add these codes to report.flag_cells.FLAG_CELLS (or DEFAULT_CODES here): {unmapped}"
    assert DEFAULT == ("{row}.*", "{field}")


# ---- page images in the frame of the boxes --------------------------------------------------------------


def _ink(data_uri: str, box: tuple[float, float, float, float]) -> float:
    image = Image.open(io.BytesIO(base64.b64decode(data_uri.split(",", 1)[1]))).convert("L")
    width, height = image.size
    left, top, box_width, box_height = box
    crop = image.crop((round(left * width / 100), round(top * height / 100),
                       round((left + box_width) * width / 100), round((top + box_height) * height / 100)))
    return sum(1 for value in crop.tobytes() if value < 128) / max(1, len(crop.tobytes()))


def test_a_rotated_page_is_drawn_in_the_frame_of_its_boxes(tmp_path: Path) -> None:
    """/Rotate turns the viewer, not the text: the boxes stay on the same ink either way."""
    rotated = tmp_path / "rotated.pdf"
    document = pdfium.PdfDocument(TEXT_PDF)
    document[0].set_rotation(90)
    document.save(rotated)
    document.close()
    cells = [cell for line in extract(rotated).lines if line.page == 1 for cell in line.cells][:12]
    upright, turned = render_pages(TEXT_PDF, {})[0][0], render_pages(rotated, {})[0][0]
    for cell in cells:
        assert _ink(turned.data_uri, turned.percent_box(cell.where.bbox)) == pytest.approx(
            _ink(upright.data_uri, upright.percent_box(cell.where.bbox)), abs=0.02)
        assert _ink(turned.data_uri, turned.percent_box(cell.where.bbox)) > 0.01  # the box is on the text


def test_ocr_pages_take_the_turn_the_ocr_gave_them() -> None:
    where = Where(page=2, bbox=(1, 1, 2, 2), method="ocr", confidence=0.9)
    form = small_form(provenance={"project_name": where})
    errors = ["page 2: the scan lay sideways; turned 90° clockwise to read it (boxes are in the upright page)"]
    document = Document(source=Source(path="x.pdf", sha256="0" * 64, pages=3, kind="pdf-scanned"), forms=[form],
                        errors=errors)
    assert ocr_turns(document) == {2: 90}
    assert ocr_turns(document.model_copy(update={"errors": []})) == {2: 0}


# ---- the batch -------------------------------------------------------------------------------------------


def test_batch_gives_one_page_per_document_and_an_index(tmp_path: Path) -> None:
    same_stem = [text_document(small_form()), text_document(small_form(project_name="另一个"))]
    index = write_batch_reports(same_stem, [("bad.pdf", "bad.pdf: the PDF has no pages.")], tmp_path / "out")
    assert index == tmp_path / "out" / "index.html"
    assert sorted(p.name for p in index.parent.iterdir()) == ["index.html", "x-2.html", "x.html"]
    html = index.read_text(encoding="utf-8")
    assert 'href="x.html"' in html and 'href="x-2.html"' in html and "bad.pdf: the PDF has no pages." in html
    assert 'href="index.html"' in (index.parent / "x.html").read_text(encoding="utf-8")


def test_summary_counts_a_project_once_and_measurable_targets() -> None:
    target = small_form(form_type="target", year=2020, unit="中心")
    self_eval = small_form(year=2020, unit="中心", total_score=Decimal("90"))
    html = document_html(text_document(target), [])
    assert "热线项目" in html
    index = index_html([Entry("a.txt", "a.html", text_document(target, self_eval))])
    year_row = re.search(r"<tr><td>2020</td>(.*?)</tr>", index).group(1)
    assert ">2<" in year_row and ">300<" in year_row and ">90.00<" in year_row and "100% (2/2)" in year_row


# ---- met, doubts, template, coverage, extra --------------------------------------------------------


def test_met_is_shown_from_the_field_with_the_judges_working(seed_document: Document) -> None:
    html = document_html(seed_document, [])
    row = re.search(r"<tr>(?:(?!</tr>).)*综合服务率(?:(?!</tr>).)*</tr>", html, re.S).group(0)
    assert 'class="verdict not-met"' in row and "实际 76.89% 不满足目标 &gt;=80%" in row
    form = seed_document.forms[0]
    assert form.indicators[5].met is False


def test_a_low_confidence_value_shows_its_doubt_beside_it_and_stays_orange() -> None:
    from scoring import forms_to_flags

    form = small_form(provenance={"project_name": Where(page=1, bbox=(1, 2, 3, 4), method="ocr", confidence=0.55),
                                  "executed": Where(page=1, bbox=(1, 6, 3, 8), method="ocr", confidence=0.95)})
    html = document_html(text_document(form, flags=forms_to_flags([form])), [])
    cell = re.search(r'<td class="cell st-[\w-]+" data-keys="0:project_name"[^>]*>.*?</td>', html, re.S).group(0)
    assert "st-ocr-low" in cell and "热线项目" in cell and '<span class="doubt" data-code="low_confidence">⚠ 0.55</span>' in cell
    executed = re.search(r'<td class="cell[^"]*" data-keys="0:executed"[^>]*>.*?</td>', html, re.S).group(0)
    assert "doubt" not in executed
    assert "low_confidence" in html and "识别置信度 0.55" in html  # the flag itself, in the form's list


def test_template_coverage_and_extra_labels_are_shown() -> None:
    form = small_form(template="central-self-eval", coverage=Decimal("0.874"),
                      extra={"项目负责人": "张三", "报表编号": HOSTILE})
    html = document_html(text_document(form), [])
    assert "template central-self-eval · coverage 87.4%" in html
    assert "<th>项目负责人</th><td>张三</td>" in html and "<img src=x" not in html
