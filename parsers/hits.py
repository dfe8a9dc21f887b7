"""Find every printed label of a form in its stream, and the value that follows each one."""

from __future__ import annotations

from dataclasses import dataclass

from parsers.knowledge import labels
from parsers.stream import Hit, Stream


@dataclass(frozen=True)
class Labelled:
    """A label and the text printed after it, up to the next label."""

    hit: Hit
    start: int
    end: int
    text: str
    suffix: str | None  # the printed unit after the label: 元, 万元, %


def find_hits(stream: Stream, skip: list[tuple[int, int]]) -> list[tuple[Hit, str | None]]:
    """Non-overlapping label hits in reading order; where two overlap the longer wins."""
    found = []
    for label in labels():
        for match in label.pattern.finditer(stream.text):
            if any(low <= match.start() < high for low, high in skip):
                continue
            hit = Hit(label.kind, label.key, match.start(), match.end(), label.printed)
            found.append((hit, match.groupdict().get("suffix")))
    found.sort(key=lambda pair: (pair[0].start, -(pair[0].end - pair[0].start)))
    kept: list[tuple[Hit, str | None]] = []
    for hit, suffix in found:
        if kept and hit.start < kept[-1][0].end:
            continue
        kept.append((hit, suffix))
    return kept


def labelled_values(
    stream: Stream, hits: list[tuple[Hit, str | None]], stops: list[int]
) -> list[Labelled]:
    """Each label's value: the text up to the next label or stop offset (a table's start)."""
    boundaries = sorted({hit.start for hit, _ in hits} | set(stops) | {len(stream.text)})
    values = []
    for hit, suffix in hits:
        end = next(offset for offset in boundaries if offset >= hit.end)
        values.append(Labelled(hit, hit.end, end, stream.value(hit.end, end), suffix))
    return values
