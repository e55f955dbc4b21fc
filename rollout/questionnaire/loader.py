"""Finding and reading questionnaires: bundled ones, and a workspace's own.

The tool ships questionnaires in its ``questionnaires/`` data folder; a workspace
may hold its own in ``<workspace>/questionnaires/<id>.yaml``, which override a
bundled questionnaire of the same id or add new ones. Files are read with the
safe YAML reader (positions kept), validated by :class:`Questionnaire`, then
checked as a whole (references between questions, dimensions, strategies); every
problem names ``file:line:col`` and the field.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rollout.errors import LoadError, Problem, UsageError
from rollout.plural import plural
from rollout.questionnaire.model import STRATEGY_ORDER, Questionnaire

if TYPE_CHECKING:
    from rollout.workspace import Workspace

Path_ = tuple[str | int, ...]


class QuestionnaireError(LoadError):
    """Problems in questionnaire files (or answers files), each with its place."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__(problems)
        count = len(self.problems)
        self.message = f"{plural(count, 'problem')} in questionnaire files"
        self.args = (self.message,)


@dataclass(frozen=True)
class Entry:
    """A questionnaire and where it comes from."""

    questionnaire: Questionnaire
    path: Path
    origin: str  # "bundled" or "workspace"
    overrides: bool = False


def bundled_dir() -> Path:
    from rollout.resources import data_dir

    return data_dir("questionnaires")


def _local_dir(root: Path | None) -> Path | None:
    if root is None:
        return None
    from rollout.workspace import layout

    folder = root / layout.LOCAL_QUESTIONNAIRES
    return folder if folder.is_dir() else None


def _files(folder: Path | None) -> dict[str, Path]:
    if folder is None:
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.yaml")) if not p.name.startswith(".")}


def _local_files(root: Path | None) -> dict[str, Path]:
    """The workspace's own questionnaire files; one that is (or lies behind) a link out of it is refused.

    Raises :class:`QuestionnaireError` naming each such file: nothing outside the workspace is read.
    """
    from rollout.workspace import layout

    files = _files(_local_dir(root))
    if root is None:
        return files
    outside = [path for path in files.values() if layout.escapes(root, path)]
    if outside:
        raise QuestionnaireError(
            [Problem(f"{layout.LOCAL_QUESTIONNAIRES}/{path.name}", 0, 0, "", layout.OUTSIDE) for path in outside]
        )
    return files


# Checked questionnaires by (path, display name, file bytes). One build reads the same few
# files several times (the readiness report of each phase and of the next units, the forms,
# validate); parsing and checking them again cost 0.06 s of a 0.85 s `rollout serve` rebuild
# on 2,000 teams (cProfile, this machine). Keyed on the bytes, so an edited file is read
# afresh; callers never change a Questionnaire in place (`bind` copies).
_CHECKED: dict[tuple[Path, str, bytes], Questionnaire] = {}


def read(path: Path, name: str | None = None) -> Questionnaire:
    """Read and check one questionnaire file; :class:`LoadError` lists every problem."""
    name = name or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise QuestionnaireError([Problem(name, 0, 0, "", f"cannot read: {exc.strerror}")]) from None
    key = (path, name, data)
    if key not in _CHECKED:
        if len(_CHECKED) >= 64:
            _CHECKED.clear()
        _CHECKED[key] = _check(path, name, data)
    return _CHECKED[key]


def _check(path: Path, name: str, data: bytes) -> Questionnaire:
    from rollout.workspace.cache import Source
    from rollout.workspace.loader import _Collector, validate
    from rollout.workspace.yamlsafe import YamlProblem, parse_bytes

    try:
        parsed = parse_bytes(data, name)
    except YamlProblem as exc:
        raise QuestionnaireError([exc.problem]) from None
    if not isinstance(parsed.data, dict):
        raise QuestionnaireError(
            [Problem(name, 1, 1, "", "a questionnaire file holds a mapping (id, version, title, …)")]
        )
    source = Source.parsed(name, parsed)
    out = _Collector()
    questionnaire = validate(Questionnaire, source, out)
    if questionnaire is None:
        raise QuestionnaireError(out.problems)
    problems = [Problem(name, *source.locate(p), _field(p), message) for p, message in check_references(questionnaire)]
    if questionnaire.id != path.stem:
        problems.append(
            Problem(
                name, *source.locate(("id",)), "id", f"id {questionnaire.id!r} must match the file name {path.stem!r}"
            )
        )
    if problems:
        raise QuestionnaireError(problems)
    return questionnaire


