"""Running the rules: on a whole workspace, or on one draft objective.

- :func:`check_workspace` honours ``rules:`` in ``rollout.yaml`` (select, ignore,
  options, extra words) and inline suppressions, and returns findings sorted by
  place. Unknown codes, options or word lists are errors naming the line of
  ``rollout.yaml`` (a :class:`~rollout.errors.LoadError`, exit 2).
- :func:`check_draft` checks one objective built in memory (no workspace, no
  files): the drafting flow calls it on every typed line.

Selection: ``select`` (empty: every rule) then ``ignore``; each entry is a code
(``OKR201``), a code prefix (``OKR2``) or a group (``wording``). A ``--select``
on the command line replaces the configured one; ``--ignore`` adds to it.

Suppression: ``suppress: [{rule: OKR203, reason: ...}]`` on a key result hides
that rule's findings on the key result; on an objective, on the objective and
all its key results.
"""

from __future__ import annotations

import gc
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from rollout.errors import LoadError, UsageError
from rollout.rules.base import SEVERITY_RANK, Context, Finding, Hit, Rule
from rollout.rules.registry import REGISTRY, is_known, select_rules
from rollout.rules.suppression import UNUSED_SUPPRESSION
from rollout.rules.text import WORD_LISTS, words_for
from rollout.workspace.messages import field_name
from rollout.workspace.models import KeyResult, Objective, RulesConfig

if TYPE_CHECKING:
    from rollout.workspace import Workspace


@dataclass(frozen=True)
class _ConfigIssue:
    path: tuple[str | int, ...]
    message: str


def config_issues(config: RulesConfig) -> list[_ConfigIssue]:
    """Everything wrong in a ``rules:`` section, each with its path under ``rules``."""
    issues: list[_ConfigIssue] = []
    for key in ("select", "ignore"):
        for i, selector in enumerate(getattr(config, key)):
            if not is_known(selector):
                issues.append(_ConfigIssue((key, i), f"unknown rule code or group {selector!r} (see `rollout rules`)"))
    for code, values in config.options.items():
        rule = REGISTRY.get(code)
        if rule is None:
            issues.append(_ConfigIssue(("options", code), f"unknown rule code {code!r} (see `rollout rules`)"))
            continue
        declared = {o.name: o for o in rule.options}
        if not isinstance(values, dict):
            issues.append(_ConfigIssue(("options", code), "must be a mapping of option names to values"))
            continue
        for name, value in values.items():
            option = declared.get(name)
            if option is None:
                known = ", ".join(declared) or "none"
                issues.append(
                    _ConfigIssue(("options", code, name), f"{code} has no option {name!r} (options: {known})")
                )
                continue
            problem = option.check(value)
            if problem:
                issues.append(_ConfigIssue(("options", code, name), f"{code} option {name} {problem}"))
    for name in config.words:
        if name not in WORD_LISTS:
            issues.append(_ConfigIssue(("words", name), f"unknown word list {name!r} (lists: {', '.join(WORD_LISTS)})"))
    return issues


def rule_instances(config: RulesConfig, select: Sequence[str] | None, ignore: Sequence[str] | None) -> list[Rule]:
    """The rules to run, each with its options from ``rollout.yaml``: ``select``/``ignore``
    (codes, names or groups) narrow ``config.select``/``config.ignore``."""
    chosen = select_rules(list(select) if select else config.select, [*config.ignore, *(ignore or ())])
    return [rule(config.options.get(rule.code)) for rule in chosen]


def _check_selectors(select: Sequence[str] | None, ignore: Sequence[str] | None) -> None:
    for option, values in (("--select", select), ("--ignore", ignore)):
        for value in values or ():
            if not is_known(value):
                raise UsageError(
                    f"{option}: unknown rule code or group {value!r}",
                    hint="`rollout rules` lists the codes; groups are structure, wording, alignment, cadence",
                )


def failing(findings: Iterable[Finding], fail_on: str) -> bool:
    """True when a finding is at or above the failing severity."""
    bar = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[f.severity] >= bar for f in findings)


# --- workspace ------------------------------------------------------------------------


def check_workspace(
    ws: Workspace, *, select: Sequence[str] | None = None, ignore: Sequence[str] | None = None
) -> list[Finding]:
    """Every finding in the workspace, sorted by file, line, column and code."""
    return run_rules(ws, select=select, ignore=ignore).findings


@dataclass(frozen=True)
class RulesRun:
    """The findings of one run, and what a later run may reuse (see :func:`run_rules`)."""

    findings: list[Finding]
    raw: dict[str, list[Finding]]  # per rule code, before suppressions
    select: tuple[str, ...] | None
    ignore: tuple[str, ...] | None
    made: dict[tuple[Any, ...], Finding] = field(default_factory=dict, repr=False)  # see _findings
    suppressed: dict[str, set[str]] = field(default_factory=dict, repr=False)  # see _suppressions
    holders: list[Objective | KeyResult] = field(default_factory=list, repr=False)


