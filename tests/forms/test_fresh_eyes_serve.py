"""Fresh-eyes faults of ``rollout serve --collect`` (issue 16): cut-off and stalled requests."""

from __future__ import annotations

import socket
import struct
import time
from pathlib import Path

import pytest

from tests.forms.test_serve_collect import Serving

TWO_ROWS = (
    "unit,cycle,kr,key_result,value,confidence,note,date,author\n"
    "hr,2026-Q4,hr-hire-frontline-kr1,Time to fill,21,8,,2026-11-24,\n"
    "hr,2026-Q4,hr-hire-frontline-kr2,,5,6,,2026-11-24,\n"
)


def _port(server: Serving) -> int:
    return int(server.base.rsplit(":", 1)[1].strip("/"))


def test_a_cut_off_or_stalled_submission_is_refused_quietly(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """A body shorter than its Content-Length (the laptop's Wi-Fi dropped mid-send) is not
    collected: its first row alone is a valid file, and saving it would keep half a check-in.
    A client that stalls is dropped after the request timeout instead of holding a thread
    forever, and neither prints a traceback on the facilitator's terminal."""
    from rollout.report.site.serve import _QuietHandler

    assert _QuietHandler.timeout is not None and 0 < _QuietHandler.timeout <= 60
    monkeypatch.setattr(_QuietHandler, "timeout", 0.5)
    file = demo_copy / "checkins" / "2026-Q4" / "hr.yaml"
    before = file.read_bytes()
    body = TWO_ROWS.encode()
    cut = body[: body.index(b"\nhr,2026-Q4,hr-hire-frontline-kr2") + 1]
    with Serving(demo_copy, collect=True) as server:
        head = (
            f"POST /collect HTTP/1.1\r\nHost: x\r\nX-Rollout-Token: {server.token}\r\n"
            f"X-Rollout-File: checkin-hr.csv\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode()
        with socket.create_connection(("127.0.0.1", _port(server)), timeout=5) as raw:
            raw.sendall(head + cut)
            raw.shutdown(socket.SHUT_WR)  # the sender is gone: the rest never comes
            answer = raw.recv(500)
        assert b" 400 " in answer, answer
        with socket.create_connection(("127.0.0.1", _port(server)), timeout=5) as raw:
            raw.sendall(head + cut)  # ... and stays connected, sending nothing more
            raw.settimeout(5)
            stalled = raw.recv(500)  # the server gives up (b"" or an answer), well before 5 s
        assert b" 200 " not in stalled
        assert not any(line.startswith("Collected") for line in server.lines), server.lines
        # a sender that hangs up before the answer (closed the laptop): the answer finds no one
        raw = socket.create_connection(("127.0.0.1", _port(server)), timeout=5)
        raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        raw.sendall(head.replace(str(len(body)).encode(), b"7") + b"nothing")
        raw.close()  # reset: the server's answer meets a closed connection
        server.wait_for(lambda: any(line.startswith("Collected") for line in server.lines), "the refusal")
        time.sleep(0.3)
    assert file.read_bytes() == before
    assert "Traceback" not in capfd.readouterr().err
