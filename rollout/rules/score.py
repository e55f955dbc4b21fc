"""The OKR quality score: 0–100 from findings, per objective and per unit.

Formula (documented on the reference page and in ``rollout rules``)::

    quality = max(0, 100 - 25 × errors - 10 × warnings - 3 × infos)

- **objective quality**: the findings on the objective and on its key results;
- **unit quality** (one unit in one cycle): the mean of its objectives' quality,
  minus the penalties of the findings on the unit as a whole (counts,
  calibration), floor 0; 100 for a unit without objectives or findings.

Scores are whole numbers. They summarize the quality *of how OKRs are written
and run*, not progress on them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rollout.rules.base import Finding

PENALTY: dict[str, int] = {"error": 25, "warning": 10, "info": 3}


def quality_score(findings: Iterable[Finding]) -> int:
    """100 minus the penalties of ``findings``, floor 0."""
    return max(0, 100 - sum(PENALTY[f.severity] for f in findings))


def objective_quality(findings: Iterable[Finding]) -> int:
    """Quality of one objective from the findings on it and its key results (the caller filters)."""
    return quality_score(findings)


def unit_quality(findings: Iterable[Finding], objective_ids: Iterable[str]) -> int:
    """Quality of one unit in one cycle: mean objective quality minus unit-level penalties.

    ``findings`` are the unit's findings in that cycle; ``objective_ids`` its objectives.
    """
    ids = list(objective_ids)
    by_objective: dict[str, list[Finding]] = defaultdict(list)
    unit_level: list[Finding] = []
    for finding in findings:
        if finding.objective in ids:
            by_objective[finding.objective].append(finding)
        elif finding.objective is None:
            unit_level.append(finding)
    base = sum(objective_quality(by_objective[i]) for i in ids) / len(ids) if ids else 100.0
    return max(0, round(base) - sum(PENALTY[f.severity] for f in unit_level))


def scores_by_objective(findings: Iterable[Finding], objective_ids: Iterable[str]) -> dict[str, int]:
    """``{objective id: quality}`` for every id given (100 when it has no finding)."""
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.objective:
            grouped[finding.objective].append(finding)
    return {i: objective_quality(grouped.get(i, [])) for i in objective_ids}


def scores_by_unit(
    findings: Iterable[Finding], units: dict[tuple[str, str], Iterable[str]]
) -> dict[tuple[str, str], int]:
    """``{(cycle, unit): quality}`` given each (cycle, unit)'s objective ids (e.g. from ``ws.okr_files``)."""
    grouped: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.cycle and finding.unit:
            grouped[(finding.cycle, finding.unit)].append(finding)
    return {key: unit_quality(grouped.get(key, []), ids) for key, ids in units.items()}
