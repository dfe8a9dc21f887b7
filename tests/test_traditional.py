"""Forms printed in traditional characters, with and without pinyin after each character, or with
radicals' code points for the characters they look like (samples/traditional/, made by
samples/make_traditional.py from simplified samples), read through the real pipeline to the same records
as their simplified sources; simplified texts stay as printed."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from bench.traditional import measured
from extract import extract
from extract.text import read_decoded
from extract.traditional import TRADITIONAL_SHARE, is_traditional, simplified_lines, simplified_text
from pipeline import file_to_document
from tests.conftest import ROOT, SEEDS

TRADITIONAL = ROOT / "samples" / "traditional"
MANIFEST = tomllib.loads((TRADITIONAL / "manifest.toml").read_text(encoding="utf-8"))["text"]
PRINTED_TRADITIONAL = [entry for entry in MANIFEST if entry["damage"].startswith("traditional")]
PRINTED_RADICALS = [entry for entry in MANIFEST if entry["damage"] == "radicals"]


def reading(path: Path) -> dict:
    """The document as JSON without its source, and without what says how the text was converted."""
    document = json.loads(file_to_document(path.relative_to(ROOT)).model_dump_json())
    document.pop("source")
    document["flags"] = [flag for flag in document["flags"] if flag["code"] != "traditional_characters"
                         and "pinyin annotations" not in flag["message"] and "by a stand-in" not in flag["message"]]
    return document


def boxes(document: dict) -> list[tuple[str, list[float]]]:
    """Take the PDF boxes out of a document's provenance: (form and path, box)."""
    taken = []
    for index, form in enumerate(document["forms"]):
        for path, where in form["provenance"].items():
            if where.get("bbox") is not None:
                taken.append((f"{index}:{path}", where.pop("bbox")))
    return taken


@pytest.mark.parametrize("entry", MANIFEST, ids=lambda entry: entry["file"])
def test_a_traditional_print_reads_the_records_of_its_simplified_source(entry: dict) -> None:
    printed, source = reading(TRADITIONAL / entry["file"]), reading(ROOT / entry["source"])
    assert printed["forms"], "no form found"
    # a PDF's boxes are its glyphs' ink, and 績 is not inked as 绩: the same cell within half a point
    for (path, box), (expected_path, expected) in zip(boxes(printed), boxes(source), strict=True):
        assert path == expected_path and max(abs(a - b) for a, b in zip(box, expected)) <= 0.5, path
    for form, expected in zip(printed["forms"], source["forms"], strict=True):
        for field in expected:  # field by field, provenance (lines, cells, elements, pages) included
            assert form[field] == expected[field], field
    assert printed == source


@pytest.mark.parametrize("entry", PRINTED_TRADITIONAL, ids=lambda entry: entry["file"])
def test_every_form_read_from_traditional_characters_says_so(entry: dict) -> None:
    document = file_to_document((TRADITIONAL / entry["file"]).relative_to(ROOT))
    said = [flag for flag in document.flags if flag.code == "traditional_characters"]
    assert [flag.form_index for flag in said] == list(range(len(document.forms)))
    assert all(flag.severity == "info" and "values are given in simplified characters" in flag.message
               for flag in said)
    converted = extract((TRADITIONAL / entry["file"]).relative_to(ROOT)).traditional
    assert converted > 100 and f"({converted:,} characters" in said[0].message
    pinyin = [flag for flag in document.flags if "pinyin annotations" in flag.message]
    assert bool(pinyin) == (entry["damage"] == "traditional-pinyin")


@pytest.mark.parametrize("entry", PRINTED_RADICALS, ids=lambda entry: entry["file"])
def test_a_document_read_from_radicals_says_how_many(entry: dict) -> None:
    path = (TRADITIONAL / entry["file"]).relative_to(ROOT)
    said = [note for note in extract(path).notes if "by a stand-in" in note]
    assert len(said) == 1 and int(said[0].split()[0]) > 30
    assert extract(path).traditional == 0


def test_stand_ins_are_read_one_for_one_as_the_characters_they_show() -> None:
    printed = "项\u2f6c名称 \u2f00级指标 \u2ed3期 执行\uf961 \uf0fe是 \uf0a8否 \u2ecb辆"
    text, conversion = simplified_text(printed)
    assert text == "项目名称 一级指标 长期 执行率 ☑是 ☐否 车辆" and len(text) == len(printed)
    assert conversion.stand_ins == 7 and conversion.converted == 0
    assert simplified_text("⻏阝")[0] == "⻏阝"  # a radical that is only part of characters stays


