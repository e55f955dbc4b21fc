"""The load's shortcuts give what a fresh computation gives.

- :meth:`rollout.workspace.cache.ParseCache.sha` takes the ``stat`` that
  :meth:`~rollout.workspace.cache.ParseCache.prime` made of the same file: every
  file's hash must still be the hash of its bytes.
- A check-in file whose key results and authors are all fine is checked once per
  distinct value, not per row (``unit_files._all_at_home``): the same check-ins, and on bad
  input the same problems, as checking every row.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from rollout.errors import LoadError
from rollout.workspace import cache as cache_module
from rollout.workspace import load, unit_files


def test_every_hash_is_the_hash_of_the_bytes(demo_copy: Path) -> None:
    """Same-named files in several cycles (``okrs/<cycle>/<unit>.yaml``) each get their own stat."""
    load(demo_copy)  # the index is now filled
    for rel in ("okrs", "checkins"):
        for folder in sorted((demo_copy / rel).iterdir()):
            for path in sorted(folder.iterdir()):
                path.write_bytes(path.read_bytes() + b"\n# touched\n")  # new content, new size
                break
    primed: list[str] = []
    prime = cache_module.ParseCache.prime

    def spy(self: cache_module.ParseCache, relpaths: list[str], **kwargs: object) -> None:
        prime(self, relpaths, threshold=10**9)  # stat every file, fork nothing
        primed.extend(self._stats)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cache_module.ParseCache, "prime", spy)
        ws = load(demo_copy)
    assert len(primed) > 50
    for rel, source in ws.sources.items():
        assert source.sha == hashlib.sha256((demo_copy / rel).read_bytes()).hexdigest(), rel


def _checkins(root: Path) -> dict[str, list[object]]:
    return {kr: list(items) for kr, items in load(root).checkins.items()}


def test_checkins_equal_checking_every_row(demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    once = _checkins(demo_copy)
    monkeypatch.setattr(unit_files, "_all_at_home", lambda *args: False)
    assert once == _checkins(demo_copy)
    assert sum(map(len, once.values())) > 100


def _problems(root: Path) -> list[tuple[str, int, int, str, str]]:
    shutil.rmtree(root / ".rollout", ignore_errors=True)
    with pytest.raises(LoadError) as caught:
        load(root)
    return [(p.file, p.line, p.col, p.field, p.message) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("author: ", "author: nobody-known-\n  # "),  # an unknown author
        ("kr: ", "kr: no-such-key-result\n  # "),  # an unknown key result
    ],
)
def test_bad_rows_give_the_same_problems(demo_copy: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str) -> None:
    folder = sorted((demo_copy / "checkins").iterdir())[-1]
    path = sorted(folder.iterdir())[0]
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    once = _problems(demo_copy)
    monkeypatch.setattr(unit_files, "_all_at_home", lambda *args: False)
    assert once == _problems(demo_copy)
    assert once


def test_a_check_in_filed_under_another_unit(demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows of one unit's key result in another unit's file: "belongs in …", row by row."""
    folder = sorted((demo_copy / "checkins").iterdir())[-1]
    first, second = sorted(folder.iterdir())[:2]
    rows = second.read_text(encoding="utf-8").split("checkins:\n", 1)[1]
    with first.open("a", encoding="utf-8") as handle:
        handle.write(rows)
    once = _problems(demo_copy)
    monkeypatch.setattr(unit_files, "_all_at_home", lambda *args: False)
    assert once == _problems(demo_copy)
    assert any("belongs in" in message for *_place, message in once)
    assert os.fspath(first.relative_to(demo_copy)) in {file for file, *_rest in once}


def test_only_the_workspace_loaded_last_is_kept(demo_copy: Path, make_ws: Callable[..., Path]) -> None:
    """`load` keeps one reference, to the workspace it returned last (never an earlier one)."""
    from rollout.workspace import loader

    first = load(demo_copy)
    assert len(loader._LAST) == 1 and loader._LAST[0] is first
    second = load(make_ws())
    assert len(loader._LAST) == 1 and loader._LAST[0] is second
