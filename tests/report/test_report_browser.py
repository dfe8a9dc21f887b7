"""The reports opened in headless Chromium: what a person sees and clicks.

Skipped, with the reason, where Debian's chromium is absent; .ci/run installs it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from extract.errors import InputError
from models import Document
from pipeline import file_to_document
from report import write_document_report
from tests.report.cdp import Tab
from tests.report.conftest import LOW_CONFIDENCE, SCANS, TEXT_PDF

# the cell boxes of form 0 checked against the page: fields, a funds cell, indicator cells
SAMPLED = ("project_name", "department", "unit", "funds[0].executed", "indicators[0].name", "indicators[0].target",
           "indicators[9].score", "total_score")
FLAGGED = "score_not_proportional"  # form 0 of the sample: 综合服务率 scored 7.6 where 9.61 was due
# a box measured in the browser may be off the provenance by rounding to CSS pixels: ~0.9 pt here
TOLERANCE_PT = 1.0

MEASURE = """(key => {
  const box = [...document.querySelectorAll('.box')].find(b => b.dataset.keys.split(' ').includes(key));
  if (!box) return null;
  const figure = box.closest('figure'), image = figure.querySelector('img');
  box.scrollIntoView({block: 'center'});
  const b = box.getBoundingClientRect(), i = image.getBoundingClientRect();
  const [ox, oy, w, h] = figure.dataset.frame.split(' ').map(Number);
  const x = px => ox + (px - i.left) / i.width * w, y = px => oy + (px - i.top) / i.height * h;
  return {page: Number(figure.dataset.page), frame: [ox, oy, w, h], status: box.className,
          bbox: [x(b.left), y(b.top), x(b.right), y(b.bottom)], rect: [b.left, b.top, b.right, b.bottom],
          centre: [(b.left + b.right) / 2, (b.top + b.bottom) / 2], active: box.classList.contains('active'),
          border: getComputedStyle(box).borderTopColor};
})"""


def measure(tab: Tab, key: str) -> dict:
    found = tab.js(f"{MEASURE}({json.dumps(key)})")
    assert found is not None, f"no box for {key}"
    return found


def record_cell(tab: Tab, key: str) -> dict:
    return tab.js(f"""(() => {{
      const cell = document.querySelector('.records .cell[data-keys={json.dumps(key)}]');
      cell.scrollIntoView({{block: 'center'}});
      const r = cell.getBoundingClientRect(), panel = cell.closest('.records').getBoundingClientRect();
      return {{centre: [(r.left + r.right) / 2, (r.top + r.bottom) / 2], active: cell.classList.contains('active'),
               visible: r.top >= panel.top && r.bottom <= panel.bottom}};
    }})()""")


def flagged_row(document: Document) -> tuple[int, int]:
    """(form, indicator) of the first indicator the FLAGGED flag names."""
    flag = next(flag for flag in document.flags if flag.code == FLAGGED)
    form = document.forms[flag.form_index]
    return flag.form_index, next(i for i, row in enumerate(form.indicators) if f"「{row.name}」" in flag.message)


def printed_boxes(text: str, page_number: int) -> list[tuple[float, float, float, float]]:
    """Where pdfium itself finds `text` on the page: character boxes, top-left origin, in points.
    Independent of the extractor: the check that a box sits on the printed value."""
    document = pdfium.PdfDocument(TEXT_PDF)
    page = document[page_number - 1]
    height = page.get_height()
    textpage = page.get_textpage()
    searcher = textpage.search(text)
    found = searcher.get_next()
    assert found is not None, f"{text!r} is not printed on page {page_number}"
    start, count = found
    boxes = [textpage.get_charbox(index) for index in range(start, start + count)]
    document.close()
    return [(left, height - top, right, height - bottom) for left, bottom, right, top in boxes]


# ---- the reports show everything ----------------------------------------------------------------


def assert_everything_shown(tab: Tab, document: Document) -> None:
    """Every form, every indicator row and every flag of `document` is on the open page, without errors."""
    shown = tab.js("""[...document.querySelectorAll('article.form')].map(form => ({
        rows: form.querySelectorAll('table.indicators tbody tr').length,
        flags: form.querySelectorAll('li.flag').length}))""")
    assert [form["rows"] for form in shown] == [len(form.indicators) for form in document.forms]
    per_form = [sum(1 for flag in document.flags if flag.form_index == index) for index in range(len(document.forms))]
    assert [form["flags"] for form in shown] == per_form
    assert tab.js("document.querySelectorAll('li.flag').length") == len(document.flags)
    assert tab.problems() == []


def assert_boxes_at_provenance(tab: Tab, document: Document, per_page: int = 4) -> None:
    """A few boxes of every page that has any, measured in the browser, sit on their provenance."""
    sampled: dict[int, list[tuple[str, tuple[float, float, float, float]]]] = {}
    for index, form in enumerate(document.forms):
        for path, where in form.provenance.items():
            if where.page is not None and where.bbox is not None and len(sampled.setdefault(where.page, [])) < per_page:
                sampled[where.page].append((f"{index}:{path}", where.bbox))
    assert sampled, "no box to check"
    for page, boxes in sampled.items():
        for key, bbox in boxes:
            drawn = measure(tab, key)
            assert drawn["page"] == page and drawn["bbox"] == pytest.approx(list(bbox), abs=TOLERANCE_PT), key


@pytest.mark.parametrize("name", ["text", "scan", "seed"])
def test_every_form_indicator_row_and_flag_is_shown(name: str, reports: dict[str, Path], tab: Tab,
                                                    text_document: Document, seed_document: Document) -> None:
    tab.open(reports[name])
    assert_everything_shown(tab, seed_document if name == "seed" else text_document)


@pytest.mark.ocr
@pytest.mark.parametrize("sample", SCANS, ids=lambda path: path.name)
def test_a_scanned_or_mixed_sample_shows_everything_on_its_boxes(sample: Path, tab: Tab, tmp_path: Path) -> None:
    try:
        document = file_to_document(sample)
    except InputError as error:  # the pipeline's own sentence, e.g. before it reads scans
        pytest.skip(f"the pipeline does not read this sample: {error}")
    tab.open(write_document_report(document, tmp_path / "report.html"))
    assert_everything_shown(tab, document)
    assert_boxes_at_provenance(tab, document)


def test_every_page_is_drawn_with_its_boxes(reports: dict[str, Path], tab: Tab, text_document: Document) -> None:
    tab.open(reports["text"])
    pages = tab.js("""[...document.querySelectorAll('figure.page')].map(f => ({
        page: Number(f.dataset.page), boxes: f.querySelectorAll('.box').length,
        loaded: f.querySelector('img').complete && f.querySelector('img').naturalWidth > 0}))""")
    assert [page["page"] for page in pages] == list(range(1, text_document.source.pages + 1))
    assert all(page["loaded"] and page["boxes"] > 20 for page in pages)
    assert_boxes_at_provenance(tab, text_document)


# ---- boxes sit where the provenance says, on the printed value -------------------------------------


@pytest.mark.parametrize("path", SAMPLED)
def test_box_is_drawn_at_its_provenance(path: str, reports: dict[str, Path], tab: Tab,
                                        text_document: Document) -> None:
    tab.open(reports["text"])
    where = text_document.forms[0].provenance[path]
    drawn = measure(tab, f"0:{path}")
    assert drawn["page"] == where.page == 1
    assert drawn["frame"] == pytest.approx([0, 0, 595.28, 841.89], abs=0.01)  # A4 upright: page points = frame points
    assert drawn["bbox"] == pytest.approx(list(where.bbox), abs=TOLERANCE_PT)


@pytest.mark.parametrize(("path", "printed"), [("indicators[0].name", "坐席人员数"), ("indicators[0].target", "=390"),
                                               ("department", "上海市人力资源和社会保障局")])
def test_box_surrounds_the_printed_value(path: str, printed: str, reports: dict[str, Path], tab: Tab) -> None:
    tab.open(reports["text"])
    x0, top, x1, bottom = measure(tab, f"0:{path}")["bbox"]
    for left, upper, right, lower in printed_boxes(printed, 1):
        assert x0 - 0.5 <= left and right <= x1 + 0.5 and top - 0.5 <= upper and lower <= bottom + 0.5


def test_screenshot_shows_the_selected_box_at_its_place(reports: dict[str, Path], tab: Tab, tmp_path: Path) -> None:
    tab.open(reports["text"])
    tab.click(*record_cell(tab, "0:indicators[0].target")["centre"])
    left, top, right, bottom = measure(tab, "0:indicators[0].target")["rect"]
    shot = Image.open(tab.screenshot(tmp_path / "page.png")).convert("RGB")
    assert shot.size == (1440, 900)
    # the selection outline (#ffbf00, 3 px, 1 px outside the box) is painted around the measured box
    middle_x, middle_y = round((left + right) / 2), round((top + bottom) / 2)
    around = [(round(left) - 3, middle_y), (round(right) + 2, middle_y), (middle_x, round(top) - 3),
              (middle_x, round(bottom) + 2)]
    assert all(_close(shot.getpixel(point), (255, 191, 0)) for point in around), [shot.getpixel(p) for p in around]


def _close(pixel: tuple[int, ...], colour: tuple[int, int, int], slack: int = 40) -> bool:
    return all(abs(a - b) <= slack for a, b in zip(pixel, colour))


# ---- clicking links the two sides ----------------------------------------------------------------


def test_clicking_a_record_cell_highlights_its_box(reports: dict[str, Path], tab: Tab) -> None:
    tab.open(reports["text"])
    key = "3:indicators[2].actual"  # a later page: the page panel has to scroll to it
    cell = record_cell(tab, key)
    tab.click(*cell["centre"])
    box = tab.js(f"""(() => {{
      const box = [...document.querySelectorAll('.box.active')].find(b => b.dataset.keys.split(' ').includes({json.dumps(key)}));
      const r = box.getBoundingClientRect(), panel = document.querySelector('.pages').getBoundingClientRect();
      return {{page: box.closest('figure').dataset.page, visible: r.top >= panel.top && r.bottom <= panel.bottom,
               others: document.querySelectorAll('.box.active').length}};
    }})()""")
    assert box["page"] == "4" and box["visible"]
    assert box["others"] == 1
    assert tab.js("location.hash") == "#cell=" + "3%3Aindicators%5B2%5D.actual"


def test_clicking_a_box_highlights_its_record_cell(reports: dict[str, Path], tab: Tab) -> None:
    tab.open(reports["text"])
    key = "0:indicators[1].score"
    box = measure(tab, key)
    hit = tab.js(f"document.elementFromPoint({box['centre'][0]}, {box['centre'][1]}).dataset.keys")
    assert key in hit.split()
    tab.click(*box["centre"])
    assert measure(tab, key)["active"]
    cell = tab.js(f"""(() => {{
      const cell = document.querySelector('.records .cell[data-keys="{key}"]');
      const r = cell.getBoundingClientRect(), panel = cell.closest('.records').getBoundingClientRect();
      return {{active: cell.classList.contains('active'), visible: r.top >= panel.top && r.bottom <= panel.bottom}};
    }})()""")
    assert cell == {"active": True, "visible": True}


def test_clicking_a_flag_highlights_the_cells_it_concerns(reports: dict[str, Path], tab: Tab,
                                                          text_document: Document) -> None:
    tab.open(reports["text"])
    number = next(i for i, flag in enumerate(text_document.flags) if flag.code == FLAGGED)
    centre = tab.js(f"""(() => {{ const f = document.getElementById('flag-{number}'); f.scrollIntoView({{block: 'center'}});
      const r = f.querySelector('.message').getBoundingClientRect(); return [r.left + 5, (r.top + r.bottom) / 2]; }})()""")
    tab.click(*centre)
    active = tab.js("[...document.querySelectorAll('.box.active')].map(b => b.dataset.keys)")
    index, row = flagged_row(text_document)
    expected = {f"{index}:indicators[{row}].{column}" for column in ("target", "actual", "weight", "score")}
    assert {key for keys in active for key in keys.split()} >= expected


def test_a_link_to_a_cell_opens_the_report_on_it(reports: dict[str, Path], tab: Tab) -> None:
    tab.open(reports["text"], "#cell=2%3Afunds%5B0%5D.execution_rate")
    assert measure(tab, "2:funds[0].execution_rate")["active"]


def test_a_link_to_a_flag_code_opens_the_report_on_that_flag(reports: dict[str, Path], tab: Tab,
                                                             text_document: Document) -> None:
    tab.open(reports["text"], f"#flag={FLAGGED}")
    number = next(i for i, flag in enumerate(text_document.flags) if flag.code == FLAGGED)
    assert tab.js(f"document.getElementById('flag-{number}').classList.contains('active')")
    form, row = flagged_row(text_document)
    assert measure(tab, f"{form}:indicators[{row}].score")["active"]


# ---- colours by status ---------------------------------------------------------------------------


def test_ocr_boxes_are_coloured_by_confidence(reports: dict[str, Path], tab: Tab, scan_document: Document) -> None:
    tab.open(reports["scan"])
    low = {path: measure(tab, f"0:{path}") for path in LOW_CONFIDENCE}
    assert all("st-ocr-low" in box["status"] and box["border"] == "rgb(224, 130, 20)" for box in low.values())
    high = measure(tab, "0:project_name")
    assert "st-ocr " in high["status"] + " " and high["border"] == "rgb(26, 152, 80)"
    form, row = flagged_row(scan_document)
    flagged = measure(tab, f"{form}:indicators[{row}].score")  # flagged beats the OCR colours
    assert "st-flagged" in flagged["status"] and flagged["border"] == "rgb(214, 39, 40)"


def test_text_boxes_are_blue_and_flagged_ones_red(reports: dict[str, Path], tab: Tab, text_document: Document) -> None:
    tab.open(reports["text"])
    assert measure(tab, "0:project_name")["border"] == "rgb(31, 111, 209)"
    form, row = flagged_row(text_document)
    assert measure(tab, f"{form}:indicators[{row}].actual")["border"] == "rgb(214, 39, 40)"


# ---- text input and the batch index ---------------------------------------------------------------


def test_text_input_shows_records_with_line_numbers(reports: dict[str, Path], tab: Tab) -> None:
    tab.open(reports["seed"])
    assert tab.js("document.querySelectorAll('figure.page, .box').length") == 0
    assert tab.js("document.querySelector('.cell[data-keys=\"0:project_name\"] .where').textContent") == "L5"
    cell = record_cell(tab, "0:project_name")
    tab.click(*cell["centre"])
    assert record_cell(tab, "0:project_name")["active"]


def test_index_links_every_report_and_sorts(batch: Path, tab: Tab) -> None:
    tab.open(batch)
    links = tab.js("[...document.querySelectorAll('table.documents a')].map(a => a.getAttribute('href'))")
    assert len(links) == 4 and all((batch.parent / link).is_file() for link in links)
    assert "the PDF is encrypted and needs a password." in tab.js("document.querySelector('tr.failed').textContent")
    order = "[...document.querySelectorAll('table.documents tbody tr')].map(r => r.cells[0].textContent)"
    before = tab.js(order)
    header = tab.js("""(() => { const th = [...document.querySelectorAll('table.documents th')]
        .find(th => th.textContent === 'Forms'); const r = th.getBoundingClientRect();
        return [(r.left + r.right) / 2, (r.top + r.bottom) / 2]; })()""")
    tab.click(*header)
    forms = tab.js("[...document.querySelectorAll('table.documents tbody tr')].map(r => r.cells[4] && r.cells[4].dataset.value)")
    counts = [int(value) for value in forms if value is not None]
    assert counts == sorted(counts) and tab.js(order) != before
    assert tab.js("document.querySelectorAll('.summary .bar').length") >= 2


def test_a_document_page_of_the_batch_opens_without_errors(batch: Path, tab: Tab) -> None:
    tab.open(batch.parent / "001-rl.html")
    assert tab.js("document.querySelector('a.back').getAttribute('href')") == "index.html"
    assert tab.js("document.querySelectorAll('article.form').length") == 6
    assert tab.problems() == []
