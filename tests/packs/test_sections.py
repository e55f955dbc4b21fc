"""Pack building blocks: formatting, user text, bounds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup

from rollout.report.packs.cycle_pack import cycle_pack
from rollout.report.packs.plan import plan_packs
from rollout.report.packs.sections import TEAMS_STRONGEST, TEAMS_WEAKEST, Sources, markdown, number, safe_links
from rollout.workspace import load


def test_numbers_carry_their_unit() -> None:
    assert number(92.4, "%") == "92.4%"
    assert number(22.0, "days") == "22 days"
    assert number(1250.0) == "1,250"
    assert number(148.0, "EUR") == "148 EUR"  # as on the site and in the check-in prompt (issue 12, item 10)
    assert number(None, "%") == "–"
    assert number(3.9, "score out of 5") == "3.9 out of 5"


def test_only_web_and_mail_links_survive() -> None:
    html = Markup(
        '<p><a href="https://example.com/a">web</a> <a href="mailto:a@b.c">mail</a> '
        '<a href="minutes.pdf">relative</a> <a href="#top">anchor</a></p>'
    )
    out = str(safe_links(html))
    assert '<a href="https://example.com/a">web</a>' in out
    assert '<a href="mailto:a@b.c">mail</a>' in out
    assert "minutes.pdf" not in out and ">relative<" not in out and " relative " in out
    assert 'href="#top"' not in out


def test_user_markdown_is_escaped_and_pictures_become_text() -> None:
    out = str(markdown("**Done** <script>alert(1)</script> ![chart](http://example.com/c.png)"))
    assert "<strong>Done</strong>" in out
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<img" not in out and "chart" in out


def test_cycle_pack_lists_are_bounded(demo_source: Path) -> None:
    ws = load(demo_source)
    src = Sources.from_view(ws, None)
    spec = next(s for s in plan_packs(ws) if s.id == "cycle-2026-Q3")
    pack = cycle_pack(src, spec)
    assert len(pack.celebrate) == 10 and pack.celebrate_more > 0  # 38 strong key results, 10 shown
    assert [f.label for f in pack.figures] == [
        "Company score",
        "Key results strong",  # issue 12, item 8: the site's labels (rollout.report.vocabulary)
        "Alignment coverage",
        "Check-in discipline",
        "Leadership check-ins",
        "Quality findings",
    ]
    assert pack.closed and not pack.compact
    assert {d.name for d in pack.departments} >= {"People & HR", "Finance"}


def test_a_department_with_many_teams_lists_its_extremes(make_ws: Callable[..., Path]) -> None:
    """Above the limit a department shows its weakest and strongest teams, with a count of all."""
    teams = 20
    units = "units:\n  - {id: mini, name: Mini Co, kind: company, owner: ana}\n"
    units += "  - {id: sales, name: Sales, kind: department, parent: mini, owner: ben}\n"
    files: dict[str, str] = {}
    for i in range(teams):
        units += f"  - {{id: team-{i}, name: Team {i}, kind: team, parent: sales, owner: ben}}\n"
        files[f"okrs/2027-Q1/team-{i}.yaml"] = (
            "objectives:\n"
            f"  - id: t{i}-obj\n    title: Serve buyers well\n    owner: ben\n    parent: sales-pipeline\n"
            f"    key_results:\n      - id: t{i}-kr\n        title: Raise repeat orders from 0 to 100\n"
            "        direction: increase\n        baseline: 0\n        target: 100\n        owner: ben\n"
        )
        files[f"checkins/2027-Q1/team-{i}.yaml"] = (
            f"checkins:\n  - {{kr: t{i}-kr, date: 2027-01-11, value: {i * 5}, confidence: 6, author: ben}}\n"
        )
    root = make_ws(units_yaml=units, **files)
    ws = load(root)
    src = Sources.from_view(ws, None)
    spec = next(s for s in plan_packs(ws) if s.kind == "cycle")
    pack = cycle_pack(src, spec)
    (sales,) = pack.departments
    assert sales.teams_total == teams
    assert len(sales.teams) == TEAMS_WEAKEST + TEAMS_STRONGEST < teams
    assert sales.teams[0].name == "Team 0"  # the weakest first
    assert "Team 19" in [t.name for t in sales.teams]  # and the strongest kept
    assert "20 teams with OKRs" in sales.teams_note
