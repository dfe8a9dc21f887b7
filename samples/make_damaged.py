"""The family specs as web pages and document sites damage them: samples/damaged/*.txt + manifest.toml.

Realdev's texts show how a form's table survives being published as page text (../shared/realdev
README): cells separated by `|` with runs of empty cells, one cell per line, one row per line with
empty cells dropped, a whole form on one line, cells glued with no separator, a whole form on one
line with its cells glued, cells apart by runs of spaces with labels letter-spaced, a few labels misread
(as rows and glued). Each family spec of
samples/families/ is printed here in each of those ways, from its layout, so the parsers are held
to forms they were not written for, in every damage; the golden is the spec's own golden.

    python samples/make_damaged.py
"""

from __future__ import annotations

import sys
import zlib
from collections.abc import Callable
from pathlib import Path

from make_families import FAMILIES, Spec, grid_of, load_specs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from parsers.tokens import classify  # noqa: E402  the templates data says which cells are labels

OUT = ROOT / "samples" / "damaged"

Rows = list[list[str]]  # a block's printed rows: each a list of cells, "" for an empty one


def printed_rows(spec: Spec) -> list[Rows]:
    """Each layout block as the rows a browser shows: a merged cell once, in its first row; the
    columns it spans as empty cells after it (a web table's colspan)."""
    blocks: list[Rows] = []
    for index, block in enumerate(spec.data["layout"]):
        if "rows" not in block:
            if "text" in block:
                blocks.append([[block["text"]]])
            continue
        grid = grid_of(block, f"{spec.stem} block {index + 1}")
        blocks.append([[part for cell in row for part in [cell.text.replace("\n", ""), *[""] * (cell.span - 1)]]
                       for row in grid.rows])
    return blocks


def pipes(blocks: list[Rows]) -> str:
    """`|` after each cell, an empty cell a bare `|` (金寨: `10 | 102.59% | ||||`; 湘潭, 巴南)."""
    return "\n".join(" ".join(f"{cell} |" if cell else "|" for cell in row) for rows in blocks for row in rows)


def cell_per_line(blocks: list[Rows]) -> str:
    """One cell per line, empty cells as a no-break space, blank lines between (廊坊)."""
    return "\n\n".join(cell or "\u00a0" for rows in blocks for row in rows for cell in row)


def row_per_line(blocks: list[Rows]) -> str:
    """One row per line, cells separated by a space, empty cells dropped (南岳, 天长)."""
    return "\n".join(" ".join(cell for cell in row if cell) for rows in blocks for row in rows)


def one_line(blocks: list[Rows]) -> str:
    """The whole form on one line, cells separated by a space (池州)."""
    return " ".join(cell for rows in blocks for row in rows for cell in row if cell)


def glued(blocks: list[Rows]) -> str:
    """One row per line, its cells glued with no separator (青山)."""
    return "\n".join("".join(row) for rows in blocks for row in rows)


def flat(blocks: list[Rows]) -> str:
    """The whole form on one line, its cells glued with no separator (鄂州, 宁乡: a document site's text)."""
    return "".join(cell for rows in blocks for row in rows for cell in row)


def spaced(blocks: list[Rows]) -> str:
    """One row per line, its cells apart by runs of spaces of no fixed width (a document typed or converted
    to text with spaces for alignment), field labels of four characters or fewer letter-spaced (项 目 名 称)
    as Word aligns them; empty cells dropped."""
    return "\n".join(_spaced_row([cell for cell in row if cell]) for rows in blocks for row in rows)


def _spaced_row(cells: list[str]) -> str:
    """The row's cells, each label spread and each gap its own width (2 to 6 spaces, from the text)."""
    printed = [" ".join(cell) if len(cell) <= 4 and classify(cell)[0] in ("field", "extra") else cell for cell in cells]
    return "".join(cell + " " * (2 + zlib.crc32(cell.encode()) % 5) for cell in printed).rstrip()


# what an OCR prints for a character it misreads: any other character; these share no stroke pattern
# with the labels' own, so no reading can guess them back
_MISREAD = "口丁乃勺卜乂丫"
_LABEL_KINDS = ("field", "column", "fcolumn", "section", "heading", "source", "extra")


def misprint(cell: str) -> str:
    """A label of four Han characters or more with one inner character misread (实施单位 -> 实施第位);
    other cells as printed. The character and its replacement follow from the text: reruns agree."""
    if len(cell) < 4 or classify(cell)[0] not in _LABEL_KINDS:
        return cell
    inner = [index for index in range(1, len(cell) - 1) if "\u4e00" <= cell[index] <= "\u9fff"]
    if not inner:
        return cell
    seed = zlib.crc32(cell.encode())
    index = inner[seed % len(inner)]
    replacement = next(char for char in _MISREAD[seed % len(_MISREAD):] + _MISREAD if char not in cell)
    return cell[:index] + replacement + cell[index + 1 :]


def misprinted(blocks: list[Rows]) -> str:
    """One row per line as row_per_line prints it, every label misread in one character, as an OCR of
    a page preview prints them (银川)."""
    return row_per_line([[[misprint(cell) for cell in row] for row in rows] for rows in blocks])


def _some_misprinted(blocks: list[Rows]) -> list[Rows]:
    """One label in four misread (which ones follows from the text: reruns agree), as an OCR misreads a few."""
    return [[[misprint(cell) if zlib.crc32(cell.encode()) % 4 == 0 else cell for cell in row] for row in rows]
            for rows in blocks]


def some_misprinted(blocks: list[Rows]) -> str:
    """One row per line, one label in four misread: a reading that looks whole reads the misread label into
    the name before it (项目名称 X 主丫部门 Y)."""
    return row_per_line(_some_misprinted(blocks))


def some_misprinted_glued(blocks: list[Rows]) -> str:
    """Glued cells, one label in four misread (an OCR of a page preview, 银川)."""
    return glued(_some_misprinted(blocks))


DAMAGES: dict[str, Callable[[list[Rows]], str]] = {
    "pipes": pipes, "cell-per-line": cell_per_line, "row-per-line": row_per_line, "one-line": one_line,
    "glued": glued, "misprinted": misprinted, "flat": flat, "spaced": spaced,
    "some-misprinted": some_misprinted, "some-misprinted-glued": some_misprinted_glued,
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    entries = []
    for spec in load_specs():
        if spec.family == "no_form":
            continue
        blocks = printed_rows(spec)
        for damage, render in DAMAGES.items():
            name = f"{spec.stem}-{damage}.txt"
            (OUT / name).write_text(render(blocks) + "\n", encoding="utf-8")
            golden = spec.golden_path().relative_to(ROOT).as_posix()
            entries.append(f'[[text]]\nfile = "{name}"\ndamage = "{damage}"\ngolden = "{golden}"\n')
    head = "# Generated by samples/make_damaged.py from samples/families/*.toml: do not edit (rerun it).\n\n"
    (OUT / "manifest.toml").write_text(head + "\n".join(entries), encoding="utf-8")
    print(f"{len(entries)} texts in {OUT.relative_to(ROOT)} from the specs in {FAMILIES.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
