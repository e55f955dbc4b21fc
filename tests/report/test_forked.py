"""Work in a forked process: its result comes back; any failure means None (the caller redoes it)."""

from __future__ import annotations

import os
import signal

import pytest

from rollout.report.forked import Forked, can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs POSIX fork")


def test_the_child_sees_the_parents_memory_and_sends_back_its_result() -> None:
    inherited = {"units": ["sales", "hr"]}  # never pickled: the child has its own copy of the heap
    worker = Forked(lambda: [*inherited["units"], os.getpid()])
    units_and_pid = worker.result()
    assert units_and_pid is not None
    assert units_and_pid[:2] == ["sales", "hr"] and units_and_pid[2] != os.getpid()


def test_an_exception_in_the_child_gives_none() -> None:
    def fail() -> int:
        raise RuntimeError("disk full")

    assert Forked(fail).result() is None


def test_a_child_that_dies_gives_none() -> None:
    def die() -> int:
        os.kill(os.getpid(), signal.SIGKILL)
        return 1

    assert Forked(die).result() is None


def test_a_large_result_comes_back_whole() -> None:
    rows = [(f"kr-{i}", i * 0.5, "note " * 5) for i in range(50_000)]
    assert Forked(lambda: rows).result() == rows


def test_a_result_that_cannot_be_sent_gives_none() -> None:
    assert Forked(lambda: lambda: 1).result() is None  # a lambda cannot be pickled


def test_a_child_whose_parent_stopped_listening_exits_quietly() -> None:
    import multiprocessing

    from rollout.report.forked import _run

    receive, send = multiprocessing.Pipe(duplex=False)
    receive.close()  # as after Ctrl-C in the parent
    _run(lambda: list(range(100_000)), send)  # no BrokenPipeError (no traceback on the terminal)


def test_ctrl_c_in_the_child_gives_none() -> None:
    def interrupted() -> int:
        raise KeyboardInterrupt

    assert Forked(interrupted).result() is None
