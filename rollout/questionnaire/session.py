"""Running a questionnaire for one respondent: layered answers, prompts, saving, resuming.

The session walks the questions in order. A question whose ``when`` does not hold
is skipped. A question answered by ``--data`` or ``--answers`` is not asked. With
``resume``, a question answered in the saved file is not asked either; without
it, saved answers are offered as the defaults. Everything else is asked (with a
terminal) or taken from the saved answers or, with ``use_defaults``, from the
question's default (without one).

After every typed answer the answers so far are saved with ``complete: false``,
so Ctrl-C keeps them; :class:`~rollout.errors.Aborted` then says how to resume.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rollout.errors import Aborted, LoadError, UsageError
from rollout.plural import noun, plural
from rollout.questionnaire.answers import AnswerProblem, AnswersError, Layer, applies, check_layer, coerce, save
from rollout.questionnaire.model import Condition, Questionnaire


@dataclass
class Respondent:
    id: str
    role: str | None = None
    unit: str | None = None
    day: date = field(default_factory=date.today)


@dataclass
class SessionResult:
    answers: dict[str, Any]
    relpath: str
    asked: int


def _saved_answers(questionnaire: Questionnaire, saved: Layer, echo: Callable[[str], None]) -> dict[str, Any]:
    """Saved answers that still fit (a questionnaire may have changed since); misfits are dropped with a note."""
    try:
        return check_layer(questionnaire, saved)
    except LoadError as exc:
        keep: dict[str, Any] = {}
        for qid, raw in saved.values.items():
            question = questionnaire.question(qid)
            if question is None:
                continue
            try:
                keep[qid] = coerce(question, raw)
            except AnswerProblem:
                continue
        echo(
            f"note: {plural(len(exc.problems), 'saved answer')} no longer "
            f"{noun(len(exc.problems), 'fits', 'fit')} the questionnaire and will be asked again"
        )
        return keep


def run(
    root: Path,
    questionnaire: Questionnaire,
    respondent: Respondent,
    *,
    given: list[Layer],
    saved: Layer,
    interactive: bool,
    use_defaults: bool = False,
    resume: bool = False,
    echo: Callable[[str], None] = print,
    io: dict[str, Any] | None = None,
    resume_command: str = "",
) -> SessionResult:
    """Answer ``questionnaire`` as ``respondent`` and save the result; see the module docstring.

    ``given`` lists the layers from ``--data`` and ``--answers``, highest priority first.
    """
    from rollout.questionnaire.prompts import prompt_for

    fixed: dict[str, Any] = {}
    problems = []
    for layer in reversed(given):
        try:
            fixed.update(check_layer(questionnaire, layer))
        except AnswersError as exc:
            problems += exc.problems
    if problems:
        raise AnswersError(problems)
    previous = _saved_answers(questionnaire, saved, echo)
    answers: dict[str, Any] = {}
    missing: list[str] = []
    # Without a terminal every missing answer is listed in one run: a question asked only
    # after one of the missing answers (its `when` names it) is listed too, as depending on it.
    undecided: set[str] = set()
    depending: dict[str, list[str]] = {}
    asked = 0
    sections = questionnaire.all_sections()
    relpath = ""
    shown_section = ""

    def keep(complete: bool) -> str:
        return save(
            root,
            questionnaire,
            respondent=respondent.id,
            role=respondent.role,
            unit=respondent.unit,
            day=respondent.day,
            answers=answers,
            complete=complete,
        )

    if interactive:
        echo(_intro(questionnaire, resume and bool(previous)))
    try:
        for s_index, section in enumerate(sections, start=1):
            for q_index, question in enumerate(section.questions, start=1):
                qid = question.id
                if not applies(question, answers):
                    waits = sorted(_mentions(question.when) & undecided) if question.when is not None else []
                    if not interactive and waits:
                        undecided.add(qid)
                        unanswered = qid not in fixed and qid not in previous
                        if unanswered and question.required and not (use_defaults and question.default is not None):
                            depending[qid] = waits
                    continue
                if qid in fixed:
                    answers[qid] = fixed[qid]
                    continue
                if resume and qid in previous:
                    answers[qid] = previous[qid]
                    continue
                if not interactive:
                    if qid in previous:
                        answers[qid] = previous[qid]
                    elif use_defaults and question.default is not None:
                        answers[qid] = coerce(question, question.default)
                    elif question.required:
                        missing.append(qid)
                        undecided.add(qid)
                    continue
                if shown_section != section.id and questionnaire.sections is not None:
                    shown_section = section.id
                    echo(_section_header(questionnaire, section, s_index, len(sections)))
                if question.help:
                    echo(textwrap.fill(question.help, width=96, initial_indent="  ", subsequent_indent="  "))
                label = f"({q_index}/{len(section.questions)}) {question.text}"
                default = previous.get(qid, question.default)
                value = prompt_for(question, label=label, default=default, anchors=questionnaire.anchors, **(io or {}))
                asked += 1
                if value is not None:
                    answers[qid] = value
                relpath = keep(complete=False)
    except Aborted:
        if relpath:
            raise Aborted(
                f"interrupted; {plural(len(answers), 'answer')} saved so far in {relpath}",
                hint=f"continue where you stopped: {resume_command} --resume",
            ) from None
        raise Aborted("interrupted before the first answer; nothing was saved") from None
    if missing:
        shown = ", ".join(missing)  # all of them: the next run must not find more (README: every mistake at once)
        if depending:
            shown += "; " + "; ".join(
                f"{qid} too if the answer to {' or '.join(waits)} asks for it" for qid, waits in depending.items()
            )
        how = "give them with --data ID=VALUE or in the --answers file"
        if use_defaults:
            raise UsageError(f"no answer and no default for: {shown}", hint=how)
        raise UsageError(
            f"no answer for: {shown}",
            hint=f"{how}, run with a terminal to be asked, or add --defaults to take each question's default",
        )
    if interactive and asked == 0:
        echo("Every question is answered already; nothing left to ask.")
    relpath = keep(complete=True)
    return SessionResult(answers, relpath, asked)


def _mentions(condition: Condition) -> set[str]:
    """The questions a ``when`` condition reads (through ``all``/``any``/``not``)."""
    found = {condition.question} if condition.question is not None else set()
    for part in [*(condition.all or []), *(condition.any or []), *([condition.not_] if condition.not_ else [])]:
        found |= _mentions(part)
    return found


def _intro(questionnaire: Questionnaire, resuming: bool) -> str:
    count = len(questionnaire.all_questions())
    sections = len(questionnaire.all_sections())
    parts = f" in {sections} sections" if sections > 1 else ""
    lines = [f"{questionnaire.title} — {plural(count, 'question')}{parts}"]
    if questionnaire.intro:
        lines.append(questionnaire.intro.strip())
    if resuming:
        lines.append("Resuming: questions you answered before are skipped.")
    lines.append("Ctrl-C saves your answers so far; continue later with --resume.")
    return "\n".join(lines)


def _section_header(questionnaire: Questionnaire, section: Any, index: int, total: int) -> str:
    title = f"Section {index} of {total}: {section.title}"
    out = f"\n{title}\n{'─' * min(len(title), 78)}"
    if section.intro:
        out += f"\n{section.intro.strip()}"
    return out
