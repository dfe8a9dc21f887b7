"""Chinese performance forms (绩效目标表 / 绩效自评表) -> clean, traceable records.

    read -> lines/cells (extract) -> forms (parsers, normalize) -> flags (scoring) -> tables (export)

Exit codes: 0 every file read; 1 some file could not be read (the others are still exported);
2 the command line is wrong.
"""

from __future__ import annotations

import gc

if __name__ == "__main__":  # the command: no collection while its imports build their objects (_short_lived_collector)
    gc.disable()

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from export.json_out import document_json
from extract import extract
from extract.errors import InputError, NoFormError
from models import Document, Extraction, Flag, Form
from parsers import extraction_to_forms
from scoring import documents_to_flags, forms_to_flags
from scoring.judge import judged_forms


def file_to_document(path: Path, debug_dir: Path | None = None,
                     on_page: Callable[[int, int], None] | None = None) -> Document:
    extraction = extract(path, on_page)
    if debug_dir is not None:
        _dump(debug_dir / f"{path.name}.lines.json", extraction.model_dump_json(indent=1))
    forms, parse_flags = extraction_to_forms(extraction)
    forms = judged_forms(forms)  # met / not met on every indicator: the verdict the scorer's flags use
    if not forms:
        bodiless = next((flag.found for flag in parse_flags if flag.code == "form_without_body"), None)
        why = f"{bodiless} prints no indicator, funds, budget or score" if bodiless \
            else "no 绩效目标表 or 绩效自评表 title"
        raise NoFormError(f"{path}: no known form found ({why}).")
    # by form, reading what the parser doubted before what the scorer found
    flags = sorted(_note_flags(extraction.notes) + _traditional_flags(extraction, forms) + parse_flags
                   + forms_to_flags(forms), key=_form_order)
    return Document(source=extraction.source, forms=forms, flags=flags, errors=extraction.errors)


def with_cross_flags(documents: list[Document]) -> list[Document]:
    """Add what only several filings together show (a project's budget across years)."""
    extra = documents_to_flags(documents) if len(documents) > 1 else [[] for _ in documents]
    return [doc.model_copy(update={"flags": sorted(doc.flags + more, key=_form_order)}) if more else doc
            for doc, more in zip(documents, extra)]


def _dump(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def _note_flags(notes: list[str]) -> list[Flag]:
    """How pages were read (by OCR, turned upright, a seal removed): said once for the document."""
    return [Flag(code="extraction_note", severity="info", message=note) for note in notes]


def _traditional_flags(extraction: Extraction, forms: list[Form]) -> list[Flag]:
    """A form read from traditional characters says so: its values are the simplified reading."""
    if not extraction.traditional:
        return []
    message = (f"printed in traditional characters; read converted to simplified ({extraction.traditional:,} "
               "characters, 績效 → 绩效): values are given in simplified characters")
    return [Flag(form_index=index, code="traditional_characters", severity="info", message=message)
            for index in range(len(forms))]


_EPILOG = """\
also:
  pipeline.py export --db FILE --format parquet|csv [--out DIR]
                        the batch store's tables as files (see pipeline.py export --help)

exit codes: 0 every file read; 1 some file could not be read; 2 the command line is wrong"""


def _form_order(flag: Flag) -> int:
    return -1 if flag.form_index is None else flag.form_index


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="pipeline.py", description=__doc__.splitlines()[0], epilog=_EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path,
                        help="PDFs, images (.png, .jpg), web pages, Excel and Word files (.html, .xlsx, .xls, .docx) "
                             "or text (.txt, .md); with --db also folders and globs")
    parser.add_argument("--format", choices=("json", "csv", "parquet", "xlsx"),
                        help="json: the Document on stdout (JSON Lines for several files); "
                             "csv/parquet: the tables into --out, a file each; xlsx: one workbook with a sheet "
                             "per table; default: a terminal view")
    parser.add_argument("--out", type=Path, default=Path("out"),
                        help="folder for csv/parquet/xlsx (default: out)")
    parser.add_argument("--schema", action="store_true", help="print the Document JSON Schema and exit")
    parser.add_argument("--debug-dir", type=Path, help="also write each file's extracted lines and cells there")
    parser.add_argument("--report", type=Path, metavar="FILE.html|DIR",
                        help="also write the HTML review report: page images with a box on every value read")
    from batch.cli import add_batch_arguments

    add_batch_arguments(parser)
    arguments = parser.parse_args(argv)
    if not arguments.schema and not arguments.files:
        parser.error("give at least one file, or --schema")
    return arguments


