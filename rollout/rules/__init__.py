"""OKR quality rules: a linter for objectives and key results.

One small class per rule (``rollout/rules/{structure,wording,alignment,cadence,checkins}.py``),
one registry, documentation generated from the classes. Public API:

- :func:`check_workspace` / :func:`check_draft` (:mod:`.engine`),
- :class:`Finding`, :data:`REGISTRY`,
- :func:`quality_score`, :func:`objective_quality`, :func:`unit_quality` (:mod:`.score`),
- :func:`reference_markdown` (:mod:`.docs`).
"""

from rollout.rules.base import Finding, Option, Rule
from rollout.rules.docs import reference_markdown
from rollout.rules.drafts import check_draft
from rollout.rules.engine import check_workspace, failing
from rollout.rules.registry import REGISTRY
from rollout.rules.score import objective_quality, quality_score, scores_by_objective, scores_by_unit, unit_quality

__all__ = [
    "REGISTRY",
    "Finding",
    "Option",
    "Rule",
    "check_draft",
    "check_workspace",
    "failing",
    "objective_quality",
    "quality_score",
    "reference_markdown",
    "scores_by_objective",
    "scores_by_unit",
    "unit_quality",
]
