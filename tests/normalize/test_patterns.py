"""normalize.patterns: a pattern whose code comes from the file matches as re.compile's does."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from normalize import patterns
from parsers.tokens import _glue_pattern

SHAPES = [
    (r"(?P<label>总分|合计)[:：]?(?P<figures>[\d.,%分]+)", 0),
    (r"(?<=[\d%])(?:其中[:：])?(?:财政拨款|其他资金)(?=\d|$)", 0),
    (r"^\s*项目名称\s*[:：]", re.M),
    (r"(?i)abc(?P<x>d)?(?(x)e|f)", 0),
]
TEXTS = ["总分100分97.75分", "12其中：财政拨款900", "a\n项目名称：x", "ABCDE abcf", "", "项目名称其中:其他资金"]


@pytest.fixture()
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh store in its own folder (the run's store is set aside and put back after); the test's stores
    are not written again when the tests end."""
    monkeypatch.setenv("PERFFORMS_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(patterns, "_STORE", [])
    yield tmp_path
    for made in patterns._STORE:
        made.added = False


def _same(one: re.Pattern[str], other: re.Pattern[str], texts: list[str]) -> None:
    assert (one.pattern, one.flags, one.groups, one.groupindex) == (other.pattern, other.flags, other.groups,
                                                                     other.groupindex)
    for text in texts:
        assert [(m.span(), m.groups()) for m in one.finditer(text)] == \
            [(m.span(), m.groups()) for m in other.finditer(text)]


def test_compiled_patterns_match_as_re_compiles_them(store: Path) -> None:
    for pattern, flags in SHAPES:
        _same(patterns.compiled(pattern, flags), re.compile(pattern, flags), TEXTS)


def test_the_code_written_is_read_back_by_the_next_run(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for pattern, flags in SHAPES:
        patterns.compiled(pattern, flags)
    patterns._STORE[0].write()
    assert len(list(store.glob("patterns-*.marshal"))) == 1
    monkeypatch.setattr(patterns, "_STORE", [])
    monkeypatch.setattr(patterns, "_code", lambda *_: pytest.fail("compiled again"))
    for pattern, flags in SHAPES:
        _same(patterns.compiled(pattern, flags), re.compile(pattern, flags), TEXTS)


def test_the_glue_pattern_from_the_file_cuts_as_compiled(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _glue_pattern().pattern
    patterns.compiled(text)
    patterns._STORE[0].write()
    monkeypatch.setattr(patterns, "_STORE", [])
    runs = [line for path in sorted(Path("samples/realdev").glob("*.txt"))[:40]
            for line in path.read_text(encoding="utf-8").splitlines()]
    _same(patterns.compiled(text), re.compile(text), runs)


def test_an_unreadable_file_or_none_compiles_as_before(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    patterns._file().parent.mkdir(parents=True, exist_ok=True)
    patterns._file().write_bytes(b"not marshal data")
    _same(patterns.compiled(*SHAPES[0]), re.compile(*SHAPES[0]), TEXTS)
    monkeypatch.setenv("PERFFORMS_CACHE_DIR", "")
    monkeypatch.setattr(patterns, "_STORE", [])
    _same(patterns.compiled(*SHAPES[1]), re.compile(*SHAPES[1]), TEXTS)
    patterns._STORE[0].write()  # nowhere to write: nothing written, nothing raised
    with pytest.raises(re.error):
        patterns.compiled("(unclosed")


def test_the_file_keeps_only_the_last_run_beyond_its_size(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "_MOST_CODE", 50)
    patterns.compiled("a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q|r|s|t|u|v|w|x|y|z")
    patterns._STORE[0].write()
    monkeypatch.setattr(patterns, "_STORE", [])
    patterns.compiled(SHAPES[0][0])
    patterns._STORE[0].write()
    monkeypatch.setattr(patterns, "_STORE", [])
    assert set(patterns._store().known) == {(SHAPES[0][0], 0)}


def test_a_damaged_entry_is_compiled_again(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pattern, flags = SHAPES[0]
    patterns.compiled(pattern, flags)
    known = patterns._STORE[0].known
    flags_set, words, groups, index, names = known[(pattern, flags)]
    known[(pattern, flags)] = (flags_set, words[: len(words) // 2], groups, index, names)  # half its code
    _same(patterns.compiled(pattern, flags), re.compile(pattern, flags), TEXTS)
    known[(pattern, flags)] = ("not", "a", "code")
    _same(patterns.compiled(pattern, flags), re.compile(pattern, flags), TEXTS)