def main(argv: list[str] | None = None) -> int:
    _short_lived_collector()
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["export"]:
        return _export_store(argv[1:])
    arguments = _arguments(argv)
    if arguments.db is not None:  # a batch into the embedded store
        from batch.cli import run_batch

        return run_batch([str(path) for path in arguments.files], arguments)
    if arguments.schema:
        print(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2))
        return 0
    documents, failures = [], []
    for path in arguments.files:
        try:
            documents.append(file_to_document(path, arguments.debug_dir))
        except InputError as error:
            print(f"{error}{_folder_hint(path)}", file=sys.stderr)  # one sentence, unwrapped, for scripts
            failures.append((str(path), str(error)))
        except Exception as error:  # a bug met on one file must not cost the others: said, and the run goes on
            sentence = f"{path}: could not be read: internal error ({type(error).__name__}: {error}); please report it."
            print(sentence, file=sys.stderr)
            failures.append((str(path), sentence))
    documents = with_cross_flags(documents)
    _export(documents, arguments)
    if arguments.report:
        _write_report(documents, failures, arguments.report)
    return 0 if not failures else 1


def _short_lived_collector() -> None:
    """A run of the command is one short process: what its imports made (modules, pydantic's schemas)
    is kept out of every collection, and collections come less often (a page makes thousands of
    glyph, cell and line objects, few of them in cycles): about 5% of a run over a few text PDFs. Run
    as a command, the collector was off while the imports ran (their objects live as long as the run)."""
    gc.freeze()
    gc.set_threshold(10000, 50, 50)
    gc.enable()


def _folder_hint(path: Path) -> str:
    """A folder is read only by the batch: say how, on the line of the error it got."""
    return f" To read the files in a folder: python pipeline.py {path} --db filings.duckdb" if path.is_dir() else ""


def _export_store(argv: list[str]) -> int:
    """pipeline.py export --db FILE --format parquet|csv --out DIR: the store's tables as files."""
    from batch.cli import add_export_arguments, run_export

    parser = argparse.ArgumentParser(prog="pipeline.py export", description=_export_store.__doc__)
    add_export_arguments(parser)
    return run_export(parser.parse_args(argv))


def _write_report(documents: list[Document], failures: list[tuple[str, str]], target: Path) -> None:
    """--report FILE.html for one document, --report DIR for several: one page each plus an index."""
    from report import write_batch_reports, write_document_report

    if target.suffix.lower() in (".html", ".htm") and len(documents) == 1 and not failures:
        written = write_document_report(documents[0], target)
    else:
        written = write_batch_reports(documents, failures, target)
    print(f"wrote the review report {written}", file=sys.stderr)


def _export(documents: list[Document], arguments: argparse.Namespace) -> None:
    if arguments.format == "json":
        pretty = len(arguments.files) == 1
        for document in documents:
            sys.stdout.write(document_json(document, pretty=pretty) + "\n")
    elif arguments.format in ("csv", "parquet", "xlsx"):
        # pyarrow, pandas and openpyxl load only for the table exports
        from export.csv_out import write_csv
        from export.parquet_out import write_parquet
        from export.tables import document_tables
        from export.xlsx_out import write_xlsx

        write = {"csv": write_csv, "parquet": write_parquet, "xlsx": write_xlsx}[arguments.format]
        arguments.out.mkdir(parents=True, exist_ok=True)
        tables = document_tables(documents)
        written = write(tables, arguments.out)
        print(f"wrote {len(tables)} tables to {written[0] if len(written) == 1 else arguments.out}", file=sys.stderr)
    else:
        from export.view import render_document, view_console  # rich loads only for the terminal view

        console = view_console()  # wider when piped, so figures are never broken
        for document in documents:
            render_document(document, console)


if __name__ == "__main__":
    sys.exit(main())
