"""Helpers for flow tests: run the CLI in-process, and feed prompts through a pipe."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput

from rollout.cli import main

ENTER = "\r"
DOWN = "\x1b[B"
SPACE = " "
ESC_ENTER = "\x1b\r"
CTRL_C = "\x03"


def call(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``rollout ARGS`` in-process; returns (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as caught:
        main(args)
    out, err = capsys.readouterr()
    return int(caught.value.code or 0), out, err


@contextmanager
def piped(*keys: str) -> Iterator[PipeInput]:
    """Prompts read ``keys`` (sent up front, then end of input) and draw to a dummy output.

    Closing the pipe makes a prompt that runs out of keys raise :class:`~rollout.errors.Aborted`
    (Ctrl-D) instead of waiting for ever.
    """
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        inp.send_text("".join(keys))
        inp.close()
        yield inp
