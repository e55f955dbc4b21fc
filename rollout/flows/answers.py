"""Answers files: the non-interactive input of every flow (YAML or JSON)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from rollout.errors import UsageError


def load_answers(path: Path) -> dict[str, Any]:
    """Read an answers file (a YAML mapping); a missing or malformed file is a :class:`UsageError`."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UsageError(f"cannot read the answers file {path}: {exc.strerror or exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(path)
        raise UsageError(f"{where}: not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError(f"{path}: an answers file is a mapping of keys to answers, not a {type(data).__name__}")
    return data


def field_error(source: str, field: str, message: str) -> UsageError:
    """A mistake in one answer, named by file and field."""
    return UsageError(f"{source}: {field}: {message}")


def as_date(value: Any, source: str, field: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise field_error(source, field, f"{value!r} is not a date (YYYY-MM-DD)") from None


def as_float(value: Any, source: str, field: str) -> float:
    """A number from an answers file: a YAML number, or a text read by :func:`rollout.metrics.values.parse_number`.

    ``"1,250"`` is 1250; ``.nan``, ``.inf`` and ``1e309`` are refused (a ``UsageError`` naming file and field).
    """
    from rollout.metrics.values import check_finite, parse_number

    try:
        return parse_number(value) if isinstance(value, str) else check_finite(value)
    except ValueError as exc:
        raise field_error(source, field, str(exc)) from None


def as_str_list(value: Any, source: str, field: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise field_error(source, field, "expected a list of texts")
    return [str(v) for v in value if str(v).strip()]


def fresh_date(day: date) -> date:
    """A new date object equal to ``day``.

    ruamel.yaml writes an anchor and an alias when one object appears twice in a
    document, and the workspace forbids aliases; records written together must
    not share date objects.
    """
    return date.fromordinal(day.toordinal())
