"""A 2,000-character unbroken word wraps in the PDF instead of running off the page (issue 13, item 13)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rollout.resources import data_dir


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", []):
        yield from _boxes(child)


def test_a_long_word_stays_inside_the_page() -> None:
    import weasyprint

    css = weasyprint.CSS(string=(data_dir("templates") / "packs" / "pack.css").read_text())
    for word in ("x" * 2000, "https://example.org/" + "a/" * 600):
        doc = weasyprint.HTML(string=f"<html><body><p>{word}</p></body></html>").render(stylesheets=[css])
        page = doc.pages[0]._page_box
        content = page.children[0].width
        widest = max(b.width for b in _boxes(page) if type(b).__name__ == "TextBox")
        assert widest <= content
