"""fe21 finding 9 (issue 12): a readiness dimension's mean, min, max, spread and disagreement flag
are computed from the respondents' unrounded scores and rounded only to be shown.

fe21's three respondents: review rhythm 2.333, 3.0 and 3.667 (spread 1.33, not 3.67 − 2.33 = 1.34);
capacity 2.667, 2.167 and 2.833 (spread 0.67, not 2.83 − 2.17 = 0.66).
"""

from __future__ import annotations

import json

import pytest

from tests.clirun import run_cli
from tests.fe21_workspaces import write

LIKERT = [
    "leaders-agree",
    "heads-same-list",
    "priorities-shared",
    "priorities-from-strategy",
    "baselines-known",
    "numbers-trusted",
    "goals-visible",
    "misses-discussed",
    "conversations",
    "goals-linked",
    "okr-not-kpi",
    "leaders-take-part",
]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, float]]:
    root = write("w1", tmp_path_factory.mktemp("fe21") / "w1")
    for i, person in enumerate(("ana", "ben", "cai"), start=1):
        data = [
            f"priority-count={i * 3}",
            "review-frequency=monthly",
            "program-owner=no-time",
            f"owner-hours={i * 2}",
        ] + [f"{q}={(i * 2 + len(q)) % 5 + 1}" for q in LIKERT]
        args = [a for d in data for a in ("--data", d)]
        ran = run_cli("ask", "readiness", "-r", person, "--defaults", *args, cwd=root)
        assert ran.returncode == 0, ran.stderr
    ran = run_cli("readiness", "report", "--format", "json", cwd=root)
    assert ran.returncode == 0, ran.stderr
    return {d["title"]: d for d in json.loads(ran.stdout)["dimensions"]}


def _dimension(report: dict[str, dict[str, float]], word: str) -> dict[str, float]:
    (found,) = [d for title, d in report.items() if word in title.lower()]
    return found


def test_spread_is_of_the_unrounded_scores(report: dict[str, dict[str, float]]) -> None:
    rhythm = _dimension(report, "rhythm")
    assert (rhythm["min"], rhythm["max"], rhythm["spread"], rhythm["mean"]) == (2.33, 3.67, 1.33, 3.0)
    capacity = _dimension(report, "capacity")
    assert (capacity["min"], capacity["max"], capacity["spread"]) == (2.17, 2.83, 0.67)
    assert capacity["mean"] == 2.56  # (2.667 + 2.167 + 2.833) / 3 = 2.5556
