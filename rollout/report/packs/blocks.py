"""The building blocks a pack template reads: headline figures, key result and objective rows,
team rows, department sections and quality findings.

Plain data, filled by :mod:`.sections` (``kr_row``, ``objective_block``, ``team_row``, the
findings helpers) and the packs (:mod:`.cycle_pack`, :mod:`.phase_pack`); nothing here computes
a figure. :mod:`.sections` re-exports every name, so ``from rollout.report.packs.sections import
Figure`` keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup


@dataclass
class Figure:
    """A headline figure: its label (from :data:`rollout.report.vocabulary.FIGURES`), the
    formatted value, a detail line, and the vocabulary ``key`` and ``scope`` (cycle or phase
    id) the template marks it with. ``extra``: a second, named figure in the detail line,
    ``(label, value, key, words after the value)``."""

    label: str
    value: str
    detail: str = ""
    status: str | None = None
    chart: Markup = field(default_factory=lambda: Markup(""))
    key: str = ""
    scope: str = ""
    extra: tuple[str, str, str, str] | None = None


@dataclass
class KRRow:
    id: str
    title: str
    owner: str
    unit: str
    baseline: str
    current: str
    target: str
    score: str
    score_value: float | None
    status: str | None
    confidence: str
    bar: Markup
    note: Markup
    note_date: str
    stale: bool
    override_reason: str = ""  # the score was set at the review (closed cycle): why, as the site says
    milestone: bool = False  # ``current`` says Done / Not yet; no "from → target"
    weight: str = ""  # its weight in its objective's score when not 1 (``3``), as the site says it
    kind: str = ""  # vocabulary.KR_KIND_WORDS: a health metric or a level to hold, else ""


@dataclass
class ObjectiveBlock:
    id: str
    title: str
    owner: str
    unit: str
    score: str
    status: str | None
    parent: str
    description: Markup
    key_results: list[KRRow]
    decision: str = ""
    decision_note: str = ""
    measured: str = ""  # "1 of 3 measured" (formats.measured), "" when all were


@dataclass
class TeamRow:
    name: str
    owner: str
    objectives: int
    key_results: int
    score: str
    score_value: float | None
    status: str | None
    on_track: int
    at_risk: int
    off_track: int
    checkins: str
    stale: int
    bar: Markup
    measured: str = ""  # "1 of 3 measured" (formats.measured), "" when all were


@dataclass
class DepartmentSection:
    id: str
    anchor: str
    name: str
    owner: str
    score: str
    status: str | None
    completion: str
    checkins: str
    objectives: list[ObjectiveBlock]
    teams: list[TeamRow]
    teams_total: int
    teams_note: str
    team_status: dict[str, int]
    findings: int
    calibration: str
    objective_rows: list[dict[str, Any]] = field(default_factory=list)
    weakest_teams: str = ""
    measured: str = ""  # of the department's own key results (formats.measured)
    key_results_total: int = 0  # of the department and its teams in the cycle (a plan pack's digest)


@dataclass
class FindingRow:
    code: str
    name: str
    severity: str
    count: int
    units: int
    departments: str
    hint: Markup


@dataclass
class FindingItem:
    code: str
    severity: str
    message: str
    where: str
    unit: str
