"""The lowest severity reads "note" on the site and in the packs, as in `rollout check` (issue 18)."""

from __future__ import annotations

import re

import pytest

from rollout.report.build import build
from rollout.report.packs.html import environment
from rollout.rules.base import SEVERITY_WORDS
from tests.rules.harness import write_workspace

LONG = "Turn every new driver and hub colleague into someone who stays with us for years and tells friends to join too"


@pytest.fixture(scope="module")
def quality_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("severity") / "ws"
    objective = {
        "id": "sup-long",
        "title": LONG,
        "owner": "bob",
        "alignment": "bottom_up",
        "key_results": [
            {
                "id": "sup-long-kr1",
                "title": "Driver churn falls from 30% to 20%",
                "owner": "bob",
                "metric": "Driver churn",
                "baseline": 30,
                "target": 20,
                "unit_of_measure": "%",
            }
        ],
    }
    write_workspace(root, {"okrs/2026-Q4/support.yaml": {"objectives": [objective]}})
    build(root, site=True, packs=False, jobs=1)
    return (root / "build" / "quality.html").read_text(encoding="utf-8")


def test_a_note_is_called_a_note_on_the_quality_page(quality_html: str) -> None:
    listed = re.findall(r'<span class="sev sev-info">([^<]*)</span>', quality_html)
    assert listed and set(listed) == {"Note"}, listed
    assert ">Info<" not in quality_html


def test_the_packs_say_note_too() -> None:
    word = environment().filters["severity"]
    assert word("info") == "note" == SEVERITY_WORDS["info"]
    assert word("warning") == "warning" and word("error") == "error"
