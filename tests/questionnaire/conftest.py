"""Fixtures: a sample questionnaire with every question kind, in a small workspace."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.conftest import WorkspaceFactory

SAMPLE = """
id: sample
version: 2
title: Sample questionnaire
intro: Every kind of question.
dimensions:
  - {id: d1, title: First dimension}
  - {id: d2, title: Second dimension, weight: 2}
result:
  level_name: Readiness
  dimension_bands:
    - {min: 1, level: low, label: Low, gap: true, recommendation: Fix it}
    - {min: 3, level: high, label: High, recommendation: Keep it}
  overall_bands:
    - {min: 1, level: wait, label: Wait, recommendation: Wait a while, strategy: not-yet}
    - {min: 2.5, level: lead, label: Leaders first, recommendation: Start with leaders, strategy: leadership-first}
    - {min: 3.5, level: dept, label: Departments, recommendation: Start with departments, strategy: department-by-department}
  gates:
    - {dimension: d1, below: 2, strategy: not-yet, reason: d1 is too low}
  strategies:
    - {id: not-yet, title: Not yet, description: Wait.}
    - {id: leadership-first, title: Leaders, description: Leaders only., pilot: leadership}
    - {id: department-by-department, title: Departments, description: Some departments., pilot: departments}
  pilot_question: pick
  disagreement_spread: 2
  disagreement_strategy: leadership-first
questions:
  - {id: lik, kind: likert, text: How true is it?, dimension: d1, weight: 3}
  - {id: yn, kind: yes_no, text: Is it so?, dimension: d1, default: true}
  - id: one
    kind: single
    text: Which one?
    dimension: d2
    options:
      - {value: a, label: Option A, score: 5}
      - {value: b, label: Option B, score: 2}
  - id: many
    kind: multiple
    text: Which ones?
    dimension: d2
    full_marks: 2
    options:
      - {value: x, label: Ex, score: 1}
      - {value: y, label: Why, score: 1}
      - {value: z, label: Zed, score: 1}
  - id: num
    kind: number
    text: How many?
    min: 0
    max: 10
    dimension: d2
    score_ranges:
      - {max: 3, score: 1}
      - {min: 3.01, score: 4}
  - {id: why, kind: text, text: Why not?, required: false, when: {question: yn, equals: false}}
  - {id: pick, kind: multiple, options_from: departments, text: Which departments?, required: false}
"""

PEOPLE = """
people:
  - {id: ana, name: Ana Lima, title: CEO, unit: mini}
  - {id: ben, name: Ben Okoro, title: Head of Sales, unit: sales}
  - {id: cai, name: Cai Wen, title: Head of Ops, unit: ops}
"""

UNITS = """
units:
  - {id: mini, name: Mini Co, kind: company, owner: ana}
  - {id: sales, name: Sales, kind: department, parent: mini, owner: ben}
  - {id: ops, name: Operations, kind: department, parent: mini, owner: cai}
"""


@pytest.fixture
def ws_root(make_ws: WorkspaceFactory) -> Path:
    """A small workspace holding the sample questionnaire as a local questionnaire."""
    root = make_ws(people_yaml=PEOPLE, units_yaml=UNITS)
    (root / "questionnaires").mkdir()
    (root / "questionnaires" / "sample.yaml").write_text(SAMPLE.lstrip(), encoding="utf-8")
    return root


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path
