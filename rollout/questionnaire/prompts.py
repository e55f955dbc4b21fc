"""The one place where a question becomes a questionary prompt.

:func:`prompt_for` maps each question kind to a questionary question, asks it
with :func:`rollout.prompting.ask` (``unsafe_ask``: Ctrl-C / Ctrl-D raise
:class:`~rollout.errors.Aborted`) and returns the answer in its stored form
(checked by :func:`rollout.questionnaire.answers.coerce`). A typed answer that
does not fit (a number out of bounds, an empty required text) is refused in the
prompt itself, with the reason, and asked again.

``io`` passes ``input=`` / ``output=`` to prompt_toolkit, which is how the tests
drive every kind in-process with a pipe.
"""

from __future__ import annotations

from typing import Any

from rollout.questionnaire.answers import AnswerProblem, coerce
from rollout.questionnaire.model import DEFAULT_ANCHORS, Question


def fit(text: str, instruction: str = "", width: int | None = None) -> str:
    """Wrap a long question between words (prompt_toolkit would cut words at the edge).

    When the instruction shown after the question would not fit on its last line,
    the message ends with a line break so the instruction starts a line of its own.
    """
    import shutil
    import textwrap

    width = width or max(40, min(100, shutil.get_terminal_size((100, 30)).columns) - 4)
    lines = textwrap.wrap(text, width=width - 2) or [text]
    if len(lines[-1]) + len(instruction) + 4 > width - 2:
        lines.append("")
    return "\n  ".join(lines)


def _validator(question: Question) -> Any:
    def validate(text: str) -> bool | str:
        try:
            coerce(question, text)
        except AnswerProblem as exc:
            return exc.message
        return True

    return validate


def _default_text(question: Question, default: Any) -> str:
    if default is None:
        return ""
    if isinstance(default, float) and default.is_integer():
        return str(int(default))
    return str(default)


def instruction_for(question: Question) -> str | None:
    """The short hint shown after a question: how to answer it."""
    kind = question.kind
    if kind == "likert":
        return "(1–5, Enter)"
    if kind == "yes_no":
        return None  # questionary shows (y/N)
    if kind == "single":
        return "(arrows, Enter)"
    if kind == "multiple":
        return "(Space to tick, Enter when done" + (")" if question.required else "; ticking none is fine)")
    if kind == "number":
        bounds = []
        if question.min is not None:
            bounds.append(f"min {question.min:g}")
        if question.max is not None:
            bounds.append(f"max {question.max:g}")
        unit = f" {question.unit}" if question.unit else ""
        return f"({', '.join(bounds)}{unit})" if bounds or unit else None
    if question.multiline:
        return "(Esc then Enter to finish" + (", optional)" if not question.required else ")")
    return None if question.required else "(optional, Enter to skip)"


def build(
    question: Question,
    *,
    label: str,
    default: Any = None,
    anchors: dict[int, str] | None = None,
    **io: Any,
) -> Any:
    """The questionary question for ``question`` (not asked yet). ``label`` is the message shown."""
    import questionary

    kind = question.kind
    instruction = instruction_for(question)
    message = fit(label, instruction or ("(y/N)" if kind == "yes_no" else ""))
    if kind == "likert":
        labels = question.anchor_labels(anchors or DEFAULT_ANCHORS)
        choices = [questionary.Choice(labels.get(n) or str(n), value=n, shortcut_key=str(n)) for n in range(1, 6)]
        return questionary.select(
            message,
            choices=choices,
            default=default if default in range(1, 6) else None,
            use_shortcuts=True,
            instruction=instruction,
            **io,
        )
    if kind == "yes_no":
        return questionary.confirm(message, default=bool(default) if default is not None else False, **io)
    if kind == "single":
        choices = [questionary.Choice(o.label, value=o.value, description=o.help) for o in question.options or []]
        values = [o.value for o in question.options or []]
        return questionary.select(
            message,
            choices=choices,
            default=default if default in values else None,
            instruction=instruction,
            **io,
        )
    if kind == "multiple":
        chosen = set(default or [])
        choices = [
            questionary.Choice(o.label, value=o.value, checked=o.value in chosen, description=o.help)
            for o in question.options or []
        ]

        def at_least_one(values: list[str]) -> bool | str:
            return True if values or not question.required else "choose at least one (Space to tick)"

        return questionary.checkbox(message, choices=choices, validate=at_least_one, instruction=instruction, **io)
    previous = _default_text(question, default)
    if previous and not question.multiline:
        # A number or a line: "(Enter keeps 6)" and an empty input, as the check-in prompts do
        # (rollout.flows.ui.keep_text); an editable pre-filled "6" made a typed 8 into 68.
        check = _validator(question)
        return questionary.text(
            fit(f"{label} (Enter keeps {previous})", instruction or ""),
            validate=lambda text: True if not text.strip() else check(text),
            instruction=instruction,
            **io,
        )
    return questionary.text(
        message,
        default=previous,  # a long answer (multiline) is edited in place
        validate=_validator(question),
        multiline=question.multiline,
        instruction=instruction,
        **io,
    )


def prompt_for(
    question: Question,
    *,
    label: str | None = None,
    default: Any = None,
    anchors: dict[int, str] | None = None,
    **io: Any,
) -> Any:
    """Ask one question and return its answer in stored form (None: an optional question skipped)."""
    from rollout.prompting import ask

    raw = ask(build(question, label=label or question.text, default=default, anchors=anchors, **io))
    if isinstance(raw, str) and not raw.strip() and question.kind in ("text", "number") and not question.multiline:
        previous = _default_text(question, default)
        raw = previous or raw  # Enter keeps the previous answer (build: "Enter keeps …")
    return coerce(question, raw)
