"""``rollout status``: the cycle the home page leads with, at a glance, one line per unit (text or JSON).

The cycle is :func:`rollout.metrics.figures.lead_cycle`, as on the home page: the
running cycle once it has started, else the one just closed (right after
``rollout close``, and after ``rollout next`` until the new cycle starts);
``--cycle`` picks another.

Every number is read from the analysis (:mod:`rollout.metrics.figures` defines
them); nothing is computed here. JSON carries the unrounded figures; the text
rounds them the way the site does (:func:`~rollout.metrics.figures.display`,
:func:`~rollout.metrics.figures.percent`); a score that does not exist yet (nothing
measured) is "–" in the text and ``null`` in JSON, never 0.0. In a closed cycle
the status of a unit is the band of its final score (figures.status, rule 1), so
JSON's ``status`` and ``company_status`` say ``strong``, ``moderate`` or ``weak``
there, the words the site, the packs and the text say.
"""

from __future__ import annotations

from typing import Any

import click

from rollout.errors import UsageError
from rollout.metrics.analysis import Analysis
from rollout.metrics.figures import display, expected_progress, percent
from rollout.metrics.rollups import unit_tree_rows
from rollout.report import formats
from rollout.report.vocabulary import BAND_WORDS, STATUS_WORDS
from rollout.workspace.workspace import Workspace

_COLOUR = {
    "on_track": "green",
    "at_risk": "yellow",
    "off_track": "red",
    "strong": "green",
    "moderate": "yellow",
    "weak": "red",
}


def status_data(ws: Workspace, analysis: Analysis, cycle_id: str | None = None) -> dict[str, Any]:
    """The dashboard as plain data (also the ``--format json`` output)."""
    cycle_id = cycle_id or analysis.lead_cycle
    if cycle_id is None:
        raise UsageError("no cycle has OKRs yet", hint="draft some with `rollout draft`, then check in")
    cycle = ws.cycle(cycle_id)
    closed = cycle.status == "closed"

    def said(status: str | None, band: str | None) -> str | None:
        return band if closed and status is not None else status

    state = analysis.cycles[cycle_id]
    company = ws.company.id if ws.company else None
    company_state = analysis.units.get((cycle_id, company)) if company else None
    rows = []
    tree = unit_tree_rows(ws, cycle_id, state.units, state.departments)
    for unit_id, department, has_okrs in tree:
        if not has_okrs:
            continue
        unit = analysis.units[(cycle_id, unit_id)]
        rows.append(
            {
                "unit": unit_id,
                "name": ws.units[unit_id].name,
                "kind": unit.kind,
                "level": ws.level(unit_id),
                "department": department,  # in the cycle's organization; None for the company
                "score": unit.score,
                "status": said(unit.status, unit.band),
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
        "closed": closed,
        # The day it was closed and the share of the cycle elapsed then (figures.expected_progress);
        # None for a cycle closed before rollout recorded the day.
        "closed_on": cycle.closed_on.isoformat() if cycle.status == "closed" and cycle.closed_on else None,
        "elapsed_at_close": (
            expected_progress(cycle.start, cycle.end, cycle.closed_on)
            if cycle.status == "closed" and cycle.closed_on
            else None
        ),
        # A running cycle whose end has passed (formats.cycle_state: "Ended, not closed").
        "ended_on": cycle.end.isoformat() if cycle.status == "running" and analysis.as_of > cycle.end else None,
        # A cycle that has not started yet (as-of before its first day): no figure is due.
        "starts_on": cycle.start.isoformat() if analysis.as_of < cycle.start else None,
        "company_score": state.company_score,
        "company_status": said(state.company_status, state.company_band),
        "company_band": state.company_band,
        "company_measured": company_state.measured if company_state else 0,
        "company_key_results": company_state.completion.key_results if company_state else 0,
        "checkins_done": state.checkins.done,
        "checkins_expected": state.checkins.expected,
        "checkins_rate": state.checkins.rate,
        "units": rows,
        # Every row of the tree in order: the units above and the departments without OKRs of their
        # own ({"unit", "name"}, no figures), so their teams sit under them (metrics.rollups.unit_tree_rows).
        "tree": [u for u, _d, _has in tree],
        "departments_without_own_okrs": [
            {"unit": u, "name": ws.units[u].name, "teams_with_okrs": any(d == u and t != u for t, d, _h in tree)}
            for u, _d, has in tree
            if not has
        ],
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
    elif data.get("starts_on"):
        when = f"planned: starts on {data['starts_on']}"
    elif data.get("ended_on"):
        when = f"ended on {data['ended_on']} and not closed: `rollout close {data['cycle']}` records its final scores"
    else:
        when = f"{percent(data['elapsed'])} of the cycle elapsed"
    figures = (
        "no score and no check-in week is due before it starts"
        if data.get("starts_on")
        else f"company score {display(data['company_score'])}{measured} · "
        f"check-in weeks {done}/{expected} ({percent(data['checkins_rate'])})"
    )
    lines = [
        style(f"{data['organization']} · {data['cycle']}", bold=True) + f"  as of {data['as_of']}, {when}",
        figures,
        "",
        # A closed cycle's column holds the band of the final score (strong, moderate, weak).
        style(
            f"{'unit':<{name_width}}  score  {'result' if data.get('closed') else 'status':<9}  KRs  measured  "
            "stale  missing  check-ins",
            dim=True,
        ),
    ]
    # The site's and the packs' words: in a closed cycle the band the status stands for.
    words: dict[str | None, str] = {**STATUS_WORDS, **BAND_WORDS} if data.get("closed") else dict(STATUS_WORDS)
    # Departments without OKRs of their own: a row saying so, where their teams follow.
    quiet = {d["unit"]: d for d in data.get("departments_without_own_okrs", [])}
    by_unit = {r["unit"]: r for r in rows}
    for unit_id in data.get("tree", list(by_unit)):
        if unit_id in quiet:
            said = "no OKRs of its own" if quiet[unit_id]["teams_with_okrs"] else "no OKRs"
            lines.append(pad(fit("  " + quiet[unit_id]["name"], name_width), name_width) + style(f"  {said}", dim=True))
            continue
        row = by_unit[unit_id]
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
            lines.append(f"  {row['name']}: {_listed(row['stale'])}")
    # Every missing check-in that is not already listed as stale, in the same shape as the stale list.
    # The "missing" column counts the stale ones too (a stale key result has no check-in this week
    # either): the heading says when the list leaves them out, so a row's count and its list agree.
    missing_units = [(r, [k for k in r["missing_checkins"] if k not in r["stale"]]) for r in rows]
    left_out = any(k in r["stale"] for r in rows for k in r["missing_checkins"])
    missing_units = [(r, keys) for r, keys in missing_units if keys]
    if missing_units:
        heading = "Missing this week's check-in" + (", besides the stale ones above:" if left_out else ":")
        lines += ["", style(heading, bold=True)]
        lines += [f"  {r['name']}: {_listed(keys)}" for r, keys in missing_units]
    return "\n".join(lines)


def _listed(keys: list[str], shown: int = 4) -> str:
    """``a, b, c, d and 2 more``: the first ``shown`` ids and how many more there are."""
    more = len(keys) - shown
    return ", ".join(keys[:shown]) + (f" and {more} more" if more > 0 else "")
