"""`rollout check` and `rollout rules` end to end through the program's entry point.

Most tests run it in this process (tests/clirun.py: the same ``main``, exit codes and messages);
``fresh_process`` keeps what only a new process shows: the text a user sees, no traceback,
the exit code of the real program and which modules ``check`` imports."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from rollout.rules import REGISTRY
from tests.clirun import Ran, run_cli


def fresh_process(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rollout", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def rollout(*args: str | Path, cwd: Path | None = None) -> Ran:
    return run_cli(*args, cwd=cwd)


def _edit_yaml(path: Path, change: object) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


# --- text -------------------------------------------------------------------------------


def test_text_output_grouped_by_file_with_hints(demo_source: Path) -> None:
    result = fresh_process("check", demo_source)
    assert result.returncode == 0, result.stderr  # the demo fails only on errors (rules.fail_on: error)
    out = result.stdout
    assert re.search(
        r"^okrs/2026-Q4/learning-development\.yaml:\d+:\d+ warning OKR201 Key result describes an activity", out, re.M
    )
    assert "\nokrs/2026-Q4/learning-development.yaml\n" in out  # file heading
    assert '    hint: Ask "so that what?"' in out
    assert re.search(r"^Found \d+ findings \(\d+ warnings\) in \d+ files\.$", out, re.M)
    # Grouped: each file heading appears once and its findings follow it.
    headings = [line for line in out.splitlines() if line and ":" not in line and not line.startswith(" ")]
    assert len(headings) == len(set(headings))


def exit_code(*args: str | Path) -> int:
    """The exit code of `rollout ARGS`, run in this process through the program's entry point."""
    from rollout.cli import main

    with pytest.raises(SystemExit) as caught:
        main([*map(str, args)])
    return int(caught.value.code or 0)


def test_fail_on_option_and_exit_codes(demo_source: Path) -> None:
    assert fresh_process("check", demo_source, "--fail-on", "warning").returncode == 1
    assert exit_code("check", demo_source, "--fail-on", "error") == 0
    assert exit_code("check", demo_source, "--select", "OKR102") == 0


def test_fail_on_from_rollout_yaml(demo_copy: Path) -> None:
    _edit_yaml(demo_copy / "rollout.yaml", lambda d: d["rules"].update(fail_on="warning"))
    assert exit_code("check", demo_copy) == 1
    assert exit_code("check", demo_copy, "--fail-on", "error") == 0


def test_clean_workspace_passes(demo_source: Path) -> None:
    result = rollout("check", demo_source, "--select", "OKR107,OKR302", "--fail-on", "info")
    assert result.returncode == 0
    assert result.stdout.strip() == "All checks passed."


def test_runs_from_inside_the_workspace(demo_source: Path) -> None:
    result = rollout("check", "--select", "wording", cwd=demo_source / "okrs")
    assert "OKR201" in result.stdout


# --- select / ignore -----------------------------------------------------------------------


