"""End of a cycle (``rollout close``) and the start of the next (``rollout next``).

Close: every key result gets a final score computed from its last check-in on
or before the earlier of the cycle end and as-of (:func:`plan_close`, with the
figures of :mod:`rollout.metrics.figures`: check-ins after the cycle or after
as-of never count, a held health metric is 1.0, an unmeasured key result 0.0).
Scores may be overridden with a required reason, lessons are recorded, and each
objective gets a decision (completed, carried over, refined, dropped). The
results go to ``reviews/<cycle>/<unit>.yaml`` and the cycle is marked closed in
``cycles.yaml``, both edited round-trip.

The ``score:`` written is rounded to two places for people reading the file;
no figure is computed from it while the key result has check-ins (the figures
recompute the unrounded score), so closing never changes a score: only an
``override:`` does.

Next: a new running cycle (the next quarter, optionally named) with copies of
the carried-over and refined objectives and their key results: new ids (chosen
by the facilitator or derived from the old ones), ``carried_from`` pointing at
the original, due dates at the new cycle end, the baseline moved to the value
reached (and the "from X" of a key result title with it), and no check-ins.
Refined objectives are then reworded with ``rollout draft``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rollout.errors import UsageError
from rollout.flows.answers import as_float, as_str_list, field_error, fresh_date
from rollout.metrics.figures import checkins_used, score_value, scoring_window
from rollout.plural import noun
from rollout.workspace import editing, layout
from rollout.workspace.calendar import following
from rollout.workspace.models import (
    MAX_ID_LENGTH,
    CyclesFile,
    KeyResultScore,
    Objective,
    ObjectiveDecision,
    OkrFile,
    ReviewFile,
    check_slug,
)
from rollout.workspace.workspace import Workspace

DECISIONS = ("completed", "carried_over", "refined", "dropped")
CARRIED = ("carried_over", "refined")
_CYCLE_SUFFIX = re.compile(r"-[a-z0-9]+-(?:q[1-4]|h[12]|t[1-3])\Z")


# --- scores -------------------------------------------------------------------------


def final_score(
    direction: str | None,
    baseline: float | None,
    target: float | None,
    value: float | None,
    health_metric: bool = False,
) -> float:
    """The end-of-cycle score of one key result at ``value`` (unrounded); 0.0 when it cannot be computed.

    :func:`rollout.metrics.figures.score_value`, with an unmeasured key result at 0.0
    (:func:`rollout.metrics.figures.final_score`).
    """
    score = score_value(direction, baseline, target, value, health_metric)
    return score if score is not None else 0.0


def final_scores(
    values: Iterable[tuple[str, str | None, float | None, float | None, float | None]],
    overrides: Mapping[str, tuple[float, str]] | None = None,
    health_metrics: Collection[str] = (),
) -> list[dict[str, Any]]:
    """Score entries for ``reviews/`` from ``(kr, direction, baseline, target, last value)`` tuples.

    ``overrides`` maps a key result id to ``(score, reason)``; the reason is required.
    ``health_metrics``: ids of key results that are health metrics (held 1.0, broken 0.0).
    The ``score`` written is rounded to 2 places for reading only (see the module docstring).
    """
    overrides = overrides or {}
    out: list[dict[str, Any]] = []
    for kr, direction, baseline, target, value in values:
        score = final_score(direction, baseline, target, value, kr in health_metrics)
        entry: dict[str, Any] = {"kr": kr, "score": round(score, 2)}
        if kr in overrides:
            score, reason = overrides[kr]
            if not 0.0 <= score <= 1.0:
                raise UsageError(f"override of {kr}: {score} is not a score between 0.0 and 1.0")
            if not reason.strip():
                raise UsageError(f"override of {kr}: a reason is required")
            entry["override"] = round(score, 2)
            entry["reason"] = reason.strip()
        out.append(entry)
    return out


@dataclass(frozen=True)
class ScoreLine:
    """One key result at the end of a cycle, as shown before overrides."""

    kr: str
    title: str
    objective: str
    unit: str
    value: float | None
    score: float


def plan_close(ws: Workspace, cycle_id: str) -> list[ScoreLine]:
    """Every key result of the cycle with its last value and computed final score, unit by unit.

    The value is the last check-in on or before the earlier of the cycle end and
    as-of (:func:`rollout.metrics.figures.checkins_used`); the score is unrounded.
    """
    cycle = ws.cycle(cycle_id)
    start, last_day = scoring_window(cycle, ws.today)
    if cycle.status == "closed":
        raise UsageError(
            f"cycle {cycle_id} is already closed",
            hint=f"its scores are in reviews/{cycle_id}/; start the next cycle with `rollout next {cycle_id}`",
        )
    lines = []
    for unit in ws.units_in(cycle_id):
        for objective in ws.objectives_in(cycle_id, unit):
            for kr in objective.key_results:
                used = checkins_used(ws.checkins.get(kr.id) or (), start, last_day)
                value = used[-1].value if used else None
                score = final_score(kr.direction, kr.baseline, kr.target, value, kr.health_metric)
                lines.append(ScoreLine(kr.id, kr.title, objective.id, unit, value, score))
    if not lines:
        raise UsageError(f"cycle {cycle_id} has no key results to score", hint="draft OKRs with `rollout draft`")
    return lines


@dataclass
class CloseAnswers:
    """What the facilitator decided at the end of a cycle."""

    overrides: dict[str, tuple[float, str]] = field(default_factory=dict)
    decisions: dict[str, tuple[str, str]] = field(default_factory=dict)  # objective → (decision, note)
    lessons: dict[str, list[str]] = field(default_factory=dict)  # unit → lessons


@dataclass(frozen=True)
class CloseResult:
    cycle: str
    files: tuple[str, ...]
    scored: int
    overridden: int
    decisions: dict[str, int]


def close_answers_from(ws: Workspace, cycle_id: str, data: Mapping[str, Any], source: str) -> CloseAnswers:
    """Read the ``close`` part of an answers file.

    ``overrides``: a list of ``{kr, score, reason}``; ``decisions``: a mapping of
    objective id to a decision or to ``{decision, note}``; ``default_decision``:
    for objectives not listed; ``lessons``: a list (for the company) or a mapping
    of unit id to a list.
    """
    answers = CloseAnswers()
    known_krs = {kr.id for o in ws.objectives_in(cycle_id) for kr in o.key_results}
    for n, item in enumerate(data.get("overrides") or []):
        where = f"overrides[{n}]"
        if not isinstance(item, dict) or "kr" not in item or "score" not in item:
            raise field_error(source, where, "expected {kr, score, reason}")
        if item["kr"] not in known_krs:
            raise field_error(source, f"{where}.kr", f"no key result {item['kr']!r} in {cycle_id}")
        reason = str(item.get("reason") or "").strip()
        if not reason:
            raise field_error(source, f"{where}.reason", "an override needs a reason")
        score = as_float(item["score"], source, f"{where}.score")
        if not 0 <= score <= 1:
            raise field_error(source, f"{where}.score", f"{score} is not between 0.0 and 1.0")
        answers.overrides[str(item["kr"])] = (score, reason)
    decisions = data.get("decisions") or {}
    if not isinstance(decisions, dict):
        raise field_error(source, "decisions", "expected a mapping of objective id to a decision")
    objectives = [o.id for o in ws.objectives_in(cycle_id)]
    default = data.get("default_decision")
    if default is not None and default not in DECISIONS:
        raise field_error(source, "default_decision", f"{default!r} is not one of {', '.join(DECISIONS)}")
    for objective_id, value in decisions.items():
        if objective_id not in objectives:
            raise field_error(source, f"decisions.{objective_id}", f"no objective {objective_id!r} in {cycle_id}")
        decision, note = (
            (value.get("decision"), str(value.get("note") or "")) if isinstance(value, dict) else (value, "")
        )
        if decision not in DECISIONS:
            raise field_error(source, f"decisions.{objective_id}", f"{decision!r} is not one of {', '.join(DECISIONS)}")
        answers.decisions[objective_id] = (str(decision), note)
    missing = [o for o in objectives if o not in answers.decisions]
    if missing and default is None:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise field_error(
            source, "decisions", f"no decision for {shown}; add them or set default_decision: {'|'.join(DECISIONS)}"
        )
    for objective_id in missing:
        answers.decisions[objective_id] = (str(default), "")
    lessons = data.get("lessons")
    company = ws.company.id if ws.company else None
    if isinstance(lessons, dict):
        for unit_id, items in lessons.items():
            if unit_id not in ws.units:
                raise field_error(source, f"lessons.{unit_id}", f"unknown unit {unit_id!r}")
            answers.lessons[str(unit_id)] = as_str_list(items, source, f"lessons.{unit_id}")
    elif lessons is not None:
        if company is None:
            raise field_error(
                source, "lessons", "there is no company unit to hold them; give a mapping of unit to lessons"
            )
        answers.lessons[company] = as_str_list(lessons, source, "lessons")
    return answers


def close_cycle(root: Path, ws: Workspace, cycle_id: str, answers: CloseAnswers) -> CloseResult:
    """Write final scores, lessons and decisions to ``reviews/`` and mark the cycle closed."""
    lines = plan_close(ws, cycle_id)
    objectives = {o.id: o for o in ws.objectives_in(cycle_id)}
    missing = [o for o in objectives if o not in answers.decisions]
    if missing:
        raise UsageError(f"no decision for {noun(len(missing), 'objective')} {', '.join(missing[:5])}")
    by_unit: dict[str, list[ScoreLine]] = {}
    for line in lines:
        by_unit.setdefault(line.unit, []).append(line)
    units = list(by_unit) + [u for u in answers.lessons if u not in by_unit]
    krs = ws.key_results
    # Build everything first, so a mistake changes nothing on disk.
    payload: dict[str, dict[str, Any]] = {}
    for unit in units:
        unit_lines = by_unit.get(unit, [])
        scores = final_scores(
            ((ln.kr, krs[ln.kr].direction, krs[ln.kr].baseline, krs[ln.kr].target, ln.value) for ln in unit_lines),
            {k: v for k, v in answers.overrides.items() if k in {ln.kr for ln in unit_lines}},
            {ln.kr for ln in unit_lines if krs[ln.kr].health_metric},
        )
        decisions = [
            {"objective": o.id, "decision": answers.decisions[o.id][0]}
            | ({"note": answers.decisions[o.id][1]} if answers.decisions[o.id][1] else {})
            for o in ws.objectives_in(cycle_id, unit)
        ]
        for item in scores:
            KeyResultScore.model_validate(item)
        for item in decisions:
            ObjectiveDecision.model_validate(item)
        payload[unit] = {"scores": scores, "decisions": decisions, "lessons": answers.lessons.get(unit, [])}
    files = []
    for unit, data in payload.items():
        relpath = layout.review_file(cycle_id, unit)
        with editing.edit(
            root, relpath, model=ReviewFile, header=f"Review of {unit} for {cycle_id}: monthly reviews and the end."
        ) as doc:
            if data["scores"]:
                doc["scores"] = editing.to_yaml_value(data["scores"])
            if data["lessons"]:
                kept = [str(x) for x in doc.get("lessons") or []]
                doc["lessons"] = editing.to_yaml_value(kept + [x for x in data["lessons"] if x not in kept])
            if data["decisions"]:
                doc["decisions"] = editing.to_yaml_value(data["decisions"])
        files.append(relpath)
    with editing.edit(root, "cycles.yaml", model=CyclesFile) as doc:
        for item in doc.get("cycles") or []:
            if str(item.get("id")) == cycle_id:
                item["status"] = "closed"
    counts = dict.fromkeys(DECISIONS, 0)
    for decision, _note in answers.decisions.values():
        counts[decision] += 1
    overridden = sum(1 for ln in lines if ln.kr in answers.overrides)
    return CloseResult(cycle_id, tuple(files), len(lines), overridden, counts)


# --- next cycle ---------------------------------------------------------------------


def carried_id(old_id: str, new_cycle: str, taken: set[str]) -> str:
    """Id of a carried objective: the old id without its cycle suffix, plus the new cycle (``-2027-q1``).

    Short enough for key result ids (``<id>-krN``) to stay valid, and unique in ``taken``.
    """
    suffix = "-" + re.sub(r"[^a-z0-9]+", "-", new_cycle.lower()).strip("-")
    base = _CYCLE_SUFFIX.sub("", old_id)
    room = MAX_ID_LENGTH - len("-kr99") - len(suffix) - len("-99")
    base = base[:room].rstrip("-") or "objective"
    candidate, n = base + suffix, 2
    while candidate in taken:
        candidate, n = f"{base}{suffix}-{n}", n + 1
    taken.add(candidate)
    return candidate


def carried_baseline(
    direction: str | None, baseline: float | None, target: float | None, value: float | None
) -> float | None:
    """Where a carried key result starts: the value reached, if it moved toward the target without reaching it."""
    if direction in (None, "milestone") or value is None or baseline is None or target is None:
        return baseline
    low, high = sorted((baseline, target))
    return value if low < value < high else baseline


_FROM_NUMBER = re.compile(
    r"\bfrom\s+(?:[^\W\d_]{1,4}\s?|[€$£]\s?)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)", re.IGNORECASE
)


def _number_like(value: float, like: str) -> str:
    """``value`` written the way ``like`` writes numbers (decimals kept, thousands grouped)."""
    decimals = len(like.partition(".")[2])
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    shown = len(text.partition(".")[2])
    if shown < decimals:
        text = f"{value:.{decimals}f}"
        shown = decimals
    if "," in like:
        text = f"{float(text):,.{shown}f}"
    return text


def carried_title(title: str, old_baseline: float, new_baseline: float) -> str:
    """A key result title with its starting point moved: "from 52 to 35" → "from 38 to 35".

    Only a title that states the old baseline exactly once after "from" changes;
    any other title is kept as written.
    """
    hits = [m for m in _FROM_NUMBER.finditer(title) if float(m["num"].replace(",", "")) == old_baseline]
    if len(hits) != 1:
        return title
    start, end = hits[0].span("num")
    return title[:start] + _number_like(new_baseline, hits[0]["num"]) + title[end:]


def carry_objective(
    objective: Mapping[str, Any],
    *,
    new_id: str,
    due: date,
    last_values: Mapping[str, float | None],
    parent: str | None,
) -> dict[str, Any]:
    """A copy of an objective record (plain dict) for the next cycle, with ``carried_from`` set.

    Each key result starts from the value it reached (:func:`carried_baseline`),
    and a title that names the old starting point names the new one.
    """
    record: dict[str, Any] = {"id": new_id, "title": objective["title"]}
    for key in ("owner", "alignment", "contributors", "priority", "description", "suppress"):
        if objective.get(key):
            record[key] = objective[key]
    if parent:
        record["parent"] = parent
    record["carried_from"] = objective["id"]
    krs = []
    for n, kr in enumerate(objective.get("key_results") or [], start=1):
        copy: dict[str, Any] = {"id": f"{new_id}-kr{n}"}
        copy.update((k, v) for k, v in kr.items() if k not in ("id", "due") and v is not None and v != [])
        baseline = carried_baseline(
            kr.get("direction"), kr.get("baseline"), kr.get("target"), last_values.get(kr["id"])
        )
        if baseline is not None:
            copy["baseline"] = baseline
            if kr.get("baseline") is not None and baseline != kr["baseline"]:
                copy["title"] = carried_title(str(kr["title"]), float(kr["baseline"]), float(baseline))
        copy["due"] = fresh_date(due)
        krs.append(copy)
    record["key_results"] = krs
    return record


def carried_objectives(ws: Workspace, cycle_id: str) -> list[Objective]:
    """The objectives of ``cycle_id`` its close decided to carry over or refine, in file order."""
    decisions = _decisions(ws, cycle_id)
    return [o for o in ws.objectives_in(cycle_id) if decisions.get(o.id) in CARRIED]


def _decisions(ws: Workspace, cycle_id: str) -> dict[str, str]:
    return {d.objective: d.decision for (c, _u), r in ws.reviews.items() if c == cycle_id for d in r.decisions}


def id_problems(ws: Workspace, cycle_id: str, ids: Mapping[str, str]) -> list[tuple[str, str]]:
    """What is wrong with a mapping of old objective id → new id for ``next``, as ``(old id, message)``.

    The old id must be an objective of ``cycle_id`` that its close carried over or
    refined; the new id must be a valid id, unused in the workspace (with room for
    its key result ids ``<id>-krN``) and not given to another objective.
    """
    objectives = {o.id: o for o in ws.objectives_in(cycle_id)}
    decisions = _decisions(ws, cycle_id)
    taken = set(ws.objectives) | set(ws.key_results)
    given: dict[str, str] = {}
    problems: list[tuple[str, str]] = []
    for old, new in ids.items():
        objective = objectives.get(old)
        decision = decisions.get(old)
        if objective is None:
            problems.append((old, f"no objective {old!r} in {cycle_id}"))
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


@dataclass(frozen=True)
class NextAnswers:
    """The ``next`` part of an answers file: the new cycle's id and name, and new ids of carried objectives."""

    id: str | None = None
    name: str | None = None
    ids: dict[str, str] = field(default_factory=dict)


