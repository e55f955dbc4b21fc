"""Placing findings cheaply gives the same findings as placing them the plain way.

`rollout check` places each finding (file, line, column, field) through shortcuts measured
on 2,000 teams: positions searched in their packed form before a file's are unpacked
(:meth:`rollout.workspace.cache.Source._position`), field names remembered per path
(:func:`rollout.rules.engine._field_name`), and OKR305's per-title and per-original memos.
These tests compare them with a fresh computation without the shortcuts.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from rollout.rules import engine
from rollout.rules.base import Finding
from rollout.rules.engine import check_workspace
from rollout.rules.output import as_json, as_sarif, dumps
from rollout.workspace import cache, load
from rollout.workspace.cache import Source, pack_positions, unpack_positions
from rollout.workspace.messages import field_name


@pytest.fixture(scope="module")
def teams_40(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated organization of 40 teams: copied objectives (OKR305), missing fields, reviews."""
    from rollout.demo.generator import write_demo

    root = tmp_path_factory.mktemp("teams") / "org"
    write_demo(root, teams=40, today=date(2026, 11, 24))
    return root


def _outputs(root: Path) -> tuple[str, str]:
    findings = check_workspace(load(root))
    assert len(findings) > 50  # enough to matter: every kind of place below
    as_data = as_json(findings, workspace=root, fail_on="error", failed=False)
    return dumps(as_data, depth=2), dumps(as_sarif(findings, workspace=root), depth=4)


def test_check_output_equals_a_fresh_computation(teams_40: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cheap = _outputs(teams_40)
    monkeypatch.setattr(cache, "_UNPACK_AFTER", 0)  # every lookup through the unpacked dict
    monkeypatch.setattr(engine, "_field_name", field_name)  # spelled out every time
    fresh = _outputs(teams_40)
    assert cheap[0] == fresh[0]
    assert cheap[1] == fresh[1]


def test_check_output_equals_a_fresh_computation_on_the_demo(
    demo_source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    findings = check_workspace(load(demo_source))
    cheap = [(f.file, f.line, f.col, f.field, f.code, f.message, f.hint) for f in findings]
    monkeypatch.setattr(cache, "_UNPACK_AFTER", 0)
    monkeypatch.setattr(engine, "_field_name", field_name)
    fresh = [(f.file, f.line, f.col, f.field, f.code, f.message, f.hint) for f in check_workspace(load(demo_source))]
    assert cheap == fresh


def _paths(source: Source) -> list[tuple[str | int, ...]]:
    """Every located path of a file, the parents of each, and paths that are not in it."""
    positions = unpack_positions(source._packed) if source._packed is not None else {}
    out: list[tuple[str | int, ...]] = []
    for key in positions:
        parts = tuple(int(p[1:]) if p.startswith("#") else p for p in key.split(cache._PART)) if key else ()
        out += [parts, (*parts, "missing"), (*parts, 99)]
    return [*out, (), ("nowhere",), ("objectives", 1000, "title")]


def test_packed_lookups_equal_the_unpacked_positions(teams_40: Path) -> None:
    """Every path of every file, searched packed and looked up unpacked: the same (line, column)."""
    ws = load(teams_40)
    checked = 0
    for rel, source in ws.sources.items():
        if source._packed is None:
            continue
        for path in _paths(source):
            searched = Source(rel, None, source.sha, None, None, source._packed)
            unpacked = Source(rel, None, source.sha, unpack_positions(source._packed))
            assert searched.locate(path) == unpacked.locate(path), (rel, path)
            assert searched._positions is None  # answered from the packed form
            checked += 1
    assert checked > 1000


def test_many_lookups_in_one_file_switch_to_the_dict() -> None:
    packed = pack_positions({("a",): (1, 1), ("a", 0): (2, 3), ("b",): (4, 5)})
    source = Source("f.yaml", None, "", None, None, packed)
    for _ in range(cache._UNPACK_AFTER):
        assert source.locate(("a", 0)) == (2, 3)
    assert source._positions is None
    assert source.locate(("b", "x")) == (4, 5)
    assert source._positions is not None and source._packed is None


def test_a_repeated_key_gives_what_the_dict_gives() -> None:
    """Two paths that flatten alike (an int index and a "#0" key): the dict keeps the last."""
    packed = pack_positions({("a", 0): (2, 3), ("a", "#0"): (7, 9)})
    assert unpack_positions(packed)[cache._key(("a", 0))] == 7 << 16 | 9
    assert Source("f.yaml", None, "", None, None, packed).locate(("a", 0)) == (7, 9)


def test_an_empty_path_and_empty_positions() -> None:
    assert Source("f.yaml", None, "", None, None, ("", b"")).locate(("x",)) == (1, 1)
    packed = pack_positions({(): (1, 1), ("x",): (3, 1)})
    assert Source("f.yaml", None, "", None, None, packed).locate(()) == (1, 1)
    assert Source("f.yaml", None, "", None, None, packed).locate(("x", "y")) == (3, 1)


def test_packed_positions_that_do_not_match_are_left_to_unpack() -> None:
    """A key holding the separator cannot be searched: unpacking raises as it always did."""
    keys, values = pack_positions({("a",): (1, 1), ("b",): (2, 1)})
    broken = Source("f.yaml", None, "", None, None, (keys + cache._ITEM + "c", values))
    with pytest.raises(ValueError):
        broken.locate(("a",))


def test_the_collector_is_paused_only_while_the_rules_run(demo_source: Path) -> None:
    """`run_rules` pauses the cyclic garbage collector and leaves it as it found it."""
    import gc

    ws = load(demo_source)
    assert gc.isenabled()
    seen: list[bool] = []
    original = engine._findings

    def spy(*args: Any, **kwargs: Any) -> list[Finding]:
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "_findings", spy)
        enabled_after = check_workspace(ws)
        assert gc.isenabled()
        gc.disable()
        try:
            disabled_after = check_workspace(ws)
            assert not gc.isenabled()
        finally:
            gc.enable()
    assert seen and not any(seen)
    assert enabled_after == disabled_after
