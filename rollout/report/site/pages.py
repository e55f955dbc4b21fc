"""The pages of the site, and what each one depends on.

A page's *fingerprint* is a hash of everything that can change its HTML: the
templates and tool version (the *stamp*), the shared workspace files every page
shows (settings, units, people, cycles, phases, priorities), and the files of
the page's own dependencies. Unit pages depend on the OKR, check-in and review
files of the (cycle, unit) pairs they show: their own, the units of parent and
supporting objectives, of objectives carried over, the unit's child units (their
scores are listed) and the unit's other cycles (history); plus a digest of the
quality findings shown on the page. A cycle's page and alignment tree depend on
the files of that cycle and the cycles before it (calibration, carried
objectives); the quality page on the OKR and review files and a digest of every
finding (check-ins show on it only through their findings). The other
overview pages (home, phases, check-ins, readiness, units) depend on every
file. A dependency ending in ``/`` stands for every file under that folder. An
incremental build renders only pages whose fingerprint changed.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rollout.report.viewmodel import alignment_url, cycle_url, phase_url, unit_url
from rollout.workspace.layout import PER_UNIT_DIRS, checkin_file, okr_file, review_file

if TYPE_CHECKING:
    from rollout.report.viewmodel import SiteView, UnitCycleView
    from rollout.workspace import Workspace

SHARED_FILES = ("rollout.yaml", "units.yaml", "people.yaml", "cycles.yaml", "phases.yaml", "priorities.yaml")
EVERYTHING = "*"


@dataclass(frozen=True, slots=True)
class Page:
    """One HTML page: where it goes, which template renders it, what it shows."""

    path: str  # relative to the build folder, with forward slashes
    kind: str  # home | units | alignment | unit | cycle | phase | readiness | quality | checkins | figures
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


def plan_pages(view: SiteView, previous: list[Page] | None = None) -> list[Page]:
    """Every page of the site, overview pages first.

    ``previous`` is the plan of a build of the same OKRs (only check-ins changed since):
    the pages and their dependencies are the same, only the findings digests may differ.
    """
    if previous is not None:
        remade = view.remade
        return [
            _refresh(view, page) if page.kind != "unit" or remade is None or page.key in remade else page
            for page in previous
        ]
    pages = [
        Page("index.html", "home", (), "Overview", (EVERYTHING,)),
        Page("units.html", "units", (), "Units", (EVERYTHING,)),
        Page("checkins.html", "checkins", (), "Latest check-ins", (EVERYTHING,)),
        Page("readiness.html", "readiness", (), "Readiness", (EVERYTHING,)),
        Page("figures.html", "figures", (), "How the figures are computed", (), _figures_digest()),
    ]
    pages[3:3] = _quality_pages(view)
    for cycle in view.cycles.values():  # every cycle, even one with no OKRs yet: the navigation links it
        upto = tuple(f"{top}/{c.id}/" for c in view.cycles.values() if c.start <= cycle.start for top in PER_UNIT_DIRS)
        pages.append(Page(cycle_url(cycle.id), "cycle", (cycle.id,), cycle.title, upto))
        pages.append(Page(alignment_url(cycle.id), "alignment", (cycle.id,), f"Alignment {cycle.title}", upto))
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


def _quality_pages(view: SiteView) -> list[Page]:
    """``quality.html`` (the first cycle and the findings of no cycle), ``quality/<cycle>.html`` for the others.

    Each depends on the OKR and review files and on a digest of every finding (check-ins
    show only through their findings): the cycle switcher on each page shows every cycle's count.
    """
    quality = view.quality
    first = quality.score_cycle
    pages = [Page("quality.html", "quality", (), "Quality of the OKRs", _QUALITY_DEPS, _all_findings(view))]
    for cycle_id, qc in quality.cycles.items():
        if cycle_id != first:
            pages.append(
                Page(
                    qc.url,
                    "quality",
                    (cycle_id,),
                    f"Quality of the OKRs · {cycle_id}",
                    _QUALITY_DEPS,
                    _all_findings(view),
                )
            )
    return pages


# Not "checkins/": what a quality page shows of the check-ins is their findings (OKR401, 403,
# 409, 410), which the page's digest of every finding covers. With it, each check-in in
# `rollout serve` re-rendered every quality page for nothing (0.02-0.06 s a rebuild on 2,000 teams).
_QUALITY_DEPS = ("okrs/", "reviews/")


def _figures_digest() -> str:
    """The figures page shows the tool's own text (no workspace file): its digest is that text's."""
    from rollout.metrics.figures import explanation

    return hashlib.blake2b(explanation().encode(), digest_size=8).hexdigest()


def _refresh(view: SiteView, page: Page) -> Page:
    if page.kind == "quality":
        digest = _all_findings(view)
        return page if digest == page.digest else dataclasses.replace(page, digest=digest)
    if page.kind != "unit":
        return page
    cycle_id, unit_id = page.key
    digest = _findings_digest(view.unit_cycles[(cycle_id, unit_id)])
    return page if digest == page.digest else dataclasses.replace(page, digest=digest)


def _unit_deps(view: SiteView, uc: UnitCycleView) -> tuple[str, ...]:
    pairs = {(uc.cycle, uc.unit)}
    for other_cycle, _score, _status in uc.history:
        pairs.add((other_cycle, uc.unit))
    for child in view.cycles[uc.cycle].children_of(uc.unit):
        pairs.add((uc.cycle, child))  # the list of teams (as of the cycle) shows each one's score
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


def depends_on(page: Page, files: set[str]) -> bool:
    """Whether ``page`` shows something from one of ``files`` (relative paths)."""
    if not files:
        return False
    for dep in page.deps:
        if dep == EVERYTHING or (dep in files if dep[-1] != "/" else any(f.startswith(dep) for f in files)):
            return True
    return False


def _all_findings(view: SiteView) -> str:
    h = hashlib.blake2b(digest_size=8)
    for f in view.quality.findings:
        h.update(
            f"{f.code}|{f.severity}|{f.message}|{f.file}|{f.line}|{f.cycle}|{f.unit}|{f.objective}|{f.kr}\n".encode()
        )
    return h.hexdigest()


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
        self._folders: dict[str, str] = {}

    def _folder(self, prefix: str) -> str:
        """Digest of every file under ``prefix`` (a folder, ending in ``/``)."""
        digest = self._folders.get(prefix)
        if digest is None:
            h = hashlib.blake2b(digest_size=16)
            for rel in sorted(r for r in self._shas if r.startswith(prefix)):
                h.update(f"{rel}:{self._shas[rel]}\n".encode())
            digest = self._folders[prefix] = h.hexdigest()
        return digest

    def of(self, page: Page) -> str:
        h = hashlib.blake2b(digest_size=16)
        h.update(f"{self._base}|{page.kind}|{page.title}|{page.digest}".encode())
        if page.deps == (EVERYTHING,):
            h.update(self._everything.encode())
        else:
            get = self._shas.get
            h.update("|".join(self._folder(rel) if rel[-1] == "/" else get(rel, "-") for rel in page.deps).encode())
        return h.hexdigest()
