"""`rollout org import/export` on HRIS-shaped exports (issue 15, part 1)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rollout.workspace import load
from tests.flows.conftest import call
from tests.org.conftest import APRIL, APRIL_HEADER, JANUARY, JANUARY_HEADER, write_csv, write_xlsx


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*.yaml"))}


def test_first_import_creates_units_people_and_owners(
    org_ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = write_xlsx(tmp_path / "people.xlsx", JANUARY_HEADER, JANUARY, title="People export, 2 January 2027")
    code, out, err = call(["org", "import", str(sheet), "-w", str(org_ws)], capsys)
    assert code == 0, err
    ws = load(org_ws)
    assert [(u.id, u.kind, u.parent, u.owner) for u in ws.units.values()] == [
        ("larkspur", "company", None, "maya-chen"),
        ("leadership", "department", "larkspur", "maya-chen"),
        ("sales", "department", "larkspur", "tom-ruiz"),  # most senior of Sales by the manager chain
        ("field-sales", "team", "sales", "ana-lima"),  # the team's lead
        ("customer-success", "department", "larkspur", "cy-dunn"),
        ("onboarding", "team", "customer-success", "di-evans"),
    ]
    bo = ws.people["bo-park"]
    assert (bo.email, bo.unit, bo.manager, bo.title) == ("bo@lark.io", "field-sales", "ana-lima", "Account executive")
    assert "added team Onboarding (under Customer Success)" in out


def test_reimporting_the_same_file_changes_nothing(
    org_ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = write_csv(tmp_path / "people.csv", JANUARY_HEADER, JANUARY)
    assert call(["org", "import", str(sheet), "-w", str(org_ws)], capsys)[0] == 0
    before = snapshot(org_ws)
    code, out, _err = call(["org", "import", str(sheet), "-w", str(org_ws)], capsys)
    assert code == 0 and "Nothing to change" in out
    assert snapshot(org_ws) == before


def test_dry_run_lists_every_change_by_name_and_writes_nothing(
    org_ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        call(
            ["org", "import", str(write_csv(tmp_path / "jan.csv", JANUARY_HEADER, JANUARY)), "-w", str(org_ws)], capsys
        )[0]
        == 0
    )
    before = snapshot(org_ws)
    april = write_csv(tmp_path / "apr.csv", APRIL_HEADER, APRIL, delimiter=";")
    code, out, err = call(
        ["org", "import", str(april), "-w", str(org_ws), "--dry-run", "--mark-left", "--on", "2027-04-01"], capsys
    )
    assert code == 0, err
    assert snapshot(org_ws) == before
    assert "would move team Onboarding from Customer Success to Sales on 2027-04-01" in out
    assert "would change Ana Lima-Souza (ana-lima): renamed Ana Lima → Ana Lima-Souza" in out
    assert "would change Di Evans (di-evans): manager Cy Dunn → Tom Ruiz" in out
    assert "would mark Bo Park (bo-park) as left on 2027-04-01" in out
    assert "Dry run: nothing was written" in out


def test_newer_export_renames_moves_and_marks_left(
    org_ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        call(
            ["org", "import", str(write_csv(tmp_path / "jan.csv", JANUARY_HEADER, JANUARY)), "-w", str(org_ws)], capsys
        )[0]
        == 0
    )
    april = write_csv(tmp_path / "apr.csv", APRIL_HEADER, APRIL, delimiter=";")
    code, out, err = call(["org", "import", str(april), "-w", str(org_ws), "--on", "2027-04-01"], capsys)
    assert code == 0, err
    assert "not in the export: Bo Park (bo-park); --mark-left marks them as left" in out
    ws = load(org_ws)
    assert ws.people["ana-lima"].name == "Ana Lima-Souza"  # matched by email: the id stays
    assert ws.people["bo-park"].left is None  # only reported without --mark-left
    onboarding = ws.units["onboarding"]
    assert onboarding.parent == "sales"
    assert [(f.unit, str(f.until)) for f in onboarding.former_parents] == [("customer-success", "2027-03-31")]
    code, out, _err = call(
        ["org", "import", str(april), "-w", str(org_ws), "--on", "2027-04-01", "--mark-left"], capsys
    )
    assert code == 0 and "marked Bo Park (bo-park) as left on 2027-04-01" in out
    assert str(load(org_ws).people["bo-park"].left) == "2027-04-01"
    assert "bo-park" in (org_ws / "people.yaml").read_text()  # never deleted


def test_a_left_owner_is_replaced_and_overrides_win(
    org_ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        call(
            ["org", "import", str(write_csv(tmp_path / "jan.csv", JANUARY_HEADER, JANUARY)), "-w", str(org_ws)], capsys
        )[0]
        == 0
    )
    without_ana = [r for r in JANUARY if r[0] != "Ana Lima"]
    without_ana = [[*r[:5], "tom@lark.io" if r[5] == "ana@lark.io" else r[5], r[6]] for r in without_ana]
    sheet = write_csv(tmp_path / "feb.csv", JANUARY_HEADER, without_ana)
    code, out, err = call(
        ["org", "import", str(sheet), "-w", str(org_ws), "--mark-left", "--owner", "Customer Success=ed@lark.io"],
        capsys,
    )
    assert code == 0, err
    ws = load(org_ws)
    assert ws.units["field-sales"].owner == "bo-park"  # Ana left: the team's remaining lead takes over
    assert ws.units["customer-success"].owner == "ed-fox"  # the override
    assert "made Ed Fox owner of Customer Success (was Cy Dunn)" in out


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["Zed Zane", "zed@lark.io", "Sales", "", "Rep", "Nobody Known"]], "no person 'Nobody Known' in the export"),
        ([["Zed Zane", "not-an-email", "Sales", "", "Rep", ""]], "'not-an-email' is not an email address"),
        ([["Zed Zane", "zed@lark.io", "", "Field Sales", "Rep", ""]], "team 'Field Sales' needs a department"),
        ([["Zed Zane", "zed@lark.io", "Custmer Success", "", "Rep", ""]], "did you mean 'Customer Success'?"),
        ([["Zed Zane", "tom@lark.io", "Sales", "", "Rep", ""]], "tom@lark.io is also on row"),
    ],
)
def test_bad_rows_name_row_and_column_and_change_nothing(
    org_ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: list[list[str]], message: str
) -> None:
    assert (
        call(
            ["org", "import", str(write_csv(tmp_path / "jan.csv", JANUARY_HEADER, JANUARY)), "-w", str(org_ws)], capsys
        )[0]
        == 0
    )
    before = snapshot(org_ws)
    header = JANUARY_HEADER[:6]
    sheet = write_csv(tmp_path / "bad.csv", header, [r[:6] for r in JANUARY] + rows)
    code, _out, err = call(["org", "import", str(sheet), "-w", str(org_ws)], capsys)
    assert code == 2 and message in err, err
    assert "bad.csv:9:" in err and "Traceback" not in err
    assert snapshot(org_ws) == before


def test_export_writes_the_shape_import_reads(org_ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        call(
            ["org", "import", str(write_csv(tmp_path / "jan.csv", JANUARY_HEADER, JANUARY)), "-w", str(org_ws)], capsys
        )[0]
        == 0
    )
    for name in ("out.csv", "out.xlsx"):
        out_file = tmp_path / name
        code, out, err = call(["org", "export", str(out_file), "-w", str(org_ws)], capsys)
        assert code == 0 and "Wrote 7 people" in out, err
        # the same workspace: nothing changes
        code, out, _err = call(["org", "import", str(out_file), "-w", str(org_ws)], capsys)
        assert code == 0 and "Nothing to change" in out, out
    # a new workspace gets the same organization
    from datetime import date

    from rollout.workspace.create import create_workspace

    other = tmp_path / "other"
    create_workspace(other, "Larkspur", "2027-Q1", date(2027, 1, 1), date(2027, 3, 31), company_id="larkspur")
    assert call(["org", "import", str(tmp_path / "out.xlsx"), "-w", str(other)], capsys)[0] == 0
    assert (other / "units.yaml").read_text().split("units:")[1] == (org_ws / "units.yaml").read_text().split("units:")[
        1
    ]
    assert yaml.safe_load((other / "people.yaml").read_text()) == yaml.safe_load((org_ws / "people.yaml").read_text())


def test_export_refuses_to_write_into_workspace_data(org_ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = call(["org", "export", str(org_ws / "people.csv"), "-w", str(org_ws)], capsys)
    assert code == 2 and "inside the workspace" in err


def test_managers_in_a_loop_are_named_by_row(org_ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [
        ["Ann A", "ann@x.io", "Sales", "", "Lead", "bob@x.io"],
        ["Bob B", "bob@x.io", "Sales", "", "Lead", "ann@x.io"],
    ]
    sheet = write_csv(tmp_path / "loop.csv", JANUARY_HEADER[:6], rows)
    code, _out, err = call(["org", "import", str(sheet), "-w", str(org_ws)], capsys)
    assert code == 2 and "loop.csv:2:6: Reports To: managers form a loop: Ann A → Bob B → Ann A" in err, err


def test_a_person_added_by_hand_is_matched_by_name(
    org_ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert call(["people", "add", "Maya Chen", "--id", "maya", "-w", str(org_ws)], capsys)[0] == 0
    sheet = write_csv(tmp_path / "jan.csv", JANUARY_HEADER, JANUARY)
    code, out, err = call(["org", "import", str(sheet), "-w", str(org_ws)], capsys)
    assert code == 0, err
    ws = load(org_ws)
    assert ws.people["maya"].email == "maya@lark.io" and "maya-chen" not in ws.people
    assert ws.people["tom-ruiz"].manager == "maya"
    assert "changed Maya Chen (maya): email – → maya@lark.io" in out


def test_first_and_last_name_and_manager_email_columns(
    org_ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = [
        "First name",
        "Last name",
        "Email address",
        "Dept",
        "Sub-department",
        "Job title",
        "Manager email",
        "Unit owner",
    ]
    rows = [
        ["Maya", "Chen", "maya@lark.io", "Leadership", "", "CEO", "", ""],
        ["Tom", "Ruiz", "tom@lark.io", "Sales", "", "VP Sales", "maya@lark.io", ""],
        ["Ana", "Lima", "ana@lark.io", "Sales", "Field Sales", "Rep", "tom@lark.io", ""],
        ["Bo", "Park", "bo@lark.io", "Sales", "Field Sales", "Team lead", "tom@lark.io", "yes"],
    ]
    sheet = write_xlsx(tmp_path / "hris.xlsx", header, rows)
    code, _out, err = call(["org", "import", str(sheet), "-w", str(org_ws)], capsys)
    assert code == 0, err
    ws = load(org_ws)
    assert ws.people["ana-lima"].manager == "tom-ruiz" and ws.people["ana-lima"].unit == "field-sales"
    assert ws.units["field-sales"].owner == "bo-park"  # the owner column wins over the manager chain
