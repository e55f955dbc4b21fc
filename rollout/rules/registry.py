"""The one list of every rule, and selection by code, code prefix or group."""

from __future__ import annotations

from collections.abc import Iterable

from rollout.rules import (
    alignment,
    assessments,
    cadence,
    calibration,
    checkins,
    closed_scores,
    shape,
    structure,
    suppression,
    wording,
)
from rollout.rules.base import GROUPS, Rule

REGISTRY: dict[str, type[Rule]] = {
    rule.code: rule
    for module in (
        suppression,
        structure,
        wording,
        shape,
        alignment,
        cadence,
        calibration,
        checkins,
        closed_scores,
        assessments,
    )
    for rule in module.RULES
}


def matches(selector: str, rule: type[Rule]) -> bool:
    """``OKR201`` (a code), ``OKR2`` (a code prefix) or ``wording`` (a group) — case-insensitive."""
    sel = selector.strip()
    if sel.lower() in GROUPS:
        return rule.group == sel.lower()
    return rule.code.startswith(sel.upper())


def is_known(selector: str) -> bool:
    return any(matches(selector, rule) for rule in REGISTRY.values())


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[type[Rule]]:
    """Rules enabled by ``select`` (empty: all) minus ``ignore``, in code order."""
    select, ignore = list(select), list(ignore)
    out = []
    for rule in REGISTRY.values():
        if select and not any(matches(s, rule) for s in select):
            continue
        if any(matches(s, rule) for s in ignore):
            continue
        out.append(rule)
    return out
