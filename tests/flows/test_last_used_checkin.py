"""fe20 findings 3 and 17 (issue 12): one "last check-in used", and carried titles with a sign.

``co-late-kr1`` of W1 has check-ins on 7 Jan (16, then 18 the same day), 29 Mar (40), and
after the cycle (12 Apr: 80, 30 Sep: 100). As of 8 March its score uses 18 (the later
7-Jan record); every door that shows "the last value" must show the same check-in, and
``rollout next`` after a close on 31 March carries the value at the cycle end (40).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from rollout.workspace import load
from tests.clirun import run_cli
from tests.flows.w1 import CLOSE_WITH_OVERRIDE, set_as_of, write_answers, write_w1


def test_the_workspace_last_checkin_is_the_one_the_score_uses(tmp_path: Path) -> None:
    from rollout.metrics.analysis import analyze

    ws = load(write_w1(tmp_path / "w1"))
    last = ws.latest_checkin("co-late-kr1")
    assert last is not None and (last.date.isoformat(), last.value) == ("2027-01-07", 18)
    states = analyze(ws).key_results
    for kr_id, state in states.items():
        found = ws.latest_checkin(kr_id)
        assert (found.value if found else None) == state.current, kr_id
        assert (found.date if found else None) == state.last_checkin, kr_id


def test_the_checkin_sheet_shows_the_last_value_used(tmp_path: Path) -> None:
    root = write_w1(tmp_path / "w1")
    sheet = tmp_path / "acme.csv"
    ran = run_cli("checkin", "acme", "--sheet", sheet, "-w", root)
    assert ran.returncode == 0, ran.stderr
    rows = {r["KR id"]: r for r in csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8-sig")))}
    assert (rows["co-late-kr1"]["Last value"], rows["co-late-kr1"]["Last check-in"]) == ("18", "2027-01-07")


def test_the_checkin_form_and_prompt_show_the_last_value_used(tmp_path: Path) -> None:
    from rollout.flows.checkin import describe, plan_checkin
    from rollout.forms.spec import People, checkin_form

    ws = load(write_w1(tmp_path / "w1"))
    cycle = ws.cycles["2027-Q1"]
    item = next(i for i in plan_checkin(ws, "acme", cycle) if i.kr.id == "co-late-kr1")
    assert item.last is not None and item.last.value == 18
    assert "18" in describe(item) and "100" not in describe(item).partition(" · ")[2]
    form = checkin_form(ws, cycle, "acme", People(ws))
    row = next(r for r in form.rows if r.kr == "co-late-kr1")
    assert row.last_value == "18" and "7 Jan" in row.last


def test_next_carries_the_value_at_the_cycle_end(tmp_path: Path) -> None:
    root = write_w1(tmp_path / "w1")
    set_as_of(root, "2027-03-31")
    ran = run_cli("close", "2027-Q1", "-w", root, "--answers", write_answers(root, CLOSE_WITH_OVERRIDE))
    assert ran.returncode == 0, ran.stderr
    ran = run_cli("next", "2027-Q1", "-w", root)
    assert ran.returncode == 0, ran.stderr
    ws = load(root)
    krs = {kr.title: kr for o in ws.objectives_in("2027-Q2") for kr in o.key_results}
    # co-late-kr1 (refined): 40 on 29 March, not the 100 of 30 September.
    assert krs["Raise answered share from 40 to 100%"].baseline == 40
    # sa-pipe-kr3 (carried over) moved from -5 to 0: the title says so, sign and all (finding 17).
    assert krs["Move margin from 0 to 5 points"].baseline == 0


def test_a_carried_title_keeps_its_sign_and_its_minus() -> None:
    from rollout.flows.carrying import carried_title

    assert carried_title("Move margin from -5 to 5 points", -5, 0) == "Move margin from 0 to 5 points"
    assert carried_title("Move margin from −5 to 5 points", -5, -2.5) == "Move margin from −2.5 to 5 points"
    assert carried_title("Lift EBIT from -1,250 to 0 kEUR", -1250, -500) == "Lift EBIT from -500 to 0 kEUR"
    # "from 5" in a title whose baseline is -5 names another number: kept as written.
    assert carried_title("Move margin from 5 to 10 points", -5, 0) == "Move margin from 5 to 10 points"
