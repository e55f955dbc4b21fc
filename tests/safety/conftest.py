"""Running the CLI in-process for the safety tests: exit code and output, never an exception."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rollout.cli import main

Run = Callable[..., tuple[int, str]]


@pytest.fixture
def rollout(capsys: pytest.CaptureFixture[str]) -> Run:
    """``rollout(*args)`` → ``(exit code, stdout + stderr)``; any exception other than an exit fails the test."""

    def run(*args: str) -> tuple[int, str]:
        with pytest.raises(SystemExit) as caught:
            main(list(args))
        out, err = capsys.readouterr()
        return int(caught.value.code or 0), out + err

    return run
