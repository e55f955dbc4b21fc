"""Narrow pack tables break lines between words, never inside them; a pasted long word still wraps.

Seen in the phase pack: ``overflow-wrap: anywhere`` on the whole body let WeasyPrint shrink narrow
columns to one letter ("STATU S", "runnin g"). ``pack.css`` now keeps ``anywhere`` for the cells that
hold people's text (first column, notes) only.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rollout.resources import data_dir
from rollout.workspace.limits import MAX_TITLE

HEADERS = ["Cycle", "Status", "Units", "Key results", "Mean score", "", "Strong", "Check-ins", "Alignment"]
CELLS = ["2026-Q4 (department pilot)", "running", "8", "50", "0.4", "", "6%", "92%", "84%"]


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", []):
        yield from _boxes(child)


def _render(body: str) -> Any:
    import weasyprint

    css = weasyprint.CSS(string=(data_dir("templates") / "packs" / "pack.css").read_text())
    return weasyprint.HTML(string=f"<html><body>{body}</body></html>").render(stylesheets=[css]).pages[0]._page_box


def test_a_nine_column_table_keeps_its_words_whole() -> None:
    # As the phase pack's table of cycles: numbers right-aligned, a score bar in the sixth column.
    right = {2, 3, 4, 6, 7, 8}
    bar = '<svg xmlns="http://www.w3.org/2000/svg" width="90" height="7"></svg>'
    head = "".join(f'<th class="{"r" if i in right else ""}">{h}</th>' for i, h in enumerate(HEADERS))
    row = "".join(
        '<td class="bar">' + bar + "</td>" if i == 5 else f'<td class="{"r num" if i in right else ""}">{c}</td>'
        for i, c in enumerate(CELLS)
    )
    page = _render(f"<table><thead><tr>{head}</tr></thead><tbody><tr>{row}</tr></tbody></table>")
    words = {w.lower() for text in HEADERS + CELLS for w in text.split()}  # headings are upper-cased by CSS
    words |= {"check-", "ins"}  # a line may break after a hyphen
    table = next(b for b in _boxes(page) if type(b).__name__ == "TableBox")
    pieces = [b.text.strip() for b in _boxes(table) if type(b).__name__ == "TextBox" and b.text.strip()]
    broken = [p for p in pieces if any(w.lower() not in words for w in p.split())]
    assert pieces and not broken, broken


def test_a_long_word_in_a_table_title_cell_stays_inside_the_page() -> None:
    word = "x" * MAX_TITLE  # the longest a title can be (2,000 letters in one cell take WeasyPrint 9 s)
    page = _render(f"<table><tr><td>{word}</td><td>Owner</td><td class='r num'>0.4</td></tr></table>")
    content = page.children[0].width
    widest = max(b.width for b in _boxes(page) if type(b).__name__ == "TextBox")
    assert widest <= content
