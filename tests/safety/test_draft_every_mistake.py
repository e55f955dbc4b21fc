"""`draft --answers`: every mistake inside one objective entry is reported in the same run.

Found by a fresh-eyes run: a file with seven mistakes took four runs to fix, because the
checks of one objective stopped at its first mistake (owner, then priority, then a key
result's owner …).
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import WorkspaceFactory
from tests.safety.conftest import Run


def test_all_mistakes_of_one_objective_at_once(make_ws: WorkspaceFactory, rollout: Run, tmp_path: Path) -> None:
    root = make_ws()
    before = {p: p.read_bytes() for p in root.rglob("*.yaml")}
    answers = tmp_path / "draft.yaml"
    answers.write_text(
        "units:\n"
        "  sales:\n"
        "    - title: Win back the shippers we lost last year\n"
        "      owner: nobody\n"
        "      priority: Unknown priority\n"
        "      parent: No such parent objective\n"
        "      contributors: [no-such-unit]\n"
        "      key_results:\n"
        "        - title: Raise the win-back rate from 10% to 30%\n"
        "          direction: increase\n"
        "          baseline: 10\n"
        "          target: 30\n"
        "          owner: Pieter de Groot\n"
    )
    code, out = rollout("draft", "-w", str(root), "--answers", str(answers))
    assert code == 2, out
    for where, what in [
        (":4:7: units.sales[0].owner", "unknown person 'nobody'"),
        (":5:7: units.sales[0].priority", "unknown priority 'Unknown priority'"),
        (":6:7: units.sales[0].parent", "no objective 'No such parent objective'"),
        ("units.sales[0].contributors", "unknown unit 'no-such-unit'"),
        (":13:11: units.sales[0].key_results[0].owner", "unknown person 'Pieter de Groot'"),
    ]:
        assert f"{where}: {what}" in out, (where, out)
    assert "5 problems in the answers file" in out
    assert {p: p.read_bytes() for p in root.rglob("*.yaml")} == before


def test_next_refuses_a_cycle_id_at_its_line(tmp_path: Path, rollout: Run) -> None:
    from tests.builders import two_quarters

    root = two_quarters().write(tmp_path / "ws")
    before = {p: p.read_bytes() for p in root.rglob("*.yaml")}
    answers = tmp_path / "next.yaml"
    answers.write_text("name: The next quarter\nid: 2027 Q1\n")
    code, out = rollout("next", "2026-Q4", "-w", str(root), "--answers", str(answers))
    assert code == 2, out
    assert "next.yaml:2:1: id: '2027 Q1' is not a valid cycle id" in out, out
    assert "refusing to write" not in out
    assert {p: p.read_bytes() for p in root.rglob("*.yaml")} == before
