"""The quality page filters by cycle and names what each finding is about (issue 18)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.rules.harness import write_workspace


def _okrs(prefix: str, parent: str | None, krs: list[str]) -> dict:
    objective = {
        "id": f"{prefix}-one",
        "title": "Win the lanes around Venlo",
        "owner": "bob",
        "key_results": [
            {"id": f"{prefix}-kr{i}", "title": title, "owner": "bob", "direction": "milestone"}
            for i, title in enumerate(krs, 1)
        ],
    }
    if parent:
        objective["parent"] = parent
    else:
        objective["alignment"] = "bottom_up"
    return {"objectives": [objective]}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("quality") / "ws"
    files = {
        # the closed cycle: two vague key results
        "okrs/2026-Q3/support.yaml": _okrs("q3", None, ["Improve collaboration", "Strengthen service quality"]),
        # the running cycle: one activity
        "okrs/2026-Q4/support.yaml": _okrs("q4", "co-grow", ["Launch a new portal for shippers"]),
    }
    write_workspace(root, files)
    done = subprocess.run(
        [sys.executable, "-m", "rollout", "build", str(root), "--site", "-j", "1", "--strict"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "build"


def _findings(html: str) -> str:
    found = re.search(r'<section aria-labelledby="all-title">(.*?)</section>', html, flags=re.S)
    assert found
    return found.group(1)


def _tile(html: str, label: str) -> str:
    found = re.search(rf'<p class="metric-label">{label}</p><p class="metric-value">(\d+)', html)
    assert found, label
    return found.group(1)


def test_the_first_page_counts_only_the_running_cycle(site: Path) -> None:
    html = (site / "quality.html").read_text(encoding="utf-8")
    assert "Quality of the OKRs in 2026-Q4" in html
    listed = _findings(html)
    assert "OKR201" in listed and "OKR202" not in listed  # the closed cycle's vague key results are elsewhere
    warnings = html.count('class="finding finding-warning"')
    assert _tile(html, "Warnings, 2026-Q4") == str(warnings)
    assert 'href="quality/2026-Q3.html">2026-Q3</a>' in html


def test_each_other_cycle_has_its_own_page(site: Path) -> None:
    html = (site / "quality" / "2026-Q3.html").read_text(encoding="utf-8")
    assert "Quality of the OKRs in 2026-Q3" in html
    assert "OKR202" in _findings(html) and "OKR201" not in _findings(html)
    assert _tile(html, "Warnings, 2026-Q3") == str(html.count('class="finding finding-warning"'))
    assert 'href="../quality.html">2026-Q4</a>' in html


def test_each_finding_names_its_key_result_and_cycle(site: Path) -> None:
    html = (site / "quality" / "2026-Q3.html").read_text(encoding="utf-8")
    lines = re.findall(r'<li class="finding[^"]*">(.*?)</li>', _findings(html), flags=re.S)
    assert len(lines) >= 2
    assert len(set(lines)) == len(lines)  # no two identical anonymous lines
    link = 'Key result <a href="../units/2026-Q3/support.html#q3-kr1">Improve collaboration</a>'
    assert any(link in li for li in lines)
    assert all("· 2026-Q3" in li for li in lines)


def test_the_home_page_counts_the_cycle_it_is_about_and_says_so(site: Path) -> None:
    """The home page's quality panel speaks of its cycle (2026-Q4), not of all cycles."""
    home = (site / "index.html").read_text(encoding="utf-8")
    quality = (site / "quality.html").read_text(encoding="utf-8")
    q4 = int(_tile(quality, "Warnings, 2026-Q4"))
    q3 = int(_tile((site / "quality" / "2026-Q3.html").read_text(encoding="utf-8"), "Warnings, 2026-Q3"))
    assert q3 > 0  # the closed cycle's warnings must not be counted on the home page
    assert re.search(r"<h3>Quality errors, 2026-Q4 <span", home)
    words = f"{q4} warning" + ("" if q4 == 1 else "s")
    assert f'<a href="quality.html">{words}</a> to review in 2026-Q4.' in home
    assert "No errors." in home
