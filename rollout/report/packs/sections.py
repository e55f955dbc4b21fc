"""Shared pieces of the packs: their sources (the view model), formatting and building blocks.

The cycle pack (:mod:`.cycle_pack`) and the phase pack (:mod:`.phase_pack`) are
assembled from these. The packs never compute a score: every figure comes from the same analysis the
site shows (``rollout.metrics.analysis`` through the site's view model), and user
text goes through the site's Markdown renderer (raw HTML off, images as alt
text). This module only chooses, orders and bounds what a leader reads:

- lists that grow with the organization are capped (celebrations, off-track key
  results, teams per department, findings), each with a count of what was left
  out, so a pack's length follows the number of departments, not teams;
- links in user notes keep only ``http``, ``https`` and ``mailto`` targets (a
  relative link would point at the build machine's files); the text stays.

The data shapes the templates read (``Figure``, ``KRRow``, ...) live in :mod:`.blocks` and
are re-exported here.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from rollout.metrics.analysis import Analysis, KRState, ObjectiveState, UnitCycleState
from rollout.report import formats
from rollout.report.packs.blocks import DepartmentSection as DepartmentSection
from rollout.report.packs.blocks import Figure as Figure
from rollout.report.packs.blocks import FindingItem as FindingItem
from rollout.report.packs.blocks import FindingRow as FindingRow
from rollout.report.packs.blocks import KRRow as KRRow
from rollout.report.packs.blocks import ObjectiveBlock as ObjectiveBlock
from rollout.report.packs.blocks import TeamRow as TeamRow
from rollout.report.vocabulary import DECISION_WORDS, FINAL_WORDS, KR_KIND_WORDS, RECOMMENDATION_WORDS, STATUS_WORDS
from rollout.workspace.workspace import Workspace

if TYPE_CHECKING:
    from rollout.report.viewmodel import SiteView

# Bounds: what a leader can read in a few minutes, whatever the size of the organization.
MAX_CELEBRATE = 10
MAX_OFF_TRACK = 16
MAX_TEAMS_LISTED = 12  # above this, a department shows its weakest and strongest teams only
TEAMS_WEAKEST = 8
TEAMS_STRONGEST = 4
MAX_FINDINGS_LISTED = 40
MAX_ANSWERS_PER_QUESTION = 12
MAX_LESSONS = 24
MAX_DETAILED_DEPARTMENTS = 12  # above this, each department gets a compact digest instead of full tables
MAX_GLANCE_ROWS = 16  # departments in the summary table of a large organization
MAX_DECISIONS = 24
MAX_NAMED = 8  # departments named in a sentence
MAX_PHASE_UNITS = 30  # units listed in a phase pack's tables
MAX_NEXT_NAMED = 20  # next units named in the recommendation

STATUS_ORDER = ("on_track", "at_risk", "off_track")
# The same words as the site (one view model, one vocabulary).
STATUS_TEXT = STATUS_WORDS
# In a closed cycle the status follows the band of the final score: say the band.
FINAL_TEXT = FINAL_WORDS
DECISION_TEXT = DECISION_WORDS
# The expansion gate's verdict in the site's words ("Expand", never "Expand the rollout" beside it).
RECOMMENDATION_TEXT = RECOMMENDATION_WORDS
STRATEGY_TEXT = {
    "leadership-first": "leadership first",
    "department-by-department": "department by department",
    "team-by-team": "team by team",
    "broad": "broad rollout",
}

_LINK = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.DOTALL)


# --- formatting -----------------------------------------------------------------------


# The reports' one set of formatters (rollout.report.formats), shared with the site.
score_text = formats.score
pct = formats.share
number = formats.value
long_date = formats.long_date


def safe_links(html: Markup | str) -> Markup:
    """Keep only web and mail links in rendered user Markdown; other links become their text."""

    def keep(match: re.Match[str]) -> str:
        href, text = match.group(1), match.group(2)
        if href.startswith(("http://", "https://", "mailto:")):
            return match.group(0)
        return text

    return Markup(_LINK.sub(keep, str(html)))


def markdown(text: str | None) -> Markup:
    """User Markdown as safe HTML for a pack (the site's renderer, links restricted)."""
    if not text or not text.strip():
        return Markup("")
    from rollout.report.markdown import render_markdown

    return safe_links(render_markdown(text))


def markdown_inline(text: str | None) -> Markup:
    if not text or not text.strip():
        return Markup("")
    from rollout.report.markdown import render_inline

    return safe_links(render_inline(text))


# --- the sources a pack reads ---------------------------------------------------------


@dataclass
class Sources:
    """The shared view model (and the workspace it was built from) that a pack reads.

    Every figure is the view's (``view.analysis`` is the analysis the site shows),
    findings are the view's quality findings, names are the view's.
    """

    ws: Workspace
    view: SiteView
    analysis: Analysis = field(init=False)
    findings: Sequence[Any] = field(init=False)

    def __post_init__(self) -> None:
        self.analysis = self.view.analysis
        self.findings = list(self.view.quality.findings)

    @classmethod
    def from_view(cls, ws: Workspace, view: SiteView | None) -> Sources:
        """Sources for ``ws``; builds the view when none is given (a pack built on its own)."""
        if view is None:
            from rollout.report.viewmodel import build_view

            view = build_view(ws)
        return cls(ws, view)

    # names -------------------------------------------------------------------------

    def person(self, person_id: str | None) -> str:
        return self.view.person(person_id)

    def unit_name(self, unit_id: str | None) -> str:
        return self.view.unit_name(unit_id) or "–"

    def objective_title(self, objective_id: str | None) -> str:
        if not objective_id:
            return ""
        objective = self.view.objectives.get(objective_id)
        return objective.title if objective else objective_id

    def latest_note(self, kr_id: str, as_of: date) -> tuple[str, date | None]:
        """The latest check-in note on or before ``as_of`` (the view's, up to its as-of date)."""
        kr = self.view.key_results.get(kr_id)
        checkin = kr.latest_note if kr is not None else None
        if checkin is not None and checkin.date <= as_of:
            return checkin.note, checkin.date
        for item in reversed(self.ws.checkins.get(kr_id) or []):  # an edition older than the view's as-of
            if item.date <= as_of and item.note.strip():
                return item.note, item.date
        return "", None


# --- building blocks ------------------------------------------------------------------


def kr_row(src: Sources, state: KRState, as_of: date, *, with_note: bool = True) -> KRRow:
    from rollout.report.charts import score_bar

    note, note_day = src.latest_note(state.kr, as_of) if with_note else ("", None)
    milestone = state.direction == "milestone"
    return KRRow(
        id=state.kr,
        title=state.title,
        owner=src.person(state.owner),
        unit=src.unit_name(state.unit),
        baseline=number(state.baseline, state.unit_of_measure),
        current=formats.milestone(state.current, state.target)
        if milestone
        else number(state.current, state.unit_of_measure),
        target=number(state.target, state.unit_of_measure),
        score=score_text(state.score),
        score_value=state.score,
        status=state.status,
        confidence=formats.confidence(state.confidence),
        bar=score_bar(state.score, expected=None if state.expected >= 1 else state.expected, width=44, height=6),
        note=markdown_inline(note),
        note_date=long_date(note_day) if note_day else "",
        stale=state.stale,
        override_reason=(state.override_reason or "set at review") if state.overridden else "",
        milestone=milestone,
        weight=formats.value(state.weight) if state.weight != 1 else "",
        kind=KR_KIND_WORDS["health_metric"]
        if state.health_metric
        else KR_KIND_WORDS["level_to_hold"]
        if state.level_to_hold
        else "",
    )


def objective_block(src: Sources, state: ObjectiveState, as_of: date) -> ObjectiveBlock:
    view = src.view.objectives.get(state.objective)
    decision = view.decision if view is not None else None
    return ObjectiveBlock(
        id=state.objective,
        title=state.title,
        owner=src.person(state.owner),
        unit=src.unit_name(state.unit),
        score=score_text(state.score),
        status=state.status,
        parent=src.objective_title(state.parent),
        description=markdown(view.description if view is not None else ""),
        key_results=[kr_row(src, k, as_of) for k in src.analysis.krs_of(state.objective)],
        decision=DECISION_TEXT.get(decision, "") if decision else "",
        decision_note=view.decision_note if view is not None and decision else "",
        measured=formats.measured(state.measured, len(state.key_results)),
    )


def team_row(src: Sources, state: UnitCycleState) -> TeamRow:
    from rollout.report.charts import score_bar

    unit = src.ws.units[state.unit]
    return TeamRow(
        name=unit.name,
        owner=src.person(unit.owner),
        objectives=len(state.objectives),
        key_results=state.completion.key_results,
        score=score_text(state.score),
        score_value=state.score,
        status=state.status,
        on_track=state.status_counts.get("on_track", 0),
        at_risk=state.status_counts.get("at_risk", 0),
        off_track=state.status_counts.get("off_track", 0),
        checkins=pct(state.checkins.rate),
        stale=len(state.stale),
        bar=score_bar(state.score, width=48, height=7),
        measured=formats.measured(state.completion.scored, state.completion.key_results),
    )


def status_count_text(counts: Counter[str] | dict[str, int], final: bool = False) -> str:
    """``3 on track, 1 at risk, 0 off track``; ``final`` (a closed cycle): the bands, ``3 strong, …``."""
    words = FINAL_TEXT if final else STATUS_TEXT
    parts = [f"{counts.get(k, 0)} {words[k].lower()}" for k in ("on_track", "at_risk", "off_track")]
    unknown = counts.get("unknown", 0) + counts.get(None, 0)  # type: ignore[call-overload]
    if unknown:
        parts.append(f"{unknown} without data")
    return ", ".join(parts)


def departments_of(ws: Workspace) -> list[str]:
    return [u.id for u in ws.units.values() if u.kind == "department"]


def teams_under(ws: Workspace, on: date | None = None) -> dict[str, list[str]]:
    """Department id → its teams (at any depth), in units.yaml order; ``on``: the tree of that day."""
    out: dict[str, list[str]] = defaultdict(list)
    for unit in ws.units.values():
        if unit.kind == "team":
            department = ws.department_of(unit.id, on=on)
            if department is not None:
                out[department.id].append(unit.id)
    return out


def findings_in(src: Sources, cycle_id: str | None, units: Iterable[str] | None = None) -> list[Any]:
    wanted = set(units) if units is not None else None
    out = []
    for f in src.findings:
        if cycle_id is not None and getattr(f, "cycle", None) not in (cycle_id, None):
            continue
        if wanted is not None and getattr(f, "unit", None) not in wanted:
            continue
        out.append(f)
    return out


def findings_summary(src: Sources, findings: Sequence[Any], on: date | None = None) -> list[FindingRow]:
    """One row per rule: count, units touched, the departments with most of them (``on``: the tree of that day)."""
    by_code: dict[str, list[Any]] = defaultdict(list)
    for f in findings:
        by_code[f.code].append(f)
    rank = {"error": 0, "warning": 1, "info": 2}
    rows = []
    for code, items in by_code.items():
        departments: Counter[str] = Counter()
        for f in items:
            department = src.ws.department_of(f.unit, on=on) if f.unit else None
            name = department.name if department else (src.unit_name(f.unit) if f.unit else "workspace")
            departments[name] += 1
        # The three departments with most findings; a tie in alphabetical order.
        top = ", ".join(f"{n} ({c})" for n, c in sorted(departments.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
        if len(departments) > 3:
            top += f", {len(departments) - 3} more"
        rows.append(
            FindingRow(
                code=code,
                name=items[0].name,
                severity=items[0].severity,
                count=len(items),
                units=len({f.unit for f in items if f.unit}),
                departments=top,
                hint=markdown_inline(items[0].hint),
            )
        )
    rows.sort(key=lambda r: (rank.get(r.severity, 3), -r.count, r.code))
    return rows


def finding_items(src: Sources, findings: Sequence[Any], limit: int) -> tuple[list[FindingItem], int]:
    """Findings on company and department OKRs (the leaders' own), most severe first."""
    rank = {"error": 0, "warning": 1, "info": 2}
    leaders = [
        f
        for f in findings
        if f.unit is None or (f.unit in src.ws.units and src.ws.units[f.unit].kind in ("company", "department"))
    ]
    leaders.sort(key=lambda f: (rank.get(f.severity, 3), f.file, f.line, f.code))
    items = [
        FindingItem(
            code=f.code,
            severity=f.severity,
            message=f.message,
            where=f"{f.file}:{f.line}" if f.line else f.file,
            unit=src.unit_name(f.unit) if f.unit else "workspace",
        )
        for f in leaders[:limit]
    ]
    return items, max(0, len(leaders) - limit)


def severity_counts(findings: Sequence[Any]) -> dict[str, int]:
    counts = Counter(f.severity for f in findings)
    return {k: counts.get(k, 0) for k in ("error", "warning", "info")}
