"""Which review packs a workspace has: cheap, no rendering, no WeasyPrint.

The site uses :func:`plan_packs` to link each pack; the build uses it to know what
to render. One pack per cycle with OKRs and one per rollout phase:

- a **closed** cycle has its end-of-cycle review pack (``cycle-2026-Q3.pdf``), whose
  figures are the final scores: it is dated by the cycle's end, not by the as-of date,
  so it does not change (and is not rendered again) as days pass;
- a **running** cycle has a monthly edition named by the month of the as-of date
  (``cycle-2026-Q4-2026-11.pdf``): leadership reads one each month, and next
  month's build writes the next edition; a running cycle that has not started yet
  (``rollout next`` starts the next quarter before its first day) has **no** pack:
  there is nothing to review, and the closed cycle's pack leads until it starts;
- a **planned** cycle that already has OKRs has its plan (``cycle-2027-Q1-plan.pdf``), and
  so has a cycle in its first days, until it has figures (a check-in week due or a check-in,
  :func:`rollout.metrics.checkins.has_figures`): no monthly edition of empty rows;
- every **phase** has its phase review pack (``phase-leadership-pilot.pdf``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from rollout.errors import UsageError
from rollout.metrics.figures import cut_date
from rollout.report.formats import month_name
from rollout.workspace.models import Cycle
from rollout.workspace.workspace import Workspace

PackKind = Literal["cycle", "phase"]


@dataclass(frozen=True)
class PackSpec:
    """One pack: its id (``--pack``), kind, title, file name in the packs folder, and what it covers."""

    id: str
    kind: PackKind
    title: str
    filename: str
    edition: str
    cycle: str | None = None
    phase: str | None = None
    as_of: date | None = None

    @property
    def label(self) -> str:
        """Short text for links: ``2026-Q4 · November 2026 edition``."""
        subject = self.cycle if self.kind == "cycle" else self.title.split(" — ")[0]
        return f"{subject} · {self.edition}"


def plan_packs(ws: Workspace) -> list[PackSpec]:
    """Every pack the workspace has, cycles first (in date order), then phases (in file order)."""
    today = ws.today
    with_okrs = {cycle_id for cycle_id, _unit in ws.okr_files}
    specs: list[PackSpec] = []
    for cycle in ws.cycles.values():
        if cycle.id not in with_okrs:
            continue
        slug = f"cycle-{cycle.id}"
        figures = cycle.status != "closed" and _has_figures(ws, cycle)
        if cycle.status == "closed":
            edition = "end-of-cycle review"
            title = f"{cycle.title} — end-of-cycle review"
            filename = f"{slug}.pdf"
            as_of = cut_date(cycle, today) if today >= cycle.start else cycle.end  # the close day when early
        elif cycle.status == "running" and cycle.start > today:
            continue  # not started yet: no pack of empty figures (see the module docstring)
        elif figures and (cycle.status == "running" or cycle.start <= today <= cycle.end):
            as_of = min(max(today, cycle.start), cycle.end)
            edition = f"{month_name(as_of)} edition"
            title = f"{cycle.title} — monthly review, {month_name(as_of)}"
            filename = f"{slug}-{as_of:%Y-%m}.pdf"
        else:
            edition = "plan"
            title = f"{cycle.title} — cycle plan"
            filename = f"{slug}-plan.pdf"
            as_of = today
        specs.append(PackSpec(slug, "cycle", title, filename, edition, cycle=cycle.id, as_of=as_of))
    for phase in ws.phases.values():
        specs.append(
            PackSpec(
                f"phase-{phase.id}",
                "phase",
                f"{phase.name} — phase review",
                f"phase-{phase.id}.pdf",
                "phase review",
                phase=phase.id,
                as_of=today,
            )
        )
    return specs


def _has_figures(ws: Workspace, cycle: Cycle) -> bool:
    """:func:`rollout.metrics.checkins.has_figures` of a cycle's key results, as of ``ws.today``."""
    from rollout.metrics.checkins import has_figures

    krs = (
        kr.id
        for (c, _u), objectives in ws.okr_files.items()
        if c == cycle.id
        for o in objectives
        for kr in o.key_results
    )
    return has_figures(cycle, ws.today, (ws.checkins.get(kr_id, ()) for kr_id in krs))


def select_packs(specs: list[PackSpec], only: str | list[str] | tuple[str, ...] | None) -> list[PackSpec]:
    """The packs named by ``only`` (pack ids, or a cycle or phase id); all when ``only`` is None.

    Raises :class:`~rollout.errors.UsageError` naming the known packs for an unknown name.
    """
    if only is None:
        return list(specs)
    names = [only] if isinstance(only, str) else list(only)
    chosen: list[PackSpec] = []
    for name in names:
        wanted = name.strip().lower().removesuffix(".pdf")
        match = [
            s
            for s in specs
            if wanted in (s.id.lower(), (s.cycle or "").lower(), (s.phase or "").lower(), s.filename[:-4].lower())
        ]
        if not match:
            known = ", ".join(s.id for s in specs) or "none (no cycle has OKRs and no phase is defined)"
            raise UsageError(f"unknown pack {name!r}", hint=f"packs of this workspace: {known}")
        chosen.extend(s for s in match if s not in chosen)
    return chosen
