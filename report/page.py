"""The HTML shell every report page shares: the stylesheet and script inlined, so one file opens
offline from disk, with no server, CDN or network fetch."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from report.markup import Html, escape, join, tag

ASSETS = Path(__file__).with_name("assets")


@cache
def asset(name: str) -> str:
    text = (ASSETS / name).read_text(encoding="utf-8")
    if "</" in text:  # it is inlined: "</" could close its <style> or <script> element
        raise ValueError(f"{name} must not contain '</'")
    return text


def page_shell(title: str, body: list[Html], script: str, body_class: str) -> str:
    """A complete page: the common stylesheet, then `script`.js inlined at the end of the body."""
    head = join([
        tag("meta", charset="utf-8"),
        tag("meta", name="viewport", content="width=device-width, initial-scale=1"),
        tag("title", title),
        Html(f"<style>{asset('report.css')}</style>"),
    ])
    scripts = Html(f"<script>{asset(f'{script}.js')}</script>")
    return f"<!doctype html>\n<html lang=\"zh-CN\">{tag('head', head)}" \
           f"<body class=\"{escape(body_class)}\">{join(body)}{scripts}</body></html>\n"
