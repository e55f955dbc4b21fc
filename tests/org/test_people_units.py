"""`rollout people …` and `rollout units …` (issue 15, part 2): validate first, never break a reference."""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.workspace import load
from tests.conftest import WorkspaceFactory
from tests.flows.conftest import call


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*.yaml"))}


def run(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    return call([*args, "-w", str(root)], capsys)


def test_people_add_rename_leave_and_list(make_ws: WorkspaceFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_ws()
    code, out, err = run(
        capsys, root, "people", "add", "Cy Dunn", "--email", "cy@mini.co", "--unit", "sales", "--manager", "ben"
    )
    assert code == 0 and "Added Cy Dunn as cy-dunn." in out, err
    assert run(capsys, root, "people", "rename", "cy-dunn", "Cy Dunn-Ito")[0] == 0
    code, out, err = run(capsys, root, "people", "leave", "ben", "--on", "2027-03-01")
    assert code == 2 and "Ben Okoro owns sales" in err and "--hand-over-to" in err
    code, out, err = run(capsys, root, "people", "leave", "ben", "--on", "2027-03-01", "--hand-over-to", "cy-dunn")
    assert code == 0 and "cy-dunn now owns sales" in out, err
    ws = load(root)
    assert ws.people["cy-dunn"].name == "Cy Dunn-Ito" and str(ws.people["ben"].left) == "2027-03-01"
    assert ws.units["sales"].owner == "cy-dunn"
    assert ws.objectives["sales-pipeline"].owner == "ben"  # history keeps naming ben
    code, out, _err = run(capsys, root, "people", "list")
    lines = out.splitlines()
    assert lines[0].split() == ["id", "name", "email", "unit", "title", "status"]
    assert not any(line.startswith("ben ") for line in lines) and "2 people" in out
    code, out, _err = run(capsys, root, "people", "list", "--all")
    assert "left 2027-03-01" in out and "3 people" in out


def test_deleting_what_history_names_is_refused(make_ws: WorkspaceFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_ws()
    before = snapshot(root)
    code, _out, err = run(capsys, root, "people", "remove", "ben")
    assert code == 2 and "okrs/2027-Q1/sales.yaml" in err and "checkins/2027-Q1/sales.yaml" in err
    assert "rollout people leave ben" in err
    code, _out, err = run(capsys, root, "units", "remove", "sales")
    assert code == 2 and "okrs/2027-Q1/sales.yaml" in err and "rollout units archive sales" in err
    assert snapshot(root) == before
    # what nothing names can go
    assert run(capsys, root, "people", "add", "Temp Person")[0] == 0
    assert run(capsys, root, "people", "remove", "temp-person")[0] == 0
    assert snapshot(root) == before


def test_units_add_rename_move_archive(make_ws: WorkspaceFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_ws()
    assert run(capsys, root, "units", "add", "Customer Success", "--parent", "mini", "--owner", "ana")[0] == 0
    assert run(capsys, root, "units", "add", "Onboarding", "--parent", "sales")[0] == 0
    code, out, err = run(capsys, root, "units", "move", "onboarding", "--to", "customer-success", "--on", "2027-04-01")
    assert code == 0 and "cycles before that still show it under sales" in out, err
    assert run(capsys, root, "units", "rename", "customer-success", "Customer Care")[0] == 0
    code, _out, err = run(capsys, root, "units", "archive", "customer-success", "--on", "2027-05-01")
    assert code == 2 and "onboarding still sits under customer-success" in err
    assert run(capsys, root, "units", "archive", "onboarding", "--on", "2027-05-01")[0] == 0
    ws = load(root)
    onboarding = ws.units["onboarding"]
    assert onboarding.parent == "customer-success" and onboarding.parent_on(ws.cycles["2027-Q1"].end) == "sales"
    assert str(onboarding.archived) == "2027-05-01" and ws.units["customer-success"].name == "Customer Care"
    code, out, _err = run(capsys, root, "units", "list", "--on", "2027-03-15")
    assert "    Onboarding" in out.split("  Sales")[1].split("  Customer Care")[0]  # under Sales in March
    code, out, _err = run(capsys, root, "units", "list", "--on", "2027-06-01")
    assert "Onboarding" not in out  # archived: only with --all
    code, out, _err = run(capsys, root, "units", "list", "--on", "2027-06-01", "--all")
    assert "archived 2027-05-01" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["units", "move", "sales", "--to", "mini"], "sales already sits under mini"),
        (["units", "move", "nowhere", "--to", "sales"], "unknown unit 'nowhere'"),
        (["units", "move", "salse", "--to", "mini"], "did you mean 'sales'?"),
        (["units", "add", "Sales", "--parent", "mini"], "sales is already called 'Sales'"),
        (["units", "add", "X", "--parent", "mini", "--owner", "ghost"], "unknown person 'ghost'"),
        (["units", "archive", "mini"], "the company unit cannot be archived"),
        (["people", "add", "Ana Lima", "--id", "ana"], "already a person with id 'ana'"),
        (["people", "add", "Zoe", "--unit", "nowhere"], "unknown unit 'nowhere'"),
        (["people", "add", "Zoe", "--email", "not-an-email"], "email"),
        (["people", "rename", "ghost", "Ghost"], "unknown person 'ghost'"),
        (["phases", "add", "--id", "p", "--name", "P", "--strategy", "broad", "--unit", "nowhere"], "unknown unit"),
    ],
)
def test_bad_changes_are_refused_and_change_nothing(
    make_ws: WorkspaceFactory, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    root = make_ws()
    before = snapshot(root)
    code, _out, err = run(capsys, root, *args)
    assert code == 2 and message in err and "Traceback" not in err, err
    assert snapshot(root) == before


def test_writes_keep_comments(make_ws: WorkspaceFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_ws(
        units_yaml="""
        # Our organization, kept by HR.
        units:
          - id: mini
            name: Mini Co   # legal name: Mini Company GmbH
            kind: company
            owner: ana
          - id: sales
            name: Sales
            kind: department
            parent: mini
            owner: ben
    """
    )
    assert run(capsys, root, "units", "rename", "sales", "Sales & Partnerships")[0] == 0
    text = (root / "units.yaml").read_text()
    assert "# Our organization, kept by HR." in text and "# legal name: Mini Company GmbH" in text
    assert "name: Sales & Partnerships" in text
