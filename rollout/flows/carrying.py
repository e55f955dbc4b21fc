"""Carrying objectives into the next cycle: new ids, baselines moved to the value reached, met key results.

Used by ``rollout next`` (:mod:`rollout.flows.next_cycle`). A key result that was met
(:func:`met_key_results`: final score 1.0, an override to 1.0 included) is done and stays
behind unless it is carried as a health metric.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import date
from typing import Any

from rollout.flows.answers import fresh_date
from rollout.metrics.figures import met
from rollout.workspace.models import MAX_ID_LENGTH, Objective
from rollout.workspace.workspace import Workspace

CARRIED = ("carried_over", "refined")
"""The close decisions that carry an objective into the next cycle."""
_CYCLE_SUFFIX = re.compile(r"-[a-z0-9]+-(?:q[1-4]|h[12]|t[1-3])\Z")


def carried_id(old_id: str, new_cycle: str, taken: set[str]) -> str:
    """Id of a carried objective: the old id without its cycle suffix, plus the new cycle (``-2027-q1``).

    Short enough for key result ids (``<id>-krN``) to stay valid, and unique in ``taken``.
    """
    suffix = "-" + re.sub(r"[^a-z0-9]+", "-", new_cycle.lower()).strip("-")
    base = _CYCLE_SUFFIX.sub("", old_id)
    room = MAX_ID_LENGTH - len("-kr99") - len(suffix) - len("-99")
    base = base[:room].rstrip("-") or "objective"
    candidate, n = base + suffix, 2
    while candidate in taken:
        candidate, n = f"{base}{suffix}-{n}", n + 1
    taken.add(candidate)
    return candidate


def carried_baseline(
    direction: str | None, baseline: float | None, target: float | None, value: float | None
) -> float | None:
    """Where a carried key result starts: the value reached, if it moved toward the target without reaching it."""
    if direction in (None, "milestone") or value is None or baseline is None or target is None:
        return baseline
    low, high = sorted((baseline, target))
    return value if low < value < high else baseline


_FROM_NUMBER = re.compile(
    r"\bfrom\s+(?:[^\W\d_]{1,4}\s?|[€$£]\s?)?(?P<num>[-−]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?))",
    re.IGNORECASE,
)
"""A number after "from" in a title, with its sign ("from -5", "from −5", "from EUR 1,250")."""


def _title_number(text: str) -> float:
    """The value of a number :data:`_FROM_NUMBER` matched (a Unicode minus sign read as ``-``)."""
    return float(text.replace(",", "").replace("−", "-"))


def _number_like(value: float, like: str) -> str:
    """``value`` written the way ``like`` writes numbers (decimals kept, thousands grouped)."""
    decimals = len(like.partition(".")[2])
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    shown = len(text.partition(".")[2])
    if shown < decimals:
        text = f"{value:.{decimals}f}"
        shown = decimals
    if "," in like:
        text = f"{float(text):,.{shown}f}"
    if like.startswith("−"):  # the title's own minus sign
        text = text.replace("-", "−")
    return text


def carried_title(title: str, old_baseline: float, new_baseline: float) -> str:
    """A key result title with its starting point moved: "from 52 to 35" → "from 38 to 35".

    Only a title that states the old baseline exactly once after "from" changes;
    any other title is kept as written.
    """
    hits = [m for m in _FROM_NUMBER.finditer(title) if _title_number(m["num"]) == old_baseline]
    if len(hits) != 1:
        return title
    start, end = hits[0].span("num")
    return title[:start] + _number_like(new_baseline, hits[0]["num"]) + title[end:]


def carry_objective(
    objective: Mapping[str, Any],
    *,
    new_id: str,
    due: date,
    last_values: Mapping[str, float | None],
    parent: str | None,
    met: Collection[str] = (),
    as_health: Collection[str] = (),
) -> dict[str, Any]:
    """A copy of an objective record (plain dict) for the next cycle, with ``carried_from`` set.

    Each key result starts from the value it reached (:func:`carried_baseline`),
    and a title that names the old starting point names the new one. Key results in
    ``met`` (ids; see :func:`met_key_results`) are done and left behind, except those
    also in ``as_health``: they come along as health metrics (``health_metric: true``)
    that hold the level reached, baseline and target both at the old target.
    """
    record: dict[str, Any] = {"id": new_id, "title": objective["title"]}
    for key in ("owner", "alignment", "contributors", "priority", "description", "suppress"):
        if objective.get(key):
            record[key] = objective[key]
    if parent:
        record["parent"] = parent
    record["carried_from"] = objective["id"]
    krs = []
    kept = [kr for kr in objective.get("key_results") or [] if kr["id"] not in met or kr["id"] in as_health]
    for n, kr in enumerate(kept, start=1):
        copy: dict[str, Any] = {"id": f"{new_id}-kr{n}"}
        copy.update((k, v) for k, v in kr.items() if k not in ("id", "due") and v is not None and v != [])
        if kr["id"] in met:  # held as a health metric: the level reached is the level to keep
            copy["health_metric"] = True
            if kr.get("target") is not None:
                copy["baseline"] = kr["target"]
            copy["due"] = fresh_date(due)
            krs.append(copy)
            continue
        baseline = carried_baseline(
            kr.get("direction"), kr.get("baseline"), kr.get("target"), last_values.get(kr["id"])
        )
        if baseline is not None:
            copy["baseline"] = baseline
            if kr.get("baseline") is not None and baseline != kr["baseline"]:
                copy["title"] = carried_title(str(kr["title"]), float(kr["baseline"]), float(baseline))
        copy["due"] = fresh_date(due)
        krs.append(copy)
    record["key_results"] = krs
    return record


def met_key_results(ws: Workspace, cycle_id: str) -> dict[str, float]:
    """Key results of ``cycle_id`` that were met: kr id → final score, in file order.

    The final score is the analysis' (:func:`rollout.metrics.figures.final_score`: an
    override honoured, so a key result overridden to 1.0 is met; else the score of
    its check-ins at the cycle end, so a milestone checked in at 1 is met), and met
    is :func:`rollout.metrics.figures.met` (a score of 1.0).
    """
    from rollout.metrics.analysis import analyze

    states = analyze(ws).key_results
    out: dict[str, float] = {}
    for objective in ws.objectives_in(cycle_id):
        for kr in objective.key_results:
            score = states[kr.id].score
            if met(score) and score is not None:
                out[kr.id] = score
    return out


def carried_objectives(ws: Workspace, cycle_id: str) -> list[Objective]:
    """The objectives of ``cycle_id`` its close decided to carry over or refine, in file order."""
    decisions = close_decisions(ws, cycle_id)
    return [o for o in ws.objectives_in(cycle_id) if decisions.get(o.id) in CARRIED]


def close_decisions(ws: Workspace, cycle_id: str) -> dict[str, str]:
    """The close's decision per objective id of ``cycle_id`` (``carried_over``, ``refined``, …), from its reviews."""
    return {d.objective: d.decision for (c, _u), r in ws.reviews.items() if c == cycle_id for d in r.decisions}
