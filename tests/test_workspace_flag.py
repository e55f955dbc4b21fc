"""Every command that takes the workspace as ``[DIR]`` also takes ``-w/--workspace DIR``, as the others do.

Found twice by fresh-eyes runs: `rollout status --cycle 2026-Q3 -w demo` gave "No such option '-w'".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import two_quarters
from tests.clirun import run_cli


@pytest.mark.parametrize(
    "command",
    [["status", "--cycle", "2026-Q3"], ["check"], ["validate"], ["questionnaires"]],
)
def test_w_names_the_workspace(tmp_path: Path, command: list[str]) -> None:
    root = two_quarters().write(tmp_path / "ws")
    by_dir = run_cli(*command, root, cwd=tmp_path)
    by_flag = run_cli(*command, "-w", root, cwd=tmp_path)
    assert by_flag.returncode == by_dir.returncode and by_flag.stdout == by_dir.stdout, (by_flag, by_dir)
    assert "No such option" not in by_flag.stderr


def test_two_different_folders_are_refused(tmp_path: Path) -> None:
    root = two_quarters().write(tmp_path / "ws")
    ran = run_cli("status", root, "-w", tmp_path, cwd=tmp_path)
    assert ran.returncode == 2 and "two workspace folders" in ran.stderr
