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
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from rollout.errors import Problem, WriteError
from rollout.workspace.fileio import atomic_write, check_writable, workspace_lock


def _yaml(mapping: int = 2, sequence: int = 4, offset: int = 2) -> Any:
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
    (yaml or _yaml()).dump(doc, stream)
    return stream.getvalue()


def _load_rt(text: str) -> tuple[Any, Any]:
    from ruamel.yaml.util import load_yaml_guess_indent

    _data, sequence, offset = load_yaml_guess_indent(text)
    sequence = sequence or 4
    offset = offset if offset is not None else 2
    mapping = sequence - offset if sequence > offset else 2
    yaml = _yaml(mapping, sequence, offset)
    return yaml.load(text), yaml


def _check(model: type[BaseModel] | None, doc: Any, relpath: str) -> None:
    if model is None:
        return
    from rollout.workspace.loader import field_name

    try:
        model.model_validate(to_plain(doc))
    except ValidationError as exc:
        problems = [
            Problem(relpath, 0, 0, field_name(tuple(e["loc"])), e["msg"].removeprefix("Value error, "))
            for e in exc.errors()
        ]
        raise WriteError(
            f"refusing to write {relpath}: the result would not be valid ("
            + "; ".join(f"{p.field}: {p.message}" for p in problems[:3])
            + ")"
        ) from None


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
            doc, yaml = _load_rt(text)
            if doc is None:
                doc = CommentedMap()
        else:
            text, doc, yaml = "", CommentedMap(), _yaml()
            if header:
                doc.yaml_set_start_comment(header)
        yield doc
        _check(model, doc, relpath)
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
        doc, yaml = _load_rt(text)
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
        if to_plain(_load_rt(new)[0]) != expected:
            return False
    except Exception:  # the addition did not parse as intended: take the safe path
        return False
    _check(model, CommentedMap(expected), relpath)
    atomic_write(path, new, root=root)
    return True


def write_new(
    root: Path, relpath: str, data: Any, *, header: str | None = None, model: type[BaseModel] | None = None
) -> None:
    """Write a whole file from plain data (replacing any previous content)."""
    doc = to_yaml_value(data)
    if header:
        doc.yaml_set_start_comment(header)
    _check(model, doc, relpath)
    with workspace_lock(root):
        atomic_write(root / relpath, dump(doc), root=root)
