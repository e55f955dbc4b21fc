"""Collecting problems while loading: each with ``file:line:col`` and the field.

:class:`Collector` gathers every problem of a load (nothing stops at the first) and
remembers the ids of records that were invalid, so that references to them are not
reported a second time (one root cause, one error).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from rollout.errors import Problem
from rollout.workspace.cache import Source

M = TypeVar("M", bound=BaseModel)


def field_name(path: Iterable[str | int]) -> str:
    """``('objectives', 0, 'owner')`` → ``objectives[0].owner``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


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

    def at(self, source: Source | None, file: str, path: tuple[str | int, ...], message: str) -> None:
        line, col = source.locate(path) if source else (0, 0)
        self.problems.append(Problem(file, line, col, field_name(path), message))


def _data_path(data: Any, loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """The part of a pydantic error location that exists in the data (drops union tags)."""
    out: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:  # noqa: SIM114 - separate for the type checker
            node = node[part]
            out.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            out.append(part)
        elif isinstance(node, dict) and isinstance(part, str) and out[-1:] != [part]:
            out.append(part)  # a missing key: name it, locate at its mapping
            break
        else:
            break
    return tuple(out)


def _message(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required key is missing"
    msg: str = error["msg"]
    return msg.removeprefix("Value error, ")


def validate(
    model: type[M], source: Source, out: Collector, *, prefix: tuple[str | int, ...] = (), data: Any = None
) -> M | None:
    """``data`` (default: the whole file) validated by ``model``; ``None`` after noting every problem.

    ``prefix`` is where ``data`` stands in the file (for a record validated on its own).
    """
    data = source.data if data is None else data
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        seen: dict[tuple[str | int, ...], list[str]] = {}
        for error in exc.errors():
            path = (*prefix, *_data_path(data, tuple(error["loc"])))
            msg = _message(error)
            if msg not in seen.setdefault(path, []):
                seen[path].append(msg)
        for path, messages in seen.items():
            out.at(source, source.relpath, path, " or ".join(messages))
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
        record = validate(record_model, source, out, prefix=(key, index), data=item)
        if record is None:
            out.note_broken(what, item)
            continue
        kept.append((index, record))
    return kept
