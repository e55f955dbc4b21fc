"""Reorganisations keep history (issue 15, part 3): a closed cycle shows the organization as it was."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from rollout.errors import LoadError
from rollout.org.history import department_on, org_day, unit_tree_on
from rollout.workspace import load
from tests.org.reorg import write_reorganised


@pytest.fixture
def reorg(tmp_path: Path) -> Path:
    return write_reorganised(tmp_path / "acme")


def test_the_tree_as_of_a_day(reorg: Path) -> None:
    ws = load(reorg)  # a dissolved team's Q1 OKRs still load
    q1, q2 = ws.cycles["2027-Q1"], ws.cycles["2027-Q2"]
    assert org_day(ws, q1) == date(2027, 3, 31)  # closed: its last day
    assert org_day(ws, q2) == date(2027, 5, 14)  # running: today (as_of)
    assert unit_tree_on(ws, date(2027, 3, 31))["onboarding"] == "sales"
    assert unit_tree_on(ws, date(2027, 4, 1))["onboarding"] == "customer-success"
    assert department_on(ws, "onboarding", date(2027, 3, 31)).id == "sales"  # type: ignore[union-attr]
    assert ws.department_of("onboarding").id == "customer-success"  # type: ignore[union-attr]
    assert ws.department_of("onboarding", on=date(2027, 1, 15)).id == "sales"  # type: ignore[union-attr]
    assert ws.objectives_in("2027-Q1", "field-sales")[0].id == "fs-q1-regional-wins"


def test_department_figures_of_a_closed_cycle_count_the_teams_of_then(reorg: Path) -> None:
    from rollout.metrics.analysis import analyze

    ws = load(reorg)
    analysis = analyze(ws)
    q1 = analysis.cycles["2027-Q1"].department_completion
    q2 = analysis.cycles["2027-Q2"].department_completion
    # Q1: Sales counts its own key result, Onboarding's and Field Sales'; Customer Success only its own.
    assert q1["sales"].key_results == 3 and q1["customer-success"].key_results == 1
    assert q2["customer-success"].key_results == 2  # Q2: Onboarding is under Customer Success now


def _pack_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _section(text: str, heading: str, following: str) -> str:
    match = re.search(rf"\n{heading}\n.*?(?=\n{following}\n|\Z)", text, re.S)
    assert match, f"no section {heading!r}"
    return match.group(0)


def test_the_closed_cycle_pack_shows_the_organization_as_it_was(reorg: Path) -> None:
    from rollout.report.packs import build_packs

    ws = load(reorg)
    results = {r.spec.id: r for r in build_packs(ws, None, reorg / "build" / "packs", jobs=1)}
    q1 = _pack_text(results["cycle-2027-Q1"].path)
    sales = _section(q1, "Sales", "Customer Success")
    assert "Onboarding Di Evans" in sales and "Field Sales Bo Park" in sales  # under Sales in the Q1 pack
    customer_success = _section(q1, "Customer Success", "Quality")
    assert "Onboarding" not in customer_success
    q2 = _pack_text(next(r.path for key, r in results.items() if key.startswith("cycle-2027-Q2")))
    assert "Onboarding" in _section(q2, "Customer Success", "Quality")


def test_removing_a_dissolved_team_is_a_clear_error(reorg: Path) -> None:
    """What used to happen when a team was deleted from units.yaml: every file naming it is reported."""
    units = reorg / "units.yaml"
    units.write_text(
        units.read_text().replace(
            "  - {id: field-sales, name: Field Sales, kind: team, parent: sales, owner: bo, archived: 2027-04-01}\n", ""
        )
    )
    with pytest.raises(LoadError) as caught:
        load(reorg)
    assert "unknown unit 'field-sales'" in caught.value.render()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("{unit: sales, until: 2027-03-31}", "{unit: nowhere, until: 2027-03-31}", "unknown unit 'nowhere'"),
        ("{unit: sales, until: 2027-03-31}", "{unit: onboarding, until: 2027-03-31}", "cannot sit under itself"),
        ("{unit: sales, until: 2027-03-31}", "{unit: acme, until: 2027-03-31}", "a team sits under a department"),
        ("archived: 2027-04-01}", "archived: 2027-04-01, since: 2027-05-01}", "archived on or before"),
        ("{id: bo, name: Bo Park, left: 2027-04-01}", "{id: bo, name: Bo Park, manager: bo}", "report to themself"),
        ("archived: 2027-04-01}", "archived: 2027-01-01}", "was archived on 2027-01-01, before 2027-Q1 started"),
    ],
)
def test_history_fields_are_validated_with_their_place(reorg: Path, old: str, new: str, message: str) -> None:
    for name in ("units.yaml", "people.yaml"):
        path = reorg / name
        path.write_text(path.read_text().replace(old, new))
    with pytest.raises(LoadError) as caught:
        load(reorg)
    rendered = caught.value.render()
    assert message in rendered and re.search(
        r"(units|people)\.yaml:\d+:\d+: |okrs/2027-Q1/\S+\.yaml:\d+:\d+: ", rendered
    ), rendered


def test_the_closed_cycle_pages_show_the_organization_as_it_was(reorg: Path) -> None:
    from rollout.report.build import build

    build(reorg, site=True, packs=False)
    site = reorg / "build"

    def crumbs(page: str) -> str:
        html = (site / page).read_text()
        return html.split('class="crumbs"', 1)[1].split("</nav>", 1)[0]

    def teams(page: str) -> str:
        html = (site / page).read_text()
        return html.split('id="children-title"', 1)[1].split("</section>", 1)[0] if "children-title" in html else ""

    assert "Sales" in crumbs("units/2027-Q1/onboarding.html")
    assert "Customer Success" not in crumbs("units/2027-Q1/onboarding.html")
    assert "Customer Success" in crumbs("units/2027-Q2/onboarding.html")
    q1_sales = teams("units/2027-Q1/sales.html")
    assert "Onboarding" in q1_sales and "Field Sales" in q1_sales
    assert "Onboarding" not in teams("units/2027-Q1/customer-success.html")
    assert "Onboarding" in teams("units/2027-Q2/customer-success.html")


def test_the_units_page_says_a_unit_was_dissolved(reorg: Path) -> None:
    from rollout.report.build import build

    build(reorg, site=True, packs=False)
    html = (reorg / "build" / "units.html").read_text()
    row = next(line for line in html.splitlines() if "Field Sales" in line)
    assert "dissolved 2027-04-01" in row
