"""Options and helpers shared by the commands."""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

if TYPE_CHECKING:
    from rollout.workspace import Workspace

F = TypeVar("F", bound=Callable[..., Any])


class Day(click.DateTime):
    """A day typed as ``YYYY-MM-DD`` (a datetime at midnight, as ``click.DateTime`` gives).

    Shown as ``YYYY-MM-DD`` in the help instead of click's ``[%Y-%m-%d]``, and a wrong
    day says why in words: "'2027-13-01' is not a day: month must be in 1..12".
    """

    name = "day"

    def __init__(self) -> None:
        super().__init__(["%Y-%m-%d"])

    def get_metavar(self, *args: Any, **kwargs: Any) -> str:
        return "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from datetime import date, datetime

        if isinstance(value, datetime):
            return value
        try:
            day = date.fromisoformat(str(value).strip())
        except ValueError as exc:
            known = ("must be in", "out of range")  # Python names the part that is wrong
            reason = str(exc) if any(k in str(exc) for k in known) else "use YYYY-MM-DD, e.g. 2027-04-01"
            self.fail(f"{str(value)!r} is not a day: {reason}", param, ctx)
        return datetime(day.year, day.month, day.day)


def workspace_argument(func: F) -> F:
    """``[DIR]``: the workspace folder (default: the current folder or a parent of it).

    ``-w/--workspace DIR`` is accepted too, as on every other command, so a person who learnt
    ``rollout checkin -w acme`` can type ``rollout status -w acme``; giving two different
    folders is a usage error.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, directory: Path | None = None, workspace: Path | None = None, **kwargs: Any) -> Any:
        if directory is not None and workspace is not None and directory != workspace:
            raise click.UsageError(f"two workspace folders: {directory} and -w {workspace}; give one")
        return func(*args, directory=directory if directory is not None else workspace, **kwargs)

    wrapper = click.option(
        "-w",
        "--workspace",
        "workspace",
        default=None,
        type=click.Path(file_okay=False, path_type=Path),
        help="Workspace folder, the same as DIR.",
    )(wrapper)
    return cast(
        F,
        click.argument(
            "directory",
            required=False,
            default=None,
            type=click.Path(file_okay=False, path_type=Path),
            metavar="[DIR]",
        )(wrapper),
    )


def workspace_option(func: F) -> F:
    """``--workspace/-w DIR`` for commands whose argument is something else."""
    return click.option(
        "-w",
        "--workspace",
        "directory",
        default=None,
        type=click.Path(file_okay=False, path_type=Path),
        help="Workspace folder (default: the current folder or a parent of it).",
    )(func)


def resolve_root(directory: Path | None) -> Path:
    from rollout.errors import WorkspaceNotFound
    from rollout.workspace.layout import ROOT_FILE, find_root

    if directory is not None:
        return directory
    found = find_root(Path.cwd())
    if found is None:
        raise WorkspaceNotFound(
            f"no {ROOT_FILE} in {Path.cwd()} or its parents",
            hint="pass the workspace folder, create one with `rollout init`, or try `rollout demo`",
        )
    return found


def open_workspace(directory: Path | None) -> Workspace:
    from rollout.workspace import load

    return load(resolve_root(directory))


def format_option(*choices: str) -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """``text`` without control characters (tab and newline kept), for printing to a terminal.

    Messages quote what people wrote (a file name, a spreadsheet cell, a YAML fragment);
    an escape sequence in one must not clear the screen, move the cursor or retitle the
    window. Each control character becomes ``?``, so the message still shows where it was.
    """
    return _CONTROL.sub("?", text)
