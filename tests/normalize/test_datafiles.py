"""normalize.datafiles: the kept parse of a TOML file is tomllib's, and a changed file is parsed again."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from normalize.datafiles import load_toml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PERFFORMS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


@pytest.mark.parametrize("name", ["parsers/forms.toml", "normalize/vocab.toml"])
def test_the_kept_parse_is_the_parse(folder: Path, name: str) -> None:
    with (ROOT / name).open("rb") as stream:
        parsed = tomllib.load(stream)
    assert load_toml(ROOT / name) == parsed  # parsed, then kept
    assert load_toml(ROOT / name) == parsed  # read back
    assert list((folder / "cache").glob("*.toml.marshal"))


def test_a_changed_file_is_parsed_again(folder: Path) -> None:
    data = folder / "data.toml"
    data.write_text('[a]\nwords = ["一", "二"]\n', encoding="utf-8")
    assert load_toml(data) == {"a": {"words": ["一", "二"]}}
    data.write_text('[a]\nwords = ["三"]\n', encoding="utf-8")
    assert load_toml(data) == {"a": {"words": ["三"]}}
    assert len(list((folder / "cache").glob("data-*.toml.marshal"))) == 1  # replaced, not added


def test_no_folder_or_a_value_marshal_cannot_keep(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = folder / "dated.toml"
    data.write_text("day = 2024-01-31\n", encoding="utf-8")
    assert load_toml(data) == {"day": tomllib.loads("day = 2024-01-31")["day"]}
    assert load_toml(data) == {"day": tomllib.loads("day = 2024-01-31")["day"]}
    monkeypatch.setenv("PERFFORMS_CACHE_DIR", "")
    assert load_toml(data)["day"].year == 2024
