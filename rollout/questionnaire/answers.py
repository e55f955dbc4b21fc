"""Answers: checking one answer against its question, layering answer sources, saving.

Answers come from several places, highest priority first (copier's order):

1. what the respondent types in the prompts,
2. ``--data KEY=VALUE`` options,
3. an ``--answers FILE`` (YAML or JSON; a mapping of question id → answer, or a
   saved assessment file, which is how a saved file is replayed),
4. the answers saved earlier for this respondent (a partial run, or a previous one),
5. each question's ``default``.

Every answer is checked against its question with :func:`coerce`; an answer that
does not fit is an error naming the question (and ``file:line`` when it comes
from a file). Saving goes through :func:`rollout.workspace.editing.write_new`
(validated, atomic, under the workspace lock).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rollout.errors import LoadError, Problem, UsageError
from rollout.plural import plural
from rollout.workspace.models import Assessment

if TYPE_CHECKING:
    from rollout.questionnaire.answers_file import AnswersFile
    from rollout.questionnaire.model import Condition, Question, Questionnaire
    from rollout.workspace import Workspace

_YES = {"yes", "y", "true", "1", "on"}
_NO = {"no", "n", "false", "0", "off"}


class AnswersError(LoadError):
    """Answers that do not fit their questionnaire, each with its place."""

    def __init__(self, problems: Any) -> None:
        super().__init__(problems)
        count = len(self.problems)
        self.message = f"{plural(count, 'answer')} could not be used"
        self.args = (self.message,)


class AnswerProblem(Exception):
    """An answer that does not fit its question (caught and given a place by the caller)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _number(raw: Any) -> float | None:
    if isinstance(raw, bool):
        return None
    from rollout.metrics.values import check_finite, parse_number

    try:  # the one number reading (`1,250` is 1250, `12,5` is 12.5; nan and infinity refused)
        if isinstance(raw, int | float):
            return check_finite(raw)
        if isinstance(raw, str) and not raw.strip().endswith("%"):  # a questionnaire's numbers have no unit
            return parse_number(raw, "")
    except ValueError:
        return None
    return None


def coerce(question: Question, raw: Any) -> Any:
    """The answer ``raw`` as the type its question stores; :class:`AnswerProblem` if it does not fit.

    Strings are accepted for every kind (they come from ``--data`` and from prompts).
    ``None`` means "no answer" and is only accepted for optional questions.
    """
    kind = question.kind
    if raw is None or (isinstance(raw, str) and not raw.strip() and kind != "text"):
        if question.required:
            raise AnswerProblem("an answer is required")
        return None
    if kind == "likert":
        value = _number(raw)
        if value is None or not value.is_integer() or not 1 <= value <= 5:
            raise AnswerProblem(f"expected a whole number from 1 to 5, got {raw!r}")
        return int(value)
    if kind == "yes_no":
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in _YES | _NO:
            return raw.strip().lower() in _YES
        raise AnswerProblem(f"expected yes or no, got {raw!r}")
    if kind == "single":
        if not isinstance(raw, str | int) or isinstance(raw, bool):
            raise AnswerProblem(f"expected one of {_values(question)}, got {raw!r}")
        text = str(raw).strip()
        if question.option(text) is None:
            raise AnswerProblem(f"{text!r} is not an option; expected one of {_values(question)}")
        return text
    if kind == "multiple":
        items: list[Any]
        if isinstance(raw, str):
            items = [p.strip() for p in raw.split(",") if p.strip()]
        elif isinstance(raw, list):
            items = raw
        else:
            raise AnswerProblem(f"expected a list of options from {_values(question)}, got {raw!r}")
        chosen: list[str] = []
        for item in items:
            name = str(item).strip() if isinstance(item, str | int) and not isinstance(item, bool) else None
            if name is None or question.option(name) is None:
                raise AnswerProblem(f"{item!r} is not an option; expected some of {_values(question)}")
            if name not in chosen:
                chosen.append(name)
        if not chosen and question.required:
            raise AnswerProblem("choose at least one option")
        order = [o.value for o in question.options or []]
        return sorted(chosen, key=order.index)
    if kind == "number":
        value = _number(raw)
        if value is None or math.isnan(value) or math.isinf(value):
            raise AnswerProblem(f"expected a number, got {raw!r}")
        if question.integer and not value.is_integer():
            raise AnswerProblem(f"expected a whole number, got {raw!r}")
        if question.min is not None and value < question.min:
            raise AnswerProblem(f"{value:g} is below the minimum {question.min:g}")
        if question.max is not None and value > question.max:
            raise AnswerProblem(f"{value:g} is above the maximum {question.max:g}")
        return int(value) if value.is_integer() else value
    # text
    if not isinstance(raw, str | int | float) or isinstance(raw, bool):
        raise AnswerProblem(f"expected text, got {raw!r}")
    text = str(raw).strip()
    if not text:
        if question.required:
            raise AnswerProblem("an answer is required")
        return None
    if len(text) > question.max_length:
        raise AnswerProblem(f"the answer is longer than {question.max_length} characters")
    return text


