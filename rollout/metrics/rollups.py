"""Figures that roll several units up, computed once for the site and the packs.

Kept apart from :mod:`rollout.metrics.analysis` (which computes per key result,
objective, unit, cycle and phase): these combine the analysis' own records and
never score anything themselves.

Department with its teams (:func:`department_rollups`)
------------------------------------------------------
For a cycle and each department (``kind: department``, in ``units.yaml`` order)
that has OKRs in the cycle or teams that do:

- ``teams``: its teams at any depth with OKRs in the cycle, in ``units.yaml`` order, as
  the organization stood in the cycle (:func:`rollout.org.history.org_day`);
- ``completion``: :class:`~rollout.metrics.analysis.Completion` of the key results of
  the department **and** its teams (``CycleState.department_completion``);
- ``checkins``: the check-in ``Discipline`` of the department and its teams together
  (``CycleState.department_checkins``);
- ``score``/``status``: the department's **own** unit score and status (its teams'
  scores are not in it); ``None`` when the department itself has no OKRs.

A phase's results per cycle (:func:`phase_cycle_results`)
--------------------------------------------------------
For each cycle of a phase: the phase's units that have OKRs in it (in the phase's
order), and the analysis' ``PhaseState.results`` for that cycle: the
``Completion`` of all their key results and their check-in ``Discipline``.

Retrospective answers by questionnaire (:func:`retrospective_counts`)
--------------------------------------------------------------------
How many of the answers the expansion gate counts (``PhaseState.retrospectives``)
came from each retrospective questionnaire, so a page can say "6 retrospective
answers: 5 to the pilot retrospective, 1 to the cycle retrospective" instead of
showing 6 beside a report of 5 respondents.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rollout.metrics.analysis import Analysis
from rollout.metrics.checkins import Discipline
from rollout.metrics.figures import Completion, Status
from rollout.metrics.phase import retrospective_assessments
from rollout.org.history import department_on, org_day
from rollout.workspace.workspace import Workspace


@dataclass(frozen=True)
class DepartmentRollup:
    department: str
    teams: tuple[str, ...]
    completion: Completion
    checkins: Discipline
    score: float | None
    status: Status | None


def department_rollups(ws: Workspace, analysis: Analysis, cycle_id: str) -> dict[str, DepartmentRollup]:
    """Department id → :class:`DepartmentRollup` in ``cycle_id`` (rules in the module docstring)."""
    state = analysis.cycles[cycle_id]
    in_cycle = set(state.units)
    teams: dict[str, list[str]] = {}
    on = org_day(ws, ws.cycles[cycle_id])  # the organization as it was in the cycle
    # The analysis noted each unit's department on that day (CycleState.departments); looking
    # each team up again took 0.005 s per cycle of 2,000 teams (this machine, 2026-11-29).
    known = state.departments
    for unit_id in state.units:
        if ws.units[unit_id].kind == "team":
            if known:
                department_id = known.get(unit_id)
            else:
                department = ws.department_of(unit_id, on=on)
                department_id = department.id if department is not None else None
            if department_id is not None:
                teams.setdefault(department_id, []).append(unit_id)
    out: dict[str, DepartmentRollup] = {}
    for unit in ws.units.values():
        if unit.kind != "department" or (unit.id not in in_cycle and unit.id not in teams):
            continue
        own = analysis.units.get((cycle_id, unit.id))
        out[unit.id] = DepartmentRollup(
            department=unit.id,
            teams=tuple(teams.get(unit.id, ())),
            completion=state.department_completion.get(unit.id, Completion()),
            checkins=state.department_checkins.get(unit.id, Discipline()),
            score=own.score if own else None,
            status=own.status if own else None,
        )
    return out


def departments_without_okrs(ws: Workspace, cycle_id: str, rollups: dict[str, DepartmentRollup]) -> list[str]:
    """Ids of the departments of ``cycle_id``'s organization (:func:`~rollout.org.history.org_day`:
    set up and not archived that day) with no OKRs in it, their own or their teams', in
    units.yaml order; ``rollups`` is :func:`department_rollups` of the cycle. The site's home
    page, the cycle pack and ``rollout status`` give each a row that says "no OKRs"."""
    on = org_day(ws, ws.cycles[cycle_id])
    return [u.id for u in ws.units.values() if u.kind == "department" and u.id not in rollups and u.exists_on(on)]


def unit_tree_rows(
    ws: Workspace, cycle_id: str, units: Sequence[str], known: Mapping[str, str] | None = None
) -> list[tuple[str, str | None, bool]]:
    """The rows of a cycle's units as a tree: ``(unit id, department id, has OKRs)``.

    ``units``: the units with OKRs in the cycle. The organization is the one the cycle's pages
    show (:func:`~rollout.org.history.org_day`, so a team moved by ``rollout units move`` sits
    under its new department once the cycle reaches that day). Order: the company, then each
    department of that organization in units.yaml order followed by its teams (in ``units``
    order), then any unit in no department. A department without OKRs of its own is a row with
    ``has OKRs`` False, so its teams sit under it and it reads "no OKRs" (the cycle page's
    "Scores by unit" and ``rollout status``). ``known``: ``CycleState.departments`` (each unit's
    department as the analysis counted it, the same day), which spares a walk up the tree per unit.
    """
    on = org_day(ws, ws.cycles[cycle_id])
    with_okrs = set(units)
    teams: dict[str | None, list[str]] = {}
    for unit_id in units:
        if ws.units[unit_id].kind != "department":
            if known:
                department_id = known.get(unit_id)
            else:
                department = department_on(ws, unit_id, on)
                department_id = department.id if department is not None else None
            teams.setdefault(department_id, []).append(unit_id)
    outside = teams.pop(None, [])  # the company, and any team in no department
    rows: list[tuple[str, str | None, bool]] = [(u, None, True) for u in outside if ws.units[u].kind == "company"]
    for unit in ws.units.values():
        if unit.kind != "department" or not (unit.id in with_okrs or unit.id in teams or unit.exists_on(on)):
            continue
        rows.append((unit.id, unit.id, unit.id in with_okrs))
        rows += [(t, unit.id, True) for t in teams.pop(unit.id, [])]
    rows += [(u, None, True) for u in outside if ws.units[u].kind != "company"]
    return rows


def retrospective_counts(ws: Workspace, phase_id: str) -> tuple[tuple[str, int], ...]:
    """``((questionnaire id, answers), ...)`` of the phase's retrospective answers, most first
    (ties by questionnaire id); they add up to ``PhaseState.retrospectives``."""
    counts = Counter(a.questionnaire for a in retrospective_assessments(ws).get(phase_id, []))
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


@dataclass(frozen=True)
class PhaseCycleResult:
    cycle: str
    units: tuple[str, ...]
    completion: Completion
    checkins: Discipline


def phase_cycle_results(ws: Workspace, analysis: Analysis, phase_id: str) -> tuple[PhaseCycleResult, ...]:
    """The phase's results in each of its cycles, in cycle order: ``PhaseState.results`` of
    the analysis (completion and check-in discipline per cycle) with the units that had OKRs."""
    state = analysis.phases[phase_id]
    out = []
    for cycle_id, comp, discipline in state.results:
        units = tuple(u for u in state.units if (cycle_id, u) in analysis.units)
        out.append(PhaseCycleResult(cycle=cycle_id, units=units, completion=comp, checkins=discipline))
    return tuple(out)
