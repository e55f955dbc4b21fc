"""fe25 N8: a pack page held only the "Departments at a glance" footnote, the table's caption
(below it) having been pushed to the next page alone. pack.css keeps a caption with its table
(``caption { break-before: avoid }``): the last rows go with it.

The test finds a table length at which the caption falls on a page of its own without the rule
(the page size and fonts decide which), then checks that with the rule it does not.
"""

from __future__ import annotations

import io

from pypdf import PdfReader

from rollout.report.packs.html import stylesheet

CAPTION = "THE-CAPTION " + "A long explanation of what each column of the table counts. " * 12


def _pages(rows: int, css: str) -> tuple[int, int]:
    """(page of the caption, page of the last row) of a table of ``rows`` rows."""
    from weasyprint import CSS, HTML

    body = "".join(f"<tr><td>Row {i}</td><td>{i}</td></tr>" for i in range(rows))
    html = (
        "<html><body><section><table><thead><tr><th>A</th><th>B</th></tr></thead>"
        f"<tbody>{body}</tbody><caption>{CAPTION}</caption></table></section></body></html>"
    )
    texts = [
        p.extract_text()
        for p in PdfReader(io.BytesIO(HTML(string=html).write_pdf(stylesheets=[CSS(string=css)]))).pages
    ]
    caption = next(i for i, t in enumerate(texts) if "THE-CAPTION" in t)
    last = next(i for i, t in enumerate(texts) if f"Row {rows - 1}" in t)
    return caption, last


def test_a_caption_never_stands_alone_on_a_page() -> None:
    without = stylesheet() + "\ncaption { break-before: auto; }"
    alone = next((n for n in range(20, 120) if (lambda p: p[0] != p[1])(_pages(n, without))), None)
    assert alone is not None, "no table length puts the caption alone without the rule"
    caption, last = _pages(alone, stylesheet())
    assert caption == last, f"{alone} rows: the caption is on page {caption + 1}, the last row on {last + 1}"
