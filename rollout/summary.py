"""A short text summary of a workspace (``validate``, ``demo``)."""

from __future__ import annotations

from rollout.plural import plural
from rollout.workspace import Workspace


def summarize(ws: Workspace) -> str:
    kinds = {"company": 0, "department": 0, "team": 0}
    for unit in ws.units.values():
        kinds[unit.kind] += 1
    checkins = sum(len(v) for v in ws.checkins.values())
    running = ws.running_cycle()
    lines = [
        f"{ws.settings.organization}: {plural(kinds['department'], 'department')}, {plural(kinds['team'], 'team')}, "
        f"{plural(len(ws.people), 'person')}",
        f"  cycles: {', '.join(f'{c.id} ({c.status})' for c in ws.cycles.values()) or 'none'}"
        + (f"; running: {running.id}" if running else ""),
        f"  {plural(len(ws.objectives), 'objective')}, {plural(len(ws.key_results), 'key result')}, "
        f"{plural(checkins, 'check-in')}, {plural(len(ws.reviews), 'review file')}, "
        f"{plural(len(ws.assessments), 'assessment')}, {plural(len(ws.phases), 'phase')}",
    ]
    return "\n".join(lines)
