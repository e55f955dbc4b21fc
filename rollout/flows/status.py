"""``rollout status``: the running cycle at a glance, one line per unit (text or JSON).

Every number is read from the analysis (:mod:`rollout.metrics.figures` defines
them); nothing is computed here. JSON carries the unrounded figures; the text
rounds them the way the site does (:func:`~rollout.metrics.figures.display`,
:func:`~rollout.metrics.figures.percent`).
"""

from __future__ import annotations

from typing import Any

import click

from rollout.errors import UsageError
from rollout.metrics.analysis import Analysis
from rollout.metrics.figures import display, expected_progress, percent
from rollout.report import formats
from rollout.report.vocabulary import FINAL_WORDS, STATUS_WORDS
from rollout.workspace.workspace import Workspace

_COLOUR = {"on_track": "green", "at_risk": "yellow", "off_track": "red"}


def status_data(ws: Workspace, analysis: Analysis, cycle_id: str | None = None) -> dict[str, Any]:
    """The dashboard as plain data (also the ``--format json`` output)."""
    cycle_id = cycle_id or analysis.running_cycle
    if cycle_id is None:
        raise UsageError(
            "no cycle is running", hint="pass --cycle to see another one, or start one with `rollout next`"
        )
    cycle = ws.cycle(cycle_id)
    state = analysis.cycles[cycle_id]
    company = ws.company.id if ws.company else None
    company_state = analysis.units.get((cycle_id, company)) if company else None
    rows = []
    for unit_id in state.units:
        unit = analysis.units[(cycle_id, unit_id)]
        rows.append(
            {
                "unit": unit_id,
                "name": ws.units[unit_id].name,
                "kind": unit.kind,
                "level": ws.level(unit_id),
                "score": unit.score,
                "status": unit.status,
                "band": unit.band,
                "key_results": unit.completion.key_results,
                "measured": unit.measured,
                "status_counts": unit.status_counts,
                "stale": list(unit.stale),
                "missing_checkins": list(unit.missing),
                "checkins_done": unit.checkins.done,
                "checkins_expected": unit.checkins.expected,
            }
        )
    return {
        "organization": ws.settings.organization,
        "cycle": cycle_id,
        "as_of": analysis.as_of.isoformat(),
        "elapsed": state.expected,
        "closed": cycle.status == "closed",
        # The day it was closed and the share of the cycle elapsed then (figures.expected_progress);
        # None for a cycle closed before rollout recorded the day.
        "closed_on": cycle.closed_on.isoformat() if cycle.status == "closed" and cycle.closed_on else None,
        "elapsed_at_close": (
            expected_progress(cycle.start, cycle.end, cycle.closed_on)
            if cycle.status == "closed" and cycle.closed_on
            else None
        ),
        "company_score": state.company_score,
        "company_status": state.company_status,
        "company_band": state.company_band,
        "company_measured": company_state.measured if company_state else 0,
        "company_key_results": company_state.completion.key_results if company_state else 0,
        "checkins_done": state.checkins.done,
        "checkins_expected": state.checkins.expected,
        "checkins_rate": state.checkins.rate,
        "units": rows,
    }


def render_status(data: dict[str, Any], *, color: bool) -> str:
    """The dashboard as terminal text: one line per unit, indented by level, problems last."""

    def style(text: str, **kw: Any) -> str:
        return click.style(text, **kw) if color else text

    from rollout.textwidth import fit, pad, width

    rows = data["units"]
    name_width = min(34, max([width(r["name"]) + 2 * r["level"] for r in rows] + [4]))
    done, expected = data["checkins_done"], data["checkins_expected"]
    # The company's own key results, said as everywhere else (rollout.report.formats.measured).
    measured = formats.measured(data.get("company_measured", 0), data.get("company_key_results", 0))
    measured = f" ({measured})" if measured else ""
    if data.get("closed_on"):
        at_close = data["elapsed_at_close"]
        share = f", {percent(at_close)} of the cycle elapsed" if at_close is not None and at_close < 1 else ""
        when = f"closed on {data['closed_on']}{share}: final scores"
    elif data.get("closed"):
        when = "closed: final scores"
    else:
        when = f"{percent(data['elapsed'])} of the cycle elapsed"
    lines = [
        style(f"{data['organization']} · {data['cycle']}", bold=True) + f"  as of {data['as_of']}, {when}",
        f"company score {display(data['company_score'])}{measured} · "
        f"check-in weeks {done}/{expected} ({percent(data['checkins_rate'])})",
        "",
        # A closed cycle's column holds the band of the final score (strong, moderate, weak).
        style(
            f"{'unit':<{name_width}}  score  {'result' if data.get('closed') else 'status':<9}  KRs  measured  "
            "stale  missing  check-ins",
            dim=True,
        ),
    ]
    # The site's and the packs' words: in a closed cycle the band the status stands for.
    words = FINAL_WORDS if data.get("closed") else STATUS_WORDS
    for row in rows:
        name = pad(fit("  " * row["level"] + row["name"], name_width), name_width)
        word = words[row["status"]].lower() if row["status"] else "–"
        status = style(f"{word:<9}", fg=_COLOUR[row["status"]]) if row["status"] else f"{word:<9}"
        stale = len(row["stale"])
        missing = len(row["missing_checkins"])
        lines.append(
            f"{name}  {display(row['score']):>5}  {status}  {row['key_results']:>3}  "
            + f"{row['measured']:>8}  "
            + (style(f"{stale:>5}", fg="red") if stale else f"{stale:>5}")
            + "  "
            + (style(f"{missing:>7}", fg="yellow") if missing else f"{missing:>7}")
            + f"  {row['checkins_done']:>4}/{row['checkins_expected']:<4}"
        )
    stale_units = [r for r in rows if r["stale"]]
    if stale_units:
        lines += ["", style("Stale key results (no check-in for a while):", bold=True)]
        for row in stale_units:
            shown = ", ".join(row["stale"][:4]) + (
                f" and {len(row['stale']) - 4} more" if len(row["stale"]) > 4 else ""
            )
            lines.append(f"  {row['name']}: {shown}")
    missing_units = [r for r in rows if r["missing_checkins"] and not r["stale"]]
    if missing_units:
        lines += ["", style("Missing this week's check-in:", bold=True)]
        lines += [f"  {r['name']}: {', '.join(r['missing_checkins'][:4])}" for r in missing_units]
    return "\n".join(lines)
