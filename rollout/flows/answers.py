"""Answers files: the non-interactive input of ``review``, ``close``, ``next`` and ``draft``.

An answers file is written by a person, so it is read like a workspace file: by the
workspace's YAML 1.2 reader (:mod:`rollout.workspace.yamlsafe`: no aliases, no
duplicate keys, bounded nesting, ``no``/``on`` stay strings, every value has a
``line:column``), then checked against the pydantic model of its kind (below), which
forbids unknown keys (with a "did you mean" from :func:`difflib.get_close_matches`)
and never coerces a value of the wrong type. Every problem of the file is reported
at once, each as ``file:line:col: field: message``
(:class:`~rollout.errors.LoadError`). JSON files are read the same way (JSON is
YAML 1.2 flow style).

The flows then check what needs the workspace (unknown people, objectives, …) and
report with :func:`field_error`, which also names the line of the field.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from rollout.errors import LoadError, Problem, UsageError

MAX_ANSWERS_BYTES = 4 * 1024 * 1024


def _iso_date(value: Any) -> Any:
    """Dates are written ``YYYY-MM-DD``; a number is not a date."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError("expected a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _titled(key: str) -> Any:
    """A bare text stands for a mapping with just that key (``- Grow`` is ``- {title: Grow}``)."""

    def convert(value: Any) -> Any:
        return {key: value} if isinstance(value, str) else value

    return BeforeValidator(convert)


Day = Annotated[date, BeforeValidator(_iso_date)]
Line = Annotated[str, Field(max_length=2000)]
Long = Annotated[str, Field(max_length=20000)]
Texts = list[Line] | Line | None
DecisionName = Literal["completed", "carried_over", "refined", "dropped"]


class _Answers(BaseModel):
    """Strict: unknown keys are errors and values are never coerced (``0755`` is not text)."""

    model_config = ConfigDict(extra="forbid", strict=True)


class ReviewAnswers(_Answers):
    """``rollout review --answers``."""

    date: Day | None = None
    attendees: Texts = None
    notes: Long | None = None
    risks: Texts = None
    decisions: Texts = None


class Override(_Answers):
    kr: str
    score: float
    reason: Line | None = None


class DecisionWithNote(_Answers):
    decision: DecisionName
    note: Line | None = None


class CloseAnswers(_Answers):
    """``rollout close --answers``."""

    overrides: list[Override] | None = None
    decisions: dict[str, Annotated[DecisionWithNote, _titled("decision")]] | None = None
    default_decision: DecisionName | None = None
    lessons: list[Line] | dict[str, list[Line] | Line | None] | None = None


class NextAnswers(_Answers):
    """``rollout next --answers``."""

    id: str | None = None
    name: Line | None = None
    ids: dict[str, str] | None = None
    met_as_health_metrics: bool | None = None  # carry met key results as health metrics


class KeyResultAnswer(_Answers):
    id: str | None = None
    title: Line
    metric: Line | None = None
    direction: Literal["increase", "decrease", "milestone"] | None = None
    baseline: float | None = None
    target: float | None = None
    unit_of_measure: Line | None = None
    owner: str | None = None
    due: Day | None = None
    weight: float | None = None
    health_metric: bool | None = None
    keep: dict[str, Line] | None = None


class ObjectiveAnswer(_Answers):
    id: str | None = None
    title: Line
    owner: str | None = None
    parent: str | None = None
    alignment: Literal["bottom_up", "cross_functional"] | None = None
    contributors: list[str] | None = None
    priority: str | None = None
    description: Long | None = None
    carried_from: str | None = None
    keep: dict[str, Line] | None = None
    key_results: list[Annotated[KeyResultAnswer, _titled("title")]] | None = None


class PriorityAnswer(_Answers):
    title: Line
    description: Long | None = None


class DraftAnswers(_Answers):
    """``rollout draft --answers``."""

    cycle: str | None = None
    priorities: list[Annotated[PriorityAnswer, _titled("title")]] | None = None
    allow_many_priorities: bool | None = None
    units: dict[str, list[ObjectiveAnswer] | None] | None = None


KINDS: dict[str, type[_Answers]] = {
    "review": ReviewAnswers,
    "close": CloseAnswers,
    "next": NextAnswers,
    "draft": DraftAnswers,
}

# Where each value of the answers files read in this process stands: field_error names the line.
_PLACES: dict[str, dict[tuple[str | int, ...], tuple[int, int]]] = {}


def _keys_of(model: type[BaseModel], seen: set[type[BaseModel]] | None = None) -> set[str]:
    """Every key any model of an answers file knows (the vocabulary for "did you mean")."""
    seen = seen if seen is not None else set()
    seen.add(model)
    keys = set(model.model_fields)
    for info in model.model_fields.values():
        for sub in _models_in(info.annotation):
            if sub not in seen:
                keys |= _keys_of(sub, seen)
    return keys


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out: list[type[BaseModel]] = []
    for arg in getattr(annotation, "__args__", ()) or ():
        out += _models_in(arg)
    return out


