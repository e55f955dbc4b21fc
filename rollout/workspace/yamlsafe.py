"""Reading YAML safely and fast, with the position of every value.

Workspace files are read as YAML 1.2 (core schema: ``yes``/``no``/``on`` are strings,
dates stay strings until the models parse them) from libyaml's event stream, so that:

- nothing but plain data comes out: no tags beyond the standard ones, no aliases
  (no alias bombs), no duplicate keys, nesting at most ``MAX_DEPTH`` deep;
- every mapping value and sequence item has a ``(line, column)`` (1-based), so a
  problem found much later (by pydantic or a quality rule) can name its place;
- bad bytes, empty files and syntax errors become a :class:`~rollout.errors.Problem`
  instead of a traceback.

Building from events is iterative: a hostile file cannot exhaust the stack.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from rollout.errors import Problem

MAX_DEPTH = 48
MAX_BYTES = 64 * 1024 * 1024

Path_ = tuple[str | int, ...]
Positions = dict[Path_, tuple[int, int]]

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {None, "!", *(_STD + t for t in ("str", "int", "float", "bool", "null", "map", "seq"))}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_MAYBE_SPECIAL = set("0123456789+-.~nNtTfF")
# Control characters (but tab, newline and carriage return): only a double-quoted scalar can hold
# them (escaped: "\e[2J"); libyaml refuses them raw. Printed to a terminal they would move the
# cursor, clear the screen or retitle the window, so they are refused at their line.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class YamlProblem(Exception):
    """A file that is not acceptable YAML; carries the :class:`Problem`."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class Parsed:
    """The plain data of one file and where each value stands in it."""

    data: Any
    positions: Positions = field(default_factory=dict)


def resolve_plain(value: str) -> Any:
    """Resolve a plain (unquoted) scalar by the YAML 1.2 core schema."""
    if not value:
        return None
    if value[0] not in _MAYBE_SPECIAL:
        return value
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        return int(value)
    if _OCT.match(value):
        return int(value[2:], 8)
    if _HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    lowered = value.lstrip("+-")
    if lowered in (".inf", ".Inf", ".INF"):
        return -math.inf if value.startswith("-") else math.inf
    if value in (".nan", ".NaN", ".NAN"):
        return math.nan
    return value


def decode(raw: bytes, name: str) -> str:
    """Strict UTF-8 (a BOM is allowed); an invalid byte names its line."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(Problem(name, 1, 1, "", f"file is larger than {MAX_BYTES // 2**20} MiB"))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblem(
            Problem(name, line, col, "", f"invalid UTF-8 byte 0x{raw[exc.start]:02x}; save the file as UTF-8")
        ) from None


def _fail(name: str, mark: Any, message: str) -> YamlProblem:
    line = mark.line + 1 if mark is not None else 1
    col = mark.column + 1 if mark is not None else 1
    return YamlProblem(Problem(name, line, col, "", message))


def _scalar(event: Any, name: str) -> Any:
    tag = event.tag
    if tag not in _ALLOWED_TAGS:
        raise _fail(name, event.start_mark, f"tag {tag!r} is not allowed: workspace files hold plain data")
    value = event.value
    if event.style == '"' and _CONTROL.search(value):
        char = _CONTROL.search(value).group()  # type: ignore[union-attr]
        raise _fail(name, event.start_mark, f"control character U+{ord(char):04X} in a text; remove it")
    if tag is None and not event.style and event.implicit[0]:
        return resolve_plain(value)
    if tag in (None, "!", _STD + "str"):
        return value
    resolved = resolve_plain(value)
    kind = tag[len(_STD) :]
    expected: Any = {"int": int, "float": (int, float), "bool": bool, "null": type(None)}[kind]
    if not isinstance(resolved, expected) or (kind == "int" and isinstance(resolved, bool)):
        raise _fail(name, event.start_mark, f"{value!r} is not a valid !!{kind}")
    return float(resolved) if kind == "float" else resolved


def parse(text: str, name: str) -> Parsed:
    """Parse one YAML document into plain data with positions.

    An empty document gives ``Parsed(None)``; the caller decides if that is an error.
    """
    positions: Positions = {(): (1, 1)}
    # Each frame: [container, path, pending_key (mappings only), key_is_set]
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    try:
        event: Any
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            kind = type(event)
            if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if kind is yaml.ScalarEvent:
                    value: Any = _scalar(event, name)
                else:
                    if event.tag not in _ALLOWED_TAGS:
                        raise _fail(
                            name, event.start_mark, f"tag {event.tag!r} is not allowed: workspace files hold plain data"
                        )
                    value = {} if kind is yaml.MappingStartEvent else []
                mark = event.start_mark
                if not stack:
                    root = value
                    path: Path_ = ()
                else:
                    frame = stack[-1]
                    parent = frame[0]
                    if type(parent) is list:
                        path = (*frame[1], len(parent))
                        parent.append(value)
                        positions[path] = (mark.line + 1, mark.column + 1)
                    elif not frame[3]:
                        if kind is not yaml.ScalarEvent:
                            raise _fail(name, mark, "a key must be a plain value, not a mapping or a list")
                        key = (
                            value
                            if isinstance(value, str)
                            else (
                                "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
                            )
                        )
                        if key in parent:
                            raise _fail(name, mark, f"duplicate key {key!r}")
                        frame[2] = key
                        frame[3] = True
                        positions[(*frame[1], key)] = (mark.line + 1, mark.column + 1)
                        continue
                    else:
                        key = frame[2]
                        path = (*frame[1], key)
                        parent[key] = value
                        frame[3] = False
                if kind is not yaml.ScalarEvent:
                    if len(stack) >= MAX_DEPTH:
                        raise _fail(name, mark, f"nesting deeper than {MAX_DEPTH} levels")
                    stack.append([value, path, None, False])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
            elif kind is yaml.AliasEvent:
                raise _fail(name, event.start_mark, f"alias *{event.anchor} is not allowed: write the value out")
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _fail(name, event.start_mark, "more than one YAML document (---) in one file")
    except yaml.MarkedYAMLError as exc:
        from rollout.workspace.messages import yaml_syntax

        mark = exc.problem_mark or exc.context_mark
        lines = text.splitlines()
        line = lines[mark.line] if mark is not None and 0 <= mark.line < len(lines) else ""
        message, at_start = yaml_syntax(exc.context, exc.problem, line, mark.column if mark is not None else -1)
        raise _fail(name, exc.context_mark if at_start and exc.context_mark else mark, message) from None
    except yaml.YAMLError as exc:  # reader errors (control characters) have no mark object
        raise YamlProblem(Problem(name, 1, 1, "", f"invalid YAML: {exc}")) from None
    return Parsed(root, positions)


def parse_bytes(raw: bytes, name: str) -> Parsed:
    return parse(decode(raw, name), name)
