"""The command line: exact error sentences, exit codes, pure JSON on stdout, exports that open."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from pipeline import main
from tests.conftest import ROOT

SEED_001 = "samples/seeds/001_63a06e9dedb396c3.txt"
SEED_003 = "samples/seeds/003_0f4b9d799222cfe6.txt"
BAD = Path("samples/bad")


def bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("\n\n   \n", encoding="utf-8")
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 4)
    prose = tmp_path / "prose.txt"
    prose.write_text("本文介绍绩效目标表的填报方法。\n项目名称应写全称。\n", encoding="utf-8")
    return {
        "missing": (tmp_path / "nope.txt", f"{tmp_path / 'nope.txt'}: no such file."),
        "directory": (tmp_path, f"{tmp_path}: is a directory, not a file. To read the files in a folder: "
                                f"python pipeline.py {tmp_path} --db filings.duckdb"),
        "empty": (empty, f"{empty}: the file is empty."),
        "blank": (blank, f"{blank}: the file is empty."),
        "junk": (junk, f"{junk}: not a text file (it holds binary data)."),
        "no form": (prose, f"{prose}: no known form found (no 绩效目标表 or 绩效自评表 title)."),
        "truncated": (BAD / "truncated.pdf", f"{BAD / 'truncated.pdf'}: not a readable PDF (damaged or truncated)."),
        "encrypted": (BAD / "encrypted.pdf", f"{BAD / 'encrypted.pdf'}: the PDF is encrypted and needs a password."),
        "zero pages": (BAD / "zero_pages.pdf", f"{BAD / 'zero_pages.pdf'}: the PDF has no pages."),
        "png": (BAD / "png_renamed.pdf", f"{BAD / 'png_renamed.pdf'}: not a PDF (it is a PNG image)."),
    }


@pytest.mark.parametrize(
    "case", ["missing", "directory", "empty", "blank", "junk", "no form", "truncated", "encrypted", "zero pages", "png"]
)
def test_bad_input_gets_one_sentence_and_exit_1(case: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path, sentence = bad_inputs(tmp_path)[case]
    assert main([str(path), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.replace("\n", "") == sentence.replace("\n", "")


def test_a_bad_file_does_not_stop_the_others(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    missing = tmp_path / "nope.txt"
    assert main([SEED_003, str(missing), SEED_001, "--format", "json"]) == 1
    captured = capsys.readouterr()
    documents = [json.loads(line) for line in captured.out.splitlines()]
    assert [len(document["forms"]) for document in documents] == [1, 6]
    assert captured.err.strip() == f"{missing}: no such file."


def test_json_stdout_holds_the_document_and_nothing_else() -> None:
    done = subprocess.run([sys.executable, "pipeline.py", SEED_001, "--format", "json"], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    document = json.loads(done.stdout)
    assert document["schema_version"] == "1.1" and len(document["forms"]) == 6
    assert done.stderr == ""


def test_schema_is_printed() -> None:
    done = subprocess.run([sys.executable, "pipeline.py", "--schema"], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    schema = json.loads(done.stdout)
    assert schema["title"] == "Document" and "Form" in schema["$defs"]


def test_no_arguments_is_a_usage_error(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 2
    assert "give at least one file, or --schema" in capsys.readouterr().err


def test_parquet_reads_back_with_exact_decimals(tmp_path: Path) -> None:
    assert main([SEED_001, SEED_003, "--format", "parquet", "--out", str(tmp_path)]) == 0
    forms = pd.read_parquet(tmp_path / "forms.parquet")
    assert len(forms) == 7
    funds = pd.read_parquet(tmp_path / "funds.parquet")
    executed = funds[(funds.form_index == 2) & (funds.source == "年度资金总额")].executed.iloc[0]
    assert executed == Decimal("8212206.68") and isinstance(executed, Decimal)
    components = pd.read_parquet(tmp_path / "components.parquet")
    assert sum(components.amount) == Decimal("133340000")


def test_csv_has_a_bom_and_chinese_intact(tmp_path: Path) -> None:
    assert main([SEED_001, "--format", "csv", "--out", str(tmp_path)]) == 0
    raw = (tmp_path / "indicators.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    indicators = pd.read_csv(tmp_path / "indicators.csv", encoding="utf-8-sig", dtype=str)
    assert "综合服务率" in set(indicators.name)
    assert {"forms.csv", "indicators.csv", "funds.csv", "components.csv", "flags.csv"} <= {
        path.name for path in tmp_path.iterdir()
    }


def test_terminal_view_shows_forms_and_flags(capsys: pytest.CaptureFixture) -> None:
    assert main([SEED_001]) == 0
    out = capsys.readouterr().out
    assert "12345服务热线专项经费" in out and "execution_rate_mismatch" in out


def test_several_filings_are_checked_against_each_other(capsys: pytest.CaptureFixture) -> None:
    seeds = ["samples/seeds/000_7afd7b1555bf85c6.txt", "samples/seeds/002_f7fc035cebcc2849.txt",
             "samples/seeds/004_63f17e4ebc71a82a.txt"]
    assert main([*seeds, "--format", "json"]) == 0
    documents = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    codes = [{flag["code"] for flag in document["flags"]} for document in documents]
    assert "prior_budget_adjusted" in codes[0] and "self_eval_budget_differs" in codes[2]


def test_xlsx_is_one_workbook_with_a_sheet_per_table(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from openpyxl import load_workbook

    assert main([SEED_001, "--format", "xlsx", "--out", str(tmp_path)]) == 0
    assert capsys.readouterr().err.strip() == f"wrote 6 tables to {tmp_path / 'perfforms.xlsx'}"
    workbook = load_workbook(tmp_path / "perfforms.xlsx")
    assert workbook.sheetnames == ["forms", "indicators", "funds", "components", "tasks", "flags"]
    assert workbook["indicators"].max_row == 1 + 45


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(tmp_path: Path) -> None:
    assert main([SEED_001, "--format", "csv", "--out", str(tmp_path)]) == 0
    indicators = pd.read_csv(tmp_path / "indicators.csv", encoding="utf-8-sig", dtype=str)
    assert "'=390" in set(indicators.target_raw) and "'=" in set(indicators.target_op)
    assert ">=98%" in set(indicators.target_raw)  # > and < start no formula
    assert set(indicators.met.dropna()) == {"true", "false"}


def test_a_folder_without_db_gets_the_batch_hint(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main([str(tmp_path), "--format", "json"]) == 1
    assert capsys.readouterr().err.strip() == (
        f"{tmp_path}: is a directory, not a file. To read the files in a folder: "
        f"python pipeline.py {tmp_path} --db filings.duckdb")


def test_help_shows_export_and_the_exit_codes() -> None:
    done = subprocess.run([sys.executable, "pipeline.py", "--help"], cwd=ROOT, capture_output=True, text=True,
                          check=True)
    assert "pipeline.py export --db FILE --format parquet|csv" in done.stdout
    assert "{json,csv,parquet,xlsx}" in done.stdout and "exit codes: 0" in done.stdout


def test_an_internal_error_on_one_file_is_one_sentence_and_the_others_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    import pipeline

    broken = tmp_path / "broken.txt"
    broken.write_text((ROOT / SEED_001).read_text(encoding="utf-8"), encoding="utf-8")
    parse = pipeline.extraction_to_forms

    def failing_on_one_file(extraction):  # a parser bug met on one input only
        if extraction.source.path.endswith("broken.txt"):
            raise KeyError("a bug")
        return parse(extraction)

    monkeypatch.setattr(pipeline, "extraction_to_forms", failing_on_one_file)
    code = main([str(broken), SEED_001, "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.strip() == f"{broken}: could not be read: internal error (KeyError: 'a bug'); please report it."
    assert len(out.strip().splitlines()) == 1 and json.loads(out)["forms"]
