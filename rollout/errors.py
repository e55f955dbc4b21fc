"""User-facing errors.

Every mistake a user can make ends in a :class:`RolloutError`: the CLI prints its
message (never a traceback) and exits with its ``exit_code``. Programming errors
are not caught and surface as tracebacks, as they should.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rollout.plural import plural


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place: ``file:line:col: field: message``."""

    file: str
    line: int = 0
    col: int = 0
    field: str = ""
    message: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.col or 1}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class RolloutError(Exception):
    """Base of every error shown to a user."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def render(self) -> str:
        text = f"error: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class UsageError(RolloutError):
    """The command was called in a way that cannot work (bad option, missing file)."""


class WorkspaceNotFound(RolloutError):
    """No ``rollout.yaml`` where a workspace was expected."""


class LoadError(RolloutError):
    """The workspace has problems; all of them are listed, each with its place."""

    def __init__(self, problems: Iterable[Problem], *, what: str = "the workspace") -> None:
        self.problems = sorted(set(problems))
        count = len(self.problems)
        super().__init__(f"{plural(count, 'problem')} in {what}")

    def render(self, per_file: int = 20) -> str:
        lines: list[str] = []
        shown: dict[str, int] = {}
        for problem in self.problems:
            shown[problem.file] = shown.get(problem.file, 0) + 1
            if shown[problem.file] <= per_file:
                lines.append(str(problem))
            elif shown[problem.file] == per_file + 1:
                more = sum(1 for p in self.problems if p.file == problem.file) - per_file
                lines.append(f"{problem.file}: … and {more} more in this file")
        lines.append(f"error: {self.message}; nothing was changed")
        return "\n".join(lines)


class WriteError(RolloutError):
    """A file could not be written; the previous version is intact."""


class LockTimeout(RolloutError):
    """Another rollout process holds the workspace lock for too long."""


class Aborted(RolloutError):
    """The user pressed Ctrl-C or Ctrl-D; what was entered so far is kept."""

    exit_code = 130


class NotATerminal(RolloutError):
    """An interactive flow was started without a terminal on stdin."""
