"""The link checker, on synthetic pages and over the whole built demo."""

from __future__ import annotations

from pathlib import Path

from rollout.report.site.links import check, check_folder, extract


def pages(**html: str) -> dict[str, object]:
    return {path.replace("__", "/").replace("_html", ".html"): extract(text) for path, text in html.items()}


def test_checker_finds_broken_links_missing_anchors_and_external_references() -> None:
    found = check(
        {
            "index.html": extract(
                '<a href="units/a.html#x">ok</a><a href="units/a.html#nope">bad anchor</a>'
                '<a href="missing.html">broken</a><img src="http://cdn.example/x.png">'
                '<link rel="stylesheet" href="//fonts.example/css"><a href="https://example.org">ext</a>'
                '<script src="assets/site.js"></script><a href="../outside.html">up</a>'
            ),
            "units/a.html": extract('<h2 id="x">X</h2><a href="../index.html">home</a><a href="#x">self</a>'),
        },
        ["assets/site.js"],
    )
    kinds = sorted((p.kind, p.target) for p in found)
    assert kinds == [
        ("anchor", "units/a.html#nope"),
        ("broken", "../outside.html"),
        ("broken", "missing.html"),
        ("external-link", "https://example.org"),
        ("external-resource", "//fonts.example/css"),
        ("external-resource", "http://cdn.example/x.png"),
    ]


def test_built_demo_has_no_broken_link_and_no_external_url(demo_site: Path) -> None:
    problems = check_folder(demo_site)
    assert problems == [], [str(p) for p in problems[:20]]
    assert len(list(demo_site.rglob("*.html"))) > 30


def test_demo_build_checked_its_own_links(demo_site: Path) -> None:
    from rollout.report.site.output import Manifest

    manifest = Manifest.load(demo_site)
    assert "index.html" in manifest.pages and manifest.pages["index.html"].links
    assert "assets/style.css" in manifest.assets
