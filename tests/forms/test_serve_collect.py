"""``rollout serve --collect``: token, size cap, loopback default, only answers and check-ins."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHECKIN = (
    "unit,cycle,kr,key_result,value,confidence,note,date,author\n"
    "hr,2026-Q4,hr-hire-frontline-kr1,Time to fill,21,8,From the workshop,2026-11-24,\n"
)


class Serving:
    """``serve_workspace`` in a thread: the URL it printed, its lines, and a way to stop it."""

    def __init__(self, root: Path, **options: Any) -> None:
        from rollout.report.site.serve import serve_workspace

        self.urls: list[str] = []
        self.lines: list[str] = []
        self._stop = threading.Event()
        kwargs = {"root": root, "port": 0, "interval": 0.3, "echo": self.lines.append, "stop": self._stop}
        self._thread = threading.Thread(
            target=serve_workspace, kwargs={**kwargs, **options, "ready": self.urls.append}, daemon=True
        )

    def __enter__(self) -> Serving:
        self._thread.start()
        self.wait_for(lambda: self.urls, "the server")
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def wait_for(self, predicate: Callable[[], object], what: str) -> None:
        for _ in range(400):
            if predicate():
                return
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what}: {self.lines}")

    @property
    def base(self) -> str:
        return self.urls[0].split("/forms/", 1)[0] + "/"

    @property
    def token(self) -> str:
        return self.urls[0].rsplit("token=", 1)[1]


def request(
    url: str, data: bytes | None = None, headers: dict[str, str] | None = None, method: str | None = None
) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@pytest.fixture
def serving(demo_copy: Path) -> Iterator[Serving]:
    with Serving(demo_copy, collect=True) as server:
        yield server


def _post(server: Serving, body: bytes, **headers: str) -> tuple[int, dict[str, Any]]:
    status, _headers, data = request(server.base + "collect", body, {"X-Rollout-File": "checkin-hr.csv", **headers})
    return status, json.loads(data)


def test_listens_on_loopback_by_default(serving: Serving) -> None:
    from rollout.forms.server import lan_address

    assert serving.urls[0].startswith("http://127.0.0.1:")
    assert f"token={serving.token}" in serving.urls[0] and len(serving.token) >= 20
    port = int(serving.base.rsplit(":", 1)[1].strip("/"))
    address = lan_address()
    if address != "127.0.0.1":  # not reachable from the network
        with pytest.raises(OSError), socket.create_connection((address, port), timeout=2):
            pass
    # pages are open to this computer; the status says whether this browser may send
    assert request(serving.base + "forms/index.html")[0] == 200
    status, _h, body = request(serving.base + "collect/status")
    assert status == 403 and json.loads(body) == {"collect": False}


def test_a_submission_needs_the_token(serving: Serving, demo_copy: Path) -> None:
    file = demo_copy / "checkins" / "2026-Q4" / "hr.yaml"
    before = file.read_bytes()
    assert _post(serving, CHECKIN.encode())[0] == 403
    assert _post(serving, CHECKIN.encode(), **{"X-Rollout-Token": "guess"})[0] == 403
    assert file.read_bytes() == before
    # opening the printed link sets the session cookie; the form then sends with it
    status, headers, _body = request(serving.urls[0])
    assert status == 200
    cookie = headers["Set-Cookie"].split(";", 1)[0]
    assert "HttpOnly" in headers["Set-Cookie"] and "SameSite=Strict" in headers["Set-Cookie"]
    assert request(serving.base + "collect/status", headers={"Cookie": cookie})[0] == 200
    status, answer = _post(serving, CHECKIN.encode(), Cookie=cookie)
    assert status == 200 and answer["ok"] and answer["result"] == "saved", answer
    assert b"From the workshop" in file.read_bytes()
    assert any("Collected checkin-hr.csv from hr: saved" in line for line in serving.lines)
    # the same file again is not written twice
    status, answer = _post(serving, CHECKIN.encode(), Cookie=cookie)
    assert status == 200 and answer["result"] == "already collected"


def test_request_size_is_capped(serving: Serving, demo_copy: Path) -> None:
    from rollout.forms.server import MAX_BODY

    file = demo_copy / "checkins" / "2026-Q4" / "hr.yaml"
    before = file.read_bytes()
    token = {"X-Rollout-Token": serving.token}
    big = CHECKIN.encode() + b"#" * (MAX_BODY + 1)
    status, answer = _post(serving, big, **token)
    assert status == 413 and "larger than" in answer["message"]
    # a body that does not say its length is refused before it is read
    with socket.create_connection(("127.0.0.1", int(serving.base.rsplit(":", 1)[1].strip("/"))), timeout=5) as raw:
        raw.sendall(
            f"POST /collect HTTP/1.1\r\nHost: x\r\nX-Rollout-Token: {serving.token}\r\n"
            "Transfer-Encoding: chunked\r\n\r\n".encode()
        )
        assert b" 411 " in raw.recv(200)
    assert file.read_bytes() == before


def test_only_answers_and_checkins_are_accepted(serving: Serving) -> None:
    token = {"X-Rollout-Token": serving.token}
    status, answer = _post(serving, b"objectives:\n  - id: x\n", **{**token, "X-Rollout-File": "okrs.yaml"})
    assert status == 422 and not answer["ok"] and "not a file from the forms" in answer["message"]
    status, _h, _b = request(serving.base + "forms/../../rollout.yaml", b"x", token)
    assert status == 404
    status, answer = _post(serving, b"kr,value\nhr-hire-frontline-kr1,abc\n", **token)
    assert status == 422 and "not a number" in answer["message"]
    assert request(serving.base + "collect", None, token, method="PUT")[0] in (404, 501)


def test_with_host_every_request_needs_the_token(demo_copy: Path) -> None:
    with Serving(demo_copy, collect=True, host="127.0.0.1") as server:
        assert request(server.base + "index.html")[0] == 403
        assert request(server.base + "index.html?token=" + server.token)[0] == 200
        assert request(server.base + "index.html", headers={"X-Rollout-Token": server.token})[0] == 200
        assert any("▀" in line or "█" in line or "▄" in line for line in server.lines)  # the QR code


def test_without_collect_nothing_is_accepted(demo_copy: Path) -> None:
    with Serving(demo_copy) as server:
        assert server.urls[0].startswith("http://127.0.0.1:") and "token" not in server.urls[0]
        status, _h, _b = request(server.urls[0] + "collect", CHECKIN.encode())
        assert status in (404, 501)
