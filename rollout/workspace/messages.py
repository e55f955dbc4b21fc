"""Pydantic's validation errors in plain words, each at its place in the data.

The one translator of :class:`pydantic.ValidationError` into what a person reads:
every path that turns a validation error into a message (the workspace loader, the
answers files, single-file edits, transactions, the organization commands, the
spreadsheet import) goes through :func:`problems` or :func:`plain`. Pydantic's own
wording ("Input should be a valid dictionary", "Value error, …", ``type=…``, links to
errors.pydantic.dev) never reaches a user; ``tests/safety/test_plain_messages.py``
greps the output of a batch of bad inputs for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from rollout.plural import plural
from rollout.workspace.suggestions import close_key, closest, meant

Path = tuple[str | int, ...]

# A union's branch names appear in an error location as tags (``list[constrained-str]``, ``KeyResultAnswer``).
_TAG = re.compile(r"[^a-z0-9_]")
_QUOTED = re.compile(r"'([^']*)'")


def data_path(data: Any, loc: Iterable[str | int], error: Any = None) -> Path:
    """The part of a pydantic error location ``loc`` that exists in ``data``.

    Union tags are skipped; a missing key is named and ends the path. A model
    validator's :class:`~rollout.workspace.record.FieldError` (in ``error``) adds the
    field it names, so the problem is reported at that field's line.
    """
    out: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:  # noqa: SIM114 - separate for the type checker
            node = node[part]
            out.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            out.append(part)
        elif isinstance(part, str) and _TAG.search(part):
            continue
        else:
            if isinstance(node, dict) and isinstance(part, str) and out[-1:] != [part]:
                out.append(part)  # a missing key: name it, locate at its mapping
            return tuple(out)
    cause = (error or {}).get("ctx", {}).get("error") if isinstance(error, dict) else None
    field = getattr(cause, "field", None)
    if isinstance(field, str) and isinstance(node, dict):
        out.append(field)
    return tuple(out)


def _is_tag(part: str | int) -> bool:
    return isinstance(part, str) and bool(_TAG.search(part))


def kind_of(value: Any) -> str:
    """``5`` → ``the number 5``, ``[..]`` → ``a list``: what a value is, in words."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    return kind_of(value)


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _number_hint(value: Any) -> str:
    """What to change in a text where a number was expected: quotes around a number, YAML 1.1's
    ``1_250`` (text in YAML 1.2), or thousands separators (``1,250``), by the one number reader."""
    if not isinstance(value, str):
        return ""
    text = value.strip()
    if "_" in text and _numeric(text):
        return f" (write it without underscores: {text.replace('_', '')})"
    if _numeric(text):
        return " (write it without quotes)"
    from rollout.metrics.values import parse_number

    try:
        number = parse_number(text, "")
    except ValueError:
        return ""
    from rollout.tabular.reading import format_number

    return f" (write it as a plain number: {format_number(number)})"


def _choices(expected: str) -> list[str]:
    return _QUOTED.findall(expected)


