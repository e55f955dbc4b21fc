"""The pages of the site, and what each one depends on.

A page's *fingerprint* is a hash of everything that can change its HTML: the
templates and tool version (the *stamp*), the shared workspace files every page
shows (settings, units, people, cycles, phases, priorities), and the files of
the page's own dependencies. Unit pages depend on the OKR, check-in and review
files of the (cycle, unit) pairs they show: their own, the units of parent and
supporting objectives, of objectives carried over, the unit's child units (their
scores are listed) and the unit's other cycles (history); plus a digest of the
quality findings shown on the page. Overview pages (home, alignment, cycles,
phases, quality, check-ins, readiness, units) depend on every file. An
incremental build renders only pages whose fingerprint changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rollout.report.viewmodel import alignment_url, cycle_url, phase_url, unit_url
from rollout.workspace.layout import checkin_file, okr_file, review_file

if TYPE_CHECKING:
    from rollout.report.viewmodel import SiteView, UnitCycleView
    from rollout.workspace import Workspace

SHARED_FILES = ("rollout.yaml", "units.yaml", "people.yaml", "cycles.yaml", "phases.yaml", "priorities.yaml")
EVERYTHING = "*"


@dataclass(frozen=True, slots=True)
class Page:
    """One HTML page: where it goes, which template renders it, what it shows."""

    path: str  # relative to the build folder, with forward slashes
    kind: str  # home | units | alignment | unit | cycle | phase | readiness | quality | checkins
    key: tuple[str, ...]  # (cycle, unit) for unit pages, (cycle,) for cycle pages, …
    title: str
    deps: tuple[str, ...]  # workspace files (relative paths), or ("*",) for every file
    digest: str = ""  # extra content the page shows that is not in its files (findings)

    @property
    def depth(self) -> int:
        return self.path.count("/")

    @property
    def root(self) -> str:
        """Relative prefix from this page back to the site root."""
        return "../" * self.depth


def plan_pages(view: SiteView) -> list[Page]:
    """Every page of the site, overview pages first."""
    pages = [
        Page("index.html", "home", (), "Overview", (EVERYTHING,)),
        Page("units.html", "units", (), "Units", (EVERYTHING,)),
        Page("checkins.html", "checkins", (), "Latest check-ins", (EVERYTHING,)),
        Page("quality.html", "quality", (), "Quality of the OKRs", (EVERYTHING,)),
        Page("readiness.html", "readiness", (), "Readiness", (EVERYTHING,)),
    ]
    for cycle in view.cycles.values():  # every cycle, even one with no OKRs yet: the navigation links it
        pages.append(Page(cycle_url(cycle.id), "cycle", (cycle.id,), cycle.title, (EVERYTHING,)))
        pages.append(Page(alignment_url(cycle.id), "alignment", (cycle.id,), f"Alignment {cycle.title}", (EVERYTHING,)))
    for phase in view.phases.values():
        pages.append(Page(phase_url(phase.id), "phase", (phase.id,), phase.name, (EVERYTHING,)))
    for (cycle_id, unit_id), uc in view.unit_cycles.items():
        pages.append(
            Page(
                unit_url(unit_id, cycle_id),
                "unit",
                (cycle_id, unit_id),
                f"{view.unit_name(unit_id)} · {cycle_id}",
                _unit_deps(view, uc),
                _findings_digest(uc),
            )
        )
    return pages


def _unit_deps(view: SiteView, uc: UnitCycleView) -> tuple[str, ...]:
    pairs = {(uc.cycle, uc.unit)}
    for other_cycle, _score, _status in uc.history:
        pairs.add((other_cycle, uc.unit))
    unit = view.units.get(uc.unit)
    for child in unit.children if unit else ():
        pairs.add((uc.cycle, child))  # the list of teams shows each one's score
    objectives = view.objectives
    for objective in uc.objectives:
        for related in (objective.parent, objective.carried_from, *objective.supporters):
            if related and related in objectives:
                target = objectives[related]
                pairs.add((target.cycle, target.unit))
    files: list[str] = []
    for cycle_id, unit_id in sorted(pairs):
        files += [okr_file(cycle_id, unit_id), checkin_file(cycle_id, unit_id), review_file(cycle_id, unit_id)]
    return tuple(files)


def _findings_digest(uc: UnitCycleView) -> str:
    parts = [f"{f.code}|{f.severity}|{f.message}|{f.objective}|{f.kr}" for f in uc.findings]
    for objective in uc.objectives:
        parts += [f"{f.code}|{f.message}" for f in objective.findings]
        for kr in objective.key_results:
            parts += [f"{f.code}|{f.message}" for f in kr.findings]
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=8).hexdigest() if parts else ""


class Fingerprints:
    """Computes page fingerprints from the workspace's per-file content hashes."""

    def __init__(self, ws: Workspace, stamp: str) -> None:
        shas = {rel: source.sha for rel, source in ws.sources.items()}
        self._shas = shas
        shared = "|".join(f"{name}:{shas.get(name, '-')}" for name in SHARED_FILES)
        # as-of changes statuses (stale, expected progress) everywhere.
        self._base = f"{stamp}|{ws.today.isoformat()}|{shared}"
        everything = hashlib.blake2b(digest_size=16)
        for rel in sorted(shas):
            everything.update(f"{rel}:{shas[rel]}\n".encode())
        self._everything = everything.hexdigest()

    def of(self, page: Page) -> str:
        h = hashlib.blake2b(digest_size=16)
        h.update(f"{self._base}|{page.kind}|{page.title}|{page.digest}".encode())
        if page.deps == (EVERYTHING,):
            h.update(self._everything.encode())
        else:
            get = self._shas.get
            h.update("|".join(get(rel, "-") for rel in page.deps).encode())
        return h.hexdigest()
