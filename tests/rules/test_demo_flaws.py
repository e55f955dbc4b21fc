"""The demo's deliberate flaws (`flaw:` in rollout/demo/content.yaml) are all found; its good OKRs are not."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from rollout.demo import write_demo
from rollout.demo.generator import load_content
from rollout.rules import Finding, check_workspace
from rollout.workspace import Workspace, load

FLAW_RULE = {
    "metric_in_objective": "OKR204",
    "too_few_key_results": "OKR103",
    "business_as_usual": "OKR203",
    "activity": "OKR201",
    "vague": "OKR202",
    "orphan": "OKR301",
}


def _flaws() -> list[tuple[str, str, str | None]]:
    """(flaw, objective id, key result id or None) from the hand-written content."""
    out = []
    for objectives in load_content()["okrs"]["running"].values():
        for objective in objectives:
            if "flaw" in objective:
                out.append((objective["flaw"], objective["id"], None))
            for n, kr in enumerate(objective["key_results"], start=1):
                if "flaw" in kr:
                    out.append((kr["flaw"], objective["id"], f"{objective['id']}-kr{n}"))
    return out


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workspace, list[Finding]]:
    root: Path = tmp_path_factory.mktemp("rules-demo") / "larkspur"
    write_demo(root, today=date(2026, 11, 24))
    ws = load(root)
    return ws, check_workspace(ws)


def test_the_demo_has_six_kinds_of_flaw() -> None:
    assert sorted(f for f, _o, _k in _flaws()) == sorted(FLAW_RULE)


@pytest.mark.parametrize(("flaw", "objective", "kr"), _flaws())
def test_every_flaw_is_found(demo: tuple[Workspace, list[Finding]], flaw: str, objective: str, kr: str | None) -> None:
    _ws, findings = demo
    code = FLAW_RULE[flaw]
    assert any(f.code == code and f.objective == objective and f.kr == kr for f in findings), (
        f"{flaw} on {kr or objective} not reported as {code}"
    )
    hit = next(f for f in findings if f.code == code and f.objective == objective and f.kr == kr)
    assert hit.file.startswith("okrs/") and hit.line > 0 and hit.col > 0


def test_wording_rules_flag_only_the_flaws(demo: tuple[Workspace, list[Finding]]) -> None:
    _ws, findings = demo
    flawed = {(o, k) for _f, o, k in _flaws()}
    wording = [f for f in findings if f.code.startswith("OKR2")]
    stray = [f"{f.where} {f.code} {f.message}" for f in wording if (f.objective, f.kr) not in flawed]
    assert stray == []


def test_no_errors_in_the_demo(demo: tuple[Workspace, list[Finding]]) -> None:
    _ws, findings = demo
    assert [f for f in findings if f.severity == "error"] == []


def test_the_stale_team_is_found_and_the_closed_cycle_is_complete(demo: tuple[Workspace, list[Finding]]) -> None:
    ws, findings = demo
    stale_units = {f.unit for f in findings if f.code == "OKR401" and f.kr and ws.checkins.get(f.kr)}
    assert len(stale_units) == 1  # one team stopped checking in three weeks before today
    closed = [c.id for c in ws.cycles.values() if c.status == "closed"]
    assert closed
    assert [f for f in findings if f.code in ("OKR402", "OKR404", "OKR405", "OKR406") and f.cycle in closed] == []
    assert [f for f in findings if f.code == "OKR403"] == []  # leaders check in


def test_findings_point_at_the_yaml(demo: tuple[Workspace, list[Finding]]) -> None:
    ws, findings = demo
    for finding in findings:
        if finding.code in ("OKR201", "OKR202", "OKR203", "OKR204"):
            line = (ws.root / finding.file).read_text(encoding="utf-8").splitlines()[finding.line - 1]
            assert "title:" in line, (finding, line)
