"""Hostile content: a pack render fetches nothing and embeds nothing from outside.

A local web server started here counts every request it gets: it must get none.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from rollout.report.packs import build_packs
from rollout.report.packs.render import render_pdf
from rollout.report.viewmodel import build_view
from rollout.workspace import load
from tests.builders import two_quarters

SECRET = "TOP-SECRET-PAYLOAD-7731"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


class Server:
    """A web server on 127.0.0.1 that counts requests and serves a picture for any path."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        image = png_bytes()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()
                self.wfile.write(image)

            do_POST = do_HEAD = do_GET

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.close()


@pytest.fixture
def secrets(tmp_path: Path) -> Path:
    """Files outside every allowed folder: a picture and a text the PDF must never hold."""
    folder = tmp_path / "private"
    folder.mkdir()
    (folder / "secret.png").write_bytes(png_bytes())
    (folder / "secret.txt").write_text(SECRET)
    (folder / "minutes.pdf").write_text(SECRET)
    return folder


def assert_nothing_embedded(pdf: Path) -> None:
    reader = pypdf.PdfReader(pdf)
    root = reader.trailer["/Root"]
    assert "/EmbeddedFiles" not in root.get("/Names", {}), "a file was attached"
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject", {})
        for xobject in xobjects.values():
            assert xobject.get_object().get("/Subtype") != "/Image", "a picture was embedded"
        for annot in page.get("/Annots", []) or []:
            action = annot.get_object().get("/A", {})
            uri = str(action.get("/URI", ""))
            # Web links stay clickable (following one is the reader's choice, not a fetch); nothing else.
            assert not uri or uri.startswith(("http://", "https://", "mailto:")), uri
            assert "secret" not in uri, uri
            assert annot.get_object().get("/Subtype") != "/FileAttachment"
    raw = pdf.read_bytes()
    assert SECRET.encode() not in raw
    text = "".join(page.extract_text() for page in reader.pages)
    assert SECRET not in text


def test_hostile_note_fetches_and_embeds_nothing(tmp_path: Path, server: Server, secrets: Path) -> None:
    note = (
        f"Dashboard ![live chart]({server.url}/chart.png) and ![private scan]({(secrets / 'secret.png').as_uri()}). "
        f'Raw <img src="{server.url}/raw.png"> and <a rel="attachment" href="{(secrets / "secret.txt").as_uri()}">file</a>. '
        f"Minutes: [board minutes]({(secrets / 'minutes.pdf').as_uri()}) and [relative minutes](minutes.pdf) "
        f"and [server minutes]({server.url}/minutes.pdf)."
    )
    # The latest check-in of a company key result: its note is quoted in the running cycle's pack.
    org = two_quarters().checkin("2026-Q4", "co", "co-careers-kr1", date(2026, 11, 23), 66, author="ceo", note=note)
    root = org.write(tmp_path / "ws")

    ws = load(root)
    result = build_packs(ws, build_view(ws), root / "build" / "packs", only="cycle-2026-Q4", jobs=1)[0]

    assert server.requests == []
    assert result.error is None
    assert result.warnings == []  # the pictures never reached the renderer: nothing to refuse, nothing logged
    assert result.refused == []
    assert_nothing_embedded(result.path)
    text = " ".join("".join(p.extract_text() for p in pypdf.PdfReader(result.path).pages).split())
    assert "Dashboard live chart and" in text  # a web picture becomes its alt text
    assert '<img src="' in text  # raw HTML is shown as text, never interpreted
    assert "board minutes" in text and "relative minutes and server minutes" in text
    uris = [
        str(a.get_object().get("/A", {}).get("/URI", ""))
        for page in pypdf.PdfReader(result.path).pages
        for a in page.get("/Annots", []) or []
    ]
    assert f"{server.url}/minutes.pdf" in uris  # a web link is a link: it was not fetched (no request above)
    assert not any("minutes.pdf" in u and not u.startswith("http") for u in uris)


def test_hostile_html_is_refused_by_the_fetcher(tmp_path: Path, server: Server, secrets: Path) -> None:
    """Even HTML that bypassed the Markdown renderer cannot reach the network or private files."""
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    (allowed / "inside.txt").write_text(SECRET)  # allowed for reading, but never as an attachment
    html = f"""<!doctype html><html lang="en"><head><title>x</title>
    <link rel="stylesheet" href="{server.url}/style.css">
    <link rel="attachment" href="{(secrets / "secret.txt").as_uri()}">
    <style>
      @import url("{server.url}/import.css");
      @font-face {{ font-family: Remote; src: url("{server.url}/font.woff"); }}
      body {{ font-family: Remote, "Liberation Sans"; background-image: url("{(secrets / "secret.png").as_uri()}"); }}
    </style></head><body>
    <p>Report</p>
    <img src="{server.url}/a.png" alt="remote">
    <img src="{(secrets / "secret.png").as_uri()}" alt="local">
    <img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==" alt="data">
    <a rel="attachment" href="{server.url}/report.pdf">remote attachment</a>
    <a rel="attachment" href="{(allowed / "inside.txt").as_uri()}">inside attachment</a>
    <object data="{server.url}/object.svg"></object>
    <svg width="10" height="10"><image href="{server.url}/in-svg.png" width="10" height="10"/></svg>
    </body></html>"""
    outcome = render_pdf(html, tmp_path / "out.pdf", base_url=allowed.as_uri() + "/", allowed=[allowed])
    assert server.requests == []
    assert outcome.refused, "the fetcher saw the hostile URLs and refused them"
    assert any(url.startswith(server.url) for url in outcome.refused)
    assert any(url.startswith("file:") and "secret" in url for url in outcome.refused)
    assert any("inside.txt" in url for url in outcome.refused)  # attachments refused even from allowed folders
    assert outcome.warnings  # WeasyPrint reported each skipped resource, captured rather than printed
    assert_nothing_embedded(tmp_path / "out.pdf")
