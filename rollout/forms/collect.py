"""``rollout collect``: one door back in for answers and check-ins made without a terminal.

The files come from the site's forms (``forms/*.html`` download them), from typed-back
paper sheets (the same formats, typed into the same forms or by hand) or from
``rollout serve --collect``. Two kinds:

- **answers** to a questionnaire: YAML (or JSON) with ``questionnaire``, ``version``,
  ``respondent``, optional ``unit``, ``date``, ``complete`` and ``answers``: the record
  ``rollout ask`` saves as ``assessments/<questionnaire>/<respondent>.yaml``;
- **check-ins**: a CSV with the columns ``unit, cycle, kr, key_result, value, confidence,
  note, date, author`` as the forms download it, or any sheet ``rollout checkin --csv``
  reads (CSV or XLSX, such as the one ``rollout checkin --sheet`` writes).

Each file is worked out, then checked with the same code as the terminal: the safe YAML
reader and the :class:`~rollout.workspace.models.Assessment` model (``file:line:col``
errors) and :func:`rollout.questionnaire.answers.check_layer` (every answer against its
question) for answers; :func:`rollout.flows.checkin_sheet.read_checkins` (the reader of
``rollout checkin --csv``) for check-ins (:mod:`rollout.forms.collect_checkins`). A valid
file is written atomically under the workspace lock; an invalid one is refused whole and
nothing of it is written.
A complete answer already in the workspace is replaced only with ``replace``; a file
collected twice is not written twice (check-ins are append-only: the same key result,
date and value again is a duplicate, another value on the same date is refused).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rollout.errors import LoadError, Problem, RolloutError, UsageError
from rollout.plural import plural

if TYPE_CHECKING:
    from rollout.questionnaire.model import Questionnaire
    from rollout.workspace.workspace import Workspace

MAX_FILE_BYTES = 1024 * 1024
"""A form's file is a few kilobytes; anything past this is refused unread."""

SUFFIXES = (".yaml", ".yml", ".json", ".csv", ".tsv", ".xlsx", ".xlsm")
ANSWERS, CHECKINS, UNKNOWN = "answers", "check-ins", "?"


@dataclass
class Outcome:
    """What happened to one file: ``result`` is saved, in progress, already collected or refused."""

    file: str
    kind: str = UNKNOWN
    who: str = ""
    result: str = "refused"
    detail: str = ""
    written: str | None = None  # workspace-relative path written
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.result != "refused"

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "kind": self.kind,
            "who": self.who,
            "result": self.result,
            "detail": self.detail,
            "written": self.written,
            "problems": self.problems,
        }


class Refused(Exception):
    """A file that cannot be collected: every problem, each with its place."""

    def __init__(self, problems: Iterable[str | Problem]) -> None:
        self.problems = [str(p) for p in problems]
        super().__init__("; ".join(self.problems))


@dataclass
class Session:
    """One collect run: the workspace as loaded, and what this run wrote (to catch duplicates)."""

    ws: Workspace
    replace: bool = False
    # (kr, date) -> (value, confidence, note, file) of each check-in written in this run
    checkins: dict[tuple[str, str], tuple[float, int | str | None, str, str]] = field(default_factory=dict)
    questionnaires: dict[str, Questionnaire] = field(default_factory=dict)


# --- files ------------------------------------------------------------------------------


