"""``kill -9`` at random points of an import leaves every file old or new, all of them together, and a loadable workspace."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rollout.workspace import load
from tests.conftest import WorkspaceFactory

UNITS = 30


@pytest.mark.slow
def test_kill_during_import(make_ws: WorkspaceFactory, tmp_path: Path) -> None:
    root = make_ws()
    before = len(load(root).objectives)
    sheet = tmp_path / "big.csv"
    rows = ["cycle,unit,parent_unit,objective,key_result,owner"]
    rows += [f"2027-Q1,Unit {n:02d},Sales,Objective of unit {n},Key result {n},Person {n:02d}" for n in range(UNITS)]
    sheet.write_text("\n".join(rows) + "\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    command = [sys.executable, "-m", "rollout", "import", str(sheet), "-w", str(root)]
    rng = random.Random(14)
    outcomes = set()
    for _ in range(8):
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.3, 1.6))
        process.send_signal(signal.SIGKILL)
        process.wait()
        ws = load(root)  # finishes an interrupted transaction, then must load
        count = len(ws.objectives)
        assert count in (before, before + UNITS), count  # all or nothing
        outcomes.add(count)
        if count == before + UNITS:
            break
    assert outcomes  # the runs ended either before or after the commit point, never between
