"""Issue 12: a table of hand-computed figures, each case built as a small workspace and analysed.

Unless a case says otherwise: cycle 2027-Q1 (Fri 1 Jan to Wed 31 Mar 2027, 89 days,
running, check-ins due on Mondays: 4, 11, 18, 25 Jan, 1, 8, 15 Feb, …), as-of
Mon 15 Feb 2027, so expected progress = 45 / 89 = 0.5056 and 7 check-in weeks are
due. Key results default to an increase from 0 to 100 (a value of 40 scores 0.4).
Week i of the cycle runs from the i-th Monday to the Sunday after; the first one also
holds 1–3 Jan. Ids: objectives o1, o2; key results o1-kr1, o1-kr2, …; unit co.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from rollout.metrics.analysis import Analysis, analyze
from rollout.metrics.checkins import Discipline
from tests.metrics.builders import UNIT, build

Q1 = ("2027-Q1", "2027-01-01", "2027-03-31", "running")
Q1_CLOSED = ("2027-Q1", "2027-01-01", "2027-03-31", "closed")
MILESTONE = {"direction": "milestone", "baseline": 0, "target": 1}


@dataclass
class Case:
    id: str
    objectives: list[list[dict[str, Any]]]
    checkins: list[tuple[str, str, float, Any]]
    expect: dict[str, Any]
    as_of: str = "2027-02-15"
    cycle: tuple[str, str, str, str] = Q1
    weekday: str | None = None
    review: list[dict[str, Any]] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def kr(**fields: Any) -> dict[str, Any]:
    return fields


CASES = [
    # --- 2. unmeasured key results count as 0, "k of n measured" beside ------------------
    Case(
        "one-met-two-unmeasured-at-76-percent",
        [[kr(), kr(), kr()]],
        [("o1-kr1", "2027-01-11", 100, 8)],
        # as-of 10 Mar: 68/89 = 0.764 elapsed. Objective (1.0 + 0 + 0) / 3 = 0.333, 1 of 3 measured;
        # gap 0.764 - 0.333 = 0.43 > 0.25 → off track; band of 0.3 → weak.
        {"o1.score": 1 / 3, "o1.measured": 1, "o1.status": "off_track", "o1.band": "weak", "unit.score": 1 / 3},
        as_of="2027-03-10",
    ),
    Case(
        "weights-with-an-unmeasured-key-result",
        [[kr(weight=3), kr(weight=1)]],
        [("o1-kr1", "2027-02-08", 100, 8)],
        # (1.0 × 3 + 0 × 1) / 4 = 0.75, 1 of 2 measured
        {"o1.score": 0.75, "o1.measured": 1, "o1-kr2.score": None, "o1-kr2.measured": False},
    ),
    Case(
        "nothing-measured-running",
        [[kr(), kr()]],
        [],
        # nothing measured yet: no score ("–", not 0.0), 0 of 2 measured; no confidence either → status unknown
        {"o1.score": None, "o1.measured": 0, "o1.status": None, "unit.score": None, "unit.measured": 0},
    ),
    Case(
        "nothing-measured-closed",
        [[kr(), kr()]],
        [],
        # closed: both key results score 0.0 (never measured) → 0.0 weak → off track; still 0 measured
        {"o1.score": 0.0, "o1.status": "off_track", "o1-kr1.score": 0.0, "o1-kr1.measured": False, "o1.measured": 0},
        cycle=Q1_CLOSED,
    ),
    Case(
        "unit-is-the-mean-of-its-objectives",
        [[kr()], [kr()]],
        [("o1-kr1", "2027-02-08", 100, 8)],
        # o1 = 1.0, o2 nothing measured ("–") counts 0.0 in the unit → (1.0 + 0.0) / 2 = 0.5, 1 of 2 measured
        {"o1.score": 1.0, "o2.score": None, "unit.score": 0.5, "unit.measured": 1},
    ),
    Case(
        "unmeasurable-key-result-counts-zero",
        [[kr(baseline=None), kr()]],
        [("o1-kr1", "2027-02-08", 50, 8), ("o1-kr2", "2027-02-08", 60, 8)],
        # kr1 has no baseline → no score (confidence 8 alone → on track); objective (0 + 0.6) / 2 = 0.3
        {"o1-kr1.score": None, "o1-kr1.status": "on_track", "o1.score": 0.3, "o1.measured": 1},
    ),
    Case(
        "contradictory-direction-counts-zero",
        [[kr(baseline=100, target=50), kr()]],
        [("o1-kr1", "2027-02-08", 80, None), ("o1-kr2", "2027-02-08", 80, None)],
        # kr1 says increase but the target is below the baseline → no score; (0 + 0.8) / 2 = 0.4
        {"o1-kr1.score": None, "o1.score": 0.4},
    ),
    # --- 3. health metrics: held = met, broken = not ----------------------------------------
    Case(
        "health-metric-held",
        [[kr(baseline=99.95, target=99.95, health_metric=True)]],
        [("o1-kr1", "2027-02-08", 99.97, 8)],
        # 99.97 ≥ 99.95 → held → 1.0 → met → on track
        {"o1-kr1.score": 1.0, "o1-kr1.status": "on_track", "o1.score": 1.0},
    ),
    Case(
        "health-metric-broken",
        [[kr(baseline=99.95, target=99.95, health_metric=True)]],
        [("o1-kr1", "2027-01-11", 99.90, 8)],
        # 99.90 < 99.95 → broken → 0.0 → off track, even at 14% of the cycle
        {"o1-kr1.score": 0.0, "o1-kr1.status": "off_track"},
        as_of="2027-01-13",
    ),
    Case(
        "health-metric-decrease-held",
        [[kr(direction="decrease", baseline=2, target=2, health_metric=True)]],
        [("o1-kr1", "2027-02-08", 1.5, None)],
        # decrease: 1.5 ≤ 2 → held → 1.0
        {"o1-kr1.score": 1.0},
    ),
    Case(
        "health-metric-decrease-broken",
        [[kr(direction="decrease", baseline=2, target=2, health_metric=True)]],
        [("o1-kr1", "2027-02-08", 2.5, None)],
        # decrease: 2.5 > 2 → broken → 0.0
        {"o1-kr1.score": 0.0, "o1-kr1.status": "off_track"},
    ),
    Case(
        "health-metric-held-after-close",
        [[kr(baseline=99.95, target=99.95, health_metric=True), kr()]],
        [("o1-kr1", "2027-03-29", 99.97, 8), ("o1-kr2", "2027-03-29", 50, 8)],
        # closed, no review: held 1.0 and 0.5 → objective (1.0 + 0.5) / 2 = 0.75 (not 0.5)
        {"o1-kr1.score": 1.0, "o1.score": 0.75, "o1.status": "on_track"},
        as_of="2027-04-02",
        cycle=Q1_CLOSED,
    ),
    # --- 4. the score at a date: last check-in on or before min(cycle end, as-of) -----------
    Case(
        "check-ins-after-the-cycle-are-not-used",
        [[kr()]],
        [("o1-kr1", "2027-03-29", 40, 8), ("o1-kr1", "2027-04-12", 80, 8), ("o1-kr1", "2027-09-30", 100, 8)],
        # as-of 1 Oct, cycle still marked running: the 29 Mar value 40 → 0.4; moderate → at risk (final)
        {"o1-kr1.score": 0.4, "o1-kr1.current": 40, "o1-kr1.checkins": 1, "o1-kr1.status": "at_risk"},
        as_of="2027-10-01",
    ),
    Case(
        "check-ins-after-the-cycle-closed",
        [[kr()]],
        [("o1-kr1", "2027-03-29", 40, 8), ("o1-kr1", "2027-04-12", 80, 8), ("o1-kr1", "2027-09-30", 100, 8)],
        # closed without a review file: 0.4 from 29 Mar, never 1.0
        {"o1-kr1.score": 0.4, "o1-kr1.final_score": 0.4},
        as_of="2027-10-01",
        cycle=Q1_CLOSED,
    ),
    Case(
        "future-check-in-is-not-used",
        [[kr()]],
        [("o1-kr1", "2027-02-08", 30, 8), ("o1-kr1", "2027-02-22", 90, 8)],
        # as-of 15 Feb: 22 Feb is later → 0.3 from 8 Feb; gap 0.506 - 0.3 = 0.206 → at risk
        {"o1-kr1.score": 0.3, "o1-kr1.last_checkin": "2027-02-08", "o1-kr1.status": "at_risk"},
    ),
    Case(
        "check-in-before-the-cycle-is-not-used",
        [[kr()]],
        [("o1-kr1", "2026-12-28", 50, 8)],
        # 28 Dec is before 1 Jan → unmeasured → objective has no score yet ("–"), 0 of 1 measured, no week done
        {"o1-kr1.score": None, "o1.score": None, "o1.measured": 0, "o1-kr1.done": 0},
    ),
    # --- 5. discipline counts weeks, duplicates count once ----------------------------------
    Case(
        "five-saves-in-one-week",
        [[kr()]],
        [("o1-kr1", f"2027-01-0{d}", 10 * d, 7) for d in range(4, 9)],
        # as-of Mon 1 Feb: weeks due 4, 11, 18, 25 Jan, 1 Feb = 5; check-ins only in week 1 → 1 of 5
        {"o1-kr1.done": 1, "unit.checkins": Discipline(5, 1), "o1-kr1.checkins": 5},
        as_of="2027-02-01",
    ),
    Case(
        "same-day-duplicate-later-wins",
        [[kr()]],
        [("o1-kr1", "2027-01-11", 20, 5), ("o1-kr1", "2027-01-11", 30, 8)],
        # the later in the file (30, confidence 8) counts; one check-in, one week of 7
        {"o1-kr1.current": 30, "o1-kr1.confidence": 8, "o1-kr1.checkins": 1, "unit.checkins": Discipline(7, 1)},
    ),
    Case(
        "same-day-duplicate-file-order-decides",
        [[kr()]],
        [("o1-kr1", "2027-01-11", 30, 8), ("o1-kr1", "2027-01-11", 20, 5)],
        # reversed in the file: 20 counts (documented rule: the later one in file order wins)
        {"o1-kr1.current": 20, "o1-kr1.checkins": 1},
    ),
    Case(
        "every-monday",
        [[kr()]],
        [
            ("o1-kr1", d, 5 * n, 7)
            for n, d in enumerate(
                ["2027-01-04", "2027-01-11", "2027-01-18", "2027-01-25", "2027-02-01", "2027-02-08", "2027-02-15"], 1
            )
        ],
        # 7 of 7 weeks; last value 35 → 0.35; gap 0.156 → at risk
        {"unit.checkins": Discipline(7, 7), "o1-kr1.score": 0.35, "o1-kr1.status": "at_risk"},
    ),
    Case(
        "check-in-before-the-first-monday-counts-for-week-one",
        [[kr()]],
        [("o1-kr1", "2027-01-03", 5, 7)],
        # Sun 3 Jan is in the first week (1–10 Jan) → 1 of 7
        {"o1-kr1.done": 1, "unit.checkins": Discipline(7, 1)},
    ),
    Case(
        "friday-check-ins",
        [[kr()]],
        [("o1-kr1", "2027-01-01", 5, 7), ("o1-kr1", "2027-01-07", 6, 7), ("o1-kr1", "2027-01-08", 7, 7)],
        # Fridays 1, 8, …, 12 Feb = 7 due; 1 Jan and 7 Jan are week 1, 8 Jan is week 2 → 2 of 7
        {"unit.checkins": Discipline(7, 2)},
        weekday="friday",
    ),
    Case(
        "two-key-results-discipline",
        [[kr(), kr()]],
        [("o1-kr1", "2027-02-08", 10, 7), ("o1-kr1", "2027-02-15", 11, 7), ("o1-kr2", "2027-02-15", 10, 7)],
        # 2 key results × 7 weeks = 14 due; kr1 two weeks, kr2 one week → 3 of 14
        {"unit.checkins": Discipline(14, 3)},
    ),
    # --- 6. status agrees with the bands ----------------------------------------------------
    Case(
        "last-day-strong-is-on-track",
        [[kr()]],
        [("o1-kr1", "2027-03-29", 70, 9)],
        # as-of 31 Mar (last day): final rule → band of 0.7 strong → on track (not off track)
        {"o1-kr1.status": "on_track", "o1.status": "on_track", "unit.status": "on_track"},
        as_of="2027-03-31",
    ),
    Case(
        "mid-cycle-far-behind",
        [[kr()]],
        [("o1-kr1", "2027-02-15", 20, 8)],
        # gap 0.506 - 0.2 = 0.306 > 0.25 → off track
        {"o1-kr1.status": "off_track"},
    ),
    Case(
        "mid-cycle-a-little-behind",
        [[kr()]],
        [("o1-kr1", "2027-02-15", 30, 8)],
        # gap 0.206: more than 0.1, at most 0.25 → at risk
        {"o1-kr1.status": "at_risk"},
    ),
    Case(
        "mid-cycle-on-pace",
        [[kr()]],
        [("o1-kr1", "2027-02-15", 45, 8)],
        # gap 0.056 ≤ 0.1, confidence 8 > 5 → on track
        {"o1-kr1.status": "on_track"},
    ),
    Case(
        "strong-band-never-off-track",
        [[kr()]],
        [("o1-kr1", "2027-02-15", 80, 2)],
        # 0.8 ahead of pace but confidence 2: raw rule says off track, strong band caps it at at risk
        {"o1-kr1.status": "at_risk", "o1-kr1.band": "strong"},
    ),
    Case(
        "met-is-on-track-whatever-the-confidence",
        [[kr()]],
        [("o1-kr1", "2027-02-15", 120, 1)],
        # overshoot → 1.0 → met → on track
        {"o1-kr1.score": 1.0, "o1-kr1.status": "on_track"},
    ),
    Case(
        "milestone-not-due-follows-confidence",
        [[kr(**MILESTONE)]],
        [("o1-kr1", "2027-02-15", 0, 9)],
        # due at the cycle end (31 Mar); not done yet; confidence 9 → on track (not off track)
        {"o1-kr1.score": 0.0, "o1-kr1.status": "on_track"},
    ),
    Case(
        "milestone-not-due-shaky-confidence",
        [[kr(**MILESTONE)]],
        [("o1-kr1", "2027-02-15", 0, 4)],
        # confidence 4 → at risk
        {"o1-kr1.status": "at_risk"},
    ),
    Case(
        "milestone-past-due",
        [[kr(**MILESTONE, due="2027-02-01")]],
        [("o1-kr1", "2027-02-15", 0, 9)],
        # due 1 Feb has passed, not done: 0.0 vs 0.506 expected → off track
        {"o1-kr1.status": "off_track"},
    ),
    Case(
        "milestone-done",
        [[kr(**MILESTONE)]],
        [("o1-kr1", "2027-02-15", 1, 9)],
        # value 1 reaches the target 1 → 1.0 → on track
        {"o1-kr1.score": 1.0, "o1-kr1.status": "on_track"},
    ),
    Case(
        "unit-at-085-on-the-last-day",
        [[kr(), kr()]],
        [("o1-kr1", "2027-03-29", 80, 9), ("o1-kr2", "2027-03-29", 90, 9)],
        # (0.8 + 0.9) / 2 = 0.85 strong → on track (not at risk)
        {"unit.score": 0.85, "unit.status": "on_track"},
        as_of="2027-03-31",
    ),
    Case(
        "company-at-066-shows-07-strong",
        [[kr(), kr(), kr()]],
        [("o1-kr1", "2027-03-29", 66, 9), ("o1-kr2", "2027-03-29", 66, 9), ("o1-kr3", "2027-03-29", 66, 9)],
        # 0.66 shows as 0.7 → strong → on track on the last day (the word matches the number shown)
        {"unit.score": 0.66, "unit.band": "strong", "unit.status": "on_track"},
        as_of="2027-03-31",
    ),
    Case(
        "confidence-words",
        [[kr()]],
        [("o1-kr1", "2027-02-15", 45, "at_risk")],
        # "at risk" is 5: gap 0.056 but confidence not above 5 → at risk
        {"o1-kr1.confidence": 5, "o1-kr1.status": "at_risk"},
    ),
    # --- 7. closing keeps the unrounded score; overrides -----------------------------------
    Case(
        "closed-uses-unrounded-score-not-the-written-one",
        [[kr(target=3), kr(target=3), kr(target=3)]],
        [("o1-kr1", "2027-03-29", 2, None), ("o1-kr2", "2027-03-29", 2, None), ("o1-kr3", "2027-03-29", 2, None)],
        # each 2/3 = 0.6667 (close wrote 0.67): objective 0.6667, band of 0.7 strong
        {"o1.score": 2 / 3, "o1-kr1.score": 2 / 3},
        as_of="2027-04-02",
        cycle=Q1_CLOSED,
        review=[{"kr": f"o1-kr{n}", "score": 0.67} for n in (1, 2, 3)],
    ),
    Case(
        "override-replaces-the-score",
        [[kr(), kr()]],
        [("o1-kr1", "2027-03-29", 40, None), ("o1-kr2", "2027-03-29", 60, None)],
        # kr1 overridden to 0.9 (reason given): objective (0.9 + 0.6) / 2 = 0.75; kr2 stays 0.6
        {"o1-kr1.score": 0.9, "o1-kr1.overridden": True, "o1-kr1.progress": 0.4, "o1.score": 0.75},
        as_of="2027-04-02",
        cycle=Q1_CLOSED,
        review=[
            {"kr": "o1-kr1", "score": 0.4, "override": 0.9, "reason": "Signed on 1 April"},
            {"kr": "o1-kr2", "score": 0.6},
        ],
    ),
    Case(
        "hand-written-score-without-check-ins",
        [[kr()]],
        [],
        # closed, no check-ins, score 0.6 written by hand in the review → 0.6, and it counts as
        # measured (1 of 1); a 0.0 written by close for a key result never checked in would not
        {"o1-kr1.score": 0.6, "o1.score": 0.6, "o1.measured": 1},
        cycle=Q1_CLOSED,
        review=[{"kr": "o1-kr1", "score": 0.6}],
    ),
    # --- neighbours: directions, overshoot, negatives, weights, completion, staleness ---------
    Case(
        "decrease",
        [[kr(direction="decrease", baseline=30, target=22)]],
        [("o1-kr1", "2027-02-15", 25.2, 7)],
        # (25.2 - 30) / (22 - 30) = 0.6
        {"o1-kr1.score": 0.6},
    ),
    Case(
        "wrong-way",
        [[kr(baseline=50, target=100)]],
        [("o1-kr1", "2027-02-15", 40, 7)],
        # (40 - 50) / 50 = -0.2 → clamped to 0.0
        {"o1-kr1.score": 0.0},
    ),
    Case(
        "negative-values",
        [[kr(baseline=-5, target=5)]],
        [("o1-kr1", "2027-02-15", 0, 7)],
        # (0 - -5) / (5 - -5) = 0.5
        {"o1-kr1.score": 0.5},
    ),
    Case(
        "negative-decrease",
        [[kr(direction="decrease", baseline=-2, target=-10)]],
        [("o1-kr1", "2027-02-15", -6, 7)],
        # (-6 - -2) / (-10 - -2) = -4 / -8 = 0.5
        {"o1-kr1.score": 0.5},
    ),
    Case(
        "weights-all-measured",
        [[kr(weight=1), kr(weight=3)]],
        [("o1-kr1", "2027-02-15", 50, 7), ("o1-kr2", "2027-02-15", 100, 7)],
        # (0.5 × 1 + 1.0 × 3) / 4 = 0.875
        {"o1.score": 0.875, "o1.measured": 2},
    ),
    Case(
        "completion-shares-of-all-key-results",
        [[kr(), kr(), kr()]],
        [("o1-kr1", "2027-02-15", 100, 7), ("o1-kr2", "2027-02-15", 70, 7)],
        # scores 1.0, 0.7, unmeasured: mean (1 + 0.7 + 0) / 3 = 0.5667; strong 2 of all 3; measured 2; met 1
        {
            "unit.completion.mean_score": 1.7 / 3,
            "unit.completion.strong_share": 2 / 3,
            "unit.completion.scored": 2,
            "unit.completion.met": 1,
            "cycle.distribution": (0,) * 7 + (1, 0, 0, 1),  # measured only: 0.7 and 1.0
        },
    ),
    Case(
        "stale-after-21-days",
        [[kr(), kr()]],
        [("o1-kr1", "2027-01-25", 10, 7), ("o1-kr2", "2027-02-08", 10, 7)],
        # kr1: 15 Feb - 25 Jan = 21 days > 14 → stale; kr2: 7 days → not stale
        {"o1-kr1.stale": True, "o1-kr2.stale": False, "unit.stale": ("o1-kr1",)},
    ),
    Case(
        "not-stale-past-its-own-due-date",
        [[kr(due="2027-01-31")]],
        [("o1-kr1", "2027-01-04", 10, 7)],
        # due 31 Jan has passed: no longer expected to be checked in on → not stale
        {"o1-kr1.stale": False},
    ),
    Case(
        "stale-ignores-a-future-check-in",
        [[kr()]],
        [("o1-kr1", "2027-01-25", 10, 7), ("o1-kr1", "2027-03-01", 10, 7)],
        # 1 Mar is after as-of: the last used check-in is 25 Jan → 21 days → stale
        {"o1-kr1.stale": True},
    ),
    Case(
        "fiscal-quarter",
        [[kr(target=10)]],
        [("o1-kr1", "2026-08-10", 5, None)],
        # FY27-Q1 is 1 Jul – 30 Sep 2026 (91 days); as-of 15 Aug: 45/91 = 0.4945 elapsed;
        # 5 of 10 → 0.5; gap -0.005 → on track
        {"o1-kr1.score": 0.5, "o1-kr1.expected": 45 / 91, "o1-kr1.status": "on_track"},
        as_of="2026-08-15",
        cycle=("FY27-Q1", "2026-07-01", "2026-09-30", "running"),
    ),
    Case(
        "objective-without-key-results-closed",
        [[], [kr()]],
        [("o2-kr1", "2027-03-29", 80, None)],
        # o1 has no key results: no score, no status (not "off track"); the unit is the mean of
        # the objectives that have a score: 0.8
        {"o1.score": None, "o1.status": None, "o2.score": 0.8, "unit.score": 0.8, "unit.status": "on_track"},
        as_of="2027-04-02",
        cycle=Q1_CLOSED,
    ),
    Case(
        "planned-cycle-not-started",
        [[kr()]],
        [],
        # as-of before the start: nothing expected, nothing due, no status
        {"o1-kr1.expected": 0.0, "unit.checkins": Discipline(0, 0), "o1.status": None, "o1-kr1.stale": False},
        as_of="2026-12-15",
        cycle=("2027-Q1", "2027-01-01", "2027-03-31", "planned"),
    ),
]


def _value(analysis: Analysis, key: str) -> Any:
    """``o1-kr1.score``, ``o1.score``, ``unit.checkins``, ``unit.completion.mean_score``, ``cycle.distribution``."""
    head, *attrs = key.split(".")
    cycle_id = next(iter(analysis.cycles))
    if head == "unit":
        obj: Any = analysis.units[(cycle_id, UNIT)]
    elif head == "cycle":
        obj = analysis.cycles[cycle_id]
    elif "-kr" in head:
        obj = analysis.key_results[head]
    else:
        obj = analysis.objectives[head]
    for attr in attrs:
        obj = getattr(obj, attr)
    return obj


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_figure(case: Case, tmp_path: Path) -> None:
    ws = build(
        tmp_path,
        objectives=case.objectives,
        checkins=case.checkins,
        cycle=case.cycle,
        as_of=case.as_of,
        weekday=case.weekday,
        review=case.review,
    )
    analysis = analyze(ws)
    for key, expected in case.expect.items():
        got = _value(analysis, key)
        if hasattr(got, "isoformat"):
            got = got.isoformat()
        if isinstance(expected, float) and got is not None:
            assert got == pytest.approx(expected), key
        else:
            assert got == expected, key


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)
