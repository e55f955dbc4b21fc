"""``rollout export``: where it may write, what it writes, formula injection, and the round trip."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from rollout.workspace import load
from tests.conftest import WorkspaceFactory
from tests.transfer.conftest import call, snapshot

HYPERLINK = '=HYPERLINK("http://evil.example","click")'


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("rollout.yaml", "unknown extension .yaml"),
        ("okrs/2027-Q1/sales.yaml", "unknown extension .yaml"),
        ("okrs/2027-Q1/sales.csv", "inside the workspace's data"),
        (".rollout/x.xlsx", "inside the workspace's data"),
        ("okrs.txt", "unknown extension .txt"),
        ("summary", "unknown extension (none)"),
    ],
)
def test_export_never_writes_into_workspace_data(
    make_ws: WorkspaceFactory, capsys: pytest.CaptureFixture[str], target: str, message: str
) -> None:
    root = make_ws()
    before = snapshot(root)
    code, _out, err = call(["export", "-w", str(root), "-o", str(root / target)], capsys)
    assert code == 2 and message in err
    assert snapshot(root) == before


def test_a_link_is_judged_by_where_it_leads(make_ws: WorkspaceFactory, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_ws()
    (root / "sneaky.csv").symlink_to(root / "rollout.yaml")
    before = (root / "rollout.yaml").read_bytes()
    code, _out, err = call(["export", "-w", str(root), "-o", str(root / "sneaky.csv")], capsys)
    assert code == 2 and "not a .csv file" in err
    assert (root / "rollout.yaml").read_bytes() == before


def test_export_to_the_workspace_folder_and_outside(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_ws()
    for target in (root / "okrs.xlsx", tmp_path / "out.csv"):
        code, _out, err = call(["export", "-w", str(root), "-o", str(target)], capsys)
        assert code == 0, err and target.exists()
    header = (tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    for column in (
        "weight",
        "health_metric",
        "alignment",
        "contributors",
        "priority",
        "objective_owner",
        "current",
        "score",
        "status",
    ):
        assert column in header
    assert zipfile.is_zipfile(root / "okrs.xlsx")


def test_formula_injection_is_neutralised_and_read_back(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_ws(
        **{
            "okrs/2027-Q1/sales.yaml": f"""
        objectives:
          - id: sales-pipeline
            title: '{HYPERLINK.replace("'", "''")}'
            owner: ben
            parent: win-mid-market
            key_results:
              - id: sales-pipeline-kr1
                title: "+1 deals, -2 losses @team"
                direction: increase
                baseline: -2
                target: 3.5
    """
        }
    )
    csv_path, xlsx_path = tmp_path / "out.csv", tmp_path / "out.xlsx"
    for target in (csv_path, xlsx_path):
        assert call(["export", "-w", str(root), "-o", str(target)], capsys)[0] == 0
    text = csv_path.read_text()
    assert "'=HYPERLINK" in text and "'+1 deals" in text and ",-2," in text  # numbers stay numbers
    with zipfile.ZipFile(xlsx_path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    for source in (csv_path, xlsx_path):
        fresh = tmp_path / f"fresh-{source.suffix[1:]}"
        assert call(["init", str(fresh), "--organization", "Mini Co", "--cycle", "2027-Q1"], capsys)[0] == 0
        code, _out, err = call(["import", str(source), "-w", str(fresh), "--create-units"], capsys)
        assert code == 0, err
        titles = {o.title for o in load(fresh).objectives.values()}
        krs = {k.title: (k.baseline, k.target) for k in load(fresh).key_results.values()}
        assert HYPERLINK in titles and krs["+1 deals, -2 losses @team"] == (-2, 3.5)


def test_round_trip_keeps_weights_links_and_owners(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_ws(
        **{
            "okrs/2027-Q1/sales.yaml": """
        objectives:
          - id: sales-pipeline
            title: Build a pipeline we can trust
            owner: ana
            parent: win-mid-market
            contributors: [mini]
            key_results:
              - id: sales-pipeline-kr1
                title: Grow qualified pipeline from 2.0 to 3.5 MEUR
                direction: increase
                baseline: 2.0
                target: 3.5
                owner: ben
                weight: 5
              - id: sales-pipeline-kr2
                title: Keep churn under 2 percent
                health_metric: true
          - id: sales-own
            title: Make selling easy
            alignment: bottom_up
    """
        }
    )
    out = tmp_path / "out.csv"
    assert call(["export", "-w", str(root), "-o", str(out)], capsys)[0] == 0
    fresh = tmp_path / "fresh"
    assert call(["init", str(fresh), "--organization", "Mini Co", "--cycle", "2027-Q1"], capsys)[0] == 0
    code, _out, err = call(["import", str(out), "-w", str(fresh), "--create-units"], capsys)
    assert code == 0, err
    ws = load(fresh)
    [pipeline] = [o for o in ws.objectives.values() if o.title == "Build a pipeline we can trust"]
    assert ws.objectives[pipeline.parent or ""].title == "Become the supplier mid-market buyers recommend"
    assert ws.people[pipeline.owner or ""].name == "Ana Lima" and pipeline.contributors == ["mini-co"]
    assert [(k.weight, k.health_metric, ws.people[k.owner].name if k.owner else None) for k in pipeline.key_results] == [
        (5, False, "Ben Okoro"), (1, True, None)]  # fmt: skip
    [own] = [o for o in ws.objectives.values() if o.title == "Make selling easy"]
    assert own.alignment == "bottom_up" and own.key_results == []
