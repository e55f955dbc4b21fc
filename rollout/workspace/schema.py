"""JSON Schema of each workspace file kind, generated from the models."""

from __future__ import annotations

from typing import Any

from rollout.workspace.models import FILE_MODELS

KINDS: dict[str, str] = {
    "rollout": "rollout.yaml",
    "people": "people.yaml",
    "units": "units.yaml",
    "priorities": "priorities.yaml",
    "cycles": "cycles.yaml",
    "phases": "phases.yaml",
    "okrs": "okrs",
    "checkins": "checkins",
    "reviews": "reviews",
    "assessments": "assessments",
}

PATTERNS: dict[str, str] = {
    "rollout": "rollout.yaml",
    "people": "people.yaml",
    "units": "units.yaml",
    "priorities": "priorities.yaml",
    "cycles": "cycles.yaml",
    "phases": "phases.yaml",
    "okrs": "okrs/*/*.yaml",
    "checkins": "checkins/*/*.yaml",
    "reviews": "reviews/*/*.yaml",
    "assessments": "assessments/*/*.yaml",
}


def schema_for(kind: str) -> dict[str, Any]:
    model = FILE_MODELS[KINDS[kind]]
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"rollout workspace v1: {PATTERNS[kind]}"
    return schema