def next_answers_from(ws: Workspace, cycle_id: str, data: Mapping[str, Any], source: str) -> NextAnswers:
    """Read an answers file for ``rollout next``::

    id: 2027-Q1                  # default: the quarter after CYCLE
    name: 2027-Q1 (company-wide) # shown instead of the id
    ids:                         # new ids of carried objectives (default: <old id>-<new cycle>)
      hr-driver-hiring: hr-hire-frontline
    """
    new_id = data.get("id")
    if new_id is not None and not isinstance(new_id, str):
        raise field_error(source, "id", f"{new_id!r} is not a cycle id such as 2027-Q1")
    name = data.get("name")
    if name is not None and (not isinstance(name, str) or not name.strip()):
        raise field_error(source, "name", f"{name!r} is not a name (a line of text)")
    raw = data.get("ids")
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise field_error(source, "ids", "expected a mapping of old objective id to new id")
    ids: dict[str, str] = {}
    for old, new in raw.items():
        if not isinstance(new, str):
            raise field_error(source, f"ids.{old}", f"{new!r} is not an id")
        ids[str(old)] = new
    for old, message in id_problems(ws, cycle_id, ids):
        raise field_error(source, f"ids.{old}", message)
    return NextAnswers(new_id, name.strip() if name else None, ids)


