"""Checking one draft objective and its key results (no workspace): :func:`check_draft`.

The guided drafting session (`rollout draft`) calls it on every answer, so it runs only the
rules marked ``draft`` (text and fields alone), kept per rules configuration.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from rollout.errors import UsageError
from rollout.rules.base import Context, Finding, Hit, Level, Rule
from rollout.rules.engine import config_issues, rule_instances
from rollout.rules.text import words_for
from rollout.workspace.settings import RulesConfig

if TYPE_CHECKING:
    from rollout.workspace.models import Cycle, KeyResult, Objective

_DRAFT_RULES: dict[tuple[Any, ...], list[Rule]] = {}


def check_draft(
    objective: Objective,
    *,
    level: Level,
    config: RulesConfig | None = None,
    cycle: Cycle | None = None,
    today: date | None = None,
) -> list[Finding]:
    """Check one objective and its key results, text and fields only (no workspace).

    ``level`` is the unit's level; ``cycle`` (optional) lets date rules compare
    ``due:`` with the cycle. Findings have ``file=""``, ``line=col=0`` and a
    ``field`` such as ``key_results[1].title``; ``kr`` names the key result.
    Raises :class:`~rollout.errors.UsageError` for a bad ``config``.
    """
    config = config or RulesConfig()
    key = (
        tuple(config.select),
        tuple(config.ignore),
        repr(sorted(config.options.items())),
        repr(sorted(config.words.items())),
    )
    rules = _DRAFT_RULES.get(key)
    if rules is None:
        issues = config_issues(config)
        if issues:
            raise UsageError("; ".join(f"rules.{'.'.join(map(str, i.path))}: {i.message}" for i in issues))
        rules = [r for r in rule_instances(config, None, None) if type(r).draft]
        if len(_DRAFT_RULES) > 32:
            _DRAFT_RULES.clear()
        _DRAFT_RULES[key] = rules
    ctx = Context(
        ws=None,
        words=words_for(config.words),
        today=today or date.today(),
        draft_levels={objective.id: level},
        draft_cycle=cycle,
    )
    suppressed_obj = {s.rule for s in objective.suppress}
    out: list[Finding] = []
    for rule in rules:
        if rule.code in suppressed_obj:
            continue
        for hit in rule.check_objective(objective, ctx):
            out.append(_draft_finding(rule, hit, objective, None, ()))
        for index, kr in enumerate(objective.key_results):
            if any(s.rule == rule.code for s in kr.suppress):
                continue
            for hit in rule.check_key_result(kr, objective, ctx):
                out.append(_draft_finding(rule, hit, objective, kr, ("key_results", index)))
    out.sort(key=lambda f: (f.field, f.code))
    return out


def _draft_finding(
    rule: Rule, hit: Hit, objective: Objective, kr: KeyResult | None, path: tuple[str | int, ...]
) -> Finding:
    from rollout.workspace.loader import field_name

    return Finding(
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        message=rule.message(**hit.args),
        hint=hit.hint or rule.hint,
        file="",
        line=0,
        col=0,
        field=field_name((*path, *hit.field)),
        cycle=cycle_id if (cycle_id := objective.cycle) else None,
        unit=objective.unit or None,
        objective=objective.id,
        kr=kr.id if kr is not None else None,
        rollup=rule.rollup_of(hit.args),
    )
