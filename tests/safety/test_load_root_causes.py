"""One root cause, one error; limits; the calendar; wrong types (issue 13, items 10-12)."""

from __future__ import annotations

import pytest

from rollout.errors import LoadError
from rollout.workspace import load
from tests.conftest import WorkspaceFactory


def _problems(root: object) -> list[str]:
    with pytest.raises(LoadError) as info:
        load(root)  # type: ignore[arg-type]
    return [str(p) for p in info.value.problems]


PEOPLE_BAD_EMAIL = """
people:
  - id: ana
    name: Ana Lima
    email: ana at example.org
  - id: ben
    name: Ben Okoro
"""


def test_an_invalid_email_is_one_error_not_every_owner(make_ws: WorkspaceFactory) -> None:
    problems = _problems(make_ws(people_yaml=PEOPLE_BAD_EMAIL))
    assert len(problems) == 1, problems
    assert problems[0].startswith("people.yaml:4:5: people[0].email: 'ana at example.org' is not an email address")


def test_a_broken_objective_does_not_orphan_its_children_and_check_ins(make_ws: WorkspaceFactory) -> None:
    broken = """
    objectives:
      - id: win-mid-market
        title: Become the supplier mid-market buyers recommend
        owner: ana
        key_results:
          - id: win-mid-market-kr1
            title: Raise NPS from 30 to 45
            weight: -1
    """
    problems = _problems(make_ws(**{"okrs/2027-Q1/mini.yaml": broken}))
    assert len(problems) == 1, problems
    assert "okrs/2027-Q1/mini.yaml:8:9: objectives[0].key_results[0].weight" in problems[0]


def test_a_broken_unit_is_one_error(make_ws: WorkspaceFactory) -> None:
    units = """
    units:
      - id: mini
        name: Mini Co
        kind: company
        owner: ana
      - id: sales
        name: Sales
        kind: division
        parent: mini
        owner: ben
    """
    problems = _problems(make_ws(units_yaml=units))
    assert len(problems) == 1, problems
    assert problems[0].startswith("units.yaml:8:5: units[1].kind:")


def test_duplicate_ids_name_both_places(make_ws: WorkspaceFactory) -> None:
    people = "people:\n  - id: ana\n    name: Ana Lima\n  - id: ben\n    name: Ben\n  - id: ana\n    name: Ana Again\n"
    problems = _problems(make_ws(people_yaml=people))
    assert problems == ["people.yaml:6:5: people[2].id: duplicate person id 'ana' (first defined at people.yaml:2:5)"]
    sales = """
    objectives:
      - id: win-mid-market
        title: A second objective with the company's id
        owner: ben
    """
    root = make_ws(**{"okrs/2027-Q1/sales.yaml": sales})
    (root / "checkins/2027-Q1/sales.yaml").unlink()
    (root / "people.yaml").write_text("people:\n  - {id: ana, name: Ana}\n  - {id: ben, name: Ben}\n")
    assert _problems(root) == [
        "okrs/2027-Q1/sales.yaml:2:5: objectives[0].id: duplicate objective id 'win-mid-market' "
        "(first defined at okrs/2027-Q1/mini.yaml:2:5)"
    ]


CYCLES_TWO_RUNNING = """
cycles:
  - id: 2026-Q4
    start: 2026-10-01
    end: 2026-12-31
    status: running
  - id: 2027-Q1
    start: 2027-01-01
    end: 2027-03-31
    status: running
"""

CYCLES_OVERLAP = """
cycles:
  - id: 2027-H1
    start: 2027-01-01
    end: 2027-06-30
    status: planned
  - id: 2027-Q1
    start: 2027-01-01
    end: 2027-03-31
    status: running
  - id: 2027-Q2
    start: 2027-04-01
    end: 2027-06-30
"""


def test_two_running_cycles_are_refused(make_ws: WorkspaceFactory) -> None:
    problems = _problems(make_ws(cycles_yaml=CYCLES_TWO_RUNNING))
    assert problems == [
        "cycles.yaml:9:5: cycles[1].status: 2027-Q1 and 2026-Q4 (at cycles.yaml:5:5) are both running; only one "
        "cycle runs at a time: close the earlier one with `rollout close`, or mark this one planned"
    ]


def test_overlapping_cycles_are_refused(make_ws: WorkspaceFactory) -> None:
    problems = _problems(make_ws(cycles_yaml=CYCLES_OVERLAP))
    assert len(problems) == 2, problems
    assert problems[1].startswith("cycles.yaml:11:5: cycles[2].start: 2027-Q2 starts on 2027-04-01, before 2027-H1")
    assert problems[0].startswith("cycles.yaml:7:5: cycles[1].start: 2027-Q1 starts on 2027-01-01, before 2027-H1")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "x" * 301, "too long: 301 characters, at most 300"),
        ("description", "y" * 20_001, "too long: 20001 characters, at most 20000"),
    ],
)
def test_size_limits_are_checked_at_load(make_ws: WorkspaceFactory, field: str, value: str, message: str) -> None:
    okrs = f"objectives:\n  - id: win-mid-market\n    title: Win\n    owner: ana\n    {field}: {value}\n"
    if field == "title":
        okrs = f"objectives:\n  - id: win-mid-market\n    title: {value}\n    owner: ana\n"
    problems = _problems(make_ws(**{"okrs/2027-Q1/mini.yaml": okrs}))
    assert any(message in p and "okrs/2027-Q1/mini.yaml:" in p for p in problems), problems


