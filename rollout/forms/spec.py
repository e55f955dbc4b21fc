"""What a form shows, worked out once from the same sources as the terminal flows.

A questionnaire form is made from the questionnaire model (:mod:`rollout.questionnaire.model`)
bound to the workspace (``options_from`` filled with its units by
:func:`rollout.questionnaire.loader.bind`), so the site form, the paper sheet and
``rollout ask`` ask the same questions, with the same kinds, options, help, defaults,
bounds and ``when`` conditions. Conditions travel to the page's script as JSON with the
questionnaire file's own keys (``question``, ``equals``, ``in``, ``all``, ``not``, …);
``site/forms.js`` evaluates them with the rules of
:func:`rollout.questionnaire.answers.holds` (an unanswered question never matches).

A check-in form lists the key results of one unit in the running cycle with last
week's check-in, as :func:`rollout.flows.checkin.plan_checkin` plans them for
``rollout checkin``; its values are read back by the same CSV reader as
``rollout checkin --csv``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from rollout.questionnaire.answers import AnswerProblem, coerce

if TYPE_CHECKING:
    from rollout.forms.people import FewPeople
    from rollout.questionnaire.model import Question, Questionnaire, Section
    from rollout.workspace.models import Cycle
    from rollout.workspace.workspace import Workspace

RADIO_MAX = 8
"""A single-choice question with more options than this is a drop-down list (units, say)."""

CHECKIN_COLUMNS = ("unit", "cycle", "kr", "key_result", "value", "confidence", "note", "date", "author")
"""Columns of the check-in file the forms download (``rollout checkin --csv`` reads kr, value,
confidence, note, date and author; ``rollout collect`` also uses unit and cycle)."""


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    help: str | None = None
    checked: bool = False


@dataclass(frozen=True)
class FormQuestion:
    """One question as a form field: ``widget`` is radio, select, checkbox, number, text or textarea."""

    id: str
    kind: str
    widget: str
    text: str
    number: str  # "3" within its section, for people who talk about "question 3"
    help: str | None
    required: bool
    instruction: str | None
    choices: tuple[Choice, ...] = ()
    value: str = ""  # default of a number or text field
    min: float | None = None
    max: float | None = None
    step: str = "any"
    unit: str | None = None
    max_length: int = 2000
    when: str = ""  # the condition as JSON, "" when always asked
    when_text: str = ""  # the condition in words (paper sheets: "answer if …")


@dataclass(frozen=True)
class FormSection:
    id: str
    title: str
    intro: str | None
    questions: tuple[FormQuestion, ...]


class PersonChoice(NamedTuple):
    """One person in a form's list of names (immutable)."""

    id: str
    name: str
    unit: str
    title: str


@dataclass
class QuestionnaireForm:
    """A questionnaire as a form: ``path`` is ``forms/<id>.html`` relative to the build folder."""

    id: str
    version: int
    title: str
    intro: str | None
    audience: str | None
    sections: list[FormSection]
    units: list[Choice]
    organization: str

    @property
    def path(self) -> str:
        return f"forms/{self.id}.html"

    @property
    def sheet(self) -> str:
        return f"forms/{self.id}.pdf"

    @property
    def question_count(self) -> int:
        return sum(len(s.questions) for s in self.sections)


class CheckinRow(NamedTuple):
    """One key result of a check-in form (immutable).

    A named tuple rather than a frozen dataclass: 14,047 rows (2,000 teams) took 0.018–0.032 s to
    make as frozen dataclasses, 0.008 s as named tuples (best of 9, twice, this shared 2-core
    machine, 2026-11-29); the people lists' :class:`PersonChoice` (15,000 people) likewise."""

    kr: str
    title: str
    objective: str
    scale: str  # "from 9 to 4 hours", "milestone: 1 = done, 0 = not yet"
    last: str  # "last 7 hours on 17 Nov, confidence 6" or "no check-in yet"
    last_value: str
    unit_of_measure: str
    milestone: bool
    owner: str


@dataclass
class CheckinForm:
    """The weekly check-in of one unit: ``path`` is ``forms/checkin-<unit>.html``."""

    unit: str
    unit_name: str
    cycle: str
    cycle_title: str
    start: date
    end: date  # the last day a check-in may carry (the cycle's end: rollout.flows.entry_dates)
    owner: str
    rows: list[CheckinRow]
    people: list[PersonChoice]
    organization: str
    objectives: list[tuple[str, list[CheckinRow]]] = field(default_factory=list)
    as_of: date | None = None  # ``as_of`` of rollout.yaml: the form's "today" (else the browser's date)

    @property
    def last_day(self) -> date:
        """The last day the form's date may take: the earlier of ``end`` and ``as_of`` (``end`` without as-of:
        the browser then narrows it to its own date, ``site/forms.js``)."""
        return min(self.end, self.as_of) if self.as_of is not None else self.end

    @property
    def path(self) -> str:
        return f"forms/checkin-{self.unit}.html"

    @property
    def sheet(self) -> str:
        return f"forms/checkin-{self.unit}.pdf"


