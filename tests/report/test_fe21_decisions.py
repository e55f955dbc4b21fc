"""fe21 findings 3, 4 and 13 (issue 12): the pack and the site say the same thing under one heading.

On fe21's w1 closed on its last day (overrides, ``co-a: completed``, every other objective carried
over): "Decisions on objectives" counts all six decisions (the teams' too) in ``rollout close``'s
summary, the cycle page and the cycle pack; the pack's summary says "of all key results strong
(k of n)", never "of them"; a department with no OKRs has a row saying so in the departments
tables of the home page and the pack.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.clirun import run_cli
from tests.fe21_workspaces import FILES, write

CLOSE = """\
overrides:
  - {kr: i-a-kr1, score: 0.3, reason: backlog was mis-measured}
  - {kr: f-a-kr2, score: 1.0, reason: demos were booked but not logged}
default_decision: carried_over
decisions:
  co-a: completed
lessons:
  - Check in weekly.
"""


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&").replace("&#39;", "'")


def _pack_html(root: Path) -> str:
    from rollout.report.packs.html import pack_html
    from rollout.report.packs.plan import plan_packs
    from rollout.report.packs.sections import Sources
    from rollout.report.viewmodel import build_view
    from rollout.workspace import load

    ws = load(root)
    src = Sources(ws, build_view(ws))
    (spec,) = [s for s in plan_packs(ws) if s.id == "cycle-2027-Q1"]
    return pack_html(src, spec)


@pytest.fixture(scope="module")
def closed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    rollout_yaml = FILES["w1"]["rollout.yaml"].replace("as_of: 2027-02-15", "as_of: 2027-03-31")
    root = write("w1", tmp_path_factory.mktemp("fe21") / "w1", **{"rollout.yaml": rollout_yaml})
    answers = root.parent / "close.yaml"
    answers.write_text(CLOSE, encoding="utf-8")
    ran = run_cli("close", "2027-Q1", "--answers", answers, cwd=root)
    assert ran.returncode == 0, ran.stderr
    return root, ran.stdout


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write("w1", tmp_path_factory.mktemp("fe21") / "w1")


def test_close_site_and_pack_count_every_decision_alike(closed: tuple[Path, str]) -> None:
    from rollout.report.build import build

    root, summary = closed
    assert (
        "Closed 2027-Q1: 10 key results scored (2 overridden). Decisions on objectives: 1 completed · 5 carried over."
        in summary
    )
    site = build(root, site=True, packs=False).out
    page = _text((site / "cycles" / "2027-Q1.html").read_text(encoding="utf-8"))
    assert "Decisions on objectives 1 completed · 5 carried over" in page
    html = _pack_html(root)
    pack = _text(html)
    assert "Decisions on objectives 1 completed · 5 carried over" in pack
    assert "Decisions for each objective" not in pack
    # Every objective's decision, the teams' included, grouped by unit: company, then each department and its teams.
    table = _text(html.split('id="decisions"', 1)[1].split("</table>", 1)[0])
    units = ["Ödland Äpfel GmbH", "Sales", "Field Sales", "Inside Sales", "Recruiting"]
    places = [table.find(f" {u} ") for u in units]
    assert -1 not in places and places == sorted(places), places
    for title in (
        "Open the northern territory",
        "Answer every inbound lead the same day",
        "Hire the people sales needs",
    ):
        assert title in table


def test_one_key_result_closed_says_one_key_result(tmp_path: Path) -> None:
    okrs = """\
objectives:
  - id: f-a
    title: Open the northern territory
    owner: cai
    key_results:
      - {id: f-a-kr1, title: Sign 10 new northern customers, direction: increase, baseline: 0, target: 10, unit_of_measure: customers, owner: cai}
"""
    files = {k: v for k, v in FILES["w1"].items() if k.startswith(("units", "people", "cycles", "rollout"))}
    root = tmp_path / "one"
    for rel, text in (
        files
        | {"okrs/2027-Q1/field.yaml": okrs, "checkins/2027-Q1/field.yaml": FILES["w1"]["checkins/2027-Q1/field.yaml"]}
    ).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text.replace("as_of: 2027-02-15", "as_of: 2027-03-31"), encoding="utf-8")
    answers = tmp_path / "close.yaml"
    answers.write_text("default_decision: carried_over\n", encoding="utf-8")
    ran = run_cli("close", "2027-Q1", "--answers", answers, cwd=root)
    assert ran.returncode == 0, ran.stderr
    assert "Closed 2027-Q1: 1 key result scored" in ran.stdout


@pytest.mark.parametrize(
    ("which", "sentence"),
    [
        ("running", "8 of 10 key results measured, 40% of all key results strong (4 of 10)"),
        ("closed", "9 of 10 key results measured, 50% of all key results strong (5 of 10)"),
    ],
)
def test_pack_summary_names_the_share_of_all_key_results(
    which: str, sentence: str, running: Path, closed: tuple[Path, str]
) -> None:
    pack = _text(_pack_html(running if which == "running" else closed[0]))
    assert sentence in pack
    assert "of them strong" not in pack


def test_a_department_without_okrs_has_a_row_in_both_departments_tables(running: Path) -> None:
    from rollout.report.build import build

    site = build(running, site=True, packs=False).out
    home = _text((site / "index.html").read_text(encoding="utf-8"))
    departments = home.split("Departments in 2027-Q1", 1)[1].split("Score: mean score", 1)[0]
    assert "Operations no OKRs in 2027-Q1" in departments
    pack = _text(_pack_html(running))
    glance = pack.split("Departments at a glance", 1)[1].split("Score: mean score", 1)[0]
    assert "Operations no OKRs in 2027-Q1" in glance
