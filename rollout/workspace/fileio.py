"""Atomic writes and the workspace lock.

Every file the tool writes goes through :func:`atomic_write`: a temporary file in
the same folder, flushed and fsynced, then ``os.replace``d over the target, so a
crash leaves either the old file or the new one, never half of one. Writers that
read-modify-write hold :func:`workspace_lock` (an ``flock`` on a file under
``.rollout/``) so that two processes never lose each other's update.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from rollout.errors import LockTimeout, WriteError

STATE_DIR = ".rollout"
LOCK_NAME = "lock"


def atomic_write(path: Path, content: str | bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``content`` atomically (same-folder temp file, fsync, replace).

    ``durable=False`` skips the fsyncs: still atomic, but a power cut may lose the
    new version. Only for derived data (the cache), never for workspace files.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise WriteError(f"could not write {path}: {exc.strerror or exc}") from None
    if durable:
        _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


@contextlib.contextmanager
def workspace_lock(root: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold the workspace's exclusive write lock (re-entrant within one process)."""
    key = str(root.resolve())
    if _HELD.get(key):
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    state = root / STATE_DIR
    state.mkdir(parents=True, exist_ok=True)
    handle = open(state / LOCK_NAME, "a+b")  # noqa: SIM115 - held for the block
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() > deadline:
                    raise LockTimeout(
                        f"another rollout command is writing to {root} (waited {timeout:.0f} s)",
                        hint="wait for it to finish, then run the command again",
                    ) from None
                time.sleep(0.02)
        _HELD[key] = 1
        try:
            yield
        finally:
            _HELD.pop(key, None)
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    finally:
        handle.close()


_HELD: dict[str, int] = {}