def _field(path: Path_) -> str:
    from rollout.workspace.loader import field_name

    return field_name(path)


def check_references(q: Questionnaire) -> list[tuple[Path_, str]]:
    """What the model alone cannot check: ids, order of conditions, dimensions, strategies."""
    from rollout.questionnaire.answers import AnswerProblem, coerce

    out: list[tuple[Path_, str]] = []
    seen: dict[str, Any] = {}
    sections = q.all_sections()
    section_ids = [s.id for s in sections]
    for i, sid in enumerate(section_ids):
        if sid in section_ids[:i]:
            out.append((("sections", i, "id"), f"duplicate section id {sid!r}"))
    dimensions = {d.id for d in q.dimensions}
    used_dimensions: set[str] = set()
    for question in q.all_questions():
        path = q.question_path(question.id)
        if question.id in seen:
            out.append(((*path, "id"), f"duplicate question id {question.id!r}"))
            continue
        if question.dimension is not None:
            used_dimensions.add(question.dimension)
            if question.dimension not in dimensions:
                known = ", ".join(sorted(dimensions)) or "none declared under `dimensions`"
                out.append(((*path, "dimension"), f"unknown dimension {question.dimension!r} (known: {known})"))
        if question.when is not None:
            out += _check_condition(question.when, seen, (*path, "when"), coerce, AnswerProblem)
        seen[question.id] = question
    for i, dim in enumerate(q.dimensions):
        if dim.id not in used_dimensions:
            out.append((("dimensions", i, "id"), f"no question scores dimension {dim.id!r}"))
        if not q.bands_for(dim):
            out.append(
                (("dimensions", i), f"dimension {dim.id!r} has no bands (add `bands` or result.dimension_bands)")
            )
    dim_ids = [d.id for d in q.dimensions]
    for i, did in enumerate(dim_ids):
        if did in dim_ids[:i]:
            out.append((("dimensions", i, "id"), f"duplicate dimension id {did!r}"))
    result = q.result
    if q.dimensions and not result.overall_bands:
        out.append((("result",), "a scored questionnaire needs result.overall_bands"))
    strategies = {s.id for s in result.strategies}
    for i, band in enumerate(result.overall_bands):
        if band.strategy is not None and band.strategy not in strategies:
            out.append(
                (("result", "overall_bands", i, "strategy"), f"strategy {band.strategy!r} is not in result.strategies")
            )
    for i, gate in enumerate(result.gates):
        if gate.dimension not in dimensions:
            out.append((("result", "gates", i, "dimension"), f"unknown dimension {gate.dimension!r}"))
        if gate.strategy not in strategies:
            out.append((("result", "gates", i, "strategy"), f"strategy {gate.strategy!r} is not in result.strategies"))
    if result.disagreement_strategy is not None and result.disagreement_strategy not in strategies:
        out.append(
            (
                ("result", "disagreement_strategy"),
                f"strategy {result.disagreement_strategy!r} is not in result.strategies",
            )
        )
    if result.pilot_question is not None:
        pq = q.question(result.pilot_question)
        if pq is None:
            out.append((("result", "pilot_question"), f"unknown question {result.pilot_question!r}"))
        elif pq.options_from is None:
            out.append(
                (("result", "pilot_question"), "the pilot question must take its options from the workspace units")
            )
        elif pq.options_from not in ("departments", "units"):
            out.append((("result", "pilot_question"), "the pilot question must offer departments or units"))
    order = [s.id for s in result.strategies]
    if order != sorted(order, key=STRATEGY_ORDER.index):
        out.append((("result", "strategies"), f"list strategies in the order {', '.join(STRATEGY_ORDER)}"))
    return out


