"""The phase pack: units, readiness, results across cycles, the pilot retrospective, refinements, the gate."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from rollout.metrics.analysis import GATE_EXPAND_DISCIPLINE, PhaseState
from rollout.metrics.rounding import share_below
from rollout.org.history import org_day
from rollout.plural import plural
from rollout.report.formats import cycle_state, fraction, judged_mean, measured, phase_scope
from rollout.report.packs.phase_answers import readiness_summary, retrospective_answers
from rollout.report.packs.plan import PackSpec
from rollout.report.packs.sections import (
    DECISION_TEXT,
    MAX_LESSONS,
    MAX_NEXT_NAMED,
    MAX_PHASE_UNITS,
    RECOMMENDATION_TEXT,
    STRATEGY_TEXT,
    Figure,
    Sources,
    long_date,
    markdown_inline,
    pct,
    score_text,
)
from rollout.report.vocabulary import label

# --- phase pack -----------------------------------------------------------------------


MAX_REFINE = 6  # rows of each kind in "What to refine in the framework"; then a row says how many more


@dataclass
class PhasePack:
    spec: PackSpec
    organization: str
    language: str
    name: str
    strategy: str
    as_of: str
    period: str
    recommendation: str
    recommendation_key: str
    reasons: list[str]
    cover_figures: list[Figure]
    figures: list[Figure]
    units: list[dict[str, Any]]
    next_units: list[str]
    entry_criteria: list[str]
    exit_criteria: list[str]
    cycles: list[dict[str, Any]]
    trend: Markup
    unit_cycle_rows: list[dict[str, Any]]
    next_units_total: int
    units_note: str
    cycle_ids: list[str]
    readiness: dict[str, Any] | None
    next_readiness: Any
    retrospective: dict[str, Any] | None
    refine: list[dict[str, Any]]
    lessons: list[tuple[str, str]]
    lessons_more: int
    keywords: list[str]
    subject: str
    scope_note: str


def phase_pack(src: Sources, spec: PackSpec) -> PhasePack:
    """Everything a phase pack shows: units, readiness, results, retrospective, refinements, the gate."""
    from rollout.report.charts import meter, score_bar, trend

    ws, analysis = src.ws, src.analysis
    assert spec.phase is not None
    phase = ws.phases[spec.phase]
    state: PhaseState = analysis.phases[spec.phase]
    as_of = spec.as_of or ws.today
    cycles = [ws.cycles[c] for c in state.cycles]
    period = f"{long_date(cycles[0].start)} – {long_date(cycles[-1].end)}" if cycles else "no cycles yet"
    comp = state.completion
    reviews_done, reviews_expected = state.leadership_reviews
    phase_view = src.view.phases[spec.phase]
    retro_detail = "; ".join(f"{n} to the {title.lower()}" for title, n in phase_view.retrospective_counts)
    figures = [
        Figure(
            label("phase-mean-score"),
            judged_mean(comp.mean_score),
            f"{comp.scored} of {plural(comp.key_results, 'key result')} measured",
            chart=meter(comp.mean_score, width=150, height=8),
            key="phase-mean-score",
            scope=spec.phase,
        ),
        Figure(
            label("key-results-strong"),
            pct(comp.strong_share),
            f"{comp.strong} of {plural(comp.key_results, 'key result')} at {ws.settings.scoring.strong:.1f} or above",
            chart=meter(comp.strong_share, width=150, height=8),
            key="key-results-strong",
            scope=spec.phase,
        ),
        Figure(
            label("checkin-discipline"),
            pct(state.checkins.rate),
            state.checkins.weeks_text,
            chart=meter(state.checkins.rate, width=150, height=8),
            key="checkin-discipline",
            scope=spec.phase,
        ),
        Figure(
            label("leadership-reviews"),
            fraction(reviews_done, reviews_expected),
            "monthly reviews held in the phase's cycles",
            key="leadership-reviews",
            scope=spec.phase,
        ),
        Figure(
            label("retrospective-answers"),
            str(state.retrospectives),
            retro_detail or "no retrospective answered yet",
            key="retrospective-answers",
            scope=spec.phase,
        ),
        Figure(
            "Next units",
            str(len(state.next_units)),
            "units the next step would bring in",
        ),
    ]

    # --- units of the phase ----------------------------------------------------------
    unit_rows: list[dict[str, Any]] = []
    # Departments as they were in the phase's last cycle (a team moved since stays where it was).
    org_on = org_day(ws, ws.cycles[state.cycles[-1]]) if state.cycles and state.cycles[-1] in ws.cycles else None
    for unit_id in state.units:
        unit = ws.units.get(unit_id)
        if unit is None:
            continue
        department = ws.department_of(unit_id, on=org_on) if unit.kind == "team" else None
        scores = [analysis.units[(c, unit_id)] for c in state.cycles if (c, unit_id) in analysis.units]
        last = scores[-1] if scores else None
        unit_rows.append(
            {
                "name": unit.name,
                "kind": unit.kind,
                "id": unit_id,
                "department": src.unit_name(department.id) if department else "–",
                "score_value": last.score if last else None,
                "owner": src.person(unit.owner),
                "objectives": sum(len(s.objectives) for s in scores),
                "score": score_text(last.score if last else None),
                "measured": measured(last.completion.scored, last.completion.key_results) if last else "",
                "status": last.status if last else None,
                "final": last is not None and ws.cycles[last.cycle].status == "closed",
                "checkins": pct(
                    sum(s.checkins.done for s in scores) / sum(s.checkins.expected for s in scores)
                    if sum(s.checkins.expected for s in scores)
                    else None
                ),
                "readiness": "",
            }
        )

    units_note = ""
    if len(unit_rows) > MAX_PHASE_UNITS:
        ranked = sorted(unit_rows, key=lambda r: (r["score_value"] is not None, r["score_value"] or 0.0))
        weakest = ranked[: MAX_PHASE_UNITS - 6]
        strongest = [r for r in reversed(ranked) if r not in weakest][:6]
        kinds = Counter(r["kind"] for r in unit_rows)
        units_note = (
            f"{len(unit_rows)} units ({', '.join(plural(n, k) for k, n in kinds.items())}): "
            f"the {len(weakest)} with the lowest latest scores and the {len(strongest)} with the highest are listed."
        )
        unit_rows = weakest + strongest
    listed_units = [r["id"] for r in unit_rows]

    # --- results across cycles (the phase's figures per cycle: rollout.metrics.rollups) ---
    cycle_rows: list[dict[str, Any]] = []
    series: list[tuple[str, float | None]] = []
    for result in phase_view.cycle_results:
        cycle = ws.cycles[result.cycle]
        mean = result.completion.mean_score
        cycle_rows.append(
            {
                "id": cycle.id,
                "title": cycle.title,
                "status": cycle_state(cycle.status, cycle.start, cycle.end, as_of).lower(),  # as its site page names it
                "units": len(result.units),
                "key_results": result.completion.key_results,
                "mean": judged_mean(mean),
                "mean_value": mean,
                "strong": pct(result.completion.strong_share),
                "checkins": pct(result.checkins.rate),
                "alignment": pct(analysis.cycles[cycle.id].alignment.coverage),
                "bar": score_bar(mean, width=44, height=6),
            }
        )
        series.append((cycle.id, mean))
    trend_chart = trend(series, title="Mean key result score by cycle", maximum=1.0, width=330, score=True, places=2)
    unit_cycle_rows = []
    for unit_id in listed_units:
        if unit_id not in ws.units:
            continue
        cells: list[dict[str, Any]] = []
        for cycle in cycles:
            s = analysis.units.get((cycle.id, unit_id))
            cells.append(
                {
                    "score": score_text(s.score if s else None),
                    "measured": measured(s.completion.scored, s.completion.key_results) if s else "",
                    "status": s.status if s else None,
                    "final": cycle.status == "closed",
                    "has": s is not None,
                }
            )
        unit_cycle_rows.append({"name": src.unit_name(unit_id), "cells": cells})

    # --- lessons, retrospective, refinements -----------------------------------------
    phase_units = set(state.units)
    lessons = [
        (f"{src.unit_name(u)}, {c}", lesson)
        for (c, u), review in ws.reviews.items()
        if c in state.cycles and u in phase_units
        for lesson in review.lessons
    ]
    retrospective = retrospective_answers(src, spec.phase)
    refine = refinements(src, spec.phase, state)
    readiness = readiness_summary(src)

    return PhasePack(
        spec=spec,
        organization=ws.settings.organization,
        language=ws.settings.language,
        name=phase.name,
        strategy=STRATEGY_TEXT.get(phase.strategy, phase.strategy),
        as_of=long_date(as_of),
        period=period,
        recommendation=RECOMMENDATION_TEXT[state.recommendation],
        recommendation_key=state.recommendation,
        reasons=list(state.reasons),
        cover_figures=figures,
        figures=figures,
        units=unit_rows,
        next_units=[src.unit_name(u) for u in state.next_units[:MAX_NEXT_NAMED]],
        next_units_total=len(state.next_units),
        units_note=units_note,
        entry_criteria=list(phase.entry_criteria),
        exit_criteria=list(phase.exit_criteria),
        cycles=cycle_rows,
        trend=trend_chart,
        unit_cycle_rows=unit_cycle_rows,
        cycle_ids=[c.id for c in cycles],
        readiness=readiness,
        next_readiness=state.readiness,
        retrospective=retrospective,
        refine=refine,
        lessons=lessons[:MAX_LESSONS],
        lessons_more=max(0, len(lessons) - MAX_LESSONS),
        keywords=["OKR", "rollout", "phase review", phase.name, ws.settings.organization],
        scope_note=phase_scope(len(phase.units), [c.id for c in cycles]),
        subject=f"Review of the rollout phase '{phase.name}' for the leadership of {ws.settings.organization}",
    )


def refinements(src: Sources, phase_id: str, state: PhaseState) -> list[dict[str, Any]]:
    """What to refine in the framework before the next step, each with the evidence behind it."""
    ws, analysis = src.ws, src.analysis
    units = set(state.units)
    out: list[dict[str, Any]] = []
    findings = [f for f in src.findings if f.unit in units and (f.cycle in state.cycles or f.cycle is None)]
    by_rule: dict[str, list[Any]] = defaultdict(list)
    for f in findings:
        by_rule[f.code].append(f)
    # At most MAX_REFINE of each kind, and a row that says how many more (fe27 F2: cut without a word)
    ranked = sorted(by_rule.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    for code, items in ranked[:MAX_REFINE]:
        out.append(
            {
                "topic": f"{items[0].name.replace('-', ' ').capitalize()} ({code})",
                "evidence": f"{plural(len(items), 'finding')} in {plural(len({f.unit for f in items}), 'unit')}",
                "action": markdown_inline(items[0].hint),
            }
        )
    if len(ranked) > MAX_REFINE:
        more = ranked[MAX_REFINE:]
        out.append(
            {
                "topic": f"…and {plural(len(more), 'more quality rule')} with findings",
                "evidence": plural(sum(len(items) for _code, items in more), "finding"),
                "action": "the appendix and the site's quality page list every finding",
            }
        )
    for unit_id in state.units:
        calibration = analysis.calibration.get(unit_id)
        if calibration and calibration.verdict in ("too_safe", "too_hard"):
            history = ", ".join(f"{c} {judged_mean(s)}" for c, s in calibration.scores[-2:])
            out.append(
                {
                    "topic": f"Target setting in {src.unit_name(unit_id)}",
                    "evidence": f"mean scores {history}",
                    "action": "set more ambitious targets"
                    if calibration.verdict == "too_safe"
                    else "set targets the unit can reach at 0.7 with real effort",
                }
            )
    checkins = state.checkins.rate
    if checkins is not None and share_below(checkins, GATE_EXPAND_DISCIPLINE):  # the expansion gate's bar
        out.append(
            {
                "topic": "Weekly check-in habit",
                "evidence": f"{pct(checkins)} of check-in weeks done",
                "action": "make the check-in a standing item of the weekly team meeting",
            }
        )
    refined = [
        d
        for (c, u), review in ws.reviews.items()
        if c in state.cycles and u in units
        for d in review.decisions
        if d.decision in ("refined", "dropped") and d.note
    ]
    for d in refined[:MAX_REFINE]:
        objective = analysis.objectives.get(d.objective)
        where = f" of {src.unit_name(objective.unit)}" if objective is not None else ""
        out.append(
            {
                "topic": f"{DECISION_TEXT[d.decision]}: {src.objective_title(d.objective)}",
                "evidence": f"end-of-cycle decision{where}",
                "action": d.note,
            }
        )
    if len(refined) > MAX_REFINE:
        out.append(
            {
                "topic": f"…and {plural(len(refined) - MAX_REFINE, 'more objective')} refined or dropped",
                "evidence": "end-of-cycle decisions",
                "action": "each cycle pack lists every decision with its note",
            }
        )
    return out