def test_a_long_unit_name_and_a_huge_check_in_note_are_refused(make_ws: WorkspaceFactory) -> None:
    units = "units:\n  - id: mini\n    name: " + "M" * 500 + "\n    kind: company\n    owner: ana\n"
    units += "  - {id: sales, name: Sales, kind: department, parent: mini, owner: ben}\n"
    checkins = "checkins:\n  - {kr: sales-pipeline-kr1, date: 2027-01-11, value: 2.2, note: " + "n" * 10_000 + "}\n"
    problems = _problems(make_ws(units_yaml=units, **{"checkins/2027-Q1/sales.yaml": checkins}))
    assert len(problems) == 2, problems
    assert "units.yaml:3:5: units[0].name: too long: 500 characters, at most 120" in problems
    assert any(p.startswith("checkins/2027-Q1/sales.yaml:2:") and "at most 5000" in p for p in problems)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("value: '2.2'", "value"),
        ("value: 2.2, confidence: '7'", "confidence"),
        ("value: true", "value"),
    ],
)
def test_wrong_types_are_errors_never_coerced(make_ws: WorkspaceFactory, text: str, field: str) -> None:
    checkins = f"checkins:\n  - {{kr: sales-pipeline-kr1, date: 2027-01-11, {text}}}\n"
    problems = _problems(make_ws(**{"checkins/2027-Q1/sales.yaml": checkins}))
    assert len(problems) == 1 and f"checkins[0].{field}:" in problems[0], problems


def test_a_number_is_not_a_date(make_ws: WorkspaceFactory) -> None:
    okrs = """
    objectives:
      - id: win-mid-market
        title: Win
        owner: ana
        key_results:
          - {id: win-kr1, title: Raise NPS, due: 20270331, health_metric: 'yes'}
    """
    problems = _problems(make_ws(**{"okrs/2027-Q1/mini.yaml": okrs}))
    assert any("key_results[0].due: expected a date written YYYY-MM-DD" in p for p in problems), problems
    assert any("key_results[0].health_metric: expected true or false, not 'yes'" in p for p in problems), problems


def test_an_unreadable_people_file_is_one_error(make_ws: WorkspaceFactory) -> None:
    problems = _problems(make_ws(people_yaml='people:\n  - {id: ana, name: "Ana \\e[2J"}\n'))
    assert problems == ["people.yaml:2:21: control character U+001B in a text; remove it"]


CYCLES_TWO_QUARTERS = """
cycles:
  - id: 2026-Q4
    start: 2026-10-01
    end: 2026-12-31
    status: closed
  - id: 2027-Q1
    start: 2027-01-01
    end: 2027-03-31
    status: running
"""
PHASES = """
phases:
  - id: {first}
    name: {first}
    strategy: leadership-first
    units: [mini]
    cycles: [{first_cycle}]
  - id: {second}
    name: {second}
    strategy: department-by-department
    units: [mini, sales]
    cycles: [{second_cycle}]
"""


def test_phases_listed_against_their_cycles_are_refused(make_ws: WorkspaceFactory) -> None:
    """fe24 F10: phases.yaml lists the phases in the order they run (the next units of a phase are
    those of the phase below it); listed the other way round, the figures followed the file."""
    reversed_plan = PHASES.format(first="departments", first_cycle="2027-Q1", second="leaders", second_cycle="2026-Q4")
    problems = _problems(make_ws(cycles_yaml=CYCLES_TWO_QUARTERS, phases_yaml=reversed_plan))
    assert problems == [
        "phases.yaml:11:5: phases[1].cycles: phase leaders starts on 2026-10-01, before phase departments listed "
        "above it (at phases.yaml:6:5) starts on 2027-01-01; list the phases in the order they run"
    ]


@pytest.mark.parametrize(("first_cycle", "second_cycle"), [("2026-Q4", "2027-Q1"), ("2027-Q1", "2027-Q1")])
def test_phases_in_the_order_they_run_load(make_ws: WorkspaceFactory, first_cycle: str, second_cycle: str) -> None:
    plan = PHASES.format(first="leaders", first_cycle=first_cycle, second="departments", second_cycle=second_cycle)
    ws = load(make_ws(cycles_yaml=CYCLES_TWO_QUARTERS, phases_yaml=plan))
    assert list(ws.phases) == ["leaders", "departments"]
