"""The wording rules on the labeled evaluation set.

Aims (issue 18): at least 95% of bad key results caught and at most 5% of good ones
flagged; at least 80% of bad objectives caught and no good objective flagged.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .evaluation import (
    HOLDOUT_SET,
    HOLDOUT_SET_2,
    HOLDOUT_SET_3,
    HOLDOUT_SET_4,
    HOLDOUT_SET_5,
    HOLDOUT_SET_6,
    HOLDOUT_SET_7,
    HOLDOUT_SET_8,
    HOLDOUT_SET_9,
    HOLDOUT_SET_10,
    HOLDOUT_SET_11,
    LABEL_RULE,
    evaluate,
)


@pytest.fixture(scope="module")
def report() -> dict:
    return evaluate()


def test_the_set_is_big_and_varied(report: dict) -> None:
    items = report["key_results"].items + report["objectives"].items
    assert len(items) >= 150
    for kind in ("key_results", "objectives"):
        labels = {label for _t, label, _c in report[kind].items}
        assert labels <= {"good", *LABEL_RULE[kind]}
        optional = {"placeholder"} if kind == "objectives" else set()
        assert labels >= {"good", *LABEL_RULE[kind]} - optional


AIMS = {"key_results": (0.95, 0.05), "objectives": (0.80, 0.0)}  # (bad caught at least, good flagged at most)


@pytest.mark.parametrize("kind", ["key_results", "objectives"])
def test_bad_items_are_caught_by_their_rule(report: dict, kind: str) -> None:
    result = report[kind]
    assert result.bad_caught() >= AIMS[kind][0], "\n".join(result.misses())


@pytest.mark.parametrize("kind", ["key_results", "objectives"])
def test_good_items_are_rarely_flagged(report: dict, kind: str) -> None:
    result = report[kind]
    assert result.good_flagged() <= AIMS[kind][1], "\n".join(result.misses())


@pytest.mark.parametrize("kind", ["key_results", "objectives"])
def test_each_label_is_recalled(report: dict, kind: str) -> None:
    for label, figures in report[kind].per_label().items():
        assert figures["recall"] >= 0.85, (label, figures)
        assert figures["precision"] >= 0.85, (label, figures)


def test_held_out_items_generalize() -> None:
    """Items written after tuning and never tuned on: a floor, not a target (see eval_rules.py for figures)."""
    for result in evaluate(HOLDOUT_SET).values():
        assert result.bad_caught() >= 0.85, "\n".join(result.misses())
        assert result.good_flagged() <= 0.10, "\n".join(result.misses())


# Floors for the second held-out set, a little under the figures measured after the
# fourth pass (r18c: key results 100% caught / 0% good flagged; objectives 93.3% / 0%;
# after the third pass 93.3% / 0% and 86.7% / 0%; when it was added: 83.3% / 0% and
# 73.3% / 14.3%): they catch a change that makes the rules generalize worse.
HOLDOUT_2_FLOORS = {"key_results": (0.95, 0.0), "objectives": (0.90, 0.0)}


@pytest.mark.parametrize("kind", ["key_results", "objectives"])
def test_second_held_out_set_does_not_get_worse(kind: str) -> None:
    """Items collected before the second tuning pass and never tuned on (see eval_rules.py for figures)."""
    result = evaluate(HOLDOUT_SET_2)[kind]
    caught, flagged = HOLDOUT_2_FLOORS[kind]
    assert result.bad_caught() >= caught, "\n".join(result.misses())
    assert result.good_flagged() <= flagged, "\n".join(result.misses())


# Floors for the third held-out set (r18b), a little under the figures measured at the
# end of the fourth pass (r18c, which read its misses and tuned on them, so it is no
# longer unseen: key results 100% caught / 0% good flagged; objectives 100% / 0%; after
# the third pass 88.9% / 0% and 66.7% / 13.3%; before it 88.9% / 0% and 66.7% / 20.0%).
HOLDOUT_3_FLOORS = {"key_results": (0.95, 0.0), "objectives": (0.90, 0.0)}


@pytest.mark.parametrize("kind", ["key_results", "objectives"])
def test_third_held_out_set_does_not_get_worse(kind: str) -> None:
    """Items collected before the third tuning pass and never tuned on (see eval_rules.py for figures)."""
    result = evaluate(HOLDOUT_SET_3)[kind]
    caught, flagged = HOLDOUT_3_FLOORS[kind]
    assert result.bad_caught() >= caught, "\n".join(result.misses())
    assert result.good_flagged() <= flagged, "\n".join(result.misses())


# Floors for the fourth held-out set (h18), a little under the figures measured once with
# the rules as they stood before the fourth pass changed any of them (key results 78.0%
# caught / 7.5% good flagged; objectives 44.4% / 10.5%). Never tuned on: a failure names
# the figures only, not the items, so the set stays unseen (read the misses with
# eval_rules.py --misses-set-4 only once the pass is over). Its misses were read in the
# fifth pass (r18d), which tuned on it: the floors are now a little under the figures after
# that pass (key results 94.0% caught / 0% good flagged; objectives 100% / 0%), so the set
# guards against regressions but no longer measures generalisation. Raised after the sixth
# pass (r18e: key results 96.0% / 0%, objectives 100% / 0%).
HOLDOUT_4_FLOORS = {"key_results": (0.94, 0.02), "objectives": (0.95, 0.0)}


# Floors for the fifth held-out set (h18b), a little under the figures measured once with
# the rules as they stood before the fifth pass changed any of them (key results 80.6%
# caught / 14.6% good flagged; objectives 65.0% / 5.9%): about one item of margin each way.
# Never tuned on: a failure names the figures only, not the items, so the set stays unseen
# (read the misses with eval_rules.py --misses-set-5 only once the pass is over). After the
# fifth pass: key results 80.6% / 12.2%, objectives 70.0% / 5.9%; the lead read its misses then.
# The sixth pass (r18e) tuned on its misses: key results 100% / 0%, objectives 100% / 0%; the
# floors are now a little under that (one item of margin), a guard against regressions only.
HOLDOUT_5_FLOORS = {"key_results": (0.97, 0.03), "objectives": (0.95, 0.0)}

# Floors for the sixth and seventh held-out sets (h18c), both collected before the sixth pass
# changed any rule, and set a little under the figures measured once with the rules as they
# stood then (about one item of margin each way). Set 6 is the tuning set of the sixth pass
# (key results 74.1% caught, 43/58 / 2.2% good flagged, 1/45; objectives 60.0%, 18/30 /
# 3.8%, 1/26). Set 7 is never read while tuning, the unseen measure (key results 70.3%
# caught, 45/64 / 5.3% good flagged, 3/57; objectives 50.0%, 16/32 / 8.3%, 2/24): read its
# misses with eval_rules.py --misses-set-7 only once the pass is over.
# After the sixth pass (r18e), which tuned on set 6: key results 100% / 0%, objectives 100% /
# 0%; set 6's floors are raised to a little under that (one item of margin).
HOLDOUT_6_FLOORS = {"key_results": (0.98, 0.03), "objectives": (0.96, 0.0)}
# Set 7 is seen since the seventh pass (its misses were read in CLOSING4); after r18h, which
# tuned key results on its classes: key results 95.3% caught (61/64) / 1.8% flagged (1/57),
# floors one item under that.
HOLDOUT_7_FLOORS = {"key_results": (0.93, 0.04), "objectives": (0.59, 0.13)}

# Floors for the eighth and ninth held-out sets (h18d), both collected before the seventh pass
# changed any rule, and set about one item under the figures measured once with the rules as
# they stood then (main at 39c37a8). Set 8 is never read while tuning, the unseen measure of
# the seventh pass (key results 83.9% caught, 47/56 / 11.1% good flagged, 5/45; objectives
# 46.7%, 14/30 / 25.0%, 5/20): read its misses with eval_rules.py --misses-set-8 only once the
# pass is over. Set 9 is kept unread for the next check (key results 78.4% caught, 40/51 /
# 7.5% good flagged, 4/53; objectives 58.1%, 18/31 / 5.3%, 1/19): --misses-set-9 only then.
# Set 8 is seen since the eighth pass (its misses were printed after the seventh); after r18i,
# which tuned on its classes: key results 91.1% caught (51/56) / 0% good flagged (0/45),
# objectives 56.7% (17/30) / 10.0% (2/20); floors one item under that.
HOLDOUT_8_FLOORS = {"key_results": (0.89, 0.03), "objectives": (0.53, 0.15)}
HOLDOUT_9_FLOORS = {"key_results": (0.76, 0.10), "objectives": (0.54, 0.11)}
# Floors for the tenth and eleventh held-out sets (h18e), collected after the eighth pass and kept
# unread for the next check (--misses-set-10 / --misses-set-11 only then), one item under the
# figures measured once with the rules as they stood (main at 49a3d5f). Set 10: key results 69.6%
# caught, 16/23 / 5.9% good flagged, 1/17; objectives 66.7%, 8/12 / 0%, 0/10. Set 11: key results
# 82.4%, 14/17 / 18.8%, 3/16; objectives 62.5%, 5/8 / 20.0%, 2/10.
HOLDOUT_10_FLOORS = {"key_results": (0.65, 0.12), "objectives": (0.58, 0.10)}
HOLDOUT_11_FLOORS = {"key_results": (0.76, 0.25), "objectives": (0.50, 0.30)}


@pytest.mark.parametrize("kind", ["key_results", "objectives"])
@pytest.mark.parametrize(
    "path, floors",
    [
        (HOLDOUT_SET_4, HOLDOUT_4_FLOORS),
        (HOLDOUT_SET_5, HOLDOUT_5_FLOORS),
        (HOLDOUT_SET_6, HOLDOUT_6_FLOORS),
        (HOLDOUT_SET_7, HOLDOUT_7_FLOORS),
        (HOLDOUT_SET_8, HOLDOUT_8_FLOORS),
        (HOLDOUT_SET_9, HOLDOUT_9_FLOORS),
        (HOLDOUT_SET_10, HOLDOUT_10_FLOORS),
        (HOLDOUT_SET_11, HOLDOUT_11_FLOORS),
    ],
    ids=["set4", "set5", "set6", "set7", "set8", "set9", "set10", "set11"],
)
def test_later_held_out_sets_do_not_get_worse(path: Path, floors: dict[str, tuple[float, float]], kind: str) -> None:
    """Sets collected around the fourth to eighth tuning passes (see eval_rules.py for figures).

    A failure names the figures only, never the items.
    """
    result = evaluate(path)[kind]
    caught, flagged = floors[kind]
    assert result.bad_caught() >= caught, f"bad {kind} caught: {result.bad_caught():.1%} < {caught:.0%}"
    assert result.good_flagged() <= flagged, f"good {kind} flagged: {result.good_flagged():.1%} > {flagged:.0%}"
