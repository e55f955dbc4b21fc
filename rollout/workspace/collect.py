"""Collecting problems while loading: each with ``file:line:col`` and the field.

:class:`Collector` gathers every problem of a load (nothing stops at the first) and
remembers the ids of records that were invalid, so that references to them are not
reported a second time (one root cause, one error).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from rollout.errors import Problem
from rollout.plural import noun, plural
from rollout.workspace import messages
from rollout.workspace.cache import Source
from rollout.workspace.messages import field_name
from rollout.workspace.models import KeyResultScore, MonthlyReview, ObjectiveDecision, ReviewFile

M = TypeVar("M", bound=BaseModel)


# The kinds of record each file (or top folder) holds, for references into a file that cannot be read.
_KINDS_IN = {
    "people.yaml": ("person",),
    "units.yaml": ("unit",),
    "priorities.yaml": ("priority",),
    "cycles.yaml": ("cycle",),
    "phases.yaml": ("phase",),
    "okrs": ("objective", "key result"),
}


class Collector:
    """Problems found so far, and the ids of invalid records by kind (``"person"``, ``"unit"``, …)."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.broken: dict[str, set[str]] = {}
        self.unreadable: set[str] = set()
        self.sources: dict[str, Source] = {}
        # kind → index (in problems) of the first problem that leaves an id of that kind in doubt:
        # a record whose id is invalid or missing, or a duplicate id. An id that is not defined
        # anywhere may then be the one meant there, so references to it are grouped under it.
        self.roots: dict[str, int] = {}
        self.deferred: dict[str, list[tuple[str, Problem]]] = {}
        # kind → the two records (place, name) of the duplicate id that put it in doubt, if any
        self.duplicates: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {}
        # (kind, undefined id) → the problems that refer to it (a renamed key result leaves one
        # in each check-in of it): :meth:`fold` keeps the first and names how many more.
        self.undefined: dict[tuple[str, str], list[Problem]] = {}

    def locate(self, file: str, path: tuple[str | int, ...]) -> tuple[int, int]:
        source = self.sources.get(file)
        return source.locate(path) if source is not None else (0, 0)

    def is_broken(self, what: str, value: str) -> bool:
        """A record ``value`` of kind ``what`` exists but was invalid (its problem is already reported),
        or a file of such records could not be read at all (any id of that kind might be in it)."""
        return what in self.unreadable or value in self.broken.get(what, ())

    def note_unreadable(self, relpath: str) -> None:
        """A file that could not be read or parsed: references to its kind of record are not reported."""
        for kind in _KINDS_IN.get(relpath.split("/", 1)[0], ()):
            self.unreadable.add(kind)

    def note_broken(self, what: str, data: Any) -> None:
        """Remember the id of an invalid record (and of the key results of an invalid objective)."""
        if isinstance(data, dict):
            if isinstance(data.get("id"), str):
                self.broken.setdefault(what, set()).add(data["id"].strip())
            if what == "objective" and isinstance(data.get("key_results"), list):
                for kr in data["key_results"]:
                    self.note_broken("key result", kr)

    def doubt(self, what: str, index: int, duplicates: tuple[tuple[str, str], tuple[str, str]] | None = None) -> None:
        """Ids of kind ``what`` are in doubt because of ``problems[index]`` (see :meth:`unknown`).

        ``duplicates``: the two records ((place, name), (place, name)) of a duplicate id, so that
        :meth:`fold` can say which of them the undefined id was probably meant for.
        """
        if what not in self.roots:
            self.roots[what] = index
            if duplicates is not None:
                self.duplicates[what] = duplicates

    def unknown(
        self, what: str, value: str, source: Source | None, file: str, path: tuple[str | int, ...], label: str = ""
    ) -> None:
        """Report a reference to an undefined ``what`` ``value`` at ``file``/``path``, unless its root
        cause is reported already: the record exists but is invalid (nothing is said), or an id
        of that kind is in doubt (the reference is grouped under that problem by :meth:`fold`).
        ``label`` names the kind in the message (default ``what``, e.g. "parent objective")."""
        if self.is_broken(what, value):
            return
        line, col = source.locate(path) if source else (0, 0)
        problem = Problem(file, line, col, field_name(path), f"unknown {label or what} {value!r}")
        self.add_reference(what, value, problem)

    def add_reference(self, what: str, value: str, problem: Problem) -> None:
        """A problem already built that says ``what`` ``value`` is unknown (see :meth:`unknown`)."""
        if self.is_broken(what, value):
            return
        if what in self.roots:
            self.deferred.setdefault(what, []).append((value, problem))
        else:
            self.problems.append(problem)
            self.undefined.setdefault((what, value), []).append(problem)

    def fold(self) -> None:
        """Group the deferred references under the problem that put their kind in doubt:
        one root cause, one error (its message names the undefined ids and where the first is used)."""
        for what, refs in sorted(self.deferred.items()):
            refs.sort(key=lambda ref: ref[1])
            index = self.roots[what]
            root = self.problems[index]
            values = sorted({value for value, _problem in refs})
            named = ", ".join(repr(v) for v in values[:5]) + (f" and {len(values) - 5} more" if len(values) > 5 else "")
            first = refs[0][1]
            where = f"{first.file}:{first.line}:{first.col or 1}" if first.line else first.file
            count = plural(len(refs), "reference")
            # Of two records with one id, either may be the one whose id was meant to differ: the
            # one whose name gives an undefined id ("Ben Haddad" → 'ben-haddad') is named.
            meant = "it"
            if root.message.startswith("duplicate"):
                named_for = [(place, name) for place, name in self.duplicates.get(what, ()) if _slug(name) in values]
                meant = f"the one at {named_for[0][0]} ({named_for[0][1]})" if len(named_for) == 1 else "one of the two"
            message = (
                f"{root.message}; {count} to undefined {what} {noun(len(values), 'id')} {named} "
                f"(first at {where}) may be meant for {meant}"
            )
            self.problems[index] = dataclasses.replace(root, message=message)
        self.deferred.clear()
        self._fold_undefined()

    def _fold_undefined(self) -> None:
        """Many references to one undefined id (a key result renamed in its OKR file but not in
        its check-ins) are one problem: the first, saying how many more there are and where."""
        dropped: set[int] = set()
        first_of: dict[int, Problem] = {}
        for refs in self.undefined.values():
            if len(refs) < 2:
                continue
            refs = sorted(refs)
            rest = refs[1:]
            places = ", ".join(f"{p.file}:{p.line}" if p.line else p.file for p in rest[:3])
            more = f" and {len(rest) - 3} more" if len(rest) > 3 else ""
            message = f"{refs[0].message}; {plural(len(rest), 'more reference')} to it ({places}{more})"
            first_of[id(refs[0])] = dataclasses.replace(refs[0], message=message)
            dropped.update(id(p) for p in rest)
        if first_of or dropped:
            self.problems = [first_of.get(id(p), p) for p in self.problems if id(p) not in dropped]
        self.undefined.clear()

    def index(self, target: dict[str, Any], records: Iterable[Any], what: str) -> None:
        """Add records to ``target`` by id; a duplicate id is reported at both places (file:line:col
        of each), and puts ids of ``what`` in doubt (:meth:`doubt`) with the two records' names."""
        for record in records:
            if record.id not in target:
                target[record.id] = record
                continue
            first = target[record.id]
            line, col = self.locate(first.source_file, (*first.source_path, "id"))
            again = self.locate(record.source_file, (*record.source_path, "id"))[0]
            pair = (
                (f"{first.source_file}:{line}", _name_of(first)),
                (f"{record.source_file}:{again}", _name_of(record)),
            )
            self.doubt(what, len(self.problems), pair)  # the other record may be one whose id was changed by mistake
            self.at(
                self.sources.get(record.source_file),
                record.source_file,
                (*record.source_path, "id"),
                f"duplicate {what} id {record.id!r} (first defined at {first.source_file}:{line}:{col})",
            )

    def at(self, source: Source | None, file: str, path: tuple[str | int, ...], message: str) -> None:
        line, col = source.locate(path) if source else (0, 0)
        self.problems.append(Problem(file, line, col, field_name(path), message))