def test_the_traditional_files_hold_traditional_characters_and_pinyin() -> None:
    for entry in PRINTED_TRADITIONAL:
        if entry["file"].endswith((".txt", ".html")):
            text = (TRADITIONAL / entry["file"]).read_text(encoding="utf-8")
            assert is_traditional(text)
            assert ("績(jì)效(xiào)" in text) == (entry["damage"] == "traditional-pinyin")
            assert ("績效" in text) == (entry["damage"] == "traditional")


@pytest.mark.parametrize("path", SEEDS + sorted((ROOT / "samples" / "realdev").glob("*.txt")),
                         ids=lambda path: path.name)
def test_a_simplified_text_is_read_as_printed(path: Path) -> None:
    text = read_decoded(path).text
    assert simplified_text(text)[0] is text
    extraction = extract(path.relative_to(ROOT))
    assert extraction.traditional == 0
    assert simplified_lines(extraction.lines)[0] is extraction.lines
    assert not any(flag.code == "traditional_characters" for flag in file_to_document(path.relative_to(ROOT)).flags)


def test_a_simplified_pdf_and_office_files_are_read_as_printed() -> None:
    for name in ("samples/pdf/001-rl.pdf", "samples/realdev/selfeval_12_sichuan_qingshen_2023.docx",
                 "samples/realdev/selfeval_12_sichuan_qingshen_2023.xlsx",
                 "samples/realdev/selfeval_12_sichuan_qingshen_2023.html"):
        extraction = extract(Path(name))
        assert extraction.traditional == 0 and simplified_lines(extraction.lines)[0] is extraction.lines, name


def test_a_simplified_form_quoting_traditional_characters_is_not_converted(tmp_path: Path) -> None:
    seed = SEEDS[0].read_text(encoding="utf-8")
    quoting = seed.replace("项目名称", "项目名称（台湾称績效項目）", 1)
    assert quoting != seed and not is_traditional(quoting)
    path = tmp_path / "quoting.txt"
    path.write_text(quoting, encoding="utf-8")
    extraction = extract(path)
    assert extraction.traditional == 0
    assert any("績效項目" in line.text for line in extraction.lines)
    document = file_to_document(path)
    assert document.forms and not any(flag.code == "traditional_characters" for flag in document.flags)


def test_every_sample_is_converted_exactly_when_printed_in_traditional_characters() -> None:
    # bench/traditional.py: every input read without OCR (text, PDF, web page, Excel, Word)
    found = measured()
    simplified = [item for item in found if not item.printed_traditional]
    printed = [item for item in found if item.printed_traditional]
    assert len(simplified) > 500 and len(printed) >= 16
    assert not any(item.converted for item in simplified)
    assert all(item.converted for item in printed)
    assert max(item.share for item in simplified) < TRADITIONAL_SHARE < min(item.share for item in printed)


def test_conversion_is_one_character_for_one_by_the_dictionary_first() -> None:
    printed = "部門整體支出績效自評表 項目名稱 預算執行率 滿意度指標 於 乾 " * 5
    text, conversion = simplified_text(printed)
    assert text == "部门整体支出绩效自评表 项目名称 预算执行率 满意度指标 于 干 " * 5
    assert len(text) == len(printed) and conversion.converted == 60 and conversion.pinyin == 0


def test_pinyin_after_a_character_is_dropped_and_column_keys_are_kept() -> None:
    assert simplified_text("导(dǎo)读")[0] == "导读"
    assert simplified_text("區(qū)域(yù)绩效目标(biāo)")[0] == "區域绩效目标"
    assert simplified_text("律(lǜ)师")[0] == "律师"
    keys = "预算数(A) 执行数(B) 执行率(B/A) 全年预算数（A） 重量(t) 项目(a)"
    assert simplified_text(keys)[0] is keys
    # a neutral tone (no mark) goes only where the text is annotated throughout; a unit never
    annotated = "我(wǒ)们(men)的(de)目(mù)标(biāo)是(shì)吨(t)"
    assert simplified_text(annotated)[0] == "我们的目标是吨(t)"
    assert simplified_text("目标的(de)")[0] == "目标的(de)"


def test_a_big5_seed_in_opencc_traditional_reads_to_the_seed_but_for_two_words() -> None:
    # OpenCC's Taiwan conversion (s2tw) prints 着 as 著 (隨著, 本著) and 了解 as 瞭解: 著 and 瞭 are
    # simplified characters too (显著, 瞭望), the dictionary's first reading of each is itself, so they stay
    for path in sorted((ROOT / "samples" / "text_variants").glob("*.big5.txt")):
        seed = ROOT / "samples" / "seeds" / path.name.replace(".big5", "")
        read = json.dumps(reading(path)["forms"], ensure_ascii=False)
        expected = json.dumps(reading(seed)["forms"], ensure_ascii=False)
        assert read == expected.replace("着", "著").replace("了解", "瞭解"), path.name
        assert "随著" in read
