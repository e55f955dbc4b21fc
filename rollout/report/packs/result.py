"""What building one pack did: :class:`PackResult` (no heavy imports, the site and CLI read it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rollout.plural import plural
from rollout.report.packs.plan import PackSpec


@dataclass
class PackResult:
    """One pack after a build: where it is, whether it was rendered or already current, and how it went.

    ``rendered`` is False when the content hash matched the file already built (nothing was done).
    ``warnings`` holds what WeasyPrint logged and ``refused`` the URLs the fetcher turned down; both
    are empty for a healthy pack. For a pack that was not rendered they are the ones its file's
    render recorded in the manifest (replayed, so every build reports them). ``error`` is set
    when the render failed (the file is then absent or the previous one).
    """

    spec: PackSpec
    path: Path
    rendered: bool
    digest: str
    pages: int = 0
    size: int = 0
    seconds: float = 0.0
    bookmarks: int = 0
    warnings: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    error: str | None = None
    peak_rss_mb: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None

    def summary(self) -> str:
        """One line for the build output."""
        if self.error:
            return f"{self.spec.filename}: failed: {self.error}"
        problems = len(self.warnings) + len(self.refused)
        extra = f", {plural(problems, 'warning')}" if problems else ""
        if not self.rendered:
            return f"{self.spec.filename}: unchanged ({plural(self.pages, 'page')}{extra})"
        return f"{self.spec.filename}: {plural(self.pages, 'page')} in {self.seconds:.1f} s{extra}"
