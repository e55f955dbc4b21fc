"""The pieces every quality rule is made of.

A rule is a small class named by its code (``OKR201``). Its docstring's first line
is the message shown with each finding (``{placeholders}`` are filled per finding);
the rest of the docstring explains the principle and carries **Bad** and **Good**
examples, from which ``rollout rules`` and the reference page are generated.
Class attributes give the code, a kebab-case name, the group, the severity, the fix
hint and the options (declared as data, with defaults, so that ``rollout.yaml`` can
be validated against them).

Codes are stable and never reused. Groups own a range:

======  =========  ==================================================
range   group      what the rules look at
======  =========  ==================================================
OKR0xx  meta       the linter's own configuration (suppressions)
OKR1xx  structure  counts, owners, baselines, targets, dates
OKR2xx  wording    the words of objectives and key results
OKR3xx  alignment  parents, support, duplicates across units
OKR4xx  cadence    check-ins, reviews, scoring, calibration over time
======  =========  ==================================================
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar

from rollout.rules.text import Words

T = TypeVar("T")
_PLACEHOLDER_FIELD = re.compile(r"\{(\w+)[^}]*\}")

if TYPE_CHECKING:
    from rollout.workspace import Workspace
    from rollout.workspace.models import Cycle, KeyResult, Objective, Record

Severity = Literal["error", "warning", "info"]
Level = Literal["company", "department", "team"]
SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")
SEVERITY_RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}
#: The word people read for each severity, in every text a person sees (``check``'s
#: lines and summary, ``rollout rules``, the reference page, the site and packs):
#: the lowest level is a "note". ``info`` stays its value in data (JSON schema 1,
#: ``rules.fail_on`` in rollout.yaml), and ``--fail-on`` takes either word
#: (:data:`SEVERITY_ALIASES`). SARIF calls the same level "note".
SEVERITY_WORDS: dict[str, str] = {"error": "error", "warning": "warning", "info": "note"}
#: Words accepted for a severity where a person types one (``--fail-on``), each to its value.
SEVERITY_ALIASES: dict[str, Severity] = {"error": "error", "warning": "warning", "note": "info", "info": "info"}

GROUPS: dict[str, tuple[str, str]] = {
    "meta": ("OKR0", "The linter's own configuration: suppressions that hide nothing."),
    "structure": ("OKR1", "Counts, owners, baselines, targets and dates."),
    "wording": ("OKR2", "The words of objectives and key results."),
    "alignment": ("OKR3", "Parents, support and duplicates across units."),
    "cadence": ("OKR4", "Check-ins, reviews, scoring and calibration over time."),
}


@dataclass(frozen=True)
class Option:
    """A rule option: name, type, default and what it does (validated in ``rollout.yaml``)."""

    name: str
    type: type
    default: Any
    description: str
    minimum: float | None = None

    def check(self, value: Any) -> str | None:
        """An error message when ``value`` does not fit, else None."""
        if value is None and self.default is None:
            return None
        ok = isinstance(value, self.type) and not (self.type is int and isinstance(value, bool))
        if self.type is float and isinstance(value, int) and not isinstance(value, bool):
            ok = True
        if not ok:
            return f"must be {_type_name(self.type)}, not {value!r}"
        if self.minimum is not None and value < self.minimum:
            return f"must be at least {self.minimum:g}"
        return None


def _type_name(kind: type) -> str:
    return {int: "a whole number", float: "a number", bool: "true or false", str: "text"}.get(kind, kind.__name__)


def example_values(**values: Any) -> Mapping[str, Any]:
    """A rule's :attr:`Rule.example`: placeholder values, read-only."""
    return MappingProxyType(values)


@dataclass(frozen=True)
class Finding:
    """One finding of one rule at one place (``file:line:col``)."""

    code: str
    name: str
    severity: Severity
    message: str
    hint: str
    file: str
    line: int
    col: int
    field: str
    cycle: str | None = None
    unit: str | None = None
    objective: str | None = None
    kr: str | None = None
    #: ``"<kind>|<what is missing>"`` for findings that text output rolls up into one line
    #: per file (a unit in a cycle), e.g. ``"key result|no baseline or target"``; else "".
    rollup: str = ""

    @property
    def where(self) -> str:
        return f"{self.file or '<draft>'}:{self.line}:{self.col}"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.col, self.code)


@dataclass
class Hit:
    """What a rule reports; the engine places it (file, line, column) and makes a :class:`Finding`.

    ``record`` and ``field`` say where (the record itself when ``field`` is empty, or the
    nearest located parent when the field is absent from the file). ``args`` fill the
    placeholders of the rule's message.
    """

    record: Record | None
    field: tuple[str | int, ...] = ()
    args: dict[str, Any] = dataclasses.field(default_factory=dict)
    objective: Objective | None = None
    kr: KeyResult | None = None
    cycle: str | None = None
    unit: str | None = None
    file: str | None = None  # a whole file, when there is no record to point at
    hint: str | None = None  # this finding's own fix hint, when it is more precise than the rule's


