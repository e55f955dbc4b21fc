"""Options and helpers shared by the commands."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from rollout.workspace import Workspace

F = TypeVar("F", bound=Callable[..., Any])


def workspace_argument(func: F) -> F:
    """``[DIR]``: the workspace folder (default: the current folder or a parent of it)."""
    return click.argument(
        "directory",
        required=False,
        default=None,
        type=click.Path(file_okay=False, path_type=Path),
        metavar="[DIR]",
    )(func)


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
