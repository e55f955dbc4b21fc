"""Atomic writes and the workspace lock.

Every file the tool writes goes through :func:`atomic_write`: a temporary file in
the same folder, flushed and fsynced, then ``os.replace``d over the target, so a
crash leaves either the old file or the new one, never half of one. Writers that
read-modify-write hold :func:`workspace_lock` (an ``flock`` on a file under
``.rollout/``) so that two processes never lose each other's update.

Nothing is written through a symbolic link: replacing a link would turn it into a
regular file (and a link's folder may lie outside the workspace). A temporary file a
killed write left behind (``.<name>.<random>.tmp``) is removed by the next write of
the same file.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import glob
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from rollout.errors import LockTimeout, WriteError

STATE_DIR = ".rollout"
LOCK_NAME = "lock"
BUILD_LOCK_NAME = "build.lock"  # builds of one workspace, one at a time (rollout.report.build)
STALE_AFTER = 600.0  # seconds: a temp file this old belongs to no running write


def check_writable(path: Path, root: Path | None = None) -> None:
    """Refuse to write ``path`` when it is a symbolic link, or (with ``root``) when its folder
    leads out of ``root``; raises :class:`WriteError`."""
    if path.is_symlink():
        raise WriteError(
            f"refusing to write {path}: it is a symbolic link (rollout does not write through links)",
            hint="replace the link with the file itself",
        )
    if root is not None:
        from rollout.workspace.layout import escapes

        folder = path.parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        if escapes(root, folder):
            raise WriteError(f"refusing to write {path}: its folder is a symbolic link that leads out of {root}")


def clean_stale(path: Path, *, all_of_them: bool = False) -> None:
    """Remove temporary files of earlier writes of ``path`` (our own pattern only) that a
    killed process left: all of them when the caller holds the workspace lock (no other
    writer can be running), else those older than :data:`STALE_AFTER`."""
    now = time.time()
    with contextlib.suppress(OSError):
        for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
            with contextlib.suppress(OSError):
                if tmp.is_file() and not tmp.is_symlink() and (all_of_them or now - tmp.stat().st_mtime > STALE_AFTER):
                    tmp.unlink()


def atomic_write(path: Path, content: str | bytes, *, durable: bool = True, root: Path | None = None) -> None:
    """Replace ``path`` with ``content`` atomically (same-folder temp file, fsync, replace).

    ``durable=False`` skips the fsyncs: still atomic, but a power cut may lose the
    new version. Only for derived data (the cache), never for workspace files.
    ``root`` (the workspace) makes a folder that leads out of it an error. Raises
    :class:`WriteError` (the previous version is intact).
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    check_writable(path, root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"could not write {path}: {exc.strerror or exc}") from None
    clean_stale(path, all_of_them=root is not None and bool(_HELD.get(str(root.resolve()))))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WriteError(f"could not write {path}: {exc.strerror or exc}") from None
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
def workspace_lock(
    root: Path, timeout: float = 30.0, *, name: str = LOCK_NAME, doing: str = "is writing to"
) -> Iterator[None]:
    """Hold the workspace's exclusive write lock (re-entrant within one process).

    ``name``: another lock of the same kind, e.g. :data:`BUILD_LOCK_NAME` (builds share one
    staging folder, ``.rollout/build-next``); ``doing`` words what the other command does in
    the :class:`LockTimeout` raised after ``timeout`` seconds.
    """
    key = str(root.resolve()) if name == LOCK_NAME else f"{root.resolve()}#{name}"
    if _HELD.get(key):
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    state = root / STATE_DIR
    if state.is_symlink():
        raise WriteError(f"refusing to use {state}: it is a symbolic link (rollout writes nothing through links)")
    try:
        state.mkdir(parents=True, exist_ok=True)
        handle = open(state / name, "a+b")  # noqa: SIM115 - held for the block
    except OSError as exc:
        raise WriteError(
            f"cannot write in {root}: {exc.strerror or exc}",
            hint="check that the folder is writable by you (and the disk not full)",
        ) from None
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
                        f"another rollout command {doing} {root} (waited {timeout:.0f} s)",
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
