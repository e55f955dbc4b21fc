"""The prompt layer shared by every interactive flow (copier's conventions).

Questions are asked with ``unsafe_ask`` so that Ctrl-C raises instead of
returning None; Ctrl-C and Ctrl-D become :class:`~rollout.errors.Aborted`, and a
missing terminal becomes :class:`~rollout.errors.NotATerminal` before anything
is asked, so a flow never hangs in a script.
"""

from __future__ import annotations

import sys
from typing import Any

from rollout.errors import Aborted, NotATerminal


def require_terminal(alternatives: str) -> None:
    """Fail at once, naming the non-interactive options, when stdin is not a terminal."""
    if not sys.stdin.isatty():
        raise NotATerminal(
            "this command asks questions, but stdin is not a terminal", hint=f"run it without prompts: {alternatives}"
        )


def ask(question: Any) -> Any:
    """Ask one questionary question; Ctrl-C / Ctrl-D raise :class:`Aborted`."""
    try:
        return question.unsafe_ask()
    except (KeyboardInterrupt, EOFError):
        raise Aborted("interrupted") from None


def ask_text(message: str, default: str = "", **kwargs: Any) -> str:
    import questionary

    require_terminal("give the answers as options (see --help)")
    value: str = ask(questionary.text(message, default=default, **kwargs))
    return value
