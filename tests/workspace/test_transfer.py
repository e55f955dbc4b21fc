"""Import and export of OKRs as spreadsheets (CSV and XLSX)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.errors import LoadError
from rollout.tabular import write_sheet
from rollout.transfer import ImportOptions, apply_import, export_rows, plan_import, read_rows
from rollout.transfer.columns import EXPORT_ONLY, EXPORT_ORDER
from rollout.workspace import load
from tests.conftest import WorkspaceFactory

HEADER = "cycle,unit,objective,parent_objective,key_result,metric,direction,baseline,target,unit_of_measure,owner,due\n"


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def run_import(root: Path, path: Path, **options: object) -> None:
    ws = load(root)
    apply_import(ws, plan_import(ws, read_rows(path), ImportOptions(**options)))  # type: ignore[arg-type]


def test_csv_import_creates_units_people_and_objectives(make_ws: WorkspaceFactory, tmp_path: Path) -> None:
    root = make_ws()
    sheet = tmp_path / "okrs.csv"
    sheet.write_text(
        HEADER + "2027-Q1,Support,Answer faster,Become the supplier mid-market buyers recommend,"
        "Cut first response time from 9 to 4 hours,First response time,decrease,9,4,hours,Carla Diaz,2027-03-31\n"
        "2027-Q1,Support,Answer faster,,Raise CSAT from 78% to 86%,CSAT,increase,78,86,%,Carla Diaz,\n"
        "2027-Q2,Sales,Open the Nordics,,Win 12 Nordic accounts,,increase,0,12,accounts,ben,\n",
        encoding="utf-8-sig",  # a BOM, as Excel writes it
    )
    run_import(root, sheet, create_units=True)
    ws = load(root)
    support = ws.units["support"]
    assert support.kind == "department" and support.parent == "mini"
    assert ws.people["carla-diaz"].name == "Carla Diaz"
    [objective] = ws.objectives_in("2027-Q1", "support")
    assert objective.parent == "win-mid-market"
    assert [kr.title for kr in objective.key_results] == [
        "Cut first response time from 9 to 4 hours",
        "Raise CSAT from 78% to 86%",
    ]
    assert objective.key_results[0].baseline == 9 and objective.key_results[0].direction == "decrease"
    assert ws.cycles["2027-Q2"].status == "planned"
    assert objective.owner is None  # never taken silently from its first key result
    # importing the same sheet again adds nothing
    run_import(root, sheet, create_units=True)
    assert len(load(root).objectives_in("2027-Q1", "support")[0].key_results) == 2


def test_semicolons_and_decimal_commas(make_ws: WorkspaceFactory, tmp_path: Path) -> None:
    root = make_ws()
    sheet = tmp_path / "okrs.csv"
    sheet.write_text(
        "cycle;unit;objective;key_result;baseline;target;direction\n"
        "2027-Q1;Sales;Build a pipeline we can trust;Raise win rate from 12,5% to 18%;12,5;18;increase\n"
    )
    run_import(root, sheet)
    [objective] = load(root).objectives_in("2027-Q1", "sales")
    assert objective.key_results[-1].baseline == 12.5


def test_rows_with_errors_are_reported_by_row_and_nothing_is_written(make_ws: WorkspaceFactory, tmp_path: Path) -> None:
    root = make_ws()
    before = snapshot(root)
    sheet = tmp_path / "bad.csv"
    sheet.write_text(
        HEADER
        + "2027-Q1,Sales,Good one,,Raise X from 1 to 2,,increase,1,2,,,\n"
        + "2027-Q1,Sales,,,Missing objective,,,,,,,\n"
        + "2027-Q1,Sales,Bad numbers,,Raise Y,,sideways,one,2,,,05/03/2027\n"
        + "2027/Q1,Sales,Bad cycle,,Z,,,,,,,\n"
    )
    with pytest.raises(LoadError) as caught:
        run_import(root, sheet)
    found = [str(p) for p in caught.value.problems]
    assert "bad.csv:3:3: objective: required value is empty" in found
    assert "bad.csv:4:7: direction: 'sideways' is not one of increase, decrease, milestone" in found
    assert any(p.startswith("bad.csv:4:8: baseline: 'one' is not a number") for p in found)
    assert any(p.startswith("bad.csv:4:12: due: '05/03/2027' could be day/month or month/day") for p in found)
    assert any(p.startswith("bad.csv:5:1: cycle:") for p in found)
    assert snapshot(root) == before


def test_missing_and_unknown_columns(tmp_path: Path) -> None:
    sheet = tmp_path / "x.csv"
    sheet.write_text("cycle,unit,key result,krs\n2027-Q1,a,b,c\n")
    with pytest.raises(LoadError) as caught:
        read_rows(sheet)
    messages = " ".join(p.message for p in caught.value.problems)
    assert "missing required column: objective" in messages


def test_export_import_round_trip_csv_and_xlsx(demo_source: Path, make_ws: WorkspaceFactory, tmp_path: Path) -> None:
    demo = load(demo_source)
    rows = export_rows(demo, "2026-Q4")
    kept = [i for i, c in enumerate(EXPORT_ORDER) if c not in EXPORT_ONLY]

    def okr_cells(table: list[list[object]]) -> list[list[object]]:
        return sorted(([row[i] for i in kept] for row in table[1:]), key=repr)

    for name in ("round.csv", "round.xlsx"):
        path = tmp_path / name
        write_sheet(path, rows)
        root = make_ws(
            **{"units.yaml": "units:\n  - id: larkspur-freight\n    name: Larkspur Freight\n    kind: company\n"},
            **{"okrs/2027-Q1/sales.yaml": None, "okrs/2027-Q1/mini.yaml": None, "checkins/2027-Q1/sales.yaml": None},
        )
        run_import(root, path)
        copy = load(root)
        assert okr_cells(export_rows(copy, "2026-Q4")) == okr_cells(rows)
        assert copy.units["talent-acquisition"].kind == "team"
        assert copy.units["talent-acquisition"].parent == "people-hr"
        for item in root.rglob("*"):
            if item.is_file():
                item.unlink()
