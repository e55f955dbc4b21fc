"""The start of the next cycle (``rollout next``).

A new cycle (the next quarter, optionally named; :func:`new_status`: ``running`` once it
has started, else ``planned``) with copies of the
objectives its predecessor's close carried over or refined, and their key
results: new ids (chosen by the facilitator or derived from the old ones),
``carried_from`` pointing at the original, due dates at the new cycle end, the
baseline moved to the value reached (and the "from X" of a key result title with
it), and no check-ins. Key results that were met (:func:`met_key_results`: final
score 1.0, an override to 1.0 included) are done: they stay behind, or come along
as health metrics when the person asks for it (``--met-as-health-metrics``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rollout.errors import UsageError
from rollout.flows.answers import AnswerProblems, field_error
from rollout.flows.carrying import (
    CARRIED,
    carried_id,
    carried_objectives,
    carry_objective,
    close_decisions,
    met_key_results,
)
from rollout.workspace import layout
from rollout.workspace.calendar import following
from rollout.workspace.editing import to_yaml_value
from rollout.workspace.models import MAX_ID_LENGTH, CyclesFile, OkrFile, check_cycle_id, check_slug
from rollout.workspace.references import suggestion
from rollout.workspace.transaction import Transaction
from rollout.workspace.workspace import Workspace


def id_problems(ws: Workspace, cycle_id: str, ids: Mapping[str, str]) -> list[tuple[str, str]]:
    """What is wrong with a mapping of old objective id → new id for ``next``, as ``(old id, message)``.

    The old id must be an objective of ``cycle_id`` that its close carried over or
    refined; the new id must be a valid id, unused in the workspace (with room for
    its key result ids ``<id>-krN``) and not given to another objective.
    """
    objectives = {o.id: o for o in ws.objectives_in(cycle_id)}
    decisions = close_decisions(ws, cycle_id)
    taken = set(ws.objectives) | set(ws.key_results)
    given: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    for old, new in ids.items():
        objective = objectives.get(old)
        decision = decisions.get(old)
        if objective is None:
            hint = suggestion(ws, "objective", old, cycle_id)
            problems.append((old, f"no objective {old!r} in {cycle_id}" + (f"; {hint}" if hint else "")))
            continue
        if decision not in CARRIED:
            was = f"was {decision.replace('_', ' ')}" if decision else "has no decision"
            problems.append(
                (old, f"{old} {was} at the close of {cycle_id}; only carried-over and refined objectives move on")
            )
            continue
        try:
            check_slug(new)
        except ValueError as exc:
            problems.append((old, str(exc)))
            continue
        longest = f"{new}-kr{max(1, len(objective.key_results))}"
        if len(longest) > MAX_ID_LENGTH:
            problems.append((old, f"{new!r} is too long: its key result ids ({longest}) must fit in {MAX_ID_LENGTH}"))
        elif new in taken or any(f"{new}-kr{n}" in taken for n in range(1, len(objective.key_results) + 1)):
            problems.append((old, f"{new!r} is already used in the workspace"))
        elif new in given:
            problems.append((old, f"{new!r} is also the new id of {given[new]}"))
        given[new] = old
    return problems


_OPTION_OF = {"id": "--id", "name": "--name", "start": "--start", "end": "--end"}


def _check_cycle_record(record: dict[str, Any]) -> None:
    """The new cycle checked against the model of ``cycles.yaml`` before anything is planned:
    a mistake is named by the option that gave it (``--id: '2027 Q1' is not a valid cycle
    id …``), never by its place in the file about to be written (``cycles[2].id``)."""
    from pydantic import ValidationError

    from rollout.workspace import messages
    from rollout.workspace.models import Cycle

    try:
        Cycle.model_validate(record)
    except ValidationError as exc:
        found = messages.problems(exc, record)
        listed = "; ".join(
            f"{_OPTION_OF.get(str(path[0]), str(path[0])) if path else 'the new cycle'}: {message}"
            for path, message in found.items()
        )
        raise UsageError(listed) from None


def _check_cycle_name(name: str, source: str) -> None:
    """``name:`` of an answers file checked as ``cycles.yaml`` will check it (length, one line)."""
    from pydantic import ValidationError

    from rollout.workspace import messages
    from rollout.workspace.models import Cycle

    record = {"id": "next-1", "start": date(2000, 1, 1), "end": date(2000, 1, 2), "name": name}
    try:
        Cycle.model_validate(record)
    except ValidationError as exc:
        for path, message in messages.problems(exc, record).items():
            if path[:1] == ("name",):
                raise field_error(source, "name", message) from None


@dataclass(frozen=True)
class NextAnswers:
    """The ``next`` part of an answers file: the new cycle's id and name, and new ids of carried objectives."""

    id: str | None = None
    name: str | None = None
    ids: dict[str, str] = field(default_factory=dict)
    met_as_health: bool = False


