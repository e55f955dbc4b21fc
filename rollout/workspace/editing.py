"""Writing workspace files without losing what people wrote by hand.

Files are edited round-trip (ruamel.yaml): comments, key order, quoting and the
file's own indentation survive, so appending a record changes only the appended
lines and ``git diff`` stays an honest audit trail. Every edit holds the
workspace lock for its read-modify-write, is checked against the file's model
before anything is written, and is written atomically.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from rollout.errors import WriteError
from rollout.workspace.fileio import atomic_write, check_writable, workspace_lock


def new_yaml(mapping: int = 2, sequence: int = 4, offset: int = 2) -> Any:
    """A round-trip ``ruamel.yaml.YAML`` that writes as the tool does: quotes kept, no line
    wrapping, never an alias, and the given indentation (``mapping``, ``sequence``, ``offset``
    in spaces, as ruamel's ``YAML.indent``)."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    # The loader refuses aliases, so never write one (ruamel would for a value shared by two records).
    yaml.representer.ignore_aliases = lambda _data: True
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def to_plain(node: Any) -> Any:
    """ruamel's commented containers → plain dicts, lists and scalars."""
    if isinstance(node, dict):
        return {str(k): to_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if isinstance(node, date):
        return node.isoformat()
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node


def to_yaml_value(value: Any) -> Any:
    """Plain Python data (e.g. ``model_dump()``) → values ruamel writes idiomatically."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, BaseModel):
        value = value.model_dump(mode="python", exclude_defaults=True)
    elif isinstance(value, tuple) and hasattr(value, "_asdict"):  # a NamedTuple record such as CheckIn
        defaults = getattr(value, "_field_defaults", {})
        value = {k: v for k, v in value._asdict().items() if k not in defaults or v != defaults[k]}
    if isinstance(value, dict):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = to_yaml_value(item)
        return out
    if isinstance(value, list | tuple):
        return CommentedSeq([to_yaml_value(v) for v in value])
    if isinstance(value, str) and "\n" in value.strip():
        return LiteralScalarString(value.rstrip("\n") + "\n")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def dump(doc: Any, yaml: Any | None = None) -> str:
    stream = io.StringIO()
    (yaml or new_yaml()).dump(doc, stream)
    return stream.getvalue()


_LIST_START = re.compile(r"^[A-Za-z_][\w-]*:[ \t]*(?:#.*)?\n(?P<dash>[ ]*)- (?P<key>[A-Za-z_][\w-]*:)", re.M)


def load_round_trip(text: str, *, quick: bool = False) -> tuple[Any, Any]:
    """``(document, yaml)``: ``text`` parsed round-trip, and a dumper with the file's own indentation.

    The indentation is guessed by ruamel (which parses the text a second time). With
    ``quick`` (files that are one list of mappings under a key: people, units, phases,
    cycles), the first list item shows it and the text is parsed once: measured 5.4 s per
    guess on a 2,000-person people.yaml on this (shared, loaded) machine. Raises ruamel's
    parse errors (the caller's file was loaded and checked before).
    """
    if quick:
        match = _LIST_START.search(text)
        if match is not None:
            offset = len(match.group("dash"))
            yaml = new_yaml(2, offset + 2, offset)  # as below: mapping = sequence - offset
            return yaml.load(text), yaml
    from ruamel.yaml.util import load_yaml_guess_indent

    _data, sequence, offset = load_yaml_guess_indent(text)
    sequence = sequence or 4
    offset = offset if offset is not None else 2
    mapping = sequence - offset if sequence > offset else 2
    yaml = new_yaml(mapping, sequence, offset)
    return yaml.load(text), yaml


def check_model(model: type[BaseModel] | None, doc: Any, relpath: str) -> None:
    """Check a staged document against the model of its file before it is written.

    ``doc`` is a round-trip document (or plain data); raises :class:`WriteError` naming
    ``relpath`` and up to three fields, in plain words (:mod:`rollout.workspace.messages`).
    """
    if model is None:
        return
    from rollout.workspace import messages

    data = to_plain(doc)
    try:
        model.model_validate(data)
    except ValidationError as exc:
        found = messages.problems(exc, data)
        raise WriteError(
            f"refusing to write {relpath}: the result would not be valid ("
            + "; ".join(f"{messages.field_name(path)}: {message}" for path, message in list(found.items())[:3])
            + ")"
        ) from None


_check, _load_rt, _yaml = check_model, load_round_trip, new_yaml  # former names


@contextlib.contextmanager
def edit(root: Path, relpath: str, *, model: type[BaseModel] | None = None, header: str | None = None) -> Iterator[Any]:
    """Edit one file round-trip under the workspace lock; written only if it changed.

    ``header`` is a comment put at the top of a file that does not exist yet.
    """
    from ruamel.yaml.comments import CommentedMap

    path = root / relpath
    with workspace_lock(root):
        check_writable(path, root)
        if path.exists():
            text = path.read_text(encoding="utf-8-sig")
            doc, yaml = load_round_trip(text)
            if doc is None:
                doc = CommentedMap()
        else:
            text, doc, yaml = "", CommentedMap(), new_yaml()
            if header:
                doc.yaml_set_start_comment(header)
        yield doc
        check_model(model, doc, relpath)
        new = dump(doc, yaml)
        if new != text:
            atomic_write(path, new, root=root)


def append(
    root: Path,
    relpath: str,
    key: str,
    records: list[Any],
    *,
    model: type[BaseModel] | None = None,
    header: str | None = None,
) -> None:
    """Append records to the list under ``key`` (created if missing).

    When that list ends the file (a check-in file always does), the new records are
    written after the file's last line and nothing before it is touched: ruamel keeps
    comments and key order, but re-indents block scalars (a multi-line note written by
    hand with its own indentation) when it dumps the whole document. The appended text
    is checked by parsing the result back; anything else falls back to a round-trip edit.
    """
    from ruamel.yaml.comments import CommentedSeq

    with workspace_lock(root):
        if _append_text(root, relpath, key, records, model):
            return
        with edit(root, relpath, model=model, header=header) as doc:
            if doc.get(key) is None:
                doc[key] = CommentedSeq()
            for record in records:
                doc[key].append(to_yaml_value(record))


def _append_text(root: Path, relpath: str, key: str, records: list[Any], model: type[BaseModel] | None) -> bool:
    """Append by adding lines at the end of the file; False when that is not possible or not exact."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    path = root / relpath
    check_writable(path, root)
    if not path.is_file() or not records:
        return False
    text = path.read_text(encoding="utf-8-sig")
    try:
        doc, yaml = load_round_trip(text)
    except Exception:  # any parse problem: the round-trip path reports it
        return False
    if not isinstance(doc, dict) or not doc or list(doc)[-1] != key:
        return False
    items = doc[key]
    if not isinstance(items, CommentedSeq) or not items or items.fa.flow_style():
        return False
    addition = CommentedMap()
    addition[key] = CommentedSeq([to_yaml_value(r) for r in records])
    lines = dump(addition, yaml).splitlines(keepends=True)
    if not lines or lines[0].strip() != f"{key}:":
        return False
    new = text + ("" if text.endswith("\n") else "\n") + "".join(lines[1:])
    expected = to_plain(doc)
    expected[key] = [*expected[key], *to_plain(addition[key])]
    try:
        if to_plain(load_round_trip(new)[0]) != expected:
            return False
    except Exception:  # the addition did not parse as intended: take the safe path
        return False
    check_model(model, CommentedMap(expected), relpath)
    atomic_write(path, new, root=root)
    return True


def new_text(relpath: str, data: Any, *, header: str | None = None, model: type[BaseModel] | None = None) -> str:
    """The text of a whole new file from plain data, checked against ``model`` (:class:`WriteError`)."""
    doc = to_yaml_value(data)
    if header:
        doc.yaml_set_start_comment(header)
    check_model(model, doc, relpath)
    return dump(doc)


def write_new(
    root: Path, relpath: str, data: Any, *, header: str | None = None, model: type[BaseModel] | None = None
) -> None:
    """Write a whole file from plain data (replacing any previous content)."""
    text = new_text(relpath, data, header=header, model=model)
    with workspace_lock(root):
        atomic_write(root / relpath, text, root=root)
