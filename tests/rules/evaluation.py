"""Score the wording rules on the labeled evaluation set (``eval_set.yaml``).

Key results are checked as the only key result of a draft objective, objectives
as a draft objective without key results, both with :func:`check_draft` and the
wording group only (the same code path as the drafting flow).

- A bad item is *caught* when the rule for its label flags it (``LABEL_RULE``).
- A good item is *flagged* when any wording rule flags it.
- Precision of a rule: share of the items it flags that carry its label.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from rollout.rules import check_draft
from rollout.workspace.models import KeyResult, Objective, RulesConfig

EVAL_SET = Path(__file__).with_name("eval_set.yaml")
HOLDOUT_SET = Path(__file__).with_name("holdout_set.yaml")  # never used for tuning (but read while tuning)
# Collected before the second tuning pass and never read while tuning: the unseen measure.
HOLDOUT_SET_2 = Path(__file__).with_name("holdout_set_2.yaml")
# Collected before the third tuning pass (r18b); its misses are not read while tuning.
HOLDOUT_SET_3 = Path(__file__).with_name("holdout_set_3.yaml")
# Collected before the fourth tuning pass (h18), mostly real published OKRs; its misses were
# read and tuned on in the fifth pass (r18d), so it is no longer an unseen measure.
HOLDOUT_SET_4 = Path(__file__).with_name("holdout_set_4.yaml")
# Collected before the fifth tuning pass (h18b), mostly real published OKRs; its misses are
# not read while tuning (eval_rules.py prints them only with --misses-set-5).
HOLDOUT_SET_5 = Path(__file__).with_name("holdout_set_5.yaml")
# Collected before the sixth pass (h18c), mostly real published OKRs; the tuning set of that pass.
HOLDOUT_SET_6 = Path(__file__).with_name("holdout_set_6.yaml")
# Collected before the sixth pass (h18c) and never read while tuning: the unseen measure
# (eval_rules.py prints its misses only with --misses-set-7).
HOLDOUT_SET_7 = Path(__file__).with_name("holdout_set_7.yaml")
# Collected before the seventh pass (h18d) and never read while tuning: the unseen measure of
# that pass (eval_rules.py prints its misses only with --misses-set-8).
HOLDOUT_SET_8 = Path(__file__).with_name("holdout_set_8.yaml")
# Collected before the seventh pass (h18d), kept unread for the next check (eval_rules.py prints
# its misses only with --misses-set-9).
HOLDOUT_SET_9 = Path(__file__).with_name("holdout_set_9.yaml")
# Collected after the eighth pass (h18e), kept unread for the next check (eval_rules.py prints
# their misses only with --misses-set-10 / --misses-set-11).
HOLDOUT_SET_10 = Path(__file__).with_name("holdout_set_10.yaml")
HOLDOUT_SET_11 = Path(__file__).with_name("holdout_set_11.yaml")
# The rule that should flag an item of each label, per kind of item.
LABEL_RULE: dict[str, dict[str, str]] = {
    "key_results": {
        "activity": "OKR201",
        "vague": "OKR202",
        "business_as_usual": "OKR203",
        "compound": "OKR209",
        "placeholder": "OKR210",
    },
    "objectives": {
        "vague": "OKR208",
        "metric": "OKR204",
        "task": "OKR205",
        "jargon": "OKR206",
        "placeholder": "OKR210",
    },
}
WORDING = RulesConfig(select=["wording"])


@dataclass
class KindReport:
    """Results for one kind of item (key results or objectives)."""

    kind: str
    rules: dict[str, str]  # label → the rule that should flag it
    items: list[tuple[str, str, set[str]]] = field(default_factory=list)  # (text, label, codes flagged)

    @property
    def bad(self) -> list[tuple[str, str, set[str]]]:
        return [i for i in self.items if i[1] != "good"]

    @property
    def good(self) -> list[tuple[str, str, set[str]]]:
        return [i for i in self.items if i[1] == "good"]

    def bad_caught(self) -> float:
        return sum(self.rules[label] in codes for _t, label, codes in self.bad) / max(1, len(self.bad))

    def good_flagged(self) -> float:
        return sum(bool(codes) for _t, _l, codes in self.good) / max(1, len(self.good))

    def per_label(self) -> dict[str, dict[str, float]]:
        """Per label: count, recall (its rule flags it) and precision of its rule."""
        out: dict[str, dict[str, float]] = {}
        labels = sorted({label for _t, label, _c in self.items if label != "good"})
        for label in labels:
            code = self.rules[label]
            with_label = [i for i in self.items if i[1] == label]
            flagged = [i for i in self.items if code in i[2]]
            hits = sum(1 for i in flagged if i[1] == label)
            out[label] = {
                "count": len(with_label),
                "recall": sum(code in c for _t, _l, c in with_label) / max(1, len(with_label)),
                "precision": hits / len(flagged) if flagged else 1.0,
            }
        return out

    def misses(self) -> list[str]:
        lines = [
            f"missed {label}: {text} ({', '.join(sorted(codes)) or 'nothing'})"
            for text, label, codes in self.bad
            if self.rules[label] not in codes
        ]
        lines += [f"good flagged: {text} ({', '.join(sorted(codes))})" for text, _l, codes in self.good if codes]
        return lines


def _kr_codes(text: str) -> set[str]:
    objective = Objective(id="eval", title="Evaluation objective", key_results=[KeyResult(id="eval-kr1", title=text)])
    return {f.code for f in check_draft(objective, level="team", config=WORDING) if f.kr == "eval-kr1"}


def _objective_codes(text: str) -> set[str]:
    objective = Objective(id="eval", title=text)
    return {f.code for f in check_draft(objective, level="team", config=WORDING) if f.kr is None}


def evaluate(path: Path = EVAL_SET) -> dict[str, KindReport]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    krs = KindReport(
        "key results",
        LABEL_RULE["key_results"],
        [(i["text"], i["label"], _kr_codes(i["text"])) for i in data["key_results"]],
    )
    objectives = KindReport(
        "objectives",
        LABEL_RULE["objectives"],
        [(i["text"], i["label"], _objective_codes(i["text"])) for i in data["objectives"]],
    )
    return {"key_results": krs, "objectives": objectives}


def by_function(path: Path = EVAL_SET) -> dict[str, int]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    counts: dict[str, int] = defaultdict(int)
    for kind in ("key_results", "objectives"):
        for item in data[kind]:
            counts[item.get("function", "?")] += 1
    return dict(counts)