def plain(error: Any, path: Path = (), vocabulary: Iterable[str] = ()) -> str:
    """One pydantic error (an item of ``ValidationError.errors()``) in plain words.

    ``path`` is where it stands in the data (its last key names an unknown key);
    ``vocabulary`` are the keys allowed there, for "did you mean".
    """
    kind: str = error.get("type", "")
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else ""
        close = close_key(key, list(vocabulary))
        if not close and value is None and " " in key.strip():
            # `{reason: booked late, confirmed by finance}`: the comma ended the text, and the
            # rest became a key without a value
            return (
                "unknown key; a comma inside { } ends a text, so the words after it became a key: "
                f'put the whole text in quotes, as in "…, {key.strip()}"'
            )
        return "unknown key" + (f"; {meant([close])}" if close else "")
    if kind == "missing":
        return "required key is missing"
    if kind == "value_error":
        return str(ctx.get("error", "")) or "not an accepted value"
    if kind in ("string_type", "str_type"):
        if value is None:
            return empty_value(path)
        return f"expected text, not {kind_of(value)} (put it in quotes to keep it as text)"
    if kind in ("float_type", "int_type", "float_parsing", "int_parsing", "int_from_float", "decimal_type"):
        whole = "a whole number" if kind.startswith("int") else "a number"
        return f"expected {whole}, not {_shown(value)}{_number_hint(value)}"
    if kind == "finite_number":
        return "expected a finite number (not nan or infinity)"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, not {_shown(value)}"
    if kind in ("list_type", "tuple_type", "set_type"):
        return f"expected a list, not {kind_of(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type", "mapping_type"):
        return f"expected a mapping, not {kind_of(value)}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return not_a_date(value)
    if kind == "literal_error":
        choices = _choices(str(ctx.get("expected", "")))
        names = [repr(c) for c in choices]
        listed = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else "".join(names)
        close = closest(value, choices) if isinstance(value, str) else None
        hint = f"; {meant([close])}" if close else ""
        return f"expected one of {listed}, not {_shown(value)}{hint}"
    if kind == "string_too_long":
        return f"too long: {len(value) if isinstance(value, str) else '?'} characters, at most {ctx.get('max_length')}"
    if kind == "string_too_short":
        least = ctx.get("min_length")
        return "must not be empty" if least == 1 else f"needs at least {least} characters"
    if kind == "too_long":
        return f"too many items: {ctx.get('actual_length')}, at most {ctx.get('max_length')}"
    if kind == "too_short":
        return f"needs at least {plural(int(ctx.get('min_length') or 0), 'item')}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if "@" in pattern:
            return f"{_shown(value)} is not an email address (name@example.com)"
        if pattern.startswith("^[a-z0-9]"):
            return f"{_shown(value)} is not an id: use lowercase letters, digits and hyphens, e.g. 'ana-lima'"
        if pattern.startswith("^[A-Z]"):
            return f"{_shown(value)} is not a rule code such as OKR201"
        if pattern.startswith("^[a-z]{2}"):
            return f"{_shown(value)} is not a language code such as en or de-CH"
        return f"{_shown(value)} does not have the expected form"
    bounds = {
        "greater_than": ("more than", "gt"),
        "greater_than_equal": ("at least", "ge"),
        "less_than": ("less than", "lt"),
        "less_than_equal": ("at most", "le"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        shown = value if isinstance(value, int | float) and not isinstance(value, bool) else _shown(value)
        return f"must be {words} {ctx.get(key)}, not {shown}"
    return _fallback(str(error.get("msg", "")))


_KEY_BEFORE = re.compile(r"^\s*(?:-\s+)?[^\s#'\"][^:#]*:\s")


def yaml_syntax(context: str | None, problem: str | None, line: str, column: int) -> tuple[str, bool]:
    """A YAML syntax error of PyYAML's scanner or parser in plain words, with what to do.

    ``context``/``problem`` are the error's own texts, ``line`` the text of the line it
    points at and ``column`` (0-based) the place in it. Returns the message and whether
    it should be reported where the construct *started* (PyYAML's context mark: the
    opening quote or bracket) rather than where PyYAML noticed the problem (the end of
    the file, for an unclosed quote). Unknown errors keep PyYAML's words.
    """
    context, problem = context or "", problem or ""
    char = line[column] if 0 <= column < len(line) else ""
    if "tab" in problem or (char == "\t" and "cannot start any token" in problem):
        return "a tab character is used for indenting; indent with spaces", False
    if "cannot start any token" in problem:
        if char in "@`":
            return f"a value cannot start with {char!r}: put the value in quotes", False
        return f"a value cannot start with {char!r} here: put the value in quotes", False
    if "quoted scalar" in context and "end of stream" in problem:
        return "this quoted text is never closed: add the closing quote", True
    if "quoted scalar" in context and "escape" in problem:
        return "unknown escape (\\) in a double-quoted text: use single quotes, or write \\\\", False
    if "mapping values are not allowed" in problem:
        if _KEY_BEFORE.match(line[:column] + " "):
            return (
                "a colon followed by a space inside an unquoted text: put the whole text in quotes "
                '(title: "Grow: the mid-market")',
                False,
            )
        return "this line is indented deeper than the key above it: line it up with that key", False
    if "block mapping" in context and "expected key" in problem:
        if re.search(r"[\"']\s*\S", line[: column + 1]) and line[:column].count('"') + line[:column].count("'") >= 2:
            return "text goes on after a closing quote: put the whole text in the quotes", False
        return "this line is not lined up with the keys above it: check its indentation", False
    if "block collection" in context and "'-'" in problem:
        return "a list item ('- ') was expected here: line it up with the items above it", False
    if "flow sequence" in context:
        return "this list in [ ] is never closed: add the ']' (or put a text with '[' in quotes)", True
    if "flow mapping" in context:
        return "this mapping in { } is never closed: add the '}' (or put a text with '{' in quotes)", True
    if "simple key" in context:
        return "a line without 'key: value' (a colon and a space), or a text broken over two lines: check it", True
    if "block scalar" in context:
        return "after '|' or '>' only a line break (or a comment) may follow; the text goes on the next lines", False
    if "node content" in problem and not char.strip():
        return "the file ends inside a list in [ ] or a mapping in { }: close it (add the ']' or '}')", False
    if "node content" in problem:
        return f"a value cannot start with {char!r} here: put the value in quotes", False
    return (f"{context}, {problem}" if context else problem) or "invalid YAML", False


def not_a_date(value: Any) -> str:
    """Why ``value`` is not a date, in the words used for every date a person writes
    (workspace files, answers files, ``--date``): ``'2026-11-31' is not a day of the
    calendar``, or ``expected a date written YYYY-MM-DD, not …``."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return f"{value.strip()!r} is not a day of the calendar"
    return f"expected a date written YYYY-MM-DD, not {_shown(value)}"


def empty_value(path: Path = ()) -> str:
    """An empty list item (``- `` alone) or an empty value (``key:`` alone) where text belongs."""
    if path and isinstance(path[-1], int):
        return "this item is empty: write the text after the '- ', or delete the line"
    return "no text after the colon: write it there, or delete the line"


def _fallback(msg: str) -> str:
    """Any other pydantic message, with its jargon replaced (kept short: one clause)."""
    msg = msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    msg = re.sub(r"\s*\[type=.*", "", msg)
    msg = re.sub(r"https?://errors\.pydantic\.dev\S*", "", msg)
    for old, new in (
        ("Input should be a valid dictionary", "expected a mapping of keys to values"),
        ("Input should be a valid string", "expected text"),
        ("Input should be a valid number", "expected a number"),
        ("Input should be a valid integer", "expected a whole number"),
        ("Input should be a valid list", "expected a list"),
        ("Input should be", "expected"),
        ("Input", "the value"),
        (", unable to parse string as a number", ""),
    ):
        msg = msg.replace(old, new)
    return msg.strip() or "not an accepted value"


def problems(
    exc: ValidationError, data: Any, vocabulary: Iterable[str] = (), model: type[BaseModel] | None = None
) -> dict[Path, str]:
    """Every problem of ``exc`` (raised validating ``data``) as path → message, one per field.

    Messages at one path are joined with "or"; a union that fails in every branch keeps
    only the deepest problems (where one branch got into the value, the other branch's
    "expected text" is noise) and, per path, the shortest message. An unknown key is
    compared with ``vocabulary`` and with the keys missing beside it (``vaule`` next to a
    missing ``value``: "unknown key; did you mean 'value'?", and the missing key is not
    reported again: one typo, one problem). With ``model`` (the model ``data`` was
    validated by), an unknown key is also compared with the keys of the record it stands
    in (:func:`keys_at`), never with the keys of another kind of record.
    """
    words = list(vocabulary)
    located = []
    missing: dict[Path, list[str]] = {}
    for error in exc.errors():
        loc = tuple(error["loc"])
        # Without the data (a safety net that only has the error), the location is taken as it is.
        path = data_path(data, loc, error) if data is not None else tuple(p for p in loc if not _is_tag(p))
        located.append((path, error))
        if error.get("type") == "missing" and path:
            missing.setdefault(path[:-1], []).append(str(path[-1]))
    found: dict[Path, list[str]] = {}
    typo_of: dict[Path, str] = {}  # an unknown key → the missing key it stands for
    for path, error in located:
        words_here = words
        if error.get("type") == "extra_forbidden" and path:
            own = sorted(keys_at(model, path[:-1])) if model is not None else []
            words_here = [*missing.get(path[:-1], []), *own, *words]
            close = close_key(str(path[-1]), words_here)
            if close in missing.get(path[:-1], []):
                typo_of[path] = str(close)
        message = plain(error, path, words_here)
        if message not in found.setdefault(path, []):
            found[path].append(message)
    for path, key in typo_of.items():
        found.pop((*path[:-1], key), None)
    for path in [p for p in found if any(len(q) > len(p) and q[: len(p)] == p for q in found)]:
        del found[path]
    return {path: min(messages, key=len) for path, messages in found.items()}


def keys_at(model: type[BaseModel], path: Path) -> set[str]:
    """The keys a record at ``path`` inside data of ``model`` may have (``('units', 'sales', 0)``
    of a draft answers file: an objective's keys). A key that is no field (a mapping's own
    key, such as a unit id) and a list index keep the models found so far."""
    models = [model]
    for part in path:
        if isinstance(part, int):
            continue
        deeper = [
            m for each in models if part in each.model_fields for m in _models_in(each.model_fields[part].annotation)
        ]
        if any(part in each.model_fields for each in models):
            models = deeper
    return {key for each in models for key in each.model_fields}


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out: list[type[BaseModel]] = []
    for arg in getattr(annotation, "__args__", ()) or ():
        out += _models_in(arg)
    return out


def summary(exc: ValidationError, data: Any, limit: int = 3) -> str:
    """The first ``limit`` problems of ``exc`` on one line: ``note: too long: …; value: …``."""
    found = problems(exc, data)
    shown = [f"{field_name(path)}: {message}" if path else message for path, message in list(found.items())[:limit]]
    more = len(found) - limit
    return "; ".join(shown) + (f" (and {more} more)" if more > 0 else "")


def field_name(path: Iterable[str | int]) -> str:
    """``('objectives', 0, 'owner')`` → ``objectives[0].owner``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
