"""Answers files: the non-interactive input of ``review``, ``close``, ``next`` and ``draft``.

An answers file is written by a person, so it is read like a workspace file: by the
workspace's YAML 1.2 reader (:mod:`rollout.workspace.yamlsafe`: no aliases, no
duplicate keys, bounded nesting, ``no``/``on`` stay strings, every value has a
``line:column``), then checked against the pydantic model of its kind (below), which
forbids unknown keys (with a "did you mean" from :mod:`rollout.workspace.suggestions`)
and never coerces a value of the wrong type. Every problem of the file is reported
at once, each as ``file:line:col: field: message``
(:class:`~rollout.errors.LoadError`). JSON files are read the same way (JSON is
YAML 1.2 flow style).

The flows then check what needs the workspace (unknown people, objectives, …) and
report with :func:`field_error`, which also names the line of the field.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from rollout.errors import LoadError, Problem, UsageError
from rollout.workspace import messages

MAX_ANSWERS_BYTES = 4 * 1024 * 1024


def _iso_date(value: Any) -> Any:
    """Dates are written ``YYYY-MM-DD``; a number is not a date."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return date.fromisoformat(value.strip())
    raise ValueError(messages.not_a_date(value))


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

    date: Day | None = None
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
            [Problem(name, 1, 1, "", f"an answers file is a mapping of keys to answers, not {messages.kind_of(data)}")],
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
    """Every problem of ``data`` against ``model``, each at its place (one per field), in plain
    words (:func:`rollout.workspace.messages.problems`, the loader's translator)."""
    try:
        model.model_validate(data)
    except ValidationError as exc:
        found = messages.problems(exc, data, model=model)
        return [
            Problem(name, *_locate(positions, path), messages.field_name(path), message)
            for path, message in found.items()
        ]
    return []


def _locate(positions: dict[tuple[str | int, ...], tuple[int, int]], path: tuple[str | int, ...]) -> tuple[int, int]:
    while True:
        hit = positions.get(path)
        if hit is not None:
            return hit
        if not path:
            return 1, 1
        path = path[:-1]


_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


class AnswerError(UsageError):
    """A mistake in one answer: its :class:`Problem` (file, line, column, field, message).

    Shown the way the workspace loader shows a problem (``file:line:col: field: message``,
    then ``error: 1 problem in …; nothing was changed``), so every mistake of an answers
    file reads the same wherever it is found.
    """

    def __init__(self, problem: Problem, hint: str = "") -> None:
        super().__init__(str(problem), hint=hint)
        self.problem = problem

    def as_problem(self) -> Problem:
        """The problem with its hint after the message (``…; did you mean 'hr'?``)."""
        if not self.hint:
            return self.problem
        return dataclasses.replace(self.problem, message=f"{self.problem.message}; {self.hint}")

    def render(self) -> str:
        return LoadError([self.as_problem()], what=f"the answers file {self.problem.file}").render()


def field_error(source: str, field: str, message: str, hint: str = "") -> AnswerError:
    """A mistake in one answer, named by file, line and field (``units.sales[0].owner``)."""
    positions = _PLACES.get(source)
    if positions is None:
        return AnswerError(Problem(source, 0, 0, field, message), hint)
    line, col = _locate(positions, field_path(field))
    return AnswerError(Problem(source, line, col, field, message), hint)


def field_path(field: str) -> tuple[str | int, ...]:
    """``units.sales[0].owner`` → ``('units', 'sales', 0, 'owner')`` (the inverse of
    :func:`rollout.workspace.messages.field_name`)."""
    return tuple(int(index) if index else key for key, index in _PART.findall(field))


_MISSING = "required key is missing"


class AnswerProblems:
    """Every mistake of one answers file, reported together in one run and one format.

    The one collector of an answers file's problems: :func:`open_answers` fills it with
    the file's shape problems (a key the file may not have, a value of the wrong type …,
    from the pydantic model of its kind), then the flow adds what needs the workspace
    (unknown person, objective or key result, a score out of range …), so a person fixes
    everything in one pass. This mirrors the workspace loader, which checks every file on
    its own and then the references across files before it reports.

    ``with problems.each(): …`` runs one independent check: an :class:`AnswerError` raised
    inside is noted and the flow goes on after the block. :meth:`check` then raises a
    :class:`LoadError` listing every problem (each at ``file:line:col``). A flow's problem
    at a field whose shape is already wrong, or that only repeats that a required key is
    missing, is not reported twice (one root cause, one line). Nothing is written before
    :meth:`check` passes.
    """

    def __init__(self, source: str, shape: Iterable[Problem] = ()) -> None:
        self.source = source
        self.shape: list[Problem] = list(shape)
        self.found: list[AnswerError] = []

    @contextlib.contextmanager
    def each(self) -> Iterator[None]:
        try:
            yield
        except AnswerError as exc:
            self.found.append(exc)

    def at(self, field: str) -> bool:
        """Whether a problem is already noted at ``field`` or inside it."""
        path = field_path(field)
        return any(field_path(p.field)[: len(path)] == path for p in [*self.shape, *(e.problem for e in self.found)])

    def _repeats_shape(self, problem: Problem) -> bool:
        path = field_path(problem.field)
        for shape in self.shape:
            known = field_path(shape.field)
            if path[: len(known)] == known:  # the same field, or inside a value whose shape is wrong
                return True
            if shape.message == _MISSING and known[:-1] == path:  # "needs a title" repeats "title: missing"
                return True
        return False

    def all(self) -> list[Problem]:
        """Every problem noted so far: the shape's, then the flow's that say something new."""
        return self.shape + [e.as_problem() for e in self.found if not self._repeats_shape(e.problem)]

    def check(self) -> None:
        """Raise :class:`LoadError` (every problem, sorted by place) if any was noted."""
        found = self.all()
        if found:
            raise LoadError(found, what=f"the answers file {self.source}")


def open_answers(path: Path, kind: str) -> tuple[dict[str, Any], AnswerProblems]:
    """Read an answers file of ``kind`` (a key of :data:`KINDS`) for a flow to check further.

    Returns the file's mapping and an :class:`AnswerProblems` that already holds the
    file's shape problems (not raised yet: the flow adds its own and raises them all with
    :meth:`AnswerProblems.check`). Raises :class:`LoadError` at once when the file is not
    YAML/JSON or not a mapping (nothing further can be checked), :class:`UsageError`
    when it cannot be read.
    """
    data, positions = read_answers(path)
    name = str(path)
    _PLACES[name] = positions
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise LoadError(
            [Problem(name, 1, 1, "", f"an answers file is a mapping of keys to answers, not {messages.kind_of(data)}")],
            what=f"the answers file {name}",
        )
    return data, AnswerProblems(name, check_answers(KINDS[kind], data, name, positions))


def as_date(value: Any, source: str, field: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise field_error(source, field, messages.not_a_date(value)) from None


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
    """The texts of a list answer (one text stands for a list of one; empty items are left out).

    Items that are not text are left out too: the file's shape check
    (:func:`check_answers`) reports each at its own line, and that one problem is enough.
    """
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if not isinstance(value, list):
        raise field_error(source, field, "expected a list of texts")
    return [str(v) for v in value if isinstance(v, str | int | float) and not isinstance(v, bool) and str(v).strip()]


def fresh_date(day: date) -> date:
    """A new date object equal to ``day``.

    ruamel.yaml writes an anchor and an alias when one object appears twice in a
    document, and the workspace forbids aliases; records written together must
    not share date objects.
    """
    return date.fromordinal(day.toordinal())
