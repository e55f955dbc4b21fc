"""OKR305 on a department that repeats an objective of a unit above it (fresh-eyes report, item 15).

On the imported Sourcegraph set, Sales' word-for-word copy of the company objective was
flagged against another department's copy, the company objective was flagged too, the
message named ids cut mid-word, and the hint said "contributors" where "set it as
parent" fits.
"""

from __future__ import annotations

import copy
from pathlib import Path

from rollout.rules import check_workspace
from rollout.workspace import load
from tests.rules.harness import BASE, write_workspace

COMPANY = "Make the carrier valuable and accessible to every shipper and every depot in Europe"


def _findings(tmp_path: Path) -> list:  # type: ignore[type-arg]
    files = copy.deepcopy({k: v for k, v in BASE.items() if k.startswith("okrs/")})
    files["okrs/2026-Q4/acme.yaml"]["objectives"][0]["title"] = COMPANY
    # Two departments repeat it word for word, with no parent; the first in file order is Sales.
    for unit, oid in (("sales", "aa-sales-copy"), ("support", "aa-support-copy")):
        rel = f"okrs/2026-Q4/{unit}.yaml"
        files.setdefault(rel, {"objectives": []})
        owner = "bob" if unit == "sales" else "dee"
        files[rel]["objectives"].insert(0, {"id": oid, "title": COMPANY, "owner": owner, "alignment": "bottom_up"})
    write_workspace(tmp_path, files)
    return [f for f in check_workspace(load(tmp_path), select=["OKR305"])]


def test_copies_are_flagged_against_the_company_objective_not_the_original(tmp_path: Path) -> None:
    findings = _findings(tmp_path)
    assert sorted(f.objective for f in findings) == ["aa-sales-copy", "aa-support-copy"]  # not co-grow
    for f in findings:
        assert '"Make the carrier valuable and accessible to every shipper and every …" (Acme)' in f.message
        assert "set `parent: co-grow`" in f.hint
        assert "Acme" in f.hint


def test_message_names_titles_not_ids(tmp_path: Path) -> None:
    for f in _findings(tmp_path):
        assert "co-grow" not in f.message
        assert "acme" not in f.message  # the unit's name, not its id


def test_peers_keep_the_contributors_hint(tmp_path: Path) -> None:
    files = {
        "okrs/2026-Q4/support.yaml": {
            "objectives": [
                {
                    "id": "sup-one",
                    "title": "Win mid-market shippers on the lanes where we are strongest",
                    "owner": "dee",
                    "parent": "co-grow",
                }
            ]
        }
    }
    write_workspace(tmp_path, files)
    (finding,) = [f for f in check_workspace(load(tmp_path), select=["OKR305"])]
    assert finding.objective == "sup-one"
    assert "contributors" in finding.hint and "parent" not in finding.hint
