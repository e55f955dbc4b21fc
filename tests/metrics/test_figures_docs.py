"""Issue 12: the figures are written down once (figures.md) and shown the same in the README and the site."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from rollout.metrics import calibration, checkins, cycles, figures, phase, values
from rollout.metrics.docs import readme_section
from tests.flows.conftest import call
from tests.metrics.builders import write_workspace

ROOT = Path(__file__).resolve().parents[2]


def test_readme_section_is_figures_md() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_section(readme) == figures.explanation().strip("\n") + "\n", (
        "README is out of date: run `python -m rollout.metrics.docs`"
    )


def test_every_figure_is_documented() -> None:
    for module in (figures, checkins, calibration, cycles, phase, values):
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not name.startswith("_"):
                assert function.__doc__ and len(function.__doc__) > 40, f"{module.__name__}.{name}"
    text = figures.explanation()
    for heading in (
        "Key result score",
        "Objective, unit, company and cycle scores",
        "Bands and status",
        "Completion",
        "Check-in discipline",
        "Staleness",
        "Leadership engagement",
        "Alignment coverage",
        "Calibration",
        "Readiness level",
        "Phase gate",
    ):
        assert f"### {heading}\n" in text


def _words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).replace("&#34;", '"').replace("&#39;", "'").split())


def test_site_page_shows_the_same_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_workspace(tmp_path / "ws", objectives=[[{}]], checkins=[("o1-kr1", "2027-02-08", 40, 7)])
    code, _out, err = call(["build", str(root), "--site", "--jobs", "1"], capsys)
    assert code == 0, err
    site = next(p.parent for p in root.rglob("figures.html"))
    page = (site / "figures.html").read_text(encoding="utf-8")
    assert "<h1>How the figures are computed</h1>" in page
    shown = _words(page)
    for paragraph in figures.explanation().split("\n\n"):
        first = paragraph.strip().splitlines()[0].lstrip("#-0123456789. ").strip()
        plain = re.sub(r"[*`]", "", first)
        assert " ".join(plain.split()) in shown, plain
    assert 'href="figures.html">How the figures are computed' in (site / "index.html").read_text(encoding="utf-8")
