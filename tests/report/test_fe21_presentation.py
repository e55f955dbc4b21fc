"""fe21 finding 13 and the site side of finding 6 (issue 12): what a leader reads on the pages.

- the check-in log marks a check-in no figure uses, in the words of OKR409 and OKR410;
- a running cycle's score tile says its status and, labelled, the score band ("score band:
  moderate"), not two bare verdicts side by side ("At risk Moderate");
- counts agree with their nouns ("0 of 1 monthly review held");
- a key result never measured reads "– not measured yet", not "– EUR";
- a sparkline of one check-in says "1 check-in: 10", not "from 10 to 10";
- baseline → target is written one way in the check-in prompt, the form, the site and the pack;
- the cycle page's "Scores by unit" puts each team under its department, with a row for a
  department without OKRs of its own.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.fe21_workspaces import FILES, write


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&").replace("&#39;", "'").strip()


@pytest.fixture(scope="module")
def w1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from rollout.report.build import build

    early = FILES["w1"]["checkins/2027-Q1/recruiting.yaml"] + "  - {kr: r-a-kr1, date: 2026-12-30, value: 1}\n"
    root = write("w1", tmp_path_factory.mktemp("fe21") / "w1", **{"checkins/2027-Q1/recruiting.yaml": early})
    return build(root, site=True, packs=False).out


@pytest.fixture(scope="module")
def w12(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from rollout.report.build import build

    return build(write("w12", tmp_path_factory.mktemp("fe21") / "w12"), site=True, packs=False).out


def test_the_check_in_log_marks_unused_check_ins(w1: Path, w12: Path) -> None:
    log = (w12 / "checkins.html").read_text(encoding="utf-8")
    rows = [_text(r) for r in re.findall(r"<tr[^>]*>(.*?)</tr>", log.split("<tbody>", 1)[1], re.S)]
    repeat = [r for r in rows if r.startswith("8 Mar 2027") and "repeat orders" in r]
    assert repeat == [
        "8 Mar 2027 Fig Co Grow repeat orders from 0 to 10 8 orders 7/10",
        "8 Mar 2027 Fig Co Grow repeat orders from 0 to 10 2 orders not used: a later check-in the same day counts 6/10",
    ]
    assert sum("not used" in r for r in rows) == 1
    early = _text((w1 / "checkins.html").read_text(encoding="utf-8"))
    assert "Hire 4 account executives 1 hires not used: before cycle 2027-Q1 starts (2027-01-01)" in early


def test_the_log_says_what_okr409_says(w1: Path) -> None:
    from tests.clirun import run_cli

    root = w1.parent  # the build folder of the workspace
    found = run_cli("check", cwd=root).stdout
    assert "dated 2026-12-30 is before cycle 2027-Q1 starts (2027-01-01); no figure uses it" in found, found
    assert "not used: before cycle 2027-Q1 starts (2027-01-01)" in _text((w1 / "checkins.html").read_text("utf-8"))


def test_a_running_tile_labels_the_band(w1: Path) -> None:
    home = _text((w1 / "index.html").read_text(encoding="utf-8"))
    assert "Company score 0.4 At risk score band: moderate" in home
    unit = _text((w1 / "units" / "2027-Q1" / "field.html").read_text(encoding="utf-8"))
    assert "On track score band: moderate" in unit


def test_counts_agree_with_their_nouns(w1: Path) -> None:
    home = _text((w1 / "index.html").read_text(encoding="utf-8"))
    assert "Leadership reviews: 0 of 1 monthly review held" in home
    assert "4 of 10 key results at 0.7 or above" in home


def test_a_key_result_never_measured_has_no_unit_beside_a_dash(w1: Path) -> None:
    unit = (w1 / "units" / "2027-Q1" / "field.html").read_text(encoding="utf-8")
    block = _text(unit.split("Book 10 demos in the north", 1)[1].split("Target", 1)[0])
    assert block.endswith("Current – not measured yet"), block


def test_a_sparkline_of_one_check_in_names_its_value(w1: Path) -> None:
    unit = (w1 / "units" / "2027-Q1" / "field.html").read_text(encoding="utf-8")
    assert "1 check-in: 10, target 10" in unit
    assert "from 10 to 10" not in unit


def test_baseline_to_target_is_written_one_way(tmp_path: Path) -> None:
    from rollout.flows.checkin import describe, plan_checkin
    from rollout.report.formats import value
    from rollout.workspace import load

    ws = load(write("w1", tmp_path / "w1"))
    items = {i.kr.id: i for i in plan_checkin(ws, "sales", ws.cycles["2027-Q1"])}
    assert describe(items["s-a-kr2"]).startswith("5% → 5% · ")
    assert describe(items["s-a-kr1"]).startswith("10 deals → 20 deals · ")
    assert f"{value(5, '%')} → {value(5, '%')}" == "5% → 5%"  # the pack's row: baseline → target


def test_scores_by_unit_is_the_cycle_tree(tmp_path: Path) -> None:
    from rollout.report.build import build
    from tests.clirun import run_cli

    root = write("w1", tmp_path / "w1")
    assert run_cli("units", "move", "field", "--to", "people-hr", "--on", "2027-02-01", cwd=root).returncode == 0
    page = (build(root, site=True, packs=False).out / "cycles" / "2027-Q1.html").read_text(encoding="utf-8")
    table = page.split('id="unit-scores"', 1)[1].split("</table>", 1)[0]
    names = [_text(th) for th in re.findall(r'<th scope="row">(.*?)</th>', table, re.S)]
    assert names == [
        "Ödland Äpfel GmbH",
        "Sales",
        "Inside Sales",
        "People & HR",
        "Field Sales",
        "Recruiting",
        "Operations",
    ]
    assert "People & HR Department no OKRs of its own in 2027-Q1" in _text(table)
    assert "Operations Department no OKRs in 2027-Q1" in _text(table)
