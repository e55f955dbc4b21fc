"""Findings people read (issue 18; fresh-eyes report items 11, 16, 17, 19).

- ``check``'s text names the severity on every line, and the lowest level is a "note"
  wherever a person reads it (lines, summary, ``rollout rules``); ``--fail-on`` and
  ``rules.fail_on`` take "note" and the old word "info".
- Quotes in wording findings keep the writer's case ("ARR", not "arr").
- OKR402's review periods cover the whole cycle (a cycle ending 09-30 is not reported
  as "to 2018-09-28").
- ``rollout rules`` shows messages with example values, never raw templates.
"""

from __future__ import annotations

import copy
import re
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rollout.rules import REGISTRY, check_workspace
from rollout.rules.cadence import review_periods
from rollout.rules.docs import reference_markdown, rule_table, rule_text
from rollout.workspace import load
from tests.clirun import run_cli
from tests.rules.harness import BASE, write_workspace

LONG = (
    "Turn every new frontline starter into a long-term colleague who knows the depot, the team and the customers well"
)


def _with_long_objective(root: Path) -> Path:
    """The rules' base workspace plus one objective that gets OKR207 (a note) and nothing else."""
    files = copy.deepcopy({k: v for k, v in BASE.items() if k.startswith("okrs/")})
    objective = copy.deepcopy(files["okrs/2026-Q4/sales.yaml"]["objectives"][0])
    objective["id"] = "sales-long"
    objective["title"] = LONG
    for i, kr in enumerate(objective["key_results"], 1):
        kr["id"] = f"sales-long-kr{i}"
    files["okrs/2026-Q4/sales.yaml"]["objectives"].append(objective)
    return write_workspace(root, files)


# --- severity on each line, one word for the lowest level ---------------------------------------


def test_every_line_names_its_severity_and_notes_are_notes(tmp_path: Path) -> None:
    root = _with_long_objective(tmp_path)
    result = run_cli("check", root, "--select", "OKR207,OKR305,OKR402")
    finding_lines = [line for line in result.stdout.splitlines() if re.match(r"^\S+:\d+:\d+ ", line)]
    assert finding_lines
    for line in finding_lines:
        assert re.match(r"^\S+:\d+:\d+ (error|warning|note) OKR\d{3} ", line), line
    assert any(" note OKR207 Objective is 19 words long" in line for line in finding_lines)
    assert re.search(r"^Found \d+ findings? \(.*\b1 note\b.*\)", result.stdout, re.M)
    assert "info" not in result.stdout


@pytest.mark.parametrize("word", ["note", "info"])
def test_fail_on_takes_note_and_its_old_name_info(tmp_path: Path, word: str) -> None:
    root = _with_long_objective(tmp_path)
    assert run_cli("check", root, "--select", "OKR207", "--fail-on", word).returncode == 1
    assert run_cli("check", root, "--select", "OKR207", "--fail-on", "warning").returncode == 0


def test_rollout_yaml_fail_on_note(tmp_path: Path) -> None:
    root = _with_long_objective(tmp_path)
    text = (root / "rollout.yaml").read_text(encoding="utf-8")
    (root / "rollout.yaml").write_text(text + "\nrules:\n  fail_on: note\n", encoding="utf-8")
    assert load(root).settings.rules.fail_on == "info"
    assert run_cli("check", root, "--select", "OKR207").returncode == 1


def test_rules_list_and_reference_say_note() -> None:
    for _code, _name, _group, severity, _message in rule_table():
        assert severity in ("error", "warning", "note")
    reference = reference_markdown()
    assert "· info" not in reference and "· note" in reference
    assert "# error | warning | note" in reference


# --- messages with example values -------------------------------------------------------------


@pytest.mark.parametrize("code", list(REGISTRY))
def test_every_rule_message_has_example_values(code: str) -> None:
    rule = REGISTRY[code]
    example = rule.example_message()  # KeyError when a placeholder has no example value
    assert "{" not in example and "}" not in example, example
    assert example in rule_text(rule)
    assert rule.message_template() not in rule_text(rule) or "{" not in rule.message_template()


def test_templates_no_longer_shown() -> None:
    text = "\n".join(message for *_rest, message in rule_table()) + reference_markdown()
    for raw in ("{value:g}", "{count}", "{other} of {other_unit}", "{target:g}"):
        assert raw not in text
    assert "Key result's target equals its baseline (82)." in rule_text(REGISTRY["OKR106"])


# --- quotes keep the writer's case --------------------------------------------------------------


def test_quotes_keep_their_case(tmp_path: Path) -> None:
    files = copy.deepcopy({k: v for k, v in BASE.items() if k.startswith("okrs/")})
    sales = files["okrs/2026-Q4/sales.yaml"]["objectives"][0]
    sales["title"] = "Ship the features that enable 3x growth in ARR"
    sales["key_results"][0]["title"] = "Investor Network referral program is defined and shared"
    sales["key_results"][0].pop("baseline")
    sales["key_results"][0].pop("target")
    write_workspace(tmp_path, files)
    messages = [f.message for f in check_workspace(load(tmp_path), select=["OKR201", "OKR204"])]
    assert any("(3x, ARR)" in m for m in messages), messages
    assert any('"Investor Network referral program is defined"' in m for m in messages), messages


# --- OKR402: periods cover the cycle ----------------------------------------------------------


def test_ended_cycle_periods_end_on_the_cycle_end(tmp_path: Path) -> None:
    files = {
        "cycles.yaml": {
            "cycles": [
                {"id": "2026-Q3", "start": date(2018, 4, 1), "end": date(2018, 6, 30), "status": "closed"},
                {"id": "2026-Q4", "start": date(2018, 7, 1), "end": date(2018, 9, 30), "status": "running"},
            ]
        },
        "reviews/2026-Q4/acme.yaml": None,
    }
    write_workspace(tmp_path, files)
    (finding,) = check_workspace(load(tmp_path), select=["OKR402"])
    assert "in any of the 3 periods from 2018-07-01 to 2018-09-30 in cycle 2026-Q4" in finding.message


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
    days=st.integers(min_value=0, max_value=400),
    cadence=st.sampled_from(["monthly", "biweekly"]),
)
def test_review_periods_cover_the_cycle(start: date, days: int, cadence: str) -> None:
    end = start + timedelta(days=days)
    periods = review_periods(start, end, cadence)
    half = 7 if cadence == "biweekly" else 15
    if days + 1 < half:
        assert periods == []
        return
    assert periods[0][0] == start and periods[-1][1] == end
    for (_a, b), (c, _d) in pairwise(periods):
        assert c == b + timedelta(days=1)  # contiguous, no day left out
    for first, last in periods:
        assert half <= (last - first).days + 1 <= (45 if cadence == "monthly" else 20)


def test_every_word_list_entry_is_text() -> None:
    """YAML reads a bare `off`, `on`, `no` or `yes` as a boolean: every entry must be quoted text."""
    from importlib import resources

    import yaml

    data = yaml.safe_load(resources.files("rollout.rules").joinpath("words.yaml").read_text(encoding="utf-8"))
    for name, entries in data.items():
        for entry in entries or ():
            assert isinstance(entry, str), (name, entry)
