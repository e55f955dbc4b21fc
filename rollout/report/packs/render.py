"""HTML → PDF with WeasyPrint: metadata, bookmarks, tagging, and nothing fetched from outside.

The pack HTML already carries what the PDF needs: ``<title>``, ``<meta name=author>``
(the organization), ``<meta name=description>`` (the subject), ``<meta
name=keywords>``, ``<html lang>``; headings carry ``bookmark-level`` in the pack
stylesheet so the PDF outline mirrors them. This module adds the restricted URL
fetcher, catches every message WeasyPrint logs, and writes the file atomically.

Only this module and :mod:`rollout.report.packs.fetcher` import WeasyPrint.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rollout.workspace.fileio import atomic_write

PDF_VARIANT = "pdf/ua-1"  # tagged PDF with a structure tree, title shown in the window bar


@dataclass
class RenderOutcome:
    """What one render produced: pages, log messages, refused URLs, time taken."""

    pages: int
    size: int
    seconds: float
    warnings: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    bookmarks: int = 0


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname.lower()}: {record.getMessage()}")


@contextmanager
def captured_warnings() -> Iterator[list[str]]:
    """Collect WeasyPrint's warnings and errors instead of printing them (the build reports them)."""
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    previous = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = previous


def render_pdf(
    html: str,
    target: Path,
    *,
    base_url: str,
    allowed: Sequence[Path],
    variant: str | None = PDF_VARIANT,
) -> RenderOutcome:
    """Render ``html`` to ``target`` (atomically); relative URLs resolve against ``base_url``."""
    from weasyprint import HTML

    from rollout.report.packs.fetcher import RestrictedFetcher

    started = time.perf_counter()
    fetcher = RestrictedFetcher(allowed)
    with captured_warnings() as messages:
        document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(pdf_variant=variant)
        fetcher.seal()  # layout done: anything asked for from now on would be an attachment
        data = document.write_pdf(pdf_variant=variant)
    bookmarks = _count(document.make_bookmark_tree())
    atomic_write(target, data)
    return RenderOutcome(
        pages=len(document.pages),
        size=len(data),
        seconds=time.perf_counter() - started,
        warnings=list(messages),
        refused=list(fetcher.refused),
        bookmarks=bookmarks,
    )


def _count(tree: list[tuple[str, object, list[Any], str]]) -> int:
    """Number of bookmarks in WeasyPrint's tree of ``(label, target, children, state)``."""
    return sum(1 + _count(children) for _label, _target, children, _state in tree)
