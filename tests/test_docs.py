"""The README starts with the two commands, and CI runs its test command."""

from __future__ import annotations

from tests.conftest import ROOT


def readme_commands() -> list[str]:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "```bash"
    return lines[1:3]


def test_readme_starts_with_install_and_run_then_install_and_test() -> None:
    run, test = readme_commands()
    assert run.startswith("pip install") and "python pipeline.py samples/" in run
    assert test.startswith("pip install") and "pytest" in test


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1].replace("pip install", "pip install -q") in ci


def test_readme_documents_every_option() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for option in ("--format json", "--format csv", "--format parquet", "--out DIR", "--schema", "--debug-dir DIR",
                   "--report FILE.html", "--report DIR"):
        assert option in readme
