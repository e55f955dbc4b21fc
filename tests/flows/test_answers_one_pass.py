"""An answers file is checked in one pass: every problem in one run, in the loader's format.

The examples are the fresh-eyes report's (``draft``, ``close``, ``review``, ``next``): each file
holds mistakes of the shape (a wrong type, an unknown key) and of the references (an unknown
person, unit, objective or key result); one run lists them all at ``file:line:col``, exits 2
and changes nothing.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from tests.clirun import run_cli

_PLACE = re.compile(r"^(?P<file>\S+?):(?P<line>\d+):(?P<col>\d+): (?P<rest>.*)$")


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".rollout" not in p.parts and "build" not in p.parts
    }


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _problems(stderr: str, path: Path) -> list[str]:
    """The ``file:line:col: field: message`` lines of one answers file, checked for the one format."""
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert lines[-1].startswith(f"error: {len(lines) - 1} problem"), stderr
    assert lines[-1].endswith("; nothing was changed"), stderr
    for line in lines[:-1]:
        match = _PLACE.match(line)
        assert match and match["file"] == str(path), line
    assert "Error:" not in stderr and "Traceback" not in stderr
    return lines[:-1]


def _run_refused(root: Path, path: Path, *args: str) -> list[str]:
    before = _snapshot(root)
    ran = run_cli(*args, "-w", root, "--answers", path)
    assert ran.returncode == 2, ran
    assert _snapshot(root) == before
    assert "OKR" not in ran.stdout, "no quality findings before the file's own problems"
    return _problems(ran.stderr, path)


def test_draft_lists_shape_and_reference_problems_in_one_run(demo_copy: Path, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "d1.yaml",
        """\
        priorities: [Win the mid-market]
        units:
          HR:
            - title: Improve things
              key_results:
                - title: Do stuff
                  direction: up
                  baseline: ten
          nosuchunit:
            - title: Something
          sales:
            - title: Win the mid-market shippers we lost last year
              priority: Unknown priority
              key_results:
                - title: Raise win-back rate from 10% to 30%
                  metric: Win-back rate
                  direction: increase
                  baseline: 10
                  target: 30
                  owner: Pieter de Groot
        """,
    )
    found = _run_refused(demo_copy, path, "draft")
    text = "\n".join(found)
    assert len(found) == 6, text
    assert ":7:" in text and "direction: expected one of 'increase'" in text
    assert ":8:" in text and "baseline: expected a number, not 'ten'" in text
    assert "units.HR: unknown unit 'HR'; did you mean 'hr' (People & HR)?" in text
    assert "units.nosuchunit: unknown unit 'nosuchunit'" in text
    assert "unknown priority 'Unknown priority'" in text
    assert "unknown person 'Pieter de Groot'; did you mean 'pieter-de-groot'" in text


def test_close_lists_every_problem_in_one_run(demo_copy: Path, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "c1.yaml",
        """\
        overrides:
          - kr: hr-hire-frontline-kr9
            score: 0.8
            reason: finance data late
          - kr: hr-hire-frontline-kr1
            score: 1.5
          - kr: hr-hire-frontline-kr2
            score: high
            reason: ok
        decisions:
          hr-hire-frontline: carry_over
          hr-nonexistent: dropped
          hr-first-months: Completed
        default_decision: refine
        lessons:
          - Good lesson
          -
          - 3
        """,
    )
    found = _run_refused(demo_copy, path, "close", "2026-Q4")
    text = "\n".join(found)
    for expected in (
        "overrides[0].kr: no key result 'hr-hire-frontline-kr9' in 2026-Q4",
        "overrides[1].score: 1.5 is not between 0.0 and 1.0",
        "overrides[1].reason: an override needs a reason",
        "overrides[2].score: expected a number, not 'high'",
        "decisions.hr-hire-frontline: expected one of",
        "did you mean 'carried_over'?",
        "decisions.hr-nonexistent: no objective 'hr-nonexistent' in 2026-Q4",
        "did you mean 'completed'?",
        "default_decision: expected one of",
        "lessons[1]: this item is empty: write the text after the '- ', or delete the line",
        "lessons[2]: expected text, not the number 3",
    ):
        assert expected in text, (expected, text)
    assert len(found) == 10, text
    # kr9 is as close to kr1 as to kr4: no guess.
    assert "kr9' in 2026-Q4;" not in text


def test_review_lists_every_problem_and_names_the_date_line(demo_copy: Path, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "r1.yaml",
        """\
        date: 2026-11-31
        attendees: [annika-brandt, Tomasz Wrona, bob-unknown]
        notes: |
          Monthly review.
        decisions:
          - Decide things
          - 42
        extra: yes
        """,
    )
    found = _run_refused(demo_copy, path, "review", "hr")
    text = "\n".join(found)
    assert len(found) == 5, text
    assert f"{path}:1:1: date: '2026-11-31' is not a day of the calendar" in text
    assert "attendees[1]: unknown person 'Tomasz Wrona'; did you mean 'tomasz-wrona' (Tomasz Wrona)?" in text
    assert "attendees[2]: unknown person 'bob-unknown'" in text
    assert "decisions[1]: expected text, not the number 42" in text
    assert "extra: unknown key" in text

    outside = _write(tmp_path, "r3.yaml", "date: 2027-02-01\nnotes: x\n")
    (line,) = _run_refused(demo_copy, outside, "review", "hr")
    assert line.startswith(f"{outside}:1:1: date: 2027-02-01 is outside cycle 2026-Q4")
    assert "change `date:`" in line and "--date" not in line


def test_next_reports_a_bad_cycle_id_with_the_other_mistakes(demo_copy: Path, tmp_path: Path) -> None:
    close = _write(tmp_path, "c3.yaml", "default_decision: carried_over\nlessons: [ok]\n")
    assert run_cli("close", "2026-Q4", "-w", demo_copy, "--answers", close).returncode == 0
    path = _write(
        tmp_path,
        "n3.yaml",
        """\
        id: 2027 Q1
        ids:
          hr-hire-frontline: HR-Hiring
          hr-nonexistent: x
        vaule: 1
        """,
    )
    found = _run_refused(demo_copy, path, "next", "2026-Q4")
    text = "\n".join(found)
    assert len(found) == 4, text
    assert f"{path}:1:1: id: '2027 Q1' is not a valid cycle id" in text
    assert "ids.hr-hire-frontline: 'HR-Hiring' is not a valid id" in text
    assert "ids.hr-nonexistent: no objective 'hr-nonexistent' in 2026-Q4" in text
    assert "refusing to write" not in text and "cycles[" not in text


def test_one_problem_reads_like_many(demo_copy: Path, tmp_path: Path) -> None:
    """A single mistake found by a flow is shown in the same format as a list of them."""
    path = _write(tmp_path, "r4.yaml", "attendees: [nobody-here]\nnotes: x\n")
    (line,) = _run_refused(demo_copy, path, "review", "hr")
    assert line == f"{path}:1:13: attendees[0]: unknown person 'nobody-here'"


def test_review_of_an_unknown_unit_points_to_units_list(demo_copy: Path, tmp_path: Path) -> None:
    path = _write(tmp_path, "r2.yaml", "notes: x\n")
    ran = run_cli("review", "nosuch", "-w", demo_copy, "--answers", path)
    assert ran.returncode == 2
    assert "`rollout units list`" in ran.stderr and "rollout validate" not in ran.stderr
    ran = run_cli("review", "HR", "-w", demo_copy, "--answers", path)
    assert "did you mean 'hr' (People & HR)?" in ran.stderr
