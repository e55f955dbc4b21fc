"""Guided drafting (``rollout draft``): company, then departments, then teams.

The facilitator's workshop on a projector. Company level first: a few strategic
priorities (the tool pushes back past five), then objectives linked to them.
Departments pick the company objective each of theirs supports (its text and
key results are shown) or mark it bottom-up or cross-functional with the
contributing units; teams do the same against department objectives. Each key
result gets a metric, direction, baseline, target, unit of measure, owner and
due date (default: the cycle end).

Every line typed is checked at once with :func:`rollout.rules.check_draft`: a
finding shows its hint and a good example, and the facilitator rewrites the
line or keeps it with a reason (stored as a ``suppress`` entry). Existing
objectives can be edited. Each objective is saved as soon as it is complete
(round-trip edit of ``okrs/<cycle>/<unit>.yaml``), so Ctrl-C keeps everything
saved so far. ``--answers FILE`` drafts the same way without questions.

The package reads as the workshop: :mod:`.session` (the cycle's objectives, ids,
checking and saving), :mod:`.from_answers` (``--answers FILE``), :mod:`.interactive`
(objectives, links, units), :mod:`.key_results` (one key result, field by field) and
:mod:`.prompts` (a line checked as it is typed, people, numbers).
"""

from __future__ import annotations

from rollout.flows.drafting.from_answers import DraftResult, draft_from_answers, record_from_answers
from rollout.flows.drafting.interactive import draft_objective, draft_priorities, draft_unit, interactive_draft
from rollout.flows.drafting.key_results import guess_direction
from rollout.flows.drafting.prompts import resolve_findings
from rollout.flows.drafting.session import (
    DIRECTIONS,
    MAX_KEY_RESULTS,
    MAX_OBJECTIVES,
    MAX_PRIORITIES,
    MIN_KEY_RESULTS,
    Level,
    Session,
    check,
    draft_cycle,
    example_for,
    objective_id_for,
    ordered_units,
    save_objective,
    save_objectives,
    write_priorities,
)

__all__ = [
    "DIRECTIONS",
    "MAX_KEY_RESULTS",
    "MAX_OBJECTIVES",
    "MAX_PRIORITIES",
    "MIN_KEY_RESULTS",
    "DraftResult",
    "Level",
    "Session",
    "check",
    "draft_cycle",
    "draft_from_answers",
    "draft_objective",
    "draft_priorities",
    "draft_unit",
    "example_for",
    "guess_direction",
    "interactive_draft",
    "objective_id_for",
    "ordered_units",
    "record_from_answers",
    "resolve_findings",
    "save_objective",
    "save_objectives",
    "write_priorities",
]
