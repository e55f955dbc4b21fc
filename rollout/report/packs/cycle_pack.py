"""The cycle pack: where we stand, what to celebrate, what fell short, what we decided, each department."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from rollout.metrics.analysis import CycleState
from rollout.org.history import org_day
from rollout.plural import plural
from rollout.report.formats import fraction, measured
from rollout.report.packs.departments import department_section
from rollout.report.packs.plan import PackSpec
from rollout.report.packs.sections import (
    DECISION_TEXT,
    FINAL_TEXT,
    MAX_CELEBRATE,
    MAX_DECISIONS,
    MAX_DETAILED_DEPARTMENTS,
    MAX_FINDINGS_LISTED,
    MAX_GLANCE_ROWS,
    MAX_LESSONS,
    MAX_NAMED,
    MAX_OFF_TRACK,
    STATUS_TEXT,
    DepartmentSection,
    Figure,
    FindingItem,
    FindingRow,
    KRRow,
    ObjectiveBlock,
    Sources,
    finding_items,
    findings_in,
    findings_summary,
    kr_row,
    long_date,
    markdown,
    objective_block,
    pct,
    score_text,
    severity_counts,
)
from rollout.report.vocabulary import decision_tally, label

# --- cycle pack -----------------------------------------------------------------------


RUNNING_FIGURES = frozenset({"company-score", "key-results-strong", "checkin-discipline", "leadership-checkins"})
"""Figures that mean something only once a cycle has started: left out of a plan pack."""


@dataclass
class CyclePack:
    spec: PackSpec
    organization: str
    language: str
    cycle_title: str
    cycle_status: str
    period: str
    as_of: str
    elapsed: str
    headline: str
    cover_figures: list[Figure]
    figures: list[Figure]
    distribution: Markup
    distribution_text: str
    department_rows: list[dict[str, Any]]
    company: list[ObjectiveBlock]
    celebrate: list[KRRow]
    celebrate_more: int
    celebrate_objectives: list[ObjectiveBlock]
    off_track: list[KRRow]
    off_track_more: int
    off_track_by_department: list[tuple[str, int]]
    off_track_departments_more: int
    compact: bool
    glance_note: str
    decision_tally: str
    decisions_more: int
    finding_departments_more: int
    closed: bool
    planned: bool
    lessons: list[tuple[str, str]]
    lessons_more: int
    decisions: list[tuple[str, ObjectiveBlock]]
    reviews: list[dict[str, Any]]
    departments: list[DepartmentSection]
    finding_rows: list[FindingRow]
    finding_items: list[FindingItem]
    finding_items_more: int
    finding_counts: dict[str, int]
    finding_department_rows: list[dict[str, Any]]
    keywords: list[str]
    subject: str


def cycle_pack(src: Sources, spec: PackSpec) -> CyclePack:
    """Everything a cycle pack shows, bounded by the number of departments."""
    from rollout.report.charts import distribution, meter

    ws, analysis = src.ws, src.analysis
    assert spec.cycle is not None
    cycle = ws.cycles[spec.cycle]
    state: CycleState = analysis.cycles[spec.cycle]
    as_of = spec.as_of or ws.today
    closed = cycle.status == "closed"
    company = ws.company
    company_id = company.id if company else None
    findings = findings_in(src, spec.cycle)
    counts = severity_counts(findings)

    # --- figures -------------------------------------------------------------------
    comp = state.completion
    discipline = state.checkins
    lead = state.leadership
    align = state.alignment
    if closed:
        elapsed = f"cycle closed on {long_date(cycle.closed_on)}" if cycle.closed_on else "cycle closed"
    else:
        elapsed = f"{pct(state.expected)} of the cycle elapsed"
    company_line = (
        f"Company score {score_text(state.company_score)} "
        f"({(FINAL_TEXT if closed else STATUS_TEXT)[state.company_status].lower()})"
        if state.company_score is not None or state.company_status is not None
        else "No company score yet"
    )
    planned = spec.edition == "plan"
    if planned:
        headline = (
            f"The plan for {cycle.title}: {plural(len(ws.objectives_in(spec.cycle)), 'objective')} and "
            f"{plural(comp.key_results, 'key result')} in {plural(len(state.units), 'unit')}; "
            f"the cycle starts on {long_date(cycle.start)}."
        )
    else:
        headline = (
            f"{company_line}. Across all units: {comp.scored} of {plural(comp.key_results, 'key result')} measured, "
            f"{pct(comp.strong_share)} of all key results strong ({comp.strong} of {comp.key_results}); {elapsed}."
        )
    figures = [
        Figure(
            label("company-score"),
            score_text(state.company_score),
            "final score, 0.7 and above is strong" if closed else "progress so far, 0.0–1.0",
            status=state.company_status,
            chart=meter(state.company_score, width=150, height=8),
            key="company-score",
            scope=spec.cycle,
        ),
        Figure(
            label("key-results-strong"),
            pct(comp.strong_share),
            f"{comp.strong} of {plural(comp.key_results, 'key result')} at {ws.settings.scoring.strong:.1f} or above; "
            f"mean {score_text(comp.mean_score)}",
            chart=meter(comp.strong_share, width=150, height=8),
            key="key-results-strong",
            scope=spec.cycle,
        ),
        Figure(
            label("alignment-coverage"),
            pct(align.coverage),
            f"{align.linked} of {plural(align.objectives, 'objective')} "
            f"{'links' if align.objectives == 1 else 'link'} to a company objective; "
            f"{plural(len(align.orphans), 'orphan')}",
            chart=meter(align.coverage, width=150, height=8),
            key="alignment-coverage",
            scope=spec.cycle,
        ),
        Figure(
            label("checkin-discipline"),
            pct(discipline.rate),
            discipline.weeks_text,
            chart=meter(discipline.rate, width=150, height=8),
            key="checkin-discipline",
            scope=spec.cycle,
        ),
        Figure(
            label("leadership-checkins"),
            pct(lead.checkins.rate),
            "the company's and departments' own key results",
            chart=meter(lead.checkins.rate, width=150, height=8),
            key="leadership-checkins",
            scope=spec.cycle,
            extra=(
                label("leadership-reviews"),
                fraction(lead.reviews_done, lead.reviews_expected),
                "leadership-reviews",
                "monthly review held" if lead.reviews_expected == 1 else "monthly reviews held",
            ),
        ),
        Figure(
            label("quality-findings"),
            f"{len(findings):,}",
            f"{plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}, "
            f"{plural(counts['info'], 'note')}",
        ),
    ]
    if planned:  # before its first day a cycle has no score, no strong share and no check-in week due
        figures = [f for f in figures if f.key not in RUNNING_FIGURES]
    cover_figures = figures

    cycle_view = src.view.cycles[spec.cycle]
    # The site's four bars (not scored included), with short labels for the narrower chart.
    short = {"strong": "Strong", "moderate": "Moderate", "weak": "Weak"}
    bands = [(key, short.get(key, label), count) for key, label, count in cycle_view.bands]
    long_labels = {key: label for key, label, _count in cycle_view.bands}
    chart = distribution(bands, title="Key results by score band", width=340)
    dist_text = "; ".join(f"{long_labels[key]}: {count}" for key, _label, count in bands)

    # --- departments table -----------------------------------------------------------
    # The organization as it was in the cycle: a team moved since stays under its department of then
    # (the rollups of the view use the same day).
    org_on = org_day(ws, ws.cycles[spec.cycle])
    rollups = cycle_view.departments
    department_ids = list(rollups)
    department_rows = []
    for d, roll in rollups.items():
        department_rows.append(
            {
                "anchor": f"dept-{d}",
                "id": d,
                "name": src.unit_name(d),
                "score": score_text(roll.score),
                "score_value": roll.score,
                "status": roll.status,
                "bar": meter(roll.score, width=48, height=7),
                "teams": len(roll.teams),
                "key_results": roll.completion.key_results,
                # Beside the department's own score: its own key results (its teams are not in it).
                "measured": measured(own.completion.scored, own.completion.key_results)
                if (own := src.analysis.units.get((spec.cycle, d)))
                else "",
                "strong": pct(roll.completion.strong_share),
                "checkins": pct(roll.checkins.rate),
                "no_okrs": False,
            }
        )

    # Departments of the cycle's organization with no OKRs (their own or their teams'): a row that
    # says so, after the others, as on the site's home page (a leader sees that nothing is set there).
    without_okrs = cycle_view.departments_without_okrs

    compact = len(department_ids) > MAX_DETAILED_DEPARTMENTS
    glance_note = ""
    if len(department_rows) > MAX_GLANCE_ROWS:
        # Weakest first; equal scores in units.yaml order (sorted is stable).
        ranked = sorted(department_rows, key=lambda r: (r["score_value"] is not None, r["score_value"] or 0.0))
        weakest = ranked[: MAX_GLANCE_ROWS - 4]
        strongest = [r for r in reversed(ranked) if r not in weakest][:4]
        glance_note = (
            f"{plural(len(department_rows), 'department')}: the {len(weakest)} with the lowest scores and the "
            f"{len(strongest)} with the highest are listed; each department has its digest below."
        )
        department_rows = weakest + strongest
    department_rows += [{"id": u, "name": src.unit_name(u), "no_okrs": True} for u in without_okrs]

    # --- company objectives ------------------------------------------------------------
    company_blocks = [objective_block(src, o, as_of) for o in analysis.objectives_of(spec.cycle, company_id or "")]

    # --- celebrate and off track -------------------------------------------------------
    cycle_krs = [
        analysis.key_results[k]
        for u in state.units
        for o in analysis.units[(spec.cycle, u)].objectives
        for k in analysis.objectives[o].key_results
    ]
    level = {u: ws.level(u) for u in state.units}
    strong = [k for k in cycle_krs if k.band == "strong"]
    strong.sort(key=lambda k: (-(k.score or 0), level[k.unit], k.kr))
    celebrate = [kr_row(src, k, as_of) for k in strong[:MAX_CELEBRATE]]
    strong_objectives = [
        objective_block(src, analysis.objectives[o.objective], as_of)
        for o in (analysis.objectives[x] for x in (o.id for o in ws.objectives_in(spec.cycle)))
        if o.band == "strong" and level.get(o.unit, 2) <= 1
    ][:8]
    off = [k for k in cycle_krs if k.status == "off_track"]
    off.sort(key=lambda k: (level[k.unit], k.score if k.score is not None else -1, k.kr))
    off_rows = [kr_row(src, k, as_of) for k in off[:MAX_OFF_TRACK]]
    off_by_department: Counter[str] = Counter()
    for k in off:
        department = ws.department_of(k.unit, on=org_on)
        off_by_department[department.name if department else src.unit_name(k.unit)] += 1

    # --- lessons, decisions, reviews ---------------------------------------------------
    # Every objective's decision and every lesson, the teams' too (the site's cycle page and
    # `rollout close` count them all), grouped by unit: the company, then each department
    # followed by its teams (a stable sort: file order within a unit).
    order = {d: i for i, d in enumerate(department_ids)}

    def unit_place(unit_id: str) -> tuple[int, int]:
        department = ws.department_of(unit_id, on=org_on)
        return (-1 if department is None else order.get(department.id, len(order)), ws.level(unit_id))

    lessons = [(src.unit_name(u), lesson) for u, lesson in sorted(cycle_view.lessons, key=lambda ul: unit_place(ul[0]))]

    decided = sorted(
        ((u, o, d) for u, o, d, _note in cycle_view.decisions if o in analysis.objectives),
        key=lambda row: unit_place(row[0]),
    )
    tally: Counter[str] = Counter(d for _u, _o, d in decided)
    reviews: list[dict[str, Any]] = [
        {
            "date": long_date(monthly.date),
            "attendees": len(monthly.attendees),
            "notes": markdown(monthly.notes),
            "risks": monthly.risks,
            "decisions": monthly.decisions,
        }
        for unit_id, review in cycle_view.reviews
        if unit_id == company_id
        for monthly in review.monthly
        if monthly.date <= as_of
    ]
    if not closed:
        reviews = reviews[-1:]  # the monthly edition shows the latest review in full
    decision_rows = [
        (DECISION_TEXT[d], objective_block(src, analysis.objectives[o], as_of)) for _u, o, d in decided[:MAX_DECISIONS]
    ]
    decisions_more = len(decided) - len(decision_rows)

    # --- one section per department ----------------------------------------------------
    sections = [department_section(src, spec.cycle, d, list(rollups[d].teams), as_of, findings) for d in department_ids]

    # --- quality appendix --------------------------------------------------------------
    rows = findings_summary(src, findings, on=org_on)
    items, more = finding_items(src, findings, MAX_FINDINGS_LISTED)
    per_department: dict[str, Counter[str]] = defaultdict(Counter)
    for f in findings:
        department = ws.department_of(f.unit, on=org_on) if f.unit else None
        name = department.name if department else ("Company" if f.unit == company_id else "Workspace")
        per_department[name][f.severity] += 1
    finding_department_rows = [
        {"name": name, **{k: c.get(k, 0) for k in ("error", "warning", "info")}, "total": sum(c.values())}
        for name, c in sorted(per_department.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    ]
    finding_departments_more = max(0, len(finding_department_rows) - MAX_GLANCE_ROWS)
    finding_department_rows = finding_department_rows[:MAX_GLANCE_ROWS]

    return CyclePack(
        spec=spec,
        organization=ws.settings.organization,
        language=ws.settings.language,
        cycle_title=cycle.title,
        cycle_status=cycle.status,
        period=f"{long_date(cycle.start)} – {long_date(cycle.end)}",
        as_of=long_date(as_of),
        elapsed=elapsed,
        headline=headline,
        cover_figures=cover_figures,
        figures=figures,
        distribution=chart,
        distribution_text=dist_text,
        department_rows=department_rows,
        company=company_blocks,
        celebrate=celebrate,
        celebrate_more=max(0, len(strong) - MAX_CELEBRATE),
        celebrate_objectives=strong_objectives,
        off_track=off_rows,
        off_track_more=max(0, len(off) - MAX_OFF_TRACK),
        # Most off-track key results first; a tie in alphabetical order of the department.
        off_track_by_department=sorted(off_by_department.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_NAMED],
        off_track_departments_more=max(0, len(off_by_department) - MAX_NAMED),
        compact=compact,
        glance_note=glance_note,
        decision_tally=decision_tally(tally),
        decisions_more=decisions_more,
        finding_departments_more=finding_departments_more,
        closed=closed,
        planned=planned,
        lessons=lessons[:MAX_LESSONS],
        lessons_more=max(0, len(lessons) - MAX_LESSONS),
        decisions=decision_rows,
        reviews=reviews,
        departments=sections,
        finding_rows=rows,
        finding_items=items,
        finding_items_more=more,
        finding_counts=counts,
        finding_department_rows=finding_department_rows,
        keywords=["OKR", "review pack", spec.cycle, ws.settings.organization, spec.edition],
        subject=f"OKR {spec.edition} of {cycle.title} for the leadership of {ws.settings.organization}",
    )