def run_rules(
    ws: Workspace,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    previous: RulesRun | None = None,
    changed: Collection[str] = ("checkins", "reviews"),
    changed_krs: Collection[str] | None = None,
) -> RulesRun:
    """:func:`check_workspace`, keeping what an incremental run reuses.

    ``previous`` is a run on the same workspace before only the ``changed`` kinds of
    files (``checkins``, ``reviews``) changed: same OKRs, settings and as-of date
    (``rollout serve`` checks this). Only the rules that read those kinds (their
    ``reads``) run again; the others' findings are taken from ``previous``.
    ``changed_krs`` (with ``previous``): only the check-ins of these key results
    changed, so a :attr:`~rollout.rules.base.Rule.per_key_result` rule runs on them
    alone and keeps its findings about every other key result.

    The cyclic garbage collector is paused meanwhile, as :func:`~rollout.workspace.load`
    does: the rules make tens of thousands of short-lived hits, findings and sets, freed
    by reference counting, and the collector's passes over them were 10-30 ms of each
    `rollout check` of 2,000 teams (2026-11-29, this machine).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _run_rules(ws, select, ignore, previous, changed, changed_krs)
    finally:
        if enabled:
            gc.enable()


def _run_rules(
    ws: Workspace,
    select: Sequence[str] | None,
    ignore: Sequence[str] | None,
    previous: RulesRun | None,
    changed: Collection[str],
    changed_krs: Collection[str] | None,
) -> RulesRun:
    _check_selectors(select, ignore)
    config = ws.settings.rules
    if previous is not None:  # the same OKRs: the same suppressions, already checked
        suppressed, holders = previous.suppressed, previous.holders
    else:
        suppressed, holders = _suppressions(ws, config)

    rules = rule_instances(config, select, ignore)
    ctx = Context(ws=ws, words=words_for(config.words), today=ws.today, stale_after_days=ws.settings.stale_after_days)
    selection = (tuple(select) if select is not None else None, tuple(ignore) if ignore is not None else None)
    if previous is not None and (previous.select, previous.ignore) != selection:
        previous = None
    again = set(changed)
    reused = [r for r in rules if previous is not None and r.code in previous.raw and not r.reads & again]
    fresh = [r for r in rules if r not in reused and not r.reads]
    rerun = [r for r in rules if r not in reused and r.reads]
    only = frozenset(changed_krs) if previous is not None and changed_krs is not None else None
    # Run on the changed key results alone; their findings about the others are kept.
    earlier = previous.raw if previous is not None and only is not None else {}
    partial = [r for r in rerun if r.per_key_result and r.code in earlier]
    rerun = [r for r in rerun if r not in partial]
    raw: dict[str, list[Finding]] = {r.code: [] for r in rules}
    made: dict[tuple[Any, ...], Finding] = {}
    if previous is not None:
        codes = {r.code for r in reused}
        made.update((key, f) for key, f in previous.made.items() if f.code in codes)
        for rule in reused:
            raw[rule.code] = previous.raw[rule.code]
        if partial and only is not None:
            codes = {r.code for r in partial}
            made.update((k, f) for k, f in previous.made.items() if f.code in codes and f.kr not in only)
            for rule in partial:
                raw[rule.code] = [f for f in previous.raw[rule.code] if f.kr not in only]
            narrow = replace(ctx, only=only)
            for f in _findings(ws, narrow, partial, previous.made, made):
                raw[f.code].append(f)
    found = _findings(ws, ctx, fresh)
    # Rules that read check-ins or reviews run on every incremental build: their findings
    # are remembered by what they are made from (see _findings).
    found += _findings(ws, ctx, rerun, previous.made if previous is not None else {}, made)
    for f in found:
        raw[f.code].append(f)
    out = [f for rule in rules for f in raw[rule.code]]
    if suppressed:
        kept, used = [], set()
        for f in out:
            if f.kr and f.code in suppressed.get(f.kr, ()):
                used.add((f.kr, f.code))
            elif f.objective and f.code in suppressed.get(f.objective, ()):
                used.add((f.objective, f.code))
            else:
                kept.append(f)
        out = kept
        unused_rule = next((r for r in rules if r.code == UNUSED_SUPPRESSION), None)
        if unused_rule is not None:
            enabled = {r.code for r in rules}
            for holder in holders:
                for i, entry in enumerate(holder.suppress):
                    if entry.rule in enabled and (holder.id, entry.rule) not in used:
                        hit = Hit(holder, ("suppress", i, "rule"), {"rule": entry.rule})
                        if isinstance(holder, KeyResult):
                            hit.kr, hit.objective = holder, ws.objective_of(holder.id)
                        else:
                            hit.objective = holder
                        out.append(_finding(unused_rule, hit, ws, ctx))
    out.sort(key=Finding.sort_key)
    return RulesRun(out, raw, *selection, made, suppressed, holders)


def rule_holders(ws: Workspace) -> list[Objective | KeyResult]:
    """Every record that may hold inline suppressions: objectives and key results."""
    holders: list[Objective | KeyResult] = []
    for objective in ws.objectives.values():
        holders.append(objective)
        holders.extend(objective.key_results)
    return holders


def _suppressions(ws: Workspace, config: RulesConfig) -> tuple[dict[str, set[str]], list[Objective | KeyResult]]:
    """Inline suppressions: objective or key result id → codes, and every record that may hold them.

    Raises :class:`LoadError` for an unknown code there or a bad ``rules:`` configuration.
    """
    problems = [ws.problem(ws.settings, issue.message, "rules", *issue.path) for issue in config_issues(config)]
    suppressed: dict[str, set[str]] = {}
    holders = rule_holders(ws)
    for holder in holders:
        for i, entry in enumerate(holder.suppress):
            if entry.rule not in REGISTRY:
                problems.append(ws.problem(holder, f"unknown rule code {entry.rule!r} in suppress", "suppress", i))
            suppressed.setdefault(holder.id, set()).add(entry.rule)
    if problems:
        raise LoadError(problems)
    return suppressed, holders


def _findings(
    ws: Workspace,
    ctx: Context,
    rules: list[Rule],
    before: dict[tuple[Any, ...], Finding] | None = None,
    made: dict[tuple[Any, ...], Finding] | None = None,
) -> list[Finding]:
    """What ``rules`` find, before suppressions.

    ``made`` collects the findings by everything they are made from (rule, record, file
    content, arguments), and ``before`` is that of the previous run: the rules that run
    again on every incremental build mostly report what they reported before, and
    placing a finding costs more than finding it.
    """
    out: list[Finding] = []
    # Each check bound once: the loops below make ~280,000 calls for 2,000 teams.
    objective_checks = [(r, r.check_objective) for r in rules if _overrides(r, "check_objective")]
    kr_checks = [(r, r.check_key_result) for r in rules if _overrides(r, "check_key_result")]
    ws_rules = [r for r in rules if _overrides(r, "check_workspace")]
    if objective_checks or kr_checks:
        for objective in ws.objectives.values():
            for rule, check_objective in objective_checks:
                for hit in check_objective(objective, ctx):
                    hit.objective = hit.objective or objective
                    out.append(_finding(rule, hit, ws, ctx))
            for kr in objective.key_results:
                for rule, check_key_result in kr_checks:
                    for hit in check_key_result(kr, objective, ctx):
                        hit.objective, hit.kr = hit.objective or objective, hit.kr or kr
                        out.append(_finding(rule, hit, ws, ctx))
    for rule in ws_rules:
        for hit in rule.check_workspace(ws, ctx):
            if hit.kr is not None and hit.objective is None and hit.kr.id in ws.kr_objective:
                hit.objective = ws.objective_of(hit.kr.id)
            key = _key(rule, hit, ws) if made is not None else None
            found = before.get(key) if before is not None and key is not None else None
            if found is None:
                found = _finding(rule, hit, ws, ctx)
            if made is not None and key is not None:
                made[key] = found
            out.append(found)
    return out


def _key(rule: Rule, hit: Hit, ws: Workspace) -> tuple[Any, ...] | None:
    """Everything a finding is made from, or None when an argument cannot be a key."""
    record = hit.record
    source = ws.sources.get(record.source_file) if record is not None else None
    key = (
        rule.code,
        record.source_file if record is not None else None,
        record.source_path if record is not None else None,
        source.sha if source is not None else None,
        hit.field,
        tuple(sorted(hit.args.items())),
        hit.objective.id if hit.objective is not None else None,
        hit.kr.id if hit.kr is not None else None,
        hit.cycle,
        hit.unit,
        hit.file,
    )
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _overrides(rule: Rule, method: str) -> bool:
    return getattr(type(rule), method) is not getattr(Rule, method)


def _finding(rule: Rule, hit: Hit, ws: Workspace, ctx: Context) -> Finding:
    cycle, unit = hit.cycle, hit.unit
    if hit.objective is not None:
        home = ctx.home(hit.objective.id)
        cycle, unit = cycle or home[0], unit or home[1]
    record = hit.record
    if record is not None:
        file, line, col = ws.locate(record, *hit.field)
        field = _field_name((*record.source_path, *hit.field))
    else:
        file, line, col, field = hit.file or "", 1, 1, ""
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        message=rule.message(**hit.args),
        hint=hit.hint or rule.hint,
        file=file,
        line=line,
        col=col,
        field=field,
        cycle=cycle,
        unit=unit,
        objective=hit.objective.id if hit.objective is not None else None,
        kr=hit.kr.id if hit.kr is not None else None,
        rollup=rule.rollup_of(hit.args),
    )


# Field names by path: findings repeat a few dozen paths (``objectives[0].title``) in
# thousands of files, and spelling one out cost 2 µs a finding (2,000 teams: 5,899
# findings, 2026-11-29). Bounded by the shapes of the workspace files.
_FIELD_NAMES: dict[tuple[str | int, ...], str] = {}


def _field_name(path: tuple[str | int, ...]) -> str:
    """:func:`rollout.workspace.messages.field_name`, remembered per path."""
    name = _FIELD_NAMES.get(path)
    if name is None:
        name = _FIELD_NAMES[path] = field_name(path)
    return name
