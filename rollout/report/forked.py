"""Work done in a forked process while the parent goes on (large builds use both cores).

The child is made with POSIX ``fork``: it inherits the parent's memory (the loaded
workspace, the view model), so nothing is sent to it; it sends back one picklable
result. When the child fails for any reason (an exception, a crash, no ``fork`` on this
platform), :meth:`Forked.result` returns ``None`` and the caller does the work itself,
so an error is reported once, the normal way, by the parent.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class Forked(Generic[T]):
    """``work()`` running in a forked child; :meth:`result` waits for its value."""

    def __init__(self, work: Callable[[], T]) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(work, send), daemon=True)
        self._process.start()
        send.close()  # the child holds the only sending end: a crash shows up as end of file

    def result(self) -> T | None:
        """The child's result, or ``None`` if it failed (then do the work in this process)."""
        try:
            value: T | None = self._receive.recv()
        except (EOFError, OSError):
            value = None
        finally:
            self._receive.close()
            self._process.join()
        return value

    def cancel(self) -> None:
        """Stop the child now (the parent failed: nothing it makes would be used)."""
        with contextlib.suppress(OSError, ValueError):
            self._process.kill()
            self._process.join()
            self._receive.close()


def _run(work: Callable[[], T], send: Connection) -> None:
    value: T | None
    try:
        value = work()
    except BaseException:  # the parent does the work again and reports the error (Ctrl-C included)
        value = None
    with contextlib.suppress(Exception):  # the parent stopped listening (Ctrl-C): nothing to tell
        try:
            send.send(value)
        except Exception:  # not picklable: the parent does the work again
            send.send(None)
    send.close()
