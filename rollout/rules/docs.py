"""Rule documentation generated from the rule classes: list, one rule, whole reference."""

from __future__ import annotations

from rollout.rules.base import GROUPS, SEVERITY_WORDS, Rule
from rollout.rules.registry import REGISTRY
from rollout.rules.score import PENALTY


def _default(value: object) -> str:
    if value is None:
        return "(see description)"
    return str(value).lower() if isinstance(value, bool) else str(value)


def rule_text(rule: type[Rule]) -> str:
    """One rule for the terminal: message, why, bad, good, options, hint."""
    parts = rule.sections()
    lines = [
        f"{rule.code} {rule.name} ({rule.group}, {SEVERITY_WORDS[rule.severity]})",
        "",
        rule.example_message(),
        "",
        "Why",
        _indent(parts["why"]),
        "",
        "Bad",
        _indent(parts["bad"]),
        "",
        "Good",
        _indent(parts["good"]),
        "",
        "Fix",
        _indent(rule.hint),
    ]
    lines += ["", "Options"]
    if rule.options:
        lines += [f"  {o.name} (default {_default(o.default)}): {o.description}" for o in rule.options]
    else:
        lines.append("  none")
    lines += ["", f"Configure in rollout.yaml under rules: options: {rule.code}: …; suppress with"]
    lines.append(f"  suppress: [{{rule: {rule.code}, reason: …}}]")
    return "\n".join(lines)


def _indent(text: str) -> str:
    return "\n".join(("  " + line) if line else "" for line in text.splitlines())


def _json_schema_lines() -> list[str]:
    from rollout.rules.output import json_schema_text

    lines = json_schema_text().splitlines()[2:]  # after the heading line and its blank line
    return [line[4:] if line.startswith("    ") else line for line in lines]


def rule_table() -> list[tuple[str, str, str, str, str]]:
    """(code, name, group, severity as people read it, message with example values) of every rule."""
    return [(r.code, r.name, r.group, SEVERITY_WORDS[r.severity], r.example_message()) for r in REGISTRY.values()]


def reference_markdown() -> str:
    """The whole rule reference as one Markdown page."""
    out = [
        "# OKR quality rules",
        "",
        "`rollout check` reads a workspace and reports every objective and key result that breaks one of",
        "these rules, as `file:line:col SEVERITY CODE message` with a hint to fix it. The drafting flow",
        "runs the structure and wording rules live, as each line is typed.",
        "",
        "## Codes and groups",
        "",
        "Codes are stable and never reused. Select or ignore rules by code (`OKR201`), code prefix",
        "(`OKR2`) or group (`wording`).",
        "",
        "| range | group | what it checks |",
        "| --- | --- | --- |",
        *(f"| `{prefix}xx` | {group} | {text} |" for group, (prefix, text) in GROUPS.items()),
        "",
        "## Configuration",
        "",
        "In `rollout.yaml`:",
        "",
        "```yaml",
        "rules:",
        "  select: [structure, wording, OKR301]   # empty: every rule",
        "  ignore: [OKR207]",
        "  fail_on: warning                       # error | warning | note",
        "  options:",
        "    OKR101: {company_max: 3}",
        "  words:",
        "    activity_verbs: [onboard]",
        "```",
        "",
        "Unknown codes, options and word lists are errors. `rollout check --fail-on` overrides `fail_on`;",
        "`--select` replaces `select` and `--ignore` adds to `ignore`. Exit codes: 0 no finding at or above",
        "the failing severity, 1 some, 2 usage or load error.",
        "",
        "To keep a finding on purpose, suppress it on the objective (covers its key results too) or on the",
        "key result, with a reason:",
        "",
        "```yaml",
        "suppress:",
        "  - rule: OKR203",
        "    reason: Payroll accuracy is a guard-rail the board asked us to report here.",
        "```",
        "",
        "## Output formats",
        "",
        "`rollout check --format text` (default) prints `file:line:col SEVERITY CODE message` (error, warning",
        "or note), grouped by file, each with its fix hint. `--format sarif` prints SARIF 2.1.0 for",
        "code-scanning tools. `--format json` prints a stable document (a note's severity is `info` there):",
        "",
        "```text",
        *_json_schema_lines(),
        "```",
        "",
        "## Quality score",
        "",
        "Reports show an OKR quality score from 0 to 100, computed from the findings:",
        "",
        "    quality = max(0, 100 - "
        + " - ".join(f"{n} × {s}s" for s, n in PENALTY.items()).replace("infos", "notes")
        + ")",
        "",
        "An objective's score counts the findings on it and on its key results; a unit's score (one unit in",
        "one cycle) is the mean of its objectives' scores minus the penalties of the findings on the unit as",
        "a whole (objective counts, missing scores, calibration). The score rates how OKRs are written and",
        "run, not progress on them.",
        "",
        "## All rules",
        "",
        "| code | name | group | severity | message |",
        "| --- | --- | --- | --- | --- |",
        *(f"| [{c}](#{c.lower()}) | {n} | {g} | {s} | {m.replace('|', '/')} |" for c, n, g, s, m in rule_table()),
        "",
    ]
    for group in GROUPS:
        out += [f"## {group.capitalize()}", ""]
        for rule in (r for r in REGISTRY.values() if r.group == group):
            parts = rule.sections()
            out += [
                f"### {rule.code}",
                "",
                f"**{rule.name}** · {SEVERITY_WORDS[rule.severity]}",
                "",
                f"> {rule.example_message()}",
                "",
                parts["why"],
                "",
                "**Bad**",
                "",
                parts["bad"],
                "",
                "**Good**",
                "",
                parts["good"],
                "",
                f"**Fix:** {rule.hint}",
                "",
            ]
            if rule.options:
                out += ["| option | default | description |", "| --- | --- | --- |"]
                out += [f"| `{o.name}` | {_default(o.default)} | {o.description} |" for o in rule.options]
                out.append("")
    return "\n".join(out).rstrip() + "\n"
