"""`contributes_to`: an objective that supports more than one (issue 15, part 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.errors import LoadError
from rollout.metrics.analysis import analyze
from rollout.rules import check_workspace
from rollout.workspace import load
from tests.conftest import WorkspaceFactory

COMPANY = """
    objectives:
      - id: win-mid-market
        title: Become the supplier mid-market buyers recommend
        owner: ana
        key_results:
          - {id: win-mid-market-kr1, title: Raise NPS from 30 to 45, direction: increase, baseline: 30, target: 45, owner: ana}
      - id: co-cheaper
        title: Lower the cost to serve each shipment
        owner: ana
        key_results:
          - {id: co-cheaper-kr1, title: Cut cost per shipment from 9 to 7 EUR, direction: decrease, baseline: 9, target: 7, owner: ana}
"""
SALES = """
    objectives:
      - id: sales-pipeline
        title: Build a pipeline we can trust
        owner: ben
        parent: win-mid-market
        contributes_to: [co-cheaper]
        key_results:
          - {id: sales-pipeline-kr1, title: Grow qualified pipeline from 2.0 to 3.5 MEUR, direction: increase, baseline: 2.0, target: 3.5, owner: ben}
      - id: sales-self-serve
        title: Let small shippers buy without a call
        owner: ben
        contributes_to: [win-mid-market]
        key_results:
          - {id: sales-self-serve-kr1, title: Raise self-serve orders from 5% to 20%, direction: increase, baseline: 5, target: 20, owner: ben}
"""


@pytest.fixture
def root(make_ws: WorkspaceFactory) -> Path:
    return make_ws(**{"okrs/2027-Q1/mini.yaml": COMPANY, "okrs/2027-Q1/sales.yaml": SALES})


def test_counted_in_coverage_and_support(root: Path) -> None:
    ws = load(root)
    alignment = analyze(ws).cycles["2027-Q1"].alignment
    assert (alignment.objectives, alignment.linked, alignment.coverage) == (2, 2, 1.0)
    assert alignment.orphans == () and alignment.unsupported == ()
    codes = {(f.code, f.objective) for f in check_workspace(ws)}
    assert ("OKR304", "co-cheaper") not in codes  # supported through contributes_to
    assert ("OKR301", "sales-self-serve") not in codes  # aligned, though it has no parent


def test_without_it_the_company_objective_is_unsupported(make_ws: WorkspaceFactory) -> None:
    ws = load(
        make_ws(
            **{
                "okrs/2027-Q1/mini.yaml": COMPANY,
                "okrs/2027-Q1/sales.yaml": SALES.replace("contributes_to: [co-cheaper]", ""),
            }
        )
    )
    assert analyze(ws).cycles["2027-Q1"].alignment.unsupported == ("co-cheaper",)
    assert ("OKR304", "co-cheaper") in {(f.code, f.objective) for f in check_workspace(ws)}


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("contributes_to: [co-cheaper]", "contributes_to: [nope]", "unknown objective 'nope'"),
        ("contributes_to: [co-cheaper]", "contributes_to: [sales-pipeline]", "cannot contribute to itself"),
        ("contributes_to: [co-cheaper]", "contributes_to: [win-mid-market]", "already its parent"),
        ("contributes_to: [co-cheaper]", "contributes_to: [co-cheaper, co-cheaper]", "named twice"),
        ("contributes_to: [win-mid-market]", "contributes_to: [win-mid-market]\n        parent: sales-pipeline", ""),
    ],
)
def test_validated(make_ws: WorkspaceFactory, old: str, new: str, message: str) -> None:
    sales = SALES.replace(old, new)
    if not message:  # a loop through parent and contributes_to together
        sales = sales.replace("contributes_to: [co-cheaper]", "contributes_to: [sales-self-serve]")
        message = "alignment links form a loop"
    root = make_ws(**{"okrs/2027-Q1/mini.yaml": COMPANY, "okrs/2027-Q1/sales.yaml": sales})
    with pytest.raises(LoadError) as caught:
        load(root)
    rendered = caught.value.render()
    assert message in rendered and "okrs/2027-Q1/sales.yaml:" in rendered and "contributes_to" in rendered, rendered


def test_drawn_on_the_alignment_page(root: Path) -> None:
    from rollout.report.build import build

    build(root, site=True, packs=False)
    html = (root / "build" / "cycles" / "2027-Q1-alignment.html").read_text()
    assert "Also supports:" in html and "Lower the cost to serve each shipment" in html
    assert "Also supported by:" in html and "Let small shippers buy without a call" in html
