"""All-or-nothing changes to several workspace files.

A :class:`Transaction` stages edits in memory (round-trip, like
:func:`rollout.workspace.editing.edit`), checks every staged file against its model,
and only then writes: each new version goes to a fsynced temporary file beside its
target, a journal listing them (``.rollout/transaction.json``) is written atomically
(the commit point), the temporary files replace their targets, and the journal is
removed. A crash before the journal leaves every file old (the temporary files are
the tool's own ``.<name>.*.tmp`` and are removed by the next transaction); a crash
after it is rolled forward by :func:`recover`, which every transaction runs first
under the lock, so a reader never needs more than ``recover`` to see all files new.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from rollout.errors import WriteError
from rollout.workspace import editing
from rollout.workspace.fileio import STATE_DIR, _fsync_dir, atomic_write, check_writable, workspace_lock

JOURNAL = "transaction.json"


def recover(root: Path) -> int:
    """Finish a transaction that was interrupted after its commit point; returns the files moved in."""
    journal = root / STATE_DIR / JOURNAL
    if not journal.exists():
        return 0
    with workspace_lock(root):
        if not journal.exists():
            return 0
        try:
            pairs = json.loads(journal.read_text(encoding="utf-8"))["files"]
        except (OSError, ValueError, KeyError, TypeError):
            pairs = []
        moved, folders = 0, set()
        for tmp_rel, target_rel in pairs:
            tmp, target = root / tmp_rel, root / target_rel
            if not _inside(root, tmp_rel) or not _inside(root, target_rel):
                continue  # a journal naming a place outside the workspace was not written by a transaction
            if tmp.exists():
                try:
                    os.replace(tmp, target)
                except OSError as exc:
                    raise WriteError(
                        f"could not finish an interrupted change to {target_rel}: {exc.strerror}"
                    ) from None
                folders.add(target.parent)
                moved += 1
        for folder in sorted(folders):  # each folder once: its entries are durable before the journal goes
            _fsync_dir(folder)
        journal.unlink()
        return moved


def _inside(root: Path, rel: object) -> bool:
    """``rel`` is a relative path that stays in ``root`` (no ``..``, no link leading out)."""
    from rollout.workspace.layout import escapes

    if not isinstance(rel, str) or Path(rel).is_absolute() or ".." in Path(rel).parts:
        return False
    path = root / rel
    return not path.is_symlink() and not escapes(root, path.parent)


class Transaction:
    """Stage edits to several files, then :meth:`commit` them all or none.

    Use under :func:`rollout.workspace.fileio.workspace_lock` (``with Transaction(root) as tx:``
    takes it): ``with tx.edit("units.yaml", model=UnitsFile) as doc: ...`` per file.
    Raises :class:`~rollout.errors.WriteError` naming the file when a staged file would
    not be valid, at commit, before anything is written.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        # relpath → (text on disk, round-trip document, its YAML dumper, model): each file is
        # parsed once however often it is edited, and dumped and checked once, at commit.
        self.docs: dict[str, tuple[str, Any, Any, type[BaseModel] | None]] = {}
        self.texts: dict[str, tuple[str, str]] = {}  # relpath → (old, new) staged whole (see replace)
        self._lock: contextlib.ExitStack | None = None
        self._new_yaml: Any = None

    def __enter__(self) -> Transaction:
        self._lock = contextlib.ExitStack()
        self._lock.enter_context(workspace_lock(self.root))
        recover(self.root)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._lock is not None
        self._lock.close()

    @contextlib.contextmanager
    def edit(
        self, relpath: str, *, model: type[BaseModel] | None = None, header: str | None = None, quick: bool = False
    ) -> Iterator[Any]:
        """A round-trip document of ``relpath`` (the same one each time it is edited in this transaction).

        ``quick``: the file is one list of mappings under a key (see
        :func:`rollout.workspace.editing.load_round_trip`). Raises :class:`WriteError`,
        before reading anything, when ``relpath`` is a symbolic link or lies behind a
        folder link that leads out of the workspace (``check_writable``).
        """
        from ruamel.yaml.comments import CommentedMap

        if relpath not in self.docs:
            path = self.root / relpath
            check_writable(path, self.root)
            old = path.read_text(encoding="utf-8-sig") if path.exists() else ""
            if old:
                doc, yaml = editing.load_round_trip(old, quick=quick)  # the reader of single-file edits
                if doc is None:
                    doc = CommentedMap()
            else:
                if self._new_yaml is None:  # one dumper for every new file: building one costs more than a dump
                    self._new_yaml = editing.new_yaml()
                doc, yaml = CommentedMap(), self._new_yaml
                if header:
                    doc.yaml_set_start_comment(header)
            self.docs[relpath] = (old, doc, yaml, model)
        yield self.docs[relpath][1]

    def replace(self, relpath: str, old: str, new: str) -> None:
        """Stage ``new`` as the whole text of ``relpath``, which held ``old`` ("" for a new file)
        when the caller read it; checked against the disk at :meth:`commit` (raises
        :class:`WriteError` there if the file changed meanwhile). The caller has validated ``new``."""
        check_writable(self.root / relpath, self.root)
        self.texts[relpath] = (old, new)

    @property
    def staged(self) -> dict[str, tuple[str, str]]:
        """relpath → (old text, new text) of every edited file, each checked against its model.

        Raises :class:`~rollout.errors.WriteError` naming the first file that would not be valid.
        """
        out = dict(self.texts)
        for relpath, (old, doc, yaml, model) in self.docs.items():
            editing.check_model(model, doc, relpath)
            out[relpath] = (old, editing.dump(doc, yaml))
        return out

    def commit(self, verify: Callable[[], object] | None = None) -> list[str]:
        """Write every changed staged file, all or none; returns their paths.

        ``verify`` (e.g. loading the whole workspace) runs after the write, still under the
        lock; if it raises, the files are put back as they were (new files removed) and the
        exception propagates: a change that leaves the workspace unloadable is never kept.
        """
        staged = self.staged
        changed = {rel: new for rel, (old, new) in staged.items() if new != old}
        if not changed:
            return []
        for rel in self.texts:
            path = self.root / rel
            now = path.read_text(encoding="utf-8-sig") if path.exists() else ""
            if now != self.texts[rel][0]:
                raise WriteError(f"{rel} changed while this command ran; nothing was written", hint="run it again")
        for rel in changed:  # every target again, right before writing: nothing goes through a link out
            check_writable(self.root / rel, self.root)
        self._write(changed)
        if verify is not None:
            try:
                verify()
            except BaseException:
                self._restore({rel: staged[rel][0] for rel in changed})
                raise
        return list(changed)

    def _restore(self, old: dict[str, str]) -> None:
        back = {rel: text for rel, text in old.items() if text}
        if back:
            self._write(back)
        for rel, text in old.items():
            if not text:
                with contextlib.suppress(OSError):
                    os.unlink(self.root / rel)

    def _write(self, changed: dict[str, str]) -> None:
        if len(changed) == 1:
            [(rel, text)] = changed.items()
            atomic_write(self.root / rel, text, root=self.root)
            return
        pairs: list[tuple[str, str]] = []
        try:
            for rel, text in changed.items():
                target = self.root / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
                # relative to the workspace, whatever form root has (mkstemp returns an absolute path)
                pairs.append(((Path(rel).parent / Path(tmp).name).as_posix(), rel))
                with os.fdopen(fd, "wb") as handle:
                    handle.write(text.encode("utf-8"))
                    handle.flush()
                    os.fsync(handle.fileno())
                os.chmod(tmp, 0o644)
            atomic_write(self.root / STATE_DIR / JOURNAL, json.dumps({"files": pairs}))
        except BaseException as exc:
            for tmp_rel, _rel in pairs:
                with contextlib.suppress(OSError):
                    os.unlink(self.root / tmp_rel)
            if not isinstance(exc, OSError | WriteError):
                raise
            message = exc.message if isinstance(exc, WriteError) else (exc.strerror or str(exc))
            raise WriteError(f"could not write the changes (nothing was changed): {message}") from None
        recover(self.root)
