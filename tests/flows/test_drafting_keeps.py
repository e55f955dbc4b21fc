"""Drafting keeps what it had (issue 15, part 6): Enter keeps priority and parent, ids from the final
title cut at a word boundary, Ctrl-C keeps the objective being typed, parking with two key results."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from rollout.errors import Aborted
from rollout.flows import drafting
from rollout.workspace import load
from tests.conftest import WorkspaceFactory
from tests.flows.conftest import CTRL_C, DOWN, ENTER, call, piped

ERASE = "\x7f" * 80

PRIORITIES = """
    priorities:
      - id: grow-mid-market
        title: Grow in the mid-market
      - id: reliable-network
        title: Run a reliable network
"""
COMPANY = """
    objectives:
      - id: win-mid-market
        title: Become the supplier mid-market buyers recommend
        owner: ana
        priority: reliable-network
        key_results:
          - id: win-mid-market-kr1
            title: Raise NPS from 30 to 45
            metric: NPS
            direction: increase
            baseline: 30
            target: 45
            unit_of_measure: points
            owner: ana
      - id: co-second
        title: Be the partner shippers trust with their busiest weeks
        owner: ana
        priority: grow-mid-market
"""


def _kr(title: str, metric: str, baseline: str, target: str) -> list[str]:
    return [title + ENTER, metric + ENTER, ENTER, baseline + ENTER, target + ENTER, "%" + ENTER, ENTER, ENTER]


def _keep_kr() -> list[str]:
    return [ENTER]  # "Keep" an existing key result


def test_enter_through_an_edit_keeps_the_priority(make_ws: WorkspaceFactory) -> None:
    root = make_ws(priorities_yaml=PRIORITIES, **{"okrs/2027-Q1/mini.yaml": COMPANY})
    ws = load(root)
    session = drafting.Session.open(root, ws, ws.cycles["2027-Q1"])
    # The second priority in the list: with "(none)" as the default, Enter used to drop it.
    keys = [ENTER, ENTER, ENTER, *_keep_kr(), ENTER]
    with piped(*keys):
        record = drafting.draft_objective(session, "mini", "edit", session.objective("win-mid-market"))
    assert record["priority"] == "reliable-network"
    assert load(root).objectives["win-mid-market"].priority == "reliable-network"


def test_enter_through_an_edit_keeps_the_parent(make_ws: WorkspaceFactory) -> None:
    root = make_ws(priorities_yaml=PRIORITIES, **{"okrs/2027-Q1/mini.yaml": COMPANY})
    path = root / "okrs/2027-Q1/sales.yaml"
    path.write_text(path.read_text().replace("parent: win-mid-market", "parent: co-second"))
    ws = load(root)
    session = drafting.Session.open(root, ws, ws.cycles["2027-Q1"])
    keys = [ENTER, ENTER, ENTER, *_keep_kr(), ENTER]  # title, owner, parent: all Enter
    with piped(*keys):
        drafting.draft_objective(session, "sales", "edit", session.objective("sales-pipeline"))
    assert load(root).objectives["sales-pipeline"].parent == "co-second"


def test_enter_keeps_a_parent_that_is_not_among_the_choices(make_ws: WorkspaceFactory) -> None:
    """A team objective supporting a company objective directly: its parent is not a department objective."""
    units = (load(make_ws()).root / "units.yaml").read_text() + (
        "  - id: inside-sales\n    name: Inside Sales\n    kind: team\n    parent: sales\n    owner: ben\n"
    )
    team = """
        objectives:
          - id: inside-answer-fast
            title: Answer every inbound lead while it is still warm
            owner: ben
            parent: win-mid-market
            key_results:
              - id: inside-answer-fast-kr1
                title: Cut lead response time from 4 hours to 30 minutes
                direction: decrease
                baseline: 240
                target: 30
                owner: ben
    """
    root = make_ws(units_yaml=units, **{"okrs/2027-Q1/inside-sales.yaml": team})
    ws = load(root)
    session = drafting.Session.open(root, ws, ws.cycles["2027-Q1"])
    with piped(ENTER, ENTER, ENTER, *_keep_kr(), ENTER):
        drafting.draft_objective(session, "inside-sales", "edit", session.objective("inside-answer-fast"))
    assert load(root).objectives["inside-answer-fast"].parent == "win-mid-market"


def test_the_id_comes_from_the_final_title(make_ws: WorkspaceFactory) -> None:
    root = make_ws()
    ws = load(root)
    session = drafting.Session.open(root, ws, ws.cycles["2027-Q1"])
    keys = [
        "Increase wholesale revenue by 20%" + ENTER,  # a metric in the objective: the rules push back
        ENTER,  # rewrite
        ERASE + "Become the bakery that cafes call first" + ENTER,
        ENTER,  # owner
        ENTER,  # parent
        *_kr("Raise repeat cafe orders from 40% to 60%", "Repeat orders", "40", "60"),
        *_kr("Raise the share of cafes ordering weekly from 20% to 35%", "Weekly share", "20", "35"),
        *_kr("Cut late deliveries to cafes from 9% to 3%", "Late deliveries", "9", "3"),
        "n",
    ]
    with piped(*keys):
        record = drafting.draft_objective(session, "sales", "new")
    assert record["id"] == "sales-bakery-cafes-call"
    assert [kr["id"] for kr in record["key_results"]] == [f"sales-bakery-cafes-call-kr{n}" for n in (1, 2, 3)]
    assert "wholesale" not in record["id"]


@pytest.mark.parametrize(
    ("title", "unit"),
    [
        ("Internationalisation of interoperability documentation everywhere", "sales"),
        ("Make customer onboarding straightforwardly delightful", "professional-services-emea"),
        ("Supercalifragilisticexpialidociousness unparalleled extraordinarily", "sales"),
    ],
)
def test_ids_are_cut_at_a_word_boundary(title: str, unit: str) -> None:
    objective_id = drafting.objective_id_for(title, unit)
    words = set(re.sub(r"[^a-z0-9]+", " ", title.lower()).split()) | set(unit.split("-")) | {"psc", "pse"}
    assert len(objective_id) <= drafting.session.ID_LENGTH
    parts = objective_id.split("-")
    prefix_parts = 1 if len(unit) > 12 else len(unit.split("-"))
    assert all(part in words for part in parts[prefix_parts:]), objective_id


def test_ctrl_c_keeps_the_objective_being_typed(make_ws: WorkspaceFactory) -> None:
    root = make_ws()
    ws = load(root)
    session = drafting.Session.open(root, ws, ws.cycles["2027-Q1"])
    keys = [
        "Answer every delivery question on the first call" + ENTER,
        ENTER,
        ENTER,
        *_kr("Raise first-call resolution from 60% to 80%", "First-call resolution", "60", "80"),
        "Cut repeat calls from 18% to 10%" + ENTER,
        "Repeat" + CTRL_C,  # halfway through the second key result
    ]
    with piped(*keys), pytest.raises(Aborted) as stopped:
        drafting.draft_objective(session, "sales", "new")
    message = stopped.value.message
    assert "kept as sales-answer-delivery-question with 2 key results" in message, message
    saved = load(root).objectives["sales-answer-delivery-question"]
    assert [kr.title for kr in saved.key_results] == [
        "Raise first-call resolution from 60% to 80%",
        "Cut repeat calls from 18% to 10%",
    ]
    assert session.saved == ["sales/sales-answer-delivery-question"]


def test_ctrl_c_before_a_title_says_nothing_was_kept(make_ws: WorkspaceFactory) -> None:
    root = make_ws()
    ws = load(root)
    session = drafting.Session.open(root, ws, ws.cycles["2027-Q1"])
    with piped("Half a tho" + CTRL_C), pytest.raises(Aborted) as stopped:
        drafting.draft_objective(session, "sales", "new")
    assert "had no title yet, so there was nothing to keep" in stopped.value.message
    assert session.saved == []


def test_saved_objectives_are_counted_once(make_ws: WorkspaceFactory) -> None:
    """Two objectives, one of them edited twice: two saved, not four."""
    root = make_ws()
    ws = load(root)
    session = drafting.Session.open(root, ws, ws.cycles["2027-Q1"])
    new = [
        "Answer every delivery question on the first call" + ENTER,
        ENTER,
        ENTER,
        *_kr("Raise first-call resolution from 60% to 80%", "First-call resolution", "60", "80"),
        ENTER,  # park it with one key result
    ]
    edit = [ENTER, ENTER, ENTER, *_keep_kr(), ENTER]
    with piped(*new, *edit, *edit):
        first = drafting.draft_objective(session, "sales", "new")
        drafting.draft_objective(session, "sales", "edit", session.objective(first["id"]))
        drafting.draft_objective(session, "sales", "edit", session.objective(first["id"]))
    with piped(ENTER, ENTER, ENTER, *_keep_kr(), ENTER):
        drafting.draft_objective(session, "sales", "edit", session.objective("sales-pipeline"))
    assert session.saved == [f"sales/{first['id']}", "sales/sales-pipeline"]


def test_an_objective_can_be_parked_with_two_key_results(make_ws: WorkspaceFactory) -> None:
    root = make_ws()
    ws = load(root)
    session = drafting.Session.open(root, ws, ws.cycles["2027-Q1"])
    keys = [
        "Answer every delivery question on the first call" + ENTER,
        ENTER,
        DOWN + ENTER,  # bottom-up
        *_kr("Raise first-call resolution from 60% to 80%", "First-call resolution", "60", "80"),
        *_kr("Cut repeat calls from 18% to 10%", "Repeat calls", "18", "10"),
        ENTER,  # an empty third key result: park it
    ]
    with piped(*keys):
        record = drafting.draft_objective(session, "sales", "new")
    saved = yaml.safe_load((root / "okrs/2027-Q1/sales.yaml").read_text())["objectives"]
    assert saved[-1]["id"] == record["id"] and len(saved[-1]["key_results"]) == 2
    assert saved[-1]["alignment"] == "bottom_up"
    load(root)  # still a valid workspace


def test_a_dissolved_unit_is_not_drafted(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    units = (make_ws() / "units.yaml").read_text() + (
        "  - {id: old-team, name: Old Team, kind: team, parent: sales, archived: 2026-12-01}\n"
    )
    root = make_ws(units_yaml=units)
    ws = load(root)
    session = drafting.Session.open(root, ws, ws.cycles["2027-Q1"])
    assert "old-team" not in [u.id for u in session.active_units()]
    answers = tmp_path / "draft.yaml"
    answers.write_text("units:\n  old-team:\n    - title: Keep the lights on\n")
    code, _out, err = call(["draft", "-w", str(root), "--answers", str(answers)], capsys)
    assert code == 2 and "old-team was archived on 2026-12-01, before 2027-Q1" in err
