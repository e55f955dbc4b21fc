"""fe25 N1 (issue 12, class 8): every objective counted as not linking up is on the alignment page.

A team objective whose parent is an orphan counts among the objectives that do not reach a
company objective ("9 of 12"), but the page listed the orphan alone, flat: the team objective
was nowhere. Orphans are shown as trees now, with what hangs under them.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from rollout.metrics.analysis import analyze
from rollout.report.build import build
from rollout.workspace import load
from tests.builders import Org, kr

Q1 = "2027-Q1"


def test_an_objective_under_an_orphan_is_on_the_alignment_page(tmp_path: Path) -> None:
    org = Org("Tree Co", as_of=date(2027, 2, 15))
    org.unit("co", "company", owner="ceo", name="Tree Co")
    org.unit("ops", "department", parent="co", owner="ops-lead", name="Operations")
    org.unit("yard", "team", parent="ops", owner="yard-lead", name="Yard")
    org.cycle(Q1, date(2027, 1, 1), date(2027, 3, 31), "running")
    org.objective(Q1, "co", "co-grow", krs=[kr("co-grow-kr1")])
    org.objective(Q1, "ops", "ops-linked", parent="co-grow", krs=[kr("ops-linked-kr1")])
    org.objective(Q1, "ops", "ops-alone", krs=[kr("ops-alone-kr1")])  # an orphan
    org.objective(Q1, "yard", "yard-under-orphan", parent="ops-alone", krs=[kr("yard-kr1")])
    root = org.write(tmp_path / "ws")
    alignment = analyze(load(root)).cycles[Q1].alignment
    assert (alignment.linked, alignment.objectives, alignment.orphans) == (1, 3, ("ops-alone",))
    page = (build(root, site=True, packs=False).out / "cycles" / f"{Q1}-alignment.html").read_text(encoding="utf-8")
    orphans = page[page.index('id="orphans"') :]
    orphans = orphans[: orphans.index("</section>")]
    assert "#ops-alone" in orphans and "#yard-under-orphan" in orphans
    assert orphans.index("#ops-alone") < orphans.index("#yard-under-orphan")  # beneath its parent
    assert re.search(r'class="node level-2"', orphans)
