"""A pack's length follows the number of departments, not teams."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdf
import pytest

from rollout.report.packs import build_packs
from rollout.report.packs.html import pack_html
from rollout.report.packs.plan import plan_packs
from rollout.report.packs.sections import MAX_TEAMS_LISTED, Sources
from rollout.workspace import load
from tests.builders import Org, kr

DEMO_TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """15 departments of 10 teams, each unit with an objective that supports its parent's."""
    org = Org("Wide Co", as_of=DEMO_TODAY)
    org.cycle("2026-Q4", date(2026, 10, 1), date(2026, 12, 31))
    org.unit("co", "company", owner="ceo").objective("2026-Q4", "co", "co-grow", krs=[kr("co-grow-kr1")])
    for d in range(15):
        dept = f"dept-{d:02}"
        org.unit(dept, "department", parent="co", owner=f"{dept}-lead")
        org.objective("2026-Q4", dept, f"{dept}-grow", parent="co-grow", krs=[kr(f"{dept}-grow-kr1")])
        org.checkin("2026-Q4", dept, f"{dept}-grow-kr1", date(2026, 11, 23), 40 + d)
        for t in range(10):
            team = f"{dept}-team-{t}"
            org.unit(team, "team", parent=dept, owner=f"{team}-lead")
            org.objective("2026-Q4", team, f"{team}-grow", parent=f"{dept}-grow", krs=[kr(f"{team}-grow-kr1")])
            org.checkin("2026-Q4", team, f"{team}-grow-kr1", date(2026, 11, 23), 30 + t)
    return org.write(tmp_path_factory.mktemp("large") / "org")


def test_large_organization_pack_stays_short(large: Path) -> None:
    ws = load(large)
    result = build_packs(ws, None, large / "build" / "packs", only="cycle-2026-Q4", jobs=1)[0]
    assert result.error is None and result.warnings == []
    assert result.pages <= 30
    outline = pypdf.PdfReader(result.path).outline
    titles = [item if isinstance(item, list) else item["/Title"] for item in outline]
    nested = titles[titles.index("Departments") + 1]
    # Every department digest is a bookmark under "Departments".
    assert isinstance(nested, list) and len(nested) == 15


def test_department_digests_bound_the_rows(large: Path) -> None:
    ws = load(large)
    src = Sources.from_view(ws, None)
    spec = next(s for s in plan_packs(ws) if s.id == "cycle-2026-Q4")
    html = pack_html(src, spec)
    teams = sum(1 for u in ws.units.values() if u.kind == "team")
    assert teams == 150
    # Compact digests: one per department, no team table rows at all.
    assert html.count('<tbody class="dept"') == 15
    assert html.count("<tr>") < 15 * 8 + 200
    assert MAX_TEAMS_LISTED < 15


def test_a_plan_packs_digest_shows_the_plan_without_score_columns(tmp_path: Path) -> None:
    """A cycle not started yet, with more departments than get full chapters: the compact digest
    lists what is planned (key results per objective, per department with its teams) and no
    score, status or on/risk/off column, which could only be dashes before the first check-in."""
    org = Org("Wide Co", as_of=date(2026, 12, 20))
    org.cycle("2026-Q4", date(2026, 10, 1), date(2026, 12, 31))
    org.cycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31), status="planned")
    org.unit("co", "company", owner="ceo").objective("2027-Q1", "co", "co-grow", krs=[kr("co-grow-kr1")])
    for d in range(13):
        dept = f"dept-{d:02}"
        org.unit(dept, "department", parent="co", owner=f"{dept}-lead")
        org.objective("2027-Q1", dept, f"{dept}-grow", parent="co-grow", krs=[kr(f"{dept}-kr{n}") for n in (1, 2)])
        team = f"{dept}-team"
        org.unit(team, "team", parent=dept, owner=f"{team}-lead")
        org.objective("2027-Q1", team, f"{team}-grow", parent=f"{dept}-grow", krs=[kr(f"{team}-kr1")])
    root = org.write(tmp_path / "org")
    ws = load(root)
    spec = next(s for s in plan_packs(ws) if s.id == "cycle-2027-Q1")
    html = pack_html(Sources.from_view(ws, None), spec)
    digest = html[html.index('id="departments"') :]
    digest = digest[: digest.index("</section>")]
    assert digest.count('<tbody class="dept"') == 13
    assert '<th>Department · objective</th><th>Owner</th><th class="r">Key results</th></tr>' in digest
    for running_only in ("Score", "Status", "on / risk / off", "of check-ins done", "strong"):
        assert running_only not in digest, running_only
    # dept-00: its own objective with 2 key results, and its team's 1: 3 planned.
    assert "with its teams: 3 key results planned · 1 team with OKRs" in digest
    assert '<td class="r num">2</td>' in digest and "what its teams plan" in digest
    # fe22 F3: "Teams" counted only the teams with OKRs in the cycle; the heading says so
    assert '<th class="r">Teams with OKRs</th>' in html and '<th class="r">Teams</th>' not in html
