"""A tiny HTML builder that escapes by default: form text can hold < > & and quotes.

`tag` escapes every plain string child and every attribute value; only `Html` (already built markup)
passes through, so nothing from a document reaches the page unescaped.
"""

from __future__ import annotations

import html
from collections.abc import Iterable


class Html(str):
    """Markup that is already safe: joined as is, never escaped twice."""


def escape(value: object) -> Html:
    return value if isinstance(value, Html) else Html(html.escape(str(value), quote=True))


def join(children: Iterable[object]) -> Html:
    return Html("".join(_flatten(children)))


def _flatten(children: Iterable[object]) -> Iterable[str]:
    for child in children:
        if child is None or child is False:
            continue
        if isinstance(child, str | int | float):
            yield escape(child)
        else:
            yield from _flatten(child)  # type: ignore[arg-type]


def _attributes(attrs: dict[str, object]) -> str:
    parts = []
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        name = name.rstrip("_").replace("_", "-")  # class_ -> class, data_keys -> data-keys
        parts.append(f" {name}" if value is True else f' {name}="{escape(value)}"')
    return "".join(parts)


_VOID = {"meta", "img", "br", "input", "link"}


def tag(element: str, /, *children: object, **attrs: object) -> Html:
    opening = f"<{element}{_attributes(attrs)}>"
    if element in _VOID:
        return Html(opening)
    return Html(f"{opening}{join(children)}</{element}>")
