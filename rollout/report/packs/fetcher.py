"""The only way a pack render may read anything: a restricted WeasyPrint URL fetcher.

WeasyPrint asks its URL fetcher for every stylesheet, image, font and attachment a
document names. Ours serves ``file:`` URLs inside a few allowed folders (the
tool's pack templates, the site assets, the build folder) and refuses everything
else without opening a socket or a file:

- ``http``, ``https``, ``ftp`` and any other scheme: refused;
- ``file:`` outside the allowed folders (symbolic links resolved first): refused;
- ``data:``: refused unless the fetcher was built with ``allow_data=True``
  (charts are inline SVG, so packs never need it);
- anything asked for once the layout is done (``seal()``): refused. After layout
  WeasyPrint only fetches PDF attachments (``rel="attachment"`` links) and XMP
  files, and a pack embeds neither.

Every refusal is remembered in :attr:`RestrictedFetcher.refused` so that the
build can report it. This module imports WeasyPrint: only PDF code uses it.
"""

from __future__ import annotations

import base64
import mimetypes
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

_DATA_TYPES = ("image/svg+xml", "image/png", "image/jpeg")


class FetchRefused(ValueError):
    """A URL the pack renderer will not read. WeasyPrint catches it and skips the resource."""


class RestrictedFetcher(URLFetcher):  # type: ignore[misc]
    """Serve local files from allowed folders only; refuse the network and attachments."""

    def __init__(self, allowed: Iterable[Path], *, allow_data: bool = False) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=False)
        self.allowed: tuple[Path, ...] = tuple(Path(p).resolve() for p in allowed)
        self.allow_data = allow_data
        self.sealed = False
        self.served: list[str] = []
        self.refused: list[str] = []

    # --- WeasyPrint entry points ----------------------------------------------------

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        """Serve ``url`` if it is allowed, else raise :class:`FetchRefused` (nothing is opened)."""
        try:
            return self._serve(url)
        except FetchRefused:
            self.refused.append(url)
            raise

    def open(self, url: Any, data: Any = None, timeout: Any = None) -> URLFetcherResponse:
        full_url = url.full_url if hasattr(url, "full_url") else str(url)
        return self.fetch(full_url)

    def __call__(self, url: str) -> URLFetcherResponse:
        return self.fetch(url)

    # --- policy -----------------------------------------------------------------------

    def seal(self) -> None:
        """Refuse every later request: the layout is done, what remains would be attachments."""
        self.sealed = True

    def allows_path(self, path: Path) -> bool:
        """True when ``path`` (after resolving links) lies inside an allowed folder."""
        resolved = path.resolve()
        return any(resolved.is_relative_to(root) for root in self.allowed)

    def _serve(self, url: str) -> URLFetcherResponse:
        if self.sealed:
            raise FetchRefused(f"refused after layout (attachments are not embedded): {_short(url)}")
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            return self._data(url)
        if scheme != "file":
            raise FetchRefused(f"refused {scheme or 'relative'} URL: packs never fetch from the network: {_short(url)}")
        if parts.netloc not in ("", "localhost"):
            raise FetchRefused(f"refused file URL on another host: {_short(url)}")
        path = Path(url2pathname(unquote(parts.path)))
        if not path.is_absolute() or not self.allows_path(path):
            raise FetchRefused(f"refused file outside the allowed folders: {_short(url)}")
        try:
            body = path.resolve().read_bytes()
        except OSError as exc:
            raise FetchRefused(f"cannot read {path.name}: {exc.strerror}") from None
        self.served.append(url)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.resolve().as_uri(), body, {"Content-Type": mime})

    def _data(self, url: str) -> URLFetcherResponse:
        if not self.allow_data:
            raise FetchRefused("refused data: URL (charts are inline SVG; nothing is embedded from URLs)")
        header, _, payload = url[5:].partition(",")
        fields = header.split(";")
        mime = fields[0].lower() or "text/plain"
        if mime not in _DATA_TYPES:
            raise FetchRefused(f"refused data: URL of type {mime}")
        raw = base64.b64decode(payload) if "base64" in fields[1:] else unquote(payload).encode()
        self.served.append(url[:40])
        return URLFetcherResponse(url, raw, {"Content-Type": mime})


def _short(url: str, limit: int = 120) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"