def next_answers_from(
    ws: Workspace, cycle_id: str, data: Mapping[str, Any], source: str, problems: AnswerProblems | None = None
) -> NextAnswers:
    """Read an answers file for ``rollout next``::

    id: 2027-Q1                  # default: the quarter after CYCLE
    name: 2027-Q1 (company-wide) # shown instead of the id
    ids:                         # new ids of carried objectives (default: <old id>-<new cycle>)
      hr-driver-hiring: hr-hire-frontline
    met_as_health_metrics: true  # carry met key results as health metrics (default: leave them behind)

    Every mistake is added to ``problems`` (the file's collector, which may hold its shape
    problems) and raised together (:class:`~rollout.errors.LoadError`).
    """
    problems = problems or AnswerProblems(source)
    new_id = data.get("id")
    with problems.each():
        if new_id is not None and not isinstance(new_id, str):
            raise field_error(source, "id", f"{new_id!r} is not a cycle id such as 2027-Q1")
        if new_id is not None:
            try:
                check_cycle_id(new_id)  # here, at its line, not when cycles.yaml is about to be written
            except ValueError as exc:
                raise field_error(source, "id", str(exc)) from None
    name = data.get("name")
    with problems.each():
        if name is not None and (not isinstance(name, str) or not name.strip()):
            raise field_error(source, "name", f"{name!r} is not a name (a line of text)")
        if name is not None:
            _check_cycle_name(name.strip(), source)
    raw = data.get("ids")
    if raw is None:
        raw = {}
    with problems.each():
        if not isinstance(raw, dict):
            raw = {}
            raise field_error(source, "ids", "expected a mapping of old objective id to new id")
    ids: dict[str, str] = {}
    for old, new in raw.items():
        with problems.each():
            if not isinstance(new, str):
                raise field_error(source, f"ids.{old}", f"{new!r} is not an id")
            ids[str(old)] = new
    for old, message in id_problems(ws, cycle_id, ids):
        with problems.each():
            raise field_error(source, f"ids.{old}", message)
    met_as_health = data.get("met_as_health_metrics", False)
    with problems.each():
        if not isinstance(met_as_health, bool):
            raise field_error(source, "met_as_health_metrics", f"{met_as_health!r} is not true or false")
    problems.check()
    assert new_id is None or isinstance(new_id, str)
    assert name is None or isinstance(name, str)
    assert isinstance(met_as_health, bool)
    return NextAnswers(new_id, name.strip() if name else None, ids, met_as_health)


@dataclass(frozen=True)
class NextPlan:
    source: str
    cycle: dict[str, Any]
    files: dict[str, list[dict[str, Any]]]  # unit → objective records
    unlinked: tuple[str, ...]  # new objectives whose parent was not carried
    met: tuple[str, ...] = ()  # key results of carried objectives left behind because they were met
    as_health: tuple[str, ...] = ()  # met key results carried as health metrics
    emptied: tuple[str, ...] = ()  # new objectives with no open key result left (draft new ones)