def _codes(*args: str | Path) -> set[str]:
    """The codes `rollout check ARGS --format json` reports, run in this process (the CLI's own code path)."""
    from click.testing import CliRunner

    from rollout.cli import cli

    result = CliRunner().invoke(cli, ["check", *map(str, args), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return {f["code"] for f in json.loads(result.stdout)["findings"]}


def test_select_and_ignore_by_code_prefix_or_group(demo_source: Path) -> None:
    everything = _codes(demo_source)
    assert {"OKR201", "OKR202", "OKR203", "OKR204", "OKR301", "OKR401"} <= everything
    assert _codes(demo_source, "--select", "wording") == {c for c in everything if c.startswith("OKR2")}
    assert _codes(demo_source, "--select", "OKR20") == {c for c in everything if c.startswith("OKR20")}
    assert _codes(demo_source, "--select", "OKR201", "--select", "alignment") == {"OKR201", "OKR301"}
    assert "OKR401" not in _codes(demo_source, "--ignore", "cadence")
    assert _codes(demo_source, "--ignore", "OKR401,OKR2") == {c for c in everything if c[:4] != "OKR2"} - {"OKR401"}


def test_select_and_ignore_in_rollout_yaml(demo_copy: Path) -> None:
    _edit_yaml(demo_copy / "rollout.yaml", lambda d: d["rules"].update(select=["wording"], ignore=["OKR203"]))
    assert _codes(demo_copy) == {"OKR201", "OKR202", "OKR204"}
    assert _codes(demo_copy, "--select", "OKR301") == {"OKR301"}  # the command line replaces select
    assert _codes(demo_copy, "--ignore", "OKR201") == {"OKR202", "OKR204"}  # and adds to ignore


def test_unknown_selector_is_a_usage_error(demo_source: Path) -> None:
    result = fresh_process("check", demo_source, "--select", "OKR999")
    assert result.returncode == 2
    assert "--select: unknown rule code or group 'OKR999'" in result.stderr
    assert "Traceback" not in result.stderr


# --- configuration errors -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        ({"options": {"OKR999": {"max": 1}}}, "rules.options.OKR999: unknown rule code 'OKR999'"),
        ({"options": {"OKR101": {"maximum": 3}}}, "rules.options.OKR101.maximum: OKR101 has no option 'maximum'"),
        ({"options": {"OKR101": {"max": "many"}}}, "OKR101 option max must be a whole number"),
        ({"words": {"verbs": ["x"]}}, "rules.words.verbs: unknown word list 'verbs'"),
        ({"ignore": ["OKR201", "style"]}, "rules.ignore[1]: unknown rule code or group 'style'"),
    ],
)
def test_config_errors_name_the_line_of_rollout_yaml(demo_copy: Path, rules: dict, expected: str) -> None:
    _edit_yaml(demo_copy / "rollout.yaml", lambda d: d["rules"].update(rules))
    result = rollout("check", demo_copy)
    assert result.returncode == 2
    assert expected in result.stderr
    assert re.search(r"^rollout\.yaml:\d+:\d+: rules\.", result.stderr, re.M), result.stderr
    assert "nothing was changed" in result.stderr


def test_load_error_exits_2(demo_copy: Path) -> None:
    (demo_copy / "okrs" / "2026-Q4" / "hr.yaml").write_text("objectives: [\n", encoding="utf-8")
    result = rollout("check", demo_copy)
    assert result.returncode == 2
    assert "okrs/2026-Q4/hr.yaml" in result.stderr


def test_not_a_workspace_exits_2(tmp_path: Path) -> None:
    result = fresh_process("check", tmp_path)
    assert result.returncode == 2
    assert "not a rollout workspace" in result.stderr


# --- suppression ----------------------------------------------------------------------------


def _suppress(demo: Path, code: str, reason: str | None = "The board asked for this guard-rail.") -> None:
    def change(data: dict) -> None:
        kr = data["objectives"][0]["key_results"][2]
        assert kr["title"].startswith("Maintain payroll accuracy")
        entry = {"rule": code}
        if reason:
            entry["reason"] = reason
        kr["suppress"] = [entry]

    _edit_yaml(demo / "okrs" / "2026-Q4" / "hr-operations.yaml", change)


def test_inline_suppression_hides_the_finding(demo_copy: Path) -> None:
    assert "OKR203" in _codes(demo_copy)
    _suppress(demo_copy, "OKR203")
    codes = _codes(demo_copy)
    assert "OKR203" not in codes
    assert "OKR106" in codes  # only the suppressed rule


def test_objective_suppression_covers_its_key_results(demo_copy: Path) -> None:
    def change(data: dict) -> None:
        data["objectives"][0]["suppress"] = [{"rule": "OKR201", "reason": "The programme is the pilot itself."}]

    _edit_yaml(demo_copy / "okrs" / "2026-Q4" / "learning-development.yaml", change)
    assert "OKR201" not in _codes(demo_copy)


def test_suppression_needs_a_reason_and_a_known_code(demo_copy: Path) -> None:
    _suppress(demo_copy, "OKR203", reason=None)
    result = rollout("check", demo_copy)
    assert result.returncode == 2 and "reason" in result.stderr
    _suppress(demo_copy, "OKR999")
    result = rollout("check", demo_copy)
    assert result.returncode == 2
    assert re.search(
        r"okrs/2026-Q4/hr-operations\.yaml:\d+:\d+: .*suppress\[0\]: unknown rule code 'OKR999'", result.stderr
    )


# --- json / sarif -------------------------------------------------------------------------


