"""One real terminal run of ``rollout checkin`` (a pseudo-terminal): what a team owner types on Monday.

Uses the standard library's ``pty`` so it runs wherever the tests run (POSIX).
"""

from __future__ import annotations

import os
import re
import select
import sys
import time
from pathlib import Path

import pytest

from rollout.workspace import load
from tests.conftest import copy_demo

pty = pytest.importorskip("pty")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]")


class Terminal:
    """A child process on a pseudo-terminal, with ``expect`` on its screen output."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child
            os.chdir(cwd)
            # No cursor-position requests: a real terminal answers them, this one would make each prompt wait.
            os.environ.update({"TERM": "xterm", "COLUMNS": "100", "LINES": "40", "PROMPT_TOOLKIT_NO_CPR": "1"})
            os.execv(sys.executable, [sys.executable, *args])
        self.seen = ""

    def expect(self, pattern: str, timeout: float = 30) -> str:
        end = time.monotonic() + timeout
        regex = re.compile(pattern)
        while True:
            match = regex.search(self.seen)
            if match:
                self.seen = self.seen[match.end() :]
                return match.group(0)
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(f"timed out waiting for {pattern!r}; screen ends with {self.seen[-500:]!r}")
            ready, _w, _x = select.select([self.fd], [], [], left)
            if ready:
                try:
                    data = os.read(self.fd, 65536).decode("utf-8", "replace")
                except OSError:
                    data = ""
                if not data:
                    raise AssertionError(f"the program ended before {pattern!r}; last output {self.seen[-500:]!r}")
                self.seen += ANSI.sub("", data)

    def send(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def wait(self) -> int:
        try:
            while os.read(self.fd, 65536):
                pass
        except OSError:
            pass
        _pid, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)


@pytest.mark.e2e
def test_checkin_in_a_real_terminal(demo_source: Path, tmp_path: Path) -> None:
    root = tmp_path / "ws"
    copy_demo(demo_source, root, ignore=())
    ws = load(root)
    krs = [kr.id for o in ws.objectives_in("2026-Q4", "talent-acquisition") for kr in o.key_results]
    term = Terminal(["-m", "rollout", "checkin", "talent-acquisition"], cwd=root)
    term.expect("Check-in · Talent Acquisition")
    for n in range(len(krs)):
        term.expect(rf"\[{n + 1}/{len(krs)}\]")
        term.expect("New value")
        term.send("33\r" if n == 0 else "\r")
        term.expect("Confidence")
        term.send("\x15at risk\r" if n == 0 else "\r")  # Ctrl-U clears last week's confidence
        term.expect("Note")
        term.send("Agency contract signed\r" if n == 0 else "\r")
    term.expect("Save")
    term.send("y")
    term.expect(r"Saved \d+ check-ins to checkins/2026-Q4/talent-acquisition.yaml")
    assert term.wait() == 0
    latest = load(root).latest_checkin(krs[0])
    assert latest is not None and (latest.value, latest.confidence, latest.note) == (
        33,
        "at_risk",
        "Agency contract signed",
    )
