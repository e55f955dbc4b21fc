"""An objective is never its own parent (issue 13 leftovers, item 8).

The pattern of Sourcegraph's FY22-Q1 sheet sorted by unit: a Sales row whose
parent_objective is the title of the Sales objective itself (and of the company's). The
import takes the company's objective, never the row itself, and refuses the row when no
unit above has that title; the loader refuses an objective that names itself (or an
ancestor of itself) as parent, at its line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.errors import LoadError
from rollout.workspace import load
from tests.conftest import MINI, WorkspaceFactory
from tests.safety.conftest import Run

HEADER = "cycle,unit,objective,parent_objective,key_result\n"
SALES_ROWS = (
    "2027-Q1,Sales,Make us the supplier buyers recommend,Make us the supplier buyers recommend,Grow NPS from 30 to 45\n"
    "2027-Q1,Sales,Make us the supplier buyers recommend,Make us the supplier buyers recommend,Win 12 new logos\n"
)
COMPANY_ROW = "2027-Q1,Mini Co,Make us the supplier buyers recommend,,Raise retention from 80% to 90%\n"


@pytest.mark.parametrize("company_first", [True, False], ids=["company first", "sorted by unit"])
def test_the_parent_with_the_same_title_is_the_company_objective(
    make_ws: WorkspaceFactory, rollout: Run, tmp_path: Path, company_first: bool
) -> None:
    root = make_ws()
    sheet = tmp_path / "okrs.csv"
    sheet.write_text(HEADER + (COMPANY_ROW + SALES_ROWS if company_first else SALES_ROWS + COMPANY_ROW))
    code, out = rollout("import", str(sheet), "-w", str(root))
    assert code == 0, out
    ws = load(root)
    sales = [o for o in ws.objectives.values() if o.unit == "sales" and o.title.startswith("Make us")]
    assert len(sales) == 1 and sales[0].parent is not None
    assert sales[0].parent != sales[0].id and ws.objectives[sales[0].parent].unit == "mini"


def test_without_a_unit_above_holding_the_title_the_row_is_refused(
    make_ws: WorkspaceFactory, rollout: Run, tmp_path: Path
) -> None:
    root = make_ws()
    before = {p: p.read_bytes() for p in root.rglob("*.yaml")}
    sheet = tmp_path / "okrs.csv"
    sheet.write_text(HEADER + SALES_ROWS)
    code, out = rollout("import", str(sheet), "-w", str(root))
    assert code == 2 and "okrs.csv:2:4: parent_objective: no objective 'Make us the supplier" in out, out
    assert {p: p.read_bytes() for p in root.rglob("*.yaml")} == before


@pytest.mark.parametrize(
    ("parent", "message"),
    [
        ("sales-pipeline", "objectives[0].parent: an objective cannot be its own parent"),
        ("sales-forecast", "objective parents form a cycle: sales-forecast → sales-pipeline → sales-forecast"),
    ],
    ids=["itself", "an ancestor of itself"],
)
def test_the_loader_refuses_an_objective_above_itself(make_ws: WorkspaceFactory, parent: str, message: str) -> None:
    okrs = MINI["okrs/2027-Q1/sales.yaml"].replace("parent: win-mid-market", f"parent: {parent}").rstrip(" ")
    okrs += (
        "          - id: sales-forecast\n"
        "            title: Forecast what we will really sell\n"
        "            owner: ben\n"
        "            parent: sales-pipeline\n"
    )
    with pytest.raises(LoadError) as info:
        load(make_ws(**{"okrs/2027-Q1/sales.yaml": okrs}))
    problems = [str(p) for p in info.value.problems]
    assert len(problems) == 1 and problems[0].startswith("okrs/2027-Q1/sales.yaml:") and message in problems[0]
