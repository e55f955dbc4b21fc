"""End to end in headless Chromium: fill a form from file://, save it, collect it, find it in the workspace.

The forms are opened straight from the build folder (``file://``), as someone would open
a site copied onto their laptop; axe-core checks both form kinds on a desktop and a phone.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.browser import NEEDS_CHROMIUM

AXE = Path(
    os.environ.get("AXE_CORE_JS", Path(__file__).parents[1] / "report" / "node_modules" / "axe-core" / "axe.min.js")
)
RESPONDENT = "ines-moreau"

pytestmark = [
    pytest.mark.e2e,
    NEEDS_CHROMIUM,
]


def _url(root: Path, rel: str) -> str:
    return (root / "build" / rel).as_uri()


def _collect(root: Path, *files: Path) -> Any:
    from rollout.cli import cli

    return CliRunner().invoke(cli, ["collect", *map(str, files), "-w", str(root)])


def _respondent(root: Path) -> str:
    """A leader who has not answered the readiness questionnaire yet."""
    from rollout.workspace import load

    ws = load(root)
    answered = {p.stem for p in (root / "assessments" / "readiness").glob("*.yaml")}
    leaders = [u.owner for u in ws.units.values() if u.kind == "department" and u.owner not in answered]
    assert leaders
    return str(leaders[0])


def test_readiness_form_fills_saves_and_is_collected(browser: Any, built_demo: Path, tmp_path: Path) -> None:
    from rollout.questionnaire.report import readiness_report
    from rollout.workspace import load

    respondent = _respondent(built_demo)
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "blob:", "data:")) else None)
    page.goto(_url(built_demo, "forms/readiness.html"))
    assert page.locator("h1").inner_text() == "OKR readiness assessment"
    page.select_option("#f-respondent", respondent)
    assert page.input_value("#f-unit") != ""  # the person's unit is filled in
    # a conditional question appears only when its condition holds
    conditional = page.locator("#q-priorities-shared")
    assert conditional.is_hidden()
    page.check("#q-priorities-written-yes")
    assert conditional.is_visible()
    assert page.locator("#q-owner-hours").is_hidden()
    for likert in page.locator(".q[data-kind='likert']:visible").all():
        likert.locator("input[value='4']").check()
    page.check("#q-frame-exists-no")
    assert page.locator("#q-goals-linked").is_hidden()
    page.check("#q-has-sponsor-yes")
    page.check("#q-review-frequency-monthly")
    page.check("#q-program-owner-with-time")
    page.fill("#q-owner-hours-input", "6")
    page.check("#q-metrics-tracked-revenue")
    page.check("#q-metrics-tracked-people")
    page.fill("#q-concerns-input", 'We need it "on paper" <in the break room> too')
    # a validation error: out of bounds, announced and linked
    page.fill("#q-priority-count-input", "45")
    for likert in page.locator(".q[data-kind='likert']:visible").all():  # the conditional one, now shown
        likert.locator("input[value='4']").check()
    page.click("#save")
    error = page.locator("#q-priority-count-error")
    assert error.is_visible() and "above the maximum 30" in error.inner_text()
    assert page.get_attribute("#q-priority-count-input", "aria-invalid") == "true"
    summary = page.locator("#form-errors")
    assert summary.is_visible() and "Please check this answer" in summary.inner_text()
    assert page.evaluate("document.activeElement.id") == "form-errors"
    page.fill("#q-priority-count-input", "4")
    page.fill("#f-date", "2026-11-24")
    with page.expect_download() as download:
        page.click("#save")
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    assert target.name == f"readiness-{respondent}.yaml"
    assert "Saved" in page.locator("#form-status").inner_text()
    assert outside == []
    context.close()

    result = _collect(built_demo, target)
    assert result.exit_code == 0, result.output
    assert f"readiness-{respondent}.yaml" in result.output and "saved" in result.output
    saved = (built_demo / "assessments" / "readiness" / f"{respondent}.yaml").read_text(encoding="utf-8")
    assert "priority-count: 4" in saved and "owner-hours: 6" in saved and "goals-linked" not in saved
    assert 'on paper" <in the break room>' in saved
    report = readiness_report(load(built_demo), "readiness").to_dict()
    assert respondent in str(report)
    # the same file again: nothing written twice
    again = _collect(built_demo, target)
    assert again.exit_code == 0 and "already collected" in again.output


def test_checkin_form_fills_saves_and_is_collected(browser: Any, built_demo: Path, tmp_path: Path) -> None:
    from rollout.workspace import load

    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(_url(built_demo, "forms/checkin-hr.html"))
    assert page.locator("h1").inner_text() == "People & HR"
    rows = page.locator(".kr[data-kr]")
    assert rows.count() >= 3
    first = rows.nth(0).get_attribute("data-kr")
    second = rows.nth(1).get_attribute("data-kr")
    assert first and second
    assert page.input_value("#f-author") != ""  # the unit owner
    page.fill("#f-date", "2026-11-24")
    page.fill(f"#value-{first}", "twenty")
    page.select_option(f"#confidence-{first}", "8")
    page.click("#save")
    assert "'twenty' is not a number" in page.locator(f"#kr-{first}-error").inner_text()
    page.fill(f"#value-{first}", "22,5")
    page.fill(f"#note-{first}", "Two offers, 'signed'")
    page.select_option(f"#confidence-{second}", "4")  # no value: keeps last week's
    page.fill(f"#note-{second}", "=1+2 was the plan")  # a formula to a spreadsheet: written neutralised
    with page.expect_download() as download:
        page.click("#save")
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    assert target.name == "checkin-hr-2026-11-24.csv"
    assert ",'=1+2 was the plan," in target.read_text(encoding="utf-8")
    context.close()

    before = load(built_demo).latest_checkin(second)
    result = _collect(built_demo, target)
    assert result.exit_code == 0, result.output
    assert "2 check-ins" in result.output
    ws = load(built_demo)
    latest = ws.latest_checkin(first)
    assert latest is not None and latest.value == 22.5 and latest.confidence == 8
    assert latest.note == "Two offers, 'signed'"
    kept = ws.latest_checkin(second)
    assert before is not None and kept is not None and kept.value == before.value and kept.confidence == 4
    assert kept.note == "=1+2 was the plan"
    # the same CSV is what `rollout checkin --csv` reads
    from rollout.flows.checkin_sheet import read_checkins

    read = read_checkins(ws, target, day=ws.today, unit="hr")
    assert [r["kr"] for r in read.files[("2026-Q4", "hr")]] == [first, second]


def test_forms_without_javascript_say_so(browser: Any, built_demo: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for rel in ("forms/readiness.html", "forms/checkin-hr.html"):
        page.goto(_url(built_demo, rel))
        assert page.locator("#save").is_hidden()  # no dead button
        assert "needs JavaScript" in page.locator("main").inner_text()
    context.close()


@pytest.mark.skipif(not AXE.is_file(), reason="axe-core not installed (see tests/report/test_e2e_browser.py)")
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violation_on_forms(browser: Any, built_demo: Path, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    report: dict[str, list[str]] = {}
    for rel in ("forms/index.html", "forms/readiness.html", "forms/pilot-retrospective.html", "forms/checkin-hr.html"):
        page.goto(_url(built_demo, rel))
        page.add_script_tag(path=str(AXE))
        if rel != "forms/index.html":
            page.click("#save")  # the error state is checked too
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))"
        )
        if violations:
            report[rel] = violations
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width + 1, f"{rel} scrolls sideways at {width} px"
    page.close()
    assert report == {}


def test_keyboard_only(browser: Any, built_demo: Path) -> None:
    """Tab reaches every control in order; arrows choose in a radio group; Enter saves."""
    page = browser.new_page()
    page.goto(_url(built_demo, "forms/pilot-retrospective.html"))
    page.focus("#f-respondent")
    page.keyboard.press("ArrowDown")  # the first person
    assert page.input_value("#f-respondent") != ""
    first = page.locator(".q[data-q]").first
    radio = first.locator("input").first
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == first.get_attribute("data-q"):
            break
    assert page.evaluate("document.activeElement.name") == first.get_attribute("data-q")
    page.keyboard.press("Space" if radio.get_attribute("type") == "checkbox" else "ArrowRight")
    assert first.locator("input:checked").count() == 1
    page.focus("#save")
    page.keyboard.press("Enter")  # unanswered questions: the error summary takes the focus
    assert page.evaluate("document.activeElement.id") == "form-errors"
    page.keyboard.press("Tab")  # its first link goes to the first unanswered question
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.closest('.q') !== null")
    page.close()


def test_send_button_under_serve_collect(browser: Any, demo_copy: Path) -> None:
    """`rollout serve --collect`: the printed link unlocks a Send button that delivers the file."""
    from rollout.workspace import load

    from .test_serve_collect import Serving

    with Serving(demo_copy, collect=True) as server:
        page = browser.new_page()
        page.goto(server.base + "forms/checkin-hr.html")
        page.wait_for_timeout(300)
        assert page.locator("#send").is_hidden()  # no token yet: nothing to send to
        page.goto(server.urls[0])  # the link the facilitator shows, with the token
        page.goto(server.base + "forms/checkin-hr.html")
        page.locator("#send").wait_for(state="visible")
        kr = page.locator(".kr[data-kr]").first.get_attribute("data-kr")
        page.fill("#f-date", "2026-11-24")
        page.fill(f"#value-{kr}", "19")
        page.click("#send")
        page.wait_for_function("document.getElementById('form-status').textContent.startsWith('Sent')")
        assert "arrived" in page.locator("#form-status").inner_text()
        page.close()
    latest = load(demo_copy).latest_checkin(str(kr))
    assert latest is not None and latest.value == 19


CONDITIONS: list[tuple[dict[str, Any], dict[str, Any]]] = [
    ({"question": "a", "equals": True}, {"a": True}),
    ({"question": "a", "equals": True}, {"a": False}),
    ({"question": "a", "equals": True}, {}),
    ({"question": "a", "not_equals": "x"}, {"a": "y"}),
    ({"question": "a", "not_equals": "x"}, {}),
    ({"question": "a", "in": ["with-time", "no-time"]}, {"a": "no-time"}),
    ({"question": "a", "in": ["with-time", "no-time"]}, {"a": "none"}),
    ({"question": "a", "contains": "cost"}, {"a": ["revenue", "cost"]}),
    ({"question": "a", "contains": "cost"}, {"a": ["revenue"]}),
    ({"question": "a", "at_least": 3}, {"a": 3}),
    ({"question": "a", "at_least": 3}, {"a": 2.5}),
    ({"question": "a", "at_most": 3}, {"a": 4}),
    ({"question": "a", "equals": 4}, {"a": 4}),
    ({"all": [{"question": "a", "equals": True}, {"question": "b", "at_least": 4}]}, {"a": True, "b": 5}),
    ({"all": [{"question": "a", "equals": True}, {"question": "b", "at_least": 4}]}, {"a": True}),
    ({"any": [{"question": "a", "equals": True}, {"question": "b", "at_least": 4}]}, {"b": 4}),
    ({"not": {"question": "a", "equals": True}}, {"a": False}),
    ({"not": {"question": "a", "equals": True}}, {}),
]


def test_conditions_in_the_page_hold_as_in_the_terminal(browser: Any, built_demo: Path) -> None:
    """site/forms.js `holds` and rollout/questionnaire/answers.py `holds` agree on every operator."""
    from rollout.questionnaire.answers import holds
    from rollout.questionnaire.model import Condition

    page = browser.new_page()
    page.goto(_url(built_demo, "forms/readiness.html"))
    for raw, answers in CONDITIONS:
        expected = holds(Condition.model_validate(raw), answers)
        in_page = page.evaluate("([c, a]) => window.rolloutForms.holds(c, a)", [raw, answers])
        assert in_page == expected, (raw, answers)
    page.close()
