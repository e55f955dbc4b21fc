"""One root cause, one error, for checks that need more than one field or record (issue 13 leftovers, item 1).

A model validator's problem is reported at the field it is about; an invalid or duplicate id
is one error, with the references that may have meant it grouped under it; a parent chain
that loops because of a parent refused in its own right is that one error; an objective that
is its own parent is refused at its line. Each fault below gives exactly one problem.
"""

from __future__ import annotations

import pytest

from rollout.errors import LoadError
from rollout.workspace import load
from tests.conftest import MINI, WorkspaceFactory


def _problems(root: object) -> list[str]:
    with pytest.raises(LoadError) as info:
        load(root)  # type: ignore[arg-type]
    return [str(p) for p in info.value.problems]


def _edit(name: str, old: str, new: str) -> dict[str, str]:
    text = MINI[name]
    assert old in text
    return {name.replace(".yaml", "_yaml") if "/" not in name else name: text.replace(old, new, 1)}


FAULTS = {
    # name: (file edits, the one expected problem's start, a word it must contain)
    "invalid unit id": (
        _edit("units.yaml", "- id: sales", "- id: Sales"),
        "units.yaml:6:5: units[1].id: 'Sales' is not a valid id",
        "2 references to undefined unit id 'sales' (first at checkins/2027-Q1/sales.yaml:1:1) may be meant for it",
    ),
    "reserved unit id": (
        _edit("units.yaml", "- id: sales", "- id: con"),
        "units.yaml:6:5: units[1].id: 'con' is a reserved name",
        "undefined unit id 'sales'",
    ),
    "duplicate unit id": (
        _edit("units.yaml", "- id: sales", "- id: mini"),
        "units.yaml:6:5: units[1].id: duplicate unit id 'mini' (first defined at units.yaml:2:5)",
        "undefined unit id 'sales'",
    ),
    "duplicate person id": (
        _edit("people.yaml", "- id: ben", "- id: ana"),
        "people.yaml:4:5: people[1].id: duplicate person id 'ana' (first defined at people.yaml:2:5)",
        "4 references to undefined person id 'ben'",
    ),
    "missing unit id": (
        _edit("units.yaml", "- id: sales\n", "- \n"),
        "units.yaml:",
        "required key is missing",
    ),
    "team without a parent (model validator)": (
        _edit("units.yaml", "kind: department\n            parent: mini\n", "kind: team\n"),
        "units.yaml:6:5: units[1].parent: a team needs a parent unit",
        "",
    ),
    "company with a parent (model validator)": (
        _edit("units.yaml", "kind: company\n", "kind: company\n            parent: sales\n"),
        "units.yaml:5:5: units[0].parent: the company unit has no parent",
        "",
    ),
    "cycle that ends before it starts (model validator)": (
        _edit("cycles.yaml", "end: 2027-03-31", "end: 2026-12-31"),
        "cycles.yaml:4:5: cycles[0].end: end must be after start",
        "",
    ),
    "department under a team makes a loop": (
        {
            "units_yaml": MINI["units.yaml"].replace("parent: mini\n", "parent: ops\n")
            + "\n          - id: ops\n            name: Ops\n            kind: team\n            parent: sales\n"
        },
        "units.yaml:9:5: units[1].parent:",
        "a department's parent must be the company",
    ),
    "invalid key result id": (
        _edit("okrs/2027-Q1/sales.yaml", "- id: sales-pipeline-kr1", "- id: Sales_KR1"),
        "okrs/2027-Q1/sales.yaml:7:9: objectives[0].key_results[0].id: 'Sales_KR1' is not a valid id",
        "undefined key result id 'sales-pipeline-kr1'",
    ),
    "objective that is its own parent": (
        _edit("okrs/2027-Q1/sales.yaml", "parent: win-mid-market", "parent: sales-pipeline"),
        "okrs/2027-Q1/sales.yaml:5:5: objectives[0].parent: an objective cannot be its own parent",
        "",
    ),
    "a bad check-in keeps the others checked": (
        _edit("checkins/2027-Q1/sales.yaml", "value: 2.2", "value: lots"),
        "checkins/2027-Q1/sales.yaml:4:5: checkins[0].value: expected a number, not 'lots'",
        "",
    ),
}


@pytest.mark.parametrize("name", FAULTS)
def test_each_fault_is_exactly_one_error_at_its_field(make_ws: WorkspaceFactory, name: str) -> None:
    edits, start, words = FAULTS[name]
    problems = _problems(make_ws(**edits))
    assert len(problems) == 1, problems
    assert problems[0].startswith(start), problems
    assert words in problems[0]


def test_the_two_units_in_the_loop_are_refused_once(make_ws: WorkspaceFactory) -> None:
    units = MINI["units.yaml"].replace(
        "kind: department\n            parent: mini", "kind: team\n            parent: ops"
    )
    units += "\n          - id: ops\n            name: Ops\n            kind: team\n            parent: sales\n"
    problems = _problems(make_ws(units_yaml=units))
    assert problems == ["units.yaml:15:5: units[2].parent: unit parents form a cycle: ops → sales → ops"]


def test_a_real_unknown_reference_is_still_reported_alone(make_ws: WorkspaceFactory) -> None:
    problems = _problems(make_ws(**_edit("units.yaml", "owner: ben", "owner: cleo")))
    assert problems == ["units.yaml:10:5: units[1].owner: unknown person 'cleo'"]


def test_a_second_bad_check_in_is_reported_with_the_first(make_ws: WorkspaceFactory) -> None:
    checkins = MINI["checkins/2027-Q1/sales.yaml"].replace("value: 2.2", "value: lots")
    checkins += "\n          - kr: sales-pipeline-kr9\n            date: 2027-01-18\n            value: 2.4\n"
    problems = _problems(make_ws(**{"checkins/2027-Q1/sales.yaml": checkins}))
    assert len(problems) == 2, problems
    assert "checkins[1].kr: unknown key result 'sales-pipeline-kr9'" in problems[1]


def test_a_bad_record_of_a_review_file_keeps_the_others_checked(make_ws: WorkspaceFactory) -> None:
    review = (
        "monthly:\n"
        "  - date: 2027-02-01\n"
        "    attendees: [ana, cleo]\n"
        "    notes: Pipeline reviewed\n"
        "scores:\n"
        "  - kr: sales-pipeline-kr1\n"
        "    score: 0.4\n"
        "    override: 0.6\n"
        "lessons: [Fewer objectives]\n"
    )
    problems = _problems(make_ws(**{"reviews/2027-Q1/sales.yaml": review}))
    assert problems == [
        "reviews/2027-Q1/sales.yaml:3:22: monthly[0].attendees[1]: unknown person 'cleo'",
        "reviews/2027-Q1/sales.yaml:6:5: scores[0].reason: an override needs a reason",
    ]
