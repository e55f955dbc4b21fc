"""User Markdown: raw HTML off, only safe link schemes, no images, fast path equals the parser."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rollout.report.markdown import _parser, is_plain, is_safe_link, render_document, render_markdown


def test_raw_html_is_shown_as_text() -> None:
    html = render_markdown("Hello <script>alert(1)</script> and <b onclick=x>bold</b>")
    assert "<script>" not in html and "<b " not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_block_html_is_shown_as_text() -> None:
    html = render_markdown("<div>\n<iframe src='https://evil.example'></iframe>\n</div>")
    assert "<iframe" not in html and "<div>" not in html


def test_unsafe_link_schemes_are_dropped() -> None:
    for url in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:x", "data:text/html,hi", "file:///etc/passwd"):
        html = render_markdown(f"[click]({url})")
        assert "<a" not in html, url
        assert "click" in html
    assert "<a" not in render_markdown("<javascript:alert(1)>")


def test_protocol_relative_links_are_dropped() -> None:
    assert "<a" not in render_markdown("[x](//evil.example/path)")


def test_safe_links_are_kept_and_external_ones_marked() -> None:
    html = render_markdown("[site](https://example.org/a) [doc](../cycles/2026-Q4.html) [top](#kr1)")
    assert 'href="https://example.org/a" rel="nofollow noopener noreferrer"' in html
    assert 'href="../cycles/2026-Q4.html"' in html and 'href="#kr1"' in html


def test_images_become_their_alt_text() -> None:
    for src in ("http://127.0.0.1:8000/x.png", "/etc/hosts", "pic.png"):
        html = render_markdown(f"Look ![a chart]({src}) here")
        assert "<img" not in html and src not in html
        assert "a chart" in html
    # An unsafe scheme is not even an image: it stays visible text, never a reference.
    html = render_markdown("Look ![a chart](file:///tmp/a.png) here")
    assert "<img" not in html and "src=" not in html and "href=" not in html


def test_is_safe_link() -> None:
    assert is_safe_link("https://x.org") and is_safe_link("mailto:a@b.c") and is_safe_link("page.html#x")
    assert not is_safe_link(" java\tscript:alert(1)") and not is_safe_link("//x.org")


def test_document_rendering_nests_headings_and_anchors_codes() -> None:
    html = render_document(
        "# Title\n\n## Group\n\n### OKR101\n\nText [see](#okr101)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert "Title" not in html
    assert "<h3>Group</h3>" in html and '<h4 id="okr101">OKR101</h4>' in html
    assert "<table>" in html


plain_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80)


@given(plain_text)
def test_fast_path_matches_the_parser(text: str) -> None:
    text = text.strip()
    if text and is_plain(text):
        assert str(render_markdown(text)) == _parser().render(text)
