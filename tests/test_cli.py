"""The command line: help everywhere, version, user errors without tracebacks, init, validate, schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rollout.cli import COMMANDS, main


def run(
    *args: str, cwd: Path | None = None, stdin: int | None = subprocess.DEVNULL
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rollout", *args], capture_output=True, text=True, cwd=cwd, stdin=stdin, timeout=120
    )


def call(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as caught:
        main(args)
    out, err = capsys.readouterr()
    return int(caught.value.code or 0), out, err


def test_version_and_python_dash_m() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("rollout, version ")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call([command, "--help"], capsys)
    assert code == 0 and out.startswith("Usage: rollout " + command)


def test_top_level_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(["--help"], capsys)
    assert code == 0
    for command in COMMANDS:
        assert f"  {command} " in out


def test_init_from_flags_then_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "acme"
    code, out, _ = call(["init", str(root), "--organization", "Acme Parts", "--cycle", "2027-Q1"], capsys)
    assert code == 0 and "2027-01-01 → 2027-03-31" in out
    assert (root / ".gitignore").read_text() == ".rollout/\nbuild/\n.*.tmp\n"
    code, out, _ = call(["validate", str(root)], capsys)
    assert code == 0 and "The workspace is valid." in out
    code, _, err = call(["init", str(root), "-o", "Again", "--cycle", "2027-Q1"], capsys)
    assert code == 2 and "already holds a workspace" in err


def test_init_without_a_terminal_names_the_options(tmp_path: Path) -> None:
    result = run("init", str(tmp_path / "x"))
    assert result.returncode == 2
    assert "no terminal" in result.stderr and "--organization" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x").exists()


def test_validate_reports_every_problem_without_traceback(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    (root / "rollout.yaml").write_text("version: 1\norganization: X\nflavour: mint\n")
    (root / "units.yaml").write_text("units:\n  - id: Bad Id\n    name: X\n    kind: company\n")
    result = run("validate", str(root))
    assert result.returncode == 2
    assert "rollout.yaml:3:1: flavour: unknown key" in result.stderr
    assert "units.yaml:2:5: units[0].id: 'Bad Id' is not a valid id" in result.stderr
    assert "error: 2 problems in the workspace; nothing was changed" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_outside_a_workspace(tmp_path: Path) -> None:
    result = run("validate", cwd=tmp_path)
    assert result.returncode == 2 and "no rollout.yaml" in result.stderr and "rollout init" in result.stderr


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = call(["validate", "--frobnicate"], capsys)
    assert code == 2 and "No such option" in err


def test_schema_for_every_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = call(["schema"], capsys)
    schemas = json.loads(out)
    assert code == 0 and schemas["okrs"]["files"] == "okrs/*/*.yaml"
    okr = schemas["okrs"]["schema"]
    assert okr["additionalProperties"] is False and "objectives" in okr["properties"]
    code, out, _ = call(["schema", "--out", str(tmp_path)], capsys)
    assert code == 0 and (tmp_path / "checkins.schema.json").is_file()


def test_demo_command_writes_and_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "demo"
    code, out, _ = call(["demo", str(root), "--today", "2026-11-24", "--no-build"], capsys)
    assert code == 0 and "Larkspur Freight: 7 departments, 20 teams" in out
    code, _, err = call(["demo", str(root), "--today", "2026-11-24", "--no-build"], capsys)
    assert code == 2 and "--force" in err


def test_the_program_flushes_everything_and_keeps_exit_codes(tmp_path: Path) -> None:
    """`rollout` leaves with os._exit (no heap teardown): output must still be complete."""
    from rollout.rules import reference_markdown

    done = subprocess.run(
        [sys.executable, "-m", "rollout", "rules", "--format", "markdown"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.strip() == reference_markdown().strip()
    missing = subprocess.run(
        [sys.executable, "-m", "rollout", "validate", str(tmp_path / "nowhere")], capture_output=True, text=True
    )
    assert missing.returncode != 0 and "not a rollout workspace" in missing.stderr
    assert "Traceback" not in missing.stderr
