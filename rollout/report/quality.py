"""The view of the quality page: findings per cycle, never mixed across cycles.

Shape::

    QualityView
      available, reference (Markdown of the rule reference)
      findings: [FindingView]        every finding (packs, digests)
      counts, by_rule, by_unit       over every finding (packs, home page)
      trend: [(cycle, findings, quality score)]
      unit_scores: {(cycle, unit): 0–100}
      score_cycle, score             the cycle shown first (the running one, else the latest)
      cycles: {cycle id: QualityCycle}   one per cycle with OKRs or findings, in cycle order
      general: [FindingView]         findings of no cycle (settings, suppressions)

    QualityCycle
      id, url, score, counts (error, warning, info), by_rule, by_unit, findings

The page ``quality.html`` shows ``score_cycle`` and the findings of no cycle; every
other cycle has ``quality/<cycle>.html`` (:func:`quality_url`). The tiles, tables and
lists of a page count only its cycle's findings. The quality score of a cycle is the
mean of its units' scores (:func:`rollout.rules.scores_by_unit`; formula in
:mod:`rollout.rules.score`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rollout.report.viewmodel import FindingView
    from rollout.workspace import Workspace

SEVERITY_KEYS = ("error", "warning", "info")


@dataclass(slots=True)
class RuleCount:
    code: str
    name: str
    severity: str
    count: int


@dataclass(slots=True)
class QualityCycle:
    """The quality page of one cycle: only that cycle's findings and figures."""

    id: str
    url: str
    score: int | None
    counts: dict[str, int]  # by severity
    by_rule: list[RuleCount]
    by_unit: list[tuple[str, int]]  # (unit id, findings), most first
    findings: list[FindingView]

    @property
    def total(self) -> int:
        return len(self.findings)


@dataclass(slots=True)
class QualityView:
    available: bool
    findings: list[FindingView]
    score: int | None
    by_rule: list[RuleCount]
    by_unit: list[tuple[str, int]]  # (unit id, findings)
    trend: list[tuple[str, int, int | None]]  # (cycle, findings, quality score)
    reference: str  # Markdown of the rule reference
    counts: dict[str, int]  # by severity
    unit_scores: dict[tuple[str, str], int] = field(default_factory=dict)  # (cycle, unit) → 0–100
    score_cycle: str | None = None  # the cycle ``score`` is about
    cycles: dict[str, QualityCycle] = field(default_factory=dict)
    general: list[FindingView] = field(default_factory=list)  # findings of no cycle

    @property
    def first(self) -> QualityCycle | None:
        """The cycle ``quality.html`` shows."""
        return self.cycles.get(self.score_cycle or "")


def quality_url(cycle_id: str, first: str | None) -> str:
    """``quality.html`` for the cycle shown first, ``quality/<cycle>.html`` for the others."""
    return "quality.html" if cycle_id == first else f"quality/{cycle_id}.html"


def quality_view(
    ws: Workspace,
    raw: list[Any],
    findings: list[FindingView],
    available: bool,
    running: str | None,
    reuse: tuple[dict[tuple[str, str], int], set[tuple[str, str]]] | None = None,
) -> QualityView:
    """Findings by cycle, rule and unit; OKR quality 0–100 per (cycle, unit) and per cycle (mean of units).

    ``raw`` are the rule findings (:class:`rollout.rules.Finding`), ``findings`` their
    views in the same order. ``reuse`` is (unit scores of the previous view, the
    (cycle, unit) pairs made again) for an incremental view.
    """
    unit_scores: dict[tuple[str, str], int] = {}
    reference = ""
    if available:
        from rollout.rules import reference_markdown, scores_by_unit

        stale = reuse[1] if reuse is not None else None
        objectives_of: dict[tuple[str, str], Iterable[str]] = {
            key: [o.id for o in objectives] for key, objectives in ws.okr_files.items() if stale is None or key in stale
        }
        if reuse is None:
            unit_scores = scores_by_unit(raw, objectives_of)
        else:  # only the remade units' findings changed
            unit_scores = dict(reuse[0])
            unit_scores.update(scores_by_unit((f for f in raw if (f.cycle, f.unit) in reuse[1]), objectives_of))
        reference = reference_markdown()
    by_cycle_findings: dict[str, list[FindingView]] = {}
    general: list[FindingView] = []
    for f in findings:
        if f.cycle:
            by_cycle_findings.setdefault(f.cycle, []).append(f)
        else:
            general.append(f)
    cycle_scores: dict[str, int | None] = {}
    for cycle_id in ws.cycles:
        scores = [v for (c, _u), v in unit_scores.items() if c == cycle_id]
        cycle_scores[cycle_id] = round(sum(scores) / len(scores)) if scores else None
    trend = [(c, len(by_cycle_findings.get(c, [])), cycle_scores[c]) for c in ws.cycles if ws.units_in(c)]
    score_cycle = running if running in cycle_scores else (trend[-1][0] if trend else None)
    order = [c for c in ws.cycles if ws.units_in(c) or c in by_cycle_findings]
    order += sorted(c for c in by_cycle_findings if c not in ws.cycles)
    if score_cycle is None and order:
        score_cycle = order[-1]
    cycles = {
        c: _cycle(c, quality_url(c, score_cycle), cycle_scores.get(c), by_cycle_findings.get(c, []), available)
        for c in order
    }
    return QualityView(
        available=available,
        findings=findings,
        score=cycle_scores.get(score_cycle) if score_cycle and available else None,
        by_rule=_by_rule(findings),
        by_unit=Counter(f.unit for f in findings if f.unit).most_common(),
        trend=trend,
        reference=reference,
        counts=_counts(findings),
        unit_scores=unit_scores,
        score_cycle=score_cycle,
        cycles=cycles,
        general=general,
    )


def _cycle(cycle_id: str, url: str, score: int | None, findings: list[FindingView], available: bool) -> QualityCycle:
    return QualityCycle(
        id=cycle_id,
        url=url,
        score=score if available else None,
        counts=_counts(findings),
        by_rule=_by_rule(findings),
        by_unit=Counter(f.unit for f in findings if f.unit).most_common(),
        findings=findings,
    )


def _counts(findings: list[FindingView]) -> dict[str, int]:
    severity = Counter(f.severity for f in findings)
    return {k: severity.get(k, 0) for k in SEVERITY_KEYS}


def _by_rule(findings: list[FindingView]) -> list[RuleCount]:
    rules: dict[str, RuleCount] = {}
    for f in findings:
        entry = rules.get(f.code)
        if entry is None:
            rules[f.code] = RuleCount(f.code, f.name, f.severity, 1)
        else:
            entry.count += 1
    return sorted(rules.values(), key=lambda r: (-r.count, r.code))
