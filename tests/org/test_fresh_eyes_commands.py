"""The everyday organization commands as a new HR lead types them from the help (brief t15).

Each test failed before its fix: a unit created before its owner could never get one,
unknown ids gave no usable hint, tables broke on wide characters and very long names,
and a unit could be archived before the day it moved.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.cli.org_cmds import table
from rollout.workspace import load
from tests.flows.conftest import call


def run(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    return call([*args, "-w", str(root)], capsys)


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*.yaml"))}


def test_a_unit_made_before_its_owner_gets_one(org_ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The order the help suggests on an empty workspace: the unit, then its people, then the owner.
    assert run(capsys, org_ws, "units", "add", "Customer Success", "--parent", "larkspur")[0] == 0
    assert run(capsys, org_ws, "people", "add", "Ana Lima", "--unit", "customer-success")[0] == 0
    code, out, err = run(capsys, org_ws, "units", "set-owner", "customer-success", "ana-lima")
    assert code == 0 and "ana-lima now owns customer-success." in out, err
    assert load(org_ws).units["customer-success"].owner == "ana-lima"
    assert run(capsys, org_ws, "people", "add", "Bo Park", "--unit", "customer-success")[0] == 0
    code, out, _err = run(capsys, org_ws, "units", "set-owner", "customer-success", "bo-park")
    assert "(was ana-lima)" in out
    text = (org_ws / "units.yaml").read_text()
    assert "parent: larkspur\n    owner: bo-park" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["units", "set-owner", "customer-success", "ghost"], "unknown person 'ghost'"),
        (["units", "set-owner", "nowhere", "ana-lima"], "unknown unit 'nowhere'"),
        (["units", "set-owner", "customer-success", "ana-lima"], "Ana Lima already owns Customer Success"),
        (["units", "set-owner", "customer-success", "bo-park"], "Bo Park left on 2027-02-01"),
        # "acme" for "acme-freight" is too short for difflib: the only id it starts is named
        (["units", "add", "X", "--parent", "lark"], "did you mean 'larkspur'?"),
        # a small organization: every id is listed instead of a command to run
        (["people", "add", "Cy", "--unit", "sales"], "hint: known: larkspur, customer-success"),
        (["people", "add", "Cy", "--manager", "ana"], "did you mean 'ana-lima' (Ana Lima)?"),
        (["units", "move", "onboarding", "--to", "onboarding"], "onboarding cannot move under itself"),
    ],
)
def test_refusals_give_a_hint_and_change_nothing(
    org_ws: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert run(capsys, org_ws, "units", "add", "Customer Success", "--parent", "larkspur")[0] == 0
    assert run(capsys, org_ws, "people", "add", "Ana Lima", "--unit", "customer-success")[0] == 0
    assert run(capsys, org_ws, "people", "add", "Bo Park")[0] == 0
    assert run(capsys, org_ws, "units", "set-owner", "customer-success", "ana-lima")[0] == 0
    assert run(capsys, org_ws, "people", "leave", "bo-park", "--on", "2027-02-01")[0] == 0
    assert run(capsys, org_ws, "units", "add", "Onboarding", "--parent", "customer-success")[0] == 0
    before = snapshot(org_ws)
    code, _out, err = run(capsys, org_ws, *args)
    assert code == 2 and message in err and "Traceback" not in err, err
    assert snapshot(org_ws) == before


def test_tables_align_wide_characters_and_cut_long_names() -> None:
    text = table(["id", "name", "status"], [["li-lei", "李雷", "active"], ["x", "X" * 300, "active"]])
    lines = text.splitlines()
    # 李雷 takes four terminal columns: "active" starts in the same column on every row
    from wcwidth import wcswidth

    starts = {wcswidth(line[: line.index("active")]) for line in lines[2:]}
    assert len(starts) == 1
    assert "X" * 39 + "…" in lines[3] and "X" * 41 not in lines[3]


def test_a_unit_cannot_be_archived_before_it_moved(org_ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("Sales", "Support"):
        assert run(capsys, org_ws, "units", "add", name, "--parent", "larkspur")[0] == 0
    assert run(capsys, org_ws, "units", "add", "Onboarding", "--parent", "sales")[0] == 0
    assert run(capsys, org_ws, "units", "move", "onboarding", "--to", "support", "--on", "2027-04-01")[0] == 0
    before = snapshot(org_ws)
    code, _out, err = run(capsys, org_ws, "units", "archive", "onboarding", "--on", "2027-01-15")
    assert code == 2 and "onboarding moved under support on 2027-04-01; archive it on or after that day" in err
    assert snapshot(org_ws) == before
    assert run(capsys, org_ws, "units", "archive", "onboarding", "--on", "2027-04-01")[0] == 0


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (
            "archived: 2027-02-01",
            "units.yaml:13:5: units[3].archived: archived on 2027-02-01, on or before 2027-03-31, "
            "a day it still sat under 'sales'",
        ),
        (
            "since: 2027-06-01",
            "units.yaml:12:36: units[3].former_parents[0].until: former_parents reach back to 2027-03-31, "
            "before it was set up on 2027-06-01",
        ),
    ],
)
def test_hand_edited_dates_out_of_order_are_named(
    org_ws: Path, capsys: pytest.CaptureFixture[str], dates: str, message: str
) -> None:
    units = org_ws / "units.yaml"
    units.write_text(
        units.read_text()
        + "  - {id: sales, name: Sales, kind: department, parent: larkspur}\n"
        + "  - {id: ops, name: Ops, kind: department, parent: larkspur}\n"
        + "  - id: onboarding\n    name: Onboarding\n    kind: team\n    parent: ops\n"
        + f"    former_parents: [{{unit: sales, until: 2027-03-31}}]\n    {dates}\n"
    )
    code, _out, err = call(["validate", str(org_ws)], capsys)
    assert code == 2 and "Traceback" not in err
    assert message in err, err
    assert "1 problem in the workspace" in err  # one problem, not a cascade of unknown units


def test_status_aligns_wide_unit_names_and_marks_a_cut() -> None:
    from rollout.flows.status import render_status
    from rollout.textwidth import width

    def unit(name: str, level: int) -> dict[str, object]:
        return {"unit": name, "name": name, "level": level, "score": 0.5, "status": "on_track", "key_results": 3, "measured": 3, "stale": [],
                "missing_checkins": [], "checkins_done": 2, "checkins_expected": 2}  # fmt: skip

    data = {"organization": "Acme", "cycle": "2027-Q1", "as_of": "2027-02-15", "elapsed": 0.5,
            "company_score": 0.5, "checkins_done": 6, "checkins_expected": 6, "checkins_rate": 1.0,
            "units": [unit("Acme", 0), unit("销售部", 1), unit("Customer Success " * 4, 1)]}  # fmt: skip
    lines = render_status(data, color=False).splitlines()[4:]
    # the score column starts at the same terminal column on every row (was two off for 销售部)
    assert len({width(line[: line.index("0.5")]) for line in lines}) == 1, lines
    assert "…" in lines[2]  # a long name is cut visibly (was cut silently)


def test_typed_names_are_stored_on_one_line_with_single_spaces(
    org_ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Was stored as typed: a pasted line break became a two-line YAML block, and spaces stayed doubled.
    code, out, _err = run(capsys, org_ws, "people", "add", "  Zoë   Müller\n")
    assert code == 0 and "Added Zoë Müller as zoe-muller." in out
    assert run(capsys, org_ws, "people", "rename", "zoe-muller", "Zoë\nMüller-Roth ")[0] == 0
    assert run(capsys, org_ws, "units", "add", " Customer\tSuccess ", "--parent", "larkspur")[0] == 0
    assert run(capsys, org_ws, "units", "rename", "customer-success", "Customer\n Care")[0] == 0
    ws = load(org_ws)
    assert ws.people["zoe-muller"].name == "Zoë Müller-Roth" and ws.units["customer-success"].name == "Customer Care"
    assert "|" not in (org_ws / "people.yaml").read_text()


def test_organization_and_phase_names_are_cleaned_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "ws"
    code, _out, err = call(["init", str(root), "--organization", " Acme\n Freight ", "--cycle", "2027-Q1"], capsys)
    assert code == 0, err
    assert load(root).units["acme-freight"].name == "Acme Freight"
    args = ["phases", "add", "--id", "pilot", "--name", "Leadership\npilot", "--strategy", "leadership-first"]
    assert run(capsys, root, *args, "--unit", "acme-freight")[0] == 0
    assert load(root).phases["pilot"].name == "Leadership pilot"


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        ("2027-13-01", "'2027-13-01' is not a day: month must be in 1..12"),
        ("2027-02-30", "'2027-02-30' is not a day: day is out of range for month"),
        ("1/4/2027", "'1/4/2027' is not a day: use YYYY-MM-DD, e.g. 2027-04-01"),
    ],
)
def test_a_wrong_day_says_why_in_words(org_ws: Path, capsys: pytest.CaptureFixture[str], day: str, reason: str) -> None:
    # Was "does not match the format '%Y-%m-%d'", and the help showed "--on [%Y-%m-%d]".
    assert run(capsys, org_ws, "people", "add", "Bo Park")[0] == 0
    before = snapshot(org_ws)
    code, _out, err = run(capsys, org_ws, "people", "leave", "bo-park", "--on", day)
    assert code == 2 and reason in err and "%Y" not in err
    assert snapshot(org_ws) == before
    code, out, _err = call(["people", "leave", "--help"], capsys)
    assert "--on YYYY-MM-DD" in out and "%Y" not in out
    assert run(capsys, org_ws, "people", "leave", "bo-park", "--on", "2027-04-01")[0] == 0
    assert str(load(org_ws).people["bo-park"].left) == "2027-04-01"


def test_a_unit_cannot_move_before_it_was_set_up(org_ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("Sales", "Care"):
        assert run(capsys, org_ws, "units", "add", name, "--parent", "larkspur")[0] == 0
    assert run(capsys, org_ws, "units", "add", "Onboarding", "--parent", "sales", "--since", "2027-03-01")[0] == 0
    before = snapshot(org_ws)
    code, _out, err = run(capsys, org_ws, "units", "move", "onboarding", "--to", "care", "--on", "2027-02-01")
    # was the validator's "former_parents reach back to 2027-01-31, before it was set up on 2027-03-01"
    assert code == 2 and "onboarding was set up on 2027-03-01; move it on a later day (--on)" in err
    assert snapshot(org_ws) == before


def test_reserved_names_typed_on_the_command_line_get_their_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "ws"
    assert call(["init", str(root), "--organization", "Index", "--cycle", "2027-Q1"], capsys)[0] == 0
    assert run(capsys, root, "units", "add", "Assets", "--parent", "index-company")[0] == 0
    code, out, err = run(capsys, root, "people", "add", "Con", "--unit", "assets-department")
    assert code == 0 and "Added Con as con-person." in out, err
    assert list(load(root).units) == ["index-company", "assets-department"]
