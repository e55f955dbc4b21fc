"""The site's URLs: site-relative paths of its pages (``units/2026-Q4/hr.html#hr-hire``).

The view records' ``url`` properties and the site's pages link through these; re-exported by
:mod:`rollout.report.viewrecords` and :mod:`rollout.report.viewmodel`.
"""

from __future__ import annotations


def unit_url(unit_id: str, cycle_id: str) -> str:
    return f"units/{cycle_id}/{unit_id}.html"


def objective_url(unit_id: str, cycle_id: str, objective_id: str) -> str:
    return f"{unit_url(unit_id, cycle_id)}#{objective_id}"


def cycle_url(cycle_id: str) -> str:
    return f"cycles/{cycle_id}.html"


def alignment_url(cycle_id: str) -> str:
    return f"cycles/{cycle_id}-alignment.html"


def phase_url(phase_id: str) -> str:
    return f"phases/{phase_id}.html"