def expand(paths: Iterable[Path]) -> Iterator[Path]:
    """The files to collect: files as given, and the form files directly inside folders
    (``*.yaml``, ``*.yml``, ``*.json``, ``*.csv``; hidden files and links are skipped)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.name.startswith(".") or child.is_symlink() or not child.is_file():
                    continue
                if child.suffix.lower() in SUFFIXES:
                    yield child
        else:
            yield path


def read_limited(path: Path) -> bytes:
    """The bytes of ``path``, refusing files larger than :data:`MAX_FILE_BYTES` unread."""
    try:
        with open(path, "rb") as handle:
            if not os.path.isfile(path):
                raise Refused([f"{path}: not a regular file"])
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise Refused([f"{path}: cannot read: {exc.strerror or exc}"]) from None
    if len(data) > MAX_FILE_BYTES:
        raise Refused([f"{path}: larger than {MAX_FILE_BYTES // 1024} KB; a form's file is a few KB"])
    return data


def collect_paths(root: Path, paths: Iterable[Path], *, replace: bool = False) -> list[Outcome]:
    """Collect every file of ``paths`` (files and folders) into the workspace at ``root``.

    Loads the workspace once (a broken workspace raises :class:`~rollout.errors.LoadError`
    before anything is read) and holds its lock for the whole run. Returns one
    :class:`Outcome` per file, in the order given; never raises for a bad file.
    """
    from rollout.workspace import load
    from rollout.workspace.fileio import workspace_lock

    files = list(expand(paths))
    if not files:
        raise UsageError("no files to collect", hint=f"give files or folders holding {', '.join(SUFFIXES)} files")
    with workspace_lock(root):
        session = Session(load(root), replace=replace)
        outcomes = []
        for path in files:
            try:
                data = read_limited(path)
            except Refused as exc:
                outcomes.append(Outcome(str(path), detail=exc.problems[0], problems=exc.problems))
                continue
            outcomes.append(collect_bytes(session, str(path), data, path))
    return outcomes


def kind_of(name: str, data: bytes) -> str:
    """``answers`` or ``check-ins``: a sheet by its extension (CSV, TSV, XLSX) or a first line
    naming ``kr`` and ``value``; anything else is read as answers (and refused as the wrong
    kind when it is not)."""
    if name.lower().endswith((".csv", ".tsv", ".xlsx", ".xlsm")):
        return CHECKINS  # the sheet reader decides: a sheet without a value column is refused
    head = data[:4096].decode("utf-8-sig", "replace")
    first = head.splitlines()[0] if head.strip() else ""
    columns = {c.strip().strip('"').lower() for c in first.replace(";", ",").replace("\t", ",").split(",")}
    if {"kr", "value"} <= columns:
        return CHECKINS
    return ANSWERS  # decided for sure when parsed: anything else is refused as the wrong kind


def collect_bytes(session: Session, name: str, data: bytes, path: Path | None = None) -> Outcome:
    """Work out, check and write one file (``data``, read from ``path`` when it is on disk)."""
    kind = kind_of(name, data)
    outcome = Outcome(name, kind)
    try:
        if kind == CHECKINS:
            from rollout.forms.collect_checkins import collect_checkins

            collect_checkins(session, name, data, outcome, path)
        elif kind == ANSWERS:
            _collect_answers(session, name, data, outcome)
        else:  # pragma: no cover - kind_of answers one of the two
            raise Refused([f"{name}: neither answers nor check-ins"])
    except Refused as exc:
        outcome.result, outcome.problems = "refused", exc.problems
        outcome.detail = exc.problems[0] + (f" (and {len(exc.problems) - 1} more)" if len(exc.problems) > 1 else "")
    except LoadError as exc:
        outcome.result, outcome.problems = "refused", [str(p) for p in exc.problems]
        outcome.detail = outcome.problems[0] if outcome.problems else exc.message
    except RolloutError as exc:
        outcome.result, outcome.problems = "refused", [exc.message]
        outcome.detail = exc.message
    return outcome


# --- answers ----------------------------------------------------------------------------


def _collect_answers(session: Session, name: str, data: bytes, outcome: Outcome) -> None:
    from rollout.flows.entry_dates import answers_date_problem
    from rollout.questionnaire.answers import Layer, check_layer, load_saved, ordered, save
    from rollout.workspace.cache import Source
    from rollout.workspace.loader import _Collector, validate
    from rollout.workspace.models import Assessment
    from rollout.workspace.yamlsafe import YamlProblem, parse_bytes

    ws = session.ws
    try:
        parsed = parse_bytes(data, name)
    except YamlProblem as exc:
        raise Refused([exc.problem]) from None
    record = parsed.data
    if not isinstance(record, dict) or "questionnaire" not in record or "answers" not in record:
        outcome.kind = UNKNOWN
        raise Refused(
            [
                f"{name}:1: not a file from the forms: answers have questionnaire, respondent and answers; "
                "check-ins are a CSV with kr and value columns"
            ]
        )
    source = Source.parsed(name, parsed)
    out = _Collector()
    assessment = validate(Assessment, source, out)
    if assessment is None:
        raise Refused(out.problems)
    outcome.who = assessment.respondent

    def at(path: tuple[str | int, ...], message: str) -> Problem:
        line, col = source.locate(path)
        return Problem(name, line, col, ".".join(str(p) for p in path), message)

    questionnaire = _questionnaire(session, assessment.questionnaire, at)
    problems: list[Problem] = []
    if assessment.version != questionnaire.version:
        problems.append(
            at(
                ("version",),
                f"answers to version {assessment.version}; {questionnaire.id} is now version "
                f"{questionnaire.version}: answer the current form",
            )
        )
    person = ws.people.get(assessment.respondent)
    if person is None:
        problems.append(at(("respondent",), f"unknown person {assessment.respondent!r} (not in people.yaml)"))
    if assessment.unit is not None and assessment.unit not in ws.units:
        problems.append(at(("unit",), f"unknown unit {assessment.unit!r} (not in units.yaml)"))
    late = answers_date_problem(ws, assessment.date)  # as `rollout ask --date` refuses them
    if late is not None:
        problems.append(at(("date",), f"{late}: date them on or before {ws.today}"))
    layer = Layer(name)
    for key, value in assessment.answers.items():
        layer.values[key] = value
        layer.places[key] = at(("answers", key), "")
    try:
        answers = check_layer(questionnaire, layer)
    except LoadError as exc:
        problems += exc.problems
        answers = {}
    if problems:
        raise Refused(sorted(problems))
    answers = ordered(questionnaire, answers)
    missing = _missing(questionnaire, answers)
    if assessment.complete and missing:
        shown = ", ".join(missing[:6]) + (f" and {len(missing) - 6} more" if len(missing) > 6 else "")
        raise Refused([at(("complete",), f"marked complete, but required questions are not answered: {shown}")])
    assert person is not None
    saved = load_saved(ws.root, questionnaire.id, assessment.respondent)
    unit = assessment.unit or person.unit
    if saved is not None:
        same = saved.answers == answers and saved.complete == assessment.complete and saved.unit == unit
        if same:
            outcome.result = "already collected"
            outcome.detail = f"the same answers are in {_rel(questionnaire.id, assessment.respondent)}"
            return
        if saved.complete and not session.replace:
            raise Refused(
                [
                    f"{name}: {person.name} already answered {questionnaire.id} on {saved.date} "
                    f"({_rel(questionnaire.id, assessment.respondent)}); collect with --replace to overwrite it"
                ]
            )
    rel = save(
        ws.root,
        questionnaire,
        respondent=assessment.respondent,
        role=assessment.role or person.title,
        unit=unit,
        day=assessment.date,
        answers=answers,
        complete=assessment.complete,
        source=f"`rollout collect` from {Path(name).name}",
    )
    outcome.written = rel
    outcome.result = ("replaced" if saved is not None else "saved") + ("" if assessment.complete else " (in progress)")
    outcome.detail = f"{plural(len(answers), 'answer')} → {rel}"


def _rel(questionnaire_id: str, respondent: str) -> str:
    from rollout.workspace.layout import assessment_file

    return assessment_file(questionnaire_id, respondent)


def _questionnaire(session: Session, qid: str, at: Any) -> Questionnaire:
    from rollout.questionnaire.loader import bind, get

    found = session.questionnaires.get(qid)
    if found is None:
        try:
            found = bind(get(qid, session.ws.root), session.ws)
        except UsageError as exc:
            raise Refused([at(("questionnaire",), exc.message)]) from None
        session.questionnaires[qid] = found
    return found


def _missing(questionnaire: Questionnaire, answers: dict[str, Any]) -> list[str]:
    """Required questions that apply (given the answers) and have no answer."""
    from rollout.questionnaire.answers import applies

    return [q.id for q in questionnaire.all_questions() if q.required and q.id not in answers and applies(q, answers)]
