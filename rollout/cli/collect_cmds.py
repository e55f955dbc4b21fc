"""``rollout collect``: answers and check-ins from the site's forms and typed-back paper sheets."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from rollout.cli.common import format_option, print_json, resolve_root, workspace_option

if TYPE_CHECKING:
    from rollout.forms.collect import Outcome


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path), metavar="FILE|DIR...")
@workspace_option
@click.option("--replace", is_flag=True, help="Overwrite a complete answer already in the workspace.")
@format_option("text", "json")
def collect(paths: tuple[Path, ...], directory: Path | None, replace: bool, fmt: str) -> None:
    """Bring in the files people saved from the site's forms (and typed-back paper sheets).

    Works out what each file is (answers to a questionnaire, or a unit's check-ins),
    checks it as `rollout ask` and `rollout checkin` do, writes every valid one and
    refuses each invalid one whole. A folder means the form files directly in it.
    Exit 1 when a file was refused.

    \b
    Examples:
      rollout collect ~/Downloads
      rollout collect readiness-annika-brandt.yaml checkin-hr-2026-11-24.csv
      rollout collect answers/ --replace
    """
    from rollout.cli import run_result
    from rollout.forms.collect import collect_paths

    outcomes = collect_paths(resolve_root(directory), paths, replace=replace)
    if fmt == "json":
        print_json([o.to_dict() for o in outcomes])
    else:
        click.echo(render_table(outcomes))
    if not all(o.ok for o in outcomes):
        run_result(1)


def render_table(outcomes: list[Outcome]) -> str:
    """One line per file: file, kind, who, result; then the problems of refused files."""
    rows = [("File", "Kind", "Who", "Result")] + [
        (Path(o.file).name, o.kind, o.who or "–", o.result + (f": {o.detail}" if o.ok and o.detail else ""))
        for o in outcomes
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}" for r in rows]
    lines.insert(1, "  ".join("─" * w for w in widths) + "  " + "─" * 6)
    refused = [o for o in outcomes if not o.ok]
    for o in refused:
        lines.append("")
        lines.append(f"{o.file} was refused; nothing of it was written:")
        lines += [f"  {p}" for p in o.problems[:20]]
    saved = sum(1 for o in outcomes if o.written)
    again = sum(1 for o in outcomes if o.ok and not o.written)
    lines.append("")
    lines.append(
        f"{saved} saved, {again} already collected, {len(refused)} refused."
        + (" Fix the refused files (or ask their senders to) and collect them again." if refused else "")
    )
    return "\n".join(lines)
