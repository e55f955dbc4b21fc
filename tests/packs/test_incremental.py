"""Content hash: an unchanged pack is not rendered again; a changed one is; stale editions go."""

from __future__ import annotations

import json
from pathlib import Path

from rollout.report.packs import PackResult, build_packs
from rollout.report.packs.parallel import MANIFEST
from rollout.workspace import load
from tests.builders import two_quarters


def test_demo_packs_are_current_in_a_copy(demo_with_packs: Path, demo_packs: dict[str, PackResult]) -> None:
    """The demo's packs, rendered once for the whole run, are found current in a copy: nothing renders."""
    out = demo_with_packs / "build" / "packs"
    stamps = {r.spec.id: (out / r.path.name).stat().st_mtime_ns for r in demo_packs.values()}
    again = build_packs(load(demo_with_packs), None, out, jobs=2)
    assert [r.rendered for r in again] == [False] * 4
    assert {r.spec.id: r.path.stat().st_mtime_ns for r in again} == stamps
    assert [r.pages for r in again] == [r.pages for r in demo_packs.values()]


def test_rebuild_renders_only_what_changed(tmp_path: Path) -> None:
    root = small_org(tmp_path / "ws")
    out = root / "build" / "packs"
    first = build_packs(load(root), None, out, jobs=1)  # in this process: the demo packs cover the workers
    assert [r.rendered and r.error is None for r in first] == [True] * 3
    stamps = {r.spec.id: r.path.stat().st_mtime_ns for r in first}

    again = build_packs(load(root), None, out, jobs=2)
    assert [r.rendered for r in again] == [False] * 3  # nothing changed: no pack rendered
    assert {r.spec.id: r.path.stat().st_mtime_ns for r in again} == stamps
    assert [r.pages for r in again] == [r.pages for r in first]

    # A new note on a company key result changes the running cycle's pack only.
    checkins = root / "checkins" / "2026-Q4" / "co.yaml"
    entry = {"kr": "co-careers-kr1", "date": "2026-11-24", "value": 66, "author": "ceo", "note": "Freight rebooked."}
    checkins.parent.mkdir(parents=True, exist_ok=True)
    checkins.write_text("checkins:\n- " + json.dumps(entry) + "\n")
    third = {r.spec.id: r for r in build_packs(load(root), None, out, jobs=2)}
    assert third["cycle-2026-Q4"].rendered
    assert not third["cycle-2026-Q3"].rendered
    assert not third["phase-leadership-pilot"].rendered

    # A deleted or damaged file is rendered again even though its hash is known.
    third["cycle-2026-Q3"].path.write_bytes(b"truncated")
    fourth = {r.spec.id: r for r in build_packs(load(root), None, out, jobs=1)}
    assert fourth["cycle-2026-Q3"].rendered
    assert [r.spec.id for r in fourth.values() if r.rendered] == ["cycle-2026-Q3"]


def small_org(root: Path) -> Path:
    """Two quarters (closed, running) and a pilot phase: three small packs."""
    org = two_quarters().phase("leadership-pilot", ["co", "hr"], ["2026-Q3"])
    return org.write(root)


def test_next_month_replaces_the_edition(tmp_path: Path) -> None:
    root = small_org(tmp_path / "ws")
    out = root / "build" / "packs"
    build_packs(load(root), None, out, only="cycle-2026-Q4", jobs=1)
    assert (out / "cycle-2026-Q4-2026-11.pdf").is_file()
    (out / "notes.txt").write_text("not ours")
    settings = root / "rollout.yaml"
    settings.write_text(settings.read_text().replace("as_of: 2026-11-24", "as_of: 2026-12-02"))
    results = build_packs(load(root), None, out, jobs=1)
    assert (out / "cycle-2026-Q4-2026-12.pdf").is_file()
    assert not (out / "cycle-2026-Q4-2026-11.pdf").exists()  # last month's edition is gone
    assert (out / "notes.txt").is_file()  # files the build did not write are left alone
    manifest = json.loads((out / MANIFEST).read_text())["packs"]
    assert sorted(manifest) == sorted(r.spec.filename for r in results)
    assert sorted(manifest) == ["cycle-2026-Q3.pdf", "cycle-2026-Q4-2026-12.pdf", "phase-leadership-pilot.pdf"]


def test_one_pack_only(tmp_path: Path) -> None:
    root = small_org(tmp_path / "ws")
    out = root / "build" / "packs"
    results = build_packs(load(root), None, out, only="leadership-pilot", jobs=2)
    assert [r.spec.id for r in results] == ["phase-leadership-pilot"]
    assert sorted(p.name for p in out.glob("*.pdf")) == ["phase-leadership-pilot.pdf"]
