"""Staged, validated, all-or-nothing edits of the organization files.

Every organization command (``people``, ``units``, ``phases``, ``org import``)
works the same way: it opens a :class:`Staging` of the loaded workspace, edits
``people.yaml``, ``units.yaml`` and ``phases.yaml`` round-trip in memory (comments
and key order survive), and calls :meth:`Staging.commit`. Commit checks each file
against its model, then checks the whole workspace with the new files in place
(every reference of every OKR, check-in, review and assessment, and the history
rules of :mod:`rollout.org.references`), and only then writes: under the workspace
lock, every new file is first written to a temporary file next to its target, then
all are renamed into place. If a rename fails, the files already replaced are put
back from the texts read at the start, so the workspace is left as it was.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from rollout.errors import LoadError, Problem, WriteError
from rollout.workspace.editing import _load_rt, _yaml, dump, to_plain
from rollout.workspace.fileio import workspace_lock
from rollout.workspace.models import PeopleFile, PhasesFile, UnitsFile
from rollout.workspace.workspace import Workspace

FILES: dict[str, tuple[type[BaseModel], str, str]] = {
    "people.yaml": (PeopleFile, "people", "People of the organization (ids are used as owners, authors, respondents)."),
    "units.yaml": (UnitsFile, "units", "The company, its departments and teams."),
    "phases.yaml": (PhasesFile, "phases", "Rollout phases: which units adopt OKRs in which cycles."),
}


@dataclass
class Staging:
    """Round-trip documents of the organization files, edited in memory until :meth:`commit`."""

    ws: Workspace
    docs: dict[str, Any] = field(default_factory=dict)
    texts: dict[str, str | None] = field(default_factory=dict)
    yamls: dict[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.ws.root

    def records(self, relpath: str) -> Any:
        """The list of records of ``relpath`` (``people``, ``units`` or ``phases``), created if missing."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        if relpath not in self.docs:
            path = self.root / relpath
            if path.exists():
                text = path.read_text(encoding="utf-8-sig")
                doc, yaml = _load_once(text)
                self.texts[relpath] = text
            else:
                doc, yaml = None, _yaml()
                self.texts[relpath] = None
            if doc is None:
                doc = CommentedMap()
                doc.yaml_set_start_comment(FILES[relpath][2])
            self.docs[relpath], self.yamls[relpath] = doc, yaml
        doc = self.docs[relpath]
        key = FILES[relpath][1]
        if doc.get(key) is None:
            doc[key] = CommentedSeq()
        return doc[key]

    def find(self, relpath: str, record_id: str) -> Any:
        """The round-trip mapping with ``id: record_id`` in ``relpath`` (KeyError if there is none)."""
        for item in self.records(relpath):
            if str(item.get("id")) == record_id:
                return item
        raise KeyError(record_id)

    def new_texts(self) -> dict[str, str]:
        """File → new text, for the files whose text changes."""
        out: dict[str, str] = {}
        for relpath, doc in self.docs.items():
            text = dump(doc, self.yamls[relpath])
            if text != self.texts.get(relpath):
                out[relpath] = text
        return out

    def check(self) -> Workspace:
        """The workspace as it would be after the edits; raise :class:`LoadError` listing every problem."""
        problems: list[Problem] = []
        parsed: dict[str, BaseModel] = {}
        for relpath, doc in self.docs.items():
            model, _key, _header = FILES[relpath]
            try:
                parsed[relpath] = model.model_validate(to_plain(doc))
            except ValidationError as exc:
                from rollout.workspace.loader import field_name

                problems += [
                    Problem(relpath, 0, 0, field_name(tuple(e["loc"])), e["msg"].removeprefix("Value error, "))
                    for e in exc.errors()
                ]
        if problems:
            raise LoadError(problems, what="the change")
        return self._whole(parsed)

    def _whole(self, parsed: dict[str, BaseModel]) -> Workspace:
        from rollout.workspace.loader import _check_references, _Collector, _index

        ws = dataclasses.replace(self.ws, sources=dict(self.ws.sources))
        out = _Collector()
        for relpath, model in parsed.items():
            key = FILES[relpath][1]
            table: dict[str, Any] = {}
            records = getattr(model, key)
            for index, record in enumerate(records):
                record.place(relpath, (key, index))
            ws.sources.pop(relpath, None)  # line numbers of the old text would mislead
            _index(table, records, key.rstrip("s") if key != "people" else "person", out)
            setattr(ws, key, table)
        _check_references(ws, out)
        if out.problems:
            raise LoadError(out.problems, what="the workspace after this change")
        return ws

    def commit(self) -> list[str]:
        """Check, then write every changed file all-or-nothing; returns the files written."""
        self.check()
        texts = self.new_texts()
        with workspace_lock(self.root):
            self._guard_unchanged()
            write_all(self.root, texts, {rel: self.texts.get(rel) for rel in texts})
        return sorted(texts)

    def _guard_unchanged(self) -> None:
        for relpath, before in self.texts.items():
            path = self.root / relpath
            now = path.read_text(encoding="utf-8-sig") if path.exists() else None
            if now != before:
                raise WriteError(
                    f"{relpath} changed while this command ran; nothing was written",
                    hint="run the command again",
                )