def plan_next(
    ws: Workspace,
    cycle_id: str,
    new_id: str | None = None,
    *,
    name: str | None = None,
    ids: Mapping[str, str] | None = None,
    check_source: bool = True,
    new_start: date | None = None,
    new_end: date | None = None,
    met_as_health: bool = False,
) -> NextPlan:
    """The next cycle and the objectives carried into it (nothing is written).

    ``name`` names the new cycle; ``ids`` gives carried objectives their new ids
    (old id → new id, checked by :func:`id_problems`); the others get
    ``<old id>-<new cycle>`` (:func:`carried_id`). The new cycle's id and dates continue
    the closed one (:func:`rollout.workspace.calendar.following`) unless given. Met key
    results (:func:`met_key_results`) are not carried as open work: a health metric that held
    comes along as a health metric, and with ``met_as_health`` so do the others that are not
    milestones (a milestone that is done stays done).
    """
    source = ws.cycle(cycle_id)
    if check_source and source.status != "closed":
        raise UsageError(
            f"cycle {cycle_id} is not closed yet",
            hint=f"close it first: `rollout close {cycle_id}` decides what carries over",
        )
    new_id, start, end = following(
        cycle_id, source.start, source.end, new_id=new_id, new_start=new_start, new_end=new_end
    )
    if new_id in ws.cycles:
        raise UsageError(f"cycle {new_id} already exists", hint="its OKRs can be edited with `rollout draft`")
    running = [c for c in ws.cycles.values() if c.status == "running"]
    if running and running[0].start > source.end:
        # A planned cycle is running from its first day (Workspace.running_cycle), whatever
        # cycles.yaml says: name its start, not "still running" (fe24 F11).
        after = running[0]
        raise UsageError(
            f"cycle {after.id} already follows {cycle_id}: it started on {after.start}",
            hint=f"add to or change its OKRs with `rollout draft --cycle {after.id}`",
        )
    if running:
        raise UsageError(
            f"cycle {running[0].id} is still running", hint=f"close it first with `rollout close {running[0].id}`"
        )
    if name is not None and not name.strip():
        raise UsageError("the name of the new cycle is empty", hint="leave it out to show the cycle id")
    ids = dict(ids or {})
    for old, message in id_problems(ws, cycle_id, ids):
        raise UsageError(f"new id for {old}: {message}")
    cycle_record: dict[str, Any] = {"id": new_id}
    if name is not None:
        cycle_record["name"] = name.strip()
    cycle_record |= {"start": start, "end": end, "status": new_status(ws, start)}
    if source.checkin_weekday != "monday":
        cycle_record["checkin_weekday"] = source.checkin_weekday
    if source.review_cadence != "monthly":
        cycle_record["review_cadence"] = source.review_cadence
    _check_cycle_record(cycle_record)
    carried = carried_objectives(ws, cycle_id)
    taken = set(ws.objectives) | set(ws.key_results) | set(ids.values())
    new_ids = {o.id: ids.get(o.id) or carried_id(o.id, new_id, taken) for o in carried}
    files: dict[str, list[dict[str, Any]]] = {}
    unlinked = []
    met = met_key_results(ws, cycle_id)
    left: list[str] = []
    health: list[str] = []
    emptied: list[str] = []
    for objective in carried:
        parent = new_ids.get(objective.parent or "")
        if objective.parent and parent is None:
            unlinked.append(new_ids[objective.id])
        last = {kr.id: (c.value if (c := ws.latest_checkin(kr.id)) else None) for kr in objective.key_results}
        done = [kr.id for kr in objective.key_results if kr.id in met]
        # A health metric that held keeps guarding (fe24 F4: it was left behind as "met" while
        # one that broke came along); with met_as_health, every met key result but a milestone.
        kept_as_health = [
            kr.id
            for kr in objective.key_results
            if kr.id in met and (met_as_health or kr.health_metric) and kr.direction != "milestone"
        ]
        left += [k for k in done if k not in kept_as_health]
        health += kept_as_health
        record = carry_objective(
            objective.model_dump(mode="python", exclude_defaults=True),
            new_id=new_ids[objective.id],
            due=end,
            last_values=last,
            parent=parent,
            met=done,
            as_health=kept_as_health,
        )
        if objective.key_results and not record["key_results"]:
            emptied.append(new_ids[objective.id])
        files.setdefault(objective.unit, []).append(record)
    return NextPlan(cycle_id, cycle_record, files, tuple(unlinked), tuple(left), tuple(health), tuple(emptied))


def new_status(ws: Workspace, start: date) -> str:
    """``running`` when the new cycle has started by today (as-of), else ``planned``.

    The rule of the import (:meth:`rollout.transfer.resolving.Resolver.running_cycles`: a new
    cycle is running when its dates hold today). A planned cycle becomes running on its first
    day without anything written: :meth:`Workspace.running_cycle` takes the cycle marked
    running, else the (not closed) one whose dates hold today, and every door (``status``,
    ``checkin``, the forms, the home page) asks it. A new cycle whose start has passed is
    marked running even when its end has passed too (a very late ``next``): it must still
    be closed, as a running cycle that ended.
    """
    return "running" if start <= ws.today else "planned"


def start_next(
    root: Path,
    ws: Workspace,
    cycle_id: str,
    new_id: str | None = None,
    *,
    name: str | None = None,
    ids: Mapping[str, str] | None = None,
    new_start: date | None = None,
    new_end: date | None = None,
    met_as_health: bool = False,
) -> NextPlan:
    """Create the next cycle (running or planned: :func:`new_status`) with the carried objectives; no check-ins.

    ``name``, ``ids``, ``new_start``, ``new_end`` and ``met_as_health`` as in :func:`plan_next`.
    """
    plan = plan_next(
        ws, cycle_id, new_id, name=name, ids=ids, new_start=new_start, new_end=new_end, met_as_health=met_as_health
    )
    for unit, records in plan.files.items():
        OkrFile.model_validate({"objectives": records})
        if (root / layout.okr_file(plan.cycle["id"], unit)).exists():
            raise UsageError(f"{layout.okr_file(plan.cycle['id'], unit)} already exists; move it away first")
    # One transaction: the new cycle and its OKR files appear together or not at all (a kill
    # between them left OKR files of a cycle that cycles.yaml did not list, and nothing loaded).
    with Transaction(root) as tx:
        for unit, records in plan.files.items():
            relpath = layout.okr_file(plan.cycle["id"], unit)
            header = f"OKRs of {unit} for {plan.cycle['id']} (carried from {cycle_id}; refine with `rollout draft`)."
            with tx.edit(relpath, model=OkrFile, header=header) as doc:
                doc["objectives"] = to_yaml_value(records)
        with tx.edit("cycles.yaml", model=CyclesFile) as doc:
            if doc.get("cycles") is None:
                doc["cycles"] = to_yaml_value([])
            doc["cycles"].append(to_yaml_value(plan.cycle))
        tx.commit()
    return plan