# --- questionnaires -------------------------------------------------------------------


def people_choices(ws: Workspace) -> list[PersonChoice]:
    """Everyone in people.yaml still with the organization (``left`` not reached), by name:
    the respondent and author lists."""
    today = ws.today
    people = [PersonChoice(p.id, p.name, p.unit or "", p.title or "") for p in ws.people.values() if p.active_on(today)]
    return sorted(people, key=lambda p: (p.name.casefold(), p.id))


def unit_choices(ws: Workspace) -> list[Choice]:
    """Every unit that exists today (set up, not archived), in units.yaml order."""
    today = ws.today
    return [Choice(u.id, u.name) for u in ws.units.values() if u.exists_on(today)]


def questionnaire_forms(ws: Workspace) -> tuple[list[QuestionnaireForm], list[str]]:
    """A form per questionnaire (bundled and the workspace's own), bound to the workspace, and
    the problems of questionnaire files that cannot be read (``file:line:col: field: message``;
    their forms are left out, the others are made)."""
    from rollout.errors import LoadError
    from rollout.questionnaire.loader import available, bind, read

    units = unit_choices(ws)
    forms, problems = [], []
    for qid, path in sorted(available(ws.root).items()):
        try:
            questionnaire = read(path, f"questionnaires/{path.name}")
        except LoadError as exc:
            problems += [f"forms/{qid}.html not made: {p}" for p in exc.problems]
            continue
        forms.append(questionnaire_form(bind(questionnaire, ws), units, ws.settings.organization))
    return forms, problems


def questionnaire_form(questionnaire: Questionnaire, units: list[Choice], organization: str) -> QuestionnaireForm:
    """The form of one questionnaire (bound to the workspace: ``options_from`` filled in)."""
    sections = [_section(questionnaire, s) for s in questionnaire.all_sections()]
    return QuestionnaireForm(
        id=questionnaire.id,
        version=questionnaire.version,
        title=questionnaire.title,
        intro=questionnaire.intro,
        audience=questionnaire.audience,
        sections=[s for s in sections if s.questions],
        units=units,
        organization=organization,
    )


def _section(questionnaire: Questionnaire, section: Section) -> FormSection:
    shown = []
    for number, question in enumerate(section.questions, start=1):
        if question.options_from is not None and not question.options:
            continue  # options from the workspace, and it has none: never asked (answers.applies)
        shown.append(form_question(questionnaire, question, str(number)))
    return FormSection(section.id, section.title, section.intro, tuple(shown))


def _default(question: Question) -> Any:
    if question.default is None:
        return None
    try:
        return coerce(question, question.default)
    except AnswerProblem:  # the model checks defaults; kept safe for hand-made models
        return None


def form_question(questionnaire: Questionnaire, question: Question, number: str) -> FormQuestion:
    """The form field of one question (see :class:`FormQuestion`)."""
    from rollout.forms.wording import condition_text
    from rollout.questionnaire.prompts import instruction_for

    kind = question.kind
    default = _default(question)
    common: dict[str, Any] = {
        "id": question.id,
        "kind": kind,
        "text": question.text,
        "number": number,
        "help": question.help,
        "required": question.required,
        "instruction": None,
        "when": condition_json(question),
        "when_text": condition_text(questionnaire, question),
    }
    if kind == "likert":
        labels = question.anchor_labels(questionnaire.anchors)
        choices = tuple(
            Choice(str(n), f"{n} · {labels[n]}" if n in labels else str(n), None, default == n) for n in range(1, 6)
        )
        return FormQuestion(widget="radio", choices=choices, **common)
    if kind == "yes_no":
        choices = (Choice("yes", "Yes", None, default is True), Choice("no", "No", None, default is False))
        return FormQuestion(widget="radio", choices=choices, **common)
    if kind in ("single", "multiple"):
        chosen = set(default) if isinstance(default, list) else {default}
        choices = tuple(Choice(o.value, o.label, o.help, o.value in chosen) for o in question.options or [])
        if kind == "multiple":
            hint = "Tick all that apply." if question.required else "Tick all that apply, or none."
            return FormQuestion(widget="checkbox", choices=choices, **{**common, "instruction": hint})
        widget = "radio" if len(choices) <= RADIO_MAX else "select"
        return FormQuestion(widget=widget, choices=choices, **common)
    if kind == "number":
        value = "" if default is None else f"{default:g}"
        return FormQuestion(
            widget="number",
            value=value,
            min=question.min,
            max=question.max,
            step="1" if question.integer else "any",
            unit=question.unit,
            **{**common, "instruction": instruction_for(question)},
        )
    return FormQuestion(
        widget="textarea" if question.multiline else "text",
        value="" if default is None else str(default),
        max_length=question.max_length,
        **common,
    )


