"""The HR lead's first `rollout draft --answers FILE` and `rollout check` (brief t15).

Each test failed before its fix: a new objective's parent or priority could only be named
by an id nobody can know before the draft runs, the help sent people to a Python module,
and one key result was "1 key results".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from rollout.workspace import load
from tests.flows.conftest import call


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*.yaml"))}


@pytest.fixture
def hr_ws(org_ws: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    for args in (
        ["people", "add", "Maya Chen"],
        ["units", "set-owner", "larkspur", "maya-chen"],
        ["units", "add", "Sales", "--parent", "larkspur", "--owner", "maya-chen"],
    ):
        assert call([*args, "-w", str(org_ws)], capsys)[0] == 0
    return org_ws


KRS = [
    {"title": "Raise shipper NPS from 21 to 40", "direction": "increase", "baseline": 21, "target": 40},
    {"title": "Cut quote turnaround from 48 to 12 hours", "direction": "decrease", "baseline": 48, "target": 12},
    {"title": "Grow repeat bookings from 30% to 45%", "direction": "increase", "baseline": 30, "target": 45},
]


def answers(tmp_path: Path, parent: str, priority: str) -> Path:
    data = {
        "priorities": ["Win the mid-market"],
        "units": {
            "larkspur": [{"title": "Become the carrier mid-market shippers recommend", "priority": priority,
                          "key_results": [dict(kr) for kr in KRS]}],
            "sales": [{"title": "Win back the mid-market shippers we lost", "parent": parent,
                       "key_results": [dict(kr) for kr in KRS]}],
        },
    }  # fmt: skip
    path = tmp_path / "draft.yaml"  # no shared objects: the answers reader refuses YAML aliases
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    return path


def test_parent_and_priority_by_title(hr_ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = answers(tmp_path, "become the carrier mid-market shippers recommend", "Win the mid-market")
    code, _out, err = call(["draft", "--answers", str(file), "-w", str(hr_ws)], capsys)
    assert code == 0, err
    ws = load(hr_ws)
    (company,) = ws.objectives_in("2027-Q1", "larkspur")
    (sales,) = ws.objectives_in("2027-Q1", "sales")
    assert sales.parent == company.id and company.priority == "win-the-mid-market"


def test_an_unknown_parent_names_the_closest_id(
    hr_ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(hr_ws)
    # the id the author guessed from the title; drafting drops filler words
    file = answers(tmp_path, "larkspur-become-carrier-mid-market", "Win the mid-market")
    code, _out, err = call(["draft", "--answers", str(file), "-w", str(hr_ws)], capsys)
    assert code == 2 and "units.sales[0].parent: no objective 'larkspur-become-carrier-mid-market' in 2027-Q1" in err
    assert (
        "did you mean 'larkspur-carrier-mid-market' (Become the carrier mid-market shippers recommend)?" in err
        and "draft the level above first" not in err
    )
    assert snapshot(hr_ws) == before


def test_an_unknown_priority_lists_the_priorities(
    hr_ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(hr_ws)
    file = answers(tmp_path, "Become the carrier mid-market shippers recommend", "mid-market")
    code, _out, err = call(["draft", "--answers", str(file), "-w", str(hr_ws)], capsys)
    assert code == 2 and "unknown priority 'mid-market'" in err
    assert "the priorities: win-the-mid-market (Win the mid-market)" in err
    assert snapshot(hr_ws) == before


def test_the_draft_help_example_is_an_answers_file_that_works(
    hr_ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = call(["draft", "--help"], capsys)
    assert code == 0 and "rollout.flows" not in out  # was: "see rollout.flows.drafting"
    block = out.split("by id or title:\n\n", 1)[1].split("\n\nOptions:", 1)[0]
    text = re.sub(r"acme-freight", "larkspur", "\n".join(line[4:] for line in block.splitlines()))
    data = yaml.safe_load(text)  # the example, copied from the help, is YAML that drafts
    data["units"]["sales"][0]["key_results"] = KRS
    for kr in data["units"]["larkspur"][0]["key_results"]:
        kr["owner"] = "maya-chen"
    path = tmp_path / "from-help.yaml"
    path.write_text(yaml.safe_dump(data))
    code, out, err = call(["draft", "--answers", str(path), "-w", str(hr_ws)], capsys)
    assert code == 0 and "Drafted 2 objectives in 2027-Q1" in out, err


def test_one_key_result_is_singular(hr_ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = {"units": {"larkspur": [{"title": "Become the carrier mid-market shippers recommend",
                                    "key_results": KRS[:1]}]}}  # fmt: skip
    path = tmp_path / "one.yaml"
    path.write_text(yaml.safe_dump(data))
    assert call(["draft", "--answers", str(path), "-w", str(hr_ws)], capsys)[0] == 0
    _code, out, _err = call(["check", str(hr_ws)], capsys)
    assert "Objective has 1 key result; aim for at least 3." in out and "1 key results" not in out


def test_a_priority_with_a_reserved_name_gets_a_valid_id(
    hr_ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump({"priorities": ["Index"]}))
    code, _out, err = call(["draft", "--answers", str(path), "-w", str(hr_ws)], capsys)
    assert code == 0, err  # was: priorities.yaml refused, "'index' is a reserved name"
    assert "index-priority" in load(hr_ws).priorities
