"""``rollout serve`` keeps one :class:`BuildState` for a whole workshop day: hundreds of
rebuilds in one process must not grow its memory.

The leak these tests keep away: a page template that defines a macro (the alignment tree's
``node``, the quality page's ``findings_list``) leaves a reference cycle behind each render
(Jinja's ``Context`` holds the macro, the macro's closure holds the context), and the
context holds the page's view. The freezes around loading and building reset the
collector's counters, so no collection ever reached those cycles: each rebuild kept one
more copy of what the pages showed (2,000 teams: +2.3 MB a check-in, about +35 MB an OKR
edit). Cycles of the same kind elsewhere: the analysis' recursive helper (``is_linked``,
which holds the analysis it was made for) and each form that ``rollout serve --collect``
brings in (its parsed table), frozen by the next load.

Counts of the objects the cyclic collector tracks (``gc.get_objects``), never RSS or time:
the same on every run. No test here calls ``gc.collect()`` between builds: that would
collect the leak and hide it.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import rollout.report.build as build_module
from rollout.forms.server import CollectConfig, submit
from rollout.report.build import BuildState, build
from rollout.report.buildstate import frozen_heap, lasting
from rollout.workspace import load

CHECKINS = "checkins/2026-Q4/talent-acquisition.yaml"
OKRS = "okrs/2026-Q4/hr.yaml"


class _Loop:
    """A reference cycle: garbage only the cyclic collector can free."""

    def __init__(self) -> None:
        self.me = self


def _rebuilds(root: Path, rel: str, times: int) -> list[int]:
    """Build ``times`` times with one state, changing ``rel`` before each rebuild (a check-in's
    value, or an OKR file's comment); the tracked object count after each build.

    The contents come back (seven values, two comments): a new content each time would fill
    bounded caches of the standard library for a while (pathlib keeps 128 glob patterns, and
    each new parse cache entry's clean-up is one), which is growth too, but not a leak.
    """
    path = root / rel
    original = path.read_text(encoding="utf-8")
    state = BuildState()
    counts = []
    for index in range(times):
        build(root, site=True, packs=False, state=state)
        counts.append(len(gc.get_objects()))
        if rel.startswith("checkins/"):
            # The same number of check-ins each time, with another value: what a team lead
            # correcting this week's check-in does, again and again.
            lines = original.splitlines()
            last = max(i for i, line in enumerate(lines) if line.startswith("  value:"))
            lines[last] = f"  value: {index % 7 + 1}"
            text = "\n".join(lines) + "\n"
        else:
            text = original + f"# save {index % 2}\n"
        path.write_text(text, encoding="utf-8")
    return counts


def test_check_in_rebuilds_do_not_grow_the_heap(demo_copy: Path) -> None:
    counts = _rebuilds(demo_copy, CHECKINS, 30)
    # Caches fill during the first rebuilds; from then on, a rebuild keeps nothing of the last.
    # Before the fix: about +1,400 objects a rebuild, +28,000 from rebuild 10 to 30.
    assert counts[29] - counts[9] < 100, counts


def test_full_rebuilds_do_not_keep_the_previous_build(demo_copy: Path) -> None:
    counts = _rebuilds(demo_copy, OKRS, 8)
    # Each OKR edit builds everything again; the previous workspace, analysis and view
    # go. Before the fix, every rebuild kept the previous one's (+9,500 objects each).
    assert counts[7] - counts[3] < 100, counts


def _cycles_left_by(work: Callable[[], object]) -> list[str]:
    """Type names of the reference cycles ``work`` leaves behind (garbage only the cyclic collector
    frees), found with ``DEBUG_SAVEALL``; call it after a warm-up run (imports, caches)."""
    gc.collect()
    saved = gc.get_debug()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        work()
        gc.collect()
        return [type(o).__name__ for o in gc.garbage]
    finally:
        gc.set_debug(saved)
        gc.garbage.clear()


def test_a_build_leaves_no_cycle_of_its_own_behind(demo_copy: Path) -> None:
    build(demo_copy, site=True, packs=False, state=BuildState())
    left = _cycles_left_by(lambda: build(demo_copy, site=True, packs=False, state=BuildState()))
    assert left == [], sorted(set(left))


def test_the_frozen_heap_collects_what_the_build_made_and_unfreezes() -> None:
    class Node:
        def __init__(self) -> None:
            self.me = self

    outside = Node()
    enabled = gc.isenabled()
    # An earlier test's load() leaves its records frozen (as a command does): unfreeze them
    # first, or the count before would leave them out and the count after (unfrozen) not.
    gc.unfreeze()
    gc.disable()  # as the next load does: nothing collects between the build and its freeze
    try:
        before = len(gc.get_objects())
        with frozen_heap():
            assert gc.get_freeze_count() > 0
            for _ in range(1_000):
                Node()  # cycles made and dropped during a build: gone by its end
        assert gc.get_freeze_count() == 0
        assert len(gc.get_objects()) - before < 100
    finally:
        if enabled:
            gc.enable()
    assert outside.me is outside


def test_lasting_pauses_the_collector_and_freezes_what_it_made() -> None:
    enabled = gc.isenabled()
    with frozen_heap():
        with lasting():
            assert not gc.isenabled()  # no pass over the records while they are made
            kept = [_Loop() for _ in range(10)]
        assert gc.isenabled() == enabled
        # frozen as they are, without a collection: the collector's generations no longer hold them
        tracked = {id(obj) for obj in gc.get_objects()}
        assert not any(id(node) in tracked for node in kept)
    assert gc.get_freeze_count() == 0
    assert all(node.me is node for node in kept)


def test_lasting_freezes_nothing_when_the_block_fails() -> None:
    enabled = gc.isenabled()
    made: list[weakref.ref[_Loop]] = []
    with frozen_heap():
        with pytest.raises(RuntimeError), lasting():
            made.extend(weakref.ref(_Loop()) for _ in range(10))
            raise RuntimeError("a build that fails half way")
        assert gc.isenabled() == enabled
        # Not frozen: the next collection frees what the failed block left. (Counting the frozen
        # objects before and after is no test: a frozen object freed meanwhile lowers the count;
        # CI saw 328,550 -> 328,548 under xdist.)
        gc.collect()
        assert [ref() for ref in made] == [None] * 10


def test_the_analysis_findings_and_view_leave_no_cycle_to_freeze(demo_copy: Path) -> None:
    """lasting() freezes the garbage of what it runs too: collect() must make none (a cycle made
    there would outlive each `rollout serve` rebuild)."""
    from rollout.report.build import BuildResult, _Clock, collect

    ws = load(demo_copy)
    collect(ws, BuildResult(demo_copy / "build"), _Clock(), state=BuildState())  # imports, caches

    def full_then_check_in() -> None:
        state = BuildState()
        collect(ws, BuildResult(demo_copy / "build"), _Clock(), state=state)
        # a check-in rebuild too: the incremental analysis, findings and view
        state.changed = frozenset({("2026-Q4", "talent-acquisition")})
        collect(ws, BuildResult(demo_copy / "build"), _Clock(), state=state)

    left = _cycles_left_by(full_then_check_in)
    assert left == [], sorted(set(left))


def test_a_full_rebuild_lets_the_previous_build_go_before_making_the_next(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = BuildState()
    build(demo_copy, site=True, packs=False, state=state)
    alive: list[bool] = []
    previous: list[weakref.ref[Any]] = []
    real = build_module.collect

    def collect(*args: Any, **kwargs: Any) -> Any:
        # while the next analysis and view are made: is the previous workspace still held? (Its
        # view, and the analysis in it, stay until the next render: the renderer's filters hold it.)
        alive.append(any(ref() is not None for ref in previous))
        return real(*args, **kwargs)

    monkeypatch.setattr(build_module, "collect", collect)
    # An OKR edit: everything is worked out again, the previous build is of no use.
    previous[:] = [weakref.ref(state.ws)]
    path = demo_copy / OKRS
    path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    build(demo_copy, site=True, packs=False, state=state)
    assert state.changed is None and alive == [False]
    # A check-in: the next build is made from the previous one, which stays until then.
    previous[:] = [weakref.ref(state.ws)]
    path = demo_copy / CHECKINS
    path.write_text(path.read_text(encoding="utf-8") + "# saved\n", encoding="utf-8")
    build(demo_copy, site=True, packs=False, state=state)
    assert state.changed == {("2026-Q4", "talent-acquisition")} and alive == [False, True]


def test_load_does_not_freeze_the_garbage_made_before_it(demo_copy: Path) -> None:
    gc.collect()  # counts at zero: the loops below stay young, no collection by count reaches them
    for _ in range(100):
        _Loop()
    load(demo_copy)  # freezes what is alive at its end
    gc.unfreeze()
    assert not any(type(o) is _Loop for o in gc.get_objects())


def test_forms_collected_between_rebuilds_leave_nothing_behind(demo_copy: Path) -> None:
    """`rollout serve --collect`: a form arrives, the site is rebuilt, again and again."""
    config = CollectConfig(demo_copy, "token", guard_pages=False, echo=lambda line: None, collect=True)
    state = BuildState()
    counts = []
    for index in range(24):
        build(demo_copy, site=True, packs=False, state=state)
        counts.append(len(gc.get_objects()))
        # the same check-in each time after the first: refused as a second one that day, nothing written
        row = "talent-acquisition,2026-Q4,ta-driver-pipeline-kr1,Pipeline,31,6,,2026-11-23,elena-delgado"
        data = f"unit,cycle,kr,key_result,value,confidence,note,date,author\r\n{row}\r\n".encode()
        submit(config, f"checkin-talent-acquisition-{index}.csv", data)
    assert counts[23] - counts[8] < 60, counts  # before the fix: +21 a form (+315)
