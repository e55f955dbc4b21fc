"""``--answers`` files: reading a YAML or JSON file of answers (or a saved assessment) into a :class:`Layer`.

Split out of :mod:`rollout.questionnaire.answers` (408 lines) along its seam; that module
keeps :func:`read_answers_file` importable (it imports this one lazily: this one imports it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rollout.errors import Problem, UsageError
from rollout.questionnaire.answers import AnswersError, Layer


@dataclass
class AnswersFile:
    """An ``--answers`` file: its answers, and the respondent fields of a replayed assessment."""

    layer: Layer
    meta: dict[str, Any] = field(default_factory=dict)


def read_answers_file(path: Path) -> AnswersFile:
    """A YAML or JSON file of answers: ``{question: answer}`` or a saved assessment file."""
    from rollout.workspace.yamlsafe import YamlProblem, parse_bytes

    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read answers file {name}: {exc.strerror}") from None
    # JSON is YAML 1.2 flow style: both go through the workspace's safe reader (no duplicate
    # keys, bounded nesting, positions). Only JSON that reader refuses is tried as JSON.
    try:
        parsed = parse_bytes(raw, name)
        data, positions = parsed.data, parsed.positions
    except YamlProblem as exc:
        if path.suffix.lower() != ".json":
            raise AnswersError([exc.problem]) from None
        data, positions = _json(raw, name), {}
    if not isinstance(data, dict):
        raise AnswersError([Problem(name, 1, 1, "", "an answers file holds a mapping of question ids to answers")])
    prefix: tuple[str, ...] = ()
    meta: dict[str, Any] = {}
    if isinstance(data.get("answers"), dict) and "questionnaire" in data:
        prefix = ("answers",)
        meta = {k: v for k, v in data.items() if k != "answers"}
        data = data["answers"]
    layer = Layer(name)
    for key, value in data.items():
        line, col = positions.get((*prefix, key), positions.get((), (1, 1)))
        layer.values[str(key)] = value
        layer.places[str(key)] = Problem(name, line, col, ".".join((*prefix, str(key))))
    return AnswersFile(layer, meta)


def _json(raw: bytes, name: str) -> Any:
    """Strict JSON: duplicate keys and deep nesting are errors, not a traceback."""

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise ValueError(f"duplicate key {key!r}")
            out[key] = value
        return out

    try:
        return json.loads(raw.decode("utf-8-sig"), object_pairs_hook=no_duplicates)
    except RecursionError:
        raise AnswersError([Problem(name, 1, 1, "", "invalid JSON: nested too deeply")]) from None
    except (ValueError, UnicodeDecodeError) as exc:
        line, col = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
        raise AnswersError([Problem(name, line, col, "", f"invalid JSON: {exc}")]) from None
