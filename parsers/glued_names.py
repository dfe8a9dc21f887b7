"""A row of name labels over one cell holding their names glued (项目名称 | 主管部门 | 实施单位 over
`茶产业发展专项资金汉中市南郑区农业农村局汉中市南郑区茶叶技术推广站`), cut only where the evidence
agrees: each organisation's name ends as organisations' names end, and the organisations' names open
alike (the same city or district) - the one cut whose shared opening is longest, and no other as long.
"""

from __future__ import annotations

from itertools import combinations
from os.path import commonprefix

from parsers.knowledge import knowledge

ORGANIZATION_FIELDS = ("unit", "department")
_MIN_NAME = 4  # characters of the shortest name a cut may leave
_MIN_SHARED = 2  # characters the organisations' names share at least (a 县, a 市 alone is no evidence)
_MAX_LABELS = 4


def cut_glued_names(text: str, keys: list[str]) -> list[str] | None:
    """The names of these fields, in order, cut out of one glued text; None where no single cut fits."""
    organizations = [key in ORGANIZATION_FIELDS for key in keys]
    if not 2 <= len(keys) <= _MAX_LABELS or organizations.count(False) > 1 or organizations.count(True) < 2:
        return None
    endings = tuple(knowledge()["values"]["organization_endings"])
    fits: list[tuple[int, list[str]]] = []
    for cuts in combinations(range(_MIN_NAME, len(text) - _MIN_NAME + 1), len(keys) - 1):
        names = [text[start:end] for start, end in zip((0, *cuts), (*cuts, len(text)))]
        if any(len(name) < _MIN_NAME for name in names) \
                or not all(name.endswith(endings) for name, is_organization in zip(names, organizations)
                           if is_organization):
            continue
        shared = len(commonprefix([name for name, is_organization in zip(names, organizations) if is_organization]))
        if shared >= _MIN_SHARED:
            fits.append((shared, names))
    longest = max((shared for shared, _ in fits), default=0)
    best = [names for shared, names in fits if shared == longest]
    return best[0] if len(best) == 1 else None