@dataclass
class Context:
    """What a rule may look at besides the record: the workspace (absent for drafts), words, dates."""

    ws: Workspace | None
    words: Words
    today: date
    stale_after_days: int = 14
    draft_levels: dict[str, Level] = dataclasses.field(default_factory=dict)  # objective id → level, drafts only
    draft_cycle: Cycle | None = None
    #: Key result ids a :attr:`Rule.per_key_result` rule looks at; ``None``: all of them.
    only: frozenset[str] | None = None
    _home: dict[str, tuple[str, str]] | None = None
    #: Figures that several rules read, worked out once per run (:meth:`shared`).
    _shared: dict[str, Any] = dataclasses.field(default_factory=dict)

    def shared(self, name: str, make: Callable[[], T]) -> T:
        """``make()`` the first time ``name`` is asked for in this run, the same value after.

        For a figure two rules read from the same workspace (OKR407 and OKR408 both read
        each unit's closed-cycle means: 8 ms each for 2,000 teams, 2026-11-29).
        """
        if name not in self._shared:
            self._shared[name] = make()
        value: T = self._shared[name]
        return value

    def home(self, objective_id: str) -> tuple[str, str]:
        """(cycle, unit) of an objective of the workspace; one dict lookup (the models' properties are slow)."""
        if self._home is None:
            self._home = {}
            if self.ws is not None:
                for key, objectives in self.ws.okr_files.items():
                    for objective in objectives:
                        self._home[objective.id] = key
        return self._home.get(objective_id, ("", ""))

    def level(self, objective: Objective) -> Level | None:
        if self.ws is None:
            return self.draft_levels.get(objective.id)
        unit = self.ws.units.get(self.home(objective.id)[1])
        return unit.kind if unit is not None else None

    def cycle_of(self, objective: Objective) -> Cycle | None:
        if self.ws is None:
            return self.draft_cycle
        return self.ws.cycles.get(self.home(objective.id)[0])


class Rule:
    """Base of every rule. Subclasses set the class attributes and override one or more ``check_*``."""

    code: ClassVar[str]
    name: ClassVar[str]
    group: ClassVar[str]
    severity: ClassVar[Severity]
    hint: ClassVar[str]
    options: ClassVar[tuple[Option, ...]] = ()
    #: Values for the placeholders of the message, as a finding would have them: the
    #: reference (`rollout rules`, the site's rules page, SARIF) shows the message with
    #: them (:meth:`example_message`), never the raw template (``{value:g}``).
    example: ClassVar[Mapping[str, Any]] = MappingProxyType({})
    #: Runs in :func:`rollout.rules.check_draft` (needs only the objective's own text and fields).
    draft: ClassVar[bool] = False
    #: What the rule reads besides the OKRs and the shared files: ``"checkins"``,
    #: ``"reviews"``. An incremental build after a check-in reruns only the rules that
    #: read check-ins and keeps the other rules' findings.
    reads: ClassVar[frozenset[str]] = frozenset()
    #: Its findings about a key result follow from that key result, its own check-ins, its
    #: cycle, the shared files and as-of alone, and it looks only at ``ctx.only`` when that is
    #: set: after one check-in, ``rollout serve`` runs it on that unit's key results and keeps
    #: its other findings (each walk of all 128,091 check-ins of 2,000 teams is 0.01-0.04 s).
    per_key_result: ClassVar[bool] = False

    def rollup_of(self, args: dict[str, Any]) -> str:
        """How text output rolls up a finding with these arguments (:attr:`Finding.rollup`); "" for not at all.

        Missing fields (no owner, no baseline) are most findings on imported OKR sets:
        text output shows them as one line per unit and kind so that the wording
        findings stay visible; JSON, SARIF and the site list each one.
        """
        return ""

    def __init__(self, settings: dict[str, Any] | None = None) -> None:
        self.settings = {o.name: o.default for o in self.options}
        self.settings.update(settings or {})

    def opt(self, name: str) -> Any:
        return self.settings[name]

    # --- checks (override what applies) -----------------------------------------------

    def check_objective(self, objective: Objective, ctx: Context) -> Iterator[Hit]:
        return iter(())

    def check_key_result(self, kr: KeyResult, objective: Objective, ctx: Context) -> Iterator[Hit]:
        return iter(())

    def check_workspace(self, ws: Workspace, ctx: Context) -> Iterator[Hit]:
        return iter(())

    # --- documentation ----------------------------------------------------------------

    _doc: ClassVar[str] = ""
    _template: ClassVar[str] = ""
    _bare: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._doc = inspect.cleandoc(cls.__doc__ or "")
        # The first line, and that line with its placeholders as bare names (the message
        # without arguments): worked out once per rule, not once per finding.
        cls._template = cls._doc.split("\n", 1)[0].strip()
        cls._bare = _PLACEHOLDER_FIELD.sub(r"\1", cls._template)

    @classmethod
    def doc(cls) -> str:
        return cls._doc

    @classmethod
    def message_template(cls) -> str:
        return cls._template

    @classmethod
    def example_message(cls) -> str:
        """The message as a finding shows it, with :attr:`example`'s values filled in.

        Raises ``KeyError`` when the example lacks a placeholder of the message (a test
        checks every rule).
        """
        return cls._template.format(**cls.example) if "{" in cls._template else cls._template

    @classmethod
    def message(cls, **args: Any) -> str:
        if not args:
            return cls._bare
        try:
            return cls._template.format(**args)
        except (KeyError, IndexError):
            return cls._template

    @classmethod
    def sections(cls) -> dict[str, str]:
        """The docstring after the message, split on ``**Bad**``/``**Good**`` headings.

        Keys: ``why`` (the principle), ``bad``, ``good``.
        """
        body = cls.doc().split("\n", 1)[1] if "\n" in cls.doc() else ""
        parts = re.split(r"^\*\*(Bad|Good)\*\*\s*$", body, flags=re.MULTILINE)
        out = {"why": parts[0].strip(), "bad": "", "good": ""}
        for heading, text in zip(parts[1::2], parts[2::2], strict=False):
            out[heading.lower()] = inspect.cleandoc(text).strip()
        return out
