"""``rollout import`` on the sheets people really send (issue 14) and the spreadsheet edges of issue 13."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rollout.workspace import load
from tests.conftest import WorkspaceFactory
from tests.transfer.conftest import call, snapshot, xlsx

HEADER = ["cycle", "unit", "objective", "key_result", "direction", "baseline", "target", "unit_of_measure", "owner"]


def run(root: Path, sheet: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str]:
    return call(["import", str(sheet), "-w", str(root), *extra], capsys)


# --- 1. percent cells are read as Excel shows them --------------------------------------------


def test_percent_cells_import_as_shown(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_ws()
    sheet = xlsx(
        tmp_path / "okrs.xlsx",
        [
            HEADER,
            [
                "2027-Q1",
                "Sales",
                "Build a pipeline we can trust",
                "Raise win rate from 25% to 75%",
                "increase",
                0.25,
                0.75,
                None,
                "ben",
            ],
        ],
        {"F2": "0%", "G2": "0%"},
    )
    code, _out, err = run(root, sheet, capsys)
    assert code == 0, err
    kr = load(root).objectives["sales-pipeline"].key_results[-1]
    assert (kr.baseline, kr.target, kr.unit_of_measure) == (25, 75, "%")


def test_title_contradicting_baseline_and_target_warns(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_ws()
    sheet = tmp_path / "okrs.csv"
    sheet.write_text(
        ",".join(HEADER)
        + "\n2027-Q1,Sales,Build a pipeline we can trust,Raise win rate from 25% to 75%,increase,0.25,0.75,%,ben\n"
    )
    code, _out, err = run(root, sheet, capsys)
    assert code == 0
    assert "warning: okrs.csv:2:4: key_result: the title says 25, 75 but baseline/target are 0.25, 0.75" in err


# --- 2. formatted numbers and dates ---------------------------------------------------------------


def test_formatted_numbers_dates_title_row_and_cp1252(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_ws()
    sheet = tmp_path / "okrs.csv"
    text = (
        "Sales OKRs Q1 – Entwurf\n"
        "cycle;unit;objective;key_result;baseline;target;due\n"
        "2027-Q1;Sales;Build a pipeline we can trust;Grow deals from 1.000,5 to 2.000;1.000,5;2.000;31.03.2027\n"
        "2027-Q1;Sales;Build a pipeline we can trust;Raise Café visits from 20% to 30%;20%;30%;46477\n"
    )
    sheet.write_bytes(text.encode("cp1252"))
    code, _out, err = run(root, sheet, capsys)
    assert code == 0, err
    krs = load(root).objectives["sales-pipeline"].key_results
    assert (krs[-2].baseline, krs[-2].target, krs[-2].due) == (1000.5, 2000, date(2027, 3, 31))
    assert (krs[-1].title, krs[-1].baseline, krs[-1].unit_of_measure, krs[-1].due) == (
        "Raise Café visits from 20% to 30%",
        20,
        "%",
        date(2027, 3, 31),
    )


def test_thousands_in_a_comma_file(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_ws()
    sheet = tmp_path / "okrs.csv"
    sheet.write_text(
        'cycle,unit,objective,key_result,baseline,target\n2027-Q1,Sales,Build a pipeline we can trust,Leads,"1,000","2,500.5"\n'
    )
    assert run(root, sheet, capsys)[0] == 0
    kr = load(root).objectives["sales-pipeline"].key_results[-1]
    assert (kr.baseline, kr.target) == (1000, 2500.5)


def test_slashed_dates_need_an_order(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_ws()
    sheet = tmp_path / "okrs.csv"
    sheet.write_text(
        "cycle,unit,objective,key_result,due\n2027-Q1,Sales,Build a pipeline we can trust,Leads,05/06/2027\n"
    )
    before = snapshot(root)
    code, _out, err = run(root, sheet, capsys)
    assert code == 2 and "okrs.csv:2:5: due: '05/06/2027' could be day/month or month/day" in err
    assert "--date-format DD/MM/YYYY" in err and snapshot(root) == before
    assert run(root, sheet, capsys, "--date-format", "DD/MM/YYYY")[0] == 0
    assert load(root).objectives["sales-pipeline"].key_results[-1].due == date(2027, 6, 5)


def test_date_format_from_the_workspace(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_ws(
        rollout_yaml="version: 1\norganization: Mini Co\nas_of: 2027-02-15\nspreadsheets:\n  date_format: MM/DD/YYYY\n"
    )
    sheet = tmp_path / "okrs.csv"
    sheet.write_text(
        "cycle,unit,objective,key_result,due\n2027-Q1,Sales,Build a pipeline we can trust,Leads,03/04/2027\n"
    )
    assert run(root, sheet, capsys)[0] == 0
    assert load(root).objectives["sales-pipeline"].key_results[-1].due == date(2027, 3, 4)


# --- 3. header synonyms ------------------------------------------------------------------------------


def test_header_synonyms(make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_ws()
    sheet = tmp_path / "okrs.csv"
    sheet.write_text(
        "Cycle,Team,Objective,Key result,Unit of measure,Start value,Target value,KR Owner\n"
        "2027-Q1,Sales,Build a pipeline we can trust,Leads from 3 to 9,leads,3,9,Ben Okoro\n"
    )
    code, _out, err = run(root, sheet, capsys)
    assert code == 0, err
    kr = load(root).objectives["sales-pipeline"].key_results[-1]
    assert (kr.unit_of_measure, kr.baseline, kr.target, kr.owner) == ("leads", 3, 9, "ben")


def test_unknown_header_suggests(make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "okrs.csv"
    sheet.write_text("cycle,unit,objective,key reslt\n2027-Q1,Sales,X,Y\n")
    code, _out, err = run(make_ws(), sheet, capsys)
    assert code == 2 and "unknown column 'key reslt' (did you mean 'key_result'?)" in err


# --- 4. typos never create units or people --------------------------------------------------------------


def test_close_names_are_errors_and_dry_run_names_new_records(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_ws()
    before = snapshot(root)
    sheet = tmp_path / "okrs.csv"
    sheet.write_text(
        "cycle,unit,parent_unit,objective,key_result,owner\n"
        "2027-Q1,Saless,,Win,Leads,Ben Okoro\n"
        "2027-Q1,Sales,,Win,Deals,Ben Okor\n"
        "2027-Q1,Sales,,Win,Calls,  ben   okoro \n"
        "2027-Q1,Bread Line,Sales,Bake,Loaves,Omar Haddad\n"
        "2027-Q1,Bread Line,Sales,Bake,Rolls,Omar Hadad\n"
    )
    code, _out, err = run(root, sheet, capsys)
    assert code == 2
    assert "okrs.csv:2:2: unit: unknown unit 'Saless': did you mean 'Sales'?" in err
    assert "okrs.csv:3:6: owner: unknown person 'Ben Okor': did you mean 'Ben Okoro'?" in err
    assert "okrs.csv:6:6: owner: unknown person 'Omar Hadad': did you mean 'Omar Haddad'?" in err
    assert snapshot(root) == before
    sheet.write_text(
        sheet.read_text().replace("Saless", "Sales").replace("Ben Okor\n", "Ben Okoro\n").replace("Hadad\n", "Haddad\n")
    )
    code, out, err = run(root, sheet, capsys, "--dry-run")
    assert code == 0, err
    assert (
        "new unit: Bread Line (team of Sales, id bread-line)" in out
        and "new person: Omar Haddad (id omar-haddad)" in out
    )
    assert snapshot(root) == before


def test_new_unit_needs_its_parent(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_ws()
    sheet = tmp_path / "okrs.csv"
    sheet.write_text(
        "cycle,unit,objective,key_result\n2027-Q1,Logistics,Ship faster,Cut lead time\n2027-Q1,Logistics,Ship faster,More trucks\n"
    )
    code, _out, err = run(root, sheet, capsys)
    assert code == 2 and "unknown unit 'Logistics'; give its parent in a parent_unit column" in err
    assert "(also row 3)" in err and err.count("unknown unit") == 1  # one root cause, one error
    assert run(root, sheet, capsys, "--create-units")[0] == 0
    assert load(root).units["logistics"].parent == "mini"


def test_names_that_collide_as_ids_are_refused_naming_both_rows(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "okrs.csv"
    sheet.write_text(
        "cycle,unit,parent_unit,objective,key_result\n"
        "2027-Q1,Team A,Sales,X,Y\n2027-Q1,Team-A,Sales,X,Y\n2027-Q1,team_a!,Sales,X,Y\n"
    )
    code, _out, err = run(make_ws(), sheet, capsys, "--allow-new", "Team-A", "--allow-new", "team_a!")
    assert code == 2 and "'Team-A' and 'Team A' (row 2) would both get the id team-a" in err


@pytest.mark.parametrize("name", ["CON", "Index", "Assets", "packs"])
def test_reserved_unit_names_get_a_safe_id(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    root = make_ws()
    sheet = tmp_path / "okrs.csv"
    sheet.write_text(f"cycle,unit,parent_unit,objective,key_result\n2027-Q1,{name},Sales,Ship faster,Cut lead time\n")
    code, _out, err = run(root, sheet, capsys)
    assert code == 0, err
    unit = next(u for u in load(root).units.values() if u.name == name)
    assert unit.id == f"{name.lower()}-team"


# --- 5. a parent is never the objective itself ------------------------------------------------------------


def test_parent_is_looked_up_in_units_above_never_itself(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_ws()
    sheet = tmp_path / "okrs.csv"
    sheet.write_text(
        "cycle,unit,objective,parent_objective,key_result\n"
        "2027-Q2,Sales,Grow the mid-market,Grow the mid-market,Win 10 deals\n"  # department first, same title as its parent
        "2027-Q2,Mini Co,Grow the mid-market,,Reach 5 MEUR\n"
    )
    code, _out, err = run(root, sheet, capsys)
    assert code == 0, err
    ws = load(root)
    [sales] = ws.objectives_in("2027-Q2", "sales")
    [company] = ws.objectives_in("2027-Q2", "mini")
    assert sales.parent == company.id != sales.id


def test_parent_from_a_unit_not_above_and_ambiguous_titles(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_ws()
    sheet = tmp_path / "okrs.csv"
    sheet.write_text(
        "cycle,unit,parent_unit,objective,parent_objective,key_result\n"
        "2027-Q2,Support,Mini Co,Answer fast,,Cut wait\n"
        "2027-Q2,Sales,,Sell more,Answer fast,Win deals\n"
    )
    code, _out, err = run(root, sheet, capsys)
    assert code == 2 and "'Answer fast' is an objective of Support, which is not above Sales" in err
    sheet.write_text(
        "cycle,unit,parent_unit,objective,parent_objective,key_result\n"
        "2027-Q2,Mini Co,,Grow,,A\n2027-Q2,Sales,,Grow,,B\n2027-Q2,Inside Sales,Sales,Call more,Grow,C\n"
    )
    code, _out, err = run(root, sheet, capsys)
    assert code == 2 and "'Grow' is the title of objectives in Sales, Mini Co; write the id" in err


# --- 6. every column, and objective owners never taken from key results ------------------------------------


def test_all_columns_and_agreeing_objective_rows(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_ws()
    sheet = tmp_path / "okrs.csv"
    sheet.write_text(
        "cycle,unit,objective,objective_owner,alignment,contributors,key_result,owner,weight,health_metric\n"
        "2027-Q1,Sales,Keep customers,Ana Lima,bottom-up,Mini Co,Keep churn under 2%,ben,3,yes\n"
        "2027-Q1,Sales,Keep customers,Ana Lima,bottom-up,Mini Co,Win back 5 accounts,ben,1,no\n"
        "2027-Q1,Sales,Keep customers,Ben Okoro,bottom-up,Mini Co,Third,ben,,\n"
    )
    code, _out, err = run(root, sheet, capsys)
    assert code == 2 and "okrs.csv:4:4: objective_owner: differs from row 2 of the same objective ('ana')" in err
    sheet.write_text("\n".join(sheet.read_text().splitlines()[:3]) + "\n")
    assert run(root, sheet, capsys)[0] == 0
    [objective] = [o for o in load(root).objectives_in("2027-Q1", "sales") if o.title == "Keep customers"]
    assert (objective.owner, objective.alignment, objective.contributors) == ("ana", "bottom_up", ["mini"])
    assert [(k.weight, k.health_metric) for k in objective.key_results] == [(3, True), (1, False)]


# --- 9. objectives without key results ------------------------------------------------------------------------


def test_objective_only_rows(make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_ws()
    sheet = tmp_path / "okrs.csv"
    sheet.write_text(
        "cycle,unit,objective,parent_objective,key_result,owner\n"
        "2027-Q2,Mini Co,Be the engine of code intelligence,,,Ana Lima\n"
        "2027-Q2,Sales,Sell the engine,Be the engine of code intelligence,Win 10 deals,ben\n"
        "2027-Q2,Sales,Sell the engine,,,\n"
    )
    code, _out, err = run(root, sheet, capsys)
    assert code == 0, err
    ws = load(root)
    [top] = ws.objectives_in("2027-Q2", "mini")
    assert top.key_results == [] and top.owner == "ana"
    assert ws.objectives_in("2027-Q2", "sales")[0].parent == top.id
    sheet.write_text("cycle,unit,objective,key_result,target\n2027-Q2,Sales,X,,5\n")
    code, _out, err = run(root, sheet, capsys)
    assert code == 2 and "target: a value for a key result, but the key_result cell is empty" in err


# --- issue 13: formula cells, long cells, broken files, all-or-nothing ------------------------------------------


def test_formula_cell_without_a_stored_value_names_the_cell(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_ws()
    sheet = xlsx(
        tmp_path / "okrs.xlsx",
        [HEADER, ["2027-Q1", "Sales", "Build a pipeline we can trust", "Leads", "increase", "=2*5", 20, None, "ben"]],
    )
    code, _out, err = run(root, sheet, capsys)
    assert code == 2 and "okrs.xlsx:2:6: OKRs!F2 baseline: formula =2*5 has no stored result" in err


def test_long_cells_and_broken_xlsx_are_clean_errors(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_ws()
    before = snapshot(root)
    sheet = tmp_path / "long.csv"
    sheet.write_text('cycle,unit,objective,key_result\n2027-Q1,Sales,"' + "x" * 140_000 + '",y\n')
    code, _out, err = run(root, sheet, capsys)
    assert code == 2 and "a cell is longer than 131,072 characters" in err
    sheet.write_text("cycle,unit,objective,key_result\n2027-Q1,Sales," + "x" * 3000 + ",y\n")
    code, _out, err = run(root, sheet, capsys)
    assert code == 2 and "long.csv:2:3: objective: too long: 3000 characters, at most 300" in err
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(xlsx(tmp_path / "ok.xlsx", [HEADER]).read_bytes()[:300])
    code, _out, err = run(root, broken, capsys)
    assert code == 2 and "cannot read as XLSX" in err
    assert snapshot(root) == before


def test_a_refused_row_writes_nothing_even_with_new_cycles_units_and_people(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_ws()
    before = snapshot(root)
    sheet = tmp_path / "okrs.csv"
    sheet.write_text(
        "cycle,unit,parent_unit,objective,key_result,owner\n"
        "2027-Q2,Logistics,Mini Co,Ship,Trucks,Con Air\n"
        f"2027-Q2,Logistics,Mini Co,{'t' * 3000},Y,Con Air\n"
    )
    code, _out, err = run(root, sheet, capsys)
    assert code == 2 and "okrs.csv:3:4: objective:" in err and "nothing was changed" in err
    assert snapshot(root) == before


def test_import_is_undone_when_the_workspace_would_not_load(
    make_ws: WorkspaceFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rollout.errors import LoadError, Problem
    from rollout.transfer import ImportOptions, apply_import, applying, plan_import, read_rows

    root = make_ws()
    before = snapshot(root)
    sheet = tmp_path / "okrs.csv"
    sheet.write_text(
        "cycle,unit,parent_unit,objective,key_result,owner\n2027-Q2,Logistics,Mini Co,Ship,Trucks,Cy Young\n"
    )
    ws = load(root)
    plan = plan_import(ws, read_rows(sheet), ImportOptions())

    def fails(_root: Path) -> None:
        raise LoadError([Problem("units.yaml", 1, 1, "", "simulated")])

    monkeypatch.setattr(applying, "_load", fails)
    with pytest.raises(LoadError):
        apply_import(ws, plan)
    assert snapshot(root) == before


def test_relative_workspace_and_sheet_paths(
    make_ws: WorkspaceFactory, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_ws()
    monkeypatch.chdir(root.parent)
    Path("okrs.csv").write_text("cycle,unit,parent_unit,objective,key_result\n2027-Q2,Logistics,Mini Co,Ship,Trucks\n")
    code, _out, err = call(["import", "okrs.csv", "-w", root.name], capsys)
    assert code == 0, err
    Path("week.csv").write_text("kr,value,date\nsales-pipeline-kr1,2.6,2027-02-10\n")
    code, _out, err = call(["checkin", "--csv", "week.csv", "-w", root.name], capsys)
    assert code == 0, err
    assert call(["export", "-w", root.name, "-o", "out.xlsx"], capsys)[0] == 0
    assert not list(root.rglob(".*.tmp")) and "logistics" in load(root).units
