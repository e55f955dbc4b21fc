"""Questionnaire answer rules (OKR412, group cadence): answers that no figure uses yet.

Every figure built from questionnaire answers (the readiness report, the phase gate,
the pilot retrospective) uses the answers dated on or before as-of
(:attr:`rollout.workspace.workspace.Workspace.answered`), as the check-ins' figures do.
This rule names the others by file and line, so none is left out silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rollout.rules.base import Context, Hit, Rule, example_values

if TYPE_CHECKING:
    from rollout.workspace import Workspace


class OKR412(Rule):
    """Answers of {person} to {questionnaire} are dated {date}, after {today}; no figure uses them yet.

    The readiness report, the expansion gate and the pilot retrospective count the
    answers given on or before as-of, so a page shows the same figures however late it
    is built. Answers dated later are a typo in the year, or as-of was set back to look
    at the past: either way they would change no figure until that day, while their
    respondent believes they were counted.

    **Bad**

    `assessments/readiness/ana.yaml` with `date: 2027-11-02` while as-of is 2026-11-24.

    **Good**

    Answers dated the day they were given, on or before as-of.
    """

    code = "OKR412"
    example = example_values(person="ana", questionnaire="readiness", date="2027-11-02", today="as-of (2026-11-24)")
    name = "answers-after-as-of"
    group = "cadence"
    severity = "warning"
    hint = "Correct the answers' date, or move as_of in rollout.yaml."

    def check_workspace(self, ws: Workspace, ctx: Context) -> Iterator[Hit]:
        today = ws.today
        for assessment in ws.assessments:
            if assessment.date > today:
                yield Hit(
                    assessment,
                    ("date",),
                    {
                        "person": assessment.respondent,
                        "questionnaire": assessment.questionnaire,
                        "date": assessment.date.isoformat(),
                        "today": ws.today_words,
                    },
                    file=assessment.source_file,
                )


RULES: tuple[type[Rule], ...] = (OKR412,)