def _check_condition(
    condition: Any, seen: dict[str, Any], path: Path_, coerce: Any, problem_type: type[Exception]
) -> list[tuple[Path_, str]]:
    out: list[tuple[Path_, str]] = []
    if condition.question is None:
        for key in ("all", "any"):
            for i, child in enumerate(getattr(condition, key) or []):
                out += _check_condition(child, seen, (*path, key, i), coerce, problem_type)
        if condition.not_ is not None:
            out += _check_condition(condition.not_, seen, (*path, "not"), coerce, problem_type)
        return out
    target = seen.get(condition.question)
    if target is None:
        return [((*path, "question"), f"`when` must refer to an earlier question; {condition.question!r} is not one")]
    name, operand = condition.operator()
    kind = target.kind
    if name in ("at_least", "at_most") and kind not in ("number", "likert"):
        out.append(((*path, name), f"`{name}` compares numbers; {condition.question!r} is a {kind} question"))
    elif name == "contains":
        if kind != "multiple":
            out.append(((*path, name), f"`contains` tests a multiple-choice answer; {condition.question!r} is {kind}"))
        elif target.options is not None and target.option(operand) is None:
            out.append(((*path, name), f"{operand!r} is not an option of {condition.question!r}"))
    elif name in ("equals", "not_equals", "in"):
        operands = operand if name == "in" else [operand]
        if name == "in" and not isinstance(operand, list):
            return [((*path, name), "`in` takes a list of answers")]
        for value in operands:
            if target.options_from is not None:
                continue
            try:
                fitted = coerce(target, value)
            except problem_type as exc:
                out.append(((*path, name), f"{value!r} can never be an answer to {condition.question!r}: {exc}"))
                continue
            if fitted != value:
                out.append(((*path, name), f"write the answer as {fitted!r} (the stored form), not {value!r}"))
    return out


# --- lookup -------------------------------------------------------------------------


def available(root: Path | None = None) -> dict[str, Path]:
    """Every questionnaire id → file, workspace files overriding bundled ones."""
    return {**_files(bundled_dir()), **_local_files(root)}


def entries(root: Path | None = None) -> list[Entry]:
    """All questionnaires, read and checked (a broken file raises with its problems)."""
    bundled = _files(bundled_dir())
    local = _local_files(root)
    problems: list[Problem] = []
    out: list[Entry] = []
    for qid, path in sorted({**bundled, **local}.items()):
        origin = "workspace" if qid in local else "bundled"
        try:
            questionnaire = read(path, _display(path, root))
        except LoadError as exc:
            problems += exc.problems
            continue
        out.append(Entry(questionnaire, path, origin, overrides=origin == "workspace" and qid in bundled))
    if problems:
        raise QuestionnaireError(problems)
    return out


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return f"questionnaires/{path.name}" if path.parent == bundled_dir() else str(path)


def get(questionnaire_id: str, root: Path | None = None) -> Questionnaire:
    """One questionnaire by id (the workspace's own first); unknown ids name the known ones."""
    files = available(root)
    path = files.get(questionnaire_id)
    if path is None:
        known = ", ".join(sorted(files)) or "none"
        raise UsageError(
            f"unknown questionnaire {questionnaire_id!r} (known: {known})",
            hint="`rollout questionnaires` lists them; add your own as questionnaires/<id>.yaml in the workspace",
        )
    return read(path, _display(path, root))


def bind(questionnaire: Questionnaire, ws: Workspace | None) -> Questionnaire:
    """Fill questions whose options come from the workspace (``options_from``) with its units."""
    from rollout.questionnaire.model import Option

    if not any(q.options_from for q in questionnaire.all_questions()):
        return questionnaire

    def options(kind: str) -> list[Option]:
        if ws is None:
            return []
        if kind == "cycles":
            return [Option(value=c.id, label=c.name or c.id) for c in ws.cycles.values()]
        if kind == "phases":
            return [Option(value=p.id, label=p.name) for p in ws.phases.values()]
        units: Iterable[Any] = ws.units.values()
        if kind == "departments":
            units = [u for u in units if u.kind == "department"]
        return [Option(value=u.id, label=u.name) for u in units]

    def fix(question: Any) -> Any:
        if question.options_from is None:
            return question
        return question.model_copy(update={"options": options(question.options_from)})

    if questionnaire.sections is not None:
        sections = [s.model_copy(update={"questions": [fix(q) for q in s.questions]}) for s in questionnaire.sections]
        return questionnaire.model_copy(update={"sections": sections})
    return questionnaire.model_copy(update={"questions": [fix(q) for q in questionnaire.questions or []]})
