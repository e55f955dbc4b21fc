"""``rollout check`` (the OKR linter) and ``rollout rules`` (its documentation).

Imports stay light: no renderer, no prompts. ``check`` loads the workspace and the
rules only.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from rollout.cli import run_result
from rollout.cli.common import print_json, resolve_root, workspace_argument


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.command()
@workspace_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif"]),
    default="text",
    show_default=True,
    help="Output format (json: stable schema, see `rollout rules --format markdown`; sarif: SARIF 2.1.0).",
)
@click.option(
    "--select", multiple=True, metavar="CODES", help="Only these codes, prefixes or groups (repeat or comma)."
)
@click.option(
    "--ignore", multiple=True, metavar="CODES", help="Skip these codes, prefixes or groups (repeat or comma)."
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "note", "info"]),
    default=None,
    help="Exit 1 when a finding is at or above this severity (default: rules.fail_on in rollout.yaml); "
    "`info` is the old name of `note`.",
)
@click.option("--no-hints", is_flag=True, help="Text output without the fix hints.")
@click.option(
    "--each",
    is_flag=True,
    help="Text output: list every missing-field finding on its own line (default: one line per unit and kind).",
)
def check(
    directory: Path | None,
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    no_hints: bool,
    each: bool,
) -> None:
    """Check the OKRs of a workspace against the quality rules.

    Prints `file:line:col SEVERITY CODE message` per finding (error, warning or
    note), grouped by file, with a fix
    hint; missing owners, baselines and targets are counted in one line per unit
    and kind ("12 key results in Sales have no baseline") unless `--each`.
    Exit status: 0 when no finding is at or above the failing severity, 1 when
    some are, 2 for a usage or load error.
    """
    from rollout.rules import output
    from rollout.rules.base import SEVERITY_ALIASES
    from rollout.rules.engine import check_workspace, failing
    from rollout.workspace import load
    from rollout.workspace.deep import check_deep

    root = resolve_root(directory)
    ws = load(root)
    check_deep(ws)  # what build reads too: questionnaires and the answers saved to them
    findings = check_workspace(ws, select=_split(select) or None, ignore=_split(ignore) or None)
    bar = SEVERITY_ALIASES[fail_on] if fail_on else ws.settings.rules.fail_on
    failed = failing(findings, bar)
    if fmt == "json":
        click.echo(output.dumps(output.as_json(findings, workspace=root, fail_on=bar, failed=failed), depth=2))
    elif fmt == "sarif":
        click.echo(output.dumps(output.as_sarif(findings, workspace=root), depth=4))
    else:
        names = {unit.id: unit.name for unit in ws.units.values()}
        text = output.as_text(
            findings, failed=failed, color=sys.stdout.isatty(), hints=not no_hints, unit_names=names, each=each
        )
        click.echo(text)
    if failed:
        run_result(1)


@click.command()
@click.argument("code", required=False, metavar="[CODE]")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="text: a table (or one rule); markdown: the whole reference page; json: every rule as data.",
)
def rules(code: str | None, fmt: str) -> None:
    """List the quality rules, or explain one (`rollout rules OKR201`)."""
    from rollout.errors import UsageError
    from rollout.rules.docs import reference_markdown, rule_table, rule_text
    from rollout.rules.registry import REGISTRY

    if code is not None:
        rule = REGISTRY.get(code.upper())
        if rule is None:
            raise UsageError(f"unknown rule {code!r}", hint="`rollout rules` lists every code")
        if fmt == "json":
            print_json(_rule_data(rule))
        elif fmt == "markdown":
            click.echo(_one_markdown(rule.code))
        else:
            click.echo(rule_text(rule))
        return
    if fmt == "markdown":
        click.echo(reference_markdown(), nl=False)
    elif fmt == "json":
        print_json([_rule_data(r) for r in REGISTRY.values()])
    else:
        rows = rule_table()
        width = max(len(name) for _c, name, *_ in rows)
        for rule_code, name, group, severity, message in rows:
            click.echo(f"{rule_code}  {name:<{width}}  {group:<9}  {severity:<7}  {message}")
        click.echo("\n`rollout rules CODE` explains one rule; `--format markdown` prints the reference.")


def _one_markdown(code: str) -> str:
    from rollout.rules.docs import reference_markdown

    text = reference_markdown()
    start = text.index(f"### {code}\n")
    end = text.find("\n### ", start + 1)
    end2 = text.find("\n## ", start + 1)
    stops = [e for e in (end, end2) if e != -1]
    return text[start : min(stops) if stops else len(text)].strip()


def _rule_data(rule: type) -> dict[str, object]:
    parts = rule.sections()  # type: ignore[attr-defined]
    return {
        "code": rule.code,  # type: ignore[attr-defined]
        "name": rule.name,  # type: ignore[attr-defined]
        "group": rule.group,  # type: ignore[attr-defined]
        "severity": rule.severity,  # type: ignore[attr-defined]
        "message": rule.message_template(),  # type: ignore[attr-defined]
        "example": rule.example_message(),  # type: ignore[attr-defined]
        "why": parts["why"],
        "bad": parts["bad"],
        "good": parts["good"],
        "hint": rule.hint,  # type: ignore[attr-defined]
        "draft": rule.draft,  # type: ignore[attr-defined]
        "options": [
            {"name": o.name, "type": o.type.__name__, "default": o.default, "description": o.description}
            for o in rule.options  # type: ignore[attr-defined]
        ],
    }
