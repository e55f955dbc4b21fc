"""YAML syntax errors in plain words, "did you mean" for names and typos, whole-word ids.

Examples from the fresh-eyes report (items 12, 13, 16): a tab used for indenting, a person's
name where an id belongs, ``vaule`` for ``value``, a key result id one letter off, unit ``HR``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rollout.workspace.create import slugify
from rollout.workspace.suggestions import did_you_mean
from rollout.workspace.yamlsafe import YamlProblem, parse
from tests.clirun import run_cli


@pytest.mark.parametrize(
    ("text", "place", "words"),
    [
        ("a:\n\tb: 1\n", "2:1", "a tab character is used for indenting; indent with spaces"),
        ("a:\n  b: 1\n\tc: 2\n", "3:1", "a tab character is used for indenting; indent with spaces"),
        ('a: x\nb: "hello\nc: 2\n', "2:4", "this quoted text is never closed: add the closing quote"),
        ("title: Grow: the mid-market\n", "1:12", "a colon followed by a space inside an unquoted text"),
        ("a:\n  b: 1\n c: 2\n", "3:2", "not lined up with the keys above it"),
        ("a: 1\n  b: 2\n", "2:4", "indented deeper than the key above it"),
        ("a: [1, 2\nb: 3\n", "1:4", "this list in [ ] is never closed"),
        ("a: {x: 1\nb: 3\n", "1:4", "this mapping in { } is never closed"),
        ("a: @x\n", "1:4", "a value cannot start with '@': put the value in quotes"),
        ('a: "x" y\n', "1:8", "text goes on after a closing quote"),
        ("a:\n  - x\n  b: 1\n", "3:3", "a list item ('- ') was expected here"),
        ("a: |x\n  b\n", "1:5", "after '|' or '>' only a line break"),
    ],
)
def test_yaml_syntax_errors_read_in_plain_words(text: str, place: str, words: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse(text, "f.yaml")
    shown = str(caught.value.problem)
    assert shown.startswith(f"f.yaml:{place}: "), shown
    assert words in shown
    assert "while scanning" not in shown and "while parsing" not in shown


def test_a_tab_in_a_workspace_file_is_reported_at_its_line(demo_copy: Path) -> None:
    path = demo_copy / "okrs" / "2026-Q4" / "sales.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = "\t" + lines[4].lstrip(" ")
    path.write_text("".join(lines), encoding="utf-8")
    ran = run_cli("validate", "-w", demo_copy)
    assert ran.returncode == 2
    assert "okrs/2026-Q4/sales.yaml:5:1: a tab character is used for indenting; indent with spaces" in ran.stderr


def test_did_you_mean_names_ids_and_typos() -> None:
    known = {
        "tomasz-wrona": "Tomasz Wrona",
        "hr": "People & HR",
        "hr-hire-frontline-kr1": "Hire",
        "hr-hire-frontline-kr4": "Keep",
        "cs-exceptions-proactive-kr2": "Cut exceptions",
    }
    assert did_you_mean("Tomasz Wrona", known) == "did you mean 'tomasz-wrona' (Tomasz Wrona)?"
    assert did_you_mean("tomasz  wrona", known) == "did you mean 'tomasz-wrona' (Tomasz Wrona)?"
    assert did_you_mean("HR", known) == "did you mean 'hr' (People & HR)?"
    assert did_you_mean("cs-exceptions-proactive-k2", known).startswith("did you mean 'cs-exceptions-proactive-kr2'")
    assert did_you_mean("hr-hire-frontline-kr9", known) == ""  # as near kr1 as kr4: no guess
    assert did_you_mean("bob-unknown", known) == ""


def test_loader_suggests_ids_for_names_typos_and_keys(demo_copy: Path) -> None:
    okrs = demo_copy / "okrs" / "2026-Q4" / "hr.yaml"
    text = okrs.read_text(encoding="utf-8")
    owner = text.index("owner: ", text.index("objectives:"))
    end = text.index("\n", owner)
    okrs.write_text(text[:owner] + "owner: Tomasz Wrona" + text[end:], encoding="utf-8")
    checkins = demo_copy / "checkins" / "2026-Q4" / "hr.yaml"
    lines = checkins.read_text(encoding="utf-8").splitlines(keepends=True)
    value = next(n for n, line in enumerate(lines) if line.startswith("  value:"))
    lines[value] = lines[value].replace("value:", "vaule:")
    checkins.write_text("".join(lines), encoding="utf-8")
    ran = run_cli("validate", "-w", demo_copy)
    assert ran.returncode == 2
    assert "'Tomasz Wrona' is not an id; did you mean 'tomasz-wrona' (Tomasz Wrona)?" in ran.stderr
    assert "vaule: unknown key; did you mean 'value'?" in ran.stderr
    assert "value: required key is missing" not in ran.stderr  # one typo, one problem


def test_a_key_written_short_is_matched_to_the_longer_key(demo_copy: Path) -> None:
    """``unit`` for ``unit_of_measure``: too short for a typo, but the one key it begins."""
    okrs = demo_copy / "okrs" / "2026-Q4" / "hr.yaml"
    text = okrs.read_text(encoding="utf-8")
    okrs.write_text(text.replace("unit_of_measure:", "unit:", 1), encoding="utf-8")
    ran = run_cli("validate", "-w", demo_copy)
    assert ran.returncode == 2
    assert "unit: unknown key; did you mean 'unit_of_measure'?" in ran.stderr


def test_loader_suggests_a_key_result_id_one_letter_off(demo_copy: Path) -> None:
    checkins = demo_copy / "checkins" / "2026-Q4" / "hr.yaml"
    text = checkins.read_text(encoding="utf-8")
    checkins.write_text(text.replace("kr: hr-first-months-kr2\n", "kr: hr-first-months-k2\n", 1), encoding="utf-8")
    ran = run_cli("validate", "-w", demo_copy)
    assert ran.returncode == 2
    assert "unknown key result 'hr-first-months-k2'; did you mean 'hr-first-months-kr2'" in ran.stderr


def test_a_renamed_key_result_gets_one_problem_with_its_new_id(demo_copy: Path) -> None:
    """Fresh-eyes item 6: renaming a key result leaves its check-ins behind; one grouped problem names the new id."""
    okrs = demo_copy / "okrs" / "2026-Q4" / "hr.yaml"
    text = okrs.read_text(encoding="utf-8")
    okrs.write_text(text.replace("id: hr-hire-frontline-kr2\n", "id: hr-hire-frontline-kr-2\n", 1), encoding="utf-8")
    ran = run_cli("validate", "-w", demo_copy)
    assert ran.returncode == 2
    (line,) = [x for x in ran.stderr.splitlines() if "unknown key result" in x]
    assert "'hr-hire-frontline-kr2'" in line and "more references to it" in line
    assert line.endswith("did you mean 'hr-hire-frontline-kr-2' (Reduce open warehouse vacancies from 26 to 8)?")


def test_a_duplicate_id_names_the_record_the_orphaned_id_was_meant_for(demo_copy: Path) -> None:
    """Fresh-eyes item 5: Ben Haddad's id changed to Carla's; the hint names Ben's record, not Carla's."""
    people = demo_copy / "people.yaml"
    text = people.read_text(encoding="utf-8")
    people.write_text(text.replace("- id: ben-haddad\n", "- id: carla-okafor\n", 1), encoding="utf-8")
    edited = people.read_text(encoding="utf-8").splitlines().index("- id: carla-okafor") + 1  # Ben's line
    ran = run_cli("validate", "-w", demo_copy)
    assert ran.returncode == 2
    assert f"may be meant for the one at people.yaml:{edited} (Ben Haddad)" in ran.stderr


def test_imported_ids_are_cut_at_a_word_boundary() -> None:
    name = "Operations (Finance, Legal, BizOps, People Ops, Tech Ops)"
    assert slugify(name, whole_words=True) == "operations-finance-legal-bizops-people"
    assert slugify(name) == "operations-finance-legal-bizops-people-o"  # other ids keep their old form
    assert slugify("x" * 60, whole_words=True) == "x" * 40


def test_import_names_unit_files_with_whole_words(tmp_path: Path) -> None:
    sheet = Path("/work/shared/data/real-okr-sets/sourcegraph-fy22-q1.csv")
    if not sheet.is_file():
        pytest.skip("the real OKR sets are not on this machine")
    root = tmp_path / "sg"
    init = ("init", root, "-o", "Sourcegraph", "--cycle", "FY22-Q1", "--start", "2021-02-01", "--end", "2021-04-30")
    assert run_cli(*init).returncode == 0
    local = tmp_path / "sheet.csv"
    shutil.copy(sheet, local)
    ran = run_cli("import", local, "--create-units", "-w", root)
    assert ran.returncode == 0, ran
    names = sorted(p.name for p in (root / "okrs" / "FY22-Q1").iterdir())
    assert "operations-finance-legal-bizops-people.yaml" in names, names


def test_an_unknown_key_is_compared_with_the_keys_of_its_own_record(demo_copy: Path) -> None:
    """``titel`` in a check-in is no typo of a check-in key: no "did you mean 'title'" (a key
    of objectives); ``confidance`` is."""
    checkins = demo_copy / "checkins" / "2026-Q4" / "hr.yaml"
    lines = checkins.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(n for n, line in enumerate(lines) if line.startswith("  value:"))
    lines.insert(first, "  titel: x\n")
    conf = next(n for n, line in enumerate(lines) if line.startswith("  confidence:"))
    lines[conf] = lines[conf].replace("confidence:", "confidance:")
    checkins.write_text("".join(lines), encoding="utf-8")
    ran = run_cli("validate", "-w", demo_copy)
    assert ran.returncode == 2
    titel = next(line for line in ran.stderr.splitlines() if ".titel:" in line)
    assert titel.endswith("titel: unknown key"), titel
    assert "confidance: unknown key; did you mean 'confidence'?" in ran.stderr