def validate(
    model: type[M], source: Source, out: Collector, *, prefix: tuple[str | int, ...] = (), data: Any = None
) -> M | None:
    """``data`` (default: the whole file) validated by ``model``; ``None`` after noting every problem.

    ``prefix`` is where ``data`` stands in the file (for a record validated on its own).
    Messages are in plain words (:mod:`rollout.workspace.messages`).
    """
    data = source.data if data is None else data
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for path, message in messages.problems(exc, data, model=model).items():
            out.at(source, source.relpath, (*prefix, *path), message)
        return None


_Collector = Collector


def validate_records(
    file_model: type[M], record_model: type[BaseModel], source: Source, out: Collector, key: str, what: str
) -> list[tuple[int, Any]]:
    """``(index in the file, record)`` of the valid records of a file holding a list under ``key``;
    invalid ones are reported one by one.

    The whole file is validated at once first (the fast path); only when that fails is
    each record validated on its own, so one bad field costs one record, not the file,
    and the ids of the invalid records are noted (see :meth:`Collector.note_broken`).
    """
    data = source.data
    try:
        parsed = file_model.model_validate(data)
    except ValidationError:
        pass
    else:
        return list(enumerate(getattr(parsed, key)))
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        validate(file_model, source, out)
        out.note_unreadable(source.relpath)
        return []
    validate(file_model, source, out, data={k: ([] if k == key else v) for k, v in data.items()})
    kept: list[tuple[int, Any]] = []
    for index, item in enumerate(items):
        before = len(out.problems)
        record = validate(record_model, source, out, prefix=(key, index), data=item)
        if record is None:
            out.note_broken(what, item)
            _doubt_ids(out, before, item, (key, index), what)
            continue
        kept.append((index, record))
    return kept


