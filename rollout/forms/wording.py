"""Conditions in words, for paper sheets: ``Answer only if your answer to question 2 is yes.``

A sheet cannot hide a question, so each conditional question says when to answer it, with
the same operators as :func:`rollout.questionnaire.answers.holds` (equals, not_equals, in,
contains, at_least, at_most; all, any, not) and the questions' numbers as printed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rollout.questionnaire.model import Question, Questionnaire


def condition_text(questionnaire: Questionnaire, question: Question) -> str:
    """The condition in words for a paper sheet: ``answer if question 2 is yes``."""
    if question.when is None:
        return ""
    return "Answer only if " + _words(questionnaire, question.when) + "."


def _label(questionnaire: Questionnaire, qid: str) -> str:
    for section in questionnaire.all_sections():
        for number, question in enumerate(section.questions, start=1):
            if question.id == qid:
                prefix = f"{section.title}, " if questionnaire.sections is not None else ""
                return f"{prefix}question {number}"
    return qid


def _value_words(questionnaire: Questionnaire, qid: str, value: Any) -> str:
    question = questionnaire.question(qid)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if question is not None and isinstance(value, str):
        option = question.option(value)
        if option is not None:
            return f"“{option.label}”"
    if isinstance(value, list):
        return " or ".join(_value_words(questionnaire, qid, v) for v in value)
    return f"{value:g}" if isinstance(value, float) else str(value)


def _words(questionnaire: Questionnaire, condition: Any) -> str:
    if condition.all is not None:
        return " and ".join(_words(questionnaire, c) for c in condition.all)
    if condition.any is not None:
        return " or ".join(_words(questionnaire, c) for c in condition.any)
    if condition.not_ is not None:
        return f"not ({_words(questionnaire, condition.not_)})"
    name, operand = condition.operator()
    what = _label(questionnaire, condition.question)
    value = _value_words(questionnaire, condition.question, operand)
    return {
        "equals": f"your answer to {what} is {value}",
        "not_equals": f"your answer to {what} is not {value}",
        "in": f"your answer to {what} is {value}",
        "contains": f"you ticked {value} in {what}",
        "at_least": f"your answer to {what} is {value} or more",
        "at_most": f"your answer to {what} is {value} or less",
    }[name]
