"""Run the ``rollout`` program in the test's own process: exit code, stdout and stderr.

A fresh ``python -m rollout`` pays the interpreter's start and the CLI's imports on every call
(0.25–0.4 s of CPU on the 2-core test machine, measured per test with ``getrusage``); most tests
only need what the program prints and its exit code, which :func:`run_cli` gets through the
same entry point (:func:`rollout.cli.main`: its error handling and exit codes included) in a
few milliseconds. Keep real subprocesses for what only a fresh process shows: no TTY on stdin,
no traceback on stderr, which modules a command imports, a ``kill -9``.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Ran:
    """What ``rollout ARGS`` did: the fields of :class:`subprocess.CompletedProcess` the tests read."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str | Path, cwd: Path | None = None) -> Ran:
    """``rollout ARGS`` through :func:`rollout.cli.main` in this process, stdin not a terminal.

    Any exception other than the program's own ``SystemExit`` propagates (it would be a
    traceback for the user), so the test fails on it.
    """
    from rollout.cli import main

    out, err = io.StringIO(), io.StringIO()
    code: int
    with contextlib.ExitStack() as stack:
        if cwd is not None:
            stack.enter_context(contextlib.chdir(cwd))
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(err))
        stack.enter_context(_stdin_not_a_terminal())
        try:
            main([os.fspath(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return Ran(code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def _stdin_not_a_terminal() -> Iterator[None]:
    saved = sys.stdin
    sys.stdin = io.StringIO("")
    try:
        yield
    finally:
        sys.stdin = saved
