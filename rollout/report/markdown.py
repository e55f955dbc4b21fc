"""User Markdown to safe HTML (notes, descriptions, review notes).

Rendered with markdown-it-py, CommonMark preset, with raw HTML **off**: a
``<script>`` in a note is shown as text. Links keep only safe schemes
(relative links, ``#anchors``, ``http``, ``https``, ``mailto``); anything else
(``javascript:``, ``data:``, ``file:``, ``vbscript:``…) is shown as plain text.
Images are never loaded: an image becomes its alt text, so a note cannot make
a reader's browser (or the PDF renderer) fetch anything.

Most notes are one plain sentence; those skip the parser (same output, much
faster), which matters for sites with tens of thousands of notes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from markupsafe import Markup

SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Characters that may start Markdown syntax anywhere in a line, or an entity/HTML.
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]<>&~!]|  $")
# Line starts that open a block: headings, quotes, lists, code, thematic breaks, tables.
_BLOCK_START = re.compile(r"^(?:[#>+*=|-]|\d{1,9}[.)])")


def is_safe_link(url: str) -> bool:
    """True for relative links and anchors, and for the http, https and mailto schemes."""
    candidate = "".join(ch for ch in url.strip() if ch.isprintable() and not ch.isspace())
    match = _SCHEME.match(candidate)
    if match is None:
        # No scheme: relative path, anchor or query. Protocol-relative //host is external: refuse it.
        return not candidate.startswith("//") and not candidate.startswith("\\")
    return match.group(1).lower() in SAFE_SCHEMES


def _image_as_text(self: Any, tokens: Sequence[Any], idx: int, options: Any, env: Any) -> str:
    """Render an image as its alt text: notes never load pictures."""
    token = tokens[idx]
    alt = self.renderInlineAsText(token.children or [], options, env)
    return html.escape(alt, quote=True)


def _link_open(self: Any, tokens: Sequence[Any], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    if not href.startswith("#") and _SCHEME.match(href):
        token.attrSet("rel", "nofollow noopener noreferrer")
    return str(self.renderToken(tokens, idx, options, env))


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = is_safe_link  # type: ignore[method-assign]
    md.add_render_rule("image", _image_as_text)
    md.add_render_rule("link_open", _link_open)
    return md


def is_plain(text: str) -> bool:
    """True when ``text`` is one line that CommonMark renders as a plain paragraph."""
    return "\n" not in text and "\r" not in text and not _INLINE_SYNTAX.search(text) and not _BLOCK_START.match(text)


@lru_cache(maxsize=8192)
def render_markdown(text: str) -> Markup:
    """Safe HTML for a piece of user Markdown (empty text gives empty markup)."""
    text = text.strip()
    if not text:
        return Markup("")
    if is_plain(text):
        return Markup(f"<p>{text.replace(chr(34), '&quot;')}</p>\n")
    return Markup(_parser().render(text))


def render_inline(text: str) -> Markup:
    """Markdown for a short text shown inside a sentence: the outer paragraph is dropped."""
    rendered = str(render_markdown(text))
    if rendered.startswith("<p>") and rendered.endswith("</p>\n") and rendered.count("<p>") == 1:
        rendered = rendered[3:-5]
    return Markup(rendered)


_CODE_HEADING = re.compile(r"^[A-Z]{2,4}[0-9]{2,4}$")


@lru_cache(maxsize=1)
def _document_parser() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
    md.validateLink = is_safe_link  # type: ignore[method-assign]
    md.add_render_rule("image", _image_as_text)
    return md


@lru_cache(maxsize=8)
def render_document(text: str, *, shift: int = 1, drop_title: bool = True) -> Markup:
    """A longer Markdown document (the tool's own reference texts) placed inside a page.

    Tables are on, raw HTML stays off. Headings move down ``shift`` levels so they nest
    under the page's own; a leading ``# title`` is dropped; a heading that is a rule code
    (``OKR101``) gets the id ``okr101`` so the document's own ``#okr101`` links work.
    """
    md = _document_parser()
    tokens = md.parse(text)
    if drop_title and tokens and tokens[0].type == "heading_open" and tokens[0].tag == "h1":
        tokens = tokens[3:]
    for index, token in enumerate(tokens):
        if token.type in ("heading_open", "heading_close"):
            level = min(6, int(token.tag[1]) + shift)
            token.tag = f"h{level}"
            if token.type == "heading_open":
                inline = tokens[index + 1].content.strip().strip("`")
                if _CODE_HEADING.match(inline):
                    token.attrSet("id", inline.lower())
    return Markup(md.renderer.render(tokens, md.options, {}))
