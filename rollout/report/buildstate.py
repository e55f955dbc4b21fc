"""What a build keeps for the next build in the same process (``rollout serve``), and how it
tells what changed since: :class:`BuildState`, :func:`checkins_changed`;
and :func:`frozen_heap` and :func:`lasting`, the garbage collector's setting for the
length of a build."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rollout.forms.inputs import FormsState
    from rollout.metrics.analysis import Analysis
    from rollout.report.site.pages import Page
    from rollout.report.viewmodel import SiteView
    from rollout.rules.engine import RulesRun
    from rollout.workspace import Workspace


@dataclass
class BuildState:
    """What a build keeps for the next build in the same process (``rollout serve``).

    When only check-ins changed in between (the weekly rhythm: someone saves a
    check-in), the next build reads just those files again, reuses the analysis, rule
    findings and views of every other unit, and re-renders only the pages that show
    what changed. Any other change (OKRs, units, settings, the date) builds everything
    again, from the files, as a fresh process would.
    """

    ws: Workspace | None = None
    analysis: Analysis | None = None
    rules: RulesRun | None = None
    view: SiteView | None = None
    pages: list[Page] | None = None
    changed: frozenset[tuple[str, str]] | None = None  # check-in files of the last build: (cycle, unit)
    stamp: str = ""  # of the last build's templates and packs
    hint: set[str] | None = None  # files known to have changed since the last build (relative); None: look
    manifest: tuple[int, int] | None = None  # (mtime, size) of the manifest the last build wrote
    forms: FormsState | None = None  # of the last build's forms step


def checkins_changed(state: BuildState, ws: Workspace) -> frozenset[tuple[str, str]] | None:
    """The (cycle, unit) pairs whose check-ins changed since the state's build, or None when
    anything else changed too (or there is nothing to build on)."""
    before = state.ws
    if before is None or state.view is None or state.rules is None or state.analysis is None:
        return None
    if before is ws:
        return frozenset()
    if before.today != ws.today or before.root != ws.root:
        return None
    old, new = before.sources, ws.sources
    changed = [
        rel for rel in old.keys() | new.keys() if (old.get(rel) and old[rel].sha) != (new.get(rel) and new[rel].sha)
    ]
    if not all(rel.startswith("checkins/") for rel in changed):
        return None
    return frozenset((parts[1], parts[2][: -len(".yaml")]) for parts in (rel.split("/") for rel in changed))


@contextlib.contextmanager
def frozen_heap() -> Iterator[None]:
    """Keep the garbage collector off the loaded workspace while building.

    The workspace holds millions of objects that live until the end: full collections
    would scan them again and again, and a forked render worker would copy every memory
    page the collector touches. Frozen objects are skipped; new garbage is still collected,
    in larger batches: the analysis and view model are built from hundreds of thousands of
    objects that all survive, and collecting every 700 allocations (the default) re-scans
    them for nothing (a tenth of a large build).

    On the way out, what the build made and dropped is collected *before* the heap is
    unfrozen, so the collection skips the frozen heap: 1 ms after one check-in, 5 to 15 ms
    after a full build of 2,000 teams (a full collection of that heap: 0.5 s; this machine,
    2026-11-29). Without it, reference cycles a build leaves behind (each render of a page
    whose template defines a macro: Jinja's context holds the macro, whose closure holds
    the context, which holds the page's view) were never collected in ``rollout serve``:
    every freeze (the next load's, the next build's) resets the collector's counters before
    they reach the oldest generation, so each rebuild kept one more copy of what its pages
    showed (2,000 teams: +2.3 MB a check-in, about +35 MB an OKR edit).
    """
    gc.freeze()
    thresholds = gc.get_threshold()
    gc.set_threshold(20_000, thresholds[1], thresholds[2])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.collect()  # only the unfrozen part: what the build made since the last freeze (lasting())
        gc.unfreeze()


@contextlib.contextmanager
def lasting() -> Iterator[None]:
    """Inside :func:`frozen_heap`, a block that makes what lives until the end of the build (the
    analysis, the findings and the view model): the collector is paused while it runs, and what
    is alive at its end is frozen as it is, without a collection.

    Every collection walks every object it holds. Collecting while those records were made (a
    pass per 20,000 new objects, and the analysis, made with the collector off, walked whole by
    the first pass after it), then the youngest generation before freezing, cost 0.13 s of a
    build of 2,000 teams after one check-in from process start; 0.04 s with this (summed from
    ``gc.callbacks``; the build's median 2.83 -> 2.74 s over 16 paired runs, this 2-core machine,
    2026-11-30). So the block must leave no reference cycle behind: frozen, it would outlive
    the build (``rollout serve`` would keep one per rebuild). ``tests/report/test_serve_memory.py``
    keeps that so: a build leaves no cycle of its own behind, rebuilds do not grow the heap.
    The render worker forked after it inherits the frozen heap, and its collections skip it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()  # not on a failure: what the block left half made is garbage, collected as usual
    finally:
        if enabled:
            gc.enable()
