"""No pydantic wording reaches a person (issue 13 leftovers, item 5).

A batch of bad inputs (workspace files, answers files, flags, spreadsheets) runs through the
CLI; each must be refused with a message, and the output of all of them is searched for
pydantic's own phrases. Every path that turns a validation error into a message goes through
:mod:`rollout.workspace.messages`; add a case here for any new one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import MINI, WorkspaceFactory
from tests.safety.conftest import Run

PYDANTIC_ISMS = re.compile(
    r"Input should|Value error|Assertion failed|type=|errors\.pydantic\.dev|valid dictionary|"
    r"unable to parse|String should|should have at (most|least)|validation error for|Field required|"
    r"Extra inputs are not permitted|literal_error|\[type",
)


def _edit(name: str, old: str, new: str) -> tuple[str, str]:
    assert old in MINI[name], old
    return name, MINI[name].replace(old, new, 1)


# Workspace files with a wrong value (validate, check and status read them).
WORKSPACE_CASES: dict[str, tuple[str, str]] = {
    "number as text": _edit("checkins/2027-Q1/sales.yaml", "value: 2.2", "value: 'lots'"),
    "number in quotes": _edit("checkins/2027-Q1/sales.yaml", "value: 2.2", "value: '2.2'"),
    "kind misspelled": _edit("units.yaml", "kind: department", "kind: departmnt"),
    "bad email": _edit("people.yaml", "name: Ben Okoro", "name: Ben Okoro\n            email: ben at mini"),
    "not a calendar day": _edit("cycles.yaml", "end: 2027-03-31", "end: 2027-02-30"),
    "a list for a name": _edit("people.yaml", "name: Ana Lima", "name: [Ana, Lima]"),
    "a mapping expected": ("people.yaml", "people:\n  - just a name\n"),
    "missing title": _edit("okrs/2027-Q1/mini.yaml", "title: Become the supplier mid-market buyers recommend\n", ""),
    "too long": _edit("units.yaml", "name: Sales", "name: " + "S" * 300),
    "weight out of range": _edit("okrs/2027-Q1/sales.yaml", "owner: ben\n", "owner: ben\n                weight: -1\n"),
    "confidence out of range": _edit("checkins/2027-Q1/sales.yaml", "confidence: 7", "confidence: 12"),
    "bad id": _edit("people.yaml", "id: ben", "id: Ben Okoro"),
    "bad language": _edit("rollout.yaml", "as_of: 2027-02-15", "as_of: 2027-02-15\n        language: English"),
    "unknown key": _edit("cycles.yaml", "status: running", "status: running\n            colour: red"),
    "score bands": _edit("rollout.yaml", "as_of: 2027-02-15", "as_of: 2027-02-15\n        scoring: {strong: 0.3}"),
}

# Answers files and flags, each run on the valid workspace.
ANSWERS = {
    "review": "date: 2027-02-01\nattendees: [ana, nobody]\nnotes: 5\nrisks: {a: b}\n",
    "close": "overrides:\n  - {kr: sales-pipeline-kr1, score: high, reason: ''}\n  - {kr: nope, score: 2}\n"
    "default_decision: finished\n",
    "draft": "units:\n  sales:\n    - title: " + "T" * 400 + "\n      key_results: [{title: X, direction: upward}]\n",
    "next": "ids: [a, b]\nmet_as_health_metrics: 'yes'\nname: 5\n",
}


def _words(line: str) -> list[str]:
    return line.split(" ")


FLAGS = [
    [
        *_words("checkin sales -w {ws} --value sales-pipeline-kr1=2.4 --date 2027-01-25 --note"),
        "sales-pipeline-kr1=" + "N" * 6000,
    ],
    ["people", "add", "Cy Young", "-w", "{ws}", "--email", "cy at mini"],
    ["units", "add", "X" * 200, "--parent", "mini", "-w", "{ws}"],
    [*_words("phases add -w {ws} --id pilot --name Pilot --strategy broad --unit sales --entry"), ""],
]
SHEETS = {
    "import.csv": "cycle,unit,objective,key_result,baseline,target\n2027-Q1,Sales,Win,Grow pipeline,abc,3\n"
    "2027-Q1,Sales," + "W" * 400 + ",Grow,1,2\n",
}


def _check(code: int, out: str) -> None:
    assert code in (1, 2), out
    assert "Traceback" not in out, out
    found = PYDANTIC_ISMS.search(out)
    assert found is None, f"pydantic wording {found.group(0)!r} in:\n{out}"


@pytest.mark.parametrize("name", WORKSPACE_CASES)
def test_workspace_values_are_refused_in_plain_words(make_ws: WorkspaceFactory, rollout: Run, name: str) -> None:
    file, text = WORKSPACE_CASES[name]
    root = make_ws(**{file: text} if "/" in file else {file.replace(".yaml", "_yaml"): text})
    for command in (["validate", str(root)], ["check", str(root)], ["status", str(root)]):
        _check(*rollout(*command))


@pytest.mark.parametrize("kind", ANSWERS)
def test_answers_files_are_refused_in_plain_words(
    make_ws: WorkspaceFactory, rollout: Run, tmp_path: Path, kind: str
) -> None:
    root = make_ws()
    answers = tmp_path / f"{kind}.yaml"
    answers.write_text(ANSWERS[kind])
    command = {
        "review": ["review", "sales", "-w", str(root), "--answers", str(answers)],
        "close": ["close", "2027-Q1", "-w", str(root), "--answers", str(answers)],
        "draft": ["draft", "-w", str(root), "--answers", str(answers)],
        "next": ["next", "2027-Q1", "-w", str(root), "--answers", str(answers)],
    }[kind]
    code, out = rollout(*command)
    _check(code, out)
    assert str(answers) in out  # named by file (and line, see tests/flows)


@pytest.mark.parametrize("flags", FLAGS, ids=lambda f: " ".join(f[:2]))
def test_flags_are_refused_in_plain_words(make_ws: WorkspaceFactory, rollout: Run, flags: list[str]) -> None:
    root = make_ws()
    _check(*rollout(*[part.replace("{ws}", str(root)) for part in flags]))


@pytest.mark.parametrize("name", SHEETS)
def test_sheets_are_refused_in_plain_words(make_ws: WorkspaceFactory, rollout: Run, tmp_path: Path, name: str) -> None:
    root = make_ws()
    sheet = tmp_path / name
    sheet.write_text(SHEETS[name])
    _check(*rollout("import", str(sheet), "-w", str(root)))


def test_several_mistakes_of_one_answers_file_are_reported_together(
    make_ws: WorkspaceFactory, rollout: Run, tmp_path: Path
) -> None:
    """Item 4: the flow's own checks (unknown person, key result, score out of range …) all at once."""
    root = make_ws()
    before = {p: p.read_bytes() for p in root.rglob("*.yaml")}
    answers = tmp_path / "close.yaml"
    answers.write_text(
        "overrides:\n"
        "  - {kr: nope, score: 0.5, reason: r}\n"
        "  - {kr: sales-pipeline-kr1, score: 1.5, reason: r}\n"
        "decisions:\n  ghost: completed\n"
        "default_decision: completed\n"
        "lessons:\n  atlantis: [x]\n"
    )
    code, out = rollout("close", "2027-Q1", "-w", str(root), "--answers", str(answers))
    assert code == 2, out
    for expected in (
        ":2:6: overrides[0].kr: no key result 'nope' in 2027-Q1",
        ":3:30: overrides[1].score: 1.5 is not between 0.0 and 1.0",
        ":5:3: decisions.ghost: no objective 'ghost' in 2027-Q1",
        ":8:3: lessons.atlantis: unknown unit 'atlantis'",
    ):
        assert expected in out, out
    assert "4 problems in the answers file" in out
    assert {p: p.read_bytes() for p in root.rglob("*.yaml")} == before


