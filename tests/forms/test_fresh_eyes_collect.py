"""Fresh-eyes faults of ``rollout collect`` found by a hostile tester (issue 16), each kept as a test."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from click.testing import CliRunner

HEADER = "unit,cycle,kr,key_result,value,confidence,note,date,author\n"


def _run(root: Path, *args: str) -> Any:
    from rollout.cli import cli

    return CliRunner().invoke(cli, ["collect", *args, "-w", str(root)])


def _snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".rollout" not in p.parts
    }


def test_two_files_of_one_run_with_different_values_for_one_day_are_not_a_duplicate(
    demo_copy: Path, tmp_path: Path
) -> None:
    """Two shift leads send the same key result and date with different values in one folder:
    the second is a clash (refused, naming the first), never reported as "already collected"
    with its value silently dropped."""
    from rollout.workspace import load

    (tmp_path / "a.csv").write_text(HEADER + "hr,2026-Q4,hr-hire-frontline-kr1,,23,7,,2026-11-24,\n", "utf-8")
    (tmp_path / "b.csv").write_text(HEADER + "hr,2026-Q4,hr-hire-frontline-kr1,,29,7,,2026-11-24,\n", "utf-8")
    result = _run(demo_copy, str(tmp_path))
    assert result.exit_code == 1, result.output
    row = next(line for line in result.output.splitlines() if line.startswith("b.csv"))
    assert "refused" in row and "already collected" not in row
    assert "a.csv" in result.output.split("b.csv was refused", 1)[1]  # names the file that came first
    assert load(demo_copy).latest_checkin("hr-hire-frontline-kr1").value == 23  # type: ignore[union-attr]
    # the very same check-in twice in one run is still a duplicate, not a clash
    (tmp_path / "b.csv").write_text(HEADER + "hr,2026-Q4,hr-hire-frontline-kr1,,23,7,,2026-11-22,\n", "utf-8")
    (tmp_path / "c.csv").write_text(HEADER + "hr,2026-Q4,hr-hire-frontline-kr1,,23,7,,2026-11-22,\n", "utf-8")
    again = _run(demo_copy, str(tmp_path / "b.csv"), str(tmp_path / "c.csv"))
    assert again.exit_code == 0, again.output
    assert "c.csv" in again.output and "already collected" in again.output
