"""The link checker: every internal link resolves (page and anchor), nothing external.

Each rendered page is scanned once, while it is rendered, for the links it holds
and the ids it defines; the build keeps both in its manifest so that every build
checks every page, even pages it did not re-render. :func:`check_folder` does
the same over a built folder on disk (tests, CI).

What counts as a problem:

- a link to a page, asset or pack that is not in the build (broken link);
- a link to ``page#anchor`` where the page has no element with that id;
- a reference that would fetch from outside the build: any ``src``, stylesheet
  or script with a scheme or a ``//host`` form, ``file:`` anywhere;
- an external ``<a href>`` (http, https, mailto) is reported separately: only
  user Markdown can hold one, and the build never fetches it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

# Literal prefixes keep these fast on megabyte pages. Templates and markdown-it write attributes
# with double quotes and a space before them.
_HREF = re.compile(r' href="([^"]*)"')
_SRC = re.compile(r' src="([^"]*)"')
_DATA = re.compile(r'<object [^>]*?data="([^"]*)"')
_LINK_TAG_HREF = re.compile(r'<link [^>]*?href="([^"]*)"')
_ID = re.compile(r' id="([^"]*)"')
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")


@dataclass(frozen=True, slots=True)
class LinkProblem:
    page: str
    target: str
    kind: str  # broken | anchor | external-resource | external-link

    def __str__(self) -> str:
        what = {
            "broken": "broken link to",
            "anchor": "link to a missing anchor:",
            "external-resource": "reference outside the site:",
            "external-link": "external link:",
        }[self.kind]
        return f"{self.page}: {what} {self.target}"


@dataclass(frozen=True, slots=True)
class PageLinks:
    """A page's links and ids, packed: ``links`` is ``tag<TAB>url`` lines, ``ids`` space-separated."""

    links: str
    ids: str


def extract(html: str) -> PageLinks:
    """The links and the element ids of a page.

    Each link is tagged ``a`` (a hyperlink: may point outside, it is never fetched),
    ``link`` (a stylesheet or icon) or ``src`` (anything loaded: scripts, images, frames).
    """
    resources = set(_LINK_TAG_HREF.findall(html))
    lines = [f"{'link' if url in resources else 'a'}\t{url}" for url in _HREF.findall(html)]
    lines += [f"src\t{url}" for url in _SRC.findall(html)]
    if "<object " in html:
        lines += [f"src\t{url}" for url in _DATA.findall(html)]
    return PageLinks("\n".join(lines), " ".join(_ID.findall(html)))


def css_references(css: str) -> list[str]:
    return _CSS_URL.findall(css)


def pages_to_recheck(
    pages: Mapping[str, PageLinks],
    previous: Mapping[str, PageLinks],
    rendered: Iterable[str],
    removed: Iterable[str],
    had_problems: Iterable[str],
) -> set[str]:
    """Pages whose links may have changed verdict since the last build.

    The pages just rendered; pages that had problems (a new page may fix them); and pages
    that mention a page that was removed or whose ids changed. The last test is a plain
    substring search for the target's file name in each page's packed links: cheap, and it
    errs on the side of checking too much.
    """
    to_check = set(rendered) | set(had_problems)
    changed = set(removed)
    for path in to_check & set(pages):
        before = previous.get(path)
        if before is None or before.ids != pages[path].ids:
            changed.add(path)
    names = {posixpath.basename(path) for path in changed}
    if names:
        for path, found in pages.items():
            if path not in to_check and any(name in found.links for name in names):
                to_check.add(path)
    return to_check & set(pages)


def check(
    pages: Mapping[str, PageLinks], files: Iterable[str], *, only: Iterable[str] | None = None
) -> list[LinkProblem]:
    """Problems in ``pages`` (site path → links) given every file of the site (site paths).

    ``only`` limits the pages whose links are checked (all pages are still link targets).
    """
    existing = set(files) | set(pages)
    checked = pages if only is None else {p: pages[p] for p in only if p in pages}
    ids: dict[str, set[str]] = {}
    # The same link from pages of one folder resolves the same way: decide each once.
    verdicts: dict[tuple[str, str, str], str | None] = {}
    problems: list[LinkProblem] = []
    for page, found in checked.items():
        if not found.links:
            continue
        base = posixpath.dirname(page)
        for line in found.links.split("\n"):
            tag, _, url = line.partition("\t")
            key = (base, tag, url) if not url.startswith("#") else (page, tag, url)
            if key in verdicts:
                kind = verdicts[key]
            else:
                kind = verdicts[key] = _verdict(page, base, tag, url, pages, existing, ids)
            if kind is not None:
                problems.append(LinkProblem(page, url.strip() or "(empty link)", kind))
    return problems


def _verdict(
    page: str,
    base: str,
    tag: str,
    url: str,
    pages: Mapping[str, PageLinks],
    existing: set[str],
    ids: dict[str, set[str]],
) -> str | None:
    url = url.strip()
    if not url:
        return "broken"
    if url.startswith("//") or url.lower().startswith("file:"):
        return "external-resource"
    if _SCHEME.match(url):
        return "external-link" if tag == "a" else "external-resource"
    path, _, anchor = url.partition("#")
    path = path.split("?", 1)[0]
    target = posixpath.normpath(posixpath.join(base, path)) if path else page
    if target.startswith("../") or target == "..":
        return "broken"
    if target not in existing:
        index = posixpath.join(target, "index.html")
        if index not in existing:
            return "broken"
        target = index
    if anchor and target in pages:
        known = ids.get(target)
        if known is None:
            known = ids[target] = set(pages[target].ids.split())
        if anchor not in known:
            return "anchor"
    return None


def check_folder(folder: Path) -> list[LinkProblem]:
    """Check every HTML page and stylesheet of a built site on disk."""
    files = [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()]
    pages = {rel: extract((folder / rel).read_text(encoding="utf-8")) for rel in files if rel.endswith(".html")}
    problems = check(pages, files)
    for rel in files:
        if rel.endswith(".css"):
            base = posixpath.dirname(rel)
            for url in css_references((folder / rel).read_text(encoding="utf-8")):
                if url.startswith("data:"):
                    continue
                if _SCHEME.match(url) or url.startswith("//"):
                    problems.append(LinkProblem(rel, url, "external-resource"))
                elif posixpath.normpath(posixpath.join(base, url.split("#")[0])) not in set(files):
                    problems.append(LinkProblem(rel, url, "broken"))
    return problems