def condition_json(question: Question) -> str:
    """The ``when`` condition as JSON with the file's keys (``in``, ``not``), or ``""``."""
    if question.when is None:
        return ""
    data = question.when.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# --- check-ins --------------------------------------------------------------------------


class People:
    """Everyone by name, indexed once: by id, and by the unit they belong to."""

    def __init__(self, ws: Workspace) -> None:
        self.everyone = people_choices(ws)
        self.rank = {p.id: n for n, p in enumerate(self.everyone)}
        self.members: dict[str, list[PersonChoice]] = {}
        for person in self.everyone:
            self.members.setdefault(person.unit, []).append(person)

    def among(self, ids: set[str]) -> list[PersonChoice]:
        """The people with these ids, by name (unknown ids are left out)."""
        ranks = sorted(self.rank[i] for i in ids if i in self.rank)
        return [self.everyone[n] for n in ranks]

    def authors(self, unit_id: str, ids: set[str]) -> list[PersonChoice]:
        """The members of unit ``unit_id`` and the people with these ids, by name."""
        return self.among({p.id for p in self.members.get(unit_id, [])} | ids)


# The People of the last workspace asked for, by the content hash of its people.yaml and as-of
# (nothing else decides it). Sorting and indexing 15,000 people took 0.05 s of each `rollout serve`
# rebuild after one check-in on 2,000 teams, to render the one check-in form that changed
# (cProfile, this machine); a rebuild whose people.yaml did not change reuses them.
_PEOPLE: tuple[tuple[str, date], People] | None = None


def people_of(ws: Workspace) -> People:
    """:class:`People` of ``ws`` (made once per people.yaml content and as-of; see ``_PEOPLE``)."""
    global _PEOPLE
    source = ws.sources.get("people.yaml")
    if source is None:  # a workspace made in memory: no hash to trust
        return People(ws)
    key = (source.sha, ws.today)
    if _PEOPLE is None or _PEOPLE[0] != key:
        _PEOPLE = (key, People(ws))
    return _PEOPLE[1]


def checkin_form(ws: Workspace, cycle: Cycle, unit_id: str, people: People | FewPeople) -> CheckinForm:
    """The check-in form of one unit. Who may check in: the unit's members, its owner and the
    owners of its objectives and key results (everyone would make a page per unit as large as
    the company: 15,000 names on each of 2,200 pages for 2,000 teams)."""
    from rollout.flows.checkin import describe, plan_checkin
    from rollout.flows.entry_dates import checkin_bounds
    from rollout.tabular import format_number

    rows = []
    by_objective: dict[str, list[CheckinRow]] = {}
    titles: dict[str, str] = {}
    everyone = ws.people
    for item in plan_checkin(ws, unit_id, cycle):
        kr, objective = item.kr, item.objective
        scale, _sep, last = describe(item).partition(" · ")
        owner = everyone.get(kr.owner) if kr.owner else None
        row = CheckinRow(
            kr.id,
            kr.title,
            objective.title,
            scale,
            last,
            # exact (``:g`` would turn 1234567 into 1.23457e+06, and an empty value keeps this one)
            format_number(item.last.value) if item.last is not None else "",
            kr.unit_of_measure or "",
            kr.direction == "milestone",
            owner.name if owner is not None else "",
        )
        rows.append(row)
        group = by_objective.get(objective.id)
        if group is None:
            group = by_objective[objective.id] = []
            titles[objective.id] = objective.title
        group.append(row)
    unit = ws.units[unit_id]
    chosen: set[str] = set()
    for objective in ws.objectives_in(cycle.id, unit_id):
        chosen |= {kr.owner for kr in objective.key_results if kr.owner} | (
            {objective.owner} if objective.owner else set()
        )
    if unit.owner:
        chosen.add(unit.owner)
    authors = people.authors(unit_id, chosen)
    start, end, as_of = checkin_bounds(ws, cycle)
    return CheckinForm(
        unit=unit_id,
        unit_name=unit.name,
        cycle=cycle.id,
        cycle_title=cycle.name or cycle.id,
        start=start,
        end=end,
        owner=unit.owner or "",
        rows=rows,
        people=authors,
        organization=ws.settings.organization,
        objectives=[(titles[o], r) for o, r in by_objective.items()],
        as_of=as_of,
    )
