"""A short text summary of a workspace (``validate``, ``demo``)."""

from __future__ import annotations

from rollout.workspace import Workspace


def summarize(ws: Workspace) -> str:
    kinds = {"company": 0, "department": 0, "team": 0}
    for unit in ws.units.values():
        kinds[unit.kind] += 1
    checkins = sum(len(v) for v in ws.checkins.values())
    running = ws.running_cycle()
    lines = [
        f"{ws.settings.organization}: {kinds['department']} departments, {kinds['team']} teams, "
        f"{len(ws.people)} people",
        f"  cycles: {', '.join(f'{c.id} ({c.status})' for c in ws.cycles.values()) or 'none'}"
        + (f"; running: {running.id}" if running else ""),
        f"  {len(ws.objectives)} objectives, {len(ws.key_results)} key results, {checkins} check-ins, "
        f"{len(ws.reviews)} review files, {len(ws.assessments)} assessments, {len(ws.phases)} phases",
    ]
    return "\n".join(lines)
