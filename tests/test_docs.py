"""The README starts with the two commands, CI runs its test command, and docs/SCHEMA.md is in step
with --schema."""

from __future__ import annotations

import json
import subprocess
import sys

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
    for option in ("--format json", "--format csv", "--format parquet", "--format xlsx", "--out DIR", "--schema",
                   "--debug-dir DIR",
                   "--report FILE.html", "--report DIR"):
        assert option in readme


def _schema_names() -> tuple[set[str], set[str]]:
    """Every field of every model `--schema` prints, and every value of its fixed vocabularies."""
    schema = json.loads(subprocess.run([sys.executable, "pipeline.py", "--schema"], cwd=ROOT, capture_output=True,
                                       text=True, check=True).stdout)
    fields: set[str] = set()
    values: set[str] = set()
    for definition in [schema, *schema["$defs"].values()]:
        fields.update(definition.get("properties", {}))
        for prop in definition.get("properties", {}).values():
            for option in [prop, *prop.get("anyOf", [])]:
                values.update(str(value) for value in option.get("enum", []))
    return fields, values


def test_docs_schema_names_every_field_and_value_the_schema_prints() -> None:
    contract = (ROOT / "docs" / "SCHEMA.md").read_text(encoding="utf-8")
    fields, values = _schema_names()
    assert {"met", "paths", "line", "tasks", "coverage"} <= fields  # the walk finds the nested models
    assert sorted(field for field in fields if f"`{field}`" not in contract) == []
    assert sorted(value for value in values if f"`{value}`" not in contract) == []


def test_docs_schema_starts_as_the_shared_contract() -> None:
    contract = (ROOT / "docs" / "SCHEMA.md").read_text(encoding="utf-8")
    assert contract.startswith("# The data contract\n") and "## Additions in this project" in contract
