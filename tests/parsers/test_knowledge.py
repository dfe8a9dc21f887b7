"""A label's split search (its own characters, then the shared ending) finds what its whole pattern finds."""

from __future__ import annotations

import regex

from parsers.knowledge import labels

_AFTER = ["", "：", ":", " ", "\n", "（元）", "(万元)：", "（ % ）", "（单位：元）", "（盖章）:", "（盖章）", "（", "元", "x"]
_BEFORE = ["", " ", "\n", "☐", "x", "\u3000", "\x1c", "\x1f", "\x85", "(", "□ "]


def _texts(printed: str) -> list[str]:
    spread = [" ".join(printed), "\u2003\n".join(printed), "\x1c".join(printed), "\x1e".join(printed),
              "\u2028".join(printed)]
    return [before + word + after + tail
            for before in _BEFORE for word in (printed, *spread) for after in _AFTER
            for tail in ("", f" {printed}（元）", f"{printed}:")]


def test_label_finditer_is_the_whole_patterns_finditer():
    checked = 0
    for label in labels():
        whole = regex.compile(label.source, regex.M)
        for text in _texts(label.printed):
            expected = [(match.start(), match.end(), match.groupdict().get("suffix")) for match in whole.finditer(text)]
            assert list(label.finditer(text)) == expected, (label.printed, text)
            checked += len(expected)
    assert checked > 10 * len(labels())  # the texts do hold the labels

