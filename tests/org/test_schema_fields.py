"""`rollout schema` describes every field (issue 15, part 7)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from rollout.workspace.schema import KINDS, schema_for
from tests.flows.conftest import call


def _undescribed(node: Any, path: str) -> list[str]:
    out: list[str] = []
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            if not (isinstance(prop, dict) and prop.get("description")):
                out.append(f"{path}.{name}")
        for key, value in node.items():
            out += _undescribed(value, f"{path}/{key}")
    elif isinstance(node, list):
        for item in node:
            out += _undescribed(item, path)
    return out


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_field_has_a_description(kind: str) -> None:
    assert _undescribed(schema_for(kind), kind) == []


def test_the_new_fields_are_in_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _err = call(["schema", "units"], capsys)
    units = json.loads(out)
    unit = units["$defs"]["Unit"]["properties"]
    assert {"former_parents", "since", "archived"} <= set(unit)
    assert "closed cycles show it there" in unit["former_parents"]["description"]
    _code, out, _err = call(["schema", "okrs"], capsys)
    objective = json.loads(out)["$defs"]["Objective"]["properties"]
    assert "secondary alignment" in objective["contributes_to"]["description"]
    _code, out, _err = call(["schema", "people"], capsys)
    person = json.loads(out)["$defs"]["Person"]["properties"]
    assert {"left", "manager"} <= set(person)
