"""Small screen helpers shared by the interactive flows (projector-friendly: short lines, clear progress).

Questions go through :func:`rollout.prompting.ask`, so Ctrl-C and Ctrl-D become
:class:`~rollout.errors.Aborted`. Tests run these with prompt_toolkit pipe input
(``create_app_session(input=..., output=DummyOutput())``).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from typing import Any

import click

from rollout.prompting import ask

Validator = Callable[[str], bool | str]


def width() -> int:
    return min(100, shutil.get_terminal_size((80, 24)).columns)


def say(text: str = "", **style: Any) -> None:
    click.echo(click.style(text, **style) if style else text)


def heading(title: str, progress: str = "") -> None:
    """A rule with the step title and where we are ("department 2 of 5 · objective 1 of 3")."""
    line = "─" * width()
    say()
    say(line, dim=True)
    say(title, bold=True) if not progress else say(
        f"{click.style(title, bold=True)}   {click.style(progress, fg='cyan')}"
    )
    say(line, dim=True)


def wrap(text: str, indent: str = "", rest: str | None = None) -> str:
    """Wrap a long line to the terminal width (projectors have narrow, large-font terminals)."""
    import textwrap

    return textwrap.fill(
        text, width=max(40, width() - 1), initial_indent=indent, subsequent_indent=rest if rest is not None else indent
    )


def hint(text: str) -> None:
    say(wrap(text, "  "), dim=True)


def text(message: str, default: str = "", validate: Validator | None = None, instruction: str | None = None) -> str:
    import questionary

    value: str = ask(questionary.text(message, default=default, validate=validate, instruction=instruction))
    return value.strip()


CLEAR = "-"
"""Typed at a :func:`keep_text` prompt that may be cleared: no answer at all."""


def keep_words(previous: str, *, clear: bool = False) -> str:
    """`` (Enter keeps 7)`` (`` (Enter keeps ana, - for none)`` when it may be cleared); ``""`` without one."""
    if not previous:
        return ""
    return f" (Enter keeps {previous}" + (f", {CLEAR} for none)" if clear else ")")


def keep_text(
    message: str,
    previous: str,
    validate: Validator | None = None,
    instruction: str | None = None,
    *,
    clear: bool = False,
) -> str:
    """A question that offers a previous answer the way the check-in's value prompt does.

    The message says ``Confidence (Enter keeps 7):`` and the input starts empty: Enter
    keeps ``previous``, and what is typed replaces it (a pre-filled editable answer made
    a typed ``8`` into ``78``). With ``clear``, ``-`` answers "none" (returns ``""``).
    ``message`` has no colon; without a ``previous`` it is a plain :func:`text` question.
    """
    if not previous:
        return text(f"{message}:", validate=validate, instruction=instruction)

    def check(answer: str) -> bool | str:
        if not answer.strip() or (clear and answer.strip() == CLEAR):
            return True
        return validate(answer) if validate is not None else True

    answer = text(f"{message}{keep_words(previous, clear=clear)}:", validate=check, instruction=instruction)
    if clear and answer == CLEAR:
        return ""
    return answer or previous


def select(message: str, choices: Sequence[tuple[str, Any]], default: Any = None) -> Any:
    """Pick one of ``(title, value)`` choices; returns the value."""
    import questionary

    # Positions as values: questionary replaces a None value by the title.
    options = [questionary.Choice(title=title, value=n) for n, (title, _value) in enumerate(choices)]
    chosen = next((options[n] for n, (_t, value) in enumerate(choices) if value == default), None)
    # Long lists (units of a big organization) get type-to-filter; j/k then stop moving the pointer.
    search = len(options) > 15
    index: int = ask(
        questionary.select(message, choices=options, default=chosen, use_search_filter=search, use_jk_keys=not search)
    )
    return choices[index][1]


def checkbox(message: str, choices: Sequence[tuple[str, Any]], checked: Sequence[Any] = ()) -> list[Any]:
    import questionary

    options = [
        questionary.Choice(title=title, value=n, checked=value in checked) for n, (title, value) in enumerate(choices)
    ]
    picked: list[int] = ask(questionary.checkbox(message, choices=options))
    return [choices[n][1] for n in picked]


def confirm(message: str, default: bool = True) -> bool:
    import questionary

    value: bool = ask(questionary.confirm(message, default=default))
    return value


def text_list(message: str, existing: Sequence[str] = ()) -> list[str]:
    """Several lines, one per prompt, until an empty answer."""
    items = list(existing)
    while True:
        item = text(f"{message} {len(items) + 1}", instruction="(Enter on an empty line to finish)")
        if not item:
            return items
        items.append(item)


def number(value: float | None) -> str:
    """A number as people write it: no trailing .0."""
    if value is None:
        return "–"
    return f"{value:g}" if abs(value) < 1e15 else str(value)