@dataclass(frozen=True)
class NextPlan:
    source: str
    cycle: dict[str, Any]
    files: dict[str, list[dict[str, Any]]]  # unit → objective records
    unlinked: tuple[str, ...]  # new objectives whose parent was not carried


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
) -> NextPlan:
    """The next cycle and the objectives carried into it (nothing is written).

    ``name`` names the new cycle; ``ids`` gives carried objectives their new ids
    (old id → new id, checked by :func:`id_problems`); the others get
    ``<old id>-<new cycle>`` (:func:`carried_id`). The new cycle's id and dates continue
    the closed one (:func:`rollout.workspace.calendar.following`) unless given.
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
    running = [c.id for c in ws.cycles.values() if c.status == "running"]
    if running:
        raise UsageError(
            f"cycle {running[0]} is still running", hint=f"close it first with `rollout close {running[0]}`"
        )
    if name is not None and not name.strip():
        raise UsageError("the name of the new cycle is empty", hint="leave it out to show the cycle id")
    ids = dict(ids or {})
    for old, message in id_problems(ws, cycle_id, ids):
        raise UsageError(f"new id for {old}: {message}")
    cycle_record: dict[str, Any] = {"id": new_id}
    if name is not None:
        cycle_record["name"] = name.strip()
    cycle_record |= {"start": start, "end": end, "status": "running"}
    if source.checkin_weekday != "monday":
        cycle_record["checkin_weekday"] = source.checkin_weekday
    if source.review_cadence != "monthly":
        cycle_record["review_cadence"] = source.review_cadence
    carried = carried_objectives(ws, cycle_id)
    taken = set(ws.objectives) | set(ws.key_results) | set(ids.values())
    new_ids = {o.id: ids.get(o.id) or carried_id(o.id, new_id, taken) for o in carried}
    files: dict[str, list[dict[str, Any]]] = {}
    unlinked = []
    for objective in carried:
        parent = new_ids.get(objective.parent or "")
        if objective.parent and parent is None:
            unlinked.append(new_ids[objective.id])
        last = {kr.id: (c.value if (c := ws.latest_checkin(kr.id)) else None) for kr in objective.key_results}
        record = carry_objective(
            objective.model_dump(mode="python", exclude_defaults=True),
            new_id=new_ids[objective.id],
            due=end,
            last_values=last,
            parent=parent,
        )
        files.setdefault(objective.unit, []).append(record)
    return NextPlan(cycle_id, cycle_record, files, tuple(unlinked))


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
) -> NextPlan:
    """Create the next cycle as running, with the carried objectives; no check-ins are copied.

    ``name``, ``ids``, ``new_start`` and ``new_end`` as in :func:`plan_next`.
    """
    plan = plan_next(ws, cycle_id, new_id, name=name, ids=ids, new_start=new_start, new_end=new_end)
    for unit, records in plan.files.items():
        OkrFile.model_validate({"objectives": records})
        if (root / layout.okr_file(plan.cycle["id"], unit)).exists():
            raise UsageError(f"{layout.okr_file(plan.cycle['id'], unit)} already exists; move it away first")
    for unit, records in plan.files.items():
        editing.write_new(
            root,
            layout.okr_file(plan.cycle["id"], unit),
            {"objectives": records},
            header=f"OKRs of {unit} for {plan.cycle['id']} (carried from {cycle_id}; refine with `rollout draft`).",
            model=OkrFile,
        )
    editing.append(root, "cycles.yaml", "cycles", [plan.cycle], model=CyclesFile)
    return plan


# --- interactive close ------------------------------------------------------------------


def interactive_close(ws: Workspace, cycle_id: str) -> CloseAnswers:
    """Show the computed scores unit by unit, ask overrides (with reasons), a decision per objective, and lessons."""
    from rollout.flows import ui
    from rollout.metrics.figures import display
    from rollout.metrics.values import parse_number

    lines = plan_close(ws, cycle_id)
    answers = CloseAnswers()
    units = list(dict.fromkeys(ln.unit for ln in lines))
    for n, unit_id in enumerate(units, start=1):
        unit_lines = [ln for ln in lines if ln.unit == unit_id]
        ui.heading(f"Close {cycle_id} · {ws.units[unit_id].name}", f"unit {n} of {len(units)}")
        for ln in unit_lines:
            ui.say(f"  {display(ln.score):>4}  {ln.title[:70]}  (last value {ui.number(ln.value)})")
        while True:
            options = [
                (
                    f"{display(answers.overrides.get(ln.kr, (ln.score, ''))[0])}  {ln.title[:60]}",
                    ln.kr,
                )
                for ln in unit_lines
            ]
            choice = ui.select(
                "Override a score? (when the number misses what happened)",
                [("No more overrides", None), *options],
                default=None,
            )
            if choice is None:
                break

            def valid_score(text: str) -> bool | str:
                try:
                    value = parse_number(text)
                except ValueError:
                    return "a score from 0.0 to 1.0"
                return 0 <= value <= 1 or "a score from 0.0 to 1.0"

            score = parse_number(ui.text("Final score:", validate=valid_score))
            reason = ui.text("Reason (required):", validate=lambda t: bool(t.strip()) or "an override needs a reason")
            answers.overrides[choice] = (score, reason)
        for objective in ws.objectives_in(cycle_id, unit_id):
            decision = ui.select(
                f"Decision for: {objective.title[:70]}",
                [
                    ("completed", "completed"),
                    ("carried over (same objective next cycle)", "carried_over"),
                    ("refined (carried, to be reworded)", "refined"),
                    ("dropped", "dropped"),
                ],
                default="completed",
            )
            note = ui.text("Note (optional):")
            answers.decisions[objective.id] = (decision, note)
    company = ws.company.id if ws.company else units[0]
    ui.heading(f"Close {cycle_id} · lessons learned", "last step")
    lessons = ui.text_list("Lesson")
    if lessons:
        answers.lessons[company] = lessons
    return answers