def test_a_draft_reports_each_objective_once_and_not_its_children(
    make_ws: WorkspaceFactory, rollout: Run, tmp_path: Path
) -> None:
    """Item 4 in `draft`: every refused objective at once; a child of a refused one is not refused again."""
    root = make_ws()
    before = {p: p.read_bytes() for p in root.rglob("*.yaml")}
    answers = tmp_path / "draft.yaml"
    answers.write_text(
        "units:\n"
        "  mini:\n"
        "    - title: Become the supplier buyers recommend\n"
        "      owner: nobody\n"
        "  sales:\n"
        "    - title: Grow a pipeline we trust\n"
        "      parent: Become the supplier buyers recommend\n"
        "    - title: Forecast what we will really sell\n"
        "      owner: ghost\n"
    )
    code, out = rollout("draft", "-w", str(root), "--answers", str(answers))
    assert code == 2, out
    assert ":4:7: units.mini[0].owner: unknown person 'nobody'" in out, out
    assert ":9:7: units.sales[1].owner: unknown person 'ghost'" in out, out
    assert "2 problems in the answers file" in out and "no objective" not in out
    assert {p: p.read_bytes() for p in root.rglob("*.yaml")} == before


def test_a_pasted_note_without_its_key_result_is_not_echoed_whole(make_ws: WorkspaceFactory, rollout: Run) -> None:
    root = make_ws()
    code, out = rollout(
        "checkin", "sales", "-w", str(root), "--value", "sales-pipeline-kr1=2.4", "--date", "2027-01-25",
        "--note", "N" * 6000,
    )  # fmt: skip
    assert code == 2 and "expected KR=VALUE" in out and len(out) < 400, out
