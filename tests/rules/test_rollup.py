"""Missing-field findings read as one line per unit and kind in text output (issue 18); JSON lists each."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from rollout.rules import check_workspace
from rollout.rules.output import as_json, as_text
from rollout.workspace import load

from .harness import write_workspace


def _unmeasured(n: int) -> dict:
    return {
        "objectives": [
            {
                "id": "east-one",
                "title": "Win the lanes around Venlo",
                "owner": "cid",
                "parent": "sales-grow",
                "key_results": [{"id": f"east-one-kr{i}", "title": f"Raise lane {i} win rate"} for i in range(n)],
            }
        ]
    }


def test_missing_fields_roll_up_per_unit_and_kind(tmp_path: Path) -> None:
    ws = load(write_workspace(tmp_path, {"okrs/2026-Q4/sales-east.yaml": _unmeasured(4)}))
    findings = [f for f in check_workspace(ws) if f.code in ("OKR104", "OKR105")]
    assert len(findings) == 8
    text = as_text(findings, failed=False, unit_names={u.id: u.name for u in ws.units.values()})
    assert "OKR104 4 key results in Sales East (2026-Q4) have no owner" in text
    assert "OKR105 4 key results in Sales East (2026-Q4) have no direction, baseline or target" in text
    assert text.count("OKR104") == 1 and text.count("OKR105") == 1
    assert "Found 8 findings (8 warnings) in 1 file." in text
    assert "8 missing-field findings shown as one line per unit and kind" in text
    # --each and JSON list every one.
    assert as_text(findings, failed=False, each=True).count("OKR104") == 4
    assert len(as_json(findings, workspace=tmp_path, fail_on="error", failed=False)["findings"]) == 8


def test_a_single_missing_field_keeps_its_own_line(tmp_path: Path) -> None:
    ws = load(write_workspace(tmp_path, {"okrs/2026-Q4/sales-east.yaml": _unmeasured(1)}))
    findings = [f for f in check_workspace(ws) if f.code == "OKR105"]
    text = as_text(findings, failed=False)
    assert "Key result has no direction, baseline or target." in text
    assert "shown as one line" not in text


def test_check_cli_rolls_up_unless_each(tmp_path: Path) -> None:
    root = write_workspace(tmp_path, {"okrs/2026-Q4/sales-east.yaml": _unmeasured(3)})

    def check(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "rollout", "check", str(root), "--select", "OKR104", *args],
            capture_output=True,
            text=True,
            check=False,
        )
        return done.stdout

    assert "3 key results in Sales East (2026-Q4) have no owner" in check("--no-hints")
    assert check("--no-hints", "--each").count("Key result has no owner.") == 3
    assert json.loads(check("--format", "json"))["summary"]["findings"] == 3
