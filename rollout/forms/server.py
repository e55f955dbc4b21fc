"""``rollout serve --collect``: the forms send their file straight to the facilitator's laptop.

For workshops. The preview server (:mod:`rollout.report.site.serve`) gets one more route,
``POST /collect``, which takes the same file the form would download and brings it in
through :func:`rollout.forms.collect.collect_bytes` (the door of ``rollout collect``).

Threat model (also in the README):

- the server listens on 127.0.0.1 unless ``--host`` is given;
- every session has a random token (``secrets.token_urlsafe``, 128 bits) that is printed
  in the URL; a submission is accepted only with it (the ``rollout_token`` cookie the
  server sets when the URL is opened, ``SameSite=Strict`` so that another web site
  cannot submit through someone's browser, or an ``X-Rollout-Token`` header); with
  ``--host`` every request, pages included, needs the token, so people on the same
  network who do not have the link see nothing;
- a request body is capped at :data:`MAX_BODY` bytes and must declare its length; a body
  cut off before that length is refused whole, and a client that stalls is dropped after
  :data:`rollout.report.site.serve.REQUEST_TIMEOUT` seconds;
- only answers and check-ins are accepted, validated as ``rollout collect`` does, written
  atomically under the workspace lock; a complete answer is never overwritten;
- plain HTTP: on a shared network the answers travel unencrypted, like the site itself.
"""

from __future__ import annotations

import hmac
import http.server
import json
import re
import secrets
import threading
import urllib.parse
from collections.abc import Callable
from http import HTTPStatus
from pathlib import Path
from typing import Any

MAX_BODY = 256 * 1024
COOKIE = "rollout_token"
_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def new_token() -> str:
    return secrets.token_urlsafe(16)


class CollectConfig:
    """What the collecting handler needs: the workspace, the token, whether pages need it too."""

    def __init__(
        self, root: Path, token: str, *, guard_pages: bool, echo: Callable[[str], None], collect: bool = True
    ) -> None:
        self.root = root
        self.collect = collect
        self.token = token
        self.guard_pages = guard_pages
        self.echo = echo
        self.lock = threading.Lock()  # one submission at a time: each sees the previous one's writes


def handler_class(base: type[http.server.SimpleHTTPRequestHandler], config: CollectConfig) -> type[Any]:
    """A request handler serving the site (``base``) plus ``/collect``, guarded by the token."""

    class CollectHandler(base):  # type: ignore[misc, valid-type]
        def _token_given(self) -> str:
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            if query.get("token"):
                return query["token"][0]
            header = self.headers.get("X-Rollout-Token")
            if header:
                return str(header)
            for part in (self.headers.get("Cookie") or "").split(";"):
                name, _sep, value = part.strip().partition("=")
                if name == COOKIE:
                    return value
            return ""

        def _authorized(self) -> bool:
            return hmac.compare_digest(self._token_given().encode(), config.token.encode())

        def _json(self, status: HTTPStatus, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def end_headers(self) -> None:
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            if query.get("token") and self._authorized():
                self.send_header("Set-Cookie", f"{COOKIE}={config.token}; Path=/; HttpOnly; SameSite=Strict")
            super().end_headers()

        def do_GET(self) -> None:
            path = urllib.parse.urlsplit(self.path).path
            if path == "/collect/status":
                authorized = self._authorized()
                status = HTTPStatus.OK if authorized else HTTPStatus.FORBIDDEN
                self._json(status, {"collect": authorized and config.collect})
                return
            if config.guard_pages and not self._authorized():
                self._json(HTTPStatus.FORBIDDEN, {"ok": False, "message": "open the link with its token"})
                return
            super().do_GET()

        def do_HEAD(self) -> None:
            if config.guard_pages and not self._authorized():
                self.send_error(HTTPStatus.FORBIDDEN)
                return
            super().do_HEAD()

        def do_POST(self) -> None:
            if not config.collect or urllib.parse.urlsplit(self.path).path != "/collect":
                self._json(HTTPStatus.NOT_FOUND, {"ok": False, "message": "only /collect takes submissions"})
                return
            if not self._authorized():
                self._json(HTTPStatus.FORBIDDEN, {"ok": False, "message": "wrong or missing token"})
                return
            length_text = self.headers.get("Content-Length")
            if length_text is None or not length_text.isdigit():
                self._json(HTTPStatus.LENGTH_REQUIRED, {"ok": False, "message": "say how long the file is"})
                return
            length = int(length_text)
            if length > MAX_BODY:
                self.close_connection = True
                self._json(
                    HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                    {"ok": False, "message": f"larger than {MAX_BODY // 1024} KB; a form's file is a few KB"},
                )
                return
            data = self.rfile.read(length)
            if len(data) < length:  # the sender went away mid-file: what came is not the file
                self.close_connection = True
                self._json(HTTPStatus.BAD_REQUEST, {"ok": False, "message": "the file arrived cut off; send it again"})
                return
            name = _safe_name(self.headers.get("X-Rollout-File"), self.headers.get("Content-Type", ""))
            outcome = submit(config, name, data)
            status = HTTPStatus.OK if outcome["ok"] else HTTPStatus.UNPROCESSABLE_ENTITY
            self._json(status, outcome)

    return CollectHandler


def _safe_name(given: str | None, content_type: str) -> str:
    """A display name for the submitted file: its base name, letters, digits and ``._-`` only."""
    name = _NAME.sub("-", Path(given or "").name)[:100].strip(".-")
    if not name:
        name = "submission.csv" if "csv" in content_type else "submission.yaml"
    return name


def submit(config: CollectConfig, name: str, data: bytes) -> dict[str, Any]:
    """Bring one submitted file in through the door of ``rollout collect``; a JSON-able answer."""
    from rollout.errors import RolloutError
    from rollout.forms.collect import Session, collect_bytes
    from rollout.workspace import load
    from rollout.workspace.fileio import workspace_lock

    with config.lock:
        try:
            with workspace_lock(config.root):
                outcome = collect_bytes(Session(load(config.root)), name, data)
        except RolloutError as exc:  # the workspace itself does not load: nothing is written
            config.echo(f"Refused {name}: {exc.message}")
            return {"ok": False, "message": f"the workspace has a problem ({exc.message}); tell the facilitator"}
    who = f" from {outcome.who}" if outcome.who else ""
    config.echo(f"Collected {name}{who}: {outcome.result}" + (f" ({outcome.detail})" if outcome.detail else ""))
    if outcome.ok:
        message = {
            "already collected": "these answers had already arrived; nothing changed.",
        }.get(outcome.result, f"thank you, your {outcome.kind} arrived ({outcome.result}).")
    else:
        message = outcome.detail
    return {"ok": outcome.ok, "kind": outcome.kind, "who": outcome.who, "result": outcome.result, "message": message}


def lan_address() -> str:
    """This machine's address on the local network (no packet is sent), or 127.0.0.1."""
    import socket

    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        address: str = probe.getsockname()[0]
    except OSError:
        address = "127.0.0.1"
    finally:
        probe.close()
    return address


def qr_text(url: str) -> str:
    """The URL as a QR code drawn with terminal characters (segno)."""
    import io

    import segno

    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True)
    return out.getvalue()