def _doubt_ids(out: Collector, before: int, item: Any, path: tuple[str | int, ...], what: str) -> None:
    """After an invalid record at ``path`` (its problems start at ``out.problems[before]``): when its
    id (or, for an objective, a key result's id) is what is wrong or missing, that kind's ids are in doubt."""
    fields = [p.field for p in out.problems[before:]]

    def check(kind: str, record: Any, where: tuple[str | int, ...]) -> None:
        id_field = field_name((*where, "id"))
        if id_field in fields:
            out.doubt(kind, before + fields.index(id_field))
        elif not isinstance(record, dict) or not isinstance(record.get("id"), str):
            out.doubt(kind, before)

    check(what, item, path)
    if what == "objective" and isinstance(item, dict) and isinstance(item.get("key_results"), list):
        for j, kr in enumerate(item["key_results"]):
            check("key result", kr, (*path, "key_results", j))


_REVIEW_LISTS: dict[str, type[BaseModel]] = {
    "monthly": MonthlyReview,
    "scores": KeyResultScore,
    "decisions": ObjectiveDecision,
}


def validate_review(source: Source, out: Collector) -> ReviewFile | None:
    """A review file; when it is invalid, each problem is reported and the valid records are kept,
    so their references are checked in the same run (``None`` when the file is not a mapping of lists)."""
    data = source.data
    before = len(out.problems)
    review = validate(ReviewFile, source, out)
    if review is not None or not isinstance(data, dict):
        return review
    if any(key in _REVIEW_LISTS and not isinstance(value, list) for key, value in data.items()):
        return None  # the whole-file problems are the ones to fix first
    del out.problems[before:]  # reported again below, record by record
    kept: dict[str, list[Any]] = {}
    for key, model in _REVIEW_LISTS.items():
        kept[key] = []
        for index, item in enumerate(data.get(key) or []):
            record = validate(model, source, out, prefix=(key, index), data=item)
            if record is not None:
                kept[key].append(record)
    rest = validate(ReviewFile, source, out, data={k: v for k, v in data.items() if k not in _REVIEW_LISTS})
    if rest is None:
        return None
    monthly, scores, decisions = kept["monthly"], kept["scores"], kept["decisions"]
    return ReviewFile.model_construct(lessons=rest.lessons, monthly=monthly, scores=scores, decisions=decisions)


def _name_of(record: Any) -> str:
    """A record's name (people, units) or title (objectives, key results); "" when it has none."""
    return str(getattr(record, "name", None) or getattr(record, "title", None) or "")


def _slug(name: str) -> str:
    """The id a name would give (``Ben Haddad`` → ``ben-haddad``), for matching a record to an undefined id."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
