"""HTML → PDF: metadata, outline, tagging, warnings captured, nothing fetched."""

from __future__ import annotations

from pathlib import Path

import pypdf

from rollout.report.packs.render import render_pdf

PAGE = """<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Quarterly pack</title>
<meta name="author" content="Mini Co"><meta name="description" content="Review of the quarter">
<meta name="keywords" content="OKR, review">
<style>
@page {{ size: A4; margin: 20mm; @bottom-right {{ content: "Page " counter(page) " of " counter(pages) }} }}
body {{ font-family: "Liberation Sans", "DejaVu Sans", sans-serif; }}
h1 {{ bookmark-level: 1; break-before: page }} h2 {{ bookmark-level: 2 }} {extra}
</style></head>
<body><p>Cover</p><h1>Summary</h1><h2>Scores</h2><p>Text</p><h1>Details</h1><p>More</p></body></html>
"""


def test_metadata_outline_and_tags(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    outcome = render_pdf(PAGE.format(extra=""), target, base_url=tmp_path.as_uri() + "/", allowed=[tmp_path])
    assert outcome.warnings == [] and outcome.refused == []
    assert outcome.pages == 3
    assert outcome.bookmarks == 3
    reader = pypdf.PdfReader(target)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Quarterly pack"
    assert meta.author == "Mini Co"
    assert meta.subject == "Review of the quarter"
    assert meta["/Keywords"] == "OKR, review"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in root  # tagged PDF (PDF/UA-1)
    assert root["/MarkInfo"]["/Marked"]
    assert [item["/Title"] for item in reader.outline if not isinstance(item, list)] == ["Summary", "Details"]
    assert reader.outline[1][0]["/Title"] == "Scores"
    assert "Page 2 of 3" in reader.pages[1].extract_text()


def test_warnings_are_captured_not_printed(tmp_path: Path, capsys: object) -> None:
    outcome = render_pdf(
        PAGE.format(extra="p {{ colour: red; }}".replace("{{", "{").replace("}}", "}")),
        tmp_path / "out.pdf",
        base_url=tmp_path.as_uri() + "/",
        allowed=[tmp_path],
    )
    assert any("colour" in w for w in outcome.warnings)


def test_write_is_atomic(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    render_pdf(PAGE.format(extra=""), target, base_url=tmp_path.as_uri() + "/", allowed=[tmp_path])
    assert target.read_bytes().startswith(b"%PDF-1.7")
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]
