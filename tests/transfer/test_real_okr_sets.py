"""The public OKR sets import in both orders after `init` with their fiscal cycle, and `check` runs on them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from rollout.workspace import load
from tests.transfer.conftest import call

SETS = Path("/work/shared/data/real-okr-sets")
pytestmark = pytest.mark.skipif(not SETS.is_dir(), reason="the shared real OKR sets are not on this machine")


def reversed_copy(source: Path, target: Path) -> Path:
    rows = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8-sig"))))
    stream = io.StringIO()
    csv.writer(stream, lineterminator="\n").writerows([rows[0], *reversed(rows[1:])])
    target.write_text(stream.getvalue())
    return target


def imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, sheet: Path, init: list[str], *extra: str
) -> Path:
    root = tmp_path / name
    assert call(["init", str(root), *init], capsys)[0] == 0
    code, out, err = call(["import", str(sheet), "-w", str(root), *extra], capsys)
    assert code == 0, err
    code, out, err = call(["check", str(root)], capsys)
    assert code in (0, 1) and "Found" in out, err
    return root


def okrs(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "okrs").rglob("*.yaml"))}


def test_sourcegraph_fy22_q1_in_both_orders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    init = ["--organization", "Sourcegraph", "--cycle", "FY22-Q1", "--start", "2021-02-01", "--end", "2021-04-30"]
    published = imported(tmp_path, capsys, "a", SETS / "sourcegraph-fy22-q1.csv", init, "--create-units")
    by_unit = imported(tmp_path, capsys, "b", SETS / "sourcegraph-fy22-q1-sorted-by-unit.csv", init, "--create-units")
    assert okrs(published) == okrs(by_unit)
    ws = load(by_unit)
    assert len(ws.objectives) == 25 and len(ws.key_results) == 64
    sales = [o for o in ws.objectives.values() if o.unit == "sales" and o.parent]
    assert sales and all(ws.objectives[o.parent].unit == "sourcegraph" and o.parent != o.id for o in sales)


def test_js_ipfs_2018_q3_in_both_orders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    init = ["--organization", "js-ipfs", "--cycle", "2018-Q3"]
    forward = imported(tmp_path, capsys, "a", SETS / "js-ipfs-2018-q3.csv", init)
    backward = imported(tmp_path, capsys, "b", reversed_copy(SETS / "js-ipfs-2018-q3.csv", tmp_path / "rev.csv"), init)
    a, b = load(forward), load(backward)
    assert len(a.objectives) == len(b.objectives) == 3 and len(a.key_results) == len(b.key_results) == 13
    assert {o.title: sorted(k.title for k in o.key_results) for o in a.objectives.values()} == {
        o.title: sorted(k.title for k in o.key_results) for o in b.objectives.values()
    }
