"""Guided drafting: answers files, live findings (rewrite or keep with a reason), saving, editing."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from rollout.errors import Aborted
from rollout.flows import drafting
from rollout.workspace import load
from tests.conftest import WorkspaceFactory
from tests.flows.conftest import CTRL_C, DOWN, ENTER, call, piped

ERASE = "\x7f" * 80


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text).lstrip())
    return path


COMPANY_AND_DEPARTMENT = """
    priorities:
      - Win the mid-market
      - title: Run a reliable network
        description: On time, every time.
    units:
      sales:
        - title: Turn the pipeline into revenue we can plan on
          parent: mini-win-mid-market
          key_results:
            - title: Raise the forecast accuracy of the weekly pipeline from 70% to 90%
              metric: Forecast accuracy
              direction: increase
              baseline: 70
              target: 90
              unit_of_measure: "%"
            - title: Hold weekly pipeline reviews
              keep: {OKR201: The board asked for the reviews explicitly}
      mini:
        - id: mini-win-mid-market
          title: Become the supplier mid-market buyers recommend
          priority: win-the-mid-market
          key_results:
            - {title: Raise NPS from 30 to 45, metric: NPS, direction: increase, baseline: 30, target: 45}
"""


def test_answers_draft_company_first_then_departments(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_ws(
        **{"okrs/2027-Q1/mini.yaml": None, "okrs/2027-Q1/sales.yaml": None, "checkins/2027-Q1/sales.yaml": None}
    )
    answers = write(tmp_path / "draft.yaml", COMPANY_AND_DEPARTMENT)
    code, out, err = call(["draft", "-w", str(root), "--answers", str(answers)], capsys)
    assert code == 0, err
    assert "Drafted 2 objectives in 2027-Q1, added 2 priorities" in out
    assert "OKR103" in out  # two key results: the finding is reported, not hidden
    ws = load(root)
    assert [p.id for p in ws.priorities.values()] == ["win-the-mid-market", "run-a-reliable-network"]
    company = ws.objectives["mini-win-mid-market"]
    assert company.priority == "win-the-mid-market" and company.owner == "ana"  # the unit's owner by default
    sales = ws.objectives_in("2027-Q1", "sales")[0]
    assert sales.id == "sales-turn-pipeline-into" and sales.parent == "mini-win-mid-market"
    kr1, kr2 = sales.key_results
    assert (kr1.id, kr1.direction, kr1.baseline, kr1.target, str(kr1.due)) == (
        f"{sales.id}-kr1",
        "increase",
        70,
        90,
        "2027-03-31",
    )
    assert [(s.rule, s.reason) for s in kr2.suppress] == [("OKR201", "The board asked for the reviews explicitly")]


def test_answers_push_back_past_five_priorities(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_ws()
    answers = write(tmp_path / "draft.yaml", "priorities: [one, two, three, four, five, six]\n")
    code, _out, err = call(["draft", "-w", str(root), "--answers", str(answers)], capsys)
    assert code == 2 and "6 priorities" in err and "allow_many_priorities" in err
    assert not (root / "priorities.yaml").exists()


def test_answers_mistakes_name_the_field_and_change_nothing(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_ws()
    before = {p: p.read_text() for p in root.rglob("*.yaml")}
    for text, message in [
        ("units:\n  sales:\n    - title: X\n      parent: nope\n", "units.sales[0].parent: no objective 'nope'"),
        (
            "units:\n  sales:\n    - title: X\n      key_results: [{title: Y, direction: up}]\n",
            "key_results[0].direction",
        ),
        ("units:\n  nowhere: []\n", "units.nowhere: unknown unit"),
        ("units:\n  sales:\n    - title: X\n      keep: {OKR201: ''}\n", "keeping a finding needs a reason"),
        ("units: [", "draft.yaml:2:1: the file ends inside a list in [ ] or a mapping in { }"),
        (  # the first objective is fine, the second is not: neither is written, nor the priority
            "priorities: [Grow]\nunits:\n  sales:\n    - title: Good one\n    - title: X\n      owner: ghost\n",
            "units.sales[1].owner: unknown person 'ghost'",
        ),
    ]:
        answers = write(tmp_path / "draft.yaml", text)
        code, _out, err = call(["draft", "-w", str(root), "--answers", str(answers)], capsys)
        assert code == 2 and message in err, err
    assert {p: p.read_text() for p in root.rglob("*.yaml")} == before


def test_editing_an_objective_keeps_comments(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_ws()
    path = root / "okrs/2027-Q1/sales.yaml"
    path.write_text(path.read_text().replace("key_results:", "# agreed with Ana on 12 Jan\n    key_results:", 1))
    answers = write(
        tmp_path / "draft.yaml",
        """
        units:
          sales:
            - id: sales-pipeline
              title: Build a pipeline the whole company can trust
              parent: win-mid-market
              key_results:
                - id: sales-pipeline-kr1
                  title: Grow qualified pipeline from 2.0 to 3.5 MEUR
                  direction: increase
                  baseline: 2.0
                  target: 3.5
        """,
    )
    code, _out, err = call(["draft", "-w", str(root), "--answers", str(answers)], capsys)
    assert code == 0, err
    text = path.read_text()
    assert "# agreed with Ana on 12 Jan" in text and "Build a pipeline the whole company can trust" in text
    ws = load(root)
    assert len(ws.objectives_in("2027-Q1", "sales")) == 1 and ws.checkins["sales-pipeline-kr1"]


def _kr(title: str, metric: str, baseline: str, target: str) -> list[str]:
    return [title + ENTER, metric + ENTER, ENTER, baseline + ENTER, target + ENTER, "%" + ENTER, ENTER, ENTER]


def test_interactive_objective_rewrite_and_keep(make_ws: WorkspaceFactory) -> None:
    root = make_ws()
    ws = load(root)
    session = drafting.Session.open(root, ws, ws.cycles["2027-Q1"])
    keys = [
        "Cut lost deals by 20%" + ENTER,  # OKR204: a metric in the objective
        ENTER,  # rewrite (the default)
        ERASE + "Win the deals we deserve to win" + ENTER,
        ENTER,  # owner: the unit's owner
        ENTER,  # supports the company objective (first choice)
        # key result 1 is an activity: keep it, with a reason
        "Hold weekly pipeline reviews" + ENTER, DOWN + ENTER, "Asked for by the board" + ENTER,
        "Reviews held" + ENTER, DOWN + DOWN + ENTER, ENTER, ENTER,  # milestone: no baseline or target asked
        *_kr("Raise the win rate of qualified deals from 22% to 30%", "Win rate", "22", "30"),
        *_kr("Raise the share of deals from referrals from 8% to 15%", "Referral share", "8", "15"),
        "n",  # no fourth key result
    ]  # fmt: skip
    with piped(*keys):
        record = drafting.draft_objective(session, "sales", "department 1 of 1 · objective 2 of 2")
    assert record["title"] == "Win the deals we deserve to win" and record["parent"] == "win-mid-market"
    saved = yaml.safe_load((root / "okrs/2027-Q1/sales.yaml").read_text())["objectives"]
    assert [o["id"] for o in saved] == ["sales-pipeline", record["id"]]
    kr1, kr2, _kr3 = saved[1]["key_results"]
    assert kr1["direction"] == "milestone" and kr1["suppress"] == [
        {"rule": "OKR201", "reason": "Asked for by the board"}
    ]
    assert (kr2["baseline"], kr2["target"], kr2["unit_of_measure"], kr2["owner"]) == (22, 30, "%", "ben")
    assert "suppress" not in saved[1]  # the rewritten title needed no suppression
    assert load(root).objectives[record["id"]].key_results[2].title.startswith("Raise the share")


def test_cross_functional_objective_and_ctrl_c_keeps_what_was_saved(make_ws: WorkspaceFactory) -> None:
    root = make_ws()
    ws = load(root)
    session = drafting.Session.open(root, ws, ws.cycles["2027-Q1"])
    keys = [
        "Answer every delivery question on the first call" + ENTER,
        ENTER,
        DOWN + DOWN + ENTER,  # cross-functional (after the company objective and bottom-up)
        *_kr("Raise first-call resolution from 60% to 80%", "First-call resolution", "60", "80"),
        *_kr("Cut repeat calls from 18% to 10%", "Repeat calls", "18", "10"),
        *_kr("Raise caller satisfaction from 70% to 85%", "CSAT", "70", "85"),
        "n",
        "Second objective" + CTRL_C,
    ]
    with piped(*keys), pytest.raises(Aborted):
        drafting.draft_objective(session, "sales", "objective 2")
        drafting.draft_objective(session, "sales", "objective 3")
    ws = load(root)
    objectives = ws.objectives_in("2027-Q1", "sales")
    assert len(objectives) == 2 and objectives[1].alignment == "cross_functional"
    decrease = objectives[1].key_results[1]
    assert (decrease.baseline, decrease.target) == (18, 10)


def test_draft_without_terminal_exits_at_once(demo_source: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "rollout", "draft", "-w", str(demo_source)],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode != 0 and "--answers" in result.stderr


def test_editing_puts_new_keys_in_place_and_writes_changed_values_plainly(
    make_ws: WorkspaceFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A parent added to an objective goes above its key results; a changed value loses the old value's quotes."""
    root = make_ws(
        **{
            "okrs/2027-Q1/sales.yaml": """
                objectives:
                  - id: sales-pipeline
                    title: Build a pipeline we can trust
                    owner: ben
                    alignment: bottom_up
                    key_results:
                      - id: sales-pipeline-kr1
                        title: Grow qualified pipeline from 2.0 to 3.5
                        direction: increase
                        baseline: 2.0
                        target: 3.5
                        unit_of_measure: '%'
                        owner: ben
            """
        }
    )
    answers = write(
        tmp_path / "draft.yaml",
        """
        units:
          sales:
            - id: sales-pipeline
              title: Build a pipeline we can trust
              parent: win-mid-market
              key_results:
                - id: sales-pipeline-kr1
                  title: Grow qualified pipeline from 2.0 to 3.5
                  direction: increase
                  baseline: 2.0
                  target: 3.5
                  unit_of_measure: EUR millions
        """,
    )
    code, _out, err = call(["draft", "-w", str(root), "--answers", str(answers)], capsys)
    assert code == 0, err
    lines = (root / "okrs/2027-Q1/sales.yaml").read_text().splitlines()
    keys = [line.strip().split(":")[0] for line in lines if line.startswith("    ") and not line.startswith("     ")]
    assert keys[:4] == ["title", "owner", "parent", "key_results"], lines
    assert "        unit_of_measure: EUR millions" in lines and "alignment" not in "\n".join(lines)
    assert load(root).objectives["sales-pipeline"].parent == "win-mid-market"
