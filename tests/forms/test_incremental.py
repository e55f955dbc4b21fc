"""The forms step redoes only what changed: a check-in in `rollout serve` remakes one form page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def test_a_checkin_in_serve_remakes_only_its_unit_form(make_ws: Callable[..., Path]) -> None:
    from rollout.flows.checkin import save_checkins
    from rollout.report.build import BuildState, build

    root = make_ws()
    state = BuildState()
    first = build(root, site=True, packs=False, strict=True, state=state)
    assert first.forms is not None and first.forms.written == 7
    forms = root / "build" / "forms"
    untouched = {p.name: p.stat().st_mtime_ns for p in forms.glob("*.html")}

    same = build(root, site=True, packs=False, strict=True, state=state)
    assert same.forms is not None and same.forms.written == 0

    save_checkins(root, "2027-Q1", "sales", [{"kr": "sales-pipeline-kr1", "date": "2027-02-15", "value": 2.9}])
    after = build(root, site=True, packs=False, strict=True, state=state)
    assert after.forms is not None and after.forms.written == 1
    assert 'placeholder="2.9"' in (forms / "checkin-sales.html").read_text(encoding="utf-8")
    changed = {p.name for p in forms.glob("*.html") if p.stat().st_mtime_ns != untouched[p.name]}
    assert changed == {"checkin-sales.html"}
    assert sorted(after.forms.files) == sorted(first.forms.files)


def test_a_fresh_build_remakes_what_changed_and_removes_what_is_gone(make_ws: Callable[..., Path]) -> None:
    from rollout.report.build import build

    root = make_ws()
    build(root, site=True, packs=False, strict=True)
    forms = root / "build" / "forms"
    assert (forms / "checkin-sales.html").is_file()
    mine = forms / "notes.txt"
    mine.write_text("kept", encoding="utf-8")  # not made by the build: never deleted
    # sales loses its key results: its check-in form goes, nothing else does
    (root / "okrs" / "2027-Q1" / "sales.yaml").unlink()
    (root / "checkins" / "2027-Q1" / "sales.yaml").unlink()
    result = build(root, site=True, packs=False, strict=True)
    assert result.forms is not None and result.forms.written == 1  # the index
    assert not (forms / "checkin-sales.html").exists()
    assert (forms / "checkin-mini.html").is_file() and mine.read_text(encoding="utf-8") == "kept"


def test_a_broken_questionnaire_leaves_out_its_form_with_a_warning(make_ws: Callable[..., Path]) -> None:
    import pytest

    from rollout.report.build import BuildFailed, build

    root = make_ws(
        **{
            "questionnaires/pulse.yaml": "id: pulse\nversion: 1\ntitle: Pulse\nquestions:\n  - id: q1\n    kind: stars\n    text: How is it going?\n"
        }
    )
    result = build(root, site=True, packs=False)
    assert any(w.startswith("forms/pulse.html not made: questionnaires/pulse.yaml:6:") for w in result.warnings), (
        result.warnings
    )
    forms = root / "build" / "forms"
    assert not (forms / "pulse.html").exists() and (forms / "readiness.html").is_file()
    assert "pulse.html" not in (forms / "index.html").read_text(encoding="utf-8")
    with pytest.raises(BuildFailed):
        build(root, site=True, packs=False, strict=True)


def test_every_link_of_the_forms_resolves(demo_site: Path) -> None:
    """The form pages link the site, each other and their sheets; nothing outside the build."""
    from rollout.report.site.links import check_folder

    problems = [p for p in check_folder(demo_site) if p.page.startswith("forms/")]
    assert problems == []


def test_people_who_left_and_archived_units_are_not_offered(make_ws: Callable[..., Path]) -> None:
    from rollout.report.build import build

    root = make_ws(
        people_yaml="""
            people:
              - id: ana
                name: Ana Lima
              - id: ben
                name: Ben Okoro
              - id: cleo
                name: Cleo Former
                left: 2027-01-31
        """
    )
    build(root, site=True, packs=False, strict=True)
    page = (root / "build" / "forms" / "readiness.html").read_text(encoding="utf-8")
    assert 'value="ana"' in page and 'value="cleo"' not in page


def test_unit_pages_of_the_running_cycle_link_their_checkin_form(demo_site: Path) -> None:
    site = demo_site
    running = (site / "units" / "2026-Q4" / "hr.html").read_text(encoding="utf-8")
    assert 'href="../../forms/checkin-hr.html"' in running
    closed = (site / "units" / "2026-Q3" / "customer-service.html").read_text(encoding="utf-8")
    assert "forms/checkin-" not in closed
    assert 'href="forms/index.html"' in (site / "index.html").read_text(encoding="utf-8")  # the navigation