def test_json_schema(demo_source: Path) -> None:
    result = rollout("check", demo_source, "--format", "json", "--fail-on", "warning")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["tool"] == "rollout" and data["fail_on"] == "warning"
    findings = data["findings"]
    assert data["summary"]["findings"] == len(findings) > 0
    assert data["summary"]["failed"] is True
    assert data["summary"]["warning"] == sum(f["severity"] == "warning" for f in findings)
    keys = {
        "code",
        "name",
        "severity",
        "message",
        "hint",
        "file",
        "line",
        "col",
        "field",
        "cycle",
        "unit",
        "objective",
        "kr",
    }
    for finding in findings:
        assert set(finding) == keys
        assert finding["code"] in REGISTRY and finding["name"] == REGISTRY[finding["code"]].name
        assert finding["line"] >= 1 and not finding["file"].startswith("/")
    activity = next(f for f in findings if f["code"] == "OKR201")
    assert activity["kr"] == "ld-faster-ramp-up-kr2" and activity["objective"] == "ld-faster-ramp-up"
    assert activity["field"] == "objectives[0].key_results[1].title"
    assert activity["unit"] == "learning-development" and activity["cycle"] == "2026-Q4"


def test_sarif(demo_source: Path) -> None:
    sarif = json.loads(rollout("check", demo_source, "--format", "sarif").stdout)
    as_json = json.loads(rollout("check", demo_source, "--format", "json").stdout)
    assert sarif["version"] == "2.1.0" and "sarif" in sarif["$schema"]
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(REGISTRY)
    assert all(r["shortDescription"]["text"] and r["help"]["text"] for r in rules)
    results = run["results"]
    assert len(results) == len(as_json["findings"])
    for result, finding in zip(results, as_json["findings"], strict=True):
        assert result["ruleId"] == finding["code"] == rules[result["ruleIndex"]]["id"]
        assert result["level"] in ("error", "warning", "note")
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == finding["file"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert location["region"]["startLine"] == finding["line"]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file://")


# --- rules ----------------------------------------------------------------------------------


def test_rules_lists_every_rule() -> None:
    result = rollout("rules")
    assert result.returncode == 0
    words = {"error": "error", "warning": "warning", "info": "note"}  # people read "note", not "info"
    for code, rule in REGISTRY.items():
        assert re.search(rf"^{code}  {rule.name} +{rule.group} +{words[rule.severity]}", result.stdout, re.M)
    assert " info " not in result.stdout
    assert "{" not in result.stdout  # messages with example values, not templates ({value:g}, {count})


def test_rules_explains_one() -> None:
    result = rollout("rules", "okr203")
    assert result.returncode == 0
    assert result.stdout.startswith("OKR203 business-as-usual (wording, warning)")
    for heading in ("Why", "Bad", "Good", "Fix", "Options"):
        assert f"\n{heading}\n" in result.stdout
    assert "Maintain payroll accuracy at 99.9%" in result.stdout


def test_rules_unknown_code() -> None:
    result = rollout("rules", "OKR000")
    assert result.returncode == 2 and "unknown rule 'OKR000'" in result.stderr


def test_rules_markdown_reference() -> None:
    from rollout.rules import reference_markdown

    result = rollout("rules", "--format", "markdown")
    assert result.returncode == 0
    assert result.stdout == reference_markdown()
    assert result.stdout.startswith("# OKR quality rules\n")
    assert '"schema_version": 1' in result.stdout  # the JSON schema is documented on the page
    one = rollout("rules", "OKR305", "--format", "markdown").stdout
    assert one.startswith("### OKR305") and "### OKR401" not in one


def test_rules_json() -> None:
    data = json.loads(rollout("rules", "--format", "json").stdout)
    assert [r["code"] for r in data] == list(REGISTRY)
    okr101 = next(r for r in data if r["code"] == "OKR101")
    assert {o["name"] for o in okr101["options"]} == {"min", "max", "company_max"}


# --- speed: lazy imports ----------------------------------------------------------------------


def test_check_does_not_import_the_renderer(demo_source: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "rollout", "check", str(demo_source)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0
    imported = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line}
    assert "rollout" in imported
    for heavy in ("jinja2", "markdown_it", "weasyprint", "questionary", "prompt_toolkit", "openpyxl"):
        assert heavy not in imported, heavy


def test_unused_suppression_is_reported(demo_copy: Path) -> None:
    _suppress(demo_copy, "OKR201")  # the key result is business as usual, not an activity
    result = rollout("check", demo_copy, "--format", "json")
    unused = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "OKR001"]
    assert len(unused) == 1
    assert unused[0]["field"] == "objectives[0].key_results[2].suppress[0].rule"
    assert unused[0]["message"] == "Suppression of OKR201 hides no finding here."
    assert "OKR001" not in _codes(demo_copy, "--ignore", "OKR201")  # a rule that did not run proves nothing
