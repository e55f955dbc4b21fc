"""After one unit's check-ins change, the rules about single key results run on that unit alone (serve).

``run_rules(previous=…, changed_krs=…)`` must give exactly what a fresh run gives: the findings of
OKR401 (stale), OKR409 (outside the cycle) and OKR410 (same day twice) about the changed key
results are worked out again, the others kept.
"""

from __future__ import annotations

from pathlib import Path

from rollout.rules.engine import run_rules
from rollout.rules.registry import REGISTRY
from rollout.workspace import load

PER_KEY_RESULT = {"OKR401", "OKR409", "OKR410"}


def _rows(run: object) -> list[tuple[object, ...]]:
    return [(f.code, f.message, f.file, f.line, f.col, f.kr, f.objective) for f in run.findings]  # type: ignore[attr-defined]


def _append(root: Path, cycle: str, unit: str, lines: list[tuple[str, str, float]]) -> None:
    path = root / f"checkins/{cycle}/{unit}.yaml"
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n"
    for kr, day, value in lines:
        text += f"- kr: {kr}\n  date: {day}\n  value: {value}\n"
    path.write_text(text, encoding="utf-8")


def test_the_rules_marked_per_key_result_are_the_check_in_rules() -> None:
    marked = {code for code, rule in REGISTRY.items() if rule.per_key_result}
    assert marked == PER_KEY_RESULT


def test_an_incremental_run_equals_a_fresh_one_after_one_units_checkins(demo_copy: Path) -> None:
    before = load(demo_copy)
    first = run_rules(before)
    stale = next(f for f in first.findings if f.code == "OKR401")
    cycle, unit = before.kr_home[stale.kr]  # type: ignore[index]
    others = [kr.id for o in before.okr_files[(cycle, unit)] for kr in o.key_results if kr.id != stale.kr]
    end = before.cycles[cycle].end
    _append(
        demo_copy,
        cycle,
        unit,
        [
            (stale.kr, before.today.isoformat(), 1),  # no longer stale
            (others[0], "2026-11-20", 2),
            (others[0], "2026-11-20", 3),  # the same day twice: OKR410
            (others[-1], (end.replace(year=end.year + 1)).isoformat(), 4),  # after the cycle: OKR409
        ],
    )
    after = load(demo_copy)
    changed = {kr.id for o in after.okr_files[(cycle, unit)] for kr in o.key_results}
    again = run_rules(after, previous=first, changed=("checkins",), changed_krs=changed)
    fresh = run_rules(after)
    assert _rows(again) == _rows(fresh)
    codes = {(f.code, f.kr) for f in again.findings}
    assert ("OKR401", stale.kr) not in codes
    assert ("OKR410", others[0]) in codes and ("OKR409", others[-1]) in codes
    # The other units' findings of these rules are the very same objects: kept, not worked out again.
    kept = [f for f in again.findings if f.code in PER_KEY_RESULT and f.kr not in changed]
    assert kept and all(any(f is g for g in first.findings) for f in kept)
