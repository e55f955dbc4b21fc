"""Precision and recall of the wording rules on the labeled evaluation set.

    python tests/benchmarks/eval_rules.py [--misses] [--misses-set-3] [--misses-set-4] [--misses-set-5]
        [--misses-set-6] [--misses-set-7] [--misses-set-8] [--misses-set-9] [--misses-set-10]
        [--misses-set-11]
    python tests/benchmarks/eval_rules.py --workspace DIR [DIR ...]

Prints, per kind (key results, objectives) and per label, the number of items,
the recall (share flagged by the label's rule) and the precision of that rule,
then the share of bad items caught and of good items flagged by any wording rule.

With ``--workspace``, lists every wording finding (OKR2xx) of each workspace with the
title it is about, one per line (``CODE | title | message``), for reading them on
real OKR sets (e.g. the public sets imported with ``rollout import``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rules.evaluation import (
    EVAL_SET,
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
    by_function,
    evaluate,
)

# The aims (issue 18): bad caught at least, good flagged at most.
AIMS = {"key_results": (0.95, 0.05), "objectives": (0.80, 0.0)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--misses", action="store_true", help="List the items the rules get wrong (not for held-out sets 3 to 9)."
    )
    parser.add_argument(
        "--misses-set-3",
        action="store_true",
        help="Also list held-out set 3's misses: only once tuning is over, or the set is no longer unseen.",
    )
    parser.add_argument(
        "--misses-set-4",
        action="store_true",
        help="Also list held-out set 4's misses: only once tuning is over, or the set is no longer unseen.",
    )
    parser.add_argument(
        "--misses-set-5",
        action="store_true",
        help="Also list held-out set 5's misses: only once tuning is over, or the set is no longer unseen.",
    )
    parser.add_argument(
        "--misses-set-6",
        action="store_true",
        help="Also list held-out set 6's misses (the tuning set of the sixth pass).",
    )
    parser.add_argument(
        "--misses-set-7",
        action="store_true",
        help="Also list held-out set 7's misses: only once tuning is over, or the set is no longer unseen.",
    )
    parser.add_argument(
        "--misses-set-8",
        action="store_true",
        help="Also list held-out set 8's misses: only once the seventh pass is over, or the set is no longer unseen.",
    )
    parser.add_argument(
        "--misses-set-9",
        action="store_true",
        help="Also list held-out set 9's misses: only at the next check, or the set is no longer unseen.",
    )
    parser.add_argument(
        "--misses-set-10",
        action="store_true",
        help="Also list held-out set 10's misses: only at the next check, or the set is no longer unseen.",
    )
    parser.add_argument(
        "--misses-set-11",
        action="store_true",
        help="Also list held-out set 11's misses: only at the next check, or the set is no longer unseen.",
    )
    parser.add_argument("--workspace", nargs="+", type=Path, help="List the wording findings of these workspaces.")
    options = parser.parse_args()
    if options.workspace:
        for root in options.workspace:
            list_wording(root)
        return
    sets = (
        ("Evaluation set (tuned on)", EVAL_SET),
        ("Held-out set 1 (never tuned on, but read while tuning)", HOLDOUT_SET),
        ("Held-out set 2 (collected before the second pass; its misses were read after it)", HOLDOUT_SET_2),
        ("Held-out set 3 (collected before the third pass; its misses were read in the fourth)", HOLDOUT_SET_3),
        (
            "Held-out set 4 (collected before the fourth pass, its misses were read after it, tuned on in the fifth)",
            HOLDOUT_SET_4,
        ),
        (
            "Held-out set 5 (collected before the fifth pass, unseen while tuning; its misses were read after it)",
            HOLDOUT_SET_5,
        ),
        ("Held-out set 6 (collected before the sixth pass; the tuning set of that pass)", HOLDOUT_SET_6),
        (
            "Held-out set 7 (collected before the sixth pass, never read while tuning: the unseen measure)",
            HOLDOUT_SET_7,
        ),
        (
            "Held-out set 8 (collected before the seventh pass, never read while tuning: the unseen measure of that pass)",
            HOLDOUT_SET_8,
        ),
        ("Held-out set 9 (collected before the seventh pass, kept unread for the next check)", HOLDOUT_SET_9),
        ("Held-out set 10 (collected after the eighth pass, kept unread for the next check)", HOLDOUT_SET_10),
        ("Held-out set 11 (collected after the eighth pass, kept unread for the next check)", HOLDOUT_SET_11),
    )
    for title, path in sets:
        unseen = {
            HOLDOUT_SET_3: options.misses_set_3,
            HOLDOUT_SET_4: options.misses_set_4,
            HOLDOUT_SET_5: options.misses_set_5,
            HOLDOUT_SET_6: options.misses_set_6,
            HOLDOUT_SET_7: options.misses_set_7,
            HOLDOUT_SET_8: options.misses_set_8,
            HOLDOUT_SET_9: options.misses_set_9,
            HOLDOUT_SET_10: options.misses_set_10,
            HOLDOUT_SET_11: options.misses_set_11,
        }
        show_misses = unseen.get(path, options.misses)
        report = evaluate(path)
        functions = ", ".join(f"{k} {v}" for k, v in sorted(by_function(path).items()))
        total = sum(len(r.items) for r in report.values())
        print(f"{title}: {path.name}, {total} items ({functions})\n")
        for kind, result in report.items():
            print(f"{result.kind}: {len(result.items)} items, {len(result.good)} good, {len(result.bad)} bad")
            print(f"  {'label':<18} {'rule':<7} {'n':>3} {'recall':>7} {'precision':>9}")
            for label, f in result.per_label().items():
                print(
                    f"  {label:<18} {result.rules[label]:<7} {int(f['count']):>3} "
                    f"{f['recall']:>7.1%} {f['precision']:>9.1%}"
                )
            caught, flagged = AIMS[kind]
            print(f"  bad caught by their rule: {result.bad_caught():.1%} (aim >= {caught:.0%})")
            print(f"  good flagged by any wording rule: {result.good_flagged():.1%} (aim <= {flagged:.0%})\n")
            if show_misses:
                for line in result.misses():
                    print("  " + line)
                print()


def list_wording(root: Path) -> None:
    """Every wording finding of a workspace with the title it is about."""
    from rollout.errors import LoadError
    from rollout.rules import check_workspace
    from rollout.workspace import load

    try:
        ws = load(root)
    except LoadError as exc:
        sys.exit(f"{root}: {exc.render()}")
    titles = {o.id: o.title for o in ws.objectives.values()}
    titles.update({kr.id: kr.title for o in ws.objectives.values() for kr in o.key_results})
    for f in check_workspace(ws, select=["wording"]):
        print(f"{f.code} | {titles.get(f.kr or f.objective or '', '?')} | {f.message}")


if __name__ == "__main__":
    main()
