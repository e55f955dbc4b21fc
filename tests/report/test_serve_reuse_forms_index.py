"""The forms step in ``rollout serve`` keeps the running cycle's units and the index's key result
counts from the last build only while nothing but check-ins changed (``FormsState``)."""

from __future__ import annotations

from pathlib import Path

from rollout.forms.pages import build_forms
from rollout.report.build import BuildState, build
from rollout.workspace import load

TEAM = "talent-acquisition"
NEW_KR = """      - id: ta-driver-pipeline-kr9
        title: Raise driver offers accepted from 60% to 75%
        metric: Driver offer acceptance
        direction: increase
        baseline: 60
        target: 75
        unit_of_measure: '%'
        owner: elena-delgado
        due: 2026-12-31
"""


def _add_key_result(root: Path) -> None:
    path = root / f"okrs/2026-Q4/{TEAM}.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "      - id: ta-driver-pipeline-kr2\n"
    assert anchor in text
    path.write_text(text.replace(anchor, NEW_KR + anchor, 1), encoding="utf-8")


def _append_checkin(root: Path) -> None:
    path = root / f"checkins/2026-Q4/{TEAM}.yaml"
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + "\n- kr: ta-driver-pipeline-kr1\n  date: 2026-11-24\n  value: 25\n", encoding="utf-8")


def _index(folder: Path) -> bytes:
    return (folder / "forms" / "index.html").read_bytes()


def test_the_forms_index_follows_a_new_key_result_in_serve(demo_copy: Path) -> None:
    state = BuildState()
    build(demo_copy, site=True, packs=False, state=state)
    _append_checkin(demo_copy)  # only check-ins: units and counts are kept
    live = build(demo_copy, site=True, packs=False, state=state).out
    assert _index(live) == _index(build(demo_copy, site=True, packs=False, out="fresh1").out)
    before = _index(live)
    _add_key_result(demo_copy)  # an OKR file: counted again
    live = build(demo_copy, site=True, packs=False, state=state).out
    assert _index(live) != before
    assert _index(live) == _index(build(demo_copy, site=True, packs=False, out="fresh2").out)


def test_build_forms_counts_again_unless_told_only_checkins_changed(demo_copy: Path, tmp_path: Path) -> None:
    """``previous`` without ``touched`` (anything may have changed) must not reuse the units or counts."""
    folder = tmp_path / "out"
    first = build_forms(load(demo_copy), folder, jobs=1)
    assert first.state is not None and TEAM in first.state.units
    _add_key_result(demo_copy)
    again = build_forms(load(demo_copy), folder, jobs=1, previous=first.state, touched=None)
    fresh_folder = tmp_path / "fresh"
    build_forms(load(demo_copy), fresh_folder, jobs=1)
    assert again.state is not None and again.state.counts != first.state.counts
    assert _index(folder) == _index(fresh_folder)


def test_build_forms_lists_units_again_unless_told_only_checkins_changed(demo_copy: Path, tmp_path: Path) -> None:
    """A unit whose OKRs are gone from the running cycle has no check-in form any more."""
    folder = tmp_path / "out"
    first = build_forms(load(demo_copy), folder, jobs=1)
    assert first.state is not None and TEAM in first.state.units
    (demo_copy / f"okrs/2026-Q4/{TEAM}.yaml").unlink()
    (demo_copy / f"checkins/2026-Q4/{TEAM}.yaml").unlink()
    again = build_forms(load(demo_copy), folder, jobs=1, previous=first.state, touched=None)
    assert again.state is not None and TEAM not in again.state.units
    assert not (folder / f"forms/checkin-{TEAM}.html").exists()
