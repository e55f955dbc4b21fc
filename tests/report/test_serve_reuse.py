"""What a build in one process (``rollout serve``) reuses from the last one is never stale.

Each reuse (cycle figures, forms pages, image warnings, the people list, the spare build
folder) is checked the same way: change one input, and the output that shows it changes,
equal to what a fresh process computes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from rollout.forms.spec import people_of
from rollout.metrics.analysis import analyze
from rollout.report.build import BuildState, build
from rollout.report.images import image_warnings
from rollout.report.site import output
from rollout.workspace import load
from tests.conftest import WorkspaceFactory

TEAM = "talent-acquisition"


def _append(root: Path, cycle: str, unit: str, day: str, value: float, note: str = "") -> str:
    path = root / f"checkins/{cycle}/{unit}.yaml"
    text = path.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if "- kr:" in line)
    kr, pad = first.split(":", 1)[1].strip(), first[: first.index("-")]
    extra = f"{pad}- kr: {kr}\n{pad}  date: {day}\n{pad}  value: {value}\n"
    if note:
        extra += f"{pad}  note: '{note}'\n"
    path.write_text(text.rstrip("\n") + "\n" + extra, encoding="utf-8")
    return kr


def test_cycle_figures_follow_one_checkin_and_untouched_cycles_are_kept(demo_copy: Path) -> None:
    before = load(demo_copy)
    first = analyze(before)
    _append(demo_copy, "2026-Q4", TEAM, "2026-11-23", 1_000_000)
    after = load(demo_copy)
    again = analyze(after, previous=first, changed={("2026-Q4", TEAM)})
    fresh = analyze(after)
    assert again.cycles == fresh.cycles
    assert again.cycles["2026-Q4"].unit_completion[TEAM] != first.cycles["2026-Q4"].unit_completion[TEAM]
    assert again.cycles["2026-Q4"].completion != first.cycles["2026-Q4"].completion
    assert again.cycles["2026-Q3"] is first.cycles["2026-Q3"]  # no unit of it changed


def test_a_checkin_in_a_closed_cycle_moves_the_later_cycles_calibration(demo_copy: Path) -> None:
    first = analyze(load(demo_copy))
    _append(demo_copy, "2026-Q3", "customer-service", "2026-09-28", 1_000_000)
    after = load(demo_copy)
    again = analyze(after, previous=first, changed={("2026-Q3", "customer-service")})
    fresh = analyze(after)
    assert again.cycles == fresh.cycles and again.calibration == fresh.calibration
    assert again.calibration != first.calibration
    assert again.cycles["2026-Q4"].calibration != first.cycles["2026-Q4"].calibration


def test_image_warnings_follow_the_checkin_file(make_ws: WorkspaceFactory) -> None:
    root = make_ws()
    assert image_warnings(load(root)) == []
    _append(root, "2027-Q1", "sales", "2027-01-18", 2.4, "see ![chart](https://example.org/c.png)")
    found = image_warnings(load(root))
    assert len(found) == 1 and "sales-pipeline-kr1 on 2027-01-18 holds an image" in found[0]
    path = root / "checkins/2027-Q1/sales.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("![chart]", "[chart]"), encoding="utf-8")
    assert image_warnings(load(root)) == []


def test_the_people_list_follows_people_yaml(make_ws: WorkspaceFactory) -> None:
    root = make_ws()
    assert [p.id for p in people_of(load(root)).everyone] == ["ana", "ben"]
    people = root / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8") + "  - id: cy\n    name: Cy Adeyemi\n", encoding="utf-8")
    assert [p.id for p in people_of(load(root)).everyone] == ["ana", "ben", "cy"]


def test_a_checkin_form_shows_the_new_checkin_in_serve(demo_copy: Path) -> None:
    state = BuildState()
    build(demo_copy, site=True, packs=False, state=state)
    form = demo_copy / "build" / f"forms/checkin-{TEAM}.html"
    other = demo_copy / "build" / "forms/checkin-support-frontline.html"
    kept = other.stat().st_ino
    assert "4321.5" not in form.read_text(encoding="utf-8")
    _append(demo_copy, "2026-Q4", TEAM, "2026-11-23", 4321.5)
    result = build(demo_copy, site=True, packs=False, state=state)
    assert state.changed == {("2026-Q4", TEAM)}
    assert result.forms is not None and result.forms.written == 1
    assert "4321.5" in form.read_text(encoding="utf-8")
    assert other.stat().st_ino == kept  # not written again
    fresh = build(demo_copy, site=True, packs=False, out="fresh")
    assert form.read_bytes() == (fresh.out / f"forms/checkin-{TEAM}.html").read_bytes()


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_spare_build_is_brought_level_with_the_live_one(make_ws: WorkspaceFactory) -> None:
    root = make_ws()
    state = BuildState()
    build(root, site=True, packs=False, state=state)
    _append(root, "2027-Q1", "sales", "2027-01-18", 2.4)
    build(root, site=True, packs=False, state=state)
    spare = root / ".rollout" / output.SPARE
    assert spare.is_dir()
    # The spare drifts: a stray file, a page with other content, a missing page, a file where a folder was.
    (spare / "stray.html").write_text("stray", encoding="utf-8")
    page = next(p for p in sorted(spare.rglob("*.html")) if p.name != "stray.html")
    page.unlink()
    page.write_text("other", encoding="utf-8")
    gone = sorted(spare.rglob("*.html"))[-1]
    gone.unlink()
    folder = next(p for p in sorted(spare.iterdir()) if p.is_dir())
    os.rename(folder, root / "moved")
    folder.write_text("not a folder", encoding="utf-8")
    _append(root, "2027-Q1", "sales", "2027-01-25", 2.6)
    live = build(root, site=True, packs=False, state=state).out
    fresh = build(root, site=True, packs=False, out="fresh").out
    built, expected = _tree(live), _tree(fresh)
    assert "stray.html" not in built
    assert {k: v for k, v in built.items() if not k.startswith(".")} == {
        k: v for k, v in expected.items() if not k.startswith(".")
    }
    # A build from process start (no state) starts from the spare as well, brought level the same way.
    assert spare.is_dir()
    (spare / "stray.html").write_text("stray", encoding="utf-8")
    _append(root, "2027-Q1", "sales", "2027-02-01", 2.8)
    live = build(root, site=True, packs=False).out
    fresh = build(root, site=True, packs=False, out="fresh").out
    built, expected = _tree(live), _tree(fresh)
    assert "stray.html" not in built
    assert {k: v for k, v in built.items() if not k.startswith(".")} == {
        k: v for k, v in expected.items() if not k.startswith(".")
    }
    assert spare.is_dir()  # the build this one retired


def test_quality_pages_follow_the_findings_of_a_checkin_not_the_checkin_itself(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rollout.report.site import render

    rendered: list[str] = []
    real = render.Renderer.render_one

    def spy(self: render.Renderer, page: Any, fingerprint: str) -> Any:
        rendered.append(page.path)
        return real(self, page, fingerprint)

    monkeypatch.setattr(render.Renderer, "render_one", spy)
    state = BuildState()
    build(demo_copy, site=True, packs=False, state=state)
    quality = demo_copy / "build" / "quality.html"
    # A check-in on as-of (the week's last was the day before): the key result's findings do not change.
    rendered.clear()
    _append(demo_copy, "2026-Q4", TEAM, "2026-11-24", 30)
    build(demo_copy, site=True, packs=False, state=state)
    assert "cycles/2026-Q4.html" in rendered and not any(p.startswith("quality") for p in rendered)
    # Two check-ins on one day: a new finding (OKR410), so the quality pages show it.
    rendered.clear()
    _append(demo_copy, "2026-Q4", TEAM, "2026-11-24", 31)
    build(demo_copy, site=True, packs=False, state=state)
    assert "quality.html" in rendered and "OKR410" in quality.read_text(encoding="utf-8")
    fresh = build(demo_copy, site=True, packs=False, out="fresh")
    assert quality.read_bytes() == (fresh.out / "quality.html").read_bytes()
