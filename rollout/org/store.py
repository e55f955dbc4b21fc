"""Staged, validated, all-or-nothing edits of the organization files.

Every organization command (``people``, ``units``, ``phases``, ``org import``)
works the same way: it opens a :class:`Staging` of the loaded workspace, edits
``people.yaml``, ``units.yaml`` and ``phases.yaml`` round-trip in memory (comments
and key order survive), and calls :meth:`Staging.commit`. Commit checks each file
against its model, then checks the whole workspace with the new files in place
(every reference of every OKR, check-in, review and assessment, and the history
rules of :mod:`rollout.org.references`), and only then writes, through the one
all-or-nothing writer of the code base, :class:`rollout.workspace.transaction.Transaction`
(journal as commit point, links out of the workspace refused, a file changed since it
was read refused).
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from rollout.errors import LoadError, Problem, UsageError
from rollout.workspace import messages
from rollout.workspace.editing import dump, load_round_trip, new_yaml, to_plain
from rollout.workspace.models import PeopleFile, PhasesFile, UnitsFile
from rollout.workspace.transaction import Transaction
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
                doc, yaml = load_round_trip(text, quick=True)
                self.texts[relpath] = text
            else:
                doc, yaml = None, new_yaml()
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

    def add(self, relpath: str, record: dict[str, object]) -> None:
        """Append ``record`` to ``relpath``, leaving out empty values (None, "")."""
        from rollout.workspace.editing import to_yaml_value

        self.records(relpath).append(to_yaml_value({k: v for k, v in record.items() if v is not None and v != ""}))

    def remove(self, relpath: str, record_id: str, places: list[str], *, them: str, instead: str) -> None:
        """Delete record ``record_id`` of ``relpath`` unless history names it: ``places`` (where it is
        named, from :mod:`rollout.org.uses`) refuses it, with ``instead`` (the command to use) as hint."""
        from rollout.org.uses import listing

        if places:
            raise UsageError(
                f"{record_id} is named in {listing(places)}; deleting {them} would break that history", hint=instead
            )
        records = self.records(relpath)
        records.pop(next(i for i, item in enumerate(records) if str(item.get("id")) == record_id))

    def rename(self, relpath: str, record_id: str, old: str, name: str) -> str:
        """Stage ``name`` (cleaned: :func:`rollout.tabular.names.clean_name`) for record ``record_id`` of
        ``relpath``, whose name was ``old``; its id stays. Returns ``old``; raises :class:`UsageError`
        for an empty name."""
        from rollout.tabular.names import clean_name

        new = clean_name(name)
        if not new:
            raise UsageError("the new name is empty")
        self.find(relpath, record_id)["name"] = new
        return old

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
            data = to_plain(doc)
            try:
                parsed[relpath] = model.model_validate(data)
            except ValidationError as exc:
                problems += [
                    Problem(relpath, 0, 0, messages.field_name(path), message)
                    for path, message in messages.problems(exc, data).items()
                ]
        if problems:
            raise LoadError(problems, what="the change")
        return self._whole(parsed)

    def _whole(self, parsed: dict[str, BaseModel]) -> Workspace:
        from rollout.workspace.loader import _check_references, _Collector

        ws = dataclasses.replace(self.ws, sources=dict(self.ws.sources))
        out = _Collector()
        for relpath, model in parsed.items():
            key = FILES[relpath][1]
            table: dict[str, Any] = {}
            records = getattr(model, key)
            for index, record in enumerate(records):
                record.place(relpath, (key, index))
            ws.sources.pop(relpath, None)  # line numbers of the old text would mislead
            out.index(table, records, key.rstrip("s") if key != "people" else "person")
            setattr(ws, key, table)
        _check_references(ws, out)
        if out.problems:
            raise LoadError(out.problems, what="the workspace after this change")
        return ws

    def commit(self) -> list[str]:
        """Check, then write every changed file all-or-nothing in one :class:`Transaction`; returns the
        files written. Raises :class:`LoadError` (nothing written) or
        :class:`~rollout.errors.WriteError` (a file changed while the command ran, a link out of the
        workspace, a full disk: nothing written)."""
        self.check()
        texts = self.new_texts()
        with Transaction(self.root) as tx:
            for relpath, text in texts.items():
                tx.replace(relpath, self.texts.get(relpath) or "", text)
            tx.commit()
        return sorted(texts)


@contextlib.contextmanager
def staged(ws: Workspace) -> Iterator[Staging]:
    """``with staged(ws) as s: …edit s.records(...)…`` then commit (nothing is written on an error)."""
    stage = Staging(ws)
    yield stage
    stage.commit()
