"""fe25 N6 (issue 12): the pack says what the site says of a key result's weight and kind.

An objective at 0.8 above key results at 1.0 and 0.0 reads as wrong without their weights
(3 and 1); the site showed "weight 3", the pack nothing. A level to hold (baseline = target)
and a health metric are tagged as on the site (vocabulary.KR_KIND_WORDS).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from rollout.report.packs.html import pack_html
from rollout.report.packs.plan import plan_packs
from rollout.report.packs.sections import Sources
from rollout.report.viewmodel import build_view
from rollout.workspace import load
from tests.builders import Org, kr

Q1 = "2027-Q1"


def test_the_pack_shows_weights_and_kinds_as_the_site(tmp_path: Path) -> None:
    org = Org("Weights Co", as_of=date(2027, 2, 15))
    org.unit("co", "company", owner="ceo", name="Weights Co")
    org.cycle(Q1, date(2027, 1, 1), date(2027, 3, 31), "running")
    org.objective(
        Q1,
        "co",
        "co-mix",
        krs=[
            kr("co-mix-kr1", weight=3, title="Ship the new depot app to all drivers"),
            kr("co-mix-kr2", title="Cut missed pickups from 100 to 0"),
            kr("co-mix-kr3", baseline=50, target=50, title="Keep the on-time rate at 50 per shift"),
            kr("co-mix-kr4", baseline=99, target=99, health_metric=True, title="Keep uptime at 99"),
        ],
    )
    for kr_id, value in (("co-mix-kr1", 100), ("co-mix-kr2", 0), ("co-mix-kr3", 55), ("co-mix-kr4", 99.5)):
        org.checkin(Q1, "co", kr_id, date(2027, 2, 8), value)
    ws = load(org.write(tmp_path / "ws"))
    (spec,) = [s for s in plan_packs(ws) if s.cycle == Q1]
    html = pack_html(Sources(ws, build_view(ws)), spec)

    def row(title: str) -> str:
        found = re.search(rf"<td>{re.escape(title)}(.*?)</td>", html, re.S)
        assert found is not None, title
        return found[1]

    assert "Weight 3" in row("Ship the new depot app to all drivers")
    assert "Weight" not in row("Cut missed pickups from 100 to 0")
    assert "Level to hold: met or not met" in row("Keep the on-time rate at 50 per shift")
    assert "Health metric" in row("Keep uptime at 99")
