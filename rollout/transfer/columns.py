"""The columns of an OKR sheet and the other headers accepted for each (data, not code).

One row per key result; a row with an empty ``key_result`` is an objective alone.
Objective columns repeat on every row of the objective (they must agree).
Export-only columns (``current``, ``score``, ``status``) are read and ignored on import,
so an exported sheet imports as it is.
"""

from __future__ import annotations

from rollout.tabular import Columns

SYNONYMS: dict[str, list[str]] = {
    "cycle": ["Quarter", "Period", "OKR cycle"],
    "unit": ["Team", "Department", "Org unit", "Unit name"],
    "parent_unit": ["Parent", "Parent team", "Parent department"],
    "objective": ["Objective title", "Goal", "O"],
    "objective_owner": ["Objective lead"],
    "parent_objective": ["Parent objective", "Aligned to", "Supports"],
    "alignment": ["Alignment marker"],
    "priority": ["Strategic priority"],
    "contributors": ["Contributing units", "Objective contributors"],
    "description": ["Objective description"],
    "key_result": ["Key result", "KR", "Key result title", "Result"],
    "metric": ["Metric name", "KPI"],
    "direction": ["Trend"],
    "baseline": ["Start value", "Starting value", "From"],
    "target": ["Target value", "Goal value", "To"],
    "unit_of_measure": ["Unit of measure", "UoM", "Units", "Measure"],
    "owner": ["Key result owner", "KR owner", "Responsible"],
    "due": ["Due date", "Deadline"],
    "weight": ["KR weight"],
    "health_metric": ["Health"],
    "current": ["Current value", "Latest value", "Value"],
    "score": ["Current score"],
    "status": ["Current status"],
}
REQUIRED = ("cycle", "unit", "objective")
EXPORT_ONLY = ("current", "score", "status")
OBJECTIVE_COLUMNS = (
    "objective_owner",
    "parent_objective",
    "alignment",
    "priority",
    "contributors",
    "description",
)
KEY_RESULT_COLUMNS = (
    "metric",
    "direction",
    "baseline",
    "target",
    "unit_of_measure",
    "owner",
    "due",
    "weight",
    "health_metric",
)
EXPORT_ORDER = (
    "cycle",
    "unit",
    "parent_unit",
    "objective",
    *OBJECTIVE_COLUMNS,
    "key_result",
    *KEY_RESULT_COLUMNS,
    *EXPORT_ONLY,
)
OKR_COLUMNS = Columns(SYNONYMS, required=REQUIRED)

ALIGNMENT_WORDS = {"bottom up": "bottom_up", "cross functional": "cross_functional"}
DIRECTION_WORDS = {"increase": "increase", "up": "increase", "decrease": "decrease", "down": "decrease"}
DIRECTION_WORDS["milestone"] = "milestone"
TRUE_WORDS = {"yes", "y", "true", "1", "x", "✓"}
FALSE_WORDS = {"no", "n", "false", "0", ""}
