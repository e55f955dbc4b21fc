"""A cycle pack's section for one department: its score, objectives, teams (bounded), findings, calibration.

Split out of :mod:`.cycle_pack`, which builds one :class:`~.blocks.DepartmentSection` per department
of the cycle with :func:`department_section`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from rollout.metrics.calibration import thresholds, verdict_text
from rollout.plural import plural
from rollout.report.formats import measured
from rollout.report.packs.sections import (
    MAX_TEAMS_LISTED,
    STATUS_ORDER,
    TEAMS_STRONGEST,
    TEAMS_WEAKEST,
    DepartmentSection,
    Sources,
    objective_block,
    pct,
    score_text,
    team_row,
)


def department_section(
    src: Sources,
    cycle_id: str,
    department_id: str,
    team_ids: list[str],
    as_of: date,
    findings: Sequence[Any],
) -> DepartmentSection:
    ws, analysis = src.ws, src.analysis
    unit = ws.units[department_id]
    state = analysis.units.get((cycle_id, department_id))
    cycle_state = analysis.cycles[cycle_id]
    team_states = [analysis.units[(cycle_id, t)] for t in team_ids if (cycle_id, t) in analysis.units]
    rows = [team_row(src, t) for t in team_states]
    total = len(rows)
    note = ""
    if total > MAX_TEAMS_LISTED:
        ranked = sorted(rows, key=lambda r: (r.score_value is not None, r.score_value or 0.0))
        weakest = ranked[:TEAMS_WEAKEST]
        strongest = [r for r in reversed(ranked) if r not in weakest][:TEAMS_STRONGEST]
        rows = weakest + strongest
        note = (
            f"{plural(total, 'team')} with OKRs: the {len(weakest)} with the lowest scores and the "
            f"{len(strongest)} with the highest are listed; every team has its page on the site."
        )
    by_score = sorted(team_states, key=lambda t: (t.score is not None, t.score or 0.0))
    weakest_teams = ", ".join(f"{src.unit_name(t.unit)} ({score_text(t.score)})" for t in by_score[:3])
    team_status: Counter[str] = Counter()
    for t in team_states:
        team_status[t.status or "unknown"] += 1
    units = {department_id, *team_ids}
    unit_findings = [f for f in findings if f.unit in units]
    roll = src.view.cycles[cycle_id].departments.get(department_id)
    calibration = cycle_state.calibration.get(department_id)
    verdict = verdict_text(calibration.verdict, thresholds(src.ws.settings)) if calibration else ""
    return DepartmentSection(
        id=department_id,
        anchor=f"dept-{department_id}",
        name=unit.name,
        owner=src.person(unit.owner),
        score=score_text(state.score if state else None),
        status=state.status if state else None,
        completion=pct(roll.completion.strong_share if roll else None),
        checkins=pct(roll.checkins.rate if roll else None),
        measured=measured(state.completion.scored, state.completion.key_results) if state else "",
        objectives=[objective_block(src, o, as_of) for o in analysis.objectives_of(cycle_id, department_id)],
        objective_rows=[
            {
                "title": o.title,
                "owner": src.person(o.owner),
                "score": score_text(o.score),
                "status": o.status,
                "counts": " / ".join(
                    str(sum(1 for k in analysis.krs_of(o.objective) if k.status == s)) for s in STATUS_ORDER
                ),
                "key_results": len(o.key_results),
                "measured": measured(o.measured, len(o.key_results)),
            }
            for o in analysis.objectives_of(cycle_id, department_id)
        ],
        teams=rows,
        teams_total=total,
        teams_note=note,
        team_status=dict(team_status),
        findings=len(unit_findings),
        calibration=verdict,
        weakest_teams=weakest_teams,
        key_results_total=(state.completion.key_results if state else 0)
        + sum(t.completion.key_results for t in team_states),
    )