def _values(question: Question) -> str:
    values = [o.value for o in question.options or []]
    shown = ", ".join(values[:8]) + (", …" if len(values) > 8 else "")
    return shown or "(none)"


# --- conditions -------------------------------------------------------------------


def holds(condition: Condition, answers: dict[str, Any]) -> bool:
    """Evaluate a ``when`` condition on the answers so far (an unanswered question never matches)."""
    if condition.all is not None:
        return all(holds(c, answers) for c in condition.all)
    if condition.any is not None:
        return any(holds(c, answers) for c in condition.any)
    if condition.not_ is not None:
        return not holds(condition.not_, answers)
    assert condition.question is not None
    if answers.get(condition.question) is None:
        return False
    value = answers[condition.question]
    name, operand = condition.operator()
    if name == "equals":
        return bool(value == operand)
    if name == "not_equals":
        return bool(value != operand)
    if name == "in":
        return value in (operand or [])
    if name == "contains":
        return isinstance(value, list) and operand in value
    number = _number(value)
    if number is None:
        return False
    return bool(number >= operand) if name == "at_least" else bool(number <= operand)


def applies(question: Question, answers: dict[str, Any]) -> bool:
    """Whether a question is asked: its condition holds (and, for workspace options, there are some)."""
    if question.options_from is not None and not question.options:
        return False
    return question.when is None or holds(question.when, answers)


# --- sources ----------------------------------------------------------------------


@dataclass
class Layer:
    """One source of answers, with where each came from (for error messages)."""

    name: str
    values: dict[str, Any] = field(default_factory=dict)
    places: dict[str, Problem] = field(default_factory=dict)  # question → place (file, line, col)

    def place(self, qid: str) -> Problem:
        return self.places.get(qid, Problem(self.name, 0, 0, qid))


def parse_data(items: tuple[str, ...] | list[str]) -> Layer:
    """``--data KEY=VALUE`` options."""
    layer = Layer("--data")
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageError(f"{item!r}: expected QUESTION=VALUE, e.g. has-sponsor=yes")
        layer.values[key] = value
        layer.places[key] = Problem("--data", 0, 0, key)
    return layer


def read_answers_file(path: Path) -> AnswersFile:
    """A YAML or JSON file of answers: :func:`rollout.questionnaire.answers_file.read_answers_file`."""
    from rollout.questionnaire.answers_file import read_answers_file as read

    return read(path)


def saved_layer(assessment: Assessment | None, relpath: str) -> Layer:
    layer = Layer(relpath)
    if assessment is not None:
        layer.values = dict(assessment.answers)
        for key in assessment.answers:
            layer.places[key] = Problem(relpath, 0, 0, f"answers.{key}")
    return layer


