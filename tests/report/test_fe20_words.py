"""fe20 finding 19 (issue 12): the words of the site for things that are not there, milestones,
stale key results and scaled currencies."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rollout.report.formats import value
from tests.flows.w1 import write_w1


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from rollout.report.build import build

    root = write_w1(tmp_path_factory.mktemp("w1") / "w1")
    units = root / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace(", owner: ben}", "}"), encoding="utf-8")
    return build(root, site=True, packs=False).out


def _stale(html: str) -> list[str]:
    section = html.split("Stale key results", 1)[1].split("</ul>", 1)[0]
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", section)]


def test_a_unit_without_owner_is_not_led_by_no_owner(site: Path) -> None:
    page = (site / "units" / "2027-Q1" / "sales.html").read_text(encoding="utf-8")
    assert "Led by No owner" not in page and "No owner named yet." in page


def test_home_and_cycle_page_list_stale_key_results_alike(site: Path) -> None:
    home = _stale((site / "index.html").read_text(encoding="utf-8"))
    cycle = _stale((site / "cycles" / "2027-Q1.html").read_text(encoding="utf-8"))
    assert home == cycle and len(home) == 3
    assert home[0] == "Raise referrals from 10 to 20 Acme · Ana Lima · no check-in yet"
    assert "Acme · Ana Lima · last check-in 7 Jan 2027" in home[2]


def test_a_milestone_says_done_on_its_unit_page(site: Path) -> None:
    page = (site / "units" / "2027-Q1" / "sales.html").read_text(encoding="utf-8")
    assert "<dt>Milestone</dt><dd><strong>Done</strong>" in page
    assert "<dt>Milestone</dt><dd><strong>Not yet</strong>" in page


@pytest.mark.parametrize(
    ("unit", "shown"),
    [
        ("EUR millions", "EUR 15.9 million"),
        ("EUR million", "EUR 15.9 million"),
        ("€ millions", "€15.9 million"),
        ("USD k", "USD 15.9 thousand"),
        ("EUR", "15.9 EUR"),  # unchanged: the number, then the unit
        ("kEUR", "15.9 kEUR"),
    ],
)
def test_a_scaled_currency_reads_as_said(unit: str, shown: str) -> None:
    assert value(15.9, unit) == shown


def test_the_unit_page_writes_a_value_with_its_unit_as_the_pack_and_prompt_do(demo_site: Path) -> None:
    """fe24 F2: the demo's company page wrote "15.9" above "EUR millions" and "3.9" above
    "score out of 5"; the pack and the check-in prompt wrote "EUR 15.9 million", "3.9 out of 5"."""
    page = (demo_site / "units" / "2026-Q4" / "larkspur-freight.html").read_text(encoding="utf-8")
    boxes = re.findall(r"<dt>(?:Baseline|Current|Target)</dt><dd>(?:<strong>)?([^<]+)", page)
    assert "EUR 15.3 million" in boxes and "EUR 16.4 million" in boxes, boxes
    assert not any("millions" in box or "score out of" in box for box in boxes), boxes
