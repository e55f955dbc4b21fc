"""Export: the workspace's OKRs as sheet rows (the columns of :mod:`rollout.transfer.columns`).

One row per key result, and one row with empty key result columns for an objective
without key results; cycles in cycles.yaml order, units in units.yaml order, objectives
and key results in file order. Units, people and priorities are written by name (by id
when two share a name) and a parent objective by title (by id when the title is not
unique among the units above), so the sheet imports into an empty workspace as the same
OKRs. ``current``, ``score`` and ``status`` are the figures of
:mod:`rollout.metrics.analysis` as of the workspace's date, shown as everywhere else
(score rounded to 0.1 by :func:`rollout.metrics.scoring.display`; status in the words of
the site, and in a closed cycle the band of the final score: strong, moderate, weak).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rollout.errors import UsageError
from rollout.tabular import name_key
from rollout.tabular.writing import Value
from rollout.transfer.columns import EXPORT_ORDER
from rollout.workspace import Workspace, layout
from rollout.workspace.models import KeyResult, Objective

WIDTHS = {EXPORT_ORDER.index(c) + 1: w for c, w in (("objective", 40), ("parent_objective", 30), ("key_result", 50))}
"""XLSX column widths (characters) of the long text columns."""
DATA_DIRS = (*layout.PER_UNIT_DIRS, layout.ASSESSMENTS, layout.LOCAL_QUESTIONNAIRES, ".rollout", ".git")


def export_rows(ws: Workspace, cycle: str | None = None) -> list[list[Value]]:
    """The header and one row per key result (see the module doc)."""
    from rollout.metrics.analysis import analyze
    from rollout.metrics.scoring import display

    analysis = analyze(ws)
    unit_names = _labels({u.id: u.name for u in ws.units.values()})
    people = _labels({p.id: p.name for p in ws.people.values()})
    priorities = _labels({p.id: p.title for p in ws.priorities.values()})
    rows: list[list[Value]] = [list(EXPORT_ORDER)]
    unit_order = {u: n for n, u in enumerate(ws.units)}
    files = sorted(
        ((c, u) for c, u in ws.okr_files if cycle is None or c == cycle),
        key=lambda key: (list(ws.cycles).index(key[0]) if key[0] in ws.cycles else 1 << 30, unit_order.get(key[1], 0)),
    )
    for cycle_id, unit_id in files:
        unit = ws.units[unit_id]
        for objective in ws.okr_files[(cycle_id, unit_id)]:
            head: dict[str, Value] = {
                "cycle": cycle_id,
                "unit": unit_names[unit_id],
                "parent_unit": unit_names[unit.parent] if unit.parent else "",
                "objective": objective.title,
                "objective_owner": people.get(objective.owner or "", objective.owner or ""),
                "parent_objective": _parent_label(ws, objective),
                "alignment": objective.alignment or "",
                "priority": priorities.get(objective.priority or "", objective.priority or ""),
                "contributors": "; ".join(unit_names.get(u, u) for u in objective.contributors),
                "description": objective.description,
            }
            if not objective.key_results:
                rows.append([head.get(c, "") for c in EXPORT_ORDER])
            for kr in objective.key_results:
                state = analysis.key_results.get(kr.id)
                cells = head | _kr_cells(kr, people)
                if state is not None:
                    cells["current"] = state.current
                    cells["score"] = display(state.score) if state.score is not None else ""
                    cells["status"] = _status_word(state.status, state.band, ws.cycles[cycle_id].status == "closed")
                rows.append([cells.get(c, "") for c in EXPORT_ORDER])
    return rows


def _status_word(status: str | None, band: str | None, closed: bool) -> str:
    """The status as the site, the packs and ``rollout status`` say it, in lower case: "on track";
    in a closed cycle the band of the final score ("moderate", not "at risk"; figures.status rule 1)."""
    from rollout.report.vocabulary import BAND_WORDS, STATUS_WORDS

    if status is None:
        return ""
    return (BAND_WORDS[band] if closed and band is not None else STATUS_WORDS[status]).lower()


def _kr_cells(kr: KeyResult, people: dict[str, str]) -> dict[str, Value]:
    return {
        "key_result": kr.title,
        "metric": kr.metric or "",
        "direction": kr.direction or "",
        "baseline": kr.baseline,
        "target": kr.target,
        "unit_of_measure": kr.unit_of_measure or "",
        "owner": people.get(kr.owner or "", kr.owner or ""),
        "due": kr.due.isoformat() if kr.due else "",
        "weight": kr.weight if kr.weight != 1.0 else "",
        "health_metric": "yes" if kr.health_metric else "",
    }


def _labels(names: dict[str, str]) -> dict[str, str]:
    """id → name, or the id where two records share a name (so the sheet stays unambiguous)."""
    counts = Counter(name_key(n) for n in names.values())
    return {i: (n if counts[name_key(n)] == 1 and name_key(n) != "" else i) for i, n in names.items()}


def _parent_label(ws: Workspace, objective: Objective) -> str:
    parent = ws.objectives.get(objective.parent or "")
    if parent is None:
        return objective.parent or ""
    chain, unit = [], ws.units[objective.unit].parent
    while unit is not None and unit not in chain:
        chain.append(unit)
        unit = ws.units[unit].parent if unit in ws.units else None
    same = [
        o for u in chain for o in ws.objectives_in(objective.cycle, u) if name_key(o.title) == name_key(parent.title)
    ]
    return parent.title if len(same) == 1 and same[0].id == parent.id else parent.id


def check_output(root: Path, output: Path) -> str:
    """The format for ``export -o`` (``csv`` or ``xlsx``, by extension); refuses workspace data.

    An output may be anywhere outside the workspace, or inside it except in its data
    folders (okrs/, checkins/, reviews/, assessments/, questionnaires/, .rollout/) and never
    a workspace file; a symbolic link is judged by where it leads. Raises UsageError.
    """
    suffix = output.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise UsageError(
            f"{output}: unknown extension {output.suffix or '(none)'}", hint="the extension decides: .csv or .xlsx"
        )
    target = output.resolve()
    if target.suffix.lower() != suffix:
        raise UsageError(f"{output} is a link to {target}, which is not a {suffix} file")
    workspace = root.resolve()
    if target.is_relative_to(workspace):
        relative = target.relative_to(workspace)
        if relative.parts[0] in DATA_DIRS or relative.suffix.lower() in (".yaml", ".yml"):
            raise UsageError(
                f"{output} is inside the workspace's data ({relative}); export elsewhere",
                hint="e.g. -o okrs.xlsx in the workspace folder, or a path outside it",
            )
    return suffix[1:]
