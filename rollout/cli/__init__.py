"""The ``rollout`` command line: a thin layer over the library.

Commands are registered by name and imported only when run, so ``rollout check``
never pays for the renderer and ``rollout --help`` stays instant. Every
:class:`~rollout.errors.RolloutError` becomes a message and an exit code, never a
traceback.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from typing import Any, NoReturn

import click

from rollout import __version__
from rollout.cli.common import clean
from rollout.errors import Aborted, RolloutError, UsageError

# name → (module, attribute, one-line help). Sections of the help follow this order.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": ("rollout.cli.workspace_cmds", "init", "Create a new workspace for an organization."),
    "demo": ("rollout.cli.workspace_cmds", "demo", "Write the demo organization and run the main job on it."),
    "validate": ("rollout.cli.workspace_cmds", "validate", "Load a workspace and report every problem."),
    "schema": ("rollout.cli.workspace_cmds", "schema", "Print the JSON Schema of the workspace files."),
    "org": ("rollout.cli.org_import_cmds", "org", "Import or export the organization from an HRIS people export."),
    "people": ("rollout.cli.org_cmds", "people", "List, add, rename people or mark them as left."),
    "units": ("rollout.cli.org_cmds", "units", "List, add, rename, set owners, move or archive departments and teams."),
    "phases": ("rollout.cli.phases_cmds", "phases", "Plan rollout phases from the readiness report, add or list them."),
    "check": ("rollout.cli.lint_cmds", "check", "Check OKRs against the quality rules (exit 1 on findings)."),
    "rules": ("rollout.cli.lint_cmds", "rules", "List the quality rules or explain one."),
    "import": ("rollout.cli.transfer_cmds", "import_", "Import OKRs from a spreadsheet (CSV or XLSX)."),
    "export": ("rollout.cli.transfer_cmds", "export", "Export OKRs to a spreadsheet (CSV or XLSX)."),
    "draft": ("rollout.cli.cycle_cmds", "draft", "Draft OKRs step by step, checked as you type."),
    "checkin": ("rollout.cli.cycle_cmds", "checkin", "Weekly check-in: new values and confidence."),
    "review": ("rollout.cli.cycle_cmds", "review", "Record a monthly review: notes, risks, decisions."),
    "close": ("rollout.cli.closing_cmds", "close", "Close a cycle: final scores, lessons, decisions."),
    "next": ("rollout.cli.closing_cmds", "next_", "Start the next cycle with the carried-over objectives."),
    "status": ("rollout.cli.cycle_cmds", "status", "The running cycle at a glance, per unit."),
    "questionnaires": ("rollout.cli.ask_cmds", "questionnaires", "List the bundled and local questionnaires."),
    "ask": ("rollout.cli.ask_cmds", "ask", "Answer a questionnaire; answers are saved in the workspace."),
    "readiness": ("rollout.cli.ask_cmds", "readiness", "Answer the readiness assessment, or `report` on all answers."),
    "build": ("rollout.cli.publish_cmds", "build", "Build the website and the PDF review packs."),
    "serve": ("rollout.cli.publish_cmds", "serve", "Preview the website locally; rebuild on change."),
    "collect": ("rollout.cli.collect_cmds", "collect", "Bring in answers and check-ins saved from the site's forms."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module = importlib.import_module(entry[0])
        command: click.Command = getattr(module, entry[1])
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_) for name, (_m, _a, help_) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="rollout")
def cli() -> None:
    """Guide an organization through adopting OKRs.

    Readiness questionnaires, guided drafting checked against quality rules,
    weekly check-ins, reviews and scoring, and a static site and PDF review
    packs for leadership. Start with `rollout demo` or `rollout init`.
    """


def click_error(exc: click.ClickException) -> str:
    """A mistake click found in the command line (an unknown option, a bad value), said the way
    every other error is: the usage and where to find help, then ``error: …`` in lower case
    (click's own ``Error:`` would be the one capitalised error of the program)."""
    lines: list[str] = []
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.UsageError) and ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(f"Try '{ctx.command_path} {ctx.help_option_names[0]}' for help.")
        lines.append("")
    lines.append(f"error: {exc.format_message()}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI and turn user errors into messages and exit codes."""
    try:
        code = cli.main(args=argv, prog_name="rollout", standalone_mode=False)
    except RolloutError as exc:
        click.echo(clean(exc.render()), err=True)
        sys.exit(exc.exit_code)
    except ValueError as exc:
        # A value a person gave that a record's model refused, on a path that did not name the
        # file itself: said in plain words (never pydantic's text), exit 2. Other value errors
        # are programming errors and keep their traceback.
        from pydantic import ValidationError

        if not isinstance(exc, ValidationError):
            raise
        from rollout.workspace.messages import summary

        click.echo(clean(UsageError(f"a value was refused: {summary(exc, None)}").render()), err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo(Aborted("interrupted").render(), err=True)
        sys.exit(130)
    except click.ClickException as exc:
        click.echo(click_error(exc), err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("\nerror: interrupted; nothing half-written was saved", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except OSError as exc:  # the machine, not the program: a read-only folder, a full disk, no permission
        where = f" {exc.filename}" if exc.filename else ""
        click.echo(clean(f"error: could not read or write{where}: {exc.strerror or exc}"), err=True)
        click.echo("  hint: check that the folder is writable by you and the disk not full", err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)


def run() -> NoReturn:
    """The ``rollout`` program: :func:`main`, then exit without tearing the heap down.

    A large workspace is millions of small objects; freeing them one by one when the
    interpreter shuts down takes longer than some commands themselves (0.6 s after a
    build of 2,000 teams). Every file is written and closed by then (writes are atomic
    and complete before a command returns), so the process flushes its output and
    leaves at once, like a program written in C would.
    """
    code: int = 0
    try:
        main()
    except SystemExit as exc:
        if isinstance(exc.code, int):
            code = exc.code
        elif exc.code is not None:
            print(exc.code, file=sys.stderr)
            code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`rollout check | head`)
            stream.flush()
    os._exit(code)


def run_result(code: int) -> Any:
    """Let a command end with a given exit code (e.g. ``check`` finding problems)."""
    raise click.exceptions.Exit(code)
