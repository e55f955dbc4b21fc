"""A key result renamed in its OKR file but not in its check-ins is one problem, not one per check-in.

Issue 13, class 10 (one root cause, one error); found by a fresh-eyes run: renaming
``hr-hire-frontline-kr2`` gave 8 "unknown key result" errors.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.errors import LoadError
from rollout.workspace import load


def test_many_references_to_one_undefined_id_are_one_problem(demo_copy: Path) -> None:
    okrs = demo_copy / "okrs/2026-Q4/hr.yaml"
    okrs.write_text(okrs.read_text().replace("id: hr-hire-frontline-kr2\n", "id: hr-hire-frontline-kr9\n"))
    uses = (demo_copy / "checkins/2026-Q4/hr.yaml").read_text().count("kr: hr-hire-frontline-kr2\n")
    assert uses > 2
    with pytest.raises(LoadError) as caught:
        load(demo_copy)
    problems = caught.value.problems
    assert len(problems) == 1, [p.message for p in problems]
    only = problems[0]
    assert only.file == "checkins/2026-Q4/hr.yaml" and only.line > 0
    assert "unknown key result 'hr-hire-frontline-kr2'" in only.message
    assert f"{uses - 1} more references to it" in only.message


def test_two_undefined_ids_stay_two_problems(demo_copy: Path) -> None:
    okrs = demo_copy / "okrs/2026-Q4/hr.yaml"
    text = okrs.read_text()
    text = text.replace("id: hr-hire-frontline-kr2\n", "id: hr-hire-frontline-kr9\n")
    text = text.replace("id: hr-hire-frontline-kr1\n", "id: hr-hire-frontline-kr8\n")
    okrs.write_text(text)
    with pytest.raises(LoadError) as caught:
        load(demo_copy)
    assert len(caught.value.problems) == 2


def test_references_under_a_duplicate_id_may_be_meant_for_either_record(demo_copy: Path) -> None:
    people = demo_copy / "people.yaml"
    text = people.read_text()
    ids = [line.split("id: ", 1)[1] for line in text.splitlines() if line.startswith("- id: ")]
    people.write_text(
        text.replace(f"- id: {ids[0]}\n", f"- id: {ids[1]}\n", 1)
    )  # the first person now has the second's id
    with pytest.raises(LoadError) as caught:
        load(demo_copy)
    (only,) = caught.value.problems
    assert f"duplicate person id {ids[1]!r}" in only.message
    # the record whose name gives the undefined id is named (fresh-eyes item 5), not the untouched one
    edited = people.read_text().splitlines().index(f"- id: {ids[1]}") + 1
    name = ids[0].replace("-", " ")
    assert only.message.lower().endswith(f"may be meant for the one at people.yaml:{edited} ({name})"), only.message