def check_layer(questionnaire: Questionnaire, layer: Layer) -> dict[str, Any]:
    """Coerce every answer of a layer; unknown questions and misfits are errors with their places."""
    problems: list[Problem] = []
    out: dict[str, Any] = {}
    known = {q.id: q for q in questionnaire.all_questions()}
    for qid, raw in layer.values.items():
        place = layer.place(qid)
        question = known.get(qid)
        if question is None:
            from rollout.workspace.suggestions import closest, meant

            close = closest(qid, known)
            hint = meant([close]) if close else "questions: " + ", ".join(list(known)[:6]) + ", …"
            problems.append(_at(place, f"unknown question {qid!r} in {questionnaire.id} ({hint})"))
            continue
        try:
            out[qid] = coerce(question, raw)
        except AnswerProblem as exc:
            problems.append(_at(place, f"answer to {qid!r} does not fit: {exc.message}"))
    if problems:
        raise AnswersError(problems)
    return out


def _at(place: Problem, message: str) -> Problem:
    return Problem(place.file, place.line, place.col, place.field, message)


# --- the saved file ----------------------------------------------------------------


def ordered(questionnaire: Questionnaire, answers: dict[str, Any]) -> dict[str, Any]:
    """Answers in question order, without unanswered or inapplicable questions."""
    out: dict[str, Any] = {}
    for question in questionnaire.all_questions():
        if question.id in answers and answers[question.id] is not None and applies(question, out):
            out[question.id] = answers[question.id]
    return out


def load_saved(root: Path, questionnaire_id: str, respondent: str) -> Assessment | None:
    """The saved answers of one respondent, if any (validated; errors name the file)."""
    from rollout.workspace import layout
    from rollout.workspace.cache import Source
    from rollout.workspace.loader import _Collector, validate
    from rollout.workspace.yamlsafe import YamlProblem, parse_bytes

    rel = layout.assessment_file(questionnaire_id, respondent)
    path = root / rel
    if not path.is_file():
        return None
    try:
        parsed = parse_bytes(path.read_bytes(), rel)
    except YamlProblem as exc:
        raise LoadError([exc.problem]) from None
    out = _Collector()
    record = validate(Assessment, Source.parsed(rel, parsed), out)
    if record is None:
        raise LoadError(out.problems)
    record.place(rel, ())
    return record


def save(
    root: Path,
    questionnaire: Questionnaire,
    *,
    respondent: str,
    role: str | None,
    unit: str | None,
    day: date,
    answers: dict[str, Any],
    complete: bool,
    source: str | None = None,
) -> str:
    """Write the assessment file atomically; returns its workspace-relative path.

    ``source`` says where the answers came from in the file's header comment (default:
    ``rollout ask``; ``rollout collect`` names the file it read).
    """
    from rollout.workspace import layout
    from rollout.workspace.editing import write_new

    rel = layout.assessment_file(questionnaire.id, respondent)
    record: dict[str, Any] = {
        "questionnaire": questionnaire.id,
        "version": questionnaire.version,
        "respondent": respondent,
    }
    if role:
        record["role"] = role
    if unit:
        record["unit"] = unit
    record["date"] = day
    record["complete"] = complete
    record["answers"] = ordered(questionnaire, answers)
    state = "Answers" if complete else "Answers in progress (resume with --resume)"
    header = (
        f"{state} of {respondent} to '{questionnaire.title}' (version {questionnaire.version}).\n"
        f"Written by {source or f'`rollout ask {questionnaire.id}`'}; "
        f"replay with `rollout ask {questionnaire.id} --answers FILE`."
    )
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    write_new(root, rel, record, header=header, model=Assessment)
    return rel


def check_assessment(ws: Workspace, questionnaire: Questionnaire, assessment: Assessment) -> dict[str, Any]:
    """The answers of a loaded assessment, checked against the questionnaire (errors at file:line)."""
    problems: list[Problem] = []
    out: dict[str, Any] = {}
    for qid, raw in assessment.answers.items():
        question = questionnaire.question(qid)
        if question is None:
            problems.append(ws.problem(assessment, f"unknown question {qid!r} in {questionnaire.id}", "answers", qid))
            continue
        try:
            out[qid] = coerce(question, raw)
        except AnswerProblem as exc:
            problems.append(ws.problem(assessment, f"answer to {qid!r} does not fit: {exc.message}", "answers", qid))
    if problems:
        raise LoadError(problems)
    return out
