"""Content hash: an unchanged pack is not rendered again; a changed one is; stale editions go."""

from __future__ import annotations

import json
from pathlib import Path

from rollout.report.packs import build_packs
from rollout.report.packs.parallel import MANIFEST
from rollout.workspace import load


def test_rebuild_renders_only_what_changed(demo_copy: Path) -> None:
    out = demo_copy / "build" / "packs"
    first = build_packs(load(demo_copy), None, out, jobs=2)
    assert all(r.rendered and r.error is None for r in first)
    stamps = {r.spec.id: r.path.stat().st_mtime_ns for r in first}

    again = build_packs(load(demo_copy), None, out, jobs=2)
    assert [r.rendered for r in again] == [False] * 4  # nothing changed: no pack rendered
    assert {r.spec.id: r.path.stat().st_mtime_ns for r in again} == stamps
    assert [r.pages for r in again] == [r.pages for r in first]

    # A new note on a company key result changes the running cycle's pack only.
    checkins = demo_copy / "checkins" / "2026-Q4" / "larkspur-freight.yaml"
    lines = checkins.read_text().splitlines()
    kr = next(line.split(":", 1)[1].strip() for line in lines if line.startswith("- kr:"))
    ws = load(demo_copy)
    latest = ws.checkins[kr][-1]
    entry = {
        "kr": kr,
        "date": "2026-11-24",
        "value": latest.value,
        "author": latest.author,
        "note": "Freight rebooked.",
    }
    checkins.write_text(checkins.read_text() + "- " + json.dumps(entry) + "\n")
    third = {r.spec.id: r for r in build_packs(load(demo_copy), None, out, jobs=2)}
    assert third["cycle-2026-Q4"].rendered
    assert not third["cycle-2026-Q3"].rendered
    assert not third["phase-leadership-pilot"].rendered

    # A deleted or damaged file is rendered again even though its hash is known.
    third["cycle-2026-Q3"].path.write_bytes(b"truncated")
    fourth = {r.spec.id: r for r in build_packs(load(demo_copy), None, out, jobs=1)}
    assert fourth["cycle-2026-Q3"].rendered
    assert [r.spec.id for r in fourth.values() if r.rendered] == ["cycle-2026-Q3"]


def test_next_month_replaces_the_edition(demo_copy: Path) -> None:
    out = demo_copy / "build" / "packs"
    build_packs(load(demo_copy), None, out, only="cycle-2026-Q4", jobs=1)
    assert (out / "cycle-2026-Q4-2026-11.pdf").is_file()
    (out / "notes.txt").write_text("not ours")
    settings = demo_copy / "rollout.yaml"
    settings.write_text(settings.read_text().replace("as_of: 2026-11-24", "as_of: 2026-12-02"))
    results = build_packs(load(demo_copy), None, out, jobs=2)
    assert (out / "cycle-2026-Q4-2026-12.pdf").is_file()
    assert not (out / "cycle-2026-Q4-2026-11.pdf").exists()  # last month's edition is gone
    assert (out / "notes.txt").is_file()  # files the build did not write are left alone
    manifest = json.loads((out / MANIFEST).read_text())["packs"]
    assert sorted(manifest) == sorted(r.spec.filename for r in results)


def test_one_pack_only(demo_copy: Path) -> None:
    out = demo_copy / "build" / "packs"
    results = build_packs(load(demo_copy), None, out, only="leadership-pilot", jobs=2)
    assert [r.spec.id for r in results] == ["phase-leadership-pilot"]
    assert sorted(p.name for p in out.glob("*.pdf")) == ["phase-leadership-pilot.pdf"]