_LIST_START = re.compile(r"^[A-Za-z_][\w-]*:[ \t]*(?:#.*)?\n(?P<dash>[ ]*)- (?P<key>[A-Za-z_][\w-]*:)", re.M)


def _load_once(text: str) -> tuple[Any, Any]:
    """Round-trip load keeping the file's indentation, parsing it once.

    ``editing._load_rt`` asks ruamel to guess the indentation, which parses the whole
    file a second time: measured 5.4 s per parse of a 2,000-person people.yaml on this
    (shared, loaded) machine, so `people add` took 25 s. Organization files are lists of
    mappings under one key, whose indentation the first item shows; other shapes fall
    back to the guess.
    """
    match = _LIST_START.search(text)
    if match is None:
        return _load_rt(text)
    offset = len(match.group("dash"))
    yaml = _yaml(2, offset + 2, offset)  # as editing._load_rt derives them: mapping = sequence - offset
    return yaml.load(text), yaml


def write_all(root: Path, texts: dict[str, str], previous: dict[str, str | None]) -> None:
    """Write several workspace files all-or-nothing (the caller holds the workspace lock).

    Every file is written to a fsynced temporary file beside its target first; only when
    all exist are they renamed into place. A failed rename puts back the files already
    replaced (from ``previous``: their old text, or None for a file that did not exist).
    """
    staged: list[tuple[Path, str]] = []
    try:
        for relpath, text in sorted(texts.items()):
            path = root / relpath
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(text.encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
            staged.append((path, tmp))
    except OSError as exc:
        for _path, tmp in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise WriteError(
            f"could not write {exc.filename or root}: {exc.strerror or exc}; nothing was changed"
        ) from None
    done: list[Path] = []
    try:
        for path, tmp in staged:
            os.replace(tmp, path)
            done.append(path)
    except OSError as exc:
        for path in done:
            old = previous.get(path.relative_to(root).as_posix())
            with contextlib.suppress(OSError):
                if old is None:
                    path.unlink()
                else:
                    path.write_text(old, encoding="utf-8")
        for _path, tmp in staged[len(done) :]:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise WriteError(
            f"could not write {exc.filename or root}: {exc.strerror or exc}; nothing was changed"
        ) from None
    with contextlib.suppress(OSError):
        for folder in {path.parent for path, _tmp in staged}:
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


@contextlib.contextmanager
def staged(ws: Workspace) -> Iterator[Staging]:
    """``with staged(ws) as s: …edit s.records(...)…`` then commit (nothing is written on an error)."""
    stage = Staging(ws)
    yield stage
    stage.commit()