def read_answers(path: Path) -> tuple[Any, dict[tuple[str | int, ...], tuple[int, int]]]:
    """The plain data of an answers file and the ``(line, column)`` of each value.

    Raises :class:`UsageError` (cannot read) or :class:`LoadError` (not acceptable YAML/JSON).
    """
    from rollout.workspace.yamlsafe import YamlProblem, parse_bytes

    name = str(path)
    try:
        if path.stat().st_size > MAX_ANSWERS_BYTES:
            raise LoadError(
                [Problem(name, 1, 1, "", f"an answers file is at most {MAX_ANSWERS_BYTES // 2**20} MiB")],
                what=f"the answers file {name}",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read the answers file {path}: {exc.strerror or exc}") from None
    try:
        parsed = parse_bytes(raw, name)
    except YamlProblem as exc:
        raise LoadError([exc.problem], what=f"the answers file {name}") from None
    return parsed.data, dict(parsed.positions)


def load_answers(path: Path, kind: str | None = None) -> dict[str, Any]:
    """Read and check an answers file of ``kind`` (a key of :data:`KINDS`).

    Returns the file's mapping (plain data: strings, numbers, lists, mappings; dates
    as ``YYYY-MM-DD`` strings). Raises :class:`LoadError` listing every problem with
    ``file:line:col``, or :class:`UsageError` when the file cannot be read.
    """
    data, positions = read_answers(path)
    name = str(path)
    _PLACES[name] = positions
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise LoadError(
            [Problem(name, 1, 1, "", f"an answers file is a mapping of keys to answers, not a {_kind_of(data)}")],
            what=f"the answers file {name}",
        )
    model = KINDS.get(kind or "")
    if model is not None:
        problems = check_answers(model, data, name, positions)
        if problems:
            raise LoadError(problems, what=f"the answers file {name}")
    return data


def check_answers(
    model: type[BaseModel], data: Any, name: str, positions: dict[tuple[str | int, ...], tuple[int, int]]
) -> list[Problem]:
    """Every problem of ``data`` against ``model``, each at its place (one per field)."""
    from rollout.workspace.loader import field_name

    try:
        model.model_validate(data)
    except ValidationError as exc:
        vocabulary = sorted(_keys_of(model))
        found: dict[tuple[str | int, ...], list[str]] = {}
        for error in exc.errors():
            path = _data_path(data, tuple(error["loc"]))
            found.setdefault(path, [])
            message = _message(error, path, vocabulary)
            if message not in found[path]:
                found[path].append(message)
        # A union (text or a list of texts) fails in every branch: where one branch got into
        # the value (an error deeper down), the other branch's "expected text" is noise.
        for path in [p for p in found if any(len(q) > len(p) and q[: len(p)] == p for q in found)]:
            del found[path]
        problems = []
        for path, messages in found.items():
            line, col = _locate(positions, path)
            # A union reports one error per branch: the shortest is the one a person understands.
            problems.append(Problem(name, line, col, field_name(path), min(messages, key=len)))
        return problems
    return []


def _message(error: Any, path: tuple[str | int, ...], vocabulary: list[str]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else ""
        close = difflib.get_close_matches(key, vocabulary, n=1, cutoff=0.7)
        return "unknown key" + (f"; did you mean {close[0]!r}?" if close else "")
    if kind == "missing":
        return "required key is missing"
    if kind in ("string_type", "str_type"):
        return f"expected text, not {_kind_of(error.get('input'))} (put it in quotes to keep it as text)"
    if kind in ("float_type", "int_type"):
        return f"expected a number, not {_kind_of(error.get('input'))}"
    if kind == "bool_type":
        return f"expected true or false, not {_kind_of(error.get('input'))}"
    if kind in ("list_type", "dict_type", "model_type"):
        wanted = {"list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping"}[kind]
        return f"expected {wanted}, not {_kind_of(error.get('input'))}"
    msg: str = error["msg"]
    return msg.removeprefix("Value error, ")


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _locate(positions: dict[tuple[str | int, ...], tuple[int, int]], path: tuple[str | int, ...]) -> tuple[int, int]:
    while True:
        hit = positions.get(path)
        if hit is not None:
            return hit
        if not path:
            return 1, 1
        path = path[:-1]


_TAG = re.compile(r"[^a-z0-9_]")


def _data_path(data: Any, loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """The part of a pydantic error location that is in the data.

    Union branches appear in ``loc`` as tags (``list[constrained-str]``, ``KeyResultAnswer``):
    skipped. A missing key (a field name) is named, then the path ends.
    """
    out: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:  # noqa: SIM114 - separate for the type checker
            node = node[part]
            out.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            out.append(part)
        elif isinstance(part, str) and _TAG.search(part):
            continue
        else:
            if isinstance(node, dict) and isinstance(part, str):
                out.append(part)
            break
    return tuple(out)


_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def field_error(source: str, field: str, message: str) -> UsageError:
    """A mistake in one answer, named by file, line and field (``units.sales[0].owner``)."""
    positions = _PLACES.get(source)
    if positions is None:
        return UsageError(f"{source}: {field}: {message}")
    path = tuple(int(index) if index else key for key, index in _PART.findall(field))
    line, col = _locate(positions, path)
    return UsageError(f"{source}:{line}:{col}: {field}: {message}")


def as_date(value: Any, source: str, field: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise field_error(source, field, f"{value!r} is not a date (YYYY-MM-DD)") from None


def as_float(value: Any, source: str, field: str) -> float:
    """A number from an answers file: a YAML number, or a text read by :func:`rollout.metrics.values.parse_number`.

    ``"1,250"`` is 1250; ``.nan``, ``.inf`` and ``1e309`` are refused (a ``UsageError`` naming file and field).
    """
    from rollout.metrics.values import check_finite, parse_number

    try:
        return parse_number(value) if isinstance(value, str) else check_finite(value)
    except ValueError as exc:
        raise field_error(source, field, str(exc)) from None


def as_str_list(value: Any, source: str, field: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise field_error(source, field, "expected a list of texts")
    return [str(v) for v in value if str(v).strip()]


def fresh_date(day: date) -> date:
    """A new date object equal to ``day``.

    ruamel.yaml writes an anchor and an alias when one object appears twice in a
    document, and the workspace forbids aliases; records written together must
    not share date objects.
    """
    return date.fromordinal(day.toordinal())
